//! How much memory the undo history holds after 200 steps on the 5,000-stakeholder benchmark
//! map (the target is at most 20 MB). Undo used to keep a whole copy of the map for every
//! deletion and logged contact; each step now keeps only the records it touched.
//!
//! Run with `cargo run --example undo_memory` (`./.ci/bench` runs it too). It counts every
//! allocation, builds the map natively in a store on the in-memory backend, makes the edits
//! through the store as a user would, and weighs the history as the bytes freed when it is
//! cleared. Exits with an error when the figure is over the target.

use leptos::prelude::*;
use serde_json::json;
use stakemap::model::*;
use stakemap::state::{Backend, MemoryBackend, Store};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;

/// Bytes the program holds on the heap right now.
static LIVE: AtomicIsize = AtomicIsize::new(0);

/// The system allocator, counting what is live.
struct Counting;

// SAFETY: every call is passed unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, which is the system's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc` and `dealloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// The target from the issue, in bytes.
const TARGET: isize = 20_000_000;
const PEOPLE: usize = 5_000;
const STEPS: usize = 200;

/// A map shaped like the benchmark's: `n` people, each with 5 actions, 5 contacts and 10
/// history points, as a file.
fn generated(n: usize) -> String {
    let mut ids = SequentialIds::starting_at(1_000_000);
    let mut id = || ids.next_uuid().to_string();
    let start = Timestamp::from_unix_millis(1_780_000_000_000);
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
        "format": "stakemap", "version": 3, "exported_at": iso(0), "source": "undo_memory",
        "map": { "id": id(), "name": format!("Benchmark {n}"), "created_at": iso(0), "updated_at": iso(0) },
        "stakeholders": people, "actions": actions, "touchpoints": contacts, "history": history, "snapshots": [],
    })
    .to_string()
}

fn megabytes(bytes: isize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn main() {
    let owner = Owner::new();
    owner.set();
    let backend = Arc::new(MemoryBackend::at(Timestamp::from_unix_millis(
        1_790_000_000_000,
    )));
    let store = Store::start(backend.clone());
    if !store.import_text("benchmark.stakemap.json", &generated(PEOPLE)) {
        eprintln!("The generated map was refused: {:?}", store.notice());
        std::process::exit(2);
    }
    let Some((map, ids)) = store.with_current_untracked(|m| (m.id, m.stakeholder_ids())) else {
        eprintln!("No map is open.");
        std::process::exit(2);
    };
    let whole_map = {
        let before = live();
        let copy = store.with_current_untracked(Clone::clone);
        let size = live() - before;
        drop(copy);
        size
    };
    store.clear_undo();

    // A mix of what users do, each a step of its own (3 s apart, on different people): moves,
    // form edits, logged contacts with a reading, deletions.
    let today = backend.today();
    let mut made = [0usize; 4];
    for (i, id) in ids.iter().copied().take(STEPS).enumerate() {
        backend.advance(3_000);
        let kind = i % 4;
        let done = match kind {
            0 => store.move_stakeholder(id, Position::clamped(i as i32 % 100, 50)),
            1 => match store
                .with_current_untracked(|m| m.get(id).cloned())
                .flatten()
            {
                Some(s) => {
                    let mut fields = s.fields;
                    fields.notes = format!("Asked about the pilot's cost per head ({i}).");
                    store.edit_stakeholder(id, fields)
                }
                None => false,
            },
            2 => store.log_touchpoint(
                id,
                TouchpointFields {
                    date: today,
                    channel: Channel::Call,
                    sentiment: Sentiment::Positive,
                    note: "Open to a pilot.".into(),
                    influence: Some(70),
                    skepticism: Some(20),
                },
            ),
            _ => store.dispatch(Op::DeleteStakeholder { map, id }),
        };
        if done {
            made[kind] += 1;
        }
    }
    let steps = store.undo_steps();

    let before = live();
    store.clear_undo();
    let held = before - live();
    println!(
        "undo stack after {steps} steps on 5,000 people ({} moves, {} form edits, {} logged \
         contacts, {} deletions): {} (target ≤ {}; one whole copy of this map is {})",
        made[0],
        made[1],
        made[2],
        made[3],
        megabytes(held),
        megabytes(TARGET),
        megabytes(whole_map),
    );
    if steps != STEPS {
        eprintln!("Expected {STEPS} steps, made {steps}.");
        std::process::exit(1);
    }
    if held > TARGET {
        eprintln!("Over the target.");
        std::process::exit(1);
    }
}
