//! Native tests of what issue 8 added to the core and the state: the quick-add tray (pasted
//! lists cleaned, a title pasted with a name kept as the role, repeats skipped, kept per map
//! across a restart), the move announcement, the keyboard shortcut table, presentation, and the
//! first-visit tour.
#![cfg(not(target_arch = "wasm32"))]

use leptos::prelude::*;
use stakemap::model::*;
use stakemap::state::{
    shortcut_for, Backend, KeyPress, MainView, MemoryBackend, SaveError, Shortcut, Store, Ui,
    SHORTCUTS, TOUR, TOUR_DONE,
};
use std::sync::Arc;

const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn start_with(backend: Arc<MemoryBackend>) -> (Owner, Store, Ui) {
    let owner = Owner::new();
    owner.set();
    let store = Store::start(backend);
    let ui = Ui::new(store, MainView::Map, store.first_visit());
    (owner, store, ui)
}

fn names(ui: &Ui) -> Vec<String> {
    ui.tray().people().iter().map(|p| p.name.clone()).collect()
}

/// The tray as its chips show it: "Ben Cohen · Head of Retail".
fn labels(tray: &Tray) -> Vec<String> {
    tray.people().iter().map(TrayPerson::label).collect()
}

fn name_and_role(line: &str) -> Option<(String, String)> {
    clean_tray_line(line).map(|p| (p.name, p.role))
}

#[test]
fn pasted_lists_become_clean_names() {
    let cases = [
        ("  Dana   Ortiz  ", Some("Dana Ortiz")),
        ("- Sam Lee", Some("Sam Lee")),
        ("• Priya Nair", Some("Priya Nair")),
        ("3. Jo Becker", Some("Jo Becker")),
        ("12) Ana Lima", Some("Ana Lima")),
        ("2024 budget owner", Some("2024 budget owner")),
        ("   ", None),
        ("-", None),
    ];
    for (line, want) in cases {
        let read = name_and_role(line);
        assert_eq!(read.clone().map(|p| p.0).as_deref(), want, "{line:?}");
        assert_eq!(read.map(|p| p.1).unwrap_or_default(), "", "{line:?}");
    }
    let long = "x".repeat(MAX_NAME_CHARS + 40);
    assert_eq!(
        clean_tray_line(&long).map(|p| p.name.chars().count()),
        Some(MAX_NAME_CHARS)
    );
}

#[test]
fn a_title_pasted_with_a_name_is_kept_apart_as_the_role() {
    let cases = [
        // Dashes with spaces around them; a hyphen inside a name is part of it.
        ("Ben Cohen – Head of Retail", "Ben Cohen", "Head of Retail"),
        ("Ben Cohen - Head of Retail", "Ben Cohen", "Head of Retail"),
        ("Ben Cohen — Head of Retail", "Ben Cohen", "Head of Retail"),
        ("Ben Cohen–Head of Retail", "Ben Cohen", "Head of Retail"),
        ("Anne-Marie Lopez", "Anne-Marie Lopez", ""),
        (
            "Anne-Marie Lopez - Chief Financial Officer",
            "Anne-Marie Lopez",
            "Chief Financial Officer",
        ),
        (
            "Ben Cohen – Head of Retail – EMEA",
            "Ben Cohen",
            "Head of Retail – EMEA",
        ),
        // A comma: a title after it, or "Last, First" (two plain words, none in capitals).
        ("Ben Cohen, Head of Retail", "Ben Cohen", "Head of Retail"),
        ("Ben Cohen, VP, Retail", "Ben Cohen", "VP, Retail"),
        ("Cohen, Ben", "Ben Cohen", ""),
        ("Lopez, Anne-Marie", "Anne-Marie Lopez", ""),
        ("Cohen, Ben – Head of Retail", "Ben Cohen", "Head of Retail"),
        ("Cohen, Ben (CFO)", "Ben Cohen", "CFO"),
        ("Ben, CEO", "Ben", "CEO"),
        ("Sam, Head of Retail", "Sam", "Head of Retail"),
        // Brackets closing the line; whichever separator comes first wins.
        ("Ben Cohen (Head of Retail)", "Ben Cohen", "Head of Retail"),
        (
            "Ben Cohen (Head of Retail (EMEA))",
            "Ben Cohen",
            "Head of Retail (EMEA)",
        ),
        (
            "Ben Cohen (Retail – Wholesale)",
            "Ben Cohen",
            "Retail – Wholesale",
        ),
        (
            "Ben Cohen – Head of Retail (EMEA)",
            "Ben Cohen",
            "Head of Retail (EMEA)",
        ),
        ("Robert (Bob) Smith", "Robert (Bob) Smith", ""),
        // List markers and numbers go first, as before.
        (
            "3. Ben Cohen – Head of Retail",
            "Ben Cohen",
            "Head of Retail",
        ),
        ("- Ben Cohen, Head of Retail", "Ben Cohen", "Head of Retail"),
        // Nothing before the separator: the line is the name.
        ("(Head of Retail)", "(Head of Retail)", ""),
        (", CFO", ", CFO", ""),
        // A colon may start either way round ("Sponsor: Dana Ortiz"): the line stays whole.
        ("Sponsor: Dana Ortiz", "Sponsor: Dana Ortiz", ""),
        // A spreadsheet row: the name cell, then the title cell.
        ("Kim Park\tCFO\tFinance", "Kim Park", "CFO"),
        ("Park, Kim\tCFO", "Kim Park", "CFO"),
        ("7\tKim Park\tCFO", "Kim Park", "CFO"),
        ("Kim Park\t\tFinance", "Kim Park", ""),
        ("Kim Park – Finance\t", "Kim Park", "Finance"),
        (
            "  Kim   Park ,   Chief   Financial Officer ",
            "Kim Park",
            "Chief Financial Officer",
        ),
    ];
    for (line, name, role) in cases {
        assert_eq!(
            name_and_role(line),
            Some((name.to_owned(), role.to_owned())),
            "{line:?}"
        );
    }
    // The role is cut to what the form accepts.
    let long = format!("Kim Park – {}", "x".repeat(MAX_SHORT_TEXT_CHARS + 40));
    assert_eq!(
        clean_tray_line(&long).map(|p| p.role.chars().count()),
        Some(MAX_SHORT_TEXT_CHARS)
    );
}

#[test]
fn a_pasted_sheet_skips_its_header_and_reads_the_columns_it_names() {
    let mut tray = Tray::default();
    let added = tray.add_text(
        "Stakeholder\tTitle\tDepartment\n\
         Ben Cohen\tHead of Retail\tRetail\n\
         Ana Lima\t\tFinance\n\
         Team\tName\tRole\n\
         Sales\tJo Becker\tSales Director\n\
         Department\tFull name\n\
         Legal\tKim Park\n\
         Name, Role\n\
         Sam Lee, Chief of Staff\n",
        std::iter::empty(),
    );
    assert_eq!(added.added, 5, "{added:?}");
    assert_eq!(
        labels(&tray),
        [
            "Ben Cohen · Head of Retail",
            "Ana Lima",
            "Jo Becker · Sales Director",
            "Kim Park",
            "Sam Lee · Chief of Staff",
        ]
    );
}

#[test]
fn the_tray_skips_repeats_and_people_already_on_the_map() {
    let mut tray = Tray::default();
    let added = tray.add_text(
        "Sam Lee\n\nPriya Nair\nsam lee\nDana Ortiz\n",
        ["Dana Ortiz"],
    );
    assert_eq!(labels(&tray), ["Sam Lee", "Priya Nair"]);
    assert_eq!(added.added, 2);
    assert_eq!(added.repeated, ["sam lee", "Dana Ortiz"]);
    assert_eq!(
        added.message(),
        "Added 2 names to the tray. Already in the tray or on the map: sam lee, Dana Ortiz."
    );
    assert!(tray.remove("SAM LEE"));
    assert!(!tray.remove("Sam Lee"));
    assert_eq!(labels(&tray), ["Priya Nair"]);
    // Repeats are found by name, whatever title comes with them.
    let again = tray.add_text("Priya Nair – CFO\nNair, Priya", std::iter::empty());
    assert_eq!(
        (again.added, again.repeated),
        (0, vec!["Priya Nair".to_owned()])
    );
    assert_eq!(labels(&tray), ["Priya Nair"]);
}

#[test]
fn the_tray_has_a_limit_and_says_what_it_left_out() {
    let mut tray = Tray::default();
    let text: String = (0..MAX_TRAY + 5).map(|i| format!("Person {i}\n")).collect();
    let added = tray.add_text(&text, std::iter::empty());
    assert_eq!(tray.people().len(), MAX_TRAY);
    assert_eq!(added.over_limit, 5);
    assert!(
        added.message().contains("5 left out"),
        "{}",
        added.message()
    );
}

#[test]
fn a_placed_name_leaves_the_tray_and_lands_where_it_was_dropped() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let (_o, store, ui) = start_with(backend.clone());
    assert!(ui.add_to_tray("Sam Lee\nPriya Nair"));
    assert_eq!(names(&ui), ["Sam Lee", "Priya Nair"]);
    let at = Position {
        influence: 80,
        skepticism: 20,
    };
    let id = ui.place_from_tray("Sam Lee", at).unwrap();
    let placed = store.stakeholder(id).unwrap();
    assert_eq!((placed.name(), placed.position()), ("Sam Lee", at));
    assert_eq!(names(&ui), ["Priya Nair"]);
    assert_eq!(
        store.notices().announcement(),
        "Sam Lee placed at influence 80, skepticism 20: Champions"
    );
    // Pasting the same list again adds only who is not on the map or in the tray yet.
    assert!(!ui.add_to_tray("Sam Lee\nPriya Nair"));
    assert_eq!(names(&ui), ["Priya Nair"]);
}

#[test]
fn a_person_placed_from_the_tray_takes_the_title_pasted_with_them_as_their_role() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let (_o, store, ui) = start_with(backend.clone());
    assert!(ui.add_to_tray("Ben Cohen – Head of Retail\nLopez, Anne-Marie"));
    assert_eq!(
        labels(&ui.tray()),
        ["Ben Cohen · Head of Retail", "Anne-Marie Lopez"]
    );
    let ben = ui
        .place_from_tray("Ben Cohen", Position::default())
        .unwrap();
    let ben = store.stakeholder(ben).unwrap();
    assert_eq!(
        (ben.name(), ben.fields.role.as_str()),
        ("Ben Cohen", "Head of Retail")
    );
    let anne = ui
        .place_from_tray("Anne-Marie Lopez", Position::default())
        .unwrap();
    assert_eq!(store.stakeholder(anne).unwrap().fields.role, "");
    // On the map now: the same name with another title is a repeat.
    assert!(!ui.add_to_tray("Ben Cohen, CFO"));
    assert!(ui.tray().is_empty());
}

#[test]
fn the_tray_keeps_roles_across_a_restart_and_reads_a_tray_saved_as_names() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let map;
    {
        let (_o, store, ui) = start_with(backend.clone());
        map = store.current_id().unwrap();
        ui.add_to_tray("Ben Cohen (Head of Retail)\nSam Lee");
    }
    let (_o, _store, ui) = start_with(backend.clone());
    assert_eq!(
        labels(&ui.tray()),
        ["Ben Cohen · Head of Retail", "Sam Lee"]
    );

    // A tray an earlier version saved: a list of names, read as they are.
    backend
        .write_setting(
            &format!("tray:{map}"),
            Some(r#"["Dana Ortiz – Board", "Jo Becker"]"#),
        )
        .unwrap();
    let (_o, _store, ui) = start_with(backend.clone());
    assert_eq!(labels(&ui.tray()), ["Dana Ortiz – Board", "Jo Becker"]);
}

#[test]
fn each_map_keeps_its_own_tray_across_a_restart() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let first_map;
    {
        let (_o, store, ui) = start_with(backend.clone());
        first_map = store.current_id().unwrap();
        ui.add_to_tray("Sam Lee\nPriya Nair");
        store.new_map();
        assert!(names(&ui).is_empty(), "a new map starts with an empty tray");
        ui.add_to_tray("Jo Becker");
    }
    let (_o, store, ui) = start_with(backend.clone());
    assert_eq!(names(&ui), ["Jo Becker"]);
    store.switch_map(first_map);
    assert_eq!(names(&ui), ["Sam Lee", "Priya Nair"]);
    // An emptied tray leaves nothing behind in storage.
    ui.drop_from_tray("Sam Lee");
    ui.drop_from_tray("Priya Nair");
    assert_eq!(backend.read_setting(&format!("tray:{first_map}")), None);
}

#[test]
fn a_tray_that_cannot_be_saved_says_so() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let (_o, store, ui) = start_with(backend.clone());
    backend.fail_saves(Some(SaveError::Full));
    ui.add_to_tray("Sam Lee");
    let notice = store.notices().notice().unwrap();
    assert!(notice.title.contains("storage"), "{}", notice.title);
    // Still in the tray for this session: nothing typed is lost.
    assert_eq!(names(&ui), ["Sam Lee"]);
}

#[test]
fn moves_are_announced_in_words_with_the_quadrant() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let (_o, store, _ui) = start_with(backend);
    let dana = store
        .with_current_untracked(|m| {
            m.stakeholders()
                .find(|s| s.name() == "Dana Ortiz")
                .unwrap()
                .id
        })
        .unwrap();
    store.move_stakeholder(
        dana,
        Position {
            influence: 70,
            skepticism: 40,
        },
    );
    assert_eq!(
        store.notices().announcement(),
        "Dana Ortiz moved to influence 70, skepticism 40: Champions"
    );
    store.move_stakeholder(
        dana,
        Position {
            influence: 70,
            skepticism: 60,
        },
    );
    assert_eq!(
        store.notices().announcement(),
        "Dana Ortiz moved to influence 70, skepticism 60: Win over"
    );
    // Undo is a move too, and is announced.
    store.undo();
    assert_eq!(
        store.notices().announcement(),
        "Dana Ortiz moved to influence 70, skepticism 40: Champions"
    );
}

fn press(key: &str) -> KeyPress<'_> {
    KeyPress {
        key,
        ..KeyPress::default()
    }
}

#[test]
fn shortcuts_map_keys_and_leave_text_fields_alone() {
    let cases = [
        (press("n"), Some(Shortcut::NewStakeholder)),
        (press("N"), Some(Shortcut::NewStakeholder)),
        (press("/"), Some(Shortcut::FocusSearch)),
        (press("Delete"), Some(Shortcut::DeleteSelected)),
        (press("Backspace"), Some(Shortcut::DeleteSelected)),
        (press("e"), Some(Shortcut::Export)),
        (press("m"), Some(Shortcut::ToggleMapList)),
        (press("p"), Some(Shortcut::Present)),
        (press("?"), Some(Shortcut::Help)),
        (press("x"), None),
        (
            KeyPress {
                ctrl: true,
                ..press("z")
            },
            Some(Shortcut::Undo),
        ),
        (
            KeyPress {
                meta: true,
                shift: true,
                ..press("Z")
            },
            Some(Shortcut::Redo),
        ),
        (
            KeyPress {
                ctrl: true,
                ..press("y")
            },
            Some(Shortcut::Redo),
        ),
        // Ctrl+N is the browser's new window, not ours.
        (
            KeyPress {
                ctrl: true,
                ..press("n")
            },
            None,
        ),
        (
            KeyPress {
                alt: true,
                ..press("n")
            },
            None,
        ),
        (
            KeyPress {
                in_text_field: true,
                ..press("n")
            },
            None,
        ),
        (
            KeyPress {
                in_text_field: true,
                ctrl: true,
                ..press("z")
            },
            None,
        ),
    ];
    for (key, want) in cases {
        assert_eq!(shortcut_for(key), want, "{key:?}");
    }
}

#[test]
fn each_shortcut_in_the_help_is_what_the_handler_does_and_every_shortcut_is_in_the_help() {
    let mut listed = Vec::new();
    for binding in SHORTCUTS {
        assert!(!binding.keys.is_empty() && !binding.does.is_empty());
        for chord in binding.chords {
            // The key as a browser reports it, upper or lower case, with Control or Command.
            for key in [chord.key.to_owned(), chord.key.to_uppercase()] {
                for meta in [false, true] {
                    let k = KeyPress {
                        key: &key,
                        ctrl: chord.ctrl && !meta,
                        meta: chord.ctrl && meta,
                        shift: chord.shift,
                        ..KeyPress::default()
                    };
                    assert_eq!(shortcut_for(k), binding.runs, "{} ({key})", binding.keys);
                }
            }
        }
        listed.extend(binding.runs);
    }
    // Every shortcut there is is in the help, once. (Adding a shortcut makes this match stop
    // compiling until it is added to `all` as well.)
    let _ = |s: Shortcut| match s {
        Shortcut::NewStakeholder
        | Shortcut::FocusSearch
        | Shortcut::DeleteSelected
        | Shortcut::Export
        | Shortcut::Undo
        | Shortcut::Redo
        | Shortcut::ToggleMapList
        | Shortcut::Present
        | Shortcut::Help => (),
    };
    let all = [
        Shortcut::NewStakeholder,
        Shortcut::FocusSearch,
        Shortcut::DeleteSelected,
        Shortcut::Export,
        Shortcut::Undo,
        Shortcut::Redo,
        Shortcut::ToggleMapList,
        Shortcut::Present,
        Shortcut::Help,
    ];
    for s in all {
        assert_eq!(listed.iter().filter(|l| **l == s).count(), 1, "{s:?}");
    }
}

#[test]
fn presenting_closes_the_panel_and_shows_the_map() {
    let backend = Arc::new(MemoryBackend::at(T0));
    let (_o, store, ui) = start_with(backend);
    let someone = store
        .with_current_untracked(|m| m.stakeholder_ids()[0])
        .unwrap();
    store.selection().select(Some(someone));
    ui.show(MainView::List);
    ui.set_presenting(true);
    assert!(ui.presenting());
    assert_eq!(ui.view(), MainView::Map);
    assert_eq!(
        store.selection().selected(),
        None,
        "nothing selected: the panel and its notes are closed"
    );
    ui.set_presenting(false);
    assert!(!ui.presenting());
    ui.toggle_map_list();
    assert_eq!(ui.view(), MainView::List);
    ui.toggle_map_list();
    assert_eq!(ui.view(), MainView::Map);
}

#[test]
fn the_tour_shows_on_a_first_visit_only_and_never_after_it_is_skipped() {
    let backend = Arc::new(MemoryBackend::at(T0));
    {
        let (_o, _store, ui) = start_with(backend.clone());
        assert_eq!(ui.tour_step(), Some(0));
        ui.next_tour_step();
        assert_eq!(ui.tour_step(), Some(1));
        ui.end_tour();
        assert_eq!(ui.tour_step(), None);
        assert!(backend.read_setting(TOUR_DONE).is_some());
    }
    // A returning visitor never sees it.
    let (_o, _store, ui) = start_with(backend.clone());
    assert_eq!(ui.tour_step(), None);

    // Finishing every step also ends it for good.
    let fresh = Arc::new(MemoryBackend::at(T0));
    let (_o2, _store, ui) = start_with(fresh.clone());
    for _ in 0..TOUR.len() {
        ui.next_tour_step();
    }
    assert_eq!(ui.tour_step(), None);
    assert!(fresh.read_setting(TOUR_DONE).is_some());
}
