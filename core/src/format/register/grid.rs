//! A spreadsheet as cells: what every way in (CSV text, an Excel or OpenDocument workbook read by
//! the sheets worker) turns a file into before any column means anything.
//!
//! [`Workbook`] and [`WorkbookReply`] are also the contract between the app and its sheets
//! worker: the worker posts a reply as JSON, and the app reads it with the same types.

use crate::format::{ImportError, MAX_FILE_BYTES, MAX_SHEET_COLUMNS};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// What a file is, from its first bytes: where the import sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// JSON: a map file, or a password-protected one.
    Json,
    /// A zip or an OLE container: an Excel or OpenDocument workbook (or something that is not
    /// one, which the sheets worker says).
    Workbook,
    /// Text that is not JSON: a CSV or tab-separated sheet.
    Text,
    /// Binary data that is none of these.
    Other,
}

/// Tells what a file is from its bytes, not its name (a CSV called `.json` is still a sheet).
pub fn file_kind(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return FileKind::Workbook;
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        return FileKind::Other;
    }
    let text = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') | Some(b'[') | None => FileKind::Json,
        _ => FileKind::Text,
    }
}

/// The characters Windows-1252 gives bytes 0x80–0x9F (the rest of the upper half are the same
/// code points as Latin-1). From the WHATWG Encoding Standard's index; the five bytes it leaves
/// undefined keep their C1 control points, as browsers decode them.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// A sheet's text: UTF-8 when it is (with or without a byte-order mark), otherwise
/// Windows-1252, which Excel on Windows writes for "CSV (comma delimited)". A general decoder
/// would add hundreds of kilobytes to the download for one fixed 32-entry table.
pub fn sheet_text(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
        ),
    }
}

/// Reads a CSV (or semicolon- or tab-separated) sheet into cells. Whole-file problems are an
/// error: too large, binary, more rows than a map can hold, a row wider than any sheet of
/// people needs, nothing in it.
pub fn csv_grid(name: &str, bytes: &[u8]) -> Result<Grid, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if file_kind(bytes) == FileKind::Other || bytes.contains(&0) {
        return Err(ImportError::NotASpreadsheet);
    }
    let text = sheet_text(bytes);
    let delimiter = sniff_delimiter(&text);
    check_shape(&text, delimiter)?;
    let numbers = row_numbers(&text);
    let rows: Vec<GridRow> = records(&text, delimiter)?
        .into_iter()
        .enumerate()
        .map(|(i, cells)| GridRow {
            number: numbers.get(i).copied().unwrap_or(i + 1),
            cells,
        })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(ImportError::SheetEmpty);
    }
    Ok(Grid {
        name: name.to_owned(),
        rows,
    })
}

/// The separator of a sheet: whichever of `,`, `;` and tab occurs most in its first line
/// (outside quotes), comma when none does.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

/// Refuses a sheet with more rows than [`MAX_REGISTER_ROWS`] (rows counted as [`row_numbers`]
/// counts them) or a row with more cells than [`MAX_SHEET_COLUMNS`], by looking at its bytes
/// before any row is built.
fn check_shape(text: &str, delimiter: u8) -> Result<(), ImportError> {
    // The header is a row too.
    let max_rows = MAX_REGISTER_ROWS + 1;
    let (mut rows, mut cells, mut quoted, mut empty) = (0usize, 1usize, false, true);
    for b in text.bytes() {
        match b {
            b'"' => {
                quoted = !quoted;
                empty = false;
            }
            b'\r' | b'\n' if !quoted => {
                if !empty {
                    rows += 1;
                }
                (cells, empty) = (1, true);
            }
            d if d == delimiter && !quoted => {
                cells += 1;
                empty = false;
            }
            _ => empty = false,
        }
        if rows + usize::from(!empty) > max_rows {
            return Err(ImportError::SheetTooLong {
                limit: MAX_REGISTER_ROWS,
            });
        }
        if cells > MAX_SHEET_COLUMNS {
            return Err(ImportError::SheetTooWide {
                limit: MAX_SHEET_COLUMNS,
            });
        }
    }
    Ok(())
}

/// The spreadsheet row number of each record. The `csv` crate skips empty lines, but a spreadsheet
/// shows them as rows, so row numbers come from the line structure: line breaks outside quotes
/// start a new row, and only non-empty rows hold a record.
fn row_numbers(text: &str) -> Vec<usize> {
    let mut rows = Vec::new();
    let (mut row, mut quoted, mut empty) = (1usize, false, true);
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'"' => {
                quoted = !quoted;
                empty = false;
            }
            b'\r' | b'\n' if !quoted => {
                if b == b'\r' && bytes.peek() == Some(&b'\n') {
                    bytes.next();
                }
                if !empty {
                    rows.push(row);
                }
                row += 1;
                empty = true;
            }
            _ => empty = false,
        }
    }
    if !empty {
        rows.push(row);
    }
    rows
}

/// Splits CSV text into records of cells (the `csv` crate does the quoting rules). Empty
/// lines hold no record.
fn records(text: &str, delimiter: u8) -> Result<Vec<Vec<String>>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            // From text already checked to be UTF-8 and rows of any length, the only error
            // left is one of encoding.
            let record = record.map_err(|_| ImportError::NotASpreadsheet)?;
            Ok(record.iter().map(str::to_owned).collect())
        })
        .collect()
}

impl From<WorkbookProblem> for ImportError {
    fn from(p: WorkbookProblem) -> Self {
        match p {
            WorkbookProblem::Protected => ImportError::WorkbookProtected,
            WorkbookProblem::Unreadable { detail } => ImportError::WorkbookUnreadable { detail },
            WorkbookProblem::TooLong { .. } => ImportError::SheetTooLong {
                limit: MAX_REGISTER_ROWS,
            },
            WorkbookProblem::TooWide { .. } => ImportError::SheetTooWide {
                limit: MAX_SHEET_COLUMNS,
            },
            WorkbookProblem::Empty => ImportError::SheetEmpty,
        }
    }
}
