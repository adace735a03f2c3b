//! Putting the keyboard somewhere once the page has been drawn: on the button that opened a
//! form after the form closes, so a keyboard user is not sent back to the top of the page.

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

/// Focuses the first element matching `selector` on the next animation frame (after the
/// change that removed or redrew what had focus); nothing when there is none.
pub fn focus_soon(selector: String) {
    request_animation_frame(move || {
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}
