//! The exports built from the open map: the image (SVG), the spreadsheets (CSV), a redacted
//! copy and calendar reminders (iCalendar).

use super::Sharing;
use crate::format;
/// How a calendar file's titles name people and actions: views choose through `state`, which
/// keeps the file format out of them.
pub use crate::format::CalendarTitles;
use crate::model::{redacted, redacted_with, LabelStyle};

/// The spreadsheets a map can leave as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    /// One row per stakeholder.
    Stakeholders,
    /// One row per action.
    Actions,
    /// One row per metric or story.
    Evidence,
}

impl Sharing {
    /// The open map as an image: file name and SVG text.
    pub fn image(&self, style: LabelStyle, redact: bool) -> Option<(String, String)> {
        let day = self.store.today();
        self.store.with_current_untracked(|m| {
            let copy;
            let map = if redact {
                copy = redacted(m, style);
                &copy
            } else {
                m
            };
            (
                format::image_file_name(&map.name, day, "svg"),
                format::map_svg(map, style, day),
            )
        })
    }

    /// The open map as a spreadsheet: file name and text.
    pub fn sheet(&self, kind: SheetKind) -> Option<(String, String)> {
        let day = self.store.today();
        self.store.with_current_untracked(|m| {
            let (what, text) = match kind {
                SheetKind::Stakeholders => ("stakeholders", format::stakeholders_csv(m)),
                SheetKind::Actions => ("actions", format::actions_csv(m)),
                SheetKind::Evidence => ("evidence", format::evidence_csv(m)),
            };
            (format::csv_file_name(&m.name, what, day), text)
        })
    }

    /// A redacted copy of the open map as a file: file name and text.
    pub fn redacted_file(
        &self,
        style: LabelStyle,
        keep_metric_names: bool,
    ) -> Option<(String, String)> {
        let day = self.store.today();
        let now = self.store.now();
        self.store.with_current_untracked(|m| {
            let copy = redacted_with(m, style, keep_metric_names);
            (
                format::export_file_name(&copy.name, day),
                format::to_json(&copy, now),
            )
        })
    }

    /// The open map's reminders as a calendar file: file name and text; `None` when the map
    /// has nothing to remind of (then say [`NO_REMINDERS`] rather than offer an empty calendar).
    pub fn calendar(&self, titles: CalendarTitles) -> Option<(String, String)> {
        let day = self.store.today();
        let now = self.store.now();
        let offset = self.store.utc_offset_minutes();
        self.store
            .with_current_untracked(|m| {
                format::calendar_ics(m, titles, day, offset, now)
                    .map(|text| (format::calendar_file_name(&m.name, titles, day), text))
            })
            .flatten()
    }
}

/// What the share dialog says when the open map has nothing to put in a calendar.
pub const NO_REMINDERS: &str = "Nothing to put in a calendar yet: add people to the map, and \
                                their next contacts and dated actions become reminders.";
