//! Workshop presentation: the map alone, full screen, with large labels for a projector. The
//! side panel (notes, root causes, plans), overdue badges, targets and the snapshot tools are
//! not shown, so nothing sensitive reaches the wall. The quick-add tray stays, for the room.

use crate::state::{use_ui, Ui};
use leptos::prelude::*;

/// Starts presenting: the browser's full screen when it allows it, and the map alone either way.
pub fn start(ui: Ui) {
    ui.set_presenting(true);
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Refused without a user gesture or in some embedded views: the page still fills the
        // window, so presenting works without it.
        let _ = root.request_fullscreen();
    }
}

/// Stops presenting and leaves full screen.
pub fn stop(ui: Ui) {
    ui.set_presenting(false);
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        }
    }
}

/// The slim bar shown while presenting, with the way out.
#[component]
pub fn PresentBar() -> impl IntoView {
    let ui = use_ui();
    // Escape in full screen is taken by the browser to leave full screen: follow it out.
    let fullscreen = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("fullscreenchange"),
        move |_| {
            let in_fullscreen = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.fullscreen_element())
                .is_some();
            if !in_fullscreen && ui.presenting() {
                ui.set_presenting(false);
            }
        },
    );
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && !e.default_prevented() {
            stop(ui);
        }
    });
    on_cleanup(move || {
        fullscreen.remove();
        escape.remove();
    });
    view! {
        <div class="present-bar" role="region" aria-label="Presentation">
            <p class="present-hint">
                "Presenting: notes and plans are hidden. Drag names from the tray onto the map."
            </p>
            <button type="button" class="primary" on:click=move |_| stop(ui)>
                "Leave presentation"
            </button>
        </div>
    }
}
