//! Native tests of trust over time: target positions, history recording and coalescing,
//! snapshots and their comparison with now, the weighted index, the progress report figures, and
//! migration of version-1 and version-2 files to version 3.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use std::path::Path;

const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn at(ms: i64) -> Timestamp {
    Timestamp::from_unix_millis(T0.unix_millis() + ms)
}

fn pos(influence: u8, skepticism: u8) -> Position {
    Position {
        influence,
        skepticism,
    }
}

fn setup() -> (
    Workspace,
    MapId,
    StakeholderId,
    StakeholderId,
    SequentialIds,
) {
    let mut ids = SequentialIds::default();
    let map = MapId(ids.next_uuid());
    let mut ws = Workspace::default();
    ws.apply(Op::CreateMap(StakeMap::new(map, "History", T0)), T0)
        .unwrap();
    let mut add = |name: &str, p: Position, ids: &mut SequentialIds| {
        let id = StakeholderId(ids.next_uuid());
        let fields = StakeholderFields {
            name: name.into(),
            position: p,
            ..Default::default()
        };
        ws.apply(
            Op::AddStakeholder {
                map,
                stakeholder: Stakeholder::new(id, fields, T0),
            },
            T0,
        )
        .unwrap();
        id
    };
    let a = add("Ana", pos(80, 70), &mut ids);
    let b = add("Ben", pos(60, 55), &mut ids);
    (ws, map, a, b, ids)
}

fn trail(ws: &Workspace, map: MapId, id: StakeholderId) -> Vec<(i64, Position, MoveSource)> {
    ws.map(map)
        .unwrap()
        .history_for(id)
        .iter()
        .map(|p| (p.at.unix_millis() - T0.unix_millis(), p.position, p.source))
        .collect()
}

#[test]
fn every_change_of_position_is_recorded_with_its_source() {
    let (mut ws, map, a, _, mut ids) = setup();
    ws.apply(
        Op::MoveStakeholder {
            map,
            id: a,
            to: pos(80, 50),
        },
        at(60_000),
    )
    .unwrap();
    let touchpoint = Touchpoint {
        id: TouchpointId(ids.next_uuid()),
        stakeholder: a,
        date: T0.local_date(0),
        channel: Channel::Meeting,
        sentiment: Sentiment::Positive,
        note: String::new(),
        influence: None,
        skepticism: Some(35),
        evidence: None,
        created_at: T0,
    };
    ws.apply(Op::LogTouchpoint { map, touchpoint }, at(120_000))
        .unwrap();
    let mut fields = ws.map(map).unwrap().get(a).unwrap().fields.clone();
    fields.position = pos(85, 35);
    ws.apply(
        Op::EditStakeholder {
            map,
            id: a,
            fields: fields.clone(),
        },
        at(180_000),
    )
    .unwrap();
    // Editing other fields does not add a point.
    fields.notes = "calmer".into();
    ws.apply(Op::EditStakeholder { map, id: a, fields }, at(240_000))
        .unwrap();
    assert_eq!(
        trail(&ws, map, a),
        vec![
            (0, pos(80, 70), MoveSource::Added),
            (60_000, pos(80, 50), MoveSource::Map),
            (120_000, pos(80, 35), MoveSource::Touchpoint),
            (180_000, pos(85, 35), MoveSource::Map),
        ]
    );
}

#[test]
fn quick_successive_map_moves_are_one_point() {
    let (mut ws, map, a, b, mut ids) = setup();
    // Ten arrow-key presses, 300 ms apart: one point at the last place and time.
    for i in 1..=10u8 {
        ws.apply(
            Op::MoveStakeholder {
                map,
                id: a,
                to: pos(80, 70 - i),
            },
            at(60_000 + i64::from(i) * 300),
        )
        .unwrap();
    }
    // Another stakeholder's moves in between do not break the run.
    ws.apply(
        Op::MoveStakeholder {
            map,
            id: b,
            to: pos(61, 55),
        },
        at(61_000),
    )
    .unwrap();
    assert_eq!(
        trail(&ws, map, a),
        vec![
            (0, pos(80, 70), MoveSource::Added),
            (63_000, pos(80, 60), MoveSource::Map)
        ]
    );
    // A move more than COALESCE_MS later is a new point.
    ws.apply(
        Op::MoveStakeholder {
            map,
            id: a,
            to: pos(80, 55),
        },
        at(63_000 + COALESCE_MS),
    )
    .unwrap();
    assert_eq!(trail(&ws, map, a).len(), 3);
    // A touchpoint reading right after a map move is its own point, and a map move right after
    // a reading is too: only map moves fold into map moves.
    let touchpoint = Touchpoint {
        id: TouchpointId(ids.next_uuid()),
        stakeholder: a,
        date: T0.local_date(0),
        channel: Channel::Call,
        sentiment: Sentiment::Neutral,
        note: String::new(),
        influence: None,
        skepticism: Some(45),
        evidence: None,
        created_at: T0,
    };
    let t = 63_000 + COALESCE_MS;
    ws.apply(Op::LogTouchpoint { map, touchpoint }, at(t + 500))
        .unwrap();
    ws.apply(
        Op::MoveStakeholder {
            map,
            id: a,
            to: pos(80, 44),
        },
        at(t + 1_000),
    )
    .unwrap();
    let sources: Vec<MoveSource> = trail(&ws, map, a).iter().map(|p| p.2).collect();
    assert_eq!(
        sources,
        vec![
            MoveSource::Added,
            MoveSource::Map,
            MoveSource::Map,
            MoveSource::Touchpoint,
            MoveSource::Map
        ]
    );
}

#[test]
fn positions_can_be_replayed_at_any_moment() {
    let (mut ws, map, a, b, _) = setup();
    ws.apply(
        Op::MoveStakeholder {
            map,
            id: a,
            to: pos(80, 40),
        },
        at(100_000),
    )
    .unwrap();
    let m = ws.map(map).unwrap();
    assert_eq!(
        m.positions_at(at(-1)),
        vec![],
        "nobody before they were added"
    );
    assert_eq!(
        m.positions_at(at(50_000)),
        vec![(a, pos(80, 70)), (b, pos(60, 55))]
    );
    assert_eq!(
        m.positions_at(at(100_000)),
        vec![(a, pos(80, 40)), (b, pos(60, 55))]
    );
}

#[test]
fn targets_are_set_and_cleared_without_moving_anyone() {
    let (mut ws, map, a, _, _) = setup();
    ws.apply(
        Op::SetTarget {
            map,
            id: a,
            target: Some(pos(85, 30)),
        },
        at(1),
    )
    .unwrap();
    let s = ws.map(map).unwrap().get(a).unwrap();
    assert_eq!(
        (s.fields.target, s.position()),
        (Some(pos(85, 30)), pos(80, 70))
    );
    assert_eq!(trail(&ws, map, a).len(), 1, "a target is not a move");
    ws.apply(
        Op::SetTarget {
            map,
            id: a,
            target: None,
        },
        at(2),
    )
    .unwrap();
    assert_eq!(ws.map(map).unwrap().get(a).unwrap().fields.target, None);
    // The form asks for both numbers or neither.
    let draft = StakeholderDraft {
        name: "X".into(),
        target_influence: "50".into(),
        ..StakeholderDraft::blank()
    };
    let errors = draft.validate().unwrap_err();
    assert_eq!(errors[0].field, Field::Target);
    let draft = StakeholderDraft {
        name: "X".into(),
        target_influence: "50".into(),
        target_skepticism: "20".into(),
        ..StakeholderDraft::blank()
    };
    assert_eq!(draft.validate().unwrap().target, Some(pos(50, 20)));
}

#[test]
fn a_snapshot_compares_with_now_moved_added_removed() {
    let (mut ws, map, a, b, mut ids) = setup();
    let snap = ws
        .map(map)
        .unwrap()
        .capture(SnapshotId(ids.next_uuid()), "Baseline", at(1_000));
    let snap_id = snap.id;
    ws.apply(
        Op::TakeSnapshot {
            map,
            snapshot: snap,
        },
        at(1_000),
    )
    .unwrap();
    ws.apply(
        Op::MoveStakeholder {
            map,
            id: a,
            to: pos(80, 30),
        },
        at(10_000),
    )
    .unwrap();
    ws.apply(Op::DeleteStakeholder { map, id: b }, at(11_000))
        .unwrap();
    let c = StakeholderId(ids.next_uuid());
    let fields = StakeholderFields {
        name: "Cy".into(),
        position: pos(20, 40),
        ..Default::default()
    };
    ws.apply(
        Op::AddStakeholder {
            map,
            stakeholder: Stakeholder::new(c, fields, T0),
        },
        at(12_000),
    )
    .unwrap();

    let m = ws.map(map).unwrap();
    let cmp = m.compare(m.snapshot(snap_id).unwrap());
    let ids_of = |list: &[Movement]| list.iter().map(|x| x.stakeholder).collect::<Vec<_>>();
    assert_eq!(ids_of(&cmp.moved), vec![a]);
    assert_eq!(cmp.moved[0].from, Some(pos(80, 70)));
    assert_eq!(cmp.moved[0].to, Some(pos(80, 30)));
    assert_eq!(cmp.moved[0].skepticism_change(), -40);
    assert_eq!(
        cmp.moved[0].quadrants(),
        (Some(Quadrant::WinOver), Some(Quadrant::Champions))
    );
    assert_eq!(ids_of(&cmp.added), vec![c]);
    assert_eq!(ids_of(&cmp.removed), vec![b]);
    assert_eq!(
        cmp.removed[0].name, "Ben",
        "removed people keep their name from the snapshot"
    );
    assert!(cmp.unchanged.is_empty());

    // Snapshots can be renamed and deleted; names are checked like map names.
    assert!(ws
        .apply(
            Op::RenameSnapshot {
                map,
                id: snap_id,
                name: " ".into()
            },
            at(13_000)
        )
        .is_err());
    ws.apply(
        Op::RenameSnapshot {
            map,
            id: snap_id,
            name: "Kick-off".into(),
        },
        at(13_000),
    )
    .unwrap();
    assert_eq!(ws.map(map).unwrap().snapshots()[0].name, "Kick-off");
    ws.apply(Op::DeleteSnapshot { map, id: snap_id }, at(14_000))
        .unwrap();
    assert!(ws.map(map).unwrap().snapshots().is_empty());
}

#[test]
fn the_weighted_index_counts_each_person_by_their_influence() {
    assert_eq!(
        weighted_skepticism([pos(80, 70), pos(60, 55), pos(20, 40), pos(40, 90)]),
        Some(66.5)
    );
    let now = weighted_skepticism([pos(80, 30), pos(60, 75), pos(20, 40), pos(50, 20)]).unwrap();
    assert!((now - 8700.0 / 210.0).abs() < 1e-9);
    assert_eq!(weighted_skepticism([]), None);
    // A low-influence sceptic barely moves it; a high-influence one does.
    let base = weighted_skepticism([pos(90, 20)]).unwrap();
    assert!(weighted_skepticism([pos(90, 20), pos(5, 100)]).unwrap() - base < 5.0);
    assert!(weighted_skepticism([pos(90, 20), pos(90, 100)]).unwrap() - base > 30.0);
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .unwrap()
}

#[test]
fn the_report_figures_for_the_fixture_map() {
    let map = format::parse(&fixture("good/progress-v3.stakemap.json"), T0).unwrap();
    let snapshot = &map.snapshots()[0];
    let now = Timestamp::parse_rfc3339("2026-11-18T12:00:00Z").unwrap();
    let today = LocalDate::from_ymd(2026, 11, 18).unwrap();
    let r = Report::build(&map, snapshot, now, today, 0);
    // Over the three people on the map both then and now (Ana, Ben, Cy): Old Eve, removed
    // since, and Dee, added since, are listed apart and move no figure.
    // Win over, Champions, Reassure, Keep informed.
    assert_eq!(r.compared, 3);
    assert_eq!(r.quadrants_then, [2, 0, 0, 1]);
    assert_eq!(r.quadrants_now, [1, 1, 0, 1]);
    assert_eq!(r.index_then, Some(60.625));
    assert_eq!(r.index_now, Some(48.125));
    assert_eq!(r.headline(), "Among the 3 people on the map both then and now, influence-weighted skepticism fell from 61 to 48 since “Baseline”.");
    let names = |l: &[Movement]| {
        l.iter()
            .map(|m| (m.name.clone(), m.skepticism_change()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&r.toward_support), vec![("Ana".to_owned(), -40)]);
    assert_eq!(names(&r.away_from_support), vec![("Ben".to_owned(), 20)]);
    let named = |l: &[Movement]| l.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        (named(&r.added), named(&r.removed)),
        (vec!["Dee".to_owned()], vec!["Old Eve".to_owned()])
    );
    assert_eq!(
        (r.actions_done, r.actions_open, r.actions_overdue),
        (1, 2, 1)
    );
    assert_eq!(
        r.contacts,
        SentimentCounts {
            positive: 1,
            neutral: 0,
            negative: 1
        }
    );
    // Targets and history came through the file.
    let ana = map.stakeholders().next().unwrap();
    assert_eq!(ana.fields.target, Some(pos(90, 20)));
    assert_eq!(map.history_for(ana.id).len(), 2);
    // And the file round-trips.
    assert_eq!(format::parse(&format::to_json(&map, now), T0).unwrap(), map);
}

#[test]
fn older_files_gain_a_starting_point_of_history_and_no_snapshots() {
    let map = format::parse(&fixture("good/plan-v2.stakemap.json"), T0).unwrap();
    assert!(map.snapshots().is_empty());
    for s in map.stakeholders() {
        let h = map.history_for(s.id);
        assert_eq!(h.len(), 1, "{}", s.name());
        assert_eq!(
            (h[0].position, h[0].source),
            (s.position(), MoveSource::Import)
        );
    }
    let full = format::parse(&fixture("good/full-v1.stakemap.json"), T0).unwrap();
    let renee = full.stakeholders().next().unwrap();
    // Dated when they were last changed in the old file.
    assert_eq!(full.history_for(renee.id)[0].at, renee.updated_at);
    let raw: serde_json::Value =
        serde_json::from_str(&fixture("good/plan-v2.stakemap.json")).unwrap();
    let migrated = format::migrate(raw, 2);
    assert_eq!(migrated["version"], format::CURRENT_VERSION);
    assert_eq!(migrated["history"].as_array().unwrap().len(), 2);
    assert_eq!(migrated["history"][0]["source"], "import");
    assert_eq!(migrated["snapshots"], serde_json::json!([]));
    assert_eq!(migrated["evidence"], serde_json::json!([]));
}

#[test]
fn the_example_comes_with_a_baseline_and_movement_since() {
    let mut ids = SequentialIds::default();
    let map = example_map(
        MapId(ids.next_uuid()),
        || ids.next_uuid(),
        T0,
        T0.local_date(0),
    );
    let baseline = &map.snapshots()[0];
    assert_eq!(baseline.name, "Baseline");
    let cmp = map.compare(baseline);
    assert!(cmp.moved.len() >= 3, "some have moved since the baseline");
    let r = Report::build(&map, baseline, T0, T0.local_date(0), 0);
    assert!(r.index_now < r.index_then, "the example shows progress");
    assert!(!r.away_from_support.is_empty(), "and one setback");
    assert!(
        map.stakeholders()
            .filter(|s| s.fields.target.is_some())
            .count()
            >= 3
    );
}
