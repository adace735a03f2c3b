//! Contact cadence: how often each stakeholder should hear from the program, and who is due.

use super::stakeholder::Quadrant;
use super::time::LocalDate;

/// Shortest and longest cadence a user can set, in days.
pub const CADENCE_RANGE: std::ops::RangeInclusive<u16> = 1..=365;

impl Quadrant {
    /// The default days between contacts: every 2 weeks for Win over, monthly for Champions and
    /// Reassure, quarterly for Keep informed.
    pub fn default_cadence_days(self) -> u16 {
        match self {
            Quadrant::WinOver => 14,
            Quadrant::Champions | Quadrant::Reassure => 30,
            Quadrant::KeepInformed => 91,
        }
    }
}

/// A cadence in words ("every 2 weeks").
pub fn cadence_words(days: u16) -> String {
    match days {
        1 => "every day".into(),
        7 => "every week".into(),
        14 => "every 2 weeks".into(),
        30 | 31 => "monthly".into(),
        90..=92 => "quarterly".into(),
        d if d % 7 == 0 => format!("every {} weeks", d / 7),
        d => format!("every {d} days"),
    }
}

/// Where a stakeholder stands on contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactStatus {
    /// The cadence in force (their own, or the quadrant's).
    pub cadence_days: u16,
    /// The most recent contact, if any.
    pub last_contact: Option<LocalDate>,
    /// When the next contact is due.
    pub due: LocalDate,
    /// Days past due (0 when due today or not yet due).
    pub days_overdue: i64,
}

impl ContactStatus {
    /// Works out contact status. Without any contact yet, the cadence runs from the day the
    /// stakeholder was added, so someone added today is not instantly overdue.
    ///
    /// ```
    /// use stakemap_core::model::{ContactStatus, LocalDate};
    /// let d = |m, day| LocalDate::from_ymd(2026, m, day).unwrap();
    /// let s = ContactStatus::compute(14, Some(d(11, 1)), d(10, 1), d(11, 20));
    /// assert_eq!(s.due, d(11, 15));
    /// assert_eq!(s.days_overdue, 5);
    /// assert_eq!(s.days_since_contact(d(11, 20)), Some(19));
    /// ```
    pub fn compute(
        cadence_days: u16,
        last_contact: Option<LocalDate>,
        added_on: LocalDate,
        today: LocalDate,
    ) -> Self {
        let from = last_contact.unwrap_or(added_on);
        let due = from.plus_days(i64::from(cadence_days)).unwrap_or(from);
        Self {
            cadence_days,
            last_contact,
            due,
            days_overdue: due.days_until(today).max(0),
        }
    }

    /// Past the due day.
    pub fn is_overdue(&self) -> bool {
        self.days_overdue > 0
    }

    /// Due today or overdue: belongs in the "Due for contact" view.
    pub fn is_due(&self, today: LocalDate) -> bool {
        self.due <= today
    }

    /// Days since the last contact, if there was one.
    pub fn days_since_contact(&self, today: LocalDate) -> Option<i64> {
        self.last_contact.map(|d| d.days_until(today))
    }
}

/// "last contact 3 days ago", "last contact today", "no contact logged yet".
pub fn last_contact_words(days: Option<i64>) -> String {
    match days {
        None => "no contact logged yet".into(),
        Some(0) => "last contact today".into(),
        Some(1) => "last contact yesterday".into(),
        Some(n) if n < 0 => "last contact is dated in the future".into(),
        Some(n) => format!("last contact {n} days ago"),
    }
}
