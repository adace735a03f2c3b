//! The stakeholder form as the user types it, and the rules that turn it into valid fields.
//!
//! Validation lives here rather than in the component so that the same messages are tested
//! natively and shown inline next to each input.

use super::cadence::CADENCE_RANGE;
use super::stakeholder::{
    normalise_causes, normalise_tags, Position, RootCause, Stakeholder, StakeholderFields,
    AXIS_MAX, MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS, MAX_TAGS,
};

/// A form field that can carry a validation message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Name.
    Name,
    /// Role.
    Role,
    /// Organisation or unit.
    Organisation,
    /// Influence (0–100).
    Influence,
    /// Skepticism (0–100).
    Skepticism,
    /// What they care about.
    CaresAbout,
    /// Notes.
    Notes,
    /// Tags.
    Tags,
    /// Contact cadence in days.
    Cadence,
    /// The target position (both numbers).
    Target,
}

/// One problem with one field, worded for the person filling in the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field the message belongs next to.
    pub field: Field,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The raw text of the stakeholder form.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct StakeholderDraft {
    /// Name as typed.
    pub name: String,
    /// Role as typed.
    pub role: String,
    /// Organisation as typed.
    pub organisation: String,
    /// Influence as typed (a number is expected).
    pub influence: String,
    /// Skepticism as typed (a number is expected).
    pub skepticism: String,
    /// Ticked root causes.
    pub root_causes: Vec<RootCause>,
    /// What they care about, as typed.
    pub cares_about: String,
    /// Notes as typed.
    pub notes: String,
    /// Tags as typed, separated by commas.
    pub tags: String,
    /// Days between contacts as typed; empty means the quadrant's default.
    pub cadence: String,
    /// Target influence as typed (empty with target skepticism empty: no target).
    pub target_influence: String,
    /// Target skepticism as typed.
    pub target_skepticism: String,
    /// The stakeholder's fields when the form was opened: a field the form has no input for
    /// is carried over unchanged from here.
    pub rest: StakeholderFields,
}

impl StakeholderDraft {
    /// An empty form for a new stakeholder, placed in the middle of the map.
    pub fn blank() -> Self {
        let middle = Position::default();
        Self {
            influence: middle.influence.to_string(),
            skepticism: middle.skepticism.to_string(),
            ..Self::default()
        }
    }

    /// The form filled with a stakeholder's current values.
    pub fn from_stakeholder(s: &Stakeholder) -> Self {
        let f = &s.fields;
        Self {
            name: f.name.clone(),
            role: f.role.clone(),
            organisation: f.organisation.clone(),
            influence: f.position.influence.to_string(),
            skepticism: f.position.skepticism.to_string(),
            root_causes: f.root_causes.clone(),
            cares_about: f.cares_about.clone(),
            notes: f.notes.clone(),
            tags: f.tags.join(", "),
            cadence: f.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            target_influence: f
                .target
                .map(|t| t.influence.to_string())
                .unwrap_or_default(),
            target_skepticism: f
                .target
                .map(|t| t.skepticism.to_string())
                .unwrap_or_default(),
            rest: f.clone(),
        }
    }

    /// Checks every field; returns the cleaned fields or every problem found.
    ///
    /// ```
    /// use stakemap_core::model::{Field, StakeholderDraft};
    /// let draft = StakeholderDraft { name: "  ".into(), influence: "140".into(), ..StakeholderDraft::blank() };
    /// let errors = draft.validate().unwrap_err();
    /// assert_eq!(errors[0].field, Field::Name);
    /// assert_eq!(errors[1].message, "Influence must be between 0 and 100 (you typed 140).");
    /// ```
    pub fn validate(&self) -> Result<StakeholderFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message: String| errors.push(FieldError { field, message });

        let name = self.name.trim();
        if name.is_empty() {
            fail(Field::Name, "Enter a name.".into());
        } else if name.chars().count() > MAX_NAME_CHARS {
            fail(Field::Name, too_long("The name", MAX_NAME_CHARS));
        }
        for (field, label, text) in [
            (Field::Role, "The role", &self.role),
            (Field::Organisation, "The organisation", &self.organisation),
        ] {
            if text.trim().chars().count() > MAX_SHORT_TEXT_CHARS {
                fail(field, too_long(label, MAX_SHORT_TEXT_CHARS));
            }
        }
        for (field, label, text) in [
            (Field::CaresAbout, "This text", &self.cares_about),
            (Field::Notes, "The notes", &self.notes),
        ] {
            if text.chars().count() > MAX_LONG_TEXT_CHARS {
                fail(field, too_long(label, MAX_LONG_TEXT_CHARS));
            }
        }
        let influence = parse_axis(&self.influence, "Influence").map_err(|m| (Field::Influence, m));
        let skepticism =
            parse_axis(&self.skepticism, "Skepticism").map_err(|m| (Field::Skepticism, m));
        if let Err((field, message)) = &influence {
            fail(*field, message.clone());
        }
        if let Err((field, message)) = &skepticism {
            fail(*field, message.clone());
        }
        let tags = normalise_tags(self.tags.split(','));
        if tags.len() > MAX_TAGS {
            fail(Field::Tags, format!("Use at most {MAX_TAGS} tags."));
        } else if tags
            .iter()
            .any(|t| t.chars().count() > MAX_SHORT_TEXT_CHARS)
        {
            fail(Field::Tags, too_long("Each tag", MAX_SHORT_TEXT_CHARS));
        }

        let cadence_days = match self.cadence.trim() {
            "" => None,
            text => match text.parse::<u16>() {
                Ok(d) if CADENCE_RANGE.contains(&d) => Some(d),
                _ => {
                    fail(
                        Field::Cadence,
                        format!(
                            "Contact every 1 to {} days, or leave empty for the quadrant's default.",
                            CADENCE_RANGE.end()
                        ),
                    );
                    None
                }
            },
        };

        let target = match (
            self.target_influence.trim().is_empty(),
            self.target_skepticism.trim().is_empty(),
        ) {
            (true, true) => None,
            (false, false) => match (
                parse_axis(&self.target_influence, "Target influence"),
                parse_axis(&self.target_skepticism, "Target skepticism"),
            ) {
                (Ok(i), Ok(s)) => Some(Position {
                    influence: i,
                    skepticism: s,
                }),
                (Err(m), _) | (_, Err(m)) => {
                    fail(Field::Target, m);
                    None
                }
            },
            _ => {
                fail(
                    Field::Target,
                    "Give both target numbers, or leave both empty for no target.".into(),
                );
                None
            }
        };

        match (influence, skepticism) {
            (Ok(influence), Ok(skepticism)) if errors.is_empty() => {
                let mut fields = self.rest.clone();
                fields.name = name.to_owned();
                fields.role = self.role.trim().to_owned();
                fields.organisation = self.organisation.trim().to_owned();
                fields.position = Position {
                    influence,
                    skepticism,
                };
                fields.root_causes = normalise_causes(self.root_causes.iter().copied());
                fields.cares_about = self.cares_about.trim().to_owned();
                fields.notes = self.notes.trim().to_owned();
                fields.tags = tags;
                fields.cadence_days = cadence_days;
                fields.target = target;
                Ok(fields)
            }
            _ => Err(errors),
        }
    }
}

fn too_long(label: &str, max: usize) -> String {
    format!("{label} is too long: keep it to {max} characters.")
}

fn parse_axis(text: &str, label: &str) -> Result<u8, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("Enter {} from 0 to 100.", label.to_lowercase()));
    }
    match text.parse::<i64>() {
        Ok(v) if (0..=i64::from(AXIS_MAX)).contains(&v) => Ok(v as u8),
        Ok(v) => Err(format!(
            "{label} must be between 0 and 100 (you typed {v})."
        )),
        Err(_) => Err(format!("{label} must be a whole number from 0 to 100.")),
    }
}
