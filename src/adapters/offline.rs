//! Offline use: registers the service worker (`public/sw.js`) that keeps the app's own files,
//! reports when a new version has been downloaded and waits for the next launch, and asks the
//! worker which version this page runs.
//!
//! Each build stamps `sw.js` with a hash of the app's files (`.ci/stamp-sw.mjs`), so the
//! browser's own check of `sw.js` on each visit finds a new build.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Registers the worker. `on_waiting` runs once a newer version is installed and waiting for
/// the next launch. Development builds register nothing, so `trunk serve` always shows the
/// latest code.
pub fn register(on_waiting: impl Fn() + Clone + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        // A browser without service workers (or with them turned off) still runs the app.
        let Ok(value) = JsFuture::from(container.register("sw.js")).await else {
            return;
        };
        let Ok(registration) = value.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        // A page that was already controlled by a worker is an update, not a first install.
        let updating = container.controller().is_some();
        if updating && registration.waiting().is_some() {
            on_waiting();
        }
        let reg = registration.clone();
        let found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = reg.installing() else {
                return;
            };
            let on_waiting = on_waiting.clone();
            let watched = worker.clone();
            let changed = Closure::<dyn FnMut()>::new(move || {
                if updating && watched.state() == web_sys::ServiceWorkerState::Installed {
                    on_waiting();
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            // Lives as long as the worker it watches.
            changed.forget();
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        // Lives as long as the page.
        found.forget();
    });
}

/// The version of the files this page was served from, as the worker that served them says;
/// `None` when no worker controls the page (first visit, development, or no support).
pub async fn running_version() -> Option<String> {
    let window = web_sys::window()?;
    window.navigator().service_worker().controller()?;
    let response = JsFuture::from(window.fetch_with_str("stakemap-version"))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    // A version is a short hex hash; anything else is not an answer from the worker.
    (text.len() <= 64 && text.chars().all(|c| c.is_ascii_hexdigit())).then_some(text)
}
