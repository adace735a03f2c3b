//! How this tab stays in step with other tabs of the same browser: a map another tab saved
//! is read and this tab's unsaved edits are applied again on top of it (`catch_up`), a save
//! another tab overwrote unseen is applied again (`lost_ops`), a form's edit changes only the
//! fields typed (`Seen`), and the browser's storage events are taken in (`storage_event`,
//! `external_change`). See `saving.rs` for the whole story.

use super::{ExternalChange, Store, Tone};
use crate::model::{Action, Op, Record, Stakeholder, Timestamp};
use crate::model::{MapId, StakeMap, Workspace};
use crate::state::Revision;
use leptos::prelude::*;

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

impl Store {
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
    pub(super) fn lost_ops(
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
    pub(super) fn rebase(&self, id: MapId, theirs: StakeMap) {
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
    pub(super) fn keep_ours_as_copy(&self, id: MapId, theirs: Option<StakeMap>) {
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
        self.notices.show(
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

    /// Takes in the browser's `storage` event for `key` (`None`: storage was cleared), written
    /// by another tab; keys of no interest are ignored.
    pub fn storage_event(&self, key: Option<String>) {
        if let Some(change) = crate::state::stored_backend::classify_storage_key(key) {
            self.external_change(change);
        }
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
}
