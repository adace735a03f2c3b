//! Where stakeholders were over time: every change of position, with its time and source, and
//! named snapshots of the whole map to compare against.
//!
//! # Keeping history small
//!
//! A drag changes the model once, on release, so it is one point. Moves from the map that follow
//! each other within [`COALESCE_MS`] (arrow-key presses, retyped numbers) replace the previous
//! point instead of adding one. A point is about 150 bytes in a file.

use super::ids::{SnapshotId, StakeholderId};
use super::stakeholder::{
    lower_first, text_problem, Position, Quadrant, MAX_NAME_CHARS, MAX_STAKEHOLDERS,
};
use super::time::Timestamp;

/// Moves from the map closer together than this are one point in history.
pub const COALESCE_MS: i64 = 5_000;

/// Most points of history one map keeps: forty moves for each of 5,000 people. The reader
/// refuses more, so [`record`] drops the oldest points rather than grow past it.
pub const MAX_HISTORY_POINTS: usize = 200_000;

/// How many of the oldest points [`record`] drops at once when the history is full: a block,
/// so the stored history is rewritten once per this many moves, not on every move.
const HISTORY_TRIM: usize = MAX_HISTORY_POINTS / 16;

/// Most snapshots on one map (a weekly snapshot for almost ten years). More is refused, in a
/// file and as an edit.
pub const MAX_SNAPSHOTS: usize = 500;

token_enum! {
    /// What moved a stakeholder.
    pub enum MoveSource as "snake_case" {
        /// Placed when they were added.
        Added,
        /// Moved on the map: dragged, arrow keys, or numbers typed in the panel.
        Map,
        /// A new reading logged with a contact.
        Touchpoint,
        /// Came in with an imported file that had no history for them.
        Import,
        /// Taken from a colleague's map in a merge.
        Merge,
    }
}

/// Where a move came from, as a token set, for files and the schema.
pub const MOVE_SOURCES: super::fields::TokenSet = super::fields::TokenSet {
    def: "source",
    entry: |i| super::fields::token_entry(&MoveSource::ALL, i, MoveSource::key, MoveSource::label),
};

impl MoveSource {
    /// How the move is described in the history list.
    pub fn label(self) -> &'static str {
        match self {
            MoveSource::Added => "Added",
            MoveSource::Map => "Moved on the map",
            MoveSource::Touchpoint => "Reading at a contact",
            MoveSource::Import => "From an imported file",
            MoveSource::Merge => "From a merged map",
        }
    }
}

/// One recorded position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryPoint {
    /// Whose position.
    pub stakeholder: StakeholderId,
    /// When they were there.
    pub at: Timestamp,
    /// Where.
    pub position: Position,
    /// What put them there.
    pub source: MoveSource,
}

/// Appends a point to `history`, or folds it into the stakeholder's previous point when both are
/// map moves less than [`COALESCE_MS`] apart. Returns true when a point was added.
///
/// A history already holding [`MAX_HISTORY_POINTS`] first loses its oldest points, so it never
/// grows past what the reader accepts.
pub fn record(history: &mut Vec<HistoryPoint>, point: HistoryPoint) -> bool {
    if point.source == MoveSource::Map {
        if let Some(last) = history
            .iter_mut()
            .rev()
            .find(|p| p.stakeholder == point.stakeholder)
        {
            if last.source == MoveSource::Map
                && point.at.unix_millis() - last.at.unix_millis() < COALESCE_MS
                && point.at >= last.at
            {
                last.at = point.at;
                last.position = point.position;
                return false;
            }
        }
    }
    if history.len() >= MAX_HISTORY_POINTS {
        let drop = (history.len() + 1 + HISTORY_TRIM).saturating_sub(MAX_HISTORY_POINTS);
        history.drain(..drop.min(history.len()));
    }
    history.push(point);
    true
}

/// Where a stakeholder was at `at`, from their history (`None` before their first point).
pub fn position_at(
    history: &[HistoryPoint],
    stakeholder: StakeholderId,
    at: Timestamp,
) -> Option<Position> {
    history
        .iter()
        .filter(|p| p.stakeholder == stakeholder && p.at <= at)
        .max_by_key(|p| p.at)
        .map(|p| p.position)
}

/// One stakeholder as a snapshot saw them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SnapshotEntry {
    /// Who.
    pub stakeholder: StakeholderId,
    /// Their name then (so people removed since can still be named).
    pub name: String,
    /// Where they were.
    pub position: Position,
}

/// The whole map at one moment, under a name ("Baseline", "After kick-off workshop").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Snapshot {
    /// Stable identity.
    pub id: SnapshotId,
    /// What the user called it.
    pub name: String,
    /// When it was taken.
    pub taken_at: Timestamp,
    /// Everyone on the map then.
    pub entries: Vec<SnapshotEntry>,
}

impl Snapshot {
    /// The first way this snapshot breaks the rules the file reader applies, in words; `None`
    /// when it keeps them. Checked before a snapshot is stored.
    pub fn problem(&self) -> Option<String> {
        if let Some(why) = text_problem("The snapshot's name", &self.name, MAX_NAME_CHARS, true) {
            return Some(why);
        }
        if self.entries.len() > MAX_STAKEHOLDERS {
            return Some(format!(
                "The snapshot holds {} people; a map holds at most {MAX_STAKEHOLDERS}.",
                self.entries.len()
            ));
        }
        self.entries.iter().enumerate().find_map(|(i, e)| {
            text_problem("The name", &e.name, MAX_NAME_CHARS, true)
                .or_else(|| e.position.problem())
                .map(|why| format!("Person {} in it: {}", i + 1, lower_first(&why)))
        })
    }
}

/// What the app says once a snapshot named `name` has been taken of a map of `people`: what it
/// holds, and where to find it again.
///
/// ```
/// use stakemap_core::model::snapshot_taken_words;
/// assert_eq!(
///     snapshot_taken_words("Baseline", 6),
///     "Snapshot “Baseline” taken: where 6 people stand today. Choose it under Compare with to see who moves."
/// );
/// assert!(snapshot_taken_words("Q3", 1).contains("where 1 person stands"));
/// ```
pub fn snapshot_taken_words(name: &str, people: usize) -> String {
    let who = match people {
        1 => "1 person stands".to_owned(),
        n => format!("{n} people stand"),
    };
    format!("Snapshot “{name}” taken: where {who} today. Choose it under Compare with to see who moves.")
}

/// Influence-weighted skepticism, Σ(influence × skepticism) / Σ influence: how doubtful the map
/// is once each person counts by their say. `None` when nobody has any influence.
///
/// ```
/// use stakemap_core::model::{weighted_skepticism, Position};
/// let p = |i, s| Position { influence: i, skepticism: s };
/// assert_eq!(weighted_skepticism([p(100, 80), p(20, 20)]), Some(70.0));
/// assert_eq!(weighted_skepticism([p(0, 80)]), None);
/// ```
pub fn weighted_skepticism(positions: impl IntoIterator<Item = Position>) -> Option<f64> {
    let (mut weighted, mut total) = (0.0, 0.0);
    for p in positions {
        weighted += f64::from(p.influence) * f64::from(p.skepticism);
        total += f64::from(p.influence);
    }
    (total > 0.0).then(|| weighted / total)
}

/// How one stakeholder changed between a snapshot and now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Movement {
    /// Who.
    pub stakeholder: StakeholderId,
    /// Their name (now, or as the snapshot had it when removed).
    pub name: String,
    /// Where they were then (`None` when added since).
    pub from: Option<Position>,
    /// Where they are now (`None` when removed since).
    pub to: Option<Position>,
}

impl Movement {
    /// Change in skepticism (negative = toward support).
    pub fn skepticism_change(&self) -> i32 {
        match (self.from, self.to) {
            (Some(a), Some(b)) => i32::from(b.skepticism) - i32::from(a.skepticism),
            _ => 0,
        }
    }

    /// True when they are on both sides of the comparison at different places.
    pub fn moved(&self) -> bool {
        matches!((self.from, self.to), (Some(a), Some(b)) if a != b)
    }

    /// Quadrant then and now.
    pub fn quadrants(&self) -> (Option<Quadrant>, Option<Quadrant>) {
        (
            self.from.map(Position::quadrant),
            self.to.map(Position::quadrant),
        )
    }
}

/// A snapshot set against the map now.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Comparison {
    /// On both, at different places.
    pub moved: Vec<Movement>,
    /// On both, at the same place.
    pub unchanged: Vec<Movement>,
    /// Only on the map now.
    pub added: Vec<Movement>,
    /// Only in the snapshot.
    pub removed: Vec<Movement>,
}
