//! The sheets worker's reader against real workbooks: the fixtures in
//! `tests/fixtures/sheets/` (made by openpyxl, odfpy, xlwt and msoffcrypto-tool; see
//! `make_fixtures.py` there) and workbooks written here by `rust_xlsxwriter`.
#![cfg(not(target_arch = "wasm32"))]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as XlsxWriter};
use stakemap_core::format::register::{
    Grid, GridRow, Workbook, WorkbookProblem, WorkbookReply, MAX_REGISTER_ROWS,
};
use stakemap_core::format::MAX_SHEET_COLUMNS;
use stakemap_sheets::read_workbook;

type Outcome = Result<(), Box<dyn std::error::Error>>;

fn fixture(name: &str) -> std::io::Result<Vec<u8>> {
    std::fs::read(format!(
        "{}/../tests/fixtures/sheets/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// The workbook read from `bytes`, or the test fails with the problem.
fn read(bytes: &[u8]) -> Workbook {
    match read_workbook(bytes) {
        WorkbookReply::Read(book) => book,
        WorkbookReply::Failed(problem) => panic!("not read: {problem:?}"),
    }
}

fn problem(bytes: &[u8]) -> WorkbookProblem {
    match read_workbook(bytes) {
        WorkbookReply::Failed(problem) => problem,
        WorkbookReply::Read(book) => panic!("read, but should not be: {book:?}"),
    }
}

fn sheet<'a>(book: &'a Workbook, name: &str) -> &'a Grid {
    match book.sheets.iter().find(|s| s.name == name) {
        Some(sheet) => sheet,
        None => panic!("no sheet {name:?} in {:?}", names(book)),
    }
}

fn names(book: &Workbook) -> Vec<&str> {
    book.sheets.iter().map(|s| s.name.as_str()).collect()
}

fn row(grid: &Grid, number: usize) -> &[String] {
    match grid.rows.iter().find(|r| r.number == number) {
        Some(row) => &row.cells,
        None => panic!("no row {number} in {}", grid.name),
    }
}

fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| (*t).to_owned()).collect()
}

#[test]
fn an_excel_register_with_instructions_and_a_title_reads_every_sheet_with_spreadsheet_row_numbers(
) -> Outcome {
    let book = read(&fixture("register-two-sheets.xlsx")?);
    assert_eq!(names(&book), ["Instructions", "Stakeholder Register"]);

    let intro = sheet(&book, "Instructions");
    assert_eq!(
        intro.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(
        row(intro, 1),
        cells(&["How to use this stakeholder register"])
    );
    assert!(intro.rows.iter().all(|r| r.cells.len() == 1));

    let register = sheet(&book, "Stakeholder Register");
    // Row 2 is blank: not a row here, and the numbers stay the spreadsheet's.
    assert_eq!(
        register.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        (1..=15).filter(|n| *n != 2).collect::<Vec<_>>()
    );
    assert_eq!(
        row(register, 1),
        cells(&["Stakeholder Register – Coaching Program 2027"])
    );
    assert_eq!(
        row(register, 3),
        cells(&[
            "ID",
            "Name",
            "Title/Role",
            "Department",
            "Contact Information",
            "Influence",
            "Interest",
            "Current Stance",
            "Notes"
        ])
    );
    assert_eq!(
        row(register, 4),
        cells(&[
            "S-01",
            "Priya Raman",
            "VP Operations",
            "Operations",
            "priya.raman@example.org",
            "5",
            "High",
            "Supportive",
            "Sponsor's peer; wants a monthly update"
        ])
    );
    // No notes: the row ends at its last cell.
    assert_eq!(row(register, 7).len(), 8);
    assert_eq!(row(register, 7)[1], "Mateo Alvarez");
    // Influence left blank, in the middle of the row.
    assert_eq!(row(register, 12)[1], "Sofia Lindqvist");
    assert_eq!(row(register, 12)[5], "");
    assert_eq!(row(register, 12).len(), 9);
    assert_eq!(row(register, 13)[7], "TBD");
    assert_eq!(row(register, 11)[1], "Liam O'Connor");
    assert_eq!(row(register, 15)[0], "S-12");
    Ok(())
}

#[test]
fn an_opendocument_register_reads_percentages_as_the_numbers_they_hold() -> Outcome {
    let book = read(&fixture("register.ods")?);
    assert_eq!(names(&book), ["Stakeholders"]);
    let grid = sheet(&book, "Stakeholders");
    assert_eq!(
        grid.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    assert_eq!(
        row(grid, 1),
        cells(&[
            "Stakeholder",
            "Position",
            "Organization",
            "Power",
            "Attitude",
            "E-mail",
            "Phone",
            "Comments"
        ])
    );
    assert_eq!(
        row(grid, 2),
        cells(&[
            "Margaret Osei",
            "Managing Director",
            "Northwind Health",
            "0.85",
            "Champion",
            "m.osei@northwind.example",
            "+44 20 7946 0101",
            "Asked for the program"
        ])
    );
    assert_eq!(row(grid, 3)[3], "0.6");
    // No comment: the empty last cell is dropped.
    assert_eq!(row(grid, 5).len(), 7);
    assert_eq!(row(grid, 5)[0], "Kwame Asante");
    assert_eq!(row(grid, 7)[0], "Tomás Rivera");
    assert_eq!(row(grid, 7)[4], "Blocker");
    Ok(())
}

#[test]
fn a_legacy_excel_file_reads_with_its_offsets_dates_and_booleans() -> Outcome {
    let book = read(&fixture("register.xls")?);
    assert_eq!(names(&book), ["Register"]);
    let grid = sheet(&book, "Register");
    assert_eq!(
        grid.rows,
        vec![
            GridRow {
                number: 1,
                cells: cells(&["Legacy register"])
            },
            GridRow {
                number: 3,
                cells: cells(&["", "Name", "Influence", "Since", "Active"])
            },
            GridRow {
                number: 4,
                cells: cells(&["", "Priya Raman", "4.5", "2025-03-01", "TRUE"])
            },
            GridRow {
                number: 5,
                cells: cells(&["", "Jonas Weber", "2", "2026-11-30", "FALSE"])
            },
            GridRow {
                number: 6,
                cells: cells(&["", "Aiyana Brooks", "0.75", "", "TRUE"])
            },
        ]
    );
    Ok(())
}

#[test]
fn a_workbook_saved_with_a_password_is_protected() -> Outcome {
    assert_eq!(
        problem(&fixture("protected.xlsx")?),
        WorkbookProblem::Protected
    );
    Ok(())
}

#[test]
fn a_zip_that_is_not_a_workbook_and_other_files_are_unreadable_in_plain_words() -> Outcome {
    let detail = |bytes: &[u8]| match problem(bytes) {
        WorkbookProblem::Unreadable { detail } => detail,
        other => panic!("not unreadable: {other:?}"),
    };
    assert_eq!(
        detail(&fixture("not-a-workbook.xlsx")?),
        "a zip file with no Excel or OpenDocument workbook in it"
    );
    assert_eq!(
        detail(b"Name,Influence\nPriya Raman,5\n"),
        "not an Excel or OpenDocument workbook"
    );
    assert_eq!(detail(b""), "not an Excel or OpenDocument workbook");
    // Cut short: the reader's own words, short.
    let whole = fixture("register-two-sheets.xlsx")?;
    let cut = detail(&whole[..whole.len() / 2]);
    assert!(!cut.is_empty() && cut.len() < 200, "{cut}");
    let whole = fixture("register.xls")?;
    let cut = detail(&whole[..whole.len() / 2]);
    assert!(!cut.is_empty() && cut.len() < 200, "{cut}");
    Ok(())
}

#[test]
fn a_workbook_with_nothing_in_it_is_empty() -> Outcome {
    assert_eq!(problem(&fixture("empty.xlsx")?), WorkbookProblem::Empty);
    Ok(())
}

#[test]
fn the_reply_travels_as_json_and_back_unchanged() -> Outcome {
    for name in [
        "register-two-sheets.xlsx",
        "register.ods",
        "protected.xlsx",
        "empty.xlsx",
    ] {
        let reply = read_workbook(&fixture(name)?);
        let json = serde_json::to_string(&reply)?;
        assert_eq!(
            serde_json::from_str::<WorkbookReply>(&json)?,
            reply,
            "{name}"
        );
    }
    Ok(())
}

/// An .xlsx of `rows` rows of people under a header.
fn people(rows: u32) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = XlsxWriter::new();
    let sheet = book.add_worksheet();
    sheet.set_name("People")?;
    sheet.write_string(0, 0, "Name")?;
    sheet.write_string(0, 1, "Influence")?;
    for n in 1..=rows {
        sheet.write_string(n, 0, format!("Person {n}"))?;
        sheet.write_number(n, 1, f64::from(n % 5 + 1))?;
    }
    book.save_to_buffer()
}

#[test]
fn a_sheet_of_a_full_map_reads_and_one_more_row_is_too_long() -> Outcome {
    let full = u32::try_from(MAX_REGISTER_ROWS)?;
    let book = read(&people(full)?);
    let grid = sheet(&book, "People");
    assert_eq!(grid.rows.len(), MAX_REGISTER_ROWS + 1);
    assert_eq!(
        grid.rows.last(),
        Some(&GridRow {
            number: MAX_REGISTER_ROWS + 1,
            cells: cells(&["Person 20000", "1"])
        })
    );
    assert_eq!(
        problem(&people(full + 1)?),
        WorkbookProblem::TooLong {
            sheet: "People".into(),
            rows: MAX_REGISTER_ROWS + 2
        }
    );
    Ok(())
}

#[test]
fn cells_far_apart_or_past_the_widest_row_are_too_wide_without_laying_out_the_gap() -> Outcome {
    let last = u16::try_from(MAX_SHEET_COLUMNS - 1)?;
    let wide = |column: u16, row: u32| -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = XlsxWriter::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Wide")?;
        sheet.write_string(0, 0, "Name")?;
        sheet.write_string(row, column, "far")?;
        book.save_to_buffer()
    };
    let book = read(&wide(last, 1)?);
    assert_eq!(row(sheet(&book, "Wide"), 2).len(), MAX_SHEET_COLUMNS);
    let too_wide = WorkbookProblem::TooWide {
        sheet: "Wide".into(),
    };
    assert_eq!(problem(&wide(last + 1, 1)?), too_wide);
    // The last cell a spreadsheet has (XFD1048576): refused, not a 17-billion-cell rectangle.
    assert_eq!(problem(&wide(16_383, 1_048_575)?), too_wide);
    Ok(())
}

#[test]
fn cell_values_read_as_a_spreadsheet_shows_them() -> Outcome {
    let mut book = XlsxWriter::new();
    let values = book.add_worksheet();
    values.set_name("Values")?;
    // Starting at C5: row numbers and columns stay the spreadsheet's.
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let time = Format::new().set_num_format("hh:mm:ss");
    let percent = Format::new().set_num_format("0%");
    values.write_number(4, 2, 3.0)?;
    values.write_number(4, 3, 0.75)?;
    values.write_number(4, 4, 0.1 + 0.2)?;
    values.write_number(4, 5, -12_345_678.5)?;
    values.write_number_with_format(4, 6, 0.85, &percent)?;
    values.write_boolean(4, 7, true)?;
    values.write_boolean(4, 8, false)?;
    values.write_datetime_with_format(5, 2, ExcelDateTime::from_ymd(2027, 1, 15)?, &date)?;
    values.write_datetime_with_format(
        5,
        3,
        ExcelDateTime::parse_from_str("2027-01-15 09:30:00")?,
        &date_time,
    )?;
    values.write_datetime_with_format(5, 4, ExcelDateTime::from_hms(9, 30, 0)?, &time)?;
    values.write_string(5, 5, "  spaced  ")?;
    values.write_string(5, 6, "")?;
    // A row of only spaces and a formatted blank is no row.
    values.write_string(6, 2, "   ")?;
    values.write_blank(6, 3, &date)?;
    let bytes = book.save_to_buffer()?;

    let book = read(&bytes);
    let grid = sheet(&book, "Values");
    assert_eq!(
        grid.rows,
        vec![
            GridRow {
                number: 5,
                cells: cells(&[
                    "",
                    "",
                    "3",
                    "0.75",
                    "0.3",
                    "-12345678.5",
                    "0.85",
                    "TRUE",
                    "FALSE"
                ])
            },
            GridRow {
                number: 6,
                cells: cells(&["", "", "2027-01-15", "2027-01-15", "09:30:00", "  spaced  "])
            },
        ]
    );
    Ok(())
}
