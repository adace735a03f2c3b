//! Native tests of the map's drawing: on the worked example, a crowded 200-person map and a
//! 1,000-person one, at a desk and presented to a room, with and without a comparison, no name is
//! drawn over another, over a marker or its badge, over a quadrant caption, or across an arrow;
//! the selected person is always named; and on the example everyone is.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use stakemap::model::*;
use support::drawing::{draw, settings};
use support::maps::{at, example, map_with, today};

/// Every box the drawing must keep names off, and the names' boxes.
fn check(map: &StakeMap, drawing: &Drawing, settings: &DrawSettings) -> usize {
    let text = settings.text;
    let mut blocks: Vec<(String, Rect)> = Vec::new();
    for c in settings.plot.captions(&text) {
        let name = estimate_text_width(c.quadrant.name(), text.caption);
        let stance = estimate_text_width(c.quadrant.short_stance(), text.stance);
        for r in c.blocks(&text, name, stance) {
            blocks.push((format!("the {} caption", c.quadrant.name()), r));
        }
    }
    for m in &drawing.markers {
        blocks.push((
            format!("{}'s marker", m.label),
            Rect::around(m.x, m.y, text.clear - 2.0),
        ));
        if m.badge {
            blocks.push((
                format!("{}'s badge", m.label),
                Rect::new(m.x + 1.0, m.y - 16.0, m.x + 15.0, m.y - 2.0),
            ));
        }
    }
    let mut arrows = Vec::new();
    if let Some(c) = &drawing.comparison {
        for g in &c.moved {
            blocks.push(("a ghost".into(), Rect::around(g.at.0, g.at.1, 8.0)));
            arrows.extend(g.arrow);
        }
    }
    if settings.targets {
        for m in &drawing.markers {
            if let Some(t) = map.get(m.id).and_then(|s| s.fields.target) {
                let v = target_view(&settings.plot, map.get(m.id).unwrap().position(), t);
                blocks.push(("a target".into(), Rect::around(v.at.0, v.at.1, 10.0)));
                arrows.extend(v.arrow);
            }
        }
    }
    let bounds = settings.area;
    let names: Vec<(&str, Rect)> = drawing
        .markers
        .iter()
        .filter_map(|m| m.spot.map(|s| (m.label.as_str(), s.rect)))
        .collect();
    for (i, (who, r)) in names.iter().enumerate() {
        assert!(bounds.contains(r), "{who}'s name leaves the map");
        for (what, b) in &blocks {
            assert!(!r.overlaps(b), "{who}'s name covers {what}");
        }
        for (x1, y1, x2, y2) in &arrows {
            assert!(
                !r.crossed_by((*x1, *y1), (*x2, *y2)),
                "an arrow strikes through {who}"
            );
        }
        for (other, o) in &names[i + 1..] {
            assert!(!r.overlaps(o), "{who} and {other} overlap");
        }
    }
    names.len()
}

#[test]
fn the_example_names_everyone_without_a_collision_at_a_desk_and_in_a_room() {
    let mut ids = SequentialIds::default();
    let map = example(&mut ids);
    // A laptop's map, a wide screen's, and a room's at 1280 × 720.
    for (w, h, presenting) in [
        (900.0, 560.0, false),
        (1280.0, 700.0, false),
        (1250.0, 600.0, true),
    ] {
        let s = settings(w, h, presenting, None);
        let drawing = draw(&map, &s, None);
        let named = check(&map, &drawing, &s);
        assert_eq!(drawing.markers.len(), map.len());
        assert_eq!(named, map.len(), "everyone is named at {w} × {h}");
    }
}

#[test]
fn comparing_keeps_names_off_the_arrows_and_the_rings() {
    let mut ids = SequentialIds::default();
    let map = example(&mut ids);
    let snap = map.capture(SnapshotId(ids.next_uuid()), "Baseline", at(1));
    // Everyone moves 15 points toward support: an arrow each.
    let mut ws = Workspace::from_maps(vec![map.clone()]);
    for s in map.stakeholders() {
        let p = s.position();
        let to = Position::clamped(i32::from(p.influence), i32::from(p.skepticism) - 15);
        ws.apply(
            Op::MoveStakeholder {
                map: map.id,
                id: s.id,
                to,
            },
            at(2),
        )
        .unwrap();
    }
    let now = ws.map(map.id).unwrap().clone();
    let comparison = now.compare(&snap);
    assert!(!comparison.moved.is_empty());
    for presenting in [false, true] {
        let s = settings(1250.0, 600.0, presenting, None);
        let drawing = draw(&now, &s, Some(&comparison));
        check(&now, &drawing, &s);
        assert_eq!(
            drawing.comparison.unwrap().moved.len(),
            comparison.moved.len()
        );
    }
}

/// `n` people scattered the same way every run, every fifth with a target.
fn crowd(n: usize) -> StakeMap {
    let mut seed: u32 = 11;
    let mut next = |max: u32| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        ((seed >> 8) % (max + 1)) as u8
    };
    let people: Vec<(String, u8, u8)> = (0..n)
        .map(|i| (format!("Person {i} Lindqvist"), next(100), next(100)))
        .collect();
    let refs: Vec<(&str, u8, u8, &[&str])> = people
        .iter()
        .map(|(name, i, s)| (name.as_str(), *i, *s, &[][..]))
        .collect();
    let (mut ws, map, ids) = map_with(&refs);
    for (k, id) in ids.iter().enumerate().step_by(5) {
        let mut f = ws.map(map).unwrap().get(*id).unwrap().fields.clone();
        f.target = Some(Position::clamped(90, (k % 40) as i32));
        ws.apply(
            Op::EditStakeholder {
                map,
                id: *id,
                fields: f,
            },
            at(1),
        )
        .unwrap();
    }
    ws.map(map).unwrap().clone()
}

#[test]
fn crowded_maps_name_whom_they_can_and_never_collide() {
    for n in [200, 1_000] {
        let map = crowd(n);
        let chosen = map.stakeholder_ids()[n / 2];
        for presenting in [false, true] {
            let s = settings(1000.0, 640.0, presenting, Some(chosen));
            let drawing = draw(&map, &s, None);
            let named = check(&map, &drawing, &s);
            // At 1,000 the markers alone cover most of a laptop's map: names may all give way.
            assert!(n > 200 || named > 0, "some names fit at {n}");
            // The selected person goes first: they are named whenever their name fits among the
            // markers at all.
            let selected = drawing.markers.iter().find(|m| m.id == chosen).unwrap();
            assert!(selected.selected);
            let alone = draw_map(
                &map,
                &[chosen],
                &map.attention(today(), 0),
                &s,
                None,
                &mut estimate_text_width,
                None,
            );
            let others: Vec<Rect> = drawing
                .markers
                .iter()
                .map(|m| Rect::around(m.x, m.y, s.text.clear - 2.0))
                .collect();
            let fits = alone.markers[0]
                .spot
                .is_some_and(|spot| others.iter().all(|o| !o.overlaps(&spot.rect)));
            if fits {
                assert!(
                    selected.spot.is_some(),
                    "the selected person is named at {n}"
                );
            }
        }
    }
}
