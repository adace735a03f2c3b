//! The Network view: the influence network of the whole map, from the core's measures
//! (`model::Network`): who is listened to most, who connects otherwise separate groups, the
//! skeptics no supportive person reaches, and champions nobody listens to yet. Each name
//! opens that person's Network tab.

use crate::model::{StakeholderId, TieShow};
use crate::state::{use_selection, use_store, use_ui, MainView, PanelTab};
use leptos::prelude::*;

/// How many people each ranked list shows.
const LISTED: usize = 8;

/// One person in a list, with what the list says of them.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: StakeholderId,
    name: String,
    says: String,
}

/// The four lists.
#[derive(Clone, Debug, Default, PartialEq)]
struct Insights {
    relationships: usize,
    listened: Vec<Entry>,
    brokers: Vec<Entry>,
    unreached: Vec<Entry>,
    unheard: Vec<Entry>,
}

/// The Network view.
#[component]
pub fn NetworkInsights() -> impl IntoView {
    let store = use_store();
    let insights = Memo::new(move |_| {
        store
            .with_current(|m| {
                let net = m.network();
                let entry = |id: StakeholderId, says: String| Entry {
                    id,
                    name: m.get(id).map(|s| s.name().to_owned()).unwrap_or_default(),
                    says,
                };
                let quadrant = |id: StakeholderId| {
                    m.get(id)
                        .map(|s| s.quadrant().name().to_owned())
                        .unwrap_or_default()
                };
                Insights {
                    relationships: m.relationships().len(),
                    listened: net
                        .listened_to()
                        .into_iter()
                        .take(LISTED)
                        .map(|(id, w)| entry(id, format!("weight {w:.1}, {}", quadrant(id))))
                        .collect(),
                    brokers: net
                        .brokers()
                        .into_iter()
                        .take(LISTED)
                        .map(|(id, b)| entry(id, format!("between {b:.1} pairs, {}", quadrant(id))))
                        .collect(),
                    unreached: net
                        .skeptics_without_route()
                        .into_iter()
                        .map(|id| {
                            let s = m.get(id);
                            entry(
                                id,
                                s.map(|s| {
                                    format!(
                                        "{}, influence {}",
                                        s.quadrant().name(),
                                        s.fields.position.influence
                                    )
                                })
                                .unwrap_or_default(),
                            )
                        })
                        .collect(),
                    unheard: net
                        .unheard_champions()
                        .into_iter()
                        .map(|id| {
                            let influence = m
                                .get(id)
                                .map(|s| s.fields.position.influence)
                                .unwrap_or_default();
                            entry(id, format!("influence {influence}"))
                        })
                        .collect(),
                }
            })
            .unwrap_or_default()
    });
    let ui = use_ui();
    view! {
        <section class="network-insights" aria-labelledby="network-title">
            <h2 id="network-title">"Network"</h2>
            <p class="hint">
                {move || format!(
                    "Who listens to whom across this map, from its {} recorded relationships. Record them in a person's Network tab, or drag from the selected person's link handle on the map to someone else.",
                    insights.with(|i| i.relationships)
                )}
            </p>
            <p>
                <button
                    type="button"
                    on:click=move |_| {
                        ui.set_tie_show(TieShow::All);
                        ui.show(MainView::Map);
                    }
                >
                    "Show every relationship on the map"
                </button>
            </p>
            <div class="insight-grid">
                <InsightList
                    title="Most listened to"
                    about="The people others listen to, report to or are allied with, weighted by strength: the voices that carry."
                    empty="No one is recorded as listened to yet."
                    entries=Signal::derive(move || insights.with(|i| i.listened.clone()))
                />
                <InsightList
                    title="Brokers"
                    about="People on the shortest paths between others (betweenness): they connect groups that would otherwise not hear each other."
                    empty="No one sits between others yet."
                    entries=Signal::derive(move || insights.with(|i| i.brokers.clone()))
                />
                <InsightList
                    title="Skeptics with no known route"
                    about="People to win over or reassure whom no supportive person reaches in one or two steps. Find out whom they listen to."
                    empty="Every skeptic can be reached through someone supportive."
                    entries=Signal::derive(move || insights.with(|i| i.unreached.clone()))
                />
                <InsightList
                    title="Champions nobody listens to"
                    about="Supporters whose voice reaches no one on the map yet: connect them to the people they could move."
                    empty="Every champion is heard by someone."
                    entries=Signal::derive(move || insights.with(|i| i.unheard.clone()))
                />
            </div>
        </section>
    }
}

/// One list of people with a heading and what it means.
#[component]
fn InsightList(
    title: &'static str,
    about: &'static str,
    empty: &'static str,
    entries: Signal<Vec<Entry>>,
) -> impl IntoView {
    let selection = use_selection();
    let heading = format!("insight-{}", title.to_lowercase().replace(' ', "-"));
    let labelled_by = heading.clone();
    view! {
        <section class="insight" aria-labelledby=labelled_by>
            <h3 id=heading>{title}</h3>
            <p class="hint">{about}</p>
            <Show when=move || !entries.with(Vec::is_empty) fallback=move || view! { <p>{empty}</p> }>
                <ol>
                    <For each=move || entries.get() key=|e| (e.id, e.says.clone()) let:e>
                        <li>
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| selection.open_stakeholder(e.id, PanelTab::Network)
                            >
                                {e.name.clone()}
                            </button>
                            <span class="hint">{format!(" · {}", e.says)}</span>
                        </li>
                    </For>
                </ol>
            </Show>
        </section>
    }
}
