//! Relationships drawn on the map: an arrow per relationship between two markers, its
//! thickness by strength, its dash and colour by kind (never colour alone), an arrowhead at
//! each end it points to. The screen and the exported picture both draw from [`draw_ties`], the
//! ties of one kind and strength as one path ([`batch_ties`]), so a map with thousands of
//! relationships paints a few dozen elements.

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
            Tie::ReportsTo => "#8b5cf6",
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

/// What the key says of every arrow, on screen and in the picture.
pub const TIE_KEY_NOTE: &str =
    "Arrows point to the one listened to or reported to; thicker is stronger";

/// How far an arrow stops short of a marker's centre.
pub const TIE_GAP: f64 = 14.0;

/// How far apart the curves of several relationships between the same two people bend.
const BEND: f64 = 20.0;

/// A point on the map, in pixels.
pub type Point = (f64, f64);

/// One relationship as drawn: its line and its arrowheads, as points (as SVG path data on
/// request).
#[derive(Clone, Debug, PartialEq)]
pub struct TieView {
    /// Which.
    pub id: RelationshipId,
    /// Who it is about.
    pub from: StakeholderId,
    /// Whom they stand towards.
    pub to: StakeholderId,
    /// Where the line starts, near the first person's marker.
    pub start: Point,
    /// The control point of its curve, for one bent apart from another between the same two.
    pub control: Option<Point>,
    /// Where the line ends, inside the arrowhead near the second person's marker.
    pub end: Point,
    /// Its arrowheads (tip, then the two corners): at the second person's end, and the first's
    /// too when it holds both ways.
    pub head_points: Vec<[Point; 3]>,
    /// Its kind (dash and colour).
    pub kind: Tie,
    /// Its strength (width).
    pub strength: TieStrength,
}

/// The arrows for the relationships `shown` asks for, between the people drawn in `markers`.
/// Several relationships between the same two people bend apart so each stays visible.
pub fn draw_ties(map: &StakeMap, markers: &[MarkerView], shown: ShownTies) -> Vec<TieView> {
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
            let (start, control, end, head_points) =
                arrow(a, b, bend, r.fields.strength, r.both_ways());
            TieView {
                id: r.id,
                from: r.from,
                to: r.to,
                start,
                control,
                end,
                head_points,
                kind: r.fields.kind,
                strength: r.fields.strength,
            }
        })
        .collect()
}

/// The line from `a` to `b`, bent sideways by `bend` pixels at its middle, stopping
/// [`TIE_GAP`] short of each end (start, control point when bent, end), and its arrowheads (at
/// `b`, and at `a` when `both`), sized to the line's width.
fn arrow(
    a: Point,
    b: Point,
    bend: f64,
    strength: TieStrength,
    both: bool,
) -> (Point, Option<Point>, Point, Vec<[Point; 3]>) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    // The control point of a quadratic curve whose middle is `bend` off the straight line.
    let (nx, ny) = (-dy / len, dx / len);
    let c = (
        (a.0 + b.0) / 2.0 + nx * bend * 2.0,
        (a.1 + b.1) / 2.0 + ny * bend * 2.0,
    );
    let head = 6.0 + 1.6 * strength.width();
    // A point `gap` from `p` towards `q`, and the unit direction from `q` to `p`.
    let toward = |p: Point, q: Point, gap: f64| {
        let (ex, ey) = (q.0 - p.0, q.1 - p.1);
        let l = (ex * ex + ey * ey).sqrt().max(1e-6);
        let gap = gap.min(l / 3.0);
        ((p.0 + ex / l * gap, p.1 + ey / l * gap), (-ex / l, -ey / l))
    };
    let (tip_b, dir_b) = toward(b, c, TIE_GAP);
    let (tip_a, dir_a) = toward(a, c, TIE_GAP);
    // The line stops inside each arrowhead, so its end does not poke past the tip.
    let back = |tip: Point, dir: Point| (tip.0 - dir.0 * head * 0.7, tip.1 - dir.1 * head * 0.7);
    let end = back(tip_b, dir_b);
    let start = if both { back(tip_a, dir_a) } else { tip_a };
    let head_at = |tip: Point, dir: Point| {
        let base = (tip.0 - dir.0 * head, tip.1 - dir.1 * head);
        let (px, py) = (-dir.1 * head * 0.45, dir.0 * head * 0.45);
        [tip, (base.0 + px, base.1 + py), (base.0 - px, base.1 - py)]
    };
    let mut heads = vec![head_at(tip_b, dir_b)];
    if both {
        heads.push(head_at(tip_a, dir_a));
    }
    (start, (bend != 0.0).then_some(c), end, heads)
}

impl TieView {
    /// The line as SVG path data, added to `out`.
    pub fn line_data(&self, out: &mut String) {
        let (start, end) = (self.start, self.end);
        let _ = match self.control {
            None => write!(
                out,
                "M{:.1},{:.1}L{:.1},{:.1}",
                start.0, start.1, end.0, end.1
            ),
            Some(c) => write!(
                out,
                "M{:.1},{:.1}Q{:.1},{:.1} {:.1},{:.1}",
                start.0, start.1, c.0, c.1, end.0, end.1
            ),
        };
    }

    /// The arrowheads as SVG path data, added to `out`.
    pub fn heads_data(&self, out: &mut String) {
        for [tip, l, r] in &self.head_points {
            let _ = write!(
                out,
                "M{:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z",
                tip.0, tip.1, l.0, l.1, r.0, r.1
            );
        }
    }
}

/// The ties of one kind and strength drawn as one SVG path (so thousands of relationships are a
/// few dozen elements, not thousands): the lines, or the arrowheads.
#[derive(Clone, Debug, PartialEq)]
pub struct TieBatch {
    /// The kind (colour, and dash for lines).
    pub kind: Tie,
    /// The strength (width), for lines; `None` for arrowheads.
    pub strength: Option<TieStrength>,
    /// The path data of every tie in it.
    pub d: String,
    /// How many relationships it draws.
    pub count: usize,
}

impl TieBatch {
    /// What tells it apart from the other batches: "listens_to-strong", "listens_to-heads".
    pub fn key(&self) -> String {
        format!(
            "{}-{}",
            self.kind.key(),
            self.strength.map_or("heads", TieStrength::key)
        )
    }

    /// Its `<path>`.
    pub fn markup(&self) -> String {
        let k = self.kind.key();
        let c = self.kind.colour();
        let mut out = String::with_capacity(self.d.len() + 200);
        match self.strength {
            Some(s) => {
                let _ = write!(
                    out,
                    r#"<path class="tie-lines tie-{k} {s}" data-batch="{key}" data-count="{n}" d="{d}" fill="none" stroke="{c}" stroke-width="{w}" stroke-linecap="butt""#,
                    s = s.key(),
                    key = self.key(),
                    n = self.count,
                    d = self.d,
                    w = s.width(),
                );
                let dash = self.kind.dash();
                if !dash.is_empty() {
                    let _ = write!(out, r#" stroke-dasharray="{dash}""#);
                }
                out.push_str("/>");
            }
            None => {
                let _ = write!(
                    out,
                    r#"<path class="tie-heads tie-{k}" data-batch="{key}" data-count="{n}" d="{d}" fill="{c}"/>"#,
                    key = self.key(),
                    n = self.count,
                    d = self.d,
                );
            }
        }
        out
    }
}

/// The ties gathered into batches: the lines of each kind and strength, then the arrowheads of
/// each kind (drawn over the lines), in a fixed order; empty batches are left out.
pub fn batch_ties(ties: &[TieView]) -> Vec<TieBatch> {
    let mut out = Vec::new();
    for kind in Tie::ALL {
        for strength in TieStrength::ALL {
            let mine: Vec<&TieView> = ties
                .iter()
                .filter(|t| t.kind == kind && t.strength == strength)
                .collect();
            if !mine.is_empty() {
                let mut d = String::with_capacity(mine.len() * 40);
                for t in &mine {
                    t.line_data(&mut d);
                }
                out.push(TieBatch {
                    kind,
                    strength: Some(strength),
                    d,
                    count: mine.len(),
                });
            }
        }
    }
    for kind in Tie::ALL {
        let mine: Vec<&TieView> = ties.iter().filter(|t| t.kind == kind).collect();
        if !mine.is_empty() {
            let mut d = String::with_capacity(mine.len() * 60);
            for t in &mine {
                t.heads_data(&mut d);
            }
            out.push(TieBatch {
                kind,
                strength: None,
                d,
                count: mine.len(),
            });
        }
    }
    out
}

/// The markup of the ties: their batches' paths, lines first, arrowheads over them.
pub fn ties_markup(ties: &[TieView]) -> String {
    batch_ties(ties).iter().map(TieBatch::markup).collect()
}
