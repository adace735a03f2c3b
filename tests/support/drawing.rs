//! The map drawn as the screen draws it, for the tests of names and of relationships.

use super::maps::today;
use stakemap::model::*;

/// What the map at `width` × `height` draws with: at a desk or presented to a room, with
/// `selected` selected (targets shown at a desk).
pub fn settings(
    width: f64,
    height: f64,
    presenting: bool,
    selected: Option<StakeholderId>,
) -> DrawSettings {
    let text = MapText::for_width(width, presenting);
    let plot = Plot::for_text(width, height, &text);
    DrawSettings {
        plot,
        text,
        area: names_area(&plot),
        selected,
        targets: !presenting,
    }
}

/// Everyone on `map` drawn with `s`, with today's overdue badges and the `comparison` if any.
pub fn draw(map: &StakeMap, s: &DrawSettings, comparison: Option<&Comparison>) -> Drawing {
    let attention = map.attention(today(), 0);
    draw_map(
        map,
        &map.stakeholder_ids(),
        &attention,
        s,
        comparison,
        &mut estimate_text_width,
        None,
    )
}
