//! The shell both passphrase dialogs share (locking a map, opening a locked file): a modal
//! with a title and a line about it, a form of the caller's fields, and Cancel beside a submit
//! button that says what it is doing while the browser works.

use super::modal::Modal;
use leptos::prelude::*;

/// A passphrase dialog, open while `open` is true.
#[component]
pub fn PassphraseDialog(
    /// Whether the dialog is showing.
    #[prop(into)]
    open: Signal<bool>,
    /// The ids of its title and of the line about it.
    ids: (&'static str, &'static str),
    /// The title.
    #[prop(into)]
    title: Signal<String>,
    /// The line under the title.
    #[prop(into)]
    about: Signal<String>,
    /// The submit button's words, and its words while the browser works.
    submit: (&'static str, &'static str),
    /// True while the browser works.
    #[prop(into)]
    busy: Signal<bool>,
    /// True when there is nothing to submit yet.
    #[prop(into, optional)]
    empty: Signal<bool>,
    /// Runs when the form is submitted.
    on_submit: Callback<()>,
    /// Runs on Cancel and Escape.
    on_cancel: Callback<()>,
    /// The form's fields.
    children: ChildrenFn,
) -> impl IntoView {
    let (title_id, about_id) = ids;
    let children = StoredValue::new(children);
    let content = move || {
        view! {
            <h2 id=title_id>{move || title.get()}</h2>
            <p id=about_id class="hint">{move || about.get()}</p>
            <form on:submit=move |ev: web_sys::SubmitEvent| {
                ev.prevent_default();
                on_submit.run(());
            }>
                {children.with_value(|c| c())}
                <div class="row end">
                    <button type="button" on:click=move |_| on_cancel.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="primary" disabled=move || busy.get() || empty.get()>
                        {move || if busy.get() { submit.1 } else { submit.0 }}
                    </button>
                </div>
            </form>
        }
    };
    view! {
        <Modal
            open=open
            on_cancel=on_cancel
            labelled_by=title_id
            described_by=about_id
            class="lock"
        >
            {content}
        </Modal>
    }
}
