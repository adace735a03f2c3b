//! Looking back: the snapshot the map is compared with, the moment being replayed, and the
//! offer to take a baseline. A narrow context for the snapshot bar and the map's overlays.

use crate::model::{MapId, SnapshotId, Timestamp, Workspace};
use leptos::prelude::*;
use std::collections::HashSet;

/// What the map is compared with or replayed at. `Copy`.
#[derive(Clone, Copy)]
pub struct Comparison {
    compare_with: RwSignal<Option<SnapshotId>>,
    replay_at: RwSignal<Option<Timestamp>>,
    baseline_declined: RwSignal<HashSet<MapId>>,
    workspace: ReadSignal<Workspace>,
    current: ReadSignal<Option<MapId>>,
}

impl Comparison {
    pub(crate) fn new(
        workspace: ReadSignal<Workspace>,
        current: ReadSignal<Option<MapId>>,
    ) -> Self {
        Self {
            compare_with: RwSignal::new(None),
            replay_at: RwSignal::new(None),
            baseline_declined: RwSignal::new(HashSet::new()),
            workspace,
            current,
        }
    }

    /// The snapshot the map is being compared with (tracked).
    pub fn compare_with(&self) -> Option<SnapshotId> {
        self.compare_with.get()
    }

    /// Compares the map with a snapshot (or stops comparing).
    pub fn set_compare_with(&self, id: Option<SnapshotId>) {
        self.compare_with.set(id);
    }

    /// The moment being replayed, when the timeline is in use (tracked).
    pub fn replay_at(&self) -> Option<Timestamp> {
        self.replay_at.get()
    }

    /// Replays positions at a moment (or returns to now).
    pub fn set_replay_at(&self, at: Option<Timestamp>) {
        self.replay_at.set(at);
    }

    /// True when the open map has stakeholders but no snapshot yet, and the user has not said
    /// "not now" in this session (tracked).
    pub fn offer_baseline(&self) -> bool {
        let Some(id) = self.current.get() else {
            return false;
        };
        if self.baseline_declined.with(|d| d.contains(&id)) {
            return false;
        }
        self.workspace.with(|w| {
            w.map(id)
                .is_some_and(|m| !m.is_empty() && m.snapshots().is_empty())
        })
    }

    /// Hides the baseline offer for the open map until the next visit.
    pub fn decline_baseline(&self) {
        if let Some(id) = self.current.get_untracked() {
            self.baseline_declined.update(|d| {
                d.insert(id);
            });
        }
    }

    /// Back to now, comparing with nothing (another map was opened).
    pub(crate) fn reset(&self) {
        self.compare_with.set(None);
        self.replay_at.set(None);
    }

    /// Stops comparing with `id` (it was just deleted).
    pub(crate) fn forget(&self, id: SnapshotId) {
        if self.compare_with.get_untracked() == Some(id) {
            self.compare_with.set(None);
        }
    }
}

/// The comparison provided by the nearest `Store::provide`.
pub fn use_comparison() -> Comparison {
    // Every component is mounted under `App`, which provides it before rendering them.
    use_context::<Comparison>().unwrap_or_else(|| {
        panic!("Store::provide must run before components that compare are rendered")
    })
}
