//! Who is selected and what the side panel shows: a narrow context for the views that need
//! only that (the map, the list, the panel), apart from the maps themselves.

use crate::model::StakeholderId;
use leptos::prelude::*;

/// Which part of a stakeholder the side panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelTab {
    /// The details form.
    Details,
    /// Suggestions and actions.
    Plan,
    /// Cadence and the contact log.
    Contacts,
    /// Evidence that suits them, and what was shared with them.
    Evidence,
    /// Position history.
    History,
    /// Who they listen to and who listens to them, and who can move them.
    Network,
}

/// The selected stakeholder, whether the "add stakeholder" form is open, and the panel's
/// part. `Copy`, so components and closures take it by value.
#[derive(Clone, Copy)]
pub struct Selection {
    selected: RwSignal<Option<StakeholderId>>,
    adding: RwSignal<bool>,
    panel_tab: RwSignal<PanelTab>,
    connect_to: RwSignal<Option<StakeholderId>>,
}

impl Selection {
    pub(crate) fn new() -> Self {
        Self {
            selected: RwSignal::new(None),
            adding: RwSignal::new(false),
            panel_tab: RwSignal::new(PanelTab::Details),
            connect_to: RwSignal::new(None),
        }
    }

    /// The selected stakeholder's id (tracked).
    pub fn selected(&self) -> Option<StakeholderId> {
        self.selected.get()
    }

    /// The selected stakeholder's id, untracked (for event handlers).
    pub fn selected_untracked(&self) -> Option<StakeholderId> {
        self.selected.get_untracked()
    }

    /// Selects a stakeholder (or clears the selection), closing the "add" form.
    pub fn select(&self, id: Option<StakeholderId>) {
        self.adding.set(false);
        self.selected.set(id);
    }

    /// Selects a stakeholder and shows one part of them in the panel.
    pub fn open_stakeholder(&self, id: StakeholderId, tab: PanelTab) {
        self.select(Some(id));
        self.panel_tab.set(tab);
    }

    /// The panel's current part (tracked).
    pub fn panel_tab(&self) -> PanelTab {
        self.panel_tab.get()
    }

    /// Shows another part of the selected stakeholder.
    pub fn set_panel_tab(&self, tab: PanelTab) {
        self.panel_tab.set(tab);
    }

    /// The person a connect gesture on the map ended on, to prefill the selected person's new
    /// relationship with (tracked).
    pub fn connect_to(&self) -> Option<StakeholderId> {
        self.connect_to.get()
    }

    /// Opens the selected person's Network tab to record a relationship with `other` (the map's
    /// connect gesture); `None` once the form has taken it.
    pub fn set_connect_to(&self, other: Option<StakeholderId>) {
        if other.is_some() {
            self.panel_tab.set(PanelTab::Network);
        }
        self.connect_to.set(other);
    }

    /// True while the panel shows the "add stakeholder" form (tracked).
    pub fn adding(&self) -> bool {
        self.adding.get()
    }

    /// True while the panel shows the "add stakeholder" form, not tracked.
    pub fn adding_untracked(&self) -> bool {
        self.adding.get_untracked()
    }

    /// Opens the empty "add stakeholder" form.
    pub fn start_adding(&self) {
        self.selected.set(None);
        self.adding.set(true);
    }

    /// Closes the "add stakeholder" form without adding.
    pub fn stop_adding(&self) {
        self.adding.set(false);
    }

    /// Nothing selected and no form open (another map was opened).
    pub fn clear(&self) {
        self.selected.set(None);
        self.adding.set(false);
    }

    /// Clears the selection when it is `id` (who was just deleted).
    pub(crate) fn forget(&self, id: StakeholderId) {
        if self.selected.get_untracked() == Some(id) {
            self.selected.set(None);
        }
    }
}

/// The selection provided by the nearest `Store::provide`.
pub fn use_selection() -> Selection {
    // Every component is mounted under `App`, which provides it before rendering them.
    use_context::<Selection>().unwrap_or_else(|| {
        panic!("Store::provide must run before components that use the selection are rendered")
    })
}
