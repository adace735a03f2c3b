//! The map as a picture for slides and documents: a self-contained SVG.
//!
//! The image carries everything a reader needs without the app: the map's name and the date,
//! both axes with their scales, the four quadrants named, every stakeholder labelled (placed as
//! on screen, so no name covers another, a marker or a caption; one that fits nowhere is left
//! out), and a legend. It uses only fonts every slide program has (Arial, then Helvetica, then any sans
//! serif), draws text as text (so it stays sharp and searchable), and uses no CSS, scripts or
//! external references, so it looks the same pasted into PowerPoint, Keynote or Google Slides.
//! The PNG export draws this same SVG onto a canvas at twice (or more) its size.

use crate::model::{
    draw_map, draw_ties, estimate_text_width, labels, ties_markup, DrawSettings, LabelStyle,
    LocalDate, MapText, Plot, Quadrant, Rect, ShownTies, StakeMap, Tie, TIE_KEY_NOTE,
};
use std::collections::HashMap;
use std::fmt::Write;

/// Width of the exported image, in pixels (the PNG is a multiple of it).
pub const IMAGE_WIDTH: u32 = 1200;
/// Height of the exported image, in pixels.
pub const IMAGE_HEIGHT: u32 = 900;

const FONT: &str = "Arial, Helvetica, sans-serif";
const INK: &str = "#1f2933";
const MUTED: &str = "#52606d";

fn colours(q: Quadrant) -> (&'static str, &'static str) {
    match q {
        Quadrant::WinOver => ("#b93815", "#fdf0ec"),
        Quadrant::Champions => ("#137333", "#edf7ef"),
        Quadrant::Reassure => ("#8a5a00", "#fcf6e8"),
        Quadrant::KeepInformed => ("#3b5bdb", "#eef2fd"),
    }
}

pub use crate::model::escape_markup;

struct Svg(String);

impl Svg {
    fn text(&mut self, x: f64, y: f64, size: u32, attrs: &str, content: &str) {
        let _ = write!(
            self.0,
            r#"<text x="{x:.1}" y="{y:.1}" font-family="{FONT}" font-size="{size}" {attrs}>{}</text>"#,
            escape_markup(content)
        );
    }
}

/// The drawing's geometry: the quadrants from (110, 110) to (900, 820), the legend to the right.
const PLOT: Plot = Plot {
    width: 1010.0,
    height: 940.0,
    left: 110.0,
    bottom: 120.0,
    pad: 110.0,
};

/// The sizes of the picture's words.
const TEXT: MapText = MapText {
    tick: 14.0,
    axis: 16.0,
    caption: 22.0,
    stance: 14.0,
    label: 14.0,
    clear: 13.0,
};

/// The map as an SVG document of [`IMAGE_WIDTH`] × [`IMAGE_HEIGHT`], people named as `style`
/// says, dated `day`. A redacted copy's names already are its labels (made in `style`), so
/// they are drawn as they are, exactly as its file and sheets name people.
///
/// Relationships are drawn as the map shows them (`ties`: the selected person's, all or none),
/// under the markers, with a line of the legend for each kind drawn.
pub fn map_svg(map: &StakeMap, style: LabelStyle, day: LocalDate, ties: ShownTies) -> String {
    let (w, h) = (f64::from(IMAGE_WIDTH), f64::from(IMAGE_HEIGHT));
    let mut svg = Svg(String::with_capacity(4096 + map.len() * 256));
    let _ = write!(
        svg.0,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{IMAGE_WIDTH}" height="{IMAGE_HEIGHT}" viewBox="0 0 {IMAGE_WIDTH} {IMAGE_HEIGHT}" role="img"><title>{}</title><rect width="{w}" height="{h}" fill="white"/>"#,
        escape_markup(&format!("Stakeholder map: {}", map.name))
    );

    // Title and date.
    svg.text(
        40.0,
        50.0,
        28,
        &format!(r#"font-weight="bold" fill="{INK}""#),
        &map.name,
    );
    let count = match map.len() {
        1 => "1 stakeholder".to_owned(),
        n => format!("{n} stakeholders"),
    };
    let mut subtitle = format!("Stakeholder map · {} · {count}", day.human());
    if map.redacted {
        subtitle.push_str(" · redacted copy");
    }
    if map.positions_left_out {
        subtitle.push_str(" · positions left out: everyone is shown at the middle");
    }
    svg.text(40.0, 80.0, 16, &format!(r#"fill="{MUTED}""#), &subtitle);

    let frame = PLOT;
    let (mx, my) = (frame.x(50.0), frame.y(50.0));

    // Quadrants, named in their outer corners (where the map on screen names them).
    for c in frame.captions(&TEXT) {
        let (ink, fill) = colours(c.quadrant);
        let a = c.area;
        let _ = write!(
            svg.0,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/>"#,
            a.x0,
            a.y0,
            a.x1 - a.x0,
            a.y1 - a.y0
        );
        let anchor = c.anchor.svg();
        svg.text(
            c.x,
            c.name_y,
            TEXT.caption as u32,
            &format!(r#"font-weight="bold" fill="{ink}" text-anchor="{anchor}""#),
            c.quadrant.name(),
        );
        if let Some(y) = c.stance_y {
            svg.text(
                c.x,
                y,
                TEXT.stance as u32,
                &format!(r#"fill="{MUTED}" text-anchor="{anchor}""#),
                c.quadrant.short_stance(),
            );
        }
    }

    // Axes, with the midlines that divide the quadrants.
    let line = |svg: &mut Svg, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64| {
        let _ = write!(
            svg.0,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    };
    line(&mut svg, mx, frame.y0(), mx, frame.y1(), "#9aa5b1", 1.5);
    line(&mut svg, frame.x0(), my, frame.x1(), my, "#9aa5b1", 1.5);
    line(
        &mut svg,
        frame.x0(),
        frame.y1(),
        frame.x1(),
        frame.y1(),
        INK,
        2.0,
    );
    line(
        &mut svg,
        frame.x0(),
        frame.y0(),
        frame.x0(),
        frame.y1(),
        INK,
        2.0,
    );
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = frame.x(v);
        line(&mut svg, x, frame.y1(), x, frame.y1() + 6.0, INK, 1.5);
        svg.text(
            x,
            frame.y1() + 24.0,
            14,
            &format!(r#"fill="{INK}" text-anchor="middle""#),
            &format!("{v}"),
        );
        let y = frame.y(v);
        line(&mut svg, frame.x0() - 6.0, y, frame.x0(), y, INK, 1.5);
        svg.text(
            frame.x0() - 10.0,
            y + 5.0,
            14,
            &format!(r#"fill="{INK}" text-anchor="end""#),
            &format!("{v}"),
        );
    }
    svg.text(
        (frame.x0() + frame.x1()) / 2.0,
        frame.y1() + 56.0,
        16,
        &format!(r#"font-weight="bold" fill="{INK}" text-anchor="middle""#),
        "Skepticism →",
    );
    let (ax, ay) = (50.0, (frame.y0() + frame.y1()) / 2.0);
    svg.text(
        ax,
        ay,
        16,
        &format!(
            r#"font-weight="bold" fill="{INK}" text-anchor="middle" transform="rotate(-90 {ax} {ay})""#
        ),
        "Influence →",
    );

    // People, named where the names collide with nothing (as on screen); a name that fits
    // nowhere is left out of the picture.
    let names = labels(
        map,
        if map.redacted {
            LabelStyle::Names
        } else {
            style
        },
    );
    let settings = DrawSettings {
        plot: frame,
        text: TEXT,
        area: Rect::new(frame.x0(), frame.y0(), frame.x1(), frame.y1()),
        selected: None,
        targets: false,
    };
    let drawing = draw_map(
        map,
        &map.stakeholder_ids(),
        &HashMap::new(),
        &settings,
        None,
        &mut estimate_text_width,
        Some(&names),
    );
    let arrows = draw_ties(map, &drawing.markers, ties);
    svg.0.push_str(&ties_markup(&arrows));
    for m in &drawing.markers {
        let (x, y) = (m.x, m.y);
        let (ink, _) = colours(m.quadrant);
        let _ = write!(
            svg.0,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="8" fill="{ink}" stroke="white" stroke-width="2"/>"#
        );
        let Some(spot) = m.spot else { continue };
        if let Some((x1, y1, x2, y2)) = spot.leader {
            let _ = write!(
                svg.0,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{MUTED}" stroke-width="1"/>"#,
                x + x1,
                y + y1,
                x + x2,
                y + y2
            );
        }
        svg.text(
            x + spot.dx,
            y + spot.dy,
            TEXT.label as u32,
            &format!(r#"fill="{INK}" text-anchor="{}""#, spot.anchor.svg()),
            &m.label,
        );
    }

    // Legend.
    let lx = 940.0;
    svg.text(
        lx,
        130.0,
        18,
        &format!(r#"font-weight="bold" fill="{INK}""#),
        "Legend",
    );
    let counts = map.quadrant_counts();
    for (i, q) in Quadrant::ALL.into_iter().enumerate() {
        let y = 165.0 + 34.0 * i as f64;
        let (ink, fill) = colours(q);
        let _ = write!(
            svg.0,
            r#"<rect x="{lx}" y="{:.1}" width="22" height="22" fill="{fill}" stroke="{ink}" stroke-width="1.5"/><circle cx="{}" cy="{:.1}" r="6" fill="{ink}"/>"#,
            y - 16.0,
            lx + 11.0,
            y - 5.0
        );
        svg.text(
            lx + 32.0,
            y,
            15,
            &format!(r#"fill="{INK}""#),
            &format!("{} ({})", q.name(), counts[i]),
        );
    }
    let notes = [
        "Each dot is one stakeholder,".to_owned(),
        "coloured by quadrant.".to_owned(),
        format!("Labels: {}.", style.label().to_lowercase()),
        "Higher: more influence.".to_owned(),
        "Further right: more skeptical.".to_owned(),
    ];
    for (i, note) in notes.iter().enumerate() {
        svg.text(
            lx,
            330.0 + 22.0 * i as f64,
            14,
            &format!(r#"fill="{MUTED}""#),
            note,
        );
    }
    // A line of the legend for each kind of relationship drawn.
    let mut kinds: Vec<Tie> = arrows.iter().map(|t| t.kind).collect();
    crate::sort::by_key(&mut kinds, |k| *k);
    kinds.dedup();
    let drawn = kinds.len();
    for (i, kind) in kinds.into_iter().enumerate() {
        let y = 460.0 + 26.0 * i as f64;
        let dash = kind.dash();
        let _ = write!(
            svg.0,
            r#"<line x1="{lx}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{c}" stroke-width="2.75"{}/><path d="M{:.1},{:.1}l-8,-4v8z" fill="{c}"/>"#,
            y - 5.0,
            lx + 20.0,
            y - 5.0,
            if dash.is_empty() {
                String::new()
            } else {
                format!(r#" stroke-dasharray="{dash}""#)
            },
            lx + 28.0,
            y - 5.0,
            c = kind.colour(),
        );
        svg.text(lx + 34.0, y, 14, &format!(r#"fill="{INK}""#), kind.label());
    }
    if drawn > 0 {
        // The note, in two lines to fit the legend's width.
        let y = 460.0 + 26.0 * drawn as f64;
        let (first, second) = TIE_KEY_NOTE.split_once("; ").unwrap_or((TIE_KEY_NOTE, ""));
        svg.text(
            lx,
            y,
            12,
            &format!(r#"fill="{MUTED}""#),
            &format!("{first};"),
        );
        svg.text(lx, y + 16.0, 12, &format!(r#"fill="{MUTED}""#), second);
    }
    svg.text(
        lx,
        h - 40.0,
        12,
        &format!(r#"fill="{MUTED}""#),
        "Made with Stakemap",
    );
    svg.0.push_str("</svg>");
    svg.0
}

/// The file name for an image, e.g. `leadership-rollout-2026-11-22.svg`.
pub fn image_file_name(map_name: &str, day: LocalDate, extension: &str) -> String {
    format!(
        "{}-{}.{extension}",
        super::write::file_stem(map_name),
        day.iso()
    )
}
