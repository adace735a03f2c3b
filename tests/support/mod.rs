//! What the native tests and the memory examples share: a store started on the in-memory
//! backend (the stored format, kept in memory) inside a reactive owner (one tab or two), the map
//! a store has open, and the large generated map of the benchmark. `maps` builds maps for the
//! tests of the core and of sharing; `tabs` simulates a browser's tabs for the fault tests.
//! Pulled in with `mod support;` by the tests and with
//! `#[path = "../support/mod.rs"] mod support;` by the examples in `tests/bench`.
// Each test binary uses only some of these.
#![allow(dead_code)]

pub mod drawing;
pub mod maps;
#[cfg(not(target_arch = "wasm32"))]
pub mod register;
pub mod tabs;

use leptos::prelude::*;
use serde_json::{json, Value};
use stakemap::model::*;
use stakemap::state::{MemoryBackend, Store};
use std::sync::Arc;

/// When the tests start.
pub const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

/// A store on a fresh in-memory backend at `T0`, inside a reactive owner (keep the owner while
/// the store is used).
pub fn start() -> (Owner, Arc<MemoryBackend>, Store) {
    let owner = Owner::new();
    owner.set();
    let backend = Arc::new(MemoryBackend::at(T0));
    let store = Store::start(backend.clone());
    (owner, backend, store)
}

/// Two stores on one storage: two tabs of one browser, each with its own backend, both on the
/// example map. The backend returned is the first tab's.
pub fn two_tabs() -> (Owner, Arc<MemoryBackend>, Store, Store) {
    let (owner, backend, a) = start();
    let b = Store::start(Arc::new(backend.tab()));
    (owner, backend, a, b)
}

/// The bytes of a spreadsheet in `tests/fixtures/sheets/`.
pub fn sheet_fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/sheets/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The map `store` has open.
pub fn current(store: &Store) -> StakeMap {
    store
        .with_current_untracked(Clone::clone)
        .expect("a map is open")
}

/// The id of the person called `name` on `map`.
pub fn by_name(map: &StakeMap, name: &str) -> StakeholderId {
    map.stakeholders()
        .find(|s| s.name() == name)
        .unwrap_or_else(|| panic!("{name} is on the map"))
        .id
}

/// Each person on `m` with their fields, in order, without the times of last change.
pub fn people_fields(m: &StakeMap) -> Vec<(StakeholderId, StakeholderFields)> {
    m.stakeholders().map(|s| (s.id, s.fields.clone())).collect()
}

/// Each action on `m` with its person and fields, in order, without the times of last change.
pub fn action_fields(m: &StakeMap) -> Vec<(ActionId, StakeholderId, ActionFields)> {
    m.actions()
        .map(|a| (a.id, a.stakeholder, a.fields.clone()))
        .collect()
}

/// A map shaped like the benchmark's, as a file: `n` people, each with 5 actions, 5 contacts
/// and 10 history points, everything made from `start` on (minutes apart), the map called
/// `name` and the file's source `source`.
pub fn generated_file(n: usize, start: Timestamp, source: &str, name: &str) -> Value {
    let mut ids = SequentialIds::starting_at(1_000_000);
    let mut id = || ids.next_uuid().to_string();
    let iso = |minutes: usize| {
        Timestamp::from_unix_millis(start.unix_millis() + minutes as i64 * 60_000).to_string()
    };
    let (mut people, mut actions, mut contacts, mut history) = (vec![], vec![], vec![], vec![]);
    let tactics = [
        "listening_session",
        "tie_to_kpis",
        "success_story",
        "meet_coaches",
    ];
    for i in 0..n {
        let sid = id();
        let (inf, sk) = ((i * 37 % 101) as u8, (i * 53 % 101) as u8);
        people.push(json!({
            "id": sid, "name": format!("Person {i} Lindqvist"), "role": format!("Director {}", i % 40),
            "organisation": format!("Unit {}", i % 25), "influence": inf, "skepticism": sk,
            "root_causes": ["culture", "role_pressure"], "cares_about": "Quarterly targets and headcount.",
            "notes": format!("Met at the offsite; asked about cost. Note {i}."), "tags": [format!("region-{}", i % 9)],
            "created_at": iso(i), "updated_at": iso(i),
        }));
        for a in 0..5 {
            actions.push(json!({
                "id": id(), "stakeholder_id": sid, "tactic": tactics[(i + a) % 4],
                "title": format!("Action {} for person {i}", a + 1), "owner": "Sam",
                "due": "2026-12-01", "status": "planned", "outcome": "",
                "created_at": iso(i + a), "updated_at": iso(i + a),
            }));
        }
        for t in 0..5 {
            contacts.push(json!({
                "id": id(), "stakeholder_id": sid, "date": "2026-11-02", "channel": "meeting",
                "sentiment": "neutral", "note": format!("Contact {}", t + 1), "created_at": iso(i + 10),
            }));
        }
        for h in 0..10u8 {
            history.push(json!({
                "stakeholder_id": sid, "at": iso(i + 100 * usize::from(h)),
                "influence": inf.saturating_sub(h), "skepticism": sk.saturating_sub(h),
                "source": if h == 0 { "added" } else { "map" },
            }));
        }
    }
    history.sort_by_key(|h| h["at"].as_str().map(str::to_owned));
    json!({
        "format": "stakemap", "version": 3, "exported_at": iso(0), "source": source,
        "map": { "id": id(), "name": name, "created_at": iso(0), "updated_at": iso(0) },
        "stakeholders": people, "actions": actions, "touchpoints": contacts, "history": history, "snapshots": [],
    })
}
