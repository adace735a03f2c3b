//! One stakeholder on the map: drag it, click it, or move it with the arrow keys.

use crate::model::{describe_position, Plot, Position, Quadrant, StakeholderId};
use crate::state::{use_selection, use_store};
use leptos::prelude::*;
use leptos::svg::Svg;

/// The drag in flight. Only the dragged marker reads `pos`, so a pointermove re-renders one
/// marker; the model itself changes once, on release.
#[derive(Clone, Copy)]
pub struct Drag {
    /// The stakeholder being dragged.
    pub id: RwSignal<Option<StakeholderId>>,
    /// Where it would land now.
    pub pos: RwSignal<Position>,
    /// Pointer offset from the marker centre at grab time, so the marker does not jump.
    pub offset: StoredValue<(f64, f64)>,
}

impl Drag {
    /// No drag in flight.
    pub fn new() -> Self {
        Self {
            id: RwSignal::new(None),
            pos: RwSignal::new(Position::default()),
            offset: StoredValue::new((0.0, 0.0)),
        }
    }
}

/// Where a pointer event happened, in the map's own pixels (from the SVG's top-left corner).
/// `None` before the map is drawn.
pub fn map_point(svg: NodeRef<Svg>, ev: &web_sys::MouseEvent) -> Option<(f64, f64)> {
    let rect = svg.get_untracked()?.get_bounding_client_rect();
    Some((
        f64::from(ev.client_x()) - rect.left(),
        f64::from(ev.client_y()) - rect.top(),
    ))
}

/// Focuses a stakeholder's marker once it is drawn, so the arrow keys move it.
pub fn focus_marker_soon(id: StakeholderId) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let selector = format!("g.marker[data-id=\"{id}\"]");
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// A label short enough not to swamp the map.
fn short_label(name: &str) -> String {
    const MAX: usize = 22;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The outline of a marker's dot: each quadrant has its own shape as well as its own colour, so
/// the quadrant reads without colour (and in a black-and-white print).
pub fn dot_path(q: Quadrant) -> &'static str {
    match q {
        Quadrant::Champions => "M-9,0a9,9 0 1,0 18,0a9,9 0 1,0 -18,0Z",
        Quadrant::WinOver => "M0,-11.5L11.5,0L0,11.5L-11.5,0Z",
        Quadrant::Reassure => "M0,-11L10.5,8L-10.5,8Z",
        Quadrant::KeepInformed => "M-8,-8H8V8H-8Z",
    }
}

/// One marker.
#[component]
pub fn Marker(
    id: StakeholderId,
    plot: Memo<Plot>,
    drag: Drag,
    svg: NodeRef<Svg>,
    /// True while the map is presented to a room (larger labels).
    presenting: Memo<bool>,
) -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let data = Memo::new(move |_| {
        store
            .with_current(|m| m.get(id).map(|s| (s.name().to_owned(), s.position())))
            .flatten()
    });
    let name = move || data.with(|d| d.as_ref().map(|d| d.0.clone()).unwrap_or_default());
    let stored_pos = move || data.with(|d| d.as_ref().map(|d| d.1).unwrap_or_default());
    let pos = Memo::new(move |_| {
        if drag.id.get() == Some(id) {
            drag.pos.get()
        } else {
            stored_pos()
        }
    });
    let selected = Memo::new(move |_| selection.selected() == Some(id));
    let attention = Memo::new(move |_| store.attention(id));
    let badge = move || attention.get().map(|a| a.needs_badge()).unwrap_or(false);
    // Changes only when a drag crosses a quadrant line, not on every pointermove.
    let quadrant = Memo::new(move |_| pos.get().quadrant());
    let point = move || plot.get().point(pos.get());
    // Labels flip to the left of the dot when they would run off the right edge. The width is
    // estimated from the label's length at the font size in use (larger when presenting).
    let label_left = move || {
        let p = plot.get();
        let font = if presenting.get() { 30.0 } else { 16.0 };
        let chars = name().chars().count().min(22) as f64;
        point().0 + 14.0 + chars * font * 0.6 > p.x1()
    };

    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        selection.select(Some(id));
        if let Some(target) = ev.current_target() {
            use wasm_bindgen::JsCast;
            if let Ok(el) = target.dyn_into::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
        if let Some(el) = svg.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        if let Some((px, py)) = map_point(svg, &ev) {
            let (cx, cy) = point();
            drag.offset.set_value((px - cx, py - cy));
        }
        drag.pos.set(stored_pos());
        drag.id.set(Some(id));
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if key == "Enter" || key == " " {
            ev.prevent_default();
            selection.select(Some(id));
            return;
        }
        let Some((di, ds)) = Position::arrow_step(&key, ev.shift_key()) else {
            return;
        };
        ev.prevent_default();
        selection.select(Some(id));
        store.move_stakeholder(id, stored_pos().nudged(di, ds));
    };

    view! {
        <g
            class=move || {
                format!(
                    "marker q-{}{}{}",
                    quadrant.get().key(),
                    if selected.get() { " selected" } else { "" },
                    if drag.id.get() == Some(id) { " dragging" } else { "" },
                )
            }
            transform=move || {
                let (x, y) = point();
                format!("translate({x:.1} {y:.1})")
            }
            role="button"
            tabindex="0"
            data-id=id.to_string()
            aria-label=move || {
                let base = describe_position(&name(), pos.get());
                match attention.get().map(|a| a.words()).filter(|w| !w.is_empty()) {
                    Some(words) => format!("{base}, {words}"),
                    None => base,
                }
            }
            aria-pressed=move || selected.get().to_string()
            aria-describedby="marker-help"
            on:pointerdown=on_pointerdown
            on:keydown=on_keydown
        >
            <circle class="focus-ring" r="17" />
            <path class="dot" d=move || dot_path(quadrant.get()) />
            <Show when=badge>
                <g class="badge" transform="translate(8 -9)" aria-hidden="true">
                    <circle r="7" />
                    <text y="4" text-anchor="middle">"!"</text>
                </g>
            </Show>
            <text
                class="label"
                x=move || if label_left() { -14 } else { 14 }
                y="4"
                text-anchor=move || if label_left() { "end" } else { "start" }
            >
                {move || short_label(&name())}
            </text>
        </g>
    }
}
