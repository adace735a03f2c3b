//! A workshop round: several participants place the same people, and the facilitator compares.
//!
//! Each participant sends back their copy of the map. Their stakeholders are matched to the
//! facilitator's by id (copies of one map share ids), or else by name, ignoring case and spaces
//! at the ends, so a participant who typed the names into a blank map still counts. For each
//! stakeholder the round gives everyone's position, the mean, and the spread (the standard
//! deviation on each axis, drawn as a cross on the map): a wide cross is a conversation the
//! room still has to have.

use super::ids::StakeholderId;
use super::map::StakeMap;
use super::stakeholder::Position;
use std::collections::HashMap;

/// One participant's view.
#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    /// Who (the file name, or what the facilitator calls them).
    pub label: String,
    /// Where they placed each of the facilitator's stakeholders they had.
    pub positions: HashMap<StakeholderId, Position>,
    /// How many of their stakeholders matched nobody on the facilitator's map.
    pub unmatched: usize,
}

impl Participant {
    /// Reads a participant's map against the facilitator's.
    pub fn from_map(label: impl Into<String>, theirs: &StakeMap, mine: &StakeMap) -> Self {
        let key = |name: &str| name.trim().to_lowercase();
        let by_name: HashMap<String, StakeholderId> =
            mine.stakeholders().map(|s| (key(s.name()), s.id)).collect();
        let mut positions = HashMap::new();
        let mut unmatched = 0;
        for s in theirs.stakeholders() {
            let id = if mine.contains(s.id) {
                Some(s.id)
            } else {
                by_name.get(&key(s.name())).copied()
            };
            match id {
                Some(id) => {
                    positions.insert(id, s.position());
                }
                None => unmatched += 1,
            }
        }
        Self {
            label: label.into(),
            positions,
            unmatched,
        }
    }
}

/// Mean and spread of several placements of one person.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// How many placed them.
    pub count: usize,
    /// Mean influence.
    pub influence: f64,
    /// Mean skepticism.
    pub skepticism: f64,
    /// Standard deviation of influence (population).
    pub sd_influence: f64,
    /// Standard deviation of skepticism (population).
    pub sd_skepticism: f64,
}

impl Spread {
    /// The mean and spread of `positions`; `None` when there are none.
    ///
    /// ```
    /// use stakemap_core::model::{Position, Spread};
    /// let p = |i, s| Position { influence: i, skepticism: s };
    /// let s = Spread::of(&[p(60, 20), p(80, 40)]).unwrap();
    /// assert_eq!((s.influence, s.skepticism), (70.0, 30.0));
    /// assert_eq!((s.sd_influence, s.sd_skepticism), (10.0, 10.0));
    /// assert_eq!(s.mean(), p(70, 30));
    /// ```
    pub fn of(positions: &[Position]) -> Option<Self> {
        if positions.is_empty() {
            return None;
        }
        let n = positions.len() as f64;
        let mean =
            |f: fn(&Position) -> u8| positions.iter().map(|p| f64::from(f(p))).sum::<f64>() / n;
        let sd = |f: fn(&Position) -> u8, m: f64| {
            (positions
                .iter()
                .map(|p| (f64::from(f(p)) - m).powi(2))
                .sum::<f64>()
                / n)
                .sqrt()
        };
        let influence = mean(|p| p.influence);
        let skepticism = mean(|p| p.skepticism);
        Some(Self {
            count: positions.len(),
            influence,
            skepticism,
            sd_influence: sd(|p| p.influence, influence),
            sd_skepticism: sd(|p| p.skepticism, skepticism),
        })
    }

    /// The mean as a position on the map (rounded to whole points).
    pub fn mean(&self) -> Position {
        Position::clamped(
            self.influence.round() as i32,
            self.skepticism.round() as i32,
        )
    }
}

/// One stakeholder in a round.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundRow {
    /// Who.
    pub id: StakeholderId,
    /// Their name on the facilitator's map.
    pub name: String,
    /// Where they are on the facilitator's map now.
    pub current: Position,
    /// Each participant's placement, in participant order (`None`: that participant did not
    /// place them).
    pub views: Vec<Option<Position>>,
    /// Mean and spread of the participants' placements.
    pub spread: Option<Spread>,
}

/// The round, one row per stakeholder on the facilitator's map, in map order.
pub fn round_rows(map: &StakeMap, participants: &[Participant]) -> Vec<RoundRow> {
    map.stakeholders()
        .map(|s| {
            let views: Vec<Option<Position>> = participants
                .iter()
                .map(|p| p.positions.get(&s.id).copied())
                .collect();
            let placed: Vec<Position> = views.iter().flatten().copied().collect();
            RoundRow {
                id: s.id,
                name: s.name().to_owned(),
                current: s.position(),
                views,
                spread: Spread::of(&placed),
            }
        })
        .collect()
}

/// The moves that adopt the mean of every placed stakeholder whose mean differs from where
/// they are.
pub fn adopt_means(rows: &[RoundRow]) -> Vec<(StakeholderId, Position)> {
    rows.iter()
        .filter_map(|r| r.spread.map(|s| (r.id, s.mean(), r.current)))
        .filter(|(_, mean, current)| mean != current)
        .map(|(id, mean, _)| (id, mean))
        .collect()
}

/// The moves that adopt one participant's view (people they did not place stay put).
pub fn adopt_view(rows: &[RoundRow], participant: usize) -> Vec<(StakeholderId, Position)> {
    rows.iter()
        .filter_map(|r| {
            let view = r.views.get(participant).copied().flatten()?;
            (view != r.current).then_some((r.id, view))
        })
        .collect()
}
