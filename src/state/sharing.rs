//! Sharing by file: what is under review before it changes anything (a merge, a spreadsheet),
//! the participants of a workshop round, and the exports built from the open map.
//!
//! Everything here ends in one [`Store::dispatch`] (a merge, an import, adopted positions), so
//! each is one undoable step that saves like any other edit. Reviews live in their own signals
//! rather than in the store, because they are about files, not about the maps.

use super::notices::Tone;
use super::store::Store;
use crate::format::{self, ImportError, Read};
pub(super) use crate::model::plural;
use crate::model::{
    aligned_to, merge, MapPatch, MergeChoices, MergePreview, Op, Participant, StakeMap, TrayPerson,
};
use format::register::FileKind;
use leptos::prelude::*;

mod exports;
pub use exports::{CalendarTitles, RedactedExport, SheetKind, NO_REMINDERS};
mod locked;
pub use locked::{Headed, LockedReview};
mod register;
pub use register::{RegisterEngine, RegisterView, MAPPINGS_SETTING};
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

/// Reviews and the workshop round. `Copy`, like the store.
#[derive(Clone, Copy)]
pub struct Sharing {
    store: Store,
    merge: RwSignal<Option<MergeReview>>,
    /// The register preview on show.
    register: RwSignal<Option<RegisterView>>,
    /// A spreadsheet the register session is reading: its file name.
    reading: RwSignal<Option<String>>,
    /// Which review the session's answers belong to: answers from a cancelled one are dropped.
    round_no: StoredValue<u64>,
    /// The open map as sent to the session, to patch against.
    base: StoredValue<Option<String>>,
    /// People for the quick-add tray once a register is brought in, with their roles.
    tray_people: RwSignal<Vec<TrayPerson>>,
    /// True from confirming a register until its rows are in.
    bringing_in: RwSignal<bool>,
    engine: Option<RegisterEngine>,
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

impl Sharing {
    /// Sharing for `store`'s maps.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            merge: RwSignal::new(None),
            register: RwSignal::new(None),
            reading: RwSignal::new(None),
            round_no: StoredValue::new(0),
            base: StoredValue::new(None),
            tray_people: RwSignal::new(Vec::new()),
            bringing_in: RwSignal::new(false),
            engine: None,
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
    /// A relationships sheet (From, Kind, To columns) adds its relationships to the open map;
    /// any other spreadsheet goes to the register preview.
    pub fn open_file(&self, file_name: &str, bytes: &[u8]) {
        if format::is_relationships_sheet(bytes) {
            self.store.bring_in_relationships(file_name, bytes);
            return;
        }
        match format::register::file_kind(bytes) {
            FileKind::Text | FileKind::Workbook => self.open_register(file_name, bytes, false),
            FileKind::Other => self
                .store
                .reject_file(file_name, &ImportError::NotASpreadsheet),
            FileKind::Json => {
                if let Some(read) = self.read_or_ask(file_name, bytes, Headed::Open) {
                    self.open_read(file_name, read);
                }
            }
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
    /// A spreadsheet goes to the register preview, into the open map.
    pub fn merge_file(&self, file_name: &str, bytes: &[u8]) {
        if format::is_relationships_sheet(bytes) {
            self.store.bring_in_relationships(file_name, bytes);
            return;
        }
        if matches!(
            format::register::file_kind(bytes),
            FileKind::Text | FileKind::Workbook
        ) {
            self.open_register(file_name, bytes, true);
            return;
        }
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
            self.store.notices().confirm(format!(
                "“{file_name}” holds nothing that “{}” does not already have. Nothing was \
                 changed.",
                mine.name
            ));
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
            self.store.notices().confirm(format!(
                "Merged “{}” into “{}”: {}. Undo reverses the whole merge.",
                review.file_name,
                mine.name,
                parts.join(", ")
            ));
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
}
