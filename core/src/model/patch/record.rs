//! How each kind of record takes the changes of an edit, field by field.

use super::{Record, Taken};
use crate::model::action::Action;
use crate::model::evidence::Evidence;
use crate::model::fields::Fields;
use crate::model::history::Snapshot;
use crate::model::ids::{
    ActionId, EvidenceId, RelationshipId, SnapshotId, StakeholderId, TouchpointId,
};
use crate::model::relationship::Relationship;
use crate::model::stakeholder::Stakeholder;
use crate::model::time::Timestamp;
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

    /// Every field of a record's table, from bit `first` on; returns the next free bit.
    fn table<R: Fields>(&mut self, first: u32, now: &mut R, before: &R, after: &R) -> u32 {
        let mut bit = first;
        for f in R::FIELDS {
            let after = (f.get)(after);
            if (f.get)(before) != after {
                self.fields |= 1 << bit;
                if (f.get)(now) != after {
                    (f.set)(now, after.into_owned());
                    self.changed = true;
                }
            }
            bit += 1;
        }
        bit
    }
}

impl Taken {
    /// A record made of a field table and a creation time (a person, an item of evidence):
    /// the table's fields from bit 0, then the creation time.
    fn table_and_created<R: Fields>(
        now: (&mut R, &mut Timestamp),
        before: (&R, &Timestamp),
        after: (&R, &Timestamp),
    ) -> Taken {
        let mut t = Taken::default();
        let next = t.table(0, now.0, before.0, after.0);
        t.field(next, now.1, before.1, after.1);
        t
    }
}

impl Record for Stakeholder {
    type Key = StakeholderId;

    fn key(&self) -> StakeholderId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        // The fields' table lists every field, so a new one cannot be forgotten here.
        Taken::table_and_created(
            (&mut self.fields, &mut self.created_at),
            (&before.fields, &before.created_at),
            (&after.fields, &after.created_at),
        )
    }
}

impl Record for Action {
    type Key = ActionId;

    fn key(&self) -> ActionId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let next = t.table(0, &mut self.fields, &before.fields, &after.fields);
        t.field(
            next,
            &mut self.stakeholder,
            &before.stakeholder,
            &after.stakeholder,
        );
        t.field(
            next + 1,
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
        t.field(
            0,
            &mut self.stakeholder,
            &before.stakeholder,
            &after.stakeholder,
        );
        t.field(
            1,
            &mut self.created_at,
            &before.created_at,
            &after.created_at,
        );
        t.table(2, self, before, after);
        t
    }
}

impl Record for Evidence {
    type Key = EvidenceId;

    fn key(&self) -> EvidenceId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        Taken::table_and_created(
            (&mut self.fields, &mut self.created_at),
            (&before.fields, &before.created_at),
            (&after.fields, &after.created_at),
        )
    }
}

impl Record for Relationship {
    type Key = RelationshipId;

    fn key(&self) -> RelationshipId {
        self.id
    }

    fn take_changes(&mut self, before: &Self, after: &Self) -> Taken {
        let mut t = Taken::default();
        let next = t.table(0, &mut self.fields, &before.fields, &after.fields);
        t.field(
            next,
            &mut self.created_at,
            &before.created_at,
            &after.created_at,
        );
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
