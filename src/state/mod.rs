//! Application state: the reactive [`Store`] and the [`Backend`] it saves through.

mod backend;
mod store;

pub use backend::{Backend, Loaded, MemoryBackend, SaveError, SavedIndex, SetAside};
pub use store::{use_store, ExternalChange, Notice, PanelTab, Pending, Store, Tone};
