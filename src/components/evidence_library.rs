//! The program evidence library: the map's metrics and stories, where each metric stands
//! against its target, and with whom each item was shared.

use super::evidence_form::EvidenceForm;
use crate::model::{Evidence, EvidenceId, EvidenceKind, Sentiment};
use crate::state::{use_notices, use_store, Tone};
use leptos::prelude::*;

/// One item as the library shows it.
#[derive(Clone, PartialEq)]
struct Card {
    item: Evidence,
    line: String,
    answers: String,
    shared: Vec<(String, String, Sentiment)>,
}

/// The Evidence view.
#[component]
pub fn EvidenceLibrary() -> impl IntoView {
    let store = use_store();
    let adding = RwSignal::new(None::<EvidenceKind>);
    let cards = Memo::new(move |_| {
        store
            .with_current(|m| {
                m.evidence()
                    .map(|e| Card {
                        line: e.line(),
                        answers: e
                            .fields
                            .answers
                            .iter()
                            .map(|c| c.label().to_lowercase())
                            .collect::<Vec<_>>()
                            .join(", "),
                        shared: m
                            .shares_of(e.id)
                            .iter()
                            .filter_map(|t| {
                                Some((
                                    m.get(t.stakeholder)?.name().to_owned(),
                                    t.date.human(),
                                    t.sentiment,
                                ))
                            })
                            .collect(),
                        item: e.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let section = move |kind: EvidenceKind, title: &'static str, empty: &'static str| {
        let list = Memo::new(move |_| {
            cards.with(|c| {
                c.iter()
                    .filter(|c| c.item.fields.kind == kind)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        let heading_id = format!("evidence-{}", kind.key());
        let labelled_by = heading_id.clone();
        view! {
            <section aria-labelledby=labelled_by>
                <h3 id=heading_id>{title} " " <span class="count">{move || format!("({})", list.with(Vec::len))}</span></h3>
                <Show when=move || !list.with(Vec::is_empty) fallback=move || view! { <p class="hint">{empty}</p> }>
                    <ul class="evidence-list">
                        <For each=move || list.get() key=|c| (c.item.id, c.item.updated_at, c.shared.clone()) let:card>
                            <li><EvidenceCard card=card /></li>
                        </For>
                    </ul>
                </Show>
            </section>
        }
    };

    view! {
        <div class="board evidence-library">
            <h2>"Program evidence"</h2>
            <p class="hint">
                "The metrics and stories that answer leaders' doubts. Each person's Evidence tab \
                 shows what suits them and what they have already seen, so every conversation \
                 brings something new."
            </p>
            <div class="row">
                <button type="button" data-add="metric" on:click=move |_| adding.set(Some(EvidenceKind::Metric))>"Add a metric"</button>
                <button type="button" data-add="story" on:click=move |_| adding.set(Some(EvidenceKind::Story))>"Add a story"</button>
            </div>
            {move || adding.get().map(|kind| view! {
                <EvidenceForm kind=kind editing=None on_done=move |_| {
                    adding.set(None);
                    super::focus::focus_soon(format!("button[data-add=\"{}\"]", kind.key()));
                } />
            })}
            {section(EvidenceKind::Metric, "Metrics", "No metrics yet: add the figures leaders are judged on, with a baseline and a target.")}
            {section(EvidenceKind::Story, "Stories", "No stories yet: add a case from a similar team or organisation, with figures and a quote.")}
        </div>
    }
}

#[component]
fn EvidenceCard(card: Card) -> impl IntoView {
    let store = use_store();
    let notices = use_notices();
    let editing = RwSignal::new(false);
    let id: EvidenceId = card.item.id;
    let title = card.item.fields.title.clone();
    let item = card.item.clone();
    let quote = card.item.fields.quote.clone();
    let shared = if card.shared.is_empty() {
        "Not shared with anyone yet".to_owned()
    } else {
        let who: Vec<String> = card
            .shared
            .iter()
            .map(|(name, day, how)| format!("{name} ({day}, {})", how.landed()))
            .collect();
        format!("Shared with {}", who.join("; "))
    };
    let delete_title = title.clone();
    view! {
        <Show
            when=move || editing.get()
            fallback=move || {
                let title = title.clone();
                let delete_title = delete_title.clone();
                let quote = quote.clone();
                view! {
                    <article class="action-card evidence-card">
                        <div class="action-main">
                            <strong>{title.clone()}</strong>
                            <p class="evidence-line">{card.line.clone()}</p>
                            {(!quote.is_empty()).then(|| view! { <blockquote>{format!("“{quote}”")}</blockquote> })}
                            {(!card.answers.is_empty()).then(|| view! { <p class="action-meta">{format!("Answers: {}", card.answers)}</p> })}
                            <p class="action-meta">{shared.clone()}</p>
                        </div>
                        <div class="action-controls">
                            <button type="button" data-edit=id.to_string() aria-label=format!("Edit “{title}”") on:click=move |_| editing.set(true)>"Edit"</button>
                            <button
                                type="button"
                                aria-label=format!("Delete “{delete_title}”")
                                on:click={
                                    let delete_title = delete_title.clone();
                                    move |_| {
                                        if store.delete_evidence(id) {
                                            notices.notify(Tone::Info, format!("Deleted “{delete_title}”. Undo brings it back."));
                                        }
                                    }
                                }
                            >
                                "Delete"
                            </button>
                        </div>
                    </article>
                }
            }
        >
            <EvidenceForm kind=item.fields.kind editing=Some(item.clone()) on_done=move |_| {
                editing.set(false);
                super::focus::focus_soon(format!("button[data-edit=\"{id}\"]"));
            } />
        </Show>
    }
}
