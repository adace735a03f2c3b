//! The main views as tabs (the ARIA tabs pattern): one tab stop, arrow keys, Home and End move
//! between them, and the view shows as the focus moves.

use crate::state::{use_ui, MainView};
use leptos::prelude::*;

/// The id of the main area the tabs control.
pub const VIEW_PANEL_ID: &str = "main-view";

/// The id of a view's tab.
pub fn tab_id(view: MainView) -> String {
    format!("view-tab-{}", view.key())
}

/// The row of view tabs.
#[component]
pub fn ViewTabs() -> impl IntoView {
    let ui = use_ui();
    let go = move |view: MainView| {
        ui.show(view);
        super::focus::focus_soon(format!("#{}", tab_id(view)));
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let all = MainView::ALL;
        let at = all
            .iter()
            .position(|v| *v == ui.view_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => all[(at + 1) % all.len()],
            "ArrowLeft" => all[(at + all.len() - 1) % all.len()],
            "Home" => all[0],
            "End" => all[all.len() - 1],
            _ => return,
        };
        ev.prevent_default();
        go(next);
    };
    view! {
        <div class="view-tabs" role="tablist" aria-label="Views" on:keydown=on_keydown>
            {MainView::ALL
                .into_iter()
                .map(|view| {
                    let selected = move || ui.view() == view;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=tab_id(view)
                            aria-controls=VIEW_PANEL_ID
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| ui.show(view)
                        >
                            {view.label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
