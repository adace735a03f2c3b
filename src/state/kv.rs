//! The two things the stored backend needs from its surroundings, as traits: a string key-value
//! store ([`KeyValue`], local storage in the browser) and the environment ([`Env`]: clock, fresh
//! ids, a per-map lock). The browser adapters implement them over `localStorage`, `Date`,
//! `crypto` and the Web Locks API; [`MemoryStorage`] and [`TestEnv`] implement them in memory,
//! with faults that can be injected, so native tests drive the real stored format, several
//! "tabs" over one storage, and storage events between them.

use super::backend::SaveError;
use crate::model::{LocalDate, MapId, Timestamp};
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// A string key-value store with the semantics of the browser's local storage.
pub trait KeyValue: Send + Sync {
    /// False when storage cannot be used at all (turned off, private mode).
    fn available(&self) -> bool {
        true
    }
    /// The text under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`; fails when storage is full or refuses.
    fn set(&self, key: &str, value: &str) -> Result<(), SaveError>;
    /// Removes `key` (nothing when it is absent).
    fn remove(&self, key: &str);
    /// Every key, in storage order.
    fn keys(&self) -> Vec<String>;
}

/// The clock, fresh ids and the per-map lock.
pub trait Env: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
    /// Today on the user's calendar.
    fn today(&self) -> LocalDate;
    /// How far the user's clock is ahead of UTC, in minutes.
    fn utc_offset_minutes(&self) -> i32;
    /// A fresh random id.
    fn new_uuid(&self) -> Uuid;
    /// Runs `task` while holding this browser's lock on `map`, so two tabs never read and write
    /// the same map at once. May run it later (the browser grants locks asynchronously); runs
    /// it at once where there is no lock to take.
    fn with_lock(&self, map: MapId, task: Box<dyn FnOnce()>) {
        let _ = map;
        task();
    }
    /// True when [`Env::with_lock`] really excludes other tabs.
    fn has_locks(&self) -> bool {
        false
    }
    /// Marks the start of a save (the browser records it as a performance measure).
    fn save_started(&self) {}
    /// Marks the end of a save.
    fn save_finished(&self) {}
}

/// Storage in memory, shared by any number of simulated tabs ([`MemoryStorage::tab`]), with a
/// quota in characters and faults to inject: every write failing (full, or any other error),
/// the next writes failing after a number of successful ones (a save cut short), everything
/// cleared. Each change is delivered as a storage event to the *other* tabs, which read them
/// when they like (so an event can arrive late).
#[derive(Clone, Default)]
pub struct MemoryStorage {
    shared: Arc<Mutex<Shared>>,
    tab: usize,
}

#[derive(Default)]
struct Shared {
    items: BTreeMap<String, String>,
    quota: Option<usize>,
    /// Every write fails with this while it is set.
    failing: Option<SaveError>,
    writes_left: Option<usize>,
    writes: usize,
    /// Successful writes per key (removed keys included).
    key_writes: BTreeMap<String, usize>,
    tabs: usize,
    events: BTreeMap<usize, VecDeque<Option<String>>>,
}

impl Shared {
    fn used_chars(&self) -> usize {
        self.items
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }

    fn event(&mut self, from: usize, key: Option<String>) {
        for (tab, queue) in self.events.iter_mut() {
            if *tab != from {
                queue.push_back(key.clone());
            }
        }
    }
}

impl MemoryStorage {
    /// Empty storage with the browsers' quota of 5 Mi characters.
    pub fn new() -> Self {
        let storage = Self::default();
        storage.with(|s| {
            s.quota = Some(5 * 1024 * 1024);
            s.tabs = 1;
            s.events.insert(0, VecDeque::new());
        });
        storage
    }

    fn with<R>(&self, f: impl FnOnce(&mut Shared) -> R) -> R {
        match self.shared.lock() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// The same storage as seen from another tab: its writes reach this one as events.
    pub fn tab(&self) -> Self {
        let tab = self.with(|s| {
            let tab = s.tabs;
            s.tabs += 1;
            s.events.insert(tab, VecDeque::new());
            tab
        });
        Self {
            shared: Arc::clone(&self.shared),
            tab,
        }
    }

    /// Storage events waiting for this tab (`None` = everything was cleared), oldest first.
    pub fn take_events(&self) -> Vec<Option<String>> {
        let tab = self.tab;
        self.with(|s| {
            s.events
                .get_mut(&tab)
                .map(|q| q.drain(..).collect())
                .unwrap_or_default()
        })
    }

    /// Makes every write fail as a full storage does (or work again).
    pub fn set_full(&self, full: bool) {
        self.fail_writes(full.then_some(SaveError::Full));
    }

    /// Makes every write fail with `error` (or work again with `None`). Removing keys still
    /// works, as it does in browsers whatever the state of the quota.
    pub fn fail_writes(&self, error: Option<SaveError>) {
        self.with(|s| s.failing = error);
    }

    /// Lets `n` more writes through, then fails every write until [`MemoryStorage::heal`]: a
    /// save cut short after `n` writes.
    pub fn fail_after(&self, n: usize) {
        self.with(|s| s.writes_left = Some(n));
    }

    /// Ends the faults: writes work again.
    pub fn heal(&self) {
        self.with(|s| {
            s.writes_left = None;
            s.failing = None;
        });
    }

    /// Sets the quota in characters (keys and values, as browsers count).
    pub fn set_quota(&self, chars: usize) {
        self.with(|s| s.quota = Some(chars));
    }

    /// Clears everything, as another tab's `localStorage.clear()` or the browser would.
    pub fn clear(&self) {
        let tab = self.tab;
        self.with(|s| {
            s.items.clear();
            // Every tab hears of it, the one that cleared included (it came from outside).
            s.event(usize::MAX, None);
            let _ = tab;
        });
    }

    /// Characters in use.
    pub fn used_chars(&self) -> usize {
        self.with(|s| s.used_chars())
    }

    /// Successful writes so far.
    pub fn write_count(&self) -> usize {
        self.with(|s| s.writes)
    }

    /// Successful writes so far to keys that start with `prefix`.
    pub fn writes_under(&self, prefix: &str) -> usize {
        self.with(|s| {
            s.key_writes
                .iter()
                .filter(|(key, _)| key.starts_with(prefix))
                .map(|(_, n)| n)
                .sum()
        })
    }

    /// Every key and value, for checks.
    pub fn dump(&self) -> BTreeMap<String, String> {
        self.with(|s| s.items.clone())
    }
}

impl KeyValue for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.with(|s| s.items.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SaveError> {
        let tab = self.tab;
        self.with(|s| {
            if let Some(error) = &s.failing {
                return Err(error.clone());
            }
            if let Some(left) = s.writes_left.as_mut() {
                if *left == 0 {
                    return Err(SaveError::Full);
                }
                *left -= 1;
            }
            if let Some(quota) = s.quota {
                let old = s
                    .items
                    .get(key)
                    .map_or(0, |v| key.encode_utf16().count() + v.encode_utf16().count());
                let new = key.encode_utf16().count() + value.encode_utf16().count();
                if s.used_chars() - old + new > quota {
                    return Err(SaveError::Full);
                }
            }
            s.items.insert(key.to_owned(), value.to_owned());
            s.writes += 1;
            *s.key_writes.entry(key.to_owned()).or_default() += 1;
            s.event(tab, Some(key.to_owned()));
            Ok(())
        })
    }

    fn remove(&self, key: &str) {
        let tab = self.tab;
        self.with(|s| {
            if s.items.remove(key).is_some() {
                s.event(tab, Some(key.to_owned()));
            }
        });
    }

    fn keys(&self) -> Vec<String> {
        self.with(|s| s.items.keys().cloned().collect())
    }
}

type Task = send_wrapper::SendWrapper<Box<dyn FnOnce()>>;

/// A clock shared by simulated tabs, ids that never repeat across them (in UTC), and locks that
/// are granted at once or, like the browser's, later ([`TestEnv::defer_locks`]).
#[derive(Clone)]
pub struct TestEnv {
    clock: Arc<AtomicI64>,
    ids: Arc<AtomicU64>,
    /// `Some` while lock requests wait to be granted (by [`TestEnv::grant_locks`]).
    waiting: Arc<Mutex<Option<VecDeque<Task>>>>,
}

impl TestEnv {
    /// A clock reading `now`.
    pub fn at(now: Timestamp) -> Self {
        Self {
            clock: Arc::new(AtomicI64::new(now.unix_millis())),
            ids: Arc::new(AtomicU64::new(0)),
            waiting: Arc::new(Mutex::new(None)),
        }
    }

    fn waiting<R>(&self, f: impl FnOnce(&mut Option<VecDeque<Task>>) -> R) -> R {
        match self.waiting.lock() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// From now on, lock requests wait until [`TestEnv::grant_locks`], as the browser grants
    /// them asynchronously: saves of several tabs can then be interleaved at will.
    pub fn defer_locks(&self) {
        self.waiting(|w| {
            w.get_or_insert_with(VecDeque::new);
        });
    }

    /// Grants waiting lock requests one at a time, in the order they were made (tasks may ask
    /// for more); returns how many ran.
    pub fn grant_locks(&self) -> usize {
        let mut ran = 0;
        while let Some(task) = self.waiting(|w| w.as_mut().and_then(VecDeque::pop_front)) {
            (task.take())();
            ran += 1;
        }
        ran
    }

    /// Grants only the newest waiting request (to run saves out of order).
    pub fn grant_newest_lock(&self) -> bool {
        match self.waiting(|w| w.as_mut().and_then(VecDeque::pop_back)) {
            Some(task) => {
                (task.take())();
                true
            }
            None => false,
        }
    }

    /// Lock requests waiting.
    pub fn locks_waiting(&self) -> usize {
        self.waiting(|w| w.as_ref().map_or(0, VecDeque::len))
    }

    /// Moves the clock forward (for every tab sharing it).
    pub fn advance(&self, millis: i64) {
        self.clock.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Env for TestEnv {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(self.clock.load(Ordering::SeqCst))
    }

    fn today(&self) -> LocalDate {
        self.now().local_date(0)
    }

    fn utc_offset_minutes(&self) -> i32 {
        0
    }

    fn with_lock(&self, map: MapId, task: Box<dyn FnOnce()>) {
        let _ = map;
        let task = send_wrapper::SendWrapper::new(task);
        let now = self.waiting(|w| match w {
            Some(queue) => {
                queue.push_back(task);
                None
            }
            None => Some(task),
        });
        if let Some(task) = now {
            (task.take())();
        }
    }

    fn has_locks(&self) -> bool {
        true
    }

    fn new_uuid(&self) -> Uuid {
        let n = self.ids.fetch_add(1, Ordering::SeqCst) + 1;
        // Spread over the whole id, so stakeholders fall in different storage buckets.
        let mixed = u128::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
        crate::model::uuid_from_random(mixed.to_be_bytes())
    }
}
