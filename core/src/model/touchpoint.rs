//! The interaction log: each contact with a stakeholder, how it went, and optionally a new
//! reading of where they stand.

use super::action::FormError;
use super::fields::{
    set_token, token_entry, FieldSpec, Fields, Judgment, Kind, Merge, Redact, TokenSet, Val,
};
use super::ids::{EvidenceId, StakeholderId, TouchpointId};
use super::stakeholder::MAX_LONG_TEXT_CHARS;
use super::time::{LocalDate, Timestamp};
use std::borrow::Cow;

/// Most logged contacts on one map. More is refused, in a file and as an edit.
pub const MAX_TOUCHPOINTS: usize = 200_000;

token_enum! {
    /// How the contact happened.
    pub enum Channel as "snake_case" {
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
}

impl Channel {
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

token_enum! {
    /// How the contact felt.
    pub enum Sentiment as "snake_case" {
        /// Went well.
        Positive,
        /// Neither.
        Neutral,
        /// Went badly.
        Negative,
    }
}

impl Sentiment {
    /// How a contact or a shared item landed, in words: "went well", "neutral", "went badly".
    pub fn landed(self) -> &'static str {
        match self {
            Sentiment::Positive => "went well",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "went badly",
        }
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
    /// The item of program evidence shared at this contact, if any: the "shared with" log.
    pub evidence: Option<EvidenceId>,
    /// When it was logged.
    pub created_at: Timestamp,
}

/// Contact channels as a token set, for files, sheets and the schema.
pub const CHANNELS: TokenSet = TokenSet {
    def: "channel",
    entry: |i| token_entry(&Channel::ALL, i, Channel::key, Channel::label),
};

/// How a contact went, as a token set.
pub const SENTIMENTS: TokenSet = TokenSet {
    def: "sentiment",
    entry: |i| token_entry(&Sentiment::ALL, i, Sentiment::key, Sentiment::label),
};

impl Fields for Touchpoint {
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec {
            key: "date",
            label: "Date",
            called: "the date",
            about: "",
            kind: Kind::Date { required: true },
            csv: &[],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |t| Val::Date(Some(t.date)),
            set: |t, v| {
                if let Val::Date(Some(d)) = v {
                    t.date = d;
                }
            },
        },
        FieldSpec {
            key: "channel",
            label: "Channel",
            called: "channel",
            about: "",
            kind: Kind::Token {
                set: CHANNELS,
                required: true,
            },
            csv: &[],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |t| Val::Token(Some(t.channel.key())),
            set: |t, v| set_token(&mut t.channel, v, Channel::from_key),
        },
        FieldSpec {
            key: "sentiment",
            label: "Sentiment",
            called: "sentiment",
            about: "",
            kind: Kind::Token {
                set: SENTIMENTS,
                required: true,
            },
            csv: &[],
            merge: Merge::WithRecord,
            // How contacts went tells where someone stands; a contact must have a sentiment,
            // so left out it is neutral.
            redact: Redact::Judgment {
                of: &[Judgment::Positions],
                left_out: Some(|| Val::Token(Some(Sentiment::Neutral.key()))),
            },
            get: |t| Val::Token(Some(t.sentiment.key())),
            set: |t, v| set_token(&mut t.sentiment, v, Sentiment::from_key),
        },
        FieldSpec {
            key: "note",
            label: "Note",
            called: "the note",
            about: "",
            kind: Kind::Text {
                max: MAX_LONG_TEXT_CHARS,
                required: false,
            },
            csv: &[],
            merge: Merge::WithRecord,
            redact: Redact::Clear,
            get: |t| Val::Text(Cow::Borrowed(&t.note)),
            set: |t, v| t.note = v.text().trim().to_owned(),
        },
        FieldSpec {
            key: "influence",
            label: "Influence reading",
            called: "the influence reading",
            about: "A new influence reading taken at this contact.",
            kind: Kind::Reading,
            csv: &[],
            merge: Merge::WithRecord,
            redact: Redact::Judgment {
                of: &[Judgment::Positions],
                left_out: None,
            },
            get: |t| Val::Reading(t.influence),
            set: |t, v| {
                if let Val::Reading(r) = v {
                    t.influence = r;
                }
            },
        },
        FieldSpec {
            key: "skepticism",
            label: "Skepticism reading",
            called: "the skepticism reading",
            about: "A new skepticism reading taken at this contact.",
            kind: Kind::Reading,
            csv: &[],
            merge: Merge::WithRecord,
            redact: Redact::Judgment {
                of: &[Judgment::Positions],
                left_out: None,
            },
            get: |t| Val::Reading(t.skepticism),
            set: |t, v| {
                if let Val::Reading(r) = v {
                    t.skepticism = r;
                }
            },
        },
        FieldSpec {
            key: "evidence_id",
            label: "Evidence shared",
            called: "the evidence shared",
            about: "The metric or story shared at this contact: its id in this file's evidence.",
            kind: Kind::EvidenceRef,
            csv: &[],
            merge: Merge::WithRecord,
            redact: Redact::Keep,
            get: |t| Val::Ref(t.evidence),
            set: |t, v| {
                if let Val::Ref(r) = v {
                    t.evidence = r;
                }
            },
        },
    ];

    fn blank() -> Self {
        // Every part of a contact: the frame (id, who, when logged) is the reader's, the rest
        // is listed above. A field added to the struct stops the build here.
        Touchpoint {
            id: TouchpointId(uuid::Uuid::nil()),
            stakeholder: StakeholderId(uuid::Uuid::nil()),
            date: LocalDate::EPOCH,
            channel: Channel::Meeting,
            sentiment: Sentiment::Neutral,
            note: String::new(),
            influence: None,
            skepticism: None,
            evidence: None,
            created_at: Timestamp::default(),
        }
    }
}

impl Touchpoint {
    /// The first way this contact breaks the rules of the contact form and the file reader, in
    /// words; `None` when it keeps them. Checked before a contact is stored.
    pub fn problem(&self) -> Option<String> {
        Fields::problem(self)
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
    /// The evidence shared at this contact.
    pub evidence: Option<EvidenceId>,
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
            evidence: None,
        }),
        _ => Err(errors),
    }
}
