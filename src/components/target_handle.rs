//! Where the plan aims to move a stakeholder: a faint marker with an arrow from where they are.
//! The selected stakeholder's target can be dragged, or moved with the arrow keys.

use super::marker::Drag;
use crate::model::{describe_position, Plot, Position, StakeholderId, TARGET_GAPS};
use crate::state::{use_selection, use_store};
use leptos::prelude::*;
use leptos::svg::Svg;

/// One stakeholder's target, if they have one.
#[component]
pub fn TargetHandle(
    id: StakeholderId,
    plot: Memo<Plot>,
    drag: Drag,
    target_drag: Drag,
    svg: NodeRef<Svg>,
) -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let data = Memo::new(move |_| {
        store
            .with_current(|m| {
                m.get(id).and_then(|s| {
                    s.fields
                        .target
                        .map(|t| (s.name().to_owned(), s.position(), t))
                })
            })
            .flatten()
    });
    let active = Memo::new(move |_| selection.selected() == Some(id));
    // Built once; positions and words are read reactively, so the handle keeps its element (and
    // its focus) while the arrow keys move it.
    let stored_from = move || data.with(|d| d.as_ref().map(|d| d.1)).unwrap_or_default();
    let stored_target = move || data.with(|d| d.as_ref().map(|d| d.2)).unwrap_or_default();
    let stored_target_now = move || {
        data.with_untracked(|d| d.as_ref().map(|d| d.2))
            .unwrap_or_default()
    };
    let from = move || {
        if drag.id.get() == Some(id) {
            drag.pos.get()
        } else {
            stored_from()
        }
    };
    let target = Memo::new(move |_| {
        if target_drag.id.get() == Some(id) {
            target_drag.pos.get()
        } else {
            stored_target()
        }
    });
    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 || !active.get_untracked() {
            return;
        }
        ev.prevent_default();
        ev.stop_propagation();
        target_drag.grab(id, stored_target_now(), &ev, svg, plot);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some((di, ds)) = Position::arrow_step(&ev.key(), ev.shift_key()) else {
            return;
        };
        ev.prevent_default();
        store.set_target(id, Some(stored_target_now().nudged(di, ds)));
    };
    let label = move || {
        data.with(|d| {
            d.as_ref()
                .map(|(name, _, t)| format!("Target for {}", describe_position(name, *t)))
                .unwrap_or_default()
        })
    };
    view! {
        <g
            class=move || if active.get() { "target active" } else { "target" }
            data-id=id.to_string()
        >
            {move || {
                let p = plot.get();
                let (start, end) = TARGET_GAPS;
                Plot::trimmed_segment(p.point(from()), p.point(target.get()), start, end).map(|(x1, y1, x2, y2)| view! {
                    <line class="target-arrow" x1=x1 y1=y1 x2=x2 y2=y2 marker-end="url(#target-head)" />
                })
            }}
            <g
                class="target-handle"
                transform=move || {
                    let (x, y) = plot.get().point(target.get());
                    format!("translate({x:.1} {y:.1})")
                }
                role="button"
                tabindex=move || if active.get() { "0" } else { "-1" }
                aria-hidden=move || (!active.get()).to_string()
                aria-label=label
                aria-describedby="marker-help"
                on:pointerdown=on_pointerdown
                on:keydown=on_keydown
            >
                <circle class="target-ring" r="10" />
                <circle class="target-centre" r="3" />
            </g>
        </g>
    }
}
