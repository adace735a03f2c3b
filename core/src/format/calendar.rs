//! Reminders for the user's own calendar: a calendar file (iCalendar, RFC 5545) with one
//! all-day event per open action that has a due date and one per stakeholder on the day their
//! next contact is due by cadence.
//!
//! There is no server to send reminders, so they go where the user already looks. Each event's
//! `UID` is made from the record's id and what kind of reminder it is (`action-<id>@stakemap`,
//! `contact-<id>@stakemap`), so importing a newer file updates the same events instead of
//! adding copies; `SEQUENCE` grows whenever what the event says may have changed.
//!
//! Calendars are often shared, so by default titles name people by the codes a redacted copy
//! uses ("S-3F2A") and actions by their playbook tactic: the events are written from the map's
//! redacted copy, whose field tables decide what leaves, and nothing a person typed is in the
//! file (not even the map's name). With [`CalendarTitles::Names`] the user's own words go in.
//!
//! A contact or an action already overdue is put on today, titled "overdue, was due …": a
//! reminder in the past would go unseen.

use super::write::file_stem;
use crate::model::{cadence_words, redacted, LocalDate, RedactOptions, StakeMap, Timestamp};

/// How the events' titles name people and actions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CalendarTitles {
    /// People by their stable codes, actions by their tactic; the map's name is left out.
    #[default]
    Codes,
    /// People, actions and owners as the user wrote them, and the map's name.
    Names,
}

impl CalendarTitles {
    /// Both, codes first.
    pub const ALL: [CalendarTitles; 2] = [CalendarTitles::Codes, CalendarTitles::Names];

    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            CalendarTitles::Codes => "Codes (for a shared calendar)",
            CalendarTitles::Names => "Names",
        }
    }
}

/// One reminder: an all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    /// Stable across exports: the same record gives the same UID.
    pub uid: String,
    /// The day it is on.
    pub day: LocalDate,
    /// The title.
    pub summary: String,
    /// A line or two more.
    pub description: String,
    /// The last change that may alter what the event says; its `SEQUENCE` is made from this.
    pub changed_at: Timestamp,
}

/// The reminders for `map` on `today`, for a user `utc_offset_minutes` ahead of UTC: open
/// actions with a due date (in the map's order), then each stakeholder's next contact.
pub fn reminders(
    map: &StakeMap,
    titles: CalendarTitles,
    today: LocalDate,
    utc_offset_minutes: i32,
) -> Vec<Reminder> {
    let copy;
    let map = match titles {
        CalendarTitles::Names => map,
        CalendarTitles::Codes => {
            copy = redacted(map, &RedactOptions::default());
            &copy
        }
    };
    let mut out = Vec::new();
    // Once overdue, an event moves to today, so it changes every day too.
    let start_of_today = Timestamp::start_of(today, utc_offset_minutes);
    for a in map.actions() {
        let (Some(due), true) = (a.fields.due, a.fields.status.is_open()) else {
            continue;
        };
        let Some(person) = map.get(a.stakeholder) else {
            continue;
        };
        let mut lines = vec![format!("Status: {}.", a.fields.status.label())];
        if titles == CalendarTitles::Names {
            if !a.fields.owner.is_empty() {
                lines.push(format!("Owner: {}.", a.fields.owner));
            }
            lines.extend(a.fields.measure_line());
        }
        let summary = format!("{}: {}", person.name(), a.fields.title);
        // The title carries the person's name too.
        let changed_at = a.updated_at.max(person.updated_at);
        let (day, summary, changed_at) = if due < today {
            (
                today,
                format!("{summary} (overdue, was due {})", due.human()),
                changed_at.max(start_of_today),
            )
        } else {
            (due, summary, changed_at)
        };
        out.push(Reminder {
            uid: format!("action-{}@stakemap", a.id),
            day,
            summary,
            description: lines.join("\n"),
            changed_at,
        });
    }
    let attention = map.attention(today, utc_offset_minutes);
    // The next contact's day moves with the log, whose deletions leave no time on the person:
    // the map's last change stands for it.
    for s in map.stakeholders() {
        let Some(contact) = attention.get(&s.id).map(|a| a.contact) else {
            continue;
        };
        let last = match contact.last_contact {
            Some(day) => format!("last contact {}.", day.human()),
            None => "no contact logged yet.".to_owned(),
        };
        let description = format!(
            "Keep in touch {} ({}); {last}",
            cadence_words(contact.cadence_days),
            s.quadrant().name()
        );
        let (day, summary, changed_at) = if contact.is_overdue() {
            (
                today,
                format!(
                    "Contact {} (overdue, was due {})",
                    s.name(),
                    contact.due.human()
                ),
                map.updated_at.max(start_of_today),
            )
        } else {
            (contact.due, format!("Contact {}", s.name()), map.updated_at)
        };
        out.push(Reminder {
            uid: format!("contact-{}@stakemap", s.id),
            day,
            summary,
            description,
            changed_at,
        });
    }
    out
}

/// The calendar file for `map`: its [`reminders`] as all-day events, stamped `now`; `None`
/// when there is nothing to remind of (no one on the map), rather than an empty calendar.
pub fn calendar_ics(
    map: &StakeMap,
    titles: CalendarTitles,
    today: LocalDate,
    utc_offset_minutes: i32,
    now: Timestamp,
) -> Option<String> {
    let reminders = reminders(map, titles, today, utc_offset_minutes);
    if reminders.is_empty() {
        return None;
    }
    let name = match titles {
        CalendarTitles::Codes => "Stakemap reminders".to_owned(),
        CalendarTitles::Names => format!("Stakemap reminders: {}", map.name),
    };
    let mut ics = Ics::default();
    ics.line("BEGIN", "VCALENDAR");
    ics.line("VERSION", "2.0");
    ics.line(
        "PRODID",
        concat!("-//Stakemap//Stakemap ", env!("CARGO_PKG_VERSION"), "//EN"),
    );
    ics.line("CALSCALE", "GREGORIAN");
    ics.line("METHOD", "PUBLISH");
    ics.text("X-WR-CALNAME", &name);
    let stamp = utc_stamp(now);
    for r in reminders {
        let next_day = r.day.plus_days(1).unwrap_or(r.day);
        ics.line("BEGIN", "VEVENT");
        ics.line("UID", &r.uid);
        ics.line("DTSTAMP", &stamp);
        ics.line("LAST-MODIFIED", &utc_stamp(r.changed_at));
        ics.line("SEQUENCE", &sequence(r.changed_at).to_string());
        ics.line("DTSTART;VALUE=DATE", &basic_date(r.day));
        ics.line("DTEND;VALUE=DATE", &basic_date(next_day));
        ics.text("SUMMARY", &r.summary);
        ics.text("DESCRIPTION", &r.description);
        // A reminder does not make the user look busy.
        ics.line("TRANSP", "TRANSPARENT");
        // At nine in the morning of the day, in the calendar's own time zone.
        ics.line("BEGIN", "VALARM");
        ics.line("ACTION", "DISPLAY");
        ics.text("DESCRIPTION", &r.summary);
        ics.line("TRIGGER;RELATED=START", "PT9H");
        ics.line("END", "VALARM");
        ics.line("END", "VEVENT");
    }
    ics.line("END", "VCALENDAR");
    Some(ics.0)
}

/// The file name for the calendar: `stakemap-reminders-2026-11-22.ics` with codes (a shared
/// calendar's file should not name the map either), `<map name>-reminders-2026-11-22.ics` with
/// names.
///
/// ```
/// use stakemap_core::format::{calendar_file_name, CalendarTitles};
/// use stakemap_core::model::LocalDate;
/// let day = LocalDate::from_ymd(2026, 11, 22).unwrap();
/// assert_eq!(calendar_file_name("Q3 rollout", CalendarTitles::Codes, day), "stakemap-reminders-2026-11-22.ics");
/// assert_eq!(calendar_file_name("Q3 rollout", CalendarTitles::Names, day), "Q3-rollout-reminders-2026-11-22.ics");
/// ```
pub fn calendar_file_name(map_name: &str, titles: CalendarTitles, day: LocalDate) -> String {
    let stem = match titles {
        CalendarTitles::Codes => "stakemap".to_owned(),
        CalendarTitles::Names => file_stem(map_name),
    };
    format!("{stem}-reminders-{}.ics", day.iso())
}

/// A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon and comma get a backslash, a
/// line break becomes `\n`, and other control characters (which TEXT may not hold) are left
/// out.
///
/// ```
/// use stakemap_core::format::escape_ics_text;
/// assert_eq!(escape_ics_text("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
/// ```
pub fn escape_ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Most octets on one line of the file, without its line break.
pub const ICS_LINE_OCTETS: usize = 75;

/// A content line folded (RFC 5545, 3.1): lines of at most [`ICS_LINE_OCTETS`] octets, never
/// splitting a character, each continuation starting with one space, every line ending in CRLF.
///
/// ```
/// use stakemap_core::format::fold_ics_line;
/// assert_eq!(fold_ics_line("SUMMARY:short"), "SUMMARY:short\r\n");
/// let long = format!("SUMMARY:{}", "é".repeat(40));
/// let folded = fold_ics_line(&long);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
/// ```
pub fn fold_ics_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut room = ICS_LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // The leading space counts.
            room = ICS_LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// The file as it is written, one folded content line at a time.
#[derive(Default)]
struct Ics(String);

impl Ics {
    /// A property whose value is written as it is (numbers, dates, fixed words).
    fn line(&mut self, name: &str, value: &str) {
        self.0.push_str(&fold_ics_line(&format!("{name}:{value}")));
    }

    /// A TEXT property: the value escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape_ics_text(value));
    }
}

/// `20261122`.
fn basic_date(day: LocalDate) -> String {
    day.iso().replace('-', "")
}

/// `20261122T093000Z`: a time in UTC, to the second.
fn utc_stamp(at: Timestamp) -> String {
    let secs = at.unix_millis().div_euclid(1000);
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        // Out of the representable range (years beyond ±9999): never produced by the app.
        Err(_) => "19700101T000000Z".to_owned(),
    }
}

/// 2020-01-01T00:00:00Z, where sequence numbers start.
const SEQUENCE_EPOCH: Timestamp = Timestamp::from_unix_millis(1_577_836_800_000);

/// A `SEQUENCE` that grows with the event's last change: seconds since 2020, so every later
/// change gives a larger number (it stays within the 32-bit integers calendars read until
/// 2088).
fn sequence(changed_at: Timestamp) -> i64 {
    let secs = (changed_at.unix_millis() - SEQUENCE_EPOCH.unix_millis()).div_euclid(1000);
    secs.clamp(0, i64::from(i32::MAX))
}
