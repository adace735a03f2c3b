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
use crate::state::{Backend, ExternalChange, Loaded, SaveError, SavedIndex, SetAside};
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Key of the list of maps.
pub const INDEX_KEY: &str = "stakemap:index";
/// Prefix of each map's key.
pub const MAP_KEY_PREFIX: &str = "stakemap:map:";
/// Prefix of each map's revision counter (bumped on every save, read by other tabs).
pub const REVISION_PREFIX: &str = "stakemap:rev:";
/// Prefix of data set aside because it could not be read.
pub const RECOVERY_PREFIX: &str = "stakemap:recovery:";
/// Prefix of the copy of a map as it was before it was upgraded to the current version.
pub const PREMIGRATION_PREFIX: &str = "stakemap:premigration:";
const INDEX_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct IndexRecord {
    version: u32,
    maps: Vec<MapId>,
    current: Option<MapId>,
    /// When each map was last exported (added later; absent in older records).
    #[serde(default)]
    exported: std::collections::BTreeMap<MapId, crate::model::Timestamp>,
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

/// The key a map's revision counter is kept under.
pub fn revision_key(id: MapId) -> String {
    format!("{REVISION_PREFIX}{id}")
}

/// What another tab's write to `key` means for this tab (`None` for keys of no interest). A
/// map counts as changed when its revision is written, which happens after the map itself.
pub fn classify_storage_key(key: Option<String>) -> Option<ExternalChange> {
    match key {
        None => Some(ExternalChange::Cleared),
        Some(k) if k == INDEX_KEY => Some(ExternalChange::Index),
        Some(k) => k
            .strip_prefix(REVISION_PREFIX)
            .and_then(MapId::parse)
            .map(ExternalChange::Map),
    }
}

/// The key a map's pre-upgrade copy is kept under.
pub fn premigration_key(id: MapId) -> String {
    format!("{PREMIGRATION_PREFIX}{id}")
}

/// Every key in storage, in storage order.
fn all_keys() -> Vec<String> {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

fn raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Moves unreadable data from `key` to a recovery key. The original is removed only once the
/// copy is safely written, so nothing is ever lost.
fn set_aside(key: &str, text: &str, now: i64) -> Option<String> {
    let storage = LocalStorage::raw();
    let target = format!("{RECOVERY_PREFIX}{now}:{key}");
    storage.set_item(&target, text).ok()?;
    let _ = storage.remove_item(key);
    Some(target)
}

/// A short description of set-aside data for the list shown to the user.
fn describe_set_aside(key: &str) -> String {
    let rest = key.strip_prefix(RECOVERY_PREFIX).unwrap_or(key);
    let (stamp, from) = rest.split_once(':').unwrap_or(("", rest));
    let when = stamp
        .parse::<i64>()
        .map(|ms| {
            crate::model::Timestamp::from_unix_millis(ms)
                .local_date(super::clock::utc_offset_minutes())
                .human()
        })
        .unwrap_or_else(|_| "an earlier visit".into());
    let what = if from == INDEX_KEY {
        "the list of saved maps".to_owned()
    } else if from.starts_with(MAP_KEY_PREFIX) {
        "a saved map".to_owned()
    } else {
        format!("data under \"{from}\"")
    };
    format!("Unreadable {what}, set aside on {when}")
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
        let now = self.now();
        let stamp = now.unix_millis();
        let mut problems = Vec::new();
        let index_text = raw(INDEX_KEY);
        let index = index_text
            .as_deref()
            .map(serde_json::from_str::<IndexRecord>);
        let mut exported = Default::default();
        let (mut order, current) = match index {
            None => (Vec::new(), None),
            Some(Ok(index)) if index.version <= INDEX_VERSION => {
                exported = index.exported;
                (index.maps, index.current)
            }
            Some(Ok(_)) | Some(Err(_)) => {
                let text = index_text.as_deref().unwrap_or_default();
                let kept = set_aside(INDEX_KEY, text, stamp);
                problems.push(format!(
                    "The list of saved maps could not be read (damaged, or written by a newer \
                     Stakemap). {} The maps themselves were found by looking through storage.",
                    match kept {
                        Some(_) => "It was set aside, not deleted: you can download it below.",
                        None => "It was left where it was.",
                    }
                ));
                (Vec::new(), None)
            }
        };
        let keys = all_keys();
        // Maps present in storage but missing from the list are still the user's work.
        for id in keys
            .iter()
            .filter_map(|k| k.strip_prefix(MAP_KEY_PREFIX).and_then(MapId::parse))
        {
            if !order.contains(&id) {
                order.push(id);
            }
        }
        let had_anything = index_text.is_some() || !order.is_empty();
        let mut maps = Vec::new();
        for id in order {
            let key = map_key(id);
            let Some(text) = raw(&key) else { continue };
            let value = serde_json::from_str::<serde_json::Value>(&text);
            let version = value
                .as_ref()
                .ok()
                .and_then(|v| v.get("version"))
                .and_then(serde_json::Value::as_u64);
            let result = match value {
                Ok(v) => format::read_value(v, now).map_err(|e| e.headline()),
                Err(e) => Err(format!("it is not valid JSON ({e}).")),
            };
            match result {
                Ok(map) if map.id == id => {
                    // Upgraded from an older version: keep the original until the next save.
                    if version.is_some_and(|v| v < format::CURRENT_VERSION) {
                        let copy = premigration_key(id);
                        if raw(&copy).is_none() {
                            let _ = LocalStorage::raw().set_item(&copy, &text);
                        }
                    }
                    maps.push(map);
                }
                Ok(_) | Err(_) => {
                    let why = match &result {
                        Err(why) => why.clone(),
                        Ok(_) => "it belongs to a different map id.".into(),
                    };
                    let kept = set_aside(&key, &text, stamp);
                    problems.push(format!(
                        "A saved map could not be opened: {why} {}",
                        match kept {
                            Some(_) => "It was set aside, not deleted: you can download it below.",
                            None => "It was left where it was (there was no room to set it aside).",
                        }
                    ));
                }
            }
        }
        let set_aside = all_keys()
            .into_iter()
            .filter(|k| k.starts_with(RECOVERY_PREFIX))
            .map(|key| SetAside {
                what: describe_set_aside(&key),
                key,
            })
            .collect();
        Loaded {
            first_visit: !had_anything && maps.is_empty(),
            maps,
            current,
            exported,
            problems,
            set_aside,
        }
    }

    fn save_map(&self, map: &StakeMap) -> Result<u64, SaveError> {
        if !storage_available() {
            return Err(SaveError::Unavailable);
        }
        // Timed as a performance measure ("stakemap:save"), which the benchmark reads.
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark("stakemap:save-start");
        }
        let written = LocalStorage::set(map_key(map.id), StoredFile::new(map, self.now()));
        if let Some(p) = &performance {
            // Only the latest save is kept, so the timeline does not grow with every edit.
            p.clear_measures_with_measure_name("stakemap:save");
            let _ = p.measure_with_start_mark("stakemap:save", "stakemap:save-start");
            p.clear_marks_with_mark_name("stakemap:save-start");
        }
        written.map_err(to_save_error)?;
        // Saved in the current version: the pre-upgrade copy is no longer needed.
        LocalStorage::delete(premigration_key(map.id));
        // The revision goes last: another tab that sees it change finds the map already written.
        let revision = self.revision(map.id) + 1;
        LocalStorage::set(revision_key(map.id), revision).map_err(to_save_error)?;
        Ok(revision)
    }

    fn revision(&self, id: MapId) -> u64 {
        if !storage_available() {
            return 0;
        }
        LocalStorage::get::<u64>(revision_key(id)).unwrap_or(0)
    }

    fn load_map(&self, id: MapId) -> Option<StakeMap> {
        if !storage_available() {
            return None;
        }
        let value = LocalStorage::get::<serde_json::Value>(map_key(id)).ok()?;
        format::read_value(value, self.now())
            .ok()
            .filter(|m| m.id == id)
    }

    fn load_index(&self) -> Option<SavedIndex> {
        if !storage_available() {
            return None;
        }
        let record = LocalStorage::get::<IndexRecord>(INDEX_KEY).ok()?;
        Some(SavedIndex {
            maps: record.maps,
            current: record.current,
            exported: record.exported,
        })
    }

    fn remove_map(&self, id: MapId) -> Result<(), SaveError> {
        if !storage_available() {
            return Err(SaveError::Unavailable);
        }
        LocalStorage::delete(map_key(id));
        LocalStorage::delete(revision_key(id));
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
            exported: index.exported.clone(),
        };
        LocalStorage::set(INDEX_KEY, record).map_err(to_save_error)
    }

    fn read_raw(&self, key: &str) -> Option<String> {
        storage_available().then(|| raw(key)).flatten()
    }

    fn remove_raw(&self, key: &str) {
        if storage_available() {
            LocalStorage::delete(key);
        }
    }
}
