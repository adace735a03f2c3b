//! Bringing in a register: a spreadsheet (CSV here, a workbook read by the sheets worker)
//! under review with its mapping, which the user adjusts before anything changes, and then
//! brought into the open map or a new one as one undoable step.

use super::super::notices::Tone;
use super::super::platform::Later;
use super::{plural, Sharing};
use crate::format::register::{
    apply, bring_in, csv_grid, guess_mapping, header_row, headers, matches, signature, Brought,
    Existing, Grid, IntoMap, Mapping, Reason, RegisterImport, Remembered, Scale, Use, Workbook,
    WorkbookProblem,
};
use crate::format::{self, ImportError};
use crate::model::{unused_map_name, MapId, MapPatch, Op, StakeMap, StakeholderId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Reads a workbook's bytes into sheets, off the page (the sheets worker).
pub type WorkbookReader = fn(Vec<u8>) -> Later<Result<Workbook, WorkbookProblem>>;

/// A register under review.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterReview {
    /// The file it came from.
    pub file_name: String,
    /// Its sheets (one for a CSV).
    pub book: Arc<Workbook>,
    /// The sheet being read.
    pub sheet: usize,
    /// What each column is read as.
    pub mapping: Mapping,
    /// The rows as the mapping reads them.
    pub import: Arc<RegisterImport>,
    /// True to bring the rows into the open map, false for a new map.
    pub into_current: bool,
    /// What to do with people already on the map.
    pub existing: Existing,
    /// Rows that could not be placed go to the quick-add tray.
    pub to_tray: bool,
    /// How many rows name someone already on the open map.
    pub on_map: usize,
    /// True when the mapping was recalled from an earlier file with the same headers.
    pub recalled: bool,
}

impl RegisterReview {
    /// The sheet being read.
    pub fn grid(&self) -> &Grid {
        // `sheet` is always an index of `book.sheets`, which is never empty.
        &self.book.sheets[self.sheet.min(self.book.sheets.len().saturating_sub(1))]
    }

    /// The headers of the sheet being read.
    pub fn headers(&self) -> Vec<String> {
        headers(self.grid(), self.mapping.header_row)
    }
}

fn memo_key(headers: &[String]) -> String {
    format!("register-mapping:{}", signature(headers))
}

/// The sheet most like a register: the one whose header row names most columns.
fn likeliest_sheet(book: &Workbook) -> usize {
    let score = |g: &Grid| {
        let row = header_row(g);
        g.rows.get(row).map_or(0, |r| {
            r.cells
                .iter()
                .filter(|c| !matches!(crate::format::register::guess(c, &[]).1, Reason::Unknown))
                .count()
        })
    };
    book.sheets
        .iter()
        .enumerate()
        .max_by_key(|(i, g)| (score(g), std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i)
}

impl Sharing {
    /// Uses `reader` for Excel and OpenDocument workbooks.
    pub fn with_workbooks(mut self, reader: WorkbookReader) -> Self {
        self.workbooks = Some(reader);
        self
    }

    /// Reads a spreadsheet (CSV, or a workbook through the sheets worker) for review.
    /// `into_current` preselects bringing it into the open map.
    pub fn open_register(&self, file_name: &str, bytes: &[u8], into_current: bool) {
        match format::register::file_kind(bytes) {
            format::register::FileKind::Workbook => {
                let Some(reader) = self.workbooks else {
                    self.store.reject_file(
                        file_name,
                        &ImportError::WorkbookUnreadable {
                            detail: "workbooks cannot be read here".into(),
                        },
                    );
                    return;
                };
                let this = *self;
                let name = file_name.to_owned();
                self.reading.set(Some(name.clone()));
                let reading = reader(bytes.to_vec());
                spawn_local(async move {
                    let result = reading.await;
                    // Cancelled, or another file opened meanwhile: this one is dropped.
                    if this.reading.get_untracked().as_deref() != Some(name.as_str()) {
                        return;
                    }
                    this.reading.set(None);
                    match result {
                        Ok(book) => this.review_register(&name, book, into_current),
                        Err(problem) => this.store.reject_file(&name, &problem.into()),
                    }
                });
            }
            _ => match csv_grid(file_name, bytes) {
                Ok(grid) => {
                    self.review_register(file_name, Workbook { sheets: vec![grid] }, into_current)
                }
                Err(e) => self.store.reject_file(file_name, &e),
            },
        }
    }

    /// The name of a workbook being read, while the sheets worker reads it (tracked).
    pub fn reading_workbook(&self) -> Option<String> {
        self.reading.get()
    }

    /// Stops waiting for a workbook being read.
    pub fn cancel_reading(&self) {
        self.reading.set(None);
    }

    fn review_register(&self, file_name: &str, book: Workbook, into_current: bool) {
        let sheets: Vec<Grid> = book.sheets.into_iter().filter(|g| !g.is_empty()).collect();
        if sheets.is_empty() {
            self.store.reject_file(file_name, &ImportError::SheetEmpty);
            return;
        }
        let book = Arc::new(Workbook { sheets });
        let sheet = likeliest_sheet(&book);
        let has_map = self.store.current_id().is_some();
        let mut review = RegisterReview {
            file_name: file_name.to_owned(),
            mapping: guess_mapping(&book.sheets[sheet]),
            book,
            sheet,
            import: Arc::default(),
            into_current: into_current && has_map,
            existing: Existing::Update,
            to_tray: true,
            on_map: 0,
            recalled: false,
        };
        self.recall(&mut review);
        self.refresh(&mut review);
        self.register.set(Some(review));
    }

    /// Applies the mapping remembered for these headers, if any.
    fn recall(&self, review: &mut RegisterReview) {
        let remembered = self
            .store
            .setting(&memo_key(&review.headers()))
            .and_then(|text| serde_json::from_str::<Remembered>(&text).ok());
        review.recalled = remembered.is_some();
        if let Some(memo) = remembered {
            let grid = review.book.sheets[review.sheet].clone();
            review.mapping.recall(&grid, &memo);
        }
    }

    /// Reads the rows again after a change.
    fn refresh(&self, review: &mut RegisterReview) {
        let import = apply(review.grid(), &review.mapping);
        review.on_map = if review.into_current {
            self.store
                .with_current_untracked(|m| matches(m, &import.rows).iter().flatten().count())
                .unwrap_or(0)
        } else {
            0
        };
        review.import = Arc::new(import);
    }

    fn change_register(&self, change: impl FnOnce(&mut RegisterReview)) {
        let Some(mut review) = self.register.get_untracked() else {
            return;
        };
        change(&mut review);
        self.refresh(&mut review);
        self.register.set(Some(review));
    }

    /// The register under review (tracked).
    pub fn register_review(&self) -> Option<RegisterReview> {
        self.register.get()
    }

    /// Reads another sheet of the workbook, with its own guessed (or remembered) mapping.
    pub fn choose_sheet(&self, sheet: usize) {
        self.change_register(|r| {
            if sheet < r.book.sheets.len() && sheet != r.sheet {
                r.sheet = sheet;
                r.mapping = guess_mapping(&r.book.sheets[sheet]);
                self.recall(r);
            }
        });
    }

    /// Changes what a column is read as.
    pub fn set_column_use(&self, col: usize, used: Use) {
        self.change_register(|r| {
            let grid = r.book.sheets[r.sheet].clone();
            r.mapping.set_use(&grid, col, used);
        });
    }

    /// Changes the scale of a numeric column.
    pub fn set_column_scale(&self, col: usize, scale: Scale) {
        self.change_register(|r| r.mapping.set_scale(col, scale));
    }

    /// Changes where one value of a word column puts people (`None`: placed by hand).
    pub fn set_word_place(&self, col: usize, word: &str, place: Option<u8>) {
        self.change_register(|r| r.mapping.set_word(col, word, place));
    }

    /// Chooses where the rows go.
    pub fn register_into_current(&self, into_current: bool) {
        let has_map = self.store.current_id().is_some();
        self.change_register(|r| r.into_current = into_current && has_map);
    }

    /// Chooses what happens to people already on the map.
    pub fn register_existing(&self, existing: Existing) {
        self.change_register(|r| r.existing = existing);
    }

    /// Chooses whether rows that could not be placed wait in the quick-add tray.
    pub fn register_to_tray(&self, to_tray: bool) {
        self.change_register(|r| r.to_tray = to_tray);
    }

    /// Drops the register under review; nothing changes.
    pub fn cancel_register(&self) {
        self.register.set(None);
    }

    /// Brings the rows in as previewed and chosen: one undoable step. Remembers the mapping
    /// for the next file with the same headers. Returns the names to put in the open map's
    /// quick-add tray (the rows that could not be placed), when the user chose so.
    pub fn confirm_register(&self) -> Vec<String> {
        let Some(review) = self.register.get_untracked() else {
            return Vec::new();
        };
        if !review.mapping.has_name() {
            return Vec::new();
        }
        self.register.set(None);
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
                    .rsplit_once('.')
                    .map_or(review.file_name.as_str(), |(stem, _)| stem);
                let stem = if stem.trim().is_empty() {
                    "Imported register"
                } else {
                    stem
                };
                // A file name can be far longer than a map name may be: fitted, not copied.
                let name = self
                    .store
                    .workspace()
                    .with_untracked(|w| unused_map_name(w.maps(), stem, ""));
                StakeMap::new(MapId(self.store.new_uuid()), name, now)
            }
        };
        let store = self.store;
        let brought = bring_in(
            &base,
            &review.import,
            IntoMap {
                existing: review.existing,
                unplaced_to_tray: review.to_tray,
            },
            || StakeholderId(store.new_uuid()),
            now,
        );
        let ok = if review.into_current {
            self.store
                .dispatch(Op::MergeMap(MapPatch::between(&base, &brought.map)))
        } else {
            self.store.open_as_new_map(brought.map.clone(), Vec::new())
        };
        if !ok {
            return Vec::new();
        }
        let memo = serde_json::to_string(&review.mapping.remembered()).unwrap_or_default();
        self.store
            .set_setting(&memo_key(&review.headers()), Some(&memo));
        let (title, details) = summary(&review, &brought);
        self.store.notices().show(Tone::Info, title, details);
        brought.to_tray
    }
}

/// What the import did, in words: a title and the rows left out.
fn summary(review: &RegisterReview, b: &Brought) -> (String, Vec<String>) {
    let mut parts = vec![plural(b.added, "person added", "people added")];
    if !b.updated.is_empty() {
        parts.push(format!("{} updated", b.updated.len()));
    }
    if !b.unchanged.is_empty() {
        parts.push(format!(
            "{} already there left as they were",
            b.unchanged.len()
        ));
    }
    if !b.to_tray.is_empty() {
        parts.push(format!(
            "{} in the quick-add tray to place by hand",
            b.to_tray.len()
        ));
    }
    let left_out = review.import.left_out.len() + b.refused.len();
    if left_out > 0 {
        parts.push(plural(left_out, "row left out", "rows left out"));
    }
    let title = format!(
        "Brought in “{}”: {}. Undo reverses the whole import.",
        review.file_name,
        parts.join(", ")
    );
    let mut details: Vec<String> = review
        .import
        .left_out
        .iter()
        .map(|p| format!("Row {}: {}", p.row, p.reason))
        .chain(b.refused.iter().cloned())
        .collect();
    let more = details.len().saturating_sub(format::MAX_PROBLEMS_LISTED);
    details.truncate(format::MAX_PROBLEMS_LISTED);
    if more > 0 {
        details.push(format!("…and {more} more."));
    }
    (title, details)
}
