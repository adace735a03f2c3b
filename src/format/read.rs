//! Reading a file: envelope checks, migration, then a validating walk over the content that
//! collects every problem with its path instead of stopping at the first.

use super::error::{ImportError, Problem};
use super::migrate::migrate;
use super::{CURRENT_VERSION, FORMAT_NAME, MAX_FILE_BYTES, MAX_STAKEHOLDERS};
use crate::model::{
    normalise_causes, normalise_tags, Action, ActionFields, ActionId, ActionStatus, Channel,
    HistoryPoint, LocalDate, MapId, MoveSource, Position, RootCause, Sentiment, Snapshot,
    SnapshotEntry, SnapshotId, StakeMap, Stakeholder, StakeholderFields, StakeholderId, Tactic,
    Timestamp, Touchpoint, TouchpointId, AXIS_MAX, CADENCE_RANGE, MAX_LONG_TEXT_CHARS,
    MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS, MAX_TAGS,
};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The most actions or touchpoints a file may hold.
pub const MAX_RECORDS: usize = 200_000;

/// Stop collecting after this many problems: a file this broken is not worth listing in full.
const PROBLEM_CAP: usize = 500;

/// Reads a file's bytes: refuses oversized files before looking inside, insists on UTF-8 (a
/// byte-order mark is fine), then reads the text.
pub fn parse_bytes(bytes: &[u8], now: Timestamp) -> Result<StakeMap, ImportError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    parse(text, now)
}

/// Reads file text into a map. `now` fills in times a file leaves out.
///
/// ```
/// let err = stakemap::format::parse("{\"format\":\"stakemap\",\"version\":9}", Default::default()).unwrap_err();
/// assert!(err.headline().contains("newer Stakemap"));
/// ```
pub fn parse(text: &str, now: Timestamp) -> Result<StakeMap, ImportError> {
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
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        reason: json_reason(&e),
        line: e.line(),
        column: e.column(),
    })?;
    read_value(value, now)
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

/// Reads an already parsed JSON value (a file, or a map kept in browser storage).
pub fn read_value(value: Value, now: Timestamp) -> Result<StakeMap, ImportError> {
    let version = check_envelope(&value)?;
    let value = migrate(value, version);
    let mut ctx = Ctx::default();
    let map = read_content(&mut ctx, &value, now);
    match map {
        Some(map) if ctx.problems.is_empty() => Ok(map),
        _ => Err(ImportError::Invalid(ctx.problems)),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a value for messages, cut so a hostile file cannot flood the screen.
fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) | Value::Object(_) => return kind_of(value).to_owned(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}…")
    } else {
        text
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
}

impl Ctx {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        if self.problems.len() < PROBLEM_CAP {
            self.problems.push(Problem {
                path: path.to_owned(),
                message: message.into(),
            });
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= PROBLEM_CAP
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Optional or required text with a length limit; `None` means a problem was recorded.
fn text(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    required: bool,
    max_chars: usize,
) -> Option<String> {
    let path = join(prefix, key);
    match obj.get(key) {
        None | Some(Value::Null) if required => {
            ctx.fail(&path, "missing");
            None
        }
        None | Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => {
            let trimmed = s.trim();
            let count = trimmed.chars().count();
            if required && trimmed.is_empty() {
                ctx.fail(&path, "is empty");
                None
            } else if count > max_chars {
                ctx.fail(
                    &path,
                    format!("{count} characters, more than the {max_chars} allowed"),
                );
                None
            } else {
                Some(trimmed.to_owned())
            }
        }
        Some(other) => {
            ctx.fail(&path, format!("expected text, found {}", shown(other)));
            None
        }
    }
}

fn axis(ctx: &mut Ctx, obj: &Map<String, Value>, prefix: &str, key: &str) -> Option<u8> {
    let path = join(prefix, key);
    let value = match obj.get(key) {
        None | Some(Value::Null) => {
            ctx.fail(&path, "missing (a whole number from 0 to 100)");
            return None;
        }
        Some(v) => v,
    };
    let Value::Number(n) = value else {
        ctx.fail(
            &path,
            format!("expected a number from 0 to 100, found {}", shown(value)),
        );
        return None;
    };
    let Some(f) = n.as_f64() else {
        ctx.fail(&path, format!("{n} is not a usable number"));
        return None;
    };
    if !(0.0..=f64::from(AXIS_MAX)).contains(&f) {
        ctx.fail(&path, format!("{n} is outside 0–100"));
        None
    } else if f.fract() != 0.0 {
        ctx.fail(&path, format!("{n} is not a whole number"));
        None
    } else {
        Some(f as u8)
    }
}

fn uuid_field(ctx: &mut Ctx, obj: &Map<String, Value>, prefix: &str) -> Option<uuid::Uuid> {
    let path = join(prefix, "id");
    match obj.get("id") {
        None | Some(Value::Null) => {
            ctx.fail(&path, "missing (every map and stakeholder needs a UUID)");
            None
        }
        Some(Value::String(s)) => match uuid::Uuid::try_parse(s) {
            Ok(id) => Some(id),
            Err(_) => {
                ctx.fail(
                    &path,
                    format!(
                        "{} is not a valid id (a UUID)",
                        shown(&Value::String(s.clone()))
                    ),
                );
                None
            }
        },
        Some(other) => {
            ctx.fail(
                &path,
                format!("expected a UUID as text, found {}", shown(other)),
            );
            None
        }
    }
}

fn time_field(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    default: Timestamp,
) -> Option<Timestamp> {
    let path = join(prefix, key);
    match obj.get(key) {
        None | Some(Value::Null) => Some(default),
        Some(Value::String(s)) => match Timestamp::parse_rfc3339(s) {
            Some(t) => Some(t),
            None => {
                ctx.fail(
                    &path,
                    format!(
                        "{} is not a date and time like 2026-11-22T09:30:00Z",
                        shown(&Value::String(s.clone()))
                    ),
                );
                None
            }
        },
        Some(other) => {
            ctx.fail(
                &path,
                format!("expected a date and time as text, found {}", shown(other)),
            );
            None
        }
    }
}

fn list<'v>(
    ctx: &mut Ctx,
    obj: &'v Map<String, Value>,
    prefix: &str,
    key: &str,
) -> Option<&'v [Value]> {
    match obj.get(key) {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::Array(items)) => Some(items),
        Some(other) => {
            ctx.fail(
                &join(prefix, key),
                format!("expected a list, found {}", shown(other)),
            );
            None
        }
    }
}

fn root_causes(ctx: &mut Ctx, obj: &Map<String, Value>, prefix: &str) -> Option<Vec<RootCause>> {
    let items = list(ctx, obj, prefix, "root_causes")?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let path = format!("{}[{i}]", join(prefix, "root_causes"));
        match item.as_str().and_then(RootCause::from_key) {
            Some(c) => out.push(c),
            None => {
                ok = false;
                let known: Vec<&str> = RootCause::ALL.iter().map(|c| c.key()).collect();
                ctx.fail(
                    &path,
                    format!(
                        "{} is not a known root cause (known: {})",
                        shown(item),
                        known.join(", ")
                    ),
                );
            }
        }
    }
    ok.then(|| normalise_causes(out))
}

fn tags(ctx: &mut Ctx, obj: &Map<String, Value>, prefix: &str) -> Option<Vec<String>> {
    let items = list(ctx, obj, prefix, "tags")?;
    let path = join(prefix, "tags");
    if items.len() > MAX_TAGS {
        ctx.fail(
            &path,
            format!("{} tags, more than the {MAX_TAGS} allowed", items.len()),
        );
        return None;
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(t) if t.chars().count() <= MAX_SHORT_TEXT_CHARS => out.push(t),
            Some(_) => {
                ctx.fail(
                    &format!("{path}[{i}]"),
                    format!("longer than the {MAX_SHORT_TEXT_CHARS} characters allowed"),
                );
                return None;
            }
            None => {
                ctx.fail(
                    &format!("{path}[{i}]"),
                    format!("expected text, found {}", shown(item)),
                );
                return None;
            }
        }
    }
    Some(normalise_tags(out))
}

/// An optional 0–100 reading: `Some(None)` when absent.
fn opt_axis(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
) -> Option<Option<u8>> {
    match obj.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(_) => axis(ctx, obj, prefix, key).map(Some),
    }
}

fn cadence(ctx: &mut Ctx, obj: &Map<String, Value>, prefix: &str) -> Option<Option<u16>> {
    let path = join(prefix, "cadence_days");
    match obj.get("cadence_days") {
        None | Some(Value::Null) => Some(None),
        Some(v) => match v.as_u64() {
            Some(d)
                if d <= u64::from(*CADENCE_RANGE.end())
                    && d >= u64::from(*CADENCE_RANGE.start()) =>
            {
                Some(Some(d as u16))
            }
            _ => {
                ctx.fail(
                    &path,
                    format!(
                        "{} is not a whole number of days from {} to {}",
                        shown(v),
                        CADENCE_RANGE.start(),
                        CADENCE_RANGE.end()
                    ),
                );
                None
            }
        },
    }
}

/// A calendar day `YYYY-MM-DD`: `Some(None)` when optional and absent.
fn date_field(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    required: bool,
) -> Option<Option<LocalDate>> {
    let path = join(prefix, key);
    match obj.get(key) {
        None | Some(Value::Null) if required => {
            ctx.fail(&path, "missing (a date like 2026-11-22)");
            None
        }
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) => match LocalDate::parse_iso(s) {
            Some(d) => Some(Some(d)),
            None => {
                ctx.fail(
                    &path,
                    format!(
                        "{} is not a date like 2026-11-22",
                        shown(&Value::String(s.clone()))
                    ),
                );
                None
            }
        },
        Some(other) => {
            ctx.fail(
                &path,
                format!("expected a date as text, found {}", shown(other)),
            );
            None
        }
    }
}

/// One of a fixed set of tokens: `Some(None)` when optional and absent.
fn token<T>(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    prefix: &str,
    key: &str,
    required: bool,
    parse: fn(&str) -> Option<T>,
    known: &[&str],
) -> Option<Option<T>> {
    let path = join(prefix, key);
    match obj.get(key) {
        None | Some(Value::Null) if required => {
            ctx.fail(&path, format!("missing (one of {})", known.join(", ")));
            None
        }
        None | Some(Value::Null) => Some(None),
        Some(v) => match v.as_str().and_then(parse) {
            Some(t) => Some(Some(t)),
            None => {
                ctx.fail(
                    &path,
                    format!("{} is not one of {}", shown(v), known.join(", ")),
                );
                None
            }
        },
    }
}

/// A `stakeholder_id` that must name a stakeholder in the same file.
fn reference(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    prefix: &str,
    stakeholders: &HashMap<uuid::Uuid, usize>,
) -> Option<StakeholderId> {
    let path = join(prefix, "stakeholder_id");
    match obj.get("stakeholder_id") {
        Some(Value::String(s)) => match uuid::Uuid::try_parse(s) {
            Ok(id) if stakeholders.contains_key(&id) => Some(StakeholderId(id)),
            Ok(_) => {
                ctx.fail(&path, format!("no stakeholder in this file has the id {s}"));
                None
            }
            Err(_) => {
                ctx.fail(
                    &path,
                    format!(
                        "{} is not a valid id (a UUID)",
                        shown(&Value::String(s.clone()))
                    ),
                );
                None
            }
        },
        None | Some(Value::Null) => {
            ctx.fail(&path, "missing (the id of the stakeholder this belongs to)");
            None
        }
        Some(other) => {
            ctx.fail(
                &path,
                format!("expected a UUID as text, found {}", shown(other)),
            );
            None
        }
    }
}

/// The list under `key` (absent means empty), capped in length.
fn records<'v>(ctx: &mut Ctx, root: &'v Map<String, Value>, key: &str) -> &'v [Value] {
    match root.get(key) {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) if items.len() > MAX_RECORDS => {
            ctx.fail(
                key,
                format!(
                    "{} entries, more than the {MAX_RECORDS} allowed",
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

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|t| key(*t)).collect()
}

/// Walks a list named `kind` ("history") whose entries must be objects. `read` gets each
/// object with its index and path, reads it, and returns the entry or `None` once its problems
/// are recorded. Stops early when a file has too many problems to be worth listing.
fn each_object<T>(
    ctx: &mut Ctx,
    items: &[Value],
    kind: &str,
    mut read: impl FnMut(&mut Ctx, usize, &Map<String, Value>, &str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if ctx.full() {
            break;
        }
        let prefix = format!("{kind}[{i}]");
        let Some(obj) = item.as_object() else {
            ctx.fail(
                &prefix,
                format!("expected an object, found {}", shown(item)),
            );
            continue;
        };
        if let Some(entry) = read(ctx, i, obj, &prefix) {
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
    mut read: impl FnMut(&mut Ctx, &Map<String, Value>, &str, Option<uuid::Uuid>) -> Option<T>,
) -> (Vec<T>, HashMap<uuid::Uuid, usize>) {
    let mut seen: HashMap<uuid::Uuid, usize> = HashMap::with_capacity(items.len());
    let out = each_object(ctx, items, kind, |ctx, i, obj, prefix| {
        let id = uuid_field(ctx, obj, prefix);
        if let Some(id) = id {
            if let Some(first) = seen.insert(id, i) {
                ctx.fail(
                    &join(prefix, "id"),
                    format!("the same id as {kind}[{first}]"),
                );
            }
        }
        read(ctx, obj, prefix, id)
    });
    (out, seen)
}

fn read_actions(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    stakeholders: &HashMap<uuid::Uuid, usize>,
    exported_at: Timestamp,
) -> Vec<Action> {
    let items = records(ctx, root, "actions");
    let tactics = keys(&Tactic::ALL, Tactic::key);
    let statuses = keys(&ActionStatus::ALL, ActionStatus::key);
    each_record(ctx, items, "actions", |ctx, obj, prefix, id| {
        let who = reference(ctx, obj, prefix, stakeholders);
        let tactic = token(
            ctx,
            obj,
            prefix,
            "tactic",
            false,
            Tactic::from_key,
            &tactics,
        );
        let title = text(ctx, obj, prefix, "title", true, MAX_SHORT_TEXT_CHARS);
        let owner = text(ctx, obj, prefix, "owner", false, MAX_SHORT_TEXT_CHARS);
        let due = date_field(ctx, obj, prefix, "due", false);
        let status = token(
            ctx,
            obj,
            prefix,
            "status",
            true,
            ActionStatus::from_key,
            &statuses,
        );
        let outcome = text(ctx, obj, prefix, "outcome", false, MAX_LONG_TEXT_CHARS);
        let created_at = time_field(ctx, obj, prefix, "created_at", exported_at);
        let updated_at = time_field(ctx, obj, prefix, "updated_at", exported_at);
        let (
            Some(id),
            Some(stakeholder),
            Some(tactic),
            Some(title),
            Some(owner),
            Some(due),
            Some(Some(status)),
            Some(outcome),
            Some(created_at),
            Some(updated_at),
        ) = (
            id, who, tactic, title, owner, due, status, outcome, created_at, updated_at,
        )
        else {
            return None;
        };
        Some(Action {
            id: ActionId(id),
            stakeholder,
            fields: ActionFields {
                tactic,
                title,
                owner,
                due,
                status,
                outcome,
            },
            created_at,
            updated_at,
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
    let items = records(ctx, root, "touchpoints");
    let channels = keys(&Channel::ALL, Channel::key);
    let sentiments = keys(&Sentiment::ALL, Sentiment::key);
    each_record(ctx, items, "touchpoints", |ctx, obj, prefix, id| {
        let who = reference(ctx, obj, prefix, stakeholders);
        let date = date_field(ctx, obj, prefix, "date", true);
        let channel = token(
            ctx,
            obj,
            prefix,
            "channel",
            true,
            Channel::from_key,
            &channels,
        );
        let sentiment = token(
            ctx,
            obj,
            prefix,
            "sentiment",
            true,
            Sentiment::from_key,
            &sentiments,
        );
        let note = text(ctx, obj, prefix, "note", false, MAX_LONG_TEXT_CHARS);
        let influence = opt_axis(ctx, obj, prefix, "influence");
        let skepticism = opt_axis(ctx, obj, prefix, "skepticism");
        let created_at = time_field(ctx, obj, prefix, "created_at", exported_at);
        let (
            Some(id),
            Some(stakeholder),
            Some(Some(date)),
            Some(Some(channel)),
            Some(Some(sentiment)),
            Some(note),
            Some(influence),
            Some(skepticism),
            Some(created_at),
        ) = (
            id, who, date, channel, sentiment, note, influence, skepticism, created_at,
        )
        else {
            return None;
        };
        Some(Touchpoint {
            id: TouchpointId(id),
            stakeholder,
            date,
            channel,
            sentiment,
            note,
            influence,
            skepticism,
            created_at,
        })
    })
    .0
}

/// An optional `{influence, skepticism}` object: `Some(None)` when absent or null.
fn target(ctx: &mut Ctx, obj: &Map<String, Value>, prefix: &str) -> Option<Option<Position>> {
    let path = join(prefix, "target");
    match obj.get("target") {
        None | Some(Value::Null) => Some(None),
        Some(Value::Object(t)) => {
            let influence = axis(ctx, t, &path, "influence");
            let skepticism = axis(ctx, t, &path, "skepticism");
            match (influence, skepticism) {
                (Some(influence), Some(skepticism)) => Some(Some(Position {
                    influence,
                    skepticism,
                })),
                _ => None,
            }
        }
        Some(other) => {
            ctx.fail(
                &path,
                format!(
                    "expected {{\"influence\": …, \"skepticism\": …}} or null, found {}",
                    shown(other)
                ),
            );
            None
        }
    }
}

fn read_history(
    ctx: &mut Ctx,
    root: &Map<String, Value>,
    stakeholders: &HashMap<uuid::Uuid, usize>,
    exported_at: Timestamp,
) -> Vec<HistoryPoint> {
    let items = records(ctx, root, "history");
    let sources = keys(&MoveSource::ALL, MoveSource::key);
    each_object(ctx, items, "history", |ctx, _, obj, prefix| {
        let who = reference(ctx, obj, prefix, stakeholders);
        let at = time_field(ctx, obj, prefix, "at", exported_at);
        let influence = axis(ctx, obj, prefix, "influence");
        let skepticism = axis(ctx, obj, prefix, "skepticism");
        let source = token(
            ctx,
            obj,
            prefix,
            "source",
            true,
            MoveSource::from_key,
            &sources,
        );
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
    let items = records(ctx, root, "snapshots");
    each_record(ctx, items, "snapshots", |ctx, obj, prefix, id| {
        let name = text(ctx, obj, prefix, "name", true, MAX_NAME_CHARS);
        let taken_at = match obj.get("taken_at") {
            None | Some(Value::Null) => {
                ctx.fail(
                    &join(prefix, "taken_at"),
                    "missing (when the snapshot was taken)",
                );
                None
            }
            Some(_) => time_field(ctx, obj, prefix, "taken_at", Timestamp::default()),
        };
        let entries_prefix = join(prefix, "stakeholders");
        let entries = match obj.get("stakeholders") {
            Some(Value::Array(list)) => list.as_slice(),
            None | Some(Value::Null) => &[],
            Some(other) => {
                ctx.fail(
                    &entries_prefix,
                    format!("expected a list, found {}", shown(other)),
                );
                &[]
            }
        };
        let mut ok = true;
        let mut list = Vec::with_capacity(entries.len());
        for (j, entry) in entries.iter().enumerate() {
            let ep = format!("{entries_prefix}[{j}]");
            let Some(e) = entry.as_object() else {
                ctx.fail(&ep, format!("expected an object, found {}", shown(entry)));
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
                    &join(&ep, "stakeholder_id"),
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
    let exported_at = time_field(ctx, root, "", "exported_at", now).unwrap_or(now);

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
        (
            uuid_field(ctx, m, "map"),
            text(ctx, m, "map", "name", true, MAX_NAME_CHARS),
            time_field(ctx, m, "map", "created_at", exported_at),
            time_field(ctx, m, "map", "updated_at", exported_at),
            match m.get("redacted") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(other) => {
                    ctx.fail(
                        "map.redacted",
                        format!("expected true or false, found {}", shown(other)),
                    );
                    false
                }
            },
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

    let (stakeholders, seen) = each_record(ctx, items, "stakeholders", |ctx, obj, prefix, id| {
        let name = text(ctx, obj, prefix, "name", true, MAX_NAME_CHARS);
        let role = text(ctx, obj, prefix, "role", false, MAX_SHORT_TEXT_CHARS);
        let organisation = text(
            ctx,
            obj,
            prefix,
            "organisation",
            false,
            MAX_SHORT_TEXT_CHARS,
        );
        let influence = axis(ctx, obj, prefix, "influence");
        let skepticism = axis(ctx, obj, prefix, "skepticism");
        let causes = root_causes(ctx, obj, prefix);
        let cares_about = text(ctx, obj, prefix, "cares_about", false, MAX_LONG_TEXT_CHARS);
        let notes = text(ctx, obj, prefix, "notes", false, MAX_LONG_TEXT_CHARS);
        let tags = tags(ctx, obj, prefix);
        let cadence_days = cadence(ctx, obj, prefix);
        let target = target(ctx, obj, prefix);
        let created_at = time_field(ctx, obj, prefix, "created_at", exported_at);
        let updated_at = time_field(ctx, obj, prefix, "updated_at", exported_at);
        let (
            Some(id),
            Some(name),
            Some(role),
            Some(organisation),
            Some(influence),
            Some(skepticism),
            Some(root_causes),
            Some(cares_about),
            Some(notes),
            Some(tags),
            Some(cadence_days),
            Some(target),
            Some(created_at),
            Some(updated_at),
        ) = (
            id,
            name,
            role,
            organisation,
            influence,
            skepticism,
            causes,
            cares_about,
            notes,
            tags,
            cadence_days,
            target,
            created_at,
            updated_at,
        )
        else {
            return None;
        };
        Some(Stakeholder {
            id: StakeholderId(id),
            fields: StakeholderFields {
                name,
                role,
                organisation,
                position: Position {
                    influence,
                    skepticism,
                },
                root_causes,
                cares_about,
                notes,
                tags,
                cadence_days,
                target,
            },
            created_at,
            updated_at,
        })
    });
    let actions = read_actions(ctx, root, &seen, exported_at);
    let touchpoints = read_touchpoints(ctx, root, &seen, exported_at);
    let history = read_history(ctx, root, &seen, exported_at);
    let snapshots = read_snapshots(ctx, root);

    let (Some(id), Some(name), Some(created_at), Some(updated_at), redacted) = header? else {
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
    .with_history(history, snapshots);
    map.redacted = redacted;
    Some(map)
}
