//! The mapping of a register: which row holds the headers, what each column is read as, and
//! how each axis column's values become places. Guessed from the sheet, shown to the user,
//! changed by them, remembered for the next file with the same headers, and then applied.

use super::columns::{guess, header_words, Axis, Reason, Use};
use super::grid::{Grid, GridRow};
use super::values::{number, word_place, Scale};
use serde::{Deserialize, Serialize};

/// How many rows from the top are searched for the header row (templates put a title, a
/// date and a blank line above it).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// How an axis column's cells become places on the axis (0–100).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// Numbers on a scale.
    Scale(Scale),
    /// Words, each with its place (`None`: the row is placed by hand).
    Words(Vec<WordEntry>),
}

/// One distinct value of a word column and where it puts people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WordEntry {
    /// The value as first written in the sheet.
    pub word: String,
    /// Its place on the axis (before a support column is reversed: the place itself).
    pub place: Option<u8>,
    /// How many rows hold it.
    #[serde(default)]
    pub rows: usize,
}

/// One column of the mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnPlan {
    /// The header as written.
    pub header: String,
    /// What it is read as.
    pub used: Use,
    /// Why it was guessed so (shown beside the choice).
    pub reason: Reason,
    /// How its values read, for a column that places people.
    pub reading: Option<Reading>,
}

/// The whole mapping of one sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    /// Index into the grid's rows of the header row.
    pub header_row: usize,
    /// One plan per column of the header row.
    pub columns: Vec<ColumnPlan>,
}

fn key(word: &str) -> String {
    header_words(word)
}

/// The cells of column `col` below the header.
fn column_cells(grid: &Grid, header_row: usize, col: usize) -> Vec<&str> {
    grid.rows
        .iter()
        .skip(header_row + 1)
        .map(|r| r.cells.get(col).map_or("", String::as_str))
        .collect()
}

/// The row that holds the headers: of the first rows, the one with most recognised headers
/// (the first such, and the first row when none is recognised).
pub fn header_row(grid: &Grid) -> usize {
    let mut best = (0usize, 0usize);
    for (i, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let known = row
            .cells
            .iter()
            .filter(|c| !c.trim().is_empty() && !matches!(guess(c, &[]).1, Reason::Unknown))
            .count();
        if known > best.1 {
            best = (i, known);
        }
    }
    best.0
}

/// The headers of the sheet as the mapping reads them.
pub fn headers(grid: &Grid, header_row: usize) -> Vec<String> {
    grid.rows
        .get(header_row)
        .map(|r| r.cells.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default()
}

/// The reading a column gets when it is used as `used`: a scale when every filled cell is a
/// number, otherwise a table of its words with a place for each word the app knows.
pub fn default_reading(grid: &Grid, header_row: usize, col: usize, used: Use) -> Option<Reading> {
    let axis = used.axis()?;
    let header = headers(grid, header_row)
        .get(col)
        .cloned()
        .unwrap_or_default();
    let cells: Vec<&str> = column_cells(grid, header_row, col)
        .into_iter()
        .filter(|c| !c.trim().is_empty())
        .collect();
    let numbers: Vec<_> = cells.iter().filter_map(|c| number(c)).collect();
    // The app's own sheet writes 0–100.
    let hs: Vec<String> = headers(grid, header_row).iter().map(|h| key(h)).collect();
    let own_sheet = ["quadrant", "influence", "skepticism"]
        .iter()
        .all(|h| hs.iter().any(|k| k == h))
        && matches!(used, Use::Field(..));
    if own_sheet {
        return Some(Reading::Scale(Scale::new(0.0, 100.0)));
    }
    let scale = Scale::guess(&header, &numbers);
    if !cells.is_empty() && numbers.len() == cells.len() {
        return Some(Reading::Scale(scale));
    }
    let mut words: Vec<WordEntry> = Vec::new();
    for cell in cells {
        let k = key(cell);
        match words.iter_mut().find(|w| key(&w.word) == k) {
            Some(w) => w.rows += 1,
            None => {
                let place = match number(cell) {
                    Some(n) => scale.place(n.value).map(|p| reversed(used, p)),
                    None => word_place(cell, used.sense(), axis.is_skepticism()),
                };
                words.push(WordEntry {
                    word: cell.trim().to_owned(),
                    place,
                    rows: 1,
                });
            }
        }
    }
    Some(Reading::Words(words))
}

fn reversed(used: Use, place: u8) -> u8 {
    match used {
        Use::Support => 100 - place.min(100),
        _ => place,
    }
}

/// Guesses the whole mapping of a sheet.
pub fn guess_mapping(grid: &Grid) -> Mapping {
    let header_row = header_row(grid);
    let hs = headers(grid, header_row);
    let columns = hs
        .iter()
        .enumerate()
        .map(|(col, header)| {
            let cells = column_cells(grid, header_row, col);
            let (used, reason) = guess(header, &cells);
            ColumnPlan {
                header: header.clone(),
                used,
                reason,
                reading: default_reading(grid, header_row, col, used),
            }
        })
        .collect();
    let mut mapping = Mapping {
        header_row,
        columns,
    };
    mapping.settle_axes();
    mapping
}

impl Mapping {
    /// Changes what column `col` is read as, and its reading to the new use's default.
    pub fn set_use(&mut self, grid: &Grid, col: usize, used: Use) {
        let header_row = self.header_row;
        if let Some(c) = self.columns.get_mut(col).filter(|c| c.used != used) {
            c.used = used;
            c.reason = Reason::Header;
            c.reading = default_reading(grid, header_row, col, used);
        }
    }

    /// Sets the scale of a numeric column.
    pub fn set_scale(&mut self, col: usize, scale: Scale) {
        if let Some(c) = self.columns.get_mut(col) {
            if c.used.axis().is_some() {
                c.reading = Some(Reading::Scale(scale));
            }
        }
    }

    /// Sets where one word of a word column puts people (`None`: placed by hand).
    pub fn set_word(&mut self, col: usize, word: &str, place: Option<u8>) {
        if let Some(ColumnPlan {
            reading: Some(Reading::Words(words)),
            ..
        }) = self.columns.get_mut(col)
        {
            if let Some(w) = words.iter_mut().find(|w| key(&w.word) == key(word)) {
                w.place = place.map(|p| p.min(100));
            }
        }
    }

    /// How column `col`'s values read, when it places people.
    pub fn reading(&self, col: usize) -> Option<&Reading> {
        self.columns.get(col)?.reading.as_ref()
    }

    /// The columns that place people on `axis`, in sheet order.
    pub fn axis_columns(&self, axis: Axis) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.used.axis() == Some(axis))
            .map(|(i, _)| i)
            .collect()
    }

    /// True when some column gives the name.
    pub fn has_name(&self) -> bool {
        self.columns.iter().any(|c| c.used.is_name())
    }

    /// When two columns were guessed for one axis (a stance and a support column), the first
    /// is read and a later one is kept in the notes instead, so nothing is silently dropped.
    fn settle_axes(&mut self) {
        for axis in [
            Axis::Influence,
            Axis::Skepticism,
            Axis::TargetInfluence,
            Axis::TargetSkepticism,
        ] {
            for col in self.axis_columns(axis).into_iter().skip(1) {
                if let Some(c) = self.columns.get_mut(col) {
                    c.used = Use::Note;
                    c.reason = Reason::KeptInNotes;
                    c.reading = None;
                }
            }
        }
    }

    /// Where `cell` of column `col` puts a person: `Ok(None)` for a blank cell, `Err` with the
    /// value for one the reading does not place.
    pub fn place(&self, col: usize, cell: &str) -> Result<Option<u8>, String> {
        let Some(c) = self.columns.get(col) else {
            return Ok(None);
        };
        if cell.trim().is_empty() {
            return Ok(None);
        }
        let placed = match &c.reading {
            Some(Reading::Scale(scale)) => number(cell)
                .and_then(|n| scale.place(n.value))
                .map(|p| reversed(c.used, p)),
            Some(Reading::Words(words)) => words
                .iter()
                .find(|w| key(&w.word) == key(cell))
                .and_then(|w| w.place),
            None => None,
        };
        placed.map(Some).ok_or_else(|| cell.trim().to_owned())
    }
}

/// The rows below the header.
pub fn body<'g>(grid: &'g Grid, mapping: &Mapping) -> impl Iterator<Item = &'g GridRow> + 'g {
    grid.rows.iter().skip(mapping.header_row + 1)
}

/// A short, stable name for a set of headers, under which a mapping is remembered.
pub fn signature(headers: &[String]) -> String {
    // FNV-1a over the headers as compared: stable across builds and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for h in headers {
        for b in key(h).bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A mapping as remembered between files: each column's choice and reading, by position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    /// Each column's use, as [`Use::token`] gives it.
    pub uses: Vec<String>,
    /// Each column's reading, when it has one.
    pub readings: Vec<Option<Reading>>,
}

impl Mapping {
    /// What to remember of this mapping.
    pub fn remembered(&self) -> Remembered {
        Remembered {
            uses: self.columns.iter().map(|c| c.used.token()).collect(),
            readings: self.columns.iter().map(|c| c.reading.clone()).collect(),
        }
    }

    /// Applies a remembered mapping of the same headers: each column takes the remembered
    /// use; a scale is taken as it was, and a word table's remembered places override the
    /// guesses for words it knew (new words keep their guesses). Columns whose remembered
    /// use this build no longer has keep the guess.
    pub fn recall(&mut self, grid: &Grid, memo: &Remembered) {
        if memo.uses.len() != self.columns.len() {
            return;
        }
        for (col, token) in memo.uses.iter().enumerate() {
            let Some(used) = Use::from_token(token) else {
                continue;
            };
            self.set_use(grid, col, used);
            match memo.readings.get(col).cloned().flatten() {
                // A scale only where the values are still numbers.
                Some(Reading::Scale(s)) if matches!(self.reading(col), Some(Reading::Scale(_))) => {
                    self.set_scale(col, s)
                }
                Some(Reading::Scale(_)) => {}
                Some(Reading::Words(words)) => {
                    for w in words {
                        self.set_word(col, &w.word, w.place);
                    }
                }
                None => {}
            }
        }
    }
}
