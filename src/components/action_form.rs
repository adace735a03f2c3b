//! Adding or editing one action: tactic (or custom), title, owner, due date, status, outcome.
//!
//! Like the stakeholder form, nothing typed here is thrown away. Editing an action saves as the
//! user goes (on change, when typing pauses, and when the form goes away), keeping a value that
//! breaks a rule in its field with its message while the other fields save. A new action cannot
//! be saved before "Add action", so its typing is kept as a draft setting per stakeholder and
//! comes back when the form is opened again; "Add action" and "Cancel" clear it.
//!
//! "Plan this" on a suggestion opens this form for the tactic: titled after it, the due date
//! proposed from the stakeholder's contact cadence (today + their cadence), and the cursor in
//! the owner field, since the owner is what the user must decide. A new action due in the past
//! is questioned, with a way to plan it anyway, rather than refused. Once added, the store says
//! what was planned, and the new card is brought into view with the keyboard on it.

use super::autosave::{
    follow_stored, settle, AutosaveForm, FormText, Leftovers, SaveState, SaveStatus,
};
use crate::model::{
    field, message_for, validate_action, Action, ActionFields, ActionId, ActionStatus, Fields,
    FormError, Kind, LocalDate, MapId, Op, StakeholderId, Tactic,
};
use crate::state::{use_store, Draft, Store};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The form's inputs as the user set them.
#[derive(Clone, Debug, PartialEq)]
struct Typed {
    tactic: Option<Tactic>,
    title: String,
    owner: String,
    due: String,
    status: ActionStatus,
    outcome: String,
    /// The agreed measure's inputs, in [`MEASURE`] order, as typed.
    measure: [String; 4],
}

/// The agreed measure's fields (keys of the action's field table), read and checked by the
/// table as a spreadsheet cell is.
const MEASURE: [&str; 4] = [
    "measure",
    "measure_baseline",
    "measure_target",
    "measure_result",
];

/// The inputs, by the names the validation messages use.
const INPUTS: [&str; 10] = [
    "tactic", "title", "owner", "due", "status", "outcome", MEASURE[0], MEASURE[1], MEASURE[2],
    MEASURE[3],
];

/// Where a measure input sits in [`MEASURE`].
fn measure_slot(input: &str) -> Option<usize> {
    MEASURE.iter().position(|k| *k == input)
}

impl Typed {
    fn blank() -> Self {
        Self {
            tactic: None,
            title: String::new(),
            owner: String::new(),
            due: String::new(),
            status: ActionStatus::Planned,
            outcome: String::new(),
            measure: Default::default(),
        }
    }

    fn from_fields(f: &ActionFields) -> Self {
        Self {
            tactic: f.tactic,
            title: f.title.clone(),
            owner: f.owner.clone(),
            due: f.due.map(|d| d.iso()).unwrap_or_default(),
            status: f.status,
            outcome: f.outcome.clone(),
            measure: MEASURE.map(|key| {
                field::<ActionFields>(key)
                    .map(|spec| spec.cells(f).join(" "))
                    .unwrap_or_default()
            }),
        }
    }

    fn validate(&self) -> Result<ActionFields, Vec<FormError>> {
        let checked = validate_action(
            self.tactic,
            &self.title,
            &self.owner,
            &self.due,
            self.status,
            &self.outcome,
        );
        let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
        let mut fields = checked.unwrap_or_else(|_| ActionFields::blank());
        for (key, text) in MEASURE.iter().zip(&self.measure) {
            let Some(spec) = field::<ActionFields>(key) else {
                continue;
            };
            match spec.from_cells(&[Some(text)]) {
                Ok(Some(value)) => {
                    (spec.set)(&mut fields, value);
                    if let Some(why) = spec.problem(&fields) {
                        errors.push(FormError {
                            field: key,
                            message: why,
                        });
                    }
                }
                Ok(None) => {}
                Err(why) => errors.push(FormError {
                    field: key,
                    message: why,
                }),
            }
        }
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }
}

/// Inputs are named as in [`INPUTS`].
impl FormText for Typed {
    type Input = &'static str;
    const INPUTS: &'static [&'static str] = &INPUTS;

    fn name(input: &'static str) -> &'static str {
        input
    }

    fn take(&mut self, input: &'static str, from: &Typed) {
        match input {
            "tactic" => self.tactic = from.tactic,
            "title" => self.title.clone_from(&from.title),
            "owner" => self.owner.clone_from(&from.owner),
            "due" => self.due.clone_from(&from.due),
            "status" => self.status = from.status,
            "outcome" => self.outcome.clone_from(&from.outcome),
            other => {
                if let Some(i) = measure_slot(other) {
                    self.measure[i].clone_from(&from.measure[i]);
                }
            }
        }
    }

    /// The tactic and status are kept as their keys.
    fn kept_text(&self, input: &'static str) -> String {
        match input {
            "tactic" => self.tactic.map(|t| t.key()).unwrap_or_default().to_owned(),
            "title" => self.title.clone(),
            "owner" => self.owner.clone(),
            "due" => self.due.clone(),
            "status" => self.status.key().to_owned(),
            "outcome" => self.outcome.clone(),
            other => measure_slot(other)
                .map(|i| self.measure[i].clone())
                .unwrap_or_default(),
        }
    }

    fn restore(&mut self, input: &'static str, kept: &str) {
        match input {
            "tactic" => self.tactic = Tactic::from_key(kept),
            "title" => kept.clone_into(&mut self.title),
            "owner" => kept.clone_into(&mut self.owner),
            "due" => kept.clone_into(&mut self.due),
            "status" => {
                if let Some(s) = ActionStatus::from_key(kept) {
                    self.status = s;
                }
            }
            "outcome" => kept.clone_into(&mut self.outcome),
            other => {
                if let Some(i) = measure_slot(other) {
                    kept.clone_into(&mut self.measure[i]);
                }
            }
        }
    }

    fn same(&self, input: &'static str, other: &Typed) -> bool {
        let mut copy = other.clone();
        copy.take(input, self);
        copy == *other
    }
}

/// A new action's draft as kept in settings (JSON); unknown or missing parts are left blank.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct KeptAction {
    tactic: Option<String>,
    title: String,
    owner: String,
    due: String,
    status: String,
    outcome: String,
    measure: Vec<String>,
}

impl KeptAction {
    fn from_typed(t: &Typed) -> Self {
        Self {
            tactic: t.tactic.map(|t| t.key().to_owned()),
            title: t.title.clone(),
            owner: t.owner.clone(),
            due: t.due.clone(),
            status: t.status.key().to_owned(),
            outcome: t.outcome.clone(),
            measure: t.measure.to_vec(),
        }
    }

    fn into_typed(self) -> Typed {
        Typed {
            tactic: self.tactic.as_deref().and_then(Tactic::from_key),
            title: self.title,
            owner: self.owner,
            due: self.due,
            status: ActionStatus::from_key(&self.status).unwrap_or(ActionStatus::Planned),
            outcome: self.outcome,
            measure: std::array::from_fn(|i| self.measure.get(i).cloned().unwrap_or_default()),
        }
    }
}

/// The settings name of the new-action draft for one stakeholder.
fn draft_key(map: MapId, stakeholder: StakeholderId) -> String {
    Draft::NewAction(map, stakeholder).setting()
}

/// The settings name of what editing an action could not save yet (text that breaks a rule,
/// or typing still waiting when the page was hidden); the card opens its form again while
/// there is some.
pub(super) fn unsaved_key(map: MapId, id: ActionId) -> String {
    Draft::EditAction(map, id).setting()
}

/// The action `id` of `map` as stored now, if it still exists.
fn stored(store: Store, map: MapId, id: ActionId) -> Option<ActionFields> {
    store
        .workspace()
        .try_with_untracked(|w| {
            w.map(map)
                .and_then(|m| m.action(id))
                .map(|a| a.fields.clone())
        })
        .flatten()
}

/// True when `due` is the text of a date before `today`.
fn in_past(due: &str, today: LocalDate) -> bool {
    LocalDate::parse_iso(due.trim()).is_some_and(|d| d < today)
}

/// The action form. `editing` is `None` for a new action for `stakeholder`; `plan` prefills a new
/// one for a suggested tactic (see the module docs); `on_done` runs after "Add action",
/// "Cancel" or "Done".
#[component]
pub fn ActionForm(
    stakeholder: StakeholderId,
    editing: Option<Action>,
    #[prop(optional)] plan: Option<Tactic>,
    /// A new action's fields worked out elsewhere (a route through an ally), to review.
    #[prop(optional)]
    prefill: Option<ActionFields>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let map = untrack(|| store.current_id());
    let id = editing.as_ref().map(|a| a.id);
    let adding = id.is_none();
    let plan = plan.filter(|_| adding);
    let prefill_given = prefill.as_ref().map(|_| ());
    let today = untrack(|| store.today());
    let draft_name = map.map(|m| draft_key(m, stakeholder));
    // A suggestion being planned replaces a kept draft: the user just asked for this tactic.
    let restored = draft_name
        .as_deref()
        .filter(|_| adding && plan.is_none() && prefill_given.is_none())
        .and_then(|name| store.setting(name))
        .and_then(|json| serde_json::from_str::<KeptAction>(&json).ok())
        .map(KeptAction::into_typed);
    let had_draft = restored.is_some();
    let planned = plan.map(|tactic| {
        let cadence = untrack(|| store.stakeholder(stakeholder)).map(|s| s.cadence_days());
        Typed {
            tactic: Some(tactic),
            title: tactic.name().to_owned(),
            due: cadence
                .and_then(|days| today.plus_days(i64::from(days)))
                .map(|d| d.iso())
                .unwrap_or_default(),
            ..Typed::blank()
        }
    });
    let prefilled = prefill.filter(|_| adding).map(|f| Typed::from_fields(&f));
    let typed = RwSignal::new(
        editing
            .as_ref()
            .map(|a| Typed::from_fields(&a.fields))
            .or(prefilled)
            .or(planned)
            .or(restored)
            .unwrap_or_else(Typed::blank),
    );
    // The due text the user confirmed although it is in the past.
    let past_confirmed = RwSignal::new(None::<String>);
    let due_questioned = move || {
        adding
            && typed.with(|t| {
                in_past(&t.due, today) && past_confirmed.with(|c| c.as_deref() != Some(&t.due))
            })
    };
    let owner_ref = NodeRef::<leptos::html::Input>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    if plan.is_some() {
        Effect::new(move |_| {
            if let Some(el) = owner_ref.get() {
                let _ = el.focus();
            }
        });
    }
    let errors = RwSignal::new(Vec::<FormError>::new());
    let state = RwSignal::new(SaveState::initial(adding, had_draft));
    let base = StoredValue::new(typed.get_untracked());
    let dirty = StoredValue::new(HashSet::<&'static str>::new());
    // Editing: typing this form could not save last time (a value that broke a rule, or typing
    // cut short by a reload) comes back, marked, and is saved now if it can be.
    let name = map.zip(id).map(|(m, i)| unsaved_key(m, i));
    let kept = Leftovers::read(store, name, typed, dirty);
    let keeping = kept.clone();
    if kept.found {
        let problems = typed.with_untracked(|t| t.validate().err().unwrap_or_default());
        state.set(SaveState::resumed(problems.len()));
        errors.set(problems);
    }
    let owners = Memo::new(move |_| store.with_current(|m| m.all_owners()).unwrap_or_default());
    let key = id.map(|i| i.to_string()).unwrap_or_else(|| "new".into());
    let fid = move |name: &str| format!("action-{key}-{name}");
    let error_for = move |field: &'static str| errors.with(|e| message_for(e, field));

    // Editing: saves into the action this form was opened for.
    let save = move |leaving: bool| {
        let (Some(map), Some(id)) = (map, id) else {
            return;
        };
        let (Some(now), Some(t)) = (stored(store, map, id), typed.try_get_untracked()) else {
            return;
        };
        let mut problems = t.validate().err().unwrap_or_default();
        // Inputs that break a rule keep their text on screen but save what was there before.
        let stored_text = Typed::from_fields(&now);
        let mut merged = t.clone();
        for p in &problems {
            merged.take(p.field, &stored_text);
        }
        // What is stored may break the form's rules itself: then those fields are marked too.
        let (saved, refused) = settle(
            merged.validate(),
            &now,
            &mut problems,
            |p| p.field,
            |fields| {
                base.try_set_value(Typed::from_fields(&fields));
                // Into the map the form was opened on, even if another is open by now.
                let ok = store.dispatch(Op::EditAction { map, id, fields });
                if !ok {
                    base.try_set_value(stored_text);
                }
                ok
            },
        );
        if saved {
            dirty
                .try_update_value(|d| d.retain(|input| problems.iter().any(|p| p.field == *input)));
        }
        // What could not be saved is kept until it is fixed, so leaving does not drop it.
        kept.after_save(leaving, &t, problems.iter().map(|p| p.field));
        state.try_set(if refused {
            SaveState::Refused
        } else {
            SaveState::checked(problems.len())
        });
        errors.try_set(problems);
    };
    let autosave = keeping.autosave(save, typed, dirty);

    if let (Some(map), Some(id)) = (map, id) {
        // Undo, or another tab, reaches every input the user is not in the middle of.
        follow_stored(
            move || {
                store.workspace().with(|w| {
                    w.map(map)
                        .and_then(|m| m.action(id))
                        .map(|a| a.fields.clone())
                })
            },
            Typed::from_fields,
            base,
            dirty,
            typed,
            || {},
        );
    }

    // Every input goes through here; `typing` waits for a pause, otherwise it saves at once.
    let update = move |inputs: &[&'static str], f: &dyn Fn(&mut Typed), typing: bool| {
        typed.update(|t| f(t));
        if errors.with_untracked(|e| !e.is_empty()) {
            errors.set(typed.with_untracked(|t| t.validate().err().unwrap_or_default()));
        }
        if adding {
            let blank = typed.with_untracked(|t| *t == Typed::blank());
            let kept = match &map.map(|m| draft_key(m, stakeholder)) {
                Some(name) if !blank => typed
                    .with_untracked(|t| serde_json::to_string(&KeptAction::from_typed(t)))
                    .is_ok_and(|json| store.set_setting(name, Some(&json))),
                Some(name) => {
                    store.set_setting(name, None);
                    false
                }
                None => false,
            };
            state.set(if kept {
                SaveState::DraftKept
            } else {
                SaveState::Empty
            });
            return;
        }
        dirty.update_value(|d| d.extend(inputs.iter().copied()));
        state.set(SaveState::Saving);
        autosave.edited(typing);
    };
    let forget_draft = move || {
        if let (true, Some(map)) = (adding, map) {
            store.set_setting(&draft_key(map, stakeholder), None);
        }
    };

    // A text input's value, and what typing into it does.
    let value_of = move |input: &'static str| move || typed.with(|t| t.kept_text(input));
    let typing_in = move |input: &'static str| {
        move |ev| {
            let v = event_target_value(&ev);
            update(&[input], &|t| t.restore(input, &v), true);
        }
    };

    // Adds the new action, unless its due date is in the past and not confirmed: then the
    // question next to the date gets the focus.
    let add = move || match typed.with_untracked(Typed::validate) {
        Err(list) => errors.set(list),
        Ok(fields) => {
            if untrack(due_questioned) {
                if let Some(el) = confirm_ref.get_untracked() {
                    let _ = el.focus();
                }
                return;
            }
            if let Some(id) = store.add_action(stakeholder, fields) {
                forget_draft();
                on_done.run(());
                // The form (and the button pressed) is gone: the keyboard goes to the new card.
                super::focus::bring_into_view(format!("article[data-action=\"{id}\"]"), true);
            }
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !adding {
            // "Done": save what is waiting and close.
            autosave.flush();
            let clean = errors.with_untracked(Vec::is_empty);
            if clean {
                on_done.run(());
            }
            return;
        }
        add();
    };

    let tactic_id = fid("tactic");
    let title_id = fid("title");
    let owner_id = fid("owner");
    let owners_id = fid("owners");
    let due_id = fid("due");
    let status_id = fid("status");
    let outcome_id = fid("outcome");
    let title_err = fid("title-error");
    let owner_err = fid("owner-error");
    let due_err = fid("due-error");
    let outcome_err = fid("outcome-error");

    view! {
        <AutosaveForm
            class="action-form"
            label=if adding { "New action" } else { "Edit action" }
            autosave=autosave
            on_submit=submit
        >
            <div class="field">
                <label for=tactic_id.clone()>"Tactic"</label>
                <select
                    id=tactic_id
                    on:change=move |ev| {
                        let chosen = Tactic::from_key(&event_target_value(&ev));
                        update(
                            &["tactic", "title"],
                            &|t| {
                                // Picking a tactic names an untitled action after it.
                                let old_name = t.tactic.map(|t| t.name().to_owned());
                                if let Some(c) = chosen {
                                    if t.title.trim().is_empty() || Some(t.title.clone()) == old_name {
                                        t.title = c.name().to_owned();
                                    }
                                }
                                t.tactic = chosen;
                            },
                            false,
                        );
                    }
                >
                    <option value="" selected=move || typed.with(|t| t.tactic.is_none())>"Custom action"</option>
                    {Tactic::ALL
                        .into_iter()
                        .map(|c| view! {
                            <option value=c.key() selected=move || typed.with(|t| t.tactic == Some(c))>{c.name()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=title_id.clone()>"Title " <span class="required">"(required)"</span></label>
                <input
                    id=title_id
                    type="text"
                    prop:value=value_of("title")
                    aria-invalid=move || error_for("title").is_some().to_string()
                    aria-describedby=title_err.clone()
                    aria-required="true"
                    on:input=typing_in("title")
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id=title_err>{move || error_for("title")}</p>
            </div>
            <div class="field-pair">
                <div class="field">
                    <label for=owner_id.clone()>"Owner"</label>
                    <input
                        id=owner_id
                        node_ref=owner_ref
                        type="text"
                        list=owners_id.clone()
                        prop:value=value_of("owner")
                        aria-invalid=move || error_for("owner").is_some().to_string()
                        aria-describedby=owner_err.clone()
                        on:input=typing_in("owner")
                        on:change=move |_| autosave.flush()
                    />
                    <datalist id=owners_id>
                        <For each=move || owners.get() key=|o| o.clone() let:o>
                            <option value=o></option>
                        </For>
                    </datalist>
                    <p class="field-error" id=owner_err>{move || error_for("owner")}</p>
                </div>
                <div class="field">
                    <label for=due_id.clone()>"Due date"</label>
                    <input
                        id=due_id
                        type="date"
                        prop:value=value_of("due")
                        aria-invalid=move || error_for("due").is_some().to_string()
                        aria-describedby=due_err.clone()
                        on:input=typing_in("due")
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            update(&["due"], &|t| t.due.clone_from(&v), false);
                        }
                    />
                    <p class="field-error" id=due_err>{move || error_for("due")}</p>
                    <Show when=due_questioned>
                        <p class="field-warning" role="status">
                            "That date is in the past — plan it anyway? "
                            <button
                                type="button"
                                node_ref=confirm_ref
                                on:click=move |_| {
                                    past_confirmed.set(typed.with_untracked(|t| Some(t.due.clone())));
                                    add();
                                }
                            >
                                "Plan it anyway"
                            </button>
                        </p>
                    </Show>
                </div>
            </div>
            <div class="field">
                <label for=status_id.clone()>"Status"</label>
                <select
                    id=status_id
                    on:change=move |ev| {
                        if let Some(s) = ActionStatus::from_key(&event_target_value(&ev)) {
                            update(&["status"], &|t| t.status = s, false);
                        }
                    }
                >
                    {ActionStatus::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.key() selected=move || typed.with(|t| t.status == s)>{s.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=outcome_id.clone()>"Outcome notes"</label>
                <textarea
                    id=outcome_id
                    rows="2"
                    prop:value=value_of("outcome")
                    aria-invalid=move || error_for("outcome").is_some().to_string()
                    aria-describedby=outcome_err.clone()
                    on:input=typing_in("outcome")
                    on:change=move |_| autosave.flush()
                ></textarea>
                <p class="field-error" id=outcome_err>{move || error_for("outcome")}</p>
            </div>
            // Open when the action already has a measure; after that the user opens and closes it.
            <details class="measure" open=untrack(|| typed.with(|t| t.measure.iter().any(|m| !m.trim().is_empty())))>
                <summary>"Agreed measure " <span class="hint">"(optional: for a pilot or a goal agreed with them)"</span></summary>
                {MEASURE
                    .into_iter()
                    .filter_map(|key| field::<ActionFields>(key))
                    .map(|spec| {
                        let key = spec.key;
                        let input_id = fid(key);
                        let err_id = fid(&format!("{key}-error"));
                        let numeric = matches!(spec.kind, Kind::Amount);
                        view! {
                            <div class="field">
                                <label for=input_id.clone()>
                                    {spec.label}
                                    {numeric.then(|| view! { <span class="hint">" (a number)"</span> })}
                                </label>
                                <input
                                    id=input_id
                                    type="text"
                                    inputmode=if numeric { "decimal" } else { "text" }
                                    autocomplete="off"
                                    prop:value=value_of(key)
                                    aria-invalid=move || error_for(key).is_some().to_string()
                                    aria-describedby=err_id.clone()
                                    on:input=typing_in(key)
                                    on:change=move |_| autosave.flush()
                                />
                                <p class="field-error" id=err_id.clone()>{move || error_for(key)}</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </details>
            <SaveStatus state=state />
            <div class="row">
                {if adding {
                    view! {
                        <button type="submit" class="primary">"Add action"</button>
                        <button
                            type="button"
                            on:click=move |_| {
                                // Cancelling a new action is the explicit way to drop its draft.
                                forget_draft();
                                on_done.run(());
                            }
                        >
                            "Cancel"
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <button type="submit" class="primary">"Done"</button> }.into_any()
                }}
            </div>
        </AutosaveForm>
    }
}
