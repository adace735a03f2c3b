//! How a column's cells become places on an axis: numbers on a scale (detected from the header
//! or the values, and shown), or words looked up in a table (levels such as High/Medium/Low,
//! and stances such as Supportive or Blocker), every entry of which the user can change.

use serde::{Deserialize, Serialize};

/// A numeric scale a column is written on: its lowest and highest value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    /// The value that means "none" (0 on the map).
    pub low: f64,
    /// The value that means "the most" (100 on the map).
    pub high: f64,
    /// True when cells were written as percentages ("75%").
    #[serde(default)]
    pub percent: bool,
}

/// The scales a user can choose from, with the words the preview shows.
pub const SCALES: &[(Scale, &str)] = &[
    (Scale::new(1.0, 5.0), "1–5"),
    (Scale::new(1.0, 10.0), "1–10"),
    (Scale::new(0.0, 10.0), "0–10"),
    (Scale::new(0.0, 100.0), "0–100"),
    (
        Scale::new(0.0, 1.0),
        "0–1 (fractions, as a percent cell holds them)",
    ),
    (Scale::new(1.0, 3.0), "1–3"),
    (Scale::new(0.0, 5.0), "0–5"),
    (Scale::new(1.0, 7.0), "1–7"),
];

impl Scale {
    /// A scale from `low` to `high`.
    pub const fn new(low: f64, high: f64) -> Self {
        Self {
            low,
            high,
            percent: false,
        }
    }

    /// The scale in words, e.g. "1–5" or "percentages (0–100%)".
    pub fn words(&self) -> String {
        if self.percent {
            return "percentages (0–100%)".into();
        }
        SCALES
            .iter()
            .find(|(s, _)| s.low == self.low && s.high == self.high)
            .map(|(_, w)| (*w).to_owned())
            .unwrap_or_else(|| format!("{}–{}", number_words(self.low), number_words(self.high)))
    }

    /// A value on this scale as a place on the axis (0–100); `None` when it lies outside it.
    pub fn place(&self, value: f64) -> Option<u8> {
        let span = self.high - self.low;
        if !value.is_finite() || span <= 0.0 || value < self.low || value > self.high {
            return None;
        }
        Some(
            ((value - self.low) / span * 100.0)
                .round()
                .clamp(0.0, 100.0) as u8,
        )
    }

    /// Guesses the scale of a column from its header ("Influence (1-5)") or, failing that,
    /// from its numbers: the smallest common scale that holds them all.
    pub fn guess(header: &str, numbers: &[Number]) -> Self {
        if let Some(scale) = scale_in_header(header) {
            return scale;
        }
        if numbers.iter().any(|n| n.percent) {
            return Self {
                low: 0.0,
                high: 100.0,
                percent: true,
            };
        }
        let min = numbers
            .iter()
            .map(|n| n.value)
            .fold(f64::INFINITY, f64::min);
        let max = numbers
            .iter()
            .map(|n| n.value)
            .fold(f64::NEG_INFINITY, f64::max);
        let fractional = numbers.iter().any(|n| n.value.fract() != 0.0);
        if numbers.is_empty() {
            Self::new(0.0, 100.0)
        } else if max <= 1.0 && fractional {
            Self::new(0.0, 1.0)
        } else if max <= 5.0 {
            Self::new(if min >= 1.0 { 1.0 } else { 0.0 }, 5.0)
        } else if max <= 10.0 {
            Self::new(if min >= 1.0 { 1.0 } else { 0.0 }, 10.0)
        } else {
            Self::new(0.0, 100.0)
        }
    }
}

fn number_words(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

/// A range written in a header, e.g. "Power (1-10)", "Support 0–5", "Influence [1 to 5]", or a
/// percent sign ("Support %").
fn scale_in_header(header: &str) -> Option<Scale> {
    if header.contains('%') {
        return Some(Scale {
            low: 0.0,
            high: 100.0,
            percent: true,
        });
    }
    let h = header
        .to_lowercase()
        .replace(" to ", "-")
        .replace(['–', '—'], "-");
    let chars: Vec<char> = h.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '-' {
            continue;
        }
        let before: String = chars[..i]
            .iter()
            .rev()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = chars[i + 1..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let (Ok(low), Ok(high)) = (before.parse::<f64>(), after.parse::<f64>()) {
            if high > low && high <= 100.0 {
                return Some(Scale::new(low, high));
            }
        }
    }
    None
}

/// A number read from a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// Its value ("75%" is 75).
    pub value: f64,
    /// True when written with a percent sign.
    pub percent: bool,
}

/// Reads a cell as a number: "4", "4.5", "4,5" (a decimal comma, as European spreadsheets write
/// it), "75%", "75 %", and a number followed by a label ("3 - Neutral", "5 (High)").
pub fn number(cell: &str) -> Option<Number> {
    let t = cell.trim();
    let digits_end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '-'))
        .map_or(t.len(), |(i, _)| i);
    let (num, rest) = t.split_at(digits_end);
    let rest = rest.trim();
    let percent = rest.starts_with('%');
    let labelled = rest.is_empty()
        || percent
        || rest.starts_with(['-', '–', '(', ':', '=', '/'])
        || rest.starts_with(|c: char| c.is_alphabetic())
            && num.len() < t.len()
            && t[num.len()..].starts_with(' ');
    if num.is_empty() || !labelled || num.starts_with(',') {
        return None;
    }
    // One comma and no point: a decimal comma.
    let num = if num.matches(',').count() == 1 && !num.contains('.') {
        num.replace(',', ".")
    } else {
        num.to_owned()
    };
    let value: f64 = num.parse().ok()?;
    value.is_finite().then_some(Number { value, percent })
}

/// What the axis a column feeds means by "high": how a level word such as "High" reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// High means high on the axis (influence, skepticism).
    Direct,
    /// High means low skepticism (a support column).
    Reversed,
}

/// Level words ("High", "M", "Very low") as a place on an axis read directly.
fn level(word: &str) -> Option<i32> {
    Some(match word {
        "very high" | "vh" | "critical" | "extreme" | "highest" | "key" | "very strong" => 90,
        "high" | "h" | "hi" | "strong" | "major" | "significant" | "large" | "great" => 75,
        "medium" | "m" | "med" | "mid" | "moderate" | "average" | "some" | "partial" => 50,
        "low" | "l" | "lo" | "weak" | "minor" | "limited" | "small" | "little" => 25,
        "very low" | "vl" | "lowest" | "negligible" | "very weak" => 10,
        "none" | "no" | "nil" => 0,
        _ => return None,
    })
}

/// Stance words as skepticism (0 convinced advocate, 100 openly opposed): the engagement levels
/// of a stakeholder register (Unaware, Resistant, Neutral, Supportive, Leading), the roles of
/// an advocacy map (Champion, Supporter, Blocker, Opponent) and plain sentiment words.
fn stance(word: &str) -> Option<i32> {
    Some(match word {
        "leading" | "leader" | "champion" | "champions" | "advocate" | "sponsor" | "driver"
        | "enthusiastic" | "committed" => 5,
        "supportive" | "supporter" | "support" | "supports" | "ally" | "for" | "in favour"
        | "in favor" | "favourable" | "favorable" | "agree" | "yes" | "pro" | "green" => 20,
        "positive" | "open" | "interested" | "receptive" => 30,
        "neutral" | "undecided" | "mixed" | "ambivalent" | "unsure" | "on the fence"
        | "unaware" | "indifferent" | "passive" | "amber" | "yellow" => 50,
        "cautious" | "concerned" | "hesitant" | "wary" | "doubtful" => 65,
        "negative" | "skeptical" | "sceptical" | "skeptic" | "sceptic" | "critical of" => 75,
        "resistant" | "resists" | "resistor" | "against" | "disagree" | "no support"
        | "opposed" | "opponent" | "opposes" | "detractor" | "red" => 85,
        "blocker" | "blocking" | "hostile" | "saboteur" | "obstructive" => 95,
        _ => return None,
    })
}

/// Reads a word as a place on an axis: a stance (always skepticism, whatever the column), or a
/// level (read with the column's sense), with "very", "strongly", "somewhat" and the like moving
/// it towards an end or the middle. `None` for a word the table does not know.
pub fn word_place(cell: &str, sense: Sense, skepticism_axis: bool) -> Option<u8> {
    // Compared as headers are: lower case, words of letters and digits.
    let w = super::columns::header_words(cell);
    if w.is_empty() {
        return None;
    }
    if let Some(v) = level(&w) {
        let v = match sense {
            Sense::Direct => v,
            Sense::Reversed => 100 - v,
        };
        return Some(v as u8);
    }
    let (stronger, softer) = (
        [
            "very ",
            "strongly ",
            "highly ",
            "extremely ",
            "actively ",
            "fully ",
        ],
        [
            "somewhat ",
            "slightly ",
            "mildly ",
            "partly ",
            "partially ",
            "fairly ",
            "a bit ",
        ],
    );
    let (base, shift) = stronger
        .iter()
        .find_map(|p| w.strip_prefix(p).map(|rest| (rest, 1)))
        .or_else(|| {
            softer
                .iter()
                .find_map(|p| w.strip_prefix(p).map(|rest| (rest, -1)))
        })
        .unwrap_or((&w, 0));
    // A stance is about skepticism; on the influence axis it says nothing.
    let v = if skepticism_axis { stance(base) } else { None };
    let v = v.or_else(|| {
        level(base).map(|v| match sense {
            Sense::Direct => v,
            Sense::Reversed => 100 - v,
        })
    })?;
    let moved = match shift.cmp(&0) {
        std::cmp::Ordering::Greater if v < 50 => v - 10,
        std::cmp::Ordering::Greater if v > 50 => v + 10,
        std::cmp::Ordering::Less if v < 50 => v + 10,
        std::cmp::Ordering::Less if v > 50 => v - 10,
        _ => v,
    };
    Some(moved.clamp(0, 100) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_european_and_labelled_cells_write_them() {
        assert_eq!(number("7,5").map(|n| n.value), Some(7.5));
        assert_eq!(
            number("75 %"),
            Some(Number {
                value: 75.0,
                percent: true
            })
        );
        assert_eq!(number("3 - Neutral").map(|n| n.value), Some(3.0));
        assert_eq!(number("High"), None);
        assert_eq!(number("2nd floor"), None);
        assert_eq!(number("1,000,5"), None);
    }

    #[test]
    fn a_header_can_name_its_scale() {
        assert_eq!(scale_in_header("Power (1-10)"), Some(Scale::new(1.0, 10.0)));
        assert_eq!(scale_in_header("Support 0 – 5"), Some(Scale::new(0.0, 5.0)));
        assert_eq!(
            scale_in_header("Influence [1 to 5]"),
            Some(Scale::new(1.0, 5.0))
        );
        assert_eq!(scale_in_header("Influence"), None);
    }

    #[test]
    fn modifiers_move_a_word_towards_an_end_or_the_middle() {
        let s = |w| word_place(w, Sense::Direct, true);
        assert_eq!(s("Supportive"), Some(20));
        assert_eq!(s("Very supportive"), Some(10));
        assert_eq!(s("somewhat resistant"), Some(75));
        assert_eq!(s("Strongly resistant"), Some(95));
        assert_eq!(word_place("High", Sense::Reversed, true), Some(25));
        assert_eq!(word_place("Champion", Sense::Direct, false), None);
    }
}
