//! One simulated browser for the fault tests: tabs (each its own `Store`) over one shared
//! `MemoryStorage` through `StoredBackend`, the real stored format, with a shared test clock and
//! locks; and the records of a map a user cares about, for comparing what a tab holds with what
//! storage holds.

use super::T0;
use leptos::prelude::*;
use stakemap::model::*;
use stakemap::state::stored_backend::classify_storage_key;
use stakemap::state::{
    Backend, ExternalChange, MemoryStorage, Pending, Store, StoredBackend, TestEnv,
};
use std::collections::BTreeMap;
use std::sync::Arc;

pub type Tabbed = StoredBackend<MemoryStorage, TestEnv>;

/// One browser: shared storage and clock, and the tabs open on it.
pub struct Browser {
    pub storage: MemoryStorage,
    pub env: TestEnv,
    _owner: Owner,
}

/// One tab: its view of storage (its own event queue), its backend and its store.
pub struct Tab {
    pub kv: MemoryStorage,
    pub backend: Arc<Tabbed>,
    pub store: Store,
}

impl Browser {
    pub fn new() -> Self {
        let owner = Owner::new();
        owner.set();
        Browser {
            storage: MemoryStorage::new(),
            env: TestEnv::at(T0),
            _owner: owner,
        }
    }

    pub fn open_tab(&self) -> Tab {
        let kv = self.storage.tab();
        let backend = Arc::new(StoredBackend::new(kv.clone(), self.env.clone()));
        let store = Store::start(backend.clone());
        Tab { kv, backend, store }
    }

    /// What a fresh tab would read now: every map, and the problems it would report.
    pub fn read_back(&self) -> (Vec<StakeMap>, Vec<String>) {
        let backend = StoredBackend::new(self.storage.tab(), self.env.clone());
        let loaded = backend.load();
        (loaded.maps, loaded.problems)
    }
}

impl Tab {
    /// Delivers the storage events waiting for this tab, as the browser would.
    pub fn hear(&self) {
        for key in self.kv.take_events() {
            if let Some(change) = classify_storage_key(key) {
                self.store.external_change(change);
            }
        }
    }

    /// Hears the waiting events, then looks at storage for every map as the tab's next edit
    /// would: a save whose revision could not be written sends no event, and is seen only so.
    pub fn look(&self) {
        self.hear();
        for map in self.maps() {
            self.store.external_change(ExternalChange::Map(map.id));
        }
    }

    pub fn current(&self) -> StakeMap {
        self.store
            .with_current_untracked(Clone::clone)
            .expect("a map is open")
    }

    /// The people on the open map, in order (none when no map is open).
    pub fn ids(&self) -> Vec<StakeholderId> {
        self.store
            .with_current_untracked(StakeMap::stakeholder_ids)
            .unwrap_or_default()
    }

    pub fn maps(&self) -> Vec<StakeMap> {
        self.store.workspace().get_untracked().maps().to_vec()
    }

    pub fn add(&self, name: &str) -> Option<StakeholderId> {
        self.store.add_stakeholder(StakeholderFields {
            name: name.into(),
            position: Position {
                influence: 40,
                skepticism: 60,
            },
            ..StakeholderFields::default()
        })
    }

    pub fn edit_notes(&self, id: StakeholderId, notes: &str) -> bool {
        let Some(mut fields) = self.current().get(id).map(|s| s.fields.clone()) else {
            return false;
        };
        fields.notes = notes.into();
        self.store.edit_stakeholder(id, fields)
    }

    pub fn delete(&self, id: StakeholderId) {
        self.store.request(Pending::DeleteStakeholder(id));
        self.store.confirm_pending();
    }
}

/// The records of a map a user cares about, without the times at which they were saved.
pub fn records(
    map: &StakeMap,
) -> (
    String,
    Vec<(StakeholderId, StakeholderFields)>,
    usize,
    usize,
) {
    (
        map.name.clone(),
        map.stakeholders()
            .map(|s| (s.id, s.fields.clone()))
            .collect(),
        map.actions().count(),
        map.touchpoints().count(),
    )
}

pub fn by_id(maps: &[StakeMap]) -> BTreeMap<MapId, StakeMap> {
    maps.iter().map(|m| (m.id, m.clone())).collect()
}
