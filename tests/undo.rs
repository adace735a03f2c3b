//! Native tests of undo and redo through the store. Each step puts back, takes out or sets back
//! only the records and fields its edit touched, on top of what another tab changed since (two
//! stores on one backend are two tabs); a restore that can no longer apply changes nothing;
//! quick edits of the same fields fold into one step; and a redo after an undo is exactly the
//! state before the undo.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use stakemap::state::{ExternalChange, Pending, Sharing, Store, Tone};

mod support;

use support::{action_fields, by_name, current, people_fields, two_tabs, T0};

/// What a map holds, record by record and field by field, without times: an undo or a redo is
/// an edit of its own, stamped when it is made. Lists keep their order; the history is each
/// point's person, place and source, in order.
type Content = (
    String,
    Vec<(StakeholderId, StakeholderFields)>,
    Vec<(ActionId, StakeholderId, ActionFields)>,
    Vec<(
        TouchpointId,
        StakeholderId,
        LocalDate,
        String,
        Option<u8>,
        Option<u8>,
    )>,
    Vec<(SnapshotId, String, Vec<SnapshotEntry>)>,
    Vec<(StakeholderId, Position, MoveSource)>,
);

fn content(m: &StakeMap) -> Content {
    (
        m.name.clone(),
        people_fields(m),
        action_fields(m),
        m.touchpoints()
            .map(|t| {
                (
                    t.id,
                    t.stakeholder,
                    t.date,
                    t.note.clone(),
                    t.influence,
                    t.skepticism,
                )
            })
            .collect(),
        m.snapshots()
            .iter()
            .map(|s| (s.id, s.name.clone(), s.entries.clone()))
            .collect(),
        m.history()
            .iter()
            .map(|p| (p.stakeholder, p.position, p.source))
            .collect(),
    )
}

/// A person's fields as the form shows them: after the tab heard of the other tab's saves, as
/// the browser's `storage` event tells it (the form sends all of its fields).
fn fields_of(store: &Store, id: StakeholderId) -> StakeholderFields {
    if let Some(map) = store.current_id() {
        store.external_change(ExternalChange::Map(map));
    }
    store.stakeholder(id).expect("on the map").fields
}

fn set_notes(store: &Store, id: StakeholderId, notes: &str) -> bool {
    let mut fields = fields_of(store, id);
    fields.notes = notes.into();
    store.edit_stakeholder(id, fields)
}

fn set_role(store: &Store, id: StakeholderId, role: &str) -> bool {
    let mut fields = fields_of(store, id);
    fields.role = role.into();
    store.edit_stakeholder(id, fields)
}

fn log_reading(store: &Store, id: StakeholderId, influence: &str, skepticism: &str) -> bool {
    let today = store.today();
    let fields = validate_touchpoint(
        &today.iso(),
        Channel::Meeting,
        Sentiment::Positive,
        "Went well.",
        influence,
        skepticism,
        today,
    )
    .expect("a valid contact");
    store.log_touchpoint(id, fields).is_some()
}

fn at(p: (u8, u8)) -> Position {
    Position {
        influence: p.0,
        skepticism: p.1,
    }
}

fn history_of(map: &StakeMap, id: StakeholderId) -> Vec<HistoryPoint> {
    map.history_for(id)
}

// ----- cross-tab: an undo changes only what its edit touched -----

#[test]
fn undoing_a_deletion_puts_the_person_back_in_place_and_keeps_another_tabs_later_edit() {
    let (_o, backend, a, b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let marcus = by_name(&original, "Marcus Feld");
    let place = original.stakeholder_ids().iter().position(|id| *id == dana);
    assert!(!original.actions_for(dana).is_empty() && !original.touchpoints_for(dana).is_empty());

    // Tab A deletes Dana; then tab B, which has seen that, writes a note on Marcus.
    a.request(Pending::DeleteStakeholder(dana));
    a.confirm_pending();
    assert!(current(&a).get(dana).is_none());
    backend.advance(1_000);
    assert!(set_notes(&b, marcus, "Wants the pilot's cost per head."));
    assert!(current(&b).get(dana).is_none(), "B built on A's deletion");

    // Tab A undoes the deletion.
    backend.advance(1_000);
    assert_eq!(a.undo_label().as_deref(), Some("delete Dana Ortiz"));
    assert!(a.undo());
    let back = current(&a);
    assert_eq!(
        back.get(marcus).unwrap().fields.notes,
        "Wants the pilot's cost per head.",
        "the other tab's later edit of someone else is kept"
    );
    assert_eq!(
        back.get(dana),
        original.get(dana),
        "Dana exactly as she was"
    );
    assert_eq!(
        back.stakeholder_ids().iter().position(|id| *id == dana),
        place,
        "in her place in the order"
    );
    let plan = |m: &StakeMap| m.actions().cloned().collect::<Vec<_>>();
    let log = |m: &StakeMap| m.touchpoints().cloned().collect::<Vec<_>>();
    assert_eq!(plan(&back), plan(&original), "her plan, in its order");
    assert_eq!(log(&back), log(&original), "her contacts, in their order");
    assert_eq!(history_of(&back, dana), history_of(&original, dana));
    assert_eq!(back.history().len(), original.history().len());
    assert_eq!(backend.saved_map(original.id).as_ref(), Some(&back));
}

#[test]
fn undoing_a_logged_contact_keeps_another_tabs_later_edits_of_other_people() {
    let (_o, backend, a, b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let marcus = by_name(&original, "Marcus Feld");
    let priya = by_name(&original, "Priya Raman");
    let dana_was = original.get(dana).unwrap().position();

    assert!(log_reading(&a, dana, "60", "40"));
    assert_eq!(current(&a).get(dana).unwrap().position(), at((60, 40)));
    backend.advance(1_000);
    assert!(b.move_stakeholder(marcus, at((10, 90))));
    assert!(set_role(&b, priya, "Chief People and Culture Officer"));

    backend.advance(1_000);
    assert!(a.undo());
    let back = current(&a);
    assert_eq!(back.touchpoints().len(), original.touchpoints().len());
    assert_eq!(back.get(dana).unwrap().position(), dana_was);
    assert_eq!(
        history_of(&back, dana),
        history_of(&original, dana),
        "the reading's history point went with the contact"
    );
    assert_eq!(back.get(marcus).unwrap().position(), at((10, 90)));
    assert_eq!(
        back.get(priya).unwrap().fields.role,
        "Chief People and Culture Officer"
    );
}

#[test]
fn undoing_a_notes_edit_keeps_another_tabs_later_role_edit_of_the_same_person_and_so_does_redo() {
    let (_o, backend, a, b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let notes_were = original.get(dana).unwrap().fields.notes.clone();

    assert!(set_notes(&a, dana, "Open to a pilot in Q1."));
    backend.advance(3_000);
    assert!(set_role(&b, dana, "Chief Executive Officer"));

    backend.advance(3_000);
    assert!(a.undo());
    let undone = current(&a).get(dana).unwrap().fields.clone();
    assert_eq!(undone.notes, notes_were, "the edit's own field goes back");
    assert_eq!(
        undone.role, "Chief Executive Officer",
        "a field the edit did not change keeps its latest value"
    );

    // The other tab changes her organisation meanwhile; redo repeats only the notes.
    backend.advance(3_000);
    let mut fields = fields_of(&b, dana);
    fields.organisation = "Board".into();
    assert!(b.edit_stakeholder(dana, fields));
    backend.advance(3_000);
    assert!(a.redo());
    let redone = current(&a).get(dana).unwrap().fields.clone();
    assert_eq!(redone.notes, "Open to a pilot in Q1.");
    assert_eq!(redone.role, "Chief Executive Officer");
    assert_eq!(redone.organisation, "Board");
}

/// A colleague's copy of `mine`: Dana moved, a newcomer, a note on Grace; as a file.
fn colleagues_file(mine: &StakeMap) -> (Vec<u8>, StakeholderId) {
    let dana = by_name(mine, "Dana Ortiz");
    let grace = by_name(mine, "Grace Lindqvist");
    let mut ids = SequentialIds::starting_at(9_000);
    let newcomer = Stakeholder::new(
        StakeholderId(ids.next_uuid()),
        StakeholderFields {
            name: "Tomasz Wren".into(),
            position: at((60, 60)),
            ..Default::default()
        },
        T0,
    );
    let newcomer_id = newcomer.id;
    let mut grace_fields = mine.get(grace).unwrap().fields.clone();
    grace_fields.notes = "Asked for the pilot figures.".into();
    let mut w = Workspace::from_maps(vec![mine.clone()]);
    let later = |m: i64| Timestamp::from_unix_millis(T0.unix_millis() + m * 60_000);
    for (minute, op) in [
        (
            500,
            Op::MoveStakeholder {
                map: mine.id,
                id: dana,
                to: at((40, 10)),
            },
        ),
        (
            501,
            Op::AddStakeholder {
                map: mine.id,
                stakeholder: newcomer,
            },
        ),
        (
            502,
            Op::EditStakeholder {
                map: mine.id,
                id: grace,
                fields: grace_fields,
            },
        ),
    ] {
        w.apply(op, later(minute))
            .expect("the colleague's edit applies");
    }
    let theirs = w.map(mine.id).expect("their copy");
    (
        format::to_json(theirs, later(503)).into_bytes(),
        newcomer_id,
    )
}

#[test]
fn a_merge_keeps_what_another_tab_changed_while_its_preview_was_open() {
    let (_o, backend, a, b) = two_tabs();
    let sharing = Sharing::new(a);
    let mine = current(&a);
    let marcus = by_name(&mine, "Marcus Feld");
    let (file, newcomer) = colleagues_file(&mine);
    sharing.open_file("from-colleague.stakemap.json", &file);
    assert!(sharing.merge_review().is_some(), "the preview is open");

    backend.advance(1_000);
    assert!(set_notes(&b, marcus, "Signed off the budget."));
    backend.advance(1_000);
    sharing.confirm_merge();
    let merged = current(&a);
    assert!(merged.get(newcomer).is_some(), "the merge went in");
    assert_eq!(
        merged.get(marcus).unwrap().fields.notes,
        "Signed off the budget.",
        "the edit made in the other tab meanwhile stays"
    );
}

#[test]
fn undoing_a_merge_takes_out_only_what_it_brought_and_keeps_later_edits_elsewhere() {
    let (_o, backend, a, b) = two_tabs();
    let sharing = Sharing::new(a);
    let mine = current(&a);
    let dana = by_name(&mine, "Dana Ortiz");
    let grace = by_name(&mine, "Grace Lindqvist");
    let marcus = by_name(&mine, "Marcus Feld");
    let priya = by_name(&mine, "Priya Raman");
    let (file, newcomer) = colleagues_file(&mine);
    sharing.open_file("from-colleague.stakemap.json", &file);
    sharing.confirm_merge();
    let merged = current(&a);
    assert_eq!(merged.get(dana).unwrap().position(), at((40, 10)));
    assert!(merged.get(newcomer).is_some());

    // The other tab, after the merge, edits people the merge did not touch.
    backend.advance(1_000);
    assert!(set_notes(&b, marcus, "Signed off the budget."));
    assert!(b.move_stakeholder(priya, at((95, 5))));

    backend.advance(1_000);
    assert_eq!(
        a.undo_label().as_deref(),
        Some("merge into “Example: leadership coaching rollout”")
    );
    assert!(a.undo());
    let back = current(&a);
    assert!(back.get(newcomer).is_none(), "the newcomer went");
    assert_eq!(
        back.get(dana).unwrap().fields,
        mine.get(dana).unwrap().fields,
        "Dana's position from the merge is taken back"
    );
    assert_eq!(
        back.get(grace).unwrap().fields.notes,
        mine.get(grace).unwrap().fields.notes
    );
    assert_eq!(
        history_of(&back, dana),
        history_of(&mine, dana),
        "the history points the merge added are gone"
    );
    assert_eq!(
        back.get(marcus).unwrap().fields.notes,
        "Signed off the budget."
    );
    assert_eq!(back.get(priya).unwrap().position(), at((95, 5)));
}

#[test]
fn a_restore_that_can_no_longer_apply_changes_nothing_and_says_why() {
    let (_o, backend, a, b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let action = original.actions_for(dana)[0].id;

    a.request(Pending::DeleteAction(action));
    a.confirm_pending();
    backend.advance(1_000);
    b.request(Pending::DeleteStakeholder(dana));
    b.confirm_pending();

    backend.advance(1_000);
    assert!(!a.undo(), "her action cannot come back without her");
    let notice = a.notices().notice().expect("the user is told");
    assert_eq!(notice.tone, Tone::Error);
    assert_eq!(notice.title, "That stakeholder is no longer on this map.");
    let now = current(&a);
    assert!(now.get(dana).is_none(), "nothing was brought back");
    assert!(now.action(action).is_none());
    assert_eq!(content(&now), content(&current(&b)));
}

// ----- folding quick edits -----

#[test]
fn ten_quick_notes_edits_are_one_undo_step_and_another_field_or_person_starts_a_new_one() {
    let (_o, backend, a, _b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let marcus = by_name(&original, "Marcus Feld");
    let typed = "Open to it";
    for n in 1..=10 {
        backend.advance(100);
        assert!(set_notes(&a, dana, &typed[..n]));
    }
    assert_eq!(a.undo_steps(), 1, "typing a note is one step");
    backend.advance(100);
    assert!(set_role(&a, dana, "COO"));
    assert_eq!(a.undo_steps(), 2, "another field is a new step");
    backend.advance(100);
    assert!(set_role(&a, marcus, "CFO"));
    assert_eq!(a.undo_steps(), 3, "another person is a new step");
    backend.advance(100);
    assert!(set_notes(&a, dana, "Open to it."));
    assert_eq!(
        a.undo_steps(),
        4,
        "the same field after other steps is a new step"
    );
    backend.advance(2_500);
    assert!(set_notes(&a, dana, "Open to it. Later."));
    assert_eq!(a.undo_steps(), 5, "after a pause, a new step");

    for _ in 0..4 {
        assert!(a.undo());
    }
    let once = current(&a);
    assert_eq!(once.get(dana).unwrap().fields.notes, typed);
    assert_eq!(
        once.get(dana).unwrap().fields.role,
        original.get(dana).unwrap().fields.role
    );
    assert!(a.undo(), "the ten edits, at once");
    assert_eq!(content(&current(&a)), content(&original));
    assert!(!a.undo(), "nothing more to undo");
}

#[test]
fn a_note_typed_and_deleted_again_leaves_no_step_and_renames_fold_too() {
    let (_o, backend, a, _b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let notes = original.get(dana).unwrap().fields.notes.clone();
    backend.advance(100);
    assert!(set_notes(&a, dana, &format!("{notes} x")));
    backend.advance(100);
    assert!(set_notes(&a, dana, &notes));
    assert_eq!(a.undo_steps(), 0, "nothing changed in the end");

    for name in ["R", "Ro", "Rol", "Rollout"] {
        backend.advance(300);
        a.rename_map(original.id, name).expect("a good name");
    }
    assert_eq!(a.undo_steps(), 1);
    assert_eq!(a.undo_label().as_deref(), Some("rename map to “Rollout”"));
    assert!(a.undo());
    assert_eq!(current(&a).name, original.name);
    assert!(a.redo());
    assert_eq!(current(&a).name, "Rollout");
    // After an undo or redo, the next edit is a step of its own.
    backend.advance(100);
    a.rename_map(original.id, "Rollout 2").expect("a good name");
    assert_eq!(a.undo_steps(), 2);
}

// ----- undo then redo -----

#[test]
fn undo_then_redo_is_exactly_the_state_before_the_undo_for_every_record_scoped_step() {
    let (_o, backend, a, b) = two_tabs();
    let sharing = Sharing::new(a);
    let original = current(&a);
    // Someone with a plan, a log and a history; the merge below moves Dana.
    let samuel = by_name(&original, "Samuel Okafor");
    let marcus = by_name(&original, "Marcus Feld");
    let helen = by_name(&original, "Helen Achterberg");
    let action = original.actions_for(marcus)[0].id;
    let contact = original.touchpoints_for(helen)[0].id;
    let snapshot = original.snapshots()[0].id;

    let steps: Vec<Box<dyn Fn()>> = vec![
        Box::new(|| {
            a.request(Pending::DeleteStakeholder(samuel));
            a.confirm_pending();
        }),
        Box::new(|| {
            a.request(Pending::DeleteAction(action));
            a.confirm_pending();
        }),
        Box::new(|| {
            a.request(Pending::DeleteTouchpoint(contact));
            a.confirm_pending();
        }),
        Box::new(|| {
            a.request(Pending::DeleteSnapshot(snapshot));
            a.confirm_pending();
        }),
        Box::new(|| assert!(log_reading(&a, marcus, "20", "20"))),
        Box::new(|| assert!(set_notes(&a, marcus, "Changed his mind."))),
        Box::new(|| {
            let mut fields = current(&a).actions_for(helen)[0].fields.clone();
            fields.status = ActionStatus::Done;
            fields.outcome = "Met them all.".into();
            let id = current(&a).actions_for(helen)[0].id;
            assert!(a.edit_action(id, fields));
        }),
        Box::new(|| {
            let (file, _) = colleagues_file(&current(&a));
            sharing.open_file("from-colleague.stakemap.json", &file);
            sharing.confirm_merge();
        }),
    ];
    // Between each undo and its redo, the other tab gives Marcus a new role: the redo brings
    // back exactly the state before the undo, and keeps that role.
    let with_role = |mut c: Content, role: &str| {
        for (id, fields) in &mut c.1 {
            if *id == marcus {
                fields.role = role.to_owned();
            }
        }
        c
    };
    let mut states = vec![content(&current(&a))];
    let mut role = String::new();
    for (i, step) in steps.iter().enumerate() {
        backend.advance(5_000);
        let before = a.undo_steps();
        step();
        assert_eq!(a.undo_steps(), before + 1, "each is one step");
        let done = content(&current(&a));
        backend.advance(5_000);
        assert!(a.undo());
        backend.advance(5_000);
        role = format!("Role {i}");
        assert!(set_role(&b, marcus, &role));
        backend.advance(5_000);
        assert!(a.redo());
        assert_eq!(
            content(&current(&a)),
            with_role(done.clone(), &role),
            "undo then redo: {:?}",
            a.undo_label()
        );
        states.push(done);
    }
    // And all the way back, one step at a time (positions set back are moves of their own in
    // the history, so the history is left out here).
    for expected in states.iter().rev().skip(1) {
        backend.advance(5_000);
        assert!(a.undo());
        let (name, people, plan, log, snapshots, _) = content(&current(&a));
        let (e_name, e_people, e_plan, e_log, e_snapshots, _) = with_role(expected.clone(), &role);
        assert_eq!(
            (name, people, plan, log, snapshots),
            (e_name, e_people, e_plan, e_log, e_snapshots)
        );
    }
}

#[test]
fn undo_then_redo_brings_back_what_was_there_before_the_undo_even_in_the_same_field() {
    let (_o, backend, a, b) = two_tabs();
    let original = current(&a);
    let dana = by_name(&original, "Dana Ortiz");
    let marcus = by_name(&original, "Marcus Feld");

    // The other tab changes the very field this tab's edit changed, then this tab undoes and
    // redoes: the field is back to what the other tab made it.
    assert!(set_notes(&a, dana, "A's note."));
    assert!(a.move_stakeholder(marcus, at((1, 1))));
    backend.advance(3_000);
    assert!(set_notes(&b, dana, "B's note."));
    assert!(b.move_stakeholder(marcus, at((2, 2))));
    backend.advance(3_000);
    fields_of(&a, dana);
    let before = content(&current(&a));
    assert!(a.undo());
    assert_eq!(
        current(&a).get(marcus).unwrap().position(),
        original.get(marcus).unwrap().position()
    );
    assert!(a.undo());
    assert_eq!(
        current(&a).get(dana).unwrap().fields.notes,
        original.get(dana).unwrap().fields.notes
    );
    assert!(a.redo());
    assert!(a.redo());
    let (name, people, plan, log, snapshots, _) = content(&current(&a));
    let (b_name, b_people, b_plan, b_log, b_snapshots, _) = before;
    assert_eq!(
        (name, people, plan, log, snapshots),
        (b_name, b_people, b_plan, b_log, b_snapshots)
    );

    // A logged contact comes back exactly: the same record, the same history point.
    backend.advance(3_000);
    assert!(log_reading(&a, dana, "55", "45"));
    let logged = current(&a);
    backend.advance(3_000);
    assert!(a.undo());
    assert!(current(&a).touchpoints().len() < logged.touchpoints().len());
    backend.advance(3_000);
    assert!(a.redo());
    let again = current(&a);
    let log = |m: &StakeMap| m.touchpoints().cloned().collect::<Vec<_>>();
    assert_eq!(log(&again), log(&logged));
    assert_eq!(again.history(), logged.history());
    assert_eq!(
        again.get(dana).unwrap().fields,
        logged.get(dana).unwrap().fields
    );
}

// ----- in the workspace -----

#[test]
fn a_person_put_back_gets_their_history_in_time_order_and_cannot_be_put_back_twice() {
    let mut ids = SequentialIds::starting_at(1);
    let today = LocalDate::from_ymd(2026, 11, 22).expect("a real date");
    let map = example_map(MapId(ids.next_uuid()), || ids.next_uuid(), T0, today);
    let later = |s: i64| Timestamp::from_unix_millis(T0.unix_millis() + s * 1_000);
    let dana = by_name(&map, "Dana Ortiz");
    let marcus = by_name(&map, "Marcus Feld");
    let mut w = Workspace::from_maps(vec![map.clone()]);

    let delete = Op::DeleteStakeholder {
        map: map.id,
        id: dana,
    };
    let undo = w.inverse_of(&delete).expect("she can be deleted");
    w.apply(delete, later(1)).expect("deleted");
    let moved = Op::MoveStakeholder {
        map: map.id,
        id: marcus,
        to: at((5, 95)),
    };
    w.apply(moved, later(2)).expect("moved");
    w.apply(undo.clone(), later(3)).expect("put back");

    let m = w.map(map.id).expect("the map");
    assert_eq!(m.history_for(dana), map.history_for(dana));
    assert_eq!(
        m.history().len(),
        map.history().len() + 1,
        "Marcus's later move stays"
    );
    assert!(
        m.history().windows(2).all(|p| p[0].at <= p[1].at),
        "oldest first"
    );
    assert_eq!(m.get(marcus).unwrap().position(), at((5, 95)));
    let again = w.apply(undo, later(4));
    assert_eq!(again, Err(OpError::DuplicateId(dana.to_string())));
}
