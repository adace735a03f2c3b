//! The plan board and the "due for contact" list: which actions and stakeholders to show, in
//! which groups and order. Pure, so grouping and "overdue" are tested against a fixed today.

use super::action::{Action, ActionStatus, DueGroup};
use super::ids::{ActionId, StakeholderId};
use super::map::{Attention, StakeMap};
use super::playbook::Tactic;
use super::time::LocalDate;
use std::collections::HashMap;

/// How the board groups actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// Planned, in progress, done, dropped.
    Status,
    /// Overdue, today, this week, later, no date, closed.
    Due,
}

/// Which tactic filter applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TacticFilter {
    /// Every action.
    Any,
    /// Only custom actions (no playbook tactic).
    Custom,
    /// Only this tactic.
    Only(Tactic),
}

/// What the board shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardQuery {
    /// Grouping.
    pub group_by: GroupBy,
    /// Only this owner (`Some("")` means actions with no owner).
    pub owner: Option<String>,
    /// Only this stakeholder.
    pub stakeholder: Option<StakeholderId>,
    /// Tactic filter.
    pub tactic: TacticFilter,
    /// Latest due date first when true.
    pub latest_first: bool,
}

impl Default for BoardQuery {
    fn default() -> Self {
        Self {
            group_by: GroupBy::Due,
            owner: None,
            stakeholder: None,
            tactic: TacticFilter::Any,
            latest_first: false,
        }
    }
}

/// One group on the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardGroup {
    /// Heading.
    pub label: &'static str,
    /// True for the group that needs attention first (overdue).
    pub urgent: bool,
    /// Actions in display order.
    pub actions: Vec<ActionId>,
}

impl BoardQuery {
    fn keeps(&self, a: &Action) -> bool {
        if let Some(owner) = &self.owner {
            if !a.fields.owner.eq_ignore_ascii_case(owner) {
                return false;
            }
        }
        if let Some(s) = self.stakeholder {
            if a.stakeholder != s {
                return false;
            }
        }
        match self.tactic {
            TacticFilter::Any => true,
            TacticFilter::Custom => a.fields.tactic.is_none(),
            TacticFilter::Only(t) => a.fields.tactic == Some(t),
        }
    }

    /// The groups to show on `today`, each sorted by due date (undated last), empty groups
    /// left out.
    pub fn groups(&self, map: &StakeMap, today: LocalDate) -> Vec<BoardGroup> {
        let mut actions: Vec<&Action> = map.actions().filter(|a| self.keeps(a)).collect();
        crate::sort::by(&mut actions, |a, b| {
            let order = match (a.fields.due, b.fields.due) {
                (Some(x), Some(y)) if self.latest_first => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            order.then(a.created_at.cmp(&b.created_at))
        });
        // Each grouping is a list of headings; each action falls in one by index.
        let (labels, urgent): (Vec<&'static str>, Option<usize>) = match self.group_by {
            GroupBy::Status => (ActionStatus::ALL.iter().map(|s| s.label()).collect(), None),
            GroupBy::Due => (DueGroup::ALL.iter().map(|g| g.label()).collect(), Some(0)),
        };
        let slot = |a: &Action| -> usize {
            match self.group_by {
                GroupBy::Status => ActionStatus::ALL.iter().position(|s| *s == a.fields.status),
                GroupBy::Due => DueGroup::ALL.iter().position(|g| *g == a.due_group(today)),
            }
            .unwrap_or(0)
        };
        labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| BoardGroup {
                label,
                urgent: urgent == Some(i),
                actions: actions
                    .iter()
                    .filter(|a| slot(a) == i)
                    .map(|a| a.id)
                    .collect(),
            })
            .filter(|g| !g.actions.is_empty())
            .collect()
    }
}

/// Stakeholders due (or overdue) for contact on `today`, most overdue first.
pub fn due_for_contact(
    map: &StakeMap,
    attention: &HashMap<StakeholderId, Attention>,
    today: LocalDate,
) -> Vec<StakeholderId> {
    let mut due: Vec<(StakeholderId, LocalDate, String)> = map
        .stakeholders()
        .filter_map(|s| {
            let a = attention.get(&s.id)?;
            a.contact
                .is_due(today)
                .then(|| (s.id, a.contact.due, s.name().to_lowercase()))
        })
        .collect();
    crate::sort::by(&mut due, |a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)));
    due.into_iter().map(|(id, _, _)| id).collect()
}
