//! A named test for each storage fault found in the code (numbered as the faults are), on
//! simulated tabs (each its own `Store`) over one shared storage that goes through the real
//! stored format: storage cleared under a tab, a writer that no longer matches storage, two tabs
//! saving at the same moment, and parts left by a save cut short. The property test that drives
//! random faults is in `faults.rs`.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format::stored::read_stored;
use stakemap::model::*;
use stakemap::state::stored_backend::{map_key, part_key, INDEX_KEY, PART_PREFIX};
use stakemap::state::{Backend, Draft, KeyValue, MemoryStorage, Pending, StoredBackend};

mod support;

use support::tabs::{by_id, records, Browser};
use support::T0;

// ----- fault 2: storage cleared under a tab -----

#[test]
fn a_tab_writes_every_map_back_after_storage_is_cleared_and_an_edit() {
    let browser = Browser::new();
    let a = browser.open_tab();
    a.store.new_map();
    let held = by_id(&a.maps());
    assert_eq!(held.len(), 2);
    // Another tab (or the browser) clears the site's storage.
    browser.storage.clear();
    a.hear();
    let banner = a
        .store
        .save_problem()
        .expect("the banner says what happened");
    assert!(banner.contains("cleared"), "{banner}");
    assert!(banner.contains("2 maps"), "{banner}");
    // The user does what the banner says: any change.
    let map = a.current().id;
    assert!(a.add("Robin Shaw").is_some());
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty(), "{problems:?}");
    let stored = by_id(&stored);
    assert_eq!(
        stored.len(),
        2,
        "both maps are back, not only the edited one"
    );
    assert_eq!(
        stored.keys().collect::<Vec<_>>(),
        held.keys().collect::<Vec<_>>()
    );
    assert!(stored[&map]
        .stakeholders()
        .any(|s| s.name() == "Robin Shaw"));
    assert_eq!(a.maps().len(), 2, "the tab forgot nothing");
    assert!(a.store.save_problem().is_none());
    let notice = a.store.notices().notice().expect("the user is told");
    assert!(notice.title.contains("written back"), "{}", notice.title);
}

#[test]
fn try_saving_again_writes_everything_back_after_a_clear() {
    let browser = Browser::new();
    let a = browser.open_tab();
    browser.storage.clear();
    a.hear();
    // Not written back behind the user's back by the retry timer.
    a.store.retry_save_if_failing();
    assert!(browser.storage.dump().is_empty());
    a.store.retry_save();
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty());
    assert_eq!(stored.len(), 1);
    assert!(
        browser.storage.get(INDEX_KEY).is_some(),
        "the index is back"
    );
}

#[test]
fn a_clear_without_an_event_is_noticed_at_the_next_edit() {
    let browser = Browser::new();
    let a = browser.open_tab();
    a.store.new_map();
    browser.storage.clear();
    let _ = a.kv.take_events(); // the browser's own "clear site data" sends none
    assert!(a.add("Sam Ode").is_some());
    let (stored, _) = browser.read_back();
    assert_eq!(stored.len(), 2);
    assert_eq!(a.maps().len(), 2);
}

#[test]
fn a_map_deleted_in_another_tab_still_goes_from_this_one() {
    let browser = Browser::new();
    let a = browser.open_tab();
    a.store.new_map();
    let b = browser.open_tab();
    let doomed = a.current().id;
    b.store.request(Pending::DeleteMap(doomed));
    b.store.confirm_pending();
    a.hear();
    assert!(a.maps().iter().all(|m| m.id != doomed));
    assert_eq!(browser.read_back().0.len(), 1);
}

// ----- fault 3: a writer that no longer matches storage -----

#[test]
fn a_save_over_a_head_another_tab_replaced_writes_the_whole_map() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let map = a.current();
    // A second backend (another tab, not yet caught up) reads and saves the map.
    let other = StoredBackend::new(browser.storage.tab(), browser.env.clone());
    let mut theirs = other.load_map(map.id).expect("stored");
    let first = theirs.stakeholder_ids()[0];
    let mut ws = Workspace::from_maps(vec![theirs.clone()]);
    ws.apply(
        Op::MoveStakeholder {
            map: map.id,
            id: first,
            to: Position {
                influence: 1,
                skepticism: 1,
            },
        },
        T0,
    )
    .expect("applies");
    theirs = ws.map(map.id).cloned().expect("map");
    other.save_map(&theirs).expect("saved");
    // This tab's backend still remembers the parts it wrote; they are gone now.
    let mut ours = map.clone();
    let mut ws = Workspace::from_maps(vec![ours.clone()]);
    ws.apply(
        Op::EditStakeholder {
            map: map.id,
            id: first,
            fields: StakeholderFields {
                notes: "ours".into(),
                ..ours.get(first).expect("there").fields.clone()
            },
        },
        T0,
    )
    .expect("applies");
    ours = ws.map(map.id).cloned().expect("map");
    a.backend.save_map(&ours).expect("saved");
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty(), "no damaged map: {problems:?}");
    assert_eq!(
        stored[0].get(first).map(|s| s.fields.notes.as_str()),
        Some("ours")
    );
}

#[test]
fn a_map_forgotten_by_catch_up_and_restored_by_undo_reads_back() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let b = browser.open_tab();
    let map = a.current().id;
    // B deletes the map; A hears of it and forgets it.
    b.store.request(Pending::DeleteMap(map));
    b.store.confirm_pending();
    a.hear();
    assert!(a.maps().iter().all(|m| m.id != map));
    // B undoes the deletion; A hears of that too, then edits it.
    assert!(b.store.undo());
    a.hear();
    a.store.switch_map(map);
    assert!(a.add("Lee Park").is_some());
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(stored
        .iter()
        .any(|m| m.id == map && m.stakeholders().any(|s| s.name() == "Lee Park")));
}

// ----- fault 4: two tabs saving at the same moment -----

#[test]
fn two_tabs_saving_at_the_same_moment_keep_both_edits() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let b = browser.open_tab();
    let ids = a.current().stakeholder_ids();
    // The browser grants locks later: both tabs edit before either save runs.
    browser.env.defer_locks();
    assert!(a.edit_notes(ids[0], "from tab A"));
    assert!(b.edit_notes(ids[1], "from tab B"));
    assert_eq!(browser.env.locks_waiting(), 2);
    // B's save runs first, then A's (which must build on B's, not overwrite it).
    assert!(browser.env.grant_newest_lock());
    browser.env.grant_locks();
    a.hear();
    b.hear();
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty(), "{problems:?}");
    let notes = |m: &StakeMap, id| m.get(id).map(|s| s.fields.notes.clone());
    assert_eq!(notes(&stored[0], ids[0]).as_deref(), Some("from tab A"));
    assert_eq!(notes(&stored[0], ids[1]).as_deref(), Some("from tab B"));
    assert_eq!(records(&a.current()), records(&stored[0]));
    assert_eq!(records(&b.current()), records(&stored[0]));
}

#[test]
fn a_save_another_tab_overwrote_unseen_is_applied_again() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let original = a.current();
    let ids = original.stakeholder_ids();
    let known = a.backend.revision(original.id).expect("saved");
    let moved = Position {
        influence: 5,
        skepticism: 5,
    };
    assert!(a.store.move_stakeholder(ids[0], moved));
    // Another tab still read the older version (browsers pass local-storage writes between
    // tabs asynchronously) and saves its own edit over A's, built on the revision before it.
    let other = StoredBackend::new(browser.storage.tab(), browser.env.clone());
    let mut ws = Workspace::from_maps(vec![original.clone()]);
    ws.apply(
        Op::MoveStakeholder {
            map: original.id,
            id: ids[1],
            to: Position {
                influence: 9,
                skepticism: 9,
            },
        },
        T0,
    )
    .expect("applies");
    let theirs = ws.map(original.id).cloned().expect("map");
    other.save_map_after(&theirs, Some(&known)).expect("saved");
    // Tab A hears of it, sees it was built on what came before its own save, and applies its
    // move again on top.
    a.hear();
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty());
    let at = |id| stored[0].get(id).map(Stakeholder::position);
    assert_eq!(at(ids[0]), Some(moved), "A's move is back");
    assert_eq!(
        at(ids[1]),
        Some(Position {
            influence: 9,
            skepticism: 9
        }),
        "the other tab's move is kept"
    );
}

#[test]
fn revisions_are_tokens_no_two_saves_share() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let map = a.current();
    let other = StoredBackend::new(browser.storage.tab(), browser.env.clone());
    // Same map, same clock: a counter would give both the same revision.
    let one = a.backend.save_map(&map).expect("saved");
    let two = other.save_map(&map).expect("saved");
    assert_ne!(one, two);
    assert_eq!(a.backend.revision(map.id), Some(two));
}

#[test]
fn a_form_edit_from_a_stale_tab_changes_only_the_fields_typed() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let b = browser.open_tab();
    let id = a.ids()[0];
    // Tab A's form holds the person as A last saw them.
    let mut typed = a.current().get(id).expect("there").fields.clone();
    // Tab B changes the role, and A has not heard of it yet.
    let mut theirs = b.current().get(id).expect("there").fields.clone();
    theirs.role = "Chief Transformation Officer".into();
    assert!(b.store.edit_stakeholder(id, theirs));
    // A's form saves the note typed there, with every field it holds.
    typed.notes = "Met on Tuesday; wants the pilot figures.".into();
    assert!(a.store.edit_stakeholder(id, typed));
    let (stored, _) = browser.read_back();
    let person = stored[0].get(id).expect("stored");
    assert_eq!(
        person.fields.role, "Chief Transformation Officer",
        "B's edit kept"
    );
    assert_eq!(
        person.fields.notes,
        "Met on Tuesday; wants the pilot figures."
    );
}

// ----- fault 7: parts left by a save cut short -----

#[test]
fn parts_no_head_names_are_removed_at_start_and_not_counted() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let map = a.current().id;
    // A save cut short in a tab that was then closed leaves parts no head names.
    for serial in [7_u64, 8, 9] {
        browser
            .storage
            .set(&part_key(map, serial), "left over")
            .expect("room");
    }
    let parts_before = count_parts(&browser.storage, map);
    let b = browser.open_tab();
    let parts_after = count_parts(&browser.storage, map);
    assert_eq!(parts_before - parts_after, 3);
    let head = browser.storage.get(&map_key(map)).expect("head");
    let (read, _) = read_stored(&head, |s| browser.storage.get(&part_key(map, s)), T0)
        .expect("the map still reads");
    assert_eq!(records(&read), records(&b.current()));
    // What is counted is what is stored.
    let usage = b.backend.usage().expect("measured");
    let stored: usize = browser
        .storage
        .dump()
        .iter()
        .map(|(k, v)| k.len() + v.encode_utf16().count())
        .sum();
    assert!(
        usage.used.abs_diff(stored) < stored / 20,
        "counted {} of {stored}",
        usage.used
    );
}

#[test]
fn a_save_cut_short_leaves_the_last_complete_map_and_is_finished_later() {
    let browser = Browser::new();
    let a = browser.open_tab();
    let before = a.current();
    browser.storage.fail_after(1);
    assert!(a.add("Kim Lo").is_some(), "the edit is kept in the tab");
    assert!(a.store.save_problem().is_some());
    let (stored, problems) = browser.read_back();
    assert!(problems.is_empty());
    assert_eq!(records(&stored[0]), records(&before));
    browser.storage.heal();
    a.store.retry_save();
    let (stored, _) = browser.read_back();
    assert_eq!(records(&stored[0]), records(&a.current()));
    assert!(a.store.all_saved());
}

fn count_parts(storage: &MemoryStorage, map: MapId) -> usize {
    let prefix = format!("{PART_PREFIX}{map}:");
    storage
        .keys()
        .iter()
        .filter(|k| k.starts_with(&prefix))
        .count()
}

#[test]
fn drafts_of_deleted_people_actions_and_maps_go_at_the_next_start_and_the_rest_stay() {
    let browser = Browser::new();
    let tab = browser.open_tab();
    let map = tab.current();
    let (stays, goes) = (map.stakeholder_ids()[0], map.stakeholder_ids()[1]);
    let action_of = |who| map.actions().find(|a| a.stakeholder == who).map(|a| a.id);
    let (kept_action, lost_action) = (action_of(stays).unwrap(), action_of(goes).unwrap());
    tab.store.new_map();
    let other = tab.current().id;
    let kept = [
        Draft::MapName(map.id),
        Draft::NewStakeholder(map.id),
        Draft::Details(map.id, stays),
        Draft::NewAction(map.id, stays),
        Draft::EditAction(map.id, kept_action),
        Draft::Contact(map.id, stays),
    ];
    let dropped = [
        Draft::Details(map.id, goes),
        Draft::NewAction(map.id, goes),
        Draft::EditAction(map.id, lost_action),
        Draft::Contact(map.id, goes),
        Draft::MapName(other),
        Draft::NewStakeholder(other),
    ];
    for draft in kept.iter().chain(&dropped) {
        assert_eq!(
            Draft::parse(&draft.setting()),
            Some(*draft),
            "names read back"
        );
        assert!(tab.store.set_setting(&draft.setting(), Some("typed")));
    }
    tab.store.switch_map(map.id);
    tab.delete(goes);
    tab.store.request(Pending::DeleteMap(other));
    tab.store.confirm_pending();

    let reloaded = browser.open_tab();
    for draft in kept {
        assert_eq!(
            reloaded.store.setting(&draft.setting()).as_deref(),
            Some("typed"),
            "{draft:?} is kept"
        );
    }
    for draft in dropped {
        assert_eq!(
            reloaded.store.setting(&draft.setting()),
            None,
            "{draft:?} goes"
        );
    }

    // A map that could not be read is not gone: what was typed for it stays.
    let unreadable = MapId(uuid::Uuid::from_u128(0xdead));
    browser
        .storage
        .tab()
        .set(&map_key(unreadable), "{ not a map")
        .unwrap();
    let theirs = Draft::MapName(unreadable);
    assert!(reloaded.store.set_setting(&theirs.setting(), Some("typed")));
    let again = browser.open_tab();
    assert_eq!(
        again.store.setting(&theirs.setting()).as_deref(),
        Some("typed")
    );
}
