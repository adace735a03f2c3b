//! Undo and redo: buttons in the header, and the keyboard shortcuts (Ctrl/Cmd+Z,
//! Ctrl/Cmd+Shift+Z, Ctrl+Y). Inside text fields the browser's own undo applies instead.

use crate::state::{use_store, Store};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// True when the key press belongs to a text field (its own undo should apply).
fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            let typing = matches!(tag.as_str(), "textarea" | "select")
                || (tag == "input"
                    && !matches!(
                        el.get_attribute("type").as_deref(),
                        Some("checkbox" | "radio" | "range" | "button" | "file")
                    ));
            typing || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

fn handle_shortcut(store: Store, e: web_sys::KeyboardEvent) {
    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || in_text_field(&e) {
        return;
    }
    let key = e.key().to_ascii_lowercase();
    let done = match (key.as_str(), e.shift_key()) {
        ("z", false) => store.undo(),
        ("z", true) | ("y", false) => store.redo(),
        _ => return,
    };
    let _ = done;
    e.prevent_default();
}

/// The two buttons, and the shortcuts while they are on the page.
#[component]
pub fn UndoButtons() -> impl IntoView {
    let store = use_store();
    let keys = window_event_listener(ev::keydown, move |e| handle_shortcut(store, e));
    on_cleanup(move || keys.remove());
    view! {
        <div class="undo-buttons" role="group" aria-label="Undo and redo">
            <button
                type="button"
                disabled=move || store.undo_label().is_none()
                title=move || store.undo_label().map(|l| format!("Undo {l} (Ctrl+Z)")).unwrap_or_else(|| "Nothing to undo".into())
                aria-keyshortcuts="Control+Z Meta+Z"
                on:click=move |_| {
                    store.undo();
                }
            >
                "Undo"
            </button>
            <button
                type="button"
                disabled=move || store.redo_label().is_none()
                title=move || store.redo_label().map(|l| format!("Redo {l} (Ctrl+Shift+Z)")).unwrap_or_else(|| "Nothing to redo".into())
                aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
                on:click=move |_| {
                    store.redo();
                }
            >
                "Redo"
            </button>
        </div>
    }
}
