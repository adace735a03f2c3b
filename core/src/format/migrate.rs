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
//! | 2 → 3 | adds `history` (one point per stakeholder, where they are, from the import) and `snapshots` (empty), and optional `target` per stakeholder |
//! | 3 → 4 | adds `evidence` (the program evidence library, empty); optional `evidence_id` per contact and an agreed measure (`measure`, `measure_baseline`, `measure_target`, `measure_result`) per action, all absent in older files |
//! | 4 → 5 | adds `relationships` (who listens to, reports to, is allied with or at odds with whom; empty) |

use super::CURRENT_VERSION;
use crate::model::Timestamp;
use serde_json::Value;

type Step = fn(Value) -> Value;

const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

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

/// Version 3 adds history and snapshots. An older file knows only where people are now, so each
/// stakeholder starts their history there, dated when they were last changed, marked as coming
/// from an import.
fn v2_to_v3(mut value: Value) -> Value {
    let Some(obj) = value.as_object_mut() else {
        return value;
    };
    if !obj.contains_key("history") {
        let points: Vec<Value> = obj
            .get("stakeholders")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|s| {
                        // Only readable values are copied: a broken stakeholder is reported
                        // once, where it is, not again in the history made from it. A reading
                        // the reader repairs (140, 50.5) is repaired here the same way, quietly,
                        // since the stakeholder's own repair is reported.
                        let s = s.as_object()?;
                        let axis = |key: &str| {
                            s.get(key)
                                .and_then(Value::as_f64)
                                .filter(|f| f.is_finite())
                                .map(|f| Value::from(f.round().clamp(0.0, 100.0) as u64))
                        };
                        let mut point = serde_json::Map::new();
                        point.insert("stakeholder_id".into(), s.get("id")?.clone());
                        let at = ["updated_at", "created_at"].into_iter().find_map(|k| {
                            s.get(k)
                                .filter(|v| v.as_str().and_then(Timestamp::parse_rfc3339).is_some())
                        });
                        if let Some(at) = at {
                            point.insert("at".into(), at.clone());
                        }
                        point.insert("influence".into(), axis("influence")?);
                        point.insert("skepticism".into(), axis("skepticism")?);
                        point.insert("source".into(), Value::from("import"));
                        Some(Value::Object(point))
                    })
                    .collect()
            })
            .unwrap_or_default();
        obj.insert("history".into(), Value::Array(points));
    }
    obj.entry("snapshots")
        .or_insert_with(|| Value::Array(Vec::new()));
    value
}

/// Version 4 adds the program evidence library. An older map had none, so the list starts
/// empty; the new optional fields of contacts and actions are simply absent.
fn v3_to_v4(mut value: Value) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.entry("evidence")
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    value
}

/// Version 5 adds relationships between people (the influence network). An older map had
/// none, so the list starts empty.
fn v4_to_v5(mut value: Value) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.entry("relationships")
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    value
}
