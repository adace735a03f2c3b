//! The storage layout: the keys maps, revisions, parts, settings and set-aside data live
//! under, and what a key tells about a change another tab made.

use crate::format::stored::Serial;
use crate::model::{MapId, Timestamp};
use crate::state::store::ExternalChange;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
pub(super) const INDEX_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct IndexRecord {
    pub(super) version: u32,
    pub(super) maps: Vec<MapId>,
    pub(super) current: Option<MapId>,
    /// When each map was last exported (added later; absent in older records).
    #[serde(default)]
    pub(super) exported: BTreeMap<MapId, Timestamp>,
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
pub(super) fn parse_part_key(key: &str) -> Option<(MapId, Serial)> {
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
pub(super) fn describe_set_aside(key: &str, utc_offset_minutes: i32) -> String {
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
pub(super) fn chars_with_keys(id: MapId, stored: usize, parts: usize) -> usize {
    let key = part_key(id, Serial::MAX).len();
    stored + (parts + 2) * key
}
