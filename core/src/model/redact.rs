//! Redacted copies and short labels, for sharing a map outside the core team.
//!
//! A map holds judgments about named people. Before it leaves the core team (a steering group,
//! a coach from another firm, a slide), names become initials or stable codes and every
//! free-text field is emptied: notes, what they care about, contact notes, action outcomes and
//! owners. Action titles are free text too, so they become the playbook tactic's name. Roles go
//! as well: for senior leaders a job title names the person as surely as their name does.
//!
//! Codes are derived from the stakeholder's id, so the same person has the same code in every
//! copy made from the same map, and a reader can talk about "S-3F2A" across two exports.

use super::action::Action;
use super::evidence::{Evidence, EvidenceKind};
use super::fields::{Fields, Kind, Redact, Val};
use super::history::Snapshot;
use super::ids::StakeholderId;
use super::map::StakeMap;
use super::stakeholder::Stakeholder;
use super::touchpoint::Touchpoint;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// How people are named in an image or a redacted copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelStyle {
    /// Full names (not for redacted copies).
    Names,
    /// Initials, e.g. "DO" for Dana Ortiz.
    Initials,
    /// Stable codes from the id, e.g. "S-3F2A".
    Codes,
}

impl LabelStyle {
    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            LabelStyle::Names => "Full names",
            LabelStyle::Initials => "Initials",
            LabelStyle::Codes => "Codes",
        }
    }
}

/// The initials of a name: the first letter of each word, upper-cased ("Grace Lindqvist-Berg"
/// gives "GLB").
///
/// ```
/// use stakemap_core::model::initials;
/// assert_eq!(initials("Dana Ortiz"), "DO");
/// assert_eq!(initials("élodie de la Tour"), "ÉDLT");
/// assert_eq!(initials("  "), "?");
/// ```
pub fn initials(name: &str) -> String {
    let out: String = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect();
    if out.is_empty() {
        "?".to_owned()
    } else {
        out
    }
}

fn code(id: StakeholderId, digits: usize) -> String {
    let hex = id.0.simple().to_string().to_uppercase();
    format!("S-{}", &hex[..digits.min(hex.len())])
}

/// A label for everyone on the map, unique within it. Initials that clash get a number
/// ("DO", "DO 2"); codes that clash get longer.
pub fn labels(map: &StakeMap, style: LabelStyle) -> HashMap<StakeholderId, String> {
    let people: Vec<(StakeholderId, String)> = map
        .stakeholders()
        .map(|s| (s.id, s.name().to_owned()))
        .collect();
    labels_for(&people, style)
}

fn labels_for(
    people: &[(StakeholderId, String)],
    style: LabelStyle,
) -> HashMap<StakeholderId, String> {
    let mut out = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (id, name) in people {
        let label = match style {
            LabelStyle::Names => name.clone(),
            LabelStyle::Initials => {
                let base = initials(name);
                let mut label = base.clone();
                let mut n = 2;
                while taken.contains(&label) {
                    label = format!("{base} {n}");
                    n += 1;
                }
                label
            }
            LabelStyle::Codes => (4..=32)
                .map(|digits| code(*id, digits))
                .find(|c| !taken.contains(c))
                .unwrap_or_else(|| code(*id, 32)),
        };
        taken.insert(label.clone());
        out.insert(*id, label);
    }
    out
}

/// A copy safe to share outside the core team: names replaced by `style` (initials or codes;
/// `Names` is treated as codes), free text removed, and the map marked as redacted. Evidence
/// keeps its figures and the doubts it answers; titles become "Metric 1", "Story 2".
pub fn redacted(map: &StakeMap, style: LabelStyle) -> StakeMap {
    redacted_with(map, style, false)
}

/// As [`redacted`]; with `keep_metric_names`, metrics keep their names ("Engagement score"),
/// which the user may judge safe to share. Stories' titles and text go in every case.
pub fn redacted_with(map: &StakeMap, style: LabelStyle, keep_metric_names: bool) -> StakeMap {
    let style = if style == LabelStyle::Names {
        LabelStyle::Codes
    } else {
        style
    };
    // People only in snapshots (removed since) need labels too.
    let mut people: Vec<(StakeholderId, String)> = map
        .stakeholders()
        .map(|s| (s.id, s.name().to_owned()))
        .collect();
    for snap in map.snapshots() {
        for e in &snap.entries {
            if !people.iter().any(|(id, _)| *id == e.stakeholder) {
                people.push((e.stakeholder, e.name.clone()));
            }
        }
    }
    let names = labels_for(&people, style);
    let label = |id: StakeholderId| names.get(&id).cloned().unwrap_or_else(|| code(id, 8));

    // What happens to each field is its table's redaction rule, so a new field cannot be
    // forgotten here.
    let stakeholders: Vec<Stakeholder> = map
        .stakeholders()
        .map(|s| Stakeholder {
            fields: redact_fields(&s.fields, &label(s.id), false),
            ..s.clone()
        })
        .collect();
    let actions: Vec<Action> = map
        .actions()
        .map(|a| Action {
            fields: redact_fields(&a.fields, &label(a.stakeholder), false),
            ..a.clone()
        })
        .collect();
    let touchpoints: Vec<Touchpoint> = map
        .touchpoints()
        .map(|t| redact_fields(t, &label(t.stakeholder), false))
        .collect();
    // A snapshot's name is typed text ("Before Dana's review"): numbered instead.
    let snapshots: Vec<Snapshot> = map
        .snapshots()
        .iter()
        .enumerate()
        .map(|(n, snap)| {
            let mut snap = snap.clone();
            if !map.redacted {
                snap.name = format!("Snapshot {}", n + 1);
            }
            for e in &mut snap.entries {
                e.name = label(e.stakeholder);
            }
            snap
        })
        .collect();
    let mut numbers = std::collections::HashMap::new();
    let evidence: Vec<Evidence> = map
        .evidence()
        .map(|e| {
            let n = numbers.entry(e.fields.kind).or_insert(0);
            *n += 1;
            let label = format!("{} {n}", e.fields.kind.label());
            let keep = keep_metric_names && e.fields.kind == EvidenceKind::Metric;
            Evidence {
                fields: redact_fields(&e.fields, &label, keep),
                ..e.clone()
            }
        })
        .collect();
    let name = if map.redacted {
        map.name.clone()
    } else {
        super::names::fit_name(&map.name, " (redacted)")
    };
    let mut copy = StakeMap::from_parts(
        map.id,
        name,
        map.created_at,
        map.updated_at,
        stakeholders,
        actions,
        touchpoints,
    )
    .with_history(map.history().to_vec(), snapshots)
    .with_evidence(evidence);
    copy.redacted = true;
    copy
}

/// A record with each field redacted by its rule; `label` stands for the person it concerns.
fn redact_fields<R: Fields + Clone>(record: &R, label: &str, keep_names: bool) -> R {
    let mut out = record.clone();
    for f in R::FIELDS {
        let value = match &f.redact {
            Redact::Keep => continue,
            Redact::Clear => f.kind.empty(),
            Redact::Label => Val::Text(Cow::Owned(label.to_owned())),
            Redact::Replace(make) => Val::Text(Cow::Owned(make(record))),
            Redact::Named if keep_names => continue,
            Redact::Named => match f.kind {
                Kind::Text { required: true, .. } => Val::Text(Cow::Owned(label.to_owned())),
                kind => kind.empty(),
            },
        };
        (f.set)(&mut out, value);
    }
    out
}
