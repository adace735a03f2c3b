//! One stakeholder map: its name and its stakeholders, in the order they were added.

use super::ids::{MapId, StakeholderId};
use super::stakeholder::{Quadrant, Stakeholder};
use super::time::Timestamp;
use indexmap::IndexMap;

/// A map of stakeholders. Lookups by id are constant time; iteration keeps insertion order, which
/// is also the order written to files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StakeMap {
    /// Stable identity, kept across export and import.
    pub id: MapId,
    /// What the user calls the map.
    pub name: String,
    /// When the map was created.
    pub created_at: Timestamp,
    /// When anything on it last changed.
    pub updated_at: Timestamp,
    stakeholders: IndexMap<StakeholderId, Stakeholder>,
}

impl StakeMap {
    /// An empty map.
    pub fn new(id: MapId, name: impl Into<String>, at: Timestamp) -> Self {
        Self {
            id,
            name: name.into(),
            created_at: at,
            updated_at: at,
            stakeholders: IndexMap::new(),
        }
    }

    /// The stakeholders, in insertion order.
    pub fn stakeholders(&self) -> impl ExactSizeIterator<Item = &Stakeholder> + '_ {
        self.stakeholders.values()
    }

    /// Ids in insertion order.
    pub fn stakeholder_ids(&self) -> Vec<StakeholderId> {
        self.stakeholders.keys().copied().collect()
    }

    /// How many stakeholders the map has.
    pub fn len(&self) -> usize {
        self.stakeholders.len()
    }

    /// True when the map has no stakeholders.
    pub fn is_empty(&self) -> bool {
        self.stakeholders.is_empty()
    }

    /// One stakeholder by id.
    pub fn get(&self, id: StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders.get(&id)
    }

    pub(crate) fn get_mut(&mut self, id: StakeholderId) -> Option<&mut Stakeholder> {
        self.stakeholders.get_mut(&id)
    }

    /// True when a stakeholder with this id is on the map.
    pub fn contains(&self, id: StakeholderId) -> bool {
        self.stakeholders.contains_key(&id)
    }

    /// Adds a stakeholder at the end; returns false (and changes nothing) if the id is taken.
    pub(crate) fn insert(&mut self, stakeholder: Stakeholder) -> bool {
        if self.stakeholders.contains_key(&stakeholder.id) {
            return false;
        }
        self.stakeholders.insert(stakeholder.id, stakeholder);
        true
    }

    /// Removes a stakeholder, keeping the order of the others.
    pub(crate) fn remove(&mut self, id: StakeholderId) -> Option<Stakeholder> {
        self.stakeholders.shift_remove(&id)
    }

    /// How many stakeholders sit in each quadrant, in `Quadrant::ALL` order.
    pub fn quadrant_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for s in self.stakeholders() {
            if let Some(i) = Quadrant::ALL.iter().position(|q| *q == s.quadrant()) {
                counts[i] += 1;
            }
        }
        counts
    }

    /// Every distinct tag on the map, sorted case-insensitively.
    pub fn all_tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for s in self.stakeholders() {
            for tag in &s.fields.tags {
                if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    tags.push(tag.clone());
                }
            }
        }
        tags.sort_by_key(|t| t.to_lowercase());
        tags
    }

    /// A copy with a new identity and the given name: new ids throughout, same content.
    pub fn duplicate(
        &self,
        new_id: MapId,
        name: impl Into<String>,
        mut new_stakeholder_id: impl FnMut() -> StakeholderId,
        at: Timestamp,
    ) -> StakeMap {
        let mut copy = StakeMap::new(new_id, name, at);
        for s in self.stakeholders() {
            let mut s = s.clone();
            s.id = new_stakeholder_id();
            copy.insert(s);
        }
        copy
    }

    /// Builds a map from parts already checked by the file format (ids unique).
    pub fn from_parts(
        id: MapId,
        name: String,
        created_at: Timestamp,
        updated_at: Timestamp,
        stakeholders: Vec<Stakeholder>,
    ) -> Self {
        let mut map = StakeMap::new(id, name, created_at);
        map.updated_at = updated_at;
        for s in stakeholders {
            map.insert(s);
        }
        map
    }
}
