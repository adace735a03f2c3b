//! Relationships drawn on the map: an arrow per relationship between two markers, its
//! thickness by strength, its dash and colour by kind (never colour alone), an arrowhead at
//! each end it points to. The screen and the exported picture both draw from [`draw_ties`].

use super::drawing::MarkerView;
use super::ids::{RelationshipId, StakeholderId};
use super::map::StakeMap;
use super::network::{Tie, TieStrength};
use std::collections::HashMap;
use std::fmt::Write;

token_enum! {
    /// Which relationships the map draws.
    pub enum TieShow as "snake_case" {
        /// Only the selected person's (none while nobody is selected).
        Selected,
        /// Every relationship between people on show.
        All,
        /// None.
        Hidden,
    }
}

/// What the map shows of the relationships: which, and whose when only the selected person's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownTies {
    /// Which relationships.
    pub show: TieShow,
    /// The selected person.
    pub selected: Option<StakeholderId>,
}

impl ShownTies {
    /// No relationships drawn.
    pub const NONE: ShownTies = ShownTies {
        show: TieShow::Hidden,
        selected: None,
    };
}

impl TieShow {
    /// The label of the choice.
    pub fn label(self) -> &'static str {
        match self {
            TieShow::Selected => "Selected person's",
            TieShow::All => "All",
            TieShow::Hidden => "None",
        }
    }
}

impl Tie {
    /// The line's dash pattern (SVG `stroke-dasharray`; empty for a solid line), so kinds differ
    /// by more than colour.
    pub fn dash(self) -> &'static str {
        match self {
            Tie::ListensTo => "",
            Tie::ReportsTo => "9 4",
            Tie::AlliedWith => "2 4",
            Tie::AtOddsWith => "10 4 2 4",
        }
    }

    /// The line's colour, on screen and in the picture: each at least 3:1 against the map's
    /// light and dark backgrounds.
    pub fn colour(self) -> &'static str {
        match self {
            Tie::ListensTo => "#2563eb",
            Tie::ReportsTo => "#64748b",
            Tie::AlliedWith => "#059669",
            Tie::AtOddsWith => "#dc2626",
        }
    }
}

impl TieStrength {
    /// The line's width, in pixels.
    pub fn width(self) -> f64 {
        match self {
            TieStrength::Weak => 1.5,
            TieStrength::Moderate => 2.75,
            TieStrength::Strong => 4.25,
        }
    }
}

/// How far an arrow stops short of a marker's centre.
pub const TIE_GAP: f64 = 14.0;

/// How far apart the curves of several relationships between the same two people bend.
const BEND: f64 = 20.0;

/// One relationship as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct TieView {
    /// Which.
    pub id: RelationshipId,
    /// The SVG path from the first person's marker to the second's.
    pub path: String,
    /// Its kind (dash and colour).
    pub kind: Tie,
    /// Its strength (width).
    pub strength: TieStrength,
    /// An arrowhead at the first person's end too.
    pub both_ways: bool,
    /// The relationship in words, for a tooltip.
    pub words: String,
}

/// The arrows for the relationships `show` asks for, between the people drawn in `markers`.
/// Several relationships between the same two people bend apart so each stays visible.
pub fn draw_ties(
    map: &StakeMap,
    markers: &[MarkerView],
    shown: ShownTies,
    names: &dyn Fn(StakeholderId) -> String,
) -> Vec<TieView> {
    let ShownTies { show, selected } = shown;
    let wanted = |from: StakeholderId, to: StakeholderId| match show {
        TieShow::Hidden => false,
        TieShow::All => true,
        TieShow::Selected => selected.is_some_and(|s| s == from || s == to),
    };
    if show == TieShow::Hidden || (show == TieShow::Selected && selected.is_none()) {
        return Vec::new();
    }
    let at: HashMap<StakeholderId, (f64, f64)> =
        markers.iter().map(|m| (m.id, (m.x, m.y))).collect();
    let shown: Vec<_> = map
        .relationships()
        .filter(|r| wanted(r.from, r.to))
        .filter_map(|r| Some((r, *at.get(&r.from)?, *at.get(&r.to)?)))
        .collect();
    // How many relationships join each pair, and which of them each one is.
    let pair = |a: StakeholderId, b: StakeholderId| if a < b { (a, b) } else { (b, a) };
    let mut count: HashMap<(StakeholderId, StakeholderId), usize> = HashMap::new();
    for (r, _, _) in &shown {
        *count.entry(pair(r.from, r.to)).or_default() += 1;
    }
    let mut seen: HashMap<(StakeholderId, StakeholderId), usize> = HashMap::new();
    shown
        .into_iter()
        .map(|(r, a, b)| {
            let key = pair(r.from, r.to);
            let n = count.get(&key).copied().unwrap_or(1);
            let k = seen.entry(key).or_default();
            let index = *k;
            *k += 1;
            // Bends are measured from the pair's own direction, so two ties drawn from either
            // end still bend to different sides.
            let sign = if r.from == key.0 { 1.0 } else { -1.0 };
            let bend = (index as f64 - (n as f64 - 1.0) / 2.0) * BEND * sign;
            TieView {
                id: r.id,
                path: arrow_path(a, b, bend),
                kind: r.fields.kind,
                strength: r.fields.strength,
                both_ways: r.both_ways(),
                words: r.sentence(names),
            }
        })
        .collect()
}

/// A path from `a` to `b`, bent sideways by `bend` pixels at its middle, stopping
/// [`TIE_GAP`] short of each end.
fn arrow_path(a: (f64, f64), b: (f64, f64), bend: f64) -> String {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    // The control point of a quadratic curve whose middle is `bend` off the straight line.
    let (nx, ny) = (-dy / len, dx / len);
    let c = (
        (a.0 + b.0) / 2.0 + nx * bend * 2.0,
        (a.1 + b.1) / 2.0 + ny * bend * 2.0,
    );
    let toward = |p: (f64, f64), q: (f64, f64)| {
        let (ex, ey) = (q.0 - p.0, q.1 - p.1);
        let l = (ex * ex + ey * ey).sqrt().max(1e-6);
        let gap = TIE_GAP.min(l / 3.0);
        (p.0 + ex / l * gap, p.1 + ey / l * gap)
    };
    let start = toward(a, c);
    let end = toward(b, c);
    let mut d = String::with_capacity(48);
    if bend == 0.0 {
        let _ = write!(
            d,
            "M{:.1},{:.1}L{:.1},{:.1}",
            start.0, start.1, end.0, end.1
        );
    } else {
        let _ = write!(
            d,
            "M{:.1},{:.1}Q{:.1},{:.1} {:.1},{:.1}",
            start.0, start.1, c.0, c.1, end.0, end.1
        );
    }
    d
}

/// The arrowhead definitions (`<marker>`s) the ties refer to, one per kind, coloured as the
/// kind's line; `prefix` keeps their ids apart from other drawings on the same page.
pub fn tie_heads(prefix: &str) -> String {
    let mut out = String::new();
    for kind in Tie::ALL {
        let _ = write!(
            out,
            r#"<marker id="{prefix}-{k}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" markerUnits="strokeWidth" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>"#,
            k = kind.key(),
            c = kind.colour()
        );
    }
    out
}

/// The markup of the ties: one `<path>` each, with its kind's colour and dash, its strength's
/// width, arrowheads from [`tie_heads`] and its words as a tooltip.
pub fn ties_markup(ties: &[TieView], prefix: &str) -> String {
    let mut out = String::with_capacity(ties.len() * 260);
    for t in ties {
        let k = t.kind.key();
        let dash = t.kind.dash();
        let _ = write!(
            out,
            r#"<path class="tie tie-{k}" data-id="{id}" d="{d}" fill="none" stroke="{c}" stroke-width="{w}"{dash_attr} marker-end="url(#{prefix}-{k})"{start}><title>{words}</title></path>"#,
            id = t.id,
            d = t.path,
            c = t.kind.colour(),
            w = t.strength.width(),
            dash_attr = if dash.is_empty() {
                String::new()
            } else {
                format!(r#" stroke-dasharray="{dash}""#)
            },
            start = if t.both_ways {
                format!(r#" marker-start="url(#{prefix}-{k})""#)
            } else {
                String::new()
            },
            words = super::escape_markup(&t.words),
        );
    }
    out
}
