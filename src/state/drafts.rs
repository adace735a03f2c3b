//! What the forms keep of typing they could not store yet, as settings beside the maps: one
//! name per form and record, defined here once, so the forms that write drafts and the start-up
//! tidy that removes those of deleted records agree on them.

use crate::model::{ActionId, MapId, StakeMap, StakeholderId};

/// The settings names of all drafts begin with this.
const PREFIX: &str = "draft:";

/// One form's draft, named by the form and the record it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draft {
    /// A map name typed but perhaps not stored when the page was hidden.
    MapName(MapId),
    /// The add-a-stakeholder form of a map.
    NewStakeholder(MapId),
    /// What a stakeholder's details form could not save yet (text breaking a rule, or typing
    /// still waiting when the page was hidden).
    Details(MapId, StakeholderId),
    /// The new-action form of one stakeholder.
    NewAction(MapId, StakeholderId),
    /// What editing one action could not save yet.
    EditAction(MapId, ActionId),
    /// The log-a-contact form of one stakeholder.
    Contact(MapId, StakeholderId),
}

impl Draft {
    /// The settings name the draft is kept under.
    pub fn setting(self) -> String {
        let (kind, map, record) = match self {
            Draft::MapName(m) => ("map-name", m, None),
            Draft::NewStakeholder(m) => ("stakeholder", m, None),
            Draft::Details(m, s) => ("details", m, Some(s.to_string())),
            Draft::NewAction(m, s) => ("action", m, Some(s.to_string())),
            Draft::EditAction(m, a) => ("action-edit", m, Some(a.to_string())),
            Draft::Contact(m, s) => ("contact", m, Some(s.to_string())),
        };
        match record {
            Some(record) => format!("{PREFIX}{kind}:{map}:{record}"),
            None => format!("{PREFIX}{kind}:{map}"),
        }
    }

    /// The draft a settings name stands for (`None` for other settings, or a name this
    /// version does not know).
    pub fn parse(name: &str) -> Option<Draft> {
        let mut parts = name.strip_prefix(PREFIX)?.split(':');
        let (kind, map) = (parts.next()?, MapId::parse(parts.next()?)?);
        let record = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let person = || record.and_then(StakeholderId::parse);
        Some(match (kind, record) {
            ("map-name", None) => Draft::MapName(map),
            ("stakeholder", None) => Draft::NewStakeholder(map),
            ("details", Some(_)) => Draft::Details(map, person()?),
            ("action", Some(_)) => Draft::NewAction(map, person()?),
            ("action-edit", Some(a)) => Draft::EditAction(map, ActionId::parse(a)?),
            ("contact", Some(_)) => Draft::Contact(map, person()?),
            _ => return None,
        })
    }

    /// The map the draft belongs to.
    pub fn map(self) -> MapId {
        match self {
            Draft::MapName(m)
            | Draft::NewStakeholder(m)
            | Draft::Details(m, _)
            | Draft::NewAction(m, _)
            | Draft::EditAction(m, _)
            | Draft::Contact(m, _) => m,
        }
    }

    /// Whether the record the draft is about is still in `map` (its own map).
    pub fn still_in(self, map: &StakeMap) -> bool {
        match self {
            Draft::MapName(_) | Draft::NewStakeholder(_) => true,
            Draft::Details(_, s) | Draft::NewAction(_, s) | Draft::Contact(_, s) => map.contains(s),
            Draft::EditAction(_, a) => map.action(a).is_some(),
        }
    }

    /// The drafts among `names` no form can show again: their map is gone, or the record
    /// they are about was deleted. A map that exists in storage but could not be read is not
    /// gone: `readable` is false then, and drafts of maps not in `maps` are kept.
    pub fn orphans<'a>(
        names: impl IntoIterator<Item = &'a str>,
        maps: &[StakeMap],
        readable: bool,
    ) -> Vec<&'a str> {
        names
            .into_iter()
            .filter(|name| {
                Draft::parse(name).is_some_and(|d| match maps.iter().find(|m| m.id == d.map()) {
                    Some(map) => !d.still_in(map),
                    None => readable,
                })
            })
            .collect()
    }
}
