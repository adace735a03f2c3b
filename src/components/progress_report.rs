//! The progress report: one printable page comparing the map now with a snapshot, for a
//! sponsor's status meeting.

use crate::model::{Movement, Quadrant, Report, SnapshotId};
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

/// Grouped bars of stakeholders per quadrant, then and now.
fn quadrant_bars(then: [usize; 4], now: [usize; 4]) -> impl IntoView {
    let max = then
        .iter()
        .chain(now.iter())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let label = Quadrant::ALL
        .iter()
        .zip(then.iter().zip(now.iter()))
        .map(|(q, (a, b))| format!("{}: {a} then, {b} now", q.name()))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <svg class="report-chart" viewBox="0 0 320 132" role="img" aria-label=label>
            {Quadrant::ALL
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let x = 10.0 + i as f64 * 78.0;
                    let h_then = 80.0 * then[i] as f64 / max;
                    let h_now = 80.0 * now[i] as f64 / max;
                    view! {
                        <rect class="bar then" x=x y=90.0 - h_then width="26" height=h_then.max(0.5) />
                        <rect class=format!("bar now q-{}", q.key()) x=x + 28.0 y=90.0 - h_now width="26" height=h_now.max(0.5) />
                        <text class="bar-value" x=x + 13.0 y=86.0 - h_then text-anchor="middle">{then[i]}</text>
                        <text class="bar-value" x=x + 41.0 y=86.0 - h_now text-anchor="middle">{now[i]}</text>
                        <text class="bar-label" x=x + 27.0 y="106" text-anchor="middle">{q.name()}</text>
                    }
                })
                .collect_view()}
            <text class="bar-label" x="10" y="128">"Left bar: then · right bar: now"</text>
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
                    let (from, to) = (m.from.unwrap_or_default(), m.to.unwrap_or_default());
                    let (q_then, q_now) = m.quadrants();
                    let quadrant = match (q_then, q_now) {
                        (Some(a), Some(b)) if a != b => format!(", from {} to {}", a.name(), b.name()),
                        (_, Some(b)) => format!(", still {}", b.name()),
                        _ => String::new(),
                    };
                    view! {
                        <li>
                            <strong>{m.name.clone()}</strong>
                            {format!(
                                ": skepticism {} → {} ({}){}",
                                from.skepticism,
                                to.skepticism,
                                signed(m.skepticism_change()),
                                quadrant
                            )}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The report view.
#[component]
pub fn ProgressReport() -> impl IntoView {
    let store = use_store();
    let offset = store.utc_offset_minutes();
    let snapshots = Memo::new(move |_| store.snapshot_list());
    let chosen = RwSignal::new(None::<SnapshotId>);
    let report = Memo::new(move |_| {
        let list = snapshots.get();
        let id = chosen
            .get()
            .filter(|id| list.iter().any(|s| s.0 == *id))
            .or_else(|| list.first().map(|s| s.0))?;
        let today = store.today();
        let now = store.clock();
        store
            .with_current(|m| {
                m.snapshot(id)
                    .map(|s| (m.name.clone(), Report::build(m, s, now, today, offset)))
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
                        <option value=snap.0.to_string() selected=move || report.with(|r| r.as_ref().map(|r| r.1.snapshot_name == snap.1 && r.1.from == snap.2).unwrap_or(false))>
                            {format!("{} ({})", snap.1, snap.2.local_date(offset).human())}
                        </option>
                    </For>
                </select>
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
                Some((map_name, r)) => {
                    let from = r.from.local_date(offset).human();
                    let to = r.to.local_date(offset).human();
                    let change = |a: usize, b: usize| signed(b as i32 - a as i32);
                    view! {
                        <article class="report-page">
                            <header>
                                <h2 id="report-title">{format!("Progress report: {map_name}")}</h2>
                                <p class="report-period">{format!("From “{}” ({from}) to today ({to})", r.snapshot_name)}</p>
                            </header>
                            <section aria-labelledby="r-index">
                                <h3 id="r-index">"Where the influential stand"</h3>
                                <p class="headline">{r.index_sentence()}</p>
                                {index_bars(r.index_then, r.index_now)}
                                <p class="hint">
                                    "Influence-weighted skepticism counts each person's doubt by how much say they \
                                     have: Σ(influence × skepticism) ÷ Σ influence, from 0 (all convinced) to 100 (all opposed)."
                                </p>
                            </section>
                            <section aria-labelledby="r-quadrants">
                                <h3 id="r-quadrants">"Stakeholders per quadrant"</h3>
                                <table class="report-table">
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
                                {quadrant_bars(r.quadrants_then, r.quadrants_now)}
                                <p>{format!("{} added since, {} removed since.", r.added, r.removed)}</p>
                            </section>
                            <section aria-labelledby="r-toward" class="report-columns">
                                <div>
                                    <h3 id="r-toward">"Moved most toward support"</h3>
                                    {mover_list(r.toward_support.clone(), "Nobody became less skeptical in this period.")}
                                </div>
                                <div>
                                    <h3 id="r-away">"Moved away"</h3>
                                    {mover_list(r.away_from_support.clone(), "Nobody became more skeptical in this period.")}
                                </div>
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
                                </div>
                            </section>
                        </article>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
