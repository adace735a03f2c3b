//! The short tour on a first visit: a card per step, each beside the control it names, with an
//! arrow to it and the control outlined. A card is shown only while its control is on screen,
//! and never over the map (nor over the control): it takes the first place around the control
//! that stays clear of both and inside the window. Next, Done and Skip end in `Ui`, which
//! remembers a finished or skipped tour.

use crate::state::{use_selection, use_ui, TOUR};
use leptos::html::Section;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The class the control a card points at carries while the card shows.
const TARGET_CLASS: &str = "tour-target";

/// A rectangle on screen, in CSS pixels.
#[derive(Clone, Copy, Debug)]
struct Rect {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

impl Rect {
    fn of(el: &web_sys::Element) -> Self {
        let r = el.get_bounding_client_rect();
        Self {
            left: r.left(),
            top: r.top(),
            width: r.width(),
            height: r.height(),
        }
    }
    fn right(&self) -> f64 {
        self.left + self.width
    }
    fn bottom(&self) -> f64 {
        self.top + self.height
    }
    fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right()
            && other.left < self.right()
            && self.top < other.bottom()
            && other.top < self.bottom()
    }
}

/// Where a card goes beside its control: the side of the control it sits on, and its top-left.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    Below,
    Above,
    Right,
    Left,
    /// Inside the bottom of a large region (a list filling a phone's screen), with no arrow.
    Over,
}

/// The first place around `anchor` where a `card`-sized box stays inside the window
/// (`width` × `height`) and clear of `map` and of the anchor itself.
fn place(
    anchor: Rect,
    card: (f64, f64),
    window: (f64, f64),
    map: Option<Rect>,
) -> Option<(Side, f64, f64)> {
    const GAP: f64 = 12.0;
    const EDGE: f64 = 8.0;
    let (w, h) = card;
    let (width, height) = window;
    let clamp_x = |x: f64| x.min(width - w - EDGE).max(EDGE);
    let clamp_y = |y: f64| y.min(height - h - EDGE).max(EDGE);
    let centre_x = clamp_x(anchor.left + anchor.width / 2.0 - w / 2.0);
    let centre_y = clamp_y(anchor.top + anchor.height / 2.0 - h / 2.0);
    // A region much taller than the card (on screen) can hold it over its lower part.
    let shown_top = anchor.top.max(0.0);
    let shown_bottom = anchor.bottom().min(height);
    let roomy = shown_bottom - shown_top > h * 2.5;
    let over = (Side::Over, centre_x, shown_bottom - h - EDGE);
    // Beside a region first (the map: over the side panel, not over the tools above it), then
    // under or over a button.
    // Under or over a control, the card may be centred on it or lined up with either edge.
    let along = [centre_x, clamp_x(anchor.left), clamp_x(anchor.right() - w)];
    [
        (Side::Right, anchor.right() + GAP, centre_y),
        (Side::Left, anchor.left - GAP - w, centre_y),
    ]
    .into_iter()
    .chain(along.map(|x| (Side::Below, x, anchor.bottom() + GAP)))
    .chain(along.map(|x| (Side::Above, x, anchor.top - GAP - h)))
    .chain(roomy.then_some(over))
    .find(|(side, x, y)| {
        let spot = Rect {
            left: *x,
            top: *y,
            width: w,
            height: h,
        };
        *x >= 0.0
            && *y >= 0.0
            && spot.right() <= width
            && spot.bottom() <= height
            && (*side == Side::Over || !spot.overlaps(&anchor))
            && map.is_none_or(|m| !spot.overlaps(&m))
    })
}

/// The first of `selectors` on screen: in the page, with a size, and inside the window.
fn visible_anchor(
    doc: &web_sys::Document,
    selectors: &[&str],
    window: (f64, f64),
) -> Option<web_sys::Element> {
    selectors.iter().find_map(|sel| {
        let el = doc.query_selector(sel).ok().flatten()?;
        let r = Rect::of(&el);
        let on_screen = r.width > 0.0
            && r.height > 0.0
            && r.bottom() > 0.0
            && r.right() > 0.0
            && r.top < window.1
            && r.left < window.0;
        on_screen.then_some(el)
    })
}

/// Outlines the control a card points at, and only it: the others lose the outline. An element
/// already marked is left alone, so placing the card again (every 400 ms) changes nothing on the
/// page and makes the browser restyle and repaint nothing (the map is a control the tour names).
fn mark(anchor: Option<&web_sys::Element>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(old) = doc.query_selector_all(&format!(".{TARGET_CLASS}")) {
        for i in 0..old.length() {
            if let Some(el) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                if anchor != Some(&el) {
                    let _ = el.class_list().remove_1(TARGET_CLASS);
                }
            }
        }
    }
    if let Some(el) = anchor {
        if !el.class_list().contains(TARGET_CLASS) {
            let _ = el.class_list().add_1(TARGET_CLASS);
        }
    }
}

/// Takes the outline off the control a card pointed at.
fn unmark() {
    mark(None);
}

/// Sets a style property of the card only when its value differs, for the same reason.
fn set_style_if_changed(card: &web_sys::HtmlElement, name: &str, value: &str) {
    let style = card.style();
    if style.get_property_value(name).ok().as_deref() != Some(value) {
        let _ = style.set_property(name, value);
    }
}

/// Sets or removes an attribute of the card only when that changes something.
fn set_attribute_if_changed(card: &web_sys::HtmlElement, name: &str, value: Option<&str>) {
    if card.get_attribute(name).as_deref() == value {
        return;
    }
    let _ = match value {
        Some(v) => card.set_attribute(name, v),
        None => card.remove_attribute(name),
    };
}

/// Puts the card beside its control, or hides it while the control is not on screen.
fn arrange(card: &web_sys::HtmlElement, anchors: &[&str]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window.document() else { return };
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    // The page's own width, without a scroll bar.
    let width = doc
        .document_element()
        .map(|e| f64::from(e.client_width()))
        .unwrap_or_else(|| size(window.inner_width()));
    let height = size(window.inner_height());
    let map = doc
        .query_selector(".map-canvas")
        .ok()
        .flatten()
        .map(|m| Rect::of(&m))
        .filter(|m| m.width > 0.0);
    let spot = visible_anchor(&doc, anchors, (width, height)).and_then(|anchor| {
        let a = Rect::of(&anchor);
        let c = Rect::of(card);
        // The map itself may be the control: then the card only has to stay off it.
        let map = map.filter(|m| (m.left, m.top) != (a.left, a.top));
        let (side, x, y) = place(a, (c.width, c.height), (width, height), map)?;
        mark(Some(&anchor));
        // The arrow points at the middle of the control's near edge.
        let arrow = match side {
            // (A card too small to measure, hidden while presenting or printing, keeps its arrow
            // at the start instead of making `clamp` panic on a lower bound above the upper.)
            Side::Below | Side::Above => {
                (a.left + a.width / 2.0 - x).clamp(16.0, (c.width - 16.0).max(16.0))
            }
            Side::Right | Side::Left => {
                (a.top + a.height / 2.0 - y).clamp(16.0, (c.height - 16.0).max(16.0))
            }
            Side::Over => 0.0,
        };
        Some((side, x, y, arrow))
    });
    // Through the CSS object model: the page's content security policy refuses style attributes.
    match spot {
        Some((side, x, y, arrow)) => {
            let side = match side {
                Side::Below => "below",
                Side::Above => "above",
                Side::Right => "right",
                Side::Left => "left",
                Side::Over => "over",
            };
            set_attribute_if_changed(card, "data-side", Some(side));
            set_style_if_changed(card, "left", &format!("{x:.0}px"));
            set_style_if_changed(card, "top", &format!("{y:.0}px"));
            set_style_if_changed(card, "--arrow", &format!("{arrow:.0}px"));
        }
        None => {
            unmark();
            set_attribute_if_changed(card, "data-side", None);
        }
    }
}

/// The tour card, while the tour is on.
#[component]
pub fn FirstStepsTour() -> impl IntoView {
    let ui = use_ui();
    let selection = use_selection();
    let card = NodeRef::<Section>::new();
    let step = Memo::new(move |_| ui.tour_step());
    let rearrange = move || match (card.get_untracked(), step.get_untracked()) {
        (Some(el), Some(i)) => {
            if let Some(s) = TOUR.get(i) {
                arrange(&el, s.anchors);
            }
        }
        _ => unmark(),
    };
    // After each change that can move or show the control: a step, a view, a selection.
    Effect::new(move |_| {
        step.track();
        ui.view();
        selection.selected();
        selection.panel_tab();
        card.track();
        request_animation_frame(rearrange);
    });
    let resize = window_event_listener_untyped("resize", move |_| rearrange());
    // The page settles over a few frames (the map measures itself, fonts load, a notice comes
    // and goes): look again now and then while a card shows.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if step.get_untracked().is_some() {
                rearrange();
            }
        },
        std::time::Duration::from_millis(400),
    ) {
        on_cleanup(move || handle.clear());
    }
    // Scrolling anything (the page, the panel) moves controls: capture it from every element.
    let scroll = web_sys::window().map(|w| {
        let f = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(rearrange);
        let opts = web_sys::AddEventListenerOptions::new();
        opts.set_capture(true);
        opts.set_passive(true);
        let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
            "scroll",
            f.as_ref().unchecked_ref(),
            &opts,
        );
        send_wrapper::SendWrapper::new((w, f))
    });
    on_cleanup(move || {
        resize.remove();
        if let Some(pair) = scroll {
            let (w, f) = &*pair;
            let _ = w.remove_event_listener_with_callback_and_bool(
                "scroll",
                f.as_ref().unchecked_ref(),
                true,
            );
        }
        unmark();
    });
    move || {
        let i = step.get()?;
        let s = TOUR.get(i)?;
        let last = i + 1 == TOUR.len();
        Some(view! {
            <section
                class="tour"
                aria-labelledby="tour-title"
                node_ref=card
            >
                <p class="tour-count">{format!("Getting started, {} of {}", i + 1, TOUR.len())}</p>
                <h2 id="tour-title">{s.title}</h2>
                <p>{s.text}</p>
                <div class="row">
                    <button type="button" class="primary" on:click=move |_| ui.next_tour_step()>
                        {if last { "Done" } else { "Next" }}
                    </button>
                    {(!last).then(|| view! {
                        <button type="button" on:click=move |_| ui.end_tour()>"Skip the tour"</button>
                    })}
                </div>
            </section>
        })
    }
}
