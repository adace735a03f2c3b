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

use super::autosave::{follow_stored, settle, AutosaveForm, Leftovers, SaveState, SaveStatus};
use crate::model::{
    Field, FieldError, MapId, Op, Quadrant, RootCause, Stakeholder, StakeholderDraft, StakeholderId,
};
use crate::state::{use_selection, use_store, Draft, Pending, Store};
use leptos::prelude::*;
use std::collections::HashSet;

mod inputs;
use inputs::{add_draft_key, keep_add_draft, read_add_draft, Slot};

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
