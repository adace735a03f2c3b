//! "Share…": every way a map leaves this browser (image, spreadsheets, redacted copy, calendar
//! reminders) and every way a colleague's work comes back in (merge a file, import a
//! spreadsheet).

use super::file_io::{offer_png, read_picked};
use super::modal::Modal;
use super::radio_group::RadioGroup;
use crate::model::LabelStyle;
use crate::state::{use_platform, use_sharing, use_store, CalendarTitles, SheetKind, NO_REMINDERS};
use leptos::prelude::*;

/// The label styles offered, as radio options.
fn styles(list: &[LabelStyle]) -> Vec<(LabelStyle, &'static str)> {
    list.iter().map(|s| (*s, s.label())).collect()
}

/// The share dialog, open while `open` is true.
#[component]
pub fn ShareDialog(
    open: RwSignal<bool>,
    /// Opens the dialog that exports the map with a passphrase.
    lock_open: RwSignal<bool>,
) -> impl IntoView {
    let store = use_store();
    let sharing = use_sharing();
    let platform = use_platform();
    let image_style = RwSignal::new(LabelStyle::Names);
    let redact_style = RwSignal::new(LabelStyle::Codes);
    let close = move || open.set(false);
    let sheet_into = RwSignal::new(true);
    let keep_metric_names = RwSignal::new(false);
    let calendar_titles = RwSignal::new(CalendarTitles::default());
    let content = move || {
        // Said in the dialog, where the user is (the page behind a modal is inert); made anew
        // each time the dialog opens, so it speaks of the map open now.
        let calendar_note = RwSignal::new("");
        view! {
            <h2 id="share-title">"Share this map"</h2>
            <p class="hint">
                "Everything is made in this browser; nothing is uploaded. Send the files any way you like."
            </p>
            <section aria-labelledby="share-image">
                <h3 id="share-image">"Image for slides"</h3>
                <RadioGroup
                    legend="Label people with"
                    name="image-labels"
                    options=styles(&[LabelStyle::Names, LabelStyle::Initials])
                    chosen=image_style
                    choose=move |s| image_style.set(s)
                />
                <div class="row">
                    <button
                        type="button"
                        on:click=move |_| {
                            platform.offer(store, sharing.image(image_style.get_untracked(), false), "image/svg+xml")
                        }
                    >
                        "Download SVG"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| offer_png(platform, store, sharing.image(image_style.get_untracked(), false))
                    >
                        "Download PNG"
                    </button>
                </div>
            </section>
            <section aria-labelledby="share-sheets">
                <h3 id="share-sheets">"Spreadsheets"</h3>
                <p class="hint">"CSV in UTF-8, for Excel, Numbers or Google Sheets."</p>
                <div class="row">
                    <button
                        type="button"
                        on:click=move |_| platform.offer(store, sharing.sheet(SheetKind::Stakeholders), "text/csv;charset=utf-8")
                    >
                        "Stakeholders (CSV)"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| platform.offer(store, sharing.sheet(SheetKind::Actions), "text/csv;charset=utf-8")
                    >
                        "Actions (CSV)"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| platform.offer(store, sharing.sheet(SheetKind::Evidence), "text/csv;charset=utf-8")
                    >
                        "Evidence (CSV)"
                    </button>
                </div>
            </section>
            <section aria-labelledby="share-locked">
                <h3 id="share-locked">"Password-protected file"</h3>
                <p class="hint">
                    "The whole map, encrypted with a passphrase you choose: for e-mail or a shared drive. Colleagues open it in Stakemap with the passphrase."
                </p>
                <div class="row">
                    <button
                        type="button"
                        aria-haspopup="dialog"
                        on:click=move |_| {
                            close();
                            lock_open.set(true);
                        }
                    >
                        "Export with passphrase…"
                    </button>
                </div>
            </section>
            <section aria-labelledby="share-redacted">
                <h3 id="share-redacted">"Redacted copy"</h3>
                <p class="hint">
                    "For people outside the core team: names become initials or codes; notes, concerns, roles, owners and outcomes are left out; metrics keep their numbers, stories lose their text and become \"Story 1\", \"Story 2\". The file says it is redacted."
                </p>
                <RadioGroup
                    legend="Replace names with"
                    name="redact-labels"
                    options=styles(&[LabelStyle::Codes, LabelStyle::Initials])
                    chosen=redact_style
                    choose=move |s| redact_style.set(s)
                />
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || keep_metric_names.get()
                        on:change=move |ev| keep_metric_names.set(event_target_checked(&ev))
                    />
                    "Keep metric names (e.g. \"Engagement score\"); otherwise \"Metric 1\", \"Metric 2\""
                </label>
                <div class="row">
                    <button
                        type="button"
                        on:click=move |_| {
                            platform.offer(store, sharing.redacted_file(redact_style.get_untracked(), keep_metric_names.get_untracked()), "application/json")
                        }
                    >
                        "Redacted map file"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| offer_png(platform, store, sharing.image(redact_style.get_untracked(), true))
                    >
                        "Redacted image (PNG)"
                    </button>
                </div>
            </section>
            <section aria-labelledby="share-calendar">
                <h3 id="share-calendar">"Calendar reminders"</h3>
                <p class="hint">
                    "Open actions with a due date, and each person's next contact by their cadence, as all-day events to import into Outlook, Google Calendar or Apple Calendar. Importing a newer file updates the same events rather than adding copies. Calendars are often shared, so titles use codes unless you choose names. There is no server: nothing is uploaded, and the reminders live in your calendar."
                </p>
                <RadioGroup
                    legend="Titles use"
                    name="calendar-titles"
                    options=CalendarTitles::ALL.iter().map(|t| (*t, t.label())).collect()
                    chosen=calendar_titles
                    choose=move |t| calendar_titles.set(t)
                />
                <div class="row">
                    <button
                        type="button"
                        on:click=move |_| {
                            let file = sharing.calendar(calendar_titles.get_untracked());
                            calendar_note.set(if file.is_some() { "" } else { NO_REMINDERS });
                            platform.offer(store, file, "text/calendar;charset=utf-8")
                        }
                    >
                        "Download calendar (.ics)"
                    </button>
                </div>
                <p class="hint" role="status">
                    {move || calendar_note.get()}
                </p>
            </section>
            <section aria-labelledby="share-in">
                <h3 id="share-in">"Bring in a colleague's work"</h3>
                <div class="row">
                    <label class="button" for="merge-file">"Merge a map file into this map…"</label>
                    <input
                        id="merge-file"
                        class="visually-hidden"
                        type="file"
                        accept=".json,application/json"
                        on:change=move |ev| {
                            read_picked(platform, store, ev, move |name, bytes| sharing.merge_file(name, bytes));
                            close();
                        }
                    />
                </div>
                <RadioGroup
                    legend="Stakeholders from a spreadsheet (CSV with Name, Influence and Skepticism columns)"
                    name="sheet-into"
                    options=vec![(true, "Into this map"), (false, "As a new map")]
                    chosen=sheet_into
                    choose=move |into| sheet_into.set(into)
                />
                <div class="row">
                    <label class="button" for="sheet-file">"Import a spreadsheet…"</label>
                    <input
                        id="sheet-file"
                        class="visually-hidden"
                        type="file"
                        accept=".csv,text/csv"
                        on:change=move |ev| {
                            let into = sheet_into.get_untracked();
                            read_picked(platform, store, ev, move |name, bytes| sharing.open_sheet(name, bytes, into));
                            close();
                        }
                    />
                </div>
            </section>
            <div class="row end">
                <button type="button" class="primary" on:click=move |_| close()>
                    "Close"
                </button>
            </div>
        }
    };
    view! {
        <Modal
            open=open
            on_cancel=Callback::new(move |_| close())
            labelled_by="share-title"
            class="share"
        >
            {content}
        </Modal>
    }
}
