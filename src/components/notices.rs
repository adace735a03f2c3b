//! Messages for the user: the save-failure banner and the latest notice (import results,
//! unreadable saved data).

use crate::state::{use_store, Tone};
use leptos::prelude::*;

/// The banner and the notice, both announced to screen readers.
#[component]
pub fn Notices() -> impl IntoView {
    let store = use_store();
    view! {
        <div class="notices">
        {move || {
            store
                .save_problem()
                .map(|problem| {
                    view! {
                        <div class="banner banner-error save-problem" role="alert">
                            <p>
                                <strong>"Not saved. "</strong>
                                {problem}
                                " Your map stays open in this tab and you can keep working; use "
                                <em>"Export map"</em>
                                " to keep a copy."
                            </p>
                            <button type="button" on:click=move |_| store.retry_save()>
                                "Try saving again"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            store
                .notice()
                .map(|notice| {
                    let (class, role) = match notice.tone {
                        Tone::Info => ("banner banner-info notice", "status"),
                        Tone::Error => ("banner banner-error notice", "alert"),
                    };
                    view! {
                        <div class=class role=role>
                            <div>
                                <p class="notice-title">{notice.title}</p>
                                <ul class="notice-details">
                                    {notice
                                        .details
                                        .into_iter()
                                        .map(|line| view! { <li>{line}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                            <button
                                type="button"
                                aria-label="Dismiss message"
                                on:click=move |_| store.dismiss_notice()
                            >
                                "Dismiss"
                            </button>
                        </div>
                    }
                })
        }}
        </div>
    }
}
