//! Reading: puts a stored map's parts back together as a file and reads it as an import is
//! read, within the limits of one file.

use super::layout::StoredRecord;
use super::pack::{unsqueeze, Unpack};
use super::writer::PartWriter;
use super::{Serial, StoredError, LAYOUT, MAX_BUCKETS, MAX_HISTORY_PARTS, MAX_STORED_BYTES};
use crate::format::error::grouped;
use crate::format::scan::Budget;
use crate::format::{ImportError, CURRENT_VERSION};
use crate::model::{StakeMap, Timestamp};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// What one reading of a stored map may still unpack and parse: bytes, then values and records
/// (shared by the head and every part, so many parts cannot add up to more than one file may
/// hold).
struct Room {
    bytes: usize,
    shape: Budget,
}

impl Default for Room {
    fn default() -> Self {
        Self {
            bytes: MAX_STORED_BYTES,
            shape: Budget::default(),
        }
    }
}

/// Words for a part (or head) whose shape is beyond what a map needs.
fn too_complex(what: &str, error: &ImportError) -> StoredError {
    let why = match error {
        ImportError::TooManyValues { limit } => {
            format!("holds more than {} values", grouped(*limit))
        }
        ImportError::TooManyRecords { limit } => {
            format!("holds more than {} records", grouped(*limit))
        }
        ImportError::TooDeep { limit } => format!("nests more than {limit} levels deep"),
        other => other.headline(),
    };
    StoredError::Damaged(format!("{what} {why}, far more than any map needs"))
}

/// Parses a stored head, counted against the room of the reading it starts.
fn read_head(head: &str) -> Result<(Value, Room), StoredError> {
    let mut room = Room::default();
    room.shape
        .take(head.as_bytes())
        .map_err(|e| too_complex("its head", &e))?;
    let value: Value = serde_json::from_str(head)
        .map_err(|e| StoredError::Invalid(format!("it is not valid JSON ({e}).")))?;
    Ok((value, room))
}

/// A map that fails the file checks, in words: the headline and its first few problems.
fn invalid(error: &ImportError) -> StoredError {
    let mut words = error.headline();
    let details = error.details();
    if !details.is_empty() {
        words.push(' ');
        words.push_str(
            &details
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; "),
        );
        if details.len() > 3 {
            words.push_str("; …");
        }
    }
    StoredError::Invalid(words)
}

const LISTS: [&str; 7] = [
    "stakeholders",
    "actions",
    "touchpoints",
    "history",
    "snapshots",
    "evidence",
    "relationships",
];

/// Merges per-bucket lists into one, keeping each bucket's order (so each person's records keep
/// theirs) and taking the earliest `key` first across buckets.
fn merge_by(lists: Vec<Vec<Value>>, key: &str) -> Vec<Value> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut lists: Vec<std::vec::IntoIter<Value>> = lists.into_iter().map(Vec::into_iter).collect();
    let total = lists.iter().map(|l| l.len()).sum();
    let mut out = Vec::with_capacity(total);
    let stamp = |v: &Value| v.get(key).and_then(Value::as_str).map(str::to_owned);
    // Each bucket's next record, earliest first (the lower bucket first among equals): a k-way
    // merge in time linear in the records and logarithmic in the buckets.
    let mut heads: BinaryHeap<Reverse<(Option<String>, usize)>> = BinaryHeap::new();
    let mut next: Vec<Option<Value>> = Vec::with_capacity(lists.len());
    for (i, list) in lists.iter_mut().enumerate() {
        let v = list.next();
        if let Some(v) = &v {
            heads.push(Reverse((stamp(v), i)));
        }
        next.push(v);
    }
    while let Some(Reverse((_, i))) = heads.pop() {
        let (Some(slot), Some(list)) = (next.get_mut(i), lists.get_mut(i)) else {
            break;
        };
        if let Some(v) = slot.take() {
            out.push(v);
        }
        if let Some(v) = list.next() {
            heads.push(Reverse((stamp(&v), i)));
            *slot = Some(v);
        }
    }
    out
}

/// Puts a parted map back together as a file (a JSON value for
/// [`read_value`](crate::format::read_value)). `part` reads one part's stored text by serial.
///
/// Every count a head names is checked before a part is read: at most [`MAX_BUCKETS`] buckets
/// and [`MAX_HISTORY_PARTS`] history parts. Each part is checked as it is read: its unpacked
/// size against what is left of [`MAX_STORED_BYTES`] before it is unpacked, and its values
/// against what is left of the file limits before it is parsed.
fn assemble(
    mut head: Value,
    part: impl Fn(Serial) -> Option<String>,
    room: &mut Room,
) -> Result<(Value, StoredRecord), StoredError> {
    let obj = head
        .as_object_mut()
        .ok_or_else(|| StoredError::Damaged("the head is not an object".into()))?;
    let stored = obj.remove("stored").unwrap_or(Value::Null);
    if let Some(layout) = stored.get("layout").and_then(Value::as_u64) {
        if layout > u64::from(LAYOUT) {
            return Err(StoredError::Newer(
                u32::try_from(layout).unwrap_or(u32::MAX),
            ));
        }
    }
    let stored: StoredRecord = serde_json::from_value(stored)
        .map_err(|e| StoredError::Damaged(format!("its table of parts: {e}")))?;
    if stored.buckets.is_empty() || stored.buckets.len() > MAX_BUCKETS as usize {
        return Err(StoredError::Damaged(format!(
            "it claims {} buckets",
            stored.buckets.len()
        )));
    }
    if stored.history.len() > MAX_HISTORY_PARTS {
        return Err(StoredError::Damaged(format!(
            "it claims {} parts of history; a map has at most {MAX_HISTORY_PARTS}",
            grouped(stored.history.len())
        )));
    }
    let mut read = |serial: Serial, what: &str| -> Result<Value, StoredError> {
        let text =
            part(serial).ok_or_else(|| StoredError::Damaged(format!("{what} is missing")))?;
        let bytes = unsqueeze(&text, room.bytes).map_err(|why| match why {
            Unpack::Damaged => StoredError::Damaged(format!("{what} is damaged")),
            Unpack::TooLarge => StoredError::Damaged(format!(
                "its parts unpack to more than {} MB, far more than any map takes",
                MAX_STORED_BYTES / (1024 * 1024)
            )),
        })?;
        room.bytes -= bytes.len().min(room.bytes);
        room.shape.take(&bytes).map_err(|e| too_complex(what, &e))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| StoredError::Damaged(format!("{what} is not valid JSON: {e}")))
    };
    let mut stakeholders = Vec::new();
    let (mut actions, mut touchpoints) = (Vec::new(), Vec::new());
    for (n, serial) in stored.buckets.iter().enumerate() {
        let mut value = read(*serial, &format!("bucket {}", n + 1))?;
        let mut take = |key: &str| match value.get_mut(key).map(Value::take) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        stakeholders.extend(take("stakeholders"));
        actions.push(take("actions"));
        touchpoints.push(take("touchpoints"));
    }
    // Back into the map's order (anyone unlisted last).
    let order = read(stored.order, "the order of stakeholders")?;
    let rank: HashMap<&str, usize> = order
        .as_array()
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .enumerate()
                .map(|(i, id)| (id, i))
                .collect()
        })
        .unwrap_or_default();
    stakeholders.sort_by_cached_key(|s| {
        s.get("id")
            .and_then(Value::as_str)
            .and_then(|id| rank.get(id).copied())
            .unwrap_or(usize::MAX)
    });
    let mut history = Vec::new();
    for (k, serial) in stored.history.iter().enumerate() {
        match read(*serial, &format!("history part {}", k + 1))? {
            Value::Array(points) => history.extend(points),
            _ => return Err(StoredError::Damaged("the history is not a list".into())),
        }
    }
    let snapshots = match stored.snapshots {
        None => Vec::new(),
        Some(serial) => match read(serial, "the snapshots part")? {
            Value::Array(list) => list,
            _ => return Err(StoredError::Damaged("the snapshots are not a list".into())),
        },
    };
    let evidence = match stored.evidence {
        None => Vec::new(),
        Some(serial) => match read(serial, "the evidence part")? {
            Value::Array(list) => list,
            _ => return Err(StoredError::Damaged("the evidence is not a list".into())),
        },
    };
    let relationships = match stored.relationships {
        None => Vec::new(),
        Some(serial) => match read(serial, "the relationships part")? {
            Value::Array(list) => list,
            _ => {
                return Err(StoredError::Damaged(
                    "the relationships are not a list".into(),
                ))
            }
        },
    };
    let filled = [
        stakeholders,
        merge_by(actions, "created_at"),
        merge_by(touchpoints, "created_at"),
        history,
        snapshots,
        evidence,
        relationships,
    ];
    for (key, list) in LISTS.into_iter().zip(filled) {
        obj.insert(key.to_owned(), Value::Array(list));
    }
    Ok((head, stored))
}

/// A stored map as read.
#[derive(Debug)]
pub struct StoredRead {
    /// The map, repaired where it was only slightly outside today's rules.
    pub map: StakeMap,
    /// Knows what storage holds, so the next save writes only what changes. After repairs it
    /// knows storage holds the unrepaired map, so the next save rewrites every part.
    pub writer: PartWriter,
    /// What the reader repaired, as sentences for the user ("Map name was 131 characters;
    /// shortened to 120."), as [`Read::repairs`](crate::format::Read::repairs); empty when
    /// nothing was.
    pub repairs: Vec<String>,
}

/// Reads a stored map: a parted head with its parts, or a whole file (as older versions stored
/// maps), and says what was repaired. A map only slightly outside today's rules (a name
/// longer than allowed, a reading off the map) is repaired and opens; only what cannot be
/// read is refused.
pub fn read_stored_map(
    head: &str,
    part: impl Fn(Serial) -> Option<String>,
    now: Timestamp,
) -> Result<StoredRead, StoredError> {
    let (value, mut room) = read_head(head)?;
    if value.get("stored").is_none() {
        // A whole file: the next save writes every part.
        let read = crate::format::read_json(value, now).map_err(|e| invalid(&e))?;
        let writer = PartWriter::for_whole_file(head);
        return Ok(StoredRead {
            map: read.map,
            writer,
            repairs: read.repairs,
        });
    }
    let sizes = std::cell::RefCell::new(HashMap::new());
    let (value, record) = assemble(
        value,
        |serial| {
            let text = part(serial)?;
            sizes.borrow_mut().insert(serial, text.chars().count());
            Some(text)
        },
        &mut room,
    )?;
    let read = crate::format::read_json(value, now).map_err(|e| invalid(&e))?;
    let mut writer = PartWriter::remembering(&read.map, &record, &sizes.into_inner(), head);
    if !read.repairs.is_empty() {
        // Storage holds the map as it was before the repairs: the next save writes it whole
        // (keeping the serials, so the parts it replaces are removed).
        writer.forget_contents();
    }
    Ok(StoredRead {
        map: read.map,
        writer,
        repairs: read.repairs,
    })
}

/// [`read_stored_map`] without the list of repairs (they are still applied): the map and a
/// writer that knows what storage now holds.
pub fn read_stored(
    head: &str,
    part: impl Fn(Serial) -> Option<String>,
    now: Timestamp,
) -> Result<(StakeMap, PartWriter), StoredError> {
    read_stored_map(head, part, now).map(|read| (read.map, read.writer))
}

/// The serials of every part a stored head names (`None` when it is a whole file or cannot be
/// read): the parts that must stay.
pub fn named_parts(head: &str) -> Option<Vec<Serial>> {
    #[derive(Deserialize)]
    struct Head {
        stored: StoredRecord,
    }
    let record = serde_json::from_str::<Head>(head).ok()?.stored;
    let mut named = vec![record.order];
    named.extend(record.buckets);
    named.extend(record.history);
    named.extend(record.snapshots);
    named.extend(record.evidence);
    named.extend(record.relationships);
    Some(named)
}

/// Whether a head names parts, read without building the rest of it.
#[derive(Deserialize)]
struct IgnoredHead {
    stored: Option<serde::de::IgnoredAny>,
}

/// A stored map as the text of a file (for downloading it when it cannot be opened, or after a
/// crash), without checking it: the parts put together, or the head itself when it is a whole
/// file.
pub fn file_text(
    head: &str,
    part: impl Fn(Serial) -> Option<String>,
) -> Result<String, StoredError> {
    if serde_json::from_str::<IgnoredHead>(head).is_ok_and(|h| h.stored.is_none()) {
        return Ok(head.to_owned());
    }
    let (value, mut room) = read_head(head)?;
    if value.get("stored").is_none() {
        return Ok(head.to_owned());
    }
    let (file, _) = assemble(value, part, &mut room)?;
    Ok(serde_json::to_string_pretty(&file).unwrap_or_default())
}

/// The format version a stored head says it is in (`None` when it says nothing readable).
fn stored_version(head: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    serde_json::from_str::<Version>(head).ok()?.version
}

/// True when a stored head is older than the file version this build writes.
pub fn is_older(head: &str) -> bool {
    stored_version(head).is_some_and(|v| v < CURRENT_VERSION)
}
