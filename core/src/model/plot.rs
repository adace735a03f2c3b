//! Geometry of the map drawing: where a position lands in pixels and which position a pointer
//! is over. Pure so that dragging arithmetic is tested natively.

use super::stakeholder::{Position, AXIS_MAX};

/// The drawing area of the map, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    /// Width of the whole drawing.
    pub width: f64,
    /// Height of the whole drawing.
    pub height: f64,
    /// Room on the left for the influence axis.
    pub left: f64,
    /// Room at the bottom for the skepticism axis.
    pub bottom: f64,
    /// Room at the top and right, so markers at 100 are not clipped.
    pub pad: f64,
}

/// Sizes of the map's own words, in CSS pixels: the axes' numbers and titles and the quadrant
/// captions. Defined here, beside the margins they need, so the drawing and its room agree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapText {
    /// The numbers along the axes.
    pub tick: f64,
    /// The axes' titles.
    pub axis: f64,
    /// A quadrant's name.
    pub caption: f64,
    /// A quadrant's stance under its name.
    pub stance: f64,
    /// A stakeholder's name beside their marker.
    pub label: f64,
    /// How far a name keeps from its marker's centre: the marker's half-size and a little room
    /// (markers are drawn half as large again when presenting).
    pub clear: f64,
}

impl MapText {
    /// The sizes for a drawing `width` wide: at a desk, or presented to a room, where every word
    /// must be read from the back (24 px at the least on a 1280 × 720 projector).
    ///
    /// ```
    /// use stakemap_core::model::MapText;
    /// let room = MapText::for_width(1250.0, true);
    /// assert!(room.tick >= 24.0 && room.axis >= 24.0 && room.stance >= 24.0 && room.caption >= 24.0);
    /// assert!(room.label >= 24.0);
    /// ```
    pub fn for_width(width: f64, presenting: bool) -> Self {
        if presenting {
            Self {
                tick: 24.0,
                axis: 26.0,
                caption: (width * 0.026).clamp(30.0, 44.0),
                stance: (width * 0.019).clamp(24.0, 30.0),
                label: (width * 0.022).clamp(24.0, 34.0),
                clear: 20.0,
            }
        } else {
            Self {
                tick: 11.0,
                axis: 12.0,
                caption: (width * 0.022).clamp(13.0, 22.0),
                stance: (width * 0.015).clamp(11.0, 16.0),
                label: (width * 0.016).clamp(12.0, 18.0),
                clear: 14.0,
            }
        }
    }
}

impl Plot {
    /// The plot for a drawing of this size whose words are `text`: the margins leave room for
    /// the axes' numbers and titles at that size (never less than [`Plot::for_size`] leaves).
    pub fn for_text(width: f64, height: f64, text: &MapText) -> Self {
        let base = Self::for_size(width, height);
        if text.tick <= 11.0 {
            return base;
        }
        Self {
            // "100" and a gap, then the rotated title.
            left: base.left.max(text.tick * 1.9 + text.axis * 1.3 + 14.0),
            // A row of numbers, then the title under them.
            bottom: base.bottom.max(text.tick + text.axis + 18.0),
            // Half of "100" past the last tick, on the right and at the top.
            pad: base.pad.max(text.tick * 1.1),
            ..base
        }
    }

    /// The plot for a drawing of this size, with margins that suit it.
    pub fn for_size(width: f64, height: f64) -> Self {
        let narrow = width < 480.0;
        Self {
            width: width.max(1.0),
            height: height.max(1.0),
            left: if narrow { 34.0 } else { 52.0 },
            bottom: if narrow { 34.0 } else { 44.0 },
            pad: 14.0,
        }
    }

    /// Left edge of the plotting area.
    pub fn x0(&self) -> f64 {
        self.left
    }
    /// Right edge of the plotting area.
    pub fn x1(&self) -> f64 {
        (self.width - self.pad).max(self.left + 1.0)
    }
    /// Top edge of the plotting area.
    pub fn y0(&self) -> f64 {
        self.pad
    }
    /// Bottom edge of the plotting area.
    pub fn y1(&self) -> f64 {
        (self.height - self.bottom).max(self.pad + 1.0)
    }

    /// Horizontal pixel for a skepticism value.
    pub fn x(&self, skepticism: f64) -> f64 {
        self.x0() + (self.x1() - self.x0()) * skepticism / f64::from(AXIS_MAX)
    }

    /// Vertical pixel for an influence value (100 at the top).
    pub fn y(&self, influence: f64) -> f64 {
        self.y1() - (self.y1() - self.y0()) * influence / f64::from(AXIS_MAX)
    }

    /// The pixel centre of a position.
    pub fn point(&self, p: Position) -> (f64, f64) {
        (
            self.x(f64::from(p.skepticism)),
            self.y(f64::from(p.influence)),
        )
    }

    /// The segment from `a` to `b` with `start_gap` pixels cut from its start and `end_gap`
    /// from its end, so an arrowhead is not hidden under the markers it joins. `None` when the
    /// points are too close for an arrow.
    ///
    /// ```
    /// use stakemap_core::model::Plot;
    /// let seg = Plot::trimmed_segment((0.0, 0.0), (100.0, 0.0), 10.0, 20.0).unwrap();
    /// assert_eq!(seg, (10.0, 0.0, 80.0, 0.0));
    /// assert!(Plot::trimmed_segment((0.0, 0.0), (5.0, 0.0), 10.0, 20.0).is_none());
    /// ```
    pub fn trimmed_segment(
        a: (f64, f64),
        b: (f64, f64),
        start_gap: f64,
        end_gap: f64,
    ) -> Option<(f64, f64, f64, f64)> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len <= start_gap + end_gap + 2.0 {
            return None;
        }
        let (ux, uy) = (dx / len, dy / len);
        Some((
            a.0 + ux * start_gap,
            a.1 + uy * start_gap,
            b.0 - ux * end_gap,
            b.1 - uy * end_gap,
        ))
    }

    /// The position under a pixel, rounded to whole points and kept on the map.
    ///
    /// ```
    /// use stakemap_core::model::{Plot, Position};
    /// let plot = Plot::for_size(800.0, 600.0);
    /// let p = Position { influence: 82, skepticism: 71 };
    /// let (x, y) = plot.point(p);
    /// assert_eq!(plot.position_at(x, y), p);
    /// assert_eq!(plot.position_at(-50.0, -50.0), Position { influence: 100, skepticism: 0 });
    /// ```
    pub fn position_at(&self, x: f64, y: f64) -> Position {
        let max = f64::from(AXIS_MAX);
        let skepticism = (x - self.x0()) / (self.x1() - self.x0()) * max;
        let influence = (self.y1() - y) / (self.y1() - self.y0()) * max;
        let round = |v: f64| if v.is_finite() { v.round() as i32 } else { 0 };
        Position::clamped(round(influence), round(skepticism))
    }
}
