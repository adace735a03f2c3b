//! Files in and out: downloading a map, and reading a file the user picked or dropped.

use crate::format::{ImportError, MAX_FILE_BYTES};
use crate::state::{FileRead, Later};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn text_blob(contents: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_owned())
}

/// Offers `contents` to the user as a download named `file_name`.
pub fn download(file_name: &str, contents: &str, mime: &str) -> Result<(), String> {
    let blob = text_blob(contents, mime)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file".to_owned())?;
    download_url(file_name, url)
}

/// Draws an SVG document onto a canvas `scale` times its size and offers it as a PNG named
/// `file_name`. Everything happens in this page; nothing is uploaded.
pub async fn download_png(
    file_name: &str,
    svg: &str,
    width: u32,
    height: u32,
    scale: u32,
) -> Result<(), String> {
    let failed = |_| "the browser could not draw the image".to_owned();
    let blob = text_blob(svg, "image/svg+xml")?;
    let svg_url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let image = web_sys::HtmlImageElement::new().map_err(failed)?;
    image.set_src(&svg_url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&svg_url);
    decoded.map_err(failed)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())?;
    let canvas = document
        .create_element("canvas")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or_else(|| "the browser could not draw the image".to_owned())?;
    canvas.set_width(width * scale);
    canvas.set_height(height * scale);
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| "the browser could not draw the image".to_owned())?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(width * scale),
            f64::from(height * scale),
        )
        .map_err(failed)?;
    let url = canvas.to_data_url_with_type("image/png").map_err(failed)?;
    download_url(file_name, url)
}

fn download_url(file_name: &str, url: String) -> Result<(), String> {
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
    if url.starts_with("blob:") {
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(5),
        );
    }
    Ok(())
}

/// The files in a list the page received (picked or dropped): each one's name, and its bytes
/// once read.
pub fn list(files: web_sys::FileList) -> Vec<FileRead> {
    (0..files.length())
        .filter_map(|i| files.item(i))
        .map(|file| {
            let name = file.name();
            let read: Later<_> = Box::pin(async move { read_bytes(&file).await });
            (name, read)
        })
        .collect()
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
