//! The progress report: one printable page comparing the map now with a snapshot, for a
//! steering committee, in full or as a redacted copy. The figures and words come from
//! `model::Report`; this view only lays them out.

use super::report_evidence::ReportEvidence;
use super::report_pictures::ReportPictures;
use super::still_to_win_over::StillToWinOver;
use crate::model::{
    move_words, place_words, LabelStyle, Movement, Quadrant, Report, SnapshotId, INDEX_FOOTNOTE,
    REDACTED_NOTE,
};
use crate::state::use_store;
use leptos::prelude::*;

fn signed(n: i32) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", -n),
        _ => "0".into(),
    }
}

/// Then/now bars for one figure on a 0–100 scale.
fn index_bars(then: Option<f64>, now: Option<f64>) -> impl IntoView {
    let bar = |label: &'static str, v: Option<f64>, class: &'static str, y: f64| {
        let v = v.unwrap_or(0.0);
        view! {
            <text class="bar-label" x="0" y=y + 13.0>{label}</text>
            <rect class=class x="48" y=y width=(v * 2.4).max(1.0) height="18" />
            <text class="bar-value" x=52.0 + v * 2.4 y=y + 13.0>{format!("{v:.0}")}</text>
        }
    };
    view! {
        <svg class="report-chart" viewBox="0 0 320 52" role="img"
            aria-label=format!("Influence-weighted skepticism: then {}, now {}", then.map(|v| format!("{v:.0}")).unwrap_or("n/a".into()), now.map(|v| format!("{v:.0}")).unwrap_or("n/a".into()))>
            {bar("Then", then, "bar then", 4.0)}
            {bar("Now", now, "bar now", 28.0)}
        </svg>
    }
}

fn mover_list(list: Vec<Movement>, empty: &'static str) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="hint">{empty}</p> }.into_any();
    }
    view! {
        <ul class="movers">
            {list
                .into_iter()
                .map(|m| {
                    let words = move_words(&m);
                    view! { <li><strong>{m.name}</strong>": "{words}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// People added or removed since, with where they are or were.
fn joined_or_left(heading: &'static str, id: &'static str, list: Vec<Movement>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        let when = if id == "r-added" { "now " } else { "was " };
        view! {
            <div>
                <h3 id=id>{heading}</h3>
                <ul class="movers" aria-labelledby=id>
                    {list
                        .into_iter()
                        .map(|m| {
                            let place = place_words(&m);
                            view! { <li><strong>{m.name}</strong>": "{when}{place}</li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The report view.
#[component]
pub fn ProgressReport() -> impl IntoView {
    let store = use_store();
    let offset = store.utc_offset_minutes();
    let snapshots = Memo::new(move |_| store.snapshot_list());
    let chosen = RwSignal::new(None::<SnapshotId>);
    // `None`: the full report; otherwise a redacted copy with people labelled so.
    let redaction = RwSignal::new(None::<LabelStyle>);
    let report = Memo::new(move |_| {
        let list = snapshots.get();
        let id = chosen
            .get()
            .filter(|id| list.iter().any(|s| s.0 == *id))
            .or_else(|| list.first().map(|s| s.0))?;
        let today = store.today();
        let now = store.clock();
        let style = redaction.get();
        store
            .with_current(|m| {
                m.snapshot(id).map(|s| match style {
                    Some(style) => Report::build_redacted(m, s, now, today, offset, style),
                    None => Report::build(m, s, now, today, offset),
                })
            })
            .flatten()
    });

    view! {
        <section class="report" aria-labelledby="report-title">
            <div class="report-tools no-print">
                <label for="report-snapshot">"Compare now with"</label>
                <select
                    id="report-snapshot"
                    on:change=move |ev| chosen.set(SnapshotId::parse(&event_target_value(&ev)))
                >
                    <For each=move || snapshots.get() key=|s| s.clone() let:snap>
                        <option value=snap.0.to_string() selected=move || report.with(|r| r.as_ref().map(|r| r.snapshot_name == snap.1 && r.from == snap.2).unwrap_or(false))>
                            {format!("{} ({})", snap.1, snap.2.local_date(offset).human())}
                        </option>
                    </For>
                </select>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || redaction.get().is_some()
                        on:change=move |ev| {
                            redaction.set(event_target_checked(&ev).then_some(LabelStyle::Initials))
                        }
                    />
                    "Redacted copy"
                </label>
                <Show when=move || redaction.get().is_some()>
                    <label for="report-labels">"People as"</label>
                    <select
                        id="report-labels"
                        on:change=move |ev| {
                            let style = if event_target_value(&ev) == "codes" { LabelStyle::Codes } else { LabelStyle::Initials };
                            redaction.set(Some(style));
                        }
                    >
                        <option value="initials" selected=move || redaction.get() == Some(LabelStyle::Initials)>"Initials"</option>
                        <option value="codes" selected=move || redaction.get() == Some(LabelStyle::Codes)>"Codes"</option>
                    </select>
                </Show>
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }
                >
                    "Print or save as PDF"
                </button>
            </div>
            {move || match report.get() {
                None => view! {
                    <div class="report-empty">
                        <h2 id="report-title">"Progress report"</h2>
                        <p>
                            "The report compares the map now with a snapshot. Take one first: in \
                             the map view, use “Take snapshot” (a baseline at the start of the \
                             program is the most useful)."
                        </p>
                    </div>
                }
                .into_any(),
                Some(r) => view! { <ReportPage report=r offset=offset /> }.into_any(),
            }}
        </section>
    }
}

/// The report itself: one page.
#[component]
fn ReportPage(report: Report, offset: i32) -> impl IntoView {
    let r = report;
    let from = r.from.local_date(offset).human();
    let to = r.to.local_date(offset).human();
    let change = |a: usize, b: usize| signed(b as i32 - a as i32);
    let title = format!("Progress report: {}", r.map_name);
    let compared = match r.compared {
        1 => "Among the 1 person on the map both then and now".to_owned(),
        n => format!("Among the {n} people on the map both then and now"),
    };
    view! {
        <article class="report-page" class:redacted=r.redacted>
            <header>
                <h2 id="report-title">{title}</h2>
                <p class="report-period">{format!("From “{}” ({from}) to today ({to})", r.snapshot_name)}</p>
                {r.redacted.then(|| view! {
                    <p class="redacted-note">{REDACTED_NOTE}</p>
                })}
            </header>
            <section aria-labelledby="r-index">
                <h3 id="r-index">"Where the influential stand"</h3>
                <p class="headline">{r.headline()}</p>
                {r.membership_sentence().map(|s| view! { <p class="membership">{s}</p> })}
                {index_bars(r.index_then, r.index_now)}
            </section>
            <section aria-labelledby="r-pictures">
                <h3 id="r-pictures">"The map then and now"</h3>
                <ReportPictures then=r.picture_then.clone() now=r.picture_now.clone() />
            </section>
            <section aria-labelledby="r-quadrants" class="report-columns">
                <div>
                    <h3 id="r-quadrants">"Per quadrant"</h3>
                    <table class="report-table">
                        <caption>{compared}</caption>
                        <thead><tr><th scope="col">"Quadrant"</th><th scope="col">"Then"</th><th scope="col">"Now"</th><th scope="col">"Change"</th></tr></thead>
                        <tbody>
                            {Quadrant::ALL.iter().enumerate().map(|(i, q)| view! {
                                <tr data-quadrant=q.key()>
                                    <th scope="row">{q.name()}</th>
                                    <td>{r.quadrants_then[i]}</td>
                                    <td>{r.quadrants_now[i]}</td>
                                    <td>{change(r.quadrants_then[i], r.quadrants_now[i])}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div>
                    <h3 id="r-toward">"Moved most toward support"</h3>
                    {mover_list(r.toward_support.clone(), "Nobody became less skeptical in this period.")}
                    <h3 id="r-away">"Moved away"</h3>
                    {mover_list(r.away_from_support.clone(), "Nobody became more skeptical in this period.")}
                </div>
            </section>
            {(!r.added.is_empty() || !r.removed.is_empty()).then(|| view! {
                <section aria-label="Added and removed since" class="report-columns joined-left">
                    {joined_or_left("Added since (not counted)", "r-added", r.added.clone())}
                    {joined_or_left("Removed since (not counted)", "r-removed", r.removed.clone())}
                </section>
            })}
            <section aria-labelledby="r-win-over">
                <h3 id="r-win-over">"Still to win over, and what is planned"</h3>
                <StillToWinOver report=r.clone() />
            </section>
            <section aria-labelledby="r-work" class="report-columns">
                <div>
                    <h3 id="r-work">"Engagement actions"</h3>
                    <dl class="figures">
                        <div><dt>"Done in the period"</dt><dd data-figure="done">{r.actions_done}</dd></div>
                        <div><dt>"Open now"</dt><dd data-figure="open">{r.actions_open}</dd></div>
                        <div><dt>"Overdue now"</dt><dd data-figure="overdue">{r.actions_overdue}</dd></div>
                    </dl>
                </div>
                <div>
                    <h3 id="r-contacts">"Contacts in the period"</h3>
                    <dl class="figures">
                        <div><dt>"All contacts"</dt><dd data-figure="contacts">{r.contacts.total()}</dd></div>
                        <div><dt>"Went well"</dt><dd data-figure="positive">{r.contacts.positive}</dd></div>
                        <div><dt>"Neutral"</dt><dd data-figure="neutral">{r.contacts.neutral}</dd></div>
                        <div><dt>"Went badly"</dt><dd data-figure="negative">{r.contacts.negative}</dd></div>
                    </dl>
                    {(!r.recent_contacts.is_empty()).then(|| view! {
                        <ul class="recent-contacts" aria-label="Most recent contacts">
                            {r.recent_contacts.iter().map(|c| view! { <li>{c.words()}</li> }).collect_view()}
                        </ul>
                    })}
                </div>
            </section>
            <section aria-labelledby="r-evidence" class="report-evidence">
                <h3 id="r-evidence">"Program evidence"</h3>
                <ReportEvidence evidence=r.evidence.clone() />
            </section>
            <footer class="report-footnote">
                <p>{INDEX_FOOTNOTE}</p>
            </footer>
        </article>
    }
}
