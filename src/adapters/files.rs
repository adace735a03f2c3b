//! Files in and out: downloading a map, and reading a file the user picked or dropped.

use crate::format::{ImportError, MAX_FILE_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `contents` to the user as a download named `file_name`.
pub fn download(file_name: &str, contents: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file".to_owned())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| "the browser could not start the download".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke after the click has been handled, or some browsers cancel the download.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// Reads a picked or dropped file's bytes, refusing oversized files before reading them.
/// (Bytes rather than `File.text()`, which would quietly replace invalid UTF-8.)
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, ImportError> {
    let bytes = file.size() as u64;
    if bytes > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        });
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ImportError::NotJson {
            reason: "the browser could not read the file".into(),
            line: 1,
            column: 1,
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
