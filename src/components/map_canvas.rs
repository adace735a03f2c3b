//! The map: quadrants, axes and a marker per stakeholder, drawn in SVG at the container's pixel
//! size so labels stay legible from a phone to a projector.

use super::comparison_layer::{ComparisonLayer, ReplayLayer};
use super::marker::{dot_path, map_point, Drag, MarkerLayer};
use super::quick_add_tray::QuickAddTray;
use super::snapshot_bar::{BaselineOffer, SnapshotBar};
use super::target_handle::TargetHandle;
use super::tie_layer::{
    finish_link, move_link, LinkDrag, LinkHandle, TieAnnouncer, TieArrows, TieKey,
};
use crate::model::{draw_map, names_area, DrawSettings, MapText, Plot, Quadrant};
use crate::state::{use_comparison, use_platform, use_selection, use_store, use_ui};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::svg::Svg;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The size of an element's content box, as a `ResizeObserver` reports it (its border box less
/// borders and padding), so the first drawing is at the size the observer then confirms instead
/// of being drawn again two pixels smaller.
fn content_size(el: &web_sys::HtmlElement) -> (f64, f64) {
    let rect = el.get_bounding_client_rect();
    let style = web_sys::window().and_then(|w| w.get_computed_style(el).ok().flatten());
    let px = |name: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let across = [
        "border-left-width",
        "border-right-width",
        "padding-left",
        "padding-right",
    ];
    let down = [
        "border-top-width",
        "border-bottom-width",
        "padding-top",
        "padding-bottom",
    ];
    (
        (rect.width() - across.iter().map(|n| px(n)).sum::<f64>()).max(0.0),
        (rect.height() - down.iter().map(|n| px(n)).sum::<f64>()).max(0.0),
    )
}

/// Keeps `size` equal to the element's content size, for as long as the component lives.
fn track_size(container: NodeRef<Div>, size: RwSignal<(f64, f64)>) {
    let observer = StoredValue::new(
        None::<SendWrapper<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>>,
    );
    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        size.set(content_size(&el));
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                if let Ok(entry) = entry.dyn_into::<web_sys::ResizeObserverEntry>() {
                    let r = entry.content_rect();
                    let _ = size.try_set((r.width(), r.height()));
                }
            }
        });
        if let Ok(obs) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            obs.observe(&el);
            observer.set_value(Some(SendWrapper::new((obs, callback))));
        }
    });
    on_cleanup(move || {
        observer.try_with_value(|pair| {
            if let Some(pair) = pair {
                pair.0.disconnect();
            }
        });
    });
}

/// The map canvas with its markers.
#[component]
pub fn MapCanvas() -> impl IntoView {
    let store = use_store();
    let comparison = use_comparison();
    let ui = use_ui();
    let presenting = Memo::new(move |_| ui.presenting());
    let container = NodeRef::<Div>::new();
    let svg = NodeRef::<Svg>::new();
    let overlay = NodeRef::<Svg>::new();
    let size = RwSignal::new((0.0, 0.0));
    track_size(container, size);
    let text = Memo::new(move |_| MapText::for_width(size.get().0, presenting.get()));
    let plot = Memo::new(move |_| {
        let (w, h) = size.get();
        Plot::for_text(w, h, &text.get())
    });
    let only_unplanned = RwSignal::new(false);
    let ids = Memo::new(move |_| {
        let all = store
            .with_current(|m| m.stakeholder_ids())
            .unwrap_or_default();
        if !only_unplanned.get() {
            return all;
        }
        let attention = store.attention_map();
        attention.with(|a| {
            all.into_iter()
                .filter(|id| a.get(id).map(|x| x.open_actions == 0).unwrap_or(true))
                .collect()
        })
    });
    let drag = Drag::new();
    let target_drag = Drag::new();
    let replaying = Memo::new(move |_| comparison.replay_at().is_some());
    let selection = use_selection();
    let text_width = use_platform().text_width;
    // Targets step aside while replaying or comparing, so movement arrows read clearly.
    let show_targets = Memo::new(move |_| {
        !replaying.get() && comparison.compare_with().is_none() && !presenting.get()
    });
    let compared = Memo::new(move |_| {
        let id = comparison.compare_with()?;
        store
            .with_current(|m| m.snapshot(id).map(|s| m.compare(s)))
            .flatten()
    });
    // Everything the map draws for its people, worked out in the core in one pass.
    let drawing = Memo::new(move |_| {
        let plot = plot.get();
        let settings = DrawSettings {
            plot,
            text: text.get(),
            area: names_area(&plot),
            selected: selection.selected(),
            targets: show_targets.get(),
        };
        let attention = store.attention_map();
        ids.with(|ids| {
            attention.with(|a| {
                compared.with(|c| {
                    store
                        .with_current(|m| {
                            draw_map(
                                m,
                                ids,
                                a,
                                &settings,
                                c.as_ref(),
                                &mut |t, f| text_width(t, f),
                                None,
                            )
                        })
                        .unwrap_or_default()
                })
            })
        })
    });
    let comparison_view = Memo::new(move |_| drawing.with(|d| d.comparison.clone()));
    let label_sizes = Memo::new(move |_| {
        let t = text.get();
        (t.label, t.clear)
    });
    // Only people with a target draw one.
    let target_ids = Memo::new(move |_| {
        store
            .with_current(|m| {
                ids.with(|ids| {
                    ids.iter()
                        .copied()
                        .filter(|id| m.get(*id).is_some_and(|s| s.fields.target.is_some()))
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });

    let link = RwSignal::new(None::<LinkDrag>);
    let on_move = move |ev: web_sys::PointerEvent| {
        if move_link(link, map_point(svg, &ev)) {
            return;
        }
        let active = if drag.id.get_untracked().is_some() {
            drag
        } else if target_drag.id.get_untracked().is_some() {
            target_drag
        } else {
            return;
        };
        if let Some((x, y)) = map_point(svg, &ev) {
            let (dx, dy) = active.offset.get_value();
            active
                .pos
                .set(plot.get_untracked().position_at(x - dx, y - dy));
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if finish_link(drawing, link, selection, map_point(svg, &ev)) {
            return;
        }
        // The model changes once per drag, on release.
        if let Some(id) = drag.id.get_untracked() {
            store.move_stakeholder(id, drag.pos.get_untracked());
            drag.id.set(None);
        }
        if let Some(id) = target_drag.id.get_untracked() {
            store.set_target(id, Some(target_drag.pos.get_untracked()));
            target_drag.id.set(None);
        }
    };
    let cancel = move || {
        link.set(None);
        drag.id.set(None);
        target_drag.id.set(None);
    };

    let quadrant_rects = move || {
        let p = plot.get();
        let t = text.get();
        p.captions(&t)
            .into_iter()
            .map(|c| {
                let q = c.quadrant;
                let a = c.area;
                let anchor = c.anchor.svg();
                view! {
                    <g class=format!("quadrant q-{}", q.key())>
                        <title>{format!("{}: {}", q.name(), q.stance())}</title>
                        // Transparent: it holds the caption's tooltip; the colour is painted
                        // below the relationships (`quadrant_fills`).
                        <rect class="quadrant-area" x=a.x0 y=a.y0 width=(a.x1 - a.x0).max(0.0) height=(a.y1 - a.y0).max(0.0) />
                        <text class="quadrant-name" x=c.x y=c.name_y text-anchor=anchor font-size=t.caption>{q.name()}</text>
                        {c.stance_y.map(|y| view! {
                            <text class="quadrant-stance" x=c.x y=y text-anchor=anchor font-size=t.stance>
                                {q.short_stance()}
                            </text>
                        })}
                    </g>
                }
            })
            .collect_view()
    };

    // The quadrants' colours, in a picture of their own under the relationships' canvases.
    let quadrant_fills = move || {
        let p = plot.get();
        let t = text.get();
        p.captions(&t)
            .into_iter()
            .map(|c| {
                let a = c.area;
                view! {
                    <rect class=format!("quadrant-fill q-{}", c.quadrant.key()) x=a.x0 y=a.y0 width=(a.x1 - a.x0).max(0.0) height=(a.y1 - a.y0).max(0.0) />
                }
            })
            .collect_view()
    };

    let axes = move || {
        let p = plot.get();
        let t = text.get();
        let ticks = [0.0, 25.0, 50.0, 75.0, 100.0];
        // The influence title, turned to run up the left edge.
        let side_x = t.axis * 0.85 + 4.0;
        let mid_y = (p.y0() + p.y1()) / 2.0;
        view! {
            <g class="axes" aria-hidden="true">
                <line x1=p.x0() y1=p.y1() x2=p.x1() y2=p.y1() />
                <line x1=p.x0() y1=p.y0() x2=p.x0() y2=p.y1() />
                {ticks.iter().map(|v| {
                    let x = p.x(*v);
                    let y = p.y(*v);
                    view! {
                        <text class="tick" x=x y=p.y1() + t.tick + 4.0 text-anchor="middle" font-size=t.tick>{v.to_string()}</text>
                        <text class="tick" x=p.x0() - 6.0 y=y + t.tick * 0.35 text-anchor="end" font-size=t.tick>{v.to_string()}</text>
                    }
                }).collect_view()}
                <text class="axis-label" x=(p.x0() + p.x1()) / 2.0 y=p.height - 6.0 text-anchor="middle" font-size=t.axis>
                    "Skepticism → (0 convinced … 100 opposed)"
                </text>
                <text
                    class="axis-label"
                    x=side_x
                    y=mid_y
                    text-anchor="middle"
                    font-size=t.axis
                    transform=format!("rotate(-90 {side_x} {mid_y})")
                >
                    "Influence ↑"
                </text>
            </g>
        }
    };

    let legend = Quadrant::ALL
        .into_iter()
        .map(|q| {
        view! {
            <li class=format!("legend-item q-{}", q.key())>
                <svg class="legend-shape" viewBox="-12 -12 24 24" width="16" height="16" aria-hidden="true">
                    <path class="dot" d=dot_path(q) />
                </svg>
                {q.name()}
            </li>
        }
    })
    .collect_view();

    let comparing = Memo::new(move |_| comparison.compare_with().is_some());

    view! {
        <div class="map-tools" class:hidden=move || presenting.get()>
            <Show when=move || !presenting.get()>
                <BaselineOffer />
                <SnapshotBar />
            </Show>
            <span class="check">
                <input
                    type="checkbox"
                    id="only-unplanned"
                    prop:checked=move || only_unplanned.get()
                    on:change=move |ev| only_unplanned.set(event_target_checked(&ev))
                />
                <label for="only-unplanned">"Only people with no planned action"</label>
            </span>
        </div>
        <QuickAddTray plot=plot svg=svg />
        <div class="map-canvas" node_ref=container>
            <p id="marker-help" class="visually-hidden">
                "Arrow keys move the stakeholder by 1 point, or 10 with Shift. Up and down change \
                 influence; left and right change skepticism. Ctrl or Alt with an arrow key goes to \
                 the nearest person that way; Home and End to the first and the last. You can also \
                 drag with a mouse, finger or pen, or type the numbers in the side panel."
            </p>
            <svg
                class="map-back"
                aria-hidden="true"
                width=move || size.get().0
                height=move || size.get().1
                viewBox=move || format!("0 0 {} {}", size.get().0, size.get().1)
            >
                {quadrant_fills}
            </svg>
            <TieArrows drawing=drawing size=size hidden=replaying />
            <svg
                node_ref=svg
                class="map-svg"
                role="group"
                aria-label=move || {
                    store
                        .with_current(|m| format!("Stakeholder map “{}”, {} stakeholders", m.name, m.len()))
                        .unwrap_or_default()
                }
                width=move || size.get().0
                height=move || size.get().1
                data-plot=move || {
                    let p = plot.get();
                    format!("{} {} {} {}", p.x0(), p.y0(), p.x1(), p.y1())
                }
                viewBox=move || format!("0 0 {} {}", size.get().0, size.get().1)
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=move |_| cancel()
                on:lostpointercapture=move |_| cancel()
            >
                <defs>
                    <marker id="move-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="move-head" />
                    </marker>
                    <marker id="target-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="target-head" />
                    </marker>
                </defs>
                {quadrant_rects}
                {axes}
                <ComparisonLayer view=comparison_view sizes=label_sizes />
                <Show when=move || show_targets.get()>
                    <g class="targets">
                        <For each=move || target_ids.get() key=|id| *id let:id>
                            <TargetHandle id=id plot=plot drag=drag target_drag=target_drag svg=svg />
                        </For>
                    </g>
                </Show>
                <MarkerLayer
                    drawing=drawing
                    plot=plot
                    sizes=label_sizes
                    drag=drag
                    svg=svg
                    overlay=overlay
                    hidden=replaying
                />
                <LinkHandle drawing=drawing svg=svg pointer=link hidden=Signal::derive(move || replaying.get() || presenting.get()) />
                <ReplayLayer plot=plot />
            </svg>
            <TieAnnouncer />
            // A dragged marker moves on this layer of its own (marker.rs).
            <svg
                node_ref=overlay
                class="drag-layer"
                aria-hidden="true"
                width=move || size.get().0
                height=move || size.get().1
                viewBox=move || format!("0 0 {} {}", size.get().0, size.get().1)
            />
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="map-empty">
                    {move || if only_unplanned.get() {
                        "Everyone on this map has an action planned or in progress."
                    } else {
                        "This map has no stakeholders yet. Use “Add stakeholder” to place the first one."
                    }}
                </p>
            </Show>
        </div>
        <ul class="legend" aria-label="Key">
            {legend}
            <li>
                <span class="legend-badge" aria-hidden="true">"!"</span>
                "Overdue action or contact"
            </li>
            <Show when=move || !comparing.get() && !replaying.get() && !presenting.get()>
                <li>
                    <svg class="legend-shape" viewBox="0 0 34 20" width="30" height="18" aria-hidden="true">
                        <line class="key-target-arrow" x1="3" y1="10" x2="20" y2="10" marker-end="url(#target-head)" />
                        <circle class="key-target-ring" cx="26" cy="10" r="6" />
                    </svg>
                    "Target: where you aim to move them"
                </li>
            </Show>
            <Show when=move || comparing.get()>
                <li>
                    <svg class="legend-shape" viewBox="0 0 34 20" width="30" height="18" aria-hidden="true">
                        <circle class="key-ghost" cx="7" cy="10" r="5" />
                        <line class="key-move-arrow" x1="13" y1="10" x2="30" y2="10" marker-end="url(#move-head)" />
                    </svg>
                    "Moved since the snapshot (from the dashed ring)"
                </li>
                <li>
                    <svg class="legend-shape" viewBox="-10 -10 20 20" width="18" height="18" aria-hidden="true">
                        <circle class="key-added-ring" r="7" />
                    </svg>
                    "New since the snapshot"
                </li>
            </Show>
        </ul>
        <TieKey hidden=replaying />
    }
}
