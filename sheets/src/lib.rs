//! Stakemap's sheets worker: an Excel (.xlsx, .xlsm, .xlsb, .xls) or OpenDocument (.ods) workbook
//! read into cells by the `calamine` crate, in a web worker of its own (the `stakemap-sheets`
//! binary), so the app's own download does not carry the reader and reading does not hold up the
//! page.
//!
//! [`read_workbook`] is all of it: the file's bytes in, the core's [`WorkbookReply`] out, which
//! the worker posts back to the app as JSON. The format is told by the file's content, never by
//! its name.

mod cells;

use calamine::{Data, Ods, Range, Reader, SheetType, Xls, XlsError, Xlsb, Xlsx, XlsxError};
use cells::{CellValue, SheetCells};
use stakemap_core::format::register::{Grid, GridRow, Workbook, WorkbookProblem, WorkbookReply};
use std::io::{Cursor, Read, Seek};

/// The first bytes of a zip archive (.xlsx, .xlsb, .ods).
const ZIP: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file: a legacy .xls, or any Office file saved with a
/// password (its encrypted package sits inside one).
const COMPOUND: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a workbook's sheets as cells, or says why it cannot.
///
/// Every worksheet comes back in tab order, with its name, hidden and empty ones included (chart
/// and macro sheets are left out). A sheet with more rows than a map can hold, or a row wider than
/// any sheet of people needs, is refused before any cell becomes text.
///
/// A damaged file that makes the reader itself fail (calamine panics on some cut-short legacy
/// files) is `Unreadable` too where panics unwind, as in native builds. The worker aborts
/// instead, which the app hears as the worker's error and reports the same way.
pub fn read_workbook(bytes: &[u8]) -> WorkbookReply {
    std::panic::catch_unwind(|| read(bytes)).unwrap_or_else(|_| {
        WorkbookReply::Failed(unreadable("the file is damaged: the reader stopped on it"))
    })
}

fn read(bytes: &[u8]) -> WorkbookReply {
    match open(bytes).and_then(|mut book| book.sheets()) {
        Ok(sheets) if sheets.iter().all(Grid::is_empty) => {
            WorkbookReply::Failed(WorkbookProblem::Empty)
        }
        Ok(sheets) => WorkbookReply::Read(Workbook { sheets }),
        Err(problem) => WorkbookReply::Failed(problem),
    }
}

/// An open workbook, whichever format it is.
enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xlsb(Xlsb<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
}

fn unreadable(detail: impl ToString) -> WorkbookProblem {
    WorkbookProblem::Unreadable {
        detail: detail.to_string(),
    }
}

/// Opens the workbook the bytes hold, telling its format by its content.
fn open(bytes: &[u8]) -> Result<Book<'_>, WorkbookProblem> {
    if bytes.starts_with(ZIP) {
        open_zip(bytes)
    } else if bytes.starts_with(COMPOUND) {
        open_compound(bytes)
    } else {
        Err(unreadable("not an Excel or OpenDocument workbook"))
    }
}

/// What a zip archive holds: an Excel workbook (XML or binary), an OpenDocument spreadsheet,
/// or something else.
fn open_zip(bytes: &[u8]) -> Result<Book<'_>, WorkbookProblem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("the file is damaged or cut short ({e})")))?;
    let holds = |name: &str| archive.index_for_name(name).is_some();
    let (xlsx, xlsb, ods_content) = (
        holds("xl/workbook.xml"),
        holds("xl/workbook.bin"),
        holds("content.xml"),
    );
    let cursor = Cursor::new(bytes);
    if xlsx {
        return Xlsx::new(cursor).map(Book::Xlsx).map_err(xlsx_problem);
    }
    if xlsb {
        return Xlsb::new(cursor).map(Book::Xlsb).map_err(|e| match e {
            calamine::XlsbError::Password => WorkbookProblem::Protected,
            e => unreadable(e),
        });
    }
    if ods_content && opendocument_spreadsheet(&mut archive) {
        return Ods::new(cursor).map(Book::Ods).map_err(|e| match e {
            calamine::OdsError::Password => WorkbookProblem::Protected,
            e => unreadable(e),
        });
    }
    Err(unreadable(
        "a zip file with no Excel or OpenDocument workbook in it",
    ))
}

/// True unless the archive names itself another kind of OpenDocument file (a text document, a
/// presentation). An archive with no `mimetype` entry is given the benefit of the doubt.
fn opendocument_spreadsheet<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> bool {
    let Ok(mut entry) = archive.by_name("mimetype") else {
        return true;
    };
    let mut mime = String::new();
    // A mimetype is a short line; anything longer is not one.
    if (&mut entry).take(200).read_to_string(&mut mime).is_err() {
        return true;
    }
    mime.trim()
        .starts_with("application/vnd.oasis.opendocument.spreadsheet")
}

fn xlsx_problem(e: XlsxError) -> WorkbookProblem {
    match e {
        XlsxError::Password => WorkbookProblem::Protected,
        e => unreadable(e),
    }
}

/// An OLE compound file: an Office file encrypted with a password (its `EncryptionInfo` and
/// `EncryptedPackage` streams; calamine's Excel reader looks for the latter), or a legacy .xls
/// (which says itself when it was saved with a password).
fn open_compound(bytes: &[u8]) -> Result<Book<'_>, WorkbookProblem> {
    if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
        return Err(WorkbookProblem::Protected);
    }
    Xls::new(Cursor::new(bytes))
        .map(Book::Xls)
        .map_err(|e| match e {
            XlsError::Password => WorkbookProblem::Protected,
            e => unreadable(e),
        })
}

impl Book<'_> {
    /// Every worksheet as a grid, in tab order.
    fn sheets(&mut self) -> Result<Vec<Grid>, WorkbookProblem> {
        let names: Vec<String> = self
            .metadata_sheets()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        names
            .into_iter()
            .map(|name| {
                let rows = self.sheet(&name)?;
                Ok(Grid { name, rows })
            })
            .collect()
    }

    fn metadata_sheets(&self) -> &[calamine::Sheet] {
        match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xlsb(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
        }
    }

    /// One sheet's rows. Excel's XML and binary sheets are read cell by cell, so only cells
    /// that hold something are kept (a sheet is never laid out as a full rectangle, however far
    /// apart its cells are); the other readers give calamine's range.
    fn sheet(&mut self, name: &str) -> Result<Vec<GridRow>, WorkbookProblem> {
        let mut cells = SheetCells::new(name);
        match self {
            Book::Xlsx(book) => {
                let mut reader = match book.worksheet_cells_reader(name) {
                    Ok(reader) => reader,
                    Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
                    Err(e) => return Err(unreadable(e)),
                };
                while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                    let at = cell.get_position();
                    cells.add(at, CellValue::from(cell.get_value().clone()))?;
                }
                cells.rows()
            }
            Book::Xlsb(book) => {
                let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
                while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                    let at = cell.get_position();
                    cells.add(at, CellValue::from(cell.get_value().clone()))?;
                }
                cells.rows()
            }
            Book::Ods(book) => from_range(name, &book.worksheet_range(name).map_err(unreadable)?),
            Book::Xls(book) => from_range(name, &book.worksheet_range(name).map_err(unreadable)?),
        }
    }
}

/// The rows of a range calamine built whole.
fn from_range(name: &str, range: &Range<Data>) -> Result<Vec<GridRow>, WorkbookProblem> {
    let mut cells = SheetCells::new(name);
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, column, value) in range.used_cells() {
        // `used_cells` counts from the range's corner; a sheet counts from A1.
        let at = (offset(top, row), offset(left, column));
        cells.add(at, CellValue::from(value))?;
    }
    cells.rows()
}

/// `start + by` in calamine's own u32 coordinates, which a range's cells always fit.
fn offset(start: u32, by: usize) -> u32 {
    start.saturating_add(u32::try_from(by).unwrap_or(u32::MAX))
}
