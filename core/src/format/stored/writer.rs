//! Writing: plans a save of only the parts that changed since the last write, and remembers
//! what each part then holds.

use super::layout::{bucket_count, buckets_of, BucketCopy, Slot, StoredRecord};
use super::pack::squeeze_json;
use super::{Serial, HISTORY_CHUNK, LAYOUT};
use crate::format::write::{
    evidence_out, history_out, relationship_out, snapshot_out, EnvelopeHead,
};
use crate::model::{
    Evidence, HistoryPoint, Relationship, Snapshot, StakeMap, StakeholderId, Timestamp,
};
use serde::Serialize;
use std::collections::HashMap;

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
    Evidence(Vec<Evidence>),
    Relationships(Vec<Relationship>),
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
    evidence: Option<Vec<Evidence>>,
    relationships: Option<Vec<Relationship>>,
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
        if map.evidence().len() > 0 {
            let kept = self.slots.get(&Slot::Evidence).filter(|_| {
                self.evidence
                    .as_deref()
                    .is_some_and(|old| old.iter().eq(map.evidence()))
            });
            match kept {
                Some(old) => {
                    slots.insert(Slot::Evidence, *old);
                }
                None => {
                    let list: Vec<_> = map.evidence().map(evidence_out).collect();
                    let copy = PartCopy::Evidence(map.evidence().cloned().collect());
                    put(Slot::Evidence, squeeze_json(&list), copy, &mut slots);
                }
            }
        }
        if map.relationships().len() > 0 {
            let kept = self.slots.get(&Slot::Relationships).filter(|_| {
                self.relationships
                    .as_deref()
                    .is_some_and(|old| old.iter().eq(map.relationships()))
            });
            match kept {
                Some(old) => {
                    slots.insert(Slot::Relationships, *old);
                }
                None => {
                    let list: Vec<_> = map.relationships().map(relationship_out).collect();
                    let copy = PartCopy::Relationships(map.relationships().cloned().collect());
                    put(Slot::Relationships, squeeze_json(&list), copy, &mut slots);
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
            evidence: serial(Slot::Evidence),
            relationships: serial(Slot::Relationships),
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
        if !write.slots.contains_key(&Slot::Evidence) {
            self.evidence = None;
        }
        if !write.slots.contains_key(&Slot::Relationships) {
            self.relationships = None;
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
                (_, PartCopy::Evidence(list)) => self.evidence = Some(list),
                (_, PartCopy::Relationships(list)) => self.relationships = Some(list),
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

impl PartWriter {
    /// A writer for a head that is a whole file (as older versions stored maps): it knows no
    /// parts, so the next save writes every part.
    pub(super) fn for_whole_file(head: &str) -> Self {
        Self {
            head_chars: head.chars().count(),
            ..Self::default()
        }
    }

    /// Forgets what the parts hold, keeping which parts there are: the next plan writes every
    /// part anew and removes the old ones.
    pub(super) fn forget_contents(&mut self) {
        self.order = None;
        self.copies.clear();
        self.history.clear();
        self.snapshots = None;
        self.evidence = None;
        self.relationships = None;
    }

    /// A writer that knows storage holds `map` in the parts `record` names (sizes in
    /// characters), so an edit rewrites only its own parts.
    pub(super) fn remembering(
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
        if let Some(serial) = record.evidence {
            slots.insert(Slot::Evidence, (serial, size(&serial)));
        }
        if let Some(serial) = record.relationships {
            slots.insert(Slot::Relationships, (serial, size(&serial)));
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
            evidence: record.evidence.map(|_| map.evidence().cloned().collect()),
            relationships: record
                .relationships
                .map(|_| map.relationships().cloned().collect()),
            next: record.next,
            head_chars: head.chars().count(),
        }
    }
}
