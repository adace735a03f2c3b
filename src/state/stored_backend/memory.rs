//! [`MemoryBackend`]: the backend the browser runs, over memory instead of local storage, with
//! what the native store tests need around it (a settable clock, failing storage, and the map as
//! a reload would read it). The maps are kept as the strings the browser keeps, so every store
//! test goes through the real stored format.

use super::*;
use crate::state::kv::{MemoryStorage, TestEnv};

/// [`StoredBackend`] over [`MemoryStorage`], with the clock and ids of a [`TestEnv`].
pub type MemoryBackend = StoredBackend<MemoryStorage, TestEnv>;

/// A key of no interest to Stakemap, standing for what else this site keeps in local storage.
const OTHER_DATA_KEY: &str = "other-data";

impl StoredBackend<MemoryStorage, TestEnv> {
    /// Empty storage (with the browsers' quota), and a clock that reads `now`.
    pub fn at(now: Timestamp) -> Self {
        Self::new(MemoryStorage::new(), TestEnv::at(now))
    }

    /// Another tab of the same browser: the same storage, clock and ids, with its own memory of
    /// what it wrote. Its writes reach the other tabs' storage as storage events.
    pub fn tab(&self) -> Self {
        Self::new(self.kv.tab(), self.env.clone())
    }

    /// Moves the clock forward (for every tab).
    pub fn advance(&self, millis: i64) {
        self.env.advance(millis);
    }

    /// Makes every later write to storage fail with `error`, for every tab (or work again with
    /// `None`). Removing keys still works, as in browsers.
    pub fn fail_saves(&self, error: Option<SaveError>) {
        self.kv.fail_writes(error);
    }

    /// The map as stored now, read back from the stored strings by the reader a reload uses
    /// (`None` when it is not stored or cannot be read).
    pub fn saved_map(&self, id: MapId) -> Option<StakeMap> {
        self.reader().load_map(id)
    }

    /// The list of maps as stored now.
    pub fn saved_index(&self) -> Option<SavedIndex> {
        self.reader().load_index()
    }

    /// How many saves of a map completed, by any tab: each ends by writing the map's revision.
    pub fn save_count(&self) -> usize {
        self.kv.writes_under(REVISION_PREFIX)
    }

    /// Fills storage with data of no interest to Stakemap (as other data on this site), so that
    /// this backend counts about `used` characters in use, and measures it again, as it does at
    /// start-up. Less than the maps already take removes the filler.
    pub fn fill_storage_to(&self, used: usize) {
        self.kv.remove(OTHER_DATA_KEY);
        self.remeasure_non_map();
        let without = self.usage().map_or(0, |u| u.used) + OTHER_DATA_KEY.len();
        if used > without {
            // Failing writes (if a test asked for them) leave storage as it was.
            let _ = self.kv.set(OTHER_DATA_KEY, &"x".repeat(used - without));
        }
        self.remeasure_non_map();
    }

    /// A reader of the same storage that remembers nothing of what this tab wrote, as after a
    /// reload. It only reads, so it sends no storage events.
    fn reader(&self) -> Self {
        Self::new(self.kv.clone(), self.env.clone())
    }
}
