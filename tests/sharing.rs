//! Native tests of sharing by file: merging a colleague's copy, spreadsheets out and in,
//! redacted copies, map images, and workshop rounds.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use std::collections::HashSet;

mod support;

use support::{action_fields, by_name, people_fields, T0};
const MINUTE: i64 = 60_000;

fn at(minutes: i64) -> Timestamp {
    Timestamp::from_unix_millis(T0.unix_millis() + minutes * MINUTE)
}

fn today() -> LocalDate {
    LocalDate::from_ymd(2026, 11, 22).unwrap()
}

/// The worked example, with ids from `ids`.
fn example(ids: &mut SequentialIds) -> StakeMap {
    let id = MapId(ids.next_uuid());
    example_map(id, || ids.next_uuid(), T0, today())
}

/// Applies ops to a copy of `map` at the given minutes after T0.
fn edited(map: &StakeMap, ops: Vec<(i64, Op)>) -> StakeMap {
    let mut w = Workspace::from_maps(vec![map.clone()]);
    for (minute, op) in ops {
        w.apply(op, at(minute)).expect("the edit applies");
    }
    w.map(map.id).cloned().expect("the map is still there")
}

fn person(ids: &mut SequentialIds, name: &str, influence: u8, skepticism: u8) -> Stakeholder {
    Stakeholder::new(
        StakeholderId(ids.next_uuid()),
        StakeholderFields {
            name: name.into(),
            position: Position {
                influence,
                skepticism,
            },
            ..Default::default()
        },
        T0,
    )
}

/// What a map holds, record by record, without the times of last change: an undo is an edit
/// of its own, stamped when it is made. Lists keep their order.
type Content = (
    String,
    Vec<(StakeholderId, StakeholderFields)>,
    Vec<(ActionId, StakeholderId, ActionFields)>,
    Vec<Touchpoint>,
    Vec<Snapshot>,
    Vec<HistoryPoint>,
);

fn content(m: &StakeMap) -> Content {
    (
        m.name.clone(),
        people_fields(m),
        action_fields(m),
        m.touchpoints().cloned().collect(),
        m.snapshots().to_vec(),
        m.history().to_vec(),
    )
}

// ----- merge -----

/// Two colleagues' copies of one map, each with edits the other does not have.
fn two_copies() -> (StakeMap, StakeMap, SequentialIds) {
    let mut ids = SequentialIds::starting_at(1);
    let base = example(&mut ids);
    let dana = by_name(&base, "Dana Ortiz");
    let grace = by_name(&base, "Grace Lindqvist");
    let newcomer_a = person(&mut ids, "Ana Newcomer", 40, 60);
    let newcomer_b = person(&mut ids, "Bo Newcomer", 70, 20);
    let action = Action {
        id: ActionId(ids.next_uuid()),
        stakeholder: dana,
        fields: ActionFields::from_tactic(Tactic::ListeningSession),
        created_at: T0,
        updated_at: T0,
    };
    let snapshot = base.capture(SnapshotId(ids.next_uuid()), "After the offsite", at(30));
    let mine = edited(
        &base,
        vec![
            (
                10,
                Op::MoveStakeholder {
                    map: base.id,
                    id: dana,
                    to: Position {
                        influence: 80,
                        skepticism: 30,
                    },
                },
            ),
            (
                11,
                Op::AddStakeholder {
                    map: base.id,
                    stakeholder: newcomer_a,
                },
            ),
            (
                12,
                Op::AddAction {
                    map: base.id,
                    action,
                },
            ),
        ],
    );
    let mut grace_fields = base.get(grace).unwrap().fields.clone();
    grace_fields.notes = "Asked for the pilot figures.".into();
    let theirs = edited(
        &base,
        vec![
            (
                20,
                Op::EditStakeholder {
                    map: base.id,
                    id: grace,
                    fields: grace_fields,
                },
            ),
            (
                21,
                Op::AddStakeholder {
                    map: base.id,
                    stakeholder: newcomer_b,
                },
            ),
            (
                22,
                Op::TakeSnapshot {
                    map: base.id,
                    snapshot,
                },
            ),
        ],
    );
    (mine, theirs, ids)
}

fn merged_both_ways(mine: &StakeMap, theirs: &StakeMap) -> (StakeMap, StakeMap) {
    let ab = MergePreview::between(mine, theirs);
    let ba = MergePreview::between(theirs, mine);
    (
        merge(mine, theirs, &ab.default_choices(), at(60)),
        merge(theirs, mine, &ba.default_choices(), at(60)),
    )
}

#[test]
fn merging_independent_edits_in_either_order_gives_the_same_map_with_both_sets_of_edits() {
    let (mine, theirs, _) = two_copies();
    let (ab, ba) = merged_both_ways(&mine, &theirs);
    assert_eq!(ab, ba, "the merge does not depend on whose copy is open");
    assert_eq!(
        format::to_json(&ab, at(61)),
        format::to_json(&ba, at(61)),
        "not even in the order of the file"
    );

    let dana = ab.get(by_name(&ab, "Dana Ortiz")).unwrap();
    assert_eq!(
        dana.position(),
        Position {
            influence: 80,
            skepticism: 30
        },
        "my move survives"
    );
    let grace = ab.get(by_name(&ab, "Grace Lindqvist")).unwrap();
    assert_eq!(
        grace.fields.notes, "Asked for the pilot figures.",
        "their note survives"
    );
    assert!(ab.stakeholders().any(|s| s.name() == "Ana Newcomer"));
    assert!(ab.stakeholders().any(|s| s.name() == "Bo Newcomer"));
    assert_eq!(ab.len(), mine.len() + 1);
    assert_eq!(
        ab.actions().len(),
        mine.actions().len(),
        "my new action is there once"
    );
    assert_eq!(
        ab.snapshots().len(),
        theirs.snapshots().len(),
        "their snapshot came in"
    );
    assert!(
        ab.history()
            .iter()
            .any(|p| p.stakeholder == dana.id && p.position.skepticism == 30),
        "my move's history came along"
    );
}

#[test]
fn the_preview_lists_new_missing_and_changed_people_with_the_newer_value_preselected() {
    let (mine, theirs, _) = two_copies();
    let preview = MergePreview::between(&mine, &theirs);
    let names = |list: &[OneSided]| list.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&preview.added), ["Bo Newcomer"]);
    assert_eq!(names(&preview.missing), ["Ana Newcomer"]);
    let changed: Vec<(&str, Vec<MergeField>, Vec<bool>)> = preview
        .changed
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.fields.iter().map(|f| f.field).collect(),
                c.fields.iter().map(|f| f.theirs_newer).collect(),
            )
        })
        .collect();
    assert!(
        changed.contains(&("Dana Ortiz", vec![MergeField("position")], vec![false])),
        "my move is newer than their (unmoved) copy: {changed:?}"
    );
    assert!(
        changed.contains(&("Grace Lindqvist", vec![MergeField("notes")], vec![true])),
        "their note is newer: {changed:?}"
    );
    let grace = preview
        .changed
        .iter()
        .find(|c| c.name == "Grace Lindqvist")
        .unwrap();
    assert_eq!(grace.fields[0].theirs, "Asked for the pilot figures.");
    assert_eq!(preview.new_snapshots, 1);
    assert_eq!(preview.new_actions, 0, "their file has no action I lack");
}

#[test]
fn a_conflict_is_resolved_as_previewed_and_the_user_can_keep_the_older_value() {
    let mut ids = SequentialIds::starting_at(1);
    let base = example(&mut ids);
    let dana = by_name(&base, "Dana Ortiz");
    let with_role = |role: &str| {
        let mut f = base.get(dana).unwrap().fields.clone();
        f.role = role.into();
        f
    };
    let mine = edited(
        &base,
        vec![(
            5,
            Op::EditStakeholder {
                map: base.id,
                id: dana,
                fields: with_role("Chief Operating Officer"),
            },
        )],
    );
    let theirs = edited(
        &base,
        vec![(
            9,
            Op::EditStakeholder {
                map: base.id,
                id: dana,
                fields: with_role("COO and deputy CEO"),
            },
        )],
    );
    let preview = MergePreview::between(&mine, &theirs);
    let diff = &preview.changed[0].fields[0];
    assert_eq!(
        (
            diff.field,
            diff.mine.as_str(),
            diff.theirs.as_str(),
            diff.theirs_newer
        ),
        (
            MergeField("role"),
            "Chief Operating Officer",
            "COO and deputy CEO",
            true
        )
    );
    let newer = merge(&mine, &theirs, &preview.default_choices(), at(10));
    assert_eq!(newer.get(dana).unwrap().fields.role, "COO and deputy CEO");

    let mut keep_mine = preview.default_choices();
    keep_mine.take_theirs.remove(&(dana, MergeField("role")));
    let older = merge(&mine, &theirs, &keep_mine, at(10));
    assert_eq!(
        older.get(dana).unwrap().fields.role,
        "Chief Operating Officer"
    );
}

#[test]
fn records_merge_by_id_without_duplicates_and_merging_twice_changes_nothing_more() {
    let (mine, theirs, _) = two_copies();
    let choices = MergePreview::between(&mine, &theirs).default_choices();
    let once = merge(&mine, &theirs, &choices, at(60));
    let ids = |m: &StakeMap| -> usize { m.actions().map(|a| a.id).collect::<HashSet<_>>().len() };
    assert_eq!(ids(&once), once.actions().len(), "no action twice");
    let touchpoint_ids: HashSet<_> = once.touchpoints().map(|t| t.id).collect();
    assert_eq!(
        touchpoint_ids.len(),
        once.touchpoints().len(),
        "no contact twice"
    );
    assert_eq!(once.touchpoints().len(), mine.touchpoints().len());
    let history: HashSet<_> = once
        .history()
        .iter()
        .map(|p| (p.stakeholder, p.at, p.position, p.source))
        .collect();
    assert_eq!(
        history.len(),
        once.history().len(),
        "no history point twice"
    );

    let again = MergePreview::between(&once, &theirs);
    assert!(
        again.added.is_empty() && again.new_actions == 0 && again.new_snapshots == 0,
        "everything of theirs is already in: {again:?}"
    );
    let twice = merge(&once, &theirs, &again.default_choices(), at(60));
    assert_eq!(twice, once);
}

#[test]
fn people_missing_from_their_file_are_kept_unless_the_user_removes_them() {
    let (mine, theirs, _) = two_copies();
    let preview = MergePreview::between(&mine, &theirs);
    let ana = preview.missing[0].id;
    let kept = merge(&mine, &theirs, &preview.default_choices(), at(60));
    assert!(kept.contains(ana));

    let mut choices = preview.default_choices();
    choices.remove_missing.insert(ana);
    choices.skip_added.insert(preview.added[0].id);
    let removed = merge(&mine, &theirs, &choices, at(60));
    assert!(!removed.contains(ana));
    assert!(
        !removed.contains(preview.added[0].id),
        "a skipped newcomer stays out"
    );
    assert!(removed.history().iter().all(|p| p.stakeholder != ana));
}

#[test]
fn a_merge_is_one_undoable_step() {
    let (mine, theirs, _) = two_copies();
    let merged = merge(
        &mine,
        &theirs,
        &MergePreview::between(&mine, &theirs).default_choices(),
        at(60),
    );
    let mut w = Workspace::from_maps(vec![mine.clone()]);
    let op = Op::MergeMap(MapPatch::between(&mine, &merged));
    let undo = w.inverse_of(&op).expect("a merge can be undone");
    w.apply(op, at(60)).unwrap();
    let now = w.map(mine.id).unwrap();
    assert_eq!(
        content(now),
        content(&merged),
        "record by record, the merged map"
    );
    w.apply(undo, at(61)).unwrap();
    assert_eq!(
        content(w.map(mine.id).unwrap()),
        content(&mine),
        "one undo restores every record, field and history point"
    );
}

// ----- spreadsheets -----

fn tricky_map() -> StakeMap {
    let mut ids = SequentialIds::starting_at(500);
    let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Tricky", T0)]);
    let map = w.maps()[0].id;
    let people = [
        StakeholderFields {
            name: "Zoë \"Z\" O'Brien, Jr.".into(),
            role: "Directrice générale".into(),
            organisation: "Société, Ltd".into(),
            position: Position {
                influence: 90,
                skepticism: 75,
            },
            root_causes: vec![RootCause::RolePressure, RootCause::CoachDoubts],
            cares_about: "Margins; \"real\" numbers".into(),
            notes: "Line one\nLine two, with a comma\r\nLine three".into(),
            tags: vec!["board".into(), "Région Sud".into()],
            cadence_days: Some(10),
            target: Some(Position {
                influence: 90,
                skepticism: 30,
            }),
        },
        StakeholderFields {
            name: "=HYPERLINK(\"http://evil.example\",\"click\")".into(),
            notes: "+44 20 7946 0000".into(),
            cares_about: "-5% budget".into(),
            role: "@mention".into(),
            position: Position {
                influence: 10,
                skepticism: 5,
            },
            ..Default::default()
        },
        StakeholderFields {
            name: "Łukasz Żółć".into(),
            position: Position {
                influence: 55,
                skepticism: 45,
            },
            ..Default::default()
        },
    ];
    for fields in people {
        w.apply(
            Op::AddStakeholder {
                map,
                stakeholder: Stakeholder::new(StakeholderId(ids.next_uuid()), fields, T0),
            },
            T0,
        )
        .unwrap();
    }
    w.maps()[0].clone()
}

#[test]
fn the_stakeholder_sheet_round_trips_commas_quotes_newlines_accents_and_formula_like_cells() {
    let map = tricky_map();
    let csv = format::stakeholders_csv(&map);
    assert!(csv.starts_with('\u{feff}'), "starts with a byte-order mark");
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "the formula is neutralised and quoted: {csv}"
    );
    assert!(csv.contains(",'+44 20 7946 0000,") || csv.contains("\"'+44 20 7946 0000\""));
    assert!(
        !csv.contains(",=") && !csv.contains(",+") && !csv.contains(",-") && !csv.contains(",@")
    );

    let back = format::read_stakeholders_csv(csv.as_bytes()).expect("the sheet reads");
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert!(
        back.ignored_columns.is_empty(),
        "{:?}",
        back.ignored_columns
    );
    let original: Vec<&StakeholderFields> = map.stakeholders().map(|s| &s.fields).collect();
    let read: Vec<&StakeholderFields> = back.rows.iter().map(|r| &r.fields).collect();
    assert_eq!(read, original, "every field comes back as it was");
    assert_eq!(
        back.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 3, 4],
        "rows are numbered as the spreadsheet shows them"
    );
}

#[test]
fn the_example_sheets_carry_quadrant_next_action_and_last_contact() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let csv = format::stakeholders_csv(&map);
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(header, format::stakeholder_columns().join(","));
    let dana_row = csv.lines().find(|l| l.starts_with("Dana Ortiz")).unwrap();
    assert!(dana_row.contains(",Win over,"), "{dana_row}");
    let last = map.last_contact(by_name(&map, "Dana Ortiz"));
    if let Some(day) = last {
        assert!(dana_row.contains(&day.iso()), "{dana_row}");
    }
    let actions = format::actions_csv(&map);
    assert_eq!(actions.lines().count(), map.actions().len() + 1);
    assert!(actions.starts_with("\u{feff}Stakeholder,Quadrant,Action"));
}

#[test]
fn a_minimal_semicolon_sheet_with_headers_in_any_order_and_case_reads_and_bad_rows_are_listed() {
    let sheet = "SKEPTICISM;name;Influence;Root causes\r\n\
                 40;Ada Achebe;70;\r\n\
                 ;Blank Skepticism;50;\r\n\
                 20;;30;\r\n\
                 10;Cy Chen;140;\r\n\
                 \r\n\
                 55;\"Dee; Donovan\";65;\"Past disappointments; culture\"\r\n\
                 60;Eve;61;Astrology\r\n";
    let read = format::read_stakeholders_csv(sheet.as_bytes()).unwrap();
    let names: Vec<&str> = read.rows.iter().map(|r| r.fields.name.as_str()).collect();
    assert_eq!(names, ["Ada Achebe", "Dee; Donovan"]);
    assert_eq!(
        read.rows[0].fields.position,
        Position {
            influence: 70,
            skepticism: 40
        }
    );
    assert_eq!(
        read.rows[1].fields.root_causes,
        vec![RootCause::PastDisappointments, RootCause::Culture]
    );
    let problems: Vec<(usize, &str)> = read
        .problems
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert_eq!(problems[0].0, 3);
    assert!(problems[0].1.contains("skepticism"), "{problems:?}");
    assert_eq!(problems[1], (4, "The name is empty."));
    assert_eq!(problems[2].0, 5);
    assert!(problems[2].1.contains("140"), "{problems:?}");
    assert_eq!(problems[3].0, 8, "the blank row 6 still counts");
    assert!(problems[3].1.contains("Astrology"), "{problems:?}");
}

#[test]
fn sheets_without_the_needed_columns_or_not_in_utf8_are_refused_with_a_reason() {
    let no_columns = format::read_stakeholders_csv(b"Who,Power\nAda,3\n").unwrap_err();
    assert!(
        no_columns
            .headline()
            .contains("Name, Influence and Skepticism")
            && no_columns.headline().contains("Who, Power"),
        "{}",
        no_columns.headline()
    );
    let latin1 =
        format::read_stakeholders_csv(b"Name,Influence,Skepticism\nZo\xeb,1,2\n").unwrap_err();
    assert!(latin1.headline().contains("UTF-8"), "{}", latin1.headline());
    let empty = format::read_stakeholders_csv(b"").unwrap_err();
    assert!(empty.headline().contains("empty"), "{}", empty.headline());
}

// ----- redaction -----

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
    let mut secrets: Vec<String> = Vec::new();
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
            s.fields.notes.clone(),
            s.fields.cares_about.clone(),
        ]);
    }
    secrets.push("Grace Lindqvist".into());
    for a in map.actions() {
        secrets.extend([a.fields.owner.clone(), a.fields.outcome.clone()]);
    }
    for t in map.touchpoints() {
        secrets.push(t.note.clone());
    }
    secrets.retain(|s| s.trim().len() > 2);
    assert!(secrets.len() > 30, "the example has plenty to hide");

    for style in [LabelStyle::Codes, LabelStyle::Initials] {
        let copy = redacted(&map, style);
        let json = format::to_json(&copy, at(3));
        let svg = format::map_svg(&copy, style, today());
        let csv = format::stakeholders_csv(&copy);
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
    let a = redacted(&map, LabelStyle::Codes);
    let b = redacted(&a, LabelStyle::Codes);
    let dana = by_name(&map, "Dana Ortiz");
    assert_eq!(a.get(dana).unwrap().name(), b.get(dana).unwrap().name());
    assert!(a.get(dana).unwrap().name().starts_with("S-"));

    let mut ids = SequentialIds::starting_at(900);
    let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Twins", T0)]);
    let id = w.maps()[0].id;
    for name in ["Dana Ortiz", "Dan Owens"] {
        w.apply(
            Op::AddStakeholder {
                map: id,
                stakeholder: person(&mut ids, name, 50, 50),
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

// ----- images -----

#[test]
fn the_map_image_has_title_date_axes_quadrants_legend_and_safe_text() {
    let mut ids = SequentialIds::starting_at(1);
    let mut map = example(&mut ids);
    map.name = "Rollout <Q1> & \"friends\"".into();
    let svg = format::map_svg(&map, LabelStyle::Names, today());
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"900\"")
    );
    assert!(
        svg.contains("Rollout &lt;Q1&gt; &amp; &quot;friends&quot;"),
        "escaped title"
    );
    assert!(!svg.contains("<Q1>"));
    assert!(svg.contains("Sun 22 Nov 2026"), "dated");
    for text in [
        "Skepticism →",
        "Influence →",
        "Legend",
        "Win over (",
        "Champions (",
        "Reassure (",
        "Keep informed (",
    ] {
        assert!(svg.contains(text), "has {text}");
    }
    for s in map.stakeholders() {
        assert!(
            svg.contains(&format!(">{}</text>", s.name())),
            "labels {}",
            s.name()
        );
    }
    for external in ["href", "<style", "url(", "<script", "@font-face"] {
        assert!(!svg.contains(external), "self-contained: no {external}");
    }
    assert!(
        svg.matches("font-family=\"Arial, Helvetica, sans-serif\"")
            .count()
            > 20
    );

    let initials = format::map_svg(&map, LabelStyle::Initials, today());
    assert!(initials.contains(">DO</text>"));
    assert!(!initials.contains("Dana Ortiz"));
}

#[test]
fn characters_xml_forbids_never_reach_the_image() {
    let mut ids = SequentialIds::starting_at(1);
    let mut map = example(&mut ids);
    // U+FFFE and U+FFFF (in two planes), other non-characters, controls, and a replacement
    // character where a file had a lone surrogate: all can be in a Rust string.
    map.name =
        "Q1\u{FFFE} roll\u{FFFF}out\u{1}\u{FDD0}\u{1FFFF}\u{10FFFE}\u{85}\u{7F} \u{FFFD} ok".into();
    let dana = by_name(&map, "Dana Ortiz");
    let mut w = Workspace::from_maps(vec![map.clone()]);
    let mut fields = map.get(dana).unwrap().fields.clone();
    fields.name = "Dana\u{FFFF}\nOrtiz\u{0}\u{B}".into();
    w.apply(
        Op::EditStakeholder {
            map: map.id,
            id: dana,
            fields,
        },
        at(1),
    )
    .unwrap();
    let map = w.map(map.id).unwrap();
    for style in [LabelStyle::Names, LabelStyle::Initials, LabelStyle::Codes] {
        let svg = format::map_svg(map, style, today());
        let forbidden: Vec<char> = svg
            .chars()
            .filter(|&c| {
                let code = u32::from(c);
                !(matches!(c, '\t' | '\n' | '\r')
                    || (0x20..=0xD7FF).contains(&code)
                    || (0xE000..=0xFFFD).contains(&code)
                    || (0x10000..=0x10FFFF).contains(&code))
                    || c.is_control()
                    || (0xFDD0..=0xFDEF).contains(&code)
                    || code & 0xFFFE == 0xFFFE
            })
            .collect();
        assert_eq!(forbidden, Vec::<char>::new(), "{style:?}");
        assert!(
            svg.contains("Q1 rollout \u{FFFD} ok"),
            "the rest of the name stays"
        );
        if style == LabelStyle::Names {
            assert!(
                svg.contains(">Dana Ortiz</text>"),
                "a line break becomes a space"
            );
        }
    }
}

#[test]
fn a_sheet_with_more_rows_than_a_map_could_take_is_refused_before_its_rows_are_read() {
    let mut sheet = b"Name,Influence,Skepticism\r\n".to_vec();
    for i in 0..=format::MAX_SHEET_ROWS {
        sheet.extend_from_slice(format!("P{i},1,1\r\n").as_bytes());
    }
    let err = format::read_stakeholders_csv(&sheet).unwrap_err();
    assert!(
        err.headline()
            .contains("more than 40,000 rows, more than a map can take (at most 20,000"),
        "{}",
        err.headline()
    );
    // Blank lines are not rows; a full map's sheet still reads, the rows past the limit listed.
    let mut sheet = b"Name,Influence,Skepticism\r\n\r\n\r\n".to_vec();
    for i in 0..MAX_STAKEHOLDERS + 2 {
        sheet.extend_from_slice(format!("P{i},1,1\n").as_bytes());
    }
    let read = format::read_stakeholders_csv(&sheet).expect("reads");
    assert_eq!(read.rows.len(), MAX_STAKEHOLDERS);
    assert_eq!(read.problems.len(), 1);

    // A row of millions of cells is refused as soon as it passes the limit.
    let mut wide = b"Name,Influence,Skepticism\r\nAda,1,1".to_vec();
    wide.extend(std::iter::repeat_n(b',', 5_000_000));
    let err = format::read_stakeholders_csv(&wide).unwrap_err();
    assert!(
        err.headline().contains("more than 200 cells"),
        "{}",
        err.headline()
    );
}

// ----- workshop rounds -----

#[test]
fn a_workshop_round_gives_each_view_the_mean_and_the_spread_and_adopts_the_mean() {
    let mut ids = SequentialIds::starting_at(1);
    let mine = example(&mut ids);
    let dana = by_name(&mine, "Dana Ortiz");
    let grace = by_name(&mine, "Grace Lindqvist");
    let placed = |influence: u8, skepticism: u8, who: StakeholderId, extra: Option<&str>| {
        let mut copy = edited(
            &mine,
            vec![(
                1,
                Op::MoveStakeholder {
                    map: mine.id,
                    id: who,
                    to: Position {
                        influence,
                        skepticism,
                    },
                },
            )],
        );
        if let Some(name) = extra {
            let mut w = Workspace::from_maps(vec![copy]);
            w.apply(
                Op::AddStakeholder {
                    map: mine.id,
                    stakeholder: person(&mut SequentialIds::starting_at(7000), name, 1, 1),
                },
                at(2),
            )
            .unwrap();
            copy = w.maps()[0].clone();
        }
        copy
    };
    // A participant who typed the names into a blank map still counts, matched by name.
    let mut blank = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Mine", T0)]);
    let blank_id = blank.maps()[0].id;
    blank
        .apply(
            Op::AddStakeholder {
                map: blank_id,
                stakeholder: person(&mut ids, "  dana ortiz ", 90, 90),
            },
            T0,
        )
        .unwrap();
    let participants = vec![
        Participant::from_map("Ada", &placed(60, 20, dana, None), &mine),
        Participant::from_map("Ben", &placed(80, 40, dana, Some("Stranger")), &mine),
        Participant::from_map("Cy", &blank.maps()[0], &mine),
    ];
    assert_eq!(
        participants[1].unmatched, 1,
        "Ben's extra person matches nobody"
    );
    assert_eq!(participants[2].positions.len(), 1, "Cy placed only Dana");

    let rows = round_rows(&mine, &participants);
    let row = rows.iter().find(|r| r.id == dana).unwrap();
    let p = |i, s| Position {
        influence: i,
        skepticism: s,
    };
    assert_eq!(
        row.views,
        vec![Some(p(60, 20)), Some(p(80, 40)), Some(p(90, 90))]
    );
    let spread = row.spread.unwrap();
    assert_eq!(spread.count, 3);
    assert!((spread.influence - 230.0 / 3.0).abs() < 1e-9);
    assert!((spread.skepticism - 50.0).abs() < 1e-9);
    // Population standard deviation of 60, 80, 90 and of 20, 40, 90.
    assert!(
        (spread.sd_influence - 12.472_191).abs() < 1e-5,
        "{spread:?}"
    );
    assert!(
        (spread.sd_skepticism - 29.439_202).abs() < 1e-5,
        "{spread:?}"
    );
    assert_eq!(spread.mean(), p(77, 50));

    let grace_row = rows.iter().find(|r| r.id == grace).unwrap();
    let grace_now = mine.get(grace).unwrap().position();
    assert_eq!(
        grace_row.spread.unwrap().sd_influence,
        0.0,
        "Ada and Ben left Grace alone"
    );
    assert_eq!(grace_row.views[2], None, "Cy did not place Grace");

    let moves = adopt_means(&rows);
    assert!(moves.contains(&(dana, p(77, 50))));
    assert!(moves
        .iter()
        .all(|(id, _)| *id != grace || grace_now != mine.get(grace).unwrap().position()));
    let mut w = Workspace::from_maps(vec![mine.clone()]);
    let op = Op::MoveMany {
        map: mine.id,
        moves,
    };
    let undo = w.inverse_of(&op).unwrap();
    w.apply(op, at(5)).unwrap();
    let after = w.map(mine.id).unwrap();
    assert_eq!(after.get(dana).unwrap().position(), p(77, 50));
    assert_eq!(
        after.history().last().map(|h| h.source),
        Some(MoveSource::Merge),
        "the history says where the move came from"
    );
    w.apply(undo, at(6)).unwrap();
    assert_eq!(
        w.map(mine.id).unwrap().get(dana).unwrap().position(),
        mine.get(dana).unwrap().position()
    );

    let bens = adopt_view(&rows, 1);
    assert_eq!(
        bens,
        vec![(dana, p(80, 40))],
        "only where Ben differs from the map"
    );
}

// ----- through the store: nothing changes before confirmation; one undo -----

mod through_the_store {
    use super::*;
    use leptos::prelude::*;
    use stakemap::state::{MemoryBackend, Sharing, Store, Tone};
    use std::sync::Arc;

    fn start() -> (Owner, Arc<MemoryBackend>, Store, Sharing) {
        let owner = Owner::new();
        owner.set();
        let backend = Arc::new(MemoryBackend::at(T0));
        let store = Store::start(backend.clone());
        let sharing = Sharing::new(store);
        (owner, backend, store, sharing)
    }

    fn current(store: &Store) -> StakeMap {
        store
            .with_current_untracked(Clone::clone)
            .expect("a map is open")
    }

    #[test]
    fn a_copy_of_the_open_map_goes_to_the_preview_and_merges_as_one_undoable_step() {
        let (_o, backend, store, sharing) = start();
        let mine = current(&store);
        let dana = by_name(&mine, "Dana Ortiz");
        let mut ids = SequentialIds::starting_at(9000);
        let theirs = edited(
            &mine,
            vec![
                (
                    500,
                    Op::MoveStakeholder {
                        map: mine.id,
                        id: dana,
                        to: Position {
                            influence: 40,
                            skepticism: 10,
                        },
                    },
                ),
                (
                    501,
                    Op::AddStakeholder {
                        map: mine.id,
                        stakeholder: person(&mut ids, "Tomasz Wren", 60, 60),
                    },
                ),
            ],
        );
        let file = format::to_json(&theirs, at(502));
        let maps_before = store.workspace().with_untracked(|w| w.maps().len());

        sharing.open_file("from-colleague.stakemap.json", file.as_bytes());
        let review = sharing.merge_review().expect("the preview opens");
        assert_eq!(review.preview.added.len(), 1);
        assert_eq!(current(&store), mine, "nothing changes before Merge");
        assert_eq!(backend.saved_map(mine.id).as_ref(), Some(&mine));

        sharing.confirm_merge();
        assert!(sharing.merge_review().is_none());
        let merged = current(&store);
        assert_eq!(merged.len(), mine.len() + 1);
        assert_eq!(
            merged.get(dana).unwrap().position(),
            Position {
                influence: 40,
                skepticism: 10
            }
        );
        assert_eq!(
            backend.saved_map(mine.id).as_ref(),
            Some(&merged),
            "the merge is saved"
        );
        assert_eq!(
            store.workspace().with_untracked(|w| w.maps().len()),
            maps_before,
            "merged in place, not added as a map"
        );

        assert!(store.undo());
        let back = current(&store);
        assert_eq!(
            content(&back),
            content(&mine),
            "one undo takes the whole merge back, record by record"
        );
        assert_eq!(backend.saved_map(mine.id).as_ref(), Some(&back));
    }

    #[test]
    fn a_cancelled_preview_or_a_bad_sheet_changes_nothing_and_good_rows_need_confirmation() {
        let (_o, _backend, store, sharing) = start();
        let mine = current(&store);
        let mut copy = mine.clone();
        copy.name = "Renamed by a colleague".into();
        sharing.open_file(
            "copy.stakemap.json",
            format::to_json(&copy, at(1)).as_bytes(),
        );
        assert!(
            sharing.merge_review().is_some(),
            "a differing name is previewed too"
        );
        sharing.cancel_merge();
        assert_eq!(current(&store), mine);

        sharing.open_sheet(
            "people.csv",
            b"Name,Influence,Skepticism\r\nAda,10,20\r\n,5,5\r\n",
            true,
        );
        let review = sharing.sheet_review().expect("the sheet is under review");
        assert_eq!(
            (review.import.rows.len(), review.import.problems.len()),
            (1, 1)
        );
        assert_eq!(current(&store), mine, "nothing goes in before confirmation");
        sharing.confirm_sheet();
        let after = current(&store);
        assert_eq!(after.len(), mine.len() + 1);
        assert!(after.stakeholders().any(|s| s.name() == "Ada"));
        assert!(
            after.history().iter().any(|p| p.source == MoveSource::Added
                && after.get(p.stakeholder).is_some_and(|s| s.name() == "Ada")),
            "the new person's history starts where they were placed"
        );
        assert!(store.undo());
        assert_eq!(current(&store), mine);
    }

    #[test]
    fn a_colleagues_copy_that_needed_repairs_is_previewed_and_the_repairs_are_listed() {
        let (_o, _backend, store, sharing) = start();
        let mine = current(&store);
        let mut value = format::to_value(&mine, at(1));
        value["stakeholders"][0]["influence"] = serde_json::Value::from(140);
        value["stakeholders"][0]["notes"] = serde_json::Value::from("x".repeat(10_010));
        sharing.open_file("colleague.stakemap.json", value.to_string().as_bytes());
        let review = sharing.merge_review().expect("previewed, not refused");
        assert_eq!(review.preview.changed.len(), 1);
        let notice = store.notices().notice().expect("the repairs are listed");
        assert_eq!(notice.tone, Tone::Info);
        assert!(notice.title.contains("colleague.stakemap.json"));
        assert!(
            notice.details.iter().any(|d| d
                == "Influence of stakeholder 1 (Dana Ortiz) was 140, outside 0–100; set to 100."),
            "{:#?}",
            notice.details
        );
        assert!(notice.details.iter().any(|d| d
            == "Notes of stakeholder 1 (Dana Ortiz) were 10010 characters; shortened to 10000."));
        assert_eq!(current(&store), mine, "nothing changes before Merge");
    }

    #[test]
    fn a_redacted_file_is_never_merged_into_a_full_map() {
        let (_o, _backend, store, sharing) = start();
        let mine = current(&store);
        let copy = redacted(&mine, LabelStyle::Codes);
        sharing.open_file(
            "outside.stakemap.json",
            format::to_json(&copy, at(1)).as_bytes(),
        );
        assert!(sharing.merge_review().is_none());
        assert_eq!(
            store
                .workspace()
                .with_untracked(|w| w.map(mine.id).cloned()),
            Some(mine.clone()),
            "my map keeps its names and notes"
        );
        let opened = current(&store);
        assert!(
            opened.redacted && opened.id != mine.id,
            "it opened beside mine"
        );
        assert!(store
            .notices()
            .notice()
            .unwrap()
            .title
            .contains("redacted copy"));
    }
}
