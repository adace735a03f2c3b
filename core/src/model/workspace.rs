//! All of a user's maps, and the one door through which every edit passes.
//!
//! An [`Op`] is plain data describing one edit; [`Workspace::apply`] is the only function that
//! changes maps. The browser store calls it for every gesture, which is what lets saving (and,
//! later, undo, history and cross-tab sync) hang off a single place.

mod apply;
mod inverse;
mod op;
mod rules;

pub use op::{Op, OpError, Touched};
pub use rules::clean_map_name;
pub(crate) use rules::refuse_beyond;

use super::ids::MapId;
use super::map::StakeMap;

/// Every map the user has, in the order they were created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    maps: Vec<StakeMap>,
}

impl Workspace {
    /// A workspace holding these maps.
    pub fn from_maps(maps: Vec<StakeMap>) -> Self {
        Self { maps }
    }

    /// All maps.
    pub fn maps(&self) -> &[StakeMap] {
        &self.maps
    }

    /// One map by id.
    pub fn map(&self, id: MapId) -> Option<&StakeMap> {
        self.maps.iter().find(|m| m.id == id)
    }

    /// Puts a map in place of the one with the same id (or adds it at the end): used when
    /// another tab saved a newer version. Not an edit, so it bypasses `apply`.
    pub fn replace_map(&mut self, map: StakeMap) {
        match self.maps.iter_mut().find(|m| m.id == map.id) {
            Some(slot) => *slot = map,
            None => self.maps.push(map),
        }
    }

    /// Drops a map that another tab deleted.
    pub fn forget_map(&mut self, id: MapId) {
        self.maps.retain(|m| m.id != id);
    }

    fn map_mut(&mut self, id: MapId) -> Result<&mut StakeMap, OpError> {
        self.maps
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or(OpError::NoSuchMap(id))
    }
}
