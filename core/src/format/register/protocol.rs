//! The conversation between the app and the register session in the sheets worker, as JSON
//! both ways. The app sends the file (its bytes beside the request), each choice the user makes
//! in the preview, and the confirmation; the session answers with the preview to show, a
//! refusal in words, or the map with the rows brought in.

use crate::model::TrayPerson;
use serde::{Deserialize, Serialize};

/// What the app asks of the session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Request {
    /// Review a file (its bytes travel beside the request).
    Open {
        /// The file's name.
        file_name: String,
        /// True to preselect bringing the rows into the open map.
        into_current: bool,
        /// The open map, as a map file, when there is one.
        map: Option<String>,
        /// The mappings remembered so far ([`super::Memory`] as JSON), if any.
        memory: Option<String>,
        /// The time now (milliseconds since 1970), for reading the map file.
        now: i64,
    },
    /// A control in the preview changed.
    Act(Act),
    /// Bring the rows in as previewed.
    Confirm {
        /// 16 random bytes as 32 hex digits, from which the new ids are made.
        seed: String,
        /// The time now (milliseconds since 1970).
        now: i64,
    },
}

/// One change in the preview: which control (`act`: `sheet`, `use`, `scale`, `word`, `into`,
/// `existing`, `tray`), the column and item it is about, and its value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Act {
    /// Which control.
    pub act: String,
    /// The column it is about.
    #[serde(default)]
    pub col: usize,
    /// The item of the column (a value of a word column).
    #[serde(default)]
    pub item: usize,
    /// The control's value.
    #[serde(default)]
    pub value: String,
    /// Whether a checkbox or radio button is checked.
    #[serde(default)]
    pub checked: bool,
}

/// What the session answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// The preview to show.
    Review {
        /// The file under review.
        file_name: String,
        /// The preview's body as markup (text from the file escaped).
        html: String,
        /// How many people the confirm button brings in.
        coming: usize,
        /// False while no column gives the names.
        can_confirm: bool,
    },
    /// The file cannot be brought in: why, in words.
    Refused {
        /// The file.
        file_name: String,
        /// Lines for the user: the reason, then any detail.
        lines: Vec<String>,
    },
    /// The rows brought in.
    Done(Done),
}

/// The outcome of a confirmed import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Done {
    /// The map with the rows in, as a map file: the open map (when `into_current`) or a new one.
    pub map: String,
    /// True when it is the open map.
    pub into_current: bool,
    /// People for the open map's quick-add tray, with their roles.
    pub to_tray: Vec<TrayPerson>,
    /// What was done, in one sentence.
    pub title: String,
    /// The rows left out, "Row 16: …".
    pub details: Vec<String>,
    /// The mappings to remember ([`super::Memory`] as JSON).
    pub memory: String,
}
