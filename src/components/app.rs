//! The page: header with the map bar and file actions, the map or list, and the side panel.

use super::confirm_dialog::ConfirmDialog;
use super::contact_due_list::ContactDueList;
use super::file_actions::{DropZone, FileActions};
use super::map_bar::MapBar;
use super::map_canvas::MapCanvas;
use super::merge_dialog::MergeDialog;
use super::notices::Notices;
use super::plan_board::PlanBoard;
use super::progress_report::ProgressReport;
use super::sheet_dialog::SheetDialog;
use super::stakeholder_list::StakeholderList;
use super::stakeholder_panel::StakeholderPanel;
use super::toggle_button::ToggleButton;
use super::undo_buttons::UndoButtons;
use super::workshop_round::WorkshopRound;
use crate::adapters::browser_backend::BrowserBackend;
use crate::state::{Backend, Sharing, Store};
use leptos::prelude::*;
use std::sync::Arc;

/// Which view fills the main area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MainView {
    Map,
    List,
    Plan,
    Due,
    Report,
    Workshop,
}

/// Mounts the app on the page body with browser storage behind it.
pub fn mount() {
    crate::adapters::crash::install();
    leptos::mount::mount_to_body(|| view! { <App backend=Arc::new(BrowserBackend::default()) /> });
}

/// The whole app, saving through `backend`.
#[component]
pub fn App(backend: Arc<dyn Backend>) -> impl IntoView {
    let store = Store::start(backend);
    store.provide();
    Sharing::new(store).provide();
    leptos::task::spawn_local(async move {
        if let Some(granted) = crate::adapters::durable::request_persistence().await {
            store.set_persistent(granted);
        }
    });
    let view_mode = RwSignal::new(MainView::Map);
    let has_map = move || store.current_id().is_some();
    // "Overdue" must stay right across midnight without a reload.
    if let Ok(handle) = set_interval_with_handle(
        move || store.refresh_today(),
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || handle.clear());
    }
    // Edits saved by other tabs of this browser arrive as `storage` events.
    let sync = window_event_listener(leptos::ev::storage, move |e| {
        if let Some(change) = crate::adapters::browser_backend::classify_storage_key(e.key()) {
            store.external_change(change);
        }
    });
    on_cleanup(move || sync.remove());
    // While storage is full or blocked, keep trying, so saving resumes once there is room.
    if let Ok(handle) = set_interval_with_handle(
        move || store.retry_save_if_failing(),
        std::time::Duration::from_secs(10),
    ) {
        on_cleanup(move || handle.clear());
    }
    let chosen: Signal<MainView> = view_mode.into();
    let choose = Callback::new(move |v| view_mode.set(v));
    let view_button = move |which: MainView, label: &'static str| {
        view! { <ToggleButton value=which chosen=chosen choose=choose label=label /> }
    };

    view! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand">"Stakemap"</h1>
                <MapBar />
                <UndoButtons />
                <FileActions />
            </header>
            <Notices />
            <Show
                when=has_map
                fallback=move || view! { <NoMaps /> }
            >
                <div class="workspace">
                    <main class="main" id="main">
                        <div class="main-tools">
                            <div class="view-switch" role="group" aria-label="View">
                                {view_button(MainView::Map, "Map view")}
                                {view_button(MainView::List, "List view")}
                                {view_button(MainView::Plan, "Plan board")}
                                {view_button(MainView::Due, "Due for contact")}
                                {view_button(MainView::Report, "Report")}
                                {view_button(MainView::Workshop, "Workshop round")}
                            </div>
                            <button
                                type="button"
                                class="primary"
                                on:click=move |_| store.start_adding()
                            >
                                "Add stakeholder"
                            </button>
                        </div>
                        {move || match view_mode.get() {
                            MainView::Map => view! { <MapCanvas /> }.into_any(),
                            MainView::List => view! { <StakeholderList /> }.into_any(),
                            MainView::Plan => view! { <PlanBoard /> }.into_any(),
                            MainView::Due => view! { <ContactDueList /> }.into_any(),
                            MainView::Report => view! { <ProgressReport /> }.into_any(),
                            MainView::Workshop => view! { <WorkshopRound /> }.into_any(),
                        }}
                    </main>
                    <StakeholderPanel />
                </div>
            </Show>
            <ConfirmDialog />
            <MergeDialog />
            <SheetDialog />
            <DropZone />
        </div>
    }
}

/// Shown when every map has been deleted.
#[component]
fn NoMaps() -> impl IntoView {
    let store = crate::state::use_store();
    view! {
        <main class="empty-state" id="main">
            <h2>"No maps yet"</h2>
            <p>"Start a blank map, open the worked example, or import a map file someone sent you."</p>
            <div class="row">
                <button type="button" class="primary" on:click=move |_| store.new_map()>
                    "New map"
                </button>
                <button type="button" on:click=move |_| store.open_example()>
                    "Open the example map"
                </button>
            </div>
        </main>
    }
}
