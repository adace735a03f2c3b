//! The pure core: maps, stakeholders, quadrants, and every edit as an operation on the maps.
//!
//! Nothing in here touches the DOM, browser storage or the clock, so all of it runs under plain
//! `cargo test`. Components and browser adapters depend on this module, never the other way.

mod draft;
mod example;
mod ids;
mod list;
mod map;
mod plot;
mod stakeholder;
mod time;
mod workspace;

pub use draft::{Field, FieldError, StakeholderDraft};
pub use example::{example_map, EXAMPLE_MAP_NAME};
pub use ids::{uuid_from_random, MapId, SequentialIds, StakeholderId};
pub use list::{Direction, ListQuery, SortKey};
pub use map::StakeMap;
pub use plot::Plot;
pub use stakeholder::{
    describe_position, normalise_causes, normalise_tags, Position, Quadrant, RootCause,
    Stakeholder, StakeholderFields, AXIS_MAX, MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS,
    MAX_SHORT_TEXT_CHARS, MAX_TAGS, QUADRANT_THRESHOLD,
};
pub use time::{LocalDate, Timestamp};
pub use workspace::{clean_map_name, Op, OpError, Touched, Workspace};
