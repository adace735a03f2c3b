//! Adding or editing one stakeholder, with inline validation from the core.

use crate::model::{Field, FieldError, Quadrant, RootCause, Stakeholder, StakeholderDraft};
use crate::state::{use_store, Pending};
use leptos::prelude::*;

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
    store.start_adding();
    // The form renders on the next frame.
    request_animation_frame(|| focus_field(Field::Name));
}

/// The form; `editing` is `None` when adding.
#[component]
pub fn StakeholderForm(editing: Option<Stakeholder>) -> impl IntoView {
    let store = use_store();
    let id = editing.as_ref().map(|s| s.id);
    let draft = RwSignal::new(
        editing
            .as_ref()
            .map(StakeholderDraft::from_stakeholder)
            .unwrap_or_else(StakeholderDraft::blank),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let tried = RwSignal::new(false);
    let saved_note = RwSignal::new(false);

    let error_for = move |field: Field| {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };
    // After a first failed save, re-check as the user types.
    let update = move |f: &dyn Fn(&mut StakeholderDraft)| {
        draft.update(|d| f(d));
        saved_note.set(false);
        if tried.get_untracked() {
            errors.set(draft.with_untracked(|d| d.validate().err().unwrap_or_default()));
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        match draft.with_untracked(StakeholderDraft::validate) {
            Err(list) => {
                if let Some(first) = list.first() {
                    focus_field(first.field);
                }
                errors.set(list);
            }
            Ok(fields) => {
                errors.set(Vec::new());
                match id {
                    Some(id) => {
                        if store.edit_stakeholder(id, fields) {
                            saved_note.set(true);
                        }
                    }
                    None => {
                        store.add_stakeholder(fields);
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

    let text_input = move |field: Field,
                           label: &'static str,
                           get: fn(&StakeholderDraft) -> String,
                           set: fn(&mut StakeholderDraft, String),
                           required: bool| {
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
                    prop:value=move || draft.with(get)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    aria-required=required.to_string()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|d| set(d, v.clone()));
                    }
                />
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };
    let number_input = move |field: Field,
                             label: &'static str,
                             hint: &'static str,
                             get: fn(&StakeholderDraft) -> String,
                             set: fn(&mut StakeholderDraft, String)| {
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
                    prop:value=move || draft.with(get)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|d| set(d, v.clone()));
                    }
                />
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };
    let area_input = move |field: Field,
                           label: &'static str,
                           get: fn(&StakeholderDraft) -> String,
                           set: fn(&mut StakeholderDraft, String)| {
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field">
                <label for=field_id(field)>{label}</label>
                <textarea
                    id=field_id(field)
                    rows="3"
                    prop:value=move || draft.with(get)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|d| set(d, v.clone()));
                    }
                ></textarea>
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };

    let adding = editing.is_none();

    view! {
        <form class="stakeholder-form" on:submit=submit novalidate aria-label=if adding { "New stakeholder" } else { "Stakeholder details" }>
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
            {text_input(Field::Name, "Name", |d| d.name.clone(), |d, v| d.name = v, true)}
            {text_input(Field::Role, "Role", |d| d.role.clone(), |d, v| d.role = v, false)}
            {text_input(Field::Organisation, "Organisation or unit", |d| d.organisation.clone(), |d, v| d.organisation = v, false)}
            <div class="field-pair">
                {number_input(Field::Influence, "Influence", "0–100", |d| d.influence.clone(), |d, v| d.influence = v)}
                {number_input(Field::Skepticism, "Skepticism", "0 convinced – 100 opposed", |d| d.skepticism.clone(), |d, v| d.skepticism = v)}
            </div>
            <fieldset class="target-fields">
                <legend>"Target position (where the plan aims to move them)"</legend>
                <div class="field-pair">
                    {number_input(Field::Target, "Target influence", "", |d| d.target_influence.clone(), |d, v| d.target_influence = v)}
                    <div class="field field-number">
                        <label for="sh-target-skepticism">"Target skepticism"</label>
                        <input
                            id="sh-target-skepticism"
                            type="number"
                            min="0"
                            max="100"
                            step="1"
                            inputmode="numeric"
                            prop:value=move || draft.with(|d| d.target_skepticism.clone())
                            aria-invalid=move || error_for(Field::Target).is_some().to_string()
                            aria-describedby="sh-target-influence-error"
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                update(&|d| d.target_skepticism = v.clone());
                            }
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
                                        update(&|d| {
                                            d.root_causes.retain(|c| *c != cause);
                                            if on {
                                                d.root_causes.push(cause);
                                            }
                                        });
                                    }
                                />
                                <label for=cid title=cause.description()>{cause.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {area_input(Field::CaresAbout, "What they care about (priorities, measures they own)", |d| d.cares_about.clone(), |d, v| d.cares_about = v)}
            {area_input(Field::Notes, "Notes", |d| d.notes.clone(), |d, v| d.notes = v)}
            {text_input(Field::Tags, "Tags (separate with commas)", |d| d.tags.clone(), |d, v| d.tags = v, false)}
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
                    prop:value=move || draft.with(|d| d.cadence.clone())
                    aria-invalid=move || error_for(Field::Cadence).is_some().to_string()
                    aria-describedby="sh-cadence-error"
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|d| d.cadence = v.clone());
                    }
                />
                <p class="field-error" id="sh-cadence-error">{move || error_for(Field::Cadence)}</p>
            </div>
            <div class="row form-actions">
                <button type="submit" class="primary">
                    {if id.is_some() { "Save changes" } else { "Add to map" }}
                </button>
                <button
                    type="button"
                    on:click=move |_| {
                        if id.is_some() {
                            store.select(None);
                        } else {
                            store.stop_adding();
                        }
                    }
                >
                    {if id.is_some() { "Close" } else { "Cancel" }}
                </button>
                {id.map(|id| view! {
                    <button
                        type="button"
                        class="danger"
                        on:click=move |_| store.request(Pending::DeleteStakeholder(id))
                    >
                        "Delete stakeholder"
                    </button>
                })}
            </div>
            <p class="saved-note" role="status">
                {move || saved_note.get().then_some("Changes saved.")}
            </p>
        </form>
    }
}
