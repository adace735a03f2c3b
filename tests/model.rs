//! Native tests of the pure core: quadrants, edits through the one door, the form rules, the
//! list view's sorting and filtering, and the map geometry used by dragging.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::model::*;

const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn fields(name: &str, influence: u8, skepticism: u8) -> StakeholderFields {
    StakeholderFields {
        name: name.into(),
        position: Position {
            influence,
            skepticism,
        },
        ..Default::default()
    }
}

fn map_with(people: &[(&str, u8, u8, &[&str])]) -> (Workspace, MapId, Vec<StakeholderId>) {
    let mut ids = SequentialIds::default();
    let map_id = MapId(ids.next_uuid());
    let mut ws = Workspace::default();
    ws.apply(Op::CreateMap(StakeMap::new(map_id, "Test", T0)), T0)
        .unwrap();
    let mut out = Vec::new();
    for (name, i, s, tags) in people {
        let id = StakeholderId(ids.next_uuid());
        let mut f = fields(name, *i, *s);
        f.tags = tags.iter().map(|t| t.to_string()).collect();
        ws.apply(
            Op::AddStakeholder {
                map: map_id,
                stakeholder: Stakeholder::new(id, f, T0),
            },
            T0,
        )
        .unwrap();
        out.push(id);
    }
    (ws, map_id, out)
}

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

// ----- names the app makes up, and edits that carry data outside the rules -----

#[test]
fn made_up_names_fit_the_limit_with_their_suffix_whole() {
    assert_eq!(fit_name("Q3 rollout", " (copy)"), "Q3 rollout (copy)");
    let long = "é".repeat(MAX_NAME_CHARS);
    assert_eq!(fit_name(&long, ""), long, "a name that fits is kept whole");
    for suffix in [" (copy)", " (imported)", " (this tab)", " (copy) 2"] {
        let name = fit_name(&long, suffix);
        assert_eq!(name.chars().count(), MAX_NAME_CHARS, "{suffix}");
        assert!(name.ends_with(&format!("é…{suffix}")), "{name}");
    }
    // A copy of a copy does not stack ellipses, and stays within the limit.
    let copy = fit_name(&long, " (copy)");
    let again = fit_name(&copy, " (copy)");
    assert_eq!(again.chars().count(), MAX_NAME_CHARS);
    assert!(!again.contains("……"), "{again}");
    // Spaces at the ends go (the reader trims names); a suffix longer than the limit is cut.
    assert_eq!(fit_name("  Plan  ", ""), "Plan");
    assert_eq!(
        fit_name("", &"s".repeat(200)).chars().count(),
        MAX_NAME_CHARS
    );
    assert_eq!(shorten(&"ab ".repeat(100), 10), "ab ab ab…");
}

#[test]
fn an_unused_name_is_numbered_within_the_limit() {
    let long = "N".repeat(MAX_NAME_CHARS);
    let first = unused_name(&long, " (copy)", |_| false);
    let taken = [first.clone()];
    let second = unused_name(&long, " (copy)", |n| taken.contains(&n.to_owned()));
    assert_ne!(first, second);
    assert_eq!(second.chars().count(), MAX_NAME_CHARS);
    assert!(second.ends_with("N… (copy) 2"), "{second}");
    // A `taken` that claims everything still ends.
    assert_eq!(unused_name("Plan", "", |_| true), "Plan");
    let maps: Vec<StakeMap> = ["Untitled map", "Untitled map 2"]
        .iter()
        .enumerate()
        .map(|(i, n)| StakeMap::new(MapId(uuid::Uuid::from_u128(i as u128)), *n, T0))
        .collect();
    assert_eq!(unused_map_name(&maps, "Untitled map", ""), "Untitled map 3");
}

fn refused(ws: &mut Workspace, op: Op, words: &str) {
    let before = ws.clone();
    match ws.apply(op, T0) {
        Err(e @ OpError::Invalid(_)) => {
            let text = e.to_string();
            assert!(text.contains(words), "“{words}” in “{text}”");
            assert!(text.ends_with("Nothing was changed."), "{text}");
        }
        other => panic!("expected a refusal with “{words}”, got {other:?}"),
    }
    assert_eq!(ws, &before, "nothing changed");
}

#[test]
fn a_new_map_with_a_name_too_long_is_refused_and_nothing_changes() {
    let mut ws = Workspace::default();
    let map = StakeMap::new(MapId(uuid::Uuid::from_u128(1)), "N".repeat(131), T0);
    refused(
        &mut ws,
        Op::CreateMap(map),
        "The map's name is 131 characters; at most 120 are allowed.",
    );
    assert!(ws.maps().is_empty());
    let fits = StakeMap::new(MapId(uuid::Uuid::from_u128(1)), "N".repeat(120), T0);
    assert!(ws.apply(Op::CreateMap(fits), T0).is_ok());
}

#[test]
fn a_new_map_holding_a_record_outside_the_rules_is_refused() {
    let (ws, map, ids) = map_with(&[("Dana", 50, 50, &[])]);
    let mut whole = ws.map(map).unwrap().clone();
    whole.id = MapId(uuid::Uuid::from_u128(999));
    let mut ws2 = Workspace::default();
    let off_the_map = Position {
        influence: 101,
        skepticism: 0,
    };
    // The edit itself is refused ...
    let mut bad = ws.clone();
    assert!(matches!(
        bad.apply(
            Op::SetTarget {
                map,
                id: ids[0],
                target: Some(off_the_map),
            },
            T0,
        ),
        Err(OpError::Invalid(_))
    ));
    // ... and so is a whole map carrying it (built as a file reader might, unchecked).
    let mut dana = whole.stakeholders().next().unwrap().clone();
    dana.fields.target = Some(off_the_map);
    let broken = StakeMap::from_parts(
        MapId(uuid::Uuid::from_u128(998)),
        whole.name.clone(),
        T0,
        T0,
        vec![dana],
        Vec::new(),
        Vec::new(),
    );
    refused(
        &mut ws2,
        Op::CreateMap(broken),
        "Stakeholder “Dana”: the target: influence is 101; it must be from 0 to 100.",
    );
    assert!(ws2.apply(Op::CreateMap(whole), T0).is_ok());
}

#[test]
fn edits_carrying_texts_too_long_or_positions_off_the_map_are_refused() {
    let (mut ws, map, ids) = map_with(&[("Dana", 50, 50, &[])]);
    let dana = ids[0];
    let mut long_name = fields(&"N".repeat(121), 10, 10);
    refused(
        &mut ws,
        Op::AddStakeholder {
            map,
            stakeholder: Stakeholder::new(
                StakeholderId(uuid::Uuid::from_u128(50)),
                long_name.clone(),
                T0,
            ),
        },
        "The new stakeholder: the name is 121 characters; at most 120 are allowed.",
    );
    long_name.name = "Dana".into();
    long_name.position.influence = 200;
    refused(
        &mut ws,
        Op::EditStakeholder {
            map,
            id: dana,
            fields: long_name,
        },
        "influence is 200; it must be from 0 to 100.",
    );
    let mut notes = fields("Dana", 1, 1);
    notes.notes = "x".repeat(MAX_LONG_TEXT_CHARS + 1);
    refused(
        &mut ws,
        Op::EditStakeholder {
            map,
            id: dana,
            fields: notes,
        },
        "the notes is 10001 characters",
    );
    let mut tags = fields("Dana", 1, 1);
    tags.tags = (0..=MAX_TAGS).map(|i| format!("t{i}")).collect();
    refused(
        &mut ws,
        Op::EditStakeholder {
            map,
            id: dana,
            fields: tags,
        },
        "there are 31 tags; at most 30 are allowed.",
    );
    let mut cadence = fields("Dana", 1, 1);
    cadence.cadence_days = Some(0);
    refused(
        &mut ws,
        Op::EditStakeholder {
            map,
            id: dana,
            fields: cadence,
        },
        "contact every 0 days is outside 1 to 365 days.",
    );

    let mut plan = ActionFields::from_tactic(Tactic::ListeningSession);
    plan.title = "T".repeat(MAX_SHORT_TEXT_CHARS + 1);
    let action = Action {
        id: ActionId(uuid::Uuid::from_u128(60)),
        stakeholder: dana,
        fields: plan.clone(),
        created_at: T0,
        updated_at: T0,
    };
    refused(
        &mut ws,
        Op::AddAction { map, action },
        "The new action: the title is 201 characters",
    );
    plan.title = "Listening session".into();
    let id = ActionId(uuid::Uuid::from_u128(61));
    ws.apply(
        Op::AddAction {
            map,
            action: Action {
                id,
                stakeholder: dana,
                fields: plan.clone(),
                created_at: T0,
                updated_at: T0,
            },
        },
        T0,
    )
    .unwrap();
    plan.outcome = "o".repeat(MAX_LONG_TEXT_CHARS + 1);
    refused(
        &mut ws,
        Op::EditAction {
            map,
            id,
            fields: plan,
        },
        "the outcome is 10001 characters",
    );

    let touchpoint = Touchpoint {
        id: TouchpointId(uuid::Uuid::from_u128(70)),
        stakeholder: dana,
        date: LocalDate::from_ymd(2026, 11, 2).unwrap(),
        channel: Channel::Meeting,
        sentiment: Sentiment::Neutral,
        note: String::new(),
        influence: Some(130),
        skepticism: None,
        created_at: T0,
    };
    refused(
        &mut ws,
        Op::LogTouchpoint { map, touchpoint },
        "The contact: the influence reading is 130; it must be from 0 to 100.",
    );

    let mut snapshot =
        ws.map(map)
            .unwrap()
            .capture(SnapshotId(uuid::Uuid::from_u128(80)), "S".repeat(121), T0);
    refused(
        &mut ws,
        Op::TakeSnapshot {
            map,
            snapshot: snapshot.clone(),
        },
        "The snapshot: the snapshot's name is 121 characters",
    );
    snapshot.name = "Baseline".into();
    snapshot.entries[0].position.skepticism = 101;
    refused(
        &mut ws,
        Op::TakeSnapshot { map, snapshot },
        "The snapshot: person 1 in it: skepticism is 101",
    );
}

#[test]
fn a_map_holds_at_most_its_share_of_snapshots_and_history() {
    let (mut ws, map, ids) = map_with(&[("Dana", 50, 50, &[])]);
    for i in 0..MAX_SNAPSHOTS {
        let snapshot = ws.map(map).unwrap().capture(
            SnapshotId(uuid::Uuid::from_u128(1_000 + i as u128)),
            format!("S{i}"),
            T0,
        );
        ws.apply(Op::TakeSnapshot { map, snapshot }, T0).unwrap();
    }
    let one_more =
        ws.map(map)
            .unwrap()
            .capture(SnapshotId(uuid::Uuid::from_u128(1)), "One more", T0);
    refused(
        &mut ws,
        Op::TakeSnapshot {
            map,
            snapshot: one_more,
        },
        "A map holds at most 500 snapshots; this would make 501.",
    );

    // Moves far enough apart to be points of their own: the history never outgrows the cap,
    // dropping its oldest points instead, so the map always reads back.
    for i in 0..=MAX_HISTORY_POINTS as i64 {
        let to = Position {
            influence: (i % 2) as u8 * 10,
            skepticism: 50,
        };
        let at = Timestamp::from_unix_millis(T0.unix_millis() + (i + 1) * (COALESCE_MS + 1));
        ws.apply(
            Op::MoveStakeholder {
                map,
                id: ids[0],
                to,
            },
            at,
        )
        .unwrap();
    }
    let history = ws.map(map).unwrap().history();
    assert!(history.len() <= MAX_HISTORY_POINTS, "{}", history.len());
    assert!(history.len() > MAX_HISTORY_POINTS * 9 / 10);
    assert!(
        history.windows(2).all(|w| w[0].at <= w[1].at),
        "the newest kept"
    );
}

#[test]
fn a_merge_or_undo_patch_is_held_to_the_same_caps_and_rules_as_single_edits() {
    let (mut ws, map, ids) = map_with(&[("Dana", 50, 50, &[])]);
    let old = ws.map(map).unwrap().clone();
    // The map as a merged file (or an undo) would leave it, with these people.
    let with = |people: Vec<Stakeholder>| {
        StakeMap::from_parts(
            map,
            old.name.clone(),
            T0,
            T0,
            people,
            Vec::new(),
            Vec::new(),
        )
    };
    let dana = old.get(ids[0]).unwrap().clone();

    // A merge bringing in more people than a map may hold is refused whole.
    let mut crowd = vec![dana.clone()];
    crowd.extend((0..MAX_STAKEHOLDERS).map(|i| {
        let id = StakeholderId(uuid::Uuid::from_u128(10_000 + i as u128));
        Stakeholder::new(id, fields(&format!("P{i}"), 10, 10), T0)
    }));
    refused(
        &mut ws,
        Op::MergeMap(MapPatch::between(&old, &with(crowd))),
        "A map holds at most 20000 stakeholders; this would make 20001.",
    );

    // A patch changing a person to a name that breaks today's rules, or putting in such a
    // person, is refused as the form's edit would be.
    let mut long = dana.clone();
    long.fields.name = "N".repeat(121);
    refused(
        &mut ws,
        Op::Patch(MapPatch::between(&old, &with(vec![long]))),
        "the name is 121 characters; at most 120 are allowed.",
    );
    let newcomer = Stakeholder::new(
        StakeholderId(uuid::Uuid::from_u128(77)),
        fields(&"M".repeat(121), 10, 10),
        T0,
    );
    refused(
        &mut ws,
        Op::MergeMap(MapPatch::between(&old, &with(vec![dana.clone(), newcomer]))),
        "the name is 121 characters; at most 120 are allowed.",
    );
    // Within the rules it applies.
    let mut fine = dana.clone();
    fine.fields.role = "CFO".into();
    assert!(ws
        .apply(Op::MergeMap(MapPatch::between(&old, &with(vec![fine]))), T0)
        .is_ok());
    assert_eq!(ws.map(map).unwrap().get(ids[0]).unwrap().fields.role, "CFO");
}
