//! All of a user's maps, and the one door through which every edit passes.
//!
//! An [`Op`] is plain data describing one edit; [`Workspace::apply`] is the only function that
//! changes maps. The browser store calls it for every gesture, which is what lets saving (and,
//! later, undo, history and cross-tab sync) hang off a single place.

use super::action::MAX_ACTIONS;
use super::action::{Action, ActionFields};
use super::history::{HistoryPoint, MoveSource, Snapshot, MAX_HISTORY_POINTS, MAX_SNAPSHOTS};
use super::ids::{ActionId, MapId, SnapshotId, StakeholderId, TouchpointId};
use super::map::StakeMap;
use super::patch::{Change, MapPatch, Placed};
use super::stakeholder::{lower_first, text_problem, MAX_STAKEHOLDERS};
use super::stakeholder::{Position, Stakeholder, StakeholderFields, MAX_NAME_CHARS};
use super::time::Timestamp;
use super::touchpoint::Touchpoint;
use super::touchpoint::MAX_TOUCHPOINTS;
use std::fmt;

/// One edit of the user's maps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Adds a whole map (a new blank map, a duplicate, an import).
    CreateMap(StakeMap),
    /// Renames a map.
    RenameMap {
        /// The map.
        map: MapId,
        /// The new name.
        name: String,
    },
    /// Deletes a map and everything on it.
    DeleteMap {
        /// The map.
        map: MapId,
    },
    /// Adds a stakeholder to a map.
    AddStakeholder {
        /// The map.
        map: MapId,
        /// The new stakeholder (its times are set by `apply`).
        stakeholder: Stakeholder,
    },
    /// Replaces a stakeholder's editable fields (the panel form).
    EditStakeholder {
        /// The map.
        map: MapId,
        /// The stakeholder.
        id: StakeholderId,
        /// The validated fields.
        fields: StakeholderFields,
    },
    /// Moves a stakeholder on the map (drag, arrow keys).
    MoveStakeholder {
        /// The map.
        map: MapId,
        /// The stakeholder.
        id: StakeholderId,
        /// Where to.
        to: Position,
    },
    /// Removes a stakeholder, with their actions and touchpoints.
    DeleteStakeholder {
        /// The map.
        map: MapId,
        /// The stakeholder.
        id: StakeholderId,
    },
    /// Plans an action for a stakeholder.
    AddAction {
        /// The map.
        map: MapId,
        /// The action (its times are set by `apply`).
        action: Action,
    },
    /// Replaces an action's editable fields (including a status change).
    EditAction {
        /// The map.
        map: MapId,
        /// The action.
        id: ActionId,
        /// The new fields.
        fields: ActionFields,
    },
    /// Removes an action.
    DeleteAction {
        /// The map.
        map: MapId,
        /// The action.
        id: ActionId,
    },
    /// Logs a contact; a reading in it moves the stakeholder.
    LogTouchpoint {
        /// The map.
        map: MapId,
        /// The touchpoint (its log time is set by `apply`).
        touchpoint: Touchpoint,
    },
    /// Sets (or clears) where the plan aims to move a stakeholder.
    SetTarget {
        /// The map.
        map: MapId,
        /// The stakeholder.
        id: StakeholderId,
        /// The target, or `None` to clear it.
        target: Option<Position>,
    },
    /// Saves a named snapshot of the whole map.
    TakeSnapshot {
        /// The map.
        map: MapId,
        /// The snapshot (see `StakeMap::capture`).
        snapshot: Snapshot,
    },
    /// Renames a snapshot.
    RenameSnapshot {
        /// The map.
        map: MapId,
        /// The snapshot.
        id: SnapshotId,
        /// The new name.
        name: String,
    },
    /// Deletes a snapshot.
    DeleteSnapshot {
        /// The map.
        map: MapId,
        /// The snapshot.
        id: SnapshotId,
    },
    /// Puts a whole map back as it was: the undo of deleting a map (nothing else holds a whole
    /// map, so that an undo never reverts what was changed since elsewhere). Adds it if it is not
    /// there.
    RestoreMap(StakeMap),
    /// Merges another copy of a map (or spreadsheet rows) into it, as the records the merge
    /// changes (`MapPatch::between` my map and the merged one), so edits made meanwhile in
    /// another tab to anything else stay: one undoable step.
    MergeMap(MapPatch),
    /// Puts back, takes out or changes single records and fields (see `patch`): how deletions,
    /// logged contacts, form edits and merges are undone, on top of the latest version.
    Patch(MapPatch),
    /// Moves several stakeholders at once (adopting a workshop round's positions).
    MoveMany {
        /// The map.
        map: MapId,
        /// Who goes where.
        moves: Vec<(StakeholderId, Position)>,
    },
    /// Removes a logged contact (a move it caused stays).
    DeleteTouchpoint {
        /// The map.
        map: MapId,
        /// The touchpoint.
        id: TouchpointId,
    },
}

impl Op {
    /// The map this edit is about.
    pub fn map(&self) -> MapId {
        match self {
            Op::CreateMap(m) | Op::RestoreMap(m) => m.id,
            Op::MergeMap(p) | Op::Patch(p) => p.map,
            Op::RenameMap { map, .. }
            | Op::DeleteMap { map }
            | Op::AddStakeholder { map, .. }
            | Op::EditStakeholder { map, .. }
            | Op::MoveStakeholder { map, .. }
            | Op::DeleteStakeholder { map, .. }
            | Op::AddAction { map, .. }
            | Op::EditAction { map, .. }
            | Op::DeleteAction { map, .. }
            | Op::LogTouchpoint { map, .. }
            | Op::SetTarget { map, .. }
            | Op::TakeSnapshot { map, .. }
            | Op::RenameSnapshot { map, .. }
            | Op::DeleteSnapshot { map, .. }
            | Op::DeleteTouchpoint { map, .. }
            | Op::MoveMany { map, .. } => *map,
        }
    }
}

/// What an applied edit touched, so the caller knows what to save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touched {
    /// The map was created or changed and should be saved.
    Map(MapId),
    /// The map was deleted and its saved copy should go.
    RemovedMap(MapId),
    /// Nothing changed (for example a move to the same place).
    Nothing,
}

/// Why an edit could not be applied. The workspace is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpError {
    /// The map is not (or no longer) there.
    NoSuchMap(MapId),
    /// The stakeholder is not (or no longer) on the map.
    NoSuchStakeholder(StakeholderId),
    /// The action is not (or no longer) on the map.
    NoSuchAction(ActionId),
    /// The touchpoint is not (or no longer) on the map.
    NoSuchTouchpoint(TouchpointId),
    /// The snapshot is not (or no longer) on the map.
    NoSuchSnapshot(SnapshotId),
    /// A map or stakeholder with this id already exists.
    DuplicateId(String),
    /// A map name was empty or too long.
    BadMapName(String),
    /// The edit carries data outside the rules the reader applies (a text too long, a position
    /// off the map, more records than a map holds): storing it would make a map that cannot be
    /// read back. Says what is wrong, in words.
    Invalid(String),
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpError::NoSuchMap(_) => f.write_str("That map no longer exists."),
            OpError::NoSuchStakeholder(_) => {
                f.write_str("That stakeholder is no longer on this map.")
            }
            OpError::NoSuchAction(_) => f.write_str("That action is no longer on this map."),
            OpError::NoSuchTouchpoint(_) => {
                f.write_str("That contact is no longer in this map's log.")
            }
            OpError::NoSuchSnapshot(_) => f.write_str("That snapshot no longer exists."),
            OpError::DuplicateId(id) => write!(f, "Something with the id {id} already exists."),
            OpError::BadMapName(why) => f.write_str(why),
            OpError::Invalid(why) => write!(f, "{why} Nothing was changed."),
        }
    }
}

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
fn refuse(what: &str, why: Option<String>) -> Result<(), OpError> {
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
fn check_map(m: &StakeMap) -> Result<(), OpError> {
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

/// Moves one stakeholder and records the move in the history; false when they are already there.
fn move_to(
    m: &mut StakeMap,
    id: StakeholderId,
    to: Position,
    source: MoveSource,
    at: Timestamp,
) -> Result<bool, OpError> {
    let s = m.get_mut(id).ok_or(OpError::NoSuchStakeholder(id))?;
    if s.fields.position == to {
        return Ok(false);
    }
    s.fields.position = to;
    s.updated_at = at;
    m.record(HistoryPoint {
        stakeholder: id,
        at,
        position: to,
        source,
    });
    Ok(true)
}

/// Every map the user has, in the order they were created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    maps: Vec<StakeMap>,
}

impl Workspace {
    /// A workspace holding these maps.
    pub fn from_maps(maps: Vec<StakeMap>) -> Self {
        Self { maps }
    }

    /// All maps.
    pub fn maps(&self) -> &[StakeMap] {
        &self.maps
    }

    /// One map by id.
    pub fn map(&self, id: MapId) -> Option<&StakeMap> {
        self.maps.iter().find(|m| m.id == id)
    }

    /// Puts a map in place of the one with the same id (or adds it at the end): used when
    /// another tab saved a newer version. Not an edit, so it bypasses `apply`.
    pub fn replace_map(&mut self, map: StakeMap) {
        match self.maps.iter_mut().find(|m| m.id == map.id) {
            Some(slot) => *slot = map,
            None => self.maps.push(map),
        }
    }

    /// The edit that takes back `op` once it has been applied, read from the workspace just
    /// before `op` applies and scoped to what `op` touches: an exact inverse for the small edits
    /// (move back, rename back, delete what was added), and for the rest an [`Op::Patch`] that
    /// puts back or takes out just those records and sets back just the fields the edit
    /// changes. Applied later, on top of whatever another tab changed meanwhile, it leaves
    /// every other record and field as it then is. Undo and redo each take the inverse of what
    /// they apply, so undo then redo is no change. Only the undo of deleting a whole map holds
    /// a whole map. `None` when `op` cannot apply (it will fail and change nothing).
    pub fn inverse_of(&self, op: &Op) -> Option<Op> {
        let map = self.map(op.map());
        let patch = |fill: &dyn Fn(&mut MapPatch)| {
            let mut p = MapPatch::new(op.map());
            fill(&mut p);
            Op::Patch(p)
        };
        Some(match op {
            Op::CreateMap(m) => Op::DeleteMap { map: m.id },
            Op::RenameMap { map: id, .. } => Op::RenameMap {
                map: *id,
                name: map?.name.clone(),
            },
            Op::AddStakeholder {
                map: id,
                stakeholder,
            } => Op::DeleteStakeholder {
                map: *id,
                id: stakeholder.id,
            },
            Op::EditStakeholder {
                id: who, fields, ..
            } => {
                let now = map?.get(*who)?;
                let mut edited = now.clone();
                edited.fields = fields.clone();
                patch(&|p| {
                    p.stakeholders.changed.push(Change {
                        before: edited.clone(),
                        after: now.clone(),
                    })
                })
            }
            Op::MoveStakeholder {
                map: id, id: who, ..
            } => Op::MoveStakeholder {
                map: *id,
                id: *who,
                to: map?.get(*who)?.position(),
            },
            Op::SetTarget {
                map: id, id: who, ..
            } => Op::SetTarget {
                map: *id,
                id: *who,
                target: map?.get(*who)?.fields.target,
            },
            Op::AddAction { map: id, action } => Op::DeleteAction {
                map: *id,
                id: action.id,
            },
            Op::EditAction {
                id: which, fields, ..
            } => {
                let now = map?.action(*which)?;
                let mut edited = now.clone();
                edited.fields = fields.clone();
                patch(&|p| {
                    p.actions.changed.push(Change {
                        before: edited.clone(),
                        after: now.clone(),
                    })
                })
            }
            Op::TakeSnapshot { map: id, snapshot } => Op::DeleteSnapshot {
                map: *id,
                id: snapshot.id,
            },
            Op::RenameSnapshot {
                map: id, id: which, ..
            } => Op::RenameSnapshot {
                map: *id,
                id: *which,
                name: map?.snapshot(*which)?.name.clone(),
            },
            Op::DeleteMap { .. } => Op::RestoreMap(map?.clone()),
            Op::DeleteStakeholder { id: who, .. } => {
                // The person at their place, with everything their deletion takes along.
                let m = map?;
                let person = Placed::put(m.stakeholder_index(*who)?, m.get(*who)?.clone());
                patch(&|p| {
                    p.stakeholders.placed.push(person.clone());
                    p.actions.placed.extend(
                        m.actions()
                            .enumerate()
                            .filter(|(_, a)| a.stakeholder == *who)
                            .map(|(i, a)| Placed::put(i, a.clone())),
                    );
                    p.touchpoints.placed.extend(
                        m.touchpoints()
                            .enumerate()
                            .filter(|(_, t)| t.stakeholder == *who)
                            .map(|(i, t)| Placed::put(i, t.clone())),
                    );
                    p.history.extend(
                        m.history()
                            .iter()
                            .enumerate()
                            .filter(|(_, h)| h.stakeholder == *who)
                            .map(|(i, h)| Placed::put(i, *h)),
                    );
                })
            }
            Op::DeleteAction { id: which, .. } => {
                let m = map?;
                let (i, a) = m.actions().enumerate().find(|(_, a)| a.id == *which)?;
                let put = Placed::put(i, a.clone());
                patch(&|p| p.actions.placed.push(put.clone()))
            }
            Op::DeleteTouchpoint { id: which, .. } => {
                let m = map?;
                let (i, t) = m.touchpoints().enumerate().find(|(_, t)| t.id == *which)?;
                let put = Placed::put(i, t.clone());
                patch(&|p| p.touchpoints.placed.push(put.clone()))
            }
            Op::DeleteSnapshot { id: which, .. } => {
                let m = map?;
                let (i, s) = m
                    .snapshots()
                    .iter()
                    .enumerate()
                    .find(|(_, s)| s.id == *which)?;
                let put = Placed::put(i, s.clone());
                patch(&|p| p.snapshots.placed.push(put.clone()))
            }
            Op::LogTouchpoint { touchpoint, .. } => {
                // The contact comes out; if its reading moved the person, they go back to
                // where they were and the reading's history point goes too.
                let m = map?;
                let now = m.get(touchpoint.stakeholder)?;
                if m.touchpoint(touchpoint.id).is_some() {
                    return None;
                }
                let was = now.position();
                let mut moved = now.clone();
                moved.fields.position = Position {
                    influence: touchpoint.influence.unwrap_or(was.influence),
                    skepticism: touchpoint.skepticism.unwrap_or(was.skepticism),
                };
                let out = Placed::remove(m.touchpoints().len(), touchpoint.clone());
                patch(&|p| {
                    p.touchpoints.placed.push(out.clone());
                    if moved.position() != was {
                        p.readings_dropped.push(touchpoint.id);
                        p.stakeholders.changed.push(Change {
                            before: moved.clone(),
                            after: now.clone(),
                        });
                    }
                })
            }
            Op::MergeMap(p) | Op::Patch(p) => Op::Patch(p.inverse_in(map?)?),
            Op::MoveMany { map: id, moves } => {
                let m = map?;
                Op::MoveMany {
                    map: *id,
                    moves: moves
                        .iter()
                        .filter_map(|(who, _)| m.get(*who).map(|s| (*who, s.position())))
                        .collect(),
                }
            }
            Op::RestoreMap(m) => match map {
                // Record by record, never the whole map.
                Some(current) => Op::Patch(MapPatch::between(m, current)),
                None => Op::DeleteMap { map: m.id },
            },
        })
    }

    /// Drops a map that another tab deleted.
    pub fn forget_map(&mut self, id: MapId) {
        self.maps.retain(|m| m.id != id);
    }

    fn map_mut(&mut self, id: MapId) -> Result<&mut StakeMap, OpError> {
        self.maps
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or(OpError::NoSuchMap(id))
    }

    /// Applies one edit at time `at`. On error nothing has changed.
    pub fn apply(&mut self, op: Op, at: Timestamp) -> Result<Touched, OpError> {
        match op {
            Op::CreateMap(map) => {
                if self.map(map.id).is_some() {
                    return Err(OpError::DuplicateId(map.id.to_string()));
                }
                check_map(&map)?;
                let id = map.id;
                self.maps.push(map);
                Ok(Touched::Map(id))
            }
            Op::RenameMap { map, name } => {
                let name = clean_map_name(&name)?;
                let m = self.map_mut(map)?;
                if m.name == name {
                    return Ok(Touched::Nothing);
                }
                m.name = name;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::DeleteMap { map } => {
                let before = self.maps.len();
                self.maps.retain(|m| m.id != map);
                if self.maps.len() == before {
                    return Err(OpError::NoSuchMap(map));
                }
                Ok(Touched::RemovedMap(map))
            }
            Op::AddStakeholder {
                map,
                mut stakeholder,
            } => {
                refuse("The new stakeholder", stakeholder.fields.problem())?;
                let m = self.map_mut(map)?;
                refuse_beyond(m.len() + 1, MAX_STAKEHOLDERS, "stakeholders")?;
                stakeholder.created_at = at;
                stakeholder.updated_at = at;
                let id = stakeholder.id;
                let position = stakeholder.position();
                if !m.insert(stakeholder) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                m.record(HistoryPoint {
                    stakeholder: id,
                    at,
                    position,
                    source: MoveSource::Added,
                });
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::EditStakeholder { map, id, fields } => {
                refuse("The stakeholder's new details", fields.problem())?;
                let m = self.map_mut(map)?;
                let s = m.get_mut(id).ok_or(OpError::NoSuchStakeholder(id))?;
                if s.fields == fields {
                    return Ok(Touched::Nothing);
                }
                let moved = s.fields.position != fields.position;
                let position = fields.position;
                s.fields = fields;
                s.updated_at = at;
                if moved {
                    m.record(HistoryPoint {
                        stakeholder: id,
                        at,
                        position,
                        source: MoveSource::Map,
                    });
                }
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::MoveStakeholder { map, id, to } => {
                refuse("The new position", to.problem())?;
                let m = self.map_mut(map)?;
                if !move_to(m, id, to, MoveSource::Map, at)? {
                    return Ok(Touched::Nothing);
                }
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::DeleteStakeholder { map, id } => {
                let m = self.map_mut(map)?;
                m.remove(id).ok_or(OpError::NoSuchStakeholder(id))?;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::AddAction { map, mut action } => {
                refuse("The new action", action.fields.problem())?;
                let m = self.map_mut(map)?;
                if !m.contains(action.stakeholder) {
                    return Err(OpError::NoSuchStakeholder(action.stakeholder));
                }
                refuse_beyond(m.actions().len() + 1, MAX_ACTIONS, "actions")?;
                action.created_at = at;
                action.updated_at = at;
                let id = action.id;
                if !m.insert_action(action) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::EditAction { map, id, fields } => {
                refuse("The action's new details", fields.problem())?;
                let m = self.map_mut(map)?;
                let a = m.action_mut(id).ok_or(OpError::NoSuchAction(id))?;
                if a.fields == fields {
                    return Ok(Touched::Nothing);
                }
                a.fields = fields;
                a.updated_at = at;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::DeleteAction { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_action(id).ok_or(OpError::NoSuchAction(id))?;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::LogTouchpoint {
                map,
                mut touchpoint,
            } => {
                refuse("The contact", touchpoint.problem())?;
                let m = self.map_mut(map)?;
                refuse_beyond(
                    m.touchpoints().len() + 1,
                    MAX_TOUCHPOINTS,
                    "logged contacts",
                )?;
                let s = m
                    .get_mut(touchpoint.stakeholder)
                    .ok_or(OpError::NoSuchStakeholder(touchpoint.stakeholder))?;
                let old = s.fields.position;
                let new = Position {
                    influence: touchpoint.influence.unwrap_or(old.influence),
                    skepticism: touchpoint.skepticism.unwrap_or(old.skepticism),
                };
                let id = touchpoint.id;
                touchpoint.created_at = at;
                if m.touchpoints().any(|t| t.id == id) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                if new != old {
                    if let Some(s) = m.get_mut(touchpoint.stakeholder) {
                        s.fields.position = new;
                        s.updated_at = at;
                    }
                    m.record(HistoryPoint {
                        stakeholder: touchpoint.stakeholder,
                        at,
                        position: new,
                        source: MoveSource::Touchpoint,
                    });
                }
                m.insert_touchpoint(touchpoint);
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::RestoreMap(restored) => {
                let id = restored.id;
                if self.map(id) == Some(&restored) {
                    return Ok(Touched::Nothing);
                }
                self.replace_map(restored);
                Ok(Touched::Map(id))
            }
            Op::MergeMap(patch) | Op::Patch(patch) => {
                let m = self.map_mut(patch.map)?;
                if !patch.apply_to(m, at)? {
                    return Ok(Touched::Nothing);
                }
                m.updated_at = at;
                Ok(Touched::Map(patch.map))
            }
            Op::MoveMany { map, moves } => {
                for (_, to) in &moves {
                    refuse("A new position", to.problem())?;
                }
                let m = self.map_mut(map)?;
                if let Some((missing, _)) = moves.iter().find(|(id, _)| !m.contains(*id)) {
                    return Err(OpError::NoSuchStakeholder(*missing));
                }
                let mut changed = false;
                for (id, to) in moves {
                    changed |= move_to(m, id, to, MoveSource::Merge, at)?;
                }
                if !changed {
                    return Ok(Touched::Nothing);
                }
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::SetTarget { map, id, target } => {
                refuse("The target", target.and_then(Position::problem))?;
                let m = self.map_mut(map)?;
                let s = m.get_mut(id).ok_or(OpError::NoSuchStakeholder(id))?;
                if s.fields.target == target {
                    return Ok(Touched::Nothing);
                }
                s.fields.target = target;
                s.updated_at = at;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::TakeSnapshot { map, snapshot } => {
                refuse("The snapshot", snapshot.problem())?;
                let m = self.map_mut(map)?;
                refuse_beyond(m.snapshots().len() + 1, MAX_SNAPSHOTS, "snapshots")?;
                let id = snapshot.id;
                if !m.insert_snapshot(snapshot) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::RenameSnapshot { map, id, name } => {
                let name = clean_map_name(&name)?;
                let m = self.map_mut(map)?;
                let snap = m.snapshot_mut(id).ok_or(OpError::NoSuchSnapshot(id))?;
                if snap.name == name {
                    return Ok(Touched::Nothing);
                }
                snap.name = name;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::DeleteSnapshot { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_snapshot(id).ok_or(OpError::NoSuchSnapshot(id))?;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
            Op::DeleteTouchpoint { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_touchpoint(id)
                    .ok_or(OpError::NoSuchTouchpoint(id))?;
                m.updated_at = at;
                Ok(Touched::Map(map))
            }
        }
    }
}
