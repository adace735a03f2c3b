//! Quick add for a workshop: type or paste names one per line, each with any title (it becomes
//! the person's role); they wait in a tray until the room places them. Drag a name onto the map
//! (mouse, finger or pen) to put it there, or press it (click, Enter or Space) to put it in the
//! middle and move it with the arrow keys.

use super::marker::{focus_marker_soon, map_point};
use crate::model::{Plot, Position, TrayPerson};
use crate::state::{use_ui, Ui};
use leptos::prelude::*;
use leptos::svg::Svg;

/// A name being dragged from the tray: which, where the pointer started, and how far it went.
#[derive(Clone, Debug, PartialEq)]
struct TrayDrag {
    name: String,
    start: (f64, f64),
    delta: (f64, f64),
    moved: bool,
}

/// Beyond this many pixels a press on a name is a drag, not a click.
const DRAG_SLOP: f64 = 6.0;

fn place(ui: Ui, name: &str, at: Position) {
    if let Some(id) = ui.place_from_tray(name, at) {
        focus_marker_soon(id);
    }
}

/// The text box and the tray of waiting names.
#[component]
pub fn QuickAddTray(plot: Memo<Plot>, svg: NodeRef<Svg>) -> impl IntoView {
    let ui = use_ui();
    let text = RwSignal::new(String::new());
    let people = Memo::new(move |_| ui.tray().people().to_vec());
    let open = RwSignal::new(false);
    let drag = RwSignal::new(None::<TrayDrag>);
    // A drag can end with a click on the same name; that click must not also place it. Keyed
    // by name, since a placed name's button is gone before any click could reach it.
    let swallow_click = StoredValue::new(None::<String>);

    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if ui.add_to_tray(&text.get_untracked()) {
            text.set(String::new());
        }
    };
    // Where on the map a drag ended, if it ended on the map.
    let drop_at = move |ev: &web_sys::PointerEvent| -> Option<Position> {
        let (x, y) = map_point(svg, ev)?;
        let p = plot.get_untracked();
        let inside = (0.0..=p.width).contains(&x) && (0.0..=p.height).contains(&y);
        inside.then(|| p.position_at(x, y))
    };

    let chip = move |person: TrayPerson| {
        let name = person.name.clone();
        let for_down = name.clone();
        let for_click = name.clone();
        let for_remove = name.clone();
        let dragging = {
            let name = name.clone();
            move || {
                drag.with(|d| {
                    d.as_ref()
                        .filter(|d| d.moved && d.name == name)
                        .map(|d| d.delta)
                })
            }
        };
        view! {
            <li class="tray-item">
                <button
                    type="button"
                    class="tray-name"
                    class:dragging={
                        let dragging = dragging.clone();
                        move || dragging().is_some()
                    }
                    style:transform=move || {
                        dragging().map(|(dx, dy)| format!("translate({dx:.0}px, {dy:.0}px)"))
                    }
                    aria-label=if person.role.is_empty() {
                        format!("Place {name} on the map")
                    } else {
                        format!("Place {name}, {}, on the map", person.role)
                    }
                    title="Drag onto the map, or press to put in the middle"
                    on:pointerdown=move |ev: web_sys::PointerEvent| {
                        if ev.button() != 0 {
                            return;
                        }
                        swallow_click.set_value(None);
                        if let Some(el) = ev
                            .current_target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                        {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                        }
                        drag.set(Some(TrayDrag {
                            name: for_down.clone(),
                            start: (f64::from(ev.client_x()), f64::from(ev.client_y())),
                            delta: (0.0, 0.0),
                            moved: false,
                        }));
                    }
                    on:pointermove=move |ev: web_sys::PointerEvent| {
                        drag.update(|d| {
                            if let Some(d) = d {
                                let dx = f64::from(ev.client_x()) - d.start.0;
                                let dy = f64::from(ev.client_y()) - d.start.1;
                                d.delta = (dx, dy);
                                d.moved |= dx.hypot(dy) > DRAG_SLOP;
                            }
                        });
                    }
                    on:pointerup=move |ev: web_sys::PointerEvent| {
                        let Some(d) = drag.get_untracked() else { return };
                        drag.set(None);
                        if d.moved {
                            if let Some(at) = drop_at(&ev) {
                                place(ui, &d.name, at);
                            }
                            swallow_click.set_value(Some(d.name));
                        }
                    }
                    on:pointercancel=move |_| drag.set(None)
                    on:click=move |ev: web_sys::MouseEvent| {
                        // Enter and Space give clicks with no pointer detail: never a drag's end.
                        let after_drag = swallow_click.with_value(|n| n.as_deref() == Some(for_click.as_str()));
                        swallow_click.set_value(None);
                        if after_drag && ev.detail() > 0 {
                            return;
                        }
                        place(ui, &for_click, Position::default());
                    }
                >
                    {person.label()}
                </button>
                <button
                    type="button"
                    class="tray-remove"
                    aria-label=format!("Remove {name} from the tray")
                    on:click=move |_| ui.drop_from_tray(&for_remove)
                >
                    "×"
                </button>
            </li>
        }
    };

    view! {
        <section class="quick-add" aria-labelledby="quick-add-title">
            <div class="quick-add-head">
                <h2 id="quick-add-title">"Quick add"</h2>
                <button
                    type="button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="quick-add-form"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || if open.get() { "Hide the name box" } else { "Type or paste names" }}
                </button>
                <span class="hint">
                    {move || match people.with(Vec::len) {
                        0 => "No names waiting.".to_owned(),
                        1 => "1 name waiting: drag it onto the map, or press it.".to_owned(),
                        n => format!("{n} names waiting: drag each onto the map, or press it."),
                    }}
                </span>
            </div>
            <form id="quick-add-form" class="quick-add-form" class:hidden=move || !open.get() on:submit=add>
                <label for="quick-add-names">"Names, one per line"</label>
                <textarea
                    id="quick-add-names"
                    aria-describedby="quick-add-names-hint"
                    rows="3"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <button type="submit">"Add to the tray"</button>
                <p id="quick-add-names-hint" class="hint">
                    "A title after the name becomes the role: “Ben Cohen – Head of Retail”, “Ben Cohen, Head of Retail”, “Ben Cohen (Head of Retail)”, or the next column of a pasted sheet."
                </p>
            </form>
            <ul class="tray" aria-label="Names waiting to be placed">
                <For each=move || people.get() key=|p| p.name.clone() let:person>
                    {chip(person)}
                </For>
            </ul>
        </section>
    }
}
