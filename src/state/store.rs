//! The one reactive store of the app: every component reads the maps from here, and every edit
//! goes through [`Store::dispatch`], which applies the operation to the pure workspace and then
//! saves what changed. Undo, history and cross-tab sync will hang off the same door.

use super::backend::{Backend, Revision, SetAside};
use super::comparison::Comparison;
use super::drafts::Draft;
use super::notices::{Notices, Tone};
use super::selection::Selection;
use super::undo::Step;
use crate::model::{
    ActionId, Attention, LocalDate, MapId, SnapshotId, StakeMap, Stakeholder, StakeholderId,
    Timestamp, TouchpointId, Workspace,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod door;
mod edits;
mod files;
mod saving;
mod sync;

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
    pending_ops: StoredValue<HashMap<MapId, Vec<sync::Timed>>>,
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
    rev_log: StoredValue<HashMap<MapId, Vec<sync::Logged>>>,
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

    /// True when the open map is a redacted copy made without positions, which has no map to
    /// draw and no quadrants to show (tracked: read it through a `Memo`, so an edit does not
    /// wake the reader).
    pub fn positions_left_out(&self) -> bool {
        self.with_current(|m| m.positions_left_out).unwrap_or(false)
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
}
