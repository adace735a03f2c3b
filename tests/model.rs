//! Native tests of the pure core: quadrants, edits through the one door, the form rules, the
//! list view's sorting and filtering, and the map geometry used by dragging.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::model::*;

mod support;

use support::maps::{fields, map_with};
use support::T0;

#[test]
fn quadrants_follow_the_thresholds_at_fifty() {
    let q = |i, s| {
        Position {
            influence: i,
            skepticism: s,
        }
        .quadrant()
    };
    assert_eq!(q(82, 71), Quadrant::WinOver);
    assert_eq!(q(80, 12), Quadrant::Champions);
    assert_eq!(q(20, 70), Quadrant::Reassure);
    assert_eq!(q(20, 20), Quadrant::KeepInformed);
    // The threshold itself counts as high on both axes.
    assert_eq!(q(50, 50), Quadrant::WinOver);
    assert_eq!(q(49, 49), Quadrant::KeepInformed);
}

#[test]
fn example_map_covers_all_quadrants_with_real_content() {
    let mut ids = SequentialIds::default();
    let map = example_map(
        MapId(ids.next_uuid()),
        || ids.next_uuid(),
        T0,
        T0.local_date(0),
    );
    assert!(
        (8..=12).contains(&map.len()),
        "8–12 stakeholders, got {}",
        map.len()
    );
    assert!(
        map.quadrant_counts().iter().all(|c| *c >= 1),
        "{:?}",
        map.quadrant_counts()
    );
    for s in map.stakeholders() {
        assert!(!s.fields.role.is_empty(), "{} has a role", s.name());
        assert!(!s.fields.notes.is_empty(), "{} has notes", s.name());
        if s.position().skepticism >= QUADRANT_THRESHOLD {
            assert!(
                !s.fields.root_causes.is_empty(),
                "skeptical {} has a root cause",
                s.name()
            );
        }
    }
}

#[test]
fn moving_changes_position_and_updated_time_only() {
    let (mut ws, map, ids) = map_with(&[("Dana", 82, 71, &[])]);
    let later = Timestamp::from_unix_millis(T0.unix_millis() + 5_000);
    let to = Position {
        influence: 40,
        skepticism: 30,
    };
    let touched = ws
        .apply(
            Op::MoveStakeholder {
                map,
                id: ids[0],
                to,
            },
            later,
        )
        .unwrap();
    assert_eq!(touched, Touched::Map(map));
    let s = ws.map(map).unwrap().get(ids[0]).unwrap();
    assert_eq!(s.position(), to);
    assert_eq!(s.quadrant(), Quadrant::KeepInformed);
    assert_eq!(s.created_at, T0);
    assert_eq!(s.updated_at, later);
    assert_eq!(ws.map(map).unwrap().updated_at, later);
    // Moving to the same place is not an edit.
    assert_eq!(
        ws.apply(
            Op::MoveStakeholder {
                map,
                id: ids[0],
                to
            },
            later
        )
        .unwrap(),
        Touched::Nothing
    );
}

#[test]
fn failed_edits_change_nothing() {
    let (mut ws, map, ids) = map_with(&[("Dana", 82, 71, &[])]);
    let before = ws.clone();
    let ghost = StakeholderId(SequentialIds::starting_at(999).next_uuid());
    assert!(ws
        .apply(Op::DeleteStakeholder { map, id: ghost }, T0)
        .is_err());
    let dup = Stakeholder::new(ids[0], fields("Copy", 1, 1), T0);
    assert!(ws
        .apply(
            Op::AddStakeholder {
                map,
                stakeholder: dup
            },
            T0
        )
        .is_err());
    assert!(ws
        .apply(
            Op::RenameMap {
                map,
                name: "   ".into()
            },
            T0
        )
        .is_err());
    assert_eq!(ws, before);
}

#[test]
fn delete_keeps_the_order_of_the_others() {
    let (mut ws, map, ids) = map_with(&[("A", 1, 1, &[]), ("B", 2, 2, &[]), ("C", 3, 3, &[])]);
    ws.apply(Op::DeleteStakeholder { map, id: ids[1] }, T0)
        .unwrap();
    assert_eq!(ws.map(map).unwrap().stakeholder_ids(), vec![ids[0], ids[2]]);
}

#[test]
fn duplicate_gets_new_ids_and_same_content() {
    let (ws, map, _) = map_with(&[("A", 10, 90, &["x"]), ("B", 90, 10, &[])]);
    let original = ws.map(map).unwrap();
    let mut ids = SequentialIds::starting_at(1000);
    let copy = original.duplicate(MapId(ids.next_uuid()), "Copy", || ids.next_uuid(), T0);
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.len(), 2);
    for (a, b) in original.stakeholders().zip(copy.stakeholders()) {
        assert_ne!(a.id, b.id);
        assert_eq!(a.fields, b.fields);
    }
}

#[test]
fn form_validation_reports_each_field() {
    let draft = StakeholderDraft {
        name: "".into(),
        influence: "abc".into(),
        skepticism: "-3".into(),
        tags: "a, b, A, , c".into(),
        ..StakeholderDraft::blank()
    };
    let errors = draft.validate().unwrap_err();
    let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        vec![Field::Name, Field::Influence, Field::Skepticism]
    );
    assert_eq!(
        errors[1].message,
        "Influence must be a whole number from 0 to 100."
    );
    assert_eq!(
        errors[2].message,
        "Skepticism must be between 0 and 100 (you typed -3)."
    );

    let ok = StakeholderDraft {
        name: "  Dana Ortiz ".into(),
        root_causes: vec![
            RootCause::NotInvolved,
            RootCause::RolePressure,
            RootCause::NotInvolved,
        ],
        ..draft
    };
    let ok = StakeholderDraft {
        influence: "82".into(),
        skepticism: "71".into(),
        ..ok
    };
    let f = ok.validate().unwrap();
    assert_eq!(f.name, "Dana Ortiz");
    assert_eq!(f.tags, vec!["a", "b", "c"]);
    assert_eq!(
        f.root_causes,
        vec![RootCause::RolePressure, RootCause::NotInvolved]
    );
    assert_eq!(
        f.position,
        Position {
            influence: 82,
            skepticism: 71
        }
    );
}

#[test]
fn list_sorts_by_each_column_and_flips_direction() {
    let (ws, map, ids) = map_with(&[
        ("carla", 30, 90, &[]),
        ("Anna", 90, 20, &[]),
        ("Bert", 60, 60, &[]),
        ("dave", 10, 10, &[]),
    ]);
    let m = ws.map(map).unwrap();
    let (carla, anna, bert, dave) = (ids[0], ids[1], ids[2], ids[3]);
    let q = ListQuery::default();
    assert_eq!(
        q.apply(m),
        vec![anna, bert, carla, dave],
        "case-insensitive by name"
    );
    assert_eq!(
        q.sorted_by(SortKey::Name).apply(m),
        vec![dave, carla, bert, anna]
    );
    let by_inf = q.sorted_by(SortKey::Influence);
    assert_eq!(by_inf.apply(m), vec![dave, carla, bert, anna]);
    assert_eq!(
        by_inf.sorted_by(SortKey::Influence).apply(m),
        vec![anna, bert, carla, dave]
    );
    assert_eq!(
        q.sorted_by(SortKey::Skepticism).apply(m),
        vec![dave, anna, bert, carla]
    );
    // Win over, Champions, Reassure, Keep informed.
    assert_eq!(
        q.sorted_by(SortKey::Quadrant).apply(m),
        vec![bert, anna, carla, dave]
    );
}

#[test]
fn list_filters_by_text_and_tag() {
    let (mut ws, map, ids) = map_with(&[
        ("Dana Ortiz", 82, 71, &["exec", "Budget"]),
        ("Marcus Feld", 90, 60, &["exec"]),
        ("Ravi Menon", 20, 60, &["tech"]),
    ]);
    let mut f = ws.map(map).unwrap().get(ids[2]).unwrap().fields.clone();
    f.notes = "Asked about the BUDGET twice".into();
    ws.apply(
        Op::EditStakeholder {
            map,
            id: ids[2],
            fields: f,
        },
        T0,
    )
    .unwrap();
    let m = ws.map(map).unwrap();
    let q = |text: &str, tag: Option<&str>| {
        ListQuery {
            text: text.into(),
            tag: tag.map(str::to_owned),
            ..ListQuery::default()
        }
        .apply(m)
    };
    assert_eq!(q("ortiz", None), vec![ids[0]]);
    assert_eq!(
        q("budget", None),
        vec![ids[0], ids[2]],
        "matches tags and notes"
    );
    assert_eq!(q("", Some("EXEC")), vec![ids[0], ids[1]]);
    assert_eq!(q("marcus", Some("exec")), vec![ids[1]]);
    assert!(q("nobody", None).is_empty());
    assert_eq!(m.all_tags(), vec!["Budget", "exec", "tech"]);
    // The list's index gives the same people for every query, and a query never matches across
    // two fields ("feld exec" is the end of a name and a tag).
    let index = SearchIndex::of(m);
    for (text, tag) in [
        ("ortiz", None),
        ("budget", None),
        ("", Some("EXEC")),
        ("marcus", Some("exec")),
        ("nobody", None),
        ("  RAVI ", None),
        ("feld exec", None),
    ] {
        let query = ListQuery {
            text: text.into(),
            tag: tag.map(str::to_owned),
            ..ListQuery::default()
        };
        let expected: std::collections::HashSet<_> = query.apply(m).into_iter().collect();
        assert_eq!(index.matching(&query), expected, "{text:?} {tag:?}");
    }
    assert!(index
        .matching(&ListQuery {
            text: "feld exec".into(),
            ..ListQuery::default()
        })
        .is_empty());
    // Every row is kept, in sort order, whatever the filter.
    assert_eq!(
        ListQuery {
            text: "ortiz".into(),
            ..ListQuery::default()
        }
        .order(m)
        .len(),
        3
    );
}

#[test]
fn plot_round_trips_every_position_and_clamps_outside() {
    for (w, h) in [(320.0, 400.0), (1280.0, 720.0), (3840.0, 2160.0)] {
        let plot = Plot::for_size(w, h);
        for i in (0..=100).step_by(5) {
            for s in (0..=100).step_by(5) {
                let p = Position {
                    influence: i,
                    skepticism: s,
                };
                let (x, y) = plot.point(p);
                assert!(x >= 0.0 && x <= w && y >= 0.0 && y <= h);
                assert_eq!(plot.position_at(x, y), p);
            }
        }
        assert_eq!(
            plot.position_at(w * 2.0, h * 2.0),
            Position {
                influence: 0,
                skepticism: 100
            }
        );
        assert_eq!(
            plot.position_at(f64::NAN, f64::NAN),
            Position {
                influence: 0,
                skepticism: 0
            }
        );
    }
}

#[test]
fn nudging_stays_on_the_map() {
    let p = Position {
        influence: 3,
        skepticism: 97,
    };
    assert_eq!(
        p.nudged(-10, 10),
        Position {
            influence: 0,
            skepticism: 100
        }
    );
    assert_eq!(
        p.nudged(1, -1),
        Position {
            influence: 4,
            skepticism: 96
        }
    );
}
