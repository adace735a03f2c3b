//! How much memory the undo history holds after 200 steps on the 5,000-stakeholder benchmark
//! map (the target is at most 20 MB). Undo used to keep a whole copy of the map for every
//! deletion and logged contact; each step now keeps only the records it touched.
//!
//! Run with `cargo run --example undo_memory` (`./.ci/bench` runs it too). It counts every
//! allocation, builds the map natively in a store on the in-memory backend, makes the edits
//! through the store as a user would, and weighs the history as the bytes freed when it is
//! cleared. Exits with an error when the figure is over the target.

use stakemap::model::*;
use stakemap::state::Backend;

mod counting;
#[path = "../support/mod.rs"]
mod support;

use counting::live;

/// The target from the issue, in bytes.
const TARGET: isize = 20_000_000;
const PEOPLE: usize = 5_000;
const STEPS: usize = 200;

/// A map shaped like the benchmark's: `n` people, each with 5 actions, 5 contacts and 10
/// history points, as a file.
fn generated(n: usize) -> String {
    let start = Timestamp::from_unix_millis(1_780_000_000_000);
    support::generated_file(n, start, "undo_memory", &format!("Benchmark {n}")).to_string()
}

fn megabytes(bytes: isize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn main() {
    let (_owner, backend, store) = support::start();
    if !store.import_text("benchmark.stakemap.json", &generated(PEOPLE)) {
        eprintln!(
            "The generated map was refused: {:?}",
            store.notices().notice()
        );
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
            2 => store
                .log_touchpoint(
                    id,
                    TouchpointFields {
                        date: today,
                        channel: Channel::Call,
                        sentiment: Sentiment::Positive,
                        note: "Open to a pilot.".into(),
                        influence: Some(70),
                        evidence: None,
                        skepticism: Some(20),
                    },
                )
                .is_some(),
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
