//! Saving maps in the browser's local storage through gloo-storage.
//!
//! Layout: `stakemap:index` holds the order of maps and the one open last; each map lives under
//! `stakemap:map:<uuid>` in the same envelope as an exported file, so one reader serves both.
//! Keeping maps under their own keys means an edit rewrites only the map it touched.
//!
//! Loading never deletes anything: a map that cannot be read stays under its key and the user is
//! told about it.

use crate::format::{self, StoredFile};
use crate::model::{LocalDate, MapId, StakeMap, Timestamp};
use crate::state::{Backend, Loaded, SaveError, SavedIndex};
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Key of the list of maps.
pub const INDEX_KEY: &str = "stakemap:index";
/// Prefix of each map's key.
pub const MAP_KEY_PREFIX: &str = "stakemap:map:";
const INDEX_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct IndexRecord {
    version: u32,
    maps: Vec<MapId>,
    current: Option<MapId>,
}

/// The key a map is stored under.
pub fn map_key(id: MapId) -> String {
    format!("{MAP_KEY_PREFIX}{id}")
}

/// True when local storage can be used at all (it throws or is missing in some private modes).
pub fn storage_available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

fn to_save_error(e: StorageError) -> SaveError {
    match e {
        StorageError::JsError(js) if js.name == "QuotaExceededError" => SaveError::Full,
        StorageError::JsError(js) => SaveError::Other(format!("{}: {}", js.name, js.message)),
        other => SaveError::Other(other.to_string()),
    }
}

/// Every key in storage that holds a map, in storage order.
fn stored_map_ids() -> Vec<MapId> {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(MAP_KEY_PREFIX).and_then(MapId::parse))
        .collect()
}

/// The real backend: browser clock, crypto ids, local storage.
#[derive(Default)]
pub struct BrowserBackend;

impl Backend for BrowserBackend {
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

    fn load(&self) -> Loaded {
        if !storage_available() {
            return Loaded {
                first_visit: true,
                problems: vec![SaveError::Unavailable.message()],
                ..Loaded::default()
            };
        }
        let mut problems = Vec::new();
        let (mut order, current, had_index) = match LocalStorage::get::<IndexRecord>(INDEX_KEY) {
            Ok(index) if index.version <= INDEX_VERSION => (index.maps, index.current, true),
            Ok(index) => {
                problems.push(format!(
                    "The list of saved maps was written by a newer Stakemap (version {}); the \
                     maps were found by looking through storage instead.",
                    index.version
                ));
                (Vec::new(), None, true)
            }
            Err(StorageError::KeyNotFound(_)) => (Vec::new(), None, false),
            Err(e) => {
                problems.push(format!(
                    "The list of saved maps was damaged ({e}); the maps were found by looking \
                     through storage instead."
                ));
                (Vec::new(), None, true)
            }
        };
        // Maps present in storage but missing from the list are still the user's work.
        for id in stored_map_ids() {
            if !order.contains(&id) {
                order.push(id);
            }
        }
        let now = self.now();
        let mut maps = Vec::new();
        for id in order {
            let key = map_key(id);
            match LocalStorage::get::<serde_json::Value>(&key) {
                Ok(value) => match format::read_value(value, now) {
                    Ok(map) if map.id == id => maps.push(map),
                    Ok(_) => problems.push(format!(
                        "The saved map under \"{key}\" belongs to another map id; it was left \
                         in storage as it was."
                    )),
                    Err(e) => problems.push(format!(
                        "A saved map (\"{key}\") could not be read: {} It was left in storage \
                         as it was.",
                        e.headline()
                    )),
                },
                Err(StorageError::KeyNotFound(_)) => {}
                Err(e) => problems.push(format!(
                    "A saved map (\"{key}\") could not be read ({e}); it was left in storage as \
                     it was."
                )),
            }
        }
        Loaded {
            first_visit: !had_index && maps.is_empty() && problems.is_empty(),
            maps,
            current,
            problems,
        }
    }

    fn save_map(&self, map: &StakeMap) -> Result<(), SaveError> {
        if !storage_available() {
            return Err(SaveError::Unavailable);
        }
        LocalStorage::set(map_key(map.id), StoredFile::new(map, self.now())).map_err(to_save_error)
    }

    fn remove_map(&self, id: MapId) -> Result<(), SaveError> {
        if !storage_available() {
            return Err(SaveError::Unavailable);
        }
        LocalStorage::delete(map_key(id));
        Ok(())
    }

    fn save_index(&self, index: &SavedIndex) -> Result<(), SaveError> {
        if !storage_available() {
            return Err(SaveError::Unavailable);
        }
        let record = IndexRecord {
            version: INDEX_VERSION,
            maps: index.maps.clone(),
            current: index.current,
        };
        LocalStorage::set(INDEX_KEY, record).map_err(to_save_error)
    }
}
