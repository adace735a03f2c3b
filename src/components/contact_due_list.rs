//! "Due for contact": everyone whose cadence says it is time to get in touch, most overdue first.

use crate::model::{cadence_words, due_for_contact, last_contact_words};
use crate::state::{use_selection, use_store, PanelTab};
use leptos::prelude::*;

/// The "Due for contact" view.
#[component]
pub fn ContactDueList() -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let due = Memo::new(move |_| {
        let today = store.today();
        let attention = store.attention_map();
        attention
            .with(|a| store.with_current(|m| due_for_contact(m, a, today)))
            .unwrap_or_default()
    });

    view! {
        <section class="list-view contact-due" aria-labelledby="due-title">
            <h2 id="due-title">"Due for contact"</h2>
            <p class="hint">
                "Each stakeholder's cadence comes from their quadrant (Win over every 2 weeks, \
                 Champions and Reassure monthly, Keep informed quarterly) unless you set their own."
            </p>
            <Show
                when=move || !due.with(Vec::is_empty)
                fallback=|| view! {
                    <p class="list-empty">
                        "Nobody is due for contact today. When you meet someone, log it in their \
                         Contacts tab; they return here when their next contact falls due."
                    </p>
                }
            >
                <table class="stakeholder-table">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Quadrant"</th>
                            <th scope="col">"Cadence"</th>
                            <th scope="col">"Last contact"</th>
                            <th scope="col">"Due"</th>
                            <th scope="col"><span class="visually-hidden">"Log"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || due.get() key=|id| *id let:id>
                            {move || {
                                let s = store.stakeholder(id)?;
                                let st = store.attention(id)?.contact;
                                let today = store.today();
                                let q = s.quadrant();
                                let name = s.name().to_owned();
                                Some(view! {
                                    <tr class:overdue=st.is_overdue()>
                                        <td>
                                            <button type="button" class="link" on:click=move |_| selection.open_stakeholder(id, PanelTab::Details)>
                                                {name.clone()}
                                            </button>
                                        </td>
                                        <td><span class=format!("chip q-{}", q.key())>{q.name()}</span></td>
                                        <td>{cadence_words(st.cadence_days)}</td>
                                        <td>{last_contact_words(st.days_since_contact(today))}</td>
                                        <td>
                                            {if st.is_overdue() {
                                                format!("⚠ Overdue by {} day{}", st.days_overdue, if st.days_overdue == 1 { "" } else { "s" })
                                            } else {
                                                "Due today".to_owned()
                                            }}
                                        </td>
                                        <td>
                                            <button
                                                type="button"
                                                aria-label=format!("Log contact with {name}")
                                                on:click=move |_| selection.open_stakeholder(id, PanelTab::Contacts)
                                            >
                                                "Log contact"
                                            </button>
                                        </td>
                                    </tr>
                                })
                            }}
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
