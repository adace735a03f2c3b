//! Where each kind of record lives in a map, so a patch handles every kind the same way.

use super::Record;
use crate::model::action::Action;
use crate::model::evidence::{Evidence, MAX_EVIDENCE};
use crate::model::fields::Fields as _;
use crate::model::history::Snapshot;
use crate::model::ids::{
    ActionId, EvidenceId, RelationshipId, SnapshotId, StakeholderId, TouchpointId,
};
use crate::model::map::StakeMap;
use crate::model::relationship::{Relationship, MAX_RELATIONSHIPS};
use crate::model::stakeholder::{lower_first, Stakeholder};
use crate::model::time::Timestamp;
use crate::model::touchpoint::Touchpoint;
use crate::model::workspace::OpError;
use crate::model::{MAX_ACTIONS, MAX_SNAPSHOTS, MAX_STAKEHOLDERS, MAX_TOUCHPOINTS};

/// Where a kind of record lives in a map, so a patch handles every kind the same way.
pub(super) trait InMap: Record<Key: std::fmt::Display> + 'static {
    /// The records of this kind in `m`, in their order.
    fn all(m: &StakeMap) -> impl Iterator<Item = &Self>;
    /// The record with this key.
    fn find(m: &StakeMap, key: Self::Key) -> Option<&Self>;
    /// The record with this key, to change.
    fn find_mut(m: &mut StakeMap, key: Self::Key) -> Option<&mut Self>;
    /// Takes the record out; true when it was there.
    fn take_out(m: &mut StakeMap, key: Self::Key) -> bool;
    /// Puts the record in at `index`; true when it went in.
    fn put_in(m: &mut StakeMap, index: usize, record: Self) -> bool;
    /// The people the record belongs to, for records that go with a person (a relationship
    /// goes with both of its people).
    fn owners(&self) -> [Option<StakeholderId>; 2];
    /// Notes that the record's fields changed at `at` (for records that keep a time of last
    /// change).
    fn stamp(&mut self, at: Timestamp);
    /// The error for a record to change that is not there.
    fn missing(key: Self::Key) -> OpError;
    /// The most a map may hold of this kind, and the kind's name in the refusal.
    const MAX: usize;
    /// What a refusal calls many of them ("stakeholders").
    const KIND: &'static str;
    /// The first rule the record breaks, in words, with what it is ("Stakeholder “Ann”: …").
    fn problem(&self) -> Option<String>;
}

/// The `InMap` of each kind of record: its key, the names of the map's functions for it, how it
/// goes in at a place, whose it is and how it is stamped, and the error when it is missing.
macro_rules! in_map {
    ($($record:ty: $key:ty, $all:ident, $find:ident, $find_mut:ident, $take_out:ident,
        put $put:expr, owner $owner:expr, stamp $stamp:expr, $missing:ident,
        at most $max:expr, $kind:literal, problem $problem:expr;)*) => {$(
        impl InMap for $record {
            const MAX: usize = $max;
            const KIND: &'static str = $kind;
            fn problem(&self) -> Option<String> {
                let problem: fn(&Self) -> Option<String> = $problem;
                problem(self)
            }
            fn all(m: &StakeMap) -> impl Iterator<Item = &Self> {
                m.$all().into_iter()
            }
            fn find(m: &StakeMap, key: $key) -> Option<&Self> {
                m.$find(key)
            }
            fn find_mut(m: &mut StakeMap, key: $key) -> Option<&mut Self> {
                m.$find_mut(key)
            }
            fn take_out(m: &mut StakeMap, key: $key) -> bool {
                m.$take_out(key).is_some()
            }
            fn put_in(m: &mut StakeMap, index: usize, record: Self) -> bool {
                let put: fn(&mut StakeMap, usize, Self) -> bool = $put;
                put(m, index, record)
            }
            fn owners(&self) -> [Option<StakeholderId>; 2] {
                let owners: fn(&Self) -> [Option<StakeholderId>; 2] = $owner;
                owners(self)
            }
            fn stamp(&mut self, at: Timestamp) {
                let stamp: fn(&mut Self, Timestamp) = $stamp;
                stamp(self, at)
            }
            fn missing(key: $key) -> OpError {
                OpError::$missing(key)
            }
        }
    )*};
}

// Snapshots are kept in time order, whatever the index; contacts and snapshots keep no time
// of last change.
in_map! {
    Stakeholder: StakeholderId, stakeholders, get, get_mut, remove,
        put StakeMap::insert_at, owner |_| [None, None], stamp |s, at| s.updated_at = at, NoSuchStakeholder,
        at most MAX_STAKEHOLDERS, "stakeholders",
        problem |s| s.fields.problem().map(|why| format!("Stakeholder “{}”: {}", s.name(), lower_first(&why)));
    Action: ActionId, actions, action, action_mut, remove_action,
        put StakeMap::insert_action_at, owner |a| [Some(a.stakeholder), None], stamp |a, at| a.updated_at = at, NoSuchAction,
        at most MAX_ACTIONS, "actions",
        problem |a| a.fields.problem().map(|why| format!("Action “{}”: {}", a.fields.title, lower_first(&why)));
    Touchpoint: TouchpointId, touchpoints, touchpoint, touchpoint_mut, remove_touchpoint,
        put StakeMap::insert_touchpoint_at, owner |t| [Some(t.stakeholder), None], stamp |_, _| {}, NoSuchTouchpoint,
        at most MAX_TOUCHPOINTS, "logged contacts",
        problem |t| t.problem().map(|why| format!("A contact on {}: {}", t.date.iso(), lower_first(&why)));
    Snapshot: SnapshotId, snapshots, snapshot, snapshot_mut, remove_snapshot,
        put |m, _, s| m.insert_snapshot(s), owner |_| [None, None], stamp |_, _| {}, NoSuchSnapshot,
        at most MAX_SNAPSHOTS, "snapshots",
        problem |s| s.problem().map(|why| format!("Snapshot “{}”: {}", s.name, lower_first(&why)));
    Evidence: EvidenceId, evidence, evidence_item, evidence_mut, remove_evidence,
        put StakeMap::insert_evidence_at, owner |_| [None, None], stamp |e, at| e.updated_at = at, NoSuchEvidence,
        at most MAX_EVIDENCE, "items of evidence",
        problem |e| e.fields.problem().map(|why| format!("Evidence “{}”: {}", e.fields.title, lower_first(&why)));
    Relationship: RelationshipId, relationships, relationship, relationship_mut, remove_relationship,
        put StakeMap::insert_relationship_at, owner |r| [Some(r.from), Some(r.to)], stamp |r, at| r.updated_at = at, NoSuchRelationship,
        at most MAX_RELATIONSHIPS, "relationships",
        problem |r| r.fields.problem().map(|why| format!("A relationship: {}", lower_first(&why)));
}
