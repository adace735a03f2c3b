//! The register preview: each column of a spreadsheet with what it will be read as, how its
//! values become places (a scale, or a table of words), the first people as they would come
//! in, every row with a problem, and where they go. Nothing changes until the user confirms.
//!
//! The register session in the sheets worker draws the body (`format::register::preview`);
//! this view shows it, hands each change of a control (named by its `data-act`) back to the
//! session, and keeps focus on the control the user was on when the body is redrawn.

use super::modal::Modal;
use crate::format::register::preview::people;
use crate::format::register::Act;
use crate::state::{use_sharing, use_ui};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The change a control in the body made, as the session reads it.
fn act_of(el: &web_sys::Element) -> Option<Act> {
    let data = |name: &str| {
        el.get_attribute(&format!("data-{name}"))
            .unwrap_or_default()
    };
    let act = data("act");
    if act.is_empty() {
        return None;
    }
    // Selects and inputs both have a value; checkboxes and radios are also read as checked.
    let value = js_sys::Reflect::get(el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let checked = el
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.checked());
    Some(Act {
        act,
        col: data("col").parse().unwrap_or(usize::MAX),
        item: data("item").parse().unwrap_or(usize::MAX),
        value,
        checked,
    })
}

/// Puts focus back on the control with `id` once the body is redrawn, unless the user has
/// moved on to something still on the page.
fn keep_focus(id: String) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Redrawing the body drops the control that had focus; the dialog or the page then holds it.
    let lost = doc.active_element().is_none_or(|a| {
        !a.is_connected() || !matches!(a.tag_name().as_str(), "INPUT" | "SELECT" | "BUTTON")
    });
    if lost {
        if let Some(el) = doc
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}

/// Opens while a register is under review, or a spreadsheet is being read.
#[component]
pub fn RegisterDialog() -> impl IntoView {
    let sharing = use_sharing();
    let ui = use_ui();
    let open = Signal::derive(move || {
        sharing.register_review().is_some() || sharing.reading_workbook().is_some()
    });
    // The control last changed, to keep focus on once the body is redrawn.
    let last = StoredValue::new(String::new());
    let html = move || {
        let Some(review) = sharing.register_review() else {
            // The next review starts where the dialog puts focus, not on this one's control.
            last.set_value(String::new());
            return String::new();
        };
        let html = review.html;
        let id = last.get_value();
        if !id.is_empty() {
            request_animation_frame(move || keep_focus(id));
        }
        html
    };
    let on_change = move |ev: web_sys::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if let Some(act) = act_of(&el) {
                last.set_value(el.id());
                sharing.register_act(act);
            }
        }
    };
    // People the session could not place go to the tray once the rows are in.
    Effect::new(move |_| ui.put_in_tray(sharing.take_tray_people()));
    let cancel = move || sharing.cancel_register();
    view! {
        <Modal
            open=open
            on_cancel=Callback::new(move |_| cancel())
            labelled_by="register-title"
            described_by="register-summary"
            class="register"
        >
            {move || sharing.reading_workbook().map(|name| view! {
                <h2 id="register-title">{format!("Reading “{name}”…")}</h2>
                <p id="register-summary" role="status">
                    "Reading the spreadsheet. Nothing changes until you confirm."
                </p>
            })}
            <div class="register-body" inner_html=html on:change=on_change></div>
            <div class="row end">
                <Show when=move || sharing.register_review().is_some()>
                    <button
                        type="button"
                        class="primary"
                        disabled=move || {
                            sharing.bringing_in()
                                || !sharing.register_review().is_some_and(|r| r.can_confirm)
                        }
                        on:click=move |_| sharing.confirm_register()
                    >
                        {move || {
                            let n = people(sharing.register_review().map_or(0, |r| r.coming));
                            if sharing.bringing_in() {
                                format!("Bringing in {n}…")
                            } else {
                                format!("Bring in {n}")
                            }
                        }}
                    </button>
                </Show>
                <button type="button" on:click=move |_| cancel()>"Cancel"</button>
            </div>
        </Modal>
    }
}
