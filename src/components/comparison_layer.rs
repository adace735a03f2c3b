//! The map against a snapshot: ghost markers where people were, arrows to where they are now,
//! and marks for those added or removed since.

use super::marker::label_markup;
use crate::model::{ComparisonView, Plot};
use crate::state::{use_comparison, use_store};
use leptos::prelude::*;

/// The comparison drawn under the markers, when a snapshot is chosen: worked out with the rest
/// of the drawing, so names keep off its rings and arrows.
#[component]
pub fn ComparisonLayer(
    view: Memo<Option<ComparisonView>>,
    /// The names' font size and their distance from a marker's centre.
    sizes: Memo<(f64, f64)>,
) -> impl IntoView {
    move || {
        let ComparisonView {
            moved,
            added,
            removed,
        } = view.get()?;
        let (font, clear) = sizes.get();
        let small = font * 0.8;
        Some(view! {
            <g class="comparison">
                {moved
                    .into_iter()
                    .map(|g| {
                        let (gx, gy) = g.at;
                        view! {
                            <g class="moved" data-id=g.id.to_string()>
                                <circle class=format!("ghost q-{}", g.quadrant.key()) cx=gx cy=gy r="8" />
                                {g.arrow.map(|(x1, y1, x2, y2)| view! {
                                    <line class="move-arrow" x1=x1 y1=y1 x2=x2 y2=y2 marker-end="url(#move-head)" />
                                })}
                            </g>
                        }
                    })
                    .collect_view()}
                {removed
                    .into_iter()
                    .map(|r| {
                        let (x, y) = r.at;
                        let mut words = String::new();
                        label_markup(&mut words, &r.label, r.spot.as_ref(), small, clear, false);
                        view! {
                            <g class="removed" data-id=r.id.to_string() transform=format!("translate({x:.1} {y:.1})")>
                                <circle class="ghost removed-ghost" r="8" />
                                <g class="ghost-label" inner_html=words />
                            </g>
                        }
                    })
                    .collect_view()}
                {added
                    .into_iter()
                    .map(|g| {
                        let (x, y) = g.at;
                        view! {
                            <g class="added" data-id=g.id.to_string()>
                                <circle class="added-ring" cx=x cy=y r="14" />
                            </g>
                        }
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
