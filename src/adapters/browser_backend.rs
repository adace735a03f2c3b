//! Saving maps in the browser's local storage through gloo-storage.
//!
//! Layout: `stakemap:index` holds the order of maps and the one open last; each map's head lives
//! under `stakemap:map:<uuid>` and its packed parts under `stakemap:part:<uuid>:…` (see
//! [`format::stored`]). The parts put back together are an exported file, so one reader serves
//! both. An edit rewrites the head and the parts it changed, and nothing of other maps.
//!
//! Loading never deletes anything: a map that cannot be read stays under its key and the user is
//! told about it.

use crate::format::stored;
use crate::format::stored::{read_stored, PartWriter, Serial};
use crate::model::{LocalDate, MapId, StakeMap, Timestamp};
use crate::state::{
    Backend, ExternalChange, Loaded, SaveError, SavedIndex, SetAside, StorageUsage,
};
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

/// Key of the list of maps.
pub const INDEX_KEY: &str = "stakemap:index";
/// Prefix of each map's key.
pub const MAP_KEY_PREFIX: &str = "stakemap:map:";
/// Prefix of each map's revision counter (bumped on every save, read by other tabs).
pub const REVISION_PREFIX: &str = "stakemap:rev:";
/// Prefix of each map's packed parts.
pub const PART_PREFIX: &str = "stakemap:part:";
/// Characters a browser keeps in local storage for one site (keys and values). Chromium and
/// Firefox both stop at 5 Mi characters, whatever the characters are.
pub const STORAGE_QUOTA_CHARS: usize = 5 * 1024 * 1024;
/// Prefix of small settings kept beside the maps (tour seen, a workshop's tray of names).
pub const SETTING_PREFIX: &str = "stakemap:setting:";
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

/// The key one part of a map is stored under.
pub fn part_key(id: MapId, serial: Serial) -> String {
    format!("{PART_PREFIX}{id}:{serial}")
}

/// Characters stored under keys that are not maps (the index, revisions, set-aside data, and
/// anything else on this site).
fn measure_non_map_chars() -> usize {
    all_keys()
        .iter()
        .filter(|k| !k.starts_with(MAP_KEY_PREFIX) && !k.starts_with(PART_PREFIX))
        .map(|k| k.len() + raw(k).map_or(0, |v| v.encode_utf16().count()))
        .sum()
}

/// Removes every stored part of a map.
fn remove_parts(id: MapId) {
    let prefix = format!("{PART_PREFIX}{id}:");
    for key in all_keys().iter().filter(|k| k.starts_with(&prefix)) {
        LocalStorage::delete(key);
    }
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

/// The same for an exception thrown by the storage API itself.
fn js_save_error(e: wasm_bindgen::JsValue) -> SaveError {
    use wasm_bindgen::JsCast;
    match e.dyn_into::<js_sys::Error>() {
        Ok(err) if err.name() == "QuotaExceededError" => SaveError::Full,
        Ok(err) => SaveError::Other(format!("{}: {}", err.name(), err.message())),
        Err(other) => SaveError::Other(format!("{other:?}")),
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
pub struct BrowserBackend {
    /// What each map's parts held when last written or read.
    writers: Mutex<HashMap<MapId, PartWriter>>,
    /// Characters used by everything that is not a map (the index, revisions, set-aside data),
    /// as last measured: at start-up, and again when a save would not fit.
    non_map_chars: Mutex<usize>,
}

impl BrowserBackend {
    fn writers<R>(&self, f: impl FnOnce(&mut HashMap<MapId, PartWriter>) -> R) -> R {
        match self.writers.lock() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Reads one map's head and parts.
    fn read_map(&self, id: MapId, head: &str) -> Result<StakeMap, stored::StoredError> {
        let (map, writer) = read_stored(head, |part| raw(&part_key(id, part)), self.now())?;
        if map.id != id {
            return Err(stored::StoredError::Invalid(
                "it belongs to a different map id.".into(),
            ));
        }
        self.writers(|w| w.insert(id, writer));
        Ok(map)
    }

    /// Characters used by data that is not a map, as last measured.
    fn non_map(&self) -> usize {
        self.non_map_chars.lock().map(|c| *c).unwrap_or(0)
    }

    /// Measures the data that is not a map again, and remembers it.
    fn remeasure_non_map(&self) -> usize {
        let chars = measure_non_map_chars();
        if let Ok(mut kept) = self.non_map_chars.lock() {
            *kept = chars;
        }
        chars
    }

    /// Characters stored for every map this tab knows (but `except`), with their keys.
    fn maps_chars(&self, except: Option<MapId>) -> usize {
        self.writers(|w| {
            w.iter()
                .filter(|(id, _)| Some(**id) != except)
                .map(|(id, writer)| {
                    chars_with_keys(*id, writer.stored_chars(), writer.parts().len())
                })
                .sum()
        })
    }
}

/// Characters a map takes with its keys: the head and parts, plus one key each.
fn chars_with_keys(id: MapId, stored: usize, parts: usize) -> usize {
    let key = part_key(id, Serial::MAX).len();
    stored + (parts + 2) * key
}

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
            match self.read_map(id, &text) {
                Ok(map) => {
                    // Upgraded from an older version: keep the original until the next save.
                    if stored::is_older(&text) {
                        let copy = premigration_key(id);
                        if raw(&copy).is_none() {
                            let _ = LocalStorage::raw().set_item(&copy, &text);
                        }
                    }
                    maps.push(map);
                }
                Err(stored::StoredError::Damaged(why)) => {
                    // The head names parts that are missing or damaged: leave every key as it
                    // is, so nothing is lost and another version or a repair can still read it.
                    problems.push(format!(
                        "A saved map could not be opened: part of it is damaged ({why}). It was \
                         left in storage untouched."
                    ));
                }
                Err(e) => {
                    let why = e.headline();
                    // Kept as one file the user can download, whatever it was stored as.
                    let whole = stored::file_text(&text, |serial| raw(&part_key(id, serial)));
                    let kept = set_aside(&key, whole.as_deref().unwrap_or(&text), stamp);
                    if kept.is_some() && whole.is_ok() {
                        remove_parts(id);
                    }
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
        self.remeasure_non_map();
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
        let written = self.write_parts(map);
        if let Some(p) = &performance {
            // Only the latest save is kept, so the timeline does not grow with every edit.
            p.clear_measures_with_measure_name("stakemap:save");
            let _ = p.measure_with_start_mark("stakemap:save", "stakemap:save-start");
            p.clear_marks_with_mark_name("stakemap:save-start");
        }
        written?;
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
        self.read_map(id, &raw(&map_key(id))?).ok()
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
        remove_parts(id);
        self.writers(|w| w.remove(&id));
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

    fn usage(&self) -> Option<StorageUsage> {
        Some(StorageUsage {
            used: self.non_map() + self.maps_chars(None),
            quota: STORAGE_QUOTA_CHARS,
        })
    }

    fn read_setting(&self, name: &str) -> Option<String> {
        storage_available()
            .then(|| raw(&format!("{SETTING_PREFIX}{name}")))
            .flatten()
    }

    fn write_setting(&self, name: &str, value: Option<&str>) -> Result<(), SaveError> {
        if !storage_available() {
            return Err(SaveError::Unavailable);
        }
        let key = format!("{SETTING_PREFIX}{name}");
        let result = match value {
            Some(v) => LocalStorage::raw().set_item(&key, v).map_err(js_save_error),
            None => {
                LocalStorage::delete(&key);
                Ok(())
            }
        };
        self.remeasure_non_map();
        result
    }
}

impl BrowserBackend {
    /// Writes the parts of `map` that changed, then its head; removes parts it no longer has.
    /// Refuses, writing nothing, when the map would not fit.
    fn write_parts(&self, map: &StakeMap) -> Result<(), SaveError> {
        let id = map.id;
        let plan = self.writers(|w| w.entry(id).or_default().plan(map, self.now()));
        let this_map = chars_with_keys(id, plan.stored_chars(), plan.part_count());
        let others = self.maps_chars(Some(id));
        let mut non_map = self.non_map();
        if non_map + others + this_map > STORAGE_QUOTA_CHARS {
            // Data besides the maps may have been removed since it was measured: look again.
            non_map = self.remeasure_non_map();
        }
        let needed = non_map + others + this_map;
        if needed > STORAGE_QUOTA_CHARS {
            // Refused before writing anything, so nothing stored is touched.
            return Err(if this_map > STORAGE_QUOTA_CHARS {
                SaveError::WontFit {
                    needed: this_map,
                    quota: STORAGE_QUOTA_CHARS,
                }
            } else {
                SaveError::Full
            });
        }
        let storage = LocalStorage::raw();
        let mut done = Vec::new();
        let result = plan
            .parts
            .iter()
            .try_for_each(|(part, text)| {
                let key = part_key(id, *part);
                storage.set_item(&key, text)?;
                done.push(key);
                Ok(())
            })
            .and_then(|()| storage.set_item(&map_key(id), &plan.head));
        if let Err(e) = result {
            // The stored head still names the old parts: take the new ones away again.
            for key in &done {
                let _ = storage.remove_item(key);
            }
            return Err(js_save_error(e));
        }
        for serial in &plan.removed {
            let _ = storage.remove_item(&part_key(id, *serial));
        }
        self.writers(|w| w.entry(id).or_default().written(plan));
        Ok(())
    }
}
