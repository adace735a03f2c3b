//! Exporting the open map as a password-protected file: the passphrase typed twice, with a
//! hint of how hard it is to guess. The passphrase lives only in this dialog's fields while it
//! is open; it is never stored or put in a URL.

use super::passphrase_dialog::PassphraseDialog;
use crate::format::{grouped, passphrase_strength, Strength, ITERATIONS};
use crate::state::{use_platform, use_sharing};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The dialog, open while `open` is true.
#[component]
pub fn LockDialog(open: RwSignal<bool>) -> impl IntoView {
    let sharing = use_sharing();
    let platform = use_platform();
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // Offered with the map's name, which anyone who sees the file can read: the user may
    // change it.
    let file_name = RwSignal::new(String::new());
    Effect::new(move |_| {
        if open.get() {
            file_name.set(sharing.locked_file_name());
        }
    });
    let tried = RwSignal::new(false);
    let close = move || {
        // Nothing of the passphrase outlives the dialog.
        first.set(String::new());
        again.set(String::new());
        tried.set(false);
        open.set(false);
    };
    let strength = move || passphrase_strength(&first.get());
    let mismatch = move || !again.get().is_empty() && again.get() != first.get();
    let problem = move || {
        if !strength().allowed() {
            Some(strength().words())
        } else if again.get() != first.get() {
            Some("The two passphrases differ: type the same one twice.")
        } else {
            None
        }
    };
    let submit = move || {
        tried.set(true);
        if problem().is_some() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let passphrase = first.get_untracked();
        let name = file_name.get_untracked();
        spawn_local(async move {
            let saved = sharing.export_locked(platform, passphrase, name).await;
            busy.set(false);
            if saved {
                close();
            }
        });
    };
    let about = format!(
        "The whole map is encrypted in this browser (AES-256, the key made from your passphrase with {} rounds of PBKDF2). Anyone with the file and the passphrase can open it in Stakemap; without the passphrase nobody can, and it cannot be recovered. Send the passphrase another way than the file.",
        grouped(ITERATIONS as usize)
    );
    view! {
        <PassphraseDialog
            open=open
            ids=("lock-title", "lock-about")
            title="Export with a passphrase".to_owned()
            about=about
            submit=("Lock and download", "Locking…")
            busy=busy
            on_submit=Callback::new(move |_| submit())
            on_cancel=Callback::new(move |_| close())
        >
                <label for="lock-pass">"Passphrase"</label>
                <input
                    id="lock-pass"
                    type="password"
                    autocomplete="new-password"
                    aria-describedby="lock-strength"
                    prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev))
                />
                <p
                    id="lock-strength"
                    class=move || format!("strength {}", match strength() {
                        Strength::TooShort | Strength::Weak => "weak",
                        Strength::Fair => "fair",
                        Strength::Strong => "strong",
                    })
                    aria-live="polite"
                >
                    {move || (!first.get().is_empty()).then(|| strength().words())}
                </p>
                <label for="lock-again">"Type it again"</label>
                <input
                    id="lock-again"
                    type="password"
                    autocomplete="new-password"
                    aria-invalid=move || mismatch().to_string()
                    prop:value=move || again.get()
                    on:input=move |ev| again.set(event_target_value(&ev))
                />
                <Show when=move || tried.get() && problem().is_some()>
                    <p class="field-error" role="alert">{problem}</p>
                </Show>
                <label for="lock-file-name">"File name"</label>
                <input
                    id="lock-file-name"
                    type="text"
                    aria-describedby="lock-file-hint"
                    prop:value=move || file_name.get()
                    on:input=move |ev| file_name.set(event_target_value(&ev))
                />
                <p id="lock-file-hint" class="hint">
                    "Anyone who sees the file can read its name: change it if the map's name is itself private."
                </p>
        </PassphraseDialog>
    }
}
