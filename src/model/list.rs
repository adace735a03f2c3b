//! The list view's sorting and filtering, kept out of the component so it is tested natively.

use super::ids::StakeholderId;
use super::map::StakeMap;
use super::stakeholder::{Quadrant, Stakeholder};
use std::cmp::Ordering;

/// The columns the list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Alphabetical by name.
    Name,
    /// By influence.
    Influence,
    /// By skepticism.
    Skepticism,
    /// By quadrant, in the product's order (Win over first).
    Quadrant,
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

impl Direction {
    /// The other direction.
    pub fn flipped(self) -> Self {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }
}

/// What the list shows: a text query, an optional tag, and a sort order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// Matched case-insensitively against name, role, organisation, what they care about, notes and tags.
    pub text: String,
    /// Only stakeholders with this tag (case-insensitive), when set.
    pub tag: Option<String>,
    /// The sort column.
    pub sort: SortKey,
    /// The sort direction.
    pub direction: Direction,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            tag: None,
            sort: SortKey::Name,
            direction: Direction::Ascending,
        }
    }
}

impl ListQuery {
    /// Sorting by `key`: a new column sorts ascending, the same column flips direction.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        let direction = if self.sort == key {
            self.direction.flipped()
        } else {
            Direction::Ascending
        };
        Self {
            sort: key,
            direction,
            ..self.clone()
        }
    }

    /// True when the stakeholder passes the text and tag filters.
    pub fn matches(&self, s: &Stakeholder) -> bool {
        let f = &s.fields;
        if let Some(tag) = &self.tag {
            if !f.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                return false;
            }
        }
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        [&f.name, &f.role, &f.organisation, &f.cares_about, &f.notes]
            .into_iter()
            .chain(f.tags.iter())
            .any(|text| text.to_lowercase().contains(&needle))
    }

    /// The ids of the stakeholders to show, in display order. Ties fall back to name, then id,
    /// so the order is stable.
    pub fn apply(&self, map: &StakeMap) -> Vec<StakeholderId> {
        let mut rows: Vec<&Stakeholder> = map.stakeholders().filter(|s| self.matches(s)).collect();
        rows.sort_by(|a, b| {
            let primary = compare(self.sort, a, b);
            let primary = match self.direction {
                Direction::Ascending => primary,
                Direction::Descending => primary.reverse(),
            };
            primary
                .then_with(|| compare(SortKey::Name, a, b))
                .then_with(|| a.id.cmp(&b.id))
        });
        rows.into_iter().map(|s| s.id).collect()
    }
}

fn quadrant_rank(q: Quadrant) -> usize {
    Quadrant::ALL.iter().position(|x| *x == q).unwrap_or(0)
}

fn compare(key: SortKey, a: &Stakeholder, b: &Stakeholder) -> Ordering {
    match key {
        SortKey::Name => a.name().to_lowercase().cmp(&b.name().to_lowercase()),
        SortKey::Influence => a.position().influence.cmp(&b.position().influence),
        SortKey::Skepticism => a.position().skepticism.cmp(&b.position().skepticism),
        SortKey::Quadrant => quadrant_rank(a.quadrant()).cmp(&quadrant_rank(b.quadrant())),
    }
}
