//! What the user sees if the app panics: instead of a frozen page, a message with a link that
//! downloads the open map (its last saved copy in this browser) and a way to reload.
//!
//! The notice is built with plain DOM calls: after a panic the reactive runtime cannot be
//! trusted, and in release builds the module stops right after the hook returns.

use super::browser_backend::{map_key, part_key, INDEX_KEY};
use wasm_bindgen::JsValue;

/// Installs the panic hook (console report, then the notice).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
}

/// The map that was open, as last saved, as the text of a file.
fn last_saved_map() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let index = storage.get_item(INDEX_KEY).ok()??;
    let index: serde_json::Value = serde_json::from_str(&index).ok()?;
    let id = crate::model::MapId::parse(index.get("current")?.as_str()?)?;
    let head = storage.get_item(&map_key(id)).ok()??;
    crate::format::stored::file_text(&head, |serial| {
        storage.get_item(&part_key(id, serial)).ok()?
    })
    .ok()
}

/// Shows the crash notice (idempotent: a second panic does not add a second notice).
pub fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("crash-notice").is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    let make = |tag: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let Some(notice) = make("div", "") else {
        return;
    };
    let _ = notice.set_attribute("id", "crash-notice");
    let _ = notice.set_attribute("class", "crash-notice");
    let _ = notice.set_attribute("role", "alertdialog");
    let _ = notice.set_attribute("aria-labelledby", "crash-title");
    if let Some(h) = make("h2", "Stakemap stopped because of an internal error") {
        let _ = h.set_attribute("id", "crash-title");
        let _ = notice.append_child(&h);
    }
    let saved = last_saved_map();
    let advice = if saved.is_some() {
        "Nothing has been deleted. Download the open map as it was last saved in this browser, \
         then reload the page to carry on. Changes made in the last moment before the error may \
         be missing from the download."
    } else {
        "Nothing has been deleted. Reload the page to carry on; your maps are still in this \
         browser's storage."
    };
    if let Some(p) = make("p", advice) {
        let _ = notice.append_child(&p);
    }
    if let Some(json) = saved {
        let parts = js_sys::Array::of1(&JsValue::from_str(&json));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let url = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .ok()
            .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob).ok());
        if let (Some(url), Some(a)) = (url, make("a", "Download the map")) {
            let _ = a.set_attribute("href", &url);
            let _ = a.set_attribute("download", "recovered.stakemap.json");
            let _ = a.set_attribute("class", "button primary");
            let _ = notice.append_child(&a);
        }
    }
    if let Some(a) = make("a", "Reload the page") {
        let _ = a.set_attribute("href", "");
        let _ = a.set_attribute("class", "button");
        let _ = notice.append_child(&a);
    }
    let _ = body.append_child(&notice);
}
