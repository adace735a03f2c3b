//! The progress report: the map now against a snapshot, on one page, in the figures a steering
//! committee asks for.
//!
//! # Same people, then and now
//!
//! Every then/now figure (the weighted index, the quadrant counts, the movers) is worked out over
//! the people on the map both at the snapshot and now. Deleting a skeptic after a snapshot
//! would otherwise lower the index, and the report would call a removal progress. People added
//! or removed since are listed on their own, with where they are or were, and move no figure.
//!
//! # Redacted copies
//!
//! [`Report::build_redacted`] builds the same report from the map's redacted copy
//! ([`redacted`](super::redacted), with the default options and the chosen labels): people as
//! initials or codes, organisations as codes, tags removed, action titles as their tactic's
//! name, owners and every note left out, the map called "Shared map". The report holds no free text of its own, so what the
//! copy does not hold, the report cannot show.
//!
//! # Program evidence
//!
//! [`Report::evidence`] is the program evidence section (`evidence.rs`): each metric of the
//! library against its target, the stories shared in the period with whom and how it landed,
//! and the measures agreed on actions, met or not.
//!
//! The words (the headline and the lines under it) are in `words.rs`; the whole report as plain
//! text, for a test or a clipboard, in `text.rs`.

mod evidence;
mod text;
mod words;

use super::action::ActionStatus;
use super::history::{weighted_skepticism, Movement, Snapshot};
use super::ids::{ActionId, StakeholderId};
use super::map::StakeMap;
use super::playbook::Tactic;
use super::redact::{initials, redacted, LabelStyle, RedactOptions};
use super::stakeholder::{Position, Quadrant};
use super::time::{LocalDate, Timestamp};
use super::touchpoint::{Channel, Sentiment};
use std::collections::HashSet;

pub use evidence::{
    short_date, with_unit, MeasureLine, MetricLine, ProgramEvidence, ShareLine, SharedCounts,
    SHARES_LISTED,
};
pub use text::{move_words, place_words};
pub use words::{INDEX_FOOTNOTE, MIN_COMPARED, REDACTED_NOTE};

/// How many movers each list names.
pub const MOVERS_LISTED: usize = 5;

/// How many of the period's contacts the report lists (the most recent); the counts cover all.
pub const CONTACTS_LISTED: usize = 8;

/// How close to a target counts as having reached it, in points on each axis. Being less
/// skeptical than the target counts as reached however far past it.
pub const TARGET_TOLERANCE: u8 = 5;

/// Contacts in the period by how they went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SentimentCounts {
    /// Went well.
    pub positive: usize,
    /// Neither.
    pub neutral: usize,
    /// Went badly.
    pub negative: usize,
}

impl SentimentCounts {
    /// All contacts.
    pub fn total(&self) -> usize {
        self.positive + self.neutral + self.negative
    }
}

/// Whether a person on a small picture was there both then and now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// On the map then and now: counted in the figures.
    Both,
    /// Added since the snapshot (only on the picture of now).
    Added,
    /// Removed since the snapshot (only on the picture of then).
    Removed,
}

/// One person on one of the report's two small pictures of the map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dot {
    /// Who.
    pub stakeholder: StakeholderId,
    /// A short label: initials, or the code of a redacted copy.
    pub label: String,
    /// Where they stand on that picture.
    pub position: Position,
    /// Counted in the figures, or added or removed since.
    pub presence: Presence,
}

/// An open action, named, as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedAction {
    /// Its title (in a redacted copy, its tactic's name).
    pub title: String,
    /// The playbook tactic, if any.
    pub tactic: Option<Tactic>,
    /// Who does it (empty when nobody is named, and always in a redacted copy).
    pub owner: String,
    /// By when.
    pub due: Option<LocalDate>,
    /// Planned or in progress.
    pub status: ActionStatus,
    /// Past its due date today.
    pub overdue: bool,
}

/// Why someone is on the list of people still to win over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StillToWin {
    /// In the *Win over* quadrant now.
    WinOver,
    /// Elsewhere, but short of the target the plan set for them.
    TargetNotReached,
}

/// Someone still to win over, and what is planned for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToWinOver {
    /// Who.
    pub stakeholder: StakeholderId,
    /// Their name (a label in a redacted copy).
    pub name: String,
    /// Where they stand now.
    pub position: Position,
    /// Where the plan aims to move them, if set.
    pub target: Option<Position>,
    /// Why they are listed.
    pub why: StillToWin,
    /// Their open actions, soonest due first.
    pub actions: Vec<PlannedAction>,
}

/// One contact of the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactLine {
    /// The day.
    pub date: LocalDate,
    /// With whom (a label in a redacted copy).
    pub name: String,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub sentiment: Sentiment,
}

/// Every figure and list of the progress report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The map's name (a redacted copy's name in a redacted report).
    pub map_name: String,
    /// People are labels, action titles tactic names, and no owners or notes are shown.
    pub redacted: bool,
    /// The snapshot compared against.
    pub snapshot_name: String,
    /// When the period starts (the snapshot).
    pub from: Timestamp,
    /// When it ends (now).
    pub to: Timestamp,
    /// How many people are on the map both at the snapshot and now: the people every then/now
    /// figure below is worked out over.
    pub compared: usize,
    /// Of those, how many stand somewhere else now.
    pub moved: usize,
    /// Those people per quadrant at the snapshot, in `Quadrant::ALL` order.
    pub quadrants_then: [usize; 4],
    /// Those people per quadrant now.
    pub quadrants_now: [usize; 4],
    /// Influence-weighted skepticism of those people at the snapshot.
    pub index_then: Option<f64>,
    /// Influence-weighted skepticism of those people now.
    pub index_now: Option<f64>,
    /// Who became less skeptical, most first.
    pub toward_support: Vec<Movement>,
    /// Who became more skeptical, most first.
    pub away_from_support: Vec<Movement>,
    /// People added since the snapshot, with where they are now; by name.
    pub added: Vec<Movement>,
    /// People removed since the snapshot, with where they were; by name.
    pub removed: Vec<Movement>,
    /// Everyone on the map at the snapshot, for the small picture of then.
    pub picture_then: Vec<Dot>,
    /// Everyone on the map now, for the small picture of now.
    pub picture_now: Vec<Dot>,
    /// Who is still to win over, and what is planned for each.
    pub to_win_over: Vec<ToWinOver>,
    /// Actions completed in the period.
    pub actions_done: usize,
    /// Actions planned or in progress now.
    pub actions_open: usize,
    /// Open actions past their due date now.
    pub actions_overdue: usize,
    /// Contacts logged in the period, counted.
    pub contacts: SentimentCounts,
    /// The period's most recent contacts (at most [`CONTACTS_LISTED`]), newest first.
    pub recent_contacts: Vec<ContactLine>,
    /// Program evidence: metrics against their targets, stories shared in the period, agreed
    /// measures met or not.
    pub evidence: ProgramEvidence,
}

fn count(quadrants: impl Iterator<Item = Quadrant>) -> [usize; 4] {
    let mut counts = [0; 4];
    for q in quadrants {
        if let Some(i) = Quadrant::ALL.iter().position(|x| *x == q) {
            counts[i] += 1;
        }
    }
    counts
}

/// True when `now` is at `target` or past it: no more skeptical than the target (within
/// [`TARGET_TOLERANCE`]; less skeptical counts however far past), and in the target's quadrant.
/// Influence counts only through the quadrant, since a plan mostly moves stance, not say.
pub fn target_reached(now: Position, target: Position) -> bool {
    let skepticism_ok =
        i32::from(now.skepticism) <= i32::from(target.skepticism) + i32::from(TARGET_TOLERANCE);
    skepticism_ok && now.quadrant() == target.quadrant()
}

fn by_name(list: &mut [Movement]) {
    crate::sort::by(list, |a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.stakeholder.cmp(&b.stakeholder))
    });
}

impl Report {
    /// Builds the report for `map` against `snapshot` at `now`, with `today` the user's day and
    /// `utc_offset_minutes` their time zone (for which contacts fall in the period).
    pub fn build(
        map: &StakeMap,
        snapshot: &Snapshot,
        now: Timestamp,
        today: LocalDate,
        utc_offset_minutes: i32,
    ) -> Report {
        let measured = evidence::with_measure(map);
        Report::assemble(map, snapshot, now, today, utc_offset_minutes, &measured)
    }

    /// The report for `map`, with `measured` the actions that carry an agreed measure.
    fn assemble(
        map: &StakeMap,
        snapshot: &Snapshot,
        now: Timestamp,
        today: LocalDate,
        utc_offset_minutes: i32,
        measured: &HashSet<ActionId>,
    ) -> Report {
        let comparison = map.compare(snapshot);
        let label = |name: &str| {
            if map.redacted {
                name.to_owned()
            } else {
                initials(name)
            }
        };

        // The people on both sides: everyone compared, moved or not.
        let both: Vec<&Movement> = comparison
            .moved
            .iter()
            .chain(comparison.unchanged.iter())
            .collect();
        let then_positions = || both.iter().filter_map(|m| m.from);
        let now_positions = || both.iter().filter_map(|m| m.to);

        let mut toward: Vec<Movement> = comparison
            .moved
            .iter()
            .filter(|m| m.skepticism_change() < 0)
            .cloned()
            .collect();
        crate::sort::by_key(&mut toward, |m| {
            (m.skepticism_change(), m.name.to_lowercase())
        });
        toward.truncate(MOVERS_LISTED);
        let mut away: Vec<Movement> = comparison
            .moved
            .iter()
            .filter(|m| m.skepticism_change() > 0)
            .cloned()
            .collect();
        crate::sort::by_key(&mut away, |m| {
            (-m.skepticism_change(), m.name.to_lowercase())
        });
        away.truncate(MOVERS_LISTED);

        let mut added = comparison.added.clone();
        by_name(&mut added);
        let mut removed = comparison.removed.clone();
        by_name(&mut removed);

        let added_ids: HashSet<StakeholderId> = added.iter().map(|m| m.stakeholder).collect();
        let removed_ids: HashSet<StakeholderId> = removed.iter().map(|m| m.stakeholder).collect();
        let picture_then = snapshot
            .entries
            .iter()
            .map(|e| Dot {
                stakeholder: e.stakeholder,
                label: label(&e.name),
                position: e.position,
                presence: if removed_ids.contains(&e.stakeholder) {
                    Presence::Removed
                } else {
                    Presence::Both
                },
            })
            .collect();
        let picture_now = map
            .stakeholders()
            .map(|s| Dot {
                stakeholder: s.id,
                label: label(s.name()),
                position: s.position(),
                presence: if added_ids.contains(&s.id) {
                    Presence::Added
                } else {
                    Presence::Both
                },
            })
            .collect();

        let first_day = snapshot.taken_at.local_date(utc_offset_minutes);
        let mut contacts = SentimentCounts::default();
        let mut period: Vec<ContactLine> = Vec::new();
        for t in map.touchpoints().filter(|t| t.date >= first_day) {
            match t.sentiment {
                Sentiment::Positive => contacts.positive += 1,
                Sentiment::Neutral => contacts.neutral += 1,
                Sentiment::Negative => contacts.negative += 1,
            }
            period.push(ContactLine {
                date: t.date,
                name: map
                    .get(t.stakeholder)
                    .map(|s| s.name().to_owned())
                    .unwrap_or_default(),
                channel: t.channel,
                sentiment: t.sentiment,
            });
        }
        // Newest first; the order logged breaks ties, as the list was built in it.
        period.reverse();
        crate::sort::by_key(&mut period, |c| std::cmp::Reverse(c.date));
        period.truncate(CONTACTS_LISTED);

        Report {
            map_name: map.name.clone(),
            redacted: map.redacted,
            snapshot_name: snapshot.name.clone(),
            from: snapshot.taken_at,
            to: now,
            compared: both.len(),
            moved: comparison.moved.len(),
            quadrants_then: count(then_positions().map(Position::quadrant)),
            quadrants_now: count(now_positions().map(Position::quadrant)),
            index_then: weighted_skepticism(then_positions()),
            index_now: weighted_skepticism(now_positions()),
            toward_support: toward,
            away_from_support: away,
            added,
            removed,
            picture_then,
            picture_now,
            to_win_over: still_to_win_over(map, today),
            actions_done: map
                .actions()
                .filter(|a| {
                    a.fields.status == ActionStatus::Done && a.updated_at >= snapshot.taken_at
                })
                .count(),
            actions_open: map.actions().filter(|a| a.fields.status.is_open()).count(),
            actions_overdue: map.actions().filter(|a| a.is_overdue(today)).count(),
            contacts,
            recent_contacts: period,
            evidence: evidence::program_evidence(map, first_day, measured),
        }
    }

    /// The same report from the map's redacted copy: people as `style` labels them (initials
    /// or codes; `Names` counts as codes), action titles as their tactic's name, stories and
    /// metrics as "Story 1", "Metric 1", no owners, no notes and no evidence text. People removed since `snapshot` are labelled too, even when the snapshot is
    /// not one of the map's own.
    pub fn build_redacted(
        map: &StakeMap,
        snapshot: &Snapshot,
        now: Timestamp,
        today: LocalDate,
        utc_offset_minutes: i32,
        style: LabelStyle,
    ) -> Report {
        let options = RedactOptions::labelled(style);
        let copy = if map.snapshots().iter().any(|s| s.id == snapshot.id) {
            redacted(map, &options)
        } else {
            let mut snapshots = map.snapshots().to_vec();
            snapshots.push(snapshot.clone());
            redacted(
                &map.clone().with_history(map.history().to_vec(), snapshots),
                &options,
            )
        };
        let snap = copy
            .snapshots()
            .iter()
            .find(|s| s.id == snapshot.id)
            .cloned()
            // Not reached: the copy holds every snapshot given. Without names, to be safe.
            .unwrap_or_else(|| Snapshot {
                entries: Vec::new(),
                ..snapshot.clone()
            });
        // The copy empties a measure's words, so which actions have one comes from the map:
        // ids only, no text.
        let measured = evidence::with_measure(map);
        Report::assemble(&copy, &snap, now, today, utc_offset_minutes, &measured)
    }
}

/// People now in *Win over*, and anyone short of their target, with their open actions: the
/// *Win over* quadrant first, then by influence (most first) and name.
fn still_to_win_over(map: &StakeMap, today: LocalDate) -> Vec<ToWinOver> {
    let mut out: Vec<ToWinOver> = map
        .stakeholders()
        .filter_map(|s| {
            let why = if s.quadrant() == Quadrant::WinOver {
                StillToWin::WinOver
            } else if matches!(s.fields.target, Some(t) if !target_reached(s.position(), t)) {
                StillToWin::TargetNotReached
            } else {
                return None;
            };
            let actions = map
                .actions_for(s.id)
                .into_iter()
                .filter(|a| a.fields.status.is_open())
                .map(|a| PlannedAction {
                    title: a.fields.title.clone(),
                    tactic: a.fields.tactic,
                    owner: a.fields.owner.clone(),
                    due: a.fields.due,
                    status: a.fields.status,
                    overdue: a.is_overdue(today),
                })
                .collect();
            Some(ToWinOver {
                stakeholder: s.id,
                name: s.name().to_owned(),
                position: s.position(),
                target: s.fields.target,
                why,
                actions,
            })
        })
        .collect();
    crate::sort::by(&mut out, |a, b| {
        (a.why != StillToWin::WinOver)
            .cmp(&(b.why != StillToWin::WinOver))
            .then(b.position.influence.cmp(&a.position.influence))
            .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    out
}
