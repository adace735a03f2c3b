//! The browser entry point: wires the adapters to the app (local storage and the browser's clock,
//! ids and locks behind the store; files, kept storage and the offline worker behind the
//! views), installs the crash notice, and mounts the app on the page.

use leptos::prelude::*;
use stakemap::adapters::{self, browser_backend::BrowserBackend};
use stakemap::components::App;
use std::sync::Arc;

fn main() {
    adapters::crash::install();
    leptos::mount::mount_to_body(|| {
        view! { <App backend=Arc::new(BrowserBackend::default()) platform=adapters::platform() /> }
    });
}
