//! The stakeholder form's inputs ([`Slot`]: what each holds as typed, how it is kept and put
//! back) and the add form's draft as kept in settings.

use super::super::autosave::FormText;
use crate::model::{Field, FieldError, MapId, RootCause, StakeholderDraft, StakeholderFields};
use crate::state::{Draft, Store};
use serde::{Deserialize, Serialize};

/// One input of the form: what the user types into, tracked separately so that a save or a
/// change from elsewhere touches only the inputs the user is not in the middle of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(in crate::components) enum Slot {
    Name,
    Role,
    Organisation,
    Influence,
    Skepticism,
    Causes,
    CaresAbout,
    Notes,
    Tags,
    Cadence,
    TargetInfluence,
    TargetSkepticism,
}

impl Slot {
    pub(super) const ALL: [Slot; 12] = [
        Slot::Name,
        Slot::Role,
        Slot::Organisation,
        Slot::Influence,
        Slot::Skepticism,
        Slot::Causes,
        Slot::CaresAbout,
        Slot::Notes,
        Slot::Tags,
        Slot::Cadence,
        Slot::TargetInfluence,
        Slot::TargetSkepticism,
    ];

    /// The input's name in a kept draft.
    pub(super) fn key(self) -> &'static str {
        match self {
            Slot::Name => "name",
            Slot::Role => "role",
            Slot::Organisation => "organisation",
            Slot::Influence => "influence",
            Slot::Skepticism => "skepticism",
            Slot::Causes => "root_causes",
            Slot::CaresAbout => "cares_about",
            Slot::Notes => "notes",
            Slot::Tags => "tags",
            Slot::Cadence => "cadence",
            Slot::TargetInfluence => "target_influence",
            Slot::TargetSkepticism => "target_skepticism",
        }
    }

    /// The field whose message covers this input (both target numbers share one).
    pub(super) fn field(self) -> Option<Field> {
        Some(match self {
            Slot::Name => Field::Name,
            Slot::Role => Field::Role,
            Slot::Organisation => Field::Organisation,
            Slot::Influence => Field::Influence,
            Slot::Skepticism => Field::Skepticism,
            Slot::Causes => return None,
            Slot::CaresAbout => Field::CaresAbout,
            Slot::Notes => Field::Notes,
            Slot::Tags => Field::Tags,
            Slot::Cadence => Field::Cadence,
            Slot::TargetInfluence | Slot::TargetSkepticism => Field::Target,
        })
    }

    pub(super) fn text(self, d: &StakeholderDraft) -> Option<&String> {
        Some(match self {
            Slot::Name => &d.name,
            Slot::Role => &d.role,
            Slot::Organisation => &d.organisation,
            Slot::Influence => &d.influence,
            Slot::Skepticism => &d.skepticism,
            Slot::Causes => return None,
            Slot::CaresAbout => &d.cares_about,
            Slot::Notes => &d.notes,
            Slot::Tags => &d.tags,
            Slot::Cadence => &d.cadence,
            Slot::TargetInfluence => &d.target_influence,
            Slot::TargetSkepticism => &d.target_skepticism,
        })
    }

    pub(super) fn text_mut(self, d: &mut StakeholderDraft) -> Option<&mut String> {
        Some(match self {
            Slot::Name => &mut d.name,
            Slot::Role => &mut d.role,
            Slot::Organisation => &mut d.organisation,
            Slot::Influence => &mut d.influence,
            Slot::Skepticism => &mut d.skepticism,
            Slot::Causes => return None,
            Slot::CaresAbout => &mut d.cares_about,
            Slot::Notes => &mut d.notes,
            Slot::Tags => &mut d.tags,
            Slot::Cadence => &mut d.cadence,
            Slot::TargetInfluence => &mut d.target_influence,
            Slot::TargetSkepticism => &mut d.target_skepticism,
        })
    }

    /// Copies this input's value from `from` into `to`.
    pub(super) fn copy(self, from: &StakeholderDraft, to: &mut StakeholderDraft) {
        if self == Slot::Causes {
            to.root_causes.clone_from(&from.root_causes);
        } else if let (Some(source), Some(target)) = (self.text(from), self.text_mut(to)) {
            target.clone_from(source);
        }
    }

    /// The input's value as kept in a draft setting (ticked causes as their keys).
    pub(super) fn kept_text(self, d: &StakeholderDraft) -> String {
        match self.text(d) {
            Some(text) => text.clone(),
            None => d
                .root_causes
                .iter()
                .map(|c| c.key())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Puts back a value written by [`Slot::kept_text`].
    pub(super) fn restore(self, d: &mut StakeholderDraft, kept: &str) {
        match self.text_mut(d) {
            Some(text) => kept.clone_into(text),
            None => {
                d.root_causes = kept.split(',').filter_map(RootCause::from_key).collect();
            }
        }
    }

    /// True when this input holds the same in `a` and `b`.
    pub(super) fn same(self, a: &StakeholderDraft, b: &StakeholderDraft) -> bool {
        if self == Slot::Causes {
            a.root_causes == b.root_causes
        } else {
            self.text(a) == self.text(b)
        }
    }

    /// True when one of `problems` belongs to this input.
    pub(super) fn has_problem(self, problems: &[FieldError]) -> bool {
        self.field()
            .is_some_and(|f| problems.iter().any(|p| p.field == f))
    }
}

/// The form's inputs are its [`Slot`]s.
impl FormText for StakeholderDraft {
    type Input = Slot;
    const INPUTS: &'static [Slot] = &Slot::ALL;

    fn name(input: Slot) -> &'static str {
        input.key()
    }

    fn kept_text(&self, input: Slot) -> String {
        input.kept_text(self)
    }

    fn restore(&mut self, input: Slot, kept: &str) {
        input.restore(self, kept);
    }

    fn same(&self, input: Slot, other: &Self) -> bool {
        input.same(self, other)
    }

    fn take(&mut self, input: Slot, from: &Self) {
        input.copy(from, self);
    }
}

/// The add form's draft as kept in settings (JSON). Every field is optional when read, so a
/// draft written by another version still opens.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
pub(super) struct KeptDraft {
    name: String,
    role: String,
    organisation: String,
    influence: String,
    skepticism: String,
    root_causes: Vec<String>,
    cares_about: String,
    notes: String,
    tags: String,
    cadence: String,
    target_influence: String,
    target_skepticism: String,
}

impl KeptDraft {
    pub(super) fn from_draft(d: &StakeholderDraft) -> Self {
        Self {
            name: d.name.clone(),
            role: d.role.clone(),
            organisation: d.organisation.clone(),
            influence: d.influence.clone(),
            skepticism: d.skepticism.clone(),
            root_causes: d.root_causes.iter().map(|c| c.key().to_owned()).collect(),
            cares_about: d.cares_about.clone(),
            notes: d.notes.clone(),
            tags: d.tags.clone(),
            cadence: d.cadence.clone(),
            target_influence: d.target_influence.clone(),
            target_skepticism: d.target_skepticism.clone(),
        }
    }

    pub(super) fn into_draft(self) -> StakeholderDraft {
        StakeholderDraft {
            name: self.name,
            role: self.role,
            organisation: self.organisation,
            influence: self.influence,
            skepticism: self.skepticism,
            root_causes: self
                .root_causes
                .iter()
                .filter_map(|k| RootCause::from_key(k))
                .collect(),
            cares_about: self.cares_about,
            notes: self.notes,
            tags: self.tags,
            cadence: self.cadence,
            target_influence: self.target_influence,
            target_skepticism: self.target_skepticism,
            // A new person: nothing beyond the form to carry over.
            rest: StakeholderFields::default(),
        }
    }
}

/// The settings name of the add form's draft for one map.
pub(super) fn add_draft_key(map: MapId) -> String {
    Draft::NewStakeholder(map).setting()
}

pub(super) fn read_add_draft(store: Store, map: Option<MapId>) -> Option<StakeholderDraft> {
    let text = store.setting(&add_draft_key(map?))?;
    serde_json::from_str::<KeptDraft>(&text)
        .ok()
        .map(KeptDraft::into_draft)
}

/// Keeps (or, when the form is back to blank, forgets) the add form's draft; true when a draft
/// is kept.
pub(super) fn keep_add_draft(store: Store, map: Option<MapId>, draft: &StakeholderDraft) -> bool {
    let Some(map) = map else {
        return false;
    };
    if *draft == StakeholderDraft::blank() {
        store.set_setting(&add_draft_key(map), None);
        return false;
    }
    match serde_json::to_string(&KeptDraft::from_draft(draft)) {
        Ok(json) => store.set_setting(&add_draft_key(map), Some(&json)),
        Err(_) => false,
    }
}
