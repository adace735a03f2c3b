//! The quick-add tray of a workshop: names typed or pasted one per line, waiting for the room to
//! place them on the map. Pasted lists come from e-mails, slides and spreadsheets, so list
//! markers, numbering and extra spreadsheet columns are dropped and each name is tidied the way
//! the stakeholder form would tidy it.

use super::stakeholder::MAX_NAME_CHARS;

/// How many names the tray holds at most: more than any room places in one sitting.
pub const MAX_TRAY: usize = 200;

/// Names waiting to be placed, in the order they were given, without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tray {
    names: Vec<String>,
}

/// What adding text to the tray did, for the message shown to the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrayAdded {
    /// Names added.
    pub added: usize,
    /// Names skipped because they were already in the tray or on the map.
    pub repeated: Vec<String>,
    /// Names left out because the tray was full.
    pub over_limit: usize,
}

/// One pasted line as a name: the first spreadsheet cell, without a list marker or number,
/// spaces collapsed, cut to the longest name the form accepts. `None` for a blank line.
///
/// ```
/// use stakemap_core::model::clean_tray_line;
/// assert_eq!(clean_tray_line("2. Dana   Ortiz\tCOO").as_deref(), Some("Dana Ortiz"));
/// assert_eq!(clean_tray_line("  "), None);
/// ```
pub fn clean_tray_line(line: &str) -> Option<String> {
    let cell = line.split('\t').next().unwrap_or_default().trim();
    let cell = cell
        .strip_prefix(['-', '*', '•', '–', '·'])
        .unwrap_or(cell)
        .trim_start();
    // "1. Dana Ortiz" or "2) Sam Lee": a list number, not part of the name.
    let digits = cell.chars().take_while(char::is_ascii_digit).count();
    let cell = match cell[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with(' ') => rest.trim_start(),
        _ => cell,
    };
    let name: String = cell
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    let name = name.trim_end().to_owned();
    (!name.is_empty()).then_some(name)
}

impl Tray {
    /// A tray holding `names` as they are (already cleaned), for reading back a saved tray.
    pub fn from_names(names: impl IntoIterator<Item = String>) -> Self {
        let mut tray = Self::default();
        for name in names {
            if let Some(clean) = clean_tray_line(&name) {
                if !tray.contains(&clean) && tray.names.len() < MAX_TRAY {
                    tray.names.push(clean);
                }
            }
        }
        tray
    }

    /// The names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// True when nothing waits to be placed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// True when `name` is in the tray (ignoring case).
    pub fn contains(&self, name: &str) -> bool {
        self.names.iter().any(|n| same_name(n, name))
    }

    /// Adds every name in `text` (one per line). Names already in the tray or already on the
    /// map (`on_map`) are skipped and reported, so a list pasted twice does not double people.
    pub fn add_text<'a>(
        &mut self,
        text: &str,
        on_map: impl IntoIterator<Item = &'a str> + Clone,
    ) -> TrayAdded {
        let mut out = TrayAdded::default();
        for name in text.lines().filter_map(clean_tray_line) {
            if self.contains(&name) || on_map.clone().into_iter().any(|m| same_name(m, &name)) {
                if !out.repeated.iter().any(|r| same_name(r, &name)) {
                    out.repeated.push(name);
                }
            } else if self.names.len() >= MAX_TRAY {
                out.over_limit += 1;
            } else {
                self.names.push(name);
                out.added += 1;
            }
        }
        out
    }

    /// Takes `name` out of the tray (once placed or dismissed). Returns false if it was not there.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.names.len();
        self.names.retain(|n| !same_name(n, name));
        self.names.len() != before
    }
}

impl TrayAdded {
    /// One sentence for the user, e.g. "Added 3 names to the tray. Already there: Sam Lee."
    pub fn message(&self) -> String {
        let mut out = match self.added {
            0 => "No new names were added.".to_owned(),
            1 => "Added 1 name to the tray.".to_owned(),
            n => format!("Added {n} names to the tray."),
        };
        if !self.repeated.is_empty() {
            out.push_str(&format!(
                " Already in the tray or on the map: {}.",
                self.repeated.join(", ")
            ));
        }
        if self.over_limit > 0 {
            out.push_str(&format!(
                " {} left out: the tray holds {MAX_TRAY} names; place some first.",
                self.over_limit
            ));
        }
        out
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}
