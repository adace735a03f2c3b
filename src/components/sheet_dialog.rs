//! The spreadsheet preview: which rows can go in, which cannot and why, before anything changes.

use super::modal::Modal;
use super::radio_group::RadioGroup;
use crate::state::use_sharing;
use leptos::prelude::*;

/// Opens while a spreadsheet is under review.
#[component]
pub fn SheetDialog() -> impl IntoView {
    let sharing = use_sharing();
    let open = Signal::derive(move || sharing.sheet_review().is_some());
    // Rebuilt when a new sheet comes under review, not when the target choice changes.
    let under_review = Memo::new(move |_| {
        sharing
            .sheet_review()
            .map(|r| (r.file_name.clone(), r.import.clone()))
    });
    let into = move || sharing.sheet_review().is_some_and(|r| r.into_current);
    let body = move || {
        let Some((file_name, import)) = under_review.get() else {
            return ().into_any();
        };
        let good = import.rows.len();
        let problems = import.problems.clone();
        let ignored = import.ignored_columns.join(", ");
        let has_ignored = !ignored.is_empty();
        view! {
            <h2 id="sheet-title">{format!("Import “{file_name}”?")}</h2>
            <p>
                {format!(
                    "{good} row{} ready to add{}.",
                    if good == 1 { "" } else { "s" },
                    if problems.is_empty() { String::new() } else {
                        format!("; {} row{} with problems will be left out", problems.len(), if problems.len() == 1 { "" } else { "s" })
                    }
                )}
            </p>
            <Show when=move || !problems.is_empty()>
                <section aria-labelledby="sheet-problems">
                    <h3 id="sheet-problems">"Rows left out"</h3>
                    <ul class="problems">
                        {import
                            .problems
                            .iter()
                            .map(|p| view! { <li>{format!("Row {}: {}", p.row, p.reason)}</li> })
                            .collect_view()}
                    </ul>
                </section>
            </Show>
            <Show when=move || has_ignored>
                <p class="hint">{format!("Columns not read: {ignored}.")}</p>
            </Show>
            <RadioGroup
                legend="Add them"
                name="sheet-target"
                options=vec![(true, "Into the open map"), (false, "As a new map")]
                chosen=Signal::derive(into)
                choose=move |into| sharing.sheet_into_current(into)
            />
            <div class="row end">
                <button
                    type="button"
                    class="primary"
                    disabled=good == 0
                    on:click=move |_| sharing.confirm_sheet()
                >
                    {format!("Add {good} stakeholder{}", if good == 1 { "" } else { "s" })}
                </button>
                <button type="button" on:click=move |_| sharing.cancel_sheet()>
                    "Cancel"
                </button>
            </div>
        }
        .into_any()
    };
    view! {
        <Modal
            open=open
            on_cancel=Callback::new(move |_| sharing.cancel_sheet())
            labelled_by="sheet-title"
            class="sheet"
        >
            {body}
        </Modal>
    }
}
