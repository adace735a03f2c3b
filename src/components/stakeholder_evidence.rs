//! A stakeholder's Evidence tab: the metrics and stories that answer their doubts or match
//! what they care about (what they have not seen yet first), logging that one was shared and
//! how it landed, and the log of what was shared with them.

use crate::model::{
    message_for, validate_touchpoint, Channel, EvidenceId, FormError, Sentiment, StakeholderId,
};
use crate::state::{use_notices, use_store, use_ui, MainView};
use leptos::prelude::*;

/// One item that suits the person.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Fit {
    id: EvidenceId,
    label: String,
    title: String,
    line: String,
    why: String,
    shared_on: Option<String>,
}

/// The Evidence tab of the side panel.
#[component]
pub fn StakeholderEvidence(id: StakeholderId) -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let first_name = Memo::new(move |_| {
        store
            .stakeholder(id)
            .and_then(|s| s.first_name().map(str::to_owned))
            .unwrap_or_default()
    });
    let fits = Memo::new(move |_| {
        store
            .with_current(|m| {
                let shared = m.shared_with(id);
                m.evidence_for(id)
                    .into_iter()
                    .map(|(e, why, was_shared)| Fit {
                        id: e.id,
                        label: e.fields.kind.label().to_owned(),
                        title: e.fields.title.clone(),
                        line: e.line(),
                        why: why.why(),
                        shared_on: was_shared
                            .then(|| {
                                shared
                                    .iter()
                                    .find(|(_, s)| s.id == e.id)
                                    .map(|(t, _)| t.date.human())
                            })
                            .flatten(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let log = Memo::new(move |_| {
        store
            .with_current(|m| {
                m.shared_with(id)
                    .into_iter()
                    .map(|(t, e)| (t.id, t.date.human(), e.fields.title.clone(), t.sentiment))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let library_size = Memo::new(move |_| store.with_current(|m| m.evidence().len()).unwrap_or(0));
    let sharing = RwSignal::new(None::<EvidenceId>);

    view! {
        <section class="evidence-panel" aria-labelledby="evidence-fits-title">
            <h3 id="evidence-fits-title">"Evidence that suits " {first_name}</h3>
            <p class="hint">"Matched to their reasons for doubt and what they care about; what they have not seen yet comes first."</p>
            <Show
                when=move || !fits.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="hint">
                        {move || if library_size.get() == 0 {
                            "The evidence library is empty. Add the metrics and stories that answer leaders' doubts."
                        } else {
                            "Nothing in the library answers their recorded doubts or matches what they care about yet."
                        }}
                    </p>
                }
            >
                <ul class="evidence-list">
                    <For each=move || fits.get() key=|f| f.clone() let:fit>
                        <li class="action-card evidence-card">
                            <div class="action-main">
                                <strong>{format!("{}: {}", fit.label, fit.title)}</strong>
                                <p class="evidence-line">{fit.line.clone()}</p>
                                <p class="reason">{fit.why.clone()}</p>
                                <p class="action-meta">
                                    {match fit.shared_on.clone() {
                                        Some(day) => format!("Already shared with {} on {day}", first_name.get_untracked()),
                                        None => format!("Not yet shared with {}", first_name.get_untracked()),
                                    }}
                                </p>
                            </div>
                            <div class="action-controls">
                                <button
                                    type="button"
                                    data-share=fit.id.to_string()
                                    aria-label=format!("Log as shared: {}", fit.title)
                                    aria-expanded=move || (sharing.get() == Some(fit.id)).to_string()
                                    on:click=move |_| sharing.set(Some(fit.id))
                                >
                                    "Log as shared"
                                </button>
                            </div>
                            <Show when=move || sharing.get() == Some(fit.id)>
                                <ShareForm stakeholder=id evidence=fit.id title=fit.title.clone() on_done=move |_| {
                                    sharing.set(None);
                                    super::focus::focus_soon(format!("button[data-share=\"{}\"]", fit.id));
                                } />
                            </Show>
                        </li>
                    </For>
                </ul>
            </Show>
            <button type="button" class="link" on:click=move |_| ui.show(MainView::Evidence)>"Open the evidence library"</button>
        </section>
        <section aria-labelledby="evidence-shared-title">
            <h3 id="evidence-shared-title">"Shared with " {first_name}</h3>
            <Show
                when=move || !log.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">"Nothing shared yet."</p> }
            >
                <ul class="touchpoint-list">
                    <For each=move || log.get() key=|(t, ..)| *t let:entry>
                        <li class=format!("touchpoint s-{}", entry.3.key())>
                            <strong>{entry.1.clone()}</strong>
                            " · " {entry.2.clone()} " · "
                            <span class="hint">{entry.3.landed()}</span>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Logs that an item was shared: when, how, how it landed. Stored as a contact naming it.
#[component]
fn ShareForm(
    stakeholder: StakeholderId,
    evidence: EvidenceId,
    title: String,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let notices = use_notices();
    let today = untrack(|| store.today());
    let date = RwSignal::new(today.iso());
    let channel = RwSignal::new(Channel::Meeting);
    let sentiment = RwSignal::new(Sentiment::Neutral);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let key = evidence.to_string();
    let ids = (
        format!("share-date-{key}"),
        format!("share-channel-{key}"),
        format!("share-landed-{key}"),
        format!("share-note-{key}"),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = validate_touchpoint(
            &date.get_untracked(),
            channel.get_untracked(),
            sentiment.get_untracked(),
            &note.get_untracked(),
            "",
            "",
            store.today(),
        );
        match checked {
            Err(list) => errors.set(list),
            Ok(mut fields) => {
                fields.evidence = Some(evidence);
                if store.log_touchpoint(stakeholder, fields).is_some() {
                    notices.confirm(format!("Logged: “{title}” shared."));
                    on_done.run(());
                }
            }
        }
    };
    let date_error = move || errors.with(|e| message_for(e, "date"));
    let note_error = move || errors.with(|e| message_for(e, "note"));
    view! {
        <form class="touchpoint-form share-form" on:submit=submit novalidate>
            <div class="field-pair">
                <div class="field">
                    <label for=ids.0.clone()>"Shared on"</label>
                    <input
                        id=ids.0.clone()
                        type="date"
                        prop:value=move || date.get()
                        aria-invalid=move || date_error().is_some().to_string()
                        aria-describedby=format!("{}-error", ids.0)
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                    <p class="field-error" id=format!("{}-error", ids.0)>{date_error}</p>
                </div>
                <div class="field">
                    <label for=ids.1.clone()>"How"</label>
                    <select id=ids.1.clone() on:change=move |ev| {
                        if let Some(c) = Channel::from_key(&event_target_value(&ev)) { channel.set(c) }
                    }>
                        {Channel::ALL.into_iter().map(|c| view! {
                            <option value=c.key() selected=move || channel.get() == c>{c.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for=ids.2.clone()>"How it landed"</label>
                <select id=ids.2.clone() on:change=move |ev| {
                    if let Some(s) = Sentiment::from_key(&event_target_value(&ev)) { sentiment.set(s) }
                }>
                    {Sentiment::ALL.into_iter().map(|s| view! {
                        <option value=s.key() selected=move || sentiment.get() == s>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=ids.3.clone()>"What they said " <span class="hint">"(optional)"</span></label>
                <textarea
                    id=ids.3.clone()
                    rows="2"
                    prop:value=move || note.get()
                    aria-invalid=move || note_error().is_some().to_string()
                    aria-describedby=format!("{}-error", ids.3)
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <p class="field-error" id=format!("{}-error", ids.3)>{note_error}</p>
            </div>
            <div class="row">
                <button type="submit" class="primary">"Log it"</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
