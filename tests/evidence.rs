//! Native tests of the program evidence library: its edits undo and redo exactly (a deleted
//! item's "shared with" links come back with it), a contact may only name evidence on the map,
//! files of version 3 open with an empty library and files of version 4 carry it (dangling
//! links and numbers written as text are repaired and said), merging brings a colleague's items
//! by id with the newer edit winning, redacted copies keep figures and not text, the evidence
//! sheet says where a metric stands and whom it was shared with, the stored form rewrites only
//! the evidence part after an evidence edit, and a leader is offered what suits them and was not
//! yet shared with them first.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format::stored::{read_stored, unpack, PartWriter, Serial};
use stakemap::format::{self};
use stakemap::model::*;
use std::collections::HashMap;
use std::path::Path;

mod support;

use support::maps::{at, content, edited, example, person};
use support::{by_name, T0};

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn amount(v: f64) -> Option<Amount> {
    Some(Amount::new(v).expect("a finite number"))
}

fn day(y: i32, m: u8, d: u8) -> LocalDate {
    LocalDate::from_ymd(y, m, d).expect("a real date")
}

fn id(text: &str) -> EvidenceId {
    EvidenceId::parse(text).expect("a valid id")
}

/// A metric with these values; the rest empty.
fn metric(title: &str, baseline: f64, current: f64, target: f64) -> EvidenceFields {
    EvidenceFields {
        kind: EvidenceKind::Metric,
        title: title.into(),
        unit: "%".into(),
        baseline: amount(baseline),
        current: amount(current),
        target: amount(target),
        answers: vec![RootCause::ValueNotVisible],
        ..EvidenceFields::blank()
    }
}

/// A story with this title and summary; the rest empty.
fn story(title: &str, summary: &str) -> EvidenceFields {
    EvidenceFields {
        kind: EvidenceKind::Story,
        title: title.into(),
        summary: summary.into(),
        answers: vec![RootCause::PastDisappointments],
        ..EvidenceFields::blank()
    }
}

fn item(ids: &mut SequentialIds, fields: EvidenceFields) -> Evidence {
    Evidence {
        id: EvidenceId(ids.next_uuid()),
        fields,
        created_at: T0,
        updated_at: T0,
    }
}

/// A contact with `who` on `date` that shared `evidence`.
fn contact(
    ids: &mut SequentialIds,
    who: StakeholderId,
    date: LocalDate,
    evidence: Option<EvidenceId>,
) -> Touchpoint {
    Touchpoint {
        id: TouchpointId(ids.next_uuid()),
        stakeholder: who,
        date,
        channel: Channel::Meeting,
        sentiment: Sentiment::Neutral,
        evidence,
        created_at: T0,
        ..Touchpoint::blank()
    }
}

/// The library without the times of last change (an undo is an edit stamped when it is made):
/// each item's id, fields and when it was added, in the library's order.
fn library(m: &StakeMap) -> Vec<(EvidenceId, EvidenceFields, Timestamp)> {
    m.evidence()
        .map(|e| (e.id, e.fields.clone(), e.created_at))
        .collect()
}

/// Everything a map holds, without the times of last change.
fn everything(
    m: &StakeMap,
) -> (
    support::maps::Content,
    Vec<(EvidenceId, EvidenceFields, Timestamp)>,
) {
    (content(m), library(m))
}

fn the_map(w: &Workspace, map: MapId) -> StakeMap {
    w.map(map).cloned().expect("the map is still there")
}

/// Applies `op` at `minute`, checks that its undo gives back exactly the state before it and
/// that redoing gives back exactly the state after it; leaves the workspace after the op.
fn step_undoes_and_redoes(w: &mut Workspace, map: MapId, op: Op, minute: i64) {
    let before = the_map(w, map);
    let undo = w.inverse_of(&op).expect("the edit can be undone");
    w.apply(op, at(minute)).expect("the edit applies");
    let after = the_map(w, map);
    assert_ne!(
        everything(&after),
        everything(&before),
        "the edit changed something"
    );
    let redo = w.inverse_of(&undo).expect("the undo can be redone");
    w.apply(undo, at(minute + 1)).expect("the undo applies");
    assert_eq!(everything(&the_map(w, map)), everything(&before), "undone");
    w.apply(redo, at(minute + 2)).expect("the redo applies");
    assert_eq!(everything(&the_map(w, map)), everything(&after), "redone");
}

// ----- undo and redo -----

#[test]
fn adding_editing_and_deleting_a_metric_each_undo_to_exactly_the_state_before() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let mut w = Workspace::from_maps(vec![map.clone()]);
    let added = item(&mut ids, metric("Coaching sessions held", 0.0, 40.0, 60.0));
    let new_id = added.id;

    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::AddEvidence {
            map: map.id,
            item: added,
        },
        1,
    );
    let m = the_map(&w, map.id);
    assert_eq!(m.evidence().len(), map.evidence().len() + 1);
    assert_eq!(
        m.evidence().last().map(|e| e.id),
        Some(new_id),
        "added at the end"
    );

    let mut fields = m.evidence_item(new_id).unwrap().fields.clone();
    fields.current = amount(52.5);
    fields.current_date = Some(day(2026, 11, 20));
    fields.notes = "Counted from the coaches' calendars".into();
    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::EditEvidence {
            map: map.id,
            id: new_id,
            fields: fields.clone(),
        },
        10,
    );
    assert_eq!(
        the_map(&w, map.id).evidence_item(new_id).map(|e| &e.fields),
        Some(&fields),
        "the edit is there after the redo"
    );

    // An item in the middle of the library goes back to its place.
    let middle = map.evidence().nth(2).unwrap().id;
    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::DeleteEvidence {
            map: map.id,
            id: middle,
        },
        20,
    );
    assert!(the_map(&w, map.id).evidence_item(middle).is_none());
}

#[test]
fn deleting_shared_evidence_clears_the_links_and_undo_puts_back_the_item_and_the_links() {
    let mut ids = SequentialIds::starting_at(1);
    let base = example(&mut ids);
    let marcus = by_name(&base, "Marcus Feld");
    let dana = by_name(&base, "Dana Ortiz");
    let engagement = base
        .evidence()
        .find(|e| e.fields.title == "Engagement score in coached teams")
        .unwrap()
        .id;
    // Shared once already (with Marcus); share it with Dana too.
    let with_dana = contact(&mut ids, dana, day(2026, 11, 20), Some(engagement));
    let map = edited(
        &base,
        vec![(
            1,
            Op::LogTouchpoint {
                map: base.id,
                touchpoint: with_dana.clone(),
            },
        )],
    );
    let sharers: Vec<TouchpointId> = map
        .touchpoints()
        .filter(|t| t.evidence == Some(engagement))
        .map(|t| t.id)
        .collect();
    assert_eq!(sharers.len(), 2, "{sharers:?}");
    assert!(sharers.contains(&with_dana.id));
    let others_links: Vec<(TouchpointId, Option<EvidenceId>)> = map
        .touchpoints()
        .filter(|t| !sharers.contains(&t.id))
        .map(|t| (t.id, t.evidence))
        .collect();
    assert!(
        others_links.iter().any(|(_, e)| e.is_some()),
        "another item is shared too"
    );

    let mut w = Workspace::from_maps(vec![map.clone()]);
    let delete = Op::DeleteEvidence {
        map: map.id,
        id: engagement,
    };
    let undo = w.inverse_of(&delete).expect("it can be deleted");
    w.apply(delete, at(2)).expect("deleted");
    let gone = the_map(&w, map.id);
    assert!(gone.evidence_item(engagement).is_none());
    assert_eq!(
        gone.touchpoints().len(),
        map.touchpoints().len(),
        "the contacts stay in the log"
    );
    for t in gone.touchpoints() {
        assert_ne!(
            t.evidence,
            Some(engagement),
            "no contact names the deleted item"
        );
    }
    assert!(gone.shared_with(marcus).is_empty());
    // Links to other items are untouched.
    for (t, e) in &others_links {
        assert_eq!(gone.touchpoint(*t).map(|t| t.evidence), Some(*e));
    }
    // A file written now reads back with nothing to repair: no link dangles.
    let read = format::read_text(&format::to_json(&gone, at(3)), at(3)).unwrap();
    assert_eq!(read.repairs, Vec::<String>::new());

    w.apply(undo, at(4)).expect("put back");
    let back = the_map(&w, map.id);
    assert_eq!(everything(&back), everything(&map));
    assert_eq!(
        back.evidence().next().map(|e| e.id),
        Some(engagement),
        "first, as it was"
    );
    let mut shared_now: Vec<TouchpointId> =
        back.shares_of(engagement).iter().map(|t| t.id).collect();
    shared_now.sort();
    let mut expected = sharers.clone();
    expected.sort();
    assert_eq!(shared_now, expected, "both contacts name it again");
    assert_eq!(
        back.shared_with(marcus)
            .iter()
            .map(|(_, e)| e.id)
            .collect::<Vec<_>>(),
        vec![engagement]
    );
}

#[test]
fn a_contact_naming_evidence_that_is_not_on_the_map_is_logged_without_the_link() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let dana = by_name(&map, "Dana Ortiz");
    let mut w = Workspace::from_maps(vec![map.clone()]);
    let missing = EvidenceId(ids.next_uuid());
    assert!(map.evidence_item(missing).is_none());
    let t = contact(&mut ids, dana, day(2026, 11, 20), Some(missing));
    // What was typed is kept: the contact goes in, without a link to nothing.
    w.apply(
        Op::LogTouchpoint {
            map: map.id,
            touchpoint: t.clone(),
        },
        at(1),
    )
    .unwrap();
    let logged = the_map(&w, map.id).touchpoint(t.id).cloned().unwrap();
    assert_eq!(logged.evidence, None);
    assert_eq!(
        (logged.note.as_str(), logged.date),
        (t.note.as_str(), t.date)
    );
    w.apply(
        Op::DeleteTouchpoint {
            map: map.id,
            id: t.id,
        },
        at(1),
    )
    .unwrap();

    // An item deleted since is refused the same way.
    let first = map.evidence().next().unwrap().id;
    w.apply(
        Op::DeleteEvidence {
            map: map.id,
            id: first,
        },
        at(2),
    )
    .unwrap();
    // An item deleted since (in another tab, or by an undo while the form was open): the
    // contact is logged the same way.
    let late = Touchpoint {
        evidence: Some(first),
        ..contact(&mut ids, dana, day(2026, 11, 21), None)
    };
    w.apply(
        Op::LogTouchpoint {
            map: map.id,
            touchpoint: late.clone(),
        },
        at(3),
    )
    .unwrap();
    assert_eq!(
        the_map(&w, map.id).touchpoint(late.id).map(|t| t.evidence),
        Some(None)
    );

    // Naming an item that is there is accepted.
    let second = map.evidence().nth(1).unwrap().id;
    let ok = Touchpoint {
        evidence: Some(second),
        ..t
    };
    w.apply(
        Op::LogTouchpoint {
            map: map.id,
            touchpoint: ok.clone(),
        },
        at(4),
    )
    .expect("logged");
    assert_eq!(
        the_map(&w, map.id)
            .touchpoint(ok.id)
            .and_then(|t| t.evidence),
        Some(second)
    );
}

// ----- files -----

#[test]
fn a_version_3_file_opens_with_an_empty_library_and_is_written_back_as_the_current_version() {
    let text = fixture("good/progress-v3.stakemap.json");
    let read = format::read_text(&text, T0).expect("it opens");
    assert_eq!(read.repairs, Vec::<String>::new());
    let map = read.map;
    assert_eq!(map.len(), 4, "the people are all there");
    assert_eq!(map.evidence().len(), 0);
    assert!(map.touchpoints().all(|t| t.evidence.is_none()));
    assert!(map
        .actions()
        .all(|a| a.fields.measure.is_empty() && a.fields.measure_result.is_none()));

    let written = format::to_value(&map, at(1));
    assert_eq!(written["version"], format::CURRENT_VERSION);
    assert_eq!(written["evidence"], serde_json::json!([]));
    let again = format::read_text(&format::to_json(&map, at(1)), at(1)).unwrap();
    assert_eq!(again.repairs, Vec::<String>::new());
    assert_eq!(again.map, map);
}

const RUI: &str = "4e000000-0000-4000-8000-0000000000a1";
const METRIC: &str = "4e000000-0000-4000-8000-000000000301";
const STORY: &str = "4e000000-0000-4000-8000-000000000302";

#[test]
fn the_evidence_fixture_reads_with_its_metric_story_shared_contact_and_agreed_measure() {
    let read = format::read_text(&fixture("good/evidence-v4.stakemap.json"), T0).unwrap();
    assert_eq!(read.repairs, Vec::<String>::new());
    let map = read.map;
    let rui = StakeholderId::parse(RUI).unwrap();
    assert_eq!(map.evidence().len(), 2);

    let m = map.evidence_item(id(METRIC)).expect("the metric");
    assert_eq!(m.fields.kind, EvidenceKind::Metric);
    assert_eq!(m.fields.title, "Engagement score");
    assert_eq!(m.fields.unit, "%");
    assert_eq!(m.fields.baseline, amount(64.0));
    assert_eq!(m.fields.baseline_date, Some(day(2026, 6, 1)));
    assert_eq!(m.fields.current, amount(71.5));
    assert_eq!(m.fields.current_date, Some(day(2026, 11, 1)));
    assert_eq!(m.fields.target, amount(75.0));
    assert_eq!(m.fields.source, "Quarterly pulse survey");
    assert_eq!(m.fields.answers, [RootCause::ValueNotVisible]);
    assert_eq!(m.fields.tags, ["engagement"]);
    assert_eq!(m.standing(), Standing::Toward, "64 → 71.5 on the way to 75");
    assert_eq!(m.created_at.to_rfc3339(), "2026-09-02T09:00:00.000Z");
    assert_eq!(m.updated_at.to_rfc3339(), "2026-11-02T09:00:00.000Z");

    let s = map.evidence_item(id(STORY)).expect("the story");
    assert_eq!(s.fields.kind, EvidenceKind::Story);
    assert_eq!(s.fields.title, "Sales pilot in Porto");
    assert_eq!(s.fields.summary, "Six managers coached for four months.");
    assert_eq!(s.fields.figures, "Ramp-up 94 to 78 days");
    assert_eq!(s.fields.quote, "I stopped firefighting.");
    assert_eq!(s.fields.source, "Regional sales director");
    assert_eq!(
        s.fields.answers,
        [RootCause::RolePressure, RootCause::PastDisappointments],
        "in the app's order of causes"
    );
    assert_eq!(s.fields.tags, ["sales", "pilot"]);
    assert_eq!(s.fields.notes, "Ask before naming the team.");
    assert_eq!(s.fields.baseline, None);

    let c = map.touchpoints().next().unwrap();
    assert_eq!(c.evidence, Some(id(STORY)));
    assert_eq!(
        map.shares_of(id(STORY))
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        [c.id]
    );
    assert!(map.shares_of(id(METRIC)).is_empty());
    let shared: Vec<(LocalDate, &str)> = map
        .shared_with(rui)
        .iter()
        .map(|(t, e)| (t.date, e.fields.title.as_str()))
        .collect();
    assert_eq!(shared, [(day(2026, 11, 10), "Sales pilot in Porto")]);

    let a = map.actions().next().unwrap();
    assert_eq!(a.fields.measure, "Regretted attrition in the pilot team, %");
    assert_eq!(a.fields.measure_baseline, amount(18.0));
    assert_eq!(a.fields.measure_target, amount(12.0));
    assert_eq!(a.fields.measure_result, amount(12.5));

    // Written back, it reads as the same map.
    let again = format::read_text(&format::to_json(&map, at(1)), at(1)).unwrap();
    assert_eq!(again.repairs, Vec::<String>::new());
    assert_eq!(again.map, map);
}

#[test]
fn a_link_to_missing_evidence_and_a_value_written_as_text_are_repaired_and_said() {
    let text = fixture("repairable/evidence-dangling-link-and-text-number.json");
    let read = format::read_text(&text, T0).expect("it opens, repaired");
    assert_eq!(
        read.repairs,
        [
            "Current value of evidence item 1 was the text \"72\"; read as the number 72.",
            "Evidence shared of contact 1 named evidence that is not in the file; the link was \
             removed.",
        ]
    );
    let map = read.map;
    assert_eq!(map.touchpoints().len(), 1, "the contact stays in the log");
    assert_eq!(map.touchpoints().next().unwrap().evidence, None);
    let m = map.evidence_item(id(METRIC)).unwrap();
    assert_eq!(m.fields.current, amount(72.0));
    assert_eq!(m.fields.baseline, amount(64.0));
    // Repaired, it reads back with nothing left to repair.
    let again = format::read_text(&format::to_json(&map, at(1)), at(1)).unwrap();
    assert_eq!(again.repairs, Vec::<String>::new());
    assert_eq!(again.map, map);
}

#[test]
fn an_unknown_kind_and_a_repeated_evidence_id_are_refused_saying_where() {
    for (file, expected) in [
        (
            "bad/evidence-unknown-kind.json",
            "evidence[0].kind: \"chart\" is not one of metric, story",
        ),
        (
            "bad/evidence-duplicate-ids.json",
            "evidence[1].id: the same id as evidence[0]",
        ),
    ] {
        let err = format::parse(&fixture(file), T0).expect_err(file);
        let shown = err.to_string();
        assert!(
            shown.contains(expected),
            "{file}: expected “{expected}” in:\n{shown}"
        );
    }
}

// ----- merge -----

#[test]
fn merging_brings_their_new_story_and_newer_metric_edit_and_keeps_their_contacts_link() {
    let mut ids = SequentialIds::starting_at(1);
    let base = example(&mut ids);
    let grace = by_name(&base, "Grace Lindqvist");
    let attrition = base
        .evidence()
        .find(|e| e.fields.title == "Regretted attrition in pilot teams")
        .unwrap()
        .clone();
    // I edit the metric first; they edit it later.
    let mut my_fields = attrition.fields.clone();
    my_fields.notes = "Check with HR before quoting".into();
    let mine = edited(
        &base,
        vec![(
            10,
            Op::EditEvidence {
                map: base.id,
                id: attrition.id,
                fields: my_fields,
            },
        )],
    );
    let new_story = item(
        &mut ids,
        story(
            "Finance team pilot",
            "The controllers asked for a second cohort.",
        ),
    );
    let mut their_fields = attrition.fields.clone();
    their_fields.current = amount(12.5);
    their_fields.current_date = Some(day(2026, 11, 20));
    let shared = contact(&mut ids, grace, day(2026, 11, 21), Some(new_story.id));
    let theirs = edited(
        &base,
        vec![
            (
                20,
                Op::AddEvidence {
                    map: base.id,
                    item: new_story.clone(),
                },
            ),
            (
                21,
                Op::EditEvidence {
                    map: base.id,
                    id: attrition.id,
                    fields: their_fields.clone(),
                },
            ),
            (
                22,
                Op::LogTouchpoint {
                    map: base.id,
                    touchpoint: shared.clone(),
                },
            ),
        ],
    );

    let preview = MergePreview::between(&mine, &theirs);
    assert_eq!(preview.new_evidence, 1);
    assert_eq!(preview.updated_evidence, 1);
    assert!(!preview.is_empty());

    let merged = merge(&mine, &theirs, &preview.default_choices(), at(30));
    assert_eq!(merged.evidence().len(), base.evidence().len() + 1);
    assert_eq!(
        merged.evidence_item(new_story.id).map(|e| &e.fields),
        Some(&new_story.fields)
    );
    assert_eq!(
        merged.evidence_item(attrition.id).map(|e| &e.fields),
        Some(&their_fields),
        "their later edit wins"
    );
    for e in base.evidence().filter(|e| e.id != attrition.id) {
        assert_eq!(
            merged.evidence_item(e.id).map(|m| &m.fields),
            Some(&e.fields)
        );
    }
    assert_eq!(
        merged.touchpoint(shared.id).and_then(|t| t.evidence),
        Some(new_story.id),
        "their contact still names their story"
    );
    assert_eq!(
        merged
            .shared_with(grace)
            .iter()
            .map(|(_, e)| e.id)
            .collect::<Vec<_>>(),
        [new_story.id]
    );
    // The links of my copy are kept too.
    for t in mine.touchpoints() {
        assert_eq!(
            merged.touchpoint(t.id).map(|m| m.evidence),
            Some(t.evidence)
        );
    }
    // The merged map's file reads back as it is.
    let read = format::read_text(&format::to_json(&merged, at(31)), at(31)).unwrap();
    assert_eq!(read.repairs, Vec::<String>::new());
    assert_eq!(read.map, merged);
    // Merging again brings nothing new.
    let again = MergePreview::between(&merged, &theirs);
    assert_eq!((again.new_evidence, again.updated_evidence), (0, 0));
}

// ----- redaction -----

/// A map whose evidence holds a distinct marker in every field of text, a contact sharing the
/// story, and the markers a redacted copy must not hold, and the metric's name.
fn marked_map() -> (StakeMap, Vec<&'static str>, &'static str) {
    let mut ids = SequentialIds::starting_at(40);
    let who = person(&mut ids, "Rui Costa", 85, 70);
    let story = item(
        &mut ids,
        EvidenceFields {
            kind: EvidenceKind::Story,
            title: "Qxstorytitle".into(),
            summary: "Qxstorysummary".into(),
            figures: "Qxstoryfigures".into(),
            quote: "Qxstoryquote".into(),
            source: "Qxstorysource".into(),
            notes: "Qxstorynotes".into(),
            tags: vec!["qxstorytag".into()],
            answers: vec![RootCause::Culture, RootCause::CoachDoubts],
            ..EvidenceFields::blank()
        },
    );
    let metric = item(
        &mut ids,
        EvidenceFields {
            kind: EvidenceKind::Metric,
            title: "Qxmetricname".into(),
            unit: "%".into(),
            baseline: amount(18.0),
            baseline_date: Some(day(2026, 3, 1)),
            current: amount(13.25),
            current_date: Some(day(2026, 11, 1)),
            target: amount(12.0),
            source: "Qxmetricsource".into(),
            notes: "Qxmetricnotes".into(),
            tags: vec!["qxmetrictag".into()],
            answers: vec![RootCause::ValueNotVisible],
            ..EvidenceFields::blank()
        },
    );
    let t = contact(&mut ids, who.id, day(2026, 11, 10), Some(story.id));
    let map = StakeMap::from_parts(
        MapId(ids.next_uuid()),
        "Marked".into(),
        T0,
        T0,
        vec![who],
        vec![],
        vec![t],
    )
    .with_evidence(vec![story, metric]);
    let story_markers = vec![
        "Qxstorytitle",
        "Qxstorysummary",
        "Qxstoryfigures",
        "Qxstoryquote",
        "Qxstorysource",
        "Qxstorynotes",
        "qxstorytag",
        "Qxmetricsource",
        "Qxmetricnotes",
        "qxmetrictag",
    ];
    (map, story_markers, "Qxmetricname")
}

/// What a redacted copy keeps of an item: its id, kind, unit, numbers and the doubts it
/// answers.
type Figures = (
    EvidenceId,
    EvidenceKind,
    Vec<Option<Amount>>,
    Vec<RootCause>,
);

/// Numbers, kinds and the doubts answered, item by item.
fn figures_of(m: &StakeMap) -> Vec<Figures> {
    m.evidence()
        .map(|e| {
            let f = &e.fields;
            (
                e.id,
                f.kind,
                vec![f.baseline, f.current, f.target],
                f.answers.clone(),
            )
        })
        .collect()
}

#[test]
fn a_redacted_copy_holds_no_evidence_text_and_calls_items_by_kind_and_number() {
    let (map, markers, metric_name) = marked_map();
    // Every marker is in the plain file, so the check below can fail.
    let plain = format::to_json(&map, at(1));
    for marker in markers.iter().chain([&metric_name]) {
        assert!(plain.contains(marker), "{marker} is in the plain file");
    }

    let copy = redacted(&map, &RedactOptions::default());
    let json = format::to_json(&copy, at(1));
    let csv = format::evidence_csv(&copy);
    for marker in markers.iter().chain([&metric_name]) {
        assert!(!json.contains(marker), "the file still holds “{marker}”");
        assert!(!csv.contains(marker), "the sheet still holds “{marker}”");
    }
    let titles: Vec<&str> = copy.evidence().map(|e| e.fields.title.as_str()).collect();
    assert_eq!(titles, ["Story 1", "Metric 1"]);
    assert_eq!(
        figures_of(&copy),
        figures_of(&map),
        "numbers and answers stay"
    );
    // A unit is typed text too: it goes with the name.
    assert!(copy.evidence().all(|e| e.fields.unit.is_empty()));
    let dates = |m: &StakeMap| {
        m.evidence()
            .map(|e| (e.fields.baseline_date, e.fields.current_date))
            .collect::<Vec<_>>()
    };
    assert_eq!(dates(&copy), dates(&map));
    let story = copy.evidence().next().unwrap().id;
    assert_eq!(copy.shares_of(story).len(), 1, "the shared-with log stays");
    // The copy reads back as it is.
    let back = format::parse(&json, at(2)).unwrap();
    assert!(back.redacted);
    assert_eq!(library(&back), library(&copy));
}

#[test]
fn keeping_metric_names_keeps_only_the_metrics_names() {
    let (map, markers, metric_name) = marked_map();
    let keep = RedactOptions {
        keep_metric_names: true,
        ..RedactOptions::default()
    };
    let copy = redacted(&map, &keep);
    let json = format::to_json(&copy, at(1));
    let csv = format::evidence_csv(&copy);
    for marker in &markers {
        assert!(!json.contains(marker), "the file still holds “{marker}”");
        assert!(!csv.contains(marker), "the sheet still holds “{marker}”");
    }
    assert!(json.contains(metric_name) && csv.contains(metric_name));
    let titles: Vec<&str> = copy.evidence().map(|e| e.fields.title.as_str()).collect();
    assert_eq!(titles, ["Story 1", metric_name]);
    assert_eq!(figures_of(&copy), figures_of(&map));
    // Without asking, the name goes.
    assert_eq!(
        redacted(&map, &RedactOptions::labelled(LabelStyle::Codes)),
        redacted(&map, &RedactOptions::default())
    );
}

// ----- the evidence sheet -----

/// A sheet's rows as cells: a small reader for quoted CSV (doubled quotes, line breaks in
/// quotes), the byte-order mark dropped.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[test]
fn the_evidence_sheet_has_each_column_once_and_says_where_a_metric_stands_and_whom_it_was_shared_with(
) {
    let mut ids = SequentialIds::starting_at(60);
    let rui = person(&mut ids, "Rui Costa", 85, 70);
    let ana = person(&mut ids, "Ana Lima", 40, 30);
    // 18 → 14 with a target of 12: lower is better, and it is on its way.
    let m = item(&mut ids, metric("Regretted attrition", 18.0, 14.0, 12.0));
    let s = item(&mut ids, story("Porto pilot", "Six managers coached."));
    let contacts = vec![
        contact(&mut ids, ana.id, day(2026, 10, 1), Some(m.id)),
        contact(&mut ids, rui.id, day(2026, 11, 10), Some(m.id)),
        contact(&mut ids, rui.id, day(2026, 11, 12), None),
    ];
    let map = StakeMap::from_parts(
        MapId(ids.next_uuid()),
        "Sheet".into(),
        T0,
        T0,
        vec![rui, ana],
        vec![],
        contacts,
    )
    .with_evidence(vec![m, s]);

    let rows = csv_rows(&format::evidence_csv(&map));
    assert_eq!(rows.len(), 3, "a header and one row per item: {rows:?}");
    let header = &rows[0];
    let once = |h: &str| {
        assert_eq!(
            header.iter().filter(|c| c.as_str() == h).count(),
            1,
            "“{h}” once in {header:?}"
        )
    };
    for f in EvidenceFields::FIELDS {
        assert!(!f.csv.is_empty(), "{} has a column", f.key);
        for c in f.csv {
            once(c.header);
        }
    }
    once("Standing");
    once("Shared with");
    assert!(rows.iter().all(|r| r.len() == header.len()), "{rows:?}");
    let cell = |row: &Vec<String>, h: &str| -> String {
        let i = header.iter().position(|c| c == h).unwrap();
        row[i].clone()
    };
    let metric_row = &rows[1];
    assert_eq!(cell(metric_row, "Title"), "Regretted attrition");
    assert_eq!(cell(metric_row, "Kind"), "Metric");
    assert_eq!(cell(metric_row, "Baseline"), "18");
    assert_eq!(cell(metric_row, "Current"), "14");
    assert_eq!(cell(metric_row, "Target"), "12");
    assert_eq!(cell(metric_row, "Standing"), "moving toward target");
    assert_eq!(
        cell(metric_row, "Shared with"),
        "Rui Costa (2026-11-10); Ana Lima (2026-10-01)",
        "newest first"
    );
    let story_row = &rows[2];
    assert_eq!(cell(story_row, "Title"), "Porto pilot");
    assert_eq!(cell(story_row, "Standing"), "");
    assert_eq!(cell(story_row, "Shared with"), "");
}

// ----- the stored form -----

/// Storage as a key-value table, the way the browser adapter uses it.
#[derive(Clone, Default)]
struct Storage {
    head: String,
    parts: HashMap<Serial, String>,
}

impl Storage {
    /// Writes a planned save completely, and returns the parts written.
    fn save(&mut self, writer: &mut PartWriter, map: &StakeMap, now: Timestamp) -> Vec<Serial> {
        let plan = writer.plan(map, now);
        let written: Vec<Serial> = plan.parts.iter().map(|(p, _)| *p).collect();
        for (part, text) in &plan.parts {
            self.parts.insert(*part, text.clone());
        }
        self.head = plan.head.clone();
        for part in &plan.removed {
            self.parts.remove(part);
        }
        writer.written(plan);
        written
    }

    fn read(&self) -> StakeMap {
        read_stored(&self.head, |p| self.parts.get(&p).cloned(), T0)
            .expect("it reads back")
            .0
    }
}

/// The JSON a stored part holds (parts are compressed and packed into characters).
fn part_json(text: &str) -> String {
    let bytes = unpack(text).expect("a packed part");
    let json = lz4_flex::block::decompress_size_prepended(&bytes).expect("a compressed part");
    String::from_utf8(json).expect("JSON text")
}

#[test]
fn a_stored_map_with_evidence_reads_back_the_same_and_an_evidence_edit_rewrites_only_its_part() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    assert!(map.evidence().len() > 0 && map.touchpoints().any(|t| t.evidence.is_some()));
    let mut writer = PartWriter::default();
    let mut storage = Storage::default();
    let first = storage.save(&mut writer, &map, at(1));
    assert_eq!(storage.read(), map);
    assert!(
        storage.save(&mut writer, &map, at(2)).is_empty(),
        "nothing changed, nothing written"
    );

    let e = map.evidence().nth(1).unwrap();
    let mut fields = e.fields.clone();
    fields.current = amount(12.0);
    fields.notes = "Qxeditednotes".into();
    let changed = edited(
        &map,
        vec![(
            3,
            Op::EditEvidence {
                map: map.id,
                id: e.id,
                fields,
            },
        )],
    );
    let head_before = storage.head.clone();
    let before = storage.parts.clone();
    let written = storage.save(&mut writer, &changed, at(3));
    assert_eq!(written.len(), 1, "only the evidence part: {written:?}");
    let part = part_json(&storage.parts[&written[0]]);
    assert!(
        part.contains("Qxeditednotes")
            && part.contains(&map.evidence().next().unwrap().id.to_string()),
        "the part written is the library"
    );
    assert_ne!(storage.head, head_before, "the head is written too");
    // Every other part is as it was, and the old evidence part is gone.
    assert_eq!(storage.parts.len(), first.len());
    let untouched = before
        .iter()
        .filter(|(k, v)| storage.parts.get(k) == Some(v))
        .count();
    assert_eq!(untouched, first.len() - 1);
    assert_eq!(storage.read(), changed);

    // With the library emptied, its part goes.
    let ops: Vec<(i64, Op)> = changed
        .evidence()
        .map(|e| {
            (
                4,
                Op::DeleteEvidence {
                    map: map.id,
                    id: e.id,
                },
            )
        })
        .collect();
    let emptied = edited(&changed, ops);
    assert_eq!(emptied.evidence().len(), 0);
    let written = storage.save(&mut writer, &emptied, at(4));
    assert!(
        storage.parts.len() < first.len(),
        "the evidence part is removed ({} written)",
        written.len()
    );
    assert_eq!(storage.read(), emptied);
}

// ----- what to share next -----

#[test]
fn marcus_is_offered_evidence_not_yet_shared_with_him_first_with_the_words_it_matched() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let marcus = by_name(&map, "Marcus Feld");
    let s = map.get(marcus).unwrap();
    assert_eq!(
        s.fields.cares_about,
        "Return on spend, headcount cost, audit findings"
    );
    assert_eq!(
        s.fields.root_causes,
        [RootCause::Culture, RootCause::ValueNotVisible]
    );
    let already: Vec<EvidenceId> = map.shared_with(marcus).iter().map(|(_, e)| e.id).collect();
    assert!(!already.is_empty(), "something was shared with him already");

    let offered = map.evidence_for(marcus);
    let titles: Vec<&str> = offered
        .iter()
        .map(|(e, _, _)| e.fields.title.as_str())
        .collect();
    assert_eq!(
        &titles[..2],
        [
            "Regretted attrition in pilot teams",
            "A retailer like us: coaching after a failed academy"
        ],
        "{titles:?}"
    );
    // Nothing already shared comes before something not yet shared.
    let flags: Vec<bool> = offered.iter().map(|(_, _, shared)| *shared).collect();
    assert!(flags.windows(2).all(|w| w[0] <= w[1]), "{flags:?}");
    for (e, _, shared) in &offered {
        assert_eq!(*shared, already.contains(&e.id), "{}", e.fields.title);
    }
    assert!(
        offered.iter().any(|(_, _, shared)| *shared),
        "what he has seen is still listed"
    );

    let (_, attrition, _) = &offered[0];
    assert_eq!(
        attrition.causes,
        [RootCause::Culture, RootCause::ValueNotVisible]
    );
    assert_eq!(attrition.cares, ["headcount cost"]);
    let (_, retailer, _) = &offered[1];
    assert_eq!(retailer.causes, [RootCause::Culture]);
    assert_eq!(retailer.cares, ["return on spend", "headcount cost"]);
    // Items that answer none of his doubts and match none of his words are not offered.
    assert!(!titles.contains(&"Days to full productivity for new sales hires"));
    assert!(!titles.contains(&"Sales team pilot: faster ramp-up"));
}
