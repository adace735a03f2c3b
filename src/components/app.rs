//! The page: the header (the map's name, the maps and files menu, undo, presenting, adding
//! someone), the views as tabs over the main area, and the side panel.

use super::confirm_dialog::ConfirmDialog;
use super::contact_due_list::ContactDueList;
use super::file_actions::DropZone;
use super::first_steps_tour::FirstStepsTour;
use super::keyboard_shortcuts::KeyboardShortcuts;
use super::map_bar::MapBar;
use super::map_canvas::MapCanvas;
use super::map_menu::MapMenu;
use super::merge_dialog::MergeDialog;
use super::notices::Notices;
use super::plan_board::PlanBoard;
use super::progress_report::ProgressReport;
use super::register_dialog::RegisterDialog;
use super::stakeholder_list::StakeholderList;
use super::stakeholder_panel::StakeholderPanel;
use super::undo_buttons::UndoButtons;
use super::unlock_dialog::UnlockDialog;
use super::view_tabs::{tab_id, ViewTabs, VIEW_PANEL_ID};
use super::workshop_round::WorkshopRound;
use crate::state::{Backend, MainView, Platform, Sharing, Store, Ui};
use leptos::prelude::*;
use std::sync::Arc;

/// The whole app, saving through `backend` and reaching the browser's files through `platform`
/// (`main.rs` passes the browser's).
#[component]
pub fn App(backend: Arc<dyn Backend>, platform: Platform) -> impl IntoView {
    let store = Store::start(backend);
    store.provide();
    Sharing::new(store)
        .with_registers(platform.registers)
        .provide();
    platform.provide();
    // On a phone the list comes first; the map is one button away.
    let ui = Ui::new(store, first_view(), store.first_visit());
    ui.provide();
    platform.announce_new_versions(store);
    platform.ask_to_keep_storage(store);
    let has_map = move || store.current_id().is_some();
    // "Overdue" must stay right across midnight without a reload.
    if let Ok(handle) = set_interval_with_handle(
        move || store.refresh_today(),
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || handle.clear());
    }
    // Edits saved by other tabs of this browser arrive as `storage` events.
    let sync = window_event_listener(leptos::ev::storage, move |e| store.storage_event(e.key()));
    on_cleanup(move || sync.remove());
    // A page being hidden may be unloaded before the browser grants a storage lock: write
    // what is unsaved at once, and every edit made on the way out too.
    let hide = window_event_listener_untyped("pagehide", move |_| store.set_leaving(true));
    let show = window_event_listener_untyped("pageshow", move |_| store.set_leaving(false));
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        store.set_leaving(hidden);
    });
    on_cleanup(move || {
        hide.remove();
        show.remove();
        visibility.remove();
    });
    // While storage is full or blocked, keep trying, so saving resumes once there is room.
    if let Ok(handle) = set_interval_with_handle(
        move || store.retry_save_if_failing(),
        std::time::Duration::from_secs(10),
    ) {
        on_cleanup(move || handle.clear());
    }
    let presenting = move || ui.presenting();
    // A redacted copy made without positions has no map to draw: everyone would stand on one
    // point, which says nothing. (A memo, so an edit does not redraw the map.)
    let no_positions = Memo::new(move |_| store.positions_left_out());
    view! {
        <div class="app" class:presenting=presenting>
            <a class="skip-link" href="#main">"Skip to the map and list"</a>
            <header class="topbar">
                <h1 class="brand">"Stakemap"</h1>
                <MapBar />
                <div class="header-actions">
                    <UndoButtons />
                    <button
                        type="button"
                        class="present"
                        aria-keyshortcuts="P"
                        disabled=move || !has_map()
                        on:click=move |_| super::presenter::start(ui)
                    >
                        "Present"
                        <span class="visually-hidden">" to a room"</span>
                    </button>
                    // Beside Add stakeholder, over the side panel: the tour's card can point at
                    // it without covering the map.
                    <MapMenu />
                    <button
                        type="button"
                        class="primary"
                        id="add-stakeholder"
                        aria-keyshortcuts="N"
                        disabled=move || !has_map()
                        on:click=move |_| super::stakeholder_form::open_add_form(store)
                    >
                        "Add stakeholder"
                    </button>
                </div>
            </header>
            <Notices />
            <FirstStepsTour />
            <Show
                when=has_map
                fallback=move || view! { <NoMaps /> }
            >
                <div class="workspace">
                    <main class="main" id="main">
                        <ViewTabs />
                        <div
                            class="view-panel"
                            id=VIEW_PANEL_ID
                            role="tabpanel"
                            aria-labelledby=move || tab_id(ui.view())
                        >
                        <Show when=presenting>
                            <super::presenter::PresentBar />
                        </Show>
                        <Show when=move || no_positions.get()>
                            <p class="banner-note" role="note">
                                "This redacted copy was made without positions, so there is no map to draw and no one's quadrant is shown. Its people, plans, contacts and evidence are in the other views."
                            </p>
                        </Show>
                        {move || match ui.view() {
                            MainView::Map if no_positions.get() => view! {
                                <section class="no-positions" aria-label="Map">
                                    <button type="button" on:click=move |_| ui.show(MainView::List)>
                                        "Show the people as a list"
                                    </button>
                                </section>
                            }
                            .into_any(),
                            MainView::Map => view! { <MapCanvas /> }.into_any(),
                            MainView::List => view! { <StakeholderList /> }.into_any(),
                            MainView::Plan => view! { <PlanBoard /> }.into_any(),
                            MainView::Due => view! { <ContactDueList /> }.into_any(),
                            MainView::Report => view! { <ProgressReport /> }.into_any(),
                            MainView::Evidence => view! { <super::evidence_library::EvidenceLibrary /> }.into_any(),
                            MainView::Network => view! { <super::network_insights::NetworkInsights /> }.into_any(),
                            MainView::Workshop => view! { <WorkshopRound /> }.into_any(),
                        }}
                        </div>
                    </main>
                    // Presenting to a room hides the panel and every note in it.
                    <Show when=move || !ui.presenting()>
                        <StakeholderPanel />
                    </Show>
                </div>
            </Show>
            <p class="visually-hidden" role="status" aria-atomic="true" id="move-announcer">
                {move || store.notices().announcement()}
            </p>
            <KeyboardShortcuts />
            <ConfirmDialog />
            <MergeDialog />
            <RegisterDialog />
            <UnlockDialog />
            <DropZone />
        </div>
    }
}

/// The view to open on: the list on a phone-sized screen, the map elsewhere.
fn first_view() -> MainView {
    let phone = web_sys::window()
        .and_then(|w| w.match_media("(max-width: 640px)").ok().flatten())
        .is_some_and(|m| m.matches());
    if phone {
        MainView::List
    } else {
        MainView::Map
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
