//! Thin Leptos views, one per file, named after what the user sees. Each reads the [`Store`]
//! and turns gestures into store calls; none holds map data of its own.
//!
//! [`Store`]: crate::state::Store

mod action_form;
mod action_item;
mod app;
mod autosave;
mod comparison_layer;
mod confirm_dialog;
mod contact_due_list;
mod contact_log;
mod evidence_form;
mod evidence_library;
mod file_actions;
mod file_io;
mod first_steps_tour;
mod focus;
mod history_chart;
mod keyboard_shortcuts;
mod lock_dialog;
mod map_bar;
mod map_canvas;
mod map_menu;
mod marker;
mod merge_dialog;
mod modal;
mod network_insights;
mod notices;
mod passphrase_dialog;
mod person_picker;
mod plan_board;
mod presenter;
mod progress_report;
mod quick_add_tray;
mod radio_group;
mod register_dialog;
mod report_evidence;
mod report_pictures;
mod share_dialog;
mod snapshot_bar;
mod stakeholder_evidence;
mod stakeholder_form;
mod stakeholder_list;
mod stakeholder_network;
mod stakeholder_panel;
mod stakeholder_plan;
mod still_to_win_over;
mod target_handle;
mod tie_layer;
mod toggle_button;
mod undo_buttons;
mod unlock_dialog;
mod view_tabs;
mod workshop_round;

pub use app::App;
