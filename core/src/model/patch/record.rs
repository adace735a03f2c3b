//! How each kind of record takes the changes of an edit, field by field.

use super::{Record, Taken};
use crate::model::action::{Action, ActionFields};
use crate::model::history::Snapshot;
use crate::model::ids::{ActionId, SnapshotId, StakeholderId, TouchpointId};
use crate::model::stakeholder::{Stakeholder, StakeholderFields};
use crate::model::touchpoint::Touchpoint;

impl Taken {
    /// One field: set `now` to `after` if the edit changed it and it is not already there.
    fn field<T: PartialEq + Clone>(&mut self, bit: u32, now: &mut T, before: &T, after: &T) {
        if before != after {
            self.fields |= 1 << bit;
            if now != after {
                now.clone_from(after);
                self.changed = true;
            }
        }
    }
}

impl Record for Stakeholder {
    type Key = StakeholderId;

    fn key(&self) -> StakeholderId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        // Listed without `..`, so a new field cannot be forgotten here.
        let StakeholderFields {
            name,
            role,
            organisation,
            position,
            root_causes,
            cares_about,
            notes,
            tags,
            cadence_days,
            target,
        } = &mut self.fields;
        let (b, a) = (&before.fields, &after.fields);
        t.field(0, name, &b.name, &a.name);
        t.field(1, role, &b.role, &a.role);
        t.field(2, organisation, &b.organisation, &a.organisation);
        t.field(3, position, &b.position, &a.position);
        t.field(4, root_causes, &b.root_causes, &a.root_causes);
        t.field(5, cares_about, &b.cares_about, &a.cares_about);
        t.field(6, notes, &b.notes, &a.notes);
        t.field(7, tags, &b.tags, &a.tags);
        t.field(8, cadence_days, &b.cadence_days, &a.cadence_days);
        t.field(9, target, &b.target, &a.target);
        t.field(
            10,
            &mut self.created_at,
            &before.created_at,
            &after.created_at,
        );
        t
    }
}

impl Record for Action {
    type Key = ActionId;

    fn key(&self) -> ActionId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let ActionFields {
            tactic,
            title,
            owner,
            due,
            status,
            outcome,
        } = &mut self.fields;
        let (b, a) = (&before.fields, &after.fields);
        t.field(0, tactic, &b.tactic, &a.tactic);
        t.field(1, title, &b.title, &a.title);
        t.field(2, owner, &b.owner, &a.owner);
        t.field(3, due, &b.due, &a.due);
        t.field(4, status, &b.status, &a.status);
        t.field(5, outcome, &b.outcome, &a.outcome);
        t.field(
            6,
            &mut self.stakeholder,
            &before.stakeholder,
            &after.stakeholder,
        );
        t.field(
            7,
            &mut self.created_at,
            &before.created_at,
            &after.created_at,
        );
        t
    }
}

impl Record for Touchpoint {
    type Key = TouchpointId;

    fn key(&self) -> TouchpointId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let Touchpoint {
            id: _,
            stakeholder,
            date,
            channel,
            sentiment,
            note,
            influence,
            skepticism,
            created_at,
        } = self;
        t.field(0, stakeholder, &before.stakeholder, &after.stakeholder);
        t.field(1, date, &before.date, &after.date);
        t.field(2, channel, &before.channel, &after.channel);
        t.field(3, sentiment, &before.sentiment, &after.sentiment);
        t.field(4, note, &before.note, &after.note);
        t.field(5, influence, &before.influence, &after.influence);
        t.field(6, skepticism, &before.skepticism, &after.skepticism);
        t.field(7, created_at, &before.created_at, &after.created_at);
        t
    }
}

impl Record for Snapshot {
    type Key = SnapshotId;

    fn key(&self) -> SnapshotId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let Snapshot {
            id: _,
            name,
            taken_at,
            entries,
        } = self;
        t.field(0, name, &before.name, &after.name);
        t.field(1, taken_at, &before.taken_at, &after.taken_at);
        t.field(2, entries, &before.entries, &after.entries);
        t
    }
}
