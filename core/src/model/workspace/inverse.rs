//! The edit that takes back another, scoped to what that one touches.

use super::{Op, Workspace};
use crate::model::patch::{Change, MapPatch, Placed};
use crate::model::stakeholder::Position;

impl Workspace {
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
                    p.relationships.placed.extend(
                        m.relationships()
                            .enumerate()
                            .filter(|(_, r)| r.involves(*who))
                            .map(|(i, r)| Placed::put(i, r.clone())),
                    );
                })
            }
            Op::AddRelationship {
                map: id,
                relationship,
            } => Op::DeleteRelationship {
                map: *id,
                id: relationship.id,
            },
            Op::EditRelationship {
                id: which, fields, ..
            } => {
                let now = map?.relationship(*which)?;
                let mut edited = now.clone();
                edited.fields = fields.clone().normalised();
                patch(&|p| {
                    p.relationships.changed.push(Change {
                        before: edited.clone(),
                        after: now.clone(),
                    })
                })
            }
            Op::DeleteRelationship { id: which, .. } => {
                let m = map?;
                let (i, r) = m
                    .relationships()
                    .enumerate()
                    .find(|(_, r)| r.id == *which)?;
                let put = Placed::put(i, r.clone());
                patch(&|p| p.relationships.placed.push(put.clone()))
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
            Op::AddEvidence { map: id, item } => Op::DeleteEvidence {
                map: *id,
                id: item.id,
            },
            Op::EditEvidence {
                id: which, fields, ..
            } => {
                let now = map?.evidence_item(*which)?;
                let mut edited = now.clone();
                edited.fields = fields.clone();
                patch(&|p| {
                    p.evidence.changed.push(Change {
                        before: edited.clone(),
                        after: now.clone(),
                    })
                })
            }
            Op::DeleteEvidence { id: which, .. } => {
                // The item at its place, and the links of the contacts that shared it.
                let m = map?;
                let (i, e) = m.evidence().enumerate().find(|(_, e)| e.id == *which)?;
                let put = Placed::put(i, e.clone());
                patch(&|p| {
                    p.evidence.placed.push(put.clone());
                    p.touchpoints.changed.extend(
                        m.touchpoints()
                            .filter(|t| t.evidence == Some(*which))
                            .map(|t| Change {
                                before: crate::model::touchpoint::Touchpoint {
                                    evidence: None,
                                    ..t.clone()
                                },
                                after: t.clone(),
                            }),
                    );
                })
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
}
