//! The report in sentences: the headline, the line on who was added or removed, and the
//! footnote that gives the formula.
//!
//! The headline claims only what the figures show: it names the people it is about (those on
//! the map both then and now), says "about the same" for a change the rounding could make, says
//! plainly when nobody moved or too few people are left to compare, and never calls a removal
//! progress (removals do not enter the figure at all).

use super::{Report, StillToWin};

/// Fewer people than this on both sides are too few for a group figure: the headline says so
/// instead of giving one.
pub const MIN_COMPARED: usize = 3;

/// The formula, for the footnote under the figures.
pub const INDEX_FOOTNOTE: &str = "Influence-weighted skepticism = Σ(influence × skepticism) ÷ Σ influence, over the people on the map both at the snapshot and now; 0 is all convinced, 100 all opposed. People added or removed since are not counted.";

/// What a redacted report says of itself, under its title.
pub const REDACTED_NOTE: &str =
    "Redacted copy: people as labels, actions as their tactic, stories and metrics numbered, no owners, notes or evidence text.";

/// "1 person", "3 people".
pub(super) fn people(n: usize) -> String {
    match n {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    }
}

impl Report {
    /// The headline sentence on the weighted index.
    ///
    /// ```
    /// # use stakemap_core::model::*;
    /// # let mut ids = SequentialIds::default();
    /// # let t0 = Timestamp::from_unix_millis(1_790_000_000_000);
    /// # let mut map = StakeMap::new(MapId(ids.next_uuid()), "Rollout", t0);
    /// # let mut ws = Workspace::default();
    /// # let map_id = map.id;
    /// # ws.apply(Op::CreateMap(map), t0).unwrap();
    /// # let mut people = vec![];
    /// # for (name, i, s) in [("Ana", 90, 80), ("Ben", 60, 60), ("Cy", 40, 30)] {
    /// #     let id = StakeholderId(ids.next_uuid());
    /// #     let fields = StakeholderFields { name: name.into(), position: Position { influence: i, skepticism: s }, ..Default::default() };
    /// #     ws.apply(Op::AddStakeholder { map: map_id, stakeholder: Stakeholder::new(id, fields, t0) }, t0).unwrap();
    /// #     people.push(id);
    /// # }
    /// # let snap = ws.map(map_id).unwrap().capture(SnapshotId(ids.next_uuid()), "Baseline", t0);
    /// # let t1 = Timestamp::from_unix_millis(t0.unix_millis() + 60_000);
    /// # ws.apply(Op::MoveStakeholder { map: map_id, id: people[0], to: Position { influence: 90, skepticism: 40 } }, t1).unwrap();
    /// let r = Report::build(ws.map(map_id).unwrap(), &snap, t1, t1.local_date(0), 0);
    /// assert_eq!(
    ///     r.headline(),
    ///     "Among the 3 people on the map both then and now, influence-weighted skepticism fell from 63 to 44 since “Baseline”."
    /// );
    /// ```
    pub fn headline(&self) -> String {
        let snap = &self.snapshot_name;
        let n = self.compared;
        if n == 0 {
            return format!(
                "Nobody on the map now was on it at “{snap}”, so there is nothing to compare yet."
            );
        }
        if n < MIN_COMPARED {
            let verb = if n == 1 { "is" } else { "are" };
            return format!(
                "Only {} {verb} on the map both at “{snap}” and now: too few for a group figure. See each person's move below.",
                people(n)
            );
        }
        let among = format!("Among the {n} people on the map both then and now");
        let (Some(then), Some(now)) = (self.index_then, self.index_now) else {
            return format!(
                "{among}, influence-weighted skepticism cannot be worked out: none of them has any influence recorded."
            );
        };
        let (a, b) = (then.round(), now.round());
        if self.moved == 0 {
            format!("{among}, nobody has moved since “{snap}”: influence-weighted skepticism is still {b}.")
        } else if (b - a).abs() <= 1.0 {
            format!(
                "{among}, influence-weighted skepticism is about the same since “{snap}”: {a} then, {b} now."
            )
        } else if b < a {
            format!("{among}, influence-weighted skepticism fell from {a} to {b} since “{snap}”.")
        } else {
            format!("{among}, influence-weighted skepticism rose from {a} to {b} since “{snap}”.")
        }
    }

    /// Who joined or left the map in the period, and that they are not in the figures; `None`
    /// when nobody did.
    pub fn membership_sentence(&self) -> Option<String> {
        let (added, removed) = (self.added.len(), self.removed.len());
        let what = match (added, removed) {
            (0, 0) => return None,
            (a, 0) => format!("{} added since “{}”", people(a), self.snapshot_name),
            (0, r) => format!("{} removed since “{}”", people(r), self.snapshot_name),
            (a, r) => format!(
                "{} added and {} removed since “{}”",
                people(a),
                people(r),
                self.snapshot_name
            ),
        };
        Some(format!(
            "{what}: listed below, and not counted in these figures."
        ))
    }

    /// The heading line of one person still to win over: why they are listed.
    pub fn why_listed(&self, index: usize) -> String {
        let Some(p) = self.to_win_over.get(index) else {
            return String::new();
        };
        let now = format!(
            "{} now (influence {}, skepticism {})",
            p.position.quadrant().name(),
            p.position.influence,
            p.position.skepticism
        );
        match (p.why, p.target) {
            (StillToWin::WinOver, None) => format!("{now}; no target set"),
            (StillToWin::WinOver, Some(t)) => format!(
                "{now}; target influence {}, skepticism {}",
                t.influence, t.skepticism
            ),
            (StillToWin::TargetNotReached, t) => {
                let t = t.unwrap_or_default();
                format!(
                    "{now}; target not reached (influence {}, skepticism {})",
                    t.influence, t.skepticism
                )
            }
        }
    }
}
