//! The side panel: the selected stakeholder's form, the "add" form, or a hint.

use super::stakeholder_form::StakeholderForm;
use crate::state::use_store;
use leptos::prelude::*;

/// The side panel.
#[component]
pub fn StakeholderPanel() -> impl IntoView {
    let store = use_store();
    // Re-render the form only when the selected stakeholder itself changes (a move, a save),
    // never when some other stakeholder does, so a half-typed edit survives.
    let selected = Memo::new(move |_| store.selected().and_then(|id| store.stakeholder(id)));
    let adding = Memo::new(move |_| store.adding());

    view! {
        <aside class="panel" aria-label="Stakeholder details">
            {move || {
                if adding.get() {
                    view! { <StakeholderForm editing=None /> }.into_any()
                } else if let Some(s) = selected.get() {
                    view! { <StakeholderForm editing=Some(s) /> }.into_any()
                } else {
                    view! {
                        <div class="panel-empty">
                            <h2>"Stakeholders"</h2>
                            <p>
                                "Select someone on the map or in the list to see and edit their \
                                 details, or add a new stakeholder."
                            </p>
                            <button type="button" class="primary" on:click=move |_| store.start_adding()>
                                "Add a stakeholder"
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }}
        </aside>
    }
}
