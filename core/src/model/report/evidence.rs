//! The report's program evidence: where each metric stands against its target, what was shared
//! with whom in the period and how it landed, and whether the measures agreed with leaders were
//! met.
//!
//! Like the rest of the report it is built from the map it is given, so a redacted report,
//! built from the redacted copy, shows stories as "Story 1", metrics as "Metric 1", people as
//! labels, actions as their tactic, and no quote, summary, figures, source or measure's words:
//! the copy does not hold them.

use crate::model::evidence::{standing, EvidenceFields, EvidenceKind, Standing};
use crate::model::fields::Amount;
use crate::model::ids::{ActionId, StakeholderId};
use crate::model::map::StakeMap;
use crate::model::time::LocalDate;
use crate::model::touchpoint::Sentiment;
use std::collections::HashSet;

/// How many of the period's shared stories the report lists (the most recent); the counts
/// cover all.
pub const SHARES_LISTED: usize = 6;

/// One metric of the library, as the report shows it: the metric's own fields (its name is
/// "Metric 1" in a redacted copy, unless the copy kept names).
#[derive(Clone, Debug, PartialEq)]
pub struct MetricLine {
    /// The metric.
    pub fields: EvidenceFields,
}

/// One story shared at a contact in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLine {
    /// The day of the contact.
    pub date: LocalDate,
    /// The story's title ("Story 2" in a redacted copy).
    pub title: String,
    /// With whom (a label in a redacted copy).
    pub name: String,
    /// How the contact went.
    pub sentiment: Sentiment,
}

/// Items shared at the period's contacts, counted by kind (every share counts, the same item
/// shared twice twice).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SharedCounts {
    /// Stories shared.
    pub stories: usize,
    /// Metrics shared.
    pub metrics: usize,
}

impl SharedCounts {
    /// Every item shared.
    pub fn total(&self) -> usize {
        self.stories + self.metrics
    }
}

/// An action with an agreed measure.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureLine {
    /// For whom (a label in a redacted copy).
    pub name: String,
    /// Whom it concerns.
    pub stakeholder: StakeholderId,
    /// The action's title (its tactic's name in a redacted copy).
    pub action: String,
    /// What is measured (empty in a redacted copy).
    pub measure: String,
    /// The measure at the start.
    pub baseline: Option<Amount>,
    /// The result.
    pub result: Option<Amount>,
    /// The agreed target.
    pub target: Option<Amount>,
    /// Where the result stands against the target.
    pub standing: Standing,
}

/// The report's program evidence section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramEvidence {
    /// Every metric of the library, in the library's order.
    pub metrics: Vec<MetricLine>,
    /// The stories shared in the period, newest first (at most [`SHARES_LISTED`]).
    pub stories_shared: Vec<ShareLine>,
    /// Every item shared in the period, counted.
    pub shared: SharedCounts,
    /// Every action with an agreed measure: by name, then action title.
    pub measures: Vec<MeasureLine>,
}

/// "12 Jun 2026": a date without its weekday, for tables.
pub fn short_date(d: LocalDate) -> String {
    let human = d.human();
    match human.split_once(' ') {
        Some((_, rest)) => rest.to_owned(),
        None => human,
    }
}

/// A value with its unit: "71%", "78 days"; "?" when there is none.
pub fn with_unit(value: Option<Amount>, unit: &str) -> String {
    let Some(v) = value else {
        return "?".to_owned();
    };
    match unit.chars().next() {
        None => v.show(),
        Some(c) if c.is_alphanumeric() => format!("{} {unit}", v.show()),
        Some(_) => format!("{}{unit}", v.show()),
    }
}

fn dated(value: Option<Amount>, unit: &str, date: Option<LocalDate>) -> String {
    match date {
        Some(d) if value.is_some() => format!("{} ({})", with_unit(value, unit), short_date(d)),
        _ => with_unit(value, unit),
    }
}

impl MetricLine {
    /// Where the latest value stands against the target.
    pub fn standing(&self) -> Standing {
        self.fields.standing()
    }

    /// Where it stands, in words: "moving toward target", "target met", "not measured yet" (no
    /// values), "no target set".
    pub fn standing_words(&self) -> &'static str {
        if self.fields.baseline.is_none() && self.fields.current.is_none() {
            "not measured yet"
        } else if self.fields.target.is_none() {
            "no target set"
        } else if self.fields.current.is_none() {
            "no value since the baseline"
        } else {
            self.standing().words()
        }
    }

    /// Its values: "64% (12 Jun 2026) → 71% (29 Sep 2026), target 75%"; empty when it has none.
    pub fn values(&self) -> String {
        let mut out = if self.fields.baseline.is_none() && self.fields.current.is_none() {
            String::new()
        } else {
            format!(
                "{} → {}",
                dated(
                    self.fields.baseline,
                    &self.fields.unit,
                    self.fields.baseline_date
                ),
                dated(
                    self.fields.current,
                    &self.fields.unit,
                    self.fields.current_date
                )
            )
        };
        if self.fields.target.is_some() {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&format!(
                "target {}",
                with_unit(self.fields.target, &self.fields.unit)
            ));
        }
        out
    }

    /// The whole line: "Engagement: 64% (12 Jun 2026) → 71% (29 Sep 2026), target 75%: moving
    /// toward target".
    pub fn words(&self) -> String {
        let values = self.values();
        if values.is_empty() {
            format!("{}: {}", self.fields.title, self.standing_words())
        } else {
            format!("{}: {values}: {}", self.fields.title, self.standing_words())
        }
    }
}

impl ShareLine {
    /// "Sat 3 Oct 2026 · Sales team pilot · with Dana Ortiz · went well".
    pub fn words(&self) -> String {
        format!(
            "{} · {} · with {} · {}",
            self.date.human(),
            self.title,
            self.name,
            self.sentiment.landed()
        )
    }
}

impl MeasureLine {
    /// True when the result is at or past the agreed target.
    pub fn met(&self) -> bool {
        self.standing == Standing::Met
    }

    /// Whether it was met, in words: "met", "not met (moving toward target)", "not measured
    /// yet", "no target agreed".
    pub fn verdict(&self) -> String {
        if self.result.is_none() {
            "not measured yet".to_owned()
        } else if self.target.is_none() {
            "no target agreed".to_owned()
        } else if self.met() {
            "met".to_owned()
        } else {
            format!("not met ({})", self.standing.words())
        }
    }

    /// Its values: "18 → 11, target 12".
    pub fn values(&self) -> String {
        format!(
            "{} → {}, target {}",
            with_unit(self.baseline, ""),
            with_unit(self.result, ""),
            with_unit(self.target, "")
        )
    }

    /// The whole line: "Dana Ortiz · Pilot in one region (Regretted attrition, %): 18 → 11,
    /// target 12: met".
    pub fn words(&self) -> String {
        let what = if self.measure.is_empty() {
            self.action.clone()
        } else {
            format!("{} ({})", self.action, self.measure)
        };
        format!(
            "{} · {what}: {}: {}",
            self.name,
            self.values(),
            self.verdict()
        )
    }
}

impl ProgramEvidence {
    /// How many agreed measures were met.
    pub fn measures_met(&self) -> usize {
        self.measures.iter().filter(|m| m.met()).count()
    }

    /// "2 of 3 agreed measures met."; `None` when no action has one.
    pub fn measures_sentence(&self) -> Option<String> {
        let n = self.measures.len();
        (n > 0).then(|| {
            let noun = if n == 1 { "measure" } else { "measures" };
            format!("{} of {n} agreed {noun} met.", self.measures_met())
        })
    }

    /// "3 items shared in the period (1 story, 2 metrics)."
    pub fn shared_sentence(&self) -> String {
        let c = self.shared;
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if c.total() == 0 {
            return "Nothing from the library was shared at a contact in the period.".to_owned();
        }
        format!(
            "{} shared in the period ({}, {}).",
            plural(c.total(), "item", "items"),
            plural(c.stories, "story", "stories"),
            plural(c.metrics, "metric", "metrics")
        )
    }

    /// Stories shared in the period and not listed (beyond [`SHARES_LISTED`]).
    pub fn stories_not_listed(&self) -> usize {
        self.shared
            .stories
            .saturating_sub(self.stories_shared.len())
    }
}

/// The actions that carry an agreed measure (its words set). A redacted copy empties the
/// words, so the redacted report asks the original map which actions have one.
pub(super) fn with_measure(map: &StakeMap) -> HashSet<ActionId> {
    map.actions()
        .filter(|a| a.fields.has_measure())
        .map(|a| a.id)
        .collect()
}

/// The section for `map`, the period starting on `first_day`; `measured` are the actions with
/// an agreed measure.
pub(super) fn program_evidence(
    map: &StakeMap,
    first_day: LocalDate,
    measured: &HashSet<ActionId>,
) -> ProgramEvidence {
    let metrics = map
        .evidence()
        .filter(|e| e.fields.kind == EvidenceKind::Metric)
        .map(|e| MetricLine {
            fields: e.fields.clone(),
        })
        .collect();

    let name = |id: StakeholderId| map.get(id).map(|s| s.name().to_owned()).unwrap_or_default();
    let mut shared = SharedCounts::default();
    let mut stories: Vec<ShareLine> = Vec::new();
    for t in map.touchpoints().filter(|t| t.date >= first_day) {
        let Some(item) = t.evidence.and_then(|id| map.evidence_item(id)) else {
            continue;
        };
        match item.fields.kind {
            EvidenceKind::Metric => shared.metrics += 1,
            EvidenceKind::Story => {
                shared.stories += 1;
                stories.push(ShareLine {
                    date: t.date,
                    title: item.fields.title.clone(),
                    name: name(t.stakeholder),
                    sentiment: t.sentiment,
                });
            }
        }
    }
    // Newest first; the order logged breaks ties, as the list was built in it.
    stories.reverse();
    crate::sort::by_key(&mut stories, |s| std::cmp::Reverse(s.date));
    stories.truncate(SHARES_LISTED);

    let mut measures: Vec<MeasureLine> = map
        .actions()
        .filter(|a| measured.contains(&a.id))
        .map(|a| {
            let f = &a.fields;
            MeasureLine {
                name: name(a.stakeholder),
                stakeholder: a.stakeholder,
                action: f.title.clone(),
                measure: f.measure.clone(),
                baseline: f.measure_baseline,
                result: f.measure_result,
                target: f.measure_target,
                standing: standing(f.measure_baseline, f.measure_result, f.measure_target),
            }
        })
        .collect();
    crate::sort::by(&mut measures, |a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.action.to_lowercase().cmp(&b.action.to_lowercase()))
    });

    ProgramEvidence {
        metrics,
        stories_shared: stories,
        shared,
        measures,
    }
}
