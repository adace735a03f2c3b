//! A stakeholder's contacts: their cadence, when they were last reached, the log, newest first,
//! and below it the form to log a new contact (optionally with a new reading that moves them on
//! the map). The latest contact comes before the form, so on a phone it is read without
//! scrolling past a long form; a contact just logged is brought into view, marked for a moment,
//! and the store says it was logged (and where it moved them).
//!
//! A contact is only stored when "Log contact" is pressed, but notes are often written over a
//! few minutes while other people are looked up. So what is typed is kept as a draft setting
//! per stakeholder (`draft:contact:<map>:<stakeholder>`), written as it is typed, and put back
//! when the tab is shown again, after a reload too. Logging the contact clears it, and so does
//! "Discard draft".

use super::autosave::{SaveState, SaveStatus};
use crate::model::{
    cadence_words, last_contact_words, message_for, validate_touchpoint, Channel, FormError, MapId,
    Position, Sentiment, StakeholderId,
};
use crate::state::{use_store, Draft, Pending};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The contact form as kept between visits; missing parts take the form's defaults.
#[derive(Serialize, Deserialize, Default, PartialEq)]
#[serde(default)]
struct KeptContact {
    date: String,
    channel: String,
    sentiment: String,
    note: String,
    influence: String,
    skepticism: String,
}

/// The settings name of the contact draft for one stakeholder.
fn draft_key(map: MapId, stakeholder: StakeholderId) -> String {
    Draft::Contact(map, stakeholder).setting()
}

/// The Contacts tab of the side panel.
#[component]
pub fn ContactLog(id: StakeholderId) -> impl IntoView {
    let store = use_store();
    let status = Memo::new(move |_| store.attention(id).map(|a| a.contact));
    let stakeholder = Memo::new(move |_| store.stakeholder(id));
    let log = Memo::new(move |_| {
        store
            .with_current(|m| {
                m.touchpoints_for(id)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });

    let map = untrack(|| store.current_id());
    let today = untrack(|| store.today()).iso();
    let kept = map
        .and_then(|m| store.setting(&draft_key(m, id)))
        .and_then(|json| serde_json::from_str::<KeptContact>(&json).ok());
    let had_draft = kept.is_some();
    let kept = kept.unwrap_or_default();
    let date = RwSignal::new(if kept.date.is_empty() {
        today
    } else {
        kept.date
    });
    let channel = RwSignal::new(Channel::from_key(&kept.channel).unwrap_or(Channel::Meeting));
    let sentiment =
        RwSignal::new(Sentiment::from_key(&kept.sentiment).unwrap_or(Sentiment::Neutral));
    let note = RwSignal::new(kept.note);
    let influence = RwSignal::new(kept.influence);
    let skepticism = RwSignal::new(kept.skepticism);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let logged = RwSignal::new(false);
    let draft_state = RwSignal::new(if had_draft {
        SaveState::DraftKept
    } else {
        SaveState::Empty
    });
    let error_for = move |field: &'static str| errors.with(|e| message_for(e, field));

    // Called after every change to the form: keeps it, or forgets it once nothing is typed.
    let keep_draft = move || {
        logged.set(false);
        let Some(map) = map else {
            return;
        };
        let draft = KeptContact {
            date: date.get_untracked(),
            channel: channel.get_untracked().key().to_owned(),
            sentiment: sentiment.get_untracked().key().to_owned(),
            note: note.get_untracked(),
            influence: influence.get_untracked(),
            skepticism: skepticism.get_untracked(),
        };
        let nothing_typed = draft.note.trim().is_empty()
            && draft.influence.trim().is_empty()
            && draft.skepticism.trim().is_empty()
            && draft.date == untrack(|| store.today()).iso()
            && draft.channel == Channel::Meeting.key()
            && draft.sentiment == Sentiment::Neutral.key();
        let name = draft_key(map, id);
        let kept = if nothing_typed {
            store.set_setting(&name, None);
            false
        } else {
            serde_json::to_string(&draft).is_ok_and(|json| store.set_setting(&name, Some(&json)))
        };
        draft_state.set(if kept {
            SaveState::DraftKept
        } else {
            SaveState::Empty
        });
    };
    let forget_draft = move || {
        if let Some(map) = map {
            store.set_setting(&draft_key(map, id), None);
        }
        draft_state.set(SaveState::Empty);
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = validate_touchpoint(
            &date.get_untracked(),
            channel.get_untracked(),
            sentiment.get_untracked(),
            &note.get_untracked(),
            &influence.get_untracked(),
            &skepticism.get_untracked(),
            store.today(),
        );
        match result {
            Err(list) => {
                errors.set(list);
                logged.set(false);
            }
            Ok(fields) => {
                errors.set(Vec::new());
                if let Some(logged_id) = store.log_touchpoint(id, fields) {
                    note.set(String::new());
                    influence.set(String::new());
                    skepticism.set(String::new());
                    forget_draft();
                    logged.set(true);
                    super::focus::bring_into_view(
                        format!("li[data-touchpoint=\"{logged_id}\"]"),
                        false,
                    );
                }
            }
        }
    };

    // One optional reading field; its placeholder shows the current value.
    let reading_input = move |field: &'static str,
                              label: &'static str,
                              value: RwSignal<String>,
                              current: fn(Position) -> u8| {
        let id = format!("tp-{field}");
        let err = format!("tp-{field}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    type="number"
                    min="0"
                    max="100"
                    inputmode="numeric"
                    placeholder=move || stakeholder.get().map(|s| current(s.position()).to_string()).unwrap_or_default()
                    prop:value=move || value.get()
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err.clone()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        keep_draft();
                    }
                />
                <p class="field-error" id=err>{move || error_for(field)}</p>
            </div>
        }
    };

    let summary = move || {
        let (Some(st), Some(s)) = (status.get(), stakeholder.get()) else {
            return String::new();
        };
        let today = store.today();
        let cadence = if s.fields.cadence_days.is_some() {
            format!("Contact {} (set for them)", cadence_words(st.cadence_days))
        } else {
            format!(
                "Contact {} (the default for {})",
                cadence_words(st.cadence_days),
                s.quadrant().name()
            )
        };
        let due = if st.is_overdue() {
            format!(
                "Overdue by {} day{}",
                st.days_overdue,
                if st.days_overdue == 1 { "" } else { "s" }
            )
        } else if st.due == today {
            "Due today".to_owned()
        } else {
            format!("Next contact due {}", st.due.human())
        };
        format!(
            "{cadence} · {} · {due}",
            last_contact_words(st.days_since_contact(today))
        )
    };

    view! {
        <section class="contacts" aria-labelledby="contacts-title">
            <h3 id="contacts-title">"Contact"</h3>
            <p class=move || if status.get().map(|s| s.is_overdue()).unwrap_or(false) { "contact-summary overdue" } else { "contact-summary" }>
                {move || status.get().map(|s| s.is_overdue()).unwrap_or(false).then_some("⚠ ")}
                {summary}
            </p>
            <h4>"Past contacts"</h4>
            <Show
                when=move || !log.with(Vec::is_empty)
                fallback=|| view! {
                    <p class="hint">
                        "No contacts logged yet. After you meet them, log it with the form below: \
                         the date, how it went, and a new reading if their stance moved."
                    </p>
                }
            >
                <ol class="touchpoint-list">
                    <For each=move || log.get() key=|t| (t.id, t.note.clone(), t.evidence) let:t>
                        <li class=format!("touchpoint sentiment-{}", t.sentiment.key()) data-touchpoint=t.id.to_string()>
                            <p class="tp-head">
                                <strong>{t.date.human()}</strong>
                                {format!(" · {} · {}", t.channel.label(), t.sentiment.label())}
                            </p>
                            {(!t.note.is_empty()).then(|| view! { <p>{t.note.clone()}</p> })}
                            {t.evidence
                                .and_then(|e| store.with_current(|m| m.evidence_item(e).map(|e| e.fields.title.clone())).flatten())
                                .map(|title| view! { <p class="hint">{format!("Shared: {title}")}</p> })}
                            {(t.influence.is_some() || t.skepticism.is_some()).then(|| {
                                let mut parts = Vec::new();
                                if let Some(i) = t.influence { parts.push(format!("influence {i}")); }
                                if let Some(s) = t.skepticism { parts.push(format!("skepticism {s}")); }
                                view! { <p class="hint">{format!("New reading: {}", parts.join(", "))}</p> }
                            })}
                            <button
                                type="button"
                                class="link"
                                aria-label=format!("Delete the contact of {}", t.date.human())
                                on:click={
                                    let tid = t.id;
                                    move |_| store.request(Pending::DeleteTouchpoint(tid))
                                }
                            >
                                "Delete"
                            </button>
                        </li>
                    </For>
                </ol>
            </Show>
            <form class="touchpoint-form" on:submit=submit novalidate aria-label="Log a contact">
                <h4>"Log a contact"</h4>
                <div class="field-pair">
                    <div class="field">
                        <label for="tp-date">"Date"</label>
                        <input
                            id="tp-date"
                            type="date"
                            max=move || store.today().iso()
                            prop:value=move || date.get()
                            aria-invalid=move || error_for("date").is_some().to_string()
                            aria-describedby="tp-date-error"
                            on:input=move |ev| {
                                date.set(event_target_value(&ev));
                                keep_draft();
                            }
                            on:change=move |ev| {
                                date.set(event_target_value(&ev));
                                keep_draft();
                            }
                        />
                        <p class="field-error" id="tp-date-error">{move || error_for("date")}</p>
                    </div>
                    <div class="field">
                        <label for="tp-channel">"Channel"</label>
                        <select
                            id="tp-channel"
                            on:change=move |ev| {
                                if let Some(c) = Channel::from_key(&event_target_value(&ev)) {
                                    channel.set(c);
                                    keep_draft();
                                }
                            }
                        >
                            {Channel::ALL
                                .into_iter()
                                .map(|c| view! { <option value=c.key() selected=move || channel.get() == c>{c.label()}</option> })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <fieldset class="sentiment">
                    <legend>"How did it go?"</legend>
                    {Sentiment::ALL
                        .into_iter()
                        .map(|s| {
                            let rid = format!("tp-sentiment-{}", s.key());
                            view! {
                                <span class="radio">
                                    <input
                                        type="radio"
                                        name="tp-sentiment"
                                        id=rid.clone()
                                        prop:checked=move || sentiment.get() == s
                                        on:change=move |_| {
                                            sentiment.set(s);
                                            keep_draft();
                                        }
                                    />
                                    <label for=rid>{s.label()}</label>
                                </span>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <label for="tp-note">"Note"</label>
                    <textarea
                        id="tp-note"
                        rows="2"
                        prop:value=move || note.get()
                        aria-invalid=move || error_for("note").is_some().to_string()
                        aria-describedby="tp-note-error"
                        on:input=move |ev| {
                            note.set(event_target_value(&ev));
                            keep_draft();
                        }
                    ></textarea>
                    <p class="field-error" id="tp-note-error">{move || error_for("note")}</p>
                </div>
                <fieldset class="readings">
                    <legend>"New reading (optional): moves them on the map"</legend>
                    <div class="field-pair">
                        {reading_input("influence", "New influence", influence, |p| p.influence)}
                        {reading_input("skepticism", "New skepticism", skepticism, |p| p.skepticism)}
                    </div>
                </fieldset>
                <SaveStatus state=draft_state />
                <div class="row">
                    <button type="submit" class="primary">"Log contact"</button>
                    <Show when=move || draft_state.get() == SaveState::DraftKept>
                        <button
                            type="button"
                            on:click=move |_| {
                                note.set(String::new());
                                influence.set(String::new());
                                skepticism.set(String::new());
                                date.set(store.today().iso());
                                channel.set(Channel::Meeting);
                                sentiment.set(Sentiment::Neutral);
                                errors.set(Vec::new());
                                forget_draft();
                            }
                        >
                            "Discard draft"
                        </button>
                    </Show>
                    // The page's live region reads out who the contact was with.
                    <span class="saved-note">{move || logged.get().then_some("Contact logged.")}</span>
                </div>
            </form>
        </section>
    }
}
