//! The worked example shown on a first visit: a coaching-program rollout at a mid-sized firm,
//! with senior stakeholders spread over all four quadrants so the tool explains itself.

use super::ids::{MapId, StakeholderId};
use super::map::StakeMap;
use super::stakeholder::{normalise_causes, Position, RootCause, Stakeholder, StakeholderFields};
use super::time::Timestamp;
use RootCause::*;

/// The example map's name.
pub const EXAMPLE_MAP_NAME: &str = "Example: leadership coaching rollout";

struct Person {
    name: &'static str,
    role: &'static str,
    organisation: &'static str,
    influence: u8,
    skepticism: u8,
    causes: &'static [RootCause],
    cares_about: &'static str,
    notes: &'static str,
    tags: &'static [&'static str],
}

const PEOPLE: &[Person] = &[
    Person {
        name: "Dana Ortiz",
        role: "Chief Operating Officer",
        organisation: "Executive team",
        influence: 88,
        skepticism: 74,
        causes: &[RolePressure, PastDisappointments, ValueNotVisible],
        cares_about: "On-time delivery, cost per order, a calm peak season",
        notes: "Sat through the 2023 leadership academy that was cut after six months. Asks \
                'what will my managers stop doing to make room for this?'",
        tags: &["exec", "budget holder"],
    },
    Person {
        name: "Marcus Feld",
        role: "Chief Financial Officer",
        organisation: "Executive team",
        influence: 92,
        skepticism: 63,
        causes: &[Culture, ValueNotVisible],
        cares_about: "Return on spend, headcount cost, audit findings",
        notes: "Not against it in principle; wants a number he can defend to the board.",
        tags: &["exec", "budget holder"],
    },
    Person {
        name: "Priya Raman",
        role: "Chief People Officer",
        organisation: "Executive team",
        influence: 80,
        skepticism: 12,
        causes: &[],
        cares_about: "Engagement scores, regretted attrition, succession depth",
        notes: "Program sponsor. Happy to speak at the kick-off and to peers one to one.",
        tags: &["exec", "sponsor"],
    },
    Person {
        name: "Tomasz Nowak",
        role: "VP Sales, EMEA",
        organisation: "Commercial",
        influence: 71,
        skepticism: 33,
        causes: &[RolePressure],
        cares_about: "Quota attainment, ramp time of new account managers",
        notes: "Two of his directors were coached last year and he noticed the difference.",
        tags: &["commercial"],
    },
    Person {
        name: "Helen Achterberg",
        role: "General Counsel",
        organisation: "Legal",
        influence: 66,
        skepticism: 81,
        causes: &[CoachDoubts, PowerAndControl],
        cares_about: "Confidentiality, clear contracts, no surprises",
        notes: "Worried about what leaders tell external coaches. Wants to see the \
                confidentiality terms and who the coaches are.",
        tags: &["exec", "risk"],
    },
    Person {
        name: "Samuel Okafor",
        role: "Plant Director, Rotterdam",
        organisation: "Operations",
        influence: 58,
        skepticism: 55,
        causes: &[NotInvolved, CoachDoubts],
        cares_about: "Safety record, line uptime, shift-lead retention",
        notes: "Heard about the program second-hand. Felt the pilot sites were chosen without him.",
        tags: &["operations", "site lead"],
    },
    Person {
        name: "Grace Lindqvist",
        role: "Head of Customer Service",
        organisation: "Customer",
        influence: 38,
        skepticism: 70,
        causes: &[PastDisappointments, Culture],
        cares_about: "Customer satisfaction, first-contact resolution",
        notes: "Team is stretched; sees any training day as lost capacity.",
        tags: &["customer"],
    },
    Person {
        name: "Ravi Menon",
        role: "IT Service Manager",
        organisation: "Technology",
        influence: 27,
        skepticism: 62,
        causes: &[ValueNotVisible],
        cares_about: "Ticket backlog, change failure rate",
        notes: "Asked whether engineers are even in scope.",
        tags: &["technology"],
    },
    Person {
        name: "Aisha Bello",
        role: "Regional HR Business Partner",
        organisation: "People",
        influence: 34,
        skepticism: 18,
        causes: &[],
        cares_about: "Manager capability, internal mobility",
        notes: "Will coordinate coach matching for the northern region.",
        tags: &["people", "sponsor"],
    },
    Person {
        name: "Jonas Weber",
        role: "Finance Business Partner",
        organisation: "Finance",
        influence: 22,
        skepticism: 41,
        causes: &[Culture],
        cares_about: "Budget accuracy, cost centre reporting",
        notes: "Will build the cost tracking; open-minded if the measures are agreed up front.",
        tags: &["finance"],
    },
];

/// Builds the example map with fresh ids from `new_id`, stamped at `at`.
pub fn example_map(
    map_id: MapId,
    mut new_id: impl FnMut() -> StakeholderId,
    at: Timestamp,
) -> StakeMap {
    let stakeholders = PEOPLE
        .iter()
        .map(|p| {
            Stakeholder::new(
                new_id(),
                StakeholderFields {
                    name: p.name.into(),
                    role: p.role.into(),
                    organisation: p.organisation.into(),
                    position: Position {
                        influence: p.influence,
                        skepticism: p.skepticism,
                    },
                    root_causes: normalise_causes(p.causes.iter().copied()),
                    cares_about: p.cares_about.into(),
                    notes: p.notes.into(),
                    tags: p.tags.iter().map(|t| (*t).to_owned()).collect(),
                },
                at,
            )
        })
        .collect();
    StakeMap::from_parts(map_id, EXAMPLE_MAP_NAME.into(), at, at, stakeholders)
}
