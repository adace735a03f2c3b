//! Relationships on the map: the arrows the core draws (`model::draw_ties`), the choice of
//! which to show (the selected person's, all or none), the selected person's link handle
//! (drag it to someone else to record a relationship with them; press it for the form), and a
//! live region that says the selected person's relationships.

use super::marker::map_point;
use crate::model::{draw_ties, tie_heads, ties_markup, Drawing, ShownTies, TieShow};
use crate::state::{use_selection, use_store, use_ui, PanelTab, Selection};
use leptos::prelude::*;
use leptos::svg::Svg;

/// The ids the arrowheads of the screen's ties go by.
const HEADS: &str = "tie";

/// How near a marker's centre the pointer must be let go for the link to land on them.
const LAND: f64 = 20.0;

/// Where the link handle sits from the selected marker's centre.
const HANDLE: (f64, f64) = (-20.0, -20.0);

/// The arrowhead definitions, once per map.
#[component]
pub fn TieHeads() -> impl IntoView {
    view! { <defs inner_html=tie_heads(HEADS) /> }
}

/// The arrows, under the markers.
#[component]
pub fn TieArrows(drawing: Memo<Drawing>, #[prop(into)] hidden: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let selection = use_selection();
    let markup = Memo::new(move |_| {
        if hidden.get() {
            return String::new();
        }
        let shown = ShownTies {
            show: ui.tie_show(),
            selected: selection.selected(),
        };
        drawing.with(|d| {
            store
                .with_current(|m| {
                    let names = |id| m.get(id).map(|s| s.name().to_owned()).unwrap_or_default();
                    ties_markup(&draw_ties(m, &d.markers, shown, &names), HEADS)
                })
                .unwrap_or_default()
        })
    });
    view! { <g class="ties" aria-hidden="true" inner_html=move || markup.get() /> }
}

/// The choice of which relationships the map draws.
#[component]
pub fn TieShowChoice() -> impl IntoView {
    let ui = use_ui();
    view! {
        <span class="field inline">
            <label for="ties-shown">"Relationships"</label>
            <select
                id="ties-shown"
                on:change=move |ev| {
                    if let Some(show) = TieShow::from_key(&event_target_value(&ev)) {
                        ui.set_tie_show(show);
                    }
                }
            >
                {TieShow::ALL.into_iter().map(|s| view! {
                    <option value=s.key() selected=move || ui.tie_show() == s>{s.label()}</option>
                }).collect_view()}
            </select>
        </span>
    }
}

/// The selected person's relationships in words, for screen readers, said when someone is
/// selected or their relationships change.
#[component]
pub fn TieAnnouncer() -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let selection = use_selection();
    let words = Memo::new(move |_| {
        if ui.tie_show() == TieShow::Hidden {
            return String::new();
        }
        let Some(id) = selection.selected() else {
            return String::new();
        };
        store
            .with_current(|m| {
                let name = m.get(id)?.name().to_owned();
                let names = |p| m.get(p).map(|s| s.name().to_owned()).unwrap_or_default();
                let list: Vec<String> = m
                    .relationships_of(id)
                    .into_iter()
                    .map(|r| r.words_from(id, &names))
                    .collect();
                Some(if list.is_empty() {
                    format!("{name} has no relationships recorded.")
                } else {
                    format!("{name}: {}.", list.join("; "))
                })
            })
            .flatten()
            .unwrap_or_default()
    });
    view! {
        <p class="visually-hidden" aria-live="polite" id="ties-announcer">{move || words.get()}</p>
    }
}

/// The selected person's link handle: dragged onto someone else, it opens the form to record
/// how the two stand, with that person filled in; pressed, it opens the same form.
#[component]
pub fn LinkHandle(
    drawing: Memo<Drawing>,
    svg: NodeRef<Svg>,
    /// The link being drawn.
    pointer: RwSignal<Option<LinkDrag>>,
    #[prop(into)] hidden: Signal<bool>,
) -> impl IntoView {
    let selection = use_selection();
    let at = Memo::new(move |_| {
        if hidden.get() {
            return None;
        }
        let id = selection.selected()?;
        drawing.with(|d| {
            d.markers
                .iter()
                .find(|m| m.id == id)
                .map(|m| (m.x, m.y, m.label.clone()))
        })
    });
    let open_form = move || {
        selection.set_panel_tab(PanelTab::Network);
        super::focus::focus_soon("#relationship-kind".to_owned());
    };
    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(s) = svg.get_untracked() {
            let _ = s.set_pointer_capture(ev.pointer_id());
        }
        pointer.set(map_point(svg, &ev).map(|p| LinkDrag { start: p, now: p }));
    };
    view! {
        {move || at.get().map(|(x, y, name)| {
            let (hx, hy) = (x + HANDLE.0, y + HANDLE.1);
            view! {
                {move || pointer.get().map(|l| view! {
                    <line class="link-line" x1=hx y1=hy x2=l.now.0 y2=l.now.1 />
                })}
                <g
                    class="link-handle"
                    transform=format!("translate({hx:.1} {hy:.1})")
                    role="button"
                    tabindex="-1"
                    aria-label=format!("Record a relationship of {name}: drag to another person, or press for the form")
                    on:pointerdown=on_pointerdown
                    on:click=move |_| open_form()
                >
                    <title>{format!("Drag to someone {name} listens to, reports to or works with")}</title>
                    <circle r="9" />
                    <path d="M-4,0H4M0,-4V4" />
                </g>
            }
        })}
    }
}

/// A link being drawn from the link handle: where it started and where the pointer is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkDrag {
    /// Where the press began, in map pixels.
    pub start: (f64, f64),
    /// Where the pointer is now.
    pub now: (f64, f64),
}

/// Follows the pointer while a link is drawn; false when none is.
pub fn move_link(pointer: RwSignal<Option<LinkDrag>>, at: Option<(f64, f64)>) -> bool {
    match (pointer.get_untracked(), at) {
        (Some(l), Some(now)) => {
            pointer.set(Some(LinkDrag { now, ..l }));
            true
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Ends a link drawn from the selected person at the map point `at`: on someone else's
/// marker, the selected person's Network tab opens with that person filled in; a press that
/// did not move opens the same form. True when a link was being drawn.
pub fn finish_link(
    drawing: Memo<Drawing>,
    pointer: RwSignal<Option<LinkDrag>>,
    selection: Selection,
    at: Option<(f64, f64)>,
) -> bool {
    let Some(link) = pointer.get_untracked() else {
        return false;
    };
    pointer.set(None);
    let Some(from) = selection.selected_untracked() else {
        return true;
    };
    let (x, y) = at.unwrap_or(link.now);
    if (x - link.start.0).hypot(y - link.start.1) < 4.0 {
        selection.set_panel_tab(PanelTab::Network);
        super::focus::focus_soon("#relationship-kind".to_owned());
        return true;
    }
    let landed = drawing.with_untracked(|d| {
        d.markers
            .iter()
            .filter(|m| m.id != from)
            .map(|m| (m.id, (m.x - x).hypot(m.y - y)))
            .filter(|(_, dist)| *dist <= LAND)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    });
    if let Some(to) = landed {
        selection.set_connect_to(Some(to));
    }
    true
}
