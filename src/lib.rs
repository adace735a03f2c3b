//! Stakemap: a stakeholder map for coaching and change programs that runs entirely in the browser.
//!
//! Layers, from the inside out (see `ARCHITECTURE.md`):
//! - [`model`]: the pure core (maps, stakeholders, quadrants, operations);
//! - [`format`]: the file format (envelope, validation, migrations);
//! - [`adapters`]: the browser at the edge (storage, files, clock, randomness);
//! - [`state`]: the one reactive store every component reads and every edit goes through;
//! - [`components`]: thin Leptos views.

pub mod adapters;
pub mod components;
pub mod format;
pub mod model;
pub mod state;
