//! The register session: one file under review, its mapping as the user adjusts it, and the
//! rows brought in on confirmation. It runs in the sheets worker (the app only talks to it), so
//! neither the reading nor the guessing holds up the page or adds to the app's download.

use super::protocol::{Act, Done, Reply, Request};
use super::{
    apply, bring_in, csv_grid, file_kind, guess, guess_mapping, header_row, headers, matches,
    preview, signature, Existing, FileKind, Grid, IntoMap, Mapping, Reading, Reason,
    RegisterImport, Remembered, Use, Workbook, WorkbookReply,
};
use crate::format::{self, ImportError, MAX_PROBLEMS_LISTED};
use crate::model::{plural, unused_map_name, MapId, StakeMap, StakeholderId, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many header sets' mappings are remembered (the oldest is forgotten first).
pub const MEMORY_LIMIT: usize = 30;

/// The mappings remembered, by [`signature`] of the headers, newest last.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Memory {
    /// Each header set's mapping.
    pub mappings: BTreeMap<String, Remembered>,
    /// The signatures, oldest first.
    pub order: Vec<String>,
}

impl Memory {
    fn remember(&mut self, key: String, mapping: Remembered) {
        self.order.retain(|k| *k != key);
        self.order.push(key.clone());
        self.mappings.insert(key, mapping);
        while self.order.len() > MEMORY_LIMIT {
            let old = self.order.remove(0);
            self.mappings.remove(&old);
        }
    }
}

/// A register under review.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The file it came from.
    pub file_name: String,
    /// Its sheets (one for a CSV), none empty.
    pub book: Workbook,
    /// The sheet being read.
    pub sheet: usize,
    /// What each column is read as.
    pub mapping: Mapping,
    /// The rows as the mapping reads them.
    pub import: RegisterImport,
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
    /// Who on the open map each row is (none when bringing them into a new map).
    pub who: Vec<Option<StakeholderId>>,
}

impl Review {
    /// The sheet being read.
    pub fn grid(&self) -> &Grid {
        sheet_of(&self.book, self.sheet)
    }

    /// The headers of the sheet being read.
    pub fn headers(&self) -> Vec<String> {
        headers(self.grid(), self.mapping.header_row)
    }

    /// How many people the confirm button brings in (added or updated).
    pub fn coming(&self) -> usize {
        super::into_map::coming(
            &self.import.rows,
            &self.who,
            IntoMap {
                existing: self.existing,
                unplaced_to_tray: self.to_tray,
            },
        )
    }
}

/// Sheet `sheet` of `book` (its last when past the end; a review's book is never empty). A
/// free function, so a review's mapping can change while its sheet is read, without a copy.
fn sheet_of(book: &Workbook, sheet: usize) -> &Grid {
    let last = book.sheets.len().saturating_sub(1);
    &book.sheets[sheet.min(last)]
}

/// The sheet most like a register: the one whose header row names most columns.
fn likeliest_sheet(book: &Workbook) -> usize {
    let score = |g: &Grid| {
        g.rows.get(header_row(g)).map_or(0, |r| {
            r.cells
                .iter()
                .filter(|c| !matches!(guess(c, &[]).1, Reason::Unknown))
                .count()
        })
    };
    book.sheets
        .iter()
        .enumerate()
        .max_by_key(|(i, g)| (score(g), std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i)
}

/// Ids made from a seed: random-looking, distinct, and the same for the same seed.
struct SeededIds {
    seed: u128,
    next: u128,
}

impl SeededIds {
    fn id(&mut self) -> uuid::Uuid {
        self.next += 1;
        // A multiplier with no common factor with 2^128 spreads the counter over the space.
        let n = self.seed.wrapping_add(
            self.next
                .wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835),
        );
        uuid::Builder::from_random_bytes(n.to_le_bytes()).into_uuid()
    }
}

/// One register under review, and the mappings remembered.
#[derive(Default)]
pub struct Session {
    review: Option<Review>,
    base: Option<StakeMap>,
    memory: Memory,
}

impl Session {
    /// The register under review, if any.
    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// Answers one request. `bytes` is the file for [`Request::Open`]; `read_workbook` reads an
    /// Excel or OpenDocument file (the sheets worker's reader). `None` when there is nothing
    /// to answer (a choice made with no file under review).
    pub fn handle(
        &mut self,
        request: Request,
        bytes: Option<&[u8]>,
        read_workbook: &dyn Fn(&[u8]) -> WorkbookReply,
    ) -> Option<Reply> {
        match request {
            Request::Open {
                file_name,
                into_current,
                map,
                memory,
                now,
            } => Some(self.open(
                file_name,
                bytes.unwrap_or_default(),
                into_current,
                map,
                memory,
                Timestamp::from_unix_millis(now),
                read_workbook,
            )),
            Request::Act(act) => {
                self.act(&act);
                self.view()
            }
            Request::Confirm { seed, now } => {
                let seed = u128::from_str_radix(seed.trim(), 16).unwrap_or_default();
                self.confirm(seed, Timestamp::from_unix_millis(now))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn open(
        &mut self,
        file_name: String,
        bytes: &[u8],
        into_current: bool,
        map: Option<String>,
        memory: Option<String>,
        now: Timestamp,
        read_workbook: &dyn Fn(&[u8]) -> WorkbookReply,
    ) -> Reply {
        self.review = None;
        self.base = map.and_then(|m| format::read_text(&m, now).ok().map(|r| r.map));
        self.memory = memory
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        let refused = |e: ImportError| {
            let mut lines = vec![e.headline()];
            lines.extend(e.details());
            Reply::Refused {
                file_name: file_name.clone(),
                lines,
            }
        };
        let book = match file_kind(bytes) {
            FileKind::Workbook => match read_workbook(bytes) {
                WorkbookReply::Read(book) => book,
                WorkbookReply::Failed(problem) => return refused(problem.into()),
            },
            FileKind::Other => return refused(ImportError::NotASpreadsheet),
            FileKind::Text | FileKind::Json => match csv_grid(&file_name, bytes) {
                Ok(grid) => Workbook { sheets: vec![grid] },
                Err(e) => return refused(e),
            },
        };
        let sheets: Vec<Grid> = book.sheets.into_iter().filter(|g| !g.is_empty()).collect();
        if sheets.is_empty() {
            return refused(ImportError::SheetEmpty);
        }
        let book = Workbook { sheets };
        let sheet = likeliest_sheet(&book);
        let mapping = guess_mapping(&book.sheets[sheet]);
        let mut review = Review {
            file_name,
            book,
            sheet,
            mapping,
            import: RegisterImport::default(),
            into_current: into_current && self.base.is_some(),
            existing: Existing::Update,
            to_tray: true,
            on_map: 0,
            recalled: false,
            who: Vec::new(),
        };
        self.recall(&mut review);
        self.refresh(&mut review);
        self.review = Some(review);
        self.view().unwrap_or(Reply::Refused {
            file_name: String::new(),
            lines: Vec::new(),
        })
    }

    fn recall(&self, review: &mut Review) {
        let memo = self.memory.mappings.get(&signature(&review.headers()));
        review.recalled = memo.is_some();
        if let Some(memo) = memo {
            review
                .mapping
                .recall(sheet_of(&review.book, review.sheet), memo);
        }
    }

    fn refresh(&self, review: &mut Review) {
        review.import = apply(review.grid(), &review.mapping);
        review.who = match (&self.base, review.into_current) {
            (Some(base), true) => matches(base, &review.import.rows),
            _ => Vec::new(),
        };
        review.on_map = review.who.iter().flatten().count();
    }

    /// The preview of the register under review.
    pub fn view(&self) -> Option<Reply> {
        let review = self.review.as_ref()?;
        Some(Reply::Review {
            file_name: review.file_name.clone(),
            html: preview::body(review),
            coming: review.coming(),
            can_confirm: review.mapping.has_name() && review.coming() > 0,
        })
    }

    /// Carries out one change made in the preview.
    pub fn act(&mut self, act: &Act) {
        let Some(mut review) = self.review.take() else {
            return;
        };
        let col = act.col;
        match act.act.as_str() {
            "sheet" => {
                if let Ok(i) = act.value.parse::<usize>() {
                    if i < review.book.sheets.len() && i != review.sheet {
                        review.sheet = i;
                        review.mapping = guess_mapping(review.grid());
                        self.recall(&mut review);
                    }
                }
            }
            "use" => {
                if let Some(used) = Use::from_token(&act.value) {
                    review
                        .mapping
                        .set_use(sheet_of(&review.book, review.sheet), col, used);
                }
            }
            "scale" => {
                let current = match review.mapping.reading(col) {
                    Some(Reading::Scale(s)) => Some(*s),
                    _ => None,
                };
                if let (Some(current), Ok(i)) = (current, act.value.parse::<usize>()) {
                    if let Some((s, _)) = preview::scale_options(current).get(i) {
                        review.mapping.set_scale(col, *s);
                    }
                }
            }
            "word" => {
                let word = match review.mapping.reading(col) {
                    Some(Reading::Words(w)) => w.get(act.item).map(|w| w.word.clone()),
                    _ => None,
                };
                if let Some(word) = word {
                    let place = act
                        .value
                        .trim()
                        .replace(',', ".")
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .map(|v| v.clamp(0.0, 100.0).round() as u8);
                    review.mapping.set_word(col, &word, place);
                }
            }
            "into" if act.checked => {
                review.into_current = act.value == "map" && self.base.is_some();
            }
            "existing" if act.checked => {
                if let Some(e) = preview::existing_from(&act.value) {
                    review.existing = e;
                }
            }
            "tray" => review.to_tray = act.checked,
            _ => {}
        }
        self.refresh(&mut review);
        self.review = Some(review);
    }

    /// Brings the rows in as previewed: the map with them in (as a map file), what to tell
    /// the user, and the mappings to remember. The review ends.
    pub fn confirm(&mut self, seed: u128, now: Timestamp) -> Option<Reply> {
        let review = self.review.take()?;
        if !review.mapping.has_name() {
            self.review = Some(review);
            return self.view();
        }
        let mut ids = SeededIds { seed, next: 0 };
        let base = match (&self.base, review.into_current) {
            (Some(base), true) => base.clone(),
            _ => {
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
                let name = unused_map_name(&[], stem, "");
                StakeMap::new(MapId(ids.id()), name, now)
            }
        };
        let brought = bring_in(
            &base,
            &review.import,
            IntoMap {
                existing: review.existing,
                unplaced_to_tray: review.to_tray,
            },
            || StakeholderId(ids.id()),
            now,
        );
        self.memory
            .remember(signature(&review.headers()), review.mapping.remembered());
        let (title, details) = summary(&review, &brought);
        Some(Reply::Done(Done {
            map: format::to_json(&brought.map, now),
            into_current: review.into_current,
            to_tray: brought.to_tray,
            title,
            details,
            memory: serde_json::to_string(&self.memory).unwrap_or_default(),
        }))
    }
}

/// What the import did, in words: a title and the rows left out.
fn summary(review: &Review, b: &super::Brought) -> (String, Vec<String>) {
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
    // Undoing a new map takes its tray with it; the open map's tray stays as it is.
    let undo = if b.to_tray.is_empty() || !review.into_current {
        "Undo reverses the whole import."
    } else {
        "Undo takes the import off the map; the tray keeps its names until you remove them."
    };
    let title = format!(
        "Brought in “{}”: {}. {undo}",
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
    let more = details.len().saturating_sub(MAX_PROBLEMS_LISTED);
    details.truncate(MAX_PROBLEMS_LISTED);
    if more > 0 {
        details.push(format!("…and {more} more."));
    }
    (title, details)
}
