//! Thin Leptos views, one per file, named after what the user sees. Each reads the [`Store`]
//! and turns gestures into store calls; none holds map data of its own.
//!
//! [`Store`]: crate::state::Store

mod app;
mod confirm_dialog;
mod file_actions;
mod map_bar;
mod map_canvas;
mod marker;
mod notices;
mod stakeholder_form;
mod stakeholder_list;
mod stakeholder_panel;

pub use app::{mount, App};
