//! What the store needs from the outside world (saving, the clock, fresh ids), as a trait. The
//! one implementation is [`super::StoredBackend`], over local storage in the browser and over
//! memory in native tests ([`super::MemoryBackend`]).

use crate::model::{LocalDate, MapId, StakeMap, Timestamp};
use std::collections::BTreeMap;
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
