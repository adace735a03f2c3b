//! Stakemap's pure core, the innermost layers (see `ARCHITECTURE.md`):
//! - [`model`]: maps, stakeholders, quadrants, operations, merge, undo patches;
//! - [`format`]: the file format (envelope, validation, repairs, migrations), the form maps take
//!   in browser storage, CSV and images.
//!
//! It depends on no web crate: the app (the `stakemap` crate) builds on it, never the reverse.

pub mod format;
pub mod model;
pub mod sort;
