//! Bringing in a register people already keep: any spreadsheet of stakeholders, whatever its
//! columns are called and however it writes influence and stance.
//!
//! A file becomes a [`Grid`] of cells (CSV here, Excel and OpenDocument in the sheets worker),
//! the app guesses what each column holds and how its values read, the user adjusts both, and
//! the mapping turns rows into stakeholders, with every row that cannot come in listed.

mod grid;

pub use grid::{Grid, GridRow, Workbook, WorkbookProblem, WorkbookReply, MAX_REGISTER_ROWS};
