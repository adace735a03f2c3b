//! Reading one value of a record: text, a reading, an id, a time, a token, a list, a place,
//! each checked against its limits, with a repair or a problem recorded at its path.

use super::Ctx;
use crate::model::{
    normalise_tags, shorten, Amount, EvidenceId, FieldSpec, Fields, Kind, LocalDate, Position,
    StakeholderId, Timestamp, TokenSet, Val, AXIS_MAX, CADENCE_RANGE, MAX_SHORT_TEXT_CHARS,
    MAX_TAGS,
};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;

pub(super) fn kind_of(value: &Value) -> &'static str {
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
pub(super) fn shown(value: &Value) -> String {
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

/// Where a value sits in a file (`stakeholders[3].target.influence`), a chain of borrowed
/// steps that is written out only when a problem or a repair is recorded there: reading a
/// valid file builds no path text.
#[derive(Clone, Copy)]
pub(super) enum At<'a> {
    /// The file itself.
    Root,
    /// A key of the record at the first step.
    Key(&'a At<'a>, &'a str),
    /// An item of the list at the first step.
    Item(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    /// The value under `key` here.
    pub(super) fn key(&'a self, key: &'a str) -> At<'a> {
        At::Key(self, key)
    }

    /// The `index`th item of the list here.
    pub(super) fn item(&'a self, index: usize) -> At<'a> {
        At::Item(self, index)
    }
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Root => Ok(()),
            At::Key(At::Root, key) => f.write_str(key),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Item(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// Optional or required text with a length limit; `None` means a problem was recorded.
pub(super) fn text(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
    required: bool,
    max_chars: usize,
) -> Option<String> {
    let path = here.key(key);
    match obj.get(key) {
        None | Some(Value::Null) if required => {
            ctx.fail(path, "missing");
            None
        }
        None | Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => {
            let trimmed = s.trim();
            let count = trimmed.chars().count();
            if required && trimmed.is_empty() {
                ctx.fail(path, "is empty");
                None
            } else if count > max_chars {
                // Readable, only longer than today's rules allow: cut, and say so.
                ctx.repair(
                    path,
                    format!("was {count} characters; shortened to {max_chars}"),
                );
                Some(shorten(trimmed, max_chars))
            } else {
                Some(trimmed.to_owned())
            }
        }
        Some(other) => {
            ctx.fail(path, format!("expected text, found {}", shown(other)));
            None
        }
    }
}

pub(super) fn axis(ctx: &mut Ctx, obj: &Map<String, Value>, here: &At, key: &str) -> Option<u8> {
    let path = here.key(key);
    let value = match obj.get(key) {
        None | Some(Value::Null) => {
            ctx.fail(path, "missing (a whole number from 0 to 100)");
            return None;
        }
        Some(v) => v,
    };
    let Value::Number(n) = value else {
        ctx.fail(
            path,
            format!("expected a number from 0 to 100, found {}", shown(value)),
        );
        return None;
    };
    let Some(f) = n.as_f64().filter(|f| f.is_finite()) else {
        ctx.fail(path, format!("{n} is not a usable number"));
        return None;
    };
    // A number is readable wherever it is: one off the map (an old bug) is clamped onto it,
    // a fraction rounded, and the change reported.
    let max = f64::from(AXIS_MAX);
    let fixed = f.round().clamp(0.0, max);
    if !(0.0..=max).contains(&f) {
        ctx.repair(
            path,
            format!("was {n}, outside 0–{AXIS_MAX}; set to {fixed}"),
        );
    } else if fixed != f {
        ctx.repair(
            path,
            format!("was {n}, not a whole number; rounded to {fixed}"),
        );
    }
    Some(fixed as u8)
}

/// A value written as text and read by `parse`: `Some(None)` when absent or null, `None` once
/// a problem is recorded. `noun` names it in messages ("a UUID"), `like` says what the text
/// should be ("a valid id (a UUID)").
fn textual<T>(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    path: &At,
    key: &str,
    (noun, like): (&str, &str),
    parse: impl Fn(&str) -> Option<T>,
) -> Option<Option<T>> {
    match obj.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(value @ Value::String(s)) => match parse(s) {
            Some(v) => Some(Some(v)),
            None => {
                ctx.fail(path, format!("{} is not {like}", shown(value)));
                None
            }
        },
        Some(other) => {
            ctx.fail(
                path,
                format!("expected {noun} as text, found {}", shown(other)),
            );
            None
        }
    }
}

const A_UUID: (&str, &str) = ("a UUID", "a valid id (a UUID)");

fn parse_uuid(s: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::try_parse(s).ok()
}

pub(super) fn uuid_field(ctx: &mut Ctx, obj: &Map<String, Value>, here: &At) -> Option<uuid::Uuid> {
    let path = here.key("id");
    let id = textual(ctx, obj, &path, "id", A_UUID, parse_uuid)?;
    if id.is_none() {
        ctx.fail(path, "missing (every map and stakeholder needs a UUID)");
    }
    id
}

pub(super) fn time_field(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
    default: Timestamp,
) -> Option<Timestamp> {
    let what = (
        "a date and time",
        "a date and time like 2026-11-22T09:30:00Z",
    );
    let path = here.key(key);
    textual(ctx, obj, &path, key, what, Timestamp::parse_rfc3339).map(|t| t.unwrap_or(default))
}

pub(super) fn list<'v>(
    ctx: &mut Ctx,
    obj: &'v Map<String, Value>,
    here: &At,
    key: &str,
) -> Option<&'v [Value]> {
    match obj.get(key) {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::Array(items)) => Some(items),
        Some(other) => {
            ctx.fail(
                here.key(key),
                format!("expected a list, found {}", shown(other)),
            );
            None
        }
    }
}

/// A list of tokens of one set, in the set's order without repeats.
pub(super) fn token_list(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
    set: TokenSet,
) -> Option<Vec<&'static str>> {
    let items = list(ctx, obj, here, key)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match item.as_str().and_then(|t| set.known(t)) {
            Some(t) => out.push(t),
            None => {
                ok = false;
                ctx.fail(
                    here.key(key).item(i),
                    format!(
                        "{} is not a known {} (known: {})",
                        shown(item),
                        singular(key),
                        set.tokens().join(", ")
                    ),
                );
            }
        }
    }
    crate::sort::by_key(&mut out, |t| set.rank(t));
    out.dedup();
    ok.then_some(out)
}

/// "root_causes" → "root cause", for messages about one item of a list.
pub(super) fn singular(key: &str) -> String {
    key.strip_suffix('s').unwrap_or(key).replace('_', " ")
}

pub(super) fn tags(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
) -> Option<Vec<String>> {
    let items = list(ctx, obj, here, key)?;
    let path = here.key(key);
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(t) if t.trim().chars().count() <= MAX_SHORT_TEXT_CHARS => out.push(t.to_owned()),
            Some(t) => {
                let count = t.trim().chars().count();
                ctx.repair(
                    path.item(i),
                    format!("was {count} characters; shortened to {MAX_SHORT_TEXT_CHARS}"),
                );
                out.push(shorten(t, MAX_SHORT_TEXT_CHARS));
            }
            None => {
                ctx.fail(
                    path.item(i),
                    format!("expected text, found {}", shown(item)),
                );
                return None;
            }
        }
    }
    let mut tags = normalise_tags(out);
    if tags.len() > MAX_TAGS {
        ctx.repair(
            path,
            format!("were {}; kept the first {MAX_TAGS}", tags.len()),
        );
        tags.truncate(MAX_TAGS);
    }
    Some(tags)
}

/// An optional 0–100 reading: `Some(None)` when absent.
pub(super) fn opt_axis(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
) -> Option<Option<u8>> {
    match obj.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(_) => axis(ctx, obj, here, key).map(Some),
    }
}

pub(super) fn cadence(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
) -> Option<Option<u16>> {
    let path = here.key(key);
    let (low, high) = (*CADENCE_RANGE.start(), *CADENCE_RANGE.end());
    match obj.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(v) => match v.as_f64().filter(|d| d.is_finite()) {
            Some(d) if d == d.round() && (f64::from(low)..=f64::from(high)).contains(&d) => {
                Some(Some(d as u16))
            }
            // Readable but outside the rules: too long is the longest, a fraction is rounded,
            // and none at all (0 or less) means the quadrant's default, as an empty field does.
            Some(d) if d.round() > f64::from(high) => {
                ctx.repair(
                    path,
                    format!("was {d} days, more than {high}; set to {high}"),
                );
                Some(Some(high))
            }
            Some(d) if d.round() >= f64::from(low) => {
                let days = d.round() as u16;
                ctx.repair(path, format!("was {d} days; rounded to {days}"));
                Some(Some(days))
            }
            Some(d) => {
                ctx.repair(
                    path,
                    format!(
                        "was {d} days, less than {low}; cleared, so the quadrant's usual rhythm \
                         applies"
                    ),
                );
                Some(None)
            }
            None => {
                ctx.fail(
                    path,
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
pub(super) fn date_field(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
    required: bool,
) -> Option<Option<LocalDate>> {
    let path = here.key(key);
    let what = ("a date", "a date like 2026-11-22");
    let day = textual(ctx, obj, &path, key, what, LocalDate::parse_iso)?;
    if required && day.is_none() {
        ctx.fail(path, "missing (a date like 2026-11-22)");
        return None;
    }
    Some(day)
}

/// One of a fixed set of tokens: `Some(None)` when optional and absent.
pub(super) fn token(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
    required: bool,
    set: TokenSet,
) -> Option<Option<&'static str>> {
    let path = here.key(key);
    let known = || set.tokens().join(", ");
    match obj.get(key) {
        None | Some(Value::Null) if required => {
            ctx.fail(path, format!("missing (one of {})", known()));
            None
        }
        None | Some(Value::Null) => Some(None),
        Some(v) => match v.as_str().and_then(|t| set.known(t)) {
            Some(t) => Some(Some(t)),
            None => {
                ctx.fail(path, format!("{} is not one of {}", shown(v), known()));
                None
            }
        },
    }
}

/// A `stakeholder_id` that must name a stakeholder in the same file.
pub(super) fn reference(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    stakeholders: &HashMap<uuid::Uuid, usize>,
) -> Option<StakeholderId> {
    reference_at(ctx, obj, here, "stakeholder_id", stakeholders)
}

/// The stakeholder named under `key`, which must be one in the file.
pub(super) fn reference_at(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &'static str,
    stakeholders: &HashMap<uuid::Uuid, usize>,
) -> Option<StakeholderId> {
    let path = here.key(key);
    match textual(ctx, obj, &path, key, A_UUID, parse_uuid)? {
        Some(id) if stakeholders.contains_key(&id) => Some(StakeholderId(id)),
        Some(id) => {
            ctx.fail(path, format!("no stakeholder in this file has the id {id}"));
            None
        }
        None => {
            ctx.fail(path, "missing (the id of the stakeholder this belongs to)");
            None
        }
    }
}

/// One field of a record, read as its kind says; `None` once a problem is recorded.
pub(super) fn field_value<R>(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    f: &FieldSpec<R>,
) -> Option<Val<'static>> {
    let owned = |t: String| Val::Text(Cow::Owned(t));
    match f.kind {
        Kind::Text { max, required } => text(ctx, obj, here, f.key, required, max).map(owned),
        Kind::Position => {
            let influence = axis(ctx, obj, here, "influence");
            let skepticism = axis(ctx, obj, here, "skepticism");
            Some(Val::Position(Position {
                influence: influence?,
                skepticism: skepticism?,
            }))
        }
        Kind::Reading => opt_axis(ctx, obj, here, f.key).map(Val::Reading),
        Kind::TokenList(set) => token_list(ctx, obj, here, f.key, set).map(Val::Tokens),
        Kind::Tags => tags(ctx, obj, here, f.key).map(|t| Val::Tags(Cow::Owned(t))),
        Kind::Days => cadence(ctx, obj, here, f.key).map(Val::Days),
        Kind::Target => target(ctx, obj, here, f.key).map(Val::Target),
        Kind::Date { required } => date_field(ctx, obj, here, f.key, required).map(Val::Date),
        Kind::Token { set, required } => {
            token(ctx, obj, here, f.key, required, set).map(Val::Token)
        }
        Kind::Amount => amount(ctx, obj, here, f.key).map(Val::Amount),
        Kind::EvidenceRef => {
            let path = here.key(f.key);
            textual(ctx, obj, &path, f.key, A_UUID, parse_uuid).map(|r| Val::Ref(r.map(EvidenceId)))
        }
    }
}

/// An optional number: `Some(None)` when absent or null. A number written as text ("72") is
/// read as that number and the repair noted.
pub(super) fn amount(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
) -> Option<Option<Amount>> {
    let path = here.key(key);
    match obj.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(v @ Value::Number(_)) => match v.as_f64().and_then(Amount::new) {
            Some(a) => Some(Some(a)),
            None => {
                ctx.fail(path, format!("{} is too large a number", shown(v)));
                None
            }
        },
        Some(v @ Value::String(text)) => match Amount::parse(text) {
            Some(a) => {
                ctx.repair(
                    path,
                    format!("was the text {}; read as the number {}", shown(v), a.show()),
                );
                Some(Some(a))
            }
            None if text.trim().is_empty() => Some(None),
            None => {
                ctx.fail(path, format!("{} is not a number", shown(v)));
                None
            }
        },
        Some(other) => {
            ctx.fail(path, format!("expected a number, found {}", shown(other)));
            None
        }
    }
}

/// A record's fields as its table lists them, every problem recorded before giving up.
pub(super) fn record_fields<R: Fields>(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
) -> Option<R> {
    let values: Vec<Option<Val<'static>>> = R::FIELDS
        .iter()
        .map(|f| field_value(ctx, obj, here, f))
        .collect();
    let mut record = R::blank();
    for (f, value) in R::FIELDS.iter().zip(values) {
        (f.set)(&mut record, value?);
    }
    Some(record)
}

/// An optional `{influence, skepticism}` object: `Some(None)` when absent or null.
pub(super) fn target(
    ctx: &mut Ctx,
    obj: &Map<String, Value>,
    here: &At,
    key: &str,
) -> Option<Option<Position>> {
    let path = here.key(key);
    match obj.get(key) {
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
                path,
                format!(
                    "expected {{\"influence\": …, \"skepticism\": …}} or null, found {}",
                    shown(other)
                ),
            );
            None
        }
    }
}
