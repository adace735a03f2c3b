//! The interaction log: each contact with a stakeholder, how it went, and optionally a new
//! reading of where they stand.

use super::action::FormError;
use super::ids::{StakeholderId, TouchpointId};
use super::stakeholder::{axis_problem, text_problem, MAX_LONG_TEXT_CHARS};
use super::time::{LocalDate, Timestamp};
use serde::{Deserialize, Serialize};

/// Most logged contacts on one map. More is refused, in a file and as an edit.
pub const MAX_TOUCHPOINTS: usize = 200_000;

/// How the contact happened.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    PartialOrd,
    Ord,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    /// In person or video meeting.
    Meeting,
    /// Phone call.
    Call,
    /// E-mail.
    Email,
    /// A workshop or group session.
    Workshop,
    /// Anything else.
    Other,
}

impl Channel {
    /// All channels.
    pub const ALL: [Channel; 5] = [
        Channel::Meeting,
        Channel::Call,
        Channel::Email,
        Channel::Workshop,
        Channel::Other,
    ];

    /// The token written in files.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The channel named by a file token.
    pub fn from_key(key: &str) -> Option<Self> {
        key.parse().ok()
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Meeting => "Meeting",
            Channel::Call => "Call",
            Channel::Email => "E-mail",
            Channel::Workshop => "Workshop",
            Channel::Other => "Other",
        }
    }
}

/// How the contact felt.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    PartialOrd,
    Ord,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Sentiment {
    /// Went well.
    Positive,
    /// Neither.
    Neutral,
    /// Went badly.
    Negative,
}

impl Sentiment {
    /// All sentiments.
    pub const ALL: [Sentiment; 3] = [Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative];

    /// The token written in files.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The sentiment named by a file token.
    pub fn from_key(key: &str) -> Option<Self> {
        key.parse().ok()
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            Sentiment::Positive => "Positive",
            Sentiment::Neutral => "Neutral",
            Sentiment::Negative => "Negative",
        }
    }
}

/// One logged contact.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Touchpoint {
    /// Stable identity.
    pub id: TouchpointId,
    /// Who it was with.
    pub stakeholder: StakeholderId,
    /// The day it happened.
    pub date: LocalDate,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub sentiment: Sentiment,
    /// What was said or learned.
    pub note: String,
    /// A new influence reading taken at this contact, if any.
    pub influence: Option<u8>,
    /// A new skepticism reading taken at this contact, if any.
    pub skepticism: Option<u8>,
    /// When it was logged.
    pub created_at: Timestamp,
}

impl Touchpoint {
    /// The first way this contact breaks the rules of the contact form and the file reader, in
    /// words; `None` when it keeps them. Checked before a contact is stored.
    pub fn problem(&self) -> Option<String> {
        text_problem("The note", &self.note, MAX_LONG_TEXT_CHARS, false)
            .or_else(|| {
                self.influence
                    .and_then(|v| axis_problem("The influence reading", v))
            })
            .or_else(|| {
                self.skepticism
                    .and_then(|v| axis_problem("The skepticism reading", v))
            })
    }
}

/// The checked contents of a touchpoint form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TouchpointFields {
    /// The day.
    pub date: LocalDate,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub sentiment: Sentiment,
    /// The note.
    pub note: String,
    /// New influence reading.
    pub influence: Option<u8>,
    /// New skepticism reading.
    pub skepticism: Option<u8>,
}

fn optional_reading(
    text: &str,
    field: &'static str,
    label: &str,
    errors: &mut Vec<FormError>,
) -> Option<u8> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(v) if (0..=100).contains(&v) => Some(v as u8),
        _ => {
            errors.push(FormError {
                field,
                message: format!("{label} must be a whole number from 0 to 100, or empty."),
            });
            None
        }
    }
}

/// Checks a touchpoint form; a date in the future is refused (a log records what happened).
pub fn validate_touchpoint(
    date: &str,
    channel: Channel,
    sentiment: Sentiment,
    note: &str,
    influence: &str,
    skepticism: &str,
    today: LocalDate,
) -> Result<TouchpointFields, Vec<FormError>> {
    let mut errors = Vec::new();
    let parsed = LocalDate::parse_iso(date);
    match parsed {
        None => errors.push(FormError {
            field: "date",
            message: "Enter the date of the contact.".into(),
        }),
        Some(d) if d > today => errors.push(FormError {
            field: "date",
            message: "The date is in the future: log contacts once they have happened.".into(),
        }),
        Some(_) => {}
    }
    let influence = optional_reading(influence, "influence", "Influence", &mut errors);
    let skepticism = optional_reading(skepticism, "skepticism", "Skepticism", &mut errors);
    if note.chars().count() > MAX_LONG_TEXT_CHARS {
        errors.push(FormError {
            field: "note",
            message: format!("Keep the note to {MAX_LONG_TEXT_CHARS} characters."),
        });
    }
    match parsed {
        Some(date) if errors.is_empty() => Ok(TouchpointFields {
            date,
            channel,
            sentiment,
            note: note.trim().to_owned(),
            influence,
            skepticism,
        }),
        _ => Err(errors),
    }
}
