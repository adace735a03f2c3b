//! The browser at the edge: each adapter wraps one browser capability and maps its failures to
//! messages a user understands. Nothing else in the app calls `web_sys` storage or file APIs.

pub mod browser_backend;
pub mod clock;
pub mod crash;
pub mod durable;
pub mod files;
pub mod offline;
pub mod random;
