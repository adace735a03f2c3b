//! Where each name goes on the map: beside its marker, never over another name, a marker, a
//! quadrant caption or an arrow. Names that cannot fit anywhere near their marker are left
//! out of the drawing (the map shows them on pointing or focus); the most important are placed
//! first, so those that give way are the least important.
//!
//! The method is the one map renderers use for point labels: a few candidate spots around each
//! point, tried in order of preference, each checked against what is already drawn through a
//! grid index, so a whole map is laid out in time linear in its size.

use std::collections::HashMap;

/// How far a name's box reaches above its baseline, as a share of the font size. Generous, so
/// the box holds the tallest letters of the usual interface fonts.
pub const ASCENT: f64 = 0.95;
/// How far it reaches below the baseline, as a share of the font size.
pub const DESCENT: f64 = 0.3;
/// The gap kept between a name and anything else, in pixels.
const GAP: f64 = 1.5;
/// The side of a cell of the grid index, in pixels.
const CELL: f64 = 64.0;

/// An axis-aligned rectangle in the drawing's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Rect {
    /// The rectangle between two corners.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Self {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// A square of half-side `r` around a point.
    pub fn around(x: f64, y: f64, r: f64) -> Self {
        Self::new(x - r, y - r, x + r, y + r)
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies wholly inside.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// The rectangle grown by `d` on every side.
    pub fn grown(&self, d: f64) -> Self {
        Self {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    /// Whether the segment from `a` to `b` passes through the rectangle (Liang–Barsky clipping).
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// Which side of its marker a name sits on, in order of preference: reading on from the marker
/// first, then back from it, then the corners, then above and below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spot {
    /// To the right, level with the marker.
    Right,
    /// To the left, level with the marker.
    Left,
    /// Above and to the right.
    AboveRight,
    /// Below and to the right.
    BelowRight,
    /// Above and to the left.
    AboveLeft,
    /// Below and to the left.
    BelowLeft,
    /// Centred above.
    Above,
    /// Centred below.
    Below,
}

impl Spot {
    /// Every spot, in the order they are tried.
    pub const ALL: [Spot; 8] = [
        Spot::Right,
        Spot::Left,
        Spot::AboveRight,
        Spot::BelowRight,
        Spot::AboveLeft,
        Spot::BelowLeft,
        Spot::Above,
        Spot::Below,
    ];
}

/// How a name is anchored on its text position (SVG's `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The text starts at the position.
    Start,
    /// The text is centred on it.
    Middle,
    /// The text ends at it.
    End,
}

impl Anchor {
    /// The attribute's value.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Where a placed name is drawn, relative to its marker's centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelSpot {
    /// The side chosen.
    pub spot: Spot,
    /// The text position's offset from the marker centre (x) …
    pub dx: f64,
    /// … and the baseline's (y).
    pub dy: f64,
    /// How the text hangs on that position.
    pub anchor: Anchor,
    /// The box the name takes, in the drawing's pixels.
    pub rect: Rect,
    /// A leader line from the marker's edge to the name, when the name sits apart from it
    /// (offsets from the marker centre: from x, y to x, y).
    pub leader: Option<(f64, f64, f64, f64)>,
    /// Whether the short form of the name was placed (the full one fitted nowhere).
    pub short: bool,
}

/// One name to place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelRequest {
    /// The marker's centre.
    pub at: (f64, f64),
    /// The name's width at the font size in use, in pixels.
    pub width: f64,
    /// Higher goes first; ties keep the order given.
    pub priority: f64,
    /// How many rings out from the marker the name may sit: 1 only beside it, more with a
    /// leader line ([`RINGS`] suits most; more for a name that must be shown).
    pub rings: u8,
    /// The width of a short form of the name, tried beside the marker when the full name fits
    /// nowhere (after every full name has had its turn).
    pub short_width: Option<f64>,
}

/// What names must keep clear of, and the area they must stay inside.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Names stay inside this (the plotting area).
    pub bounds: Option<Rect>,
    /// Markers, captions, rings: anything a name must not cover.
    pub blocks: Vec<Rect>,
    /// Arrows (and leader lines), as segments a name must not cross.
    pub lines: Vec<((f64, f64), (f64, f64))>,
}

/// The sizes a layout works with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelMetrics {
    /// The names' font size, in pixels.
    pub font: f64,
    /// How far from a marker's centre a name keeps (its half-size, and a little room).
    pub clear: f64,
}

impl LabelMetrics {
    /// The box, text position and anchor of a `width`-wide name at `spot` beside a marker at
    /// `(x, y)`.
    pub fn spot(&self, spot: Spot, at: (f64, f64), width: f64) -> LabelSpot {
        self.spot_at(spot, at, width, 0)
    }

    /// As [`LabelMetrics::spot`], `ring` rings out from the marker (0 is beside it); a name
    /// further out has a leader line back to its marker.
    pub fn spot_at(&self, spot: Spot, (x, y): (f64, f64), width: f64, ring: u8) -> LabelSpot {
        let f = self.font;
        let h = f * (ASCENT + DESCENT);
        let c = self.clear + f64::from(ring) * h * 1.4;
        // The left edge (by anchor) and top of the box.
        let (left, top, anchor) = match spot {
            Spot::Right => (x + c, y - h / 2.0, Anchor::Start),
            Spot::Left => (x - c - width, y - h / 2.0, Anchor::End),
            Spot::AboveRight => (x + c * 0.45, y - c - h, Anchor::Start),
            Spot::BelowRight => (x + c * 0.45, y + c * 0.85, Anchor::Start),
            Spot::AboveLeft => (x - c * 0.45 - width, y - c - h, Anchor::End),
            Spot::BelowLeft => (x - c * 0.45 - width, y + c * 0.85, Anchor::End),
            Spot::Above => (x - width / 2.0, y - c - h, Anchor::Middle),
            Spot::Below => (x - width / 2.0, y + c * 0.85, Anchor::Middle),
        };
        let rect = Rect::new(left, top, left + width, top + h);
        let tx = match anchor {
            Anchor::Start => left,
            Anchor::Middle => left + width / 2.0,
            Anchor::End => left + width,
        };
        let leader = (ring > 0).then(|| {
            // From just outside the marker to the nearest point of the name's box.
            let (nx, ny) = (x.clamp(rect.x0, rect.x1) - x, y.clamp(rect.y0, rect.y1) - y);
            let len = (nx * nx + ny * ny).sqrt().max(1.0);
            let (ux, uy) = (nx / len, ny / len);
            let start = (self.clear - 1.0) / ux.abs().max(uy.abs()).max(0.5);
            (ux * start, uy * start, nx - ux * 2.0, ny - uy * 2.0)
        });
        LabelSpot {
            spot,
            dx: tx - x,
            dy: top + f * ASCENT - y,
            anchor,
            rect,
            leader,
            short: false,
        }
    }
}

/// How many rings out from its marker a name may sit (the first beside it, the others with a
/// leader line).
pub const RINGS: u8 = 3;

/// A grid of cells, each listing the shapes that reach into it.
struct Grid {
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn new() -> Self {
        Self {
            cells: HashMap::new(),
        }
    }

    fn range(r: &Rect) -> (i32, i32, i32, i32) {
        let cell = |v: f64| (v / CELL).floor().clamp(-1e6, 1e6) as i32;
        (cell(r.x0), cell(r.y0), cell(r.x1), cell(r.y1))
    }

    fn insert(&mut self, r: &Rect, index: usize) {
        let (cx0, cy0, cx1, cy1) = Self::range(r);
        for cx in cx0..=cx1 {
            for cy in cy0..=cy1 {
                self.cells.entry((cx, cy)).or_default().push(index);
            }
        }
    }

    fn any(&self, r: &Rect, mut hit: impl FnMut(usize) -> bool) -> bool {
        let (cx0, cy0, cx1, cy1) = Self::range(r);
        for cx in cx0..=cx1 {
            for cy in cy0..=cy1 {
                if let Some(list) = self.cells.get(&(cx, cy)) {
                    if list.iter().any(|&i| hit(i)) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// Places every name it can: `None` for a name with no free spot. The result is in the order of
/// `requests`.
///
/// ```
/// use stakemap_core::model::{place_labels, LabelMetrics, LabelRequest, Rect, Scene, Spot, RINGS};
/// let metrics = LabelMetrics { font: 14.0, clear: 14.0 };
/// let people = [
///     LabelRequest { at: (100.0, 100.0), width: 80.0, priority: 2.0, rings: RINGS, short_width: None },
///     LabelRequest { at: (110.0, 100.0), width: 80.0, priority: 1.0, rings: RINGS, short_width: None },
/// ];
/// let scene = Scene { bounds: Some(Rect::new(0.0, 0.0, 400.0, 300.0)), ..Scene::default() };
/// let spots = place_labels(&people, &metrics, &scene);
/// // Neither name covers the other, nor either marker.
/// let (a, b) = (spots[0].unwrap(), spots[1].unwrap());
/// assert!(!a.rect.overlaps(&b.rect));
/// assert_ne!(a.spot, b.spot);
/// ```
pub fn place_labels(
    requests: &[LabelRequest],
    metrics: &LabelMetrics,
    scene: &Scene,
) -> Vec<Option<LabelSpot>> {
    let marker = metrics.clear - 2.0;
    // Everything to keep clear of, in one list and one grid: the scene's blocks, each marker,
    // then the names as they are placed.
    let mut rects: Vec<Rect> = Vec::with_capacity(scene.blocks.len() + requests.len() * 2);
    let mut grid = Grid::new();
    for r in scene.blocks.iter().copied().chain(
        requests
            .iter()
            .map(|q| Rect::around(q.at.0, q.at.1, marker)),
    ) {
        grid.insert(&r, rects.len());
        rects.push(r);
    }
    let mut line_grid = Grid::new();
    let mut lines = scene.lines.clone();
    for (i, (a, b)) in lines.iter().enumerate() {
        line_grid.insert(&Rect::new(a.0, a.1, b.0, b.1), i);
    }

    let mut order: Vec<usize> = (0..requests.len()).collect();
    crate::sort::by(&mut order, |&a, &b| {
        requests[b]
            .priority
            .total_cmp(&requests[a].priority)
            .then(a.cmp(&b))
    });
    let mut out = vec![None; requests.len()];
    let mut place = |at: (f64, f64), width: f64, rings: u8| -> Option<LabelSpot> {
        if !(at.0.is_finite() && at.1.is_finite() && width.is_finite()) {
            return None;
        }
        let leader_at = |(x1, y1, x2, y2): (f64, f64, f64, f64)| {
            ((at.0 + x1, at.1 + y1), (at.0 + x2, at.1 + y2))
        };
        let found = (0..rings)
            .flat_map(|ring| {
                Spot::ALL
                    .iter()
                    .map(move |&s| metrics.spot_at(s, at, width, ring))
            })
            .find(|c| {
                let r = c.rect.grown(GAP);
                scene.bounds.is_none_or(|b| b.contains(&c.rect))
                    && !grid.any(&r, |k| rects[k].overlaps(&r))
                    && !line_grid.any(&r, |k| {
                        let (a, b) = lines[k];
                        r.crossed_by(a, b)
                    })
                    && c.leader.map(leader_at).is_none_or(|(a, b)| {
                        !grid.any(&Rect::new(a.0, a.1, b.0, b.1), |k| {
                            rects[k].crossed_by(a, b)
                        })
                    })
            })?;
        grid.insert(&found.rect, rects.len());
        rects.push(found.rect);
        if let Some((a, b)) = found.leader.map(leader_at) {
            line_grid.insert(&Rect::new(a.0, a.1, b.0, b.1), lines.len());
            lines.push((a, b));
        }
        Some(found)
    };
    for &i in &order {
        let q = &requests[i];
        out[i] = place(q.at, q.width, q.rings);
    }
    // Then short forms, in the same order, beside their markers.
    for &i in &order {
        let q = &requests[i];
        if let (None, Some(width)) = (out[i], q.short_width) {
            out[i] = place(q.at, width, 2).map(|s| LabelSpot { short: true, ..s });
        }
    }
    out
}

/// A name's width in pixels at `font`, estimated from its letters for when the real font cannot
/// be measured (the exported picture). Errs wide, so estimated boxes hold the real text.
///
/// ```
/// use stakemap_core::model::estimate_text_width;
/// assert!(estimate_text_width("Mmm", 10.0) > estimate_text_width("iii", 10.0));
/// ```
pub fn estimate_text_width(text: &str, font: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | ':' | ';' | '!' => 0.3,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '-' => 0.4,
            'm' | 'w' | 'M' | 'W' | '@' => 0.95,
            c if c.is_uppercase() => 0.75,
            c if c.is_ascii() => 0.6,
            _ => 1.0,
        })
        .sum();
    em * font * 1.05
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(at: (f64, f64), width: f64, priority: f64) -> LabelRequest {
        LabelRequest {
            at,
            width,
            priority,
            rings: RINGS,
            short_width: None,
        }
    }

    fn metrics() -> LabelMetrics {
        LabelMetrics {
            font: 14.0,
            clear: 14.0,
        }
    }

    #[test]
    fn a_lone_name_goes_to_the_right_of_its_marker() {
        let q = request((100.0, 100.0), 60.0, 0.0);
        let s = place_labels(&[q], &metrics(), &Scene::default())[0].unwrap();
        assert_eq!(s.spot, Spot::Right);
        assert_eq!(s.anchor, Anchor::Start);
        assert!(s.rect.x0 > 100.0 + 12.0);
        assert!(s.rect.y0 < 100.0 && s.rect.y1 > 100.0);
    }

    #[test]
    fn a_name_at_the_right_edge_turns_to_the_left() {
        let q = request((390.0, 100.0), 60.0, 0.0);
        let scene = Scene {
            bounds: Some(Rect::new(0.0, 0.0, 400.0, 300.0)),
            ..Scene::default()
        };
        let s = place_labels(&[q], &metrics(), &scene)[0].unwrap();
        assert_eq!(s.spot, Spot::Left);
        assert!(s.rect.x1 < 390.0);
    }

    #[test]
    fn names_keep_off_blocks_and_arrows() {
        let q = request((100.0, 100.0), 60.0, 0.0);
        let right = metrics().spot(Spot::Right, q.at, 60.0).rect;
        let left = metrics().spot(Spot::Left, q.at, 60.0).rect;
        let scene = Scene {
            bounds: None,
            blocks: vec![right],
            // An arrow through the left spot.
            lines: vec![(
                (left.x0 - 10.0, left.y0 - 10.0),
                (left.x1 + 10.0, left.y1 + 10.0),
            )],
        };
        let s = place_labels(&[q], &metrics(), &scene)[0].unwrap();
        assert!(!s.rect.overlaps(&right));
        assert!(!matches!(s.spot, Spot::Right | Spot::Left));
    }

    #[test]
    fn the_most_important_name_wins_a_crowded_spot() {
        // Markers on top of each other: only one name fits around them … and it is the
        // important one, whichever order they come in.
        let crowd: Vec<LabelRequest> = (0..12)
            .map(|i| request((100.0, 100.0), 150.0, if i == 7 { 10.0 } else { 0.0 }))
            .collect();
        let scene = Scene {
            bounds: Some(Rect::new(0.0, 0.0, 300.0, 200.0)),
            ..Scene::default()
        };
        let spots = place_labels(&crowd, &metrics(), &scene);
        assert!(spots[7].is_some());
    }

    #[test]
    fn no_two_names_ever_overlap_nor_cover_a_marker_on_a_crowded_map() {
        // A deterministic scatter of 400 people on a small map.
        let mut s: u32 = 7;
        let mut next = || {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            f64::from(s >> 8) / f64::from(1u32 << 24)
        };
        let requests: Vec<LabelRequest> = (0..400)
            .map(|_| {
                request(
                    (40.0 + next() * 900.0, 20.0 + next() * 600.0),
                    40.0 + next() * 120.0,
                    next(),
                )
            })
            .collect();
        let bounds = Rect::new(40.0, 20.0, 940.0, 620.0);
        let caption = Rect::new(50.0, 30.0, 250.0, 60.0);
        let arrow = ((300.0, 300.0), (700.0, 500.0));
        let scene = Scene {
            bounds: Some(bounds),
            blocks: vec![caption],
            lines: vec![arrow],
        };
        let spots = place_labels(&requests, &metrics(), &scene);
        let placed: Vec<Rect> = spots.iter().flatten().map(|s| s.rect).collect();
        // So crowded that markers leave little room: some names must give way, and some fit.
        assert!(placed.len() > 25, "a fair share fits: {}", placed.len());
        for (i, a) in placed.iter().enumerate() {
            assert!(bounds.contains(a));
            assert!(!a.overlaps(&caption));
            assert!(!a.crossed_by(arrow.0, arrow.1));
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} and {b:?}");
            }
            for q in &requests {
                assert!(!a.overlaps(&Rect::around(q.at.0, q.at.1, 12.0)));
            }
        }
    }

    #[test]
    fn people_spread_out_all_keep_their_names() {
        let requests: Vec<LabelRequest> = (0..30)
            .map(|i| {
                request(
                    (
                        60.0 + f64::from(i % 5) * 180.0,
                        40.0 + f64::from(i / 5) * 60.0,
                    ),
                    120.0,
                    0.0,
                )
            })
            .collect();
        let scene = Scene {
            bounds: Some(Rect::new(0.0, 0.0, 1000.0, 400.0)),
            ..Scene::default()
        };
        let spots = place_labels(&requests, &metrics(), &scene);
        assert!(spots
            .iter()
            .all(|s| s.is_some_and(|s| s.spot == Spot::Right)));
    }

    #[test]
    fn segments_cross_only_the_boxes_they_pass_through() {
        let r = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert!(r.crossed_by((0.0, 0.0), (30.0, 30.0)));
        assert!(r.crossed_by((15.0, 0.0), (15.0, 30.0)));
        assert!(!r.crossed_by((0.0, 30.0), (30.0, 60.0)));
        assert!(!r.crossed_by((0.0, 0.0), (5.0, 5.0)));
        assert!(r.crossed_by((12.0, 12.0), (13.0, 13.0)));
    }
}
