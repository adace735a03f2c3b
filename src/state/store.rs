//! The one reactive store of the app: every component reads the maps from here, and every edit
//! goes through [`Store::dispatch`], which applies the operation to the pure workspace and then
//! saves what changed. Undo, history and cross-tab sync will hang off the same door.

use super::backend::{Backend, Revision, SetAside};
use super::comparison::Comparison;
use super::drafts::Draft;
use super::notices::{Notices, Tone};
use super::selection::Selection;
use super::undo::{self, Recording, Step};
use crate::format;
use crate::model::unused_map_name;
use crate::model::{
    clean_map_name, example_map, Action, ActionFields, ActionId, Attention, LocalDate, MapId, Op,
    Position, SnapshotId, StakeMap, Stakeholder, StakeholderFields, StakeholderId, Tactic,
    Timestamp, Touched, Touchpoint, TouchpointFields, TouchpointId, Workspace,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod saving;

/// How full storage may get before the user is warned, in percent.
pub const NEARLY_FULL_PERCENT: usize = 85;

/// A destructive action waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Delete this stakeholder from the open map.
    DeleteStakeholder(StakeholderId),
    /// Delete this map.
    DeleteMap(MapId),
    /// Delete this action from the open map.
    DeleteAction(ActionId),
    /// Delete this logged contact from the open map.
    DeleteTouchpoint(TouchpointId),
    /// Delete this snapshot from the open map.
    DeleteSnapshot(SnapshotId),
    /// Delete data set aside at start-up (by its storage key).
    DiscardSetAside(String),
}

/// A change another tab made to storage (from the browser's `storage` event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternalChange {
    /// Everything was cleared.
    Cleared,
    /// The list of maps changed (a map was created, deleted or opened there).
    Index,
    /// One map was saved.
    Map(MapId),
}

/// The app's state. `Copy`, so components and closures take it by value.
#[derive(Clone, Copy)]
pub struct Store {
    workspace: RwSignal<Workspace>,
    current: RwSignal<Option<MapId>>,
    selection: Selection,
    comparison: Comparison,
    notices: Notices,
    set_aside: RwSignal<Vec<SetAside>>,
    exported: RwSignal<BTreeMap<MapId, Timestamp>>,
    persistent: RwSignal<Option<bool>>,
    save_problem: RwSignal<Option<String>>,
    pending: RwSignal<Option<Pending>>,
    today: RwSignal<LocalDate>,
    utc_offset_minutes: i32,
    attention: Memo<HashMap<StakeholderId, Attention>>,
    backend: StoredValue<Arc<dyn Backend>>,
    /// Maps changed in memory but not yet in storage (a save failed).
    unsaved: StoredValue<BTreeSet<MapId>>,
    index_unsaved: StoredValue<bool>,
    /// True while the last save was refused because the map would not fit: retrying on a timer
    /// cannot help until the user frees space or makes the map smaller.
    save_blocked: StoredValue<bool>,
    /// True once this session warned that storage is nearly full (until it is less full again).
    usage_warned: StoredValue<bool>,
    /// The stored revision of each map this tab last read or wrote. A different stored revision
    /// means another tab saved the map since.
    base_revision: StoredValue<HashMap<MapId, Option<Revision>>>,
    /// Edits applied to each map since it was last saved, in order, so they can be applied
    /// again on top of another tab's newer version (see `saving.rs`).
    pending_ops: StoredValue<HashMap<MapId, Vec<saving::Timed>>>,
    /// Maps whose save is waiting for the browser's lock.
    saving: StoredValue<BTreeSet<MapId>>,
    /// True from the moment this tab learns that storage was cleared under it until its maps
    /// are written back.
    cleared: StoredValue<bool>,
    /// True while the page is hidden or unloading: saves are written at once, not under a lock
    /// granted too late.
    leaving: StoredValue<bool>,
    /// The latest revisions of each map this tab saw or wrote, with the ops of its own saves
    /// (see `saving.rs`: a save another tab overwrote unseen is applied again).
    rev_log: StoredValue<HashMap<MapId, Vec<saving::Logged>>>,
    undo_stack: StoredValue<Vec<Step>>,
    redo_stack: StoredValue<Vec<Step>>,
    /// Labels of the next undo and redo, for the buttons (tracked copy of the stacks' tops).
    undo_labels: RwSignal<(Option<String>, Option<String>)>,
    /// True when storage held nothing at start (the example map was opened for a newcomer).
    first_visit: bool,
}

/// The store provided by the nearest [`Store::provide`].
pub fn use_store() -> Store {
    // Every component is mounted under `App`, which provides the store before rendering them.
    use_context::<Store>().unwrap_or_else(|| {
        panic!("Store::provide must run before components that use the store are rendered")
    })
}

impl Store {
    /// Loads saved maps from `backend` (or the example map on a first visit).
    pub fn start(backend: Arc<dyn Backend>) -> Self {
        let loaded = backend.load();
        let current = loaded
            .current
            .filter(|id| loaded.maps.iter().any(|m| m.id == *id))
            .or_else(|| loaded.maps.first().map(|m| m.id));
        let workspace = RwSignal::new(Workspace::from_maps(loaded.maps));
        let current = RwSignal::new(current);
        let today = RwSignal::new(backend.today());
        let utc_offset_minutes = backend.utc_offset_minutes();
        // Recomputed once per edit (or new day) for the whole map, then read per stakeholder.
        let attention = Memo::new(move |_| {
            let day = today.get();
            let Some(id) = current.get() else {
                return HashMap::new();
            };
            workspace.with(|w| {
                w.map(id)
                    .map(|m| m.attention(day, utc_offset_minutes))
                    .unwrap_or_default()
            })
        });
        let store = Store {
            workspace,
            current,
            today,
            utc_offset_minutes,
            attention,
            selection: Selection::new(),
            comparison: Comparison::new(workspace.read_only(), current.read_only()),
            notices: Notices::new(),
            set_aside: RwSignal::new(loaded.set_aside),
            exported: RwSignal::new(loaded.exported),
            persistent: RwSignal::new(None),
            save_problem: RwSignal::new(None),
            pending: RwSignal::new(None),
            backend: StoredValue::new(backend),
            unsaved: StoredValue::new(BTreeSet::new()),
            index_unsaved: StoredValue::new(false),
            save_blocked: StoredValue::new(false),
            usage_warned: StoredValue::new(false),
            base_revision: StoredValue::new(HashMap::new()),
            pending_ops: StoredValue::new(HashMap::new()),
            saving: StoredValue::new(BTreeSet::new()),
            cleared: StoredValue::new(false),
            leaving: StoredValue::new(false),
            rev_log: StoredValue::new(HashMap::new()),
            undo_stack: StoredValue::new(Vec::new()),
            redo_stack: StoredValue::new(Vec::new()),
            undo_labels: RwSignal::new((None, None)),
            first_visit: loaded.first_visit,
        };
        let revisions: HashMap<MapId, Option<Revision>> = store.workspace.with_untracked(|w| {
            w.maps()
                .iter()
                .map(|m| (m.id, store.backend.with_value(|b| b.revision(m.id))))
                .collect()
        });
        for (id, revision) in &revisions {
            if let Some(revision) = revision {
                store.log_revision(*id, revision, Vec::new());
            }
        }
        store.base_revision.set_value(revisions);
        store.sweep_stored();
        if loaded.first_visit {
            store.open_example();
            // Opening the example on a first visit is not the user's edit: nothing to undo.
            store.undo_stack.update_value(Vec::clear);
            store.refresh_undo_labels();
        }
        // A map found in storage but missing from the list of maps (a save cut short before
        // the list was written) is listed now, so other tabs hear of it too.
        let listed = store.backend.with_value(|b| b.load_index()).map(|i| i.maps);
        let held: Vec<MapId> = store
            .workspace
            .with_untracked(|w| w.maps().iter().map(|m| m.id).collect());
        let unlisted = !held.is_empty() && listed.as_ref() != Some(&held);
        if unlisted {
            store.index_unsaved.set_value(true);
        }
        if !loaded.repaired.is_empty() || unlisted {
            // Written back at once, so storage holds what the reader would accept unchanged.
            store
                .unsaved
                .update_value(|u| u.extend(loaded.repaired.iter().copied()));
            store.flush();
        }
        store.drop_orphan_drafts(loaded.problems.is_empty());
        if !loaded.problems.is_empty() {
            let mut details = loaded.problems;
            details.extend(loaded.notes);
            store.notices.show(
                Tone::Error,
                "Some saved data could not be read. Nothing was deleted.",
                details,
            );
        } else if !loaded.notes.is_empty() {
            store.notices.show(
                Tone::Info,
                "Some saved data was repaired as it was opened. Nothing was lost.",
                loaded.notes,
            );
        }
        store
    }

    /// Removes the drafts of deleted people, actions and maps, which no form can show again.
    /// `readable` is false when a stored map could not be read: its drafts stay.
    fn drop_orphan_drafts(&self, readable: bool) {
        let names = self.backend.with_value(|b| b.setting_names());
        let orphans = self.workspace.with_untracked(|w| {
            Draft::orphans(names.iter().map(String::as_str), w.maps(), readable)
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        });
        for name in orphans {
            // Best effort: a draft left behind is shown by no form and costs a few bytes.
            let _ = self.backend.with_value(|b| b.write_setting(&name, None));
        }
    }

    /// True when this is the first visit: storage held nothing, so the example map was opened.
    pub fn first_visit(&self) -> bool {
        self.first_visit
    }

    /// Makes the store, and the narrow contexts it keeps in step (selection, notices,
    /// comparison), available to every component below.
    pub fn provide(self) {
        provide_context(self);
        provide_context(self.selection);
        provide_context(self.notices);
        provide_context(self.comparison);
    }

    /// Who is selected and what the panel shows.
    pub fn selection(&self) -> Selection {
        self.selection
    }

    /// The notice on show and the live region.
    pub fn notices(&self) -> Notices {
        self.notices
    }

    /// The snapshot compared with and the moment replayed.
    pub fn comparison(&self) -> Comparison {
        self.comparison
    }

    // ----- reading -----

    /// All maps (tracked).
    pub fn workspace(&self) -> ReadSignal<Workspace> {
        self.workspace.read_only()
    }

    /// The open map's id (tracked).
    pub fn current_id(&self) -> Option<MapId> {
        self.current.get()
    }

    /// Reads the open map (tracked); `None` when no map is open.
    pub fn with_current<R>(&self, f: impl FnOnce(&StakeMap) -> R) -> Option<R> {
        let id = self.current.get()?;
        self.workspace.with(|w| w.map(id).map(f))
    }

    /// Reads the open map without subscribing.
    pub fn with_current_untracked<R>(&self, f: impl FnOnce(&StakeMap) -> R) -> Option<R> {
        let id = self.current.get_untracked()?;
        self.workspace.with_untracked(|w| w.map(id).map(f))
    }

    /// One stakeholder of the open map (tracked).
    pub fn stakeholder(&self, id: StakeholderId) -> Option<Stakeholder> {
        self.with_current(|m| m.get(id).cloned()).flatten()
    }

    /// Why the last save failed, while saving is failing (tracked).
    pub fn save_problem(&self) -> Option<String> {
        self.save_problem.get()
    }

    /// The action awaiting confirmation (tracked).
    pub fn pending(&self) -> Option<Pending> {
        self.pending.get()
    }

    /// Today on the user's calendar (tracked; see [`Store::refresh_today`]).
    pub fn today(&self) -> LocalDate {
        self.today.get()
    }

    /// Re-reads the calendar day, so "overdue" stays right across midnight.
    pub fn refresh_today(&self) {
        let day = self.backend.with_value(|b| b.today());
        if self.today.get_untracked() != day {
            self.today.set(day);
        }
    }

    /// How far the user's clock is ahead of UTC, in minutes.
    pub fn utc_offset_minutes(&self) -> i32 {
        self.utc_offset_minutes
    }

    /// What needs attention for one stakeholder of the open map (tracked).
    pub fn attention(&self, id: StakeholderId) -> Option<Attention> {
        self.attention.with(|a| a.get(&id).copied())
    }

    /// What needs attention for every stakeholder of the open map (tracked).
    pub fn attention_map(&self) -> Memo<HashMap<StakeholderId, Attention>> {
        self.attention
    }

    // ----- the door -----

    /// Applies one edit and saves what it touched. Returns false (and shows why) when the edit
    /// could not be applied; nothing changes then.
    pub fn dispatch(&self, op: Op) -> bool {
        self.apply_op(op, Recording::Edit)
    }

    fn refresh_undo_labels(&self) {
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
    fn announce_position(&self, map: MapId, id: StakeholderId, added: bool) {
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
                self.notify(Tone::Error, e.message());
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
    fn replay(&self, from: StoredValue<Vec<Step>>, to: StoredValue<Vec<Step>>, verb: &str) -> bool {
        let Some(step) = from.try_update_value(|s| s.pop()).flatten() else {
            return false;
        };
        let mut reverse = None;
        let ok = self.apply_op(step.op().clone(), Recording::Replay(&mut reverse));
        if ok {
            self.show_map_of(step.op());
            self.notify(Tone::Info, format!("{verb}: {}.", step.label()));
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
    fn show_map_of(&self, op: &Op) {
        let id = op.map();
        if self.current.get_untracked() != Some(id)
            && self.workspace.with_untracked(|w| w.map(id).is_some())
        {
            self.switch_map(id);
        }
    }

    /// The door itself. What takes the op back is read just before it applies, on the version
    /// it applies to; `record` says where that goes (see [`Recording`]).
    fn apply_op(&self, mut op: Op, record: Recording<'_>) -> bool {
        if !matches!(op, Op::CreateMap(_) | Op::RestoreMap(_)) {
            // Another tab may have saved this map since we last looked: build on its version
            // (a form's edit keeps only the fields the user changed).
            let seen = self.workspace.with_untracked(|w| saving::Seen::of(w, &op));
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
    fn apply_now(&self, op: Op) -> Option<bool> {
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
                self.show(Tone::Error, e.to_string(), Vec::new());
                None
            }
            None => None,
        }
    }

    /// When the open map `id` has gone, opens the first remaining one with nothing selected;
    /// true when it was open.
    fn leave_if_current(&self, id: MapId) -> bool {
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

    /// Shows a notice with detail lines.
    pub(crate) fn show(&self, tone: Tone, title: impl Into<String>, details: Vec<String>) {
        self.notices.show(tone, title, details);
    }

    /// Shows a one-line notice.
    pub(crate) fn notify(&self, tone: Tone, title: impl Into<String>) {
        self.notices.notify(tone, title);
    }

    /// A fresh random id.
    pub(crate) fn new_uuid(&self) -> uuid::Uuid {
        self.backend.with_value(|b| b.new_uuid())
    }

    fn new_map_id(&self) -> MapId {
        MapId(self.backend.with_value(|b| b.new_uuid()))
    }

    fn new_stakeholder_id(&self) -> StakeholderId {
        StakeholderId(self.backend.with_value(|b| b.new_uuid()))
    }

    /// The time now, from the backend's clock.
    pub(crate) fn now(&self) -> crate::model::Timestamp {
        self.backend.with_value(|b| b.now())
    }

    // ----- maps -----

    /// Opens a map.
    pub fn switch_map(&self, id: MapId) {
        if self.current.get_untracked() == Some(id)
            || self.workspace.with_untracked(|w| w.map(id).is_none())
        {
            return;
        }
        self.current.set(Some(id));
        self.selection.clear();
        self.comparison.reset();
        self.index_unsaved.set_value(true);
        self.flush();
    }

    fn create_and_open(&self, map: StakeMap) -> bool {
        let id = map.id;
        if self.dispatch(Op::CreateMap(map)) {
            self.current.set(Some(id));
            self.selection.clear();
            self.index_unsaved.set_value(true);
            self.flush();
            true
        } else {
            false
        }
    }

    /// A name no map here has, within the name limit: `base`, or "base 2", "base 3" …, the
    /// base shortened with "…" when it would not fit. For a name with a suffix, use
    /// `unused_map_name(w.maps(), base, " (copy)")`, which keeps the suffix whole.
    fn unused_name(&self, base: &str) -> String {
        self.workspace
            .with_untracked(|w| unused_map_name(w.maps(), base, ""))
    }

    /// Starts a blank map and opens it.
    pub fn new_map(&self) {
        let name = self.unused_name("Untitled map");
        let map = StakeMap::new(self.new_map_id(), name, self.now());
        self.create_and_open(map);
    }

    /// Adds a fresh copy of the worked example and opens it.
    pub fn open_example(&self) {
        let today = self.backend.with_value(|b| b.today());
        let mut map = example_map(
            self.new_map_id(),
            || self.backend.with_value(|b| b.new_uuid()),
            self.now(),
            today,
        );
        map.name = self.unused_name(&map.name);
        self.create_and_open(map);
    }

    /// Copies a map (with new ids) and opens the copy.
    pub fn duplicate_map(&self, id: MapId) {
        let Some(original) = self.workspace.with_untracked(|w| w.map(id).cloned()) else {
            return;
        };
        // The suffix is fitted, not appended: a copy of a copy of a long name must still be
        // a name the reader accepts.
        let name = self
            .workspace
            .with_untracked(|w| unused_map_name(w.maps(), &original.name, " (copy)"));
        let copy = original.duplicate(
            self.new_map_id(),
            name,
            || self.backend.with_value(|b| b.new_uuid()),
            self.now(),
        );
        self.create_and_open(copy);
    }

    /// Renames a map; returns the reason when the name is not acceptable.
    pub fn rename_map(&self, id: MapId, name: &str) -> Result<(), String> {
        let name = clean_map_name(name).map_err(|e| e.to_string())?;
        self.dispatch(Op::RenameMap { map: id, name });
        Ok(())
    }

    // ----- confirmation -----

    /// Asks the user to confirm a destructive action.
    pub fn request(&self, pending: Pending) {
        self.pending.set(Some(pending));
    }

    /// Carries out the action awaiting confirmation.
    pub fn confirm_pending(&self) {
        let Some(pending) = self.pending.get_untracked() else {
            return;
        };
        self.pending.set(None);
        match pending {
            Pending::DeleteMap(map) => {
                self.dispatch(Op::DeleteMap { map });
            }
            Pending::DeleteStakeholder(id) => {
                if let Some(map) = self.current.get_untracked() {
                    if self.dispatch(Op::DeleteStakeholder { map, id }) {
                        self.selection.forget(id);
                    }
                }
            }
            Pending::DeleteAction(id) => {
                if let Some(map) = self.current.get_untracked() {
                    self.dispatch(Op::DeleteAction { map, id });
                }
            }
            Pending::DeleteTouchpoint(id) => {
                if let Some(map) = self.current.get_untracked() {
                    self.dispatch(Op::DeleteTouchpoint { map, id });
                }
            }
            Pending::DiscardSetAside(key) => {
                self.backend.with_value(|b| b.remove_raw(&key));
                self.set_aside.update(|list| list.retain(|s| s.key != key));
            }
            Pending::DeleteSnapshot(id) => {
                if let Some(map) = self.current.get_untracked() {
                    if self.dispatch(Op::DeleteSnapshot { map, id }) {
                        self.comparison.forget(id);
                    }
                }
            }
        }
    }

    /// Drops the action awaiting confirmation.
    pub fn cancel_pending(&self) {
        self.pending.set(None);
    }

    // ----- stakeholders -----

    /// Adds a stakeholder to the open map and selects it.
    pub fn add_stakeholder(&self, fields: StakeholderFields) -> Option<StakeholderId> {
        let map = self.current.get_untracked()?;
        let id = self.new_stakeholder_id();
        let stakeholder = Stakeholder::new(id, fields, self.now());
        if self.dispatch(Op::AddStakeholder { map, stakeholder }) {
            self.selection.select(Some(id));
            Some(id)
        } else {
            None
        }
    }

    /// Replaces a stakeholder's fields.
    pub fn edit_stakeholder(&self, id: StakeholderId, fields: StakeholderFields) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::EditStakeholder { map, id, fields }),
            None => false,
        }
    }

    /// Moves a stakeholder.
    pub fn move_stakeholder(&self, id: StakeholderId, to: Position) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::MoveStakeholder { map, id, to }),
            None => false,
        }
    }

    // ----- plan and contacts -----

    /// Plans an action for a stakeholder; returns its id.
    pub fn add_action(&self, stakeholder: StakeholderId, fields: ActionFields) -> Option<ActionId> {
        let map = self.current.get_untracked()?;
        let id = ActionId(self.backend.with_value(|b| b.new_uuid()));
        let now = self.now();
        let action = Action {
            id,
            stakeholder,
            fields,
            created_at: now,
            updated_at: now,
        };
        self.dispatch(Op::AddAction { map, action }).then_some(id)
    }

    /// Turns a playbook suggestion into a planned action.
    pub fn plan_tactic(&self, stakeholder: StakeholderId, tactic: Tactic) -> Option<ActionId> {
        self.add_action(stakeholder, ActionFields::from_tactic(tactic))
    }

    /// Replaces an action's fields (status changes included).
    pub fn edit_action(&self, id: ActionId, fields: ActionFields) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::EditAction { map, id, fields }),
            None => false,
        }
    }

    /// Logs a contact; a reading in it moves the stakeholder.
    pub fn log_touchpoint(&self, stakeholder: StakeholderId, fields: TouchpointFields) -> bool {
        let Some(map) = self.current.get_untracked() else {
            return false;
        };
        let touchpoint = Touchpoint {
            id: TouchpointId(self.backend.with_value(|b| b.new_uuid())),
            stakeholder,
            date: fields.date,
            channel: fields.channel,
            sentiment: fields.sentiment,
            note: fields.note,
            influence: fields.influence,
            skepticism: fields.skepticism,
            created_at: self.now(),
        };
        self.dispatch(Op::LogTouchpoint { map, touchpoint })
    }

    // ----- set-aside data -----

    /// Data set aside because it could not be read (tracked).
    pub fn set_aside(&self) -> Vec<SetAside> {
        self.set_aside.get()
    }

    /// The raw text of set-aside data, for download.
    pub fn set_aside_text(&self, key: &str) -> Option<String> {
        self.backend.with_value(|b| b.read_raw(key))
    }

    // ----- trust over time -----

    /// Sets (or clears) where the plan aims to move a stakeholder.
    pub fn set_target(&self, id: StakeholderId, target: Option<Position>) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::SetTarget { map, id, target }),
            None => false,
        }
    }

    /// Saves a named snapshot of the open map; returns its id.
    pub fn take_snapshot(&self, name: &str) -> Result<SnapshotId, String> {
        let name = clean_map_name(name).map_err(|e| e.to_string())?;
        let map = self.current.get_untracked().ok_or("No map is open.")?;
        let id = SnapshotId(self.backend.with_value(|b| b.new_uuid()));
        let now = self.now();
        let snapshot = self
            .workspace
            .with_untracked(|w| w.map(map).map(|m| m.capture(id, name, now)))
            .ok_or("No map is open.")?;
        if self.dispatch(Op::TakeSnapshot { map, snapshot }) {
            Ok(id)
        } else {
            Err("The snapshot could not be saved.".into())
        }
    }

    /// Renames a snapshot; returns the reason when the name is not acceptable.
    pub fn rename_snapshot(&self, id: SnapshotId, name: &str) -> Result<(), String> {
        let name = clean_map_name(name).map_err(|e| e.to_string())?;
        let map = self.current.get_untracked().ok_or("No map is open.")?;
        self.dispatch(Op::RenameSnapshot { map, id, name });
        Ok(())
    }

    /// The open map's snapshots as (id, name, when taken), oldest first (tracked).
    pub fn snapshot_list(&self) -> Vec<(SnapshotId, String, Timestamp)> {
        self.with_current(|m| {
            m.snapshots()
                .iter()
                .map(|s| (s.id, s.name.clone(), s.taken_at))
                .collect()
        })
        .unwrap_or_default()
    }

    /// The current time from the backend.
    pub fn clock(&self) -> Timestamp {
        self.now()
    }

    // ----- files -----

    /// Opens a file's text as a new map. A broken file changes nothing and shows what is wrong.
    pub fn import_text(&self, file_name: &str, text: &str) -> bool {
        self.import_bytes(file_name, text.as_bytes())
    }

    /// Opens a file's bytes as a new map. A broken file changes nothing and shows what is wrong;
    /// a file the reader had to repair opens, and the notice lists the repairs.
    pub fn import_bytes(&self, file_name: &str, bytes: &[u8]) -> bool {
        match format::read_bytes(bytes, self.now()) {
            Err(e) => {
                self.reject_file(file_name, &e);
                false
            }
            Ok(read) => self.open_as_new_map(read.map, read.repairs),
        }
    }

    /// Adds a map read from a file as a new map and opens it. A map with the same id as one
    /// already here opens beside it under a new id: nothing is ever replaced silently.
    /// `repairs` are what the reader changed to make the file fit today's rules (see
    /// `format::Read`); the notice lists them.
    pub fn open_as_new_map(&self, mut map: StakeMap, repairs: Vec<String>) -> bool {
        let clash = self.workspace.with_untracked(|w| w.map(map.id).is_some());
        let suffix = if clash { " (imported)" } else { "" };
        if clash {
            map.id = self.new_map_id();
        }
        map.name = self
            .workspace
            .with_untracked(|w| unused_map_name(w.maps(), &map.name, suffix));
        let title = format!(
            "Imported “{}” with {} stakeholder{} as a new map.",
            map.name,
            map.len(),
            if map.len() == 1 { "" } else { "s" }
        );
        let mut details = if map.redacted {
            vec![
                "This is a redacted copy: people are shown by initials or codes, and notes, \
                  concerns, roles and outcomes were removed before it was shared."
                    .to_owned(),
            ]
        } else {
            Vec::new()
        };
        if !repairs.is_empty() {
            details.push(
                "Some of it was outside today's rules and was repaired on the way in (the file \
                 itself is unchanged):"
                    .to_owned(),
            );
            details.extend(repairs);
        }
        let ok = self.create_and_open(map);
        if ok {
            self.show(Tone::Info, title, details);
        }
        ok
    }

    /// Tells the user a file was refused, why, and that nothing changed: one wording for every
    /// file (map, spreadsheet, participant's copy) and every reason (too large, broken, …).
    pub fn reject_file(&self, file_name: &str, error: &format::ImportError) {
        let mut details = vec![error.headline()];
        details.extend(error.details());
        self.show(
            Tone::Error,
            format!("“{file_name}” was not imported. Nothing was changed."),
            details,
        );
    }

    /// The open map as a file: its download name and its text. Records the export time, so
    /// the reminder to save a file knows when the last copy was made.
    pub fn export_current(&self) -> Option<(String, String)> {
        let backend = self.backend.get_value();
        let now = backend.now();
        let file = self.with_current_untracked(|m| {
            (
                m.id,
                format::export_file_name(&m.name, backend.today()),
                format::to_json(m, now),
            )
        })?;
        self.exported.update(|e| {
            e.insert(file.0, now);
        });
        self.index_unsaved.set_value(true);
        self.flush();
        Some((file.1, file.2))
    }

    /// When the open map was last exported (tracked).
    pub fn last_export(&self) -> Option<Timestamp> {
        let id = self.current.get()?;
        self.exported.with(|e| e.get(&id).copied())
    }

    /// Days since the open map was last saved to a file, when a reminder is due (tracked; see
    /// `model::export_nudge`).
    pub fn export_nudge(&self) -> Option<i64> {
        let _day = self.today.get();
        let last = self.last_export();
        let now = self.now();
        self.with_current(|m| crate::model::export_nudge(m.created_at, m.updated_at, last, now))
            .flatten()
    }

    /// Whether the browser agreed to keep this site's storage (tracked; `None` until asked).
    pub fn persistent(&self) -> Option<bool> {
        self.persistent.get()
    }

    /// Records the browser's answer to the request for persistent storage.
    pub fn set_persistent(&self, granted: bool) {
        self.persistent.set(Some(granted));
    }
}
