//! Sharing by file: what is under review before it changes anything (a merge, a spreadsheet),
//! the participants of a workshop round, and the exports built from the open map.
//!
//! Everything here ends in one [`Store::dispatch`] (a merge, an import, adopted positions), so
//! each is one undoable step that saves like any other edit. Reviews live in their own signals
//! rather than in the store, because they are about files, not about the maps.

use super::notices::Tone;
use super::store::Store;
use crate::format::{self, Read, SheetImport};
use crate::model::unused_map_name;
use crate::model::{
    aligned_to, merge, MapPatch, MergeChoices, MergePreview, Op, Participant, StakeMap,
    Stakeholder, StakeholderId, Workspace,
};
use leptos::prelude::*;

mod exports;
pub use exports::{CalendarTitles, RedactedExport, SheetKind, NO_REMINDERS};
mod locked;
pub use locked::{Headed, LockedReview};
mod round;

/// A colleague's copy of the open map, compared and waiting for the user's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeReview {
    /// The file it came from.
    pub file_name: String,
    /// Their map, keyed to mine.
    pub theirs: StakeMap,
    /// What differs.
    pub preview: MergePreview,
    /// The user's choices so far (the newer value preselected).
    pub choices: MergeChoices,
}

/// A spreadsheet read and waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetReview {
    /// The file it came from.
    pub file_name: String,
    /// Its good rows and its problems.
    pub import: SheetImport,
    /// True to add the rows to the open map, false for a new map.
    pub into_current: bool,
}

/// Reviews and the workshop round. `Copy`, like the store.
#[derive(Clone, Copy)]
pub struct Sharing {
    store: Store,
    merge: RwSignal<Option<MergeReview>>,
    sheet: RwSignal<Option<SheetReview>>,
    participants: RwSignal<Vec<Participant>>,
    /// The map the round's participants were matched against.
    round_map: RwSignal<Option<crate::model::MapId>>,
    /// A password-protected file waiting for its passphrase.
    locked: RwSignal<Option<LockedReview>>,
}

/// The sharing state provided by the nearest [`Sharing::provide`].
pub fn use_sharing() -> Sharing {
    use_context::<Sharing>().unwrap_or_else(|| {
        panic!("Sharing::provide must run before components that share files are rendered")
    })
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Sharing {
    /// Sharing for `store`'s maps.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            merge: RwSignal::new(None),
            sheet: RwSignal::new(None),
            participants: RwSignal::new(Vec::new()),
            round_map: RwSignal::new(None),
            locked: RwSignal::new(None),
        }
    }

    /// Makes sharing available to every component below.
    pub fn provide(self) {
        provide_context(self);
    }

    // ----- map files -----

    /// Opens a map file: a copy of a map already here goes to the merge preview, any other
    /// map opens as a new map. A locked file asks for its passphrase first.
    pub fn open_file(&self, file_name: &str, bytes: &[u8]) {
        if let Some(read) = self.read_or_ask(file_name, bytes, Headed::Open) {
            self.open_read(file_name, read);
        }
    }

    fn open_read(&self, file_name: &str, read: Read) {
        let (theirs, repairs) = (read.map, read.repairs);
        let mine = self
            .store
            .workspace()
            .with_untracked(|w| w.map(theirs.id).cloned());
        match mine {
            Some(mine) => {
                if mine.id != self.store.current_id().unwrap_or(mine.id) {
                    self.store.switch_map(mine.id);
                }
                self.review_merge(file_name, &mine, theirs, repairs);
            }
            None => {
                self.store.open_as_new_map(theirs, repairs);
            }
        }
    }

    /// Reads a map file to merge into the open map, whatever map it was made from. A locked
    /// file asks for its passphrase first.
    pub fn merge_file(&self, file_name: &str, bytes: &[u8]) {
        if let Some(read) = self.read_or_ask(file_name, bytes, Headed::Merge) {
            self.merge_read(file_name, read);
        }
    }

    fn merge_read(&self, file_name: &str, read: Read) {
        let (theirs, repairs) = (read.map, read.repairs);
        let Some(mine) = self.store.with_current_untracked(Clone::clone) else {
            return;
        };
        let theirs = if theirs.id == mine.id {
            theirs
        } else {
            aligned_to(&mine, &theirs)
        };
        self.review_merge(file_name, &mine, theirs, repairs);
    }

    /// Tells the user what the reader repaired in a file about to be compared, since the
    /// preview shows the repaired values, not the file's.
    pub(super) fn tell_repairs(&self, file_name: &str, repairs: Vec<String>) {
        if repairs.is_empty() {
            return;
        }
        let mut details = vec![format!(
            "Parts of “{file_name}” were outside today's rules and were repaired before they \
             were compared (the file itself is unchanged):"
        )];
        details.extend(repairs);
        self.store.notices().show(
            Tone::Info,
            format!("“{file_name}” was read with repairs."),
            details,
        );
    }

    pub(super) fn review_merge(
        &self,
        file_name: &str,
        mine: &StakeMap,
        theirs: StakeMap,
        repairs: Vec<String>,
    ) {
        if theirs.redacted && !mine.redacted {
            // Merging would overwrite real names with codes and blank the notes; the notice
            // of the opened map says it is a redacted copy and why it stands apart.
            self.store.open_as_new_map(theirs, repairs);
            return;
        }
        let preview = MergePreview::between(mine, &theirs);
        self.tell_repairs(file_name, repairs);
        if preview.is_empty() {
            self.store.notices().notify(
                Tone::Info,
                format!(
                    "“{file_name}” holds nothing that “{}” does not already have. Nothing was \
                     changed.",
                    mine.name
                ),
            );
            return;
        }
        let choices = preview.default_choices();
        self.merge.set(Some(MergeReview {
            file_name: file_name.to_owned(),
            theirs,
            preview,
            choices,
        }));
    }

    /// The merge under review (tracked).
    pub fn merge_review(&self) -> Option<MergeReview> {
        self.merge.get()
    }

    /// Changes the choices of the merge under review.
    pub fn choose(&self, change: impl FnOnce(&mut MergeChoices)) {
        self.merge.update(|r| {
            if let Some(r) = r {
                change(&mut r.choices);
            }
        });
    }

    /// Carries out the merge as previewed and chosen: one undoable step.
    pub fn confirm_merge(&self) {
        let Some(review) = self.merge.get_untracked() else {
            return;
        };
        let Some(mine) = self.store.with_current_untracked(Clone::clone) else {
            return;
        };
        self.merge.set(None);
        let merged = merge(&mine, &review.theirs, &review.choices, self.store.now());
        let added = review.preview.added.len() - review.choices.skip_added.len();
        let removed = review.choices.remove_missing.len();
        // Record by record, so what another tab changed while the preview was open stays.
        if self
            .store
            .dispatch(Op::MergeMap(MapPatch::between(&mine, &merged)))
        {
            let mut parts = vec![
                plural(added, "person added", "people added"),
                plural(
                    review.preview.changed.len(),
                    "person compared",
                    "people compared",
                ),
            ];
            if removed > 0 {
                parts.push(plural(removed, "person removed", "people removed"));
            }
            self.store.notices().show(
                Tone::Info,
                format!(
                    "Merged “{}” into “{}”: {}. Undo reverses the whole merge.",
                    review.file_name,
                    mine.name,
                    parts.join(", ")
                ),
                Vec::new(),
            );
        }
    }

    /// Opens the file under review as a separate map instead of merging it.
    pub fn merge_as_separate_map(&self) {
        if let Some(review) = self.merge.get_untracked() {
            self.merge.set(None);
            // Any repairs were listed when the file was read for the preview.
            self.store.open_as_new_map(review.theirs, Vec::new());
        }
    }

    /// Drops the merge under review; nothing changes.
    pub fn cancel_merge(&self) {
        self.merge.set(None);
    }

    // ----- spreadsheets -----

    /// Reads a stakeholder spreadsheet for review.
    pub fn open_sheet(&self, file_name: &str, bytes: &[u8], into_current: bool) {
        match format::read_stakeholders_csv(bytes) {
            Err(e) => self.store.reject_file(file_name, &e),
            Ok(import) => self.sheet.set(Some(SheetReview {
                file_name: file_name.to_owned(),
                import,
                into_current: into_current && self.store.current_id().is_some(),
            })),
        }
    }

    /// The spreadsheet under review (tracked).
    pub fn sheet_review(&self) -> Option<SheetReview> {
        self.sheet.get()
    }

    /// Chooses where the spreadsheet's rows go.
    pub fn sheet_into_current(&self, into_current: bool) {
        self.sheet.update(|r| {
            if let Some(r) = r {
                r.into_current = into_current;
            }
        });
    }

    /// Adds the good rows, as a new map or into the open one: one undoable step.
    pub fn confirm_sheet(&self) {
        let Some(review) = self.sheet.get_untracked() else {
            return;
        };
        self.sheet.set(None);
        let now = self.store.now();
        let base = match review
            .into_current
            .then(|| self.store.with_current_untracked(Clone::clone))
            .flatten()
        {
            Some(mine) => mine,
            None => {
                let stem = review
                    .file_name
                    .trim_end_matches(".csv")
                    .trim_end_matches(".CSV");
                let stem = if stem.trim().is_empty() {
                    "Imported spreadsheet"
                } else {
                    stem
                };
                // A file name can be far longer than a map name may be: fitted, not copied.
                let name = self
                    .store
                    .workspace()
                    .with_untracked(|w| unused_map_name(w.maps(), stem, ""));
                StakeMap::new(crate::model::MapId(self.store.new_uuid()), name, now)
            }
        };
        // Added through the same operation as the form, so each gets its "added" history.
        let mut w = Workspace::from_maps(vec![base.clone()]);
        let (mut count, mut refused) = (0usize, Vec::new());
        for row in &review.import.rows {
            let person = Stakeholder::new(
                StakeholderId(self.store.new_uuid()),
                row.fields.clone(),
                now,
            );
            let added = w.apply(
                Op::AddStakeholder {
                    map: base.id,
                    stakeholder: person,
                },
                now,
            );
            match added {
                Ok(_) => count += 1,
                Err(e) => refused.push(format!("Row {}: {e}", row.row)),
            }
        }
        let Some(filled) = w.map(base.id).cloned() else {
            return;
        };
        let left_out = review.import.problems.len() + refused.len();
        let title = format!(
            "Added {} from “{}”{}.",
            plural(count, "stakeholder", "stakeholders"),
            review.file_name,
            if left_out > 0 {
                format!("; {} left out", plural(left_out, "row was", "rows were"))
            } else {
                String::new()
            }
        );
        let ok = if review.into_current {
            self.store
                .dispatch(Op::MergeMap(MapPatch::between(&base, &filled)))
        } else {
            self.store.open_as_new_map(filled, Vec::new())
        };
        if ok {
            // Rows the map could not take (it was full) are named; rows with problems were
            // listed in the preview already.
            refused.truncate(format::MAX_PROBLEMS_LISTED);
            self.store.notices().show(Tone::Info, title, refused);
        }
    }

    /// Drops the spreadsheet under review; nothing changes.
    pub fn cancel_sheet(&self) {
        self.sheet.set(None);
    }
}
