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

use super::{Store, Tone};
use crate::model::MapId;
use crate::state::backend::SaveError;
use crate::state::SavedIndex;

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
    pub(super) fn save_locked(&self, id: MapId) {
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
    pub(super) fn save_one(&self, id: MapId) {
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
    pub(super) fn settle(&self) {
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
            self.notices.show(
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
                self.notices.show(
                    Tone::Info,
                    "Saving works again: all changes are saved.",
                    Vec::new(),
                );
            }
        }
    }

    /// Says once, when storage passes [`super::NEARLY_FULL_PERCENT`], how full it is and what
    /// to do before saving stops.
    pub(super) fn warn_if_nearly_full(&self) {
        let Some(usage) = self.backend.with_value(|b| b.usage()) else {
            return;
        };
        let percent = usage.percent();
        if percent < super::NEARLY_FULL_PERCENT - 10 {
            self.usage_warned.set_value(false);
        } else if percent >= super::NEARLY_FULL_PERCENT && !self.usage_warned.get_value() {
            self.usage_warned.set_value(true);
            self.notices.show(
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
    pub(super) fn storage_was_cleared(&self) -> bool {
        let knew_stored = self
            .base_revision
            .with_value(|r| r.values().any(Option::is_some));
        knew_stored && self.backend.with_value(|b| b.load_index().is_none())
    }

    /// Takes note that storage was cleared: every map this tab holds is unsaved now, and is
    /// written back (index included) on the next edit or **Try saving again**.
    pub(super) fn note_cleared(&self) {
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
