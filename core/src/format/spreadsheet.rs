//! Spreadsheets: stakeholders, actions, the evidence library and relationships as CSV, and
//! stakeholders and relationships read back from CSV.
//!
//! Written for the programs people actually open them in:
//! - UTF-8 with a byte-order mark, so Excel shows "Zoë" rather than "ZoÃ«";
//! - RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks
//!   quoted, quotes doubled (the `csv` crate does the quoting and the reading);
//! - a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
//!   so a name like `=HYPERLINK(…)` is shown as text instead of run as a formula. Reading strips
//!   that `'` again, so an exported sheet reads back unchanged.
//!
//! Reading accepts the sheet as exported or a minimal one with just name, influence and
//! skepticism columns, in any order, headers matched case-insensitively (British "scepticism"
//! too), separated by commas or semicolons (a European Excel writes `;`). Each row is checked
//! with the same rules as the stakeholder form; a row with problems is reported by its row
//! number in the spreadsheet and left out, and the rest can still go in.

use super::{register, ImportError};
use crate::model::{
    name_key, people_by_name, Action, ActionFields, EvidenceFields, EvidenceKind, FieldSpec,
    Fields, Kind, LocalDate, Relationship, RelationshipFields, StakeMap, StakeholderFields,
    StakeholderId,
};
use std::collections::HashMap;

const BOM: &str = "\u{feff}";

/// The most cells one row may have (the export writes 17).
pub const MAX_SHEET_COLUMNS: usize = 200;

/// A column of a sheet that is worked out from the map rather than kept as a field (the
/// quadrant, the next action): written, and recognised but not read back.
struct Derived<T> {
    header: &'static str,
    /// The field whose columns it follows ("" for the end of the row).
    after: &'static str,
    cell: fn(&T) -> String,
}

/// What a stakeholder row shows beside the person's own fields.
struct PersonRow {
    quadrant: &'static str,
    open: usize,
    next_title: String,
    next_due: Option<LocalDate>,
    last_contact: Option<LocalDate>,
}

const PERSON_DERIVED: &[Derived<PersonRow>] = &[
    Derived {
        header: "Quadrant",
        after: "position",
        cell: |r| r.quadrant.to_owned(),
    },
    Derived {
        header: "Open actions",
        after: "",
        cell: |r| r.open.to_string(),
    },
    Derived {
        header: "Next action",
        after: "",
        cell: |r| r.next_title.clone(),
    },
    Derived {
        header: "Next action due",
        after: "",
        cell: |r| r.next_due.map(|d| d.iso()).unwrap_or_default(),
    },
    Derived {
        header: "Last contact",
        after: "",
        cell: |r| r.last_contact.map(|d| d.iso()).unwrap_or_default(),
    },
];

/// Whom an action row is for.
struct ActionRow {
    name: String,
    quadrant: &'static str,
}

const ACTION_DERIVED: &[Derived<ActionRow>] = &[
    Derived {
        header: "Stakeholder",
        after: "^",
        cell: |r| r.name.clone(),
    },
    Derived {
        header: "Quadrant",
        after: "^",
        cell: |r| r.quadrant.to_owned(),
    },
];

/// What an evidence row shows beside the item's own fields.
struct EvidenceRow {
    standing: &'static str,
    shared_with: String,
}

const EVIDENCE_DERIVED: &[Derived<EvidenceRow>] = &[
    Derived {
        header: "Standing",
        after: "target",
        cell: |r| r.standing.to_owned(),
    },
    Derived {
        header: "Shared with",
        after: "",
        cell: |r| r.shared_with.clone(),
    },
];

/// One column of a sheet: a field's, or a derived one.
enum Col<'t, R: 'static, T> {
    Field(&'static FieldSpec<R>),
    Derived(&'t Derived<T>),
}

/// The columns of a sheet for records `R`: derived columns marked `^` first, then each field's
/// columns, each followed by the derived columns that go after it, then the rest.
fn layout<'t, R: Fields, T>(derived: &'t [Derived<T>]) -> Vec<Col<'t, R, T>> {
    let after = |key: &'static str| {
        derived
            .iter()
            .filter(move |d| d.after == key)
            .map(Col::Derived)
    };
    let mut out: Vec<Col<'t, R, T>> = after("^").collect();
    for f in R::FIELDS.iter().filter(|f| !f.csv.is_empty()) {
        out.push(Col::Field(f));
        out.extend(after(f.key));
    }
    out.extend(after(""));
    out
}

fn headers<R: Fields, T>(derived: &[Derived<T>]) -> Vec<&'static str> {
    layout::<R, T>(derived)
        .iter()
        .flat_map(|c| match c {
            Col::Field(f) => f.csv.iter().map(|c| c.header).collect::<Vec<_>>(),
            Col::Derived(d) => vec![d.header],
        })
        .collect()
}

/// A record's row. On a map whose positions were left out (a redacted copy), the place columns
/// are blank: the middle where everyone stands says nothing about anyone.
fn cells<R: Fields, T>(
    derived: &[Derived<T>],
    record: &R,
    row: &T,
    positions_left_out: bool,
) -> Vec<String> {
    layout::<R, T>(derived)
        .iter()
        .flat_map(|c| match c {
            Col::Field(f) if positions_left_out && matches!(f.kind, Kind::Position) => {
                vec![String::new(); f.csv.len()]
            }
            Col::Field(f) => f.cells(record),
            Col::Derived(d) => vec![(d.cell)(row)],
        })
        .collect()
}

/// The headers of the stakeholder sheet's columns that are worked out from the map (quadrant,
/// next action…), which reading leaves out.
pub(crate) fn derived_person_headers() -> impl Iterator<Item = &'static str> {
    PERSON_DERIVED.iter().map(|d| d.header)
}

/// The header of the stakeholder sheet, in column order.
pub fn stakeholder_columns() -> Vec<&'static str> {
    headers::<StakeholderFields, PersonRow>(PERSON_DERIVED)
}

/// The header of the action sheet, in column order.
pub fn action_columns() -> Vec<&'static str> {
    headers::<ActionFields, ActionRow>(ACTION_DERIVED)
}

/// The header of the evidence sheet, in column order.
pub fn evidence_columns() -> Vec<&'static str> {
    headers::<EvidenceFields, EvidenceRow>(EVIDENCE_DERIVED)
}

/// Makes a cell safe to open in a spreadsheet: text that a spreadsheet would run as a formula
/// gets a leading apostrophe.
///
/// ```
/// use stakemap_core::format::neutralise;
/// assert_eq!(neutralise("=1+2"), "'=1+2");
/// assert_eq!(neutralise("-40"), "'-40");
/// assert_eq!(neutralise("Dana Ortiz"), "Dana Ortiz");
/// ```
pub fn neutralise(cell: &str) -> String {
    // Apostrophes already in front are counted too, so that reading strips exactly one.
    if starts_like_formula(cell.trim_start_matches('\'')) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn starts_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Reverses [`neutralise`].
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// Writes rows as RFC 4180 CSV with a byte-order mark (the `csv` crate does the quoting).
struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    fn new(header: &[&str]) -> Self {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(BOM.as_bytes().to_vec());
        let mut sheet = Self { writer };
        sheet.row(header.iter().map(|s| s.to_string()));
        sheet
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        // Writing to memory cannot fail: the writer's only errors are the sink's and, when not
        // flexible, rows of unequal length.
        let _ = self
            .writer
            .write_record(cells.into_iter().map(|c| neutralise(&c)));
    }

    fn finish(self) -> String {
        let out = self
            .writer
            .into_inner()
            .unwrap_or_else(|e| e.into_inner().get_ref().clone());
        // Every cell came from a `String`, and quoting adds only ASCII.
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The stakeholder sheet: one row per stakeholder, with their quadrant, root causes, open
/// actions, next action and last contact.
pub fn stakeholders_csv(map: &StakeMap) -> String {
    // One pass over the plan and the log, not one per stakeholder.
    let mut open: HashMap<StakeholderId, Vec<&Action>> = HashMap::new();
    for a in map.actions().filter(|a| a.fields.status.is_open()) {
        open.entry(a.stakeholder).or_default().push(a);
    }
    let mut last_contact: HashMap<StakeholderId, LocalDate> = HashMap::new();
    for t in map.touchpoints() {
        let e = last_contact.entry(t.stakeholder).or_insert(t.date);
        *e = (*e).max(t.date);
    }
    let mut sheet = Sheet::new(&stakeholder_columns());
    for s in map.stakeholders() {
        let actions = open.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
        let next = actions
            .iter()
            .min_by_key(|a| (a.fields.due.is_none(), a.fields.due, a.created_at));
        let row = PersonRow {
            quadrant: if map.positions_left_out {
                ""
            } else {
                s.quadrant().name()
            },
            open: actions.len(),
            next_title: next.map(|a| a.fields.title.clone()).unwrap_or_default(),
            next_due: next.and_then(|a| a.fields.due),
            last_contact: last_contact.get(&s.id).copied(),
        };
        sheet.row(cells(
            PERSON_DERIVED,
            &s.fields,
            &row,
            map.positions_left_out,
        ));
    }
    sheet.finish()
}

/// The action sheet: one row per action, with whom it is for.
pub fn actions_csv(map: &StakeMap) -> String {
    let mut sheet = Sheet::new(&action_columns());
    for a in map.actions() {
        let Some(who) = map.get(a.stakeholder) else {
            continue;
        };
        let row = ActionRow {
            name: who.name().to_owned(),
            quadrant: if map.positions_left_out {
                ""
            } else {
                who.quadrant().name()
            },
        };
        sheet.row(cells(
            ACTION_DERIVED,
            &a.fields,
            &row,
            map.positions_left_out,
        ));
    }
    sheet.finish()
}

/// The evidence sheet: one row per metric or story, with where a metric stands against its
/// target and whom it was shared with (name and day, newest first).
pub fn evidence_csv(map: &StakeMap) -> String {
    let mut sheet = Sheet::new(&evidence_columns());
    for e in map.evidence() {
        let shared_with = map
            .shares_of(e.id)
            .iter()
            .filter_map(|t| {
                Some(format!(
                    "{} ({})",
                    map.get(t.stakeholder)?.name(),
                    t.date.iso()
                ))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let standing = match e.fields.kind {
            EvidenceKind::Metric => e.standing().words(),
            EvidenceKind::Story => "",
        };
        let row = EvidenceRow {
            standing,
            shared_with,
        };
        sheet.row(cells(EVIDENCE_DERIVED, &e.fields, &row, false));
    }
    sheet.finish()
}

/// The file name for a sheet, e.g. `leadership-rollout-stakeholders-2026-11-22.csv`.
pub fn csv_file_name(map_name: &str, what: &str, day: LocalDate) -> String {
    format!(
        "{}-{what}-{}.csv",
        super::write::file_stem(map_name),
        day.iso()
    )
}

/// One good row of a stakeholder sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    /// Its row number in the spreadsheet (the header is row 1).
    pub row: usize,
    /// The checked fields.
    pub fields: StakeholderFields,
}

/// A row left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// Its row number in the spreadsheet (the header is row 1).
    pub row: usize,
    /// What is wrong, in words.
    pub reason: String,
}

/// What a stakeholder sheet holds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SheetImport {
    /// Rows that can go in.
    pub rows: Vec<SheetRow>,
    /// Rows that cannot, with reasons.
    pub problems: Vec<RowProblem>,
    /// Columns not recognised (and so not read), as written in the header.
    pub ignored_columns: Vec<String>,
}

/// Reads a stakeholder sheet with the columns and values guessed (the app's own sheet reads back
/// exactly; see [`super::register`] for any register). Whole-file problems are an error;
/// problems in single rows, and rows that could not be placed, are listed in the result.
pub fn read_stakeholders_csv(bytes: &[u8]) -> Result<SheetImport, ImportError> {
    let grid = register::csv_grid("sheet", bytes)?;
    let mapping = register::guess_mapping(&grid);
    if !mapping.has_name() {
        return Err(ImportError::SheetColumns {
            found: register::headers(&grid, mapping.header_row),
        });
    }
    let import = register::apply(&grid, &mapping);
    let mut problems: Vec<RowProblem> = import.left_out.clone();
    problems.extend(import.notes.iter().cloned());
    problems.extend(import.unplaced().map(|r| RowProblem {
        row: r.row,
        reason: r.unplaced.clone().unwrap_or_default(),
    }));
    crate::sort::by_key(&mut problems, |p| p.row);
    Ok(SheetImport {
        rows: import
            .placed()
            .map(|r| SheetRow {
                row: r.row,
                fields: r.fields.clone(),
            })
            .collect(),
        problems,
        ignored_columns: mapping
            .columns
            .iter()
            .filter(|c| matches!(c.used, register::Use::LeaveOut) && !c.header.is_empty())
            .filter(|c| c.reason != register::Reason::Derived)
            .map(|c| c.header.clone())
            .collect(),
    })
}

/// What a relationship row shows beside its own fields: whom it joins, by name, and when it
/// was recorded.
struct RelationshipRow {
    from: String,
    to: String,
    recorded: String,
}

const RELATIONSHIP_DERIVED: &[Derived<RelationshipRow>] = &[
    Derived {
        header: "From",
        after: "^",
        cell: |r| r.from.clone(),
    },
    Derived {
        header: "To",
        after: "kind",
        cell: |r| r.to.clone(),
    },
    Derived {
        header: RECORDED_HEADERS[0],
        after: "",
        cell: |r| r.recorded.clone(),
    },
];

/// The headers read as the day a relationship was recorded, the first the one written.
const RECORDED_HEADERS: &[&str] = &["Recorded", "Recorded on", "Since"];

/// The header of the relationships sheet, in column order.
pub fn relationship_columns() -> Vec<&'static str> {
    headers::<RelationshipFields, RelationshipRow>(RELATIONSHIP_DERIVED)
}

/// The relationships sheet: one row per relationship, "Dana Ortiz | Listens to / trusts | Priya
/// Raman | One way | Strong | note | recorded day", the day as it was for a user whose clock is
/// `offset_minutes` ahead of UTC.
pub fn relationships_csv(map: &StakeMap, offset_minutes: i32) -> String {
    let mut sheet = Sheet::new(&relationship_columns());
    for r in map.relationships() {
        let (Some(from), Some(to)) = (map.get(r.from), map.get(r.to)) else {
            continue;
        };
        let row = RelationshipRow {
            from: from.name().to_owned(),
            to: to.name().to_owned(),
            recorded: r.created_at.local_date(offset_minutes).iso(),
        };
        sheet.row(cells(RELATIONSHIP_DERIVED, &r.fields, &row, false));
    }
    sheet.finish()
}

/// One good row of a relationships sheet: whom it joins (people on the map, found by name)
/// and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationshipSheetRow {
    /// Its row number in the spreadsheet (the header is row 1).
    pub row: usize,
    /// Who it is about.
    pub from: StakeholderId,
    /// Whom they stand towards.
    pub to: StakeholderId,
    /// The checked fields.
    pub fields: RelationshipFields,
    /// The day it was recorded, when the sheet says.
    pub recorded: Option<LocalDate>,
}

/// What a relationships sheet holds for a map.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RelationshipSheet {
    /// Rows that can go in.
    pub rows: Vec<RelationshipSheetRow>,
    /// Rows that cannot, with reasons.
    pub problems: Vec<RowProblem>,
}

/// The headers read as a relationships sheet's From and To columns (compared without case,
/// spaces or punctuation); the other columns are the relationship field table's.
const FROM_HEADERS: &[&str] = &["From", "Who"];
const TO_HEADERS: &[&str] = &["To", "Whom"];

/// Every header read as the column of the relationship field under `key`.
fn field_headers(key: &str) -> Vec<&'static str> {
    RelationshipFields::FIELDS
        .iter()
        .filter(|f| f.key == key)
        .flat_map(|f| f.csv.iter())
        .flat_map(|c| std::iter::once(c.header).chain(c.aliases.iter().copied()))
        .collect()
}

/// Where in `header` (header words) a column named by one of `names` is.
fn column_of(header: &[String], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.iter().any(|n| register::header_words(n) == *h))
}

/// True when a sheet's first row reads as the relationships sheet's header (it has From, To and
/// Kind columns, under any of the names the reader takes), so a CSV opened on a map can be told
/// apart from a register of people.
pub fn is_relationships_sheet(bytes: &[u8]) -> bool {
    let Ok(grid) = register::csv_grid("sheet", bytes) else {
        return false;
    };
    let Some(first) = grid.rows.first() else {
        return false;
    };
    let header: Vec<String> = first
        .cells
        .iter()
        .map(|c| register::header_words(restore(c)))
        .collect();
    column_of(&header, FROM_HEADERS).is_some()
        && column_of(&header, TO_HEADERS).is_some()
        && column_of(&header, &field_headers("kind")).is_some()
}

/// Reads a relationships sheet against `map`: each row's From and To must name people on the
/// map (by name, ignoring case and outer spaces, and only one person by that name), and its
/// fields keep the rules the form keeps. Rows with problems are listed by row number and left
/// out; rows saying what the map or an earlier row already says are left out too. A Recorded
/// day must be a date no later than `today`.
pub fn read_relationships_csv(
    bytes: &[u8],
    map: &StakeMap,
    today: LocalDate,
) -> Result<RelationshipSheet, ImportError> {
    let grid = register::csv_grid("sheet", bytes)?;
    let Some((head, rows)) = grid.rows.split_first() else {
        return Err(ImportError::SheetEmpty);
    };
    let header: Vec<String> = head
        .cells
        .iter()
        .map(|c| register::header_words(restore(c)))
        .collect();
    let column = |names: &[&str]| column_of(&header, names);
    let (Some(from_col), Some(to_col)) = (column(FROM_HEADERS), column(TO_HEADERS)) else {
        return Err(ImportError::SheetColumns {
            found: head.cells.clone(),
        });
    };
    let field_cols: Vec<(&FieldSpec<RelationshipFields>, Option<usize>)> =
        RelationshipFields::FIELDS
            .iter()
            .map(|f| {
                let names: Vec<&str> = f
                    .csv
                    .iter()
                    .flat_map(|c| std::iter::once(c.header).chain(c.aliases.iter().copied()))
                    .collect();
                (f, column(&names))
            })
            .collect();
    let recorded_col = column(RECORDED_HEADERS);
    let by_name = people_by_name(map);
    let on_map: std::collections::HashSet<_> = map
        .relationships()
        .flat_map(Relationship::sayings)
        .collect();
    let mut said = std::collections::HashSet::new();
    let mut out = RelationshipSheet::default();
    for row in rows {
        let cell = |i: usize| row.cells.get(i).map(|c| restore(c.trim()));
        let person = |i: usize, end: &str| -> Result<StakeholderId, String> {
            let name = cell(i).unwrap_or("").trim();
            if name.is_empty() {
                return Err(format!("{end} is empty."));
            }
            match by_name.get(&name_key(name)) {
                Some(Some(id)) => Ok(*id),
                Some(None) => Err(format!(
                    "{end} “{name}” matches more than one person on the map."
                )),
                None => Err(format!("{end} “{name}” is not on the map.")),
            }
        };
        let read = || -> Result<RelationshipSheetRow, String> {
            let from = person(from_col, "From")?;
            let to = person(to_col, "To")?;
            if from == to {
                return Err("From and To are the same person.".to_owned());
            }
            let mut fields = RelationshipFields::blank();
            // A kind left out would read as the first one and turn who moves whom around.
            let kind = field_cols
                .iter()
                .find(|(f, _)| f.key == "kind")
                .and_then(|(_, col)| col.and_then(cell))
                .unwrap_or("");
            if kind.trim().is_empty() {
                return Err(format!(
                    "Kind is empty: write {}.",
                    crate::model::TIES
                        .entries()
                        .map(|(_, label)| label.to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            for (f, col) in &field_cols {
                if let Some(v) = f.from_cells(&[col.and_then(cell)])? {
                    (f.set)(&mut fields, v);
                }
            }
            if let Some(why) = fields.problem() {
                return Err(why);
            }
            let recorded = match recorded_col.and_then(cell).map(str::trim) {
                None | Some("") => None,
                Some(text) => match LocalDate::parse_iso(text) {
                    Some(day) if day > today => {
                        return Err(format!("Recorded {text} is later than today."))
                    }
                    Some(day) => Some(day),
                    None => {
                        return Err(format!(
                            "Recorded must be a date like 2026-11-22, not “{text}”."
                        ))
                    }
                },
            };
            Ok(RelationshipSheetRow {
                row: row.number,
                from,
                to,
                fields: fields.normalised(),
                recorded,
            })
        };
        match read() {
            Ok(r) => {
                let sayings = Relationship::sayings_of(r.from, r.to, &r.fields);
                if sayings.iter().any(|k| on_map.contains(k)) {
                    out.problems.push(RowProblem {
                        row: row.number,
                        reason: "The map already has this relationship.".to_owned(),
                    });
                } else if sayings.iter().any(|k| said.contains(k)) {
                    out.problems.push(RowProblem {
                        row: row.number,
                        reason: "An earlier row says the same.".to_owned(),
                    });
                } else {
                    said.extend(sayings);
                    out.rows.push(r);
                }
            }
            Err(reason) => out.problems.push(RowProblem {
                row: row.number,
                reason,
            }),
        }
    }
    Ok(out)
}
