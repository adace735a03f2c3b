//! Reading a file: envelope checks, migration, then a validating walk over the content that
//! collects every problem with its path instead of stopping at the first.
//!
//! What cannot be read is refused. What can be read but is only slightly outside today's rules
//! (a text longer than allowed, a reading of 140 left by an old bug, a fraction where a whole
//! number belongs) is **repaired** instead (cut to the limit, clamped, rounded) and each
//! repair is reported as a sentence, so a map a user already has never becomes one they
//! cannot open, and they are told what changed. Before any of that, the text's shape is
//! checked ([`super::scan`]) so a hostile file is refused before it is parsed.

use super::error::{ImportError, Problem};
use super::locked::{LockedFile, LOCKED_FORMAT};
use super::migrate::migrate;
use super::scan::check_shape;
use super::write::RELATIONSHIP_ENDS;
use super::{CURRENT_VERSION, FORMAT_NAME, MAX_FILE_BYTES, MAX_PROBLEMS_LISTED};
use crate::model::{
    Action, ActionFields, ActionId, Evidence, EvidenceFields, EvidenceId, HistoryPoint, MapId,
    MoveSource, Position, Relationship, RelationshipFields, RelationshipId, Snapshot,
    SnapshotEntry, SnapshotId, StakeMap, Stakeholder, StakeholderFields, StakeholderId, Timestamp,
    Touchpoint, TouchpointId, MAX_ACTIONS, MAX_EVIDENCE, MAX_HISTORY_POINTS, MAX_NAME_CHARS,
    MAX_RELATIONSHIPS, MAX_SNAPSHOTS, MAX_STAKEHOLDERS, MAX_TOUCHPOINTS, MOVE_SOURCES,
};
use serde_json::{Map, Value};

mod repairs;
mod values;
use repairs::repair_sentence;
use std::collections::{HashMap, HashSet};
use values::*;

/// A map as read, with what the reader changed to make it fit today's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The map, repaired.
    pub map: StakeMap,
    /// Each repair as a sentence ("Map name was 131 characters; shortened to 120."), at most
    /// a dozen and then a count of the rest; empty when the file kept every rule.
    pub repairs: Vec<String>,
}

/// Stop collecting after this many problems: a file this broken is not worth listing in full.
const PROBLEM_CAP: usize = 500;

/// Reads a file's bytes into a map, repairs applied; the list of repairs is dropped. For
/// callers that only need the map: imports use [`read_bytes`], which says what was repaired.
pub fn parse_bytes(bytes: &[u8], now: Timestamp) -> Result<StakeMap, ImportError> {
    read_bytes(bytes, now).map(|read| read.map)
}

/// Reads a file's bytes: refuses oversized files before looking inside, insists on UTF-8 (a
/// byte-order mark is fine), then reads the text ([`read_text`]).
///
/// ```
/// let name = "N".repeat(131);
/// let file = format!(r#"{{"format":"stakemap","version":3,"map":{{"id":"0b8f3c52-6d0e-4b7a-9f39-2d1f4c2a7e10","name":"{name}"}},"stakeholders":[]}}"#);
/// let read = stakemap_core::format::read_bytes(file.as_bytes(), Default::default()).unwrap();
/// assert_eq!(read.map.name.chars().count(), 120);
/// assert_eq!(read.repairs, ["Map name was 131 characters; shortened to 120."]);
/// ```
pub fn read_bytes(bytes: &[u8], now: Timestamp) -> Result<Read, ImportError> {
    read_json(checked_value(file_text(bytes)?)?, now)
}

/// What a file picked or dropped turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// A map file, read (boxed: a map is large beside a locked file's few fields).
    Map(Box<Read>),
    /// A password-protected map file, checked and waiting for its passphrase; once decrypted,
    /// its content is a map file for [`read_bytes`].
    Locked(LockedFile),
}

/// Reads a file that may be password-protected: a map file is read as by [`read_bytes`]; a
/// locked file's envelope is checked (see [`LockedFile::from_value`]).
pub fn open_bytes(bytes: &[u8], now: Timestamp) -> Result<Opened, ImportError> {
    let value = checked_value(file_text(bytes)?)?;
    if value.get("format").and_then(Value::as_str) == Some(LOCKED_FORMAT) {
        return LockedFile::from_value(&value).map(Opened::Locked);
    }
    read_json(value, now).map(|read| Opened::Map(Box::new(read)))
}

/// A file's bytes as text, refusing an oversized file before looking inside and insisting on
/// UTF-8.
fn file_text(bytes: &[u8]) -> Result<&str, ImportError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })
}

/// Reads file text into a map, repairs applied; the list of repairs is dropped (see
/// [`read_text`]).
///
/// ```
/// let err = stakemap_core::format::parse("{\"format\":\"stakemap\",\"version\":9}", Default::default()).unwrap_err();
/// assert!(err.headline().contains("newer Stakemap"));
/// ```
pub fn parse(text: &str, now: Timestamp) -> Result<StakeMap, ImportError> {
    read_text(text, now).map(|read| read.map)
}

/// Reads file text into a map and says what was repaired. `now` fills in times a file leaves
/// out. The text's shape is checked before it is parsed, so a file of millions of tiny values
/// is refused without building them.
pub fn read_text(text: &str, now: Timestamp) -> Result<Read, ImportError> {
    read_json(checked_value(text)?, now)
}

/// File text parsed as JSON once its size and shape passed: a byte-order mark is dropped, and
/// a file of millions of tiny values is refused before it is parsed.
fn checked_value(text: &str) -> Result<Value, ImportError> {
    let bytes = text.len() as u64;
    if bytes > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        });
    }
    // A byte-order mark is harmless; some editors on Windows add one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    check_shape(text.as_bytes())?;
    serde_json::from_str(text).map_err(|e| not_json(&e))
}

/// What the parser said about text that is not JSON, in the file's words.
pub(crate) fn not_json(e: &serde_json::Error) -> ImportError {
    ImportError::NotJson {
        reason: json_reason(e),
        line: e.line(),
        column: e.column(),
    }
}

fn json_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "it ends too early, as if cut off".into(),
        _ => {
            // serde_json appends " at line L column C"; the caller reports the place itself.
            let text = e.to_string();
            match text.find(" at line ") {
                Some(i) => text[..i].to_owned(),
                None => text,
            }
        }
    }
}

/// Reads an already parsed JSON value into a map, repairs applied; the list of repairs is
/// dropped (see [`read_json`]).
pub fn read_value(value: Value, now: Timestamp) -> Result<StakeMap, ImportError> {
    read_json(value, now).map(|read| read.map)
}

/// Reads an already parsed JSON value (a file, or a map kept in browser storage) and says what
/// was repaired.
pub fn read_json(value: Value, now: Timestamp) -> Result<Read, ImportError> {
    let version = check_envelope(&value)?;
    let value = migrate(value, version);
    let mut ctx = Ctx::default();
    let map = read_content(&mut ctx, &value, now);
    match map {
        Some(map) if ctx.problems.is_empty() => {
            let repairs = ctx.repair_sentences(&value);
            Ok(Read { map, repairs })
        }
        _ => Err(ImportError::Invalid(ctx.problems)),
    }
}

fn check_envelope(value: &Value) -> Result<u64, ImportError> {
    let obj = value.as_object().ok_or(ImportError::NotAnObject {
        found: match value {
            Value::Array(_) => "a list",
            Value::String(_) => "a piece of text",
            Value::Number(_) => "a single number",
            Value::Bool(_) => "true or false",
            Value::Null => "null",
            Value::Object(_) => "an object",
        },
    })?;
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        Some(Value::String(f)) => {
            return Err(ImportError::NotStakemap {
                found: Some(
                    shown(&Value::String(f.clone()))
                        .trim_matches('"')
                        .to_owned(),
                ),
            })
        }
        Some(other) => {
            return Err(ImportError::NotStakemap {
                found: Some(shown(other)),
            })
        }
        None => return Err(ImportError::NotStakemap { found: None }),
    }
    let version = match obj.get("version") {
        None | Some(Value::Null) => {
            return Err(ImportError::BadVersion {
                found: "missing".into(),
            })
        }
        Some(v) => v,
    };
    match version.as_u64() {
        Some(v) if v > CURRENT_VERSION => Err(ImportError::TooNew { version: v }),
        Some(v) if v >= 1 => Ok(v),
        _ => Err(ImportError::BadVersion {
            found: shown(version),
        }),
    }
}

#[derive(Default)]
struct Ctx {
    problems: Vec<Problem>,
    /// Where something was repaired, and how ("was 131 characters; shortened to 120").
    repairs: Vec<(String, String)>,
    /// Repairs not kept in `repairs` because enough are listed already.
    more_repairs: usize,
}

impl Ctx {
    fn fail(&mut self, path: impl std::fmt::Display, message: impl Into<String>) {
        if self.problems.len() < PROBLEM_CAP {
            self.problems.push(Problem {
                path: path.to_string(),
                message: message.into(),
            });
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= PROBLEM_CAP
    }

    /// Notes a repair at `path`: `change` continues a sentence about the field ("was 140,
    /// outside 0–100; set to 100").
    fn repair(&mut self, path: impl std::fmt::Display, change: impl Into<String>) {
        if self.repairs.len() < MAX_PROBLEMS_LISTED {
            self.repairs.push((path.to_string(), change.into()));
        } else {
            self.more_repairs += 1;
        }
    }

    /// The repairs as sentences, naming people by the name the file gives them.
    fn repair_sentences(&self, file: &Value) -> Vec<String> {
        let mut out: Vec<String> = self
            .repairs
            .iter()
            .map(|(path, change)| repair_sentence(path, change, file))
            .collect();
        match self.more_repairs {
            0 => {}
            1 => out.push("… and 1 more change like these.".to_owned()),
            n => out.push(format!("… and {n} more changes like these.")),
        }
        out
    }
}

/// The list under `key` (absent means empty), at most `max` long: a longer list is refused
/// before anything is built from it.
fn records<'v>(ctx: &mut Ctx, root: &'v Map<String, Value>, key: &str, max: usize) -> &'v [Value] {
    match root.get(key) {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) if items.len() > max => {
            ctx.fail(
                key,
                format!(
                    "{} entries, more than the {max} a map can hold",
                    items.len()
                ),
            );
            &[]
        }
        Some(Value::Array(items)) => items,
        Some(other) => {
            ctx.fail(key, format!("expected a list, found {}", shown(other)));
            &[]
        }
    }
}

/// Walks a list named `kind` ("history") whose entries must be objects. `read` gets each
/// object with its index and path, reads it, and returns the entry or `None` once its problems
/// are recorded. Stops early when a file has too many problems to be worth listing.
fn each_object<T>(
    ctx: &mut Ctx,
    items: &[Value],
    kind: &str,
    mut read: impl FnMut(&mut Ctx, usize, &Map<String, Value>, &At) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if ctx.full() {
            break;
        }
        let list = At::Root;
        let list = list.key(kind);
        let here = list.item(i);
        let Some(obj) = item.as_object() else {
            ctx.fail(here, format!("expected an object, found {}", shown(item)));
            continue;
        };
        if let Some(entry) = read(ctx, i, obj, &here) {
            out.push(entry);
        }
    }
    out
}

/// Like [`each_object`], for records that also carry a UUID `id` unique in the list; `read`
/// gets the id (when valid). Also returns where each id was first seen, for references.
fn each_record<T>(
    ctx: &mut Ctx,
    items: &[Value],
    kind: &str,
    mut read: impl FnMut(&mut Ctx, &Map<String, Value>, &At, Option<uuid::Uuid>) -> Option<T>,
) -> (Vec<T>, HashMap<uuid::Uuid, usize>) {
    let mut seen: HashMap<uuid::Uuid, usize> = HashMap::with_capacity(items.len());
    let out = each_object(ctx, items, kind, |ctx, i, obj, here| {
        let id = uuid_field(ctx, obj, here);
        if let Some(id) = id {
            if let Some(first) = seen.insert(id, i) {
                ctx.fail(here.key("id"), format!("the same id as {kind}[{first}]"));
            }
        }
        read(ctx, obj, here, id)
    });
    (out, seen)
}

fn read_actions(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    stakeholders: &HashMap<uuid::Uuid, usize>,
    exported_at: Timestamp,
) -> Vec<Action> {
    let items = records(ctx, root, "actions", MAX_ACTIONS);
    each_record(ctx, items, "actions", |ctx, obj, here, id| {
        let who = reference(ctx, obj, here, stakeholders);
        let fields = record_fields::<ActionFields>(ctx, obj, here);
        let created_at = time_field(ctx, obj, here, "created_at", exported_at);
        let updated_at = time_field(ctx, obj, here, "updated_at", exported_at);
        Some(Action {
            id: ActionId(id?),
            stakeholder: who?,
            fields: fields?,
            created_at: created_at?,
            updated_at: updated_at?,
        })
    })
    .0
}

fn read_touchpoints(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    stakeholders: &HashMap<uuid::Uuid, usize>,
    exported_at: Timestamp,
) -> Vec<Touchpoint> {
    let items = records(ctx, root, "touchpoints", MAX_TOUCHPOINTS);
    each_record(ctx, items, "touchpoints", |ctx, obj, here, id| {
        let who = reference(ctx, obj, here, stakeholders);
        let contact = record_fields::<Touchpoint>(ctx, obj, here);
        let created_at = time_field(ctx, obj, here, "created_at", exported_at);
        Some(Touchpoint {
            id: TouchpointId(id?),
            stakeholder: who?,
            created_at: created_at?,
            ..contact?
        })
    })
    .0
}

fn read_evidence(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    exported_at: Timestamp,
) -> Vec<Evidence> {
    let items = records(ctx, root, "evidence", MAX_EVIDENCE);
    each_record(ctx, items, "evidence", |ctx, obj, here, id| {
        let fields = record_fields::<EvidenceFields>(ctx, obj, here);
        let created_at = time_field(ctx, obj, here, "created_at", exported_at);
        let updated_at = time_field(ctx, obj, here, "updated_at", exported_at);
        Some(Evidence {
            id: EvidenceId(id?),
            fields: fields?,
            created_at: created_at?,
            updated_at: updated_at?,
        })
    })
    .0
}

fn read_relationships(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    stakeholders: &HashMap<uuid::Uuid, usize>,
    exported_at: Timestamp,
) -> Vec<Relationship> {
    let items = records(ctx, root, "relationships", MAX_RELATIONSHIPS);
    let [from_key, to_key] = RELATIONSHIP_ENDS;
    let (list, _) = each_record(ctx, items, "relationships", |ctx, obj, here, id| {
        let from = reference_at(ctx, obj, here, from_key, stakeholders);
        let to = reference_at(ctx, obj, here, to_key, stakeholders);
        let fields = record_fields::<RelationshipFields>(ctx, obj, here);
        let created_at = time_field(ctx, obj, here, "created_at", exported_at);
        let updated_at = time_field(ctx, obj, here, "updated_at", exported_at);
        Some(Relationship {
            id: RelationshipId(id?),
            from: from?,
            to: to?,
            fields: fields?,
            created_at: created_at?,
            updated_at: updated_at?,
        })
    });
    repair_relationships(ctx, items, list)
}

/// Relationships readable but outside today's rules are repaired and said: one joining a
/// person to themselves, or repeating one before it, is left out; allies and people at odds
/// hold both ways.
fn repair_relationships(
    ctx: &mut Ctx,
    items: &[Value],
    list: Vec<Relationship>,
) -> Vec<Relationship> {
    // Where each relationship stood in the file, for the sentences.
    let place: HashMap<RelationshipId, usize> = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((RelationshipId::parse(v.get("id")?.as_str()?)?, i)))
        .collect();
    let mut kept: Vec<Relationship> = Vec::with_capacity(list.len());
    let mut said: HashSet<(StakeholderId, StakeholderId, &'static str)> = HashSet::new();
    for mut r in list {
        let i = place.get(&r.id).copied().unwrap_or(0);
        if r.from == r.to {
            ctx.repair(
                format!("relationships[{i}]"),
                "joined a person to themselves; it was left out",
            );
            continue;
        }
        let normalised = r.fields.clone().normalised();
        if normalised.direction != r.fields.direction {
            ctx.repair(
                format!("relationships[{i}].direction"),
                format!(
                    "was {}; “{}” always holds {}, so it reads that way",
                    r.fields.direction.label().to_lowercase(),
                    r.fields.kind.label(),
                    normalised.direction.label().to_lowercase()
                ),
            );
        }
        r.fields = normalised;
        let key = (r.from, r.to, r.fields.kind.key());
        let back = (r.to, r.from, r.fields.kind.key());
        if said.contains(&key) || (r.both_ways() && said.contains(&back)) {
            ctx.repair(
                format!("relationships[{i}]"),
                "repeated a relationship before it; it was left out",
            );
            continue;
        }
        said.insert(key);
        if r.both_ways() {
            said.insert(back);
        }
        kept.push(r);
    }
    kept
}

/// A contact naming evidence the file does not hold keeps its place in the log without the
/// link: readable, slightly outside the rules, so repaired and said.
fn drop_dangling_evidence(ctx: &mut Ctx, touchpoints: &mut [Touchpoint], evidence: &[Evidence]) {
    let known: std::collections::HashSet<EvidenceId> = evidence.iter().map(|e| e.id).collect();
    for (i, t) in touchpoints.iter_mut().enumerate() {
        if t.evidence.is_some_and(|id| !known.contains(&id)) {
            t.evidence = None;
            ctx.repair(
                format!("touchpoints[{i}].evidence_id"),
                "named evidence that is not in the file; the link was removed",
            );
        }
    }
}

fn read_history(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    stakeholders: &HashMap<uuid::Uuid, usize>,
    exported_at: Timestamp,
) -> Vec<HistoryPoint> {
    let items = records(ctx, root, "history", MAX_HISTORY_POINTS);
    each_object(ctx, items, "history", |ctx, _, obj, here| {
        let who = reference(ctx, obj, here, stakeholders);
        let at = time_field(ctx, obj, here, "at", exported_at);
        let influence = axis(ctx, obj, here, "influence");
        let skepticism = axis(ctx, obj, here, "skepticism");
        let source = token(ctx, obj, here, "source", true, MOVE_SOURCES)
            .map(|t| t.and_then(MoveSource::from_key));
        let (Some(stakeholder), Some(at), Some(influence), Some(skepticism), Some(Some(source))) =
            (who, at, influence, skepticism, source)
        else {
            return None;
        };
        Some(HistoryPoint {
            stakeholder,
            at,
            position: Position {
                influence,
                skepticism,
            },
            source,
        })
    })
}

fn read_snapshots(ctx: &mut Ctx, root: &Map<String, Value>) -> Vec<Snapshot> {
    let items = records(ctx, root, "snapshots", MAX_SNAPSHOTS);
    each_record(ctx, items, "snapshots", |ctx, obj, here, id| {
        let name = text(ctx, obj, here, "name", true, MAX_NAME_CHARS);
        let taken_at = match obj.get("taken_at") {
            None | Some(Value::Null) => {
                ctx.fail(
                    here.key("taken_at"),
                    "missing (when the snapshot was taken)",
                );
                None
            }
            Some(_) => time_field(ctx, obj, here, "taken_at", Timestamp::default()),
        };
        let entries_prefix = here.key("stakeholders");
        let entries = match obj.get("stakeholders") {
            Some(Value::Array(list)) if list.len() > MAX_STAKEHOLDERS => {
                ctx.fail(
                    entries_prefix,
                    format!(
                        "{} people, more than the {MAX_STAKEHOLDERS} a map can hold",
                        list.len()
                    ),
                );
                return None;
            }
            Some(Value::Array(list)) => list.as_slice(),
            None | Some(Value::Null) => &[],
            Some(other) => {
                ctx.fail(
                    entries_prefix,
                    format!("expected a list, found {}", shown(other)),
                );
                &[]
            }
        };
        let mut ok = true;
        let mut list = Vec::with_capacity(entries.len());
        for (j, entry) in entries.iter().enumerate() {
            let ep = entries_prefix.item(j);
            let Some(e) = entry.as_object() else {
                ctx.fail(ep, format!("expected an object, found {}", shown(entry)));
                ok = false;
                continue;
            };
            // Snapshot entries may name people removed since, so no reference check here.
            let who = match e.get("stakeholder_id") {
                Some(Value::String(s)) => uuid::Uuid::try_parse(s).ok(),
                _ => None,
            };
            if who.is_none() {
                ctx.fail(
                    ep.key("stakeholder_id"),
                    "missing or not a valid id (a UUID)",
                );
            }
            let name = text(ctx, e, &ep, "name", true, MAX_NAME_CHARS);
            let influence = axis(ctx, e, &ep, "influence");
            let skepticism = axis(ctx, e, &ep, "skepticism");
            match (who, name, influence, skepticism) {
                (Some(who), Some(name), Some(influence), Some(skepticism)) => {
                    list.push(SnapshotEntry {
                        stakeholder: StakeholderId(who),
                        name,
                        position: Position {
                            influence,
                            skepticism,
                        },
                    })
                }
                _ => ok = false,
            }
        }
        match (id, name, taken_at, ok) {
            (Some(id), Some(name), Some(taken_at), true) => Some(Snapshot {
                id: SnapshotId(id),
                name,
                taken_at,
                entries: list,
            }),
            _ => None,
        }
    })
    .0
}

fn read_content(ctx: &mut Ctx, value: &Value, now: Timestamp) -> Option<StakeMap> {
    let root = value.as_object()?;
    let exported_at = time_field(ctx, root, &At::Root, "exported_at", now).unwrap_or(now);

    let meta = match root.get("map") {
        Some(Value::Object(m)) => Some(m),
        None | Some(Value::Null) => {
            ctx.fail("map", "missing (the map's id and name)");
            None
        }
        Some(other) => {
            ctx.fail("map", format!("expected an object, found {}", shown(other)));
            None
        }
    };
    let header = meta.map(|m| {
        let map = At::Key(&At::Root, "map");
        let map = &map;
        (
            uuid_field(ctx, m, map),
            text(ctx, m, map, "name", true, MAX_NAME_CHARS),
            time_field(ctx, m, map, "created_at", exported_at),
            time_field(ctx, m, map, "updated_at", exported_at),
            flag(ctx, m, "redacted"),
            flag(ctx, m, "positions_left_out"),
        )
    });

    let items = match root.get("stakeholders") {
        Some(Value::Array(items)) => items.as_slice(),
        None | Some(Value::Null) => {
            ctx.fail("stakeholders", "missing (a list, which may be empty)");
            &[]
        }
        Some(other) => {
            ctx.fail(
                "stakeholders",
                format!("expected a list, found {}", shown(other)),
            );
            &[]
        }
    };
    if items.len() > MAX_STAKEHOLDERS {
        ctx.fail(
            "stakeholders",
            format!(
                "{} stakeholders, more than the {MAX_STAKEHOLDERS} a map can hold",
                items.len()
            ),
        );
        return None;
    }

    let (stakeholders, seen) = each_record(ctx, items, "stakeholders", |ctx, obj, here, id| {
        let fields = record_fields::<StakeholderFields>(ctx, obj, here);
        let created_at = time_field(ctx, obj, here, "created_at", exported_at);
        let updated_at = time_field(ctx, obj, here, "updated_at", exported_at);
        Some(Stakeholder {
            id: StakeholderId(id?),
            fields: fields?,
            created_at: created_at?,
            updated_at: updated_at?,
        })
    });
    let actions = read_actions(ctx, root, &seen, exported_at);
    let mut touchpoints = read_touchpoints(ctx, root, &seen, exported_at);
    let evidence = read_evidence(ctx, root, exported_at);
    drop_dangling_evidence(ctx, &mut touchpoints, &evidence);
    let relationships = read_relationships(ctx, root, &seen, exported_at);
    let history = read_history(ctx, root, &seen, exported_at);
    let snapshots = read_snapshots(ctx, root);

    let (Some(id), Some(name), Some(created_at), Some(updated_at), redacted, positions_left_out) =
        header?
    else {
        return None;
    };
    let mut map = StakeMap::from_parts(
        MapId(id),
        name,
        created_at,
        updated_at,
        stakeholders,
        actions,
        touchpoints,
    )
    .with_history(history, snapshots)
    .with_evidence(evidence)
    .with_relationships(relationships);
    map.redacted = redacted;
    map.positions_left_out = positions_left_out;
    Some(map)
}

/// An optional true-or-false of the map's header (absent is false).
fn flag(ctx: &mut Ctx, map: &Map<String, Value>, key: &str) -> bool {
    match map.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            ctx.fail(
                format!("map.{key}"),
                format!("expected true or false, found {}", shown(other)),
            );
            false
        }
    }
}
