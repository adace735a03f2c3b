//! Dropping a file anywhere on the window (the menu's Import map… is in `map_menu.rs`).

use crate::state::{use_platform, use_sharing, use_store};
use leptos::ev;
use leptos::prelude::*;

/// Accepts map files dropped anywhere on the window, with a visible hint while dragging.
#[component]
pub fn DropZone() -> impl IntoView {
    let store = use_store();
    let dragging = RwSignal::new(false);
    let carries_files = |e: &web_sys::DragEvent| {
        e.data_transfer()
            .map(|dt| {
                dt.types()
                    .iter()
                    .any(|t| t.as_string().as_deref() == Some("Files"))
            })
            .unwrap_or(false)
    };
    let over = window_event_listener(ev::dragover, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window itself has no related target.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let sharing = use_sharing();
    let platform = use_platform();
    let drop = window_event_listener(ev::drop, move |e| {
        dragging.set(false);
        if let Some(list) = e.data_transfer().and_then(|dt| dt.files()) {
            if list.length() > 0 {
                e.prevent_default();
                platform.read_files(store, list, move |name, bytes| {
                    sharing.open_file(name, bytes)
                });
            }
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-hint" aria-hidden="true">
                <p>"Drop a .stakemap.json file to open it (a copy of an open map is merged after a preview; a locked file asks for its passphrase)"</p>
            </div>
        </Show>
    }
}
