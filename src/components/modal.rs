//! A modal dialog that opens and closes with a signal (the browser's `<dialog>`, so focus is
//! trapped, Escape cancels, and the page behind is inert).

use leptos::html::Dialog;
use leptos::prelude::*;

/// Shown as a modal while `open` is true; Escape calls `on_cancel`.
#[component]
pub fn Modal(
    /// Whether the dialog is showing.
    #[prop(into)]
    open: Signal<bool>,
    /// Called when the user presses Escape.
    on_cancel: Callback<()>,
    /// The id of the element that names the dialog.
    labelled_by: &'static str,
    /// The id of the element that describes it, if any.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Extra class for sizing.
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = open.get();
        if let Some(el) = dialog.get() {
            if open && !el.open() {
                let _ = el.show_modal();
            } else if !open && el.open() {
                el.close();
            }
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |e: web_sys::Event| {
                e.prevent_default();
                on_cancel.run(());
            }
        >
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
