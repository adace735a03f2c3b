//! Application state: the reactive [`Store`] and the [`Backend`] it saves through, the
//! [`Sharing`] reviews (merge, spreadsheet) and workshop round built on the store, and the
//! [`Platform`] through which views read and offer files.

mod backend;
mod comparison;
mod drafts;
mod edit_error;
mod kv;
mod notices;
mod platform;
mod selection;
mod sharing;
mod store;
pub mod stored_backend;
mod ui;
mod undo;

pub use backend::{Backend, Loaded, Revision, SaveError, SavedIndex, SetAside, StorageUsage};
pub use comparison::{use_comparison, Comparison};
pub use drafts::Draft;
pub use edit_error::EditError;
pub use kv::{Env, KeyValue, MemoryStorage, TestEnv};
pub use notices::{use_notices, Notice, Notices, Tone};
pub use platform::{png_scale, use_platform, FileRead, Later, Platform, Png, Unlock};
pub use selection::{use_selection, PanelTab, Selection};
pub use sharing::{
    use_sharing, CalendarTitles, Headed, LockedReview, MergeReview, RedactedExport, RegisterEngine,
    RegisterView, Sharing, SheetKind, MAPPINGS_SETTING, NO_REMINDERS,
};
pub use store::{use_store, ExternalChange, Pending, Store};
pub use stored_backend::{MemoryBackend, StoredBackend};
pub use ui::{
    shortcut_for, use_ui, Binding, Chord, KeyPress, MainView, Shortcut, TourStep, Ui, SHORTCUTS,
    TOUR, TOUR_DONE,
};
