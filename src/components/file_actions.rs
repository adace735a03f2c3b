//! Export and import buttons, and dropping a file anywhere on the window.

use super::share_dialog::ShareDialog;
use crate::adapters::files;
use crate::state::{use_sharing, use_store, Store, Tone};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Reads each file and hands its bytes to `take`; a file that cannot be read is reported.
pub(super) fn read_each(
    store: Store,
    files: web_sys::FileList,
    take: impl Fn(&str, &[u8]) + Copy + 'static,
) {
    for i in 0..files.length() {
        let Some(file) = files.item(i) else { continue };
        spawn_local(async move {
            let name = file.name();
            match files::read_bytes(&file).await {
                Ok(bytes) => take(&name, &bytes),
                Err(e) => store.reject_file(&name, &e),
            }
        });
    }
}

/// The files picked in a file input's `change` event, handed to `take`; the input is then
/// cleared so the same file can be picked again.
pub(super) fn read_picked(
    store: Store,
    ev: web_sys::Event,
    take: impl Fn(&str, &[u8]) + Copy + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(list) = input.files() {
        read_each(store, list, take);
    }
    input.set_value("");
}

/// Offers a file (name and text) as a download; a browser that refuses gets a notice.
pub(super) fn offer(store: Store, file: Option<(String, String)>, mime: &str) {
    if let Some((name, text)) = file {
        if let Err(why) = files::download(&name, &text, mime) {
            store
                .notices()
                .notify(Tone::Error, format!("“{name}” could not be saved: {why}."));
        }
    }
}

/// "Export map" and "Import map".
#[component]
pub fn FileActions() -> impl IntoView {
    let store = use_store();
    let sharing = use_sharing();
    let sharing_open = RwSignal::new(false);
    let export = move |_| offer(store, store.export_current(), "application/json");
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
            <label class="button" for="import-file">"Import map"</label>
            <button
                type="button"
                aria-haspopup="dialog"
                on:click=move |_| sharing_open.set(true)
                disabled=move || store.current_id().is_none()
            >
                "Share…"
            </button>
            <ShareDialog open=sharing_open />
            <input
                id="import-file"
                class="visually-hidden"
                type="file"
                accept=".json,application/json"
                on:change=move |ev| {
                    read_picked(store, ev, move |name, bytes| sharing.open_file(name, bytes))
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
    let drop = window_event_listener(ev::drop, move |e| {
        dragging.set(false);
        if let Some(list) = e.data_transfer().and_then(|dt| dt.files()) {
            if list.length() > 0 {
                e.prevent_default();
                read_each(store, list, move |name, bytes| {
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
                <p>"Drop a .stakemap.json file to open it (a copy of an open map is merged after a preview)"</p>
            </div>
        </Show>
    }
}
