//! Planned engagement actions: what will be done for whom, by when, and how it went.

use super::fields::{
    token_entry, Amount, Column, FieldSpec, Fields, Judgment, Kind, Merge, Redact, TokenSet, Val,
};
use super::ids::{ActionId, StakeholderId};
use super::playbook::Tactic;
use super::stakeholder::{MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS};
use super::time::{LocalDate, Timestamp};
use std::borrow::Cow;

/// Most actions on one map: forty for each of the most stakeholders a map holds. More is
/// refused, in a file and as an edit, so a map never outgrows what the reader accepts.
pub const MAX_ACTIONS: usize = 200_000;

token_enum! {
    /// Where an action stands.
    pub enum ActionStatus as "snake_case" {
        /// Agreed but not started.
        Planned,
        /// Under way.
        InProgress,
        /// Finished.
        Done,
        /// Given up.
        Dropped,
    }
}

impl ActionStatus {
    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Planned => "Planned",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Dropped => "Dropped",
        }
    }

    /// Planned or in progress: still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// The editable parts of an action.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActionFields {
    /// The playbook tactic, or `None` for a custom action.
    pub tactic: Option<Tactic>,
    /// What will be done (required).
    pub title: String,
    /// Who does it.
    pub owner: String,
    /// By when (the user's calendar day).
    pub due: Option<LocalDate>,
    /// Where it stands.
    pub status: ActionStatus,
    /// What came of it.
    pub outcome: String,
    /// An agreed measure (for a pilot or a goal agreed with the leader): what is measured.
    pub measure: String,
    /// The measure's value at the start.
    pub measure_baseline: Option<Amount>,
    /// The value agreed as success.
    pub measure_target: Option<Amount>,
    /// The value reached.
    pub measure_result: Option<Amount>,
}

/// An action's status as a token set, for files, sheets and the schema.
pub const STATUSES: TokenSet = TokenSet {
    def: "status",
    entry: |i| {
        token_entry(
            &ActionStatus::ALL,
            i,
            ActionStatus::key,
            ActionStatus::label,
        )
    },
};

/// The playbook's tactics as a token set.
pub const TACTICS: TokenSet = TokenSet {
    def: "tactic",
    entry: |i| token_entry(&Tactic::ALL, i, Tactic::key, Tactic::name),
};

const fn col(header: &'static str) -> Column {
    Column {
        header,
        aliases: &[],
    }
}

impl Fields for ActionFields {
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec {
            key: "title",
            label: "Action",
            called: "the title",
            about: "",
            kind: Kind::Text {
                max: MAX_SHORT_TEXT_CHARS,
                required: true,
            },
            csv: &[col("Action")],
            merge: Merge::WithRecord,
            // A title is free text: a shared copy names the tactic instead, or just "Action"
            // for a custom action or a tactic left out.
            redact: Redact::Replace(
                |f| match f.tactic {
                    Some(t) => t.name().to_owned(),
                    None => "Action".to_owned(),
                },
                "the playbook tactic's name (or “Action”)",
            ),
            get: |f| Val::Text(Cow::Borrowed(&f.title)),
            set: |f, v| f.title = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "tactic",
            label: "Tactic",
            called: "tactic",
            about: "The playbook tactic, or null for a custom action.",
            kind: Kind::Token {
                set: TACTICS,
                required: false,
            },
            csv: &[col("Tactic")],
            merge: Merge::WithRecord,
            // The playbook picks tactics for a person's doubts and quadrant, so a tactic tells
            // both: it goes when either is left out.
            redact: Redact::Judgment {
                of: &[Judgment::RootCauses, Judgment::Positions],
                left_out: None,
            },
            get: |f| Val::Token(f.tactic.map(Tactic::key)),
            set: |f, v| {
                if let Val::Token(t) = v {
                    f.tactic = t.and_then(Tactic::from_key);
                }
            },
        },
        FieldSpec {
            key: "owner",
            label: "Owner",
            called: "the owner",
            about: "",
            kind: Kind::Text {
                max: MAX_SHORT_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Owner")],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.owner)),
            set: |f, v| f.owner = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "due",
            label: "Due",
            called: "the due date",
            about: "",
            kind: Kind::Date { required: false },
            csv: &[col("Due")],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Date(f.due),
            set: |f, v| {
                if let Val::Date(d) = v {
                    f.due = d;
                }
            },
        },
        FieldSpec {
            key: "status",
            label: "Status",
            called: "status",
            about: "",
            kind: Kind::Token {
                set: STATUSES,
                required: true,
            },
            csv: &[col("Status")],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Token(Some(f.status.key())),
            set: |f, v| {
                if let Some(s) = match v {
                    Val::Token(Some(t)) => ActionStatus::from_key(t),
                    _ => None,
                } {
                    f.status = s;
                }
            },
        },
        FieldSpec {
            key: "outcome",
            label: "Outcome",
            called: "the outcome",
            about: "",
            kind: Kind::Text {
                max: MAX_LONG_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Outcome")],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.outcome)),
            set: |f, v| f.outcome = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "measure",
            label: "Agreed measure",
            called: "the agreed measure",
            about: "What the leader agreed to judge this step by (a pilot's success measure).",
            kind: Kind::Text {
                max: MAX_SHORT_TEXT_CHARS,
                required: false,
            },
            csv: &[col("Agreed measure")],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |f| Val::Text(Cow::Borrowed(&f.measure)),
            set: |f, v| f.measure = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "measure_baseline",
            label: "Measure baseline",
            called: "the measure's baseline",
            about: "",
            kind: Kind::Amount,
            csv: &[col("Measure baseline")],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Amount(f.measure_baseline),
            set: |f, v| {
                if let Val::Amount(a) = v {
                    f.measure_baseline = a;
                }
            },
        },
        FieldSpec {
            key: "measure_target",
            label: "Measure target",
            called: "the measure's target",
            about: "",
            kind: Kind::Amount,
            csv: &[col("Measure target")],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Amount(f.measure_target),
            set: |f, v| {
                if let Val::Amount(a) = v {
                    f.measure_target = a;
                }
            },
        },
        FieldSpec {
            key: "measure_result",
            label: "Measure result",
            called: "the measure's result",
            about: "",
            kind: Kind::Amount,
            csv: &[col("Measure result")],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |f| Val::Amount(f.measure_result),
            set: |f, v| {
                if let Val::Amount(a) = v {
                    f.measure_result = a;
                }
            },
        },
    ];

    fn blank() -> Self {
        // Every field listed above, and no other: a field added to the struct and not to the
        // table stops the build here.
        ActionFields {
            tactic: None,
            title: String::new(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Planned,
            outcome: String::new(),
            measure: String::new(),
            measure_baseline: None,
            measure_target: None,
            measure_result: None,
        }
    }
}

impl ActionFields {
    /// True when the action carries an agreed measure: its words or any of its numbers.
    pub fn has_measure(&self) -> bool {
        !self.measure.trim().is_empty()
            || self.measure_baseline.is_some()
            || self.measure_target.is_some()
            || self.measure_result.is_some()
    }

    /// The agreed measure in a line, when there is one: "Agreed measure: regretted attrition
    /// (%): 18 → 12.5, target 12 (target met)".
    pub fn measure_line(&self) -> Option<String> {
        if !self.has_measure() {
            return None;
        }
        let value = |a: Option<Amount>| a.map_or_else(|| "?".to_owned(), Amount::show);
        let mut line = if self.measure.trim().is_empty() {
            "Agreed measure".to_owned()
        } else {
            format!("Agreed measure: {}", self.measure)
        };
        if self.measure_baseline.is_some() || self.measure_result.is_some() {
            line.push_str(&format!(
                ": {} → {}",
                value(self.measure_baseline),
                value(self.measure_result)
            ));
        }
        if let Some(t) = self.measure_target {
            let standing = super::evidence::standing(
                self.measure_baseline,
                self.measure_result,
                self.measure_target,
            );
            line.push_str(&format!(", target {} ({})", t.show(), standing.words()));
        }
        Some(line)
    }

    /// The first way these fields break the rules of the action form and the file reader, in
    /// words; `None` when they keep them. Checked before an action is stored.
    pub fn problem(&self) -> Option<String> {
        Fields::problem(self)
    }

    /// A freshly planned action for a tactic, titled after it.
    pub fn from_tactic(tactic: Tactic) -> Self {
        Self {
            tactic: Some(tactic),
            title: tactic.name().to_owned(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Planned,
            outcome: String::new(),
            measure: String::new(),
            measure_baseline: None,
            measure_target: None,
            measure_result: None,
        }
    }
}

/// An action planned for one stakeholder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Action {
    /// Stable identity.
    pub id: ActionId,
    /// Who it is for.
    pub stakeholder: StakeholderId,
    /// The editable parts.
    pub fields: ActionFields,
    /// When it was planned.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// How an action's due date relates to today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DueGroup {
    /// Open and due before today.
    Overdue,
    /// Open and due today.
    Today,
    /// Open and due later this week (until Sunday).
    ThisWeek,
    /// Open and due after this week.
    Later,
    /// Open with no due date.
    NoDate,
    /// Done or dropped.
    Closed,
}

impl DueGroup {
    /// Board order.
    pub const ALL: [DueGroup; 6] = [
        DueGroup::Overdue,
        DueGroup::Today,
        DueGroup::ThisWeek,
        DueGroup::Later,
        DueGroup::NoDate,
        DueGroup::Closed,
    ];

    /// The group heading.
    pub fn label(self) -> &'static str {
        match self {
            DueGroup::Overdue => "Overdue",
            DueGroup::Today => "Due today",
            DueGroup::ThisWeek => "This week",
            DueGroup::Later => "Later",
            DueGroup::NoDate => "No date",
            DueGroup::Closed => "Done or dropped",
        }
    }
}

impl Action {
    /// Where the action falls relative to `today`. Weeks end on Sunday.
    ///
    /// ```
    /// use stakemap_core::model::*;
    /// let wed = LocalDate::from_ymd(2026, 11, 18).unwrap();
    /// let mut fields = ActionFields::from_tactic(Tactic::ListeningSession);
    /// fields.due = LocalDate::from_ymd(2026, 11, 22); // the Sunday
    /// let a = Action { id: uuid::Uuid::nil().into(), stakeholder: uuid::Uuid::nil().into(), fields, created_at: Timestamp::default(), updated_at: Timestamp::default() };
    /// assert_eq!(a.due_group(wed), DueGroup::ThisWeek);
    /// ```
    pub fn due_group(&self, today: LocalDate) -> DueGroup {
        if !self.fields.status.is_open() {
            return DueGroup::Closed;
        }
        let Some(due) = self.fields.due else {
            return DueGroup::NoDate;
        };
        let days = today.days_until(due);
        let to_sunday = i64::from(6 - today.weekday_from_monday());
        if days < 0 {
            DueGroup::Overdue
        } else if days == 0 {
            DueGroup::Today
        } else if days <= to_sunday {
            DueGroup::ThisWeek
        } else {
            DueGroup::Later
        }
    }

    /// True when open and due before today.
    pub fn is_overdue(&self, today: LocalDate) -> bool {
        self.due_group(today) == DueGroup::Overdue
    }
}

/// A problem with one field of a small form (actions, contacts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// Which field, e.g. "title" or "date".
    pub field: &'static str,
    /// What to fix.
    pub message: String,
}

/// The message for `field`, if it has one.
pub fn message_for(errors: &[FormError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// Checks an action form. `due` is the text of a date input (`YYYY-MM-DD` or empty).
pub fn validate_action(
    tactic: Option<Tactic>,
    title: &str,
    owner: &str,
    due: &str,
    status: ActionStatus,
    outcome: &str,
) -> Result<ActionFields, Vec<FormError>> {
    let mut errors = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        errors.push(FormError {
            field: "title",
            message: "Say what will be done.".into(),
        });
    } else if title.chars().count() > MAX_SHORT_TEXT_CHARS {
        errors.push(FormError {
            field: "title",
            message: format!("Keep the title to {MAX_SHORT_TEXT_CHARS} characters."),
        });
    }
    if owner.trim().chars().count() > MAX_SHORT_TEXT_CHARS {
        errors.push(FormError {
            field: "owner",
            message: format!("Keep the owner to {MAX_SHORT_TEXT_CHARS} characters."),
        });
    }
    let due = match due.trim() {
        "" => None,
        text => match LocalDate::parse_iso(text) {
            Some(d) => Some(d),
            None => {
                errors.push(FormError {
                    field: "due",
                    message: "Enter the due date as a date, or leave it empty.".into(),
                });
                None
            }
        },
    };
    if outcome.chars().count() > MAX_LONG_TEXT_CHARS {
        errors.push(FormError {
            field: "outcome",
            message: format!("Keep the outcome notes to {MAX_LONG_TEXT_CHARS} characters."),
        });
    }
    if errors.is_empty() {
        Ok(ActionFields {
            tactic,
            title: title.to_owned(),
            owner: owner.trim().to_owned(),
            due,
            status,
            outcome: outcome.trim().to_owned(),
            ..ActionFields::blank()
        })
    } else {
        Err(errors)
    }
}
