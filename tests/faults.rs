//! Nothing a user made is lost, under every fault we can inject: simulated tabs (each its own
//! `Store`) over one shared storage that goes through the real stored format (strings, parts,
//! heads, revision tokens, storage events), with storage filling up, being cleared, saves cut
//! short, tabs reloading, storage events arriving late and locks granted late.
//!
//! The named tests pin each fault found in the code; the property test at the end drives random
//! sequences of user operations and faults and checks what must always hold. Run it longer
//! with `STAKEMAP_FAULT_CASES=5000 cargo test --release --test faults`.
#![cfg(not(target_arch = "wasm32"))]

use leptos::prelude::*;
use proptest::prelude::*;
use stakemap::format::stored::read_stored;
use stakemap::model::*;
use stakemap::state::stored_backend::{
    classify_storage_key, map_key, part_key, INDEX_KEY, PART_PREFIX,
};
use stakemap::state::{
    Backend, Draft, Env, ExternalChange, KeyValue, MemoryStorage, Pending, Store, StoredBackend,
    TestEnv,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

type Tabbed = StoredBackend<MemoryStorage, TestEnv>;

/// One browser: shared storage and clock, and the tabs open on it.
struct Browser {
    storage: MemoryStorage,
    env: TestEnv,
    _owner: Owner,
}

/// One tab: its view of storage (its own event queue), its backend and its store.
struct Tab {
    kv: MemoryStorage,
    backend: Arc<Tabbed>,
    store: Store,
}

impl Browser {
    fn new() -> Self {
        let owner = Owner::new();
        owner.set();
        Browser {
            storage: MemoryStorage::new(),
            env: TestEnv::at(T0),
            _owner: owner,
        }
    }

    fn open_tab(&self) -> Tab {
        let kv = self.storage.tab();
        let backend = Arc::new(StoredBackend::new(kv.clone(), self.env.clone()));
        let store = Store::start(backend.clone());
        Tab { kv, backend, store }
    }

    /// What a fresh tab would read now: every map, and the problems it would report.
    fn read_back(&self) -> (Vec<StakeMap>, Vec<String>) {
        let backend = StoredBackend::new(self.storage.tab(), self.env.clone());
        let loaded = backend.load();
        (loaded.maps, loaded.problems)
    }
}

impl Tab {
    /// Delivers the storage events waiting for this tab, as the browser would.
    fn hear(&self) {
        for key in self.kv.take_events() {
            if let Some(change) = classify_storage_key(key) {
                self.store.external_change(change);
            }
        }
    }

    /// Hears the waiting events, then looks at storage for every map as the tab's next edit
    /// would: a save whose revision could not be written sends no event, and is seen only so.
    fn look(&self) {
        self.hear();
        for map in self.maps() {
            self.store.external_change(ExternalChange::Map(map.id));
        }
    }

    fn current(&self) -> StakeMap {
        self.store
            .with_current_untracked(Clone::clone)
            .expect("a map is open")
    }

    /// The people on the open map, in order (none when no map is open).
    fn ids(&self) -> Vec<StakeholderId> {
        self.store
            .with_current_untracked(StakeMap::stakeholder_ids)
            .unwrap_or_default()
    }

    fn maps(&self) -> Vec<StakeMap> {
        self.store.workspace().get_untracked().maps().to_vec()
    }

    fn add(&self, name: &str) -> Option<StakeholderId> {
        self.store.add_stakeholder(StakeholderFields {
            name: name.into(),
            position: Position {
                influence: 40,
                skepticism: 60,
            },
            ..StakeholderFields::default()
        })
    }

    fn edit_notes(&self, id: StakeholderId, notes: &str) -> bool {
        let Some(mut fields) = self.current().get(id).map(|s| s.fields.clone()) else {
            return false;
        };
        fields.notes = notes.into();
        self.store.edit_stakeholder(id, fields)
    }

    fn delete(&self, id: StakeholderId) {
        self.store.request(Pending::DeleteStakeholder(id));
        self.store.confirm_pending();
    }
}

/// The records of a map a user cares about, without the times at which they were saved.
fn records(
    map: &StakeMap,
) -> (
    String,
    Vec<(StakeholderId, StakeholderFields)>,
    usize,
    usize,
) {
    (
        map.name.clone(),
        map.stakeholders()
            .map(|s| (s.id, s.fields.clone()))
            .collect(),
        map.actions().count(),
        map.touchpoints().count(),
    )
}

fn by_id(maps: &[StakeMap]) -> BTreeMap<MapId, StakeMap> {
    maps.iter().map(|m| (m.id, m.clone())).collect()
}

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

// ----- the model: random operations and faults over several tabs -----

#[derive(Clone, Copy, Debug)]
enum Step {
    Add {
        tab: usize,
    },
    Move {
        tab: usize,
        who: usize,
        to: (u8, u8),
    },
    Edit {
        tab: usize,
        who: usize,
    },
    Delete {
        tab: usize,
        who: usize,
    },
    Undo {
        tab: usize,
    },
    Redo {
        tab: usize,
    },
    UndoRedo {
        tab: usize,
    },
    Import {
        tab: usize,
    },
    Snapshot {
        tab: usize,
    },
    NewMap {
        tab: usize,
    },
    Hear {
        tab: usize,
    },
    Reload {
        tab: usize,
    },
    Full(bool),
    CutShort(u8),
    Clear,
    DeferLocks,
    GrantLocks,
    Tick,
}

fn step() -> impl Strategy<Value = Step> {
    let tab = 0..3usize;
    prop_oneof![
        4 => tab.clone().prop_map(|tab| Step::Add { tab }),
        5 => (tab.clone(), 0..12usize, (0..=100u8, 0..=100u8))
            .prop_map(|(tab, who, to)| Step::Move { tab, who, to }),
        5 => (tab.clone(), 0..12usize).prop_map(|(tab, who)| Step::Edit { tab, who }),
        2 => (tab.clone(), 0..12usize).prop_map(|(tab, who)| Step::Delete { tab, who }),
        3 => tab.clone().prop_map(|tab| Step::Undo { tab }),
        2 => tab.clone().prop_map(|tab| Step::Redo { tab }),
        2 => tab.clone().prop_map(|tab| Step::UndoRedo { tab }),
        1 => tab.clone().prop_map(|tab| Step::Import { tab }),
        1 => tab.clone().prop_map(|tab| Step::Snapshot { tab }),
        1 => tab.clone().prop_map(|tab| Step::NewMap { tab }),
        5 => tab.clone().prop_map(|tab| Step::Hear { tab }),
        1 => tab.clone().prop_map(|tab| Step::Reload { tab }),
        1 => any::<bool>().prop_map(Step::Full),
        1 => (0..6u8).prop_map(Step::CutShort),
        1 => Just(Step::Clear),
        1 => Just(Step::DeferLocks),
        2 => Just(Step::GrantLocks),
        2 => Just(Step::Tick),
    ]
}

/// Everything a tab holds, for comparisons (records, not save times).
type Held = BTreeMap<
    MapId,
    (
        String,
        Vec<(StakeholderId, StakeholderFields)>,
        usize,
        usize,
    ),
>;

fn held(tab: &Tab) -> Held {
    tab.maps().iter().map(|m| (m.id, records(m))).collect()
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let browser = Browser::new();
    let mut tabs = vec![browser.open_tab(), browser.open_tab(), browser.open_tab()];
    let mut names = 0usize;
    for step in steps {
        browser.env.advance(700);
        let before: Vec<Held> = tabs.iter().map(held).collect();
        match step {
            Step::Add { tab } => {
                names += 1;
                tabs[tab].add(&format!("Person {names}"));
            }
            Step::Move { tab, who, to } => {
                let ids = tabs[tab].ids();
                if let Some(id) = ids.get(who % ids.len().max(1)) {
                    tabs[tab].store.move_stakeholder(
                        *id,
                        Position {
                            influence: to.0,
                            skepticism: to.1,
                        },
                    );
                }
            }
            Step::Edit { tab, who } => {
                names += 1;
                let ids = tabs[tab].ids();
                if let Some(id) = ids.get(who % ids.len().max(1)) {
                    tabs[tab].edit_notes(*id, &format!("note {names}"));
                }
            }
            Step::Delete { tab, who } => {
                let ids = tabs[tab].ids();
                if let Some(id) = ids.get(who % ids.len().max(1)) {
                    tabs[tab].delete(*id);
                }
            }
            Step::Undo { tab } => {
                tabs[tab].store.undo();
            }
            Step::Redo { tab } => {
                tabs[tab].store.redo();
            }
            Step::UndoRedo { tab } => {
                // With nothing else happening in between, undo then redo is no change at all
                // (once the tab has taken in what other tabs saved, events or not).
                tabs[tab].look();
                let before = held(&tabs[tab]);
                if tabs[tab].store.undo() {
                    prop_assert!(tabs[tab].store.redo(), "redo after undo");
                    prop_assert!(
                        held(&tabs[tab]) == before,
                        "undo then redo changed the maps"
                    );
                }
            }
            Step::Import { tab } => {
                if let Some(map) = tabs[tab].store.with_current_untracked(Clone::clone) {
                    let file = stakemap::format::to_json(&map, browser.env.now());
                    tabs[tab].store.import_text("copy.stakemap.json", &file);
                }
            }
            Step::Snapshot { tab } => {
                names += 1;
                let _ = tabs[tab].store.take_snapshot(&format!("Snapshot {names}"));
            }
            Step::NewMap { tab } => tabs[tab].store.new_map(),
            Step::Hear { tab } => tabs[tab].hear(),
            Step::Reload { tab } => {
                // The page is hidden first (the app then writes what is unsaved at once); a
                // reload loses only what storage refused, which the banner had said. A tab with
                // lock requests in flight is not closed (the simulated browser cannot drop them).
                if browser.env.locks_waiting() == 0 {
                    tabs[tab].store.set_leaving(true);
                    tabs[tab] = browser.open_tab();
                }
            }
            Step::Full(full) => browser.storage.set_full(full),
            Step::CutShort(n) => browser.storage.fail_after(usize::from(n)),
            Step::Clear => browser.storage.clear(),
            Step::DeferLocks => browser.env.defer_locks(),
            Step::GrantLocks => {
                browser.env.grant_locks();
            }
            Step::Tick => {
                for tab in &tabs {
                    tab.store.retry_save_if_failing();
                }
            }
        }
        // Whatever the tab that acted reports as saved is in storage, exactly.
        let acted = match step {
            Step::Add { tab }
            | Step::Move { tab, .. }
            | Step::Edit { tab, .. }
            | Step::Delete { tab, .. }
            | Step::Undo { tab }
            | Step::Redo { tab }
            | Step::UndoRedo { tab }
            | Step::Import { tab }
            | Step::Snapshot { tab }
            | Step::NewMap { tab } => Some(tab),
            _ => None,
        };
        // (Only when it changed something: a tab that did nothing cannot know of a clear yet.)
        if let Some(t) = acted {
            let tab = &tabs[t];
            let settled = browser.env.locks_waiting() == 0
                && tab.store.all_saved()
                && tab.store.save_problem().is_none();
            let now = held(tab);
            let changed: Vec<MapId> = now
                .iter()
                .filter(|(id, r)| before[t].get(id) != Some(r))
                .map(|(id, _)| *id)
                .collect();
            if settled {
                let reader = StoredBackend::new(browser.storage.tab(), browser.env.clone());
                for id in changed {
                    let stored = reader.load_map(id).map(|m| records(&m));
                    prop_assert!(
                        stored.as_ref() == now.get(&id),
                        "after {:?}, tab {} reports saved but storage holds {}",
                        step,
                        t,
                        if stored.is_some() {
                            "another version"
                        } else {
                            "no such map"
                        }
                    );
                }
            }
        }
    }
    // Settle: faults end, locks are granted, every tab hears everything and saves.
    browser.storage.heal();
    for _ in 0..3 {
        browser.env.grant_locks();
        for tab in &tabs {
            tab.hear();
            tab.store.retry_save();
            browser.env.grant_locks();
        }
    }
    for tab in &tabs {
        tab.look();
        browser.env.grant_locks();
    }
    let (stored, problems) = browser.read_back();
    prop_assert!(
        problems.is_empty(),
        "a map did not read back: {:?}",
        problems
    );
    let stored: Held = stored.iter().map(|m| (m.id, records(m))).collect();
    for (n, tab) in tabs.iter().enumerate() {
        prop_assert!(
            tab.store.all_saved(),
            "tab {} still holds unsaved changes",
            n
        );
        let mine = held(tab);
        prop_assert!(
            mine == stored,
            "tab {} and storage disagree: tab holds {:?}, storage {:?}",
            n,
            mine.values().map(|m| (&m.0, m.1.len())).collect::<Vec<_>>(),
            stored
                .values()
                .map(|m| (&m.0, m.1.len()))
                .collect::<Vec<_>>()
        );
        for map in tab.maps() {
            let ids: BTreeSet<StakeholderId> = map.stakeholder_ids().into_iter().collect();
            prop_assert_eq!(ids.len(), map.len(), "someone appears twice");
            let names: Vec<&str> = map.stakeholders().map(|s| s.name()).collect();
            let unique: BTreeSet<&str> = names.iter().copied().collect();
            prop_assert_eq!(unique.len(), names.len(), "a person was added twice");
        }
    }
    Ok(())
}

/// The default run replays the same cases every time (so a CI run is repeatable); a long run
/// (`STAKEMAP_FAULT_CASES`) draws new ones.
fn seed() -> proptest::test_runner::RngSeed {
    match std::env::var("STAKEMAP_FAULT_CASES") {
        Ok(_) => proptest::test_runner::RngSeed::Random,
        Err(_) => proptest::test_runner::RngSeed::Fixed(0x5eed_2026_1129),
    }
}

fn cases() -> u32 {
    std::env::var("STAKEMAP_FAULT_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), rng_seed: seed(), max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn nothing_is_lost_under_random_faults(steps in proptest::collection::vec(step(), 1..40)) {
        run(steps)?;
    }
}

/// Found by a long run: tab 0's undo was saved but for its revision (no event), so tab 1 took
/// it in only inside its own undo, and "undo then redo" seemed to add a person. The check now
/// compares against what the tab holds once it has looked at storage.
#[test]
fn undo_then_redo_is_no_change_after_a_save_cut_short_in_another_tab() {
    run(vec![
        Step::Delete { tab: 0, who: 0 },
        Step::Hear { tab: 1 },
        Step::Edit { tab: 1, who: 0 },
        Step::CutShort(4),
        Step::Undo { tab: 0 },
        Step::UndoRedo { tab: 1 },
    ])
    .unwrap();
}

/// Found by a long run: a new map's save was cut short after its head but before the list of
/// maps; the reloaded tab found the map by its key, but never listed it, so the other tabs never
/// heard of it.
#[test]
fn a_map_found_but_not_listed_is_listed_at_the_next_start() {
    run(vec![
        Step::CutShort(3),
        Step::NewMap { tab: 2 },
        Step::Reload { tab: 2 },
    ])
    .unwrap();
}
