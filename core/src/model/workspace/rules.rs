//! The rules an edit's data must keep before it is stored: map names, how many records a map
//! holds, and each record's own checks.

use super::OpError;
use crate::model::action::MAX_ACTIONS;
use crate::model::history::{MAX_HISTORY_POINTS, MAX_SNAPSHOTS};
use crate::model::map::StakeMap;
use crate::model::stakeholder::{lower_first, text_problem, MAX_NAME_CHARS, MAX_STAKEHOLDERS};
use crate::model::touchpoint::MAX_TOUCHPOINTS;

/// Checks and trims a map name.
pub fn clean_map_name(name: &str) -> Result<String, OpError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(OpError::BadMapName("Give the map a name.".into()));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(OpError::BadMapName(format!(
            "Keep the map name to {MAX_NAME_CHARS} characters."
        )));
    }
    Ok(name.to_owned())
}

/// Refuses an edit whose data breaks the rules: `what` says which record, `why` what is wrong.
pub(super) fn refuse(what: &str, why: Option<String>) -> Result<(), OpError> {
    match why {
        Some(why) => Err(OpError::Invalid(format!("{what}: {}", lower_first(&why)))),
        None => Ok(()),
    }
}

/// Refuses adding one more record when a map already holds `max` of that kind.
pub(crate) fn refuse_beyond(count: usize, max: usize, what: &str) -> Result<(), OpError> {
    if count > max {
        return Err(OpError::Invalid(format!(
            "A map holds at most {max} {what}; this would make {count}."
        )));
    }
    Ok(())
}

/// Checks a whole map before it is added: its name, how many records it holds, and every
/// record, with the same rules as the single edits, so a duplicate, an import or a spreadsheet
/// can never store what the reader would refuse.
pub(super) fn check_map(m: &StakeMap) -> Result<(), OpError> {
    if let Some(why) = text_problem("The map's name", &m.name, MAX_NAME_CHARS, true) {
        return Err(OpError::Invalid(why));
    }
    refuse_beyond(m.len(), MAX_STAKEHOLDERS, "stakeholders")?;
    refuse_beyond(m.actions().len(), MAX_ACTIONS, "actions")?;
    refuse_beyond(m.touchpoints().len(), MAX_TOUCHPOINTS, "logged contacts")?;
    refuse_beyond(m.history().len(), MAX_HISTORY_POINTS, "points of history")?;
    refuse_beyond(m.snapshots().len(), MAX_SNAPSHOTS, "snapshots")?;
    for s in m.stakeholders() {
        refuse(&format!("Stakeholder “{}”", s.name()), s.fields.problem())?;
    }
    for a in m.actions() {
        refuse(&format!("Action “{}”", a.fields.title), a.fields.problem())?;
    }
    for t in m.touchpoints() {
        refuse(&format!("A contact on {}", t.date.iso()), t.problem())?;
    }
    for p in m.history() {
        refuse("A point of history", p.position.problem())?;
    }
    for snap in m.snapshots() {
        refuse(&format!("Snapshot “{}”", snap.name), snap.problem())?;
    }
    Ok(())
}
