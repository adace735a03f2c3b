//! The form for a metric or a story, built from the evidence field table: each field the kind
//! uses gets the input its kind of value needs, reads what is typed with the same parser as a
//! spreadsheet cell, and is checked by the same rules as a file.

use crate::model::{
    Evidence, EvidenceFields, EvidenceKind, FieldSpec, Fields, Kind, MAX_SHORT_TEXT_CHARS,
};
use crate::state::{use_notices, use_store, Tone};
use leptos::prelude::*;
use std::collections::HashMap;

/// The text shown in a field's input for a record (one cell, as a spreadsheet writes it).
fn shown(f: &FieldSpec<EvidenceFields>, fields: &EvidenceFields) -> String {
    f.cells(fields).join(" ")
}

/// Reads the typed texts into `start`, field by field; the problems by field key.
fn read(
    kind: EvidenceKind,
    start: EvidenceFields,
    typed: &HashMap<&'static str, String>,
) -> Result<EvidenceFields, Vec<(&'static str, String)>> {
    let mut fields = start;
    fields.kind = kind;
    let mut errors = Vec::new();
    for f in EvidenceFields::FIELDS
        .iter()
        .filter(|f| f.key != "kind" && kind.uses(f.key))
    {
        let text = typed.get(f.key).map(String::as_str).unwrap_or("");
        match f.from_cells(&[Some(text)]) {
            Ok(Some(value)) => {
                (f.set)(&mut fields, value);
                if let Some(why) = f.problem(&fields) {
                    errors.push((f.key, why));
                }
            }
            Ok(None) => {}
            Err(why) => errors.push((f.key, why)),
        }
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(errors)
    }
}

/// Adds a metric or story (`editing` is `None`) or edits one; `on_done` runs once it is saved
/// or cancelled.
#[component]
pub fn EvidenceForm(
    kind: EvidenceKind,
    editing: Option<Evidence>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let notices = use_notices();
    let start = editing
        .as_ref()
        .map(|e| e.fields.clone())
        .unwrap_or_else(EvidenceFields::blank);
    let prefix = editing
        .as_ref()
        .map_or_else(|| format!("new-{}", kind.key()), |e| e.id.to_string());
    let typed: RwSignal<HashMap<&'static str, String>> = RwSignal::new(
        EvidenceFields::FIELDS
            .iter()
            .map(|f| (f.key, shown(f, &start)))
            .collect(),
    );
    let errors: RwSignal<Vec<(&'static str, String)>> = RwSignal::new(Vec::new());
    let error_for = move |key: &'static str| {
        errors.with(|e| {
            e.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, why)| why.clone())
                .unwrap_or_default()
        })
    };
    let id = editing.as_ref().map(|e| e.id);
    // The cursor starts in the title, so a keyboard user can type at once.
    super::focus::focus_soon(format!("[id=\"ev-{prefix}-title\"]"));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = typed.with_untracked(|t| read(kind, start.clone(), t));
        match result {
            Err(list) => errors.set(list),
            Ok(fields) => {
                errors.set(Vec::new());
                let title = fields.title.clone();
                let done = match id {
                    Some(id) => store.edit_evidence(id, fields),
                    None => store.add_evidence(fields).is_some(),
                };
                if done {
                    let verb = if id.is_some() { "Saved" } else { "Added" };
                    notices.notify(
                        Tone::Info,
                        format!("{verb} “{title}” in the evidence library."),
                    );
                    on_done.run(());
                }
            }
        }
    };

    let inputs = EvidenceFields::FIELDS
        .iter()
        .filter(|f| f.key != "kind" && kind.uses(f.key))
        .map(|f| {
            let key = f.key;
            let input_id = format!("ev-{prefix}-{key}");
            let err_id = format!("{input_id}-error");
            let value = move || typed.with(|t| t.get(key).cloned().unwrap_or_default());
            let set = move |text: String| {
                typed.update(|t| {
                    t.insert(key, text);
                })
            };
            let invalid = move || (!error_for(key).is_empty()).then_some("true");
            let control = match f.kind {
                Kind::TokenList(set_of) => {
                    // Checkboxes, one per token; the text holds the chosen labels.
                    let boxes = set_of
                        .entries()
                        .map(|(_, label)| {
                            let checked = move || {
                                typed.with(|t| {
                                    t.get(key).is_some_and(|v| {
                                        v.split([';', ',']).any(|p| p.trim() == label)
                                    })
                                })
                            };
                            let toggle = move |on: bool| {
                                typed.update(|t| {
                                    let now = t.get(key).cloned().unwrap_or_default();
                                    let mut chosen: Vec<&str> = set_of
                                        .entries()
                                        .map(|(_, l)| l)
                                        .filter(|l| {
                                            if *l == label {
                                                on
                                            } else {
                                                now.split([';', ',']).any(|p| p.trim() == *l)
                                            }
                                        })
                                        .collect();
                                    chosen.dedup();
                                    t.insert(key, chosen.join("; "));
                                })
                            };
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=checked
                                        on:change=move |ev| toggle(event_target_checked(&ev))
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view();
                    return view! {
                        <fieldset class="causes">
                            <legend>{format!("{}: the doubts it answers", f.label)}</legend>
                            {boxes}
                        </fieldset>
                    }
                    .into_any();
                }
                Kind::Text { max, .. } if max > MAX_SHORT_TEXT_CHARS => view! {
                    <textarea
                        id=input_id.clone()
                        rows="3"
                        aria-describedby=err_id.clone()
                        aria-invalid=invalid
                        prop:value=value
                        on:input=move |ev| set(event_target_value(&ev))
                    ></textarea>
                }
                .into_any(),
                kind => {
                    // One line of text, a date or a number: the same input, typed to suit.
                    let (input_type, inputmode) = match kind {
                        Kind::Date { .. } => ("date", "text"),
                        Kind::Amount => ("text", "decimal"),
                        _ => ("text", "text"),
                    };
                    view! {
                        <input
                            id=input_id.clone()
                            type=input_type
                            inputmode=inputmode
                            autocomplete="off"
                            aria-describedby=err_id.clone()
                            aria-invalid=invalid
                            prop:value=value
                            on:input=move |ev| set(event_target_value(&ev))
                        />
                    }
                    .into_any()
                }
            };
            let hint = match f.kind {
                Kind::Tags => " (separate with commas)",
                Kind::Amount => " (a number)",
                _ => "",
            };
            let required = matches!(f.kind, Kind::Text { required: true, .. });
            view! {
                <div class="field">
                    <label for=input_id>
                        {f.label}
                        {required.then(|| view! { <span class="required">" (required)"</span> })}
                        <span class="hint">{hint}</span>
                    </label>
                    {control}
                    <p class="field-error" id=err_id>{move || error_for(key)}</p>
                </div>
            }
            .into_any()
        })
        .collect_view();

    let heading = match (kind, id.is_some()) {
        (EvidenceKind::Metric, false) => "New metric",
        (EvidenceKind::Story, false) => "New story",
        (EvidenceKind::Metric, true) => "Edit metric",
        (EvidenceKind::Story, true) => "Edit story",
    };
    view! {
        <form class="action-form evidence-form" on:submit=save novalidate>
            <h4>{heading}</h4>
            {inputs}
            <div class="row form-actions">
                <button type="submit" class="primary">{if id.is_some() { "Save" } else { "Add" }}</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
