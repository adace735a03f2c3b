//! When to remind the user to save a map to a file. Browser storage can be cleared by the user or
//! evicted by the browser; a file is the copy that survives.

use super::time::Timestamp;

/// Remind after this many days without an export.
pub const NUDGE_AFTER_DAYS: i64 = 7;

const DAY_MS: i64 = 86_400_000;

/// Days since the map was last saved to a file, when that is worth a reminder: there are changes
/// since the last export (or it was never exported), and that export (or the map's creation)
/// is more than [`NUDGE_AFTER_DAYS`] old.
///
/// ```
/// use stakemap_core::model::{export_nudge, Timestamp};
/// let day = |d: i64| Timestamp::from_unix_millis(d * 86_400_000);
/// // Exported on day 1, changed on day 3, now day 10: remind (9 days).
/// assert_eq!(export_nudge(day(0), day(3), Some(day(1)), day(10)), Some(9));
/// // No change since the export: no reminder, however old.
/// assert_eq!(export_nudge(day(0), day(1), Some(day(1)), day(40)), None);
/// ```
pub fn export_nudge(
    created_at: Timestamp,
    updated_at: Timestamp,
    last_export: Option<Timestamp>,
    now: Timestamp,
) -> Option<i64> {
    let since = last_export.unwrap_or(created_at);
    if updated_at <= since && last_export.is_some() {
        return None;
    }
    let days = (now.unix_millis() - since.unix_millis()).div_euclid(DAY_MS);
    (days > NUDGE_AFTER_DAYS).then_some(days)
}

/// "exported today", "exported 3 days ago", "not exported yet".
pub fn export_age_words(last_export: Option<Timestamp>, now: Timestamp) -> String {
    match last_export {
        None => "not exported yet".into(),
        Some(at) => match (now.unix_millis() - at.unix_millis()).div_euclid(DAY_MS) {
            d if d <= 0 => "exported today".into(),
            1 => "exported yesterday".into(),
            d => format!("exported {d} days ago"),
        },
    }
}
