//! Native tests of the map image (SVG): title, date, axes, quadrants, legend and labels, its
//! text escaped, nothing fetched from outside, and no character XML forbids.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;

mod support;

use support::by_name;
use support::maps::{at, example, today};

#[test]
fn the_map_image_has_title_date_axes_quadrants_legend_and_safe_text() {
    let mut ids = SequentialIds::starting_at(1);
    let mut map = example(&mut ids);
    map.name = "Rollout <Q1> & \"friends\"".into();
    let svg = format::map_svg(&map, LabelStyle::Names, today(), ShownTies::NONE);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"900\"")
    );
    assert!(
        svg.contains("Rollout &lt;Q1&gt; &amp; &quot;friends&quot;"),
        "escaped title"
    );
    assert!(!svg.contains("<Q1>"));
    assert!(svg.contains("Sun 22 Nov 2026"), "dated");
    for text in [
        "Skepticism →",
        "Influence →",
        "Legend",
        "Win over (",
        "Champions (",
        "Reassure (",
        "Keep informed (",
    ] {
        assert!(svg.contains(text), "has {text}");
    }
    for s in map.stakeholders() {
        assert!(
            svg.contains(&format!(">{}</text>", s.name())),
            "labels {}",
            s.name()
        );
    }
    for external in ["href", "<style", "url(", "<script", "@font-face"] {
        assert!(!svg.contains(external), "self-contained: no {external}");
    }
    assert!(
        svg.matches("font-family=\"Arial, Helvetica, sans-serif\"")
            .count()
            > 20
    );

    let initials = format::map_svg(&map, LabelStyle::Initials, today(), ShownTies::NONE);
    assert!(initials.contains(">DO</text>"));
    assert!(!initials.contains("Dana Ortiz"));
}

#[test]
fn characters_xml_forbids_never_reach_the_image() {
    let mut ids = SequentialIds::starting_at(1);
    let mut map = example(&mut ids);
    // U+FFFE and U+FFFF (in two planes), other non-characters, controls, and a replacement
    // character where a file had a lone surrogate: all can be in a Rust string.
    map.name =
        "Q1\u{FFFE} roll\u{FFFF}out\u{1}\u{FDD0}\u{1FFFF}\u{10FFFE}\u{85}\u{7F} \u{FFFD} ok".into();
    let dana = by_name(&map, "Dana Ortiz");
    let mut w = Workspace::from_maps(vec![map.clone()]);
    let mut fields = map.get(dana).unwrap().fields.clone();
    fields.name = "Dana\u{FFFF}\nOrtiz\u{0}\u{B}".into();
    w.apply(
        Op::EditStakeholder {
            map: map.id,
            id: dana,
            fields,
        },
        at(1),
    )
    .unwrap();
    let map = w.map(map.id).unwrap();
    for style in [LabelStyle::Names, LabelStyle::Initials, LabelStyle::Codes] {
        let svg = format::map_svg(map, style, today(), ShownTies::NONE);
        let forbidden: Vec<char> = svg
            .chars()
            .filter(|&c| {
                let code = u32::from(c);
                !(matches!(c, '\t' | '\n' | '\r')
                    || (0x20..=0xD7FF).contains(&code)
                    || (0xE000..=0xFFFD).contains(&code)
                    || (0x10000..=0x10FFFF).contains(&code))
                    || c.is_control()
                    || (0xFDD0..=0xFDEF).contains(&code)
                    || code & 0xFFFE == 0xFFFE
            })
            .collect();
        assert_eq!(forbidden, Vec::<char>::new(), "{style:?}");
        assert!(
            svg.contains("Q1 rollout \u{FFFD} ok"),
            "the rest of the name stays"
        );
        if style == LabelStyle::Names {
            assert!(
                svg.contains(">Dana Ortiz</text>"),
                "a line break becomes a space"
            );
        }
    }
}
