//! A stakeholder's history: skepticism and influence over time as a small chart, and the list
//! of recorded moves with their source.

use crate::model::{HistoryPoint, StakeholderId, Timestamp};
use crate::state::use_store;
use leptos::prelude::*;

const W: f64 = 300.0;
const H: f64 = 130.0;
const PAD_L: f64 = 28.0;
const PAD_R: f64 = 8.0;
const PAD_T: f64 = 8.0;
const PAD_B: f64 = 20.0;

/// A step line through `(time, value)` points, held flat until `end`.
fn step_path(points: &[(f64, f64)], end: f64) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            d.push_str(&format!("M{x:.1},{y:.1}"));
        } else {
            d.push_str(&format!(" H{x:.1} V{y:.1}"));
        }
    }
    if let Some((_, _)) = points.last() {
        d.push_str(&format!(" H{end:.1}"));
    }
    d
}

fn day_of(t: Timestamp, offset: i32) -> String {
    t.local_date(offset).human()
}

/// The History tab of the side panel.
#[component]
pub fn HistoryChart(id: StakeholderId) -> impl IntoView {
    let store = use_store();
    let history = Memo::new(move |_| {
        store
            .with_current(|m| m.history_for(id))
            .unwrap_or_default()
    });
    let now = store.clock();
    let offset = store.utc_offset_minutes();

    let chart = move || {
        let points: Vec<HistoryPoint> = history.get();
        let first = points.first()?;
        let t0 = first.at.unix_millis() as f64;
        let t1 = (now.unix_millis() as f64).max(t0 + 1.0);
        let x =
            |t: Timestamp| PAD_L + (W - PAD_L - PAD_R) * (t.unix_millis() as f64 - t0) / (t1 - t0);
        let y = |v: u8| PAD_T + (H - PAD_T - PAD_B) * (1.0 - f64::from(v) / 100.0);
        let skep: Vec<(f64, f64)> = points
            .iter()
            .map(|p| (x(p.at), y(p.position.skepticism)))
            .collect();
        let infl: Vec<(f64, f64)> = points
            .iter()
            .map(|p| (x(p.at), y(p.position.influence)))
            .collect();
        let last = points.last()?;
        let summary = format!(
            "Skepticism went from {} to {} and influence from {} to {}, between {} and today.",
            first.position.skepticism,
            last.position.skepticism,
            first.position.influence,
            last.position.influence,
            day_of(first.at, offset),
        );
        let end = W - PAD_R;
        Some(view! {
            <figure class="history-figure">
                <svg class="history-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
                    <line class="grid" x1=PAD_L y1=y(50) x2=end y2=y(50) />
                    <line class="axis" x1=PAD_L y1=y(0) x2=end y2=y(0) />
                    <text class="tick" x=PAD_L - 4.0 y=y(100) + 4.0 text-anchor="end">"100"</text>
                    <text class="tick" x=PAD_L - 4.0 y=y(50) + 4.0 text-anchor="end">"50"</text>
                    <text class="tick" x=PAD_L - 4.0 y=y(0) + 4.0 text-anchor="end">"0"</text>
                    <path class="line skepticism" d=step_path(&skep, end) />
                    <path class="line influence" d=step_path(&infl, end) />
                    {skep.iter().map(|(cx, cy)| view! { <circle class="dot skepticism" cx=*cx cy=*cy r="3" /> }).collect_view()}
                    {infl.iter().map(|(cx, cy)| view! { <rect class="dot influence" x=cx - 3.0 y=cy - 3.0 width="6" height="6" /> }).collect_view()}
                    <text class="tick" x=PAD_L y=H - 4.0>{day_of(first.at, offset)}</text>
                    <text class="tick" x=end y=H - 4.0 text-anchor="end">"today"</text>
                </svg>
                <figcaption>
                    <span class="key skepticism">"● Skepticism"</span>
                    " "
                    <span class="key influence">"■ Influence"</span>
                    <span class="visually-hidden">{summary}</span>
                </figcaption>
            </figure>
        })
    };

    view! {
        <section class="history" aria-labelledby="history-title">
            <h3 id="history-title">"Movement over time"</h3>
            <Show
                when=move || !history.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">"No recorded positions yet."</p> }
            >
                {chart}
                <ol class="history-list" reversed>
                    {move || {
                        history
                            .get()
                            .into_iter()
                            .rev()
                            .map(|p| view! {
                                <li>
                                    <strong>{day_of(p.at, offset)}</strong>
                                    {format!(
                                        " · influence {}, skepticism {} ({}) · {}",
                                        p.position.influence,
                                        p.position.skepticism,
                                        p.position.quadrant().name(),
                                        p.source.label()
                                    )}
                                </li>
                            })
                            .collect_view()
                    }}
                </ol>
            </Show>
        </section>
    }
}
