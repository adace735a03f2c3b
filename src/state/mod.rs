//! Application state: the reactive [`Store`] and the [`Backend`] it saves through, and the
//! [`Sharing`] reviews (merge, spreadsheet) and workshop round built on the store.

mod backend;
mod drafts;
mod kv;
mod sharing;
mod store;
pub mod stored_backend;
mod ui;
mod undo;

pub use backend::{
    Backend, Loaded, MemoryBackend, Revision, SaveError, SavedIndex, SetAside, StorageUsage,
};
pub use drafts::Draft;
pub use kv::{Env, KeyValue, MemoryStorage, TestEnv};
pub use sharing::{use_sharing, MergeReview, Sharing, SheetReview};
pub use store::{use_store, ExternalChange, Notice, PanelTab, Pending, Store, Tone};
pub use stored_backend::StoredBackend;
pub use ui::{shortcut_for, use_ui, KeyPress, MainView, Shortcut, Ui, SHORTCUTS, TOUR, TOUR_DONE};
