//! Typed identifiers. Both wrap a UUID so that a map or a stakeholder keeps its identity when the
//! file travels between people; the newtypes stop a stakeholder id being passed where a map id is
//! expected.
//!
//! The core never makes random numbers itself: new ids come from the caller (the browser adapter
//! uses `crypto.getRandomValues`, tests use counters), which keeps every operation deterministic.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Parses the hyphenated text form used in files and storage keys.
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::try_parse(text).ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }
    };
}

id_type!(
    /// Identifies one map, stable across export and import.
    MapId
);
id_type!(
    /// Identifies one stakeholder within a map, stable across export and import.
    StakeholderId
);

id_type!(
    /// Identifies one planned action within a map.
    ActionId
);
id_type!(
    /// Identifies one logged touchpoint within a map.
    TouchpointId
);

id_type!(
    /// Identifies one item of program evidence (a metric or a story) within a map.
    EvidenceId
);

id_type!(
    /// Identifies one relationship between two people within a map.
    RelationshipId
);

id_type!(
    /// Identifies one snapshot within a map.
    SnapshotId
);

/// Turns 16 random bytes into a version-4 UUID (the caller supplies the randomness).
pub fn uuid_from_random(bytes: [u8; 16]) -> Uuid {
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// A deterministic id source for tests and for building the example map.
#[derive(Debug, Default, Clone)]
pub struct SequentialIds {
    next: u128,
}

impl SequentialIds {
    /// Starts counting from `start` (distinct starts give disjoint id ranges).
    pub fn starting_at(start: u128) -> Self {
        Self { next: start }
    }

    /// The next id in the sequence, shaped as a version-4 UUID.
    pub fn next_uuid(&mut self) -> Uuid {
        self.next += 1;
        uuid_from_random(self.next.to_be_bytes())
    }
}
