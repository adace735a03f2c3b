//! Native tests that what the app makes itself keeps its own rules, and that data only slightly
//! outside them is repaired rather than refused (issue 14, fault 1), and that storage cannot
//! carry more than a map may hold (fault 6).
//!
//! - Names the app builds ("… (copy)", "… (imported)", a spreadsheet's file name) stay within
//!   the limit and read back.
//! - A stored map that breaks today's rules only slightly opens, repaired, instead of being set
//!   aside at start-up; the next save writes it repaired.
//! - A stored head cannot name more parts, and its parts cannot unpack to more bytes or values,
//!   than one map may hold: refused in words before anything that large is built.
#![cfg(not(target_arch = "wasm32"))]

use leptos::prelude::*;
use stakemap::format::stored::{
    pack, read_stored, read_stored_map, PartWriter, Serial, StoredError, MAX_HISTORY_PARTS,
    MAX_STORED_BYTES,
};
use stakemap::format::{self, MAX_JSON_VALUES};
use stakemap::model::*;
use stakemap::state::{Backend, MemoryStorage, Sharing, Store, StoredBackend, TestEnv, Tone};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

mod support;

use support::{current, start, T0};

/// Asserts that a map's name is within the rules and that the map reads back unchanged, with
/// nothing to repair, from its file and from its stored parts.
fn reads_back_as_it_is(map: &StakeMap) {
    assert!(
        map.name.chars().count() <= MAX_NAME_CHARS,
        "“{}” is {} characters",
        map.name,
        map.name.chars().count()
    );
    let read = format::read_text(&format::to_json(map, T0), T0).expect("its file reads");
    assert_eq!(read.repairs, Vec::<String>::new(), "{}", map.name);
    assert_eq!(&read.map, map);
    let storage = Storage::saved(map);
    let stored = storage.read().expect("its stored form reads");
    assert_eq!(stored.repairs, Vec::<String>::new());
    assert_eq!(&stored.map, map);
}

/// A map's stored form: its head and parts, as the browser backend keeps them.
#[derive(Default)]
struct Storage {
    head: String,
    parts: HashMap<Serial, String>,
}

impl Storage {
    fn saved(map: &StakeMap) -> Self {
        let mut storage = Self::default();
        storage.save(&mut PartWriter::default(), map);
        storage
    }

    /// Writes what the writer plans, and returns how many parts it wrote.
    fn save(&mut self, writer: &mut PartWriter, map: &StakeMap) -> usize {
        let plan = writer.plan(map, T0);
        let written = plan.parts.len();
        for (serial, text) in &plan.parts {
            self.parts.insert(*serial, text.clone());
        }
        self.head = plan.head.clone();
        for serial in &plan.removed {
            self.parts.remove(serial);
        }
        writer.written(plan);
        written
    }

    fn read(&self) -> Result<stakemap::format::stored::StoredRead, StoredError> {
        read_stored_map(&self.head, |p| self.parts.get(&p).cloned(), T0)
    }
}

/// A name of exactly `chars` characters (none of them spaces at the ends, which the reader
/// trims).
fn long_name(chars: usize) -> String {
    let words: String = "Leadership coaching rollout, EMEA "
        .repeat(chars / 30 + 1)
        .chars()
        .take(chars - 1)
        .collect();
    format!("{words}X")
}

// ----- names the app makes up -----

#[test]
fn duplicating_a_map_with_the_longest_name_twice_gives_names_that_read_back() {
    let (_o, backend, store) = start();
    let first = current(&store);
    let name = "N".repeat(MAX_NAME_CHARS);
    store
        .rename_map(first.id, &name)
        .expect("120 characters is allowed");
    store.duplicate_map(first.id);
    let copy = current(&store);
    store.duplicate_map(copy.id);
    let copy_of_copy = current(&store);
    assert_ne!(copy.id, copy_of_copy.id);
    assert!(copy.name.ends_with("N… (copy)"), "{}", copy.name);
    assert!(
        copy_of_copy.name.ends_with(" (copy) 2"),
        "{}",
        copy_of_copy.name
    );
    let names: Vec<String> = store
        .workspace()
        .with_untracked(|w| w.maps().iter().map(|m| m.name.clone()).collect());
    assert_eq!(names.len(), 3);
    for (i, a) in names.iter().enumerate() {
        assert!(
            names[i + 1..].iter().all(|b| b != a),
            "names are unique: {names:?}"
        );
    }
    for map in store.workspace().get_untracked().maps() {
        assert_eq!(backend.saved_map(map.id).as_ref(), Some(map), "saved");
        reads_back_as_it_is(map);
    }
}

#[test]
fn importing_a_map_that_is_here_with_the_longest_name_keeps_the_suffix_within_the_limit() {
    let (_o, _backend, store) = start();
    let first = current(&store);
    store
        .rename_map(first.id, &"Ä".repeat(MAX_NAME_CHARS))
        .expect("allowed");
    let (_, json) = store.export_current().expect("exports");
    assert!(store.import_text("same.json", &json));
    assert!(store.import_text("same.json", &json));
    let imported = current(&store);
    assert!(
        imported.name.ends_with("Ä… (imported) 2"),
        "{}",
        imported.name
    );
    for map in store.workspace().get_untracked().maps() {
        reads_back_as_it_is(map);
    }
}

#[test]
fn a_spreadsheet_with_a_long_file_name_opens_as_a_map_with_a_name_that_reads_back() {
    let (_o, _backend, store) = start();
    let sharing = Sharing::new(store).with_registers(support::register::IN_PROCESS);
    let file_name = format!("{}.csv", long_name(300));
    sharing.open_register(
        &file_name,
        b"Name,Influence,Skepticism\r\nAda,10,20\r\n",
        false,
    );
    sharing.confirm_register();
    let map = current(&store);
    assert_eq!(map.len(), 1);
    assert!(map.name.starts_with("Leadership coaching rollout"));
    assert!(map.name.ends_with('…'));
    reads_back_as_it_is(&map);
}

#[test]
fn an_imported_file_that_needed_repairs_opens_and_the_notice_lists_them() {
    let (_o, backend, store) = start();
    let text = format!(
        r#"{{"format":"stakemap","version":3,"map":{{"id":"0b8f3c52-6d0e-4b7a-9f39-2d1f4c2a7e10","name":"{}"}},
        "stakeholders":[{{"id":"00000000-0000-4000-8000-000000000001","name":"{}","influence":140,"skepticism":-2}}]}}"#,
        long_name(131),
        "P".repeat(131)
    );
    assert!(store.import_text("old.stakemap.json", &text));
    let map = current(&store);
    assert_eq!(map.name.chars().count(), MAX_NAME_CHARS);
    let person = map.stakeholders().next().expect("one person");
    assert_eq!(person.name().chars().count(), MAX_NAME_CHARS);
    assert_eq!(
        person.position(),
        Position {
            influence: 100,
            skepticism: 0
        }
    );
    let notice = store.notices().notice().expect("a notice");
    assert_eq!(notice.tone, Tone::Info);
    for line in [
        "Map name was 131 characters; shortened to 120.",
        "Name of stakeholder 1 was 131 characters; shortened to 120.",
        "Skepticism of stakeholder 1 (PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP…) was -2, outside 0–100; set to 0.",
    ] {
        assert!(
            notice.details.iter().any(|d| d == line),
            "{line} in {:#?}",
            notice.details
        );
    }
    assert!(notice
        .details
        .iter()
        .any(|d| d.contains("file itself is unchanged")));
    assert_eq!(
        backend.saved_map(map.id).as_ref(),
        Some(&map),
        "saved, repaired"
    );
    reads_back_as_it_is(&map);
}

// ----- stored maps: repaired, not set aside -----

/// A map with a name longer than today's rules allow, as an older version could store it.
fn long_named_map() -> StakeMap {
    let mut ids = SequentialIds::starting_at(500);
    let mut map = example_map(
        MapId(ids.next_uuid()),
        || ids.next_uuid(),
        T0,
        LocalDate::from_ymd(2026, 11, 22).expect("a day"),
    );
    map.name = long_name(131);
    map
}

#[test]
fn a_stored_map_with_a_too_long_name_opens_repaired_and_the_next_save_writes_it_whole() {
    let map = long_named_map();
    let mut storage = Storage::default();
    let mut writer = PartWriter::default();
    let parts = storage.save(&mut writer, &map);
    let read = storage
        .read()
        .expect("opens, repaired, instead of being refused");
    assert_eq!(
        read.repairs,
        vec!["Map name was 131 characters; shortened to 120.".to_owned()]
    );
    assert_eq!(read.map.name.chars().count(), MAX_NAME_CHARS);
    assert_eq!(read.map.len(), map.len());
    // The map without its list of repairs, for callers that need only the map.
    let (quiet, _) =
        read_stored(&storage.head, |p| storage.parts.get(&p).cloned(), T0).expect("opens");
    assert_eq!(quiet, read.map);

    // Storage still holds the old name: the next save rewrites every part and removes the old.
    let old: Vec<Serial> = storage.parts.keys().copied().collect();
    let mut writer = read.writer;
    assert_eq!(storage.save(&mut writer, &read.map), parts);
    assert!(old.iter().all(|s| !storage.parts.contains_key(s)));
    let again = storage.read().expect("opens");
    assert_eq!(again.repairs, Vec::<String>::new());
    assert_eq!(again.map, read.map);
}

#[test]
fn a_stored_map_with_a_too_long_name_loads_at_start_up_instead_of_being_set_aside() {
    let storage = MemoryStorage::new();
    let env = TestEnv::at(T0);
    let old = StoredBackend::new(storage.clone(), env.clone());
    let map = long_named_map();
    old.save_map(&map).expect("an older version saved it");

    let loaded = StoredBackend::new(storage.tab(), env).load();
    assert!(loaded.set_aside.is_empty(), "nothing set aside");
    assert!(
        loaded
            .problems
            .iter()
            .all(|p| !p.contains("could not be opened")),
        "{:?}",
        loaded.problems
    );
    let back = loaded
        .maps
        .iter()
        .find(|m| m.id == map.id)
        .expect("the map loads");
    assert_eq!(back.name.chars().count(), MAX_NAME_CHARS);
    assert!(map.name.starts_with(back.name.trim_end_matches('…')));
}

#[test]
fn a_repaired_map_is_named_in_a_notice_at_start_up_and_written_back_repaired() {
    let _owner = Owner::new();
    _owner.set();
    let storage = MemoryStorage::new();
    let env = TestEnv::at(T0);
    let map = long_named_map();
    StoredBackend::new(storage.clone(), env.clone())
        .save_map(&map)
        .expect("an older version saved it");
    StoredBackend::new(storage.clone(), env.clone())
        .save_index(&stakemap::state::SavedIndex {
            maps: vec![map.id],
            current: Some(map.id),
            exported: Default::default(),
        })
        .expect("index");

    let store = Store::start(Arc::new(StoredBackend::new(storage.tab(), env.clone())));
    let notice = store.notices().notice().expect("the user is told");
    assert_eq!(notice.tone, Tone::Info);
    assert!(notice.title.contains("repaired"), "{}", notice.title);
    assert!(
        notice.details.iter().any(|d| d.contains("characters")),
        "{:?}",
        notice.details
    );
    // Storage now holds the repaired map: a later start reads it without repairs.
    let again = StoredBackend::new(storage.tab(), env).load();
    assert!(again.notes.is_empty(), "{:?}", again.notes);
    assert_eq!(again.maps[0].name.chars().count(), MAX_NAME_CHARS);
}

#[test]
fn a_stored_whole_file_from_an_older_version_is_repaired_too() {
    let map = long_named_map();
    let text = format::to_json(&map, T0);
    let read = read_stored_map(&text, |_| None, T0).expect("opens");
    assert_eq!(read.repairs.len(), 1);
    assert_eq!(read.map.name.chars().count(), MAX_NAME_CHARS);
}

// ----- stored maps: counts and sizes are capped -----

#[test]
fn a_head_naming_more_history_parts_than_a_map_has_is_refused_before_reading_any() {
    let map = long_named_map();
    let storage = Storage::saved(&map);
    let mut head: serde_json::Value = serde_json::from_str(&storage.head).expect("json");
    head["stored"]["history"] = serde_json::Value::from(vec![7u64; MAX_HISTORY_PARTS + 1]);
    let asked = Cell::new(0usize);
    let err = read_stored_map(
        &head.to_string(),
        |p| {
            asked.set(asked.get() + 1);
            storage.parts.get(&p).cloned()
        },
        T0,
    )
    .expect_err("refused");
    assert_eq!(asked.get(), 0, "no part was read");
    assert!(
        err.headline()
            .contains("it claims 783 parts of history; a map has at most 782"),
        "{}",
        err.headline()
    );
}

/// A small map's stored form, with each part replaced by `fill(slot index)` packed the way
/// parts are (LZ4, then 15 bits to a character).
fn refilled(fill: impl Fn(usize) -> Vec<u8>) -> Storage {
    let mut map = long_named_map();
    map.name = "Small".into();
    let mut storage = Storage::saved(&map);
    let mut serials: Vec<Serial> = storage.parts.keys().copied().collect();
    serials.sort_unstable();
    for (i, serial) in serials.iter().enumerate() {
        let packed = pack(&lz4_flex::block::compress_prepend_size(&fill(i)));
        storage.parts.insert(*serial, packed);
    }
    storage
}

#[test]
fn parts_that_together_unpack_to_more_than_a_map_may_hold_are_refused_as_they_are_unpacked() {
    // Each part is a little over a quarter of the limit: valid JSON (spaces in a list), tiny
    // once packed. Four of them pass the limit; the reader stops at the one that does.
    let quarter = MAX_STORED_BYTES / 4 + 1024;
    let storage = refilled(|_| {
        let mut json = vec![b' '; quarter];
        json[0] = b'[';
        json[quarter - 1] = b']';
        json
    });
    assert!(storage.parts.len() >= 4, "{} parts", storage.parts.len());
    let err = storage.read().expect_err("refused");
    assert!(
        matches!(&err, StoredError::Damaged(why) if why.contains("unpack to more than 64 MB")),
        "{err:?}"
    );
}

#[test]
fn parts_that_together_hold_more_values_than_a_file_may_are_refused_before_parsing() {
    // Three parts of 1.5 million tiny values each: each alone is allowed, together they are not.
    let each = MAX_JSON_VALUES * 3 / 8;
    let storage = refilled(|_| {
        let mut json = Vec::with_capacity(each * 2 + 2);
        json.push(b'[');
        for i in 0..each {
            if i > 0 {
                json.push(b',');
            }
            json.push(b'0');
        }
        json.push(b']');
        json
    });
    assert!(storage.parts.len() >= 3, "{} parts", storage.parts.len());
    let err = storage.read().expect_err("refused");
    assert!(
        matches!(&err, StoredError::Damaged(why) if why.contains("holds more than 4,000,000 values")),
        "{err:?}"
    );
}

// ----- edits that carry data outside the rules -----

#[test]
fn the_store_refuses_to_add_a_map_whose_name_is_too_long_and_says_nothing_changed() {
    let (_o, backend, store) = start();
    let before = store.workspace().get_untracked();
    let saves = backend.save_count();
    let map = StakeMap::new(MapId(uuid::Uuid::from_u128(77)), long_name(131), T0);
    assert!(!store.dispatch(Op::CreateMap(map)));
    let notice = store.notices().notice().expect("a notice");
    assert_eq!(notice.tone, Tone::Error);
    assert_eq!(
        notice.title,
        "The map's name is 131 characters; at most 120 are allowed. Nothing was changed."
    );
    assert_eq!(store.workspace().get_untracked(), before);
    assert_eq!(backend.save_count(), saves);
}
