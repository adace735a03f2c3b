//! Stakemap: a stakeholder map for coaching and change programs that runs entirely in the browser.
//!
//! Layers, from the inside out (see `ARCHITECTURE.md`):
//! - [`model`] and [`format`]: the pure core, its own crate (`stakemap-core`, in `core/`) with
//!   no web dependency: maps, stakeholders, quadrants, operations, and the file format;
//! - [`adapters`]: the browser at the edge (storage, files, clock, randomness);
//! - [`state`]: the one reactive store every component reads and every edit goes through;
//! - [`components`]: thin Leptos views.

pub mod adapters;
pub mod components;
pub mod state;
pub use stakemap_core::{format, model};
