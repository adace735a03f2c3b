//! Why an edit asked of the store did not happen, as a type (views show it in words).

use crate::model::OpError;
use std::fmt;

/// Why an edit did not happen. Nothing changed in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// What was typed breaks a rule (a name empty or too long, …).
    Refused(OpError),
    /// The edit needs an open map and none is open.
    NoMapOpen,
    /// The maps refused the edit (what it is about is gone); the store has told the user why.
    NotApplied,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Refused(why) => write!(f, "{why}"),
            EditError::NoMapOpen => f.write_str("No map is open."),
            EditError::NotApplied => f.write_str("The change could not be saved."),
        }
    }
}

impl std::error::Error for EditError {}

impl From<OpError> for EditError {
    fn from(why: OpError) -> Self {
        EditError::Refused(why)
    }
}
