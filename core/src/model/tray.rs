//! The quick-add tray of a workshop: people typed or pasted one per line, waiting for the room to
//! place them on the map. Pasted lists come from e-mails, slides and spreadsheets, so each line
//! is read the way people write them: list markers and numbering are dropped, a title after a
//! dash, a comma or in brackets becomes the person's role ("Ben Cohen – Head of Retail"), "Cohen,
//! Ben" is turned round, and a spreadsheet row gives its name and title cells while its header
//! row is skipped. Names and roles are tidied the way the stakeholder form would tidy them.

use super::fields::{field, FieldSpec};
use super::stakeholder::{StakeholderFields, MAX_NAME_CHARS, MAX_SHORT_TEXT_CHARS};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How many names the tray holds at most: more than any room places in one sitting.
pub const MAX_TRAY: usize = 200;

/// Someone waiting in the tray: their name, and the title given with it ("" when none), which
/// becomes their role once placed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrayPerson {
    /// The name, as the stakeholder form would take it.
    pub name: String,
    /// The job title, as the form would take it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

impl TrayPerson {
    /// Someone with `name` and `role`, both tidied as the form tidies them: spaces collapsed,
    /// cut to the longest the form accepts. `None` when the name is blank.
    pub fn new(name: &str, role: &str) -> Option<Self> {
        let name = tidy(name, MAX_NAME_CHARS);
        (!name.is_empty()).then(|| Self {
            name,
            role: tidy(role, MAX_SHORT_TEXT_CHARS),
        })
    }

    /// How the tray shows them: "Ben Cohen · Head of Retail", or the name alone.
    ///
    /// ```
    /// use stakemap_core::model::TrayPerson;
    /// let ben = TrayPerson::new("Ben Cohen", "Head of Retail").unwrap();
    /// assert_eq!(ben.label(), "Ben Cohen · Head of Retail");
    /// ```
    pub fn label(&self) -> String {
        if self.role.is_empty() {
            self.name.clone()
        } else {
            format!("{} · {}", self.name, self.role)
        }
    }
}

/// People waiting to be placed, in the order they were given, without repeats of a name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tray {
    people: Vec<TrayPerson>,
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

/// Which cells of a pasted spreadsheet row hold the name and the title.
#[derive(Clone, Copy, Debug)]
enum Cells {
    /// No header row seen: the first cell with a letter in it (a row number is not a name),
    /// then the title in the cell after it.
    FirstWithLetters,
    /// As the header row said.
    Header { name: usize, role: Option<usize> },
}

/// One pasted line as a person, read without a header row. `None` for a blank line.
///
/// ```
/// use stakemap_core::model::clean_tray_line;
/// let read = |line| clean_tray_line(line).map(|p| (p.name, p.role));
/// let person = |name: &str, role: &str| Some((name.to_owned(), role.to_owned()));
/// assert_eq!(read("2. Dana   Ortiz\tCOO"), person("Dana Ortiz", "COO"));
/// assert_eq!(read("- Ben Cohen – Head of Retail"), person("Ben Cohen", "Head of Retail"));
/// assert_eq!(read("Anne-Marie Lopez (CFO)"), person("Anne-Marie Lopez", "CFO"));
/// assert_eq!(read("Cohen, Ben"), person("Ben Cohen", ""));
/// assert_eq!(read("Ben, CEO"), person("Ben", "CEO"));
/// assert_eq!(read("  "), None);
/// ```
pub fn clean_tray_line(line: &str) -> Option<TrayPerson> {
    read_line(line, Cells::FirstWithLetters)
}

/// Everyone in pasted text, one per line, in order. A header row ("Name", "Stakeholder\tTitle")
/// is not a person: it says which spreadsheet cells hold the name and the title in the rows
/// after it.
///
/// ```
/// use stakemap_core::model::read_tray_text;
/// let people = read_tray_text("Team\tStakeholder\tTitle\nRetail\tBen Cohen\tHead of Retail");
/// assert_eq!(people.len(), 1);
/// assert_eq!((people[0].name.as_str(), people[0].role.as_str()), ("Ben Cohen", "Head of Retail"));
/// ```
pub fn read_tray_text(text: &str) -> Vec<TrayPerson> {
    let mut cells = Cells::FirstWithLetters;
    text.lines()
        .filter_map(|line| match header(line) {
            Some(found) => {
                cells = found;
                None
            }
            None => read_line(line, cells),
        })
        .collect()
}

/// The cells a header row names, or `None` when `line` is not a header. A header has a cell
/// that is one of the name field's spreadsheet headings ("Name", "Full name", "Stakeholder");
/// its title cell is one of the role field's ("Role", "Title", "Job title"). Rows are read by
/// tab, as a spreadsheet pastes them, and a line without tabs by comma ("Name, Role").
fn header(line: &str) -> Option<Cells> {
    let sep = if line.contains('\t') { '\t' } else { ',' };
    let cells: Vec<&str> = line.split(sep).collect();
    let find = |key: &str| {
        let spec = field::<StakeholderFields>(key)?;
        cells.iter().position(|cell| is_heading(spec, cell))
    };
    Some(Cells::Header {
        name: find("name")?,
        role: find("role"),
    })
}

fn is_heading(spec: &FieldSpec<StakeholderFields>, cell: &str) -> bool {
    let cell = tidy(cell, usize::MAX).to_lowercase();
    spec.csv.iter().any(|c| {
        c.header.to_lowercase() == cell || c.aliases.iter().any(|a| a.to_lowercase() == cell)
    })
}

/// One line as a person, taking the name and title from `cells` when it is a spreadsheet row.
/// Without a title cell, the title is read out of the name cell.
fn read_line(line: &str, cells: Cells) -> Option<TrayPerson> {
    let row: Vec<&str> = line.split('\t').collect();
    let (name_at, title_at) = match cells {
        Cells::Header { name, role } => (name, role),
        Cells::FirstWithLetters => {
            let at = row
                .iter()
                .position(|c| c.chars().any(char::is_alphabetic))
                .unwrap_or_default();
            (at, Some(at + 1))
        }
    };
    let name_cell = tidy(
        without_list_marker(row.get(name_at).copied().unwrap_or_default()),
        usize::MAX,
    );
    let title_cell = title_at
        .filter(|&r| r != name_at)
        .and_then(|r| row.get(r))
        .map(|r| tidy(r, usize::MAX))
        .unwrap_or_default();
    let (name, title) = split_title(&name_cell);
    match (title.is_empty(), title_cell.is_empty()) {
        (_, true) => TrayPerson::new(&name, &title),
        // The name cell may still be "Cohen, Ben".
        (true, false) => TrayPerson::new(&name, &title_cell),
        // A title in both: the name cell is taken whole.
        (false, false) => TrayPerson::new(&name_cell, &title_cell),
    }
}

/// `cell` without a list bullet or a list number ("1. ", "2) ").
fn without_list_marker(cell: &str) -> &str {
    let cell = cell.trim();
    let cell = cell
        .strip_prefix(['-', '*', '•', '–', '·'])
        .unwrap_or(cell)
        .trim_start();
    let digits = cell.chars().take_while(char::is_ascii_digit).count();
    match cell[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with(' ') => rest.trim_start(),
        _ => cell,
    }
}

/// Where a pasted name ends and its title starts.
struct Split {
    /// Where the name ends.
    at: usize,
    /// Where the title is.
    title: Range<usize>,
    /// True at a comma, which may instead part a surname from a first name.
    comma: bool,
}

/// The first separator in `text`, commas included or not: a comma ("Ben Cohen, Head of
/// Retail"); an en or em dash, or a hyphen with spaces around it, so "Anne-Marie" stays whole
/// ("Ben Cohen – Head of Retail"); brackets that close the line ("Ben Cohen (Head of Retail)").
fn first_split(text: &str, commas: bool) -> Option<Split> {
    let comma = text.find(',').filter(|_| commas).map(|at| Split {
        at,
        title: at + 1..text.len(),
        comma: true,
    });
    let spaced = |at: usize, width: usize| {
        text[..at].ends_with(char::is_whitespace)
            && text[at + width..].starts_with(char::is_whitespace)
    };
    let dash = text.char_indices().find_map(|(at, c)| {
        let width = c.len_utf8();
        let is_dash = matches!(c, '–' | '—') || (c == '-' && spaced(at, width));
        is_dash.then(|| Split {
            at,
            title: at + width..text.len(),
            comma: false,
        })
    });
    let bracket = opening_bracket(text).map(|at| Split {
        at,
        title: at + 1..text.len() - 1,
        comma: false,
    });
    [comma, dash, bracket]
        .into_iter()
        .flatten()
        .min_by_key(|s| s.at)
}

/// Where the bracket opens that closes `text`, when `text` ends with one and does not start
/// with it.
fn opening_bracket(text: &str) -> Option<usize> {
    let body = text.strip_suffix(')')?;
    let mut depth = 0usize;
    for (at, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return (at > 0).then_some(at),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The name and the title either side of `split`, trimmed.
fn parts<'a>(text: &'a str, split: &Split) -> (&'a str, &'a str) {
    (text[..split.at].trim(), text[split.title.clone()].trim())
}

/// The name and the title in `text` (title "" when there is none).
fn split_title(text: &str) -> (String, String) {
    let Some(split) = first_split(text, true) else {
        return (text.to_owned(), String::new());
    };
    let (name, title) = parts(text, &split);
    if split.comma {
        // "Cohen, Ben", also with a title after it: two plain words are a surname and a first
        // name. A word in capitals is a title ("Ben, CEO").
        let (first_name, after) =
            first_split(title, false).map_or((title, ""), |s| parts(title, &s));
        if is_plain_word(name) && is_plain_word(first_name) {
            return (format!("{first_name} {name}"), after.to_owned());
        }
    }
    if name.is_empty() {
        (text.to_owned(), String::new())
    } else {
        (name.to_owned(), title.to_owned())
    }
}

/// One word with a letter in it, not written in capitals ("CEO", "VP" are titles).
fn is_plain_word(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = letters >= 2 && !word.chars().any(char::is_lowercase);
    letters > 0 && !capitals && !word.contains(char::is_whitespace)
}

/// Spaces collapsed, cut to `max` characters.
fn tidy(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = joined.chars().take(max).collect();
    cut.trim_end().to_owned()
}

/// One saved entry: a person, or the plain name an older version saved.
#[derive(Deserialize)]
#[serde(untagged)]
enum Saved {
    Person(TrayPerson),
    Name(String),
}

impl Tray {
    /// The tray as saved by [`Tray::to_json`], or as an older version saved it (a list of
    /// names). `None` when the text is neither.
    pub fn from_json(text: &str) -> Option<Self> {
        let saved: Vec<Saved> = serde_json::from_str(text).ok()?;
        let mut tray = Self::default();
        tray.add_people(
            saved.into_iter().map(|s| match s {
                Saved::Person(p) => p,
                Saved::Name(name) => TrayPerson {
                    name,
                    role: String::new(),
                },
            }),
            std::iter::empty(),
        );
        Some(tray)
    }

    /// The tray as text to keep: a JSON list of people, each a name and any role.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.people).unwrap_or_default()
    }

    /// The people, in order.
    pub fn people(&self) -> &[TrayPerson] {
        &self.people
    }

    /// The person called `name` (ignoring case), if they are in the tray.
    pub fn person(&self, name: &str) -> Option<&TrayPerson> {
        self.people.iter().find(|p| same_name(&p.name, name))
    }

    /// True when nothing waits to be placed.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// True when `name` is in the tray (ignoring case).
    pub fn contains(&self, name: &str) -> bool {
        self.person(name).is_some()
    }

    /// Adds everyone in `text` (one per line, read by [`read_tray_text`]). Names already in the
    /// tray or already on the map (`on_map`) are skipped and reported, so a list pasted twice
    /// does not double people.
    pub fn add_text<'a>(
        &mut self,
        text: &str,
        on_map: impl IntoIterator<Item = &'a str> + Clone,
    ) -> TrayAdded {
        self.add_people(read_tray_text(text), on_map)
    }

    /// Adds `people` as they are (a name is not read for a title), tidied as the form tidies
    /// them, skipping repeats as [`Tray::add_text`] does.
    pub fn add_people<'a>(
        &mut self,
        people: impl IntoIterator<Item = TrayPerson>,
        on_map: impl IntoIterator<Item = &'a str> + Clone,
    ) -> TrayAdded {
        let mut out = TrayAdded::default();
        for person in people {
            let Some(person) = TrayPerson::new(&person.name, &person.role) else {
                continue;
            };
            let name = person.name.as_str();
            if self.contains(name) || on_map.clone().into_iter().any(|m| same_name(m, name)) {
                if !out.repeated.iter().any(|r| same_name(r, name)) {
                    out.repeated.push(person.name);
                }
            } else if self.people.len() >= MAX_TRAY {
                out.over_limit += 1;
            } else {
                self.people.push(person);
                out.added += 1;
            }
        }
        out
    }

    /// Takes `name` out of the tray (once placed or dismissed). Returns false if it was not there.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.people.len();
        self.people.retain(|p| !same_name(&p.name, name));
        self.people.len() != before
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
