//! A labelled group of radio buttons choosing one value: how people are labelled in an image or
//! a redacted copy, and where spreadsheet rows go.

use leptos::prelude::*;

/// A `<fieldset>` of radio buttons, one per option, bound to `chosen`.
#[component]
pub fn RadioGroup<T>(
    /// The group's visible name.
    legend: &'static str,
    /// The radio buttons' shared `name`.
    name: &'static str,
    /// Each value with its label, in order.
    options: Vec<(T, &'static str)>,
    /// The current choice.
    #[prop(into)]
    chosen: Signal<T>,
    /// Called with the value of the button the user picks.
    #[prop(into)]
    choose: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="choice">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <label>
                            <input
                                type="radio"
                                name=name
                                prop:checked=move || chosen.get() == value
                                on:change=move |_| choose.run(value)
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
