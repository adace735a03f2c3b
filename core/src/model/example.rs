//! The worked example shown on a first visit: a coaching-program rollout at a mid-sized firm,
//! with senior stakeholders spread over all four quadrants so the tool explains itself.

use super::action::{Action, ActionFields, ActionStatus};
use super::evidence::{Evidence, EvidenceFields, EvidenceKind};
use super::fields::Amount;
use super::history::{HistoryPoint, MoveSource, Snapshot, SnapshotEntry};
use super::ids::EvidenceId;
use super::ids::RelationshipId;
use super::ids::{ActionId, MapId, SnapshotId, StakeholderId, TouchpointId};
use super::map::StakeMap;
use super::network::{Tie, TieStrength};
use super::playbook::Tactic;
use super::relationship::{Relationship, RelationshipFields, TieDirection};
use super::stakeholder::{normalise_causes, Position, RootCause, Stakeholder, StakeholderFields};
use super::time::{LocalDate, Timestamp};
use super::touchpoint::{Channel, Sentiment, Touchpoint};
use uuid::Uuid;
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
    /// Where the plan aims to move them.
    target: Option<(u8, u8)>,
    /// Where they stood at the baseline, 60 days ago, and when (days ago) and how they moved
    /// from there to where they are now.
    was: Option<((u8, u8), i64, MoveSource)>,
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
        target: Some((80, 40)),
        was: Some(((88, 85), 21, MoveSource::Touchpoint)),
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
        target: Some((92, 35)),
        was: None,
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
        target: None,
        was: Some(((80, 20), 30, MoveSource::Map)),
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
        target: None,
        was: Some(((65, 52), 12, MoveSource::Map)),
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
        target: Some((66, 45)),
        was: Some(((66, 75), 25, MoveSource::Touchpoint)),
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
        target: Some((65, 30)),
        was: None,
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
        target: Some((40, 40)),
        was: None,
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
        target: None,
        was: None,
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
        target: None,
        was: None,
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
        target: None,
        was: Some(((22, 50), 20, MoveSource::Map)),
    },
];

/// A planned action: who (index into `PEOPLE`), tactic, owner, due in days from today, status,
/// outcome.
struct PlannedAction {
    person: usize,
    tactic: Tactic,
    owner: &'static str,
    due_in_days: Option<i64>,
    status: ActionStatus,
    outcome: &'static str,
    /// An agreed measure: what, baseline, target, result.
    measure: Option<(&'static str, f64, f64, Option<f64>)>,
}

const ACTIONS: &[PlannedAction] = &[
    PlannedAction { person: 0, tactic: Tactic::ListeningSession, owner: "Priya Raman", due_in_days: Some(-21), status: ActionStatus::Done,
        outcome: "Her real worry is managers' time in peak season. Agreed to avoid Q4 for the first cohort.", measure: None },
    PlannedAction { person: 0, tactic: Tactic::TieToKpis, owner: "Program office", due_in_days: Some(4), status: ActionStatus::InProgress, outcome: "", measure: None },
    PlannedAction { person: 1, tactic: Tactic::ShareRoiEvidence, owner: "Program office", due_in_days: Some(-3), status: ActionStatus::Planned, outcome: "", measure: None },
    PlannedAction { person: 1, tactic: Tactic::SmallPilot, owner: "Priya Raman", due_in_days: None, status: ActionStatus::Planned, outcome: "",
        measure: Some(("Regretted attrition in two finance teams, %", 16.0, 11.0, None)) },
    PlannedAction { person: 2, tactic: Tactic::PeerTestimonial, owner: "Priya Raman", due_in_days: Some(9), status: ActionStatus::InProgress, outcome: "", measure: None },
    PlannedAction { person: 3, tactic: Tactic::CelebrateWin, owner: "Aisha Bello", due_in_days: Some(-12), status: ActionStatus::Done,
        outcome: "Shared the ramp-time result at the sales kick-off; he told the story himself.",
        measure: Some(("Days to full productivity for new sales hires", 94.0, 75.0, Some(78.0))) },
    PlannedAction { person: 4, tactic: Tactic::MeetCoaches, owner: "Aisha Bello", due_in_days: Some(11), status: ActionStatus::Planned, outcome: "", measure: None },
    PlannedAction { person: 4, tactic: Tactic::OpenMethodology, owner: "Program office", due_in_days: Some(-30), status: ActionStatus::Dropped,
        outcome: "Replaced by a session with the coaches themselves: she wants to judge people, not slides.", measure: None },
    PlannedAction { person: 5, tactic: Tactic::InvolveInDesign, owner: "Priya Raman", due_in_days: Some(-1), status: ActionStatus::Planned, outcome: "", measure: None },
    PlannedAction { person: 6, tactic: Tactic::SuccessStory, owner: "Program office", due_in_days: Some(16), status: ActionStatus::Planned, outcome: "", measure: None },
];

/// A logged contact: who, days ago, channel, sentiment, note.
const CONTACTS: &[(usize, i64, Channel, Sentiment, &str)] = &[
    (
        0,
        21,
        Channel::Meeting,
        Sentiment::Neutral,
        "Listened for an hour. Open about the failed academy; not hostile, just tired of promises.",
    ),
    (
        1,
        40,
        Channel::Call,
        Sentiment::Neutral,
        "Asked for a cost-per-participant figure before the next budget round.",
    ),
    (
        2,
        6,
        Channel::Meeting,
        Sentiment::Positive,
        "Agreed to open the kick-off and to call Dana herself.",
    ),
    (
        3,
        12,
        Channel::Workshop,
        Sentiment::Positive,
        "Told the ramp-time story to his directors unprompted.",
    ),
    (
        4,
        25,
        Channel::Email,
        Sentiment::Negative,
        "Replied that external coaches are 'a confidentiality risk we do not need'.",
    ),
    (
        6,
        10,
        Channel::Workshop,
        Sentiment::Neutral,
        "Came to the managers' briefing, left early for an escalation.",
    ),
    (
        8,
        3,
        Channel::Call,
        Sentiment::Positive,
        "Has three coaches shortlisted for the northern region.",
    ),
];

/// An item of the example's evidence library: kind, title, unit, (baseline, days ago),
/// (current, days ago), target, summary, figures, quote, source, causes, tags.
struct Item {
    kind: EvidenceKind,
    title: &'static str,
    unit: &'static str,
    baseline: Option<(f64, i64)>,
    current: Option<(f64, i64)>,
    target: Option<f64>,
    summary: &'static str,
    figures: &'static str,
    quote: &'static str,
    source: &'static str,
    answers: &'static [RootCause],
    tags: &'static [&'static str],
}

const EVIDENCE: &[Item] = &[
    Item {
        kind: EvidenceKind::Metric,
        title: "Engagement score in coached teams",
        unit: "%",
        baseline: Some((64.0, 120)),
        current: Some((71.0, 10)),
        target: Some(75.0),
        summary: "",
        figures: "",
        quote: "",
        source: "Quarterly pulse survey",
        answers: &[RolePressure, ValueNotVisible],
        tags: &["engagement"],
    },
    Item {
        kind: EvidenceKind::Metric,
        title: "Regretted attrition in pilot teams",
        unit: "%",
        baseline: Some((18.0, 180)),
        current: Some((13.0, 14)),
        target: Some(12.0),
        summary: "",
        figures: "",
        quote: "",
        source: "HR exit data, rolling twelve months",
        answers: &[Culture, ValueNotVisible],
        tags: &["retention", "attrition", "headcount cost"],
    },
    Item {
        kind: EvidenceKind::Metric,
        title: "Days to full productivity for new sales hires",
        unit: "days",
        baseline: Some((94.0, 150)),
        current: Some((78.0, 20)),
        target: Some(75.0),
        summary: "",
        figures: "",
        quote: "",
        source: "Sales operations",
        answers: &[RolePressure],
        tags: &["sales", "ramp-up"],
    },
    Item {
        kind: EvidenceKind::Story,
        title: "Sales team pilot: faster ramp-up",
        unit: "",
        baseline: None,
        current: None,
        target: None,
        summary: "Six sales managers were coached for four months while onboarding fourteen new \
                  hires. The managers changed how they ran their first-month one-to-ones.",
        figures: "Ramp-up 94 → 78 days across 14 new hires",
        quote: "I stopped firefighting and started coaching my own people.",
        source: "Regional sales director, EMEA",
        answers: &[PastDisappointments, RolePressure],
        tags: &["sales", "pilot"],
    },
    Item {
        kind: EvidenceKind::Story,
        title: "A retailer like us: coaching after a failed academy",
        unit: "",
        baseline: None,
        current: None,
        target: None,
        summary: "A retailer of similar size had closed a leadership academy that changed \
                  nothing. Its second attempt coached store managers one to one, with one agreed \
                  measure per region.",
        figures: "Cost per leader recovered in 11 months through lower attrition",
        quote: "This time we measured one thing and we measured it honestly.",
        source: "Industry case study, shared by the coaching provider",
        answers: &[PastDisappointments, Culture],
        tags: &["retention", "return on spend", "similar organisation"],
    },
    Item {
        kind: EvidenceKind::Story,
        title: "A peer's view: the COO on coaching her plant managers",
        unit: "",
        baseline: None,
        current: None,
        target: None,
        summary: "The COO of a sister company chose the coaches herself and sat in on two \
                  sessions before agreeing to a cohort.",
        figures: "Safety incidents down a fifth in coached plants",
        quote: "I judged the coaches, not the brochure.",
        source: "Conversation with the COO, recorded with her permission",
        answers: &[CoachDoubts, Culture],
        tags: &["operations", "peer"],
    },
];

/// Who stands how towards whom: (person, kind, person, both ways, strength, note), people as
/// indices into `PEOPLE`.
const TIES: &[(usize, Tie, usize, bool, TieStrength, &str)] = &[
    (
        0,
        Tie::ListensTo,
        2,
        false,
        TieStrength::Strong,
        "Dana asks Priya before every people decision; they came up through operations together.",
    ),
    (
        0,
        Tie::AlliedWith,
        3,
        true,
        TieStrength::Moderate,
        "Joint owners of the on-time delivery target.",
    ),
    (5, Tie::ReportsTo, 0, false, TieStrength::Strong, ""),
    (6, Tie::ReportsTo, 0, false, TieStrength::Strong, ""),
    (9, Tie::ReportsTo, 1, false, TieStrength::Strong, ""),
    (
        1,
        Tie::ListensTo,
        3,
        false,
        TieStrength::Weak,
        "Marcus trusts Tomasz's pipeline numbers, not much else.",
    ),
    (
        4,
        Tie::ListensTo,
        1,
        false,
        TieStrength::Strong,
        "Helen clears every large contract with Marcus first.",
    ),
    (
        4,
        Tie::AtOddsWith,
        2,
        true,
        TieStrength::Moderate,
        "Clashed over the coaching-notes data policy last spring.",
    ),
    (6, Tie::ListensTo, 8, false, TieStrength::Moderate, ""),
    (8, Tie::ReportsTo, 2, false, TieStrength::Strong, ""),
    (
        2,
        Tie::ListensTo,
        8,
        false,
        TieStrength::Moderate,
        "Priya takes Aisha's read of the plants as the ground truth.",
    ),
    (3, Tie::ListensTo, 2, true, TieStrength::Moderate, ""),
    (
        5,
        Tie::ListensTo,
        8,
        false,
        TieStrength::Moderate,
        "Aisha helped Samuel through the Rotterdam restructuring.",
    ),
    (
        7,
        Tie::AtOddsWith,
        5,
        true,
        TieStrength::Weak,
        "Clashed over the plant systems cut-over.",
    ),
];

/// Contacts that shared an item: (index into `CONTACTS`, index into `EVIDENCE`).
const SHARED: &[(usize, usize)] = &[(1, 0), (3, 3)];

/// Builds the example map with fresh ids from `new_uuid`, stamped at `at`, its plan dated around
/// `today`. The stakeholders were "added" 60 days ago so contact cadences have history.
pub fn example_map(
    map_id: MapId,
    mut new_uuid: impl FnMut() -> Uuid,
    at: Timestamp,
    today: LocalDate,
) -> StakeMap {
    let added = Timestamp::from_unix_millis(at.unix_millis() - 60 * 86_400_000);
    let stakeholders: Vec<Stakeholder> = PEOPLE
        .iter()
        .map(|p| {
            Stakeholder::new(
                StakeholderId(new_uuid()),
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
                    target: p.target.map(|(influence, skepticism)| Position {
                        influence,
                        skepticism,
                    }),
                    // The contact cadence is left at the quadrant's default.
                    ..StakeholderFields::default()
                },
                added,
            )
        })
        .collect();
    let days_ago = |n: i64| Timestamp::from_unix_millis(at.unix_millis() - n * 86_400_000);
    let mut history = Vec::new();
    let mut baseline = Vec::new();
    for (p, s) in PEOPLE.iter().zip(&stakeholders) {
        let start = match p.was {
            Some(((influence, skepticism), _, _)) => Position {
                influence,
                skepticism,
            },
            None => s.position(),
        };
        history.push(HistoryPoint {
            stakeholder: s.id,
            at: added,
            position: start,
            source: MoveSource::Added,
        });
        if let Some((_, ago, source)) = p.was {
            history.push(HistoryPoint {
                stakeholder: s.id,
                at: days_ago(ago),
                position: s.position(),
                source,
            });
        }
        baseline.push(SnapshotEntry {
            stakeholder: s.id,
            name: s.name().to_owned(),
            position: start,
        });
    }
    let snapshot = Snapshot {
        id: SnapshotId(new_uuid()),
        name: "Baseline".into(),
        taken_at: added,
        entries: baseline,
    };
    let day = |offset: i64| today.plus_days(offset).unwrap_or(today);
    let actions = ACTIONS
        .iter()
        .filter_map(|a| {
            let who = stakeholders.get(a.person)?;
            Some(Action {
                id: ActionId(new_uuid()),
                stakeholder: who.id,
                fields: ActionFields {
                    tactic: Some(a.tactic),
                    title: a.tactic.name().to_owned(),
                    owner: a.owner.into(),
                    due: a.due_in_days.map(day),
                    status: a.status,
                    outcome: a.outcome.into(),
                    measure: a.measure.map(|m| m.0.to_owned()).unwrap_or_default(),
                    measure_baseline: a.measure.and_then(|m| Amount::new(m.1)),
                    measure_target: a.measure.and_then(|m| Amount::new(m.2)),
                    measure_result: a.measure.and_then(|m| m.3).and_then(Amount::new),
                },
                created_at: added,
                updated_at: at,
            })
        })
        .collect();
    let amount = |v: f64| Amount::new(v);
    let evidence: Vec<Evidence> = EVIDENCE
        .iter()
        .map(|e| Evidence {
            id: EvidenceId(new_uuid()),
            fields: EvidenceFields {
                kind: e.kind,
                title: e.title.into(),
                unit: e.unit.into(),
                baseline: e.baseline.and_then(|(v, _)| amount(v)),
                baseline_date: e.baseline.map(|(_, ago)| day(-ago)),
                current: e.current.and_then(|(v, _)| amount(v)),
                current_date: e.current.map(|(_, ago)| day(-ago)),
                target: e.target.and_then(amount),
                summary: e.summary.into(),
                figures: e.figures.into(),
                quote: e.quote.into(),
                source: e.source.into(),
                answers: normalise_causes(e.answers.iter().copied()),
                tags: e.tags.iter().map(|t| (*t).to_owned()).collect(),
                notes: String::new(),
            },
            created_at: added,
            updated_at: at,
        })
        .collect();
    let touchpoints = CONTACTS
        .iter()
        .enumerate()
        .filter_map(|(i, (person, ago, channel, sentiment, note))| {
            let who = stakeholders.get(*person)?;
            // A contact that moved them carries the reading that did it.
            let reading = PEOPLE
                .get(*person)
                .and_then(|p| p.was)
                .filter(|(_, days, source)| *days == *ago && *source == MoveSource::Touchpoint)
                .map(|_| who.position());
            Some(Touchpoint {
                id: TouchpointId(new_uuid()),
                stakeholder: who.id,
                date: day(-ago),
                channel: *channel,
                sentiment: *sentiment,
                note: (*note).into(),
                influence: reading.map(|p| p.influence),
                skepticism: reading.map(|p| p.skepticism),
                evidence: SHARED
                    .iter()
                    .find(|(c, _)| *c == i)
                    .and_then(|(_, e)| evidence.get(*e))
                    .map(|e| e.id),
                created_at: at,
            })
        })
        .collect();
    let relationships = TIES
        .iter()
        .enumerate()
        .filter_map(|(k, (from, kind, to, both, strength, note))| {
            let recorded = Timestamp::from_unix_millis(added.unix_millis() + k as i64 * 86_400_000);
            Some(Relationship {
                id: RelationshipId(new_uuid()),
                from: stakeholders.get(*from)?.id,
                to: stakeholders.get(*to)?.id,
                fields: RelationshipFields {
                    kind: *kind,
                    direction: if *both {
                        TieDirection::BothWays
                    } else {
                        TieDirection::OneWay
                    },
                    strength: *strength,
                    note: (*note).into(),
                },
                created_at: recorded,
                updated_at: recorded,
            })
        })
        .collect();
    // The map itself is new; only the story it tells goes back 60 days.
    StakeMap::from_parts(
        map_id,
        EXAMPLE_MAP_NAME.into(),
        at,
        at,
        stakeholders,
        actions,
        touchpoints,
    )
    .with_history(history, vec![snapshot])
    .with_evidence(evidence)
    .with_relationships(relationships)
}
