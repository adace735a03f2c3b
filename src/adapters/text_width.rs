//! How wide a piece of text is in the page's own font: measured once per text on a canvas that
//! is never shown, and remembered, so the map can place names where they truly fit.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// The size texts are measured at; widths scale with the font size.
const MEASURE_AT: f64 = 100.0;

#[derive(Default)]
struct Measurer {
    context: Option<web_sys::CanvasRenderingContext2d>,
    widths: HashMap<String, f64>,
}

thread_local! {
    static MEASURER: RefCell<Measurer> = RefCell::new(Measurer::default());
}

/// The page's font family, as its style sheet sets it on the body.
fn page_font_family() -> Option<String> {
    let window = web_sys::window()?;
    let body = window.document()?.body()?;
    let family = window
        .get_computed_style(&body)
        .ok()??
        .get_property_value("font-family")
        .ok()?;
    (!family.is_empty()).then_some(family)
}

fn context() -> Option<web_sys::CanvasRenderingContext2d> {
    let canvas = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    let ctx = canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .ok()?;
    // Bold: the widest weight the map draws words in, so a box always holds its text.
    let family = page_font_family().unwrap_or_else(|| "sans-serif".to_owned());
    ctx.set_font(&format!("700 {MEASURE_AT}px {family}"));
    Some(ctx)
}

/// The width of `text` at `font` pixels. Falls back on an estimate from its letters when the
/// page cannot measure.
pub fn text_width(text: &str, font: f64) -> f64 {
    MEASURER.with_borrow_mut(|m| {
        if let Some(w) = m.widths.get(text) {
            return w * font / MEASURE_AT;
        }
        if m.context.is_none() {
            m.context = context();
        }
        let width = m
            .context
            .as_ref()
            .and_then(|ctx| ctx.measure_text(text).ok())
            .map(|metrics| metrics.width())
            .filter(|w| w.is_finite())
            // A little room for fonts that render a touch wider than they measure.
            .map(|w| w * 1.02)
            .unwrap_or_else(|| crate::model::estimate_text_width(text, MEASURE_AT));
        m.widths.insert(text.to_owned(), width);
        width * font / MEASURE_AT
    })
}
