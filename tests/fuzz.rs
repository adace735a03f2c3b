//! Random and mutated files fed to the importer: it never panics, and whatever it accepts is a
//! map that exports and re-imports unchanged. Also: a valid 5,000-stakeholder file imports.
//!
//! The suite runs 4,000 cases per property. For a longer run (the fuzz command in the README):
//! `STAKEMAP_FUZZ_CASES=200000 cargo test --release --test fuzz`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use stakemap::format;
use stakemap::model::*;
use std::path::Path;

const NOW: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn cases() -> u32 {
    std::env::var("STAKEMAP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000)
}

fn good_files() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    files.sort();
    files
}

/// One way of damaging a file.
#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Duplicate(usize, usize),
    Truncate(usize),
    /// Replace a JSON token (a number, `true`, a string…) somewhere with another.
    Swap(usize, &'static str),
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(at, bits) => {
                let i = at % len;
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= bits | 1;
                }
            }
            Mutation::Delete(at, n) => {
                let i = at % len;
                let end = (i + n).min(bytes.len());
                if i < end {
                    bytes.drain(i..end);
                }
            }
            Mutation::Insert(at, extra) => {
                let i = (at % len).min(bytes.len());
                bytes.splice(i..i, extra.iter().copied());
            }
            Mutation::Duplicate(at, n) => {
                let i = at % len;
                let end = (i + n).min(bytes.len());
                let chunk = bytes[i.min(end)..end].to_vec();
                bytes.splice(end..end, chunk);
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
            Mutation::Swap(at, token) => {
                // Find the next value-ish character and overwrite from there.
                let i = at % len;
                if let Some(off) = bytes[i.min(bytes.len())..]
                    .iter()
                    .position(|b| b.is_ascii_digit() || *b == b'"' || *b == b't' || *b == b'n')
                {
                    let start = i + off;
                    let end = (start + token.len()).min(bytes.len());
                    bytes.splice(start..end, token.bytes());
                }
            }
        }
    }
    bytes
}

/// A text longer than any field allows: the reader repairs it by cutting it to the limit.
const LONG_TEXT: &str = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"";

fn mutation() -> impl Strategy<Value = Mutation> {
    let tokens = prop::sample::select(vec![
        "-1",
        "101",
        "1e309",
        "null",
        "true",
        "\"\"",
        "[]",
        "{}",
        "\"x\"",
        "0.5",
        "\"2026-13-45\"",
        "\"00000000-0000-0000-0000-000000000000\"",
        "\"stakemap\"",
        "99",
        "140",
        "-7",
        "50.5",
        LONG_TEXT,
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..12)
        )
            .prop_map(|(a, v)| Mutation::Insert(a, v)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), tokens).prop_map(|(a, t)| Mutation::Swap(a, t)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Damaged real files never panic the importer; anything it still accepts (repaired or
    /// not) is a proper map: an edit may store it, and it reads back with nothing to repair.
    #[test]
    fn mutated_files_never_panic_and_what_is_accepted_round_trips(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let files = good_files();
        let original = files[which.index(files.len())].clone();
        let damaged = apply(original, &mutations);
        match format::read_bytes(&damaged, NOW) {
            Err(e) => prop_assert!(!e.headline().is_empty()),
            Ok(read) => {
                prop_assert!(read.repairs.iter().all(|r| r.ends_with('.')));
                let again = format::read_text(&format::to_json(&read.map, NOW), NOW);
                prop_assert_eq!(again.as_ref().map(|a| &a.map).ok(), Some(&read.map));
                prop_assert_eq!(again.map(|a| a.repairs).ok(), Some(Vec::new()));
                let mut w = Workspace::default();
                let stored = w.apply(Op::CreateMap(read.map), NOW);
                prop_assert!(stored.is_ok(), "{:?}", stored);
            }
        }
    }

    /// Any text in a stakeholder's fields comes back unchanged through a spreadsheet: commas,
    /// quotes, semicolons, line breaks, accents, and cells that look like formulas.
    #[test]
    fn text_survives_the_spreadsheet_round_trip(
        name in "[A-Za-zé'=+@\\-\"][A-Za-z0-9éü ,;'=+@\\-\"\n]{0,30}[A-Za-z0-9]",
        notes in "['=+@\\-\t]{0,3}[A-Za-z0-9éüß ,;'\"\r\n=+@\\-]{0,60}",
        tags in proptest::collection::vec("[A-Za-z0-9é=+@'\\-][A-Za-z0-9é ;'\"]{0,12}[A-Za-z0-9é]", 0..4),
        influence in 0u8..=100,
        skepticism in 0u8..=100,
    ) {
        let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(uuid::Uuid::nil()), "Sheet", NOW)]);
        // Fields as the form would save them (trimmed, tags split on commas).
        let draft = StakeholderDraft {
            name,
            notes,
            tags: tags.join(", "),
            influence: influence.to_string(),
            skepticism: skepticism.to_string(),
            ..StakeholderDraft::default()
        };
        let fields = draft.validate();
        prop_assume!(fields.is_ok());
        let fields = fields.unwrap();
        let person = Stakeholder::new(StakeholderId(uuid::Uuid::from_u128(7)), fields.clone(), NOW);
        w.apply(Op::AddStakeholder { map: MapId(uuid::Uuid::nil()), stakeholder: person }, NOW).unwrap();
        let csv = format::stakeholders_csv(&w.maps()[0]);
        let back = format::read_stakeholders_csv(csv.as_bytes()).unwrap();
        prop_assert_eq!(&back.problems, &vec![]);
        prop_assert_eq!(back.rows.len(), 1);
        prop_assert_eq!(&back.rows[0].fields, &fields);
    }

    /// Damaged or random spreadsheets never panic the reader.
    #[test]
    fn random_sheets_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut sheet = b"Name,Influence,Skepticism\r\n".to_vec();
        sheet.extend(bytes);
        if let Ok(read) = format::read_stakeholders_csv(&sheet) {
            prop_assert!(read.problems.iter().all(|p| p.row >= 2 && !p.reason.is_empty()));
        }
    }

    /// Any name the app makes from a user's name and a suffix keeps the rules: within the
    /// limit, the suffix whole, and it reads back from a file as it is.
    #[test]
    fn made_up_names_always_fit_and_read_back(
        base in "\\PC{1,130}",
        suffix in prop::sample::select(vec![" (copy)", " (imported)", " (this tab)", " 12", ""]),
        number in 0u32..200,
    ) {
        prop_assume!(!base.trim().is_empty());
        let suffix = if number > 1 { format!("{suffix} {number}") } else { suffix.to_owned() };
        let name = fit_name(&base, &suffix);
        prop_assert!(name.chars().count() <= MAX_NAME_CHARS);
        prop_assert!(name.ends_with(suffix.trim_end()));
        prop_assert_eq!(name.trim(), name.as_str());
        let map = StakeMap::new(MapId(uuid::Uuid::nil()), name.clone(), NOW);
        let mut w = Workspace::default();
        prop_assert!(w.apply(Op::CreateMap(map.clone()), NOW).is_ok());
        let read = format::read_text(&format::to_json(&map, NOW), NOW).unwrap();
        prop_assert_eq!(read.repairs, Vec::<String>::new());
        prop_assert_eq!(read.map.name, name);
    }

    /// Random bytes are refused with a message, never a panic.
    #[test]
    fn random_bytes_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let err = format::parse_bytes(&bytes, NOW).unwrap_err();
        prop_assert!(!err.headline().is_empty());
    }
}

#[test]
fn a_valid_5000_stakeholder_file_imports() {
    let mut ids = SequentialIds::default();
    let map = StakeMap::new(MapId(ids.next_uuid()), "Enterprise rollout", NOW);
    let mut ws = Workspace::default();
    let map_id = map.id;
    ws.apply(Op::CreateMap(map), NOW).unwrap();
    for i in 0..5_000u32 {
        let id = StakeholderId(ids.next_uuid());
        let fields = StakeholderFields {
            name: format!("Stakeholder {i:04}"),
            role: "Director".into(),
            position: Position {
                influence: (i % 101) as u8,
                skepticism: ((i * 7) % 101) as u8,
            },
            root_causes: vec![RootCause::ALL[(i % 7) as usize]],
            notes: "A note long enough to be realistic about what they said last time.".into(),
            tags: vec!["region-".to_owned() + &(i % 12).to_string()],
            ..Default::default()
        };
        ws.apply(
            Op::AddStakeholder {
                map: map_id,
                stakeholder: Stakeholder::new(id, fields, NOW),
            },
            NOW,
        )
        .unwrap();
        let action = Action {
            id: ActionId(ids.next_uuid()),
            stakeholder: id,
            fields: ActionFields::from_tactic(Tactic::ALL[i as usize % Tactic::ALL.len()]),
            created_at: NOW,
            updated_at: NOW,
        };
        ws.apply(
            Op::AddAction {
                map: map_id,
                action,
            },
            NOW,
        )
        .unwrap();
    }
    let map = ws.map(map_id).unwrap();
    let text = format::to_json(map, NOW);
    assert!(
        (text.len() as u64) < format::MAX_FILE_BYTES,
        "{} bytes is under the import limit",
        text.len()
    );
    let started = std::time::Instant::now();
    let back = format::parse(&text, NOW).unwrap();
    eprintln!(
        "5,000 stakeholders: {} KB parsed in {:?} (debug build)",
        text.len() / 1024,
        started.elapsed()
    );
    assert_eq!(back.len(), 5_000);
    assert_eq!(back.actions().len(), 5_000);
    assert_eq!(&back, map);
}
