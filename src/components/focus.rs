//! Putting the keyboard somewhere once the page has been drawn: on the button that opened a
//! form after the form closes, so a keyboard user is not sent back to the top of the page; and
//! bringing what was just added into view, marked for a moment (`just-added` in the stylesheet,
//! which keeps still when the user asks for less motion).

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

/// The first element matching `selector`, if any.
fn find(selector: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Focuses the first element matching `selector` on the next animation frame (after the
/// change that removed or redrew what had focus); nothing when there is none.
pub fn focus_soon(selector: String) {
    request_animation_frame(move || {
        if let Some(el) = find(&selector) {
            let _ = el.focus();
        }
    });
}

/// On the next animation frame (once it is drawn), scrolls the first element matching
/// `selector` into view as little as needed, marks it `just-added`, and focuses it when
/// `focus` is true (it needs a `tabindex` then).
pub fn bring_into_view(selector: String, focus: bool) {
    request_animation_frame(move || {
        let Some(el) = find(&selector) else {
            return;
        };
        let how = web_sys::ScrollIntoViewOptions::new();
        how.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&how);
        // Only the latest is marked.
        let marked = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(".just-added").ok());
        if let Some(list) = marked {
            for i in 0..list.length() {
                if let Some(old) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = old.class_list().remove_1("just-added");
                }
            }
        }
        let _ = el.class_list().add_1("just-added");
        if focus {
            let _ = el.focus();
        }
    });
}
