//! Native tests of bringing in a register: the column guesses and value tables for the shapes
//! real templates use (a PMBOK-style register, a power/interest grid, a 1–5 support tracker, a
//! German Excel CSV), the mapping remembered for the same headers, people already on the map
//! updated, skipped or added again, spreading, and files refused with a plain reason.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format::register::*;
use stakemap::format::{self, ImportError};
use stakemap::model::*;

mod support;

use support::{sheet_fixture as fixture, T0};

fn grid(name: &str) -> Grid {
    csv_grid(name, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {}", e.headline()))
}

/// Each header's guess as (header, token), for comparing with a table.
fn uses(mapping: &Mapping) -> Vec<(String, String)> {
    mapping
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.used.token()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn words(mapping: &Mapping, col: usize) -> Vec<(String, Option<u8>)> {
    match &mapping.columns[col].reading {
        Some(Reading::Words(w)) => w.iter().map(|w| (w.word.clone(), w.place)).collect(),
        other => panic!("column {col} reads as {other:?}, not words"),
    }
}

fn row<'a>(import: &'a RegisterImport, name: &str) -> &'a RegisterRow {
    import
        .rows
        .iter()
        .find(|r| r.fields.name == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

fn place(import: &RegisterImport, name: &str) -> (u8, u8) {
    let p = row(import, name).fields.position;
    (p.influence, p.skepticism)
}

#[test]
fn a_pmbok_register_is_read_below_its_title_with_contacts_left_out() {
    let g = grid("pmbok-register.csv");
    let m = guess_mapping(&g);
    assert_eq!(
        g.rows[m.header_row].number, 4,
        "the header row is under the title"
    );
    assert_eq!(
        uses(&m),
        pairs(&[
            ("ID", "leave-out"),
            ("Name", "field:name:0"),
            ("Title/Role", "field:role:0"),
            ("Department", "field:organisation:0"),
            ("Contact Information", "leave-out"),
            ("Influence", "field:position:0"),
            ("Interest", "note"),
            ("Current Stance", "support"),
        ])
    );
    assert_eq!(m.columns[4].reason, Reason::Contact);
    assert_eq!(m.columns[6].reason, Reason::KeptInNotes);
    assert_eq!(
        words(&m, 5),
        vec![
            ("High".into(), Some(75)),
            ("Medium".into(), Some(50)),
            ("Low".into(), Some(25)),
            ("H".into(), Some(75)),
            ("Very High".into(), Some(90)),
        ]
    );
    assert_eq!(
        words(&m, 7),
        vec![
            ("Resistant".into(), Some(85)),
            ("Neutral".into(), Some(50)),
            ("Supportive".into(), Some(20)),
            ("Unaware".into(), Some(50)),
            ("Leading".into(), Some(5)),
            ("TBD".into(), None),
        ]
    );
    let import = apply(&g, &m);
    assert_eq!(import.rows.len(), 11);
    assert_eq!(import.placed().count(), 10);
    assert_eq!(place(&import, "Margaret Oyelaran"), (75, 85));
    assert_eq!(place(&import, "Amara Nwosu"), (25, 5));
    assert_eq!(place(&import, "Oliver Grant"), (90, 50));
    let margaret = row(&import, "Margaret Oyelaran");
    assert_eq!(margaret.row, 5);
    assert_eq!(margaret.fields.role, "Chief Operating Officer");
    assert_eq!(margaret.fields.organisation, "Operations");
    assert_eq!(margaret.fields.notes, "Interest: High");
    assert_eq!(
        row(&import, "Rafael Mendes").fields.role,
        "Head of Sales, EMEA"
    );
    let priyanka = row(&import, "Priyanka Shah");
    assert_eq!(priyanka.row, 15);
    assert_eq!(
        priyanka.unplaced.as_deref(),
        Some("Current Stance “TBD” is not a value its column reads")
    );
    assert_eq!(import.left_out.len(), 1);
    assert_eq!(import.left_out[0].row, 16);
    assert_eq!(import.left_out[0].reason, "it has no name");
    // No e-mail address or phone number reaches any field of anyone.
    for r in &import.rows {
        let text = format!("{:?}", r.fields);
        assert!(!text.contains('@') && !text.contains("+44"), "{text}");
    }
}

#[test]
fn a_power_interest_grid_keeps_interest_in_the_notes_and_says_skepticism_is_unknown() {
    let g = grid("power-interest-grid.csv");
    let m = guess_mapping(&g);
    assert_eq!(
        uses(&m),
        pairs(&[
            ("Stakeholder", "field:name:0"),
            ("Role", "field:role:0"),
            ("Power", "field:position:0"),
            ("Interest", "note"),
            ("Grid Quadrant", "note"),
            ("Engagement Strategy", "note"),
        ])
    );
    let import = apply(&g, &m);
    assert_eq!(import.rows.len(), 8);
    assert!(import
        .defaults
        .iter()
        .any(|d| d.contains("No column gives skepticism")));
    assert_eq!(place(&import, "Erik Johansson"), (75, MIDDLE));
    assert_eq!(place(&import, "Yuki Tanaka"), (25, MIDDLE));
    assert_eq!(
        row(&import, "Nadia Haddad").fields.notes,
        "Interest: High\nGrid Quadrant: Manage closely\nEngagement Strategy: Fortnightly 1:1"
    );
    // Eight people on two spots: brought into an empty map, none hides another and none
    // crosses into another quadrant.
    let empty = StakeMap::new(MapId(uuid::Uuid::from_u128(1)), "Grid", T0);
    let mut ids = SequentialIds::starting_at(900);
    let brought = bring_in(
        &empty,
        &import,
        IntoMap {
            existing: Existing::Update,
            unplaced_to_tray: true,
        },
        || StakeholderId(ids.next_uuid()),
        T0,
    );
    assert_eq!(brought.added, 8);
    assert_eq!(brought.spread, 6, "two on each spot stay, six move aside");
    let places: Vec<Position> = brought
        .map
        .stakeholders()
        .map(|s| s.fields.position)
        .collect();
    let distinct: std::collections::HashSet<_> = places.iter().collect();
    assert_eq!(distinct.len(), 8);
    for s in brought.map.stakeholders() {
        let sheet = row(&import, s.name()).fields.position;
        assert_eq!(
            s.quadrant(),
            sheet.quadrant(),
            "{} changed quadrant",
            s.name()
        );
        let (di, ds) = (
            (i32::from(s.fields.position.influence) - i32::from(sheet.influence)).abs(),
            (i32::from(s.fields.position.skepticism) - i32::from(sheet.skepticism)).abs(),
        );
        assert!(
            di <= 15 && ds == 0,
            "{} moved too far, or sideways",
            s.name()
        );
    }
}

#[test]
fn a_support_tracker_on_a_one_to_five_scale_is_turned_into_skepticism() {
    let g = grid("support-tracker.csv");
    let m = guess_mapping(&g);
    assert_eq!(
        uses(&m),
        pairs(&[
            ("Name", "field:name:0"),
            ("Job Title", "field:role:0"),
            ("Team", "field:organisation:0"),
            ("Influence (1-5)", "field:position:0"),
            ("Support (1-5)", "support"),
            ("Email", "leave-out"),
            ("Phone", "leave-out"),
            ("Last contacted", "note"),
            ("Comments", "field:notes:0"),
        ])
    );
    for col in [3, 4] {
        match &m.columns[col].reading {
            Some(Reading::Scale(s)) => assert_eq!(s.words(), "1–5"),
            other => panic!("{other:?}"),
        }
    }
    let import = apply(&g, &m);
    assert_eq!(
        place(&import, "Camila Reyes"),
        (50, 0),
        "full support is no doubt"
    );
    assert_eq!(place(&import, "Ben Carter"), (75, 100));
    assert_eq!(place(&import, "Dmitri Volkov"), (50, 50));
    assert_eq!(place(&import, "Isla Murray"), (0, 50));
    assert_eq!(
        row(&import, "Jonah Feld").unplaced.as_deref(),
        Some("Support (1-5) “6” is not a value its column reads")
    );
    assert_eq!(
        row(&import, "Aisha Bello").fields.notes,
        "Wants proof it moves retention, not a wellness perk\nLast contacted: 2026-10-14"
    );
    // A different scale chosen by the user is used.
    let mut m2 = m.clone();
    m2.set_scale(4, Scale::new(0.0, 10.0));
    assert_eq!(place(&apply(&g, &m2), "Camila Reyes"), (50, 50));
}

#[test]
fn a_german_excel_csv_reads_with_semicolons_decimal_commas_and_its_own_encoding() {
    let bytes = fixture("german-excel.csv");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is Windows-1252, as Excel writes it"
    );
    let g = csv_grid("german-excel.csv", &bytes).unwrap();
    let m = guess_mapping(&g);
    assert_eq!(
        uses(&m),
        pairs(&[
            ("Name", "field:name:0"),
            ("Funktion", "field:role:0"),
            ("Abteilung", "field:organisation:0"),
            ("Einfluss (0-10)", "field:position:0"),
            ("Skepsis (0-10)", "field:position:1"),
            ("Bemerkungen", "field:notes:0"),
        ])
    );
    let import = apply(&g, &m);
    assert_eq!(import.rows.len(), 6);
    assert_eq!(place(&import, "Jürgen Müller"), (95, 75));
    assert_eq!(place(&import, "Zoë Lefèvre"), (70, 25));
    assert_eq!(
        row(&import, "Björn Weiß").fields.notes,
        "Sorge um Ausfallzeiten; will Pilot sehen"
    );
    assert_eq!(
        row(&import, "Anneliese Groß").fields.notes,
        "Früh einbinden – Mitbestimmung"
    );
}

#[test]
fn headers_in_the_words_registers_use_are_recognised() {
    let cases = [
        ("Full Name", "field:name:0"),
        ("Stakeholder Name", "field:name:0"),
        ("Job title", "field:role:0"),
        ("Business Unit", "field:organisation:0"),
        ("Organization", "field:organisation:0"),
        ("Power / Influence", "field:position:0"),
        ("Level of Influence", "field:position:0"),
        ("Attitude", "support"),
        ("Current engagement level", "support"),
        ("Sentiment", "support"),
        ("Resistance", "field:position:1"),
        ("Scepticism", "field:position:1"),
        ("Desired Stance", "field:target:1"),
        ("Key concerns", "field:cares_about:0"),
        ("Expectations", "field:cares_about:0"),
        ("E-mail address", "leave-out"),
        ("Mobile", "leave-out"),
        ("Tel.", "leave-out"),
        ("Interest level", "note"),
        ("Communication method", "note"),
        ("Favourite colour", "leave-out"),
    ];
    for (header, token) in cases {
        assert_eq!(guess(header, &[]).0.token(), token, "{header}");
    }
    // "Position" could be a job or a stance: the values decide.
    assert_eq!(
        guess("Position", &["Head of HR", "CFO"]).0.token(),
        "field:role:0"
    );
    assert_eq!(
        guess("Position", &["Supportive", "Blocker", "4"]).0.token(),
        "support"
    );
}

#[test]
fn scales_are_detected_from_headers_and_values() {
    let scale = |header: &str, cells: &[&str]| {
        let nums: Vec<Number> = cells.iter().filter_map(|c| number(c)).collect();
        Scale::guess(header, &nums).words()
    };
    assert_eq!(scale("Influence", &["1", "3", "5"]), "1–5");
    assert_eq!(scale("Influence", &["2", "7", "10"]), "1–10");
    assert_eq!(scale("Influence", &["0", "7"]), "0–10");
    assert_eq!(scale("Influence", &["15", "80"]), "0–100");
    assert_eq!(
        scale("Influence", &["0.25", "0.9"]),
        "0–1 (fractions, as a percent cell holds them)"
    );
    assert_eq!(scale("Influence", &["25%", "90 %"]), "percentages (0–100%)");
    assert_eq!(scale("Power (1-10)", &["1", "3"]), "1–10");
    let pct = Scale::guess("Support %", &[]);
    assert_eq!(pct.place(75.0), Some(75));
    assert_eq!(Scale::new(1.0, 5.0).place(4.0), Some(75));
    assert_eq!(Scale::new(1.0, 5.0).place(0.0), None);
}

#[test]
fn a_mapping_is_remembered_for_the_same_headers() {
    let g = grid("pmbok-register.csv");
    let mut m = guess_mapping(&g);
    m.set_use(&g, 6, Use::LeaveOut);
    m.set_word(7, "tbd", Some(60));
    m.set_word(7, "Unaware", Some(65));
    let memo = m.remembered();
    // Stored as text between visits.
    let text = serde_json::to_string(&memo).unwrap();
    let back: Remembered = serde_json::from_str(&text).unwrap();
    let mut again = guess_mapping(&g);
    assert_ne!(again, m);
    again.recall(&g, &back);
    assert_eq!(again, m);
    assert_eq!(place(&apply(&g, &again), "Priyanka Shah"), (25, 60));
    let hs = headers(&g, m.header_row);
    let shouted: Vec<String> = hs
        .iter()
        .map(|h| format!(" {} ", h.to_uppercase()))
        .collect();
    assert_eq!(signature(&hs), signature(&shouted));
    assert_ne!(signature(&hs), signature(&hs[1..]));
}

fn on_map() -> (StakeMap, StakeholderId) {
    let mut ids = SequentialIds::starting_at(100);
    let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Rollout", T0)]);
    let map = w.maps()[0].id;
    let id = StakeholderId(ids.next_uuid());
    let fields = StakeholderFields {
        name: "margaret oyelaran ".into(),
        role: "COO".into(),
        cares_about: "Throughput".into(),
        position: Position {
            influence: 82,
            skepticism: 71,
        },
        ..StakeholderFields::default()
    };
    w.apply(
        Op::AddStakeholder {
            map,
            stakeholder: Stakeholder::new(id, fields, T0),
        },
        T0,
    )
    .unwrap();
    (w.map(map).unwrap().clone(), id)
}

fn bring(existing: Existing, to_tray: bool) -> (Brought, StakeholderId) {
    let g = grid("pmbok-register.csv");
    let import = apply(&g, &guess_mapping(&g));
    let (base, id) = on_map();
    let mut ids = SequentialIds::starting_at(900);
    let b = bring_in(
        &base,
        &import,
        IntoMap {
            existing,
            unplaced_to_tray: to_tray,
        },
        || StakeholderId(ids.next_uuid()),
        T0,
    );
    (b, id)
}

#[test]
fn people_already_on_the_map_are_updated_by_name_keeping_what_the_sheet_does_not_give() {
    let (b, id) = bring(Existing::Update, true);
    assert_eq!(b.updated, vec!["Margaret Oyelaran".to_string()]);
    assert_eq!(b.added, 9, "ten placed rows, one of them Margaret");
    // She waits in the tray with her role from the sheet, to be placed by hand.
    assert_eq!(
        b.to_tray,
        vec![TrayPerson {
            name: "Priyanka Shah".into(),
            role: "Finance Business Partner".into()
        }]
    );
    let m = b.map.get(id).unwrap();
    assert_eq!(m.fields.role, "Chief Operating Officer");
    assert_eq!(m.fields.cares_about, "Throughput", "not in the sheet: kept");
    assert_eq!(
        (m.fields.position.influence, m.fields.position.skepticism),
        (75, 85)
    );
    assert_eq!(b.map.stakeholders().count(), 10);
    // Sofia Russo's row puts her where Margaret now stands: she is set aside, not on top.
    let sofia = b
        .map
        .stakeholders()
        .find(|s| s.name() == "Sofia Russo")
        .unwrap();
    assert_ne!(sofia.fields.position, m.fields.position);
    assert_eq!(sofia.quadrant(), m.quadrant());

    let (skip, id) = bring(Existing::Skip, false);
    assert_eq!(skip.unchanged, vec!["Margaret Oyelaran".to_string()]);
    assert_eq!(skip.map.get(id).unwrap().fields.role, "COO");
    assert!(skip.to_tray.is_empty());
    assert_eq!(
        skip.refused.len(),
        1,
        "Priyanka, not placed, is listed as left out"
    );
    assert!(skip.refused[0].starts_with("Row 15: Priyanka Shah was left out"));

    let (again, _) = bring(Existing::AddAgain, true);
    assert_eq!(again.added, 10);
    assert_eq!(again.map.stakeholders().count(), 11);
}

#[test]
fn files_that_are_not_sheets_or_too_long_are_refused_in_plain_words() {
    let binary = [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13];
    assert_eq!(file_kind(&binary), FileKind::Other);
    let err = csv_grid("photo.csv", &binary).unwrap_err();
    assert!(
        err.headline()
            .contains("neither a Stakemap map nor a spreadsheet"),
        "{}",
        err.headline()
    );
    assert!(matches!(
        csv_grid("e.csv", b"\xef\xbb\xbf\r\n ,, \r\n"),
        Err(ImportError::SheetEmpty)
    ));
    let mut long = String::from("Name,Influence,Skepticism\n");
    for i in 0..=MAX_REGISTER_ROWS {
        long.push_str(&format!("P{i},50,50\n"));
    }
    let err = csv_grid("long.csv", long.as_bytes()).unwrap_err();
    assert!(
        err.headline().contains("more than 20,000 rows"),
        "{}",
        err.headline()
    );
    // Exactly a full map's rows still read.
    let full: String = long
        .lines()
        .take(MAX_REGISTER_ROWS + 1)
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        csv_grid("full.csv", full.as_bytes()).unwrap().rows.len(),
        MAX_REGISTER_ROWS + 1
    );
    let protected: ImportError = WorkbookProblem::Protected.into();
    assert!(protected.headline().contains("protected with a password"));
    assert_eq!(file_kind(b"{\"format\":\"stakemap\"}"), FileKind::Json);
    assert_eq!(file_kind(b"PK\x03\x04rest"), FileKind::Workbook);
    assert_eq!(file_kind(&fixture("pmbok-register.csv")), FileKind::Text);
    let _ = format::MAX_FILE_BYTES;
}
