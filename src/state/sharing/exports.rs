//! The exports built from the open map: the image (SVG), the spreadsheets (CSV) and a
//! redacted copy.

use super::Sharing;
use crate::format;
use crate::model::{redacted, LabelStyle};

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

    /// The open map as a spreadsheet of stakeholders or of actions: file name and text.
    pub fn sheet(&self, actions: bool) -> Option<(String, String)> {
        let day = self.store.today();
        self.store.with_current_untracked(|m| {
            if actions {
                (
                    format::csv_file_name(&m.name, "actions", day),
                    format::actions_csv(m),
                )
            } else {
                (
                    format::csv_file_name(&m.name, "stakeholders", day),
                    format::stakeholders_csv(m),
                )
            }
        })
    }

    /// A redacted copy of the open map as a file: file name and text.
    pub fn redacted_file(&self, style: LabelStyle) -> Option<(String, String)> {
        let day = self.store.today();
        let now = self.store.now();
        self.store.with_current_untracked(|m| {
            let copy = redacted(m, style);
            (
                format::export_file_name(&copy.name, day),
                format::to_json(&copy, now),
            )
        })
    }
}
