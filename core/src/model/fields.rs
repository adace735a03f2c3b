//! Each record's fields, defined once.
//!
//! A record (a stakeholder's fields, an action's fields, a contact) lists its fields in one
//! table of [`FieldSpec`]s, next to the struct: the key in files, the label, the kind of value
//! with its limits, the spreadsheet columns, what a merge does with it and what redaction does
//! with it, and how to get and set it. Everything that walks a record's fields is derived from
//! that table: the file reader and writer and the published JSON Schema (in `format`), the
//! spreadsheet sheets, the merge preview, redaction, and the rule check that edits pass. Adding a
//! field is one struct field and one table entry; the table's `destructure` guard makes the
//! compiler refuse a struct field the table does not list.

use super::cadence::CADENCE_RANGE;
use super::ids::EvidenceId;
use super::stakeholder::{
    axis_problem, lower_first, normalise_tags, text_problem, Position, AXIS_MAX,
    MAX_SHORT_TEXT_CHARS, MAX_TAGS,
};
use super::time::LocalDate;
use std::borrow::Cow;

/// A fixed set of tokens (root causes, tactics, statuses…): how each is written in files and
/// shown to people.
#[derive(Clone, Copy, Debug)]
pub struct TokenSet {
    /// The name of its definition in the JSON Schema, e.g. `rootCause`.
    pub def: &'static str,
    /// The token and label at a place in canonical order (`None` past the end), so that
    /// looking one up allocates nothing.
    pub entry: fn(usize) -> Option<(&'static str, &'static str)>,
}

impl TokenSet {
    /// Each token with its label, in canonical order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let entry = self.entry;
        (0..).map_while(entry)
    }

    /// Every token, in canonical order.
    pub fn tokens(&self) -> Vec<&'static str> {
        self.entries().map(|(t, _)| t).collect()
    }

    /// The known token equal to `token`.
    pub fn known(&self, token: &str) -> Option<&'static str> {
        self.entries().find(|(t, _)| *t == token).map(|(t, _)| t)
    }

    /// The label of a token (the token itself when unknown).
    pub fn label(&self, token: &'static str) -> &'static str {
        self.entries()
            .find(|(t, _)| *t == token)
            .map_or(token, |(_, l)| l)
    }

    /// The token a person wrote in a spreadsheet: its label, the token, or the token's words
    /// ("in progress", "listens to"), in any case.
    pub fn find(&self, text: &str) -> Option<&'static str> {
        let text = text.trim();
        let words = |t: &str| t.replace('_', " ");
        self.entries()
            .find(|(t, l)| {
                l.eq_ignore_ascii_case(text)
                    || t.eq_ignore_ascii_case(text)
                    || words(t).eq_ignore_ascii_case(&words(text))
            })
            .map(|(t, _)| t)
    }

    /// Where a token stands in canonical order (for sorting lists of tokens).
    pub fn rank(&self, token: &str) -> Option<usize> {
        self.entries().position(|(t, _)| t == token)
    }
}

/// The token and label of the `i`-th value of an enum, for a [`TokenSet`].
pub fn token_entry<T: Copy>(
    all: &[T],
    i: usize,
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Option<(&'static str, &'static str)> {
    all.get(i).map(|t| (key(*t), label(*t)))
}

/// What a field holds, with its limits: decides how it is read, written, checked, shown and
/// described in the schema.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Text, trimmed, at most `max` characters; `required` text may not be empty.
    Text {
        /// Most characters.
        max: usize,
        /// True when it may not be empty.
        required: bool,
    },
    /// A place on the map, written as two required 0–100 numbers `influence` and `skepticism`
    /// beside the record's other keys.
    Position,
    /// An optional 0–100 reading, left out of the file when absent.
    Reading,
    /// A set of tokens in canonical order, without repeats.
    TokenList(TokenSet),
    /// Labels: at most [`MAX_TAGS`] short texts, without repeats.
    Tags,
    /// An optional number of days in [`CADENCE_RANGE`]; `null` when absent.
    Days,
    /// An optional place, `{"influence": …, "skepticism": …}` or `null`.
    Target,
    /// A calendar day `YYYY-MM-DD`; optional ones may be `null`.
    Date {
        /// True when it must be given.
        required: bool,
    },
    /// One token of a set; optional ones may be `null`.
    Token {
        /// The tokens allowed.
        set: TokenSet,
        /// True when it must be given.
        required: bool,
    },
    /// An optional number (a measure's value: 72, 4.5, -3), written as a JSON number and left
    /// out of the file when absent.
    Amount,
    /// An optional link to an item of the map's program evidence, written as its id.
    EvidenceRef,
}

/// A measured value (a metric's baseline, an agreed measure's result): a finite number within
/// ±[`Amount::LIMIT`], so that it orders, compares and is written back exactly as read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Amount(f64);

impl Amount {
    /// The largest size a value may have.
    pub const LIMIT: f64 = 1e15;

    /// The value, when it is a finite number within the limit.
    pub fn new(value: f64) -> Option<Self> {
        (value.is_finite() && value.abs() <= Self::LIMIT).then_some(Amount(value + 0.0))
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }

    /// Reads what a person typed: "72", "4.5", "1,250.5", "4,5" (a decimal comma), "-3", "12%"
    /// (the sign is ignored). A comma followed by three digits groups thousands; a single
    /// comma followed by other digits is a decimal comma, as many European users write.
    ///
    /// ```
    /// use stakemap_core::model::Amount;
    /// assert_eq!(Amount::parse("1,250.5").map(Amount::get), Some(1250.5));
    /// assert_eq!(Amount::parse("12,500").map(Amount::get), Some(12500.0));
    /// assert_eq!(Amount::parse("6,5").map(Amount::get), Some(6.5));
    /// assert_eq!(Amount::parse(" 64 % ").map(Amount::get), Some(64.0));
    /// assert!(Amount::parse("about 60").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches('%').trim();
        let grouped = |t: &str| {
            let mut parts = t.split(',');
            parts.next().is_some_and(|p| !p.is_empty())
                && parts.all(|p| {
                    let digits = p.split('.').next().unwrap_or("");
                    digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit())
                })
        };
        let plain = if !text.contains(',') {
            text.to_owned()
        } else if grouped(text) {
            text.replace(',', "")
        } else if text.matches(',').count() == 1 && !text.contains('.') {
            text.replace(',', ".")
        } else {
            return None;
        };
        plain.parse::<f64>().ok().and_then(Self::new)
    }

    /// The value as shown, typed back into a form and written to a spreadsheet: the shortest
    /// text that reads back as exactly this number ("64", "4.5", "0.0004").
    pub fn show(self) -> String {
        format!("{}", self.0)
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Amount {}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Whole numbers are written without a fraction, as a person would write them.
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// A field's value, borrowed from the record where it can be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val<'a> {
    /// [`Kind::Text`].
    Text(Cow<'a, str>),
    /// [`Kind::Position`].
    Position(Position),
    /// [`Kind::Reading`].
    Reading(Option<u8>),
    /// [`Kind::TokenList`].
    Tokens(Vec<&'static str>),
    /// [`Kind::Tags`].
    Tags(Cow<'a, [String]>),
    /// [`Kind::Days`].
    Days(Option<u16>),
    /// [`Kind::Target`].
    Target(Option<Position>),
    /// [`Kind::Date`].
    Date(Option<LocalDate>),
    /// [`Kind::Token`].
    Token(Option<&'static str>),
    /// [`Kind::Amount`].
    Amount(Option<Amount>),
    /// [`Kind::EvidenceRef`].
    Ref(Option<EvidenceId>),
}

impl Val<'_> {
    /// The same value, owning its text.
    pub fn into_owned(self) -> Val<'static> {
        match self {
            Val::Text(t) => Val::Text(Cow::Owned(t.into_owned())),
            Val::Tags(t) => Val::Tags(Cow::Owned(t.into_owned())),
            Val::Position(p) => Val::Position(p),
            Val::Reading(r) => Val::Reading(r),
            Val::Tokens(t) => Val::Tokens(t),
            Val::Days(d) => Val::Days(d),
            Val::Target(t) => Val::Target(t),
            Val::Date(d) => Val::Date(d),
            Val::Token(t) => Val::Token(t),
            Val::Amount(a) => Val::Amount(a),
            Val::Ref(r) => Val::Ref(r),
        }
    }

    /// The text of a text value (empty for any other).
    pub fn text(&self) -> &str {
        match self {
            Val::Text(t) => t,
            _ => "",
        }
    }
}

/// What merging two copies of a map does with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Shown in the merge preview when the copies differ; the user chooses, with the newer
    /// value chosen at first.
    Choose,
    /// Goes with its record: the copy changed last wins as a whole.
    WithRecord,
}

/// What a redacted copy does with a field. Every field a person types (text, tags) is
/// removed, replaced or coded, never kept as it is: `tests/redaction.rs` walks every table
/// and refuses a text or tags field whose rule is [`Redact::Keep`], so a new field cannot be
/// forgotten. The share dialog's description of a redacted copy is generated from the same
/// rules ([`redaction_summary`](super::redaction_summary)).
pub enum Redact<R: 'static> {
    /// Kept as it is (not typed text, and needed to read the map).
    Keep,
    /// Emptied.
    Clear,
    /// Replaced by the person's initials or code.
    Label,
    /// Replaced by text made from the record as redaction leaves its other fields (an
    /// action's title by its tactic's name, unless the tactic was left out too), with how a
    /// sentence names that text ("the playbook tactic's name").
    Replace(fn(&R) -> String, &'static str),
    /// Part of a name the user may choose to keep (a metric's name and unit): kept when they
    /// ask; otherwise a text required by the record is replaced by the record's label
    /// ("Metric 2") and any other is emptied.
    Named,
    /// Replaced by a code, the same text (ignoring case and spacing) the same code across the
    /// map, numbered in order of first appearance: an organisation becomes "Org A".
    Coded(Codes),
    /// Labels: removed, or each distinct one coded across the map ("Tag 1"), as the user
    /// chooses.
    Tags,
    /// A judgment about the person that can name them in a small team (why they doubt,
    /// where they stand: the only "culture" skeptic in Finance is the CFO). Kept, unless the
    /// user leaves out one of `of`; then the field is emptied (a place becomes the middle of
    /// the map), or, for a field that cannot be empty, set to what `left_out` gives.
    Judgment {
        /// The judgments it reveals.
        of: &'static [Judgment],
        /// Its value when left out, for a field whose kind has no empty value.
        left_out: Option<fn() -> Val<'static>>,
    },
}

/// A judgment about people that a redacted copy can leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Judgment {
    /// Why they doubt the program (and so the tactics chosen for them).
    RootCauses,
    /// Where they stand: places, targets, readings, how contacts went.
    Positions,
}

/// How the codes of a [`Redact::Coded`] field read: a prefix and a letter ("Org A", "Org B",
/// …, "Org Z", "Org AA") or a number ("Tag 1").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Codes {
    /// The word before the letter or number.
    pub prefix: &'static str,
    /// Letters rather than numbers.
    pub letters: bool,
}

impl Codes {
    /// The code for the `n`-th distinct text, counted from 0.
    ///
    /// ```
    /// use stakemap_core::model::Codes;
    /// let org = Codes { prefix: "Org", letters: true };
    /// assert_eq!([org.nth(0), org.nth(25), org.nth(26)], ["Org A", "Org Z", "Org AA"]);
    /// assert_eq!(Codes { prefix: "Tag", letters: false }.nth(0), "Tag 1");
    /// ```
    pub fn nth(self, n: usize) -> String {
        if !self.letters {
            return format!("{} {}", self.prefix, n + 1);
        }
        // Bijective base 26: A … Z, AA … AZ, BA …
        let mut letters = Vec::new();
        let mut n = n + 1;
        while n > 0 {
            n -= 1;
            letters.push(char::from(b'A' + (n % 26) as u8));
            n /= 26;
        }
        letters.reverse();
        format!(
            "{} {}",
            self.prefix,
            letters.into_iter().collect::<String>()
        )
    }
}

/// One spreadsheet column: the header written, and other headers read as the same column
/// (compared without case, spaces or punctuation).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The header as exported.
    pub header: &'static str,
    /// Other headers taken for it when reading.
    pub aliases: &'static [&'static str],
}

/// One field of a record `R`, defined once.
pub struct FieldSpec<R: 'static> {
    /// Its key in files and in merge decisions.
    pub key: &'static str,
    /// Its label in the merge preview and lists.
    pub label: &'static str,
    /// How a sentence names it: "the name", "what they care about".
    pub called: &'static str,
    /// What it means, for the JSON Schema ("" for nothing to add).
    pub about: &'static str,
    /// What it holds, with its limits.
    pub kind: Kind,
    /// Its spreadsheet columns, in order (two for a place); none when not in sheets.
    pub csv: &'static [Column],
    /// What a merge does with it.
    pub merge: Merge,
    /// What redaction does with it.
    pub redact: Redact<R>,
    /// Its value in a record.
    pub get: for<'a> fn(&'a R) -> Val<'a>,
    /// Sets it (a value of another kind leaves the record as it is).
    pub set: fn(&mut R, Val<'_>),
}

/// A record whose fields are listed in a table.
pub trait Fields: Sized + 'static {
    /// The fields, in the order files, sheets and the preview show them.
    const FIELDS: &'static [FieldSpec<Self>];
    /// A record with every field empty or at its default, for readers to fill in.
    fn blank() -> Self;
    /// The first field whose value breaks its rules, in words; `None` when all keep them.
    fn problem(&self) -> Option<String> {
        Self::FIELDS.iter().find_map(|f| f.problem(self))
    }
}

fn sentence_start(called: &str) -> String {
    let mut chars = called.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn place_words(p: Position) -> String {
    format!(
        "influence {}, skepticism {} ({})",
        p.influence,
        p.skepticism,
        p.quadrant().name()
    )
}

fn parse_axis(text: &str, label: &str) -> Result<u8, String> {
    if text.trim().is_empty() {
        return Err(format!(
            "Enter {} from 0 to {AXIS_MAX}.",
            label.to_lowercase()
        ));
    }
    match text.trim().parse::<i64>() {
        Ok(v) if (0..=i64::from(AXIS_MAX)).contains(&v) => Ok(v as u8),
        Ok(v) => Err(format!(
            "{label} must be between 0 and {AXIS_MAX} (you typed {v})."
        )),
        Err(_) => Err(format!(
            "{label} must be a whole number from 0 to {AXIS_MAX}."
        )),
    }
}

fn parse_optional_axis(text: &str, label: &str) -> Result<Option<u8>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_axis(text, label).map(Some)
    }
}

impl Kind {
    /// The value of an empty field of this kind (what redaction leaves when it clears one).
    pub fn empty(self) -> Val<'static> {
        match self {
            Kind::Text { .. } => Val::Text(Cow::Borrowed("")),
            Kind::Position => Val::Position(Position::default()),
            Kind::Reading => Val::Reading(None),
            Kind::TokenList(_) => Val::Tokens(Vec::new()),
            Kind::Tags => Val::Tags(Cow::Owned(Vec::new())),
            Kind::Days => Val::Days(None),
            Kind::Target => Val::Target(None),
            Kind::Date { .. } => Val::Date(None),
            Kind::Token { .. } => Val::Token(None),
            Kind::Amount => Val::Amount(None),
            Kind::EvidenceRef => Val::Ref(None),
        }
    }
}

impl<R> FieldSpec<R> {
    /// How this field of `record` breaks its rules, in words; `None` when it keeps them.
    pub fn problem(&self, record: &R) -> Option<String> {
        let called = sentence_start(self.called);
        match ((self.get)(record), self.kind) {
            (Val::Text(t), Kind::Text { max, required }) => {
                text_problem(&called, &t, max, required)
            }
            (Val::Position(p), _) => p.problem(),
            (Val::Reading(r), _) => r.and_then(|v| axis_problem(&called, v)),
            (Val::Target(t), _) => t
                .and_then(Position::problem)
                .map(|why| format!("{called}: {}", lower_first(&why))),
            (Val::Tags(tags), _) => (tags.len() > MAX_TAGS)
                .then(|| {
                    format!(
                        "There are {} tags; at most {MAX_TAGS} are allowed.",
                        tags.len()
                    )
                })
                .or_else(|| {
                    tags.iter()
                        .find_map(|t| text_problem("A tag", t, MAX_SHORT_TEXT_CHARS, false))
                }),
            (Val::Days(d), _) => d.filter(|d| !CADENCE_RANGE.contains(d)).map(|d| {
                format!(
                    "Contact every {d} days is outside {} to {} days.",
                    CADENCE_RANGE.start(),
                    CADENCE_RANGE.end()
                )
            }),
            _ => None,
        }
    }

    /// The field's value in `record` as the merge preview shows it.
    pub fn show(&self, record: &R) -> String {
        let or_empty = |s: String| {
            if s.trim().is_empty() {
                "(empty)".to_owned()
            } else {
                s
            }
        };
        match ((self.get)(record), self.kind) {
            (Val::Text(t), _) => or_empty(t.into_owned()),
            (Val::Position(p), _) => place_words(p),
            (Val::Reading(r), _) => r.map_or_else(|| "none".to_owned(), |v| v.to_string()),
            (Val::Tokens(list), Kind::TokenList(set)) => or_empty(
                list.iter()
                    .map(|t| set.label(t))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (Val::Tags(tags), _) => or_empty(tags.join(", ")),
            (Val::Days(d), _) => match d {
                Some(d) => format!("every {d} days"),
                None => "the quadrant's default".to_owned(),
            },
            (Val::Target(t), _) => t.map_or_else(|| "none".to_owned(), place_words),
            (Val::Date(d), _) => d.map_or_else(|| "none".to_owned(), |d| d.iso()),
            (Val::Token(Some(t)), Kind::Token { set, .. }) => set.label(t).to_owned(),
            (Val::Amount(Some(a)), _) => a.show(),
            (Val::Ref(Some(r)), _) => r.to_string(),
            _ => "none".to_owned(),
        }
    }

    /// The field's spreadsheet cells (one per column) for `record`.
    pub fn cells(&self, record: &R) -> Vec<String> {
        let num = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
        match ((self.get)(record), self.kind) {
            (Val::Text(t), _) => vec![t.into_owned()],
            (Val::Position(p), _) => vec![p.influence.to_string(), p.skepticism.to_string()],
            (Val::Reading(r), _) => vec![num(r)],
            (Val::Tokens(list), Kind::TokenList(set)) => vec![list
                .iter()
                .map(|t| set.label(t))
                .collect::<Vec<_>>()
                .join("; ")],
            (Val::Tags(tags), _) => vec![tags.join(", ")],
            (Val::Days(d), _) => vec![d.map(|d| d.to_string()).unwrap_or_default()],
            (Val::Target(t), _) => vec![num(t.map(|t| t.influence)), num(t.map(|t| t.skepticism))],
            (Val::Date(d), _) => vec![d.map(|d| d.iso()).unwrap_or_default()],
            (Val::Token(Some(t)), Kind::Token { set, .. }) => vec![set.label(t).to_owned()],
            (Val::Amount(a), _) => vec![a.map(Amount::show).unwrap_or_default()],
            (Val::Ref(r), _) => vec![r.map(|r| r.to_string()).unwrap_or_default()],
            _ => vec![String::new()],
        }
    }

    /// Reads the field from its spreadsheet cells (one per column, `None` for a column the
    /// sheet does not have); `Ok(None)` when the sheet has none of its columns. Limits are
    /// checked afterwards, by [`FieldSpec::problem`].
    pub fn from_cells(&self, cells: &[Option<&str>]) -> Result<Option<Val<'static>>, String> {
        if cells.iter().all(Option::is_none) {
            return Ok(None);
        }
        let cell = |i: usize| cells.get(i).copied().flatten().unwrap_or("").trim();
        let header = |i: usize| self.csv.get(i).map_or(self.label, |c| c.header);
        let value = match self.kind {
            // Said as the form says it: "Enter a name."
            Kind::Text { required: true, .. } if cell(0).is_empty() => {
                return Err(format!("Enter {}.", self.called.replacen("the ", "a ", 1)))
            }
            Kind::Text { .. } => Val::Text(Cow::Owned(cell(0).to_owned())),
            Kind::Position => {
                let influence = parse_axis(cell(0), header(0));
                let skepticism = parse_axis(cell(1), header(1));
                match (influence, skepticism) {
                    (Ok(influence), Ok(skepticism)) => Val::Position(Position {
                        influence,
                        skepticism,
                    }),
                    (Err(a), Err(b)) => return Err(format!("{a} {b}")),
                    (Err(why), _) | (_, Err(why)) => return Err(why),
                }
            }
            Kind::Reading => Val::Reading(parse_optional_axis(cell(0), header(0))?),
            Kind::TokenList(set) => {
                let mut out = Vec::new();
                for part in cell(0).split([';', ',']).map(str::trim) {
                    if part.is_empty() {
                        continue;
                    }
                    match set.find(part) {
                        Some(t) => out.push(t),
                        None => return Err(format!("“{part}” is not one of the {}", self.called)),
                    }
                }
                crate::sort::by_key(&mut out, |t| set.rank(t));
                out.dedup();
                Val::Tokens(out)
            }
            Kind::Tags => Val::Tags(Cow::Owned(normalise_tags(cell(0).split(',')))),
            Kind::Days => match cell(0) {
                "" => Val::Days(None),
                text => match text.parse::<u16>() {
                    Ok(d) if CADENCE_RANGE.contains(&d) => Val::Days(Some(d)),
                    _ => {
                        return Err(format!(
                            "{} must be a whole number of days from {} to {}, or empty.",
                            header(0),
                            CADENCE_RANGE.start(),
                            CADENCE_RANGE.end()
                        ))
                    }
                },
            },
            Kind::Target => {
                let influence = parse_optional_axis(cell(0), header(0))?;
                let skepticism = parse_optional_axis(cell(1), header(1))?;
                match (influence, skepticism) {
                    (None, None) => Val::Target(None),
                    (Some(influence), Some(skepticism)) => Val::Target(Some(Position {
                        influence,
                        skepticism,
                    })),
                    _ => {
                        return Err(format!(
                            "{} and {} go together: give both or neither.",
                            header(0),
                            header(1)
                        ))
                    }
                }
            }
            Kind::Date { .. } => match cell(0) {
                "" => Val::Date(None),
                text => match LocalDate::parse_iso(text) {
                    Some(d) => Val::Date(Some(d)),
                    None => return Err(format!("{} must be a date like 2026-11-22.", header(0))),
                },
            },
            Kind::Token { set, .. } => match cell(0) {
                "" => Val::Token(None),
                text => match set.find(text) {
                    Some(t) => Val::Token(Some(t)),
                    None => return Err(format!("“{text}” is not a known {}.", self.called)),
                },
            },
            Kind::Amount => match cell(0) {
                "" => Val::Amount(None),
                text => match Amount::parse(text) {
                    Some(a) => Val::Amount(Some(a)),
                    None => return Err(format!("{} must be a number like 72 or 4.5.", header(0))),
                },
            },
            Kind::EvidenceRef => match cell(0) {
                "" => Val::Ref(None),
                text => match EvidenceId::parse(text) {
                    Some(r) => Val::Ref(Some(r)),
                    None => return Err(format!("{} must be an evidence id.", header(0))),
                },
            },
        };
        Ok(Some(value))
    }
}

/// Sets a token field when `v` names a known token (a value of another kind, or an unknown
/// token, leaves it as it is): the `set` of a table's token fields.
pub(crate) fn set_token<T>(slot: &mut T, v: Val<'_>, parse: fn(&str) -> Option<T>) {
    if let Val::Token(Some(t)) = v {
        if let Some(t) = parse(t) {
            *slot = t;
        }
    }
}

/// The field of `R` under `key`.
pub fn field<R: Fields>(key: &str) -> Option<&'static FieldSpec<R>> {
    R::FIELDS.iter().find(|f| f.key == key)
}
