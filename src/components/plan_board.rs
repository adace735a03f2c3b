//! The plan board: every action on the map, grouped by due date or status, filterable by owner,
//! stakeholder and tactic, sorted by due date. Overdue and due-today actions stand out.

use super::action_item::ActionItem;
use crate::model::{BoardQuery, GroupBy, StakeholderId, Tactic, TacticFilter};
use crate::state::use_store;
use leptos::prelude::*;

/// The plan board view.
#[component]
pub fn PlanBoard() -> impl IntoView {
    let store = use_store();
    let query = RwSignal::new(BoardQuery::default());
    let groups = Memo::new(move |_| {
        let q = query.get();
        let today = store.today();
        store
            .with_current(|m| q.groups(m, today))
            .unwrap_or_default()
    });
    let owners = Memo::new(move |_| store.with_current(|m| m.all_owners()).unwrap_or_default());
    let people = Memo::new(move |_| {
        store
            .with_current(|m| {
                let mut list: Vec<(StakeholderId, String)> = m
                    .stakeholders()
                    .map(|s| (s.id, s.name().to_owned()))
                    .collect();
                list.sort_by_key(|(_, n)| n.to_lowercase());
                list
            })
            .unwrap_or_default()
    });
    let total = Memo::new(move |_| store.with_current(|m| m.actions().len()).unwrap_or(0));

    view! {
        <section class="board" aria-labelledby="board-title">
            <h2 id="board-title" class="visually-hidden">"Plan board"</h2>
            <div class="board-filters">
                <label for="board-group">"Group by"</label>
                <select
                    id="board-group"
                    on:change=move |ev| {
                        let by = if event_target_value(&ev) == "status" { GroupBy::Status } else { GroupBy::Due };
                        query.update(|q| q.group_by = by);
                    }
                >
                    <option value="due" selected=move || query.with(|q| q.group_by == GroupBy::Due)>"Due date"</option>
                    <option value="status" selected=move || query.with(|q| q.group_by == GroupBy::Status)>"Status"</option>
                </select>
                <label for="board-owner">"Owner"</label>
                <select
                    id="board-owner"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| q.owner = match v.as_str() {
                            "*" => None,
                            "-" => Some(String::new()),
                            _ => Some(v),
                        });
                    }
                >
                    <option value="*">"Everyone"</option>
                    <option value="-">"No owner"</option>
                    <For each=move || owners.get() key=|o| o.clone() let:o>
                        <option value=o.clone()>{o.clone()}</option>
                    </For>
                </select>
                <label for="board-stakeholder">"Stakeholder"</label>
                <select
                    id="board-stakeholder"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| q.stakeholder = StakeholderId::parse(&v));
                    }
                >
                    <option value="">"All stakeholders"</option>
                    <For each=move || people.get() key=|p| p.clone() let:p>
                        <option value=p.0.to_string()>{p.1.clone()}</option>
                    </For>
                </select>
                <label for="board-tactic">"Tactic"</label>
                <select
                    id="board-tactic"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| q.tactic = match v.as_str() {
                            "" => TacticFilter::Any,
                            "custom" => TacticFilter::Custom,
                            key => Tactic::from_key(key).map(TacticFilter::Only).unwrap_or(TacticFilter::Any),
                        });
                    }
                >
                    <option value="">"All tactics"</option>
                    <option value="custom">"Custom actions"</option>
                    {Tactic::ALL.into_iter().map(|t| view! { <option value=t.key()>{t.name()}</option> }).collect_view()}
                </select>
                <label for="board-sort">"Sort"</label>
                <select
                    id="board-sort"
                    on:change=move |ev| {
                        let latest = event_target_value(&ev) == "latest";
                        query.update(|q| q.latest_first = latest);
                    }
                >
                    <option value="earliest">"Earliest due first"</option>
                    <option value="latest">"Latest due first"</option>
                </select>
            </div>
            <Show when=move || groups.with(Vec::is_empty)>
                <p class="list-empty">
                    {move || if total.get() == 0 {
                        "No actions yet. Select a stakeholder and open their Plan to accept a suggestion."
                    } else {
                        "No action matches these filters."
                    }}
                </p>
            </Show>
            <For each=move || groups.get() key=|g| (g.label, g.actions.clone()) let:group>
                <section class=if group.urgent { "board-group urgent" } else { "board-group" } aria-label=group.label>
                    <h3>{group.label}" "<span class="count">{format!("({})", group.actions.len())}</span></h3>
                    <ul class="action-list">
                        {group
                            .actions
                            .iter()
                            .map(|id| view! { <li><ActionItem id=*id show_stakeholder=true /></li> })
                            .collect_view()}
                    </ul>
                </section>
            </For>
        </section>
    }
}
