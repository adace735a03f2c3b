//! The edits the views ask for, each built as an [`Op`] and sent through the door: maps,
//! confirmations of what deletes, stakeholders, the plan and the contact log, relationships,
//! set-aside data and snapshots.

use super::{Pending, Store};
use crate::model::{
    clean_map_name, example_map, Action, ActionFields, ActionId, Evidence, EvidenceFields,
    EvidenceId, MapId, Op, Position, Relationship, RelationshipFields, RelationshipId, SnapshotId,
    StakeMap, Stakeholder, StakeholderFields, StakeholderId, Tactic, Timestamp, Touchpoint,
    TouchpointFields, TouchpointId,
};
use crate::model::{contact_logged_words, planned_words, unused_map_name};
use crate::state::backend::SetAside;
use crate::state::EditError;
use leptos::prelude::*;

impl Store {
    /// Opens a map.
    pub fn switch_map(&self, id: MapId) {
        if self.current.get_untracked() == Some(id)
            || self.workspace.with_untracked(|w| w.map(id).is_none())
        {
            return;
        }
        self.current.set(Some(id));
        self.selection.clear();
        self.comparison.reset();
        self.index_unsaved.set_value(true);
        self.flush();
    }

    pub(super) fn create_and_open(&self, map: StakeMap) -> bool {
        let id = map.id;
        if self.dispatch(Op::CreateMap(map)) {
            self.current.set(Some(id));
            self.selection.clear();
            self.index_unsaved.set_value(true);
            self.flush();
            true
        } else {
            false
        }
    }

    /// A name no map here has, within the name limit: `base`, or "base 2", "base 3" …, the
    /// base shortened with "…" when it would not fit. For a name with a suffix, use
    /// `unused_map_name(w.maps(), base, " (copy)")`, which keeps the suffix whole.
    pub(super) fn unused_name(&self, base: &str) -> String {
        self.workspace
            .with_untracked(|w| unused_map_name(w.maps(), base, ""))
    }

    /// Starts a blank map and opens it.
    pub fn new_map(&self) {
        let name = self.unused_name("Untitled map");
        let map = StakeMap::new(self.new_map_id(), name, self.now());
        self.create_and_open(map);
    }

    /// Adds a fresh copy of the worked example and opens it.
    pub fn open_example(&self) {
        let today = self.backend.with_value(|b| b.today());
        let mut map = example_map(
            self.new_map_id(),
            || self.backend.with_value(|b| b.new_uuid()),
            self.now(),
            today,
        );
        map.name = self.unused_name(&map.name);
        self.create_and_open(map);
    }

    /// Copies a map (with new ids) and opens the copy.
    pub fn duplicate_map(&self, id: MapId) {
        let Some(original) = self.workspace.with_untracked(|w| w.map(id).cloned()) else {
            return;
        };
        // The suffix is fitted, not appended: a copy of a copy of a long name must still be
        // a name the reader accepts.
        let name = self
            .workspace
            .with_untracked(|w| unused_map_name(w.maps(), &original.name, " (copy)"));
        let copy = original.duplicate(
            self.new_map_id(),
            name,
            || self.backend.with_value(|b| b.new_uuid()),
            self.now(),
        );
        self.create_and_open(copy);
    }

    /// Renames a map; returns the reason when the name is not acceptable.
    pub fn rename_map(&self, id: MapId, name: &str) -> Result<(), EditError> {
        let name = clean_map_name(name)?;
        self.dispatch(Op::RenameMap { map: id, name });
        Ok(())
    }

    // ----- confirmation -----

    /// Asks the user to confirm a destructive action.
    pub fn request(&self, pending: Pending) {
        self.pending.set(Some(pending));
    }

    /// Carries out the action awaiting confirmation.
    pub fn confirm_pending(&self) {
        let Some(pending) = self.pending.get_untracked() else {
            return;
        };
        self.pending.set(None);
        match pending {
            Pending::DeleteMap(map) => {
                self.dispatch(Op::DeleteMap { map });
            }
            Pending::DeleteStakeholder(id) => {
                if let Some(map) = self.current.get_untracked() {
                    if self.dispatch(Op::DeleteStakeholder { map, id }) {
                        self.selection.forget(id);
                    }
                }
            }
            Pending::DeleteAction(id) => {
                if let Some(map) = self.current.get_untracked() {
                    self.dispatch(Op::DeleteAction { map, id });
                }
            }
            Pending::DeleteTouchpoint(id) => {
                if let Some(map) = self.current.get_untracked() {
                    self.dispatch(Op::DeleteTouchpoint { map, id });
                }
            }
            Pending::DiscardSetAside(key) => {
                self.backend.with_value(|b| b.remove_raw(&key));
                self.set_aside.update(|list| list.retain(|s| s.key != key));
            }
            Pending::DeleteSnapshot(id) => {
                if let Some(map) = self.current.get_untracked() {
                    if self.dispatch(Op::DeleteSnapshot { map, id }) {
                        self.comparison.forget(id);
                    }
                }
            }
        }
    }

    /// Drops the action awaiting confirmation.
    pub fn cancel_pending(&self) {
        self.pending.set(None);
    }

    // ----- stakeholders -----

    /// Adds a stakeholder to the open map and selects it.
    pub fn add_stakeholder(&self, fields: StakeholderFields) -> Option<StakeholderId> {
        let map = self.current.get_untracked()?;
        let id = self.new_stakeholder_id();
        let stakeholder = Stakeholder::new(id, fields, self.now());
        if self.dispatch(Op::AddStakeholder { map, stakeholder }) {
            self.selection.select(Some(id));
            Some(id)
        } else {
            None
        }
    }

    /// Replaces a stakeholder's fields.
    pub fn edit_stakeholder(&self, id: StakeholderId, fields: StakeholderFields) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::EditStakeholder { map, id, fields }),
            None => false,
        }
    }

    /// Moves a stakeholder.
    pub fn move_stakeholder(&self, id: StakeholderId, to: Position) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::MoveStakeholder { map, id, to }),
            None => false,
        }
    }

    // ----- plan and contacts -----

    /// Plans an action for a stakeholder; returns its id.
    pub fn add_action(&self, stakeholder: StakeholderId, fields: ActionFields) -> Option<ActionId> {
        let map = self.current.get_untracked()?;
        let id = ActionId(self.backend.with_value(|b| b.new_uuid()));
        let now = self.now();
        let action = Action {
            id,
            stakeholder,
            fields,
            created_at: now,
            updated_at: now,
        };
        if !self.dispatch(Op::AddAction { map, action }) {
            return None;
        }
        let words = self.with_current_untracked(|m| {
            let a = m.action(id)?;
            let who = m.get(stakeholder)?.name();
            Some(planned_words(&a.fields.title, who, a.fields.due))
        });
        if let Some(words) = words.flatten() {
            self.notices.confirm(words);
        }
        Some(id)
    }

    /// Plans a tactic at once, titled after it. (The Plan tab's "Plan this" opens the action
    /// form prefilled instead, so the user sets the owner and due date first.)
    pub fn plan_tactic(&self, stakeholder: StakeholderId, tactic: Tactic) -> Option<ActionId> {
        self.add_action(stakeholder, ActionFields::from_tactic(tactic))
    }

    /// Replaces an action's fields (status changes included).
    pub fn edit_action(&self, id: ActionId, fields: ActionFields) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::EditAction { map, id, fields }),
            None => false,
        }
    }

    /// Logs a contact, says so, and returns its id; a reading in it moves the stakeholder, and
    /// the sentence says where to.
    pub fn log_touchpoint(
        &self,
        stakeholder: StakeholderId,
        fields: TouchpointFields,
    ) -> Option<TouchpointId> {
        let map = self.current.get_untracked()?;
        let id = TouchpointId(self.backend.with_value(|b| b.new_uuid()));
        let date = fields.date;
        let position = |store: &Self| {
            store
                .with_current_untracked(|m| m.get(stakeholder).map(|s| s.position()))
                .flatten()
        };
        let before = position(self);
        let touchpoint = Touchpoint {
            id,
            stakeholder,
            date: fields.date,
            channel: fields.channel,
            sentiment: fields.sentiment,
            note: fields.note,
            influence: fields.influence,
            skepticism: fields.skepticism,
            evidence: fields.evidence,
            created_at: self.now(),
        };
        if !self.dispatch(Op::LogTouchpoint { map, touchpoint }) {
            return None;
        }
        let after = position(self);
        let moved_to = after.filter(|_| after != before);
        let who = self
            .with_current_untracked(|m| m.get(stakeholder).map(|s| s.name().to_owned()))
            .flatten();
        if let Some(who) = who {
            let words = contact_logged_words(&who, date, self.today(), moved_to);
            self.notices.confirm(words);
        }
        Some(id)
    }

    // ----- program evidence -----

    /// Adds a metric or story to the open map's library; returns its id.
    pub fn add_evidence(&self, fields: EvidenceFields) -> Option<EvidenceId> {
        let map = self.current.get_untracked()?;
        let id = EvidenceId(self.backend.with_value(|b| b.new_uuid()));
        let now = self.now();
        let item = Evidence {
            id,
            fields,
            created_at: now,
            updated_at: now,
        };
        self.dispatch(Op::AddEvidence { map, item }).then_some(id)
    }

    /// Replaces an item of evidence's fields.
    pub fn edit_evidence(&self, id: EvidenceId, fields: EvidenceFields) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::EditEvidence { map, id, fields }),
            None => false,
        }
    }

    /// Removes an item of evidence (contacts that shared it stay, without the link).
    pub fn delete_evidence(&self, id: EvidenceId) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::DeleteEvidence { map, id }),
            None => false,
        }
    }

    // ----- relationships -----

    /// Records that `from` stands towards `to` as `fields` say; returns its id. Refused in words
    /// (a repeat, someone to themselves) through the notices, as every edit is.
    pub fn add_relationship(
        &self,
        from: StakeholderId,
        to: StakeholderId,
        fields: RelationshipFields,
    ) -> Option<RelationshipId> {
        let map = self.current.get_untracked()?;
        let id = RelationshipId(self.backend.with_value(|b| b.new_uuid()));
        let now = self.now();
        let relationship = Relationship {
            id,
            from,
            to,
            fields,
            created_at: now,
            updated_at: now,
        };
        if !self.dispatch(Op::AddRelationship { map, relationship }) {
            return None;
        }
        if let Some(words) = self.relationship_words(id) {
            self.notices.confirm(format!("Recorded: {words}."));
        }
        Some(id)
    }

    /// Replaces a relationship's kind, direction, strength and note, and says what it now says.
    pub fn edit_relationship(&self, id: RelationshipId, fields: RelationshipFields) -> bool {
        let Some(map) = self.current.get_untracked() else {
            return false;
        };
        let done = self.dispatch(Op::EditRelationship { map, id, fields });
        if done {
            if let Some(words) = self.relationship_words(id) {
                self.notices.confirm(format!("Changed: {words}."));
            }
        }
        done
    }

    /// Removes a relationship, and says which went (undo brings it back).
    pub fn delete_relationship(&self, id: RelationshipId) -> bool {
        let Some(map) = self.current.get_untracked() else {
            return false;
        };
        let words = self.relationship_words(id);
        let done = self.dispatch(Op::DeleteRelationship { map, id });
        if let (true, Some(words)) = (done, words) {
            self.notices
                .confirm(format!("Deleted: {words}. Undo brings it back."));
        }
        done
    }

    /// A relationship of the open map as a sentence: "Dana Ortiz listens to Priya Raman
    /// (strong)".
    fn relationship_words(&self, id: RelationshipId) -> Option<String> {
        self.with_current_untracked(|m| {
            let names = |p| m.get(p).map(|s| s.name().to_owned()).unwrap_or_default();
            m.relationship(id).map(|r| r.sentence(&names))
        })
        .flatten()
    }

    // ----- set-aside data -----

    /// Data set aside because it could not be read (tracked).
    pub fn set_aside(&self) -> Vec<SetAside> {
        self.set_aside.get()
    }

    /// The raw text of set-aside data, for download.
    pub fn set_aside_text(&self, key: &str) -> Option<String> {
        self.backend.with_value(|b| b.read_raw(key))
    }

    // ----- trust over time -----

    /// Sets (or clears) where the plan aims to move a stakeholder.
    pub fn set_target(&self, id: StakeholderId, target: Option<Position>) -> bool {
        match self.current.get_untracked() {
            Some(map) => self.dispatch(Op::SetTarget { map, id, target }),
            None => false,
        }
    }

    /// Saves a named snapshot of the open map; returns its id.
    pub fn take_snapshot(&self, name: &str) -> Result<SnapshotId, EditError> {
        let name = clean_map_name(name)?;
        let map = self.current.get_untracked().ok_or(EditError::NoMapOpen)?;
        let id = SnapshotId(self.backend.with_value(|b| b.new_uuid()));
        let now = self.now();
        let snapshot = self
            .workspace
            .with_untracked(|w| w.map(map).map(|m| m.capture(id, name, now)))
            .ok_or(EditError::NoMapOpen)?;
        if self.dispatch(Op::TakeSnapshot { map, snapshot }) {
            Ok(id)
        } else {
            Err(EditError::NotApplied)
        }
    }

    /// Renames a snapshot; returns the reason when the name is not acceptable.
    pub fn rename_snapshot(&self, id: SnapshotId, name: &str) -> Result<(), EditError> {
        let name = clean_map_name(name)?;
        let map = self.current.get_untracked().ok_or(EditError::NoMapOpen)?;
        self.dispatch(Op::RenameSnapshot { map, id, name });
        Ok(())
    }

    /// The open map's snapshots as (id, name, when taken), oldest first (tracked).
    pub fn snapshot_list(&self) -> Vec<(SnapshotId, String, Timestamp)> {
        self.with_current(|m| {
            m.snapshots()
                .iter()
                .map(|s| (s.id, s.name.clone(), s.taken_at))
                .collect()
        })
        .unwrap_or_default()
    }

    /// The current time from the backend.
    pub fn clock(&self) -> Timestamp {
        self.now()
    }
}
