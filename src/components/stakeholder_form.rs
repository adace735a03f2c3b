//! Adding or editing one stakeholder, with inline validation from the core.
//!
//! Nothing typed here may be lost, because people type notes and then click elsewhere on the
//! map without thinking of a button at the bottom of a long form. So:
//!
//! - **Editing** saves as the user goes, through the store's one door: when a field changes
//!   (blur, a ticked box) and when typing pauses, and whatever is still waiting when the form
//!   goes away (another person selected, another tab, the page hidden). A value that breaks a
//!   rule stays in its field with its message and is not saved; the other fields still are.
//!   The form follows changes made elsewhere (a drag on the map, undo) in every field the user
//!   is not in the middle of typing.
//! - **Adding** cannot save a stakeholder before "Add to map", so what is typed is kept as a
//!   draft setting for the open map and comes back when the form is opened again, even after a
//!   reload. "Add to map" and "Cancel" clear it.
//!
//! The timer, the kept leftovers and the status line the other forms share live in
//! [`super::autosave`].

use super::autosave::{
    follow_stored, settle, AutosaveForm, FormText, Leftovers, SaveState, SaveStatus,
};
use crate::model::{
    Field, FieldError, MapId, Op, Quadrant, RootCause, Stakeholder, StakeholderDraft, StakeholderId,
};
use crate::state::{use_selection, use_store, Draft, Pending, Store};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name => "sh-name",
        Field::Role => "sh-role",
        Field::Organisation => "sh-org",
        Field::Influence => "sh-influence",
        Field::Skepticism => "sh-skepticism",
        Field::CaresAbout => "sh-cares",
        Field::Notes => "sh-notes",
        Field::Tags => "sh-tags",
        Field::Cadence => "sh-cadence",
        Field::Target => "sh-target-influence",
    }
}

fn focus_field(field: Field) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(field_id(field)))
    {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Opens the empty "add stakeholder" form with the cursor in its name field (the button, the
/// panel's prompt and the N shortcut all do this).
pub(super) fn open_add_form(store: crate::state::Store) {
    store.selection().start_adding();
    // The form renders on the next frame.
    request_animation_frame(|| focus_field(Field::Name));
}

/// One input of the form: what the user types into, tracked separately so that a save or a
/// change from elsewhere touches only the inputs the user is not in the middle of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Slot {
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
    const ALL: [Slot; 12] = [
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
    fn key(self) -> &'static str {
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
    fn field(self) -> Option<Field> {
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

    fn text(self, d: &StakeholderDraft) -> Option<&String> {
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

    fn text_mut(self, d: &mut StakeholderDraft) -> Option<&mut String> {
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
    fn copy(self, from: &StakeholderDraft, to: &mut StakeholderDraft) {
        if self == Slot::Causes {
            to.root_causes.clone_from(&from.root_causes);
        } else if let (Some(source), Some(target)) = (self.text(from), self.text_mut(to)) {
            target.clone_from(source);
        }
    }

    /// The input's value as kept in a draft setting (ticked causes as their keys).
    fn kept_text(self, d: &StakeholderDraft) -> String {
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
    fn restore(self, d: &mut StakeholderDraft, kept: &str) {
        match self.text_mut(d) {
            Some(text) => kept.clone_into(text),
            None => {
                d.root_causes = kept.split(',').filter_map(RootCause::from_key).collect();
            }
        }
    }

    /// True when this input holds the same in `a` and `b`.
    fn same(self, a: &StakeholderDraft, b: &StakeholderDraft) -> bool {
        if self == Slot::Causes {
            a.root_causes == b.root_causes
        } else {
            self.text(a) == self.text(b)
        }
    }

    /// True when one of `problems` belongs to this input.
    fn has_problem(self, problems: &[FieldError]) -> bool {
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
struct KeptDraft {
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
    fn from_draft(d: &StakeholderDraft) -> Self {
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

    fn into_draft(self) -> StakeholderDraft {
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
        }
    }
}

/// The settings name of the add form's draft for one map.
fn add_draft_key(map: MapId) -> String {
    Draft::NewStakeholder(map).setting()
}

fn read_add_draft(store: Store, map: Option<MapId>) -> Option<StakeholderDraft> {
    let text = store.setting(&add_draft_key(map?))?;
    serde_json::from_str::<KeptDraft>(&text)
        .ok()
        .map(KeptDraft::into_draft)
}

/// Keeps (or, when the form is back to blank, forgets) the add form's draft; true when a draft
/// is kept.
fn keep_add_draft(store: Store, map: Option<MapId>, draft: &StakeholderDraft) -> bool {
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

/// The settings name of what an editing form could not save yet for one stakeholder: the text
/// of inputs that break a rule, kept until they are fixed so that leaving the person does not
/// drop them, and typing still waiting when the page was hidden.
fn unsaved_key(map: MapId, id: StakeholderId) -> String {
    Draft::Details(map, id).setting()
}

/// How many fields are marked as not saved (both target numbers share one).
fn marked(problems: &[FieldError]) -> usize {
    problems
        .iter()
        .map(|p| p.field)
        .collect::<HashSet<Field>>()
        .len()
}

/// The stakeholder `id` of `map` as stored now, if it still exists.
fn stored(store: Store, map: MapId, id: StakeholderId) -> Option<Stakeholder> {
    store
        .workspace()
        .try_with_untracked(|w| w.map(map).and_then(|m| m.get(id)).cloned())
        .flatten()
}

/// The form; `editing` is `None` when adding.
#[component]
pub fn StakeholderForm(editing: Option<Stakeholder>) -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let map = untrack(|| store.current_id());
    let id = editing.as_ref().map(|s| s.id);
    let adding = editing.is_none();
    let restored = if adding {
        read_add_draft(store, map)
    } else {
        None
    };
    let had_draft = restored.is_some();
    let draft = RwSignal::new(
        editing
            .as_ref()
            .map(StakeholderDraft::from_stakeholder)
            .or(restored)
            .unwrap_or_else(StakeholderDraft::blank),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let state = RwSignal::new(SaveState::initial(adding, had_draft));
    // What storage holds, as form text, and which inputs hold typing not saved yet.
    let base = StoredValue::new(draft.get_untracked());
    let dirty = StoredValue::new(HashSet::<Slot>::new());
    // Editing: typing this form could not save last time (a value that broke a rule, or typing
    // cut short by a reload) comes back, marked, and is saved now if it can be.
    let name = map.zip(id).map(|(m, i)| unsaved_key(m, i));
    let kept = Leftovers::read(store, name, draft, dirty);
    let keeping = kept.clone();
    if kept.found {
        let problems = draft.with_untracked(|d| d.validate().err().unwrap_or_default());
        state.set(SaveState::resumed(marked(&problems)));
        errors.set(problems);
    }

    // Editing: the save that runs when typing pauses. It writes to the stakeholder this form
    // was opened for, captured here, whatever is selected by the time it runs.
    let save = move |leaving: bool| {
        let (Some(map), Some(id)) = (map, id) else {
            return;
        };
        let Some(typed) = draft.try_get_untracked() else {
            return;
        };
        // Deleted meanwhile (or its map): nothing to save into.
        let Some(now) = stored(store, map, id) else {
            return;
        };
        let mut problems = typed.validate().err().unwrap_or_default();
        // Inputs that break a rule keep their text on screen but save what was there before.
        let stored_text = StakeholderDraft::from_stakeholder(&now);
        let mut merged = typed.clone();
        for slot in Slot::ALL {
            if slot.has_problem(&problems) {
                slot.copy(&stored_text, &mut merged);
            }
        }
        // What is stored may break the form's rules itself (it came from an older file): then
        // those fields are marked too.
        let (saved, refused) = settle(
            merged.validate(),
            &now.fields,
            &mut problems,
            |p| p.field,
            |fields| {
                let mut after = now.clone();
                after.fields = fields.clone();
                // Known before the store reports back, so the echo of this save is not taken
                // for a change made elsewhere.
                base.try_set_value(StakeholderDraft::from_stakeholder(&after));
                // Into the map the form was opened on, even if another is open by now.
                let ok = store.dispatch(Op::EditStakeholder { map, id, fields });
                if !ok {
                    base.try_set_value(stored_text);
                }
                ok
            },
        );
        if saved {
            dirty.try_update_value(|d| d.retain(|slot| slot.has_problem(&problems)));
        }
        // What could not be saved is kept until it is fixed, so leaving does not drop it.
        kept.after_save(
            leaving,
            &typed,
            Slot::ALL
                .into_iter()
                .filter(|slot| slot.has_problem(&problems)),
        );
        state.try_set(if refused {
            SaveState::Refused
        } else {
            SaveState::checked(marked(&problems))
        });
        errors.try_set(problems);
    };
    let autosave = keeping.autosave(save, draft, dirty);

    if let (Some(map), Some(id)) = (map, id) {
        // Changes from elsewhere (a drag on the map, undo, another tab) reach every input the
        // user is not in the middle of typing.
        follow_stored(
            move || {
                store
                    .workspace()
                    .with(|w| w.map(map).and_then(|m| m.get(id)).cloned())
            },
            StakeholderDraft::from_stakeholder,
            base,
            dirty,
            draft,
            move || {
                if errors.with_untracked(|e| !e.is_empty()) {
                    errors.set(draft.with_untracked(|d| d.validate().err().unwrap_or_default()));
                }
            },
        );
    }

    let error_for = move |field: Field| {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };

    // Every input goes through here.
    let update = move |slot: Slot, f: &dyn Fn(&mut StakeholderDraft), typing: bool| {
        draft.update(|d| f(d));
        // A message already shown follows the typing, so it goes as soon as the value is fixed.
        if errors.with_untracked(|e| !e.is_empty()) {
            errors.set(draft.with_untracked(|d| d.validate().err().unwrap_or_default()));
        }
        if adding {
            let kept = draft.with_untracked(|d| keep_add_draft(store, map, d));
            state.set(if kept {
                SaveState::DraftKept
            } else {
                SaveState::Empty
            });
            return;
        }
        dirty.update_value(|d| {
            d.insert(slot);
        });
        state.set(SaveState::Saving);
        autosave.edited(typing);
    };
    let text_changed = move |slot: Slot, value: String| {
        update(
            slot,
            &move |d| {
                if let Some(t) = slot.text_mut(d) {
                    t.clone_from(&value);
                }
            },
            true,
        );
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !adding {
            // Enter in a field: save now.
            autosave.changed();
            return;
        }
        match draft.with_untracked(StakeholderDraft::validate) {
            Err(list) => {
                if let Some(first) = list.first() {
                    focus_field(first.field);
                }
                errors.set(list);
            }
            Ok(fields) => {
                errors.set(Vec::new());
                if store.add_stakeholder(fields).is_some() {
                    if let Some(map) = map {
                        store.set_setting(&add_draft_key(map), None);
                    }
                }
            }
        }
    };

    let quadrant = move || {
        draft.with(|d| {
            match (
                d.influence.trim().parse::<u8>(),
                d.skepticism.trim().parse::<u8>(),
            ) {
                (Ok(i), Ok(s)) if i <= 100 && s <= 100 => Some(
                    crate::model::Position {
                        influence: i,
                        skepticism: s,
                    }
                    .quadrant(),
                ),
                _ => None,
            }
        })
    };

    let value_of =
        move |slot: Slot| move || draft.with(|d| slot.text(d).cloned().unwrap_or_default());

    let text_input = move |slot: Slot, label: &'static str, required: bool| {
        let field = slot.field().unwrap_or(Field::Name);
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field">
                <label for=field_id(field)>
                    {label}
                    {required.then(|| view! { <span class="required">" (required)"</span> })}
                </label>
                <input
                    id=field_id(field)
                    type="text"
                    prop:value=value_of(slot)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    aria-required=required.to_string()
                    on:input=move |ev| text_changed(slot, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };
    let number_input = move |slot: Slot, label: &'static str, hint: &'static str| {
        let field = slot.field().unwrap_or(Field::Influence);
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field field-number">
                <label for=field_id(field)>{label}" "<span class="hint">{hint}</span></label>
                <input
                    id=field_id(field)
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    prop:value=value_of(slot)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| text_changed(slot, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };
    let area_input = move |slot: Slot, label: &'static str| {
        let field = slot.field().unwrap_or(Field::Notes);
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field">
                <label for=field_id(field)>{label}</label>
                <textarea
                    id=field_id(field)
                    rows="3"
                    prop:value=value_of(slot)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| text_changed(slot, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                ></textarea>
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };

    let close = move |_| {
        if adding {
            // Cancelling the add form is the explicit way to throw its draft away.
            if let Some(map) = map {
                store.set_setting(&add_draft_key(map), None);
            }
            selection.stop_adding();
        } else {
            autosave.flush();
            selection.select(None);
        }
    };

    view! {
        <AutosaveForm
            class="stakeholder-form"
            label=if adding { "New stakeholder" } else { "Stakeholder details" }
            autosave=autosave
            on_submit=submit
        >
            {adding.then(|| view! {
                <div class="form-head">
                    <h2 id="form-title">"New stakeholder"</h2>
                </div>
            })}
            <p class="quadrant-readout" aria-live="polite">
                "Quadrant: "
                {move || quadrant().map(|q: Quadrant| view! {
                    <span class=format!("chip q-{}", q.key())>{q.name()}</span>
                    " "
                    <span class="hint">{q.short_stance()}</span>
                })}
            </p>
            {text_input(Slot::Name, "Name", true)}
            {text_input(Slot::Role, "Role", false)}
            {text_input(Slot::Organisation, "Organisation or unit", false)}
            <div class="field-pair">
                {number_input(Slot::Influence, "Influence", "0–100")}
                {number_input(Slot::Skepticism, "Skepticism", "0 convinced – 100 opposed")}
            </div>
            <fieldset class="target-fields">
                <legend>"Target position (where the plan aims to move them)"</legend>
                <div class="field-pair">
                    {number_input(Slot::TargetInfluence, "Target influence", "")}
                    <div class="field field-number">
                        <label for="sh-target-skepticism">"Target skepticism"</label>
                        <input
                            id="sh-target-skepticism"
                            type="number"
                            min="0"
                            max="100"
                            step="1"
                            inputmode="numeric"
                            prop:value=value_of(Slot::TargetSkepticism)
                            aria-invalid=move || error_for(Field::Target).is_some().to_string()
                            aria-describedby="sh-target-influence-error"
                            on:input=move |ev| text_changed(Slot::TargetSkepticism, event_target_value(&ev))
                            on:change=move |_| autosave.flush()
                        />
                    </div>
                </div>
                <p class="hint">"Leave both empty for no target. Once set, drag the faint target on the map or move it with the arrow keys."</p>
            </fieldset>
            <fieldset class="causes">
                <legend>"Why skeptical (root causes)"</legend>
                {RootCause::ALL
                    .into_iter()
                    .map(|cause| {
                        let cid = format!("cause-{}", cause.key());
                        view! {
                            <div class="check">
                                <input
                                    type="checkbox"
                                    id=cid.clone()
                                    prop:checked=move || draft.with(|d| d.root_causes.contains(&cause))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        update(
                                            Slot::Causes,
                                            &|d| {
                                                d.root_causes.retain(|c| *c != cause);
                                                if on {
                                                    d.root_causes.push(cause);
                                                }
                                            },
                                            false,
                                        );
                                    }
                                />
                                <label for=cid title=cause.description()>{cause.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {area_input(Slot::CaresAbout, "What they care about (priorities, measures they own)")}
            {area_input(Slot::Notes, "Notes")}
            {text_input(Slot::Tags, "Tags (separate with commas)", false)}
            <div class="field">
                <label for="sh-cadence">
                    "Contact every … days "
                    <span class="hint">
                        {move || {
                            quadrant()
                                .map(|q| format!(
                                    "(empty: {} for {})",
                                    crate::model::cadence_words(q.default_cadence_days()),
                                    q.name()
                                ))
                                .unwrap_or_default()
                        }}
                    </span>
                </label>
                <input
                    id="sh-cadence"
                    type="number"
                    min="1"
                    max="365"
                    inputmode="numeric"
                    prop:value=value_of(Slot::Cadence)
                    aria-invalid=move || error_for(Field::Cadence).is_some().to_string()
                    aria-describedby="sh-cadence-error"
                    on:input=move |ev| text_changed(Slot::Cadence, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id="sh-cadence-error">{move || error_for(Field::Cadence)}</p>
            </div>
            <div class="form-actions">
                <SaveStatus state=state />
                <div class="row">
                    {adding.then(|| view! {
                        <button type="submit" class="primary">"Add to map"</button>
                    })}
                    <button type="button" on:click=close>
                        {if adding { "Cancel" } else { "Close" }}
                    </button>
                    {id.map(|id| view! {
                        <button
                            type="button"
                            class="danger"
                            on:click=move |_| {
                                autosave.flush();
                                store.request(Pending::DeleteStakeholder(id));
                            }
                        >
                            "Delete stakeholder"
                        </button>
                    })}
                </div>
            </div>
        </AutosaveForm>
    }
}
