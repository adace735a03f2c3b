//! A stakeholder's plan: their actions, and playbook suggestions ranked for them (see
//! `model::playbook`), each card saying what the step involves and why it is suggested. "Plan
//! this" opens the action form prefilled for the tactic.

use super::action_form::ActionForm;
use super::action_item::ActionItem;
use crate::model::{PlanState, StakeholderId, Tactic};
use crate::state::use_store;
use leptos::prelude::*;

/// How many suggestions show before "Show all".
const FIRST_SUGGESTIONS: usize = 5;

/// The Plan tab of the side panel.
#[component]
pub fn StakeholderPlan(id: StakeholderId) -> impl IntoView {
    let store = use_store();
    let actions = Memo::new(move |_| {
        store
            .with_current(|m| m.actions_for(id).iter().map(|a| a.id).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let suggestions = Memo::new(move |_| {
        store
            .with_current(|m| m.suggestions(id, store.today(), store.utc_offset_minutes()))
            .unwrap_or_default()
    });
    // The action form: closed, open blank ("Add an action"), or open for a suggested tactic.
    let adding = RwSignal::new(false);
    let planning = RwSignal::new(None::<Tactic>);
    let show_all = RwSignal::new(false);
    let has_causes = Memo::new(move |_| {
        store
            .stakeholder(id)
            .map(|s| !s.fields.root_causes.is_empty())
            .unwrap_or(false)
    });

    view! {
        <section class="plan" aria-labelledby="plan-actions-title">
            <h3 id="plan-actions-title">"Actions"</h3>
            <Show
                when=move || !actions.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">"No actions yet. Plan one of the suggestions below, or add your own."</p> }
            >
                <ul class="action-list">
                    <For each=move || actions.get() key=|a| *a let:action>
                        <li><ActionItem id=action show_stakeholder=false /></li>
                    </For>
                </ul>
            </Show>
            {move || {
                let close = move |_| {
                    adding.set(false);
                    planning.set(None);
                };
                match (adding.get(), planning.get()) {
                    (_, Some(tactic)) => view! {
                        <ActionForm stakeholder=id editing=None plan=tactic on_done=close />
                    }
                    .into_any(),
                    (true, None) => view! {
                        <ActionForm stakeholder=id editing=None on_done=close />
                    }
                    .into_any(),
                    (false, None) => view! {
                        <button type="button" on:click=move |_| adding.set(true)>"Add an action"</button>
                    }
                    .into_any(),
                }
            }}
        </section>
        <section class="suggestions" aria-labelledby="suggestions-title">
            <h3 id="suggestions-title">"Suggested next steps"</h3>
            <p class="hint">
                {move || if has_causes.get() {
                    "Ranked by how directly each step answers their reasons for doubt, what \
                     suits their quadrant and what they care about, with new evidence first and \
                     steps dropped before last; leaders deep in Win over get personal steps \
                     first."
                } else {
                    "No root causes recorded yet: ranked by what suits their quadrant. Tick their \
                     reasons for doubt under Details for sharper suggestions."
                }}
            </p>
            <ol class="suggestion-list">
                {move || {
                    let limit = if show_all.get() { usize::MAX } else { FIRST_SUGGESTIONS };
                    // The limit counts open suggestions only: what is already in the plan stays
                    // listed, marked, so the user sees what they accepted.
                    let mut open_seen = 0;
                    suggestions
                        .get()
                        .into_iter()
                        .filter(|s| {
                            if s.state != PlanState::Open {
                                return true;
                            }
                            open_seen += 1;
                            open_seen <= limit
                        })
                        .map(|s| {
                            let tactic = s.tactic;
                            let reason = s.why();
                            let what = s.what();
                            let state = s.state;
                            view! {
                                <li class=move || if state == PlanState::Open { "suggestion" } else { "suggestion in-plan" }>
                                    <div>
                                        <strong>{tactic.name()}</strong>
                                        <p class="what">{what}</p>
                                        <p class="reason">{reason}</p>
                                    </div>
                                    {match state {
                                        PlanState::Open => view! {
                                            <button
                                                type="button"
                                                aria-label=format!("Plan this: {}", tactic.name())
                                                on:click=move |_| planning.set(Some(tactic))
                                            >
                                                "Plan this"
                                            </button>
                                        }
                                        .into_any(),
                                        PlanState::Planned => view! { <span class="state">"Planned"</span> }.into_any(),
                                        PlanState::Done => view! { <span class="state">"Done ✓"</span> }.into_any(),
                                    }}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <button type="button" class="link" on:click=move |_| show_all.update(|v| *v = !*v)>
                {move || if show_all.get() {
                    "Show fewer".to_owned()
                } else {
                    format!("Show all {} tactics", Tactic::ALL.len())
                }}
            </button>
        </section>
    }
}
