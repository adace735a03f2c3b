//! Undo and redo: what one step holds, how quick successive edits of the same fields fold into
//! one step, and the words on the buttons.
//!
//! Every step is scoped to the records and fields its edit touched (see `model::patch`), and is
//! applied through the store's one door like any edit, on top of the latest version of the map.
//! So undoing a deletion, a logged contact, a merge or a form edit never takes back what another
//! tab, or the user, changed since to anything else.
//!
//! A step holds one op: the undo stack the op that takes an edit back, the redo stack the op
//! that repeats it. Each time a step is undone or redone, the op for the other stack is read
//! afresh from the version it is applied to (`Workspace::inverse_of`), so undo then redo is no
//! change at all, whatever other tabs did in between.

use crate::model::{
    ActionId, MapId, MapPatch, Op, SnapshotId, StakeholderId, Timestamp, Workspace,
};

/// How many edits can be undone (the issue asks for at least 100).
pub const UNDO_LIMIT: usize = 200;

/// Edits of the same fields closer together than this are one step: the forms save as the user
/// types, and a note typed in one go should come back in one undo, not a letter at a time.
pub const FOLD_WITHIN_MS: i64 = 2_000;

/// Which edit a step is, for folding: the same record and the same set of fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKey {
    /// Fields of a stakeholder (one bit per field).
    Stakeholder(MapId, StakeholderId, u32),
    /// Fields of an action (one bit per field).
    Action(MapId, ActionId, u32),
    /// A map's name.
    MapName(MapId),
    /// A snapshot's name.
    SnapshotName(MapId, SnapshotId),
}

/// One step on the undo or the redo stack: the op that takes it back (or repeats it), what
/// the buttons call it, and, while later edits may still fold in, which edit it is and when it
/// was last made.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    op: Op,
    label: String,
    fold: Option<(EditKey, Timestamp)>,
}

/// What becomes of the reverse of an op the store applies.
pub(crate) enum Recording<'a> {
    /// A new edit: its reverse goes on the undo stack, and what could be redone is dropped.
    Edit,
    /// An undo or a redo: its reverse, read from the version it is applied to, is handed back
    /// for the other stack.
    Replay(&'a mut Option<Op>),
}

impl Step {
    /// The undo step for `op`, read from the workspace just before `op` is applied at `at`;
    /// `None` when `op` cannot apply (it will fail, so there is nothing to undo).
    pub(crate) fn before(w: &Workspace, op: &Op, at: Timestamp) -> Option<Step> {
        let mut step = Step {
            op: w.inverse_of(op)?,
            label: describe(w, op),
            fold: None,
        };
        step.fold = step.key(op).map(|key| (key, at));
        Some(step)
    }

    /// A step for the other stack once this one is undone or redone: `reverse` takes back what
    /// its op just did; the name stays.
    pub(crate) fn turned(&self, reverse: Op) -> Step {
        Step {
            op: reverse,
            label: self.label.clone(),
            fold: None,
        }
    }

    /// Once the edit is applied: the undo of a form edit starts from the record as the edit
    /// left it (the workspace may have tidied what the form sent), and the fields it really
    /// changed decide what folds into it.
    pub(crate) fn settle(&mut self, w: &Workspace) {
        let (Some((key, _)), Op::Patch(p)) = (&mut self.fold, &mut self.op) else {
            return;
        };
        if let EditKey::Stakeholder(.., fields) | EditKey::Action(.., fields) = key {
            if let Some(m) = w.map(p.map) {
                p.start_from_map(m);
            }
            *fields = p.changed_fields();
        }
    }

    fn key(&self, op: &Op) -> Option<EditKey> {
        let fields = || match &self.op {
            Op::Patch(p) => p.changed_fields(),
            _ => 0,
        };
        match op {
            Op::EditStakeholder { map, id, .. } => Some(EditKey::Stakeholder(*map, *id, fields())),
            Op::EditAction { map, id, .. } => Some(EditKey::Action(*map, *id, fields())),
            Op::RenameMap { map, .. } => Some(EditKey::MapName(*map)),
            Op::RenameSnapshot { map, id, .. } => Some(EditKey::SnapshotName(*map, *id)),
            _ => None,
        }
    }

    /// The op to apply when this step is undone (or redone).
    pub(crate) fn op(&self) -> &Op {
        &self.op
    }

    /// The op alone (the name is that of the step it reverses).
    pub(crate) fn into_op(self) -> Op {
        self.op
    }

    /// What the buttons say ("edit Dana Ortiz").
    pub(crate) fn label(&self) -> &str {
        &self.label
    }

    /// Folds a later edit of the same record's same fields into this step: it still takes the
    /// record back to before the first (a rename back to the first name keeps its op as it
    /// is), and knows where the latest left the record, so a fold that ends where it began can
    /// go.
    fn fold_in(&mut self, later: Step) {
        if let (Op::Patch(first), Op::Patch(latest)) = (&mut self.op, &later.op) {
            first.start_from(latest);
        }
        self.label = later.label;
        self.fold = later.fold;
    }

    /// True when the step would change nothing (a note typed and then deleted again).
    fn is_empty(&self) -> bool {
        matches!(&self.op, Op::Patch(p) if patch_is_void(p))
    }
}

/// True when every change of the patch has the same before and after.
fn patch_is_void(p: &MapPatch) -> bool {
    p.stakeholders.placed.is_empty()
        && p.actions.placed.is_empty()
        && p.touchpoints.placed.is_empty()
        && p.snapshots.placed.is_empty()
        && p.history.is_empty()
        && p.readings_dropped.is_empty()
        && p.changed_fields() == 0
        && p.touchpoints.changed.is_empty()
        && p.snapshots.changed.is_empty()
        && p.name.as_ref().is_none_or(|c| c.before == c.after)
        && p.redacted.as_ref().is_none_or(|c| c.before == c.after)
}

/// Adds a new edit's step to the undo stack. An edit of the same record's same fields
/// within [`FOLD_WITHIN_MS`] of the previous one, with no other step between, folds into it;
/// a fold that ends where it began leaves no step. The oldest step goes beyond [`UNDO_LIMIT`].
pub(crate) fn push(stack: &mut Vec<Step>, step: Step) {
    let folds = match (stack.last().and_then(|s| s.fold), step.fold) {
        (Some((key, last)), Some((next, now))) => {
            key == next && (0..FOLD_WITHIN_MS).contains(&(now.unix_millis() - last.unix_millis()))
        }
        _ => false,
    };
    if folds {
        if let Some(top) = stack.last_mut() {
            top.fold_in(step);
            if top.is_empty() {
                stack.pop();
            }
        }
        return;
    }
    stack.push(step);
    if stack.len() > UNDO_LIMIT {
        stack.remove(0);
    }
}

/// Stops the top step from taking in later edits: after an undo or a redo, the next edit is a
/// step of its own.
pub(crate) fn seal(stack: &mut [Step]) {
    if let Some(top) = stack.last_mut() {
        top.fold = None;
    }
}

/// A short description of an edit, for the undo and redo buttons.
pub(crate) fn describe(w: &Workspace, op: &Op) -> String {
    let name_of = |map: MapId, id: StakeholderId| {
        w.map(map)
            .and_then(|m| m.get(id))
            .map(|s| s.name().to_owned())
            .unwrap_or_default()
    };
    let map_name = |map: MapId| w.map(map).map(|m| m.name.clone()).unwrap_or_default();
    match op {
        Op::CreateMap(m) => format!("create map “{}”", m.name),
        Op::RestoreMap(m) => format!("restore map “{}”", m.name),
        Op::MergeMap(p) => format!("merge into “{}”", map_name(p.map)),
        Op::Patch(p) => format!("restore in “{}”", map_name(p.map)),
        Op::MoveMany { moves, .. } => match moves.len() {
            1 => "adopt 1 position".to_owned(),
            n => format!("adopt {n} positions"),
        },
        Op::RenameMap { name, .. } => format!("rename map to “{name}”"),
        Op::DeleteMap { .. } => "delete map".into(),
        Op::AddStakeholder { stakeholder, .. } => format!("add {}", stakeholder.name()),
        Op::EditStakeholder { map, id, .. } => format!("edit {}", name_of(*map, *id)),
        Op::MoveStakeholder { map, id, .. } => format!("move {}", name_of(*map, *id)),
        Op::DeleteStakeholder { map, id } => format!("delete {}", name_of(*map, *id)),
        Op::AddAction { action, .. } => format!("plan “{}”", action.fields.title),
        Op::EditAction { fields, .. } => format!("change “{}”", fields.title),
        Op::DeleteAction { .. } => "delete action".into(),
        Op::LogTouchpoint { map, touchpoint } => {
            format!("log contact with {}", name_of(*map, touchpoint.stakeholder))
        }
        Op::DeleteTouchpoint { .. } => "delete contact".into(),
        Op::SetTarget { map, id, .. } => format!("set target for {}", name_of(*map, *id)),
        Op::TakeSnapshot { snapshot, .. } => format!("take snapshot “{}”", snapshot.name),
        Op::RenameSnapshot { name, .. } => format!("rename snapshot to “{name}”"),
        Op::DeleteSnapshot { .. } => "delete snapshot".into(),
        Op::AddEvidence { item, .. } => format!("add “{}”", item.fields.title),
        Op::EditEvidence { fields, .. } => format!("change “{}”", fields.title),
        Op::DeleteEvidence { .. } => "delete evidence".into(),
        Op::AddRelationship { map, relationship } => format!(
            "record that {} {} {}",
            name_of(*map, relationship.from),
            relationship.fields.kind.verb(),
            name_of(*map, relationship.to)
        ),
        Op::EditRelationship { .. } => "change a relationship".into(),
        Op::DeleteRelationship { .. } => "delete a relationship".into(),
    }
}
