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

use super::backend::{Backend, Loaded, Revision, SaveError, SavedIndex, StorageUsage};
use super::kv::{Env, KeyValue};
use crate::format::stored;
use crate::format::stored::{read_stored_map, PartWriter, Serial, StoredRead};
use crate::model::{LocalDate, MapId, StakeMap, Timestamp};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use uuid::Uuid;

mod layout;
mod load;
mod memory;
pub use layout::*;
pub use memory::MemoryBackend;

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
        self.load_all()
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
