//! The modal that asks before anything is deleted.

use super::modal::Modal;
use crate::state::{use_store, Pending};
use leptos::prelude::*;

/// Opens as a modal whenever the store holds an action awaiting confirmation.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let store = use_store();

    let text = Memo::new(move |_| {
        store.pending().map(|pending| match pending {
            Pending::DeleteStakeholder(id) => {
                let name = store
                    .stakeholder(id)
                    .map(|s| s.name().to_owned())
                    .unwrap_or_else(|| "this stakeholder".into());
                (
                    format!("Delete {name}?"),
                    format!(
                        "{name} and everything recorded about them will be removed from this map."
                    ),
                    "Delete stakeholder".to_owned(),
                )
            }
            Pending::DeleteAction(id) => {
                let title = store
                    .with_current(|m| m.action(id).map(|a| a.fields.title.clone()))
                    .flatten()
                    .unwrap_or_else(|| "this action".into());
                (
                    format!("Delete the action “{title}”?"),
                    "It will be removed from the plan. To keep a record that it was abandoned,                      set its status to Dropped instead."
                        .to_owned(),
                    "Delete action".to_owned(),
                )
            }
            Pending::DeleteTouchpoint(_) => (
                "Delete this contact from the log?".to_owned(),
                "The entry will be removed. Any move it made on the map stays.".to_owned(),
                "Delete contact".to_owned(),
            ),
            Pending::DiscardSetAside(_) => (
                "Delete the set-aside data from this browser?".to_owned(),
                "Download it first if there is any chance you need it: once deleted it cannot \
                 be recovered."
                    .to_owned(),
                "Delete set-aside data".to_owned(),
            ),
            Pending::DeleteSnapshot(id) => {
                let name = store
                    .with_current(|m| m.snapshot(id).map(|s| s.name.clone()))
                    .flatten()
                    .unwrap_or_else(|| "this snapshot".into());
                (
                    format!("Delete the snapshot “{name}”?"),
                    "Comparisons and reports against it will no longer be possible. The map \
                     itself does not change."
                        .to_owned(),
                    "Delete snapshot".to_owned(),
                )
            }
            Pending::DeleteMap(id) => {
                let (name, count) = store
                    .workspace()
                    .with(|w| w.map(id).map(|m| (m.name.clone(), m.len())))
                    .unwrap_or_else(|| ("this map".into(), 0));
                (
                    format!("Delete the map “{name}”?"),
                    format!(
                        "The map and its {count} stakeholder{} will be removed from this browser. \
                         Export it first if you may need it again.",
                        if count == 1 { "" } else { "s" }
                    ),
                    "Delete map".to_owned(),
                )
            }
        })
    });

    view! {
        <Modal
            open=Signal::derive(move || text.with(Option::is_some))
            on_cancel=Callback::new(move |_| store.cancel_pending())
            labelled_by="confirm-title"
            described_by="confirm-text"
            class="confirm"
        >
            <h2 id="confirm-title">{move || text.with(|t| t.as_ref().map(|t| t.0.clone()))}</h2>
            <p id="confirm-text">{move || text.with(|t| t.as_ref().map(|t| t.1.clone()))}</p>
            <div class="row">
                <button type="button" class="danger" on:click=move |_| store.confirm_pending()>
                    {move || text.with(|t| t.as_ref().map(|t| t.2.clone()))}
                </button>
                <button type="button" autofocus on:click=move |_| store.cancel_pending()>
                    "Cancel"
                </button>
            </div>
        </Modal>
    }
}
