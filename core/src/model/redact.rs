//! Redacted copies and short labels, for sharing a map outside the core team.
//!
//! A map holds judgments about named people. Before it leaves the core team (a steering group,
//! a coach from another firm, a slide), every field a person typed is removed or coded, as
//! that field's redaction rule ([`Redact`], in each record's table) says: names become
//! initials or stable codes; organisations become codes ("Org A", the same organisation the
//! same code); tags go or become codes ("Tag 1"), as the user chooses; notes, roles, what they
//! care about, contact and relationship notes, owners, outcomes and evidence text are emptied
//! (who listens to whom is kept: the network is why such a copy is shared); action titles
//! become the playbook tactic's name; snapshots are numbered and the map takes a name the user
//! gives. Roles go too: for senior leaders a job title names the person as surely as their
//! name does. In a small team even a judgment names someone (the only "culture" skeptic in
//! Finance is the CFO), so root causes and positions can be left out as well
//! ([`RedactOptions`]).
//!
//! What the share dialog says a redacted copy keeps is generated from the same rules
//! ([`redaction_summary`]), so it always matches the file.
//!
//! Codes are derived from the stakeholder's id, so the same person has the same code in every
//! copy made from the same map, and a reader can talk about "S-3F2A" across two exports.

use super::action::{Action, ActionFields};
use super::evidence::{Evidence, EvidenceFields, EvidenceKind};
use super::fields::{Codes, FieldSpec, Fields, Judgment, Kind, Redact, Val};
use super::history::Snapshot;
use super::ids::StakeholderId;
use super::map::StakeMap;
use super::names::fit_name;
use super::relationship::{Relationship, RelationshipFields};
use super::stakeholder::{normalise_tags, Stakeholder, StakeholderFields};
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

/// What becomes of tags in a redacted copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TagRule {
    /// Removed.
    Remove,
    /// Each distinct tag replaced by a code ("Tag 1"), the same tag the same code.
    Code,
}

impl TagRule {
    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            TagRule::Remove => "Remove them",
            TagRule::Code => "Replace each by a code (“Tag 1”)",
        }
    }
}

/// How tags are coded when [`TagRule::Code`] is chosen.
pub const TAG_CODES: Codes = Codes {
    prefix: "Tag",
    letters: false,
};

/// The name a redacted copy takes when the user gives none. Never made from the map's own
/// name, which may name the people or the program.
pub const SHARED_MAP_NAME: &str = "Shared map";

/// The choices of one redacted copy. The file, the image and the sheets made for one sharing
/// use the same options, so they hold the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedactOptions {
    /// How people are named: initials or codes (`Names` is taken as codes).
    pub labels: LabelStyle,
    /// What becomes of tags.
    pub tags: TagRule,
    /// Metrics keep their names and units ("Engagement score", "%"), which the user may
    /// judge safe to share; stories' titles go in every case.
    pub keep_metric_names: bool,
    /// Leave out root causes (and so the tactics chosen for them, and the doubts evidence
    /// answers).
    pub leave_out_root_causes: bool,
    /// Leave out positions: everyone stands at the middle; targets, readings, how contacts
    /// went, tactics, the history of moves and snapshots go.
    pub leave_out_positions: bool,
    /// The shared copy's name, as the user typed it (see [`RedactOptions::copy_name`]).
    pub name: String,
}

impl Default for RedactOptions {
    fn default() -> Self {
        Self {
            labels: LabelStyle::Codes,
            tags: TagRule::Remove,
            keep_metric_names: false,
            leave_out_root_causes: false,
            leave_out_positions: false,
            name: SHARED_MAP_NAME.to_owned(),
        }
    }
}

impl RedactOptions {
    /// The default options with people named as `style` says.
    pub fn labelled(style: LabelStyle) -> Self {
        Self {
            labels: style,
            ..Self::default()
        }
    }

    /// How people are named in the copy: initials or codes, never full names.
    pub fn label_style(&self) -> LabelStyle {
        match self.labels {
            LabelStyle::Names => LabelStyle::Codes,
            style => style,
        }
    }

    /// True when the user leaves `judgment` out.
    pub fn leaves_out(&self, judgment: Judgment) -> bool {
        match judgment {
            Judgment::RootCauses => self.leave_out_root_causes,
            Judgment::Positions => self.leave_out_positions,
        }
    }

    /// The copy's name: what the user typed, within the rules for a map's name, or
    /// [`SHARED_MAP_NAME`] when they typed nothing.
    ///
    /// ```
    /// use stakemap_core::model::{RedactOptions, MAX_NAME_CHARS};
    /// let named = |name: &str| RedactOptions { name: name.into(), ..Default::default() }.copy_name();
    /// assert_eq!(named("  Steering group  "), "Steering group");
    /// assert_eq!(named(" "), "Shared map");
    /// assert_eq!(named(&"N".repeat(300)).chars().count(), MAX_NAME_CHARS);
    /// ```
    pub fn copy_name(&self) -> String {
        let name = fit_name(&self.name, "");
        if name.is_empty() {
            SHARED_MAP_NAME.to_owned()
        } else {
            name
        }
    }

    /// Why no image can be made of a copy with these options; `None` when one can.
    pub fn image_refusal(&self) -> Option<&'static str> {
        self.leave_out_positions.then_some(
            "No image while positions are left out: everyone would stand at the middle of the map.",
        )
    }
}

/// What a redacted copy does with one field or part of a map, given the options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Kept as it is.
    Kept,
    /// Emptied.
    Removed,
    /// Left out at the user's choice: emptied, a place set to the middle, a contact's
    /// sentiment to neutral, history and snapshots dropped.
    LeftOut,
    /// Replaced by the person's initials or code.
    Labelled,
    /// Replaced by a code, the same text the same code.
    Coded(Codes),
    /// Replaced by words made from the record, named so.
    Replaced(&'static str),
    /// Replaced by a number, as the examples show.
    Numbered(&'static str),
    /// Replaced by the name the user gave the copy.
    Renamed,
}

impl Outcome {
    /// What happens, in words, as the share dialog says it.
    pub fn words(self, options: &RedactOptions) -> String {
        match self {
            Outcome::Kept => "Kept".to_owned(),
            Outcome::Removed => "Removed".to_owned(),
            Outcome::LeftOut if options.leave_out_positions => {
                "Left out, as you chose (everyone stands at the middle of the map; contacts \
                 count as neutral)"
                    .to_owned()
            }
            Outcome::LeftOut => "Left out, as you chose".to_owned(),
            Outcome::Labelled => match options.label_style() {
                LabelStyle::Initials => "Replaced by initials (“DO”)".to_owned(),
                _ => "Replaced by codes (“S-3F2A”), the same in every copy of this map".to_owned(),
            },
            Outcome::Coded(codes) => format!(
                "Coded, the same text always the same code (“{}”, “{}”…)",
                codes.nth(0),
                codes.nth(1)
            ),
            Outcome::Replaced(words) => format!("Replaced by {words}"),
            Outcome::Numbered(examples) => format!("Numbered ({examples})"),
            Outcome::Renamed => format!("Replaced by the name you give, “{}”", options.copy_name()),
        }
    }

    /// Where its line comes in the description: what changes first, what is kept last.
    fn rank(self) -> u8 {
        match self {
            Outcome::Labelled => 0,
            Outcome::Coded(_) => 1,
            Outcome::Replaced(_) => 2,
            Outcome::Numbered(_) => 3,
            Outcome::Renamed => 4,
            Outcome::Removed => 5,
            Outcome::LeftOut => 6,
            Outcome::Kept => 7,
        }
    }
}

/// How evidence is numbered when its names go.
const EVIDENCE_NUMBERS: &str = "“Metric 1”, “Story 1”";
/// How snapshots are numbered.
const SNAPSHOT_NUMBERS: &str = "“Snapshot 1”, “Snapshot 2”";

/// What `options` do to a field; `keep_names` when the record's names are kept (a metric's,
/// when the user keeps metric names).
pub fn field_outcome<R>(
    field: &FieldSpec<R>,
    options: &RedactOptions,
    keep_names: bool,
) -> Outcome {
    match &field.redact {
        Redact::Keep => Outcome::Kept,
        Redact::Clear => Outcome::Removed,
        Redact::Label => Outcome::Labelled,
        Redact::Replace(_, words) => Outcome::Replaced(words),
        Redact::Named if keep_names => Outcome::Kept,
        Redact::Named => match field.kind {
            Kind::Text { required: true, .. } => Outcome::Numbered(EVIDENCE_NUMBERS),
            _ => Outcome::Removed,
        },
        Redact::Coded(codes) => Outcome::Coded(*codes),
        Redact::Tags => match options.tags {
            TagRule::Remove => Outcome::Removed,
            TagRule::Code => Outcome::Coded(TAG_CODES),
        },
        Redact::Judgment { of, .. } => {
            if of.iter().any(|j| options.leaves_out(*j)) {
                Outcome::LeftOut
            } else {
                Outcome::Kept
            }
        }
    }
}

/// A part of the map that is not a record's field, with what a redacted copy does with it.
struct MapPart {
    called: &'static str,
    outcome: fn(&RedactOptions) -> Outcome,
}

/// `kept` unless positions are left out.
fn unless_positions_left_out(options: &RedactOptions, kept: Outcome) -> Outcome {
    if options.leave_out_positions {
        Outcome::LeftOut
    } else {
        kept
    }
}

/// The map's own typed text and what goes with positions.
const MAP_PARTS: &[MapPart] = &[
    MapPart {
        called: "its name",
        outcome: |_| Outcome::Renamed,
    },
    MapPart {
        called: "snapshot names",
        outcome: |o| unless_positions_left_out(o, Outcome::Numbered(SNAPSHOT_NUMBERS)),
    },
    MapPart {
        called: "the names in snapshots",
        outcome: |o| unless_positions_left_out(o, Outcome::Labelled),
    },
    MapPart {
        called: "the places in snapshots",
        outcome: |o| unless_positions_left_out(o, Outcome::Kept),
    },
    MapPart {
        called: "the history of moves",
        outcome: |o| unless_positions_left_out(o, Outcome::Kept),
    },
];

/// What a redacted copy does with the map's parts (and records' fields) that share one
/// outcome: "Removed: people: the role, the notes; actions: the owner".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedactionLine {
    /// What happens to them.
    pub outcome: Outcome,
    /// That in words.
    pub words: String,
    /// Each part of the map ("people", "actions", "the map") with the fields it concerns, as
    /// sentences name them (each field's `called`).
    pub parts: Vec<(&'static str, Vec<&'static str>)>,
}

impl RedactionLine {
    /// The line as one sentence.
    pub fn text(&self) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(part, fields)| format!("{part}: {}", fields.join(", ")))
            .collect();
        format!("{}: {}.", self.words, parts.join("; "))
    }
}

/// The parts of a map a redacted copy describes, each with its fields and their outcomes
/// under `options`: walked from the same field tables the copy is made from.
fn redaction_parts(options: &RedactOptions) -> Vec<(&'static str, Vec<(&'static str, Outcome)>)> {
    fn of<R: Fields>(
        options: &RedactOptions,
        keep_names: bool,
        uses: impl Fn(&str) -> bool,
    ) -> Vec<(&'static str, Outcome)> {
        R::FIELDS
            .iter()
            .filter(|f| uses(f.key))
            .map(|f| (f.called, field_outcome(f, options, keep_names)))
            .collect()
    }
    let all = |_: &str| true;
    vec![
        ("people", of::<StakeholderFields>(options, false, all)),
        ("actions", of::<ActionFields>(options, false, all)),
        ("contacts", of::<Touchpoint>(options, false, all)),
        (
            "metrics",
            of::<EvidenceFields>(options, options.keep_metric_names, |k| {
                EvidenceKind::Metric.uses(k)
            }),
        ),
        (
            "stories",
            of::<EvidenceFields>(options, false, |k| EvidenceKind::Story.uses(k)),
        ),
        (
            "relationships",
            of::<RelationshipFields>(options, false, all),
        ),
        (
            "the map",
            MAP_PARTS
                .iter()
                .map(|p| (p.called, (p.outcome)(options)))
                .collect(),
        ),
    ]
}

/// What a redacted copy made with `options` does with everything in a map, one line per
/// outcome, what changes first and what is kept last. The share dialog shows it, so what it
/// says is what the file holds.
pub fn redaction_summary(options: &RedactOptions) -> Vec<RedactionLine> {
    let mut lines: Vec<RedactionLine> = Vec::new();
    for (part, fields) in redaction_parts(options) {
        for (called, outcome) in fields {
            let line = match lines.iter_mut().position(|l| l.outcome == outcome) {
                Some(i) => &mut lines[i],
                None => {
                    lines.push(RedactionLine {
                        outcome,
                        words: outcome.words(options),
                        parts: Vec::new(),
                    });
                    let last = lines.len() - 1;
                    &mut lines[last]
                }
            };
            match line.parts.iter_mut().find(|(p, _)| *p == part) {
                Some((_, list)) => list.push(called),
                None => line.parts.push((part, vec![called])),
            }
        }
    }
    crate::sort::by_key(&mut lines, |l| l.outcome.rank());
    lines
}

/// A copy safe to share outside the core team, made as `options` say: every field treated
/// by its redaction rule, the map named as the user chose, snapshots numbered (or, with
/// positions left out, dropped with the history of moves), and the copy marked as redacted.
pub fn redacted(map: &StakeMap, options: &RedactOptions) -> StakeMap {
    let style = options.label_style();
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
    // forgotten here. Codes are numbered in the order they first appear: people, then
    // evidence.
    let mut redactor = Redactor {
        options,
        codes: HashMap::new(),
        handed_out: HashMap::new(),
    };
    let stakeholders: Vec<Stakeholder> = map
        .stakeholders()
        .map(|s| Stakeholder {
            fields: redactor.fields(&s.fields, &label(s.id), false),
            ..s.clone()
        })
        .collect();
    let actions: Vec<Action> = map
        .actions()
        .map(|a| Action {
            fields: redactor.fields(&a.fields, &label(a.stakeholder), false),
            ..a.clone()
        })
        .collect();
    let touchpoints: Vec<Touchpoint> = map
        .touchpoints()
        .map(|t| redactor.fields(t, &label(t.stakeholder), false))
        .collect();
    let mut numbers = HashMap::new();
    let evidence: Vec<Evidence> = map
        .evidence()
        .map(|e| {
            let n = numbers.entry(e.fields.kind).or_insert(0);
            *n += 1;
            let label = format!("{} {n}", e.fields.kind.label());
            let keep = options.keep_metric_names && e.fields.kind == EvidenceKind::Metric;
            Evidence {
                fields: redactor.fields(&e.fields, &label, keep),
                ..e.clone()
            }
        })
        .collect();
    // Who listens to whom stays (the network is the point of sharing it); what was typed
    // about it goes as each field's rule says.
    let relationships: Vec<Relationship> = map
        .relationships()
        .map(|r| Relationship {
            fields: redactor.fields(&r.fields, "", false),
            ..r.clone()
        })
        .collect();
    let (history, snapshots) = if options.leave_out_positions {
        (Vec::new(), Vec::new())
    } else {
        // A snapshot's name is typed text ("Before Dana's review"): numbered instead.
        let snapshots: Vec<Snapshot> = map
            .snapshots()
            .iter()
            .enumerate()
            .map(|(n, snap)| {
                let mut snap = snap.clone();
                snap.name = format!("Snapshot {}", n + 1);
                for e in &mut snap.entries {
                    e.name = label(e.stakeholder);
                }
                snap
            })
            .collect();
        (map.history().to_vec(), snapshots)
    };
    let mut copy = StakeMap::from_parts(
        map.id,
        options.copy_name(),
        map.created_at,
        map.updated_at,
        stakeholders,
        actions,
        touchpoints,
    )
    .with_history(history, snapshots)
    .with_evidence(evidence)
    .with_relationships(relationships);
    copy.redacted = true;
    copy.positions_left_out = map.positions_left_out || options.leave_out_positions;
    copy
}

/// Applies the field rules of one copy, keeping the codes it has handed out.
struct Redactor<'a> {
    options: &'a RedactOptions,
    /// Each text coded so far (by the codes' prefix and the text without case or extra
    /// spaces), with its code.
    codes: HashMap<(&'static str, String), String>,
    /// How many codes of each prefix were handed out.
    handed_out: HashMap<&'static str, usize>,
}

impl Redactor<'_> {
    /// The code for `text`: the one it had, or the next free one. Empty text stays empty.
    fn code(&mut self, codes: Codes, text: &str) -> String {
        let same: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if same.is_empty() {
            return String::new();
        }
        if let Some(code) = self.codes.get(&(codes.prefix, same.clone())) {
            return code.clone();
        }
        let n = self.handed_out.entry(codes.prefix).or_insert(0);
        let code = codes.nth(*n);
        *n += 1;
        self.codes.insert((codes.prefix, same), code.clone());
        code
    }

    /// A record with each field redacted by its rule; `label` stands for the person (or
    /// item) it concerns, `keep_names` keeps the fields whose rule is [`Redact::Named`].
    fn fields<R: Fields + Clone>(&mut self, record: &R, label: &str, keep_names: bool) -> R {
        let mut out = record.clone();
        for f in R::FIELDS {
            let value = match (&f.redact, field_outcome(f, self.options, keep_names)) {
                (_, Outcome::Kept) => continue,
                // Made from the record as redacted, below.
                (Redact::Replace(..), _) => continue,
                (Redact::Judgment { left_out, .. }, Outcome::LeftOut) => {
                    left_out.map_or_else(|| f.kind.empty(), |value| value())
                }
                (_, Outcome::Labelled | Outcome::Numbered(_)) => {
                    Val::Text(Cow::Owned(label.to_owned()))
                }
                (_, Outcome::Coded(codes)) => match (f.get)(record) {
                    Val::Text(text) => Val::Text(Cow::Owned(self.code(codes, &text))),
                    Val::Tags(tags) => Val::Tags(Cow::Owned(normalise_tags(
                        tags.iter().map(|t| self.code(codes, t)),
                    ))),
                    _ => f.kind.empty(),
                },
                _ => f.kind.empty(),
            };
            (f.set)(&mut out, value);
        }
        // Replacements last, from the record as redacted: a tactic left out is not named by
        // the title made from it.
        for f in R::FIELDS {
            if let Redact::Replace(make, _) = &f.redact {
                let value = make(&out);
                (f.set)(&mut out, Val::Text(Cow::Owned(value)));
            }
        }
        out
    }
}
