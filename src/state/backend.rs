//! What the store needs from the outside world (saving, the clock, fresh ids), as a trait so the
//! store runs natively in tests with [`MemoryBackend`] and in the browser with the local-storage
//! adapter.

use crate::model::{LocalDate, MapId, StakeMap, Timestamp};
use std::collections::BTreeMap;
use std::sync::Mutex;
use uuid::Uuid;

/// Why a save did not happen, in the words shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Storage is turned off or blocked (private mode, site settings).
    Unavailable,
    /// The browser's storage quota is used up.
    Full,
    /// The map alone would not fit in what the browser keeps for this site, so nothing was
    /// written.
    WontFit {
        /// Characters the map needs.
        needed: usize,
        /// Characters the browser keeps for this site.
        quota: usize,
    },
    /// Anything else the browser reported.
    Other(String),
}

impl SaveError {
    /// A sentence for the banner.
    pub fn message(&self) -> String {
        match self {
            SaveError::Unavailable => "Browser storage is turned off or blocked for this site, so \
                changes cannot be saved in this browser."
                .into(),
            SaveError::Full => "Browser storage for this site is full, so the latest changes \
                could not be saved. They are still open in this tab: export the map to a file now \
                (Export map), then delete maps you no longer need here to make room."
                .into(),
            SaveError::WontFit { needed, quota } => format!(
                "This map is too large for this browser's storage: it needs {} million \
                 characters, and the browser keeps {} million for this site. Nothing was \
                 written, so what was saved before is intact, and your latest changes are still \
                 open in this tab. Export the map to a file now (Export map) so nothing is lost, \
                 then delete maps you no longer need here, or split this one.",
                millions(*needed),
                millions(*quota)
            ),
            SaveError::Other(why) => format!("The browser refused to save the map ({why})."),
        }
    }
}

fn millions(chars: usize) -> String {
    format!("{:.2}", chars as f64 / 1_000_000.0)
}

/// How much of the browser's storage this site uses, in characters (the unit browsers count
/// local storage in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUsage {
    /// Characters in use (keys and values).
    pub used: usize,
    /// Characters the browser keeps for this site.
    pub quota: usize,
}

impl StorageUsage {
    /// The share in use, 0–100.
    pub fn percent(&self) -> usize {
        (self.used * 100).checked_div(self.quota).unwrap_or(0)
    }
}

/// A map's stored revision: a token that changes on every save (a random one in the browser),
/// compared, never ordered, followed by the token of the revision that save built on (its
/// parent), as `"<token> <parent>"`. Another tab's save shows as a different token; its parent
/// tells whether it built on this tab's latest save or overwrote it unseen (browsers pass one
/// tab's local-storage writes to another tab asynchronously, even under a lock).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Revision(pub String);

impl Revision {
    /// A new revision `token` built on `parent`.
    pub fn new(token: &str, parent: Option<&Revision>) -> Self {
        match parent {
            Some(p) => Revision(format!("{token} {}", p.token())),
            None => Revision(token.to_owned()),
        }
    }

    /// This revision's own token.
    pub fn token(&self) -> &str {
        self.0.split(' ').next().unwrap_or_default()
    }

    /// The token of the revision this one built on, when known.
    pub fn parent(&self) -> Option<&str> {
        self.0
            .split_once(' ')
            .map(|(_, p)| p)
            .filter(|p| !p.is_empty())
    }
}

/// Which maps exist (in order) and which one was open, kept beside the maps themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedIndex {
    /// Map ids in the order the user created them.
    pub maps: Vec<MapId>,
    /// The map open last.
    pub current: Option<MapId>,
    /// When each map was last exported to a file.
    pub exported: BTreeMap<MapId, Timestamp>,
}

/// Data found in storage that could not be used, kept aside under its own key for the user to
/// download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    /// The storage key it is kept under.
    pub key: String,
    /// What it is and why it was set aside, in plain words.
    pub what: String,
}

/// What was found in storage at start-up.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// Every map that could be read, in order.
    pub maps: Vec<StakeMap>,
    /// The map that was open last, if it still exists.
    pub current: Option<MapId>,
    /// When each map was last exported to a file.
    pub exported: BTreeMap<MapId, Timestamp>,
    /// True when storage held no Stakemap data at all (a first visit).
    pub first_visit: bool,
    /// Problems to tell the user about (unreadable maps, storage off).
    pub problems: Vec<String>,
    /// Everything kept aside in storage, including items set aside on earlier visits.
    pub set_aside: Vec<SetAside>,
    /// What was repaired while reading (data slightly outside today's rules), in words.
    pub notes: Vec<String>,
    /// The maps that were repaired: saved again at start, so storage holds the repaired form.
    pub repaired: Vec<MapId>,
}

/// The outside world, as the store sees it.
pub trait Backend: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
    /// Today on the user's calendar.
    fn today(&self) -> LocalDate;
    /// How far the user's clock is ahead of UTC, in minutes.
    fn utc_offset_minutes(&self) -> i32;
    /// A fresh random id.
    fn new_uuid(&self) -> Uuid;
    /// Everything saved earlier.
    fn load(&self) -> Loaded;
    /// Saves one map and returns its new revision.
    fn save_map(&self, map: &StakeMap) -> Result<Revision, SaveError> {
        self.save_map_after(map, None)
    }
    /// Saves one map built on revision `parent` (the one this tab last saw) and returns its new
    /// revision, which names that parent.
    fn save_map_after(
        &self,
        map: &StakeMap,
        parent: Option<&Revision>,
    ) -> Result<Revision, SaveError>;
    /// The revision of a map as stored now (`None` when it is not stored).
    fn revision(&self, id: MapId) -> Option<Revision>;
    /// Runs `task` holding this browser's lock on `map` (the Web Locks API), so no other tab
    /// reads or writes the map meanwhile. It may run later; without locks it runs at once.
    fn with_lock(&self, map: MapId, task: Box<dyn FnOnce()>) {
        let _ = map;
        task();
    }
    /// True when [`Backend::with_lock`] really keeps other tabs out.
    fn has_locks(&self) -> bool {
        false
    }
    /// True when storage holds a version of `map` other than the one this backend last read or
    /// wrote, even under the same revision (a save whose last write, the revision, failed).
    fn stale(&self, map: MapId) -> bool {
        let _ = map;
        false
    }
    /// Forgets what this backend remembers about how `map` is stored (it was deleted or
    /// replaced elsewhere), so the next save writes it whole.
    fn forget(&self, map: MapId) {
        let _ = map;
    }
    /// Removes stored pieces of `map` that nothing names any more (left by a save cut short);
    /// returns how many. Call it under the map's lock.
    fn sweep(&self, map: MapId) -> usize {
        let _ = map;
        0
    }
    /// Reads one map as stored now (another tab may have saved it).
    fn load_map(&self, id: MapId) -> Option<StakeMap>;
    /// Reads the list of maps as stored now.
    fn load_index(&self) -> Option<SavedIndex>;
    /// Removes one saved map.
    fn remove_map(&self, id: MapId) -> Result<(), SaveError>;
    /// Saves the list of maps and the open one.
    fn save_index(&self, index: &SavedIndex) -> Result<(), SaveError>;
    /// The raw text kept under a storage key (for downloading set-aside data).
    fn read_raw(&self, key: &str) -> Option<String>;
    /// Removes a storage key (set-aside data the user no longer needs).
    fn remove_raw(&self, key: &str);
    /// How full storage is, when the backend can tell.
    fn usage(&self) -> Option<StorageUsage> {
        None
    }
    /// A small setting kept beside the maps (tour seen, a workshop's tray of names), or `None`
    /// when it was never set or cannot be read.
    fn read_setting(&self, name: &str) -> Option<String>;
    /// Keeps a setting (`None` removes it).
    fn write_setting(&self, name: &str, value: Option<&str>) -> Result<(), SaveError>;
    /// The names of every setting kept.
    fn setting_names(&self) -> Vec<String>;
}

/// An in-memory backend with a settable clock and sequential ids, for tests.
#[derive(Default)]
pub struct MemoryBackend {
    inner: Mutex<MemoryInner>,
}

#[derive(Default)]
struct MemoryInner {
    now: i64,
    next_id: u128,
    maps: BTreeMap<MapId, StakeMap>,
    index: Option<SavedIndex>,
    failing: Option<SaveError>,
    saves: usize,
    raw: BTreeMap<String, String>,
    revisions: BTreeMap<MapId, u64>,
    usage: Option<StorageUsage>,
    settings: BTreeMap<String, String>,
}

impl MemoryBackend {
    /// An empty backend whose clock reads `now`.
    pub fn at(now: Timestamp) -> Self {
        let backend = Self::default();
        backend.with(|m| m.now = now.unix_millis());
        backend
    }

    fn with<R>(&self, f: impl FnOnce(&mut MemoryInner) -> R) -> R {
        match self.inner.lock() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, millis: i64) {
        self.with(|m| m.now += millis);
    }

    /// Makes every later save fail with `error` (or succeed again with `None`).
    pub fn fail_saves(&self, error: Option<SaveError>) {
        self.with(|m| m.failing = error);
    }

    /// The saved copy of a map.
    pub fn saved_map(&self, id: MapId) -> Option<StakeMap> {
        self.with(|m| m.maps.get(&id).cloned())
    }

    /// The saved index.
    pub fn saved_index(&self) -> Option<SavedIndex> {
        self.with(|m| m.index.clone())
    }

    /// Puts raw text under a key (to test set-aside data).
    pub fn put_raw(&self, key: &str, text: &str) {
        self.with(|m| {
            m.raw.insert(key.to_owned(), text.to_owned());
        });
    }

    /// Reports storage as this full from now on.
    pub fn report_usage(&self, usage: Option<StorageUsage>) {
        self.with(|m| m.usage = usage);
    }

    /// How many successful writes happened.
    pub fn save_count(&self) -> usize {
        self.with(|m| m.saves)
    }
}

impl Backend for MemoryBackend {
    fn now(&self) -> Timestamp {
        self.with(|m| Timestamp::from_unix_millis(m.now))
    }

    fn today(&self) -> LocalDate {
        // Tests run in UTC: the calendar day of the clock's instant.
        self.now().local_date(0)
    }

    fn utc_offset_minutes(&self) -> i32 {
        0
    }

    fn new_uuid(&self) -> Uuid {
        self.with(|m| {
            m.next_id += 1;
            crate::model::uuid_from_random(m.next_id.to_be_bytes())
        })
    }

    fn load(&self) -> Loaded {
        self.with(|m| match &m.index {
            None => Loaded {
                first_visit: true,
                ..Loaded::default()
            },
            Some(index) => Loaded {
                maps: index
                    .maps
                    .iter()
                    .filter_map(|id| m.maps.get(id).cloned())
                    .collect(),
                current: index.current,
                exported: index.exported.clone(),
                first_visit: false,
                problems: Vec::new(),
                set_aside: m
                    .raw
                    .keys()
                    .map(|k| SetAside {
                        key: k.clone(),
                        what: "Test data".into(),
                    })
                    .collect(),
                ..Loaded::default()
            },
        })
    }

    fn save_map_after(
        &self,
        map: &StakeMap,
        _parent: Option<&Revision>,
    ) -> Result<Revision, SaveError> {
        self.with(|m| match &m.failing {
            Some(e) => Err(e.clone()),
            None => {
                m.maps.insert(map.id, map.clone());
                m.saves += 1;
                let rev = m.revisions.entry(map.id).or_insert(0);
                *rev += 1;
                Ok(Revision(rev.to_string()))
            }
        })
    }

    fn revision(&self, id: MapId) -> Option<Revision> {
        self.with(|m| m.revisions.get(&id).map(|r| Revision(r.to_string())))
    }

    fn load_map(&self, id: MapId) -> Option<StakeMap> {
        self.with(|m| m.maps.get(&id).cloned())
    }

    fn load_index(&self) -> Option<SavedIndex> {
        self.with(|m| m.index.clone())
    }

    fn remove_map(&self, id: MapId) -> Result<(), SaveError> {
        self.with(|m| match &m.failing {
            Some(e) => Err(e.clone()),
            None => {
                m.maps.remove(&id);
                m.revisions.remove(&id);
                Ok(())
            }
        })
    }

    fn save_index(&self, index: &SavedIndex) -> Result<(), SaveError> {
        self.with(|m| match &m.failing {
            Some(e) => Err(e.clone()),
            None => {
                m.index = Some(index.clone());
                Ok(())
            }
        })
    }

    fn read_raw(&self, key: &str) -> Option<String> {
        self.with(|m| m.raw.get(key).cloned())
    }

    fn usage(&self) -> Option<StorageUsage> {
        self.with(|m| m.usage)
    }

    fn read_setting(&self, name: &str) -> Option<String> {
        self.with(|m| m.settings.get(name).cloned())
    }

    fn setting_names(&self) -> Vec<String> {
        self.with(|m| m.settings.keys().cloned().collect())
    }

    fn write_setting(&self, name: &str, value: Option<&str>) -> Result<(), SaveError> {
        self.with(|m| {
            if let Some(e) = &m.failing {
                return Err(e.clone());
            }
            match value {
                Some(v) => m.settings.insert(name.to_owned(), v.to_owned()),
                None => m.settings.remove(name),
            };
            Ok(())
        })
    }

    fn remove_raw(&self, key: &str) {
        self.with(|m| {
            m.raw.remove(key);
        });
    }
}
