//! The keyboard shortcuts (one window listener, reading the table in `state::ui`) and the help
//! dialog that lists them, opened with `?`.

use super::modal::Modal;
use crate::state::{
    shortcut_for, use_platform, use_store, use_ui, KeyPress, MainView, Pending, Platform, Shortcut,
    Store, Ui, SHORTCUTS,
};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// True when the key press belongs to a text field, which keeps its own keys and undo.
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

/// True while a modal dialog is open: its own keys apply, not the page's.
fn dialog_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("dialog[open]").ok().flatten())
        .is_some()
}

/// Focuses the element with `id` once the view showing it has rendered.
fn focus_soon(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

fn run(store: Store, ui: Ui, platform: Platform, shortcut: Shortcut) -> bool {
    let has_map = store.current_id().is_some();
    match shortcut {
        Shortcut::Help => ui.set_help_open(true),
        Shortcut::Undo => return store.undo(),
        Shortcut::Redo => return store.redo(),
        Shortcut::Present if ui.presenting() => super::presenter::stop(ui),
        // Presenting shows the map alone: only undo, redo, help and leaving apply.
        _ if !has_map || ui.presenting() => return false,
        Shortcut::NewStakeholder => super::stakeholder_form::open_add_form(store),
        Shortcut::FocusSearch => {
            ui.show(MainView::List);
            focus_soon("list-filter");
        }
        Shortcut::DeleteSelected => match store.selection().selected() {
            Some(id) => store.request(Pending::DeleteStakeholder(id)),
            None => return false,
        },
        Shortcut::Export => platform.offer_export(store),
        Shortcut::ToggleMapList => ui.toggle_map_list(),
        Shortcut::Present => super::presenter::start(ui),
    }
    true
}

/// Listens for the shortcuts while the app is up, and shows the help dialog.
#[component]
pub fn KeyboardShortcuts() -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let platform = use_platform();
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.default_prevented() || e.repeat() || dialog_open() {
            return;
        }
        let key = e.key();
        let press = KeyPress {
            key: &key,
            ctrl: e.ctrl_key(),
            meta: e.meta_key(),
            shift: e.shift_key(),
            alt: e.alt_key(),
            in_text_field: in_text_field(&e),
        };
        if let Some(shortcut) = shortcut_for(press) {
            if run(store, ui, platform, shortcut) {
                e.prevent_default();
            }
        }
    });
    on_cleanup(move || keys.remove());
    let close = Callback::new(move |()| ui.set_help_open(false));
    view! {
        <Modal
            open=Signal::derive(move || ui.help_open())
            on_cancel=close
            labelled_by="shortcuts-title"
            class="shortcuts"
        >
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <p class="hint">"They work anywhere outside a text field."</p>
            <table class="shortcut-table">
                <thead>
                    <tr>
                        <th scope="col">"Keys"</th>
                        <th scope="col">"Does"</th>
                    </tr>
                </thead>
                <tbody>
                    {SHORTCUTS
                        .iter()
                        .map(|b| view! {
                            <tr>
                                <td><kbd>{b.keys}</kbd></td>
                                <td>{b.does}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="row end">
                <button type="button" class="primary" autofocus on:click=move |_| close.run(())>
                    "Close"
                </button>
            </div>
        </Modal>
    }
}
