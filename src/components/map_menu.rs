//! The maps and files menu in the header: opening another map, starting, copying and deleting
//! one, and every way a map goes out or comes in as a file.
//!
//! It is a popover (`popover="auto"`): the browser closes it on Escape or a click elsewhere and
//! gives focus back to its button; choosing an item closes it too. The dialogs an item opens and
//! the file input live outside the popover, so they stay on show once it closes.

use super::file_io::{read_picked, MAPS_AND_SPREADSHEETS};
use super::lock_dialog::LockDialog;
use super::share_dialog::ShareDialog;
use crate::model::{export_age_words, MapId};
use crate::state::{use_platform, use_sharing, use_store, Pending};
use leptos::html::{Button, Div, Input};
use leptos::prelude::*;

/// The id of the menu's button, which the first-steps tour points at.
pub const MENU_BUTTON_ID: &str = "map-menu-button";

/// Puts the open menu under its button, inside the window.
fn place(menu: NodeRef<Div>, button: NodeRef<Button>) {
    let (Some(menu), Some(button)) = (menu.get_untracked(), button.get_untracked()) else {
        return;
    };
    let width = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(1024.0);
    let b = button.get_bounding_client_rect();
    let m = menu.get_bounding_client_rect();
    let left = (b.right() - m.width())
        .min(width - m.width() - 8.0)
        .max(8.0);
    // Through the CSS object model: the page's content security policy refuses style attributes.
    let style = web_sys::HtmlElement::style(&menu);
    let _ = style.set_property("top", &format!("{}px", b.bottom() + 4.0));
    let _ = style.set_property("left", &format!("{left}px"));
}

/// The menu button and its popover.
#[component]
pub fn MapMenu() -> impl IntoView {
    let store = use_store();
    let sharing = use_sharing();
    let platform = use_platform();
    let menu = NodeRef::<Div>::new();
    let button = NodeRef::<Button>::new();
    let file = NodeRef::<Input>::new();
    let sharing_open = RwSignal::new(false);
    let lock_open = RwSignal::new(false);
    let no_map = move || store.current_id().is_none();
    let close = move || {
        if let Some(m) = menu.get_untracked() {
            let _ = m.hide_popover();
        }
    };
    let maps = Memo::new(move |_| {
        store.workspace().with(|w| {
            w.maps()
                .iter()
                .map(|m| (m.id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let age = move || {
        store
            .current_id()
            .map(|_| export_age_words(store.last_export(), store.clock()))
    };
    let storage_words = move || match store.persistent() {
        Some(true) => "Storage: kept by the browser",
        Some(false) => "Storage: the browser may clear it; export to keep a copy",
        None => "",
    };
    let with_current = move |act: fn(crate::state::Store, MapId)| {
        move |_| {
            close();
            if let Some(id) = store.current_id() {
                act(store, id);
            }
        }
    };

    // An item that closes the menu and opens a dialog (kept outside the menu).
    let opens_dialog = move |label: &'static str, open: RwSignal<bool>| {
        view! {
            <button
                type="button"
                aria-haspopup="dialog"
                disabled=no_map
                on:click=move |_| {
                    close();
                    open.set(true);
                }
            >
                {label}
            </button>
        }
    };

    view! {
        <button
            type="button"
            id=MENU_BUTTON_ID
            class="menu-button"
            popovertarget="map-menu"
            node_ref=button
        >
            "Maps and files"
        </button>
        <div
            id="map-menu"
            class="menu"
            popover="auto"
            role="group"
            aria-label="Maps and files"
            node_ref=menu
            on:toggle=move |_| place(menu, button)
        >
            <section aria-labelledby="menu-maps">
                <h2 id="menu-maps">"Maps"</h2>
                <div class="menu-field">
                    <label for="map-select">"Open map"</label>
                    <select
                        id="map-select"
                        on:change=move |ev| {
                            if let Some(id) = MapId::parse(&event_target_value(&ev)) {
                                close();
                                store.switch_map(id);
                            }
                        }
                    >
                        <For each=move || maps.get() key=|m| m.clone() let:m>
                            <option value=m.0.to_string() selected=move || store.current_id() == Some(m.0)>
                                {m.1.clone()}
                            </option>
                        </For>
                    </select>
                </div>
                <button type="button" on:click=move |_| { close(); store.new_map(); }>"New map"</button>
                <button type="button" disabled=no_map on:click=with_current(|s, id| s.duplicate_map(id))>
                    "Duplicate map"
                </button>
                <button
                    type="button"
                    disabled=no_map
                    on:click=with_current(|s, id| s.request(Pending::DeleteMap(id)))
                >
                    "Delete map"
                </button>
            </section>
            <section aria-labelledby="menu-files">
                <h2 id="menu-files">"Files"</h2>
                <button
                    type="button"
                    on:click=move |_| {
                        close();
                        if let Some(input) = file.get_untracked() {
                            input.click();
                        }
                    }
                >
                    "Import map…"
                </button>
                <button
                    type="button"
                    disabled=no_map
                    on:click=move |_| { close(); platform.offer_export(store); }
                >
                    "Export map"
                </button>
                {opens_dialog("Export with passphrase…", lock_open)}
                {opens_dialog("Share…", sharing_open)}
                <p class="export-age" title=storage_words>{age}</p>
            </section>
        </div>
        <LockDialog open=lock_open />
        <ShareDialog open=sharing_open lock_open=lock_open />
        <input
            id="import-file"
            class="visually-hidden"
            type="file"
            tabindex="-1"
            aria-label="Import map"
            accept=MAPS_AND_SPREADSHEETS
            node_ref=file
            on:change=move |ev| {
                read_picked(platform, store, ev, move |name, bytes| sharing.open_file(name, bytes))
            }
        />
    }
}
