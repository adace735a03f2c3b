//! Native tests of the core's rules at their edges: the names the app makes up fit the limit,
//! and a new map or an edit that carries data outside the rules or past a map's caps (a merge or
//! undo patch too) is refused in words, with nothing changed.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::model::*;

mod support;

use support::maps::{fields, map_with};
use support::T0;

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
        evidence: None,
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
