//! Names the app makes up itself: "Q3 rollout (copy)", "Q3 rollout (imported)", "Untitled map
//! 2", a map named after a spreadsheet's file.
//!
//! Such a name is built from one the user chose, which may already be as long as the rules
//! allow ([`MAX_NAME_CHARS`]). Adding a suffix to it blindly made a name the reader refuses, so
//! the map was saved, then set aside as unreadable at the next launch. Every made-up name goes
//! through here instead: the base is shortened (whole characters, ending in "…") so that base
//! and suffix fit, and a number that makes the name unused is fitted the same way.

use super::map::StakeMap;
use super::stakeholder::MAX_NAME_CHARS;

/// What a shortened base ends with, so the reader can tell it was cut.
pub const ELLIPSIS: char = '…';

/// The highest number [`unused_name`] tries before giving up and keeping the first name.
const MAX_NUMBER: u32 = 100_000;

/// The first word of a name ("Dana" of "Dana Ortiz"), or the name itself when it has none.
///
/// ```
/// use stakemap_core::model::first_name;
/// assert_eq!(first_name("Dana Ortiz"), "Dana");
/// assert_eq!(first_name("Cher"), "Cher");
/// ```
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// `base` followed by `suffix`, shortened to at most [`MAX_NAME_CHARS`] characters: the base
/// is cut on a character boundary and ends in "…" so the suffix always survives whole. The
/// result is trimmed (the reader trims names, so an untrimmed name would not read back the
/// same). A suffix too long on its own is cut as well.
///
/// ```
/// use stakemap_core::model::{fit_name, MAX_NAME_CHARS};
/// assert_eq!(fit_name("Q3 rollout", " (copy)"), "Q3 rollout (copy)");
/// let long = "N".repeat(MAX_NAME_CHARS);
/// let copy = fit_name(&long, " (copy)");
/// assert_eq!(copy.chars().count(), MAX_NAME_CHARS);
/// assert!(copy.ends_with("N… (copy)"));
/// ```
pub fn fit_name(base: &str, suffix: &str) -> String {
    let base = base.trim();
    let whole = format!("{base}{suffix}");
    let whole = whole.trim();
    if whole.chars().count() <= MAX_NAME_CHARS {
        return whole.to_owned();
    }
    let suffix_chars = suffix.trim_end().chars().count();
    // Room for at least one character of the base and the ellipsis; otherwise the suffix
    // itself is what is too long, and the whole is cut like a base.
    let Some(room) = MAX_NAME_CHARS
        .checked_sub(suffix_chars + 1)
        .filter(|room| *room > 0)
    else {
        return shorten(whole, MAX_NAME_CHARS);
    };
    format!("{}{}", shorten(base, room + 1), suffix.trim_end())
        .trim()
        .to_owned()
}

/// `text`, trimmed, in at most `max` characters: as it is when it fits, otherwise its first
/// characters (without trailing spaces or an earlier ellipsis) and "…", cut between whole
/// characters. The reader uses it to repair texts longer than today's rules allow.
///
/// ```
/// use stakemap_core::model::shorten;
/// assert_eq!(shorten("  Zoë Ångström  ", 20), "Zoë Ångström");
/// assert_eq!(shorten("Zoë Ångström", 5), "Zoë…");
/// ```
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    let kept = kept.trim_end().trim_end_matches(ELLIPSIS).trim_end();
    format!("{kept}{ELLIPSIS}")
}

/// The first of `base + suffix`, `base + suffix + " 2"`, `… 3`, … that `taken` does not
/// claim, each fitted with [`fit_name`], so the number is never cut off and the name is never
/// longer than the rules allow.
///
/// ```
/// use stakemap_core::model::unused_name;
/// let taken = ["Plan (copy)", "Plan (copy) 2"];
/// assert_eq!(unused_name("Plan", " (copy)", |n| taken.contains(&n)), "Plan (copy) 3");
/// ```
pub fn unused_name(base: &str, suffix: &str, taken: impl Fn(&str) -> bool) -> String {
    let first = fit_name(base, suffix);
    if !taken(&first) {
        return first;
    }
    // Bounded so a `taken` that claims everything cannot spin for ever; far more than the
    // maps anyone keeps.
    (2..=MAX_NUMBER)
        .map(|n| fit_name(base, &format!("{suffix} {n}")))
        .find(|name| !taken(name))
        .unwrap_or(first)
}

/// [`unused_name`] among the names of `maps`: the name a new map gets beside them.
///
/// ```
/// use stakemap_core::model::{unused_map_name, MapId, StakeMap, Timestamp};
/// let maps = [StakeMap::new(MapId(uuid::Uuid::nil()), "Q3 rollout (copy)", Timestamp::default())];
/// assert_eq!(unused_map_name(&maps, "Q3 rollout", " (copy)"), "Q3 rollout (copy) 2");
/// ```
pub fn unused_map_name(maps: &[StakeMap], base: &str, suffix: &str) -> String {
    unused_name(base, suffix, |name| maps.iter().any(|m| m.name == name))
}
