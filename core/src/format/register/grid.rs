//! A spreadsheet as cells: what every way in (CSV text, an Excel or OpenDocument workbook read by
//! the sheets worker) turns a file into before any column means anything.
//!
//! [`Workbook`] and [`WorkbookReply`] are also the contract between the app and its sheets
//! worker: the worker posts a reply as JSON, and the app reads it with the same types.

use serde::{Deserialize, Serialize};

/// The most rows of people a sheet may have: as many as a map can hold. Counted before any row
/// is read, so a sheet of a million rows is refused without building them.
pub const MAX_REGISTER_ROWS: usize = crate::model::MAX_STAKEHOLDERS;

/// One row of a sheet: its number as the spreadsheet shows it (the first row is 1), and its
/// cells as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRow {
    /// The row number a spreadsheet program shows beside it.
    pub number: usize,
    /// The cells, left to right, as text (numbers written the way the sheet holds them, dates
    /// as `YYYY-MM-DD`).
    pub cells: Vec<String>,
}

/// One sheet: its name (the tab's, or the file's for CSV) and its non-empty rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    /// The tab's name, e.g. "Register".
    pub name: String,
    /// Rows that have at least one non-blank cell, in order.
    pub rows: Vec<GridRow>,
}

/// Every sheet of a file, in the order its tabs are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Workbook {
    /// The sheets.
    pub sheets: Vec<Grid>,
}

/// Why a workbook could not be read, as the sheets worker reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum WorkbookProblem {
    /// Saved with a password (an encrypted Office file).
    Protected,
    /// Not an Excel or OpenDocument workbook, or damaged; `detail` is the reader's own words.
    Unreadable {
        /// What the reader said.
        detail: String,
    },
    /// A sheet with more rows than a map can hold.
    TooLong {
        /// The sheet's name.
        sheet: String,
        /// Its rows.
        rows: usize,
    },
    /// A row wider than any sheet of people needs.
    TooWide {
        /// The sheet's name.
        sheet: String,
    },
    /// No sheet holds anything.
    Empty,
}

/// What the sheets worker posts back: the workbook, or why it could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkbookReply {
    /// The sheets.
    Read(Workbook),
    /// Why not.
    Failed(WorkbookProblem),
}

impl WorkbookReply {
    /// What the sheets worker posts, as a bare string, once it is ready for a file: the app
    /// posts the file's bytes only after hearing it (a message sent before the worker's
    /// WebAssembly has started would find nobody listening), then waits for the reply as JSON.
    pub const WORKER_READY: &'static str = "ready";
}

impl Grid {
    /// True when no row holds anything.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
