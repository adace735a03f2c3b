//! Checking a patch against a map, and applying it: removals first, then records put back in
//! place, then changed fields.

use super::in_map::InMap;
use super::{MapPatch, Placed, Record, Records, Way};
use crate::model::history::{HistoryPoint, MoveSource};
use crate::model::ids::StakeholderId;
use crate::model::map::StakeMap;
use crate::model::time::Timestamp;
use crate::model::workspace::{refuse_beyond, OpError};
use crate::model::MAX_HISTORY_POINTS;

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
            T::find(m, key).is_some_and(|r| {
                !gone.contains(&key) && r.owners().into_iter().flatten().all(person_stays)
            })
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
            if let Some(owner) = p.record.owners().into_iter().flatten().find(|o| !there(*o)) {
                return Err(OpError::NoSuchStakeholder(owner));
            }
        }
        for c in &self.changed {
            if !stays(c.after.key()) {
                return Err(T::missing(c.after.key()));
            }
            for owner in c.after.owners().into_iter().flatten() {
                if !c.before.owners().contains(&Some(owner)) && !there(owner) {
                    return Err(OpError::NoSuchStakeholder(owner));
                }
            }
        }
        Ok(())
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

/// A history point a patch takes out.
pub(super) enum PointOut {
    /// The point logging a contact recorded: this person's, at this time, from a contact.
    Reading(StakeholderId, Timestamp),
    /// This very point.
    Point(HistoryPoint),
}

impl PointOut {
    /// True when `p` is the point to take out.
    pub(super) fn matches(&self, p: &HistoryPoint) -> bool {
        match self {
            PointOut::Reading(who, when) => {
                p.stakeholder == *who && p.at == *when && p.source == MoveSource::Touchpoint
            }
            PointOut::Point(point) => p == point,
        }
    }
}

impl MapPatch {
    /// The history points the patch takes out of `m`, in the order [`MapPatch::apply_to`] takes
    /// them, each with the place to look first (past the end: look from the back): the points
    /// of the contacts whose reading goes, then the points named, from the back, so the places
    /// of those still to go do not shift.
    pub(super) fn points_out(&self, m: &StakeMap) -> Vec<(usize, PointOut)> {
        let readings = self
            .readings_dropped
            .iter()
            .filter_map(|id| m.touchpoint(*id))
            .map(|t| (usize::MAX, PointOut::Reading(t.stakeholder, t.created_at)));
        let mut named: Vec<&Placed<HistoryPoint>> = self
            .history
            .iter()
            .filter(|p| p.way == Way::Remove)
            .collect();
        crate::sort::by_key(&mut named, |p| std::cmp::Reverse(p.index));
        readings
            .chain(
                named
                    .into_iter()
                    .map(|p| (p.index, PointOut::Point(p.record))),
            )
            .collect()
    }

    /// Checks that every record the patch puts, changes or refers to can be found (or, for a
    /// put, is not there already), as the map will be once the patch's removals are done.
    pub(super) fn check(&self, m: &StakeMap) -> Result<(), OpError> {
        let gone = self.stakeholders.keys(Way::Remove);
        let coming = self.stakeholders.keys(Way::Put);
        let stays = |id: StakeholderId| m.contains(id) && !gone.contains(&id);
        let there = |id: StakeholderId| stays(id) || coming.contains(&id);
        self.stakeholders.check(m, &stays, &there)?;
        self.actions.check(m, &stays, &there)?;
        self.touchpoints.check(m, &stays, &there)?;
        self.snapshots.check(m, &stays, &there)?;
        self.evidence.check(m, &stays, &there)?;
        self.relationships.check(m, &stays, &there)?;
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

        for (index, point) in self.points_out(m) {
            changed |= m.remove_history_point(index, |p| point.matches(p));
        }
        changed |= self.touchpoints.take_out_of(m);
        changed |= self.actions.take_out_of(m);
        changed |= self.snapshots.take_out_of(m);
        changed |= self.evidence.take_out_of(m);
        changed |= self.relationships.take_out_of(m);
        changed |= self.stakeholders.take_out_of(m);

        changed |= self.stakeholders.put_into(m);
        changed |= self.evidence.put_into(m);
        changed |= self.actions.put_into(m);
        changed |= self.touchpoints.put_into(m);
        changed |= self.snapshots.put_into(m);
        changed |= self.relationships.put_into(m);
        let mut history_in: Vec<&Placed<HistoryPoint>> =
            self.history.iter().filter(|p| p.way == Way::Put).collect();
        crate::sort::by_key(&mut history_in, |p| p.index);
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
        changed |= self.evidence.change_in(m, at);
        changed |= self.relationships.change_in(m, at);
        // A contact may only name evidence the map holds (as the reader requires).
        changed |= m.drop_dangling_evidence_links();
        Ok(changed)
    }
}
