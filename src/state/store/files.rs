//! Files in and out: a map opened from a file (as a new map, never over one), a relationships
//! sheet brought into the open map, a file refused in words, and the open map as a file to
//! export.

use super::Store;
use crate::format;
use crate::model::{imported_words, plural, unused_map_name};
use crate::model::{MapPatch, Op, Placed, Relationship, RelationshipId, StakeMap, Timestamp};
use crate::state::notices::Tone;
use leptos::prelude::*;

impl Store {
    /// Opens a file's text as a new map. A broken file changes nothing and shows what is wrong.
    pub fn import_text(&self, file_name: &str, text: &str) -> bool {
        self.import_bytes(file_name, text.as_bytes())
    }

    /// Opens a file's bytes as a new map. A broken file changes nothing and shows what is wrong;
    /// a file the reader had to repair opens, and the notice lists the repairs.
    pub fn import_bytes(&self, file_name: &str, bytes: &[u8]) -> bool {
        match format::read_bytes(bytes, self.now()) {
            Err(e) => {
                self.reject_file(file_name, &e);
                false
            }
            Ok(read) => self.open_as_new_map(read.map, read.repairs),
        }
    }

    /// Adds a map read from a file as a new map and opens it. A map with the same id as one
    /// already here opens beside it under a new id: nothing is ever replaced silently.
    /// `repairs` are what the reader changed to make the file fit today's rules (see
    /// `format::Read`); the notice lists them.
    pub fn open_as_new_map(&self, mut map: StakeMap, repairs: Vec<String>) -> bool {
        let clash = self.workspace.with_untracked(|w| w.map(map.id).is_some());
        let suffix = if clash { " (imported)" } else { "" };
        if clash {
            map.id = self.new_map_id();
        }
        map.name = self
            .workspace
            .with_untracked(|w| unused_map_name(w.maps(), &map.name, suffix));
        let title = imported_words(&map.name, map.len());
        let mut details = if map.redacted {
            vec![
                "This is a redacted copy: people are shown by initials or codes, organisations \
                  by codes, and everything else typed (notes, concerns, roles, tags, outcomes) \
                  was removed or coded before it was shared. A redacted copy is never merged into \
                  a full map: it always opens as a map of its own."
                    .to_owned(),
            ]
        } else {
            Vec::new()
        };
        if map.positions_left_out {
            details.push(
                "Positions were left out of it: everyone is shown at the middle of the map, which \
                 says nothing about where they stand."
                    .to_owned(),
            );
        }
        if !repairs.is_empty() {
            details.push(
                "Some of it was outside today's rules and was repaired on the way in (the file \
                 itself is unchanged):"
                    .to_owned(),
            );
            details.extend(repairs);
        }
        let ok = self.create_and_open(map);
        if ok {
            self.notices.confirm_with(title, details);
        }
        ok
    }

    /// Adds the relationships of a relationships sheet to the open map, people found by name,
    /// as one edit (one undo step), and says how many went in and which rows did not, and why.
    pub fn bring_in_relationships(&self, file_name: &str, bytes: &[u8]) {
        let Some(map) = self.current_id() else {
            return self.reject_file_saying(
                file_name,
                vec!["It is a relationships sheet, which adds to a map: open a map first.".into()],
            );
        };
        let today = self.today();
        let sheet = match self
            .with_current_untracked(|m| format::read_relationships_csv(bytes, m, today))
        {
            Some(Ok(sheet)) => sheet,
            Some(Err(e)) => return self.reject_file(file_name, &e),
            None => return,
        };
        let left_out: Vec<String> = sheet
            .problems
            .iter()
            .map(|p| format!("Row {}: {}", p.row, p.reason))
            .collect();
        if sheet.rows.is_empty() {
            let mut details = vec!["No row of the sheet could be added.".to_owned()];
            details.extend(left_out);
            return self.reject_file_saying(file_name, details);
        }
        let now = self.now();
        let offset = self.utc_offset_minutes();
        let mut patch = MapPatch::new(map);
        for row in &sheet.rows {
            // Recorded on the day the sheet says, at the start of that day here.
            let recorded = row
                .recorded
                .map(|day| Timestamp::start_of(day, offset).min(now))
                .unwrap_or(now);
            let id = RelationshipId(self.backend.with_value(|b| b.new_uuid()));
            patch.relationships.placed.push(Placed::put(
                usize::MAX,
                Relationship {
                    id,
                    from: row.from,
                    to: row.to,
                    fields: row.fields.clone(),
                    created_at: recorded,
                    updated_at: now,
                },
            ));
        }
        if self.dispatch(Op::MergeMap(patch)) {
            let title = format!(
                "Added {} from “{file_name}”.",
                plural(sheet.rows.len(), "relationship", "relationships")
            );
            if left_out.is_empty() {
                self.notices.confirm(title);
            } else {
                let mut details = vec![format!(
                    "{} left out:",
                    plural(left_out.len(), "row was", "rows were")
                )];
                details.extend(left_out);
                self.notices.confirm_with(title, details);
            }
        }
    }

    /// Tells the user a file was refused, why, and that nothing changed: one wording for every
    /// file (map, spreadsheet, participant's copy) and every reason (too large, broken, …).
    pub fn reject_file(&self, file_name: &str, error: &format::ImportError) {
        let mut details = vec![error.headline()];
        details.extend(error.details());
        self.reject_file_saying(file_name, details);
    }

    /// Tells the user a file was refused, with the reason already in words (as the register
    /// session gives it), and that nothing changed.
    pub fn reject_file_saying(&self, file_name: &str, details: Vec<String>) {
        self.notices.show(
            Tone::Error,
            format!("“{file_name}” was not imported. Nothing was changed."),
            details,
        );
    }

    /// The open map as a file: its download name and its text. Records the export time, so
    /// the reminder to save a file knows when the last copy was made.
    pub fn export_current(&self) -> Option<(String, String)> {
        let file = self.current_file()?;
        self.mark_exported();
        Some(file)
    }

    /// The open map as a file (its download name and text), without recording an export:
    /// for a copy that is made into another file first (a locked one).
    pub fn current_file(&self) -> Option<(String, String)> {
        let backend = self.backend.get_value();
        let now = backend.now();
        self.with_current_untracked(|m| {
            (
                format::export_file_name(&m.name, backend.today()),
                format::to_json(m, now),
            )
        })
    }

    /// How many people the open map holds, in words ("9 people"): what a file made of it holds.
    pub fn people_words(&self) -> Option<String> {
        self.with_current_untracked(|m| plural(m.len(), "person", "people"))
    }

    /// The name the open map's file is offered under.
    pub fn current_file_name(&self) -> Option<String> {
        let today = self.backend.get_value().today();
        self.with_current_untracked(|m| format::export_file_name(&m.name, today))
    }

    /// Records that the open map was just saved to a file, for the reminder to save one.
    pub fn mark_exported(&self) {
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        let now = self.backend.get_value().now();
        self.exported.update(|e| {
            e.insert(id, now);
        });
        self.index_unsaved.set_value(true);
        self.flush();
    }

    /// When the open map was last exported (tracked).
    pub fn last_export(&self) -> Option<Timestamp> {
        let id = self.current.get()?;
        self.exported.with(|e| e.get(&id).copied())
    }

    /// Days since the open map was last saved to a file, when a reminder is due (tracked; see
    /// `model::export_nudge`).
    pub fn export_nudge(&self) -> Option<i64> {
        let _day = self.today.get();
        let last = self.last_export();
        let now = self.now();
        self.with_current(|m| crate::model::export_nudge(m.created_at, m.updated_at, last, now))
            .flatten()
    }

    /// Whether the browser agreed to keep this site's storage (tracked; `None` until asked).
    pub fn persistent(&self) -> Option<bool> {
        self.persistent.get()
    }

    /// Records the browser's answer to the request for persistent storage.
    pub fn set_persistent(&self, granted: bool) {
        self.persistent.set(Some(granted));
    }
}
