//! Writing maps as files (and as the value kept in browser storage).

use super::{CURRENT_VERSION, FORMAT_NAME};
use crate::model::{
    Action, ActionFields, Evidence, EvidenceFields, Fields, HistoryPoint, LocalDate, Relationship,
    RelationshipFields, Snapshot, StakeMap, Stakeholder, StakeholderFields, Timestamp, Touchpoint,
    Val,
};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The envelope as written, borrowing from the map so that saving copies nothing.
#[derive(Serialize)]
pub struct StoredFile<'a> {
    #[serde(flatten)]
    head: EnvelopeHead<'a>,
    stakeholders: Vec<StakeholderOut<'a>>,
    actions: Vec<ActionOut<'a>>,
    touchpoints: Vec<TouchpointOut<'a>>,
    history: Vec<HistoryOut>,
    snapshots: Vec<SnapshotOut<'a>>,
    evidence: Vec<EvidenceOut<'a>>,
    relationships: Vec<RelationshipOut<'a>>,
}

/// The envelope's fields without the lists.
#[derive(Serialize)]
pub(super) struct EnvelopeHead<'a> {
    format: &'static str,
    version: u64,
    exported_at: Timestamp,
    source: &'static str,
    map: MapOut<'a>,
}

#[derive(Serialize)]
pub(super) struct HistoryOut {
    stakeholder_id: String,
    at: Timestamp,
    influence: u8,
    skepticism: u8,
    source: &'static str,
}

#[derive(Serialize)]
pub(super) struct SnapshotOut<'a> {
    id: String,
    name: &'a str,
    taken_at: Timestamp,
    stakeholders: Vec<SnapshotEntryOut<'a>>,
}

#[derive(Serialize)]
struct SnapshotEntryOut<'a> {
    stakeholder_id: String,
    name: &'a str,
    influence: u8,
    skepticism: u8,
}

#[derive(Serialize)]
struct MapOut<'a> {
    id: String,
    name: &'a str,
    created_at: Timestamp,
    updated_at: Timestamp,
    /// Written only for redacted copies, so ordinary files stay as they were.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    redacted: bool,
    /// Written only for redacted copies made without positions.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    positions_left_out: bool,
}

impl<'a> StoredFile<'a> {
    /// The envelope for `map`, stamped with the export time.
    pub fn new(map: &'a StakeMap, exported_at: Timestamp) -> Self {
        Self {
            head: EnvelopeHead::of(map, exported_at),
            stakeholders: map.stakeholders().map(stakeholder_out).collect(),
            actions: map.actions().map(action_out).collect(),
            touchpoints: map.touchpoints().map(touchpoint_out).collect(),
            history: map.history().iter().map(history_out).collect(),
            snapshots: map.snapshots().iter().map(snapshot_out).collect(),
            evidence: map.evidence().map(evidence_out).collect(),
            relationships: map.relationships().map(relationship_out).collect(),
        }
    }
}

impl<'a> EnvelopeHead<'a> {
    /// The envelope's fields for `map`, stamped with the export time (also the head of a
    /// stored map).
    pub(super) fn of(map: &'a StakeMap, exported_at: Timestamp) -> Self {
        Self {
            format: FORMAT_NAME,
            version: CURRENT_VERSION,
            exported_at,
            source: concat!("Stakemap ", env!("CARGO_PKG_VERSION")),
            map: MapOut {
                id: map.id.to_string(),
                name: &map.name,
                created_at: map.created_at,
                updated_at: map.updated_at,
                redacted: map.redacted,
                positions_left_out: map.positions_left_out,
            },
        }
    }
}

/// A record as written: its frame (id, whom it concerns, when it was made and changed) around
/// the fields its table lists, in the table's order.
pub struct RecordOut<'a, R: Fields> {
    id: Option<String>,
    /// The people it joins, each under its key (`stakeholder_id`; a relationship's
    /// `from_stakeholder_id` and `to_stakeholder_id`).
    people: [Option<(&'static str, String)>; 2],
    fields: &'a R,
    created_at: Timestamp,
    updated_at: Option<Timestamp>,
}

/// A stakeholder as written.
pub(super) type StakeholderOut<'a> = RecordOut<'a, StakeholderFields>;
/// An action as written.
pub(super) type ActionOut<'a> = RecordOut<'a, ActionFields>;
/// A contact as written.
pub(super) type TouchpointOut<'a> = RecordOut<'a, Touchpoint>;
/// An item of evidence as written.
pub(super) type EvidenceOut<'a> = RecordOut<'a, EvidenceFields>;
/// A relationship as written.
pub(super) type RelationshipOut<'a> = RecordOut<'a, RelationshipFields>;

/// The keys of the two people a relationship joins.
pub(crate) const RELATIONSHIP_ENDS: [&str; 2] = ["from_stakeholder_id", "to_stakeholder_id"];

pub(super) fn relationship_out(r: &Relationship) -> RelationshipOut<'_> {
    RecordOut {
        id: Some(r.id.to_string()),
        people: [
            Some((RELATIONSHIP_ENDS[0], r.from.to_string())),
            Some((RELATIONSHIP_ENDS[1], r.to.to_string())),
        ],
        fields: &r.fields,
        created_at: r.created_at,
        updated_at: Some(r.updated_at),
    }
}

impl<R: Fields> Serialize for RecordOut<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(None)?;
        if let Some(id) = &self.id {
            out.serialize_entry("id", id)?;
        }
        for (key, who) in self.people.iter().flatten() {
            out.serialize_entry(key, who)?;
        }
        for f in R::FIELDS {
            match (f.get)(self.fields) {
                Val::Text(t) => out.serialize_entry(f.key, &t)?,
                Val::Position(p) => {
                    out.serialize_entry("influence", &p.influence)?;
                    out.serialize_entry("skepticism", &p.skepticism)?;
                }
                // A reading not taken is left out rather than written as null.
                Val::Reading(None) => {}
                Val::Reading(Some(r)) => out.serialize_entry(f.key, &r)?,
                Val::Tokens(list) => out.serialize_entry(f.key, &list)?,
                Val::Tags(tags) => out.serialize_entry(f.key, &tags)?,
                Val::Days(d) => out.serialize_entry(f.key, &d)?,
                Val::Target(t) => out.serialize_entry(f.key, &t)?,
                Val::Date(d) => out.serialize_entry(f.key, &d.map(LocalDate::iso))?,
                Val::Token(t) => out.serialize_entry(f.key, &t)?,
                // A value not given is left out, as a reading is.
                Val::Amount(None) | Val::Ref(None) => {}
                Val::Amount(Some(a)) => out.serialize_entry(f.key, &a)?,
                Val::Ref(Some(r)) => out.serialize_entry(f.key, &r.to_string())?,
            }
        }
        out.serialize_entry("created_at", &self.created_at)?;
        if let Some(at) = &self.updated_at {
            out.serialize_entry("updated_at", at)?;
        }
        out.end()
    }
}

pub(super) fn stakeholder_out(s: &Stakeholder) -> StakeholderOut<'_> {
    RecordOut {
        id: Some(s.id.to_string()),
        people: [None, None],
        fields: &s.fields,
        created_at: s.created_at,
        updated_at: Some(s.updated_at),
    }
}

pub(super) fn action_out(a: &Action) -> ActionOut<'_> {
    RecordOut {
        id: Some(a.id.to_string()),
        people: [Some(("stakeholder_id", a.stakeholder.to_string())), None],
        fields: &a.fields,
        created_at: a.created_at,
        updated_at: Some(a.updated_at),
    }
}

pub(super) fn touchpoint_out(t: &Touchpoint) -> TouchpointOut<'_> {
    RecordOut {
        id: Some(t.id.to_string()),
        people: [Some(("stakeholder_id", t.stakeholder.to_string())), None],
        fields: t,
        created_at: t.created_at,
        updated_at: None,
    }
}

pub(super) fn evidence_out(e: &Evidence) -> EvidenceOut<'_> {
    RecordOut {
        id: Some(e.id.to_string()),
        people: [None, None],
        fields: &e.fields,
        created_at: e.created_at,
        updated_at: Some(e.updated_at),
    }
}

pub(super) fn history_out(p: &HistoryPoint) -> HistoryOut {
    HistoryOut {
        stakeholder_id: p.stakeholder.to_string(),
        at: p.at,
        influence: p.position.influence,
        skepticism: p.position.skepticism,
        source: p.source.key(),
    }
}

pub(super) fn snapshot_out(s: &Snapshot) -> SnapshotOut<'_> {
    SnapshotOut {
        id: s.id.to_string(),
        name: &s.name,
        taken_at: s.taken_at,
        stakeholders: s
            .entries
            .iter()
            .map(|e| SnapshotEntryOut {
                stakeholder_id: e.stakeholder.to_string(),
                name: &e.name,
                influence: e.position.influence,
                skepticism: e.position.skepticism,
            })
            .collect(),
    }
}

/// The map as an indented JSON file, ready to download.
pub fn to_json(map: &StakeMap, exported_at: Timestamp) -> String {
    // Serialising plain strings and numbers cannot fail; fall back to compact output regardless.
    serde_json::to_string_pretty(&StoredFile::new(map, exported_at))
        .unwrap_or_else(|_| String::from("{}"))
}

/// The map as a JSON value.
pub fn to_value(map: &StakeMap, exported_at: Timestamp) -> serde_json::Value {
    serde_json::to_value(StoredFile::new(map, exported_at)).unwrap_or(serde_json::Value::Null)
}

/// The download name: `<map-name>-YYYY-MM-DD.stakemap.json`, with characters that file systems
/// dislike replaced.
///
/// ```
/// use stakemap_core::{format::export_file_name, model::LocalDate};
/// let day = LocalDate::from_ymd(2026, 11, 22).unwrap();
/// assert_eq!(export_file_name("Q3 rollout / EMEA", day), "Q3-rollout-EMEA-2026-11-22.stakemap.json");
/// ```
pub fn export_file_name(map_name: &str, day: LocalDate) -> String {
    format!("{}-{}.stakemap.json", file_stem(map_name), day.iso())
}

/// The download name of a password-protected copy of the map file named `file_name` (or of a
/// name the user typed for it): the same name, cleaned for file systems, saying what it is.
///
/// ```
/// use stakemap_core::format::locked_file_name;
/// assert_eq!(locked_file_name("Q3-rollout-2026-11-22.stakemap.json"), "Q3-rollout-2026-11-22.stakemap.locked.json");
/// // A name the user typed: cleaned for file systems, and saying what it is.
/// assert_eq!(locked_file_name("For Sam / board"), "For-Sam-board.stakemap.locked.json");
/// assert_eq!(locked_file_name("plan.stakemap.locked.json"), "plan.stakemap.locked.json");
/// assert_eq!(locked_file_name("  "), "stakemap.stakemap.locked.json");
/// ```
pub fn locked_file_name(file_name: &str) -> String {
    let stem = file_name
        .strip_suffix(".stakemap.locked.json")
        .or_else(|| file_name.strip_suffix(".stakemap.json"))
        .or_else(|| file_name.strip_suffix(".json"))
        .unwrap_or(file_name);
    format!("{}.stakemap.locked.json", file_stem(stem))
}

/// The start of every download's name: the map's name with characters that file systems
/// dislike replaced, at most 80 characters, "stakemap" when nothing is left.
pub(super) fn file_stem(map_name: &str) -> String {
    let mut stem = String::new();
    for ch in map_name.chars() {
        if ch.is_alphanumeric() || ch == '_' || ch == '.' {
            stem.push(ch);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.chars().count() >= 80 {
            break;
        }
    }
    let stem = stem.trim_matches(|c| c == '-' || c == '.');
    if stem.is_empty() {
        "stakemap".to_owned()
    } else {
        stem.to_owned()
    }
}
