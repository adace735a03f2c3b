//! The Stakemap file format: the public contract for files people e-mail to each other, and the
//! shape each map is kept in in browser storage.
//!
//! A file is an envelope:
//!
//! ```json
//! { "format": "stakemap", "version": 3, "exported_at": "2026-11-22T09:30:00.000Z",
//!   "source": "Stakemap 0.1.0",
//!   "map": { "id": "…", "name": "…", "created_at": "…", "updated_at": "…" },
//!   "stakeholders": [ { "id": "…", "name": "…", "influence": 82, "skepticism": 71, … } ],
//!   "actions": [ { "id": "…", "stakeholder_id": "…", "tactic": "listening_session", … } ],
//!   "touchpoints": [ { "id": "…", "stakeholder_id": "…", "date": "2026-11-20", … } ],
//!   "history": [ { "stakeholder_id": "…", "at": "…", "influence": 82, "skepticism": 71, "source": "map" } ],
//!   "snapshots": [ { "id": "…", "name": "Baseline", "taken_at": "…", "stakeholders": [ … ] } ] }
//! ```
//!
//! Reading is strict about what matters and lenient about the rest: unknown fields are ignored,
//! missing optional fields take defaults, data only slightly outside today's rules is repaired
//! and each repair reported ("Influence of stakeholder 4 (Dana) was 140, outside 0–100; set to
//! 100."), and every real problem is reported with the path where it occurs
//! (`stakeholders[3].influence: expected a number from 0 to 100, found "high"`). Every count a
//! file can carry is capped, and a file beyond the caps is refused before it is parsed. Files from older versions pass
//! through [`migrate`] first; a newer version is refused with a message saying so. `public/
//! stakemap.schema.json` describes the same contract for other tools.

mod calendar;
mod error;
mod image;
mod locked;
mod migrate;
mod read;
pub mod register;
mod scan;
mod schema;
mod spreadsheet;
pub mod stored;
mod write;

pub use calendar::{
    calendar_file_name, calendar_ics, escape_ics_text, fold_ics_line, reminders, CalendarTitles,
    Reminder, ICS_LINE_OCTETS,
};
pub use error::{grouped, ImportError, Problem};
pub use image::{escape_markup, image_file_name, map_svg, IMAGE_HEIGHT, IMAGE_WIDTH};
pub use locked::{
    locked_schema, locked_schema_text, passphrase_strength, LockedFile, Strength, CIPHER,
    ITERATIONS, IV_BYTES, KDF, LOCKED_FORMAT, LOCKED_VERSION, MAX_ITERATIONS, MAX_SALT_BYTES,
    MIN_ITERATIONS, MIN_PASSPHRASE_CHARS, SALT_BYTES, TAG_BYTES,
};
pub use migrate::migrate;
pub use read::{
    open_bytes, parse, parse_bytes, read_bytes, read_json, read_text, read_value, Opened, Read,
};
pub use scan::{MAX_JSON_DEPTH, MAX_JSON_RECORDS, MAX_JSON_VALUES};
pub use schema::{json_schema, json_schema_text};
pub use spreadsheet::{
    action_columns, actions_csv, csv_file_name, evidence_columns, evidence_csv,
    is_relationships_sheet, neutralise, read_relationships_csv, read_stakeholders_csv,
    relationship_columns, relationships_csv, stakeholder_columns, stakeholders_csv,
    RelationshipSheet, RelationshipSheetRow, RowProblem, SheetImport, SheetRow, MAX_SHEET_COLUMNS,
};
pub use write::{export_file_name, locked_file_name, to_json, to_value, StoredFile};

/// The value of the envelope's `format` field.
pub const FORMAT_NAME: &str = "stakemap";
/// The newest file format version this build reads and the one it writes.
pub const CURRENT_VERSION: u64 = 5;
/// The largest file accepted for import, in bytes; larger files are refused before parsing.
/// A 5,000-stakeholder map with a full plan and history is about 21 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most stakeholders a file may hold: the model's limit, so no edit can make a map the
/// reader refuses.
pub use crate::model::MAX_STAKEHOLDERS;
/// How many problems a rejected file lists before summarising the rest.
pub const MAX_PROBLEMS_LISTED: usize = 12;
