//! Native tests of the reactive store against the stored format kept in memory: first visit,
//! saving after every edit, save failures that lose nothing, imports that never replace a map,
//! undo and redo, and storage at its limit. Two tabs on one storage are in tests/two_tabs.rs.
#![cfg(not(target_arch = "wasm32"))]

use leptos::prelude::*;
use stakemap::format;
use stakemap::model::*;
use stakemap::state::{Backend, Pending, SaveError, Store, Tone};

mod support;

use support::{current, start, T0};

#[test]
fn first_visit_opens_the_example_and_saves_it() {
    let (_o, backend, store) = start();
    let map = current(&store);
    assert_eq!(map.name, EXAMPLE_MAP_NAME);
    assert_eq!(backend.saved_map(map.id).as_ref(), Some(&map));
    assert_eq!(backend.saved_index().unwrap().current, Some(map.id));
}

#[test]
fn every_edit_is_saved_and_a_restart_restores_it() {
    let (_o, backend, store) = start();
    let id = store
        .add_stakeholder(StakeholderFields {
            name: "New Person".into(),
            position: Position {
                influence: 12,
                skepticism: 88,
            },
            ..Default::default()
        })
        .unwrap();
    backend.advance(1000);
    assert!(store.move_stakeholder(
        id,
        Position {
            influence: 60,
            skepticism: 40
        }
    ));
    store.new_map();
    let blank = current(&store).id;

    // A second store on the same backend is a reload.
    let again = Store::start(backend.clone());
    assert_eq!(again.current_id(), Some(blank), "the last open map reopens");
    let maps = again.workspace().get_untracked();
    assert_eq!(maps.maps().len(), 2);
    let moved = maps.maps()[0].get(id).unwrap();
    assert_eq!(
        moved.position(),
        Position {
            influence: 60,
            skepticism: 40
        }
    );
    assert_eq!(moved.updated_at.unix_millis(), T0.unix_millis() + 1000);
}

#[test]
fn a_failed_save_is_reported_keeps_the_edit_and_catches_up_later() {
    let (_o, backend, store) = start();
    let map = current(&store);
    let id = map.stakeholder_ids()[0];
    backend.fail_saves(Some(SaveError::Full));
    assert!(store.move_stakeholder(
        id,
        Position {
            influence: 1,
            skepticism: 2
        }
    ));
    let problem = store.save_problem().expect("the failure is shown");
    assert!(
        problem.contains("storage for this site is full"),
        "{problem}"
    );
    // The edit is kept in memory; the stored copy is the old one.
    assert_eq!(
        current(&store).get(id).unwrap().position(),
        Position {
            influence: 1,
            skepticism: 2
        }
    );
    assert_ne!(
        backend
            .saved_map(map.id)
            .unwrap()
            .get(id)
            .unwrap()
            .position(),
        Position {
            influence: 1,
            skepticism: 2
        }
    );
    // Export still works while saving fails.
    let (_, json) = store.export_current().unwrap();
    assert!(json.contains("\"influence\": 1"));

    backend.fail_saves(None);
    store.retry_save();
    assert_eq!(store.save_problem(), None);
    assert_eq!(
        backend
            .saved_map(map.id)
            .unwrap()
            .get(id)
            .unwrap()
            .position(),
        Position {
            influence: 1,
            skepticism: 2
        }
    );
}

#[test]
fn a_bad_file_changes_nothing_and_says_where_it_is_wrong() {
    let (_o, backend, store) = start();
    let before = store.workspace().get_untracked();
    let saves = backend.save_count();
    let text = r#"{"format":"stakemap","version":1,"map":{"id":"0b8f3c52-6d0e-4b7a-9f39-2d1f4c2a7e10","name":"X"},
        "stakeholders":[{"id":"00000000-0000-4000-8000-000000000001","name":"A","influence":"high","skepticism":1}]}"#;
    assert!(!store.import_text("colleague.stakemap.json", text));
    let notice = store.notices().notice().unwrap();
    assert_eq!(notice.tone, Tone::Error);
    assert!(notice.title.contains("colleague.stakemap.json"));
    assert!(
        notice
            .details
            .iter()
            .any(|d| d
                == "stakeholders[0].influence: expected a number from 0 to 100, found \"high\""),
        "{:?}",
        notice.details
    );
    assert_eq!(store.workspace().get_untracked(), before);
    assert_eq!(backend.save_count(), saves);
}

#[test]
fn importing_a_map_that_exists_opens_a_copy_beside_it() {
    let (_o, _backend, store) = start();
    let original = current(&store);
    let (_, json) = store.export_current().unwrap();
    assert!(store.import_text("same.json", &json));
    let imported = current(&store);
    assert_ne!(imported.id, original.id, "never replaces the existing map");
    assert!(imported.name.ends_with("(imported)"));
    assert_eq!(imported.len(), original.len());
    assert_eq!(store.workspace().get_untracked().maps().len(), 2);
    // The original is untouched.
    assert_eq!(
        store.workspace().get_untracked().map(original.id),
        Some(&original)
    );
}

#[test]
fn export_then_import_round_trips_the_map() {
    let (_o, _backend, store) = start();
    let original = current(&store);
    let (name, json) = store.export_current().unwrap();
    assert!(name.ends_with(".stakemap.json"));
    let parsed = format::parse(&json, T0).unwrap();
    assert_eq!(parsed, original);
}

#[test]
fn deleting_asks_first_and_then_removes() {
    let (_o, backend, store) = start();
    let map = current(&store);
    let id = map.stakeholder_ids()[0];
    store.selection().select(Some(id));
    store.request(Pending::DeleteStakeholder(id));
    assert_eq!(
        current(&store).len(),
        map.len(),
        "nothing happens before confirming"
    );
    store.cancel_pending();
    assert_eq!(current(&store).len(), map.len());
    store.request(Pending::DeleteStakeholder(id));
    store.confirm_pending();
    assert!(current(&store).get(id).is_none());
    assert_eq!(store.selection().selected(), None);

    store.request(Pending::DeleteMap(map.id));
    store.confirm_pending();
    assert_eq!(store.current_id(), None);
    assert!(backend.saved_map(map.id).is_none());
    assert_eq!(backend.saved_index().unwrap().maps, vec![]);
}

#[test]
fn maps_can_be_renamed_duplicated_and_switched() {
    let (_o, _backend, store) = start();
    let first = current(&store);
    assert!(store.rename_map(first.id, "  ").is_err());
    store.rename_map(first.id, "Q3 rollout").unwrap();
    store.duplicate_map(first.id);
    let copy = current(&store);
    assert_eq!(copy.name, "Q3 rollout (copy)");
    assert_eq!(copy.len(), first.len());
    store.switch_map(first.id);
    assert_eq!(current(&store).name, "Q3 rollout");
    store.new_map();
    store.new_map();
    assert_eq!(current(&store).name, "Untitled map 2");
    let _ = Backend::now(&*_backend);
}

#[test]
fn planning_and_contacts_go_through_the_store_and_update_attention() {
    let (_o, backend, store) = start();
    let map = current(&store);
    // A stakeholder with no plan and no contacts in the example.
    let ravi = map
        .stakeholders()
        .find(|s| s.name() == "Ravi Menon")
        .unwrap()
        .id;
    assert_eq!(store.attention(ravi).unwrap().open_actions, 0);
    let action = store.plan_tactic(ravi, Tactic::TieToKpis).unwrap();
    assert_eq!(store.attention(ravi).unwrap().open_actions, 1);
    assert_eq!(
        current(&store).plan_state(ravi, Tactic::TieToKpis),
        PlanState::Planned
    );

    // Make it overdue: the attention summary (which drives the badge) follows.
    let mut fields = current(&store).action(action).unwrap().fields.clone();
    fields.due = store.today().plus_days(-2);
    assert!(store.edit_action(action, fields));
    assert_eq!(store.attention(ravi).unwrap().overdue_actions, 1);
    assert!(store
        .attention(ravi)
        .unwrap()
        .words()
        .starts_with("1 overdue action"));

    // A contact today with a new reading moves Ravi and clears the contact flag.
    assert!(store.attention(ravi).unwrap().contact.is_overdue());
    let fields = validate_touchpoint(
        &store.today().iso(),
        Channel::Call,
        Sentiment::Positive,
        "Good call",
        "",
        "35",
        store.today(),
    )
    .unwrap();
    assert!(store.log_touchpoint(ravi, fields).is_some());
    let after = current(&store);
    assert_eq!(after.get(ravi).unwrap().position().skepticism, 35);
    assert!(!store.attention(ravi).unwrap().contact.is_overdue());
    // Everything reached storage.
    let saved = backend.saved_map(map.id).unwrap();
    assert_eq!(saved.touchpoints_for(ravi).len(), 1);
    assert_eq!(saved.actions_for(ravi).len(), 1);

    // Deleting an action asks first.
    store.request(Pending::DeleteAction(action));
    assert!(current(&store).action(action).is_some());
    store.confirm_pending();
    assert!(current(&store).action(action).is_none());
}

#[test]
fn a_new_day_is_picked_up_without_a_reload() {
    let (_o, backend, store) = start();
    let before = store.today();
    backend.advance(86_400_000);
    store.refresh_today();
    assert_eq!(store.today(), before.plus_days(1).unwrap());
}

#[test]
fn no_bad_fixture_changes_anything_when_imported() {
    let (_o, backend, store) = start();
    let before = store.workspace().get_untracked();
    let saves = backend.save_count();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!store.import_bytes(&name, &bytes), "{name} was refused");
        let notice = store.notices().notice().unwrap();
        assert_eq!(notice.tone, Tone::Error, "{name}");
        assert!(notice.title.contains(&name), "{name}: {}", notice.title);
        assert!(!notice.details.is_empty(), "{name} says what is wrong");
        seen += 1;
    }
    assert!(seen >= 30, "the corpus has at least 30 bad files ({seen})");
    assert_eq!(store.workspace().get_untracked(), before);
    assert_eq!(backend.save_count(), saves);
}

#[test]
fn a_reminder_to_export_comes_after_a_week_of_unsaved_changes() {
    let (_o, backend, store) = start();
    const DAY: i64 = 86_400_000;
    assert_eq!(store.export_nudge(), None, "a first visit is not nagged");
    assert_eq!(store.last_export(), None);
    let id = current(&store).stakeholder_ids()[0];
    backend.advance(8 * DAY);
    store.refresh_today();
    assert!(store.move_stakeholder(
        id,
        Position {
            influence: 10,
            skepticism: 10
        }
    ));
    assert_eq!(store.export_nudge(), Some(8));
    // Exporting records the time (and it is saved with the list of maps).
    store.export_current().unwrap();
    assert_eq!(store.export_nudge(), None);
    assert_eq!(store.last_export(), Some(backend.now()));
    let map = current(&store).id;
    assert_eq!(
        backend.saved_index().unwrap().exported.get(&map),
        Some(&backend.now())
    );
    // A week later with no changes: still nothing to remind about.
    backend.advance(9 * DAY);
    store.refresh_today();
    assert_eq!(store.export_nudge(), None);
    assert!(store.move_stakeholder(
        id,
        Position {
            influence: 11,
            skepticism: 10
        }
    ));
    assert_eq!(store.export_nudge(), Some(9));
    // The export time survives a reload.
    let again = Store::start(backend.clone());
    assert!(again.last_export().is_some());
}

#[test]
fn the_timed_retry_saves_once_storage_has_room_again() {
    let (_o, backend, store) = start();
    let map = current(&store);
    let id = map.stakeholder_ids()[0];
    backend.fail_saves(Some(SaveError::Full));
    store.move_stakeholder(
        id,
        Position {
            influence: 3,
            skepticism: 4,
        },
    );
    store.retry_save_if_failing();
    assert!(store.save_problem().is_some(), "still full");
    let saves = backend.save_count();
    backend.fail_saves(None);
    store.retry_save_if_failing();
    assert_eq!(store.save_problem(), None);
    assert_eq!(backend.save_count(), saves + 1);
    assert_eq!(
        backend
            .saved_map(map.id)
            .unwrap()
            .get(id)
            .unwrap()
            .position(),
        Position {
            influence: 3,
            skepticism: 4
        }
    );
    // With nothing failing, the timer writes nothing.
    store.retry_save_if_failing();
    assert_eq!(backend.save_count(), saves + 1);
}

#[test]
fn every_kind_of_edit_can_be_undone_and_redone() {
    let (_o, backend, store) = start();
    let original = current(&store);
    let ids = original.stakeholder_ids();
    let pos = |s: &Store, id| current(s).get(id).unwrap().position();

    // Move, then undo and redo.
    assert!(store.move_stakeholder(
        ids[0],
        Position {
            influence: 1,
            skepticism: 2
        }
    ));
    assert_eq!(store.undo_label().as_deref(), Some("move Dana Ortiz"));
    assert!(store.undo());
    assert_eq!(
        pos(&store, ids[0]),
        original.get(ids[0]).unwrap().position()
    );
    assert_eq!(store.redo_label().as_deref(), Some("move Dana Ortiz"));
    assert!(store.redo());
    assert_eq!(
        pos(&store, ids[0]),
        Position {
            influence: 1,
            skepticism: 2
        }
    );

    // Add, edit, target, plan, contact, snapshot: each undone in turn brings the map back.
    let added = store
        .add_stakeholder(StakeholderFields {
            name: "Kim Park".into(),
            ..Default::default()
        })
        .unwrap();
    let mut fields = current(&store).get(ids[1]).unwrap().fields.clone();
    fields.notes = "changed".into();
    store.edit_stakeholder(ids[1], fields);
    store.set_target(
        ids[2],
        Some(Position {
            influence: 90,
            skepticism: 10,
        }),
    );
    let action = store.plan_tactic(ids[3], Tactic::SmallPilot).unwrap();
    let fields = validate_touchpoint(
        &store.today().iso(),
        Channel::Call,
        Sentiment::Neutral,
        "",
        "",
        "5",
        store.today(),
    )
    .unwrap();
    store.log_touchpoint(ids[4], fields);
    store.take_snapshot("Mid-point").unwrap();
    for _ in 0..6 {
        assert!(store.undo());
    }
    let back = current(&store);
    assert!(back.get(added).is_none());
    assert_eq!(
        back.get(ids[1]).unwrap().fields.notes,
        original.get(ids[1]).unwrap().fields.notes
    );
    assert_eq!(
        back.get(ids[2]).unwrap().fields.target,
        original.get(ids[2]).unwrap().fields.target
    );
    assert!(back.action(action).is_none());
    assert_eq!(back.touchpoints().len(), original.touchpoints().len());
    assert_eq!(
        back.get(ids[4]).unwrap().position(),
        original.get(ids[4]).unwrap().position()
    );
    assert_eq!(back.snapshots().len(), original.snapshots().len());
    // What is stored is what undo shows.
    assert_eq!(backend.saved_map(original.id).unwrap(), back);
    // Redo all six.
    for _ in 0..6 {
        assert!(store.redo());
    }
    let again = current(&store);
    assert!(again.get(added).is_some());
    assert!(again.action(action).is_some());
    assert_eq!(again.snapshots().len(), original.snapshots().len() + 1);
    assert!(!store.redo(), "nothing left to redo");
}

#[test]
fn deletes_and_imports_are_undoable_and_a_new_edit_clears_redo() {
    let (_o, backend, store) = start();
    let original = current(&store);
    let dana = original.stakeholder_ids()[0];
    let before_actions = original.actions_for(dana).len();
    assert!(before_actions > 0);
    store.request(Pending::DeleteStakeholder(dana));
    store.confirm_pending();
    assert!(current(&store).get(dana).is_none());
    assert!(store.undo());
    let back = current(&store);
    assert!(back.get(dana).is_some());
    assert_eq!(
        back.actions_for(dana).len(),
        before_actions,
        "their plan came back too"
    );

    // Import opens a new map; undo removes it (from storage too), redo brings it back.
    let (_, json) = store.export_current().unwrap();
    assert!(store.import_text("copy.json", &json));
    let imported = current(&store).id;
    assert!(store.undo());
    assert!(store.workspace().get_untracked().map(imported).is_none());
    assert!(backend.saved_map(imported).is_none());
    assert_eq!(store.current_id(), Some(original.id));
    assert!(store.redo());
    assert!(store.workspace().get_untracked().map(imported).is_some());
    assert_eq!(backend.saved_index().unwrap().maps.len(), 2);

    // Deleting a whole map, undone.
    store.request(Pending::DeleteMap(imported));
    store.confirm_pending();
    assert!(store.undo());
    assert!(backend.saved_map(imported).is_some());
    assert!(backend.saved_index().unwrap().maps.contains(&imported));

    // A new edit after an undo clears what could be redone.
    assert!(store.undo());
    assert!(store.redo_label().is_some());
    store.new_map();
    assert_eq!(store.redo_label(), None);
}

#[test]
fn at_least_a_hundred_steps_can_be_undone() {
    let (_o, _backend, store) = start();
    let id = current(&store).stakeholder_ids()[0];
    let start = current(&store).get(id).unwrap().position();
    for i in 0..150 {
        store.move_stakeholder(
            id,
            Position {
                influence: (i % 100) as u8,
                skepticism: ((i * 3) % 100) as u8,
            },
        );
    }
    let mut undone = 0;
    while store.undo() {
        undone += 1;
    }
    assert_eq!(undone, 150);
    assert_eq!(current(&store).get(id).unwrap().position(), start);
}

// ----- storage at its limit -----

fn nudge(store: &Store) -> bool {
    let id = current(store).stakeholder_ids()[0];
    let at = store.stakeholder(id).expect("on the map").fields.position;
    store.move_stakeholder(
        id,
        Position {
            influence: (at.influence + 1) % 100,
            skepticism: at.skepticism,
        },
    )
}

#[test]
fn nearly_full_storage_is_announced_once_with_what_to_do() {
    let (_o, backend, store) = start();
    backend.fill_storage_to(4_600_000);
    assert!(nudge(&store));
    let notice = store.notices().notice().expect("a warning");
    assert!(notice.title.contains("87% full"), "{}", notice.title);
    assert!(notice
        .details
        .iter()
        .any(|d| d.contains("Export your maps")));
    store.notices().dismiss();
    backend.advance(60_000);
    assert!(nudge(&store));
    assert_eq!(
        store.notices().notice(),
        None,
        "said once, not on every edit"
    );
    // Space freed, then filling up again: said again.
    backend.fill_storage_to(1_000_000);
    backend.advance(60_000);
    assert!(nudge(&store));
    backend.fill_storage_to(5_000_000);
    backend.advance(60_000);
    assert!(nudge(&store));
    assert!(store
        .notices()
        .notice()
        .is_some_and(|n| n.title.contains("95% full")));
}

#[test]
fn a_map_too_large_to_store_is_refused_in_words_and_kept_in_memory() {
    let (_o, backend, store) = start();
    let before = backend.save_count();
    // Storage answers as the backend does when a map alone is over the quota (injected here, so
    // the test needs no 6-million-character map): nothing is written.
    backend.fail_saves(Some(SaveError::WontFit {
        needed: 6_100_000,
        quota: 5_242_880,
    }));
    assert!(nudge(&store), "the edit itself is made");
    let problem = store.save_problem().expect("the user is told");
    assert!(problem.contains("6.10 million"), "{problem}");
    assert!(problem.contains("Nothing was written"), "{problem}");
    assert!(problem.contains("Export the map to a file"), "{problem}");
    // The timer does not retry a save that cannot fit; an edit (or freeing space) does.
    backend.fail_saves(None);
    store.retry_save_if_failing();
    assert_eq!(backend.save_count(), before, "no retry on the timer");
    let edited = current(&store);
    store.retry_save();
    assert_eq!(backend.saved_map(edited.id).as_ref(), Some(&edited));
    assert_eq!(store.save_problem(), None);
}
