//! One action as a card: what, for whom, who, when, status, with quick status change, edit and
//! delete. Used in the stakeholder's plan and on the plan board.
//!
//! The edit form is built once when "Edit" is pressed, not again on every change to the action:
//! it saves as the user types, and rebuilding it would take the cursor out of the field. A card
//! whose last edit left text that breaks a rule opens with its form, so that text is not lost.

use super::action_form::{unsaved_key, ActionForm};
use crate::model::{ActionId, ActionStatus, DueGroup};
use crate::state::{use_selection, use_store, PanelTab, Pending};
use leptos::prelude::*;

/// Puts the keyboard back on the card's "Edit" button once its form has closed.
fn focus_edit_button(id: ActionId) {
    super::focus::focus_soon(format!("article[data-action=\"{id}\"] button.edit"));
}

/// One action card.
#[component]
pub fn ActionItem(id: ActionId, show_stakeholder: bool) -> impl IntoView {
    let store = use_store();
    let action = Memo::new(move |_| store.with_current(|m| m.action(id).cloned()).flatten());
    let exists = Memo::new(move |_| action.with(Option::is_some));
    let unsaved = untrack(|| store.current_id())
        .is_some_and(|map| store.setting(&unsaved_key(map, id)).is_some());
    let editing = RwSignal::new(unsaved);

    move || {
        if !exists.get() {
            return None;
        }
        if editing.get() {
            let a = action.get_untracked()?;
            let stakeholder = a.stakeholder;
            return Some(
                view! {
                    <div class="action-card editing">
                        <ActionForm
                            stakeholder=stakeholder
                            editing=Some(a)
                            on_done=move |_| {
                                editing.set(false);
                                focus_edit_button(id);
                            }
                        />
                    </div>
                }
                .into_any(),
            );
        }
        Some((move || action.get().map(|a| card(a, show_stakeholder, editing))).into_any())
    }
}

/// The card itself, drawn from the action as it is now.
fn card(a: crate::model::Action, show_stakeholder: bool, editing: RwSignal<bool>) -> AnyView {
    let store = use_store();
    let selection = use_selection();
    let id = a.id;
    let today = store.today();
    let group = a.due_group(today);
    let title = a.fields.title.clone();
    let stakeholder = a.stakeholder;
    let who = store
        .with_current_untracked(|m| m.get(stakeholder).map(|s| s.name().to_owned()))
        .flatten()
        .unwrap_or_default();
    let due_text = a.fields.due.map(|d| {
        let days = today.days_until(d);
        match group {
            DueGroup::Overdue => format!(
                "Overdue by {} day{}: was due {}",
                -days,
                if days == -1 { "" } else { "s" },
                d.human()
            ),
            DueGroup::Today => format!("Due today, {}", d.human()),
            _ => format!("Due {}", d.human()),
        }
    });
    let class = match group {
        DueGroup::Overdue => "action-card overdue",
        DueGroup::Today => "action-card due-today",
        DueGroup::Closed => "action-card closed",
        _ => "action-card",
    };
    let status_label = format!("Status of “{title}”");
    let fields = a.fields.clone();
    view! {
        // Focusable from script only: the keyboard lands here once the card is added.
        <article class=class data-action=id.to_string() aria-label=title.clone() tabindex="-1">
            <div class="action-main">
                <p class="action-title">
                    {(group == DueGroup::Overdue).then(|| view! { <span class="flag">"⚠ Overdue"</span> " " })}
                    {(group == DueGroup::Today).then(|| view! { <span class="flag today">"● Today"</span> " " })}
                    <strong>{title.clone()}</strong>
                </p>
                <p class="action-meta">
                    {show_stakeholder.then(|| view! {
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| selection.open_stakeholder(stakeholder, PanelTab::Plan)
                        >
                            {who.clone()}
                        </button>
                        " · "
                    })}
                    {match a.fields.tactic {
                        Some(t) if t.name() != title => format!("{} · ", t.name()),
                        Some(_) => String::new(),
                        None => "Custom · ".to_owned(),
                    }}
                    {if a.fields.owner.is_empty() { "No owner".to_owned() } else { format!("Owner: {}", a.fields.owner) }}
                    {due_text.map(|t| view! { " · " <span class="due">{t}</span> })}
                </p>
                {(!a.fields.outcome.is_empty()).then(|| view! { <p class="outcome">{a.fields.outcome.clone()}</p> })}
                {a.fields.measure_line().map(|line| view! { <p class="action-meta measure-line">{line}</p> })}
            </div>
            <div class="action-controls">
                <select
                    aria-label=status_label
                    on:change=move |ev| {
                        if let Some(s) = ActionStatus::from_key(&event_target_value(&ev)) {
                            let mut f = fields.clone();
                            f.status = s;
                            store.edit_action(id, f);
                        }
                    }
                >
                    {ActionStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.key() selected=a.fields.status == s>{s.label()}</option> })
                        .collect_view()}
                </select>
                <button type="button" class="edit" aria-label=format!("Edit “{title}”") on:click=move |_| editing.set(true)>
                    "Edit"
                </button>
                <button
                    type="button"
                    class="danger"
                    aria-label=format!("Delete “{title}”")
                    on:click=move |_| store.request(Pending::DeleteAction(id))
                >
                    "Delete"
                </button>
            </div>
        </article>
    }
    .into_any()
}
