//! A register's rows brought into a map: new people added, people already on it (matched by
//! name, as the merge preview matches them) updated, skipped or added again, positions spread
//! so none hides another, and rows that could not be placed sent to be placed by hand.

use super::apply::{spread, RegisterImport, RegisterRow};
use crate::model::{
    name_key, people_by_name, Op, Position, StakeMap, Stakeholder, StakeholderFields,
    StakeholderId, Timestamp, TrayPerson, Workspace,
};
use std::collections::BTreeMap;

/// What to do with a row whose name is already on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Existing {
    /// Change the fields the sheet gives; keep everything else (their plan, log, history).
    #[default]
    Update,
    /// Leave them as they are.
    Skip,
    /// Add the row as another person.
    AddAgain,
}

/// The choices the user makes before the rows go in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntoMap {
    /// People already on the map.
    pub existing: Existing,
    /// Rows that could not be placed go to the quick-add tray (else they are left out).
    pub unplaced_to_tray: bool,
}

/// What bringing the rows in did.
#[derive(Clone, Debug, PartialEq)]
pub struct Brought {
    /// The map with the rows in.
    pub map: StakeMap,
    /// How many people were added.
    pub added: usize,
    /// The names of people updated (something changed).
    pub updated: Vec<String>,
    /// The names of people already on the map and left as they were.
    pub unchanged: Vec<String>,
    /// People for the quick-add tray, with their roles.
    pub to_tray: Vec<TrayPerson>,
    /// Rows left out, as "Row 7: …", for rows the map refused or the user chose to leave.
    pub refused: Vec<String>,
    /// How many were moved aside from a spot someone else stands on.
    pub spread: usize,
}

/// How many people bringing `rows` in with `choice` adds or updates (for the confirm button),
/// given who each row is on the map (`who`, from [`matches`]).
pub fn coming(rows: &[RegisterRow], who: &[Option<StakeholderId>], choice: IntoMap) -> usize {
    rows.iter()
        .zip(who.iter().chain(std::iter::repeat(&None)))
        .filter(|(r, m)| match (m.is_some(), choice.existing) {
            (true, Existing::Skip) => false,
            (true, Existing::Update) => true,
            _ => r.unplaced.is_none() || choice.unplaced_to_tray,
        })
        .count()
}

/// Who on `map` each row is, by name: only a name that matches exactly one person counts.
pub fn matches(map: &StakeMap, rows: &[RegisterRow]) -> Vec<Option<StakeholderId>> {
    let by_name = people_by_name(map);
    rows.iter()
        .map(|r| by_name.get(&name_key(&r.fields.name)).copied().flatten())
        .collect()
}

/// `fields` with what the sheet gave for `row` written over them.
fn updated(mine: &StakeholderFields, row: &RegisterRow) -> StakeholderFields {
    let mut out = mine.clone();
    for key in &row.given {
        if let Some(f) = crate::model::field::<StakeholderFields>(key) {
            if f.key == "position" {
                out.position = Position {
                    influence: row.axes.0.unwrap_or(mine.position.influence),
                    skepticism: row.axes.1.unwrap_or(mine.position.skepticism),
                };
            } else {
                (f.set)(&mut out, (f.get)(&row.fields));
            }
        }
    }
    // A person who could not be placed keeps their place.
    if row.unplaced.is_some() {
        out.position = mine.position;
        out.target = mine.target;
    }
    out
}

/// Brings `import`'s rows into `base` (a copy: `base` is unchanged), with new ids from
/// `new_id`, through the same operations as the form, so each added person gets their "added"
/// history and each move its point.
pub fn bring_in(
    base: &StakeMap,
    import: &RegisterImport,
    choice: IntoMap,
    mut new_id: impl FnMut() -> StakeholderId,
    now: Timestamp,
) -> Brought {
    let who = matches(base, &import.rows);
    let mut w = Workspace::from_maps(vec![base.clone()]);
    let mut out = Brought {
        map: base.clone(),
        added: 0,
        updated: Vec::new(),
        unchanged: Vec::new(),
        to_tray: Vec::new(),
        refused: Vec::new(),
        spread: 0,
    };
    // New people, placed: spread from each other and from everyone already there, people
    // updated counted where the sheet puts them.
    let moved_to: BTreeMap<StakeholderId, Position> = import
        .rows
        .iter()
        .zip(&who)
        .filter(|_| choice.existing == Existing::Update)
        .filter_map(|(r, m)| {
            let id = (*m)?;
            Some((id, updated(&base.get(id)?.fields, r).position))
        })
        .collect();
    let taken: Vec<Position> = base
        .stakeholders()
        .map(|s| moved_to.get(&s.id).copied().unwrap_or(s.fields.position))
        .collect();
    let adding: Vec<&RegisterRow> = import
        .rows
        .iter()
        .zip(&who)
        .filter(|(r, m)| {
            r.unplaced.is_none() && (m.is_none() || choice.existing == Existing::AddAgain)
        })
        .map(|(r, _)| r)
        .collect();
    let mut places: Vec<Position> = adding.iter().map(|r| r.fields.position).collect();
    out.spread = spread(&mut places, &taken);
    let mut place_of = places.into_iter();
    for (row, mine) in import.rows.iter().zip(&who) {
        let mine = mine.filter(|_| choice.existing != Existing::AddAgain);
        let refused = |e: crate::model::OpError| format!("Row {}: {e}", row.row);
        match (mine, &row.unplaced) {
            (Some(_), _) if choice.existing == Existing::Skip => {
                out.unchanged.push(row.fields.name.clone());
            }
            (Some(id), _) => {
                let Some(current) = base.get(id) else {
                    continue;
                };
                let fields = updated(&current.fields, row);
                if fields == current.fields {
                    out.unchanged.push(row.fields.name.clone());
                    continue;
                }
                match w.apply(
                    Op::EditStakeholder {
                        map: base.id,
                        id,
                        fields,
                    },
                    now,
                ) {
                    Ok(_) => out.updated.push(row.fields.name.clone()),
                    Err(e) => out.refused.push(refused(e)),
                }
            }
            (None, Some(_)) if choice.unplaced_to_tray => {
                out.to_tray.push(TrayPerson {
                    name: row.fields.name.clone(),
                    role: row.fields.role.clone(),
                });
            }
            (None, Some(why)) => out.refused.push(format!(
                "Row {}: {} was left out ({why})",
                row.row, row.fields.name
            )),
            (None, None) => {
                let mut fields = row.fields.clone();
                if let Some(p) = place_of.next() {
                    fields.position = p;
                }
                let person = Stakeholder::new(new_id(), fields, now);
                match w.apply(
                    Op::AddStakeholder {
                        map: base.id,
                        stakeholder: person,
                    },
                    now,
                ) {
                    Ok(_) => out.added += 1,
                    Err(e) => out.refused.push(refused(e)),
                }
            }
        }
    }
    out.map = w.map(base.id).cloned().unwrap_or_else(|| base.clone());
    out
}
