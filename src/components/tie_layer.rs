//! Relationships on the map: the arrows the core draws (`model::draw_ties`, in batches), the choice of
//! which to show (the selected person's, all or none), the selected person's link handle
//! (drag it to someone else to record a relationship with them; press it for the form), and a
//! live region that says the selected person's relationships.

use super::marker::map_point;
use crate::model::{
    draw_ties, Drawing, ShownTies, Tie, TieShow, TieStrength, TieView, TIE_KEY_NOTE,
};
use crate::state::{use_selection, use_store, use_ui, PanelTab, Selection};
use leptos::prelude::*;
use leptos::svg::Svg;

/// How near a marker's centre the pointer must be let go for the link to land on them.
const LAND: f64 = 20.0;

/// Where the link handle sits from the selected marker's centre.
const HANDLE: (f64, f64) = (-20.0, -20.0);

/// The arrows, on four canvases that let every pointer event through: below the map's SVG (its
/// markers and names) and above the quadrants' backgrounds, everyone else's lines, then the
/// selected person's; above the SVG, everyone else's arrowheads, then the selected person's,
/// so no name hides which way an arrow points and no line crosses a name. A canvas is painted
/// apart from the map's SVG, so a marker's change does not repaint thousands of arrows, and
/// moving the selected person repaints only their own. The layer says how many relationships it paints
/// (`data-drawn`, and `data-batches`: the count of each kind and strength), for tests; screen
/// readers get the relationships from the panel's list and the live region instead.
#[component]
pub fn TieArrows(
    drawing: Memo<Drawing>,
    size: RwSignal<(f64, f64)>,
    #[prop(into)] hidden: Signal<bool>,
) -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let selection = use_selection();
    let ties = Memo::new(move |_| {
        if hidden.get() {
            return Vec::new();
        }
        let shown = ShownTies {
            show: ui.tie_show(),
            selected: selection.selected(),
        };
        drawing.with(|d| {
            store
                .with_current(|m| draw_ties(m, &d.markers, shown))
                .unwrap_or_default()
        })
    });
    let split = move |selected_ones: bool| {
        Memo::new(move |_| {
            let who = selection.selected();
            ties.with(|all| {
                all.iter()
                    .filter(|t| (Some(t.from) == who || Some(t.to) == who) == selected_ones)
                    .cloned()
                    .collect::<Vec<TieView>>()
            })
        })
    };
    let others = split(false);
    let theirs = split(true);
    let scale = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0));
    let others_lines = NodeRef::<leptos::html::Canvas>::new();
    let their_lines = NodeRef::<leptos::html::Canvas>::new();
    let others_heads = NodeRef::<leptos::html::Canvas>::new();
    let their_heads = NodeRef::<leptos::html::Canvas>::new();
    // Each canvas repaints only when what it holds changes: moving the selected person leaves
    // everyone else's lines and heads as they were.
    for (canvas, list, part) in [
        (others_lines, others, Part::Lines),
        (their_lines, theirs, Part::Lines),
        (others_heads, others, Part::Heads),
        (their_heads, theirs, Part::Heads),
    ] {
        Effect::new(move |_| {
            let (w, h) = size.get();
            list.with(|l| {
                if let Some(c) = canvas.get() {
                    paint(&c, w, h, scale, l, part);
                }
            });
        });
    }
    let counts = Memo::new(move |_| {
        ties.with(|all| {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for kind in Tie::ALL {
                for strength in TieStrength::ALL {
                    let n = all
                        .iter()
                        .filter(|t| t.kind == kind && t.strength == strength)
                        .count();
                    if n > 0 {
                        counts.push((format!("{}-{}", kind.key(), strength.key()), n));
                    }
                }
            }
            (all.len(), counts)
        })
    });
    // Between the quadrants' backgrounds (a picture of their own, below) and the map's SVG with
    // its captions, markers and names, so the lines run under the markers; the two canvases of
    // arrowheads are lifted over the SVG (`.tie-top` in the style sheet), inside the map's own
    // stacking context.
    view! {
        <div
            class="tie-layer"
            aria-hidden="true"
            data-drawn=move || counts.with(|c| c.0)
            data-batches=move || counts.with(|c| c.1.iter().map(|(k, n)| format!("{k}:{n}")).collect::<Vec<_>>().join(" "))
        >
            <canvas node_ref=others_lines />
            <canvas node_ref=their_lines />
            <canvas class="tie-top" node_ref=others_heads />
            <canvas class="tie-top" node_ref=their_heads />
        </div>
    }
}

/// What one canvas holds of the arrows it is given.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Lines,
    Heads,
}

/// Paints the lines or the arrowheads of `ties` on the canvas of `w` × `h` CSS pixels at
/// `scale` device pixels each: each line stroked on its own (one path of thousands is slower to
/// stroke than thousands of short ones), kinds and strengths together so the style is set once
/// for each; each kind's arrowheads filled at once.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    w: f64,
    h: f64,
    scale: f64,
    ties: &[TieView],
    part: Part,
) {
    use wasm_bindgen::JsCast;
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    // The canvas is sized here, just before painting (a change of size clears it), so no
    // later update of its size can wipe what was painted.
    let (pw, ph) = ((w * scale).round() as u32, (h * scale).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let _ = ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    if ties.is_empty() {
        return;
    }
    ctx.set_global_alpha(0.85);
    for kind in Tie::ALL {
        let dash = js_sys::Array::new();
        for part in kind.dash().split_whitespace() {
            if let Ok(n) = part.parse::<f64>() {
                dash.push(&n.into());
            }
        }
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(kind.colour());
        ctx.set_fill_style_str(kind.colour());
        if part == Part::Heads {
            ctx.begin_path();
            for t in ties.iter().filter(|t| t.kind == kind) {
                for [tip, l, r] in &t.head_points {
                    ctx.move_to(tip.0, tip.1);
                    ctx.line_to(l.0, l.1);
                    ctx.line_to(r.0, r.1);
                    ctx.close_path();
                }
            }
            ctx.fill();
            continue;
        }
        for strength in TieStrength::ALL {
            ctx.set_line_width(strength.width());
            for t in ties
                .iter()
                .filter(|t| t.kind == kind && t.strength == strength)
            {
                ctx.begin_path();
                ctx.move_to(t.start.0, t.start.1);
                match t.control {
                    Some(c) => ctx.quadratic_curve_to(c.0, c.1, t.end.0, t.end.1),
                    None => ctx.line_to(t.end.0, t.end.1),
                }
                ctx.stroke();
            }
        }
    }
}

/// Under the map: the choice of which relationships it draws, and, while any can be, the key
/// to their kinds (dash and colour, as drawn).
#[component]
pub fn TieKey(#[prop(into)] hidden: Signal<bool>) -> impl IntoView {
    let ui = use_ui();
    let selection = use_selection();
    // The key to the kinds shows while arrows can be drawn: all, or someone's selected.
    let drawing = move || match ui.tie_show() {
        TieShow::All => !hidden.get(),
        TieShow::Selected => !hidden.get() && selection.selected().is_some(),
        TieShow::Hidden => false,
    };
    view! {
        <div class="tie-key">
            <TieShowChoice />
            // Always laid out, hidden while nothing can be drawn, so selecting someone never
            // changes the map's size (a drag starts by selecting).
                <ul class="legend" aria-label="Relationship kinds" title=TIE_KEY_NOTE hidden=move || !drawing()>
                    {Tie::ALL.into_iter().map(|k| view! {
                        <li class=format!("legend-tie tie-{}", k.key())>
                            <svg class="legend-shape" viewBox="0 0 34 20" width="30" height="18" aria-hidden="true">
                                <line
                                    x1="2" y1="10" x2="22" y2="10"
                                    stroke=k.colour()
                                    stroke-width="2.75"
                                    stroke-dasharray=(!k.dash().is_empty()).then(|| k.dash())
                                />
                                <path d="M31,10l-9,-4.5v9z" fill=k.colour() />
                            </svg>
                            {k.label()}
                        </li>
                    }).collect_view()}
                </ul>
        </div>
    }
}

/// The choice of which relationships the map draws.
#[component]
fn TieShowChoice() -> impl IntoView {
    let ui = use_ui();
    view! {
        <span class="field inline">
            <label for="ties-shown">"Show relationships"</label>
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
