//! Applying an edit: the only code that changes maps.

use super::rules::{check_map, clean_map_name, refuse, refuse_beyond};
use super::{Op, OpError, Touched, Workspace};
use crate::model::action::MAX_ACTIONS;
use crate::model::evidence::MAX_EVIDENCE;
use crate::model::fields::Fields as _;
use crate::model::history::{HistoryPoint, MoveSource, MAX_SNAPSHOTS};
use crate::model::ids::StakeholderId;
use crate::model::map::StakeMap;
use crate::model::relationship::{Relationship, MAX_RELATIONSHIPS};
use crate::model::stakeholder::{Position, MAX_STAKEHOLDERS};
use crate::model::time::Timestamp;
use crate::model::touchpoint::MAX_TOUCHPOINTS;

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

/// Refuses a relationship whose people are not both on the map, that joins someone to
/// themselves, or that repeats one already there, in words.
fn check_ends(m: &StakeMap, r: &Relationship) -> Result<(), OpError> {
    for who in [r.from, r.to] {
        if !m.contains(who) {
            return Err(OpError::NoSuchStakeholder(who));
        }
    }
    let name = |id| m.get(id).map(|s| s.name().to_owned()).unwrap_or_default();
    if r.from == r.to {
        return Err(OpError::Invalid(format!(
            "A relationship joins two people; this one joins {} to themselves.",
            name(r.from)
        )));
    }
    if let Some(old) = m.repeat_of(r) {
        return Err(OpError::Invalid(format!(
            "The map already says {}; change that relationship instead.",
            old.sentence(&name)
        )));
    }
    Ok(())
}

/// Stamps `m` as changed at `at`: what [`Workspace::apply`] returns for an edit that changed it.
fn touched(m: &mut StakeMap, at: Timestamp) -> Result<Touched, OpError> {
    m.updated_at = at;
    Ok(Touched::Map(m.id))
}

impl Workspace {
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
                touched(m, at)
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
                touched(m, at)
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
                touched(m, at)
            }
            Op::MoveStakeholder { map, id, to } => {
                refuse("The new position", to.problem())?;
                let m = self.map_mut(map)?;
                if !move_to(m, id, to, MoveSource::Map, at)? {
                    return Ok(Touched::Nothing);
                }
                touched(m, at)
            }
            Op::DeleteStakeholder { map, id } => {
                let m = self.map_mut(map)?;
                m.remove(id).ok_or(OpError::NoSuchStakeholder(id))?;
                touched(m, at)
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
                touched(m, at)
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
                touched(m, at)
            }
            Op::DeleteAction { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_action(id).ok_or(OpError::NoSuchAction(id))?;
                touched(m, at)
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
                // Evidence deleted meanwhile (in another tab, or by an undo while the form was
                // open): the contact is still logged, without the link, so what was typed stays.
                if touchpoint
                    .evidence
                    .is_some_and(|e| m.evidence_item(e).is_none())
                {
                    touchpoint.evidence = None;
                }
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
                touched(m, at)
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
                touched(m, at)
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
                touched(m, at)
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
                touched(m, at)
            }
            Op::TakeSnapshot { map, snapshot } => {
                refuse("The snapshot", snapshot.problem())?;
                let m = self.map_mut(map)?;
                refuse_beyond(m.snapshots().len() + 1, MAX_SNAPSHOTS, "snapshots")?;
                let id = snapshot.id;
                if !m.insert_snapshot(snapshot) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                touched(m, at)
            }
            Op::RenameSnapshot { map, id, name } => {
                let name = clean_map_name(&name)?;
                let m = self.map_mut(map)?;
                let snap = m.snapshot_mut(id).ok_or(OpError::NoSuchSnapshot(id))?;
                if snap.name == name {
                    return Ok(Touched::Nothing);
                }
                snap.name = name;
                touched(m, at)
            }
            Op::DeleteSnapshot { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_snapshot(id).ok_or(OpError::NoSuchSnapshot(id))?;
                touched(m, at)
            }
            Op::AddEvidence { map, mut item } => {
                refuse("The new evidence", item.fields.problem())?;
                let m = self.map_mut(map)?;
                refuse_beyond(m.evidence().len() + 1, MAX_EVIDENCE, "items of evidence")?;
                item.created_at = at;
                item.updated_at = at;
                let id = item.id;
                if !m.insert_evidence_at(usize::MAX, item) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                touched(m, at)
            }
            Op::EditEvidence { map, id, fields } => {
                refuse("The evidence's new details", fields.problem())?;
                let m = self.map_mut(map)?;
                let e = m.evidence_mut(id).ok_or(OpError::NoSuchEvidence(id))?;
                if e.fields == fields {
                    return Ok(Touched::Nothing);
                }
                e.fields = fields;
                e.updated_at = at;
                touched(m, at)
            }
            Op::DeleteEvidence { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_evidence(id).ok_or(OpError::NoSuchEvidence(id))?;
                touched(m, at)
            }
            Op::AddRelationship {
                map,
                mut relationship,
            } => {
                relationship.fields = relationship.fields.normalised();
                refuse("The new relationship", relationship.fields.problem())?;
                let m = self.map_mut(map)?;
                refuse_beyond(
                    m.relationships().len() + 1,
                    MAX_RELATIONSHIPS,
                    "relationships",
                )?;
                check_ends(m, &relationship)?;
                relationship.created_at = at;
                relationship.updated_at = at;
                let id = relationship.id;
                if !m.insert_relationship_at(usize::MAX, relationship) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                touched(m, at)
            }
            Op::EditRelationship { map, id, fields } => {
                let fields = fields.normalised();
                refuse("The relationship's new details", fields.problem())?;
                let m = self.map_mut(map)?;
                let now = m.relationship(id).ok_or(OpError::NoSuchRelationship(id))?;
                if now.fields == fields {
                    return Ok(Touched::Nothing);
                }
                let edited = Relationship {
                    fields: fields.clone(),
                    ..now.clone()
                };
                check_ends(m, &edited)?;
                if let Some(r) = m.relationship_mut(id) {
                    r.fields = fields;
                    r.updated_at = at;
                }
                touched(m, at)
            }
            Op::DeleteRelationship { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_relationship(id)
                    .ok_or(OpError::NoSuchRelationship(id))?;
                touched(m, at)
            }
            Op::DeleteTouchpoint { map, id } => {
                let m = self.map_mut(map)?;
                m.remove_touchpoint(id)
                    .ok_or(OpError::NoSuchTouchpoint(id))?;
                touched(m, at)
            }
        }
    }
}
