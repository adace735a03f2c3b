//! The one door every edit goes through: apply the op to the pure workspace, record it for
//! undo, save what it touched, announce the result; and undo and redo, which go through it too.

use super::{sync, Store};
use crate::model::{MapId, Op, StakeholderId, Touched};
use crate::state::notices::Tone;
use crate::state::undo::{self, Recording, Step};
use leptos::prelude::*;

impl Store {
    /// Applies one edit and saves what it touched. Returns false (and shows why) when the edit
    /// could not be applied; nothing changes then.
    pub fn dispatch(&self, op: Op) -> bool {
        self.apply_op(op, Recording::Edit)
    }

    pub(super) fn refresh_undo_labels(&self) {
        let top = |s: &Vec<Step>| s.last().map(|s| s.label().to_owned());
        let labels = (
            self.undo_stack.with_value(top),
            self.redo_stack.with_value(top),
        );
        if self.undo_labels.with_untracked(|l| *l != labels) {
            self.undo_labels.set(labels);
        }
    }

    /// Puts where a stakeholder now stands into the live region.
    pub(super) fn announce_position(&self, map: MapId, id: StakeholderId, added: bool) {
        let describe = if added {
            crate::model::describe_added
        } else {
            crate::model::describe_move
        };
        let words = self.workspace.with_untracked(|w| {
            w.map(map)
                .and_then(|m| m.get(id))
                .map(|s| describe(s.name(), s.position()))
        });
        if let Some(words) = words {
            self.notices.announce(words);
        }
    }

    /// A small setting kept beside the maps (see [`Backend::read_setting`]).
    pub fn setting(&self, name: &str) -> Option<String> {
        self.backend.with_value(|b| b.read_setting(name))
    }

    /// Keeps a setting; tells the user when storage refused it.
    pub fn set_setting(&self, name: &str, value: Option<&str>) -> bool {
        match self.backend.with_value(|b| b.write_setting(name, value)) {
            Ok(()) => true,
            Err(e) => {
                self.notices.notify(Tone::Error, e.message());
                false
            }
        }
    }

    /// What "Undo" would undo, if anything (tracked).
    pub fn undo_label(&self) -> Option<String> {
        self.undo_labels.with(|l| l.0.clone())
    }

    /// What "Redo" would redo, if anything (tracked).
    pub fn redo_label(&self) -> Option<String> {
        self.undo_labels.with(|l| l.1.clone())
    }

    /// Undoes the last edit (of any map; that map is opened so the user sees it). Only the
    /// records and fields that edit touched change, on top of the latest version of the map.
    pub fn undo(&self) -> bool {
        self.replay(self.undo_stack, self.redo_stack, "Undone")
    }

    /// Redoes the last undone edit, as scoped as its undo.
    pub fn redo(&self) -> bool {
        self.replay(self.redo_stack, self.undo_stack, "Redone")
    }

    /// How many edits can be undone now.
    pub fn undo_steps(&self) -> usize {
        self.undo_stack.with_value(Vec::len)
    }

    /// Forgets every step that could be undone or redone (and the memory they hold).
    pub fn clear_undo(&self) {
        self.undo_stack.set_value(Vec::new());
        self.redo_stack.set_value(Vec::new());
        self.refresh_undo_labels();
    }

    /// Takes the top step off `from` and applies its op; what takes that back, read from the
    /// version it applied to, goes on `to`. A step that can no longer apply (what it restores
    /// was deleted meanwhile) changes nothing, says why, and is dropped.
    pub(super) fn replay(
        &self,
        from: StoredValue<Vec<Step>>,
        to: StoredValue<Vec<Step>>,
        verb: &str,
    ) -> bool {
        let Some(step) = from.try_update_value(|s| s.pop()).flatten() else {
            return false;
        };
        let mut reverse = None;
        let ok = self.apply_op(step.op().clone(), Recording::Replay(&mut reverse));
        if ok {
            self.show_map_of(step.op());
            self.notices
                .notify(Tone::Info, format!("{verb}: {}.", step.label()));
            if let Some(reverse) = reverse {
                to.update_value(|s| s.push(step.turned(reverse)));
            }
        }
        // The next edit is a step of its own, never folded into one undone or redone.
        self.undo_stack.update_value(|s| undo::seal(s));
        self.refresh_undo_labels();
        ok
    }

    /// Opens the map an undone or redone edit was about, if it still exists.
    pub(super) fn show_map_of(&self, op: &Op) {
        let id = op.map();
        if self.current.get_untracked() != Some(id)
            && self.workspace.with_untracked(|w| w.map(id).is_some())
        {
            self.switch_map(id);
        }
    }

    /// The door itself. What takes the op back is read just before it applies, on the version
    /// it applies to; `record` says where that goes (see [`Recording`]).
    pub(super) fn apply_op(&self, mut op: Op, record: Recording<'_>) -> bool {
        if !matches!(op, Op::CreateMap(_) | Op::RestoreMap(_)) {
            // Another tab may have saved this map since we last looked: build on its version
            // (a form's edit keeps only the fields the user changed).
            let seen = self.workspace.with_untracked(|w| sync::Seen::of(w, &op));
            self.catch_up(op.map());
            op = self.workspace.with_untracked(|w| seen.rebase(w, op));
        }
        let now = self.now();
        let step = self.workspace.with_untracked(|w| Step::before(w, &op, now));
        let placed = match &op {
            Op::MoveStakeholder { map, id, .. } => Some((*map, *id, false)),
            Op::AddStakeholder { map, stakeholder } => Some((*map, stakeholder.id, true)),
            _ => None,
        };
        let result = self.apply_now(op);
        if let (Some(true), Some((map, id, added))) = (result, placed) {
            self.announce_position(map, id, added);
        }
        match (record, step) {
            (Recording::Edit, Some(mut step)) if result == Some(true) => {
                self.workspace.with_untracked(|w| step.settle(w));
                self.undo_stack.update_value(|s| undo::push(s, step));
                self.redo_stack.update_value(Vec::clear);
                self.refresh_undo_labels();
            }
            (Recording::Replay(reverse), Some(step)) if result.is_some() => {
                *reverse = Some(step.into_op());
            }
            _ => {}
        }
        result.is_some()
    }

    /// Applies and saves; `Some(true)` when something changed, `Some(false)` when the edit
    /// was valid but changed nothing, `None` when it failed.
    pub(super) fn apply_now(&self, op: Op) -> Option<bool> {
        let now = self.backend.with_value(|b| b.now());
        // A map coming (back) into the workspace changes the list of maps too.
        let adds_map = matches!(op, Op::CreateMap(_) | Op::RestoreMap(_));
        let mut outcome = None;
        let kept = op.clone();
        self.workspace.maybe_update(|w| {
            let result = w.apply(op, now);
            let changed = matches!(result, Ok(Touched::Map(_) | Touched::RemovedMap(_)));
            outcome = Some(result);
            changed
        });
        match outcome {
            Some(Ok(Touched::Map(id))) => {
                self.unsaved.update_value(|u| {
                    u.insert(id);
                });
                self.pending_ops
                    .update_value(|p| p.entry(id).or_default().push((kept, now)));
                if adds_map {
                    self.index_unsaved.set_value(true);
                }
                self.flush();
                Some(true)
            }
            Some(Ok(Touched::RemovedMap(id))) => {
                self.unsaved.update_value(|u| {
                    u.remove(&id);
                });
                self.pending_ops.update_value(|p| {
                    p.remove(&id);
                });
                if self.leave_if_current(id) {
                    self.selection.clear();
                }
                self.remove_stored(id);
                self.index_unsaved.set_value(true);
                self.flush();
                Some(true)
            }
            Some(Ok(Touched::Nothing)) => Some(false),
            Some(Err(e)) => {
                self.notices.show(Tone::Error, e.to_string(), Vec::new());
                None
            }
            None => None,
        }
    }

    /// When the open map `id` has gone, opens the first remaining one with nothing selected;
    /// true when it was open.
    pub(super) fn leave_if_current(&self, id: MapId) -> bool {
        if self.current.get_untracked() != Some(id) {
            return false;
        }
        let next = self
            .workspace
            .with_untracked(|w| w.maps().first().map(|m| m.id));
        self.current.set(next);
        self.selection.select(None);
        true
    }

    /// A fresh random id.
    pub(crate) fn new_uuid(&self) -> uuid::Uuid {
        self.backend.with_value(|b| b.new_uuid())
    }

    pub(super) fn new_map_id(&self) -> MapId {
        MapId(self.backend.with_value(|b| b.new_uuid()))
    }

    pub(super) fn new_stakeholder_id(&self) -> StakeholderId {
        StakeholderId(self.backend.with_value(|b| b.new_uuid()))
    }

    /// The time now, from the backend's clock.
    pub(crate) fn now(&self) -> crate::model::Timestamp {
        self.backend.with_value(|b| b.now())
    }
}
