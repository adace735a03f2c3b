//! A sheet's cells on their way to a [`GridRow`] list: gathered as the reader finds them,
//! counted and measured before any of them becomes text, then written as text the way a
//! spreadsheet shows them.

use calamine::{Data, DataRef, ExcelDateTime};
use stakemap_core::format::register::{GridRow, WorkbookProblem, MAX_REGISTER_ROWS};
use stakemap_core::format::MAX_SHEET_COLUMNS;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The most rows with something in them a sheet may have: the header and a full map of people.
pub const MAX_ROWS: usize = MAX_REGISTER_ROWS + 1;

/// The largest serial date a spreadsheet has: 9999-12-31.
const LAST_SERIAL_DATE: f64 = 2_958_465.0;

/// A cell's value as the reader gave it, before it becomes text. Text is borrowed where the
/// reader allows (a workbook's shared strings), so gathering a sheet copies no text.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue<'a> {
    /// A whole number.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Text, as typed.
    Text(Cow<'a, str>),
    /// TRUE or FALSE.
    Bool(bool),
    /// A serial date, time or duration (Excel's).
    DateTime(ExcelDateTime),
    /// A date or date and time in ISO 8601 (OpenDocument's).
    DateIso(Cow<'a, str>),
    /// A duration in ISO 8601 (OpenDocument's times), e.g. `PT09H30M00S`.
    DurationIso(Cow<'a, str>),
    /// Nothing to show: an empty cell, or an error such as `#N/A`.
    Nothing,
}

impl<'a> From<&'a Data> for CellValue<'a> {
    fn from(value: &'a Data) -> Self {
        match value {
            Data::Int(n) => CellValue::Int(*n),
            Data::Float(x) => CellValue::Float(*x),
            Data::String(s) => CellValue::Text(Cow::Borrowed(s)),
            Data::Bool(b) => CellValue::Bool(*b),
            Data::DateTime(d) => CellValue::DateTime(*d),
            Data::DateTimeIso(s) => CellValue::DateIso(Cow::Borrowed(s)),
            Data::DurationIso(s) => CellValue::DurationIso(Cow::Borrowed(s)),
            Data::Error(_) | Data::Empty => CellValue::Nothing,
        }
    }
}

impl<'a> From<DataRef<'a>> for CellValue<'a> {
    fn from(value: DataRef<'a>) -> Self {
        match value {
            DataRef::Int(n) => CellValue::Int(n),
            DataRef::Float(x) => CellValue::Float(x),
            DataRef::String(s) => CellValue::Text(Cow::Owned(s)),
            DataRef::SharedString(s) => CellValue::Text(Cow::Borrowed(s)),
            DataRef::Bool(b) => CellValue::Bool(b),
            DataRef::DateTime(d) => CellValue::DateTime(d),
            DataRef::DateTimeIso(s) => CellValue::DateIso(Cow::Owned(s)),
            DataRef::DurationIso(s) => CellValue::DurationIso(Cow::Owned(s)),
            DataRef::Error(_) | DataRef::Empty => CellValue::Nothing,
        }
    }
}

impl CellValue<'_> {
    /// True when the cell shows nothing: empty, an error, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Nothing => true,
            CellValue::Text(s) | CellValue::DateIso(s) | CellValue::DurationIso(s) => {
                s.trim().is_empty()
            }
            CellValue::Float(x) => !x.is_finite(),
            _ => false,
        }
    }

    /// The cell as text: numbers without a trailing `.0` and to the 15 significant digits a
    /// spreadsheet shows, TRUE or FALSE, dates as `YYYY-MM-DD`, times as `HH:MM:SS`, errors and
    /// empty cells as "".
    pub fn text(&self) -> String {
        match self {
            CellValue::Int(n) => n.to_string(),
            CellValue::Float(x) => number(*x),
            CellValue::Text(s) => s.to_string(),
            CellValue::Bool(true) => "TRUE".to_owned(),
            CellValue::Bool(false) => "FALSE".to_owned(),
            CellValue::DateTime(d) => date_time(d),
            CellValue::DateIso(s) => iso_date(s),
            CellValue::DurationIso(s) => iso_duration(s).unwrap_or_else(|| s.to_string()),
            CellValue::Nothing => String::new(),
        }
    }
}

/// A number as a spreadsheet shows it in a general format: at most 15 significant digits (so a
/// stored 0.30000000000000004 reads 0.3), no trailing `.0`, no exponent.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    // Rounded to 15 significant digits through the exponent form, then written plainly (Rust
    // writes an f64 without an exponent and with the fewest digits that read back the same).
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    if rounded == 0.0 {
        // Also turns -0 into 0.
        return "0".to_owned();
    }
    format!("{rounded}")
}

/// An Excel serial date or time as text: a date (or a date and time) as its date, a time of day
/// alone as `HH:MM:SS`, a duration as hours, minutes and seconds. A serial outside the dates a
/// spreadsheet has is written as the number it is.
fn date_time(d: &ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_duration() {
        return duration_seconds(serial * 86_400.0).unwrap_or_else(|| number(serial));
    }
    if !(0.0..=LAST_SERIAL_DATE).contains(&serial) {
        return number(serial);
    }
    let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    if serial < 1.0 {
        format!("{hour:02}:{minute:02}:{second:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// Whole seconds as `H:MM:SS` (hours may pass 24), or `None` for a value no clock shows.
fn duration_seconds(seconds: f64) -> Option<String> {
    if !seconds.is_finite() || seconds.abs() >= 1e12 {
        return None;
    }
    // Rounded to whole seconds; a value under 1e12 fits an i64 exactly.
    let total = seconds.round() as i64;
    let sign = if total < 0 { "-" } else { "" };
    let total = total.unsigned_abs();
    Some(format!(
        "{sign}{}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    ))
}

/// An ISO 8601 date or date and time as its date (`2027-01-15T09:30:00` → `2027-01-15`);
/// anything else as it is.
fn iso_date(s: &str) -> String {
    let date = s.get(..10).filter(|d| {
        d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    });
    date.unwrap_or(s).to_owned()
}

/// An ISO 8601 duration of hours, minutes and seconds (`PT09H30M00S`, OpenDocument's time of
/// day) as `H:MM:SS`; `None` for any other shape.
fn iso_duration(s: &str) -> Option<String> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut rest = s.strip_prefix("PT")?;
    let mut seconds = 0.0;
    for (unit, scale) in [('H', 3600.0), ('M', 60.0), ('S', 1.0)] {
        if let Some(at) = rest.find(unit) {
            let value: f64 = rest[..at].parse().ok()?;
            seconds += value * scale;
            rest = &rest[at + 1..];
        }
    }
    if !rest.is_empty() {
        return None;
    }
    duration_seconds(if negative { -seconds } else { seconds })
}

/// The cells of one sheet that hold something, gathered in any order, with the rows they
/// are on counted as they come.
pub struct SheetCells<'a> {
    sheet: String,
    cells: Vec<((u32, u32), CellValue<'a>)>,
    /// Every row with something in it (0-based), kept to count rows exactly however the
    /// reader orders its cells.
    rows: BTreeSet<u32>,
}

impl<'a> SheetCells<'a> {
    /// Nothing gathered yet from the sheet named `sheet`.
    pub fn new(sheet: &str) -> Self {
        SheetCells {
            sheet: sheet.to_owned(),
            cells: Vec::new(),
            rows: BTreeSet::new(),
        }
    }

    /// Takes one cell at `(row, column)` (0-based, from A1). Blank cells are passed over. A
    /// cell past the widest row a sheet may have refuses the sheet at once; once the sheet has
    /// more rows than it may, cells are only counted, not kept.
    pub fn add(
        &mut self,
        (row, column): (u32, u32),
        value: CellValue<'a>,
    ) -> Result<(), WorkbookProblem> {
        if value.is_blank() {
            return Ok(());
        }
        if usize::try_from(column).map_or(true, |c| c >= MAX_SHEET_COLUMNS) {
            return Err(WorkbookProblem::TooWide {
                sheet: self.sheet.clone(),
            });
        }
        self.rows.insert(row);
        if self.rows.len() > MAX_ROWS {
            self.cells = Vec::new();
        } else {
            self.cells.push(((row, column), value));
        }
        Ok(())
    }

    /// The sheet's rows, each with its number as a spreadsheet shows it and its cells as text
    /// from column A to its last non-blank cell; or `TooLong` when it has more rows than a map
    /// can hold (with the header).
    pub fn rows(mut self) -> Result<Vec<GridRow>, WorkbookProblem> {
        if self.rows.len() > MAX_ROWS {
            return Err(WorkbookProblem::TooLong {
                sheet: self.sheet,
                rows: self.rows.len(),
            });
        }
        self.cells.sort_by_key(|(at, _)| *at);
        let mut rows: Vec<GridRow> = Vec::with_capacity(self.rows.len());
        for ((row, column), value) in self.cells {
            let number = row as usize + 1;
            if rows.last().map(|r| r.number) != Some(number) {
                rows.push(GridRow {
                    number,
                    cells: Vec::new(),
                });
            }
            if let Some(last) = rows.last_mut() {
                // Columns below `MAX_SHEET_COLUMNS` (checked in `add`), so this pads a little.
                let column = column as usize;
                if last.cells.len() < column {
                    last.cells.resize(column, String::new());
                }
                let text = value.text();
                match last.cells.get_mut(column) {
                    // The same cell twice (a damaged file): the later one stands.
                    Some(cell) => *cell = text,
                    None => last.cells.push(text),
                }
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn text(value: CellValue<'_>) -> String {
        value.text()
    }

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.75), "0.75");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234567.0), "1234567");
        assert_eq!(number(0.000_001), "0.000001");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(text(CellValue::Int(42)), "42");
        assert_eq!(text(CellValue::Bool(true)), "TRUE");
        assert_eq!(text(CellValue::Bool(false)), "FALSE");
        assert_eq!(text(CellValue::Nothing), "");
    }

    #[test]
    fn dates_and_times() {
        let date =
            |serial, kind, is_1904| CellValue::DateTime(ExcelDateTime::new(serial, kind, is_1904));
        // 2027-01-15 in the 1900 and the 1904 date systems.
        assert_eq!(
            text(date(46_402.0, ExcelDateTimeType::DateTime, false)),
            "2027-01-15"
        );
        assert_eq!(
            text(date(44_940.0, ExcelDateTimeType::DateTime, true)),
            "2027-01-15"
        );
        // A date with a time is its date.
        assert_eq!(
            text(date(46_402.75, ExcelDateTimeType::DateTime, false)),
            "2027-01-15"
        );
        // A time alone.
        assert_eq!(
            text(date(0.5, ExcelDateTimeType::DateTime, false)),
            "12:00:00"
        );
        assert_eq!(
            text(date(1.5, ExcelDateTimeType::TimeDelta, false)),
            "36:00:00"
        );
        // No date a spreadsheet has: the number.
        assert_eq!(text(date(-3.0, ExcelDateTimeType::DateTime, false)), "-3");
        assert_eq!(
            text(date(1e300, ExcelDateTimeType::DateTime, false)),
            number(1e300)
        );
        assert_eq!(
            text(CellValue::DateIso("2027-01-15T09:30:00".into())),
            "2027-01-15"
        );
        assert_eq!(text(CellValue::DateIso("2027-01-15".into())), "2027-01-15");
        assert_eq!(text(CellValue::DateIso("soon".into())), "soon");
        assert_eq!(
            text(CellValue::DurationIso("PT09H30M00S".into())),
            "9:30:00"
        );
        assert_eq!(text(CellValue::DurationIso("P1D".into())), "P1D");
    }

    #[test]
    fn rows_are_numbered_from_a1_and_padded_to_column_a() {
        let mut cells = SheetCells::new("Register");
        // Given out of order, with a blank cell and a blank-only row.
        for (at, value) in [
            ((4, 3), CellValue::Text("Dana".into())),
            ((2, 1), CellValue::Text("Name".into())),
            ((4, 1), CellValue::Int(5)),
            ((2, 3), CellValue::Text("  ".into())),
            ((3, 2), CellValue::Nothing),
        ] {
            assert_eq!(cells.add(at, value), Ok(()));
        }
        let rows = cells.rows();
        assert_eq!(
            rows,
            Ok(vec![
                GridRow {
                    number: 3,
                    cells: vec!["".into(), "Name".into()]
                },
                GridRow {
                    number: 5,
                    cells: vec!["".into(), "5".into(), "".into(), "Dana".into()]
                },
            ])
        );
    }

    #[test]
    fn too_many_rows_are_counted_not_kept() {
        let mut cells = SheetCells::new("Big");
        for row in 0..(MAX_ROWS as u32 + 5) {
            assert_eq!(cells.add((row, 0), CellValue::Int(1)), Ok(()));
            // The same row again does not count twice.
            assert_eq!(cells.add((row, 1), CellValue::Int(2)), Ok(()));
        }
        assert!(cells.cells.is_empty(), "past the limit nothing is kept");
        assert_eq!(
            cells.rows(),
            Err(WorkbookProblem::TooLong {
                sheet: "Big".into(),
                rows: MAX_ROWS + 5
            })
        );
        // Exactly the header and a full map is fine.
        let mut cells = SheetCells::new("Full");
        for row in 0..MAX_ROWS as u32 {
            assert_eq!(cells.add((row, 0), CellValue::Int(1)), Ok(()));
        }
        assert_eq!(cells.rows().map(|r| r.len()), Ok(MAX_ROWS));
    }

    #[test]
    fn a_cell_past_the_widest_column_refuses_the_sheet() {
        let mut cells = SheetCells::new("Wide");
        let last = MAX_SHEET_COLUMNS as u32 - 1;
        assert_eq!(cells.add((0, last), CellValue::Int(1)), Ok(()));
        assert_eq!(
            cells.rows().map(|r| r[0].cells.len()),
            Ok(MAX_SHEET_COLUMNS)
        );
        let mut cells = SheetCells::new("Wide");
        assert_eq!(
            cells.add((0, last + 1), CellValue::Int(1)),
            Err(WorkbookProblem::TooWide {
                sheet: "Wide".into()
            })
        );
        // A blank cell far out is not a column.
        let mut cells = SheetCells::new("Wide");
        assert_eq!(cells.add((0, 16_000), CellValue::Nothing), Ok(()));
    }
}
