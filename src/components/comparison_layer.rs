//! The map against a snapshot: ghost markers where people were, arrows to where they are now,
//! and marks for those added or removed since.

use crate::model::{Comparison, Plot};
use crate::state::{use_comparison, use_store};
use leptos::prelude::*;

/// The comparison drawn under the markers, when a snapshot is chosen.
#[component]
pub fn ComparisonLayer(plot: Memo<Plot>) -> impl IntoView {
    let store = use_store();
    let comparison = use_comparison();
    let comparison = Memo::new(move |_| {
        let id = comparison.compare_with()?;
        store
            .with_current(|m| m.snapshot(id).map(|s| m.compare(s)))
            .flatten()
    });
    move || {
        let Comparison {
            moved,
            added,
            removed,
            ..
        } = comparison.get()?;
        let p = plot.get();
        Some(view! {
            <g class="comparison">
                {moved
                    .into_iter()
                    .filter_map(|m| {
                        let (from, to) = (m.from?, m.to?);
                        let (gx, gy) = p.point(from);
                        let arrow = Plot::trimmed_segment((gx, gy), p.point(to), 9.0, 12.0);
                        Some(view! {
                            <g class="moved" data-id=m.stakeholder.to_string()>
                                <circle class=format!("ghost q-{}", from.quadrant().key()) cx=gx cy=gy r="8" />
                                {arrow.map(|(x1, y1, x2, y2)| view! {
                                    <line class="move-arrow" x1=x1 y1=y1 x2=x2 y2=y2 marker-end="url(#move-head)" />
                                })}
                            </g>
                        })
                    })
                    .collect_view()}
                {removed
                    .into_iter()
                    .filter_map(|m| {
                        let (x, y) = p.point(m.from?);
                        Some(view! {
                            <g class="removed" data-id=m.stakeholder.to_string()>
                                <circle class="ghost removed-ghost" cx=x cy=y r="8" />
                                <text class="ghost-label" x=x + 12.0 y=y + 4.0>{format!("{} (removed)", m.name)}</text>
                            </g>
                        })
                    })
                    .collect_view()}
                {added
                    .into_iter()
                    .filter_map(|m| {
                        let (x, y) = p.point(m.to?);
                        Some(view! {
                            <g class="added" data-id=m.stakeholder.to_string()>
                                <circle class="added-ring" cx=x cy=y r="14" />
                                <text class="ghost-label" x=x - 12.0 y=y - 16.0>"new"</text>
                            </g>
                        })
                    })
                    .collect_view()}
            </g>
        })
    }
}

/// Everyone as they were at the replayed moment (drawn instead of the live markers).
#[component]
pub fn ReplayLayer(plot: Memo<Plot>) -> impl IntoView {
    let store = use_store();
    let comparison = use_comparison();
    let positions = Memo::new(move |_| {
        let at = comparison.replay_at()?;
        store.with_current(|m| {
            m.positions_at(at)
                .into_iter()
                .filter_map(|(id, p)| m.get(id).map(|s| (id, s.name().to_owned(), p)))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = positions.get()?;
        let p = plot.get();
        Some(view! {
            <g class="replay" aria-hidden="true">
                {list
                    .into_iter()
                    .map(|(id, name, pos)| {
                        let (x, y) = p.point(pos);
                        view! {
                            <g class=format!("replay-marker q-{}", pos.quadrant().key()) data-id=id.to_string() transform=format!("translate({x:.1} {y:.1})")>
                                <circle class="dot" r="9" />
                                <text class="label" x="14" y="4">{name}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </g>
        })
    }
}
