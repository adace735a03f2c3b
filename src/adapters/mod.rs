//! The browser at the edge: each adapter wraps one browser capability and maps its failures to
//! messages a user understands. Nothing else in the app calls `web_sys` storage or file APIs.
//! The state layer names what it needs ([`crate::state::KeyValue`] and [`crate::state::Env`]
//! for the stored backend, [`Platform`] for the views); the adapters supply it and the entry
//! (`crate::start`) wires them in.

pub mod browser_backend;
pub mod clock;
pub mod crash;
pub mod crypto;
pub mod durable;
pub mod files;
pub mod offline;
pub mod random;
pub mod register;
pub mod text_width;

use crate::state::Platform;

/// The browser's facilities for the views (files in and out, keeping storage, the offline
/// worker), as [`Platform`] names them.
pub fn platform() -> Platform {
    Platform {
        list_files: files::list,
        download: files::download,
        download_png: |png| {
            Box::pin(async move {
                files::download_png(&png.name, &png.svg, png.width, png.height, png.scale).await
            })
        },
        request_persistence: || Box::pin(durable::request_persistence()),
        register_worker: |on_waiting| offline::register(move || on_waiting()),
        running_version: || Box::pin(offline::running_version()),
        lock: |plain, passphrase| Box::pin(crypto::lock(plain, passphrase)),
        unlock: |file, passphrase| Box::pin(crypto::unlock(file, passphrase)),
        registers: crate::state::RegisterEngine {
            send: register::send,
            close: register::close,
        },
        text_width: text_width::text_width,
    }
}
