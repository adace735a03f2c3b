//! Native tests of relationships between people and who can move whom on a real map: their
//! edits undo and redo exactly (deleting a person takes their relationships and undo brings
//! them back), repeats and self-relationships are refused in words, files of version 4 open
//! with none and files of version 5 carry them, merging brings a colleague's relationship by
//! id, the relationships sheet goes out and comes back in by name, the stored form keeps them,
//! the example map has a realistic network, and "Plan this" makes an action through the ally
//! with a tactic that fits.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format::stored::{read_stored, PartWriter};
use stakemap::format::{self};
use stakemap::model::*;
use std::path::Path;

mod support;

use support::maps::{at, edited, example, person, today};
use support::{by_name, T0};

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn tie(
    ids: &mut SequentialIds,
    from: StakeholderId,
    kind: Tie,
    to: StakeholderId,
    strength: TieStrength,
) -> Relationship {
    Relationship {
        id: RelationshipId(ids.next_uuid()),
        from,
        to,
        fields: RelationshipFields {
            kind,
            strength,
            ..RelationshipFields::default()
        },
        created_at: T0,
        updated_at: T0,
    }
}

/// What the map's relationships say, without times: (from, kind, to, both ways, strength,
/// note), in the map's order.
fn said(m: &StakeMap) -> Vec<(StakeholderId, Tie, StakeholderId, bool, TieStrength, String)> {
    m.relationships()
        .map(|r| {
            (
                r.from,
                r.fields.kind,
                r.to,
                r.both_ways(),
                r.fields.strength,
                r.fields.note.clone(),
            )
        })
        .collect()
}

fn names(m: &StakeMap) -> impl Fn(StakeholderId) -> String + '_ {
    move |id| m.get(id).map(|s| s.name().to_owned()).unwrap_or_default()
}

fn the_map(w: &Workspace, map: MapId) -> StakeMap {
    w.map(map).cloned().expect("the map is still there")
}

/// Applies `op`, checks that undo gives back exactly what was there and redo what the op made.
fn step_undoes_and_redoes(w: &mut Workspace, map: MapId, op: Op, minute: i64) {
    let before = the_map(w, map);
    let undo = w.inverse_of(&op).expect("the edit can be undone");
    w.apply(op, at(minute)).expect("the edit applies");
    let after = the_map(w, map);
    assert_ne!(said(&after), said(&before), "the edit changed the network");
    let redo = w.inverse_of(&undo).expect("the undo can be redone");
    w.apply(undo, at(minute + 1)).expect("the undo applies");
    let undone = the_map(w, map);
    assert_eq!(said(&undone), said(&before), "undone");
    assert_eq!(undone.len(), before.len());
    w.apply(redo, at(minute + 2)).expect("the redo applies");
    assert_eq!(said(&the_map(w, map)), said(&after), "redone");
}

// ----- the example -----

#[test]
fn the_example_map_has_a_realistic_network_that_answers_who_can_move_dana() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let n = map.relationships().len();
    assert!((8..=15).contains(&n), "8 to 15 relationships, not {n}");
    for kind in Tie::ALL {
        assert!(
            map.relationships().any(|r| r.fields.kind == kind),
            "the example shows {kind:?}"
        );
    }
    let dana = by_name(&map, "Dana Ortiz");
    let routes = map.network().routes_to(dana);
    let first = routes.first().expect("someone can move Dana");
    assert_eq!(first.via, vec![by_name(&map, "Priya Raman")]);
    assert_eq!(
        first.reason,
        "Priya Raman → Dana Ortiz: Dana listens to Priya (strong); Priya is a Champion, influence 80"
    );
    // A two-step route through Priya is offered too, ranked below the direct one.
    assert!(routes.iter().any(|r| r.via.len() == 2));
    // Helen is at odds with Priya: no route to Helen starts with Priya.
    let helen = by_name(&map, "Helen Achterberg");
    let priya = by_name(&map, "Priya Raman");
    assert!(map
        .network()
        .routes_to(helen)
        .iter()
        .all(|r| r.via.first() != Some(&priya) || r.reason.contains("at odds")));
}

#[test]
fn plan_this_makes_an_action_for_the_skeptic_owned_by_the_ally_with_a_tactic_that_fits_the_tie() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let dana = by_name(&map, "Dana Ortiz");
    let routes = map.network().routes_to(dana);
    let via_priya = &routes[0];
    let plan = map
        .plan_through(dana, via_priya, today(), 0)
        .expect("a plan");
    assert_eq!(plan.owner, "Priya Raman");
    assert!(plan.title.contains("Dana Ortiz") && plan.title.contains("Priya Raman"));
    let tactic = plan.tactic.expect("a playbook tactic");
    assert!(
        [
            Tactic::PeerTestimonial,
            Tactic::InvolveInDesign,
            Tactic::ObserveSession
        ]
        .contains(&tactic),
        "someone Dana listens to carries a peer's word or her involvement: {tactic:?}"
    );
    assert!(plan.title.starts_with(tactic.name()));
    assert_eq!(plan.due, today().plus_days(14));
    assert!(Fields::problem(&plan).is_none(), "the form's rules hold");

    // Through a manager, the tactic is about shared goals or their measures.
    let grace = by_name(&map, "Grace Lindqvist");
    let through_dana = map
        .network()
        .routes_to(grace)
        .into_iter()
        .find(|r| r.via == vec![dana])
        .expect("Grace reports to Dana");
    let plan = map.plan_through(grace, &through_dana, today(), 0).unwrap();
    assert!(matches!(
        plan.tactic,
        Some(Tactic::MutualGoals | Tactic::TieToKpis)
    ));
    assert_eq!(plan.owner, "Dana Ortiz");
}

// ----- edits -----

#[test]
fn adding_editing_and_deleting_a_relationship_each_undo_and_redo_exactly() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let mut w = Workspace::from_maps(vec![map.clone()]);
    let ravi = by_name(&map, "Ravi Menon");
    let aisha = by_name(&map, "Aisha Bello");
    let added = tie(&mut ids, ravi, Tie::ListensTo, aisha, TieStrength::Weak);
    let id = added.id;
    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::AddRelationship {
            map: map.id,
            relationship: added,
        },
        1,
    );
    let m = the_map(&w, map.id);
    assert_eq!(
        m.relationship(id).map(|r| r.sentence(&names(&m))),
        Some("Ravi Menon listens to Aisha Bello (weak)".to_owned())
    );
    let fields = RelationshipFields {
        kind: Tie::ListensTo,
        direction: TieDirection::BothWays,
        strength: TieStrength::Strong,
        note: "They run the IT onboarding together.".into(),
    };
    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::EditRelationship {
            map: map.id,
            id,
            fields: fields.clone(),
        },
        10,
    );
    assert_eq!(
        the_map(&w, map.id).relationship(id).map(|r| &r.fields),
        Some(&fields)
    );
    let middle = map.relationships().nth(4).unwrap().id;
    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::DeleteRelationship {
            map: map.id,
            id: middle,
        },
        20,
    );
    assert!(the_map(&w, map.id).relationship(middle).is_none());
}

#[test]
fn deleting_a_person_takes_their_relationships_and_undo_puts_them_back_in_place() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let priya = by_name(&map, "Priya Raman");
    let theirs = map.relationships_of(priya).len();
    assert!(theirs >= 3);
    let mut w = Workspace::from_maps(vec![map.clone()]);
    step_undoes_and_redoes(
        &mut w,
        map.id,
        Op::DeleteStakeholder {
            map: map.id,
            id: priya,
        },
        1,
    );
    let m = the_map(&w, map.id);
    assert!(m.relationships_of(priya).is_empty());
    assert_eq!(m.relationships().len(), map.relationships().len() - theirs);
}

#[test]
fn a_repeat_a_relationship_to_oneself_and_a_missing_person_are_refused_in_words() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let mut w = Workspace::from_maps(vec![map.clone()]);
    let dana = by_name(&map, "Dana Ortiz");
    let priya = by_name(&map, "Priya Raman");
    let tomasz = by_name(&map, "Tomasz Nowak");
    let refused = |w: &mut Workspace, r: Relationship| {
        w.apply(
            Op::AddRelationship {
                map: map.id,
                relationship: r,
            },
            at(1),
        )
        .expect_err("refused")
        .to_string()
    };
    let again = tie(&mut ids, dana, Tie::ListensTo, priya, TieStrength::Weak);
    assert_eq!(
        refused(&mut w, again),
        "The map already says Dana Ortiz listens to Priya Raman (strong); change that \
         relationship instead. Nothing was changed."
    );
    // Allies are allies both ways: the same alliance written the other way round repeats it.
    let back = tie(&mut ids, tomasz, Tie::AlliedWith, dana, TieStrength::Strong);
    assert!(refused(&mut w, back).starts_with("The map already says Dana Ortiz is allied with"));
    let own = tie(&mut ids, dana, Tie::ListensTo, dana, TieStrength::Weak);
    assert_eq!(
        refused(&mut w, own),
        "A relationship joins two people; this one joins Dana Ortiz to themselves. Nothing was \
         changed."
    );
    let stranger = StakeholderId(ids.next_uuid());
    let missing = tie(&mut ids, dana, Tie::ListensTo, stranger, TieStrength::Weak);
    assert_eq!(
        refused(&mut w, missing),
        "That stakeholder is no longer on this map."
    );
    assert_eq!(said(&the_map(&w, map.id)), said(&map), "nothing changed");
    // Another kind between the same two people is a different relationship.
    let reports = tie(&mut ids, dana, Tie::ReportsTo, priya, TieStrength::Weak);
    w.apply(
        Op::AddRelationship {
            map: map.id,
            relationship: reports,
        },
        at(2),
    )
    .expect("a different kind is its own relationship");
}

// ----- files -----

#[test]
fn a_version_4_file_opens_with_no_relationships_and_is_written_back_as_version_5() {
    let read = format::read_text(&fixture("good/evidence-v4.stakemap.json"), T0).unwrap();
    assert_eq!(read.repairs, Vec::<String>::new());
    assert_eq!(read.map.relationships().len(), 0);
    let written = format::to_value(&read.map, at(1));
    assert_eq!(written["version"], 5);
    assert_eq!(written["relationships"], serde_json::json!([]));
}

#[test]
fn a_version_5_file_carries_its_relationships_and_reads_back_the_same() {
    let read = format::read_text(&fixture("good/network-v5.stakemap.json"), T0).unwrap();
    assert_eq!(read.repairs, Vec::<String>::new());
    let m = read.map;
    let sentences: Vec<String> = m.relationships().map(|r| r.sentence(&names(&m))).collect();
    assert_eq!(
        sentences,
        [
            "Dana Ortiz listens to Priya Raman (strong)",
            "Helen Achterberg is at odds with Priya Raman (moderate)"
        ]
    );
    let again = format::read_text(&format::to_json(&m, at(1)), at(1)).unwrap();
    assert_eq!(again.repairs, Vec::<String>::new());
    assert_eq!(again.map, m);
}

#[test]
fn a_stored_map_keeps_its_relationships_and_a_relationship_edit_rewrites_its_part_only() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let mut writer = PartWriter::default();
    let plan = writer.plan(&map, at(1));
    let mut parts: std::collections::HashMap<_, _> = plan.parts.iter().cloned().collect();
    let head = plan.head.clone();
    writer.written(plan);
    let back = read_stored(&head, |p| parts.get(&p).cloned(), T0)
        .unwrap()
        .0;
    assert_eq!(said(&back), said(&map));

    let r = map.relationships().next().unwrap();
    let changed = edited(
        &map,
        vec![(
            2,
            Op::EditRelationship {
                map: map.id,
                id: r.id,
                fields: RelationshipFields {
                    strength: TieStrength::Weak,
                    ..r.fields.clone()
                },
            },
        )],
    );
    let plan = writer.plan(&changed, at(2));
    assert_eq!(
        plan.parts.len(),
        1,
        "only the relationships part is written"
    );
    for (k, v) in &plan.parts {
        parts.insert(*k, v.clone());
    }
    let back = read_stored(&plan.head, |p| parts.get(&p).cloned(), T0)
        .unwrap()
        .0;
    assert_eq!(said(&back), said(&changed));
}

// ----- merge -----

#[test]
fn merging_a_colleagues_file_brings_their_relationship_by_id_and_their_newer_edit() {
    let mut ids = SequentialIds::starting_at(1);
    let base = example(&mut ids);
    let ravi = by_name(&base, "Ravi Menon");
    let jonas = by_name(&base, "Jonas Weber");
    let new = tie(&mut ids, ravi, Tie::AlliedWith, jonas, TieStrength::Weak);
    let first = base.relationships().next().unwrap().clone();
    let theirs = edited(
        &base,
        vec![
            (
                10,
                Op::AddRelationship {
                    map: base.id,
                    relationship: new.clone(),
                },
            ),
            (
                11,
                Op::EditRelationship {
                    map: base.id,
                    id: first.id,
                    fields: RelationshipFields {
                        note: "Confirmed at the offsite.".into(),
                        ..first.fields.clone()
                    },
                },
            ),
        ],
    );
    let preview = MergePreview::between(&base, &theirs);
    assert_eq!(preview.new_relationships, 1);
    assert_eq!(preview.updated_relationships, 1);
    assert!(!preview.is_empty());
    let merged = merge(&base, &theirs, &preview.default_choices(), at(20));
    assert_eq!(merged.relationships().len(), base.relationships().len() + 1);
    assert!(merged
        .relationship(new.id)
        .is_some_and(|r| r.both_ways() && r.from == ravi));
    assert_eq!(
        merged
            .relationship(first.id)
            .map(|r| r.fields.note.as_str()),
        Some("Confirmed at the offsite.")
    );
    // The same relationship recorded by both of us under different ids is kept once: theirs,
    // changed last, with my note (theirs has none), so nothing typed is lost; the preview does
    // not count it as new.
    let mut dup = tie(&mut ids, ravi, Tie::AlliedWith, jonas, TieStrength::Strong);
    dup.fields.note = "Seen together at the IT board.".into();
    let mine = edited(
        &base,
        vec![(
            5,
            Op::AddRelationship {
                map: base.id,
                relationship: dup,
            },
        )],
    );
    let merged = merge(
        &mine,
        &theirs,
        &MergePreview::between(&mine, &theirs).default_choices(),
        at(20),
    );
    let between: Vec<_> = merged
        .relationships()
        .filter(|r| r.involves(ravi) && r.involves(jonas))
        .collect();
    assert_eq!(between.len(), 1, "one alliance between Ravi and Jonas");
    assert_eq!(between[0].id, new.id, "theirs, changed last");
    assert_eq!(between[0].fields.note, "Seen together at the IT board.");
    assert_eq!(MergePreview::between(&mine, &theirs).new_relationships, 0);
}

// ----- the relationships sheet -----

#[test]
fn the_relationships_sheet_goes_out_by_name_and_comes_back_into_another_copy() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let csv = format::relationships_csv(&map, 0);
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("From,Kind,To,Direction,Strength,Note,Recorded")
    );
    assert_eq!(lines.count(), map.relationships().len());
    assert!(csv.contains("Dana Ortiz,Listens to / trusts,Priya Raman,One way,Strong,"));
    assert!(format::is_relationships_sheet(csv.as_bytes()));
    assert!(!format::is_relationships_sheet(
        format::stakeholders_csv(&map).as_bytes()
    ));

    // Into the same map, everything is already there.
    let back = format::read_relationships_csv(csv.as_bytes(), &map, today()).unwrap();
    assert!(back.rows.is_empty());
    assert_eq!(back.problems.len(), map.relationships().len());
    assert!(back
        .problems
        .iter()
        .all(|p| p.reason == "The map already has this relationship."));

    // Into a copy with the same people and no relationships, every row goes in as it was.
    let mut bare = StakeMap::new(MapId(ids.next_uuid()), "Bare", T0);
    let mut w = Workspace::from_maps(vec![bare.clone()]);
    for s in map.stakeholders() {
        let p = person(&mut ids, s.name(), 50, 50);
        w.apply(
            Op::AddStakeholder {
                map: bare.id,
                stakeholder: p,
            },
            T0,
        )
        .unwrap();
    }
    bare = the_map(&w, bare.id);
    let typed = format!(
        "{csv}Ravi Menon,listens to,Nobody Here,,,,\r\nRavi Menon,friend of,Aisha Bello,,,,\r\n\
         Ravi Menon,,Aisha Bello,,,,\r\nRavi Menon,Listens to / trusts,Jonas Weber,,,,\r\n\
         ravi menon,listens to,jonas weber,,strong,,\r\n"
    );
    let read = format::read_relationships_csv(typed.as_bytes(), &bare, today()).unwrap();
    assert_eq!(read.rows.len(), map.relationships().len() + 1);
    let got_last = read.rows.last().unwrap();
    assert_eq!(
        (
            names(&bare)(got_last.from),
            got_last.fields.kind,
            names(&bare)(got_last.to)
        ),
        (
            "Ravi Menon".to_owned(),
            Tie::ListensTo,
            "Jonas Weber".to_owned()
        )
    );
    assert_eq!(
        got_last.fields.strength,
        TieStrength::Moderate,
        "an empty strength is moderate"
    );
    let read = format::RelationshipSheet {
        rows: read.rows[..map.relationships().len()].to_vec(),
        problems: read.problems,
    };
    let sentence = |m: &StakeMap, from, fields: &RelationshipFields, to| {
        format!(
            "{} {} {} ({})",
            names(m)(from),
            fields.kind.verb(),
            names(m)(to),
            fields.strength.key()
        )
    };
    let expected: Vec<String> = map
        .relationships()
        .map(|r| sentence(&map, r.from, &r.fields, r.to))
        .collect();
    let got: Vec<String> = read
        .rows
        .iter()
        .map(|r| sentence(&bare, r.from, &r.fields, r.to))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        read.rows[0].fields.note,
        map.relationships().next().unwrap().fields.note
    );
    // Each keeps the day it was recorded.
    let days: Vec<Option<LocalDate>> = read.rows.iter().map(|r| r.recorded).collect();
    let expected: Vec<Option<LocalDate>> = map
        .relationships()
        .map(|r| Some(r.created_at.local_date(0)))
        .collect();
    assert_eq!(days, expected);
    let last_row = map.relationships().len() + 1;
    assert_eq!(
        read.problems
            .iter()
            .map(|p| (p.row, p.reason.as_str()))
            .collect::<Vec<_>>(),
        [
            (last_row + 1, "To “Nobody Here” is not on the map."),
            (
                last_row + 2,
                "“friend of” is not a known kind of relationship."
            ),
            (
                last_row + 3,
                "Kind is empty: write listens to / trusts, reports to, allied with, at odds with."
            ),
            (last_row + 5, "An earlier row says the same."),
        ]
    );
}

// ----- redaction -----

#[test]
fn a_redacted_copy_keeps_who_listens_to_whom_and_drops_every_note() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    assert!(map.relationships().any(|r| !r.fields.note.is_empty()));
    let copy = redacted(&map, &RedactOptions::default());
    assert_eq!(copy.relationships().len(), map.relationships().len());
    assert!(copy.relationships().all(|r| r.fields.note.is_empty()));
    let shape = |m: &StakeMap| {
        m.relationships()
            .map(|r| (r.from, r.to, r.fields.kind, r.fields.strength))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&copy), shape(&map));
}

// ----- through the store -----

#[test]
fn a_relationships_sheet_opened_on_a_map_adds_its_rows_as_one_undo_step_and_says_what_was_left_out()
{
    use stakemap::state::Sharing;
    let (_owner, _backend, store) = support::start();
    let before = support::current(&store);
    let count = before.relationships().len();
    let today = store.today();
    let later = today.plus_days(1).unwrap().iso();
    let sheet = format!(
        "\u{feff}From,Kind,To,Direction,Strength,Note,Recorded on\r\n\
         Ravi Menon,Listens to / trusts,Jonas Weber,One way,Strong,Same IT steering group,2026-09-14\r\n\
         ravi menon,allied with,aisha bello,,weak,,\r\n\
         Ravi Menon,Listens to / trusts,Nobody Here,,,,\r\n\
         Dana Ortiz,Listens to / trusts,Priya Raman,One way,Strong,,\r\n\
         Ravi Menon,reports to,Grace Lindqvist,,,,14/09/2026\r\n\
         Ravi Menon,reports to,Helen Achterberg,,,,{later}\r\n"
    );
    Sharing::new(store).open_file("ties.csv", sheet.as_bytes());
    let after = support::current(&store);
    assert_eq!(after.relationships().len(), count + 2, "two rows went in");
    let names = names(&after);
    let ravi = by_name(&after, "Ravi Menon");
    let ravis: Vec<String> = after
        .relationships_of(ravi)
        .into_iter()
        .map(|r| r.sentence(&names))
        .collect();
    assert!(ravis.contains(&"Ravi Menon listens to Jonas Weber (strong)".to_owned()));
    assert!(ravis.contains(&"Ravi Menon is allied with Aisha Bello (weak)".to_owned()));
    // Recorded on the day the sheet says, else today.
    let offset = store.utc_offset_minutes();
    let recorded: Vec<String> = after
        .relationships_of(ravi)
        .into_iter()
        .filter(|r| before.relationship(r.id).is_none())
        .map(|r| r.created_at.local_date(offset).iso())
        .collect();
    assert_eq!(recorded, ["2026-09-14".to_owned(), today.iso()]);
    let notice = store.notices().notice().expect("it says what happened");
    assert_eq!(notice.title, "Added 2 relationships from “ties.csv”.");
    assert_eq!(
        notice.details,
        [
            "4 rows were left out:".to_owned(),
            "Row 4: To “Nobody Here” is not on the map.".to_owned(),
            "Row 5: The map already has this relationship.".to_owned(),
            "Row 6: Recorded must be a date like 2026-11-22, not “14/09/2026”.".to_owned(),
            format!("Row 7: Recorded {later} is later than today."),
        ]
    );
    assert!(store.undo(), "one step");
    assert_eq!(said(&support::current(&store)), said(&before));

    // A sheet none of whose rows can go in changes nothing, and says why.
    let none = "From,Kind,To\r\nNobody,listens to,Dana Ortiz\r\n";
    Sharing::new(store).open_file("none.csv", none.as_bytes());
    assert_eq!(said(&support::current(&store)), said(&before));
    let notice = store.notices().notice().expect("it says why");
    assert_eq!(
        notice.title,
        "“none.csv” was not imported. Nothing was changed."
    );
    assert!(notice
        .details
        .contains(&"Row 2: From “Nobody” is not on the map.".to_owned()));
}
