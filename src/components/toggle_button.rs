//! A button that shows which of a group is chosen (`aria-pressed`): the side panel's sections.

use leptos::prelude::*;

/// One button of a choose-one group.
#[component]
pub fn ToggleButton<T>(
    /// The value this button chooses.
    value: T,
    /// The group's current choice.
    chosen: Signal<T>,
    /// Called with `value` when pressed.
    #[prop(into)]
    choose: Callback<T>,
    /// The visible label (also the accessible name).
    label: &'static str,
    /// The button's id, for a button something else points at.
    #[prop(default = None)]
    id: Option<&'static str>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <button
            type="button"
            id=id
            aria-pressed=move || (chosen.get() == value).to_string()
            on:click=move |_| choose.run(value)
        >
            {label}
        </button>
    }
}
