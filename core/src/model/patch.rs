//! Edits scoped to single records and single fields, so that undoing one edit never takes back
//! another.
//!
//! Undo used to put back a whole map as it was. Applied later, that also reverted whatever
//! another tab (or the user) had changed since, to other people and other fields. A
//! [`MapPatch`] names only the records an edit touched: people with their actions, contacts and
//! history points, put back or taken out, each at its place in its list; and changes of some
//! fields of a record, applied three-way: a field is set only where the edit changed it
//! ([`Change`]), so every other field keeps the value it has now, whoever set it. A merge goes
//! in the same way ([`MapPatch::between`]): it keeps what another tab changed while its preview
//! was open, and its undo takes out only what the merge brought.

mod apply;
mod build;
mod in_map;
mod inverse;
mod record;

use super::action::Action;
use super::evidence::Evidence;
use super::history::{HistoryPoint, Snapshot};
use super::ids::{MapId, StakeholderId, TouchpointId};
use super::relationship::Relationship;
use super::stakeholder::Stakeholder;
use super::time::Timestamp;
use super::touchpoint::Touchpoint;
use std::collections::HashSet;
use std::hash::Hash;

/// Whether a whole record goes into its list or out of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Into the list, at the record's place.
    Put,
    /// Out of the list (the record is kept whole, so the reverse can put it back).
    Remove,
}

/// A whole record put into its list, or taken out of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed<T> {
    /// In or out.
    pub way: Way,
    /// Its place in its list (the stakeholders' order, the plan, the log, the history), so a
    /// record put back returns where it was; past the end means at the end.
    pub index: usize,
    /// The record.
    pub record: T,
}

/// Some fields of one record changed. Applying it sets each field that differs between
/// `before` and `after` to its `after` value; the fields the edit did not change keep the value
/// they have now (another tab may have changed them since).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change<T> {
    /// The record before the edit.
    pub before: T,
    /// The record after the edit.
    pub after: T,
}

/// What a patch does to one kind of record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Records<T> {
    /// Whole records put in or taken out.
    pub placed: Vec<Placed<T>>,
    /// Records of which some fields change.
    pub changed: Vec<Change<T>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Self {
            placed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

/// Record-scoped edits of one map: the undo of a deletion, a logged contact or a form edit, and
/// a merge and its undo (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapPatch {
    /// The map.
    pub map: MapId,
    /// A new name for the map.
    pub name: Option<Change<String>>,
    /// Whether the map becomes (or stops being) a redacted copy.
    pub redacted: Option<Change<bool>>,
    /// People. Taking someone out also takes out their actions, contacts and history, as a
    /// deletion does.
    pub stakeholders: Records<Stakeholder>,
    /// Planned actions.
    pub actions: Records<Action>,
    /// Logged contacts.
    pub touchpoints: Records<Touchpoint>,
    /// Snapshots (kept in time order, whatever the index).
    pub snapshots: Records<Snapshot>,
    /// Items of the evidence library.
    pub evidence: Records<Evidence>,
    /// Relationships between people. Taking someone out also takes out theirs.
    pub relationships: Records<Relationship>,
    /// History points, found by value when taken out.
    pub history: Vec<Placed<HistoryPoint>>,
    /// Contacts whose reading goes from the history: the point logging them recorded. This is
    /// how the undo of a logged contact removes that point, whose time is only known once the
    /// contact is logged.
    pub readings_dropped: Vec<TouchpointId>,
}

/// A record a patch can put back, take out or change.
pub trait Record: Clone {
    /// How the record is found.
    type Key: Copy + Eq + Hash;
    /// Its id.
    fn key(&self) -> Self::Key;
    /// Sets each field of `self` that differs between `before` and `after` to its `after`
    /// value. Returns one bit per field that differs (so edits of the same fields can be told
    /// apart from others) and whether `self` changed. Times of last change are not fields:
    /// the caller stamps them.
    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken;
}

/// What [`Record::take_changes`] found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    /// One bit per field that differs between before and after.
    pub fields: u32,
    /// True when the record changed.
    pub changed: bool,
}

impl<T> Placed<T> {
    /// `record` to go in at `index`.
    pub fn put(index: usize, record: T) -> Self {
        Placed {
            way: Way::Put,
            index,
            record,
        }
    }

    /// `record`, now at `index`, to come out.
    pub fn remove(index: usize, record: T) -> Self {
        Placed {
            way: Way::Remove,
            index,
            record,
        }
    }
}

impl<T: Record> Change<T> {
    /// One bit per field this change is about.
    pub fn fields(&self) -> u32 {
        self.before
            .clone()
            .take_changes(&self.before, &self.after)
            .fields
    }
}

impl<T: Record> Records<T> {
    fn is_empty(&self) -> bool {
        self.placed.is_empty() && self.changed.is_empty()
    }

    fn keys(&self, way: Way) -> HashSet<T::Key> {
        self.placed
            .iter()
            .filter(|p| p.way == way)
            .map(|p| p.record.key())
            .collect()
    }

    /// The records to put in, by place, so that each goes back where it was.
    fn puts(&self) -> Vec<&Placed<T>> {
        let mut puts: Vec<&Placed<T>> = self.placed.iter().filter(|p| p.way == Way::Put).collect();
        crate::sort::by_key(&mut puts, |p| p.index);
        puts
    }

    fn removals(&self) -> impl Iterator<Item = T::Key> + '_ {
        self.placed
            .iter()
            .filter(|p| p.way == Way::Remove)
            .map(|p| p.record.key())
    }
}

impl MapPatch {
    /// A patch of `map` that changes nothing yet.
    pub fn new(map: MapId) -> Self {
        MapPatch {
            map,
            name: None,
            redacted: None,
            stakeholders: Records::default(),
            actions: Records::default(),
            touchpoints: Records::default(),
            snapshots: Records::default(),
            evidence: Records::default(),
            relationships: Records::default(),
            history: Vec::new(),
            readings_dropped: Vec::new(),
        }
    }

    /// True when the patch names nothing to do.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.redacted.is_none()
            && self.stakeholders.is_empty()
            && self.actions.is_empty()
            && self.touchpoints.is_empty()
            && self.snapshots.is_empty()
            && self.evidence.is_empty()
            && self.relationships.is_empty()
            && self.history.is_empty()
            && self.readings_dropped.is_empty()
    }
}

/// What tells history points apart: who, when, where and why (the same in a merge and a patch).
pub(super) type HistoryKey = (StakeholderId, Timestamp, u8, u8, &'static str);

/// The key of a history point.
pub(super) fn history_key(p: &HistoryPoint) -> HistoryKey {
    (
        p.stakeholder,
        p.at,
        p.position.influence,
        p.position.skepticism,
        p.source.key(),
    )
}
