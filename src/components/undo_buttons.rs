//! Undo and redo: the buttons in the header. Their keys (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y)
//! are handled with the other shortcuts in `keyboard_shortcuts.rs`.

use crate::state::use_store;
use leptos::prelude::*;

/// The two buttons (their keyboard shortcuts are handled in `keyboard_shortcuts.rs`).
#[component]
pub fn UndoButtons() -> impl IntoView {
    let store = use_store();
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
