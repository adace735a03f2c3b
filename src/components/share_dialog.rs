//! "Share…": every way a map leaves this browser (image, spreadsheets, password-protected file,
//! redacted copy, calendar reminders) and every way a colleague's work comes back in (merge a
//! file, import a spreadsheet).
//!
//! The redacted copy's choices are one [`RedactOptions`], so its map file, image and sheets are
//! made alike, and what the section says the copy holds is generated from the same rules
//! ([`redaction_summary`]).

use super::file_io::{offer_png, read_picked, MAP_FILES, SPREADSHEETS};
use super::modal::Modal;
use super::radio_group::RadioGroup;
use crate::model::{
    redaction_summary, LabelStyle, RedactOptions, TagRule, MAX_NAME_CHARS, SHARED_MAP_NAME,
};
use crate::state::{
    use_notices, use_platform, use_sharing, use_store, use_ui, CalendarTitles, RedactedExport,
    SheetKind, NO_REMINDERS,
};
use leptos::prelude::*;

/// The type of a spreadsheet download.
const CSV: &str = "text/csv;charset=utf-8";

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
    let notices = use_notices();
    let ui = use_ui();
    let image_style = RwSignal::new(LabelStyle::Names);
    let close = move || open.set(false);
    let calendar_titles = RwSignal::new(CalendarTitles::default());
    let content = move || {
        // Said in the dialog, where the user is (the page behind a modal is inert); made anew
        // each time the dialog opens, so it speaks of the map open now.
        let calendar_note = RwSignal::new("");
        // What a download from here answered ("Saved … to your downloads"), said here too: the
        // page's notice and live region are behind the dialog.
        let since = untrack(|| notices.posted());
        let said = move || {
            (notices.posted() > since)
                .then(|| notices.notice().map(|n| n.title))
                .flatten()
        };
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
                            platform.offer_holding(store, sharing.image(image_style.get_untracked(), ui.shown_ties()), "image/svg+xml", sharing.holds(None))
                        }
                    >
                        "Download SVG"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| offer_png(platform, store, sharing.image(image_style.get_untracked(), ui.shown_ties()), sharing.holds(None))
                    >
                        "Download PNG"
                    </button>
                </div>
            </section>
            <section aria-labelledby="share-sheets">
                <h3 id="share-sheets">"Spreadsheets"</h3>
                <p class="hint">"CSV in UTF-8, for Excel, Numbers or Google Sheets."</p>
                <div class="row">
                    {SheetKind::ALL
                        .into_iter()
                        .map(|kind| {
                            view! {
                                <button
                                    type="button"
                                    on:click=move |_| platform.offer_holding(store, sharing.sheet(kind), CSV, sharing.holds(Some(kind)))
                                >
                                    {kind.label()}
                                </button>
                            }
                        })
                        .collect_view()}
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
            <RedactedCopy />
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
                        accept=MAP_FILES
                        on:change=move |ev| {
                            read_picked(platform, store, ev, move |name, bytes| sharing.merge_file(name, bytes));
                            close();
                        }
                    />
                </div>
                <div class="row">
                    <label class="button" for="sheet-file">"Bring in a stakeholder register…"</label>
                    <input
                        id="sheet-file"
                        class="visually-hidden"
                        type="file"
                        accept=SPREADSHEETS
                        on:change=move |ev| {
                            read_picked(platform, store, ev, move |name, bytes| sharing.open_register(name, bytes, true));
                            close();
                        }
                    />
                </div>
                <p class="hint">"A spreadsheet you already keep (CSV, Excel or OpenDocument): you choose what each column means before anyone is added."</p>
            </section>
            <div class="row end share-footer">
                <p class="share-said" role="status">{said}</p>
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

/// The "Redacted copy" section: its choices, what a copy made with them holds, and its
/// downloads.
#[component]
fn RedactedCopy() -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let sharing = use_sharing();
    let platform = use_platform();
    let options = RwSignal::new(RedactOptions::default());
    let offer = move |what: RedactedExport, mime: &'static str| {
        let file = options.with_untracked(|o| sharing.redacted(what, o, ui.shown_ties()));
        match what {
            RedactedExport::Image => offer_png(platform, store, file, sharing.holds(None)),
            RedactedExport::MapFile => {
                platform.offer_holding(store, file, mime, sharing.holds(None))
            }
            RedactedExport::Sheet(kind) => {
                platform.offer_holding(store, file, mime, sharing.holds(Some(kind)))
            }
        }
    };
    let check = move |label: &'static str,
                      get: fn(&RedactOptions) -> bool,
                      set: fn(&mut RedactOptions, bool)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || options.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        options.update(|o| set(o, on));
                    }
                />
                {label}
            </label>
        }
    };
    let image_refusal = move || options.with(|o| o.image_refusal());
    view! {
        <section aria-labelledby="share-redacted">
            <h3 id="share-redacted">"Redacted copy"</h3>
            <p class="hint">
                "For people outside the core team. The map file, the image and the spreadsheets below are all made from one copy with these choices."
            </p>
            <div class="row">
                <label for="redact-name">"Name of the shared copy"</label>
                <input
                    id="redact-name"
                    type="text"
                    maxlength=MAX_NAME_CHARS.to_string()
                    aria-describedby="redact-name-hint"
                    prop:value=move || options.with(|o| o.name.clone())
                    on:input=move |ev| {
                        let name = event_target_value(&ev);
                        options.update(|o| o.name = name);
                    }
                />
            </div>
            <p id="redact-name-hint" class="hint">
                {format!(
                    "Never taken from this map's name, which may name people. Left empty, the copy is called “{SHARED_MAP_NAME}”."
                )}
            </p>
            <RadioGroup
                legend="Replace names with"
                name="redact-labels"
                options=styles(&[LabelStyle::Codes, LabelStyle::Initials])
                chosen=Signal::derive(move || options.with(|o| o.labels))
                choose=move |s| options.update(|o| o.labels = s)
            />
            <RadioGroup
                legend="Tags"
                name="redact-tags"
                options=[TagRule::Remove, TagRule::Code].map(|t| (t, t.label())).to_vec()
                chosen=Signal::derive(move || options.with(|o| o.tags))
                choose=move |t| options.update(|o| o.tags = t)
            />
            {check(
                "Keep metric names and units (e.g. “Engagement score”, “%”); otherwise “Metric 1”, “Metric 2”",
                |o| o.keep_metric_names,
                |o, on| o.keep_metric_names = on,
            )}
            {check(
                "Leave out root causes (in a small team, a doubt can name the person), and the tactics chosen for them",
                |o| o.leave_out_root_causes,
                |o, on| o.leave_out_root_causes = on,
            )}
            {check(
                "Leave out positions and quadrants: everyone stands at the middle of the map",
                |o| o.leave_out_positions,
                |o, on| o.leave_out_positions = on,
            )}
            <h4 id="redact-holds">"What the copy holds"</h4>
            <ul class="redaction-summary" aria-labelledby="redact-holds">
                {move || {
                    options
                        .with(redaction_summary)
                        .into_iter()
                        .map(|line| {
                            let parts = line
                                .parts
                                .iter()
                                .map(|(part, fields)| format!("{part}: {}", fields.join(", ")))
                                .collect::<Vec<_>>()
                                .join("; ");
                            view! {
                                <li>
                                    <strong>{line.words}</strong>
                                    ": "
                                    {parts}
                                    "."
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="hint">"The file says it is redacted; opening it makes a separate map, never merged into a full one."</p>
            <div class="row">
                <button type="button" on:click=move |_| offer(RedactedExport::MapFile, "application/json")>
                    "Redacted map file (JSON)"
                </button>
                <button
                    type="button"
                    disabled=move || image_refusal().is_some()
                    aria-describedby=move || image_refusal().map(|_| "redact-image-why")
                    on:click=move |_| offer(RedactedExport::Image, "image/png")
                >
                    "Redacted image (PNG)"
                </button>
                {SheetKind::ALL
                    .into_iter()
                    .map(|kind| {
                        view! {
                            <button type="button" on:click=move |_| offer(RedactedExport::Sheet(kind), CSV)>
                                {format!("Redacted {} (CSV)", kind.sheet_name())}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p id="redact-image-why" class="hint" hidden=move || image_refusal().is_none()>
                {image_refusal}
            </p>
        </section>
    }
}
