//! Nothing a user made is lost, under every fault we can inject: simulated tabs (each its own
//! `Store`) over one shared storage that goes through the real stored format (strings, parts,
//! heads, revision tokens, storage events), with storage filling up, being cleared, saves cut
//! short, tabs reloading, storage events arriving late and locks granted late.
//!
//! The property test drives random sequences of user operations and faults and checks what must
//! always hold; the sequences long runs found are replayed by name after it. The named test of
//! each fault found in the code is in `faults_named.rs`. Run the property test longer with
//! `STAKEMAP_FAULT_CASES=5000 cargo test --release --test faults`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use stakemap::model::*;
use stakemap::state::{Backend, Env, StoredBackend};
use std::collections::{BTreeMap, BTreeSet};

mod support;

use support::tabs::{records, Browser, Tab};

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
