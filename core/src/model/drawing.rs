//! The map's drawing worked out in one pass, away from the page: where every marker and every
//! name goes, what each marker says to a screen reader, and what names must keep clear of (the
//! quadrant captions, markers, comparison arrows and targets). The map view only puts the result
//! on screen, so what is drawn is tested natively, and the placement is the same wherever the map
//! is drawn.

use std::collections::HashMap;

use super::layout::{
    place_labels, Anchor, LabelMetrics, LabelRequest, LabelSpot, Rect, Scene, RINGS,
};
use super::map::{Attention, StakeMap};
use super::plot::{MapText, Plot};
use super::stakeholder::{describe_position, Position, Quadrant, QUADRANT_THRESHOLD};
use super::{Comparison, StakeholderId};

/// The longest name drawn in full beside a marker; longer ones are cut with an ellipsis.
pub const LABEL_MAX: usize = 22;

/// A name short enough not to swamp the map.
///
/// ```
/// use stakemap_core::model::short_label;
/// assert_eq!(short_label("Dana Ortiz"), "Dana Ortiz");
/// assert_eq!(short_label("Alexandra Konstantinopoulou-Smith").chars().count(), 22);
/// ```
pub fn short_label(name: &str) -> String {
    if name.chars().count() <= LABEL_MAX {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(LABEL_MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A short form of a name for a crowded map: its first word, as "Dana" for "Dana Ortiz". A
/// whole word of the name (so a voice command that says what is seen still finds the marker,
/// whose accessible name is the full name). `None` when there is nothing shorter to say.
///
/// ```
/// use stakemap_core::model::short_name;
/// assert_eq!(short_name("Dana Ortiz").as_deref(), Some("Dana"));
/// assert_eq!(short_name("Ana Berg (Person 12)").as_deref(), Some("Ana"));
/// assert_eq!(short_name("Cher"), None);
/// ```
pub fn short_name(name: &str) -> Option<String> {
    let first = super::first_name(name);
    (!first.is_empty()
        && first.chars().count() < name.trim().chars().count()
        && first.chars().count() <= LABEL_MAX)
        .then(|| first.to_owned())
}

/// A quadrant's caption: its name in its outer corner, and its stance beside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Caption {
    /// Which quadrant.
    pub quadrant: Quadrant,
    /// The quadrant's own area.
    pub area: Rect,
    /// Where both lines start (or end, for the quadrants on the right).
    pub x: f64,
    /// How they hang on `x`.
    pub anchor: Anchor,
    /// The name's baseline.
    pub name_y: f64,
    /// The stance's baseline, when there is room for it.
    pub stance_y: Option<f64>,
}

impl Caption {
    /// The boxes the two lines take, given their widths.
    pub fn blocks(&self, text: &MapText, name_width: f64, stance_width: f64) -> Vec<Rect> {
        let line = |y: f64, size: f64, width: f64| {
            let left = match self.anchor {
                Anchor::Start => self.x,
                Anchor::Middle => self.x - width / 2.0,
                Anchor::End => self.x - width,
            };
            Rect::new(
                left,
                y - size * super::layout::ASCENT,
                left + width,
                y + size * super::layout::DESCENT,
            )
        };
        let mut out = vec![line(self.name_y, text.caption, name_width)];
        if let Some(y) = self.stance_y {
            out.push(line(y, text.stance, stance_width));
        }
        out
    }
}

impl Plot {
    /// The four quadrants' captions at these text sizes: names in the outer corners, with the
    /// stance under a top quadrant's name and over a bottom one's, when the map is wide enough.
    pub fn captions(&self, t: &MapText) -> [Caption; 4] {
        let mid_x = self.x(f64::from(QUADRANT_THRESHOLD));
        let mid_y = self.y(f64::from(QUADRANT_THRESHOLD));
        let show_stance = self.width >= 560.0;
        // From one baseline to the next: the name's descent, the stance's height, a gap.
        let step = t.caption * 0.25 + t.stance + 2.0;
        let caption = |quadrant, x0: f64, y0: f64, x1: f64, y1: f64, right: bool, top: bool| {
            let (name_y, stance_y) = if top {
                let name_y = y0 + 6.0 + t.caption;
                (name_y, show_stance.then_some(name_y + step))
            } else if show_stance {
                let stance_y = y1 - 6.0 - t.stance * 0.25;
                (stance_y - step, Some(stance_y))
            } else {
                (y1 - 8.0, None)
            };
            Caption {
                quadrant,
                area: Rect::new(x0, y0, x1, y1),
                x: if right { x1 - 10.0 } else { x0 + 10.0 },
                anchor: if right { Anchor::End } else { Anchor::Start },
                name_y,
                stance_y,
            }
        };
        let (x0, y0, x1, y1) = (self.x0(), self.y0(), self.x1(), self.y1());
        [
            caption(Quadrant::Champions, x0, y0, mid_x, mid_y, false, true),
            caption(Quadrant::WinOver, mid_x, y0, x1, mid_y, true, true),
            caption(Quadrant::KeepInformed, x0, mid_y, mid_x, y1, false, false),
            caption(Quadrant::Reassure, mid_x, mid_y, x1, y1, true, false),
        ]
    }
}

/// One marker as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkerView {
    /// Whose.
    pub id: StakeholderId,
    /// Its centre.
    pub x: f64,
    /// Its centre.
    pub y: f64,
    /// Its quadrant (its colour and shape).
    pub quadrant: Quadrant,
    /// The name beside it.
    pub label: String,
    /// Where the name goes, or `None` when it does not fit and shows only on pointing or focus.
    pub spot: Option<LabelSpot>,
    /// For a name that fits nowhere: whether it shows to the left of the marker when pointed
    /// at (near the right edge), rather than to the right.
    pub spare_left: bool,
    /// What a screen reader says: name, place, quadrant and anything overdue.
    pub aria: String,
    /// Whether the overdue badge shows.
    pub badge: bool,
    /// Whether this is the selected stakeholder.
    pub selected: bool,
}

/// A stakeholder in the comparison with a snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct GhostView {
    /// Whose.
    pub id: StakeholderId,
    /// Where they were (or, for someone added since, where they are).
    pub at: (f64, f64),
    /// The quadrant they were in.
    pub quadrant: Quadrant,
    /// The arrow from where they were to where they are, when they moved far enough to draw one.
    pub arrow: Option<(f64, f64, f64, f64)>,
}

/// Someone in the snapshot who is no longer on the map, named where they were.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedView {
    /// Whose.
    pub id: StakeholderId,
    /// Where they were.
    pub at: (f64, f64),
    /// "Name (removed)".
    pub label: String,
    /// Where the words go, if they fit.
    pub spot: Option<LabelSpot>,
}

/// The comparison with a snapshot, as drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComparisonView {
    /// People who moved: a dashed ring where they were, an arrow to where they are.
    pub moved: Vec<GhostView>,
    /// People added since: a ring around their marker.
    pub added: Vec<GhostView>,
    /// People removed since.
    pub removed: Vec<RemovedView>,
}

/// A target as drawn: a ring where the plan aims to move someone, and the arrow to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetView {
    /// The ring's centre.
    pub at: (f64, f64),
    /// The arrow from the marker to the ring.
    pub arrow: Option<(f64, f64, f64, f64)>,
}

/// Everything the map draws for its people.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    /// The markers, in the order asked for.
    pub markers: Vec<MarkerView>,
    /// The comparison, when one is chosen.
    pub comparison: Option<ComparisonView>,
}

/// What a drawing depends on besides the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawSettings {
    /// The drawing's geometry.
    pub plot: Plot,
    /// The sizes of its words.
    pub text: MapText,
    /// Where names may go (on screen, [`names_area`]).
    pub area: Rect,
    /// The selected stakeholder, whose name is placed first.
    pub selected: Option<StakeholderId>,
    /// Whether targets are drawn (they step aside while comparing, replaying or presenting).
    pub targets: bool,
}

/// The half-size of a marker's overdue badge box, beyond the marker, up and to the right.
const BADGE: Rect = Rect {
    x0: 1.0,
    y0: -16.0,
    x1: 15.0,
    y1: -2.0,
};

/// A ring's radius around a target or a ghost, and a little room.
const RING: f64 = 11.0;

/// The target arrow's gaps at the marker and at the ring (also used by the map's live drag).
pub const TARGET_GAPS: (f64, f64) = (11.0, 13.0);

/// Works out the drawing of `ids` (those on show) from `map`. `measure` gives the width of a
/// text at a font size, in pixels (the page measures with the real font; elsewhere
/// [`super::estimate_text_width`] will do). People are labelled by `names` when given (initials
/// or codes in a shared picture), else by their names.
pub fn draw_map(
    map: &StakeMap,
    ids: &[StakeholderId],
    attention: &HashMap<StakeholderId, Attention>,
    settings: &DrawSettings,
    comparison: Option<&Comparison>,
    measure: &mut dyn FnMut(&str, f64) -> f64,
    names: Option<&HashMap<StakeholderId, String>>,
) -> Drawing {
    let DrawSettings {
        plot,
        text,
        area,
        selected,
        targets,
    } = *settings;
    let metrics = LabelMetrics {
        font: text.label,
        clear: text.clear,
    };
    let mut scene = Scene {
        bounds: Some(area),
        ..Scene::default()
    };
    for c in plot.captions(&text) {
        let name = measure(c.quadrant.name(), text.caption);
        let stance = measure(c.quadrant.short_stance(), text.stance);
        scene.blocks.extend(c.blocks(&text, name, stance));
    }

    let mut markers = Vec::with_capacity(ids.len());
    let mut requests = Vec::with_capacity(ids.len());
    for &id in ids {
        let Some(s) = map.get(id) else { continue };
        let pos = s.position();
        let (x, y) = plot.point(pos);
        let quadrant = pos.quadrant();
        let attention = attention.get(&id);
        let badge = attention.is_some_and(Attention::needs_badge);
        let aria = {
            let base = describe_position(s.name(), pos);
            match attention.map(Attention::words).filter(|w| !w.is_empty()) {
                Some(words) => format!("{base}, {words}"),
                None => base,
            }
        };
        if badge {
            scene.blocks.push(Rect::new(
                x + BADGE.x0,
                y + BADGE.y0,
                x + BADGE.x1,
                y + BADGE.y1,
            ));
        }
        if let Some(t) = s.fields.target.filter(|_| targets) {
            let v = target_view(&plot, pos, t);
            scene.blocks.push(Rect::around(v.at.0, v.at.1, RING));
            if let Some((x1, y1, x2, y2)) = v.arrow {
                scene.lines.push(((x1, y1), (x2, y2)));
            }
        }
        let label = match names {
            Some(names) => names.get(&id).cloned().unwrap_or_default(),
            None => short_label(s.name()),
        };
        let is_selected = selected == Some(id);
        let width = measure(&label, text.label);
        requests.push(LabelRequest {
            at: (x, y),
            width,
            priority: priority(is_selected, pos),
            // The selected person is named even when the names near them are full.
            rings: if is_selected { 3 * RINGS } else { RINGS },
            short_width: names
                .is_none()
                .then(|| short_name(s.name()))
                .flatten()
                .map(|short| measure(&short, text.label)),
        });
        markers.push(MarkerView {
            id,
            x,
            y,
            quadrant,
            spare_left: x + text.clear + width > area.x1,
            label,
            spot: None,
            aria,
            badge,
            selected: is_selected,
        });
    }

    let comparison = comparison.map(|c| compare_view(c, &plot, &mut scene));
    // The removed are named where they were, after everyone on the map.
    if let Some(view) = &comparison {
        for r in &view.removed {
            requests.push(LabelRequest {
                at: r.at,
                width: measure(&r.label, text.label * 0.8),
                priority: -1.0,
                rings: RINGS,
                short_width: None,
            });
        }
    }
    let spots = place_labels(&requests, &metrics, &scene);
    for (m, spot) in markers.iter_mut().zip(&spots) {
        m.spot = *spot;
        if spot.is_some_and(|s| s.short) {
            if let Some(short) = map.get(m.id).and_then(|s| short_name(s.name())) {
                m.label = short;
            }
        }
    }
    let comparison = comparison.map(|mut view| {
        let removed_spots = spots.get(markers.len()..).unwrap_or_default();
        for (r, spot) in view.removed.iter_mut().zip(removed_spots) {
            r.spot = *spot;
        }
        view
    });
    Drawing {
        markers,
        comparison,
    }
}

/// Where names may go: the plotting area and the margins above and to the right of it, but not
/// the axes' numbers and titles on the left and at the bottom.
pub fn names_area(plot: &Plot) -> Rect {
    Rect::new(plot.x0(), 0.0, plot.width, plot.y1())
}

/// Whose name is placed first: the selected person, then those to win over, then the most
/// influential.
fn priority(selected: bool, pos: Position) -> f64 {
    let mut p = f64::from(pos.influence);
    if pos.quadrant() == Quadrant::WinOver {
        p += 1_000.0;
    }
    if selected {
        p += 1_000_000.0;
    }
    p
}

/// The comparison's marks, added to `scene` as what names keep clear of.
fn compare_view(c: &Comparison, plot: &Plot, scene: &mut Scene) -> ComparisonView {
    let mut view = ComparisonView::default();
    for m in &c.moved {
        let (Some(from), Some(to)) = (m.from, m.to) else {
            continue;
        };
        let at = plot.point(from);
        let arrow = Plot::trimmed_segment(at, plot.point(to), 9.0, 12.0);
        scene.blocks.push(Rect::around(at.0, at.1, RING - 2.0));
        if let Some((x1, y1, x2, y2)) = arrow {
            scene.lines.push(((x1, y1), (x2, y2)));
        }
        view.moved.push(GhostView {
            id: m.stakeholder,
            at,
            quadrant: from.quadrant(),
            arrow,
        });
    }
    for m in &c.added {
        let Some(to) = m.to else { continue };
        let at = plot.point(to);
        scene.blocks.push(Rect::around(at.0, at.1, 16.0));
        view.added.push(GhostView {
            id: m.stakeholder,
            at,
            quadrant: to.quadrant(),
            arrow: None,
        });
    }
    for m in &c.removed {
        let Some(from) = m.from else { continue };
        let at = plot.point(from);
        scene.blocks.push(Rect::around(at.0, at.1, RING - 2.0));
        view.removed.push(RemovedView {
            id: m.stakeholder,
            at,
            label: format!("{} (removed)", short_label(&m.name)),
            spot: None,
        });
    }
    view
}

/// A target as drawn for a marker at `from`.
pub fn target_view(plot: &Plot, from: Position, target: Position) -> TargetView {
    let a = plot.point(from);
    let at = plot.point(target);
    TargetView {
        at,
        arrow: Plot::trimmed_segment(a, at, TARGET_GAPS.0, TARGET_GAPS.1),
    }
}

/// The nearest marker from `from` in the direction of an arrow key ("ArrowUp", …): people
/// ahead within 60° of that way come first, nearest and straightest first; then anyone at all
/// that way. `None` when no one is that way.
///
/// ```
/// use stakemap_core::model::{next_marker_that_way, SequentialIds, StakeholderId};
/// let mut ids = SequentialIds::default();
/// let (a, b, c) = (StakeholderId(ids.next_uuid()), StakeholderId(ids.next_uuid()), StakeholderId(ids.next_uuid()));
/// let points = [(a, 0.0, 0.0), (b, 100.0, 5.0), (c, 40.0, 80.0)];
/// assert_eq!(next_marker_that_way(&points, a, "ArrowRight"), Some(b));
/// assert_eq!(next_marker_that_way(&points, a, "ArrowDown"), Some(c));
/// assert_eq!(next_marker_that_way(&points, a, "ArrowLeft"), None);
/// ```
pub fn next_marker_that_way(
    points: &[(StakeholderId, f64, f64)],
    from: StakeholderId,
    key: &str,
) -> Option<StakeholderId> {
    let (fx, fy) = points.iter().find(|p| p.0 == from).map(|p| (p.1, p.2))?;
    let (ux, uy) = match key {
        "ArrowRight" => (1.0, 0.0),
        "ArrowLeft" => (-1.0, 0.0),
        "ArrowUp" => (0.0, -1.0),
        "ArrowDown" => (0.0, 1.0),
        _ => return None,
    };
    let ahead = |cone: bool| {
        points
            .iter()
            .filter(|p| p.0 != from)
            .filter_map(|&(id, x, y)| {
                let (dx, dy) = (x - fx, y - fy);
                let along = dx * ux + dy * uy;
                let aside = (dx * uy - dy * ux).abs();
                (along > 0.0 && (!cone || aside <= along * 1.8))
                    .then_some((id, along + 2.0 * aside))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    };
    ahead(true).or_else(|| ahead(false))
}
