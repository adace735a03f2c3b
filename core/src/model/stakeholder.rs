//! A stakeholder: who they are, where they sit on the map, and why they doubt the program.

use super::fields::{
    token_entry, Codes, Column, FieldSpec, Fields, Judgment, Kind, Merge, Redact, TokenSet, Val,
};
use super::ids::StakeholderId;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Longest accepted stakeholder or map name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest accepted short text (role, organisation, a tag), in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// Longest accepted long text (notes, what they care about), in characters.
pub const MAX_LONG_TEXT_CHARS: usize = 10_000;
/// Most tags on one stakeholder.
pub const MAX_TAGS: usize = 30;
/// Most stakeholders on one map: four times the 5,000 the app is built and measured for. Files
/// and edits beyond it are refused, so a map can never grow past what the reader accepts.
pub const MAX_STAKEHOLDERS: usize = 20_000;
/// The upper end of both axes.
pub const AXIS_MAX: u8 = 100;
/// Where the quadrants split on both axes: values at or above it count as "high".
pub const QUADRANT_THRESHOLD: u8 = 50;

/// A place on the map. Both axes run 0–100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Position {
    /// How much the person can shape the program's fate (vertical axis, 100 at the top).
    pub influence: u8,
    /// How doubtful they are of the program today (horizontal axis, 0 convinced, 100 opposed).
    pub skepticism: u8,
}

impl Position {
    /// A position with both values clamped into 0–100.
    pub fn clamped(influence: i32, skepticism: i32) -> Self {
        let clamp = |v: i32| v.clamp(0, i32::from(AXIS_MAX)) as u8;
        Self {
            influence: clamp(influence),
            skepticism: clamp(skepticism),
        }
    }

    /// This position moved by the given steps, staying on the map.
    ///
    /// ```
    /// use stakemap_core::model::Position;
    /// let p = Position { influence: 95, skepticism: 3 };
    /// assert_eq!(p.nudged(10, -10), Position { influence: 100, skepticism: 0 });
    /// ```
    pub fn nudged(self, d_influence: i32, d_skepticism: i32) -> Self {
        Self::clamped(
            i32::from(self.influence) + d_influence,
            i32::from(self.skepticism) + d_skepticism,
        )
    }

    /// The move an arrow key makes on the map: 1 point, or 10 with Shift; up and down change
    /// influence, left and right skepticism. `None` for any other key.
    ///
    /// ```
    /// use stakemap_core::model::Position;
    /// assert_eq!(Position::arrow_step("ArrowLeft", true), Some((0, -10)));
    /// assert_eq!(Position::arrow_step("Enter", false), None);
    /// ```
    pub fn arrow_step(key: &str, shift: bool) -> Option<(i32, i32)> {
        let step = if shift { 10 } else { 1 };
        match key {
            "ArrowUp" => Some((step, 0)),
            "ArrowDown" => Some((-step, 0)),
            "ArrowRight" => Some((0, step)),
            "ArrowLeft" => Some((0, -step)),
            _ => None,
        }
    }

    /// The quadrant this position falls in.
    pub fn quadrant(self) -> Quadrant {
        Quadrant::of(self)
    }
}

token_enum! {
    /// The four regions of the map, each with its own engagement stance.
    pub enum Quadrant as "kebab-case" {
        /// High influence, high skepticism.
        WinOver,
        /// High influence, low skepticism.
        Champions,
        /// Low influence, high skepticism.
        Reassure,
        /// Low influence, low skepticism.
        KeepInformed,
    }
}

impl Quadrant {
    /// The quadrant of a position (values at the threshold count as high).
    pub fn of(position: Position) -> Self {
        let high_influence = position.influence >= QUADRANT_THRESHOLD;
        let high_skepticism = position.skepticism >= QUADRANT_THRESHOLD;
        match (high_influence, high_skepticism) {
            (true, true) => Quadrant::WinOver,
            (true, false) => Quadrant::Champions,
            (false, true) => Quadrant::Reassure,
            (false, false) => Quadrant::KeepInformed,
        }
    }

    /// The name shown on the map.
    pub fn name(self) -> &'static str {
        match self {
            Quadrant::WinOver => "Win over",
            Quadrant::Champions => "Champions",
            Quadrant::Reassure => "Reassure",
            Quadrant::KeepInformed => "Keep informed",
        }
    }

    /// A few words of stance, short enough to sit on the map.
    pub fn short_stance(self) -> &'static str {
        match self {
            Quadrant::WinOver => "Engage personally, listen first",
            Quadrant::Champions => "Enlist as visible sponsors",
            Quadrant::Reassure => "Answer concerns, keep close",
            Quadrant::KeepInformed => "Light-touch updates",
        }
    }

    /// The stance in a sentence, for tooltips and help.
    pub fn stance(self) -> &'static str {
        match self {
            Quadrant::WinOver => {
                "Meet them in person and early: hear their doubts before pitching, give them a hand \
                 in shaping the program, and bring evidence in the measures they already use."
            }
            Quadrant::Champions => {
                "Make their support visible: ask for a testimonial and let them speak to skeptical \
                 peers."
            }
            Quadrant::Reassure => {
                "Take their concerns head on, keep them in the loop, and share what happened in \
                 teams like theirs."
            }
            Quadrant::KeepInformed => "Short, regular updates, and share the wins with them.",
        }
    }
}

token_enum! {
    /// Why a leader doubts the program (the seven causes in the domain primer).
    pub enum RootCause as "snake_case" {
        /// Wary of anything unproven that distracts from business results.
        RolePressure,
        /// Earlier programs promised and did not deliver.
        PastDisappointments,
        /// Development is seen as a cost, not an investment.
        Culture,
        /// Doubts about the coaches' qualifications, methods or grasp of the business.
        CoachDoubts,
        /// No visible link between coaching and the measures they are judged on.
        ValueNotVisible,
        /// Used to setting the terms; roles and boundaries unclear.
        PowerAndControl,
        /// The program is done to them rather than with them.
        NotInvolved,
    }
}

impl RootCause {
    /// A short label for checkboxes and lists.
    pub fn label(self) -> &'static str {
        match self {
            RootCause::RolePressure => "Pressure of the role",
            RootCause::PastDisappointments => "Past disappointments",
            RootCause::Culture => "Culture sees it as a cost",
            RootCause::CoachDoubts => "Doubts about the coaches",
            RootCause::ValueNotVisible => "Value not visible",
            RootCause::PowerAndControl => "Power and control",
            RootCause::NotInvolved => "Not heard or involved",
        }
    }

    /// One sentence on what the cause looks like.
    pub fn description(self) -> &'static str {
        match self {
            RootCause::RolePressure => {
                "Carries the results; anything unproven looks like a distraction."
            }
            RootCause::PastDisappointments => {
                "Has seen earlier programs promise much and deliver little."
            }
            RootCause::Culture => "Works where development is treated as spend, not investment.",
            RootCause::CoachDoubts => {
                "Questions the coaches' credentials and methods, or sees them as outsiders."
            }
            RootCause::ValueNotVisible => {
                "Cannot see how coaching moves the measures they are judged on."
            }
            RootCause::PowerAndControl => {
                "Used to setting the terms; the program's roles and limits are unclear to them."
            }
            RootCause::NotInvolved => "Feels the program is being done to them, not with them.",
        }
    }
}

/// Everything a user can edit about a stakeholder, already validated.
#[derive(Clone, Debug, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct StakeholderFields {
    /// Display name (required, trimmed).
    pub name: String,
    /// Job title.
    pub role: String,
    /// Organisation or unit.
    pub organisation: String,
    /// Where they sit on the map.
    pub position: Position,
    /// Why they doubt the program, canonical order, no repeats.
    pub root_causes: Vec<RootCause>,
    /// Their priorities and the measures they own.
    pub cares_about: String,
    /// Free notes.
    pub notes: String,
    /// Labels for filtering, trimmed, without repeats.
    pub tags: Vec<String>,
    /// Days between contacts, when the user overrides the quadrant's default.
    pub cadence_days: Option<u16>,
    /// Where the plan aims to move them, if set.
    pub target: Option<Position>,
}

/// Why `text` breaks the length rule of a field, in words (`None` when it keeps it). Counted
/// as the reader counts: trimmed, in characters.
pub(crate) fn text_problem(label: &str, text: &str, max: usize, required: bool) -> Option<String> {
    let text = text.trim();
    let count = text.chars().count();
    if required && text.is_empty() {
        Some(format!("{label} is empty."))
    } else if count > max {
        Some(format!(
            "{label} is {count} characters; at most {max} are allowed."
        ))
    } else {
        None
    }
}

/// A sentence made to follow a colon: its first letter in lower case.
pub(crate) fn lower_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why a reading on one axis is off the map, in words.
pub(crate) fn axis_problem(label: &str, value: u8) -> Option<String> {
    (value > AXIS_MAX).then(|| format!("{label} is {value}; it must be from 0 to {AXIS_MAX}."))
}

impl Position {
    /// Why this position is off the map (`None` when both values are within 0–100).
    pub fn problem(self) -> Option<String> {
        axis_problem("Influence", self.influence)
            .or_else(|| axis_problem("Skepticism", self.skepticism))
    }
}

/// The stakeholder's causes as a token set, for files, sheets and the schema.
pub const ROOT_CAUSES: TokenSet = TokenSet {
    def: "rootCause",
    entry: |i| token_entry(&RootCause::ALL, i, RootCause::key, RootCause::label),
};

const fn col(header: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { header, aliases }
}

impl Fields for StakeholderFields {
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec {
            key: "name",
            label: "Name",
            called: "the name",
            about: "",
            kind: Kind::Text {
                max: MAX_NAME_CHARS,
                required: true,
            },
            csv: &[col("Name", &["full name", "stakeholder"])],
            merge: Merge::Choose,
            redact: Redact::Label,
            get: |f| Val::Text(Cow::Borrowed(&f.name)),
            set: |f, v| f.name = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "role",
            label: "Role",
            called: "the role",
            about: "",
            kind: Kind::Text {
                max: MAX_SHORT_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Role", &["title", "job title"])],
            merge: Merge::Choose,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.role)),
            set: |f, v| f.role = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "organisation",
            label: "Organisation",
            called: "the organisation",
            about: "",
            kind: Kind::Text {
                max: MAX_SHORT_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Organisation", &["organization", "unit", "department"])],
            merge: Merge::Choose,
            // Names a team, and with a role or a small team a person: coded, so who shares an
            // organisation still shows.
            redact: Redact::Coded(Codes {
                prefix: "Org",
                letters: true,
            }),
            get: |f| Val::Text(Cow::Borrowed(&f.organisation)),
            set: |f, v| f.organisation = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "position",
            label: "Position",
            called: "the position",
            about: "influence: 0 = no say over the program, 100 = decides its fate; \
                    skepticism: 0 = convinced advocate, 100 = openly opposed.",
            kind: Kind::Position,
            csv: &[col("Influence", &[]), col("Skepticism", &["scepticism"])],
            merge: Merge::Choose,
            // Left out, everyone stands at the middle (the kind's empty place).
            redact: Redact::Judgment {
                of: &[Judgment::Positions],
                left_out: None,
            },
            get: |f| Val::Position(f.position),
            set: |f, v| {
                if let Val::Position(p) = v {
                    f.position = p;
                }
            },
        },
        FieldSpec {
            key: "root_causes",
            label: "Root causes",
            called: "root causes",
            about: "Why they doubt the program.",
            kind: Kind::TokenList(ROOT_CAUSES),
            csv: &[col("Root causes", &["root cause", "causes"])],
            merge: Merge::Choose,
            redact: Redact::Judgment {
                of: &[Judgment::RootCauses],
                left_out: None,
            },
            get: |f| Val::Tokens(f.root_causes.iter().map(|c| c.key()).collect()),
            set: |f, v| {
                if let Val::Tokens(list) = v {
                    f.root_causes =
                        normalise_causes(list.iter().filter_map(|t| RootCause::from_key(t)));
                }
            },
        },
        FieldSpec {
            key: "cares_about",
            label: "Cares about",
            called: "the “cares about” text",
            about: "Their priorities and the measures they own.",
            kind: Kind::Text {
                max: MAX_LONG_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Cares about", &["concerns"])],
            merge: Merge::Choose,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.cares_about)),
            set: |f, v| f.cares_about = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "notes",
            label: "Notes",
            called: "the notes",
            about: "",
            kind: Kind::Text {
                max: MAX_LONG_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Notes", &["note"])],
            merge: Merge::Choose,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.notes)),
            set: |f, v| f.notes = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "tags",
            label: "Tags",
            called: "the tags",
            about: "",
            kind: Kind::Tags,
            csv: &[col("Tags", &[])],
            merge: Merge::Choose,
            redact: Redact::Tags,
            get: |f| Val::Tags(Cow::Borrowed(&f.tags)),
            set: |f, v| {
                if let Val::Tags(tags) = v {
                    f.tags = normalise_tags(tags.iter());
                }
            },
        },
        FieldSpec {
            key: "cadence_days",
            label: "Contact cadence",
            called: "the contact cadence",
            about: "Days between contacts; null or absent means the quadrant's default \
                    (Win over 14, Champions and Reassure 30, Keep informed 91).",
            kind: Kind::Days,
            csv: &[col("Cadence (days)", &["cadence"])],
            merge: Merge::Choose,
            redact: Redact::Keep,
            get: |f| Val::Days(f.cadence_days),
            set: |f, v| {
                if let Val::Days(d) = v {
                    f.cadence_days = d;
                }
            },
        },
        FieldSpec {
            key: "target",
            label: "Target",
            called: "the target",
            about: "Where the plan aims to move them.",
            kind: Kind::Target,
            csv: &[
                col("Target influence", &[]),
                col("Target skepticism", &["target scepticism"]),
            ],
            merge: Merge::Choose,
            redact: Redact::Judgment {
                of: &[Judgment::Positions],
                left_out: None,
            },
            get: |f| Val::Target(f.target),
            set: |f, v| {
                if let Val::Target(t) = v {
                    f.target = t;
                }
            },
        },
    ];

    fn blank() -> Self {
        // Every field listed above, and no other: a field added to the struct and not to the
        // table stops the build here.
        let StakeholderFields {
            name: _,
            role: _,
            organisation: _,
            position: _,
            root_causes: _,
            cares_about: _,
            notes: _,
            tags: _,
            cadence_days: _,
            target: _,
        } = Self::default();
        Self::default()
    }
}

impl StakeholderFields {
    /// The first way these fields break the rules the form and the file reader apply, in
    /// words; `None` when they keep them all. Edits that arrive as data (an import, a
    /// duplicate, a spreadsheet row) are checked with it, so nothing is stored that would not
    /// read back.
    ///
    /// ```
    /// use stakemap_core::model::StakeholderFields;
    /// let fields = StakeholderFields { name: "N".repeat(131), ..Default::default() };
    /// assert_eq!(fields.problem().unwrap(), "The name is 131 characters; at most 120 are allowed.");
    /// ```
    pub fn problem(&self) -> Option<String> {
        Fields::problem(self)
    }
}

impl Default for Position {
    fn default() -> Self {
        Self {
            influence: 50,
            skepticism: 50,
        }
    }
}

/// A stakeholder on a map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stakeholder {
    /// Stable identity.
    pub id: StakeholderId,
    /// The editable fields.
    pub fields: StakeholderFields,
    /// When the stakeholder was first added.
    pub created_at: Timestamp,
    /// When any field last changed.
    pub updated_at: Timestamp,
}

impl Stakeholder {
    /// A new stakeholder created at `at`.
    pub fn new(id: StakeholderId, fields: StakeholderFields, at: Timestamp) -> Self {
        Self {
            id,
            fields,
            created_at: at,
            updated_at: at,
        }
    }

    /// Shortcut to the display name.
    pub fn name(&self) -> &str {
        &self.fields.name
    }

    /// The first word of their name ("Dana" for Dana Ortiz), how a suggestion or a heading
    /// speaks of them; `None` for a name with no words.
    pub fn first_name(&self) -> Option<&str> {
        first_word(self.name())
    }

    /// Shortcut to the position.
    pub fn position(&self) -> Position {
        self.fields.position
    }

    /// The quadrant the stakeholder sits in now.
    pub fn quadrant(&self) -> Quadrant {
        self.fields.position.quadrant()
    }

    /// Days between contacts: their own cadence, or their quadrant's default.
    pub fn cadence_days(&self) -> u16 {
        self.fields
            .cadence_days
            .unwrap_or_else(|| self.quadrant().default_cadence_days())
    }

    /// The accessible description of a marker: name, both values and the quadrant.
    ///
    /// ```
    /// use stakemap_core::model::{Position, Stakeholder, StakeholderFields, Timestamp};
    /// let fields = StakeholderFields {
    ///     name: "Dana Ortiz".into(),
    ///     position: Position { influence: 82, skepticism: 71 },
    ///     ..Default::default()
    /// };
    /// let s = Stakeholder::new(uuid::Uuid::nil().into(), fields, Timestamp::default());
    /// assert_eq!(s.summary(), "Dana Ortiz, influence 82, skepticism 71, Win over");
    /// ```
    pub fn summary(&self) -> String {
        describe_position(self.name(), self.position())
    }
}

/// "Name, influence N, skepticism M, Quadrant": how a position is read out.
pub fn describe_position(name: &str, position: Position) -> String {
    format!(
        "{}, influence {}, skepticism {}, {}",
        name,
        position.influence,
        position.skepticism,
        position.quadrant().name()
    )
}

/// What a screen reader announces after a move.
///
/// ```
/// use stakemap_core::model::{describe_move, Position};
/// let to = Position { influence: 70, skepticism: 60 };
/// assert_eq!(describe_move("Dana Ortiz", to), "Dana Ortiz moved to influence 70, skepticism 60: Win over");
/// ```
pub fn describe_move(name: &str, position: Position) -> String {
    where_now(name, "moved to", position)
}

/// The same for someone just added: "Sam Lee placed at influence 50, skepticism 50: Win over".
pub fn describe_added(name: &str, position: Position) -> String {
    where_now(name, "placed at", position)
}

fn where_now(name: &str, verb: &str, position: Position) -> String {
    format!(
        "{} {} influence {}, skepticism {}: {}",
        name,
        verb,
        position.influence,
        position.skepticism,
        position.quadrant().name()
    )
}

/// The first word of a name, as sentences about a person use it.
pub fn first_word(name: &str) -> Option<&str> {
    name.split_whitespace().next()
}

/// Puts root causes in canonical order without repeats.
pub fn normalise_causes(causes: impl IntoIterator<Item = RootCause>) -> Vec<RootCause> {
    let mut out: Vec<RootCause> = causes.into_iter().collect();
    crate::sort::natural(&mut out);
    out.dedup();
    out
}

/// Trims tags, drops empty ones and repeats (case-insensitively), keeping first spelling and order.
pub fn normalise_tags<S: AsRef<str>>(tags: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.as_ref().trim();
        if tag.is_empty() || out.iter().any(|t| t.eq_ignore_ascii_case(tag) || t == tag) {
            continue;
        }
        out.push(tag.to_owned());
    }
    out
}
