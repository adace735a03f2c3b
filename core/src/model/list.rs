//! The list view's sorting and filtering, kept out of the component so it is tested natively.

use super::ids::StakeholderId;
use super::map::StakeMap;
use super::stakeholder::{Quadrant, Stakeholder};
use std::cmp::Ordering;
use std::collections::HashSet;

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
        self.sort(map.stakeholders().filter(|s| self.matches(s)).collect())
    }

    /// Every stakeholder's id in display order, ignoring the filters (the list keeps every row
    /// and hides those that do not match, so typing in the filter builds no rows).
    pub fn order(&self, map: &StakeMap) -> Vec<StakeholderId> {
        self.sort(map.stakeholders().collect())
    }

    fn sort(&self, mut rows: Vec<&Stakeholder>) -> Vec<StakeholderId> {
        crate::sort::by(&mut rows, |a, b| {
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

/// The searchable text of every stakeholder, lowercased once per change of the map rather than
/// once per keystroke.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    entries: Vec<(StakeholderId, String, Vec<String>)>,
}

/// Between fields in the index, so a query never matches across two of them.
const FIELD_BREAK: char = '\u{1f}';

impl SearchIndex {
    /// The index of `map`.
    pub fn of(map: &StakeMap) -> Self {
        let entries = map
            .stakeholders()
            .map(|s| {
                let f = &s.fields;
                let mut text = String::new();
                for field in [&f.name, &f.role, &f.organisation, &f.cares_about, &f.notes]
                    .into_iter()
                    .chain(f.tags.iter())
                {
                    text.push_str(&field.to_lowercase());
                    text.push(FIELD_BREAK);
                }
                (s.id, text, f.tags.clone())
            })
            .collect();
        Self { entries }
    }

    /// The stakeholders passing `query`'s text and tag filters (the same test as
    /// [`ListQuery::matches`]).
    pub fn matching(&self, query: &ListQuery) -> HashSet<StakeholderId> {
        let needle = query.text.trim().to_lowercase();
        let needle = needle.replace(FIELD_BREAK, "");
        self.entries
            .iter()
            .filter(|(_, text, tags)| {
                query
                    .tag
                    .as_ref()
                    .is_none_or(|tag| tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
                    && (needle.is_empty() || text.contains(&needle))
            })
            .map(|(id, _, _)| *id)
            .collect()
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
