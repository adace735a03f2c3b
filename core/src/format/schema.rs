//! The published JSON Schema of the map file (`public/stakemap.schema.json`), generated from
//! the same field tables the reader and writer walk, so it cannot drift from them. A test
//! compares the published file with [`json_schema`] and rewrites it on request
//! (`STAKEMAP_WRITE_SCHEMA=1 cargo test --test format`).

use super::write::RELATIONSHIP_ENDS;
use super::{CURRENT_VERSION, FORMAT_NAME};
use crate::model::{
    ActionFields, Amount, EvidenceFields, Fields, Kind, RelationshipFields, StakeholderFields,
    TokenSet, Touchpoint, AXIS_MAX, CADENCE_RANGE, MAX_ACTIONS, MAX_EVIDENCE, MAX_HISTORY_POINTS,
    MAX_NAME_CHARS, MAX_RELATIONSHIPS, MAX_SHORT_TEXT_CHARS, MAX_SNAPSHOTS, MAX_STAKEHOLDERS,
    MAX_TAGS, MAX_TOUCHPOINTS, MOVE_SOURCES,
};
use serde_json::{json, Map, Value};

fn reference(def: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{def}") })
}

fn or_null(schema: Value) -> Value {
    json!({ "oneOf": [schema, { "type": "null" }] })
}

fn text(max: usize, required: bool) -> Value {
    if required {
        json!({ "type": "string", "minLength": 1, "maxLength": max, "pattern": "\\S" })
    } else {
        // The reader takes null for an absent optional text.
        json!({ "type": ["string", "null"], "maxLength": max })
    }
}

fn with_about(mut schema: Value, about: &str) -> Value {
    if let (false, Some(obj)) = (about.is_empty(), schema.as_object_mut()) {
        obj.insert("description".into(), about.into());
    }
    schema
}

/// The object schema of a record: its frame (`frame` keys before the fields, `times` after)
/// and each field of its table. Token sets met on the way are added to `defs`.
fn record<R: Fields>(frame: &[&str], times: &[&str], defs: &mut Map<String, Value>) -> Value {
    let mut properties = Map::new();
    let mut required: Vec<&str> = frame.to_vec();
    for key in frame {
        properties.insert((*key).into(), reference("uuid"));
    }
    for f in R::FIELDS {
        let schema = match f.kind {
            Kind::Text {
                max,
                required: needed,
            } => {
                if needed {
                    required.push(f.key);
                }
                text(max, needed)
            }
            Kind::Position => {
                required.extend(["influence", "skepticism"]);
                for key in ["influence", "skepticism"] {
                    properties.insert(key.into(), with_about(reference("axis"), f.about));
                }
                continue;
            }
            Kind::Reading => reference("axis"),
            // Repeats are read as one; null as an empty list.
            Kind::TokenList(set) => json!({
                "type": ["array", "null"],
                "items": token_def(set, defs)
            }),
            Kind::Tags => json!({
                "type": ["array", "null"],
                "maxItems": MAX_TAGS,
                "items": { "type": "string", "maxLength": MAX_SHORT_TEXT_CHARS }
            }),
            Kind::Days => json!({
                "type": ["integer", "null"],
                "minimum": CADENCE_RANGE.start(),
                "maximum": CADENCE_RANGE.end()
            }),
            Kind::Target => or_null(reference("position")),
            Kind::Date { required: true } => {
                required.push(f.key);
                reference("day")
            }
            Kind::Date { required: false } => or_null(reference("day")),
            Kind::Token {
                set,
                required: true,
            } => {
                required.push(f.key);
                token_def(set, defs)
            }
            Kind::Token {
                set,
                required: false,
            } => or_null(token_def(set, defs)),
            Kind::Amount => json!({
                "type": ["number", "null"],
                "minimum": -Amount::LIMIT,
                "maximum": Amount::LIMIT
            }),
            Kind::EvidenceRef => or_null(reference("uuid")),
        };
        properties.insert(f.key.into(), with_about(schema, f.about));
    }
    for key in times {
        properties.insert((*key).into(), reference("instant"));
    }
    json!({ "type": "object", "required": required, "properties": properties })
}

/// A reference to a token set's definition, adding the definition.
fn token_def(set: TokenSet, defs: &mut Map<String, Value>) -> Value {
    defs.insert(set.def.into(), json!({ "enum": set.tokens() }));
    reference(set.def)
}

fn list(def: &str, max: usize, about: &str) -> Value {
    json!({ "type": "array", "maxItems": max, "items": reference(def), "description": about })
}

/// The JSON Schema (draft 2020-12) of the current file format.
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    defs.insert("uuid".into(), json!({ "type": "string", "format": "uuid" }));
    defs.insert(
        "instant".into(),
        json!({ "type": "string", "format": "date-time", "description": "RFC 3339; written in UTC." }),
    );
    defs.insert(
        "day".into(),
        json!({
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            "description": "A calendar day on the user's calendar, YYYY-MM-DD."
        }),
    );
    defs.insert(
        "axis".into(),
        json!({ "type": "integer", "minimum": 0, "maximum": AXIS_MAX }),
    );
    defs.insert(
        "position".into(),
        json!({
            "type": "object",
            "required": ["influence", "skepticism"],
            "properties": { "influence": reference("axis"), "skepticism": reference("axis") }
        }),
    );
    defs.insert("name".into(), text(MAX_NAME_CHARS, true));
    let stakeholder =
        record::<StakeholderFields>(&["id"], &["created_at", "updated_at"], &mut defs);
    let action = record::<ActionFields>(
        &["id", "stakeholder_id"],
        &["created_at", "updated_at"],
        &mut defs,
    );
    let touchpoint = record::<Touchpoint>(&["id", "stakeholder_id"], &["created_at"], &mut defs);
    defs.insert("stakeholder".into(), stakeholder);
    defs.insert("action".into(), action);
    defs.insert("touchpoint".into(), touchpoint);
    let evidence = record::<EvidenceFields>(&["id"], &["created_at", "updated_at"], &mut defs);
    defs.insert("evidence".into(), evidence);
    let relationship = record::<RelationshipFields>(
        &["id", RELATIONSHIP_ENDS[0], RELATIONSHIP_ENDS[1]],
        &["created_at", "updated_at"],
        &mut defs,
    );
    defs.insert("relationship".into(), relationship);
    defs.insert(
        MOVE_SOURCES.def.into(),
        json!({ "enum": MOVE_SOURCES.tokens() }),
    );
    defs.insert(
        "historyPoint".into(),
        json!({
            "type": "object",
            "required": ["stakeholder_id", "influence", "skepticism", "source"],
            "properties": {
                "stakeholder_id": reference("uuid"),
                "at": reference("instant"),
                "influence": reference("axis"),
                "skepticism": reference("axis"),
                "source": reference(MOVE_SOURCES.def)
            }
        }),
    );
    defs.insert(
        "snapshot".into(),
        json!({
            "type": "object",
            "required": ["id", "name", "taken_at", "stakeholders"],
            "properties": {
                "id": reference("uuid"),
                "name": reference("name"),
                "taken_at": reference("instant"),
                "stakeholders": {
                    "type": "array",
                    "maxItems": MAX_STAKEHOLDERS,
                    "items": {
                        "type": "object",
                        "required": ["stakeholder_id", "name", "influence", "skepticism"],
                        "properties": {
                            "stakeholder_id": reference("uuid"),
                            "name": reference("name"),
                            "influence": reference("axis"),
                            "skepticism": reference("axis")
                        }
                    }
                }
            }
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "stakemap.schema.json",
        "title": "Stakemap map file",
        "description": format!(
            "A stakeholder map exported by Stakemap (file format version {CURRENT_VERSION}): \
             stakeholders with optional targets, their engagement plan (actions), contact log \
             (touchpoints), position history, snapshots and the program evidence library \
             (metrics and stories; a contact's evidence_id says what was shared), and the \
             relationships between people (who listens to, reports to, is allied with or at odds \
             with whom). Generated from the app's field definitions. Readers ignore unknown fields; optional fields may be left out. Files \
             of older versions are still read and upgraded. Ids are unique within each list, and \
             every stakeholder_id outside snapshots (and a relationship's from_stakeholder_id and \
             to_stakeholder_id, two different people) names a stakeholder in the file, and every \
             evidence_id an item of evidence (rules a schema cannot state; the app checks them)."
        ),
        "type": "object",
        "required": ["format", "version", "map", "stakeholders"],
        "properties": {
            "format": { "const": FORMAT_NAME },
            "version": {
                "type": "integer",
                "minimum": 1,
                "maximum": CURRENT_VERSION,
                "description": "File format version. Apps refuse files with a newer version and upgrade older ones."
            },
            "exported_at": reference("instant"),
            "source": { "type": "string", "description": "The app and version that wrote the file." },
            "map": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": reference("uuid"),
                    "name": reference("name"),
                    "created_at": reference("instant"),
                    "updated_at": reference("instant"),
                    "redacted": {
                        "type": "boolean",
                        "description": "True for a copy made for sharing outside the core team: names are initials or codes, and free text was removed."
                    },
                    "positions_left_out": {
                        "type": "boolean",
                        "description": "True for a redacted copy made without positions: everyone stands at the middle (50, 50), which says nothing about them."
                    }
                }
            },
            "stakeholders": list("stakeholder", MAX_STAKEHOLDERS, "Stakeholder ids are unique within the file."),
            "actions": list("action", MAX_ACTIONS, "stakeholder_id names a stakeholder in this file."),
            "touchpoints": list("touchpoint", MAX_TOUCHPOINTS, "stakeholder_id names a stakeholder in this file."),
            "history": list("historyPoint", MAX_HISTORY_POINTS, "Every change of a stakeholder's position."),
            "snapshots": list("snapshot", MAX_SNAPSHOTS, "Named snapshots of the whole map. Entries may name stakeholders removed since."),
            "evidence": list("evidence", MAX_EVIDENCE, "The program evidence library: metrics and stories. Ids are unique within the list."),
            "relationships": list("relationship", MAX_RELATIONSHIPS, "Relationships between two people in this file: from_stakeholder_id stands towards to_stakeholder_id as kind says (listens to, reports to, allied with, at odds with), one way or both.")
        },
        "$defs": defs
    })
}

/// The published schema as written to `public/stakemap.schema.json`: indented, ending in a
/// new line.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
