//! Repairs as sentences a user can follow: "Notes of stakeholder 4 (Dana Ortiz) were 12000
//! characters; shortened to 10000."

use crate::model::{
    shorten, ActionFields, EvidenceFields, Fields, RelationshipFields, StakeholderFields,
    Touchpoint,
};
use serde_json::Value;

/// The words for a field in a repair sentence ("notes", from the field's table), and whether
/// it takes "were".
pub(super) fn field_words(key: &str) -> (String, bool) {
    if matches!(key, "influence" | "skepticism") {
        return (key.to_owned(), false);
    }
    let called = StakeholderFields::FIELDS
        .iter()
        .map(|f| (f.key, f.called))
        .chain(ActionFields::FIELDS.iter().map(|f| (f.key, f.called)))
        .chain(Touchpoint::FIELDS.iter().map(|f| (f.key, f.called)))
        .chain(EvidenceFields::FIELDS.iter().map(|f| (f.key, f.called)))
        .chain(RelationshipFields::FIELDS.iter().map(|f| (f.key, f.called)))
        .find(|(k, _)| *k == key)
        .map(|(_, called)| called.strip_prefix("the ").unwrap_or(called));
    match called {
        Some(words) => (words.to_owned(), key.ends_with('s') && words.ends_with('s')),
        None => ("value".to_owned(), false),
    }
}

/// Splits `stakeholders[3]` into (`stakeholders`, 3).
pub(super) fn indexed(segment: &str) -> Option<(&str, usize)> {
    let (key, rest) = segment.split_once('[')?;
    Some((key, rest.strip_suffix(']')?.parse().ok()?))
}

/// A repair as a sentence a user can follow: "Notes of stakeholder 4 (Dana Ortiz) were 12000
/// characters; shortened to 10000."
pub(super) fn repair_sentence(path: &str, change: &str, file: &Value) -> String {
    let segments: Vec<&str> = path.split('.').collect();
    let (field, plural) = match segments.last().map(|s| indexed(s).map_or(*s, |(k, _)| k)) {
        Some(key) => field_words(key),
        None => ("value".to_owned(), false),
    };
    let field = field.as_str();
    let name_of = |i: usize| -> String {
        file.get("stakeholders")
            .and_then(|list| list.get(i))
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)
            .map(|n| format!(" ({})", shorten(n, 40)))
            .unwrap_or_default()
    };
    let mut place = match segments.as_slice() {
        ["map", "name"] => "Map name".to_owned(),
        [first, rest @ ..] => match indexed(first) {
            Some(("stakeholders", i)) => {
                let who = if field == "name" && rest.len() == 1 {
                    String::new()
                } else {
                    name_of(i)
                };
                match rest {
                    ["target", _] => format!("Target {field} of stakeholder {}{who}", i + 1),
                    [tag] if indexed(tag).is_some_and(|(k, _)| k == "tags") => {
                        let j = indexed(tag).map_or(0, |(_, j)| j);
                        format!("Tag {} of stakeholder {}{who}", j + 1, i + 1)
                    }
                    _ => format!("{} of stakeholder {}{who}", capital(field), i + 1),
                }
            }
            Some(("actions", i)) => format!("{} of action {}", capital(field), i + 1),
            Some(("touchpoints", i)) => {
                let field = match field {
                    "influence" | "skepticism" => format!("{field} reading"),
                    other => other.to_owned(),
                };
                format!("{} of contact {}", capital(&field), i + 1)
            }
            Some(("history", i)) => format!("{} of history point {}", capital(field), i + 1),
            Some(("evidence", i)) => format!("{} of evidence item {}", capital(field), i + 1),
            Some(("relationships", i)) if rest.is_empty() => format!("Relationship {}", i + 1),
            Some(("relationships", i)) => {
                format!("{} of relationship {}", capital(field), i + 1)
            }
            Some(("snapshots", i)) => match rest.first().and_then(|s| indexed(s)) {
                Some((_, j)) => format!(
                    "{} of person {} in snapshot {}",
                    capital(field),
                    j + 1,
                    i + 1
                ),
                None => format!("{} of snapshot {}", capital(field), i + 1),
            },
            _ => path.to_owned(),
        },
        [] => path.to_owned(),
    };
    let change = match change.strip_prefix("was ") {
        Some(rest) if plural && !place.starts_with("Tag ") => format!("were {rest}"),
        _ => change.to_owned(),
    };
    place.push(' ');
    place.push_str(&change);
    place.push('.');
    place
}

pub(super) fn capital(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
