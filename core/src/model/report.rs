//! The progress report: the map now against a snapshot, in the figures a sponsor brings to a
//! status meeting.

use super::action::ActionStatus;
use super::history::{weighted_skepticism, Movement, Snapshot};
use super::map::StakeMap;
use super::stakeholder::Quadrant;
use super::time::{LocalDate, Timestamp};
use super::touchpoint::Sentiment;

/// How many movers each list names.
pub const MOVERS_LISTED: usize = 5;

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

/// Every figure of the progress report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The snapshot compared against.
    pub snapshot_name: String,
    /// When the period starts (the snapshot).
    pub from: Timestamp,
    /// When it ends (now).
    pub to: Timestamp,
    /// Stakeholders per quadrant at the snapshot, in `Quadrant::ALL` order.
    pub quadrants_then: [usize; 4],
    /// Stakeholders per quadrant now.
    pub quadrants_now: [usize; 4],
    /// Influence-weighted skepticism at the snapshot.
    pub index_then: Option<f64>,
    /// Influence-weighted skepticism now.
    pub index_now: Option<f64>,
    /// Who became less skeptical, most first.
    pub toward_support: Vec<Movement>,
    /// Who became more skeptical, most first.
    pub away_from_support: Vec<Movement>,
    /// Stakeholders added since the snapshot.
    pub added: usize,
    /// Stakeholders removed since the snapshot.
    pub removed: usize,
    /// Actions completed in the period.
    pub actions_done: usize,
    /// Actions planned or in progress now.
    pub actions_open: usize,
    /// Open actions past their due date now.
    pub actions_overdue: usize,
    /// Contacts logged in the period.
    pub contacts: SentimentCounts,
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
        let comparison = map.compare(snapshot);
        let mut toward: Vec<Movement> = comparison
            .moved
            .iter()
            .filter(|m| m.skepticism_change() < 0)
            .cloned()
            .collect();
        toward.sort_by_key(|m| (m.skepticism_change(), m.name.to_lowercase()));
        toward.truncate(MOVERS_LISTED);
        let mut away: Vec<Movement> = comparison
            .moved
            .iter()
            .filter(|m| m.skepticism_change() > 0)
            .cloned()
            .collect();
        away.sort_by_key(|m| (-m.skepticism_change(), m.name.to_lowercase()));
        away.truncate(MOVERS_LISTED);

        let first_day = snapshot.taken_at.local_date(utc_offset_minutes);
        let mut contacts = SentimentCounts::default();
        for t in map.touchpoints().filter(|t| t.date >= first_day) {
            match t.sentiment {
                Sentiment::Positive => contacts.positive += 1,
                Sentiment::Neutral => contacts.neutral += 1,
                Sentiment::Negative => contacts.negative += 1,
            }
        }

        Report {
            snapshot_name: snapshot.name.clone(),
            from: snapshot.taken_at,
            to: now,
            quadrants_then: count(snapshot.entries.iter().map(|e| e.position.quadrant())),
            quadrants_now: map.quadrant_counts(),
            index_then: weighted_skepticism(snapshot.entries.iter().map(|e| e.position)),
            index_now: weighted_skepticism(map.stakeholders().map(|s| s.position())),
            toward_support: toward,
            away_from_support: away,
            added: comparison.added.len(),
            removed: comparison.removed.len(),
            actions_done: map
                .actions()
                .filter(|a| {
                    a.fields.status == ActionStatus::Done && a.updated_at >= snapshot.taken_at
                })
                .count(),
            actions_open: map.actions().filter(|a| a.fields.status.is_open()).count(),
            actions_overdue: map.actions().filter(|a| a.is_overdue(today)).count(),
            contacts,
        }
    }

    /// The headline sentence on the weighted index.
    ///
    /// ```
    /// # use stakemap_core::model::*;
    /// # let mut r = Report { snapshot_name: "Baseline".into(), from: Timestamp::default(), to: Timestamp::default(), quadrants_then: [0; 4], quadrants_now: [0; 4], index_then: Some(62.4), index_now: Some(48.0), toward_support: vec![], away_from_support: vec![], added: 0, removed: 0, actions_done: 0, actions_open: 0, actions_overdue: 0, contacts: SentimentCounts::default() };
    /// assert_eq!(r.index_sentence(), "Influence-weighted skepticism fell from 62 to 48 since “Baseline”: the people who matter most are more convinced.");
    /// ```
    pub fn index_sentence(&self) -> String {
        match (self.index_then, self.index_now) {
            (Some(then), Some(now)) => {
                let (a, b) = (then.round(), now.round());
                if b < a {
                    format!(
                        "Influence-weighted skepticism fell from {a} to {b} since “{}”: the people who matter most are more convinced.",
                        self.snapshot_name
                    )
                } else if b > a {
                    format!(
                        "Influence-weighted skepticism rose from {a} to {b} since “{}”: doubt has grown where it counts.",
                        self.snapshot_name
                    )
                } else {
                    format!(
                        "Influence-weighted skepticism is unchanged at {b} since “{}”.",
                        self.snapshot_name
                    )
                }
            }
            _ => "Influence-weighted skepticism cannot be worked out: nobody on the map has any influence recorded.".into(),
        }
    }
}
