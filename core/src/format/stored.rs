//! The form a map takes in browser storage: the file format, cut into parts that can be written
//! one at a time and packed small.
//!
//! - The **head** is the file envelope without its lists (`map`, version, source), plus a
//!   `stored` record: the layout version and the serial number of every part. It is small
//!   plain JSON, written last on every save.
//! - The **order** part lists the stakeholders' ids in the map's order; it changes only when
//!   people are added, removed or reordered.
//! - Each **bucket** holds the stakeholders whose id falls in it, with their actions and
//!   contacts, as the same records a file holds. The position **history** is cut into chunks
//!   of [`HISTORY_CHUNK`] points in their order, so a new point rewrites only the last chunk.
//!   The **snapshots** are one more part.
//! - Parts are packed: the JSON is LZ4-compressed and the bytes spread 15 bits to a character
//!   (`U+0100`–`U+80FF`, no surrogates), which browsers store as they are.
//!
//! A changed part is written under a new serial number and the old one removed only after the
//! head naming the new one is written, so a save cut short (storage full, browser closed)
//! leaves the last complete map readable. An edit to one stakeholder writes the head and one
//! or two parts: [`PartWriter`] remembers what each part held when it was last written and
//! plans only the parts that differ. Reading puts the parts back together as a file and hands
//! it to [`read_json`](super::read_json), so stored maps and imported files pass the same
//! checks, repairs and migrations: a map only slightly outside today's rules opens repaired
//! ([`read_stored_map`] says what changed) instead of being set aside. What a head names and
//! what its parts unpack to are capped ([`MAX_HISTORY_PARTS`], [`MAX_STORED_BYTES`], and the
//! file's value limits over all parts together), checked before anything that large is built.

use super::error::grouped;
use super::scan::Budget;
use super::write::EnvelopeHead;
use super::write::{action_out, history_out, snapshot_out, stakeholder_out, touchpoint_out};
use super::{ImportError, CURRENT_VERSION};
use crate::model::MAX_HISTORY_POINTS;
use crate::model::{Action, HistoryPoint, Snapshot, StakeMap, Stakeholder, StakeholderId};
use crate::model::{Timestamp, Touchpoint};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// The newest storage layout this build reads and the one it writes.
pub const LAYOUT: u32 = 1;
/// Stakeholders per bucket the layout aims for: small enough that one edit writes little.
const PER_BUCKET: usize = 32;
/// The most buckets a map is cut into.
const MAX_BUCKETS: u32 = 256;
/// The most bytes all of one map's parts may unpack to together, checked as each part is
/// unpacked and before it is: as much as the largest file an import accepts. A 5,000-person
/// map unpacks to about 15 MB; a damaged or hostile length claiming more is refused before
/// anything that size is made.
pub const MAX_STORED_BYTES: usize = super::MAX_FILE_BYTES as usize;
/// Packed text claiming more than this is refused before unpacking (a damaged length).
const MAX_UNPACKED: usize = MAX_STORED_BYTES;

/// Points of history per stored chunk.
pub const HISTORY_CHUNK: usize = 256;
/// The most history parts a head may name: enough for the longest history a map keeps.
pub const MAX_HISTORY_PARTS: usize = MAX_HISTORY_POINTS.div_ceil(HISTORY_CHUNK);

/// The serial number a stored part is kept under (the adapter turns it into a key).
pub type Serial = u64;

/// What a part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Slot {
    Order,
    Bucket(u32),
    History(u32),
    Snapshots,
}

/// Why a stored map could not be put back together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredError {
    /// A part is missing or damaged.
    Damaged(String),
    /// Written by a newer Stakemap with a layout this build does not know.
    Newer(u32),
    /// The parts fit together but the map fails the file checks.
    Invalid(String),
}

impl StoredError {
    /// A sentence for the user.
    pub fn headline(&self) -> String {
        match self {
            StoredError::Damaged(why) => format!("part of it is damaged ({why})."),
            StoredError::Newer(layout) => format!(
                "it was saved by a newer version of Stakemap (storage layout {layout}; this \
                 version reads up to {LAYOUT})."
            ),
            StoredError::Invalid(why) => why.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct StoredRecord {
    layout: u32,
    /// The serial after the highest in use, where the next save starts numbering.
    next: Serial,
    /// The part holding the stakeholders' order (their ids as the map lists them).
    order: Serial,
    /// The part of each bucket.
    buckets: Vec<Serial>,
    /// The parts of the history, in order.
    history: Vec<Serial>,
    snapshots: Option<Serial>,
}

/// How many buckets `count` stakeholders are spread over, keeping `current` while it still
/// suits, so adding and removing one person near a boundary does not rewrite everything.
pub fn bucket_count(count: usize, current: Option<u32>) -> u32 {
    if let Some(current) = current.filter(|c| c.is_power_of_two() && *c <= MAX_BUCKETS) {
        let per = count / current as usize;
        let too_few = current > 1 && per < PER_BUCKET / 4;
        let too_many = current < MAX_BUCKETS && per > PER_BUCKET * 2;
        if !too_few && !too_many {
            return current;
        }
    }
    let wanted = count.div_ceil(PER_BUCKET).max(1);
    let wanted = u32::try_from(wanted).unwrap_or(MAX_BUCKETS);
    wanted.next_power_of_two().min(MAX_BUCKETS)
}

/// The bucket a stakeholder's records go in.
pub fn bucket_of(id: StakeholderId, buckets: u32) -> u32 {
    let bytes = id.0.as_bytes();
    u32::from(u16::from_be_bytes([bytes[14], bytes[15]])) % buckets.max(1)
}

/// Packs bytes into text, 15 bits to a character, after a two-character length.
pub fn pack(bytes: &[u8]) -> String {
    let len = bytes.len() as u32;
    let mut out = String::with_capacity(bytes.len() / 15 * 8 * 3 + 8);
    let mut push = |v: u32| out.push(char::from_u32(0x100 + (v & 0x7FFF)).unwrap_or('\u{100}'));
    push(len >> 15);
    push(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(acc >> bits);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push(acc << (15 - bits));
    }
    out
}

/// The bytes [`pack`] packed, or `None` when the text is not packed data.
pub fn unpack(text: &str) -> Option<Vec<u8>> {
    let mut chars = text.chars().map(|c| {
        let v = u32::from(c);
        (0x100..=0x80FF).contains(&v).then(|| v - 0x100)
    });
    let high = chars.next()??;
    let low = chars.next()??;
    let len = usize::try_from((high << 15) | low).ok()?;
    if len > MAX_UNPACKED || len > text.len() * 2 {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in chars {
        acc = (acc << 15) | v?;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    (out.len() == len).then_some(out)
}

fn squeeze(json: &[u8]) -> String {
    pack(&lz4_flex::block::compress_prepend_size(json))
}

/// Why a part could not be unpacked.
#[derive(Debug)]
enum Unpack {
    /// Not packed data, or its length does not add up.
    Damaged,
    /// It would unpack to more than the room left (see [`MAX_STORED_BYTES`]).
    TooLarge,
}

/// Unpacks one part, refusing before decompressing when its claimed size exceeds `room`.
fn unsqueeze(text: &str, room: usize) -> Result<Vec<u8>, Unpack> {
    let bytes = unpack(text).ok_or(Unpack::Damaged)?;
    let (size, body) = bytes.split_first_chunk::<4>().ok_or(Unpack::Damaged)?;
    let size = usize::try_from(u32::from_le_bytes(*size)).map_err(|_| Unpack::Damaged)?;
    // LZ4 cannot expand data more than 255 times; a larger claim is damage, not data.
    if size > body.len().saturating_mul(255) + 16 {
        return Err(Unpack::Damaged);
    }
    if size > room.min(MAX_UNPACKED) {
        return Err(Unpack::TooLarge);
    }
    lz4_flex::block::decompress(body, size).map_err(|_| Unpack::Damaged)
}

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

/// The records of one bucket, borrowed from the map.
#[derive(Default)]
struct BucketRefs<'a> {
    stakeholders: Vec<&'a Stakeholder>,
    actions: Vec<&'a Action>,
    touchpoints: Vec<&'a Touchpoint>,
}

/// The records of one bucket as last written.
#[derive(Clone, Debug, Default, PartialEq)]
struct BucketCopy {
    stakeholders: Vec<Stakeholder>,
    actions: Vec<Action>,
    touchpoints: Vec<Touchpoint>,
}

fn same<T: PartialEq>(now: &[&T], then: &[T]) -> bool {
    now.len() == then.len() && now.iter().zip(then).all(|(a, b)| *a == b)
}

impl BucketRefs<'_> {
    fn same_as(&self, copy: &BucketCopy) -> bool {
        same(&self.stakeholders, &copy.stakeholders)
            && same(&self.actions, &copy.actions)
            && same(&self.touchpoints, &copy.touchpoints)
    }

    fn copy(&self) -> BucketCopy {
        BucketCopy {
            stakeholders: self.stakeholders.iter().map(|s| (*s).clone()).collect(),
            actions: self.actions.iter().map(|a| (*a).clone()).collect(),
            touchpoints: self.touchpoints.iter().map(|t| (*t).clone()).collect(),
        }
    }

    fn encode(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            stakeholders: Vec<super::write::StakeholderOut<'a>>,
            actions: Vec<super::write::ActionOut<'a>>,
            touchpoints: Vec<super::write::TouchpointOut<'a>>,
        }
        squeeze_json(&Out {
            stakeholders: self
                .stakeholders
                .iter()
                .map(|s| stakeholder_out(s))
                .collect(),
            actions: self.actions.iter().map(|a| action_out(a)).collect(),
            touchpoints: self.touchpoints.iter().map(|t| touchpoint_out(t)).collect(),
        })
    }
}

fn squeeze_json(value: &impl Serialize) -> String {
    // Serialising plain strings and numbers cannot fail.
    squeeze(&serde_json::to_vec(value).unwrap_or_default())
}

fn buckets_of(map: &StakeMap, buckets: u32) -> Vec<BucketRefs<'_>> {
    let mut out: Vec<BucketRefs<'_>> = (0..buckets).map(|_| BucketRefs::default()).collect();
    let slot = |id: StakeholderId| bucket_of(id, buckets) as usize;
    for s in map.stakeholders() {
        out[slot(s.id)].stakeholders.push(s);
    }
    for a in map.actions() {
        out[slot(a.stakeholder)].actions.push(a);
    }
    for t in map.touchpoints() {
        out[slot(t.stakeholder)].touchpoints.push(t);
    }
    out
}

/// What one save writes: new parts under fresh serials, then the head; afterwards the parts
/// they replace are removed.
#[derive(Debug)]
pub struct PlannedWrite {
    /// The head, written after the parts.
    pub head: String,
    /// Parts to write, under new serials.
    pub parts: Vec<(Serial, String)>,
    /// Parts replaced or no longer used, to remove once the head is written.
    pub removed: Vec<Serial>,
    slots: HashMap<Slot, (Serial, usize)>,
    buckets: u32,
    next: Serial,
    copies: Vec<(Slot, PartCopy)>,
}

impl PlannedWrite {
    /// Characters the map takes in storage once this write is done (keys not counted).
    pub fn stored_chars(&self) -> usize {
        self.head.chars().count() + self.slots.values().map(|(_, n)| n).sum::<usize>()
    }

    /// How many parts the map has once this write is done.
    pub fn part_count(&self) -> usize {
        self.slots.len()
    }
}

#[derive(Debug)]
enum PartCopy {
    Order(Vec<StakeholderId>),
    Bucket(BucketCopy),
    History(Vec<HistoryPoint>),
    Snapshots(Vec<Snapshot>),
}

/// Remembers what each part of one stored map held when it was last written or read, so that
/// a save writes only the parts that changed.
#[derive(Debug, Default)]
pub struct PartWriter {
    order: Option<Vec<StakeholderId>>,
    buckets: Option<u32>,
    slots: HashMap<Slot, (Serial, usize)>,
    copies: HashMap<u32, BucketCopy>,
    history: Vec<Vec<HistoryPoint>>,
    snapshots: Option<Vec<Snapshot>>,
    next: Serial,
    head_chars: usize,
}

impl PartWriter {
    /// Plans writing `map` at time `at`: every part whose content differs from the last write.
    /// New parts are numbered from the clock (see [`PartWriter::plan_from`]).
    pub fn plan(&self, map: &StakeMap, at: Timestamp) -> PlannedWrite {
        let start = self.next.max(u64::try_from(at.unix_millis()).unwrap_or(0));
        self.plan_from(map, at, start)
    }

    /// Plans writing `map` at time `at`, numbering new parts from `start` (skipping serials in
    /// use). The storage backend passes a random `start`, so two tabs saving the same map at
    /// the same moment never write a part under the same serial.
    pub fn plan_from(&self, map: &StakeMap, at: Timestamp, start: Serial) -> PlannedWrite {
        let buckets = bucket_count(map.len(), self.buckets);
        let regrouped = self.buckets != Some(buckets);
        let taken: std::collections::HashSet<Serial> =
            self.slots.values().map(|(s, _)| *s).collect();
        let mut next = start;
        let mut slots = HashMap::new();
        let mut parts = Vec::new();
        let mut copies = Vec::new();
        let mut put = |slot: Slot, text: String, copy: PartCopy, slots: &mut HashMap<_, _>| {
            while taken.contains(&next) {
                next = next.wrapping_add(1);
            }
            slots.insert(slot, (next, text.chars().count()));
            parts.push((next, text));
            copies.push((slot, copy));
            next = next.wrapping_add(1);
        };
        let same_order = self.order.as_ref().is_some_and(|o| {
            o.len() == map.len() && o.iter().copied().eq(map.stakeholders().map(|s| s.id))
        });
        match self.slots.get(&Slot::Order).filter(|_| same_order) {
            Some(old) => {
                slots.insert(Slot::Order, *old);
            }
            None => {
                let order: Vec<StakeholderId> = map.stakeholders().map(|s| s.id).collect();
                put(
                    Slot::Order,
                    squeeze_json(&order),
                    PartCopy::Order(order),
                    &mut slots,
                );
            }
        }
        for (n, refs) in buckets_of(map, buckets).into_iter().enumerate() {
            let slot = Slot::Bucket(n as u32);
            let kept = self.slots.get(&slot).filter(|_| {
                !regrouped
                    && self
                        .copies
                        .get(&(n as u32))
                        .is_some_and(|c| refs.same_as(c))
            });
            match kept {
                Some(old) => {
                    slots.insert(slot, *old);
                }
                None => put(
                    slot,
                    refs.encode(),
                    PartCopy::Bucket(refs.copy()),
                    &mut slots,
                ),
            }
        }
        for (k, chunk) in map.history().chunks(HISTORY_CHUNK).enumerate() {
            let slot = Slot::History(k as u32);
            let kept = self
                .slots
                .get(&slot)
                .filter(|_| self.history.get(k).is_some_and(|c| c.as_slice() == chunk));
            match kept {
                Some(old) => {
                    slots.insert(slot, *old);
                }
                None => {
                    let list: Vec<_> = chunk.iter().map(history_out).collect();
                    let text = squeeze_json(&list);
                    put(slot, text, PartCopy::History(chunk.to_vec()), &mut slots);
                }
            }
        }
        if !map.snapshots().is_empty() {
            let kept = self
                .slots
                .get(&Slot::Snapshots)
                .filter(|_| self.snapshots.as_deref() == Some(map.snapshots()));
            match kept {
                Some(old) => {
                    slots.insert(Slot::Snapshots, *old);
                }
                None => {
                    let list: Vec<_> = map.snapshots().iter().map(snapshot_out).collect();
                    let copy = PartCopy::Snapshots(map.snapshots().to_vec());
                    put(Slot::Snapshots, squeeze_json(&list), copy, &mut slots);
                }
            }
        }
        let in_use: std::collections::HashSet<Serial> = slots.values().map(|(s, _)| *s).collect();
        let mut removed: Vec<Serial> = self
            .slots
            .values()
            .map(|(s, _)| *s)
            .filter(|s| !in_use.contains(s))
            .collect();
        removed.sort_unstable();
        let serial = |slot: Slot| slots.get(&slot).map(|(s, _)| *s);
        let record = StoredRecord {
            layout: LAYOUT,
            next,
            order: serial(Slot::Order).unwrap_or_default(),
            buckets: (0..buckets)
                .filter_map(|n| serial(Slot::Bucket(n)))
                .collect(),
            history: (0..).map_while(|k| serial(Slot::History(k))).collect(),
            snapshots: serial(Slot::Snapshots),
        };
        PlannedWrite {
            head: head_text(map, at, record),
            parts,
            removed,
            slots,
            buckets,
            next,
            copies,
        }
    }

    /// Records that `write` reached storage.
    pub fn written(&mut self, write: PlannedWrite) {
        if self.buckets != Some(write.buckets) {
            self.copies.clear();
        }
        self.buckets = Some(write.buckets);
        self.next = write.next;
        self.head_chars = write.head.chars().count();
        let history_chunks = write
            .slots
            .keys()
            .filter(|s| matches!(s, Slot::History(_)))
            .count();
        self.history.truncate(history_chunks);
        if !write.slots.contains_key(&Slot::Snapshots) {
            self.snapshots = None;
        }
        self.slots = write.slots;
        for (slot, copy) in write.copies {
            match (slot, copy) {
                (Slot::Bucket(n), PartCopy::Bucket(c)) => {
                    self.copies.insert(n, c);
                }
                (Slot::History(k), PartCopy::History(points)) => {
                    let k = k as usize;
                    if self.history.len() <= k {
                        self.history.resize(k + 1, Vec::new());
                    }
                    self.history[k] = points;
                }
                (_, PartCopy::Snapshots(list)) => self.snapshots = Some(list),
                (_, PartCopy::Order(order)) => self.order = Some(order),
                _ => {}
            }
        }
    }

    /// Characters the map took in storage at its last write (keys not counted).
    pub fn stored_chars(&self) -> usize {
        self.head_chars + self.slots.values().map(|(_, n)| n).sum::<usize>()
    }

    /// The serials of the parts the map has in storage.
    pub fn parts(&self) -> Vec<Serial> {
        let mut parts: Vec<Serial> = self.slots.values().map(|(s, _)| *s).collect();
        parts.sort_unstable();
        parts
    }
}

fn head_text(map: &StakeMap, at: Timestamp, stored: StoredRecord) -> String {
    let head = HeadOut {
        file: EnvelopeHead::of(map, at),
        stored,
    };
    serde_json::to_string(&head).unwrap_or_default()
}

#[derive(Serialize)]
struct HeadOut<'a> {
    #[serde(flatten)]
    file: EnvelopeHead<'a>,
    stored: StoredRecord,
}

const LISTS: [&str; 5] = [
    "stakeholders",
    "actions",
    "touchpoints",
    "history",
    "snapshots",
];

/// Merges per-bucket lists into one, keeping each bucket's order (so each person's records keep
/// theirs) and taking the earliest `key` first across buckets.
fn merge_by(lists: Vec<Vec<Value>>, key: &str) -> Vec<Value> {
    let mut lists: Vec<std::collections::VecDeque<Value>> =
        lists.into_iter().map(Into::into).collect();
    let total = lists.iter().map(|l| l.len()).sum();
    let mut out = Vec::with_capacity(total);
    let stamp = |v: &Value| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut heads: Vec<Option<String>> = lists.iter().map(|l| l.front().and_then(stamp)).collect();
    while out.len() < total {
        let Some(i) = (0..lists.len())
            .filter(|i| !lists[*i].is_empty())
            .min_by(|a, b| heads[*a].cmp(&heads[*b]))
        else {
            break;
        };
        if let Some(v) = lists[i].pop_front() {
            out.push(v);
        }
        heads[i] = lists[i].front().and_then(stamp);
    }
    out
}

/// Puts a parted map back together as a file (a JSON value for [`read_value`](super::read_value)).
/// `part` reads one part's stored text by serial.
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
    let filled = [
        stakeholders,
        merge_by(actions, "created_at"),
        merge_by(touchpoints, "created_at"),
        history,
        snapshots,
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
    /// shortened to 120."), as [`super::Read::repairs`]; empty when nothing was.
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
    let mut room = Room::default();
    room.shape
        .take(head.as_bytes())
        .map_err(|e| too_complex("its head", &e))?;
    let value: Value = serde_json::from_str(head)
        .map_err(|e| StoredError::Invalid(format!("it is not valid JSON ({e}).")))?;
    if value.get("stored").is_none() {
        // A whole file: the next save writes every part.
        let read = super::read_json(value, now).map_err(|e| invalid(&e))?;
        let writer = PartWriter {
            head_chars: head.chars().count(),
            ..PartWriter::default()
        };
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
    let read = super::read_json(value, now).map_err(|e| invalid(&e))?;
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

impl PartWriter {
    /// Forgets what the parts hold, keeping which parts there are: the next plan writes every
    /// part anew and removes the old ones.
    fn forget_contents(&mut self) {
        self.order = None;
        self.copies.clear();
        self.history.clear();
        self.snapshots = None;
    }

    /// A writer that knows storage holds `map` in the parts `record` names (sizes in
    /// characters), so an edit rewrites only its own parts.
    fn remembering(
        map: &StakeMap,
        record: &StoredRecord,
        sizes: &HashMap<Serial, usize>,
        head: &str,
    ) -> Self {
        let size = |s: &Serial| sizes.get(s).copied().unwrap_or(0);
        let buckets = u32::try_from(record.buckets.len()).unwrap_or(1);
        let mut slots = HashMap::new();
        slots.insert(Slot::Order, (record.order, size(&record.order)));
        for (n, serial) in record.buckets.iter().enumerate() {
            slots.insert(Slot::Bucket(n as u32), (*serial, size(serial)));
        }
        for (k, serial) in record.history.iter().enumerate() {
            slots.insert(Slot::History(k as u32), (*serial, size(serial)));
        }
        if let Some(serial) = record.snapshots {
            slots.insert(Slot::Snapshots, (serial, size(&serial)));
        }
        Self {
            order: Some(map.stakeholder_ids()),
            buckets: Some(buckets),
            slots,
            copies: (0..buckets)
                .zip(buckets_of(map, buckets))
                .map(|(n, refs)| (n, refs.copy()))
                .collect(),
            history: map
                .history()
                .chunks(HISTORY_CHUNK)
                .map(<[_]>::to_vec)
                .collect(),
            snapshots: record.snapshots.map(|_| map.snapshots().to_vec()),
            next: record.next,
            head_chars: head.chars().count(),
        }
    }
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
    let mut room = Room::default();
    room.shape
        .take(head.as_bytes())
        .map_err(|e| too_complex("its head", &e))?;
    let value: Value = serde_json::from_str(head)
        .map_err(|e| StoredError::Invalid(format!("it is not valid JSON ({e}).")))?;
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
