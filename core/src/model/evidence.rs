//! The program evidence library: the metrics and stories that win skeptics, kept per map, and
//! matched to what each leader doubts and cares about.
//!
//! A skeptical leader is moved by evidence in their own terms: engagement before and after,
//! retention, a pilot with an agreed measure, a story from a similar organisation with figures
//! and a human face. The library keeps that evidence once; a contact that shared an item names
//! it (`Touchpoint::evidence`), which is the **shared with** log, so the sponsor brings
//! something new to each conversation instead of the same slide.

use super::fields::{
    token_entry, Amount, Column, FieldSpec, Fields, Judgment, Kind, Merge, Redact, TokenSet, Val,
};
use super::ids::EvidenceId;
use super::stakeholder::{
    normalise_causes, normalise_tags, RootCause, MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS,
    ROOT_CAUSES,
};
use super::time::{LocalDate, Timestamp};
use std::borrow::Cow;

/// Most items of evidence on one map. More is refused, in a file and as an edit.
pub const MAX_EVIDENCE: usize = 2_000;

token_enum! {
    /// What an item of evidence is.
    pub enum EvidenceKind as "snake_case" {
        /// A figure tracked over time: baseline, current value, target.
        Metric,
        /// A case or testimonial: what happened, with figures and a quote.
        Story,
    }
}

impl EvidenceKind {
    /// True when items of this kind use the field under `key` (a metric has values, a story
    /// has text); the forms show only those.
    pub fn uses(self, key: &str) -> bool {
        let metric_only = [
            "unit",
            "baseline",
            "baseline_date",
            "current",
            "current_date",
            "target",
        ];
        let story_only = ["summary", "figures", "quote"];
        match self {
            EvidenceKind::Metric => !story_only.contains(&key),
            EvidenceKind::Story => !metric_only.contains(&key),
        }
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Metric => "Metric",
            EvidenceKind::Story => "Story",
        }
    }
}

/// The kinds of evidence as a token set.
pub const EVIDENCE_KINDS: TokenSet = TokenSet {
    def: "evidenceKind",
    entry: |i| {
        token_entry(
            &EvidenceKind::ALL,
            i,
            EvidenceKind::key,
            EvidenceKind::label,
        )
    },
};

/// The editable parts of an item of evidence. A metric uses the value fields, a story the
/// text fields; both may say which doubts they answer and carry tags.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceFields {
    /// Metric or story.
    pub kind: EvidenceKind,
    /// A metric's name or a story's title (required).
    pub title: String,
    /// A metric's unit ("%", "days", "score out of 5").
    pub unit: String,
    /// A metric's starting value.
    pub baseline: Option<Amount>,
    /// When the baseline was measured.
    pub baseline_date: Option<LocalDate>,
    /// A metric's latest value.
    pub current: Option<Amount>,
    /// When the latest value was measured.
    pub current_date: Option<LocalDate>,
    /// A metric's target.
    pub target: Option<Amount>,
    /// A story's summary: what happened.
    pub summary: String,
    /// A story's figures ("attrition 18% → 11% in a year").
    pub figures: String,
    /// A quote from someone who took part.
    pub quote: String,
    /// Where it comes from (a survey, HR data, a published study).
    pub source: String,
    /// The doubts it answers.
    pub answers: Vec<RootCause>,
    /// Labels, also matched against what a leader cares about.
    pub tags: Vec<String>,
    /// Free notes.
    pub notes: String,
}

/// One item of program evidence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// Stable identity.
    pub id: EvidenceId,
    /// The editable parts.
    pub fields: EvidenceFields,
    /// When it was added.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

const fn col(header: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { header, aliases }
}

const fn text(max: usize) -> Kind {
    Kind::Text {
        max,
        required: false,
    }
}

impl Fields for EvidenceFields {
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec {
            key: "kind",
            label: "Kind",
            called: "the kind of evidence",
            about: "A metric (values over time) or a story (a case or testimonial).",
            kind: Kind::Token {
                set: EVIDENCE_KINDS,
                required: true,
            },
            csv: &[col("Kind", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Token(Some(f.kind.key())),
            set: |f, v| {
                if let Val::Token(Some(t)) = v {
                    if let Some(k) = EvidenceKind::from_key(t) {
                        f.kind = k;
                    }
                }
            },
        },
        FieldSpec {
            key: "title",
            label: "Title",
            called: "the title",
            about: "A metric's name or a story's title.",
            kind: Kind::Text {
                max: MAX_SHORT_TEXT_CHARS,
                required: true,
            },
            csv: &[col("Title", &["name", "metric", "story"])],
            merge: Merge::WithRecord,
            // Metric names are often safe to share ("Engagement score"); story titles name
            // teams and people. The user chooses whether names stay.
            redact: Redact::Named,
            get: |f| Val::Text(Cow::Borrowed(&f.title)),
            set: |f, v| f.title = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "unit",
            label: "Unit",
            called: "the unit",
            about: "",
            kind: text(40),
            csv: &[col("Unit", &[])],
            merge: Merge::WithRecord,
            // Typed text: kept only with the metric's name, when the user asks.
            redact: Redact::Named,
            get: |f| Val::Text(Cow::Borrowed(&f.unit)),
            set: |f, v| f.unit = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "baseline",
            label: "Baseline",
            called: "the baseline",
            about: "",
            kind: Kind::Amount,
            csv: &[col("Baseline", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Amount(f.baseline),
            set: |f, v| {
                if let Val::Amount(a) = v {
                    f.baseline = a;
                }
            },
        },
        FieldSpec {
            key: "baseline_date",
            label: "Baseline date",
            called: "the baseline's date",
            about: "",
            kind: Kind::Date { required: false },
            csv: &[col("Baseline date", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Date(f.baseline_date),
            set: |f, v| {
                if let Val::Date(d) = v {
                    f.baseline_date = d;
                }
            },
        },
        FieldSpec {
            key: "current",
            label: "Current",
            called: "the current value",
            about: "",
            kind: Kind::Amount,
            csv: &[col("Current", &["latest"])],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Amount(f.current),
            set: |f, v| {
                if let Val::Amount(a) = v {
                    f.current = a;
                }
            },
        },
        FieldSpec {
            key: "current_date",
            label: "Current date",
            called: "the current value's date",
            about: "",
            kind: Kind::Date { required: false },
            csv: &[col("Current date", &["latest date"])],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Date(f.current_date),
            set: |f, v| {
                if let Val::Date(d) = v {
                    f.current_date = d;
                }
            },
        },
        FieldSpec {
            key: "target",
            label: "Target",
            called: "the target",
            about: "",
            kind: Kind::Amount,
            csv: &[col("Target", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Amount(f.target),
            set: |f, v| {
                if let Val::Amount(a) = v {
                    f.target = a;
                }
            },
        },
        FieldSpec {
            key: "summary",
            label: "Summary",
            called: "the summary",
            about: "",
            kind: text(MAX_LONG_TEXT_CHARS),
            csv: &[col("Summary", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.summary)),
            set: |f, v| f.summary = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "figures",
            label: "Figures",
            called: "the figures",
            about: "",
            kind: text(MAX_SHORT_TEXT_CHARS),
            csv: &[col("Figures", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.figures)),
            set: |f, v| f.figures = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "quote",
            label: "Quote",
            called: "the quote",
            about: "",
            kind: text(MAX_LONG_TEXT_CHARS),
            csv: &[col("Quote", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.quote)),
            set: |f, v| f.quote = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "source",
            label: "Source",
            called: "the source",
            about: "",
            kind: text(MAX_SHORT_TEXT_CHARS),
            csv: &[col("Source", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.source)),
            set: |f, v| f.source = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "answers",
            label: "Answers",
            called: "root causes it answers",
            about: "The reasons for doubt this evidence answers.",
            kind: Kind::TokenList(ROOT_CAUSES),
            csv: &[col("Answers", &["root causes", "causes"])],
            merge: Merge::WithRecord,
            // With the shared-with log, the doubts an item answers tell the doubts of the
            // people it was shared with.
            redact: Redact::Judgment {
                of: &[Judgment::RootCauses],
                left_out: None,
            },
            get: |f| Val::Tokens(f.answers.iter().map(|c| c.key()).collect()),
            set: |f, v| {
                if let Val::Tokens(list) = v {
                    f.answers =
                        normalise_causes(list.iter().filter_map(|t| RootCause::from_key(t)));
                }
            },
        },
        FieldSpec {
            key: "tags",
            label: "Tags",
            called: "the tags",
            about: "",
            kind: Kind::Tags,
            csv: &[col("Tags", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Tags,
            get: |f| Val::Tags(Cow::Borrowed(&f.tags)),
            set: |f, v| {
                if let Val::Tags(t) = v {
                    f.tags = normalise_tags(t.iter().map(String::as_str));
                }
            },
        },
        FieldSpec {
            key: "notes",
            label: "Notes",
            called: "the notes",
            about: "",
            kind: text(MAX_LONG_TEXT_CHARS),
            csv: &[col("Notes", &[])],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.notes)),
            set: |f, v| f.notes = v.text().trim().to_owned(),
        },
    ];

    fn blank() -> Self {
        EvidenceFields {
            kind: EvidenceKind::Metric,
            title: String::new(),
            unit: String::new(),
            baseline: None,
            baseline_date: None,
            current: None,
            current_date: None,
            target: None,
            summary: String::new(),
            figures: String::new(),
            quote: String::new(),
            source: String::new(),
            answers: Vec::new(),
            tags: Vec::new(),
            notes: String::new(),
        }
    }
}

impl EvidenceFields {
    /// Where a metric's latest value stands against its target.
    pub fn standing(&self) -> Standing {
        standing(self.baseline, self.current, self.target)
    }
}

/// How a metric stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Not enough values to say.
    Unknown,
    /// Moving toward the target, not there yet.
    Toward,
    /// At or past the target.
    Met,
    /// Moved away from the target since the baseline.
    Away,
    /// No change since the baseline.
    Flat,
}

impl Standing {
    /// In words, for lists and the report.
    pub fn words(self) -> &'static str {
        match self {
            Standing::Unknown => "not measured yet",
            Standing::Toward => "moving toward target",
            Standing::Met => "target met",
            Standing::Away => "moving away from target",
            Standing::Flat => "no change yet",
        }
    }
}

/// Where `value` stands on the way from `baseline` to `target` (the target may be above or
/// below the baseline: lower attrition is better).
///
/// ```
/// use stakemap_core::model::{standing, Amount, Standing};
/// let a = |v: f64| Amount::new(v);
/// assert_eq!(standing(a(18.0), a(14.0), a(12.0)), Standing::Toward);
/// assert_eq!(standing(a(18.0), a(11.0), a(12.0)), Standing::Met);
/// assert_eq!(standing(a(64.0), a(60.0), a(75.0)), Standing::Away);
/// ```
pub fn standing(
    baseline: Option<Amount>,
    value: Option<Amount>,
    target: Option<Amount>,
) -> Standing {
    let (Some(value), Some(target)) = (value, target) else {
        return Standing::Unknown;
    };
    let (v, t) = (value.get(), target.get());
    let Some(b) = baseline.map(Amount::get) else {
        return if v == t {
            Standing::Met
        } else {
            Standing::Unknown
        };
    };
    let up = t >= b;
    if (up && v >= t) || (!up && v <= t) {
        Standing::Met
    } else if v == b {
        Standing::Flat
    } else if (v > b) == up {
        Standing::Toward
    } else {
        Standing::Away
    }
}

impl Evidence {
    /// Where a metric stands against its target.
    pub fn standing(&self) -> Standing {
        self.fields.standing()
    }

    /// A one-line account of the item: "Engagement score: 64 → 71 % (target 75, moving toward
    /// target)" or a story's figures.
    pub fn line(&self) -> String {
        let f = &self.fields;
        match f.kind {
            EvidenceKind::Metric => {
                let unit = if f.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", f.unit)
                };
                let value = |a: Option<Amount>| a.map_or_else(|| "?".to_owned(), Amount::show);
                let mut line = match (f.baseline, f.current) {
                    (None, None) => "no values yet".to_owned(),
                    (b, c) => format!("{} → {}{unit}", value(b), value(c)),
                };
                if let Some(t) = f.target {
                    line.push_str(&format!(
                        " (target {}, {})",
                        t.show(),
                        self.standing().words()
                    ));
                }
                line
            }
            EvidenceKind::Story => {
                if f.figures.is_empty() {
                    f.summary.chars().take(140).collect()
                } else {
                    f.figures.clone()
                }
            }
        }
    }

    /// The words matched against what a leader cares about: the title, unit, tags and, for a
    /// story, its figures.
    pub fn match_words(&self) -> Vec<&str> {
        let f = &self.fields;
        let mut out: Vec<&str> = Vec::new();
        out.extend(words(&f.title));
        out.extend(words(&f.unit));
        for tag in &f.tags {
            out.extend(words(tag));
        }
        out.extend(words(&f.figures));
        out
    }
}

/// The words of a text worth matching: letters and digits, three characters or more.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
}

/// The phrases of what someone cares about (split at commas, semicolons, slashes, full stops
/// and line ends) that share a word stem with `words`, trimmed, in lower case, without repeats:
/// "Return on spend, headcount cost" against a metric tagged "headcount cost" gives
/// `["headcount cost"]`. The evidence tab and the playbook both match this way.
pub fn cares_phrases(cares_about: &str, words_of_item: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for phrase in cares_about.split([',', ';', '/', '\n', '.']).map(str::trim) {
        let hit = words(phrase).any(|w| words_of_item.iter().any(|i| same_stem(w, i)));
        let phrase = phrase.to_lowercase();
        if hit && !out.contains(&phrase) {
            out.push(phrase);
        }
    }
    out
}

/// Shared stems of two words (case-insensitive): equal, or one starts with the other and the
/// shorter has at least four letters ("retain" and "retention" do not; "retention" and
/// "retentions" do).
pub fn same_stem(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.chars().count() >= 4 && long.starts_with(short.as_str())
}

/// Why an item of evidence suits a leader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvidenceMatch {
    /// Their reasons for doubt it answers.
    pub causes: Vec<RootCause>,
    /// Phrases of what they care about that it matches, in lower case.
    pub cares: Vec<String>,
}

impl EvidenceMatch {
    /// True when it answers a cause or matches a word.
    pub fn any(&self) -> bool {
        !self.causes.is_empty() || !self.cares.is_empty()
    }

    /// Why it suits them, in a line a sponsor can read aloud: "Answers: value not visible;
    /// matches “regretted attrition” in what they care about".
    pub fn why(&self) -> String {
        let mut parts = Vec::new();
        if !self.causes.is_empty() {
            let causes: Vec<String> = self
                .causes
                .iter()
                .map(|c| c.label().to_lowercase())
                .collect();
            parts.push(format!("Answers: {}", causes.join(", ")));
        }
        if !self.cares.is_empty() {
            let words: Vec<String> = self.cares.iter().map(|w| format!("“{w}”")).collect();
            parts.push(format!(
                "matches {} in what they care about",
                words.join(", ")
            ));
        }
        parts.join("; ")
    }
}

impl Evidence {
    /// How this item suits a leader with these causes who cares about `cares_about`.
    ///
    /// ```
    /// use stakemap_core::model::{Evidence, EvidenceFields, EvidenceId, Fields, RootCause};
    /// let mut fields = EvidenceFields::blank();
    /// fields.title = "Regretted attrition in coached teams".into();
    /// fields.answers = vec![RootCause::Culture];
    /// let e = Evidence { id: EvidenceId(Default::default()), fields, created_at: Default::default(), updated_at: Default::default() };
    /// let m = e.matches(&[RootCause::Culture, RootCause::CoachDoubts], "Return on spend, regretted attrition");
    /// assert_eq!(m.causes, [RootCause::Culture]);
    /// assert_eq!(m.cares, ["regretted attrition"]);
    /// ```
    pub fn matches(&self, causes: &[RootCause], cares_about: &str) -> EvidenceMatch {
        EvidenceMatch {
            causes: self
                .fields
                .answers
                .iter()
                .copied()
                .filter(|c| causes.contains(c))
                .collect(),
            cares: cares_phrases(cares_about, &self.match_words()),
        }
    }
}
