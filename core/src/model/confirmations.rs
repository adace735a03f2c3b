//! What the app says once an action is done: a sentence for each kind of action (an action
//! planned, a contact logged, a map file opened, a file saved), shown as a notice and read out
//! by the page's live region. Defined here, once and without the browser, so the wording is the
//! same wherever the action starts and is tested natively.

use super::report::short_date;
use super::stakeholder::{describe_move, Position};
use super::time::LocalDate;

/// A count with its noun: "1 person", "9 people".
///
/// ```
/// use stakemap_core::model::plural;
/// assert_eq!(plural(1, "person", "people"), "1 person");
/// assert_eq!(plural(9, "person", "people"), "9 people");
/// ```
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// An action added to someone's plan.
///
/// ```
/// use stakemap_core::model::{planned_words, LocalDate};
/// let due = LocalDate::parse_iso("2026-12-12");
/// assert_eq!(
///     planned_words("Share the pilot results", "Helen Achterberg", due),
///     "Planned “Share the pilot results” for Helen Achterberg, due 12 Dec 2026."
/// );
/// assert_eq!(planned_words("Call", "Sam Lee", None), "Planned “Call” for Sam Lee, no due date.");
/// ```
pub fn planned_words(title: &str, who: &str, due: Option<LocalDate>) -> String {
    let when = match due {
        Some(d) => format!("due {}", short_date(d)),
        None => "no due date".to_owned(),
    };
    format!("Planned “{title}” for {who}, {when}.")
}

/// A contact logged on `on` (named when it is not `today`); `moved_to` is where a new reading
/// in it put the person, when it moved them, in the words a move on the map is announced with.
///
/// ```
/// use stakemap_core::model::{contact_logged_words, LocalDate, Position};
/// let today = LocalDate::parse_iso("2026-12-03").unwrap();
/// assert_eq!(contact_logged_words("Sam Lee", today, today, None), "Contact with Sam Lee logged.");
/// let at = Position { influence: 70, skepticism: 40 };
/// assert_eq!(
///     contact_logged_words("Sam Lee", today.plus_days(-2).unwrap(), today, Some(at)),
///     "Contact with Sam Lee on 1 Dec 2026 logged. \
///      Sam Lee moved to influence 70, skepticism 40: Champions."
/// );
/// ```
pub fn contact_logged_words(
    who: &str,
    on: LocalDate,
    today: LocalDate,
    moved_to: Option<Position>,
) -> String {
    let when = if on == today {
        String::new()
    } else {
        format!(" on {}", short_date(on))
    };
    let mut words = format!("Contact with {who}{when} logged.");
    if let Some(at) = moved_to {
        words.push(' ');
        words.push_str(&describe_move(who, at));
        words.push('.');
    }
    words
}

/// A map file opened as a new map, under the name it got here, with how many people it holds.
///
/// ```
/// use stakemap_core::model::imported_words;
/// assert_eq!(
///     imported_words("Board rollout 2027", 10),
///     "Imported “Board rollout 2027” with 10 stakeholders as a new map."
/// );
/// ```
pub fn imported_words(map_name: &str, people: usize) -> String {
    format!(
        "Imported “{map_name}” with {} as a new map.",
        plural(people, "stakeholder", "stakeholders")
    )
}

/// A file offered as a download: its name, what it holds when that can be counted ("9
/// people"), and whether it is locked with a passphrase.
///
/// ```
/// use stakemap_core::model::saved_words;
/// assert_eq!(
///     saved_words("Example.stakemap.json", Some("9 people"), false),
///     "Saved “Example.stakemap.json” (9 people) to your downloads."
/// );
/// assert_eq!(saved_words("notes.txt", None, false), "Saved “notes.txt” to your downloads.");
/// assert!(saved_words("Example.stakemap.locked.json", Some("9 people"), true)
///     .starts_with("Saved “Example.stakemap.locked.json” (9 people) to your downloads, \
///                   protected by your passphrase."));
/// ```
pub fn saved_words(file_name: &str, holds: Option<&str>, locked: bool) -> String {
    let holds = holds.map(|h| format!(" ({h})")).unwrap_or_default();
    let saved = format!("Saved “{file_name}”{holds} to your downloads");
    if locked {
        format!(
            "{saved}, protected by your passphrase. Send the passphrase another way than the \
             file, for example by phone."
        )
    } else {
        format!("{saved}.")
    }
}
