//! Loading every map at start: the list of maps, each map read (and repaired where it is only
//! slightly outside today's rules), what cannot be read set aside or left in place, and the
//! user told about both.

use super::*;
use crate::format::stored;
use crate::model::MapId;
use crate::state::backend::{Backend, Loaded, SaveError, SetAside};
use crate::state::kv::{Env, KeyValue};

impl<K: KeyValue, E: Env> StoredBackend<K, E> {
    /// Everything stored, read for the start of a tab (see [`Backend::load`]).
    pub(super) fn load_all(&self) -> Loaded {
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
}
