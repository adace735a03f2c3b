//! Application state: the reactive [`Store`] and the [`Backend`] it saves through, and the
//! [`Sharing`] reviews (merge, spreadsheet) and workshop round built on the store.

mod backend;
mod sharing;
mod store;

pub use backend::{Backend, Loaded, MemoryBackend, SaveError, SavedIndex, SetAside, StorageUsage};
pub use sharing::{use_sharing, MergeReview, Sharing, SheetReview};
pub use store::{use_store, ExternalChange, Notice, PanelTab, Pending, Store, Tone};
