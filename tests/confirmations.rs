//! Native tests of what each action answers: planning an action, logging a contact, opening and
//! merging a map file and saving files each say what was done in plain words, shown as a notice
//! and put into the live region; the same sentence twice is still heard twice; and an action
//! that fails confirms nothing.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use stakemap::state::{Sharing, SheetKind, Store, Tone};

mod support;

use support::maps::{at, edited};
use support::{by_name, current, start};

/// The notice on show: its tone and title.
fn notice(store: &Store) -> (Tone, String) {
    let n = store.notices().notice().expect("a notice is on show");
    (n.tone, n.title)
}

/// What the live region says, as a screen reader hears it (the mark that makes a repeat heard
/// is not read out).
fn heard(store: &Store) -> String {
    store
        .notices()
        .announcement()
        .trim_end_matches('\u{a0}')
        .to_owned()
}

fn action(title: &str, due: Option<&str>) -> ActionFields {
    ActionFields {
        title: title.into(),
        due: due.and_then(LocalDate::parse_iso),
        ..ActionFields::blank()
    }
}

fn contact(store: &Store, on: LocalDate, influence: &str, skepticism: &str) -> TouchpointFields {
    validate_touchpoint(
        &on.iso(),
        Channel::Call,
        Sentiment::Positive,
        "Good call.",
        influence,
        skepticism,
        store.today(),
    )
    .expect("a valid contact")
}

#[test]
fn planning_an_action_says_what_for_whom_and_when_and_the_live_region_says_it_too() {
    let (_o, _backend, store) = start();
    let ravi = by_name(&current(&store), "Ravi Menon");
    let id = store
        .add_action(ravi, action("Share the pilot results", Some("2026-12-12")))
        .expect("planned");
    let said = "Planned “Share the pilot results” for Ravi Menon, due 12 Dec 2026.";
    assert_eq!(notice(&store), (Tone::Info, said.to_owned()));
    assert_eq!(store.notices().announcement(), said);
    assert!(current(&store).action(id).is_some());

    // Without a due date it says so; a playbook tactic planned at once is confirmed alike.
    store.add_action(ravi, action("Coffee", None)).unwrap();
    assert_eq!(
        heard(&store),
        "Planned “Coffee” for Ravi Menon, no due date."
    );
    store.plan_tactic(ravi, Tactic::TieToKpis).unwrap();
    assert_eq!(
        heard(&store),
        format!(
            "Planned “{}” for Ravi Menon, no due date.",
            Tactic::TieToKpis.name()
        )
    );
}

#[test]
fn the_same_sentence_twice_changes_the_live_region_each_time() {
    let (_o, _backend, store) = start();
    let ravi = by_name(&current(&store), "Ravi Menon");
    let mut said = Vec::new();
    for _ in 0..3 {
        store.add_action(ravi, action("Coffee", None)).unwrap();
        said.push(store.notices().announcement());
    }
    assert_ne!(
        said[0], said[1],
        "a second identical action is announced again"
    );
    assert_ne!(said[1], said[2], "and a third");
    for s in &said {
        assert_eq!(
            s.trim_end_matches('\u{a0}'),
            "Planned “Coffee” for Ravi Menon, no due date."
        );
    }
    // A different sentence is said as it is.
    store.add_action(ravi, action("Lunch", None)).unwrap();
    assert_eq!(
        store.notices().announcement(),
        "Planned “Lunch” for Ravi Menon, no due date."
    );
}

#[test]
fn an_action_that_cannot_be_added_confirms_nothing() {
    let (_o, _backend, store) = start();
    let nobody = StakeholderId(uuid::Uuid::from_u128(404));
    assert!(store.add_action(nobody, action("Coffee", None)).is_none());
    assert!(store
        .log_touchpoint(nobody, contact(&store, store.today(), "", ""))
        .is_none());
    assert_eq!(store.notices().announcement(), "");
    let (tone, _) = notice(&store);
    assert_eq!(tone, Tone::Error, "the refusal is what the user is told");
}

#[test]
fn logging_a_contact_says_with_whom_and_where_a_new_reading_moved_them() {
    let (_o, _backend, store) = start();
    let ravi = by_name(&current(&store), "Ravi Menon");
    let today = store.today();
    let before = current(&store).get(ravi).unwrap().position();

    let id = store
        .log_touchpoint(ravi, contact(&store, today, "", ""))
        .expect("logged");
    assert!(current(&store).touchpoints().any(|t| t.id == id));
    assert_eq!(
        notice(&store),
        (Tone::Info, "Contact with Ravi Menon logged.".to_owned())
    );
    assert_eq!(heard(&store), "Contact with Ravi Menon logged.");

    // A reading that moves them: the move is said in the words a move on the map is.
    let earlier = today.plus_days(-3).unwrap();
    store
        .log_touchpoint(ravi, contact(&store, earlier, "", "35"))
        .unwrap();
    let now = current(&store).get(ravi).unwrap().position();
    assert_ne!(now, before);
    let said = format!(
        "Contact with Ravi Menon on {} logged. {}.",
        short_date(earlier),
        describe_move("Ravi Menon", now)
    );
    assert_eq!(notice(&store).1, said);
    assert_eq!(heard(&store), said);

    // A reading equal to where they stand moves nobody, and says no move.
    let same = now.skepticism.to_string();
    store
        .log_touchpoint(ravi, contact(&store, today, "", &same))
        .unwrap();
    assert_eq!(heard(&store), "Contact with Ravi Menon logged.");
}

#[test]
fn opening_a_map_file_says_its_name_and_how_many_people_and_opens_it() {
    let (_o, _backend, store) = start();
    let mut map = current(&store);
    map.id = MapId(uuid::Uuid::from_u128(77));
    map.name = "Board rollout 2027".into();
    let people = map.len();
    assert!(store.import_text("board.stakemap.json", &format::to_json(&map, at(1))));
    let said = format!("Imported “Board rollout 2027” with {people} stakeholders as a new map.");
    assert_eq!(notice(&store), (Tone::Info, said.clone()));
    assert_eq!(heard(&store), said);
    assert_eq!(
        current(&store).name,
        "Board rollout 2027",
        "the opened map is on show"
    );

    // A broken file confirms nothing: the live region keeps what it said.
    assert!(!store.import_text("broken.stakemap.json", "{"));
    assert_eq!(notice(&store).0, Tone::Error);
    assert_eq!(heard(&store), said);
}

#[test]
fn merging_a_copy_says_what_it_brought_and_the_live_region_says_it_too() {
    let (_o, _backend, store) = start();
    let sharing = Sharing::new(store);
    let mine = current(&store);
    let dana = by_name(&mine, "Dana Ortiz");
    let theirs = edited(
        &mine,
        vec![(
            500,
            Op::MoveStakeholder {
                map: mine.id,
                id: dana,
                to: Position {
                    influence: 40,
                    skepticism: 10,
                },
            },
        )],
    );
    sharing.open_file(
        "from-colleague.stakemap.json",
        format::to_json(&theirs, at(501)).as_bytes(),
    );
    sharing.confirm_merge();
    let (tone, title) = notice(&store);
    assert_eq!(tone, Tone::Info);
    assert!(
        title.starts_with(&format!(
            "Merged “from-colleague.stakemap.json” into “{}”:",
            mine.name
        )),
        "{title}"
    );
    assert_eq!(heard(&store), title);
}

#[test]
fn a_saved_file_is_named_with_what_it_holds() {
    let (_o, _backend, store) = start();
    let sharing = Sharing::new(store);
    let map = current(&store);
    let people = format!("{} people", map.len());
    assert_eq!(store.people_words().as_deref(), Some(people.as_str()));
    assert_eq!(sharing.holds(None), Some(people.clone()));
    assert_eq!(
        sharing.holds(Some(SheetKind::Stakeholders)),
        Some(people.clone())
    );
    assert_eq!(
        sharing.holds(Some(SheetKind::Actions)),
        Some(plural(map.actions().len(), "action", "actions"))
    );
    assert_eq!(
        sharing.holds(Some(SheetKind::Evidence)),
        Some(plural(
            map.evidence().len(),
            "item of evidence",
            "items of evidence"
        ))
    );
    let (name, _) = store.export_current().unwrap();
    assert_eq!(
        saved_words(&name, Some(&people), false),
        format!("Saved “{name}” ({people}) to your downloads.")
    );
    let locked = saved_words("x.stakemap.locked.json", Some(&people), true);
    assert!(
        locked.starts_with(&format!(
            "Saved “x.stakemap.locked.json” ({people}) to your downloads, protected by your \
             passphrase."
        )),
        "{locked}"
    );
    assert!(locked.contains("Send the passphrase another way"));
}

#[test]
fn the_wording_reads_as_plain_sentences() {
    let day = |iso| LocalDate::parse_iso(iso).unwrap();
    assert_eq!(
        planned_words(
            "Share the pilot results",
            "Helen Achterberg",
            Some(day("2026-12-12"))
        ),
        "Planned “Share the pilot results” for Helen Achterberg, due 12 Dec 2026."
    );
    assert_eq!(
        contact_logged_words(
            "Helen Achterberg",
            day("2026-12-03"),
            day("2026-12-03"),
            None
        ),
        "Contact with Helen Achterberg logged."
    );
    assert_eq!(
        contact_logged_words(
            "Helen Achterberg",
            day("2026-12-01"),
            day("2026-12-03"),
            Some(Position {
                influence: 70,
                skepticism: 60
            })
        ),
        "Contact with Helen Achterberg on 1 Dec 2026 logged. Helen Achterberg moved to \
         influence 70, skepticism 60: Win over."
    );
    assert_eq!(
        imported_words("Q3", 1),
        "Imported “Q3” with 1 stakeholder as a new map."
    );
    assert_eq!(
        saved_words("set-aside.txt", None, false),
        "Saved “set-aside.txt” to your downloads."
    );
}
