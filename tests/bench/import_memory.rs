//! The most memory importing a file takes, natively: a hostile 64 MB file of tiny values,
//! refused by the shape check before it is parsed, set against the 5,000-stakeholder file the
//! project supports (29 MB as this example exports it: 5 actions, 5 contacts and 10 points of
//! history each), and the worst files just under the caps.
//!
//! Parsing text into a `serde_json::Value` costs far more than the text: 32 bytes for every
//! number in a list, a B-tree node of about 600 bytes for every object. Before the shape check,
//! the 64 MB file of `0,0,0,…` took about a gigabyte, enough to end a browser tab.
//!
//! Run with `cargo run --release --example import_memory`. Add `--before` to also parse the
//! hostile file straight into a `Value`, as the reader did before the check (takes about 1 GB).
//! Each figure is the peak of live heap bytes during the import, above what was live before it
//! (the file's own bytes are not counted). Exits with an error if the hostile file is not
//! refused, or costs more than the file itself.

use serde_json::json;
use stakemap::format::{self, ImportError};
use stakemap::model::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

/// Bytes the program holds on the heap right now.
static LIVE: AtomicIsize = AtomicIsize::new(0);
/// The most `LIVE` has been since the last [`reset_peak`].
static PEAK: AtomicIsize = AtomicIsize::new(0);

/// The system allocator, counting what is live and its peak.
struct Counting;

fn grew(by: isize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size() as isize);
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
            grew(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns its result with the peak heap it took above what was live before.
fn peak_of<R>(f: impl FnOnce() -> R) -> (R, isize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - base)
}

fn megabytes(bytes: isize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

const NOW: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

/// The 5,000-stakeholder file the project supports, as the app exports it: each person with 5
/// actions, 5 contacts and 10 points of history (the shape of the storage tests and the
/// benchmark).
fn five_thousand() -> Vec<u8> {
    let n = 5_000;
    let mut ids = SequentialIds::starting_at(1_000_000);
    let mut id = || ids.next_uuid().to_string();
    let start = Timestamp::from_unix_millis(1_780_000_000_000);
    let iso = |minutes: usize| {
        Timestamp::from_unix_millis(start.unix_millis() + minutes as i64 * 60_000).to_string()
    };
    let tactics = [
        "listening_session",
        "tie_to_kpis",
        "success_story",
        "meet_coaches",
    ];
    let (mut people, mut actions, mut contacts, mut history) = (vec![], vec![], vec![], vec![]);
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
    let file = json!({
        "format": "stakemap", "version": 3, "exported_at": iso(0), "source": "import_memory",
        "map": { "id": id(), "name": "Benchmark 5000", "created_at": iso(0), "updated_at": iso(0) },
        "stakeholders": people, "actions": actions, "touchpoints": contacts, "history": history, "snapshots": [],
    });
    match format::read_value(file, NOW) {
        // As the app exports it: indented.
        Ok(map) => format::to_json(&map, NOW).into_bytes(),
        Err(e) => {
            eprintln!("The generated map was refused: {e}");
            std::process::exit(2);
        }
    }
}

/// `{"format":"stakemap","version":3,"stakeholders":[0,0,…]}` of about `bytes` bytes.
fn tiny_values(bytes: usize) -> Vec<u8> {
    let head = br#"{"format":"stakemap","version":3,"stakeholders":["#;
    let mut out = Vec::with_capacity(bytes);
    out.extend_from_slice(head);
    while out.len() + 4 < bytes {
        out.extend_from_slice(b"0,");
    }
    out.extend_from_slice(b"0]}");
    out
}

/// `[{"a":0},{"a":0},…]` in the stakeholder list, `n` records.
fn small_records(n: usize) -> Vec<u8> {
    let mut out = br#"{"format":"stakemap","version":3,"stakeholders":["#.to_vec();
    for i in 0..n {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(br#"{"a":0}"#);
    }
    out.extend_from_slice(b"]}");
    out
}

/// How many values and records (objects) a JSON value holds, and how deep it nests: what the
/// shape check counts, to set the caps against.
fn shape(value: &serde_json::Value, depth: usize, out: &mut (usize, usize, usize)) {
    out.0 += 1;
    out.2 = out.2.max(depth);
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| shape(v, depth + 1, out)),
        serde_json::Value::Object(fields) => {
            out.1 += 1;
            fields.values().for_each(|v| shape(v, depth + 1, out));
        }
        _ => {}
    }
}

/// Imports `bytes` and prints what it took.
fn measure(what: &str, bytes: &[u8]) -> (Result<format::Read, ImportError>, isize) {
    let started = Instant::now();
    let (read, peak) = peak_of(|| format::read_bytes(bytes, NOW));
    let outcome = match &read {
        Ok(r) => format!("opened, {} stakeholders", r.map.len()),
        Err(e) => format!("refused: {}", e.headline()),
    };
    println!(
        "{what}: {} file, peak {} above the file, {:.2?}; {outcome}",
        megabytes(bytes.len() as isize),
        megabytes(peak),
        started.elapsed()
    );
    (read, peak)
}

fn main() {
    let before = std::env::args().any(|a| a == "--before");

    let hostile = tiny_values(format::MAX_FILE_BYTES as usize);
    let (read, hostile_peak) = measure("64 MB of tiny values", &hostile);
    let refused = matches!(read, Err(ImportError::TooManyValues { .. }));
    if before {
        let started = Instant::now();
        let (value, peak) = peak_of(|| serde_json::from_slice::<serde_json::Value>(&hostile));
        println!(
            "  the same file parsed into a serde_json::Value, as before the shape check: peak {} \
             above the file, {:.2?}",
            megabytes(peak),
            started.elapsed()
        );
        drop(value);
    }
    drop(hostile);

    let file = five_thousand();
    let (read, _) = measure("5,000 stakeholders", &file);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&file) {
        let mut counts = (0, 0, 0);
        shape(&value, 0, &mut counts);
        println!(
            "  its shape: {} values, {} records, nested {} deep (caps: {}, {}, {})",
            counts.0,
            counts.1,
            counts.2,
            format::MAX_JSON_VALUES,
            format::MAX_JSON_RECORDS,
            format::MAX_JSON_DEPTH
        );
    }
    let opened = read.is_ok();
    drop(read);
    drop(file);

    // The worst a file can do while staying under the caps: parsed, then refused for what it
    // holds.
    let near = tiny_values((format::MAX_JSON_VALUES - 8) * 2);
    let _ = measure("just under the value cap (tiny values)", &near);
    drop(near);
    let near = small_records(format::MAX_JSON_RECORDS - 2);
    let _ = measure("just under the record cap ({\"a\":0} records)", &near);

    if !refused || !opened || hostile_peak > format::MAX_FILE_BYTES as isize {
        eprintln!(
            "Expected the hostile file refused within its own size and the 5,000-person file \
             opened."
        );
        std::process::exit(1);
    }
}
