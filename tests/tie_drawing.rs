//! Native tests of how relationships are drawn on the map and in the exported picture: only the
//! selected person's by default, all or none on request; thicker for stronger, a dash of its
//! own for each kind (never colour alone); an arrowhead at the end pointed to, and at both ends
//! for a relationship that holds both ways; two relationships between the same people bent
//! apart; the batched paths carry every arrow once.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;

mod support;

use support::by_name;
use support::drawing::{draw, settings};
use support::maps::{edited, example, today};

/// Everyone's marker on the example's map at 1200 × 800, nobody selected.
fn markers(map: &StakeMap) -> Vec<MarkerView> {
    draw(map, &settings(1200.0, 800.0, false, None), None).markers
}

/// Every relationship of the map drawn, nobody selected.
fn all_of(map: &StakeMap, at: &[MarkerView]) -> Vec<TieView> {
    draw_ties(
        map,
        at,
        ShownTies {
            show: TieShow::All,
            selected: None,
        },
    )
}

fn distance(a: Point, b: Point) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn centre(markers: &[MarkerView], id: StakeholderId) -> Point {
    let m = markers.iter().find(|m| m.id == id).expect("drawn");
    (m.x, m.y)
}

#[test]
fn only_the_selected_persons_relationships_by_default_and_all_or_none_on_request() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let at = markers(&map);
    let dana = by_name(&map, "Dana Ortiz");
    let shown = |show, selected| draw_ties(&map, &at, ShownTies { show, selected });

    let danas = shown(TieShow::Selected, Some(dana));
    let expected = map
        .relationships()
        .filter(|r| r.from == dana || r.to == dana)
        .count();
    assert!(
        expected >= 3,
        "Dana has several relationships in the example"
    );
    assert_eq!(danas.len(), expected);
    assert!(danas.iter().all(|t| t.from == dana || t.to == dana));

    assert!(shown(TieShow::Selected, None).is_empty(), "nobody selected");
    assert_eq!(shown(TieShow::All, None).len(), map.relationships().count());
    assert!(shown(TieShow::Hidden, Some(dana)).is_empty());
}

#[test]
fn arrows_point_at_the_one_listened_to_and_both_ways_has_a_head_at_each_end() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let at = markers(&map);
    let all = all_of(&map, &at);
    let mut one_way = 0;
    let mut both = 0;
    for t in &all {
        let r = map.relationship(t.id).expect("a relationship of the map");
        let (a, b) = (centre(&at, r.from), centre(&at, r.to));
        // Every head's tip sits by a marker, just short of its centre, never on top of it.
        let tip_b = t.head_points[0][0];
        assert!(
            distance(tip_b, b) < distance(tip_b, a),
            "the first head is at the end pointed to"
        );
        assert!(distance(tip_b, b) >= TIE_GAP - 0.01 || distance(a, b) < 3.0 * TIE_GAP);
        if r.both_ways() {
            both += 1;
            assert_eq!(t.head_points.len(), 2, "a head at each end");
            let tip_a = t.head_points[1][0];
            assert!(distance(tip_a, a) < distance(tip_a, b));
        } else {
            one_way += 1;
            assert_eq!(t.head_points.len(), 1, "one head, at the end pointed to");
            // The line starts at the first person's end and stops inside the head at the other.
            assert!(distance(t.start, a) < distance(t.start, b));
            assert!(
                distance(t.end, b) > distance(tip_b, b),
                "the line stops inside the head"
            );
        }
    }
    assert!(one_way > 0 && both > 0, "the example has both sorts");
}

#[test]
fn stronger_is_thicker_and_every_kind_has_a_dash_of_its_own() {
    let widths: Vec<f64> = TieStrength::ALL.iter().map(|s| s.width()).collect();
    assert!(
        widths.windows(2).all(|w| w[0] < w[1]),
        "weak, moderate, strong grow thicker: {widths:?}"
    );
    let dashes: Vec<&str> = Tie::ALL.iter().map(|k| k.dash()).collect();
    for (i, d) in dashes.iter().enumerate() {
        assert!(
            !dashes[i + 1..].contains(d),
            "kinds differ by dash, not colour alone: {dashes:?}"
        );
    }
    let colours: Vec<&str> = Tie::ALL.iter().map(|k| k.colour()).collect();
    for (i, c) in colours.iter().enumerate() {
        assert!(!colours[i + 1..].contains(c), "and by colour: {colours:?}");
    }
}

#[test]
fn two_relationships_between_the_same_people_bend_apart() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let ravi = by_name(&map, "Ravi Menon");
    let aisha = by_name(&map, "Aisha Bello");
    let tie = |ids: &mut SequentialIds, kind, from, to| Relationship {
        id: RelationshipId(ids.next_uuid()),
        from,
        to,
        fields: RelationshipFields {
            kind,
            ..RelationshipFields::default()
        },
        created_at: support::T0,
        updated_at: support::T0,
    };
    let first = tie(&mut ids, Tie::ListensTo, ravi, aisha);
    let second = tie(&mut ids, Tie::ReportsTo, aisha, ravi);
    let map = edited(
        &map,
        vec![
            (
                1,
                Op::AddRelationship {
                    map: map.id,
                    relationship: first.clone(),
                },
            ),
            (
                2,
                Op::AddRelationship {
                    map: map.id,
                    relationship: second.clone(),
                },
            ),
        ],
    );
    let at = markers(&map);
    let drawn = draw_ties(
        &map,
        &at,
        ShownTies {
            show: TieShow::Selected,
            selected: Some(ravi),
        },
    );
    let a = drawn.iter().find(|t| t.id == first.id).expect("drawn");
    let b = drawn.iter().find(|t| t.id == second.id).expect("drawn");
    let (ca, cb) = (a.control.expect("bent"), b.control.expect("bent"));
    assert!(
        distance(ca, cb) > 20.0,
        "the two curves bow to different sides: {ca:?} {cb:?}"
    );
}

#[test]
fn the_batched_paths_carry_every_arrow_once_grouped_by_kind_and_strength() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let at = markers(&map);
    let all = all_of(&map, &at);
    let batches = batch_ties(&all);
    let lines: usize = batches
        .iter()
        .filter(|b| b.strength.is_some())
        .map(|b| b.count)
        .sum();
    assert_eq!(lines, all.len(), "every line in exactly one batch");
    let mut keys: Vec<String> = batches.iter().map(TieBatch::key).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        n,
        "one batch per kind and strength (and heads per kind)"
    );
    for b in &batches {
        let markup = b.markup();
        assert!(markup.contains(b.kind.colour()));
        if !b.kind.dash().is_empty() && b.strength.is_some() {
            assert!(markup.contains(b.kind.dash()), "{markup}");
        }
    }
}

#[test]
fn the_exported_picture_draws_the_relationships_shown_with_their_key() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let dana = by_name(&map, "Dana Ortiz");
    let none = format::map_svg(&map, LabelStyle::Names, today(), ShownTies::NONE);
    let danas = format::map_svg(
        &map,
        LabelStyle::Names,
        today(),
        ShownTies {
            show: TieShow::Selected,
            selected: Some(dana),
        },
    );
    let all = format::map_svg(
        &map,
        LabelStyle::Names,
        today(),
        ShownTies {
            show: TieShow::All,
            selected: None,
        },
    );
    let key_lines = |svg: &str| Tie::ALL.iter().filter(|k| svg.contains(k.label())).count();
    assert_eq!(key_lines(&none), 0, "no key for relationships not drawn");
    assert!(!none.contains(Tie::ListensTo.colour()));
    assert_eq!(key_lines(&all), Tie::ALL.len(), "every kind in the key");
    assert!(all.contains("Arrows point to the one listened to"));
    for kind in Tie::ALL {
        assert!(all.contains(kind.colour()), "{kind:?} drawn in its colour");
    }
    // Dana's picture keys only the kinds of her own relationships.
    let kinds_of_dana = Tie::ALL
        .iter()
        .filter(|k| {
            map.relationships()
                .any(|r| r.fields.kind == **k && (r.from == dana || r.to == dana))
        })
        .count();
    assert_eq!(key_lines(&danas), kinds_of_dana);
    assert!(kinds_of_dana < Tie::ALL.len());
}
