//! Native tests of spreadsheets out and in: the stakeholder sheet round trips awkward cells and
//! neutralises formulas, the example's sheets carry the derived columns, loose sheets read with
//! their bad rows listed, and sheets that cannot or must not be read are refused with a reason.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;

mod support;

use support::maps::example;
use support::{by_name, T0};

fn tricky_map() -> StakeMap {
    let mut ids = SequentialIds::starting_at(500);
    let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Tricky", T0)]);
    let map = w.maps()[0].id;
    let people = [
        StakeholderFields {
            name: "Zoë \"Z\" O'Brien, Jr.".into(),
            role: "Directrice générale".into(),
            organisation: "Société, Ltd".into(),
            position: Position {
                influence: 90,
                skepticism: 75,
            },
            root_causes: vec![RootCause::RolePressure, RootCause::CoachDoubts],
            cares_about: "Margins; \"real\" numbers".into(),
            notes: "Line one\nLine two, with a comma\r\nLine three".into(),
            tags: vec!["board".into(), "Région Sud".into()],
            cadence_days: Some(10),
            target: Some(Position {
                influence: 90,
                skepticism: 30,
            }),
        },
        StakeholderFields {
            name: "=HYPERLINK(\"http://evil.example\",\"click\")".into(),
            notes: "+44 20 7946 0000".into(),
            cares_about: "-5% budget".into(),
            role: "@mention".into(),
            position: Position {
                influence: 10,
                skepticism: 5,
            },
            ..Default::default()
        },
        StakeholderFields {
            name: "Łukasz Żółć".into(),
            position: Position {
                influence: 55,
                skepticism: 45,
            },
            ..Default::default()
        },
    ];
    for fields in people {
        w.apply(
            Op::AddStakeholder {
                map,
                stakeholder: Stakeholder::new(StakeholderId(ids.next_uuid()), fields, T0),
            },
            T0,
        )
        .unwrap();
    }
    w.maps()[0].clone()
}

#[test]
fn the_stakeholder_sheet_round_trips_commas_quotes_newlines_accents_and_formula_like_cells() {
    let map = tricky_map();
    let csv = format::stakeholders_csv(&map);
    assert!(csv.starts_with('\u{feff}'), "starts with a byte-order mark");
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "the formula is neutralised and quoted: {csv}"
    );
    assert!(csv.contains(",'+44 20 7946 0000,") || csv.contains("\"'+44 20 7946 0000\""));
    assert!(
        !csv.contains(",=") && !csv.contains(",+") && !csv.contains(",-") && !csv.contains(",@")
    );

    let back = format::read_stakeholders_csv(csv.as_bytes()).expect("the sheet reads");
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert!(
        back.ignored_columns.is_empty(),
        "{:?}",
        back.ignored_columns
    );
    let original: Vec<&StakeholderFields> = map.stakeholders().map(|s| &s.fields).collect();
    let read: Vec<&StakeholderFields> = back.rows.iter().map(|r| &r.fields).collect();
    assert_eq!(read, original, "every field comes back as it was");
    assert_eq!(
        back.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 3, 4],
        "rows are numbered as the spreadsheet shows them"
    );
}

#[test]
fn the_example_sheets_carry_quadrant_next_action_and_last_contact() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    let csv = format::stakeholders_csv(&map);
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(header, format::stakeholder_columns().join(","));
    let dana_row = csv.lines().find(|l| l.starts_with("Dana Ortiz")).unwrap();
    assert!(dana_row.contains(",Win over,"), "{dana_row}");
    let last = map.last_contact(by_name(&map, "Dana Ortiz"));
    if let Some(day) = last {
        assert!(dana_row.contains(&day.iso()), "{dana_row}");
    }
    let actions = format::actions_csv(&map);
    assert_eq!(actions.lines().count(), map.actions().len() + 1);
    assert!(actions.starts_with("\u{feff}Stakeholder,Quadrant,Action"));
}

#[test]
fn a_minimal_semicolon_sheet_with_headers_in_any_order_and_case_reads_and_bad_rows_are_listed() {
    let sheet = "SKEPTICISM;name;Influence;Root causes\r\n\
                 40;Ada Achebe;70;\r\n\
                 ;Blank Skepticism;50;\r\n\
                 20;;30;\r\n\
                 10;Cy Chen;140;\r\n\
                 \r\n\
                 55;\"Dee; Donovan\";65;\"Past disappointments; culture\"\r\n\
                 60;Eve;61;Astrology\r\n";
    let read = format::read_stakeholders_csv(sheet.as_bytes()).unwrap();
    let names: Vec<&str> = read.rows.iter().map(|r| r.fields.name.as_str()).collect();
    // Eve's unknown root cause is left empty and said; her row still comes in.
    assert_eq!(names, ["Ada Achebe", "Dee; Donovan", "Eve"]);
    assert_eq!(
        read.rows[0].fields.position,
        Position {
            influence: 70,
            skepticism: 40
        }
    );
    assert_eq!(
        read.rows[1].fields.root_causes,
        vec![RootCause::PastDisappointments, RootCause::Culture]
    );
    assert!(read.rows[2].fields.root_causes.is_empty());
    let problems: Vec<(usize, &str)> = read
        .problems
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert_eq!(problems[0], (3, "SKEPTICISM is blank"));
    assert_eq!(problems[1], (4, "it has no name"));
    assert_eq!(problems[2].0, 5);
    assert!(problems[2].1.contains("140"), "{problems:?}");
    assert_eq!(problems[3].0, 8, "the blank row 6 still counts");
    assert!(problems[3].1.contains("Astrology"), "{problems:?}");
}

#[test]
fn sheets_without_names_are_refused_and_excel_s_own_encoding_reads() {
    let no_names = format::read_stakeholders_csv(b"Team,Power\nOps,3\n").unwrap_err();
    assert!(
        no_names.headline().contains("a column of people’s names")
            && no_names.headline().contains("Team, Power"),
        "{}",
        no_names.headline()
    );
    // Excel on Windows writes "CSV (comma delimited)" in Windows-1252.
    let latin1 = format::read_stakeholders_csv(b"Name,Influence,Skepticism\nZo\xeb,1,2\n").unwrap();
    assert_eq!(latin1.rows[0].fields.name, "Zoë");
    let empty = format::read_stakeholders_csv(b"").unwrap_err();
    assert!(empty.headline().contains("empty"), "{}", empty.headline());
}

#[test]
fn a_sheet_with_more_rows_than_a_map_could_take_is_refused_before_its_rows_are_read() {
    let mut sheet = b"Name,Influence,Skepticism\r\n".to_vec();
    for i in 0..=MAX_STAKEHOLDERS {
        sheet.extend_from_slice(format!("P{i},1,1\r\n").as_bytes());
    }
    let err = format::read_stakeholders_csv(&sheet).unwrap_err();
    assert!(
        err.headline()
            .contains("more than 20,000 rows of people, more than a map can hold"),
        "{}",
        err.headline()
    );
    // Blank lines are not rows: a full map's sheet with blank lines still reads.
    let mut sheet = b"Name,Influence,Skepticism\r\n\r\n\r\n".to_vec();
    for i in 0..MAX_STAKEHOLDERS {
        sheet.extend_from_slice(format!("P{i},1,1\n").as_bytes());
    }
    let read = format::read_stakeholders_csv(&sheet).expect("reads");
    assert_eq!(read.rows.len(), MAX_STAKEHOLDERS);
    assert!(read.problems.is_empty());

    // A row of millions of cells is refused as soon as it passes the limit.
    let mut wide = b"Name,Influence,Skepticism\r\nAda,1,1".to_vec();
    wide.extend(std::iter::repeat_n(b',', 5_000_000));
    let err = format::read_stakeholders_csv(&wide).unwrap_err();
    assert!(
        err.headline().contains("more than 200 cells"),
        "{}",
        err.headline()
    );
}
