//! The clock and the user's calendar, read from the browser.

use crate::model::{LocalDate, Timestamp};

/// Now, to the millisecond.
pub fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now() as i64)
}

/// Today in the user's own time zone.
pub fn today() -> LocalDate {
    let d = js_sys::Date::new_0();
    LocalDate::from_ymd(
        d.get_full_year() as i32,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    )
    .unwrap_or(LocalDate::EPOCH)
}

/// Minutes the user's clock is ahead of UTC (JavaScript reports the opposite sign).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
