//! Native tests of bringing colleagues' copies of one map together: merging a copy (either
//! order, the preview and its choices, records by id, one undoable step) and workshop rounds
//! (each participant's view, the mean and the spread, adopting the mean).
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use std::collections::HashSet;

mod support;

use support::maps::{at, content, edited, example, person};
use support::{by_name, T0};

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
