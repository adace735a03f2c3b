//! The backend that keeps maps in a string key-value store: the browser's local storage in the
//! app ([`KeyValue`] over `localStorage`), memory in tests ([`super::MemoryStorage`]). All of the
//! saving logic lives here, once, so the tests exercise exactly what the browser runs.
//!
//! Layout: `stakemap:index` holds the order of maps and the one open last; each map's head lives
//! under `stakemap:map:<uuid>` and its packed parts under `stakemap:part:<uuid>:…` (see
//! [`format::stored`]); `stakemap:rev:<uuid>` holds a random token that changes on every save,
//! which other tabs compare with the one they last saw. An edit rewrites the head and the parts
//! it changed, and nothing of other maps.
//!
//! Loading never deletes anything the user made: a map that cannot be read stays under its key
//! or is set aside, and the user is told about it. What *is* removed are parts no head names
//! (left by a save cut short), and only under the map's lock.

use super::backend::{Backend, Loaded, Revision, SaveError, SavedIndex, SetAside, StorageUsage};
use super::kv::{Env, KeyValue};
use super::store::ExternalChange;
use crate::format::stored;
use crate::format::stored::{read_stored_map, PartWriter, Serial, StoredRead};
use crate::model::{LocalDate, MapId, StakeMap, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use uuid::Uuid;

/// Key of the list of maps.
pub const INDEX_KEY: &str = "stakemap:index";
/// Prefix of each map's key.
pub const MAP_KEY_PREFIX: &str = "stakemap:map:";
/// Prefix of each map's revision token (changed on every save, read by other tabs).
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
    exported: BTreeMap<MapId, Timestamp>,
}

/// The key a map is stored under.
pub fn map_key(id: MapId) -> String {
    format!("{MAP_KEY_PREFIX}{id}")
}

/// The key one part of a map is stored under.
pub fn part_key(id: MapId, serial: Serial) -> String {
    format!("{PART_PREFIX}{id}:{serial}")
}

/// The key a map's revision token is kept under.
pub fn revision_key(id: MapId) -> String {
    format!("{REVISION_PREFIX}{id}")
}

/// The key a map's pre-upgrade copy is kept under.
pub fn premigration_key(id: MapId) -> String {
    format!("{PREMIGRATION_PREFIX}{id}")
}

/// The map and serial a part key names.
fn parse_part_key(key: &str) -> Option<(MapId, Serial)> {
    let rest = key.strip_prefix(PART_PREFIX)?;
    let (id, serial) = rest.split_once(':')?;
    Some((MapId::parse(id)?, serial.parse().ok()?))
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

/// A short description of set-aside data for the list shown to the user.
fn describe_set_aside(key: &str, utc_offset_minutes: i32) -> String {
    let rest = key.strip_prefix(RECOVERY_PREFIX).unwrap_or(key);
    let (stamp, from) = rest.split_once(':').unwrap_or(("", rest));
    let when = stamp
        .parse::<i64>()
        .map(|ms| {
            Timestamp::from_unix_millis(ms)
                .local_date(utc_offset_minutes)
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

/// Characters a map takes with its keys: the head and parts, plus one key each.
fn chars_with_keys(id: MapId, stored: usize, parts: usize) -> usize {
    let key = part_key(id, Serial::MAX).len();
    stored + (parts + 2) * key
}

/// What this tab knows of one stored map: the writer that plans the next save, and the head it
/// last wrote or read. A stored head that differs means someone else wrote the map since, so
/// the writer's memory of the parts cannot be trusted and the whole map is written.
struct Known {
    writer: PartWriter,
    head: String,
}

/// Saves maps in a [`KeyValue`] store, with the clock, ids and lock of an [`Env`].
pub struct StoredBackend<K, E> {
    kv: K,
    env: E,
    known: Mutex<HashMap<MapId, Known>>,
    /// Characters used by everything that is not a map (the index, revisions, set-aside data),
    /// as last measured: at start-up, and again when a save would not fit.
    non_map_chars: Mutex<usize>,
}

impl<K: KeyValue + Default, E: Env + Default> Default for StoredBackend<K, E> {
    fn default() -> Self {
        Self::new(K::default(), E::default())
    }
}

impl<K: KeyValue, E: Env> StoredBackend<K, E> {
    /// A backend over `kv`, with `env`'s clock, ids and lock.
    pub fn new(kv: K, env: E) -> Self {
        Self {
            kv,
            env,
            known: Mutex::new(HashMap::new()),
            non_map_chars: Mutex::new(0),
        }
    }

    /// The key-value store underneath (for tests and diagnostics).
    pub fn kv(&self) -> &K {
        &self.kv
    }

    /// The environment (for tests: the clock).
    pub fn env(&self) -> &E {
        &self.env
    }

    fn known<R>(&self, f: impl FnOnce(&mut HashMap<MapId, Known>) -> R) -> R {
        match self.known.lock() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Reads one map's head and parts, and remembers them for the next save.
    fn read_map(&self, id: MapId, head: &str) -> Result<StakeMap, stored::StoredError> {
        self.read_map_repairing(id, head).map(|(map, _)| map)
    }

    /// The same, with what the reader repaired (in words).
    fn read_map_repairing(
        &self,
        id: MapId,
        head: &str,
    ) -> Result<(StakeMap, Vec<String>), stored::StoredError> {
        let StoredRead {
            map,
            writer,
            repairs,
        } = read_stored_map(head, |part| self.kv.get(&part_key(id, part)), self.now())?;
        if map.id != id {
            return Err(stored::StoredError::Invalid(
                "it belongs to a different map id.".into(),
            ));
        }
        self.known(|k| {
            k.insert(
                id,
                Known {
                    writer,
                    head: head.to_owned(),
                },
            )
        });
        Ok((map, repairs))
    }

    /// Moves unreadable data from `key` to a recovery key. The original is removed only once
    /// the copy is safely written, so nothing is ever lost.
    fn set_aside(&self, key: &str, text: &str, now: i64) -> Option<String> {
        let target = format!("{RECOVERY_PREFIX}{now}:{key}");
        self.kv.set(&target, text).ok()?;
        self.kv.remove(key);
        Some(target)
    }

    /// Removes every stored part of a map.
    fn remove_parts(&self, id: MapId) {
        for key in self.kv.keys() {
            if parse_part_key(&key).is_some_and(|(map, _)| map == id) {
                self.kv.remove(&key);
            }
        }
    }

    /// Characters stored under keys that are not maps (the index, revisions, set-aside data,
    /// and anything else on this site).
    fn measure_non_map_chars(&self) -> usize {
        self.kv
            .keys()
            .iter()
            .filter(|k| !k.starts_with(MAP_KEY_PREFIX) && !k.starts_with(PART_PREFIX))
            .map(|k| k.len() + self.kv.get(k).map_or(0, |v| v.encode_utf16().count()))
            .sum()
    }

    /// Characters used by data that is not a map, as last measured.
    fn non_map(&self) -> usize {
        self.non_map_chars.lock().map(|c| *c).unwrap_or(0)
    }

    /// Measures the data that is not a map again, and remembers it.
    fn remeasure_non_map(&self) -> usize {
        let chars = self.measure_non_map_chars();
        if let Ok(mut kept) = self.non_map_chars.lock() {
            *kept = chars;
        }
        chars
    }

    /// Characters stored for every map this tab knows (but `except`), with their keys.
    fn maps_chars(&self, except: Option<MapId>) -> usize {
        self.known(|k| {
            k.iter()
                .filter(|(id, _)| Some(**id) != except)
                .map(|(id, known)| {
                    chars_with_keys(*id, known.writer.stored_chars(), known.writer.parts().len())
                })
                .sum()
        })
    }

    /// Writes the parts of `map` that changed, then its head; removes parts it no longer has.
    /// Refuses, writing nothing, when the map would not fit. Returns true when the map was
    /// written whole because storage did not hold what this tab last wrote.
    fn write_parts(&self, map: &StakeMap) -> Result<bool, SaveError> {
        let id = map.id;
        let stored_head = self.kv.get(&map_key(id));
        // Someone else wrote (or removed) the map since this tab last did: forget what the
        // parts held and write every part, so the head never names a part another tab removed.
        let foreign = self.known(|k| {
            let same = k
                .get(&id)
                .is_some_and(|known| stored_head.as_deref() == Some(known.head.as_str()));
            if !same {
                k.remove(&id);
            }
            !same
        });
        // Serials start from a random number, so two tabs saving the same map never collide.
        let start = u64::from_be_bytes(
            self.env.new_uuid().as_bytes()[..8]
                .try_into()
                .unwrap_or([0; 8]),
        ) >> 12;
        let plan = self.known(|k| {
            k.get(&id)
                .map(|known| known.writer.plan_from(map, self.now(), start))
                .unwrap_or_else(|| PartWriter::default().plan_from(map, self.now(), start))
        });
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
        let mut done = Vec::new();
        let result = plan
            .parts
            .iter()
            .try_for_each(|(part, text)| {
                let key = part_key(id, *part);
                self.kv.set(&key, text)?;
                done.push(key);
                Ok(())
            })
            .and_then(|()| self.kv.set(&map_key(id), &plan.head));
        if let Err(e) = result {
            // The stored head still names the old parts: take the new ones away again.
            for key in &done {
                self.kv.remove(key);
            }
            return Err(e);
        }
        for serial in &plan.removed {
            self.kv.remove(&part_key(id, *serial));
        }
        let head = plan.head.clone();
        self.known(|k| {
            let mut writer = k.remove(&id).map(|known| known.writer).unwrap_or_default();
            writer.written(plan);
            k.insert(id, Known { writer, head });
        });
        Ok(foreign)
    }

    /// Removes the parts of `id` that its stored head does not name (left by a save cut short,
    /// or by another tab whose head was replaced). Run it under the map's lock. Returns how
    /// many were removed.
    pub fn sweep_map(&self, id: MapId) -> usize {
        if !self.kv.available() {
            return 0;
        }
        let Some(head) = self.kv.get(&map_key(id)) else {
            return 0;
        };
        let Some(named) = stored::named_parts(&head) else {
            return 0;
        };
        let named: HashSet<Serial> = named.into_iter().collect();
        let mut removed = 0;
        for key in self.kv.keys() {
            if let Some((map, serial)) = parse_part_key(&key) {
                if map == id && !named.contains(&serial) {
                    self.kv.remove(&key);
                    removed += 1;
                }
            }
        }
        removed
    }
}

impl<K: KeyValue, E: Env> Backend for StoredBackend<K, E> {
    fn now(&self) -> Timestamp {
        self.env.now()
    }

    fn today(&self) -> LocalDate {
        self.env.today()
    }

    fn utc_offset_minutes(&self) -> i32 {
        self.env.utc_offset_minutes()
    }

    fn new_uuid(&self) -> Uuid {
        self.env.new_uuid()
    }

    fn with_lock(&self, map: MapId, task: Box<dyn FnOnce()>) {
        self.env.with_lock(map, task);
    }

    fn has_locks(&self) -> bool {
        self.env.has_locks()
    }

    fn load(&self) -> Loaded {
        if !self.kv.available() {
            return Loaded {
                first_visit: true,
                problems: vec![SaveError::Unavailable.message()],
                ..Loaded::default()
            };
        }
        let now = self.now();
        let stamp = now.unix_millis();
        let mut problems = Vec::new();
        let index_text = self.kv.get(INDEX_KEY);
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
                let kept = self.set_aside(INDEX_KEY, text, stamp);
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
        let keys = self.kv.keys();
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
        let (mut notes, mut repaired) = (Vec::new(), Vec::new());
        for id in order {
            let key = map_key(id);
            let Some(text) = self.kv.get(&key) else {
                continue;
            };
            match self.read_map_repairing(id, &text) {
                Ok((map, repairs)) => {
                    if !repairs.is_empty() {
                        repaired.push(map.id);
                        notes.push(format!(
                            "“{}” was saved slightly outside today's rules and was repaired:",
                            map.name
                        ));
                        notes.extend(repairs.into_iter().map(|r| format!("  {r}")));
                    }
                    // Upgraded from an older version: keep the original until the next save.
                    if stored::is_older(&text) {
                        let copy = premigration_key(id);
                        if self.kv.get(&copy).is_none() {
                            let _ = self.kv.set(&copy, &text);
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
                    let whole =
                        stored::file_text(&text, |serial| self.kv.get(&part_key(id, serial)));
                    let kept = self.set_aside(&key, whole.as_deref().unwrap_or(&text), stamp);
                    if kept.is_some() && whole.is_ok() {
                        self.remove_parts(id);
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
        let offset = self.utc_offset_minutes();
        let set_aside = self
            .kv
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(RECOVERY_PREFIX))
            .map(|key| SetAside {
                what: describe_set_aside(&key, offset),
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
            notes,
            repaired,
        }
    }

    fn save_map_after(
        &self,
        map: &StakeMap,
        parent: Option<&Revision>,
    ) -> Result<Revision, SaveError> {
        if !self.kv.available() {
            return Err(SaveError::Unavailable);
        }
        self.env.save_started();
        let written = self.write_parts(map);
        self.env.save_finished();
        let whole = written?;
        if whole {
            // What another tab or a save cut short left behind is no longer named by any head.
            self.sweep_map(map.id);
        }
        // Saved in the current version: the pre-upgrade copy is no longer needed.
        self.kv.remove(&premigration_key(map.id));
        // The revision goes last: another tab that sees it change finds the map already written.
        // A random token, so two tabs saving at once can never both write the same revision.
        let token = Revision::new(&self.env.new_uuid().simple().to_string(), parent);
        self.kv.set(&revision_key(map.id), &token.0)?;
        Ok(token)
    }

    fn revision(&self, id: MapId) -> Option<Revision> {
        if !self.kv.available() {
            return None;
        }
        self.kv.get(&revision_key(id)).map(Revision)
    }

    fn load_map(&self, id: MapId) -> Option<StakeMap> {
        if !self.kv.available() {
            return None;
        }
        self.read_map(id, &self.kv.get(&map_key(id))?).ok()
    }

    fn load_index(&self) -> Option<SavedIndex> {
        if !self.kv.available() {
            return None;
        }
        let record = serde_json::from_str::<IndexRecord>(&self.kv.get(INDEX_KEY)?).ok()?;
        Some(SavedIndex {
            maps: record.maps,
            current: record.current,
            exported: record.exported,
        })
    }

    fn remove_map(&self, id: MapId) -> Result<(), SaveError> {
        if !self.kv.available() {
            return Err(SaveError::Unavailable);
        }
        self.kv.remove(&map_key(id));
        self.kv.remove(&revision_key(id));
        self.remove_parts(id);
        self.forget(id);
        Ok(())
    }

    fn stale(&self, id: MapId) -> bool {
        if !self.kv.available() {
            return false;
        }
        let stored = self.kv.get(&map_key(id));
        self.known(|k| {
            k.get(&id)
                .is_some_and(|known| stored.as_deref() != Some(known.head.as_str()))
        })
    }

    fn forget(&self, id: MapId) {
        self.known(|k| k.remove(&id));
    }

    fn sweep(&self, id: MapId) -> usize {
        self.sweep_map(id)
    }

    fn save_index(&self, index: &SavedIndex) -> Result<(), SaveError> {
        if !self.kv.available() {
            return Err(SaveError::Unavailable);
        }
        let record = IndexRecord {
            version: INDEX_VERSION,
            maps: index.maps.clone(),
            current: index.current,
            exported: index.exported.clone(),
        };
        let text = serde_json::to_string(&record).map_err(|e| SaveError::Other(e.to_string()))?;
        self.kv.set(INDEX_KEY, &text)
    }

    fn read_raw(&self, key: &str) -> Option<String> {
        self.kv.available().then(|| self.kv.get(key)).flatten()
    }

    fn remove_raw(&self, key: &str) {
        if self.kv.available() {
            self.kv.remove(key);
        }
    }

    fn usage(&self) -> Option<StorageUsage> {
        Some(StorageUsage {
            used: self.non_map() + self.maps_chars(None),
            quota: STORAGE_QUOTA_CHARS,
        })
    }

    fn read_setting(&self, name: &str) -> Option<String> {
        self.kv
            .available()
            .then(|| self.kv.get(&format!("{SETTING_PREFIX}{name}")))
            .flatten()
    }

    fn setting_names(&self) -> Vec<String> {
        if !self.kv.available() {
            return Vec::new();
        }
        self.kv
            .keys()
            .into_iter()
            .filter_map(|k| k.strip_prefix(SETTING_PREFIX).map(str::to_owned))
            .collect()
    }

    fn write_setting(&self, name: &str, value: Option<&str>) -> Result<(), SaveError> {
        if !self.kv.available() {
            return Err(SaveError::Unavailable);
        }
        let key = format!("{SETTING_PREFIX}{name}");
        let result = match value {
            Some(v) => self.kv.set(&key, v),
            None => {
                self.kv.remove(&key);
                Ok(())
            }
        };
        self.remeasure_non_map();
        result
    }
}
