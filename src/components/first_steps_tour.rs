//! The short tour on a first visit: a few cards above the map, each with Next and Skip. It sits
//! in the page rather than over it, so the map stays usable while it shows, and once finished or
//! skipped it never returns.

use crate::state::{use_ui, TOUR};
use leptos::prelude::*;

/// The tour card, while the tour is on.
#[component]
pub fn FirstStepsTour() -> impl IntoView {
    let ui = use_ui();
    move || {
        let step = ui.tour_step()?;
        let (title, text) = TOUR.get(step).copied()?;
        let last = step + 1 == TOUR.len();
        Some(view! {
            <section class="tour" aria-labelledby="tour-title">
                <div>
                    <p class="tour-count">{format!("Getting started, {} of {}", step + 1, TOUR.len())}</p>
                    <h2 id="tour-title">{title}</h2>
                    <p>{text}</p>
                </div>
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
