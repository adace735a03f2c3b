//! Export and import buttons, and dropping a file anywhere on the window.

use super::file_io::{read_picked, MAPS_AND_SPREADSHEETS};
use super::lock_dialog::LockDialog;
use super::share_dialog::ShareDialog;
use crate::state::{use_platform, use_sharing, use_store};
use leptos::ev;
use leptos::prelude::*;

/// "Export map" and "Import map".
#[component]
pub fn FileActions() -> impl IntoView {
    let store = use_store();
    let sharing = use_sharing();
    let platform = use_platform();
    let sharing_open = RwSignal::new(false);
    let lock_open = RwSignal::new(false);
    let export = move |_| platform.offer_export(store);
    let age = move || {
        store
            .current_id()
            .map(|_| crate::model::export_age_words(store.last_export(), store.clock()))
    };
    let storage_words = move || match store.persistent() {
        Some(true) => "Storage: kept by the browser",
        Some(false) => "Storage: the browser may clear it; export to keep a copy",
        None => "",
    };
    view! {
        <div class="file-actions">
            <span class="export-age" title=storage_words>{age}</span>
            <button type="button" on:click=export disabled=move || store.current_id().is_none()>
                "Export map"
            </button>
            <button
                type="button"
                aria-haspopup="dialog"
                on:click=move |_| lock_open.set(true)
                disabled=move || store.current_id().is_none()
            >
                "Export with passphrase…"
            </button>
            <LockDialog open=lock_open />
            <label class="button" for="import-file">"Import map"</label>
            <button
                type="button"
                aria-haspopup="dialog"
                on:click=move |_| sharing_open.set(true)
                disabled=move || store.current_id().is_none()
            >
                "Share…"
            </button>
            <ShareDialog open=sharing_open lock_open=lock_open />
            <input
                id="import-file"
                class="visually-hidden"
                type="file"
                accept=MAPS_AND_SPREADSHEETS
                on:change=move |ev| {
                    read_picked(platform, store, ev, move |name, bytes| sharing.open_file(name, bytes))
                }
            />
        </div>
    }
}

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
