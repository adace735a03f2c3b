//! The form a map takes in browser storage: the file format, cut into parts that can be written
//! one at a time and packed small.
//!
//! - The **head** is the file envelope without its lists (`map`, version, source), plus a
//!   `stored` record: the layout version and the serial number of every part. It is small
//!   plain JSON, written last on every save.
//! - The **order** part lists the stakeholders' ids in the map's order; it changes only when
//!   people are added, removed or reordered.
//! - Each **bucket** holds the stakeholders whose id falls in it, with their actions and
//!   contacts, as the same records a file holds. The position **history** is cut into chunks
//!   of [`HISTORY_CHUNK`] points in their order, so a new point rewrites only the last chunk.
//!   The **snapshots** are one more part.
//! - Parts are packed: the JSON is LZ4-compressed and the bytes spread 15 bits to a character
//!   (`U+0100`–`U+80FF`, no surrogates), which browsers store as they are.
//!
//! A changed part is written under a new serial number and the old one removed only after the
//! head naming the new one is written, so a save cut short (storage full, browser closed)
//! leaves the last complete map readable. An edit to one stakeholder writes the head and one
//! or two parts: [`PartWriter`] remembers what each part held when it was last written and
//! plans only the parts that differ. Reading puts the parts back together as a file and hands
//! it to [`read_json`](super::read_json), so stored maps and imported files pass the same
//! checks, repairs and migrations: a map only slightly outside today's rules opens repaired
//! ([`read_stored_map`] says what changed) instead of being set aside. What a head names and
//! what its parts unpack to are capped ([`MAX_HISTORY_PARTS`], [`MAX_STORED_BYTES`], and the
//! file's value limits over all parts together), checked before anything that large is built.

mod layout;
mod pack;
mod reader;
mod writer;

pub use layout::{bucket_count, bucket_of};
pub use pack::{pack, unpack};
pub use reader::{file_text, is_older, named_parts, read_stored, read_stored_map, StoredRead};
pub use writer::{PartWriter, PlannedWrite};

use crate::model::MAX_HISTORY_POINTS;

/// The newest storage layout this build reads and the one it writes.
pub const LAYOUT: u32 = 1;
/// Stakeholders per bucket the layout aims for: small enough that one edit writes little.
const PER_BUCKET: usize = 32;
/// The most buckets a map is cut into.
const MAX_BUCKETS: u32 = 256;
/// The most bytes all of one map's parts may unpack to together, checked as each part is
/// unpacked and before it is: as much as the largest file an import accepts. A 5,000-person
/// map unpacks to about 15 MB; a damaged or hostile length claiming more is refused before
/// anything that size is made.
pub const MAX_STORED_BYTES: usize = super::MAX_FILE_BYTES as usize;
/// Packed text claiming more than this is refused before unpacking (a damaged length).
const MAX_UNPACKED: usize = MAX_STORED_BYTES;

/// Points of history per stored chunk.
pub const HISTORY_CHUNK: usize = 256;
/// The most history parts a head may name: enough for the longest history a map keeps.
pub const MAX_HISTORY_PARTS: usize = MAX_HISTORY_POINTS.div_ceil(HISTORY_CHUNK);

/// The serial number a stored part is kept under (the adapter turns it into a key).
pub type Serial = u64;

/// Why a stored map could not be put back together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredError {
    /// A part is missing or damaged.
    Damaged(String),
    /// Written by a newer Stakemap with a layout this build does not know.
    Newer(u32),
    /// The parts fit together but the map fails the file checks.
    Invalid(String),
}

impl StoredError {
    /// A sentence for the user.
    pub fn headline(&self) -> String {
        match self {
            StoredError::Damaged(why) => format!("part of it is damaged ({why})."),
            StoredError::Newer(layout) => format!(
                "it was saved by a newer version of Stakemap (storage layout {layout}; this \
                 version reads up to {LAYOUT})."
            ),
            StoredError::Invalid(why) => why.clone(),
        }
    }
}
