//! Building patches: what turns one map into another, record by record, and folding a later
//! edit of the same fields into an undo.

use super::{history_key, Change, HistoryKey, MapPatch, Placed, Record, Records, Way};
use crate::model::history::HistoryPoint;
use crate::model::map::StakeMap;
use std::collections::{BTreeMap, HashMap, HashSet};

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
        patch.evidence = Records::between(old.evidence(), new.evidence());
        patch.relationships = Records::between(old.relationships(), new.relationships());
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
        carry(&mut self.evidence.changed, &later.evidence.changed);
        carry(
            &mut self.relationships.changed,
            &later.relationships.changed,
        );
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
}
