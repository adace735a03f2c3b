//! Opening a password-protected file: asks for the passphrase, says plainly when it is wrong,
//! and changes nothing until the file opens.

use super::passphrase_dialog::PassphraseDialog;
use crate::state::{use_platform, use_sharing, Headed};
use leptos::prelude::*;

/// Opens while a locked file waits for its passphrase.
#[component]
pub fn UnlockDialog() -> impl IntoView {
    let sharing = use_sharing();
    let platform = use_platform();
    let open = Signal::derive(move || sharing.locked_review().is_some());
    let passphrase = RwSignal::new(String::new());
    let file_name = Memo::new(move |_| sharing.locked_review().map(|r| r.file_name));
    let busy = Memo::new(move |_| sharing.locked_review().is_some_and(|r| r.busy));
    let wrong = Memo::new(move |_| sharing.locked_review().map_or(0, |r| r.wrong_tries));
    let headed = Memo::new(move |_| sharing.locked_review().map(|r| r.headed));
    let was_wrong = move || wrong.get() > 0;
    let cancel = move || {
        passphrase.set(String::new());
        sharing.cancel_unlock();
    };
    // A wrong try clears the field for the next one, and nothing typed outlives the dialog.
    Effect::new(move |_| {
        if wrong.get() > 0 || !open.get() {
            passphrase.set(String::new());
        }
    });
    let submit = move || {
        let typed = passphrase.get_untracked();
        if !typed.is_empty() {
            sharing.unlock(platform, typed);
        }
    };
    let then = move || match headed.get() {
        Some(Headed::Merge) => "Once it opens, you will see what merging it would change.",
        Some(Headed::Round) => "Once it opens, it joins the workshop round.",
        _ => "Once it opens, it is read like any map file.",
    };
    view! {
        <PassphraseDialog
            open=open
            ids=("unlock-title", "unlock-about")
            title=Signal::derive(move || {
                format!("“{}” is password-protected", file_name.get().unwrap_or_default())
            })
            about=Signal::derive(move || {
                format!(
                    "Type the passphrase it was locked with. It is used in this browser only and never stored. {}",
                    then()
                )
            })
            submit=("Open", "Opening…")
            busy=busy
            empty=Signal::derive(move || passphrase.get().is_empty())
            on_submit=Callback::new(move |_| submit())
            on_cancel=Callback::new(move |_| cancel())
        >
                <label for="unlock-pass">"Passphrase"</label>
                <input
                    id="unlock-pass"
                    type="password"
                    autocomplete="current-password"
                    autofocus
                    aria-invalid=move || was_wrong().to_string()
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev))
                />
                <Show when=was_wrong>
                    <p class="field-error" role="alert">
                        {move || format!(
                            "That passphrase does not open this file{}. Nothing was changed; try again.",
                            if wrong.get() > 1 { format!(" ({} tries)", wrong.get()) } else { String::new() }
                        )}
                    </p>
                </Show>
        </PassphraseDialog>
    }
}
