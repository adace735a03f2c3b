//! Adding or editing one action: tactic (or custom), title, owner, due date, status, outcome.

use crate::model::{
    message_for, validate_action, Action, ActionStatus, FormError, StakeholderId, Tactic,
};
use crate::state::use_store;
use leptos::prelude::*;

/// The action form. `editing` is `None` for a new action for `stakeholder`; `on_done` runs after
/// a save or a cancel.
#[component]
pub fn ActionForm(
    stakeholder: StakeholderId,
    editing: Option<Action>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let id = editing.as_ref().map(|a| a.id);
    let f = editing.as_ref().map(|a| a.fields.clone());
    let tactic = RwSignal::new(f.as_ref().and_then(|f| f.tactic));
    let title = RwSignal::new(f.as_ref().map(|f| f.title.clone()).unwrap_or_default());
    let owner = RwSignal::new(f.as_ref().map(|f| f.owner.clone()).unwrap_or_default());
    let due = RwSignal::new(
        f.as_ref()
            .and_then(|f| f.due)
            .map(|d| d.iso())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        f.as_ref()
            .map(|f| f.status)
            .unwrap_or(ActionStatus::Planned),
    );
    let outcome = RwSignal::new(f.as_ref().map(|f| f.outcome.clone()).unwrap_or_default());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let owners = Memo::new(move |_| store.with_current(|m| m.all_owners()).unwrap_or_default());
    let key = id.map(|i| i.to_string()).unwrap_or_else(|| "new".into());
    let fid = move |name: &str| format!("action-{key}-{name}");
    let error_for = move |field: &'static str| errors.with(|e| message_for(e, field));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = validate_action(
            tactic.get_untracked(),
            &title.get_untracked(),
            &owner.get_untracked(),
            &due.get_untracked(),
            status.get_untracked(),
            &outcome.get_untracked(),
        );
        match result {
            Err(list) => errors.set(list),
            Ok(fields) => {
                let ok = match id {
                    Some(id) => store.edit_action(id, fields),
                    None => store.add_action(stakeholder, fields).is_some(),
                };
                if ok {
                    on_done.run(());
                }
            }
        }
    };

    let tactic_id = fid("tactic");
    let title_id = fid("title");
    let owner_id = fid("owner");
    let owners_id = fid("owners");
    let due_id = fid("due");
    let status_id = fid("status");
    let outcome_id = fid("outcome");
    let title_err = fid("title-error");
    let due_err = fid("due-error");

    view! {
        <form class="action-form" on:submit=submit novalidate aria-label=if id.is_some() { "Edit action" } else { "New action" }>
            <div class="field">
                <label for=tactic_id.clone()>"Tactic"</label>
                <select
                    id=tactic_id
                    on:change=move |ev| {
                        let chosen = Tactic::from_key(&event_target_value(&ev));
                        // Picking a tactic names an untitled action after it.
                        let old_name = tactic.get_untracked().map(|t| t.name().to_owned());
                        let current = title.get_untracked();
                        if let Some(t) = chosen {
                            if current.trim().is_empty() || Some(current.clone()) == old_name {
                                title.set(t.name().to_owned());
                            }
                        }
                        tactic.set(chosen);
                    }
                >
                    <option value="" selected=move || tactic.get().is_none()>"Custom action"</option>
                    {Tactic::ALL
                        .into_iter()
                        .map(|t| view! {
                            <option value=t.key() selected=move || tactic.get() == Some(t)>{t.name()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=title_id.clone()>"Title " <span class="required">"(required)"</span></label>
                <input
                    id=title_id
                    type="text"
                    prop:value=move || title.get()
                    aria-invalid=move || error_for("title").is_some().to_string()
                    aria-describedby=title_err.clone()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
                <p class="field-error" id=title_err>{move || error_for("title")}</p>
            </div>
            <div class="field-pair">
                <div class="field">
                    <label for=owner_id.clone()>"Owner"</label>
                    <input
                        id=owner_id
                        type="text"
                        list=owners_id.clone()
                        prop:value=move || owner.get()
                        on:input=move |ev| owner.set(event_target_value(&ev))
                    />
                    <datalist id=owners_id>
                        <For each=move || owners.get() key=|o| o.clone() let:o>
                            <option value=o></option>
                        </For>
                    </datalist>
                </div>
                <div class="field">
                    <label for=due_id.clone()>"Due date"</label>
                    <input
                        id=due_id
                        type="date"
                        prop:value=move || due.get()
                        aria-invalid=move || error_for("due").is_some().to_string()
                        aria-describedby=due_err.clone()
                        on:input=move |ev| due.set(event_target_value(&ev))
                        on:change=move |ev| due.set(event_target_value(&ev))
                    />
                    <p class="field-error" id=due_err>{move || error_for("due")}</p>
                </div>
            </div>
            <div class="field">
                <label for=status_id.clone()>"Status"</label>
                <select
                    id=status_id
                    on:change=move |ev| {
                        if let Some(s) = ActionStatus::from_key(&event_target_value(&ev)) {
                            status.set(s);
                        }
                    }
                >
                    {ActionStatus::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.key() selected=move || status.get() == s>{s.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=outcome_id.clone()>"Outcome notes"</label>
                <textarea
                    id=outcome_id
                    rows="2"
                    prop:value=move || outcome.get()
                    on:input=move |ev| outcome.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="row">
                <button type="submit" class="primary">
                    {if id.is_some() { "Save action" } else { "Add action" }}
                </button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
