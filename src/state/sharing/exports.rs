//! The exports built from the open map: the image (SVG), the spreadsheets (CSV), the redacted
//! copy as a map file, an image or spreadsheets, and calendar reminders (iCalendar).

use super::Sharing;
use crate::format;
/// How a calendar file's titles name people and actions: views choose through `state`, which
/// keeps the file format out of them.
pub use crate::format::CalendarTitles;
use crate::model::{plural, redacted, LabelStyle, RedactOptions, ShownTies, StakeMap};

/// The spreadsheets a map can leave as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    /// One row per stakeholder.
    Stakeholders,
    /// One row per action.
    Actions,
    /// One row per metric or story.
    Evidence,
    /// One row per relationship between two people.
    Relationships,
}

impl SheetKind {
    /// Every sheet, in the order the share dialog offers them.
    pub const ALL: [SheetKind; 4] = [
        SheetKind::Stakeholders,
        SheetKind::Actions,
        SheetKind::Evidence,
        SheetKind::Relationships,
    ];

    /// What it lists, as a file's name and a button say it ("stakeholders").
    pub fn what(self) -> &'static str {
        match self {
            SheetKind::Stakeholders => "stakeholders",
            SheetKind::Actions => "actions",
            SheetKind::Evidence => "evidence",
            SheetKind::Relationships => "relationships",
        }
    }

    /// What the sheet is called in a sentence ("the stakeholder sheet" without "the").
    pub fn sheet_name(self) -> &'static str {
        match self {
            SheetKind::Stakeholders => "stakeholder sheet",
            SheetKind::Actions => "action sheet",
            SheetKind::Evidence => "evidence sheet",
            SheetKind::Relationships => "relationships sheet",
        }
    }

    /// The button's label ("Stakeholders (CSV)").
    pub fn label(self) -> &'static str {
        match self {
            SheetKind::Stakeholders => "Stakeholders (CSV)",
            SheetKind::Actions => "Actions (CSV)",
            SheetKind::Evidence => "Evidence (CSV)",
            SheetKind::Relationships => "Relationships (CSV)",
        }
    }

    /// How many rows the sheet of `map` has, in words ("4 actions").
    fn rows(self, map: &StakeMap) -> String {
        match self {
            SheetKind::Stakeholders => plural(map.len(), "person", "people"),
            SheetKind::Actions => plural(map.actions().len(), "action", "actions"),
            SheetKind::Evidence => plural(
                map.evidence().len(),
                "item of evidence",
                "items of evidence",
            ),
            SheetKind::Relationships => {
                plural(map.relationships().len(), "relationship", "relationships")
            }
        }
    }

    /// The sheet of `map`, its days as they are for a user whose clock is `offset_minutes`
    /// ahead of UTC.
    fn of(self, map: &StakeMap, offset_minutes: i32) -> String {
        match self {
            SheetKind::Stakeholders => format::stakeholders_csv(map),
            SheetKind::Actions => format::actions_csv(map),
            SheetKind::Evidence => format::evidence_csv(map),
            SheetKind::Relationships => format::relationships_csv(map, offset_minutes),
        }
    }
}

/// What a redacted copy can leave as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedactedExport {
    /// A map file (JSON) that opens as a separate, redacted map.
    MapFile,
    /// The copy's image (SVG, which the dialog offers as a PNG).
    Image,
    /// One of the copy's spreadsheets.
    Sheet(SheetKind),
}

impl Sharing {
    /// What a file made from the open map holds, in words, said once it is saved: its people
    /// ("9 people"), or for a sheet its rows ("4 actions"). A redacted copy holds as many.
    pub fn holds(&self, sheet: Option<SheetKind>) -> Option<String> {
        match sheet {
            Some(kind) => self.store.with_current_untracked(|m| kind.rows(m)),
            None => self.store.people_words(),
        }
    }

    /// The open map as an image, its relationships drawn as `ties` says: file name and SVG
    /// text.
    pub fn image(&self, style: LabelStyle, ties: ShownTies) -> Option<(String, String)> {
        let day = self.store.today();
        self.store.with_current_untracked(|m| {
            (
                format::image_file_name(&m.name, day, "svg"),
                format::map_svg(m, style, day, ties),
            )
        })
    }

    /// The open map as a spreadsheet: file name and text.
    pub fn sheet(&self, kind: SheetKind) -> Option<(String, String)> {
        let day = self.store.today();
        let offset = self.store.utc_offset_minutes();
        self.store.with_current_untracked(|m| {
            (
                format::csv_file_name(&m.name, kind.what(), day),
                kind.of(m, offset),
            )
        })
    }

    /// The open map's redacted copy, made with `options`, as `what`: file name and text. Every
    /// export of the copy is made from the copy alone, so its name (the one the user gave,
    /// never the map's own) names the file. `None` with no open map, or for an image of a
    /// copy that has none ([`RedactOptions::image_refusal`]).
    pub fn redacted(
        &self,
        what: RedactedExport,
        options: &RedactOptions,
        ties: ShownTies,
    ) -> Option<(String, String)> {
        if what == RedactedExport::Image && options.image_refusal().is_some() {
            return None;
        }
        let day = self.store.today();
        let now = self.store.now();
        let offset = self.store.utc_offset_minutes();
        self.store.with_current_untracked(|m| {
            let copy = redacted(m, options);
            match what {
                RedactedExport::MapFile => (
                    format::export_file_name(&copy.name, day),
                    format::to_json(&copy, now),
                ),
                RedactedExport::Image => (
                    format::image_file_name(&copy.name, day, "svg"),
                    format::map_svg(&copy, options.label_style(), day, ties),
                ),
                RedactedExport::Sheet(kind) => (
                    format::csv_file_name(&copy.name, kind.what(), day),
                    kind.of(&copy, offset),
                ),
            }
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
