//! What can be wrong with a file, worded for the person who tried to open it.

use super::{CURRENT_VERSION, FORMAT_NAME, MAX_PROBLEMS_LISTED};
use std::fmt;

/// One problem at one place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a path into the file (`stakeholders[3].influence`).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a file could not be opened. Nothing is changed when any of these is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file has no content.
    Empty,
    /// The file is larger than the import limit.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file holds more values than any map needs (found before parsing it, which would
    /// take far more memory than the file's size).
    TooManyValues {
        /// The most a file may hold.
        limit: usize,
    },
    /// The file holds more records (JSON objects) than any map needs.
    TooManyRecords {
        /// The most a file may hold.
        limit: usize,
    },
    /// Lists or records nest deeper than any map needs.
    TooDeep {
        /// The deepest a file may nest.
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    NotUtf8 {
        /// Offset of the first bad byte.
        offset: usize,
    },
    /// The text is not JSON (or is cut off).
    NotJson {
        /// What the parser said, reworded.
        reason: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Valid JSON, but not an object at the top level.
    NotAnObject {
        /// What it is instead ("a list", "a number", …).
        found: &'static str,
    },
    /// An object without `"format": "stakemap"`.
    NotStakemap {
        /// The `format` value found, if any.
        found: Option<String>,
    },
    /// `version` missing or not a whole number ≥ 1.
    BadVersion {
        /// What was found instead.
        found: String,
    },
    /// A version newer than this app knows.
    TooNew {
        /// The file's version.
        version: u64,
    },
    /// The envelope is right but the content has problems.
    Invalid(Vec<Problem>),
    /// A password-protected file whose envelope is broken.
    LockedDamaged {
        /// What is wrong, as the end of a sentence ("its IV is 3 bytes; it must be 12").
        problem: String,
    },
    /// A password-protected file asking for more (or fewer) rounds of key stretching than is
    /// safe: refused before any work.
    LockedUnsafe {
        /// The rounds it asks for.
        iterations: u64,
    },
    /// A password-protected file from a newer Stakemap.
    LockedTooNew {
        /// Its envelope's version.
        version: u64,
    },
    /// A file that is neither a map file nor a spreadsheet.
    NotASpreadsheet,
    /// A spreadsheet with nothing in it.
    SheetEmpty,
    /// A workbook saved with a password.
    WorkbookProtected,
    /// A workbook the reader could not open.
    WorkbookUnreadable {
        /// The reader's words.
        detail: String,
    },
    /// A spreadsheet with more rows than a map could take (counted before reading them).
    SheetTooLong {
        /// The most rows a sheet may have.
        limit: usize,
    },
    /// A spreadsheet with a row of more cells than any sheet of people needs.
    SheetTooWide {
        /// The most cells a row may have.
        limit: usize,
    },
    /// A spreadsheet without the name, influence and skepticism columns.
    SheetColumns {
        /// The headers it has.
        found: Vec<String>,
    },
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// A count with thousands separated, as people read them: 4,000,000.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl ImportError {
    /// A one-line summary suitable for a heading.
    pub fn headline(&self) -> String {
        match self {
            ImportError::Empty => "The file is empty.".into(),
            ImportError::TooLarge { bytes, limit } => format!(
                "The file is too large to open ({}; the limit is {}).",
                human_size(*bytes),
                human_size(*limit)
            ),
            ImportError::TooManyValues { limit } => format!(
                "The file holds more than {} separate values (numbers, texts, lists), far more \
                 than any Stakemap map needs, so it was not read. It may be damaged, or made by \
                 another program.",
                grouped(*limit)
            ),
            ImportError::TooManyRecords { limit } => format!(
                "The file holds more than {} records (the groups of fields that describe a \
                 person, an action or a contact), far more than any Stakemap map needs, so it \
                 was not read. It may be damaged, or made by another program.",
                grouped(*limit)
            ),
            ImportError::TooDeep { limit } => format!(
                "The file nests lists more than {limit} levels deep; a Stakemap map needs 5, so \
                 it was not read. It may be damaged, or made by another program."
            ),
            ImportError::NotUtf8 { offset } => format!(
                "The file is not text in UTF-8 (the first unreadable byte is at position {offset}). \
                 It may be a different kind of file, or saved in another encoding."
            ),
            ImportError::NotJson { reason, line, column } => format!(
                "The file is not valid JSON: {reason} (line {line}, column {column})."
            ),
            ImportError::NotAnObject { found } => format!(
                "The file holds {found}, not a Stakemap map."
            ),
            ImportError::NotStakemap { found: None } => format!(
                "This JSON file is not a Stakemap map: it has no \"format\": \"{FORMAT_NAME}\" field."
            ),
            ImportError::NotStakemap { found: Some(other) } => format!(
                "This file is in the format \"{other}\", not \"{FORMAT_NAME}\"; it was made by another tool."
            ),
            ImportError::BadVersion { found } => format!(
                "The file's \"version\" must be a whole number of 1 or more; it is {found}."
            ),
            ImportError::TooNew { version } => format!(
                "This file was saved by a newer Stakemap (file format version {version}); this app \
                 reads versions up to {CURRENT_VERSION}. Open it with the newer version, or ask the \
                 sender for a file from the same version as yours."
            ),
            ImportError::LockedDamaged { problem } => format!(
                "This password-protected file is damaged, so it cannot be opened: {problem}. \
                 Ask the sender for the file again."
            ),
            ImportError::LockedUnsafe { iterations } => format!(
                "This password-protected file asks for {} rounds of key stretching; Stakemap \
                 accepts {} to {}, so that a file cannot be weakly protected or freeze the page. \
                 It was not opened. It may be damaged, or made by another program.",
                grouped(usize::try_from(*iterations).unwrap_or(usize::MAX)),
                grouped(super::locked::MIN_ITERATIONS as usize),
                grouped(super::locked::MAX_ITERATIONS as usize)
            ),
            ImportError::LockedTooNew { version } => format!(
                "This password-protected file was saved by a newer Stakemap (locked-file version \
                 {version}); this app reads version {}. Open it with the newer version.",
                super::locked::LOCKED_VERSION
            ),
            ImportError::NotASpreadsheet => "This file is neither a Stakemap map nor a \
                 spreadsheet Stakemap can read. It takes map files (.json), CSV sheets and Excel or \
                 OpenDocument workbooks (.xlsx, .ods)."
                .into(),
            ImportError::SheetEmpty => "The spreadsheet is empty: there is nothing in it to \
                 import."
                .into(),
            ImportError::WorkbookProtected => "This workbook is protected with a password, so it \
                 cannot be read. Open it in Excel or LibreOffice, remove the password (in Excel: \
                 File › Info › Protect Workbook › Encrypt with Password, and clear it), save, and \
                 import it again."
                .into(),
            ImportError::WorkbookUnreadable { detail } => format!(
                "This file could not be read as an Excel or OpenDocument workbook ({detail}). It \
                 may be damaged, or another kind of file. Try saving it again from your \
                 spreadsheet program, or as CSV."
            ),
            ImportError::SheetTooLong { limit } => format!(
                "The spreadsheet has more than {} rows of people, more than a map can hold, so \
                 it was not read. Split it into smaller sheets.",
                grouped(*limit)
            ),
            ImportError::SheetTooWide { limit } => format!(
                "A row of the spreadsheet has more than {limit} cells, far more than a sheet of \
                 people needs, so it was not read. It may be damaged, or not a spreadsheet."
            ),
            ImportError::SheetColumns { found } => format!(
                "The spreadsheet needs a column of people’s names (headed Name, Stakeholder or \
                 similar); its header row has: {}.",
                found.join(", ")
            ),
            ImportError::Invalid(problems) => match problems.len() {
                1 => "The file has 1 problem:".into(),
                n => format!("The file has {n} problems:"),
            },
        }
    }

    /// The individual problems to list under the headline (at most a dozen, then a count).
    pub fn details(&self) -> Vec<String> {
        match self {
            ImportError::Invalid(problems) => {
                let mut lines: Vec<String> = problems
                    .iter()
                    .take(MAX_PROBLEMS_LISTED)
                    .map(ToString::to_string)
                    .collect();
                if problems.len() > MAX_PROBLEMS_LISTED {
                    lines.push(format!(
                        "… and {} more.",
                        problems.len() - MAX_PROBLEMS_LISTED
                    ));
                }
                lines
            }
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        for line in self.details() {
            write!(f, "\n{line}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}
