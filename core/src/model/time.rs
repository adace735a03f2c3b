//! Instants and calendar days.
//!
//! Instants are stored as milliseconds since the Unix epoch and written in files as RFC 3339 in
//! UTC (`2026-11-22T09:30:00.000Z`). The core never reads the clock: callers pass "now" in, so
//! every operation is reproducible in tests.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime};

/// A moment in time, to the millisecond, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The calendar day of this instant for a user whose clock is `offset_minutes` ahead of UTC.
    pub fn local_date(self, offset_minutes: i32) -> LocalDate {
        let local = self.0 + i64::from(offset_minutes) * 60_000;
        LocalDate::EPOCH
            .plus_days(local.div_euclid(86_400_000))
            .unwrap_or(LocalDate::EPOCH)
    }

    /// The first instant of `day` for a user whose clock is `offset_minutes` ahead of UTC: the
    /// inverse of [`Timestamp::local_date`].
    ///
    /// ```
    /// use stakemap_core::model::{LocalDate, Timestamp};
    /// let day = LocalDate::from_ymd(2026, 11, 30).unwrap();
    /// let start = Timestamp::start_of(day, 60);
    /// assert_eq!(start.to_rfc3339(), "2026-11-29T23:00:00.000Z");
    /// assert_eq!(start.local_date(60), day);
    /// assert_eq!(Timestamp::from_unix_millis(start.unix_millis() - 1).local_date(60), day.plus_days(-1).unwrap());
    /// ```
    pub fn start_of(day: LocalDate, offset_minutes: i32) -> Self {
        Self(LocalDate::EPOCH.days_until(day) * 86_400_000 - i64::from(offset_minutes) * 60_000)
    }

    /// The instant `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub const fn from_unix_millis(millis: i64) -> Self {
        Self(millis)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn unix_millis(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 text with any offset; the result is normalised to UTC.
    ///
    /// ```
    /// use stakemap_core::model::Timestamp;
    /// let t = Timestamp::parse_rfc3339("2026-11-22T10:30:00+01:00").unwrap();
    /// assert_eq!(t.to_rfc3339(), "2026-11-22T09:30:00.000Z");
    /// ```
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        let parsed = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        let millis = parsed.unix_timestamp_nanos() / 1_000_000;
        i64::try_from(millis).ok().map(Self)
    }

    /// RFC 3339 in UTC with millisecond precision, the form written to files.
    pub fn to_rfc3339(self) -> String {
        let secs = self.0.div_euclid(1000);
        let millis = self.0.rem_euclid(1000);
        match OffsetDateTime::from_unix_timestamp(secs) {
            Ok(dt) => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                dt.year(),
                u8::from(dt.month()),
                dt.day(),
                dt.hour(),
                dt.minute(),
                dt.second(),
                millis
            ),
            // Out of the representable range (years beyond ±9999): never produced by the app.
            Err(_) => "1970-01-01T00:00:00.000Z".to_owned(),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse_rfc3339(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not an RFC 3339 time")))
    }
}

/// A day on the user's local calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDate(Date);

impl LocalDate {
    /// 1970-01-01.
    pub const EPOCH: LocalDate = LocalDate(time::macros::date!(1970 - 01 - 01));

    /// The day `days` later (or earlier, when negative); `None` past year 9999.
    pub fn plus_days(self, days: i64) -> Option<Self> {
        self.0.checked_add(time::Duration::days(days)).map(Self)
    }

    /// A calendar day; `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, day).ok().map(Self)
    }

    /// Parses `YYYY-MM-DD`.
    ///
    /// ```
    /// use stakemap_core::model::LocalDate;
    /// let d = LocalDate::parse_iso("2026-02-28").unwrap();
    /// assert_eq!(d.plus_days(1).unwrap().iso(), "2026-03-01");
    /// assert!(LocalDate::parse_iso("2026-02-30").is_none());
    /// ```
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Self::from_ymd(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: LocalDate) -> i64 {
        (later.0 - self.0).whole_days()
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday_from_monday(self) -> u8 {
        self.0.weekday().number_days_from_monday()
    }

    /// A short human form, e.g. "Mon 3 Mar 2026".
    pub fn human(self) -> String {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!(
            "{} {} {} {}",
            DAYS[usize::from(self.weekday_from_monday())],
            self.0.day(),
            MONTHS[usize::from(u8::from(self.0.month()) - 1)],
            self.0.year()
        )
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}
