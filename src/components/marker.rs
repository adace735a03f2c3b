//! The people on the map: a marker each, named where the name collides with nothing.
//!
//! The drawing is worked out in the core ([`draw_map`]); this layer only keeps plain SVG
//! elements in step with it. A change makes the elements of people new to the drawing (many at
//! once in one piece of markup), rewrites the attributes of those whose drawing changed and
//! removes the rest, so selecting someone touches the two markers concerned and a drag touches
//! one. One delegated handler on the layer serves every marker's pointer and keys, and the map is
//! one tab stop: the arrow keys move the focused person, and with Ctrl or Alt they move to the
//! nearest person that way (Home and End: the first and the last).

use crate::model::{
    escape_markup, next_marker_that_way, Drawing, LabelSpot, MarkerView, Plot, Position, Quadrant,
    StakeholderId,
};
use crate::state::{use_selection, use_store};
use leptos::prelude::*;
use leptos::svg::{Svg, G};
use std::collections::HashMap;
use std::fmt::Write;
use wasm_bindgen::JsCast;

/// The drag in flight. Only the dragged marker follows `pos`; the model itself changes once, on
/// release.
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

    /// Starts dragging `id`, now at `at`, with the pointer of `ev` captured on the map and kept
    /// at the same offset from the mark while it moves.
    pub fn grab(
        &self,
        id: StakeholderId,
        at: Position,
        ev: &web_sys::PointerEvent,
        svg: NodeRef<Svg>,
        plot: Memo<Plot>,
    ) {
        if let Some(s) = svg.get_untracked() {
            let _ = s.set_pointer_capture(ev.pointer_id());
        }
        if let Some((px, py)) = map_point(svg, ev) {
            let (cx, cy) = plot.get_untracked().point(at);
            self.offset.set_value((px - cx, py - cy));
        }
        self.pos.set(at);
        self.id.set(Some(id));
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

/// The marker element of a stakeholder, if drawn.
fn marker_element(id: StakeholderId) -> Option<web_sys::SvgElement> {
    let selector = format!("g.marker[data-id=\"{id}\"]");
    web_sys::window()?
        .document()?
        .query_selector(&selector)
        .ok()
        .flatten()?
        .dyn_into::<web_sys::SvgElement>()
        .ok()
}

/// Focuses a stakeholder's marker once it is drawn, so the arrow keys move it.
pub fn focus_marker_soon(id: StakeholderId) {
    request_animation_frame(move || {
        if let Some(el) = marker_element(id) {
            let _ = el.focus();
        }
    });
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

/// A name's markup: placed, with its leader line when it sits apart, or kept for pointing and
/// focus (`spare`) when it fits nowhere.
pub fn label_markup(
    out: &mut String,
    label: &str,
    spot: Option<&LabelSpot>,
    font: f64,
    clear: f64,
    spare_left: bool,
) {
    let text = escape_markup(label);
    match spot {
        Some(s) => {
            if let Some((x1, y1, x2, y2)) = s.leader {
                let _ = write!(
                    out,
                    r#"<line class="leader" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#
                );
            }
            let _ = write!(
                out,
                r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="{}" font-size="{font:.1}" aria-hidden="true">{text}</text>"#,
                s.dx,
                s.dy,
                s.anchor.svg()
            );
        }
        None => {
            let (x, anchor) = if spare_left {
                (-clear, "end")
            } else {
                (clear, "start")
            };
            let _ = write!(
                out,
                r#"<text class="label spare" x="{x:.1}" y="{:.1}" text-anchor="{anchor}" font-size="{font:.1}" aria-hidden="true">{text}</text>"#,
                font * 0.35
            );
        }
    }
}

/// A marker's class attribute.
fn marker_class(m: &MarkerView, dragging: bool) -> String {
    format!(
        "marker q-{}{}{}",
        m.quadrant.key(),
        if m.selected { " selected" } else { "" },
        if dragging { " dragging lifted" } else { "" }
    )
}

/// What goes inside a marker's element: its ring, dot, badge and name.
fn marker_inner(out: &mut String, m: &MarkerView, font: f64, clear: f64) {
    let _ = write!(
        out,
        r#"<circle class="focus-ring" r="17"/><path class="dot" d="{}"/>"#,
        dot_path(m.quadrant)
    );
    if m.badge {
        out.push_str(BADGE);
    }
    out.push_str(r#"<g class="name">"#);
    label_markup(out, &m.label, m.spot.as_ref(), font, clear, m.spare_left);
    out.push_str("</g>");
}

/// The overdue badge's markup.
const BADGE: &str = r#"<g class="badge" transform="translate(8 -9)" aria-hidden="true"><circle r="7"/><text y="4" text-anchor="middle">!</text></g>"#;

/// One marker's whole markup.
fn marker_markup(out: &mut String, m: &MarkerView, font: f64, clear: f64) {
    let _ = write!(
        out,
        r#"<g class="{}" transform="translate({:.1} {:.1})" role="button" tabindex="-1" data-id="{}" aria-label="{}" aria-pressed="{}" aria-describedby="marker-help">"#,
        marker_class(m, false),
        m.x,
        m.y,
        m.id,
        escape_markup(&m.aria),
        m.selected
    );
    marker_inner(out, m, font, clear);
    out.push_str("</g>");
}

/// The markers on screen, by whom, with the drawing each shows.
#[derive(Default)]
struct Drawn {
    shown: HashMap<StakeholderId, (MarkerView, web_sys::Element)>,
    /// The sizes the names were drawn at.
    sizes: (f64, f64),
    /// The one marker in the tab order.
    stop: Option<StakeholderId>,
    /// The marker lifted for a drag, if one is.
    lifted: Option<Lifted>,
}

/// Each marker layer's own record of what it drew (a presented map draws a second layer).
type Layer = StoredValue<Drawn, LocalStorage>;

/// Brings the layer's elements in step with `drawing`.
fn reconcile(
    state: Layer,
    layer: &web_sys::Element,
    drawing: &Drawing,
    font: f64,
    clear: f64,
    dragging: Option<StakeholderId>,
) {
    state.update_value(|drawn| {
        if drawn.shown.is_empty() {
            // A layer that has drawn nothing yet starts empty (its element may be one a view
            // rebuilt in place, with an earlier layer's markers in it).
            layer.set_inner_html("");
        }
        let resized = drawn.sizes != (font, clear);
        drawn.sizes = (font, clear);
        let mut keep: HashMap<StakeholderId, (MarkerView, web_sys::Element)> =
            HashMap::with_capacity(drawing.markers.len());
        let mut fresh = String::new();
        let mut fresh_count = 0;
        for m in &drawing.markers {
            match drawn.shown.remove(&m.id) {
                Some((old, el)) => {
                    if old != *m || resized {
                        update(&el, &old, m, (font, clear), resized, dragging == Some(m.id));
                    }
                    keep.insert(m.id, (m.clone(), el));
                }
                None => {
                    marker_markup(&mut fresh, m, font, clear);
                    fresh_count += 1;
                }
            }
        }
        for (_, (_, el)) in drawn.shown.drain() {
            el.remove();
        }
        if fresh_count > 0 {
            let _ = layer.insert_adjacent_html("beforeend", &fresh);
            // The new elements are the layer's last children, in drawing order.
            let children = layer.children();
            let total = children.length();
            let new_ids = drawing
                .markers
                .iter()
                .filter(|m| !keep.contains_key(&m.id))
                .cloned()
                .collect::<Vec<_>>();
            for (k, m) in new_ids.into_iter().enumerate() {
                let index = total - fresh_count + k as u32;
                if let Some(el) = children.item(index) {
                    keep.insert(m.id, (m, el));
                }
            }
        }
        drawn.shown = keep;
        // One tab stop: the last focused person if still drawn, else the selected, else the first.
        let stop = drawn
            .stop
            .filter(|id| drawn.shown.contains_key(id))
            .or_else(|| drawing.markers.iter().find(|m| m.selected).map(|m| m.id))
            .or_else(|| drawing.markers.first().map(|m| m.id));
        set_stop(drawn, stop);
    });
}

/// Makes `stop` the one marker in the tab order.
fn set_stop(drawn: &mut Drawn, stop: Option<StakeholderId>) {
    if let Some((_, el)) = drawn.stop.and_then(|id| drawn.shown.get(&id)) {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Some((_, el)) = stop.and_then(|id| drawn.shown.get(&id)) {
        let _ = el.set_attribute("tabindex", "0");
    }
    drawn.stop = stop;
}

/// Rewrites what changed between `old` and `new` on a marker's element, keeping the element
/// (and so its focus).
fn update(
    el: &web_sys::Element,
    old: &MarkerView,
    new: &MarkerView,
    (font, clear): (f64, f64),
    resized: bool,
    dragging: bool,
) {
    if (old.x, old.y) != (new.x, new.y) {
        let _ = el.set_attribute(
            "transform",
            &format!("translate({:.1} {:.1})", new.x, new.y),
        );
    }
    if (old.quadrant, old.selected) != (new.quadrant, new.selected) {
        let _ = el.set_attribute("class", &marker_class(new, dragging));
        let _ = el.set_attribute("aria-pressed", if new.selected { "true" } else { "false" });
    }
    if old.quadrant != new.quadrant {
        if let Ok(Some(dot)) = el.query_selector(".dot") {
            let _ = dot.set_attribute("d", dot_path(new.quadrant));
        }
    }
    if old.aria != new.aria {
        let _ = el.set_attribute("aria-label", &new.aria);
    }
    if old.badge != new.badge {
        if let Ok(Some(badge)) = el.query_selector(".badge") {
            badge.remove();
        }
        if new.badge {
            if let Ok(Some(name)) = el.query_selector(".name") {
                let _ = name.insert_adjacent_html("beforebegin", BADGE);
            }
        }
    }
    // The name alone is rewritten; the dot stays the same element.
    if resized || (&old.label, old.spot, old.spare_left) != (&new.label, new.spot, new.spare_left) {
        if let Ok(Some(name)) = el.query_selector(".name") {
            let mut words = String::new();
            label_markup(
                &mut words,
                &new.label,
                new.spot.as_ref(),
                font,
                clear,
                new.spare_left,
            );
            name.set_inner_html(&words);
        }
    }
}

/// A marker lifted for a drag.
struct Lifted {
    /// Whose marker it is.
    id: StakeholderId,
    /// Its copy on the drag layer.
    copy: web_sys::Element,
    /// Where it was drawn before the drag.
    from: (f64, f64),
    /// The quadrant its colour and shape show now.
    shown: Quadrant,
    /// What moves the drag layer: one Web Animation whose keyframes are set again on each
    /// move. The browser moves an animated layer without working out the page's layers again;
    /// setting the layer's transform style instead made it do so on every move (about 10 ms
    /// with 5,000 markers on the map).
    moving: Option<web_sys::Animation>,
}

/// Moves the drag layer by (`dx`, `dy`) pixels.
fn move_layer(layer: &web_sys::Element, moving: &mut Option<web_sys::Animation>, dx: f64, dy: f64) {
    let at = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &at,
        &"transform".into(),
        &format!("translate({dx:.1}px, {dy:.1}px)").into(),
    );
    // The same place at the start and the end: the layer stays there until moved again.
    let frames = js_sys::Array::of2(&at, &at);
    if let Some(effect) = moving
        .as_ref()
        .and_then(|a| a.effect())
        .and_then(|e| e.dyn_into::<web_sys::KeyframeEffect>().ok())
    {
        if effect.set_keyframes(Some(&frames)).is_ok() {
            return;
        }
    }
    // A new animation replaces the old one, which would otherwise keep the layer where it left it.
    if let Some(old) = moving.take() {
        old.cancel();
    }
    let options = web_sys::KeyframeEffectOptions::new();
    options.set_duration_f64(f64::from(u32::MAX));
    options.set_fill(web_sys::FillMode::Forwards);
    let animation =
        web_sys::KeyframeEffect::new_with_opt_element_and_keyframes_and_keyframe_effect_options(
            Some(layer),
            Some(&frames),
            &options,
        )
        .and_then(|effect| web_sys::Animation::new_with_effect(Some(&effect)));
    if let Ok(animation) = animation {
        if animation.play().is_ok() {
            *moving = Some(animation);
        }
    }
}

/// Puts a copy of the marker on the drag layer and fades the original (which keeps the focus).
fn lift(state: Layer, overlay: NodeRef<Svg>, id: StakeholderId) {
    let Some(layer) = overlay.get_untracked() else {
        return;
    };
    state.update_value(|drawn| {
        let Some((m, el)) = drawn.shown.get(&id) else {
            return;
        };
        let Ok(copy) = el.clone_node_with_deep(true) else {
            return;
        };
        let Ok(copy) = copy.dyn_into::<web_sys::Element>() else {
            return;
        };
        for attr in [
            "tabindex",
            "role",
            "aria-label",
            "aria-pressed",
            "aria-describedby",
            "data-id",
        ] {
            let _ = copy.remove_attribute(attr);
        }
        // The copy shows the marker as drawn, picked up: not as the original, which may already
        // be marked lifted (hidden) by the drawing that followed the drag's selection.
        let _ = copy.set_attribute("class", &format!("{} dragging", marker_class(m, false)));
        let _ = layer.append_child(&copy);
        let _ = el.class_list().add_2("lifted", "dragging");
        drawn.lifted = Some(Lifted {
            id,
            copy,
            from: (m.x, m.y),
            shown: m.quadrant,
            moving: None,
        });
    });
}

/// Ends a drag: the copy goes, the original shows again (where the model now has it).
fn drop_lifted(state: Layer, id: StakeholderId) {
    if let Some(lifted) = state.try_update_value(|d| d.lifted.take()).flatten() {
        lifted.copy.remove();
        if let Some(moving) = lifted.moving {
            moving.cancel();
        }
    }
    // As drawn (the drag may have changed its quadrant on the way).
    state.with_value(|drawn| {
        if let Some((m, el)) = drawn.shown.get(&id) {
            let _ = el.set_attribute("class", &marker_class(m, false));
            if let Ok(Some(dot)) = el.query_selector(".dot") {
                let _ = dot.set_attribute("d", dot_path(m.quadrant));
            }
        }
    });
}

/// The stakeholder whose marker an event happened in.
fn marker_of(ev: &web_sys::Event) -> Option<(StakeholderId, web_sys::SvgElement)> {
    let el = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("g.marker")
        .ok()
        .flatten()?;
    let id = StakeholderId::parse(&el.get_attribute("data-id")?)?;
    Some((id, el.dyn_into().ok()?))
}

/// Every marker, drawn from `drawing`.
#[component]
pub fn MarkerLayer(
    drawing: Memo<Drawing>,
    plot: Memo<Plot>,
    /// The names' font size and their distance from a marker's centre.
    sizes: Memo<(f64, f64)>,
    drag: Drag,
    svg: NodeRef<Svg>,
    /// The layer a dragged marker is lifted onto.
    overlay: NodeRef<Svg>,
    /// True while the layer steps aside (a replay draws the past instead).
    hidden: Memo<bool>,
) -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let layer = NodeRef::<G>::new();
    let state: Layer = StoredValue::new_local(Drawn::default());

    Effect::new(move |_| {
        let Some(g) = layer.get() else { return };
        let (font, clear) = sizes.get();
        drawing.with(|d| reconcile(state, &g, d, font, clear, drag.id.get_untracked()));
    });
    // A dragged marker is lifted onto a layer of its own above the map, which the pointer moves
    // without the browser repainting the map's other markers; the model changes on release.
    Effect::new(move |prev: Option<Option<StakeholderId>>| {
        let now = drag.id.get();
        let was = prev.flatten();
        if was != now {
            if let Some(was) = was {
                drop_lifted(state, was);
            }
            if let Some(id) = now {
                lift(state, overlay, id);
            }
        }
        if let Some(id) = now {
            let pos = drag.pos.get();
            let (x, y) = plot.get_untracked().point(pos);
            state.update_value(|d| {
                let Drawn {
                    lifted,
                    shown: markers,
                    ..
                } = d;
                let (Some(lifted), Some(layer)) = (lifted.as_mut(), overlay.get_untracked()) else {
                    return;
                };
                if lifted.id != id {
                    return;
                }
                let (x0, y0) = lifted.from;
                move_layer(&layer, &mut lifted.moving, x - x0, y - y0);
                // The quadrant (colour and shape) follows the pointer, on the copy and on the
                // original the screen reader knows.
                let q = pos.quadrant();
                if q != lifted.shown {
                    let original = markers.get(&id).map(|(_, el)| el);
                    for el in original.into_iter().chain([&lifted.copy]) {
                        let list = el.class_list();
                        let _ = list.remove_1(&format!("q-{}", lifted.shown.key()));
                        let _ = list.add_1(&format!("q-{}", q.key()));
                        if let Ok(Some(dot)) = el.query_selector(".dot") {
                            let _ = dot.set_attribute("d", dot_path(q));
                        }
                    }
                    lifted.shown = q;
                }
            });
        }
        now
    });

    let stored_pos = move |id: StakeholderId| {
        store
            .with_current(|m| m.get(id).map(|s| s.position()))
            .flatten()
            .unwrap_or_default()
    };

    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some((id, el)) = marker_of(&ev) else {
            return;
        };
        ev.prevent_default();
        selection.select(Some(id));
        state.update_value(|d| set_stop(d, Some(id)));
        let _ = el.focus();
        drag.grab(id, stored_pos(id), &ev, svg, plot);
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some((id, _)) = marker_of(&ev) else {
            return;
        };
        let key = ev.key();
        if key == "Enter" || key == " " {
            ev.prevent_default();
            selection.select(Some(id));
            return;
        }
        // Ctrl or Alt (Option) with an arrow, Home and End: to another person.
        let jump = ev.ctrl_key() || ev.alt_key();
        let to = if jump || key == "Home" || key == "End" {
            drawing.with_untracked(|d| match key.as_str() {
                "Home" => d.markers.first().map(|m| m.id),
                "End" => d.markers.last().map(|m| m.id),
                _ => {
                    let points: Vec<_> = d.markers.iter().map(|m| (m.id, m.x, m.y)).collect();
                    next_marker_that_way(&points, id, &key)
                }
            })
        } else {
            None
        };
        if let Some(to) = to {
            ev.prevent_default();
            // The tab stop follows (a focus listener would make the layer itself focusable).
            state.update_value(|d| set_stop(d, Some(to)));
            if let Some(el) = marker_element(to) {
                let _ = el.focus();
            }
            return;
        }
        if jump || ev.meta_key() {
            return;
        }
        let Some((di, ds)) = Position::arrow_step(&key, ev.shift_key()) else {
            return;
        };
        ev.prevent_default();
        selection.select(Some(id));
        store.move_stakeholder(id, stored_pos(id).nudged(di, ds));
    };

    view! {
        <g
            class="markers"
            class:hidden=move || hidden.get()
            node_ref=layer
            on:pointerdown=on_pointerdown
            on:keydown=on_keydown
        />
    }
}
