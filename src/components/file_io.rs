//! Files in and out of the browser for the views: reading the files a user picked or dropped,
//! and offering a file (JSON, CSV, SVG, PNG) as a download. The one place the views reach the
//! browser's file adapter, so no view imports it and no two views import each other for it.

use crate::adapters::files;
use crate::format::{IMAGE_HEIGHT, IMAGE_WIDTH};
use crate::state::{Store, Tone};
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

/// The PNG's scale: at least twice the image, and at least twice the map as shown on screen.
fn png_scale() -> u32 {
    let on_screen = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".map-svg").ok().flatten())
        .map(|el| f64::from(el.client_width()))
        .unwrap_or(0.0);
    ((2.0 * on_screen / f64::from(IMAGE_WIDTH)).ceil() as u32).clamp(2, 4)
}

pub(super) fn offer_png(store: Store, file: Option<(String, String)>) {
    let Some((name, svg)) = file else { return };
    let name = name.trim_end_matches(".svg").to_owned() + ".png";
    spawn_local(async move {
        if let Err(why) =
            files::download_png(&name, &svg, IMAGE_WIDTH, IMAGE_HEIGHT, png_scale()).await
        {
            store
                .notices()
                .notify(Tone::Error, format!("The image could not be made: {why}."));
        }
    });
}
