//! The edits ([`Op`]), what an applied edit touched, and why one could not apply.

use crate::model::action::{Action, ActionFields};
use crate::model::evidence::{Evidence, EvidenceFields};
use crate::model::history::Snapshot;
use crate::model::ids::{
    ActionId, EvidenceId, MapId, RelationshipId, SnapshotId, StakeholderId, TouchpointId,
};
use crate::model::map::StakeMap;
use crate::model::patch::MapPatch;
use crate::model::relationship::{Relationship, RelationshipFields};
use crate::model::stakeholder::{Position, Stakeholder, StakeholderFields};
use crate::model::touchpoint::Touchpoint;
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
    /// Adds an item to the evidence library.
    AddEvidence {
        /// The map.
        map: MapId,
        /// The item (its times are set by `apply`).
        item: Evidence,
    },
    /// Replaces an item of evidence's editable fields.
    EditEvidence {
        /// The map.
        map: MapId,
        /// The item.
        id: EvidenceId,
        /// The new fields.
        fields: EvidenceFields,
    },
    /// Removes an item of evidence; contacts that shared it stay in the log without the link.
    DeleteEvidence {
        /// The map.
        map: MapId,
        /// The item.
        id: EvidenceId,
    },
    /// Records a relationship between two people on the map.
    AddRelationship {
        /// The map.
        map: MapId,
        /// The relationship (its times are set by `apply`).
        relationship: Relationship,
    },
    /// Replaces a relationship's editable fields (kind, direction, strength, note).
    EditRelationship {
        /// The map.
        map: MapId,
        /// The relationship.
        id: RelationshipId,
        /// The new fields.
        fields: RelationshipFields,
    },
    /// Removes a relationship.
    DeleteRelationship {
        /// The map.
        map: MapId,
        /// The relationship.
        id: RelationshipId,
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
            | Op::AddEvidence { map, .. }
            | Op::EditEvidence { map, .. }
            | Op::DeleteEvidence { map, .. }
            | Op::AddRelationship { map, .. }
            | Op::EditRelationship { map, .. }
            | Op::DeleteRelationship { map, .. }
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
    /// The item of evidence is not (or no longer) on the map.
    NoSuchEvidence(EvidenceId),
    /// The relationship is not (or no longer) on the map.
    NoSuchRelationship(RelationshipId),
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
            OpError::NoSuchEvidence(_) => {
                f.write_str("That item of evidence is no longer in this map's library.")
            }
            OpError::NoSuchRelationship(_) => {
                f.write_str("That relationship is no longer on this map.")
            }
            OpError::DuplicateId(id) => write!(f, "Something with the id {id} already exists."),
            OpError::BadMapName(why) => f.write_str(why),
            OpError::Invalid(why) => write!(f, "{why} Nothing was changed."),
        }
    }
}
