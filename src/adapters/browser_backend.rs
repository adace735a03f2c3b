//! The browser under the stored backend: local storage as the [`KeyValue`] store, and the
//! browser's clock, crypto ids and Web Locks as the [`Env`]. Everything about *how* maps are
//! stored lives in [`StoredBackend`], which native tests run over memory; this file only
//! translates calls and maps the browser's failures to [`SaveError`]s.

use crate::model::{LocalDate, MapId, Timestamp};
use crate::state::{Env, KeyValue, SaveError, StoredBackend};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use crate::state::stored_backend::{
    classify_storage_key, map_key, part_key, premigration_key, revision_key, INDEX_KEY,
    MAP_KEY_PREFIX, PART_PREFIX, PREMIGRATION_PREFIX, RECOVERY_PREFIX, REVISION_PREFIX,
    SETTING_PREFIX, STORAGE_QUOTA_CHARS,
};

/// The real backend: local storage, with the browser's clock, ids and locks.
pub type BrowserBackend = StoredBackend<LocalStorage, BrowserEnv>;

/// The page's `localStorage` (missing or throwing in some private modes).
#[derive(Clone, Copy, Default)]
pub struct LocalStorage;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// True when local storage can be used at all (it throws or is missing in some private modes).
pub fn storage_available() -> bool {
    storage().is_some()
}

/// An exception thrown by the storage API, in the words the store shows.
fn js_save_error(e: JsValue) -> SaveError {
    match e.dyn_into::<js_sys::Error>() {
        // Chromium and Firefox name it QuotaExceededError; older Firefox used this name.
        Ok(err)
            if err.name() == "QuotaExceededError" || err.name() == "NS_ERROR_DOM_QUOTA_REACHED" =>
        {
            SaveError::Full
        }
        Ok(err) => SaveError::Other(format!("{}: {}", err.name(), err.message())),
        Err(other) => SaveError::Other(format!("{other:?}")),
    }
}

impl KeyValue for LocalStorage {
    fn available(&self) -> bool {
        storage_available()
    }

    fn get(&self, key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SaveError> {
        storage()
            .ok_or(SaveError::Unavailable)?
            .set_item(key, value)
            .map_err(js_save_error)
    }

    fn remove(&self, key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let count = s.length().unwrap_or(0);
        (0..count).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// The browser's clock, crypto ids, Web Locks and performance marks.
#[derive(Clone, Copy, Default)]
pub struct BrowserEnv;

/// `navigator.locks`, where the browser has it (every current engine does, in secure
/// contexts: https and localhost).
fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

impl Env for BrowserEnv {
    fn now(&self) -> Timestamp {
        super::clock::now()
    }

    fn today(&self) -> LocalDate {
        super::clock::today()
    }

    fn utc_offset_minutes(&self) -> i32 {
        super::clock::utc_offset_minutes()
    }

    fn new_uuid(&self) -> Uuid {
        super::random::new_uuid()
    }

    fn with_lock(&self, map: MapId, task: Box<dyn FnOnce()>) {
        let Some(locks) = lock_manager() else {
            task();
            return;
        };
        let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let Some(request) = request else {
            task();
            return;
        };
        // The task runs while the browser holds the lock; returning releases it. The task
        // itself is synchronous (local storage is), so no other tab can interleave with it.
        let callback = Closure::once_into_js(move |_lock: JsValue| task());
        let name = JsValue::from_str(&format!("stakemap:map:{map}"));
        if request.call2(&locks, &name, &callback).is_err() {
            // The lock could not even be requested: the task is lost with the closure, so the
            // map stays marked unsaved and the next save (or the retry timer) writes it.
            leptos::logging::warn!(
                "Stakemap: the browser refused a storage lock; saving will retry."
            );
        }
    }

    fn has_locks(&self) -> bool {
        lock_manager().is_some()
    }

    fn save_started(&self) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("stakemap:save-start");
        }
    }

    fn save_finished(&self) {
        // Timed as a performance measure ("stakemap:save"), which the benchmark reads. Only
        // the latest save is kept, so the timeline does not grow with every edit.
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            p.clear_measures_with_measure_name("stakemap:save");
            let _ = p.measure_with_start_mark("stakemap:save", "stakemap:save-start");
            p.clear_marks_with_mark_name("stakemap:save-start");
        }
    }
}
