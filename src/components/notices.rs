//! Messages for the user: the save-failure banner and the latest notice (import results,
//! unreadable saved data).

use crate::state::{use_notices, use_platform, use_store, Pending, Tone};
use leptos::prelude::*;

/// The banner and the notice, both announced to screen readers.
#[component]
pub fn Notices() -> impl IntoView {
    let store = use_store();
    let notices = use_notices();
    let platform = use_platform();
    // A one-line confirmation goes by itself after a while (the live region has said it), so it
    // does not sit over the page; problems, and notices with details to read, stay until dismissed.
    Effect::new(move |_| {
        let shown = notices.posted();
        let passing = notices
            .notice()
            .is_some_and(|n| n.tone == Tone::Info && n.details.is_empty());
        if passing {
            set_timeout(
                move || {
                    if notices.posted_untracked() == Some(shown) {
                        notices.dismiss();
                    }
                },
                std::time::Duration::from_secs(8),
            );
        }
    });
    view! {
        <div class="notices">
        {move || {
            store.export_nudge().map(|days| {
                let name = store.with_current(|m| m.name.clone()).unwrap_or_default();
                view! {
                    <div class="banner banner-warning export-nudge" role="status">
                        <p>
                            {format!(
                                "“{name}” has changes that have not been saved to a file for {days} days. \
                                 Browsers can clear a site's storage: export the map to keep a copy."
                            )}
                        </p>
                        <button
                            type="button"
                            on:click=move |_| {
                                platform.offer_export(store);
                            }
                        >
                            "Export now"
                        </button>
                    </div>
                }
            })
        }}
        <Show when=move || !store.set_aside().is_empty()>
            <section class="banner banner-warning set-aside" aria-labelledby="set-aside-title">
                <div>
                    <p class="notice-title" id="set-aside-title">
                        "Data kept aside in this browser"
                    </p>
                    <p>
                        "Stakemap could not read this data, so it moved it out of the way instead \
                         of deleting it. Download it to keep it or to send it for help."
                    </p>
                    <ul class="set-aside-list">
                        <For each=move || store.set_aside() key=|s| s.key.clone() let:item>
                            <li>
                                {item.what.clone()}
                                " "
                                <button
                                    type="button"
                                    aria-label=format!("Download: {}", item.what)
                                    on:click={
                                        let key = item.key.clone();
                                        move |_| {
                                            let name = format!("set-aside-{}.txt", key.replace(':', "-"));
                                            platform.offer(store, store.set_aside_text(&key).map(|text| (name, text)), "text/plain");
                                        }
                                    }
                                >
                                    "Download"
                                </button>
                                <button
                                    type="button"
                                    class="danger"
                                    aria-label=format!("Delete: {}", item.what)
                                    on:click={
                                        let key = item.key.clone();
                                        move |_| store.request(Pending::DiscardSetAside(key.clone()))
                                    }
                                >
                                    "Delete"
                                </button>
                            </li>
                        </For>
                    </ul>
                </div>
            </section>
        </Show>
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
            notices
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
                                on:click=move |_| notices.dismiss()
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
