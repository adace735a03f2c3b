//! A mapping applied to a sheet's rows: stakeholders ready to add or update, rows to place by
//! hand, and every row with a problem listed by its row number.

use super::columns::{Axis, Use};
use super::grid::Grid;
use super::mapping::{body, Mapping};
use crate::format::spreadsheet::restore;
use crate::format::RowProblem;
use crate::model::{Fields, Kind, Position, Quadrant, StakeholderFields, Val, MAX_STAKEHOLDERS};
use std::borrow::Cow;

/// Where a person goes on an axis no column gives: the middle.
pub const MIDDLE: u8 = 50;

/// One row that can come in.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterRow {
    /// Its row number in the spreadsheet.
    pub row: usize,
    /// The person's fields (the place is the middle for an axis the sheet does not give).
    pub fields: StakeholderFields,
    /// The fields the sheet gave a value for: what updating someone already on the map
    /// changes.
    pub given: Vec<&'static str>,
    /// The influence and skepticism the sheet gave (an update keeps the other as it is).
    pub axes: (Option<u8>, Option<u8>),
    /// Why the row could not be placed (`None` when it was).
    pub unplaced: Option<String>,
}

/// What a mapped sheet holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RegisterImport {
    /// Rows that can come in, placed or to be placed by hand.
    pub rows: Vec<RegisterRow>,
    /// Rows that cannot (no name), with reasons.
    pub left_out: Vec<RowProblem>,
    /// Values that could not be read in rows that still come in.
    pub notes: Vec<RowProblem>,
    /// Sentences about the whole sheet ("No column gives skepticism…").
    pub defaults: Vec<String>,
}

impl RegisterImport {
    /// The rows placed from the sheet.
    pub fn placed(&self) -> impl Iterator<Item = &RegisterRow> {
        self.rows.iter().filter(|r| r.unplaced.is_none())
    }

    /// The rows to place by hand.
    pub fn unplaced(&self) -> impl Iterator<Item = &RegisterRow> {
        self.rows.iter().filter(|r| r.unplaced.is_some())
    }
}

/// The text joined from the cells of several columns, in the way the field is written.
fn joined(parts: &[&str], key: &str) -> String {
    let sep = match key {
        "name" => " ",
        "notes" | "cares_about" => "\n",
        "tags" | "root_causes" => ",",
        _ => "; ",
    };
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Applies `mapping` to the rows of `grid`.
pub fn apply(grid: &Grid, mapping: &Mapping) -> RegisterImport {
    let mut out = RegisterImport::default();
    let has = |axis| !mapping.axis_columns(axis).is_empty();
    if !has(Axis::Influence) {
        out.defaults.push(format!(
            "No column gives influence, so everyone starts at {MIDDLE}, the middle; move them on \
             the map afterwards."
        ));
    }
    if !has(Axis::Skepticism) {
        out.defaults.push(format!(
            "No column gives skepticism, support or stance, so everyone starts at {MIDDLE}, \
             undecided; move them on the map afterwards."
        ));
    }
    for row in body(grid, mapping) {
        let cell = |col: usize| row.cells.get(col).map_or("", |c| restore(c));
        let n = row.number;
        // A column's cells for a field's part, joined.
        let part = |key: &str, i: usize| -> Option<String> {
            let cols: Vec<usize> = mapping
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.used, Use::Field(f, j) if f.key == key && j == i))
                .map(|(col, _)| col)
                .collect();
            (!cols.is_empty())
                .then(|| joined(&cols.iter().map(|c| cell(*c)).collect::<Vec<_>>(), key))
        };
        let name = part("name", 0).unwrap_or_default().trim().to_owned();
        if name.is_empty() {
            out.left_out.push(RowProblem {
                row: n,
                reason: "it has no name".into(),
            });
            continue;
        }
        if out.rows.len() >= MAX_STAKEHOLDERS {
            out.left_out.push(RowProblem {
                row: n,
                reason: format!("a map holds at most {MAX_STAKEHOLDERS} stakeholders"),
            });
            continue;
        }
        // Each axis: the first column with a value; a value its reading does not place, or
        // blanks in every column, leave the row to be placed by hand.
        let read_axis = |axis: Axis| -> Result<Option<u8>, String> {
            let cols = mapping.axis_columns(axis);
            let mut unread = None;
            for col in &cols {
                match mapping.place(*col, cell(*col)) {
                    Ok(Some(v)) => return Ok(Some(v)),
                    Ok(None) => {}
                    Err(word) => {
                        unread.get_or_insert_with(|| {
                            let header = &mapping.columns[*col].header;
                            format!("{header} “{word}” is not a value its column reads")
                        });
                    }
                }
            }
            match (cols.first(), unread) {
                (_, Some(why)) => Err(why),
                (Some(col), None) => Err(format!("{} is blank", mapping.columns[*col].header)),
                (None, None) => Ok(None),
            }
        };
        let mut fields = StakeholderFields::blank();
        let mut given: Vec<&'static str> = vec!["name"];
        let mut notes_out: Vec<String> = Vec::new();
        fields.name = name;
        for f in StakeholderFields::FIELDS {
            if matches!(f.kind, Kind::Position | Kind::Target) || f.key == "name" {
                continue;
            }
            let parts: Vec<Option<String>> = (0..f.csv.len()).map(|i| part(f.key, i)).collect();
            if parts.iter().flatten().all(|p| p.trim().is_empty()) {
                continue;
            }
            let cells: Vec<Option<&str>> = parts.iter().map(Option::as_deref).collect();
            match f.from_cells(&cells) {
                Ok(Some(v)) => {
                    (f.set)(&mut fields, v);
                    given.push(f.key);
                }
                Ok(None) => {}
                Err(why) => notes_out.push(format!("{why} It was left empty.")),
            }
        }
        // Columns kept in the notes, as "Header: value".
        let extra: Vec<String> = mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.used, Use::Note))
            .filter_map(|(col, c)| {
                let v = cell(col).trim();
                (!v.is_empty()).then(|| format!("{}: {v}", c.header))
            })
            .collect();
        if !extra.is_empty() {
            let mut notes = fields.notes.clone();
            for line in extra {
                if !notes.is_empty() {
                    notes.push('\n');
                }
                notes.push_str(&line);
            }
            fields.notes = notes;
            if !given.contains(&"notes") {
                given.push("notes");
            }
        }
        // Text longer than its field takes is cut, and said so.
        for f in StakeholderFields::FIELDS {
            if let Kind::Text { max, .. } = f.kind {
                let text = (f.get)(&fields).text().to_owned();
                if text.chars().count() > max {
                    let cut: String = text.chars().take(max).collect();
                    (f.set)(&mut fields, Val::Text(Cow::Owned(cut)));
                    notes_out.push(format!(
                        "{} was longer than {max} characters and was cut to fit.",
                        capitalised(f.called)
                    ));
                }
            }
        }
        let influence = read_axis(Axis::Influence);
        let skepticism = read_axis(Axis::Skepticism);
        let unplaced = match (&influence, &skepticism) {
            (Err(a), Err(b)) => Some(format!("{a}; {b}")),
            (Err(why), _) | (_, Err(why)) => Some(why.clone()),
            _ => None,
        };
        let axes = (
            influence.clone().ok().flatten(),
            skepticism.clone().ok().flatten(),
        );
        fields.position = Position {
            influence: axes.0.unwrap_or(MIDDLE),
            skepticism: axes.1.unwrap_or(MIDDLE),
        };
        if axes.0.is_some() || axes.1.is_some() {
            given.push("position");
        }
        // A target needs both values; one the sheet leaves out is today's.
        let target = (
            read_axis(Axis::TargetInfluence).ok().flatten(),
            read_axis(Axis::TargetSkepticism).ok().flatten(),
        );
        if unplaced.is_none() && (target.0.is_some() || target.1.is_some()) {
            fields.target = Some(Position {
                influence: target.0.unwrap_or(fields.position.influence),
                skepticism: target.1.unwrap_or(fields.position.skepticism),
            });
            given.push("target");
        }
        if let Some(why) = fields.problem() {
            out.left_out.push(RowProblem {
                row: n,
                reason: why,
            });
            continue;
        }
        out.notes.extend(
            notes_out
                .into_iter()
                .map(|reason| RowProblem { row: n, reason }),
        );
        out.rows.push(RegisterRow {
            row: n,
            fields,
            given,
            axes,
            unplaced,
        });
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How far apart, in map units, people who would stand on the same spot are set: far enough
/// that their markers and name labels do not cover each other on a map of ordinary size.
pub const SPREAD_STEP: i32 = 5;

/// Moves people who would stand exactly where someone else stands (in `taken`, or earlier in
/// `places`) a few steps aside, on rings around the spot, never across a quadrant line, so none
/// hides another. Up and down first (names are written beside markers, so people stacked
/// vertically keep their names apart), then diagonally and across. Returns how many were
/// moved.
pub fn spread(places: &mut [Position], taken: &[Position]) -> usize {
    use std::collections::HashSet;
    let mut used: HashSet<Position> = taken.iter().copied().collect();
    let mut moved = 0;
    // Offsets as (influence, skepticism): straight up and down first, ring after ring, so a
    // crowd on one spot becomes a column of names; then diagonal, then across.
    let rings = 1..=6;
    let offsets: Vec<(i32, i32)> = rings
        .clone()
        .flat_map(|ring| [(ring * SPREAD_STEP, 0), (-ring * SPREAD_STEP, 0)])
        .chain(rings.flat_map(|ring| {
            let r = ring * SPREAD_STEP;
            [(r, r), (r, -r), (-r, r), (-r, -r), (0, r), (0, -r)]
        }))
        .collect();
    for p in places.iter_mut() {
        if used.insert(*p) {
            continue;
        }
        let quadrant: Quadrant = p.quadrant();
        let free = offsets.iter().find_map(|(di, ds)| {
            let q = Position::clamped(i32::from(p.influence) + di, i32::from(p.skepticism) + ds);
            (q.quadrant() == quadrant && !used.contains(&q)).then_some(q)
        });
        if let Some(q) = free {
            *p = q;
            used.insert(q);
            moved += 1;
        }
    }
    moved
}
