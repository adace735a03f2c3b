//! Native tests of redacted copies. A map whose every free-text field (found by walking the
//! field tables, so a new field is covered without editing this file) holds a unique marker is
//! redacted under every combination of options, and no marker is left in the file, the image,
//! the sheets or the files' names; organisations and tags are coded consistently; what the
//! share dialog says a copy holds is what the copy holds; codes and initials are stable and
//! distinct.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use stakemap::state::{RedactedExport, Sharing, SheetKind};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

mod support;

use support::maps::{at, edited, example, today};
use support::{by_name, current, T0};

// ----- a map with a marker in every free-text field -----

/// The fixture the end-to-end test imports: [`marked_map`] as a file. Regenerate it with
/// `STAKEMAP_WRITE_FIXTURES=1 cargo test --test redaction`.
const MARKED_FIXTURE: &str = "tests/fixtures/good/every-field-marked.stakemap.json";

/// The marker of field `key` of the `n`-th record of `record`: "MARKER-stakeholder-notes-2".
fn marker(record: &str, key: &str, n: impl std::fmt::Display) -> String {
    format!("MARKER-{record}-{key}-{n}")
}

/// One marker put in the map, and where.
#[derive(Clone, Debug)]
struct Marker {
    text: String,
    /// The record ("stakeholder", "evidence", "map"…) and the field's key.
    record: &'static str,
    key: &'static str,
    /// True for a metric's field whose rule keeps it when the user keeps metric names.
    metric_name: bool,
}

/// `base` with every text and tags field of its table holding its own marker.
fn marked<R: Fields>(mut base: R, record: &'static str, n: usize, out: &mut Vec<Marker>) -> R {
    for f in R::FIELDS {
        let put = match f.kind {
            Kind::Text { max, .. } => {
                let text = marker(record, f.key, n);
                assert!(text.chars().count() <= max, "{text} fits its field");
                Val::Text(Cow::Owned(text))
            }
            Kind::Tags => Val::Tags(Cow::Owned(vec![
                marker(record, f.key, format!("{n}a")),
                marker(record, f.key, format!("{n}b")),
            ])),
            _ => continue,
        };
        (f.set)(&mut base, put);
        let texts = match (f.get)(&base) {
            Val::Text(t) => vec![t.into_owned()],
            Val::Tags(t) => t.into_owned(),
            _ => vec![],
        };
        for text in texts {
            out.push(Marker {
                text,
                record,
                key: f.key,
                metric_name: matches!(f.redact, Redact::Named),
            });
        }
    }
    base
}

/// A tag two people and a story share, spelled differently each time.
const SHARED_TAG: [&str; 3] = [
    "MARKER-tag-shared",
    "marker-TAG-shared",
    " Marker-tag-SHARED ",
];

/// Three people (the first two in one organisation, spelled differently), each with an
/// action, a contact with readings, history; a metric and a story shared at a contact; two
/// snapshots, one naming someone removed since; every text and tags field marked. Returns the
/// map and its markers.
fn marked_map() -> (StakeMap, Vec<Marker>) {
    let mut ids = SequentialIds::starting_at(7_000);
    let mut markers = Vec::new();
    let mut people = Vec::new();
    for n in 0..3 {
        let fields = StakeholderFields {
            position: Position {
                influence: 80 - 20 * n as u8,
                skepticism: 70,
            },
            root_causes: vec![RootCause::Culture],
            cadence_days: Some(21),
            target: Some(Position {
                influence: 80,
                skepticism: 30,
            }),
            ..StakeholderFields::default()
        };
        let mut fields = marked(fields, "stakeholder", n, &mut markers);
        if let Some(tag) = SHARED_TAG.get(n).filter(|_| n < 2) {
            fields.tags.push((*tag).to_owned());
        }
        people.push(Stakeholder::new(StakeholderId(ids.next_uuid()), fields, T0));
    }
    // The first two work in one organisation, typed differently.
    people[1].fields.organisation = people[0]
        .fields
        .organisation
        .to_lowercase()
        .replace("-organisation-", "-ORGANISATION-");
    markers.retain(|m| m.text != marker("stakeholder", "organisation", 1));
    markers.push(Marker {
        text: SHARED_TAG[0].into(),
        record: "stakeholder",
        key: "tags",
        metric_name: false,
    });

    let metric = EvidenceFields {
        kind: EvidenceKind::Metric,
        baseline: Amount::new(18.0),
        current: Amount::new(13.0),
        target: Amount::new(12.0),
        answers: vec![RootCause::ValueNotVisible],
        ..EvidenceFields::blank()
    };
    let story = EvidenceFields {
        kind: EvidenceKind::Story,
        answers: vec![RootCause::Culture],
        ..EvidenceFields::blank()
    };
    let metric = marked(metric, "evidence", 0, &mut markers);
    let from = markers.len();
    let mut story = marked(story, "evidence", 1, &mut markers);
    // A story's name goes whatever the user chooses.
    for m in &mut markers[from..] {
        m.metric_name = false;
    }
    story.tags.push(SHARED_TAG[2].trim().to_owned());
    let evidence: Vec<Evidence> = [metric, story]
        .into_iter()
        .map(|fields| Evidence {
            id: EvidenceId(ids.next_uuid()),
            fields,
            created_at: T0,
            updated_at: T0,
        })
        .collect();

    let tactics = [
        Some(Tactic::ShareRoiEvidence),
        None,
        Some(Tactic::ListeningSession),
    ];
    let actions: Vec<Action> = people
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let fields = ActionFields {
                tactic: tactics[n],
                measure_baseline: Amount::new(3.0),
                ..ActionFields::blank()
            };
            Action {
                id: ActionId(ids.next_uuid()),
                stakeholder: s.id,
                fields: marked(fields, "action", n, &mut markers),
                created_at: T0,
                updated_at: T0,
            }
        })
        .collect();
    let contacts: Vec<Touchpoint> = people
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let t = Touchpoint {
                id: TouchpointId(ids.next_uuid()),
                stakeholder: s.id,
                date: LocalDate::from_ymd(2026, 11, 10 + n as u8).unwrap(),
                channel: Channel::Meeting,
                sentiment: Sentiment::Negative,
                influence: Some(85),
                skepticism: Some(75),
                evidence: (n == 0).then_some(evidence[1].id),
                created_at: T0,
                ..Touchpoint::blank()
            };
            marked(t, "contact", n, &mut markers)
        })
        .collect();
    let history: Vec<HistoryPoint> = people
        .iter()
        .map(|s| HistoryPoint {
            stakeholder: s.id,
            at: T0,
            position: s.position(),
            source: MoveSource::Added,
        })
        .collect();
    let gone = StakeholderId(ids.next_uuid());
    let snapshots: Vec<Snapshot> = (0..2)
        .map(|n| {
            let mut entries: Vec<SnapshotEntry> = people
                .iter()
                .map(|s| SnapshotEntry {
                    stakeholder: s.id,
                    name: s.name().to_owned(),
                    position: s.position(),
                })
                .collect();
            entries.push(SnapshotEntry {
                stakeholder: gone,
                name: marker("snapshot", "removed-person", n),
                position: Position {
                    influence: 90,
                    skepticism: 90,
                },
            });
            Snapshot {
                id: SnapshotId(ids.next_uuid()),
                name: marker("snapshot", "name", n),
                taken_at: at(1 + n as i64),
                entries,
            }
        })
        .collect();
    for (record, key, n) in [
        ("snapshot", "removed-person", 0),
        ("snapshot", "removed-person", 1),
        ("snapshot", "name", 0),
        ("snapshot", "name", 1),
        ("map", "name", 0),
    ] {
        markers.push(Marker {
            text: marker(record, key, n),
            record: if record == "map" { "map" } else { "snapshot" },
            key: if key == "name" {
                "name"
            } else {
                "removed-person"
            },
            metric_name: false,
        });
    }
    let relationships: Vec<Relationship> = people
        .windows(2)
        .enumerate()
        .map(|(n, pair)| Relationship {
            id: RelationshipId(ids.next_uuid()),
            from: pair[0].id,
            to: pair[1].id,
            fields: marked(
                RelationshipFields {
                    kind: Tie::ListensTo,
                    ..RelationshipFields::blank()
                },
                "relationship",
                n,
                &mut markers,
            ),
            created_at: T0,
            updated_at: T0,
        })
        .collect();
    let map = StakeMap::from_parts(
        MapId(ids.next_uuid()),
        marker("map", "name", 0),
        T0,
        at(5),
        people,
        actions,
        contacts,
    )
    .with_history(history, snapshots)
    .with_evidence(evidence)
    .with_relationships(relationships);
    (map, markers)
}

/// Every combination of the options, the copy named `name`.
fn every_option(name: &str) -> Vec<RedactOptions> {
    let mut out = Vec::new();
    for labels in [LabelStyle::Codes, LabelStyle::Initials] {
        for tags in [TagRule::Remove, TagRule::Code] {
            for bits in 0..8u8 {
                out.push(RedactOptions {
                    labels,
                    tags,
                    keep_metric_names: bits & 1 != 0,
                    leave_out_root_causes: bits & 2 != 0,
                    leave_out_positions: bits & 4 != 0,
                    name: name.to_owned(),
                });
            }
        }
    }
    out
}

/// True when `marker` may stay in a copy made with `options`: only a metric's name and unit,
/// when the user keeps metric names.
fn may_stay(m: &Marker, options: &RedactOptions) -> bool {
    options.keep_metric_names && m.metric_name
}

/// Asserts that no marker that must go is in `out` (compared without case).
fn assert_no_marker(markers: &[Marker], options: &RedactOptions, what: &str, out: &str) {
    let out = out.to_lowercase();
    for m in markers.iter().filter(|m| !may_stay(m, options)) {
        assert!(
            !out.contains(&m.text.to_lowercase()),
            "{what} still holds “{}” ({} {}) with {options:?}",
            m.text,
            m.record,
            m.key
        );
    }
}

#[test]
fn the_marked_map_has_a_marker_in_every_text_and_tags_field_and_every_one_is_in_the_plain_file() {
    let (map, markers) = marked_map();
    // It keeps the rules, so it reads back as it is.
    assert!(map.stakeholders().all(|s| s.fields.problem().is_none()));
    assert!(map.actions().all(|a| Fields::problem(&a.fields).is_none()));
    assert!(map.touchpoints().all(|t| Fields::problem(t).is_none()));
    assert!(map.evidence().all(|e| Fields::problem(&e.fields).is_none()));
    assert!(
        map.relationships().count() >= 1,
        "relationships are marked too"
    );
    assert!(map.snapshots().iter().all(|s| s.problem().is_none()));
    let plain = format::to_json(&map, at(9)).to_lowercase();
    for m in &markers {
        assert!(
            plain.contains(&m.text.to_lowercase()),
            "{} is in the plain file",
            m.text
        );
    }
    fn count<R: Fields>() -> usize {
        R::FIELDS
            .iter()
            .filter(|f| matches!(f.kind, Kind::Text { .. } | Kind::Tags))
            .count()
    }
    let fields = count::<StakeholderFields>()
        + count::<ActionFields>()
        + count::<Touchpoint>()
        + count::<EvidenceFields>()
        + count::<RelationshipFields>();
    let marked: std::collections::HashSet<(&str, &str)> =
        markers.iter().map(|m| (m.record, m.key)).collect();
    // Every field of every table, plus the map's name, snapshot names and a name kept only in
    // snapshots.
    assert_eq!(marked.len(), fields + 3, "{marked:?}");
}

#[test]
fn the_marked_fixture_is_the_marked_map() {
    let (map, _) = marked_map();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(MARKED_FIXTURE);
    let mut generated = format::to_value(&map, at(9));
    if std::env::var_os("STAKEMAP_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, format::to_json(&map, at(9)) + "\n").unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let mut fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The app's version is not part of what the fixture pins.
    for v in [&mut generated, &mut fixture] {
        v.as_object_mut().unwrap().remove("source");
    }
    assert!(
        generated == fixture,
        "{MARKED_FIXTURE} is out of date: run STAKEMAP_WRITE_FIXTURES=1 cargo test --test redaction"
    );
}

#[test]
fn no_marker_is_left_in_the_file_the_image_or_the_sheets_under_any_options() {
    let (map, markers) = marked_map();
    for options in every_option("Steering group") {
        let copy = redacted(&map, &options);
        let json = format::to_json(&copy, at(9));
        let outputs = [
            ("the file", json.clone()),
            (
                "the image",
                format::map_svg(
                    &copy,
                    options.label_style(),
                    today(),
                    ShownTies {
                        show: TieShow::All,
                        selected: None,
                    },
                ),
            ),
            ("the people's sheet", format::stakeholders_csv(&copy)),
            ("the actions' sheet", format::actions_csv(&copy)),
            ("the evidence sheet", format::evidence_csv(&copy)),
        ];
        for (what, out) in &outputs {
            assert_no_marker(&markers, &options, what, out);
        }
        // The copy says what it is and reads back as it is.
        let back = format::read_bytes(json.as_bytes(), at(10))
            .unwrap_or_else(|e| panic!("the copy reads back with {options:?}: {e:?}"));
        assert!(back.repairs.is_empty(), "{:?}", back.repairs);
        assert!(back.map.redacted, "it reads back as redacted");
        assert_eq!(back.map.name, "Steering group");
        assert_eq!(back.map.len(), map.len());
        assert_eq!(back.map.actions().count(), map.actions().count());
        assert_eq!(back.map.touchpoints().count(), map.touchpoints().count());
        assert_eq!(back.map.evidence().count(), map.evidence().count());

        // Two people in one organisation share a code; the third has another.
        let orgs: Vec<&str> = copy
            .stakeholders()
            .map(|s| s.fields.organisation.as_str())
            .collect();
        assert_eq!(orgs, ["Org A", "Org A", "Org B"], "{options:?}");
        // Tags are gone, or coded alike wherever they appear.
        let tags: Vec<Vec<String>> = copy
            .stakeholders()
            .map(|s| s.fields.tags.clone())
            .chain(copy.evidence().map(|e| e.fields.tags.clone()))
            .collect();
        match options.tags {
            TagRule::Remove => assert!(tags.iter().all(Vec::is_empty), "{tags:?}"),
            TagRule::Code => {
                assert_eq!(
                    tags,
                    [
                        vec!["Tag 1", "Tag 2", "Tag 3"],
                        vec!["Tag 4", "Tag 5", "Tag 3"],
                        vec!["Tag 6", "Tag 7"],
                        vec!["Tag 8", "Tag 9"],
                        vec!["Tag 10", "Tag 11", "Tag 3"],
                    ]
                );
            }
        }
        // Snapshots are numbered, or gone with positions.
        let snapshots: Vec<&str> = copy.snapshots().iter().map(|s| s.name.as_str()).collect();
        if options.leave_out_positions {
            assert!(snapshots.is_empty() && copy.history().is_empty());
            assert!(copy
                .stakeholders()
                .all(|s| s.position() == Position::default() && s.fields.target.is_none()));
        } else {
            assert_eq!(snapshots, ["Snapshot 1", "Snapshot 2"]);
            assert_eq!(copy.history(), map.history());
        }
    }
}

#[test]
fn every_export_of_a_redacted_copy_made_through_the_store_is_free_of_markers_in_name_and_content() {
    let (_owner, _backend, store) = support::start();
    let sharing = Sharing::new(store);
    let (map, markers) = marked_map();
    let fixture = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(MARKED_FIXTURE))
        .expect("the marked fixture");
    sharing.open_file("every-field-marked.stakemap.json", &fixture);
    let open = current(&store);
    assert_eq!(open.id, map.id, "the marked map is open");
    let exports = [
        RedactedExport::MapFile,
        RedactedExport::Image,
        RedactedExport::Sheet(SheetKind::Stakeholders),
        RedactedExport::Sheet(SheetKind::Actions),
        RedactedExport::Sheet(SheetKind::Evidence),
        RedactedExport::Sheet(SheetKind::Relationships),
    ];
    for options in every_option("Board / Q3") {
        for what in exports {
            let made = sharing.redacted(what, &options, ShownTies::NONE);
            if what == RedactedExport::Image && options.leave_out_positions {
                assert!(made.is_none(), "no image without positions");
                continue;
            }
            let (name, text) = made.expect("the open map is exported");
            assert!(
                name.starts_with("Board-Q3-"),
                "{name} is named after the copy"
            );
            assert_no_marker(&markers, &options, &format!("{what:?}'s name"), &name);
            assert_no_marker(&markers, &options, &format!("{what:?}"), &text);
        }
    }
    // The image labels people exactly as the copy's file and sheets do ("DO", not "D").
    for style in [LabelStyle::Initials, LabelStyle::Codes] {
        let options = RedactOptions::labelled(style);
        let copy = redacted(&open, &options);
        let (_, svg) = sharing
            .redacted(
                RedactedExport::Image,
                &options,
                ShownTies {
                    show: TieShow::All,
                    selected: None,
                },
            )
            .unwrap();
        let legend = format!("Labels: {}.", style.label().to_lowercase());
        assert!(svg.contains(&legend), "the legend says {legend}");
        for s in copy.stakeholders() {
            assert!(
                svg.contains(&format!(">{}<", s.name())),
                "{style:?}: the image labels {} as the copy does",
                s.name()
            );
        }
    }
    // Left empty, the name is the neutral default, never the map's own.
    let (name, text) = sharing
        .redacted(
            RedactedExport::MapFile,
            &RedactOptions::labelled(LabelStyle::Codes),
            ShownTies::NONE,
        )
        .unwrap();
    assert!(name.starts_with("Shared-map-"), "{name}");
    assert!(text.contains("\"name\": \"Shared map\""));
    let unnamed = RedactOptions {
        name: "   ".into(),
        ..RedactOptions::default()
    };
    let (name, _) = sharing
        .redacted(RedactedExport::MapFile, &unnamed, ShownTies::NONE)
        .unwrap();
    assert!(name.starts_with("Shared-map-"), "{name}");
}

// ----- every typed field has a rule that removes or codes it -----

#[test]
fn no_text_or_tags_field_is_kept_as_it_is() {
    fn check<R: Fields>(record: &str) {
        for f in R::FIELDS {
            if matches!(f.kind, Kind::Text { .. } | Kind::Tags) {
                assert!(
                    !matches!(f.redact, Redact::Keep | Redact::Judgment { .. }),
                    "{record}'s {} is typed text: its rule must remove or code it",
                    f.key
                );
            }
        }
    }
    check::<StakeholderFields>("a person");
    check::<ActionFields>("an action");
    check::<Touchpoint>("a contact");
    check::<EvidenceFields>("an item of evidence");
}

// ----- what the dialog says is what the copy holds -----

/// The values of `field` in each record of `before` and `after`, paired.
fn pairs<'a, R: Fields>(
    field: &FieldSpec<R>,
    before: impl Iterator<Item = &'a R>,
    after: impl Iterator<Item = &'a R>,
) -> Vec<(Val<'a>, Val<'a>)> {
    before
        .zip(after)
        .map(|(b, a)| ((field.get)(b), (field.get)(a)))
        .collect()
}

/// Asserts that the field `called` of each record holds what `outcome` says.
fn holds<'a, R: Fields>(
    part: &str,
    called: &str,
    outcome: Outcome,
    before: impl Iterator<Item = &'a R>,
    after: impl Iterator<Item = &'a R>,
) {
    let field = R::FIELDS
        .iter()
        .find(|f| f.called == called)
        .unwrap_or_else(|| panic!("{part} have a field called “{called}”"));
    let pairs = pairs(field, before, after);
    assert!(!pairs.is_empty(), "{part} to check");
    let said = format!("{part}: {called} is said to be {outcome:?}");
    match outcome {
        Outcome::Kept => {
            for (was, now) in &pairs {
                assert_eq!(was, now, "{said}");
            }
        }
        Outcome::Removed => {
            for (_, now) in &pairs {
                assert_eq!(*now, field.kind.empty(), "{said}");
            }
        }
        Outcome::LeftOut => {
            // Nothing about the person is left: the same value for everyone, empty when the
            // field can be.
            let first = &pairs[0].1;
            for (_, now) in &pairs {
                assert_eq!(now, first, "{said}");
            }
            if !matches!(field.kind, Kind::Token { required: true, .. }) {
                assert_eq!(*first, field.kind.empty(), "{said}");
            }
        }
        Outcome::Coded(codes) => {
            let mut seen: HashMap<String, String> = HashMap::new();
            for (was, now) in &pairs {
                let (was, now) = match (was, now) {
                    (Val::Text(w), Val::Text(n)) => (vec![w.to_string()], vec![n.to_string()]),
                    (Val::Tags(w), Val::Tags(n)) => (w.to_vec(), n.to_vec()),
                    _ => panic!("{said}: a coded field holds text"),
                };
                assert_eq!(was.len(), now.len(), "{said}");
                for (w, n) in was.iter().zip(&now) {
                    assert!(n.starts_with(codes.prefix), "{said}: {n}");
                    let same = w
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    let code = seen.entry(same).or_insert_with(|| n.clone());
                    assert_eq!(code, n, "{said}: the same text, the same code");
                }
            }
            let mut codes: Vec<&String> = seen.values().collect();
            codes.sort();
            codes.dedup();
            assert_eq!(
                codes.len(),
                seen.len(),
                "{said}: different texts, different codes"
            );
        }
        Outcome::Labelled | Outcome::Replaced(_) | Outcome::Numbered(_) | Outcome::Renamed => {
            for (was, now) in &pairs {
                assert_ne!(was, now, "{said}");
                assert!(!now.text().is_empty(), "{said}");
                assert!(!now.text().contains("MARKER"), "{said}");
            }
        }
    }
}

#[test]
fn what_the_dialog_says_a_copy_holds_is_what_it_holds_under_every_option() {
    let (map, _) = marked_map();
    for options in every_option("Steering group") {
        let copy = redacted(&map, &options);
        let lines = redaction_summary(&options);
        // Each part's fields are all described, each once.
        let mut described: HashMap<&str, Vec<&str>> = HashMap::new();
        for line in &lines {
            assert!(line.text().starts_with(&line.words), "{}", line.text());
            for (part, fields) in &line.parts {
                described
                    .entry(part)
                    .or_default()
                    .extend(fields.iter().copied());
                for called in fields {
                    let o = line.outcome;
                    match *part {
                        "people" => holds(
                            part,
                            called,
                            o,
                            map.stakeholders().map(|s| &s.fields),
                            copy.stakeholders().map(|s| &s.fields),
                        ),
                        "actions" => holds(
                            part,
                            called,
                            o,
                            map.actions().map(|a| &a.fields),
                            copy.actions().map(|a| &a.fields),
                        ),
                        "contacts" => holds(part, called, o, map.touchpoints(), copy.touchpoints()),
                        "metrics" => holds(
                            part,
                            called,
                            o,
                            of_kind(&map, EvidenceKind::Metric),
                            of_kind(&copy, EvidenceKind::Metric),
                        ),
                        "stories" => holds(
                            part,
                            called,
                            o,
                            of_kind(&map, EvidenceKind::Story),
                            of_kind(&copy, EvidenceKind::Story),
                        ),
                        "relationships" => {
                            holds(
                                part,
                                called,
                                o,
                                map.relationships().map(|r| &r.fields),
                                copy.relationships().map(|r| &r.fields),
                            );
                            // Who stands how towards whom is kept, whatever the options.
                            let ends = |m: &StakeMap| {
                                m.relationships()
                                    .map(|r| (r.from, r.to, r.fields.kind, r.fields.strength))
                                    .collect::<Vec<_>>()
                            };
                            assert_eq!(ends(&copy), ends(&map));
                        }
                        "the map" => the_map_holds(called, o, &map, &copy, &options),
                        other => panic!("an unknown part of the map: {other}"),
                    }
                }
            }
        }
        let called = |mut fields: Vec<&'static str>| {
            fields.sort_unstable();
            fields
        };
        fn table<R: Fields>(uses: impl Fn(&str) -> bool) -> Vec<&'static str> {
            R::FIELDS
                .iter()
                .filter(|f| uses(f.key))
                .map(|f| f.called)
                .collect()
        }
        for (part, fields) in [
            ("people", table::<StakeholderFields>(|_| true)),
            ("actions", table::<ActionFields>(|_| true)),
            ("contacts", table::<Touchpoint>(|_| true)),
            (
                "metrics",
                table::<EvidenceFields>(|k| EvidenceKind::Metric.uses(k)),
            ),
            (
                "stories",
                table::<EvidenceFields>(|k| EvidenceKind::Story.uses(k)),
            ),
            ("relationships", table::<RelationshipFields>(|_| true)),
        ] {
            assert_eq!(
                called(described.get(part).cloned().unwrap_or_default()),
                called(fields),
                "every field of {part} is described once"
            );
        }
    }
}

/// The fields of `map`'s evidence of one kind.
fn of_kind(map: &StakeMap, kind: EvidenceKind) -> impl Iterator<Item = &EvidenceFields> {
    map.evidence()
        .filter(move |e| e.fields.kind == kind)
        .map(|e| &e.fields)
}

/// Asserts that the map-level part `called` of `copy` holds what `outcome` says.
fn the_map_holds(
    called: &str,
    outcome: Outcome,
    map: &StakeMap,
    copy: &StakeMap,
    options: &RedactOptions,
) {
    let said = format!("the map's {called} is said to be {outcome:?}");
    match (called, outcome) {
        ("its name", Outcome::Renamed) => assert_eq!(copy.name, options.copy_name(), "{said}"),
        ("snapshot names", Outcome::Numbered(_)) => {
            let names: Vec<String> = copy.snapshots().iter().map(|s| s.name.clone()).collect();
            let numbered: Vec<String> = (1..=map.snapshots().len())
                .map(|n| format!("Snapshot {n}"))
                .collect();
            assert_eq!(names, numbered, "{said}");
        }
        ("the names in snapshots", Outcome::Labelled) => {
            let labels = labels(map, options.label_style());
            for (before, after) in map.snapshots().iter().zip(copy.snapshots()) {
                for (b, a) in before.entries.iter().zip(&after.entries) {
                    assert_ne!(b.name, a.name, "{said}");
                    if let Some(label) = labels.get(&a.stakeholder) {
                        assert_eq!(&a.name, label, "{said}");
                    }
                }
            }
        }
        ("the places in snapshots", Outcome::Kept) => {
            let places = |m: &StakeMap| {
                m.snapshots()
                    .iter()
                    .map(|s| s.entries.iter().map(|e| e.position).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            assert_eq!(places(copy), places(map), "{said}");
        }
        ("the history of moves", Outcome::Kept) => {
            assert_eq!(copy.history(), map.history(), "{said}")
        }
        (
            "snapshot names" | "the names in snapshots" | "the places in snapshots",
            Outcome::LeftOut,
        ) => assert!(copy.snapshots().is_empty(), "{said}"),
        ("the history of moves", Outcome::LeftOut) => {
            assert!(copy.history().is_empty(), "{said}")
        }
        _ => panic!("{said}: not a part this test knows"),
    }
}

#[test]
fn the_description_changes_with_the_options() {
    let text = |o: &RedactOptions| {
        redaction_summary(o)
            .iter()
            .map(RedactionLine::text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let plain = text(&RedactOptions::default());
    assert!(plain.contains("Replaced by codes (“S-3F2A”)"), "{plain}");
    assert!(
        plain.contains("Coded, the same text always the same code (“Org A”, “Org B”…): people: the organisation."),
        "{plain}"
    );
    assert!(
        plain.contains("Replaced by the name you give, “Shared map”"),
        "{plain}"
    );
    let removed = plain
        .lines()
        .find(|l| l.starts_with("Removed:"))
        .expect("a line of what is removed");
    for called in [
        "the role",
        "the notes",
        "the tags",
        "the owner",
        "the note",
        "the quote",
    ] {
        assert!(removed.contains(called), "{called} in “{removed}”");
    }
    let kept = plain.lines().last().unwrap();
    assert!(
        kept.starts_with("Kept:") && kept.contains("root causes") && kept.contains("the position"),
        "{kept}"
    );

    let careful = RedactOptions {
        labels: LabelStyle::Initials,
        tags: TagRule::Code,
        leave_out_root_causes: true,
        leave_out_positions: true,
        name: "Board".into(),
        ..RedactOptions::default()
    };
    let careful = text(&careful);
    assert!(careful.contains("Replaced by initials"), "{careful}");
    assert!(
        careful.contains(
            "(“Tag 1”, “Tag 2”…): people: the tags; metrics: the tags; stories: the tags."
        ),
        "{careful}"
    );
    assert!(careful.contains("“Board”"), "{careful}");
    let left_out = careful
        .lines()
        .find(|l| l.starts_with("Left out"))
        .expect("a line of what is left out");
    for called in [
        "root causes",
        "the position",
        "the target",
        "tactic",
        "sentiment",
        "the history of moves",
    ] {
        assert!(left_out.contains(called), "{called} in “{left_out}”");
    }
    assert!(
        !careful.lines().last().unwrap().contains("root causes"),
        "{careful}"
    );
}

#[test]
fn leaving_out_root_causes_leaves_out_the_tactics_chosen_for_them() {
    let (map, _) = marked_map();
    let copy = redacted(
        &map,
        &RedactOptions {
            leave_out_root_causes: true,
            ..RedactOptions::default()
        },
    );
    assert!(copy.stakeholders().all(|s| s.fields.root_causes.is_empty()));
    assert!(copy.evidence().all(|e| e.fields.answers.is_empty()));
    let titles: Vec<(&str, Option<Tactic>)> = copy
        .actions()
        .map(|a| (a.fields.title.as_str(), a.fields.tactic))
        .collect();
    assert_eq!(titles, [("Action", None); 3]);
    // Kept, an action is called by its tactic.
    let copy = redacted(&map, &RedactOptions::default());
    let titles: Vec<&str> = copy.actions().map(|a| a.fields.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            Tactic::ShareRoiEvidence.name(),
            "Action",
            Tactic::ListeningSession.name()
        ]
    );
}

#[test]
fn leaving_out_positions_puts_everyone_at_the_middle_and_leaves_no_reading_or_mood() {
    let (map, _) = marked_map();
    let options = RedactOptions {
        leave_out_positions: true,
        ..RedactOptions::default()
    };
    assert!(options.image_refusal().is_some(), "no image is offered");
    let copy = redacted(&map, &options);
    for s in copy.stakeholders() {
        assert_eq!(s.quadrant(), Position::default().quadrant());
        assert_eq!(s.fields.target, None);
    }
    for t in copy.touchpoints() {
        assert_eq!(
            (t.influence, t.skepticism, t.sentiment),
            (None, None, Sentiment::Neutral)
        );
    }
    assert!(copy.actions().all(|a| a.fields.tactic.is_none()));
    // Root causes stay unless left out too.
    assert!(copy
        .stakeholders()
        .all(|s| s.fields.root_causes == [RootCause::Culture]));

    // The copy says its positions were left out, in the file and after reading it back, so
    // the middle is not taken for a judgment: its sheets leave place and quadrant blank.
    assert!(copy.positions_left_out);
    let json = format::to_json(&copy, T0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["map"]["positions_left_out"], true);
    assert!(format::parse(&json, T0).unwrap().positions_left_out);
    assert!(
        !format::parse(&format::to_json(&map, T0), T0)
            .unwrap()
            .positions_left_out
    );
    let sheet = format::stakeholders_csv(&copy);
    let mut rows =
        csv::ReaderBuilder::new().from_reader(sheet.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (q, i, k) = (col("Quadrant"), col("Influence"), col("Skepticism"));
    let mut seen = 0;
    for row in rows.records() {
        let row = row.unwrap();
        assert_eq!((&row[q], &row[i], &row[k]), ("", "", ""), "{row:?}");
        seen += 1;
    }
    assert_eq!(seen, copy.len());
    let full = format::stakeholders_csv(&redacted(&map, &RedactOptions::default()));
    assert!(
        full.contains("Win over")
            || full.contains("Champions")
            || full.contains("Reassure")
            || full.contains("Keep informed")
    );
}

// ----- the worked example -----

#[test]
fn a_redacted_copy_holds_no_name_or_note_anywhere_and_says_it_is_redacted() {
    let mut ids = SequentialIds::starting_at(1);
    let mut map = example(&mut ids);
    // Take a snapshot, then remove someone, so a name lives on only in the snapshot.
    let snap = map.capture(SnapshotId(ids.next_uuid()), "Baseline two", at(1));
    let gone = by_name(&map, "Grace Lindqvist");
    map = edited(
        &map,
        vec![
            (
                1,
                Op::TakeSnapshot {
                    map: map.id,
                    snapshot: snap,
                },
            ),
            (
                2,
                Op::DeleteStakeholder {
                    map: map.id,
                    id: gone,
                },
            ),
        ],
    );
    let mut secrets: Vec<String> = vec![map.name.clone()];
    let mut tags: Vec<String> = Vec::new();
    for s in map.stakeholders() {
        secrets.push(s.name().to_owned());
        secrets.extend(
            s.name()
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .map(str::to_owned),
        );
        secrets.extend([
            s.fields.role.clone(),
            s.fields.organisation.clone(),
            s.fields.notes.clone(),
            s.fields.cares_about.clone(),
        ]);
        // Tags are common words ("sponsor" is in the image's legend too): looked for in the
        // file and the sheet only.
        tags.extend(s.fields.tags.iter().cloned());
    }
    secrets.push("Grace Lindqvist".into());
    for a in map.actions() {
        secrets.extend([a.fields.owner.clone(), a.fields.outcome.clone()]);
    }
    for t in map.touchpoints() {
        secrets.push(t.note.clone());
    }
    for s in map.snapshots() {
        secrets.push(s.name.clone());
    }
    secrets.retain(|s| s.trim().len() > 2);
    assert!(secrets.len() > 30, "the example has plenty to hide");

    for style in [LabelStyle::Codes, LabelStyle::Initials] {
        let options = RedactOptions::labelled(style);
        let copy = redacted(&map, &options);
        let json = format::to_json(&copy, at(3));
        let svg = format::map_svg(
            &copy,
            style,
            today(),
            ShownTies {
                show: TieShow::All,
                selected: None,
            },
        );
        let csv = format::stakeholders_csv(&copy);
        for tag in &tags {
            assert!(
                !json.contains(&format!("\"{tag}\"")),
                "the file holds the tag “{tag}”"
            );
            assert!(
                !csv.contains(tag.as_str()),
                "the sheet holds the tag “{tag}”"
            );
        }
        for secret in &secrets {
            for (what, out) in [("file", &json), ("image", &svg), ("sheet", &csv)] {
                assert!(
                    !out.contains(secret.as_str()),
                    "{what} ({style:?}) still holds “{secret}”"
                );
            }
        }
        assert!(
            json.replace(char::is_whitespace, "")
                .contains("\"redacted\":true"),
            "the file says it is redacted"
        );
        let back = format::parse(&json, at(4)).unwrap();
        assert!(back.redacted, "reading it back knows it is redacted");
        assert_eq!(back.len(), map.len());
        let positions = |m: &StakeMap| m.stakeholders().map(|s| s.position()).collect::<Vec<_>>();
        assert_eq!(positions(&back), positions(&map), "positions are kept");
    }
    let plain = format::to_json(&map, at(3));
    assert!(!plain.contains("redacted"), "ordinary files are unchanged");
}

#[test]
fn codes_are_stable_across_copies_and_initials_that_clash_are_numbered() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    assert_eq!(
        labels(&map, LabelStyle::Codes),
        labels(&map.clone(), LabelStyle::Codes)
    );
    let options = RedactOptions::default();
    let a = redacted(&map, &options);
    let b = redacted(&a, &options);
    let dana = by_name(&map, "Dana Ortiz");
    assert_eq!(a.get(dana).unwrap().name(), b.get(dana).unwrap().name());
    assert!(a.get(dana).unwrap().name().starts_with("S-"));
    assert_eq!(a, b, "redacting a redacted copy again changes nothing");

    let mut ids = SequentialIds::starting_at(900);
    let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Twins", T0)]);
    let id = w.maps()[0].id;
    for name in ["Dana Ortiz", "Dan Owens"] {
        w.apply(
            Op::AddStakeholder {
                map: id,
                stakeholder: support::maps::person(&mut ids, name, 50, 50),
            },
            T0,
        )
        .unwrap();
    }
    let mut initials: Vec<String> = labels(&w.maps()[0], LabelStyle::Initials)
        .into_values()
        .collect();
    initials.sort();
    assert_eq!(initials, ["DO", "DO 2"]);
}

// ----- the README says what the dialog says -----

#[test]
fn the_readme_describes_the_default_redacted_copy_as_the_dialog_does() {
    let lines: Vec<String> = redaction_summary(&RedactOptions::default())
        .iter()
        .map(|l| format!("- {}", l.text()))
        .collect();
    if std::env::var_os("STAKEMAP_PRINT_REDACTION").is_some() {
        println!("{}", lines.join("\n"));
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in &lines {
        assert!(
            readme.lines().any(|l| l == line),
            "README.md's description of a redacted copy is out of date; run with \
             STAKEMAP_PRINT_REDACTION=1 --nocapture and paste: {line}"
        );
    }
}
