//! What a column of a register holds: one of the stakeholder's sheet columns (defined with its
//! field, in [`StakeholderFields::FIELDS`]), support read as skepticism the other way round,
//! a line added to the notes, or nothing. Guessed from the header's words (English, with the
//! synonyms registers use) and, where the header could mean two things, from the values.

use super::values::{number, word_place, Sense};
use crate::model::{FieldSpec, Fields, Kind, StakeholderFields};

/// What one column of a register is read as.
#[derive(Clone, Copy)]
pub enum Use {
    /// A stakeholder field's sheet column: the field and which of its columns.
    Field(&'static FieldSpec<StakeholderFields>, usize),
    /// How much they support the program: skepticism, read the other way round.
    Support,
    /// A line "Header: value" in the notes (interest, e-mail when the user wants it kept…).
    Note,
    /// Not read.
    LeaveOut,
}

impl std::fmt::Debug for Use {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.token())
    }
}

impl PartialEq for Use {
    fn eq(&self, other: &Self) -> bool {
        self.token() == other.token()
    }
}

impl Use {
    /// Every choice, in the order the preview offers them.
    pub fn choices() -> Vec<Use> {
        let mut out: Vec<Use> = StakeholderFields::FIELDS
            .iter()
            .flat_map(|f| (0..f.csv.len()).map(move |i| Use::Field(f, i)))
            .collect();
        // Support sits right after skepticism.
        let at = out
            .iter()
            .position(|u| u.axis() == Some(Axis::Skepticism))
            .map_or(out.len(), |i| i + 1);
        out.insert(at, Use::Support);
        out.extend([Use::Note, Use::LeaveOut]);
        out
    }

    /// A stable token for remembering the choice ("field:position:1", "support").
    pub fn token(&self) -> String {
        match self {
            Use::Field(f, i) => format!("field:{}:{i}", f.key),
            Use::Support => "support".into(),
            Use::Note => "note".into(),
            Use::LeaveOut => "leave-out".into(),
        }
    }

    /// The choice a token names, if this build still has it.
    pub fn from_token(token: &str) -> Option<Use> {
        Use::choices().into_iter().find(|u| u.token() == token)
    }

    /// The choice in words, as the preview's menu shows it.
    pub fn label(&self) -> String {
        match self {
            Use::Field(f, i) => f.csv.get(*i).map_or(f.label, |c| c.header).to_owned(),
            Use::Support => "Support (read as skepticism reversed)".into(),
            Use::Note => "Add to notes".into(),
            Use::LeaveOut => "Leave out".into(),
        }
    }

    /// The axis this column places people on, if it does.
    pub fn axis(&self) -> Option<Axis> {
        match self {
            Use::Field(f, i) => match (f.kind, i) {
                (Kind::Position, 0) => Some(Axis::Influence),
                (Kind::Position, _) => Some(Axis::Skepticism),
                (Kind::Target, 0) => Some(Axis::TargetInfluence),
                (Kind::Target, _) => Some(Axis::TargetSkepticism),
                _ => None,
            },
            Use::Support => Some(Axis::Skepticism),
            _ => None,
        }
    }

    /// How level words in this column read ("High" support is low skepticism).
    pub fn sense(&self) -> Sense {
        match self {
            Use::Support => Sense::Reversed,
            _ => Sense::Direct,
        }
    }

    /// True for the name's column: a row without one cannot come in.
    pub fn is_name(&self) -> bool {
        matches!(self, Use::Field(f, _) if f.key == "name")
    }

    fn field_key(key: &str, part: usize) -> Use {
        StakeholderFields::FIELDS
            .iter()
            .find(|f| f.key == key)
            .map_or(Use::LeaveOut, |f| Use::Field(f, part))
    }
}

/// One axis of the map, or of the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Influence today.
    Influence,
    /// Skepticism today.
    Skepticism,
    /// The influence the plan aims for.
    TargetInfluence,
    /// The skepticism the plan aims for.
    TargetSkepticism,
}

impl Axis {
    /// True for skepticism, today's or the target's.
    pub fn is_skepticism(self) -> bool {
        matches!(self, Axis::Skepticism | Axis::TargetSkepticism)
    }
}

/// A header as compared: lower case, words of letters and digits separated by single spaces.
pub fn header_words(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a column was guessed the way it was, for the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The header names it.
    Header,
    /// An e-mail or phone column: personal contact details stay out unless added to notes.
    Contact,
    /// An identifier only the old register needs.
    Identifier,
    /// The map has no place for it, so it is kept in the notes.
    KeptInNotes,
    /// The header could mean a job title or a stance; the values decided.
    Values,
    /// A column the app's own sheet works out from the map (quadrant, next action).
    Derived,
    /// Nothing recognised it.
    Unknown,
}

impl Reason {
    /// The reason in words, or "" when the header says it all.
    pub fn words(self) -> &'static str {
        match self {
            Reason::Header | Reason::Values => "",
            Reason::Contact => "personal contact details stay out unless you add them to notes",
            Reason::Identifier => "the old register's own numbering",
            Reason::KeptInNotes => "the map has no axis for it, so it is kept in the notes",
            Reason::Derived => "worked out by the map from the rest",
            Reason::Unknown => "not recognised",
        }
    }
}

/// Header words for each field's columns beyond the field's own header and aliases, and for the
/// columns that are not fields. Compared as [`header_words`] gives them; a header matches when
/// it equals one of them, or (for the longer ones) contains it as whole words.
const WORDS: &[(&str, usize, &[&str])] = &[
    (
        "name",
        0,
        &[
            "name",
            "full name",
            "stakeholder",
            "stakeholder name",
            "person",
            "contact name",
            "individual",
            "who",
            "first name",
            "last name",
            "surname",
            "given name",
            "family name",
            "forename",
            "nachname",
            "vorname",
        ],
    ),
    (
        "role",
        0,
        &[
            "role",
            "title",
            "job title",
            "title role",
            "role title",
            "position title",
            "job",
            "designation",
            "job role",
            "post",
            "rank",
            "funktion",
            "rolle",
            "titel",
        ],
    ),
    (
        "organisation",
        0,
        &[
            "organisation",
            "organization",
            "org",
            "department",
            "dept",
            "unit",
            "business unit",
            "division",
            "team",
            "company",
            "group",
            "function",
            "directorate",
            "agency",
            "affiliation",
            "area",
            "business area",
            "entity",
            "office",
            "abteilung",
            "bereich",
            "organisationseinheit",
        ],
    ),
    (
        "position",
        0,
        &[
            "influence",
            "power",
            "authority",
            "impact",
            "clout",
            "influence level",
            "power level",
            "level of influence",
            "degree of influence",
            "influence power",
            "einfluss",
            "macht",
        ],
    ),
    (
        "position",
        1,
        &[
            "skepticism",
            "scepticism",
            "resistance",
            "level of resistance",
            "opposition",
            "doubt",
            "skeptic level",
            "risk of resistance",
            "skepsis",
            "widerstand",
        ],
    ),
    (
        "root_causes",
        0,
        &[
            "root causes",
            "root cause",
            "causes",
            "reasons for resistance",
            "why skeptical",
        ],
    ),
    (
        "cares_about",
        0,
        &[
            "cares about",
            "concerns",
            "key concerns",
            "interests",
            "expectations",
            "requirements",
            "needs",
            "priorities",
            "what they care about",
            "main concerns",
            "issues",
            "wants",
            "motivations",
        ],
    ),
    (
        "notes",
        0,
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "remarks",
            "observations",
            "description",
            "details",
            "bemerkungen",
            "bemerkung",
            "notizen",
            "kommentar",
            "kommentare",
        ],
    ),
    (
        "tags",
        0,
        &[
            "tags",
            "tag",
            "labels",
            "category",
            "categories",
            "type",
            "stakeholder type",
            "group tags",
        ],
    ),
    (
        "cadence_days",
        0,
        &["cadence", "cadence days", "contact every", "frequency days"],
    ),
    ("target", 0, &["target influence", "desired influence"]),
    (
        "target",
        1,
        &[
            "target skepticism",
            "target scepticism",
            "desired stance",
            "desired engagement",
            "desired engagement level",
            "target stance",
            "desired position",
            "desired support",
        ],
    ),
];

const SUPPORT_WORDS: &[&str] = &[
    "support",
    "stance",
    "attitude",
    "current stance",
    "current attitude",
    "current support",
    "position",
    "current position",
    "sentiment",
    "disposition",
    "commitment",
    "engagement",
    "engagement level",
    "current engagement",
    "current engagement level",
    "level of support",
    "support level",
    "buy in",
    "alignment",
    "view",
    "opinion",
    "attitude to change",
    "stance on program",
    "stance on programme",
    "current",
    "haltung",
    "einstellung",
    "unterstützung",
];
const NOTE_WORDS: &[&str] = &[
    "interest",
    "interest level",
    "level of interest",
    "strategy",
    "engagement strategy",
    "communication",
    "communications",
    "communication method",
    "channel",
    "approach",
    "actions",
    "owner",
    "relationship owner",
    "last contacted",
    "last contact",
    "quadrant",
    "classification",
    "priority",
];
const CONTACT_WORDS: &[&str] = &[
    "email",
    "e mail",
    "email address",
    "mail",
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "phone number",
    "contact",
    "contact information",
    "contact info",
    "contact details",
    "address",
    "linkedin",
];
const ID_WORDS: &[&str] = &[
    "id",
    "no",
    "number",
    "ref",
    "reference",
    "stakeholder id",
    "row",
    "item",
    "s no",
    "sr no",
    "index",
];

/// Headers that could name a job or a stance ("Position"): the values decide.
const EITHER_ROLE_OR_STANCE: &[&str] = &["position", "current position"];

/// The most words a header may have to be recognised by a word inside it: a sentence (a
/// template's instructions, a title) is not a header.
const MAX_HEADER_WORDS: usize = 4;

fn matches(h: &str, words: &[&str]) -> bool {
    if h.split(' ').count() > MAX_HEADER_WORDS {
        return false;
    }
    words.iter().any(|w| {
        *w == h
            || (w.len() >= 5
                && format!(" {h} ").contains(&format!(" {w} "))
                && !h.starts_with("target")
                && !h.starts_with("desired"))
    })
}

/// Guesses what a column holds from its header and its cells.
pub fn guess(header: &str, cells: &[&str]) -> (Use, Reason) {
    let h = header_words(header);
    if h.is_empty() {
        return (Use::LeaveOut, Reason::Unknown);
    }
    // The app's own sheet: headers exactly as exported, or their aliases.
    for f in StakeholderFields::FIELDS {
        for (i, c) in f.csv.iter().enumerate() {
            if header_words(c.header) == h || c.aliases.iter().any(|a| header_words(a) == h) {
                return (Use::Field(f, i), Reason::Header);
            }
        }
    }
    if crate::format::spreadsheet::derived_person_headers().any(|d| header_words(d) == h) {
        return (Use::LeaveOut, Reason::Derived);
    }
    if EITHER_ROLE_OR_STANCE.contains(&h.as_str()) {
        let filled: Vec<&&str> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        let stance_like = filled
            .iter()
            .filter(|c| number(c).is_some() || word_place(c, Sense::Reversed, true).is_some())
            .count();
        return if !filled.is_empty() && stance_like * 2 >= filled.len() {
            (Use::Support, Reason::Values)
        } else {
            (Use::field_key("role", 0), Reason::Values)
        };
    }
    // Exact matches first, then whole-word containment, in a fixed order of trust.
    let exact = |words: &[&str]| words.contains(&h.as_str());
    if exact(CONTACT_WORDS) || h.contains("email") || h.contains("phone") || h.contains("e mail") {
        return (Use::LeaveOut, Reason::Contact);
    }
    if exact(ID_WORDS) {
        return (Use::LeaveOut, Reason::Identifier);
    }
    for (key, part, words) in WORDS {
        if exact(words) {
            return (Use::field_key(key, *part), Reason::Header);
        }
    }
    if exact(SUPPORT_WORDS) {
        return (Use::Support, Reason::Header);
    }
    if exact(NOTE_WORDS) {
        return (Use::Note, Reason::KeptInNotes);
    }
    for (key, part, words) in WORDS {
        if matches(&h, words) {
            return (Use::field_key(key, *part), Reason::Header);
        }
    }
    if matches(&h, SUPPORT_WORDS) {
        return (Use::Support, Reason::Header);
    }
    if matches(&h, NOTE_WORDS) {
        return (Use::Note, Reason::KeptInNotes);
    }
    (Use::LeaveOut, Reason::Unknown)
}
