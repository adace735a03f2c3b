//! Stakemap: a stakeholder map for coaching and change programs that runs entirely in the browser.
//!
//! Layers, from the inside out (see `ARCHITECTURE.md`):
//! - [`model`] and [`format`]: the pure core, its own crate (`stakemap-core`, in `core/`) with
//!   no web dependency: maps, stakeholders, quadrants, operations, and the file format;
//! - [`adapters`]: the browser at the edge (storage, files, clock, randomness);
//! - [`state`]: the one reactive store every component reads and every edit goes through;
//! - [`components`]: thin Leptos views.

pub mod adapters;
pub mod components;
pub mod state;
pub use stakemap_core::{format, model};

/// Wires the browser's adapters to the app (local storage and the browser's clock, ids and locks
/// behind the store; files, kept storage and the offline worker behind the views, as
/// [`state::Platform`]), installs the crash notice, and mounts the app on the page. Called by
/// `main.rs`; the one place besides the adapters themselves that names them.
pub fn start() {
    use leptos::prelude::*;
    adapters::crash::install();
    leptos::mount::mount_to_body(|| {
        view! {
            <components::App
                backend=std::sync::Arc::new(adapters::browser_backend::BrowserBackend::default())
                platform=adapters::platform()
            />
        }
    });
}
