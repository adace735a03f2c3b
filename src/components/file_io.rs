//! What the views add to [`Platform`] for files: taking the files out of a file input (and
//! clearing it), and measuring the map on screen for a PNG's scale. Reading and downloading
//! themselves go through the platform in state.

use crate::state::{Platform, Store};

/// What a file picker for map files offers: map files (also password-protected ones).
pub(super) const MAP_FILES: &str = ".json,application/json";
/// What a file picker for spreadsheets offers: CSV and tab-separated text, Excel and
/// OpenDocument workbooks.
pub(super) const SPREADSHEETS: &str = ".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.xlsb,.ods,text/csv,\
     text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,\
     application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet";
/// What "Import map" offers: a map file or a spreadsheet, each sent where it belongs.
pub(super) const MAPS_AND_SPREADSHEETS: &str = ".json,application/json,.csv,.tsv,.txt,.xlsx,\
     .xlsm,.xls,.xlsb,.ods,text/csv,text/tab-separated-values,\
     application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,\
     application/vnd.oasis.opendocument.spreadsheet";
use wasm_bindgen::JsCast;

/// The files picked in a file input's `change` event, handed to `take`; the input is then
/// cleared so the same file can be picked again.
pub(super) fn read_picked(
    platform: Platform,
    store: Store,
    ev: web_sys::Event,
    take: impl Fn(&str, &[u8]) + Copy + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(list) = input.files() {
        platform.read_files(store, list, take);
    }
    input.set_value("");
}

/// How wide the map is drawn on screen, in CSS pixels (0 when it is not shown).
fn map_width_on_screen() -> f64 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".map-svg").ok().flatten())
        .map(|el| f64::from(el.client_width()))
        .unwrap_or(0.0)
}

/// Offers an SVG image of the map (name and SVG) as a PNG, sharp on this screen; once saved,
/// what it `holds` is said with its name.
pub(super) fn offer_png(
    platform: Platform,
    store: Store,
    file: Option<(String, String)>,
    holds: Option<String>,
) {
    platform.offer_png(store, file, map_width_on_screen(), holds);
}
