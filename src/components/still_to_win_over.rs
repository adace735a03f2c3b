//! The report's list of who is still to win over, each with the actions planned for them,
//! named, with owner and due date.

use crate::model::Report;
use leptos::prelude::*;

/// Everyone in *Win over* now or short of their target, and what is planned for each.
#[component]
pub fn StillToWinOver(report: Report) -> impl IntoView {
    if report.to_win_over.is_empty() {
        return view! { <p class="hint">"Nobody is in Win over or short of their target."</p> }
            .into_any();
    }
    let why: Vec<String> = (0..report.to_win_over.len())
        .map(|i| report.why_listed(i))
        .collect();
    view! {
        <ul class="win-over-list">
            {report
                .to_win_over
                .into_iter()
                .zip(why)
                .map(|(p, why)| {
                    let actions = if p.actions.is_empty() {
                        view! { <p class="nothing-planned">"Nothing planned yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="planned">
                                {p.actions
                                    .into_iter()
                                    .map(|a| {
                                        let details = a.details();
                                        view! {
                                            <li class:overdue=a.overdue>
                                                <strong>{a.title}</strong>": "{details}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    };
                    view! {
                        <li data-id=p.stakeholder.0.to_string()>
                            <strong>{p.name}</strong>": "{why}
                            {actions}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
