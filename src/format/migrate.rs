//! Pure, numbered migrations from every older file version to the current one.
//!
//! Each step takes the JSON of version `n` and returns the JSON of version `n + 1`; `STEPS[0]`
//! turns version 1 into version 2, and so on. A file is validated only after it has been brought
//! up to [`CURRENT_VERSION`], so the reader knows a single shape. Every step has a fixture of the
//! old version in `tests/fixtures/good/` and a test that it opens.
//!
//! | step | change |
//! | --- | --- |
//! | 1 → 2 | adds `actions` and `touchpoints` (empty), and optional `cadence_days` per stakeholder |

use super::CURRENT_VERSION;
use serde_json::Value;

type Step = fn(Value) -> Value;

const STEPS: &[Step] = &[v1_to_v2];

/// Version 2 adds the engagement plan. A version-1 map had none, so both lists start empty;
/// `cadence_days` is optional and left out (the quadrant's default applies).
fn v1_to_v2(mut value: Value) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.entry("actions")
            .or_insert_with(|| Value::Array(Vec::new()));
        obj.entry("touchpoints")
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    value
}

/// Brings a file of version `from` (1 ≤ `from` ≤ current) up to the current version.
pub fn migrate(mut value: Value, from: u64) -> Value {
    debug_assert_eq!(STEPS.len() as u64, CURRENT_VERSION - 1);
    let first = from.saturating_sub(1) as usize;
    for step in STEPS.iter().skip(first) {
        value = step(value);
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("version".into(), Value::from(CURRENT_VERSION));
    }
    value
}
