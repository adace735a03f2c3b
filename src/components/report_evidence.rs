//! The report's program evidence: each metric against its target, the stories shared in the
//! period with whom and how they landed, and the measures agreed on actions, met or not. The
//! words come from `model::ProgramEvidence`; this view only lays them out.

use crate::model::{short_date, with_unit, Amount, LocalDate, ProgramEvidence};
use leptos::prelude::*;

/// A value and, under it, when it was measured.
fn value_cell(value: Option<Amount>, unit: &str, date: Option<LocalDate>) -> impl IntoView {
    let shown = if value.is_some() {
        with_unit(value, unit)
    } else {
        "–".to_owned()
    };
    let when = date.filter(|_| value.is_some()).map(short_date);
    view! {
        <td>
            {shown}
            {when.map(|d| view! { <span class="when">{d}</span> })}
        </td>
    }
}

/// The program evidence section's body, under its heading (`r-evidence`).
#[component]
pub fn ReportEvidence(evidence: ProgramEvidence) -> impl IntoView {
    let ev = evidence;
    let shared = ev.shared_sentence();
    let more = ev.stories_not_listed();
    let measures_sentence = ev.measures_sentence();
    let metrics = (!ev.metrics.is_empty()).then(|| {
        view! {
            <table class="report-table evidence-table">
                <caption>"Metrics: baseline → current, against target"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Metric"</th>
                        <th scope="col">"Baseline"</th>
                        <th scope="col">"Current"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Standing"</th>
                    </tr>
                </thead>
                <tbody>
                    {ev
                        .metrics
                        .iter()
                        .map(|m| {
                            let standing = m.standing_words();
                            view! {
                                <tr>
                                    <th scope="row">{m.fields.title.clone()}</th>
                                    {value_cell(m.fields.baseline, &m.fields.unit, m.fields.baseline_date)}
                                    {value_cell(m.fields.current, &m.fields.unit, m.fields.current_date)}
                                    {value_cell(m.fields.target, &m.fields.unit, None)}
                                    <td class="words">{standing}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let measures = measures_sentence.clone().map(|caption| {
        view! {
            <table class="report-table evidence-table">
                <caption>{format!("Agreed measures: {caption}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"For"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Baseline"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Met?"</th>
                    </tr>
                </thead>
                <tbody>
                    {ev
                        .measures
                        .iter()
                        .map(|m| {
                            let verdict = m.verdict();
                            let measure = (!m.measure.is_empty()).then(|| m.measure.clone());
                            view! {
                                <tr class:met=m.met()>
                                    <th scope="row">{m.name.clone()}</th>
                                    <td class="words">
                                        {m.action.clone()}
                                        {measure.map(|t| view! { <span class="when">{t}</span> })}
                                    </td>
                                    {value_cell(m.baseline, "", None)}
                                    {value_cell(m.result, "", None)}
                                    {value_cell(m.target, "", None)}
                                    <td class="words">{verdict}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        {ev.metrics.is_empty().then(|| view! { <p class="hint">"No metrics in the library yet."</p> })}
        {metrics}
        <p class="shared-count">{shared}</p>
        {(!ev.stories_shared.is_empty()).then(|| view! {
            <ul class="recent-contacts" aria-label="Stories shared in the period">
                {ev.stories_shared.iter().map(|s| view! { <li>{s.words()}</li> }).collect_view()}
                {(more > 0).then(|| view! { <li>{format!("and {more} more")}</li> })}
            </ul>
        })}
        {measures_sentence.is_none().then(|| view! { <p class="hint">"No action has an agreed measure yet."</p> })}
        {measures}
    }
}
