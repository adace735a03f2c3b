//! How the store's maps reach storage, and how this tab stays in step with other tabs of the
//! same browser.
//!
//! - Every edit marks its map unsaved and remembers the op (`pending_ops`). [`Store::flush`]
//!   asks the backend for the map's lock (the Web Locks API in the browser) and, holding it,
//!   compares the stored revision token with the one this tab built on. If another tab saved
//!   in between, its version is read and this tab's pending ops are applied again on top of it
//!   (`catch_up`), so neither tab's edits are lost; only when an op no longer applies (the other
//!   tab deleted what it edits) is this tab's version kept as a separate copy.
//! - A save that fails leaves the map unsaved, with its ops, and the banner says why; the next
//!   edit, the retry timer or **Try saving again** writes it.
//! - Storage cleared under the tab (another tab's `localStorage.clear()`, the browser's "clear
//!   site data") is noticed by the storage event or by the stored index having gone. Every
//!   map this tab holds is then marked unsaved and written back, index included, on the next
//!   edit or **Try saving again**, and the user is told.

use super::{ExternalChange, Store, Tone};
use crate::model::{Action, Op, Record, Stakeholder, Timestamp};
use crate::model::{MapId, StakeMap, Workspace};
use crate::state::backend::SaveError;
use crate::state::{Revision, SavedIndex};

/// An edit and the time it was applied at (kept to apply it again on another tab's version).
pub(super) type Timed = (Op, Timestamp);

/// A revision this tab saw (no ops) or wrote (the edits that save carried), by its token.
pub(super) type Logged = (String, Vec<Timed>);

/// The record a form's edit was made against, as this tab had it before catching up with
/// other tabs. A form sends all of a record's fields; after catching up, only the fields the
/// user changed are applied, so another tab's edit of other fields is kept.
pub(super) enum Seen {
    /// A stakeholder's fields.
    Stakeholder(Stakeholder),
    /// An action's fields.
    Action(Action),
    /// Nothing to rebase.
    Nothing,
}

impl Seen {
    /// What `op` edits, as the workspace holds it now.
    pub(super) fn of(w: &Workspace, op: &Op) -> Self {
        match op {
            Op::EditStakeholder { map, id, .. } => w
                .map(*map)
                .and_then(|m| m.get(*id))
                .cloned()
                .map_or(Seen::Nothing, Seen::Stakeholder),
            Op::EditAction { map, id, .. } => w
                .map(*map)
                .and_then(|m| m.action(*id))
                .cloned()
                .map_or(Seen::Nothing, Seen::Action),
            _ => Seen::Nothing,
        }
    }

    /// `op` made against what was seen, made against what `w` holds now.
    pub(super) fn rebase(self, w: &Workspace, op: Op) -> Op {
        match (self, op) {
            (
                Seen::Stakeholder(seen),
                Op::EditStakeholder {
                    map,
                    id,
                    fields: wanted,
                },
            ) => {
                let after = Stakeholder {
                    fields: wanted,
                    ..seen.clone()
                };
                let fields = typed_onto(w.map(map).and_then(|m| m.get(id)), &seen, after).fields;
                Op::EditStakeholder { map, id, fields }
            }
            (
                Seen::Action(seen),
                Op::EditAction {
                    map,
                    id,
                    fields: wanted,
                },
            ) => {
                let after = Action {
                    fields: wanted,
                    ..seen.clone()
                };
                let fields = typed_onto(w.map(map).and_then(|m| m.action(id)), &seen, after).fields;
                Op::EditAction { map, id, fields }
            }
            (_, op) => op,
        }
    }
}

/// `wanted` (the record as seen, with the form's fields) made against the record as it is
/// `now`: only the fields that differ between `seen` and `wanted` change.
fn typed_onto<T: Record + PartialEq>(now: Option<&T>, seen: &T, wanted: T) -> T {
    match now {
        Some(now) if now != seen => {
            let mut merged = now.clone();
            merged.take_changes(seen, &wanted);
            merged
        }
        _ => wanted,
    }
}
use leptos::prelude::*;
use std::collections::BTreeSet;

impl Store {
    /// Writes every map not yet in storage, each under its lock, then the index. A map that
    /// cannot be written stays in memory (and unsaved) for the next attempt, so nothing is lost
    /// while storage is full.
    pub(super) fn flush(&self) {
        if self.leaving.get_value() {
            self.save_now();
            return;
        }
        let waiting: Vec<MapId> = self.unsaved.with_value(|u| u.iter().copied().collect());
        for id in waiting {
            let asked = self.saving.try_update_value(|s| s.insert(id));
            if asked != Some(true) {
                // A save of this map is already waiting for the lock; it writes the latest.
                continue;
            }
            let store = *self;
            self.backend
                .with_value(|b| b.with_lock(id, Box::new(move || store.save_locked(id))));
        }
        self.settle();
    }

    /// Saves one map while holding its lock: catches up with another tab's save first.
    fn save_locked(&self, id: MapId) {
        // The app may have gone (a test unmounting it) while the lock was awaited.
        if self.saving.try_update_value(|s| s.remove(&id)).is_none() {
            return;
        }
        self.save_one(id);
    }

    /// Writes every unsaved map at once, without waiting for locks: for the moment the page
    /// is hidden or unloaded (a reload, a closed tab), when a lock granted later would come
    /// too late and the last edit would be lost. The stored revision is still checked first.
    pub fn save_now(&self) {
        let waiting: Vec<MapId> = self.unsaved.with_value(|u| u.iter().copied().collect());
        for id in waiting {
            self.save_one(id);
        }
        self.settle();
    }

    /// Called when the page is hidden (`true`: it may be unloaded any moment, so from now on
    /// every edit, including those the forms send on their way out, is written at once) or
    /// shown again (`false`: saves wait for the lock again).
    pub fn set_leaving(&self, leaving: bool) {
        self.leaving.set_value(leaving);
        if leaving {
            self.save_now();
        }
    }

    /// Catches up with another tab's save of map `id`, then writes this tab's version.
    fn save_one(&self, id: MapId) {
        if !self.unsaved.with_value(|u| u.contains(&id)) {
            self.settle();
            return;
        }
        self.catch_up(id);
        let backend = self.backend.get_value();
        let base = self
            .base_revision
            .with_value(|r| r.get(&id).cloned().flatten());
        let result = self
            .workspace
            .with_untracked(|w| w.map(id).map(|m| backend.save_map_after(m, base.as_ref())));
        match result {
            Some(Err(e)) => {
                self.save_blocked
                    .set_value(matches!(e, SaveError::WontFit { .. }));
                self.save_problem.set(Some(e.message()));
                return;
            }
            Some(Ok(revision)) => {
                let carried = self
                    .pending_ops
                    .with_value(|p| p.get(&id).cloned().unwrap_or_default());
                self.log_revision(id, &revision, carried);
                self.base_revision.update_value(|r| {
                    r.insert(id, Some(revision));
                });
            }
            None => {}
        }
        self.unsaved.update_value(|u| {
            u.remove(&id);
        });
        self.pending_ops.update_value(|p| {
            p.remove(&id);
        });
        self.settle();
    }

    /// Removes a deleted map from storage, under its lock.
    pub(super) fn remove_stored(&self, id: MapId) {
        let store = *self;
        self.backend.with_value(|b| {
            b.with_lock(
                id,
                Box::new(move || {
                    let Some(backend) = store.backend.try_get_value() else {
                        return;
                    };
                    // Re-created meanwhile (an undo): then it is saved, not removed.
                    if store
                        .workspace
                        .try_with_untracked(|w| w.map(id).is_some())
                        .unwrap_or(true)
                    {
                        return;
                    }
                    if let Err(e) = backend.remove_map(id) {
                        store.save_problem.set(Some(e.message()));
                    }
                    store.base_revision.update_value(|r| {
                        r.remove(&id);
                    });
                }),
            )
        });
    }

    /// Once no map is waiting: writes the index if it changed, and tells the user when saving
    /// works again (or when a cleared storage has been written back).
    fn settle(&self) {
        let busy = self
            .saving
            .try_with_value(|s| !s.is_empty())
            .unwrap_or(true);
        let unsaved = self.unsaved.with_value(|u| !u.is_empty());
        if self.index_unsaved.get_value() {
            let index = SavedIndex {
                maps: self
                    .workspace
                    .with_untracked(|w| w.maps().iter().map(|m| m.id).collect()),
                current: self.current.get_untracked(),
                exported: self.exported.get_untracked(),
            };
            if let Err(e) = self.backend.with_value(|b| b.save_index(&index)) {
                self.save_problem.set(Some(e.message()));
                return;
            }
            self.index_unsaved.set_value(false);
        }
        if busy || unsaved {
            return;
        }
        self.save_blocked.set_value(false);
        self.warn_if_nearly_full();
        let was_cleared = self.cleared.get_value();
        self.cleared.set_value(false);
        if was_cleared {
            self.save_problem.set(None);
            let count = self.workspace.with_untracked(|w| w.maps().len());
            self.show(
                Tone::Info,
                format!(
                    "Your {count} map{} {} written back to this browser's storage.",
                    if count == 1 { "" } else { "s" },
                    if count == 1 { "was" } else { "were" }
                ),
                vec![format!(
                    "Storage had been cleared; this tab still held {}, so nothing was lost.",
                    if count == 1 { "it" } else { "them" }
                )],
            );
        } else if self.save_problem.get_untracked().is_some() {
            self.save_problem.set(None);
            // Never cover a more important message (a conflict, a refused file) with this one.
            let showing_error = self.notices.showing_error();
            if !showing_error {
                self.show(
                    Tone::Info,
                    "Saving works again: all changes are saved.",
                    Vec::new(),
                );
            }
        }
    }

    /// Says once, when storage passes [`super::NEARLY_FULL_PERCENT`], how full it is and what
    /// to do before saving stops.
    fn warn_if_nearly_full(&self) {
        let Some(usage) = self.backend.with_value(|b| b.usage()) else {
            return;
        };
        let percent = usage.percent();
        if percent < super::NEARLY_FULL_PERCENT - 10 {
            self.usage_warned.set_value(false);
        } else if percent >= super::NEARLY_FULL_PERCENT && !self.usage_warned.get_value() {
            self.usage_warned.set_value(true);
            self.show(
                Tone::Error,
                format!(
                    "Browser storage for this site is {percent}% full ({:.1} of {:.1} million \
                     characters).",
                    usage.used as f64 / 1e6,
                    usage.quota as f64 / 1e6
                ),
                vec![
                    "When it is full, changes can no longer be saved in this browser.".into(),
                    "Export your maps to files now, and delete maps you no longer need here."
                        .into(),
                ],
            );
        }
    }

    /// True when storage lost its list of maps although this tab wrote or read maps there:
    /// it was cleared under us.
    fn storage_was_cleared(&self) -> bool {
        let knew_stored = self
            .base_revision
            .with_value(|r| r.values().any(Option::is_some));
        knew_stored && self.backend.with_value(|b| b.load_index().is_none())
    }

    /// Takes note that storage was cleared: every map this tab holds is unsaved now, and is
    /// written back (index included) on the next edit or **Try saving again**.
    fn note_cleared(&self) {
        if self.cleared.get_value() {
            return;
        }
        self.cleared.set_value(true);
        let ids: Vec<MapId> = self
            .workspace
            .with_untracked(|w| w.maps().iter().map(|m| m.id).collect());
        let count = ids.len();
        self.backend.with_value(|b| {
            for id in &ids {
                b.forget(*id);
            }
        });
        self.unsaved.update_value(|u| u.extend(ids.iter().copied()));
        self.base_revision.update_value(|r| {
            for id in &ids {
                r.insert(*id, None);
            }
        });
        self.index_unsaved.set_value(true);
        // Not retried on the timer: the user (or another tab) may have cleared it on purpose.
        self.save_blocked.set_value(true);
        self.save_problem.set(Some(format!(
            "This site's storage was cleared (in another tab or by the browser). This tab still \
             has your {count} map{}: make any change, or press Try saving again, to write {} \
             back.",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" }
        )));
    }

    /// Brings one map up to date with what another tab saved. This tab's edits not yet saved
    /// are applied again on top of the other tab's version; if one no longer applies, neither
    /// version is dropped: this tab's is kept as a copy beside the other tab's, and the user is
    /// told.
    pub(super) fn catch_up(&self, id: MapId) {
        let backend = self.backend.get_value();
        let stored = backend.revision(id);
        let base = self
            .base_revision
            .with_value(|r| r.get(&id).cloned().flatten());
        // The same revision but another head: a save whose revision could not be written.
        if stored == base && (stored.is_none() || !backend.stale(id)) {
            return;
        }
        let ours_unsaved = self.unsaved.with_value(|u| u.contains(&id));
        if stored.is_none() {
            if self.storage_was_cleared() {
                self.note_cleared();
            } else if ours_unsaved {
                // Deleted in another tab while this tab holds edits to it: keep them; the
                // next save writes the map back.
                backend.forget(id);
                self.base_revision.update_value(|r| {
                    r.insert(id, None);
                });
            } else {
                // Deleted in the other tab.
                backend.forget(id);
                self.workspace.update(|w| w.forget_map(id));
                self.leave_if_current(id);
                self.base_revision.update_value(|r| {
                    r.remove(&id);
                });
            }
            return;
        }
        // Our own saves that the other tab did not build on (it overwrote them unseen): their
        // edits go on top of its version again, like edits not yet saved.
        let lost = stored
            .as_ref()
            .map(|rev| self.lost_ops(id, rev, base.as_ref()))
            .unwrap_or_default();
        if let Some(rev) = &stored {
            self.log_revision(id, rev, Vec::new());
        }
        let redo = !lost.is_empty();
        if redo {
            self.pending_ops.update_value(|p| {
                let pending = p.entry(id).or_default();
                let mut all = lost;
                all.append(pending);
                *pending = all;
            });
            self.unsaved.update_value(|u| {
                u.insert(id);
            });
        }
        let theirs = backend.load_map(id);
        match theirs {
            Some(theirs) if ours_unsaved || redo => self.rebase(id, theirs),
            Some(theirs) => self.workspace.update(|w| w.replace_map(theirs)),
            // Unreadable there (damaged, or a newer version): keep ours, and overwrite nothing
            // until the user decides, by saving ours as a copy.
            None => self.keep_ours_as_copy(id, None),
        }
        self.base_revision.update_value(|r| {
            r.insert(id, stored);
        });
    }

    /// How many revisions of each map this tab remembers, to tell which of its own saves another
    /// tab overwrote without seeing them.
    const REVISION_LOG: usize = 32;

    /// Remembers a revision of map `id` this tab saw or wrote (with the ops it carried).
    pub(super) fn log_revision(&self, id: MapId, rev: &Revision, ops: Vec<(Op, Timestamp)>) {
        self.rev_log.update_value(|log| {
            let entries = log.entry(id).or_default();
            entries.push((rev.token().to_owned(), ops));
            if entries.len() > Self::REVISION_LOG {
                entries.remove(0);
            }
        });
    }

    /// The ops of this tab's saves of map `id` made after the revision `theirs` built on: saves
    /// the other tab overwrote without having seen them. None when it built on the latest
    /// revision this tab knows, or on one too old to tell.
    fn lost_ops(
        &self,
        id: MapId,
        theirs: &Revision,
        base: Option<&Revision>,
    ) -> Vec<(Op, Timestamp)> {
        let Some(parent) = theirs.parent() else {
            return Vec::new();
        };
        if base.is_some_and(|b| b.token() == parent) {
            return Vec::new();
        }
        self.rev_log.with_value(|log| {
            let Some(entries) = log.get(&id) else {
                return Vec::new();
            };
            // A revision this tab wrote or saw already is no news.
            if entries.iter().any(|(token, _)| token == theirs.token()) {
                return Vec::new();
            }
            let Some(at) = entries.iter().position(|(token, _)| token == parent) else {
                return Vec::new();
            };
            entries[at + 1..]
                .iter()
                .flat_map(|(_, ops)| ops.iter().cloned())
                .collect()
        })
    }

    /// Applies this tab's unsaved edits of map `id` again on top of `theirs`.
    fn rebase(&self, id: MapId, theirs: StakeMap) {
        let ops = self
            .pending_ops
            .with_value(|p| p.get(&id).cloned().unwrap_or_default());
        let mut scratch = Workspace::from_maps(vec![theirs.clone()]);
        // An op whose record is already there was written before (a save whose last step
        // failed), so it is not a clash.
        let all_apply = ops.iter().all(|(op, at)| {
            matches!(
                scratch.apply(op.clone(), *at),
                Ok(_) | Err(crate::model::OpError::DuplicateId(_))
            )
        });
        match scratch.map(id).cloned() {
            Some(rebased) if all_apply => self.workspace.update(|w| w.replace_map(rebased)),
            _ => self.keep_ours_as_copy(id, Some(theirs)),
        }
    }

    /// Keeps this tab's version of map `id` as a new map, and puts `theirs` (when readable) in
    /// its place: nothing of either is lost.
    fn keep_ours_as_copy(&self, id: MapId, theirs: Option<StakeMap>) {
        let backend = self.backend.get_value();
        let Some(ours) = self.workspace.with_untracked(|w| w.map(id).cloned()) else {
            return;
        };
        let name = self
            .workspace
            .with_untracked(|w| crate::model::unused_map_name(w.maps(), &ours.name, " (this tab)"));
        let copy = ours.duplicate(
            self.new_map_id(),
            name.clone(),
            || backend.new_uuid(),
            self.now(),
        );
        let copy_id = copy.id;
        let readable = theirs.is_some();
        self.workspace.update(|w| {
            w.replace_map(copy);
            match theirs {
                Some(theirs) => w.replace_map(theirs),
                // What storage holds stays as it is, untouched by this tab, for the version
                // that wrote it; this tab works on its copy.
                None => w.forget_map(id),
            }
        });
        if !readable && self.current.get_untracked() == Some(id) {
            self.current.set(Some(copy_id));
            self.selection.select(None);
        }
        self.unsaved.update_value(|u| {
            u.insert(copy_id);
            u.remove(&id);
        });
        self.pending_ops.update_value(|p| {
            p.remove(&id);
        });
        self.index_unsaved.set_value(true);
        self.show(
            Tone::Error,
            format!(
                "“{}” was changed in another tab in a way that clashes with this tab's latest \
                 changes. Both versions are kept: {}, and this tab's is saved as “{name}”.",
                ours.name,
                if readable {
                    "the other tab's is open"
                } else {
                    "the other tab's stays in storage as it was (this version cannot read it)"
                }
            ),
            Vec::new(),
        );
    }

    /// Takes in what another tab changed in storage (called from the `storage` event).
    pub fn external_change(&self, change: ExternalChange) {
        match change {
            ExternalChange::Map(id) => {
                self.catch_up(id);
                self.flush();
            }
            ExternalChange::Index => {
                let Some(index) = self.backend.with_value(|b| b.load_index()) else {
                    if self.storage_was_cleared() {
                        self.note_cleared();
                    }
                    return;
                };
                // Maps created in the other tab appear here too.
                for id in &index.maps {
                    if self.workspace.with_untracked(|w| w.map(*id).is_none()) {
                        if let Some(map) = self.backend.with_value(|b| b.load_map(*id)) {
                            let revision = self.backend.with_value(|b| b.revision(*id));
                            self.workspace.update(|w| w.replace_map(map));
                            self.base_revision.update_value(|r| {
                                r.insert(*id, revision);
                            });
                        }
                    }
                }
                // Maps deleted there (and not changed unsaved here) go here too.
                let gone: Vec<MapId> = self.workspace.with_untracked(|w| {
                    w.maps()
                        .iter()
                        .map(|m| m.id)
                        .filter(|id| !index.maps.contains(id))
                        .collect()
                });
                for id in gone {
                    let known = self
                        .base_revision
                        .with_value(|r| r.get(&id).is_some_and(Option::is_some));
                    if known && self.backend.with_value(|b| b.revision(id)).is_none() {
                        self.catch_up(id);
                    }
                }
                self.exported.set(index.exported);
                self.flush();
            }
            ExternalChange::Cleared => {
                // An event can arrive late: once this tab has written its maps back, or
                // another tab re-saved them, a clear long past is no reason to write again.
                let intact = self.workspace.with_untracked(|w| {
                    w.maps().iter().all(|m| {
                        let base = self
                            .base_revision
                            .with_value(|r| r.get(&m.id).cloned().flatten());
                        base.is_none() || self.backend.with_value(|b| b.revision(m.id)) == base
                    })
                });
                if !intact {
                    self.note_cleared();
                }
            }
        }
    }

    /// True when everything this tab holds is in storage: no map waits to be written or for
    /// its lock, and the list of maps is written too.
    pub fn all_saved(&self) -> bool {
        self.unsaved.with_value(BTreeSet::is_empty)
            && self.saving.with_value(BTreeSet::is_empty)
            && !self.index_unsaved.get_value()
    }

    /// Tries saving again (the banner's "Try again"): after storage was cleared, this writes
    /// every map back.
    pub fn retry_save(&self) {
        self.flush();
    }

    /// Tries again only while saving is failing (called on a timer, so saving resumes by itself
    /// once space is freed).
    pub fn retry_save_if_failing(&self) {
        if self.save_problem.get_untracked().is_some() && !self.save_blocked.get_value() {
            self.flush();
        }
    }

    /// Removes, under each map's lock, stored pieces no head names (left by a save cut short
    /// on an earlier visit), so they stop counting against the browser's quota.
    pub(super) fn sweep_stored(&self) {
        let ids: Vec<MapId> = self
            .workspace
            .with_untracked(|w| w.maps().iter().map(|m| m.id).collect());
        let backend = self.backend.get_value();
        for id in ids {
            let swept = std::sync::Arc::clone(&backend);
            backend.with_lock(
                id,
                Box::new(move || {
                    swept.sweep(id);
                }),
            );
        }
    }
}
