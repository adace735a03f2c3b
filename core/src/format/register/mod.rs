//! Bringing in a register people already keep: any spreadsheet of stakeholders, whatever its
//! columns are called and however it writes influence and stance.
//!
//! A file becomes a [`Grid`] of cells (CSV here, Excel and OpenDocument in the sheets worker),
//! the app guesses what each column holds and how its values read, the user adjusts both, and
//! the mapping turns rows into stakeholders, with every row that cannot come in listed.

mod grid;

pub use grid::{
    csv_grid, file_kind, sheet_text, FileKind, Grid, GridRow, Workbook, WorkbookProblem,
    WorkbookReply, MAX_REGISTER_ROWS,
};
mod apply;
mod columns;
mod into_map;
mod mapping;
mod values;

pub use apply::{apply, spread, RegisterImport, RegisterRow, MIDDLE, SPREAD_STEP};
pub use columns::{guess, header_words, Axis, Reason, Use};
pub use into_map::{bring_in, coming, matches, Brought, Existing, IntoMap};
pub use mapping::{
    default_reading, guess_mapping, header_row, headers, signature, ColumnPlan, Mapping, Reading,
    Remembered, WordEntry, HEADER_SEARCH_ROWS,
};
pub use values::{number, word_place, Number, Scale, Sense, SCALES};
pub mod preview;
mod protocol;
mod session;

pub use protocol::{Act, Done, Reply, Request};
pub use session::{Memory, Review, Session, MEMORY_LIMIT};
