//! The patch that takes another back, read from the map just before that one applies.

use super::in_map::InMap;
use super::{Change, MapPatch, Placed, Record, Records, Way};
use crate::model::ids::StakeholderId;
use crate::model::map::StakeMap;
use std::collections::HashSet;

impl<T: Record> Records<T> {
    // The bound `T: InMap` is on each method: the trait is private and `Records` is not.
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
            if going.contains(&r.key())
                || r.owners()
                    .into_iter()
                    .flatten()
                    .any(|o| people.contains(&o))
            {
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

impl MapPatch {
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
        self.evidence.inverse_into(m, p, &mut inv.evidence);
        self.relationships
            .inverse_into(m, p, &mut inv.relationships);
        out_again(&self.history, &mut inv.history);
        // The history points that will go, found as `apply_to` finds them.
        let history = m.history();
        let mut going: Vec<bool> = history
            .iter()
            .map(|p| people.contains(&p.stakeholder))
            .collect();
        for (index, point) in self.points_out(m) {
            let found = match history.get(index) {
                Some(p) if point.matches(p) && !going[index] => Some(index),
                _ => (0..history.len())
                    .rev()
                    .find(|&i| !going[i] && point.matches(&history[i])),
            };
            if let Some(i) = found {
                going[i] = true;
            }
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
}
