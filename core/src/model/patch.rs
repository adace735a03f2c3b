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

use super::action::{Action, ActionFields};
use super::history::{HistoryPoint, MoveSource, Snapshot};
use super::ids::{ActionId, MapId, SnapshotId, StakeholderId, TouchpointId};
use super::map::StakeMap;
use super::stakeholder::lower_first;
use super::stakeholder::{Stakeholder, StakeholderFields};
use super::time::Timestamp;
use super::touchpoint::Touchpoint;
use super::workspace::{refuse_beyond, OpError};
use super::{MAX_ACTIONS, MAX_HISTORY_POINTS, MAX_SNAPSHOTS, MAX_STAKEHOLDERS, MAX_TOUCHPOINTS};
use std::collections::{BTreeMap, HashMap, HashSet};
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

impl Taken {
    /// One field: set `now` to `after` if the edit changed it and it is not already there.
    fn field<T: PartialEq + Clone>(&mut self, bit: u32, now: &mut T, before: &T, after: &T) {
        if before != after {
            self.fields |= 1 << bit;
            if now != after {
                now.clone_from(after);
                self.changed = true;
            }
        }
    }
}

impl Record for Stakeholder {
    type Key = StakeholderId;

    fn key(&self) -> StakeholderId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        // Listed without `..`, so a new field cannot be forgotten here.
        let StakeholderFields {
            name,
            role,
            organisation,
            position,
            root_causes,
            cares_about,
            notes,
            tags,
            cadence_days,
            target,
        } = &mut self.fields;
        let (b, a) = (&before.fields, &after.fields);
        t.field(0, name, &b.name, &a.name);
        t.field(1, role, &b.role, &a.role);
        t.field(2, organisation, &b.organisation, &a.organisation);
        t.field(3, position, &b.position, &a.position);
        t.field(4, root_causes, &b.root_causes, &a.root_causes);
        t.field(5, cares_about, &b.cares_about, &a.cares_about);
        t.field(6, notes, &b.notes, &a.notes);
        t.field(7, tags, &b.tags, &a.tags);
        t.field(8, cadence_days, &b.cadence_days, &a.cadence_days);
        t.field(9, target, &b.target, &a.target);
        t.field(
            10,
            &mut self.created_at,
            &before.created_at,
            &after.created_at,
        );
        t
    }
}

impl Record for Action {
    type Key = ActionId;

    fn key(&self) -> ActionId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let ActionFields {
            tactic,
            title,
            owner,
            due,
            status,
            outcome,
        } = &mut self.fields;
        let (b, a) = (&before.fields, &after.fields);
        t.field(0, tactic, &b.tactic, &a.tactic);
        t.field(1, title, &b.title, &a.title);
        t.field(2, owner, &b.owner, &a.owner);
        t.field(3, due, &b.due, &a.due);
        t.field(4, status, &b.status, &a.status);
        t.field(5, outcome, &b.outcome, &a.outcome);
        t.field(
            6,
            &mut self.stakeholder,
            &before.stakeholder,
            &after.stakeholder,
        );
        t.field(
            7,
            &mut self.created_at,
            &before.created_at,
            &after.created_at,
        );
        t
    }
}

impl Record for Touchpoint {
    type Key = TouchpointId;

    fn key(&self) -> TouchpointId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let Touchpoint {
            id: _,
            stakeholder,
            date,
            channel,
            sentiment,
            note,
            influence,
            skepticism,
            created_at,
        } = self;
        t.field(0, stakeholder, &before.stakeholder, &after.stakeholder);
        t.field(1, date, &before.date, &after.date);
        t.field(2, channel, &before.channel, &after.channel);
        t.field(3, sentiment, &before.sentiment, &after.sentiment);
        t.field(4, note, &before.note, &after.note);
        t.field(5, influence, &before.influence, &after.influence);
        t.field(6, skepticism, &before.skepticism, &after.skepticism);
        t.field(7, created_at, &before.created_at, &after.created_at);
        t
    }
}

impl Record for Snapshot {
    type Key = SnapshotId;

    fn key(&self) -> SnapshotId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let Snapshot {
            id: _,
            name,
            taken_at,
            entries,
        } = self;
        t.field(0, name, &before.name, &after.name);
        t.field(1, taken_at, &before.taken_at, &after.taken_at);
        t.field(2, entries, &before.entries, &after.entries);
        t
    }
}

/// Where a kind of record lives in a map, so a patch handles every kind the same way.
trait InMap: Record<Key: std::fmt::Display> + 'static {
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
    /// The person the record belongs to, for records that go with a person.
    fn owner(&self) -> Option<StakeholderId>;
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
            fn owner(&self) -> Option<StakeholderId> {
                let owner: fn(&Self) -> Option<StakeholderId> = $owner;
                owner(self)
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
        put StakeMap::insert_at, owner |_| None, stamp |s, at| s.updated_at = at, NoSuchStakeholder,
        at most MAX_STAKEHOLDERS, "stakeholders",
        problem |s| s.fields.problem().map(|why| format!("Stakeholder “{}”: {}", s.name(), lower_first(&why)));
    Action: ActionId, actions, action, action_mut, remove_action,
        put StakeMap::insert_action_at, owner |a| Some(a.stakeholder), stamp |a, at| a.updated_at = at, NoSuchAction,
        at most MAX_ACTIONS, "actions",
        problem |a| a.fields.problem().map(|why| format!("Action “{}”: {}", a.fields.title, lower_first(&why)));
    Touchpoint: TouchpointId, touchpoints, touchpoint, touchpoint_mut, remove_touchpoint,
        put StakeMap::insert_touchpoint_at, owner |t| Some(t.stakeholder), stamp |_, _| {}, NoSuchTouchpoint,
        at most MAX_TOUCHPOINTS, "logged contacts",
        problem |t| t.problem().map(|why| format!("A contact on {}: {}", t.date.iso(), lower_first(&why)));
    Snapshot: SnapshotId, snapshots, snapshot, snapshot_mut, remove_snapshot,
        put |m, _, s| m.insert_snapshot(s), owner |_| None, stamp |_, _| {}, NoSuchSnapshot,
        at most MAX_SNAPSHOTS, "snapshots",
        problem |s| s.problem().map(|why| format!("Snapshot “{}”: {}", s.name, lower_first(&why)));
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
    /// The records of `new` that are not in `old` (put), those of `old` not in `new` (taken
    /// out), and those in both with different fields (changed). A record that only moved in
    /// its list is left where it is.
    fn between<'a>(old: impl Iterator<Item = &'a T>, new: impl Iterator<Item = &'a T>) -> Self
    where
        T: 'a,
    {
        let old: Vec<&T> = old.collect();
        let new: Vec<&T> = new.collect();
        let old_by_key: HashMap<T::Key, &T> = old.iter().map(|r| (r.key(), *r)).collect();
        let new_keys: HashSet<T::Key> = new.iter().map(|r| r.key()).collect();
        let mut out = Records::default();
        for (index, record) in new.iter().enumerate() {
            match old_by_key.get(&record.key()) {
                None => out.placed.push(Placed {
                    way: Way::Put,
                    index,
                    record: (*record).clone(),
                }),
                Some(before) => {
                    let mut probe = (*before).clone();
                    if probe.take_changes(before, record).changed {
                        out.changed.push(Change {
                            before: (*before).clone(),
                            after: (*record).clone(),
                        });
                    }
                }
            }
        }
        for (index, record) in old.iter().enumerate() {
            if !new_keys.contains(&record.key()) {
                out.placed.push(Placed {
                    way: Way::Remove,
                    index,
                    record: (*record).clone(),
                });
            }
        }
        out
    }

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
        puts.sort_by_key(|p| p.index);
        puts
    }

    fn removals(&self) -> impl Iterator<Item = T::Key> + '_ {
        self.placed
            .iter()
            .filter(|p| p.way == Way::Remove)
            .map(|p| p.record.key())
    }
}

impl<T: Record> Records<T> {
    // The bound `T: InMap` is on each method: the trait is private and `Records` is not.
    /// Checks that each record to put is not in `m` already (unless it is taken out) and that
    /// each record to change is there and stays, and that the person each belongs to is
    /// `there`. `person_stays` says whether a person is in `m` and stays.
    fn check(
        &self,
        m: &StakeMap,
        person_stays: &dyn Fn(StakeholderId) -> bool,
        there: &dyn Fn(StakeholderId) -> bool,
    ) -> Result<(), OpError>
    where
        T: InMap,
    {
        let gone = self.keys(Way::Remove);
        let stays = |key: T::Key| {
            T::find(m, key)
                .is_some_and(|r| !gone.contains(&key) && r.owner().is_none_or(person_stays))
        };
        // What the map will hold at most: all there now, less those certainly taken out, plus
        // those put in. A merge or an undo never stores more than a file may carry.
        let leaving = gone.iter().filter(|k| T::find(m, **k).is_some()).count();
        let puts = self.placed.iter().filter(|p| p.way == Way::Put).count();
        let after = T::all(m).count() - leaving + puts;
        refuse_beyond(after, T::MAX, T::KIND)?;
        for record in self.puts().into_iter().map(|p| &p.record) {
            if let Some(why) = record.problem() {
                return Err(OpError::Invalid(why));
            }
        }
        for c in &self.changed {
            if let Some(why) = c.after.problem() {
                return Err(OpError::Invalid(why));
            }
        }
        for p in self.puts() {
            if stays(p.record.key()) {
                return Err(OpError::DuplicateId(p.record.key().to_string()));
            }
            if let Some(owner) = p.record.owner().filter(|o| !there(*o)) {
                return Err(OpError::NoSuchStakeholder(owner));
            }
        }
        for c in &self.changed {
            if !stays(c.after.key()) {
                return Err(T::missing(c.after.key()));
            }
            if let Some(owner) = c.after.owner() {
                if c.before.owner() != Some(owner) && !there(owner) {
                    return Err(OpError::NoSuchStakeholder(owner));
                }
            }
        }
        Ok(())
    }

    /// Into `inv`, the reverse of these records once applied to `m` as it is now: what they
    /// put in comes out again; what they take out, and what goes with the `people` taken out,
    /// comes back as it is now and where it is now; each changed field goes back to its value
    /// now.
    fn inverse_into(&self, m: &StakeMap, people: &HashSet<StakeholderId>, inv: &mut Self)
    where
        T: InMap,
    {
        out_again(&self.placed, &mut inv.placed);
        let going = self.keys(Way::Remove);
        for (i, r) in T::all(m).enumerate() {
            if going.contains(&r.key()) || r.owner().is_some_and(|o| people.contains(&o)) {
                inv.placed.push(Placed::put(i, r.clone()));
            }
        }
        for c in &self.changed {
            if let Some(current) = T::find(m, c.after.key()) {
                let mut applied = current.clone();
                if applied.take_changes(&c.before, &c.after).changed {
                    inv.changed.push(Change {
                        before: applied,
                        after: current.clone(),
                    });
                }
            }
        }
    }

    /// Takes out of `m` the records to take out. Returns whether anything changed.
    fn take_out_of(&self, m: &mut StakeMap) -> bool
    where
        T: InMap,
    {
        let mut changed = false;
        for key in self.removals() {
            changed |= T::take_out(m, key);
        }
        changed
    }

    /// Puts into `m` the records to put in, each at its place. Returns whether anything
    /// changed.
    fn put_into(&self, m: &mut StakeMap) -> bool
    where
        T: InMap,
    {
        let mut changed = false;
        for p in self.puts() {
            changed |= T::put_in(m, p.index, p.record.clone());
        }
        changed
    }

    /// Sets in `m` the fields these changes are about, stamping the records changed at `at`.
    /// Returns whether anything changed.
    fn change_in(&self, m: &mut StakeMap, at: Timestamp) -> bool
    where
        T: InMap,
    {
        let mut changed = false;
        for c in &self.changed {
            if let Some(r) = T::find_mut(m, c.after.key()) {
                if r.take_changes(&c.before, &c.after).changed {
                    r.stamp(at);
                    changed = true;
                }
            }
        }
        changed
    }
}

/// What comes in goes out again.
fn out_again<T: Clone>(placed: &[Placed<T>], into: &mut Vec<Placed<T>>) {
    into.extend(
        placed
            .iter()
            .filter(|p| p.way == Way::Put)
            .map(|p| Placed::remove(p.index, p.record.clone())),
    );
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

/// Points of `of` beyond those in `minus` (counting repeats), with their places in `of`.
fn history_beyond(of: &[HistoryPoint], minus: &[HistoryPoint]) -> Vec<(usize, HistoryPoint)> {
    let mut count: BTreeMap<HistoryKey, usize> = BTreeMap::new();
    for p in minus {
        *count.entry(history_key(p)).or_default() += 1;
    }
    let mut out = Vec::new();
    for (i, p) in of.iter().enumerate() {
        match count.get_mut(&history_key(p)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push((i, *p)),
        }
    }
    out
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
            history: Vec::new(),
            readings_dropped: Vec::new(),
        }
    }

    /// What turns `old` into `new`, record by record (for a merge: `old` is my map when the
    /// merge was built, `new` the merged map). Applied to a newer version of `old`, it changes
    /// only the records and fields that differ between the two, so edits made meanwhile to
    /// anything else stay. Records that only moved in their lists keep their place.
    pub fn between(old: &StakeMap, new: &StakeMap) -> Self {
        let mut patch = MapPatch::new(old.id);
        if old.name != new.name {
            patch.name = Some(Change {
                before: old.name.clone(),
                after: new.name.clone(),
            });
        }
        if old.redacted != new.redacted {
            patch.redacted = Some(Change {
                before: old.redacted,
                after: new.redacted,
            });
        }
        patch.stakeholders = Records::between(old.stakeholders(), new.stakeholders());
        patch.actions = Records::between(old.actions(), new.actions());
        patch.touchpoints = Records::between(old.touchpoints(), new.touchpoints());
        patch.snapshots = Records::between(old.snapshots().iter(), new.snapshots().iter());
        let (was, is) = (old.history(), new.history());
        patch.history = history_beyond(is, was)
            .into_iter()
            .map(|(i, p)| Placed::put(i, p))
            .chain(
                history_beyond(was, is)
                    .into_iter()
                    .map(|(i, p)| Placed::remove(i, p)),
            )
            .collect();
        patch
    }

    /// True when the patch names nothing to do.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.redacted.is_none()
            && self.stakeholders.is_empty()
            && self.actions.is_empty()
            && self.touchpoints.is_empty()
            && self.snapshots.is_empty()
            && self.history.is_empty()
            && self.readings_dropped.is_empty()
    }

    /// One bit per field the patch's changes of people and actions are about: two edits of the
    /// same record with the same bits are edits of the same fields (undo folds those).
    pub fn changed_fields(&self) -> u32 {
        self.stakeholders
            .changed
            .iter()
            .map(Change::fields)
            .chain(self.actions.changed.iter().map(Change::fields))
            .fold(0, |all, f| all | f)
    }

    /// For an undo patch folding in a later edit of the same fields: each change now starts
    /// from where the later one starts (the record after the latest edit) and still ends where
    /// this one ends (before the first).
    pub fn start_from(&mut self, later: &MapPatch) {
        fn carry<T: Record>(mine: &mut [Change<T>], later: &[Change<T>]) {
            for c in mine {
                if let Some(l) = later.iter().find(|l| l.after.key() == c.after.key()) {
                    c.before = l.before.clone();
                }
            }
        }
        carry(&mut self.stakeholders.changed, &later.stakeholders.changed);
        carry(&mut self.actions.changed, &later.actions.changed);
        carry(&mut self.touchpoints.changed, &later.touchpoints.changed);
        carry(&mut self.snapshots.changed, &later.snapshots.changed);
        if let (Some(mine), Some(l)) = (&mut self.name, &later.name) {
            mine.before = l.before.clone();
        }
    }

    /// The changes start from these records as they now are in `map` (for the undo of a form
    /// edit, once applied: the workspace may have tidied the fields the form sent).
    pub fn start_from_map(&mut self, map: &StakeMap) {
        for c in &mut self.stakeholders.changed {
            if let Some(s) = map.get(c.after.id) {
                c.before = s.clone();
            }
        }
        for c in &mut self.actions.changed {
            if let Some(a) = map.action(c.after.id) {
                c.before = a.clone();
            }
        }
    }

    /// The patch that takes this one back once it is applied to `m` as `m` is now: what it puts
    /// in comes out again; what it takes out (with everything that goes along, such as a
    /// person's plan, log and history, including records another tab added) goes back as it
    /// is now and where it is now; each field it changes goes back to its value now. Taken
    /// just before the patch is applied, so undo then redo (or redo then undo) is no change at
    /// all. `None` when the patch cannot apply to `m`.
    pub fn inverse_in(&self, m: &StakeMap) -> Option<MapPatch> {
        self.check(m).ok()?;
        let mut inv = MapPatch::new(self.map);
        if let Some(c) = self.name.as_ref().filter(|c| c.before != c.after) {
            inv.name = Some(Change {
                before: c.after.clone(),
                after: m.name.clone(),
            });
        }
        if let Some(c) = self.redacted.as_ref().filter(|c| c.before != c.after) {
            inv.redacted = Some(Change {
                before: c.after,
                after: m.redacted,
            });
        }

        // What comes in goes out again; what goes out comes back as it is now, where it is
        // now; each changed field goes back to its value now.
        let people = self.stakeholders.keys(Way::Remove);
        let p = &people;
        self.stakeholders.inverse_into(m, p, &mut inv.stakeholders);
        self.actions.inverse_into(m, p, &mut inv.actions);
        self.touchpoints.inverse_into(m, p, &mut inv.touchpoints);
        self.snapshots.inverse_into(m, p, &mut inv.snapshots);
        out_again(&self.history, &mut inv.history);
        // The history points that will go, found as `apply_to` finds them.
        let history = m.history();
        let mut going: Vec<bool> = history
            .iter()
            .map(|p| people.contains(&p.stakeholder))
            .collect();
        let mut mark = |index: usize, matches: &dyn Fn(&HistoryPoint) -> bool| {
            let found = match history.get(index) {
                Some(p) if matches(p) && !going[index] => Some(index),
                _ => (0..history.len())
                    .rev()
                    .find(|&i| !going[i] && matches(&history[i])),
            };
            if let Some(i) = found {
                going[i] = true;
            }
        };
        for id in &self.readings_dropped {
            if let Some(t) = m.touchpoint(*id) {
                let (who, when) = (t.stakeholder, t.created_at);
                mark(usize::MAX, &|p| {
                    p.stakeholder == who && p.at == when && p.source == MoveSource::Touchpoint
                });
            }
        }
        let mut history_out: Vec<&Placed<HistoryPoint>> = self
            .history
            .iter()
            .filter(|p| p.way == Way::Remove)
            .collect();
        history_out.sort_by_key(|p| std::cmp::Reverse(p.index));
        for p in history_out {
            mark(p.index, &|q| *q == p.record);
        }
        inv.history.extend(
            history
                .iter()
                .enumerate()
                .filter(|(i, _)| going[*i])
                .map(|(i, p)| Placed::put(i, *p)),
        );
        Some(inv)
    }

    /// Checks that every record the patch puts, changes or refers to can be found (or, for a
    /// put, is not there already), as the map will be once the patch's removals are done.
    fn check(&self, m: &StakeMap) -> Result<(), OpError> {
        let gone = self.stakeholders.keys(Way::Remove);
        let coming = self.stakeholders.keys(Way::Put);
        let stays = |id: StakeholderId| m.contains(id) && !gone.contains(&id);
        let there = |id: StakeholderId| stays(id) || coming.contains(&id);
        self.stakeholders.check(m, &stays, &there)?;
        self.actions.check(m, &stays, &there)?;
        self.touchpoints.check(m, &stays, &there)?;
        self.snapshots.check(m, &stays, &there)?;
        let history_in = self.history.iter().filter(|p| p.way == Way::Put).count();
        refuse_beyond(
            m.history().len() + history_in,
            MAX_HISTORY_POINTS,
            "points of history",
        )?;
        for p in &self.history {
            if p.way == Way::Put && !there(p.record.stakeholder) {
                return Err(OpError::NoSuchStakeholder(p.record.stakeholder));
            }
        }
        Ok(())
    }

    /// Applies the patch to `m` at `at`: removals first, then records put back in place, then
    /// changed fields. Something already gone stays gone; anything else that cannot apply
    /// (a record to change or to own a record is gone, an id is taken) is an error, and then
    /// nothing has changed. Returns whether anything changed.
    pub(crate) fn apply_to(&self, m: &mut StakeMap, at: Timestamp) -> Result<bool, OpError> {
        self.check(m)?;
        let mut changed = false;

        for id in &self.readings_dropped {
            if let Some(t) = m.touchpoint(*id) {
                let (who, when) = (t.stakeholder, t.created_at);
                changed |= m.remove_history_point(usize::MAX, |p| {
                    p.stakeholder == who && p.at == when && p.source == MoveSource::Touchpoint
                });
            }
        }
        let mut history_out: Vec<&Placed<HistoryPoint>> = self
            .history
            .iter()
            .filter(|p| p.way == Way::Remove)
            .collect();
        // From the back, so the places of those still to go do not shift.
        history_out.sort_by_key(|p| std::cmp::Reverse(p.index));
        for p in history_out {
            changed |= m.remove_history_point(p.index, |q| *q == p.record);
        }
        changed |= self.touchpoints.take_out_of(m);
        changed |= self.actions.take_out_of(m);
        changed |= self.snapshots.take_out_of(m);
        changed |= self.stakeholders.take_out_of(m);

        changed |= self.stakeholders.put_into(m);
        changed |= self.actions.put_into(m);
        changed |= self.touchpoints.put_into(m);
        changed |= self.snapshots.put_into(m);
        let mut history_in: Vec<&Placed<HistoryPoint>> =
            self.history.iter().filter(|p| p.way == Way::Put).collect();
        history_in.sort_by_key(|p| p.index);
        for p in history_in {
            changed |= m.insert_history_at(p.index, p.record);
        }

        if let Some(c) = &self.name {
            if c.before != c.after && m.name != c.after {
                m.name.clone_from(&c.after);
                changed = true;
            }
        }
        if let Some(c) = &self.redacted {
            if c.before != c.after && m.redacted != c.after {
                m.redacted = c.after;
                changed = true;
            }
        }
        for c in &self.stakeholders.changed {
            let id = c.after.id;
            let Some(s) = m.get_mut(id) else { continue };
            let was = s.position();
            if !s.take_changes(&c.before, &c.after).changed {
                continue;
            }
            s.updated_at = at;
            changed = true;
            let now = s.position();
            // The history ends where the person stands: a position set back by an undo is a
            // move like any other, unless the points put back or taken out already say so.
            let last = m
                .history()
                .iter()
                .rev()
                .find(|p| p.stakeholder == id)
                .map(|p| p.position);
            if now != was && last != Some(now) {
                m.record(HistoryPoint {
                    stakeholder: id,
                    at,
                    position: now,
                    source: MoveSource::Map,
                });
            }
        }
        changed |= self.actions.change_in(m, at);
        changed |= self.touchpoints.change_in(m, at);
        changed |= self.snapshots.change_in(m, at);
        Ok(changed)
    }
}
