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

use stakemap::format::{self, ImportError};
use stakemap::model::*;
use std::time::Instant;

mod counting;
#[path = "../support/mod.rs"]
mod support;

use counting::peak_of;

fn megabytes(bytes: isize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

const NOW: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

/// The 5,000-stakeholder file the project supports, as the app exports it: each person with 5
/// actions, 5 contacts and 10 points of history (the shape of the storage tests and the
/// benchmark).
fn five_thousand() -> Vec<u8> {
    let start = Timestamp::from_unix_millis(1_780_000_000_000);
    let file = support::generated_file(5_000, start, "import_memory", "Benchmark 5000");
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
