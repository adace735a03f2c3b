//! The list view: the same stakeholders as the map, sortable and filterable.

use crate::model::{Direction, ListQuery, SearchIndex, SortKey, StakeholderId};
use crate::state::{use_selection, use_store};
use leptos::prelude::*;
use std::collections::HashSet;

/// How many rows the list draws before it offers to show the rest: enough to scroll through,
/// few enough that each key typed in the filter redraws quickly on a map of thousands.
pub const LIST_PAGE: usize = 100;

/// A sortable, filterable table of the open map's stakeholders.
///
/// The rows are those matching the filter, in sort order, the first [`LIST_PAGE`] of them until
/// the reader asks for all. Typing in the filter searches an index made once per change of the
/// map, and keyed rows mean only rows coming into view are built.
#[component]
pub fn StakeholderList() -> impl IntoView {
    let store = use_store();
    let no_positions = Memo::new(move |_| store.positions_left_out());
    let query = RwSignal::new(ListQuery::default());
    let sort = Memo::new(move |_| query.with(|q| (q.sort, q.direction)));
    let rows = Memo::new(move |_| {
        let (sort, direction) = sort.get();
        let q = ListQuery {
            sort,
            direction,
            ..ListQuery::default()
        };
        store.with_current(|m| q.order(m)).unwrap_or_default()
    });
    let index = Memo::new(move |_| store.with_current(SearchIndex::of).unwrap_or_default());
    let shown: Memo<HashSet<StakeholderId>> =
        Memo::new(move |_| index.with(|i| query.with(|q| i.matching(q))));
    // Back to the first page whenever the filter changes.
    let limit = RwSignal::new(LIST_PAGE);
    Effect::new(move |_| {
        query.track();
        limit.set(LIST_PAGE);
    });
    let matching = Memo::new(move |_| {
        rows.with(|all| {
            shown.with(|s| {
                all.iter()
                    .copied()
                    .filter(|id| s.contains(id))
                    .collect::<Vec<_>>()
            })
        })
    });
    let visible = Memo::new(move |_| {
        let n = limit.get();
        matching.with(|m| m.iter().copied().take(n).collect::<Vec<_>>())
    });
    let more = Memo::new(move |_| matching.with(Vec::len).saturating_sub(limit.get()));
    let tags = Memo::new(move |_| store.with_current(|m| m.all_tags()).unwrap_or_default());
    let total = Memo::new(move |_| store.with_current(|m| m.len()).unwrap_or(0));
    let count_words = Memo::new(move |_| {
        let (matches, drawn, all) = (matching.with(Vec::len), visible.with(Vec::len), total.get());
        if drawn < matches {
            format!("Showing the first {drawn} of {matches} matching ({all} in all)")
        } else {
            format!("Showing {matches} of {all}")
        }
    });

    let header = move |key: SortKey, label: &'static str| {
        let sort_state = move || {
            query.with(|q| {
                if q.sort != key {
                    "none"
                } else if q.direction == Direction::Ascending {
                    "ascending"
                } else {
                    "descending"
                }
            })
        };
        view! {
            <th scope="col" aria-sort=sort_state>
                <button
                    type="button"
                    class="sort"
                    aria-label=format!("Sort by {}", label.to_lowercase())
                    on:click=move |_| query.update(|q| *q = q.sorted_by(key))
                >
                    {label}
                    <span aria-hidden="true" class="sort-mark">
                        {move || match sort_state() {
                            "ascending" => " ▲",
                            "descending" => " ▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    view! {
        <section class="list-view" aria-label="Stakeholder list">
            <div class="list-filters">
                <label for="list-filter">"Filter"</label>
                <input
                    id="list-filter"
                    type="search"
                    placeholder="Name, role, notes, tag…"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        query.update(|q| q.text = text);
                    }
                />
                <label for="list-tag">"Tag"</label>
                <select
                    id="list-tag"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| q.tag = (!v.is_empty()).then_some(v));
                    }
                >
                    <option value="" selected=move || query.with(|q| q.tag.is_none())>"All tags"</option>
                    <For each=move || tags.get() key=|t| t.clone() let:tag>
                        <option
                            value=tag.clone()
                            selected={
                                let tag = tag.clone();
                                move || query.with(|q| q.tag.as_deref() == Some(tag.as_str()))
                            }
                        >
                            {tag.clone()}
                        </option>
                    </For>
                </select>
                <p class="list-count" role="status">
                    {move || count_words.get()}
                </p>
            </div>
            <table class="stakeholder-table">
                <thead>
                    <tr>
                        {header(SortKey::Name, "Name")}
                        <th scope="col">"Role"</th>
                        {header(SortKey::Influence, "Influence")}
                        {header(SortKey::Skepticism, "Skepticism")}
                        {header(SortKey::Quadrant, "Quadrant")}
                        <th scope="col">"Contact"</th>
                        <th scope="col">"Tags"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || visible.get() key=|id| *id let:id>
                        <ListRow id=id no_positions=no_positions />
                    </For>
                </tbody>
            </table>
            <Show when=move || { more.get() > 0 }>
                <button type="button" class="list-more" on:click=move |_| limit.set(usize::MAX)>
                    {move || format!("Show all {} matching", matching.with(Vec::len))}
                </button>
            </Show>
            <Show when=move || shown.with(HashSet::is_empty)>
                <p class="list-empty">
                    {move || if total.get() == 0 {
                        "No stakeholders yet. Use “Add stakeholder” to add the first one."
                    } else {
                        "No stakeholder matches this filter."
                    }}
                </p>
            </Show>
        </section>
    }
}

#[component]
fn ListRow(
    id: StakeholderId,
    /// True on a redacted copy made without positions: no one's quadrant is shown.
    no_positions: Memo<bool>,
) -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let row = Memo::new(move |_| store.stakeholder(id));
    let selected = Memo::new(move |_| selection.selected() == Some(id));
    let attention = Memo::new(move |_| store.attention(id));
    move || {
        row.get().map(|s| {
            let q = s.quadrant();
            let today = store.today();
            let contact = attention.get().map(|a| {
                let c = a.contact;
                if c.is_overdue() {
                    (true, format!("⚠ Overdue {} d", c.days_overdue))
                } else if c.due == today {
                    (true, "Due today".to_owned())
                } else {
                    (false, format!("In {} d", today.days_until(c.due)))
                }
            });
            let contact_due = contact.as_ref().map(|c| c.0).unwrap_or(false);
            view! {
                <tr
                    class:selected=move || selected.get()
                    aria-selected=move || selected.get().to_string()
                    data-id=id.to_string()
                    on:click=move |_| selection.select(Some(id))
                >
                    <td>
                        <button type="button" class="link" on:click=move |_| selection.select(Some(id))>
                            {s.fields.name.clone()}
                        </button>
                    </td>
                    <td>{s.fields.role.clone()}</td>
                    <td class="num">{s.position().influence}</td>
                    <td class="num">{s.position().skepticism}</td>
                    <td>
                        {if no_positions.get() {
                            view! { <span class="hint">"Not in this copy"</span> }.into_any()
                        } else {
                            view! { <span class=format!("chip q-{}", q.key())>{q.name()}</span> }
                                .into_any()
                        }}
                    </td>
                    <td class=if contact_due { "contact-due" } else { "" }>
                        {contact.map(|c| c.1)}
                    </td>
                    <td>{s.fields.tags.join(", ")}</td>
                </tr>
            }
        })
    }
}
