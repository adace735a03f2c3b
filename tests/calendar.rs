//! Calendar reminders (.ics, RFC 5545): the file opens in a calendar library with one event per
//! open dated action and per person's next contact; its text keeps the rules calendars read it
//! by (CRLF, lines folded at 75 octets without breaking a character, TEXT escaped); UIDs stay
//! the same across exports so a re-import updates the events; and with codes nothing a person
//! typed is in the file. Through the store, the open map's calendar is offered by name, and a
//! map with nobody on it gives none.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use icalendar::{Calendar, Component, DatePerhapsTime, Event};
use stakemap::format::{
    calendar_file_name, calendar_ics, escape_ics_text, fold_ics_line, CalendarTitles,
    ICS_LINE_OCTETS,
};
use stakemap::model::*;
use support::maps::{at, example, fields, today};
use support::T0;

/// The user's clock in these tests is one hour ahead of UTC.
const OFFSET: i32 = 60;

fn ics(map: &StakeMap, titles: CalendarTitles, day: LocalDate, now: Timestamp) -> String {
    calendar_ics(map, titles, day, OFFSET, now).expect("the map has reminders")
}

fn parse(text: &str) -> Calendar {
    text.parse::<Calendar>()
        .unwrap_or_else(|e| panic!("a calendar library reads the file: {e}\n{text}"))
}

fn events(calendar: &Calendar) -> Vec<&Event> {
    calendar.events().collect()
}

fn by_uid<'a>(calendar: &'a Calendar, uid: &str) -> Option<&'a Event> {
    calendar.events().find(|e| e.get_uid() == Some(uid))
}

fn day_of(value: Option<DatePerhapsTime>) -> Option<String> {
    match value {
        Some(DatePerhapsTime::Date(d)) => Some(d.format("%Y-%m-%d").to_string()),
        _ => None,
    }
}

fn sequence(calendar: &Calendar, uid: &str) -> u32 {
    by_uid(calendar, uid)
        .and_then(|e| e.get_sequence())
        .unwrap_or_else(|| panic!("{uid} has a SEQUENCE"))
}

/// The file with its folded lines joined again (RFC 5545, 3.1), line breaks kept.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "")
}

/// How many reminders the map should give on `day`: its open actions with a due date and
/// everyone with a next contact date, counted from the map itself.
fn expected_events(map: &StakeMap, day: LocalDate) -> usize {
    let actions = map
        .actions()
        .filter(|a| a.fields.status.is_open() && a.fields.due.is_some())
        .count();
    let contacts = map
        .stakeholders()
        .filter(|s| map.contact_status(s.id, day, OFFSET).is_some())
        .count();
    actions + contacts
}

/// A workspace with one map called `name`, made at `T0`.
fn workspace(ids: &mut SequentialIds, name: &str) -> (Workspace, MapId) {
    let map = MapId(ids.next_uuid());
    let mut w = Workspace::default();
    w.apply(Op::CreateMap(StakeMap::new(map, name, T0)), T0)
        .expect("the map is made");
    (w, map)
}

fn add_person(
    w: &mut Workspace,
    map: MapId,
    ids: &mut SequentialIds,
    f: StakeholderFields,
) -> StakeholderId {
    let id = StakeholderId(ids.next_uuid());
    w.apply(
        Op::AddStakeholder {
            map,
            stakeholder: Stakeholder::new(id, f, T0),
        },
        T0,
    )
    .expect("the person is added");
    id
}

fn add_action(
    w: &mut Workspace,
    map: MapId,
    ids: &mut SequentialIds,
    who: StakeholderId,
    f: ActionFields,
) -> ActionId {
    let id = ActionId(ids.next_uuid());
    w.apply(
        Op::AddAction {
            map,
            action: Action {
                id,
                stakeholder: who,
                fields: f,
                created_at: T0,
                updated_at: T0,
            },
        },
        T0,
    )
    .expect("the action is added");
    id
}

fn action(tactic: Option<Tactic>, title: &str, owner: &str, due: LocalDate) -> ActionFields {
    ActionFields {
        tactic,
        title: title.into(),
        owner: owner.into(),
        due: Some(due),
        ..ActionFields::blank()
    }
}

#[test]
fn the_example_maps_calendar_opens_in_a_calendar_library_with_one_event_per_reminder() {
    let mut ids = SequentialIds::default();
    let map = example(&mut ids);
    let day = today();
    let text = ics(&map, CalendarTitles::Codes, day, at(5));
    let calendar = parse(&text);
    let events = events(&calendar);
    let expected = expected_events(&map, day);
    println!(
        "The example map's calendar holds {} events: {} open actions with a due date and {} \
         people's next contacts.",
        events.len(),
        expected - map.len(),
        map.len()
    );
    assert_eq!(events.len(), expected);
    assert_eq!(
        events.len(),
        16,
        "the example: 6 open dated actions and 10 people"
    );
    assert_eq!(calendar.get_name(), Some("Stakemap reminders"));
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));

    for a in map.actions() {
        let uid = format!("action-{}@stakemap", a.id);
        let event = by_uid(&calendar, &uid);
        match (a.fields.status.is_open(), a.fields.due) {
            (true, Some(due)) => {
                let event = event.unwrap_or_else(|| panic!("an event for {uid}"));
                // An overdue action is put on today, so the reminder is not in the past.
                let on = due.max(day);
                assert_eq!(day_of(event.get_start()), Some(on.iso()), "on the due day");
                assert_eq!(
                    day_of(event.get_end()),
                    on.plus_days(1).map(|d| d.iso()),
                    "one whole day"
                );
                let overdue = event
                    .get_summary()
                    .unwrap_or("")
                    .contains("overdue, was due");
                assert_eq!(overdue, due < day, "{:?}", event.get_summary());
            }
            _ => assert!(event.is_none(), "no event for a closed or undated action"),
        }
    }
    for s in map.stakeholders() {
        let contact = map
            .contact_status(s.id, day, OFFSET)
            .expect("everyone has a contact status");
        let uid = format!("contact-{}@stakemap", s.id);
        let event = by_uid(&calendar, &uid).unwrap_or_else(|| panic!("an event for {uid}"));
        let summary = event.get_summary().unwrap_or_default();
        if contact.is_overdue() {
            assert_eq!(day_of(event.get_start()), Some(day.iso()), "overdue: today");
            assert!(
                summary.contains(&format!("overdue, was due {}", contact.due.human())),
                "{summary}"
            );
        } else {
            assert_eq!(day_of(event.get_start()), Some(contact.due.iso()));
            assert!(!summary.contains("overdue"), "{summary}");
        }
    }
    assert!(
        map.stakeholders().any(|s| map
            .contact_status(s.id, day, OFFSET)
            .is_some_and(|c| c.is_overdue())),
        "the example has an overdue contact, so the case above is covered"
    );
}

#[test]
fn every_line_ends_in_crlf_fits_75_octets_and_unfolds_to_the_text_written() {
    let mut ids = SequentialIds::default();
    let (mut w, map) = workspace(&mut ids, "Ünïcödé rollout — 北京办公室 🚀");
    let name = "Zoë Ångström-Łukasiewicz 北京 Ψ 🚀".repeat(3);
    let who = add_person(&mut w, map, &mut ids, fields(&name, 80, 70));
    let title = format!("Walk through the pilot — {}", "ü€𝄞北".repeat(40));
    add_action(
        &mut w,
        map,
        &mut ids,
        who,
        action(None, &title, "Åsa", today()),
    );
    let m = w.map(map).expect("the map").clone();
    let text = ics(&m, CalendarTitles::Names, today(), at(1));

    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let bare = text.replace("\r\n", "");
    assert!(
        !bare.contains('\r') && !bare.contains('\n'),
        "every line break is CRLF"
    );
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &lines {
        assert!(
            line.len() <= ICS_LINE_OCTETS,
            "{} octets: {line}",
            line.len()
        );
    }
    assert!(
        lines.iter().filter(|l| l.starts_with(' ')).count() > 6,
        "the long title and name were folded"
    );

    // Unfolded, the title is back whole; so it is for a calendar library.
    let summary = format!("{name}: {title}");
    let unfolded = unfold(&text);
    assert!(unfolded.contains(&format!("\r\nSUMMARY:{summary}\r\n")));
    let calendar = parse(&text);
    let summaries: Vec<&str> = calendar.events().filter_map(|e| e.get_summary()).collect();
    assert!(summaries.contains(&summary.as_str()), "{summaries:?}");
    assert_eq!(
        calendar.get_name(),
        Some("Stakemap reminders: Ünïcödé rollout — 北京办公室 🚀")
    );
}

#[test]
fn folding_never_splits_a_character_and_unfolds_to_the_line() {
    let pieces = ["a", "é", "€", "𝄞", " ", "北", "\\,"];
    for len in 0..200 {
        for (n, piece) in pieces.iter().enumerate() {
            // Mixed widths, shifted so every character width lands on the fold.
            let line: String = std::iter::repeat_n("x", n)
                .chain(std::iter::repeat_n(*piece, len))
                .collect();
            let folded = fold_ics_line(&line);
            assert!(folded.ends_with("\r\n"));
            let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, part) in parts.iter().enumerate() {
                assert!(part.len() <= ICS_LINE_OCTETS, "{part:?}");
                if i > 0 {
                    assert!(part.starts_with(' '), "a continuation starts with a space");
                    assert!(part.len() > 1, "no empty continuation");
                }
            }
            assert_eq!(unfold(&folded), format!("{line}\r\n"));
        }
    }
    // A three-octet character that would end past octet 75 starts the next line.
    let line = format!("SUMMARY:{}€", "a".repeat(66));
    let folded = fold_ics_line(&line);
    assert_eq!(folded, format!("SUMMARY:{}\r\n €\r\n", "a".repeat(66)));
}

#[test]
fn commas_semicolons_backslashes_and_line_breaks_come_back_through_the_parser() {
    assert_eq!(escape_ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    assert_eq!(escape_ics_text("one\r\ntwo\rthree"), "one\\ntwo\\nthree");
    assert_eq!(
        escape_ics_text("bell\u{7}tab\t"),
        "belltab\t",
        "controls TEXT may not hold are left out"
    );

    let mut ids = SequentialIds::default();
    let (mut w, map) = workspace(&mut ids, "Plans; costs, risks");
    let who = add_person(
        &mut w,
        map,
        &mut ids,
        fields("Ortiz, Dana; COO \\ ops", 80, 70),
    );
    let title = "Review: costs, risks; then \\ sign-off";
    let owner = "Feld, Marcus; \\ finance";
    add_action(
        &mut w,
        map,
        &mut ids,
        who,
        action(Some(Tactic::ShareRoiEvidence), title, owner, today()),
    );
    let m = w.map(map).expect("the map").clone();
    let text = ics(&m, CalendarTitles::Names, today(), at(1));
    let calendar = parse(&text);
    let event = by_uid(
        &calendar,
        &format!(
            "action-{}@stakemap",
            m.actions().next().expect("one action").id
        ),
    )
    .expect("the action's event");
    assert_eq!(
        event.get_summary(),
        Some(format!("Ortiz, Dana; COO \\ ops: {title}").as_str())
    );
    assert_eq!(
        event.get_description(),
        Some(format!("Status: Planned.\nOwner: {owner}.").as_str()),
        "two lines, the break written as \\n"
    );
    assert_eq!(
        calendar.get_name(),
        Some("Stakemap reminders: Plans; costs, risks")
    );
    let unfolded = unfold(&text);
    assert!(
        unfolded.contains("DESCRIPTION:Status: Planned.\\nOwner: Feld\\, Marcus\\; \\\\ finance.")
    );
}

#[test]
fn uids_stay_the_same_across_exports_so_a_reimport_updates_and_an_edit_raises_the_sequence() {
    let mut ids = SequentialIds::default();
    let base = example(&mut ids);
    let day = today();
    let first = ics(&base, CalendarTitles::Codes, day, at(5));
    let later = ics(&base, CalendarTitles::Codes, day, at(300));
    let uids = |text: &str| -> Vec<String> {
        parse(text)
            .events()
            .filter_map(|e| e.get_uid().map(str::to_owned))
            .collect()
    };
    let before = uids(&first);
    let unique: std::collections::HashSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), before.len(), "no UID twice in a file");
    assert_eq!(uids(&later), before, "the same UIDs in a later export");
    let without_stamps = |text: &str| -> String {
        text.split("\r\n")
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    assert_eq!(
        without_stamps(&first),
        without_stamps(&later),
        "only the export time differs"
    );
    assert_ne!(first, later);
    assert_eq!(
        uids(&ics(&base, CalendarTitles::Names, day, at(5))),
        before,
        "names or codes, the same events"
    );

    // Dana's open action moves a week later; the other is done.
    let open: Vec<&Action> = base
        .actions()
        .filter(|a| a.fields.status.is_open() && a.fields.due.is_some())
        .collect();
    let (moved, finished) = (open[0], open[1]);
    let moved_uid = format!("action-{}@stakemap", moved.id);
    let finished_uid = format!("action-{}@stakemap", finished.id);
    let new_due = moved.fields.due.and_then(|d| d.plus_days(7));
    let mut w = Workspace::from_maps(vec![base.clone()]);
    w.apply(
        Op::EditAction {
            map: base.id,
            id: moved.id,
            fields: ActionFields {
                due: new_due,
                ..moved.fields.clone()
            },
        },
        at(60),
    )
    .expect("the edit applies");
    w.apply(
        Op::EditAction {
            map: base.id,
            id: finished.id,
            fields: ActionFields {
                status: ActionStatus::Done,
                ..finished.fields.clone()
            },
        },
        at(61),
    )
    .expect("the edit applies");
    let edited = w.map(base.id).expect("the map").clone();
    let after_text = ics(&edited, CalendarTitles::Codes, day, at(62));
    let (was, now) = (parse(&first), parse(&after_text));
    let event = by_uid(&now, &moved_uid).expect("the moved action keeps its UID");
    assert_eq!(day_of(event.get_start()), new_due.map(LocalDate::iso));
    assert!(
        sequence(&now, &moved_uid) > sequence(&was, &moved_uid),
        "its SEQUENCE grew, so calendars take the new date"
    );
    assert!(
        by_uid(&now, &finished_uid).is_none(),
        "a done action is gone"
    );
    assert_eq!(events(&now).len(), events(&was).len() - 1);
    // An action not edited keeps its SEQUENCE.
    let untouched = format!("action-{}@stakemap", open[2].id);
    assert_eq!(sequence(&now, &untouched), sequence(&was, &untouched));
}

#[test]
fn a_logged_contact_moves_the_next_contact_and_an_overdue_one_stays_on_today() {
    let mut ids = SequentialIds::default();
    let (mut w, map) = workspace(&mut ids, "Rollout");
    let mut f = fields("Dana Ortiz", 80, 70);
    f.cadence_days = Some(14);
    let dana = add_person(&mut w, map, &mut ids, f);
    let uid = format!("contact-{dana}@stakemap");
    let added = T0.local_date(OFFSET);
    let on = |days: i64| added.plus_days(days).expect("a day");

    // Not due yet: on the day the cadence gives.
    let m = w.map(map).expect("the map").clone();
    let cal = parse(&ics(&m, CalendarTitles::Names, on(3), at(1)));
    let event = by_uid(&cal, &uid).expect("Dana's next contact");
    assert_eq!(day_of(event.get_start()), Some(on(14).iso()));
    assert_eq!(event.get_summary(), Some("Contact Dana Ortiz"));
    assert_eq!(
        event.get_description(),
        Some("Keep in touch every 2 weeks (Win over); no contact logged yet.")
    );

    // Overdue: on today, saying since when, and each new day is a newer version of the event.
    let day_20 = parse(&ics(&m, CalendarTitles::Names, on(20), at(1)));
    let day_21 = parse(&ics(&m, CalendarTitles::Names, on(21), at(1)));
    for (cal, day) in [(&day_20, on(20)), (&day_21, on(21))] {
        let event = by_uid(cal, &uid).expect("Dana's next contact");
        assert_eq!(day_of(event.get_start()), Some(day.iso()));
        assert_eq!(
            event.get_summary().map(str::to_owned),
            Some(format!(
                "Contact Dana Ortiz (overdue, was due {})",
                on(14).human()
            ))
        );
    }
    assert!(sequence(&day_21, &uid) > sequence(&day_20, &uid));

    // A contact logged on day 20: the next is due 14 days later, as a newer version.
    w.apply(
        Op::LogTouchpoint {
            map,
            touchpoint: Touchpoint {
                id: TouchpointId(ids.next_uuid()),
                stakeholder: dana,
                date: on(20),
                channel: Channel::Meeting,
                sentiment: Sentiment::Positive,
                note: String::new(),
                influence: None,
                skepticism: None,
                evidence: None,
                created_at: T0,
            },
        },
        at(20 * 24 * 60),
    )
    .expect("the contact is logged");
    let m = w.map(map).expect("the map").clone();
    let logged = parse(&ics(
        &m,
        CalendarTitles::Names,
        on(20),
        at(20 * 24 * 60 + 1),
    ));
    let event = by_uid(&logged, &uid).expect("the same event");
    assert_eq!(day_of(event.get_start()), Some(on(34).iso()));
    assert_eq!(event.get_summary(), Some("Contact Dana Ortiz"));
    assert!(sequence(&logged, &uid) > sequence(&day_20, &uid));
}

/// A map whose every typed text is a marker string found nowhere else.
fn secret_map() -> (StakeMap, Vec<&'static str>) {
    let mut ids = SequentialIds::default();
    let (mut w, map) = workspace(&mut ids, "Mapnamemarker Qx");
    let mut f = fields("Personmarker Qx", 80, 70);
    f.role = "Rolemarker Qx".into();
    f.organisation = "Orgmarker Qx".into();
    f.notes = "Notesmarker Qx".into();
    f.cares_about = "Caresmarker Qx".into();
    f.tags = vec!["Tagmarker Qx".into()];
    let who = add_person(&mut w, map, &mut ids, f);
    let mut a = action(
        Some(Tactic::ListeningSession),
        "Titlemarker Qx",
        "Ownermarker Qx",
        today(),
    );
    a.outcome = "Outcomemarker Qx".into();
    a.measure = "Measuremarker Qx".into();
    add_action(&mut w, map, &mut ids, who, a);
    let m = w.map(map).expect("the map").clone();
    let shown = vec![
        "Mapnamemarker",
        "Personmarker",
        "Titlemarker",
        "Ownermarker",
        "Measuremarker",
    ];
    (m, shown)
}

#[test]
fn with_codes_nothing_a_person_typed_is_in_the_file_and_with_names_it_is() {
    let (m, shown) = secret_map();
    let who = m.stakeholders().next().expect("one person").id;
    let text = ics(&m, CalendarTitles::Codes, today(), at(1));
    let unfolded = unfold(&text);
    for marker in [
        "marker", "Qx", "Mapname", "Person", "Role", "Org", "Notes", "Cares", "Tag", "Title",
        "Owner", "Outcome", "Measure",
    ] {
        assert!(!unfolded.contains(marker), "“{marker}” is not in:\n{text}");
    }
    let code = labels(&m, LabelStyle::Codes)
        .remove(&who)
        .expect("a code for the person");
    let calendar = parse(&text);
    let summaries: Vec<&str> = calendar.events().filter_map(|e| e.get_summary()).collect();
    assert_eq!(summaries.len(), 2);
    assert_eq!(
        summaries[0],
        format!("{code}: Listening session"),
        "the person by the code a redacted copy uses, the action by its tactic"
    );
    assert!(
        summaries[1].starts_with(&format!("Contact {code} (overdue")),
        "{}",
        summaries[1]
    );
    let name = calendar_file_name(&m.name, CalendarTitles::Codes, today());
    assert_eq!(name, "stakemap-reminders-2026-11-22.ics");

    let text = ics(&m, CalendarTitles::Names, today(), at(1));
    let unfolded = unfold(&text);
    for marker in shown {
        assert!(unfolded.contains(marker), "“{marker}” is in:\n{text}");
    }
    for marker in [
        "Rolemarker",
        "Orgmarker",
        "Notesmarker",
        "Caresmarker",
        "Outcomemarker",
    ] {
        assert!(
            !unfolded.contains(marker),
            "“{marker}” stays out: it is not a reminder"
        );
    }
    assert_eq!(
        calendar_file_name(&m.name, CalendarTitles::Names, today()),
        "Mapnamemarker-Qx-reminders-2026-11-22.ics"
    );
}

#[test]
fn a_map_with_nobody_on_it_gives_no_calendar_rather_than_an_empty_one() {
    let mut ids = SequentialIds::default();
    let (w, map) = workspace(&mut ids, "Empty");
    let m = w.map(map).expect("the map");
    assert_eq!(
        calendar_ics(m, CalendarTitles::Codes, today(), OFFSET, at(1)),
        None
    );
}

#[test]
fn through_the_store_the_open_maps_calendar_is_offered_and_an_empty_map_gives_none() {
    let (_owner, _backend, store) = support::start();
    let sharing = stakemap::state::Sharing::new(store);
    let day = store.today();
    let (name, text) = sharing
        .calendar(CalendarTitles::Codes)
        .expect("the example map has reminders");
    assert_eq!(name, format!("stakemap-reminders-{}.ics", day.iso()));
    let map = support::current(&store);
    assert_eq!(events(&parse(&text)).len(), expected_events(&map, day));
    let (name, _) = sharing
        .calendar(CalendarTitles::Names)
        .expect("the example map has reminders");
    assert!(name.ends_with(&format!("-reminders-{}.ics", day.iso())));
    assert_ne!(name, format!("stakemap-reminders-{}.ics", day.iso()));

    store.new_map();
    assert!(support::current(&store).is_empty());
    assert_eq!(sharing.calendar(CalendarTitles::Codes), None);
}
