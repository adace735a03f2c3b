//! Native tests of the form maps take in browser storage (`format::stored`): the parts put
//! back together are the same map, an edit rewrites only what it changed, a half-finished save
//! leaves the last complete map readable, damage is reported instead of panicking, and a
//! 5,000-stakeholder map fits the browser's quota.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use stakemap::format::stored::{
    bucket_count, pack, read_stored, unpack, PartWriter, Serial, StoredError, HISTORY_CHUNK,
};
use stakemap::format::{self};
use stakemap::model::*;
use std::collections::HashMap;

mod support;

use support::T0;

/// What Chromium and Firefox keep in local storage for one site, in characters.
const QUOTA_CHARS: usize = 5 * 1024 * 1024;

fn at(minutes: i64) -> Timestamp {
    Timestamp::from_unix_millis(T0.unix_millis() + minutes * 60_000)
}

fn example() -> StakeMap {
    let mut ids = SequentialIds::starting_at(1);
    let id = MapId(ids.next_uuid());
    let today = LocalDate::from_ymd(2026, 11, 22).expect("a real date");
    example_map(id, || ids.next_uuid(), T0, today)
}

/// A map like the benchmark's: `n` people, each with 5 actions, 5 contacts and 10 history
/// points, read through the file reader so it is a valid map.
fn generated(n: usize) -> StakeMap {
    // Everything happened before the edits the tests make.
    let file = support::generated_file(n, at(-200_000), "test", &format!("Generated {n}"));
    format::read_value(file, T0).expect("the generated map is valid")
}

/// Storage as a key-value table, the way the browser adapter uses it.
#[derive(Clone, Default)]
struct Storage {
    head: Option<String>,
    parts: HashMap<Serial, String>,
}

impl Storage {
    /// Writes a planned save completely, as the adapter does.
    fn save(&mut self, writer: &mut PartWriter, map: &StakeMap, now: Timestamp) -> Vec<Serial> {
        let plan = writer.plan(map, now);
        let written: Vec<Serial> = plan.parts.iter().map(|(p, _)| *p).collect();
        for (part, text) in &plan.parts {
            self.parts.insert(*part, text.clone());
        }
        self.head = Some(plan.head.clone());
        for part in &plan.removed {
            self.parts.remove(part);
        }
        writer.written(plan);
        written
    }

    fn read(&self) -> Result<StakeMap, StoredError> {
        let head = self.head.as_deref().unwrap_or("");
        read_stored(head, |p| self.parts.get(&p).cloned(), T0).map(|(map, _)| map)
    }

    fn chars(&self) -> usize {
        self.head.as_deref().map_or(0, |h| h.chars().count())
            + self
                .parts
                .values()
                .map(|t| t.chars().count())
                .sum::<usize>()
    }
}

fn apply(map: &StakeMap, op: Op, minute: i64) -> StakeMap {
    let mut w = Workspace::from_maps(vec![map.clone()]);
    w.apply(op, at(minute)).expect("the edit applies");
    w.map(map.id).cloned().expect("the map is still there")
}

/// `map` with `who` moved to (`influence`, `skepticism`) at `minute`.
fn moved(
    map: &StakeMap,
    who: StakeholderId,
    influence: u8,
    skepticism: u8,
    minute: i64,
) -> StakeMap {
    let to = Position {
        influence,
        skepticism,
    };
    apply(
        map,
        Op::MoveStakeholder {
            map: map.id,
            id: who,
            to,
        },
        minute,
    )
}

#[test]
fn a_stored_map_reads_back_as_the_same_map_with_its_snapshots() {
    let mut map = example();
    let snapshot = map.capture(
        SnapshotId(SequentialIds::starting_at(900).next_uuid()),
        "Baseline",
        at(1),
    );
    map = apply(
        &map,
        Op::TakeSnapshot {
            map: map.id,
            snapshot,
        },
        1,
    );
    let mut storage = Storage::default();
    storage.save(&mut PartWriter::default(), &map, at(2));
    let back = storage.read().expect("it reads back");
    assert_eq!(back, map);
    assert!(!back.snapshots().is_empty());
    assert_eq!(back.snapshots(), map.snapshots());
    // The same file comes out of it, byte for byte.
    assert_eq!(format::to_json(&back, at(3)), format::to_json(&map, at(3)));
}

#[test]
fn one_edit_rewrites_the_head_and_one_part_and_no_edit_rewrites_none() {
    let map = generated(400);
    let history_parts = map.history().len().div_ceil(HISTORY_CHUNK);
    let mut writer = PartWriter::default();
    let mut storage = Storage::default();
    let first = storage.save(&mut writer, &map, at(1));
    assert_eq!(
        first.len(),
        1 + bucket_count(400, None) as usize + history_parts,
        "the first save writes every part: the order, the buckets, the history"
    );
    assert!(
        storage.save(&mut writer, &map, at(2)).is_empty(),
        "nothing changed, nothing written"
    );

    let someone = map.stakeholder_ids()[123];
    let moved = moved(&map, someone, 3, 4, 3);
    let written = storage.save(&mut writer, &moved, at(3));
    assert_eq!(
        written.len(),
        2,
        "one person moved: their bucket and the last part of the history"
    );
    assert_eq!(
        storage.parts.len(),
        first.len(),
        "the parts it replaced are gone"
    );
    let back = storage.read().expect("it reads back");
    assert_eq!(
        back.get(someone).map(|s| s.fields.position),
        Some(Position {
            influence: 3,
            skepticism: 4
        })
    );
    assert_eq!(back, moved);

    let gone = apply(
        &moved,
        Op::DeleteStakeholder {
            map: map.id,
            id: someone,
        },
        4,
    );
    let written = storage.save(&mut writer, &gone, at(4)).len();
    assert!(
        written <= 2 + history_parts,
        "a deletion rewrites the order, their bucket and the history from their first point \
         ({written})"
    );
    let back = storage.read().expect("it reads back");
    assert!(back.get(someone).is_none());
    assert_eq!(
        back.actions().filter(|a| a.stakeholder == someone).count(),
        0
    );
    assert_eq!(back, gone);
}

#[test]
fn a_writer_made_while_reading_writes_only_what_changes_after() {
    let map = generated(200);
    let mut storage = Storage::default();
    storage.save(&mut PartWriter::default(), &map, at(1));
    let (read, mut writer) = read_stored(
        storage.head.as_deref().unwrap_or(""),
        |p| storage.parts.get(&p).cloned(),
        T0,
    )
    .expect("it reads back");
    assert_eq!(writer.stored_chars(), storage.chars());
    let someone = read.stakeholder_ids()[7];
    let moved = moved(&read, someone, 90, 90, 2);
    assert_eq!(
        storage.save(&mut writer, &moved, at(2)).len(),
        2,
        "their bucket and the last part of the history"
    );
    assert_eq!(storage.read().expect("it reads back"), moved);
}

#[test]
fn a_save_cut_short_leaves_the_last_complete_map() {
    // 40 people fit in 2 buckets; 200 need more, so the next save cuts the map anew.
    let small = generated(40);
    let mut writer = PartWriter::default();
    let mut storage = Storage::default();
    storage.save(&mut writer, &small, at(1));
    let big = generated(200);
    let big = {
        // The same map id, with 200 people: an import merged in, say.
        let mut w = Workspace::from_maps(vec![small.clone()]);
        let mut merged = big.clone();
        merged.id = small.id;
        w.apply(Op::RestoreMap(merged), at(2)).expect("restores");
        w.map(small.id).cloned().expect("there")
    };
    let plan = writer.plan(&big, at(2));
    assert!(
        !plan.removed.is_empty(),
        "the old parts go once the new head is written"
    );
    // The tab closes after the new parts but before the new head.
    let mut cut = storage.clone();
    for (part, text) in &plan.parts {
        cut.parts.insert(*part, text.clone());
    }
    assert_eq!(cut.read().expect("the old map still reads"), small);
    // Completed, the new map reads back and the old parts are gone.
    storage.save(&mut writer, &big, at(3));
    assert_eq!(storage.read().expect("it reads back"), big);
    assert_eq!(
        storage.parts.len(),
        1 + bucket_count(200, None) as usize + big.history().len().div_ceil(HISTORY_CHUNK)
    );
}

#[test]
fn maps_stored_whole_by_earlier_versions_still_read() {
    let map = example();
    let whole = format::to_json(&map, at(1));
    let (back, writer) = read_stored(&whole, |_| None, T0).expect("a whole file reads");
    assert_eq!(back, map);
    assert!(writer.parts().is_empty(), "the next save writes every part");
}

#[test]
fn damage_is_reported_in_words_and_never_panics() {
    let map = generated(100);
    let mut storage = Storage::default();
    storage.save(&mut PartWriter::default(), &map, at(1));
    let part = *storage.parts.keys().next().expect("a part");

    let mut missing = storage.clone();
    missing.parts.remove(&part);
    assert!(matches!(missing.read(), Err(StoredError::Damaged(why)) if why.contains("missing")));

    let mut garbled = storage.clone();
    let text = garbled.parts.get_mut(&part).expect("the part");
    let cut: String = text.chars().take(text.chars().count() / 2).collect();
    *text = cut;
    assert!(matches!(garbled.read(), Err(StoredError::Damaged(why)) if why.contains("damaged")));

    let newer = storage
        .head
        .as_deref()
        .unwrap_or("")
        .replace("\"layout\":1", "\"layout\":9");
    let err = read_stored(&newer, |p| storage.parts.get(&p).cloned(), T0).expect_err("refused");
    assert_eq!(err, StoredError::Newer(9));
    assert!(err.headline().contains("newer version of Stakemap"));
}

#[test]
fn five_thousand_people_fit_in_the_browsers_quota() {
    let map = generated(5_000);
    let mut storage = Storage::default();
    storage.save(&mut PartWriter::default(), &map, at(1));
    let chars = storage.chars();
    let whole = format::to_json(&map, at(1)).chars().count();
    assert!(
        chars < QUOTA_CHARS / 2,
        "5,000 people take {chars} characters"
    );
    assert!(
        whole > QUOTA_CHARS,
        "as a plain file they would not fit ({whole})"
    );
    assert_eq!(storage.read().expect("it reads back").len(), 5_000);
}

/// Text that does not compress: letters from a small generator, different for every seed.
fn noise(seed: u64, len: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,";
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(LETTERS[(x >> 58) as usize % LETTERS.len()])
        })
        .collect()
}

#[test]
fn a_map_too_large_for_the_browsers_quota_is_refused_before_anything_is_written() {
    use stakemap::state::{Backend, MemoryBackend, SaveError};
    let backend = MemoryBackend::at(T0);
    let small = example();
    backend.save_map(&small).expect("the example map fits");
    let written_before = backend.saved_map(small.id).expect("it is stored");

    // 1,400 people with 10,000 characters of notes that do not compress: more than the
    // browser keeps for a site, however well the map is packed.
    let mut ids = SequentialIds::starting_at(50_000);
    let people: Vec<Stakeholder> = (0..1_400u64)
        .map(|i| {
            let fields = StakeholderFields {
                name: format!("Person {i}"),
                notes: noise(i, MAX_LONG_TEXT_CHARS),
                ..StakeholderFields::default()
            };
            Stakeholder::new(StakeholderId(ids.next_uuid()), fields, T0)
        })
        .collect();
    let big = StakeMap::from_parts(
        MapId(ids.next_uuid()),
        "Too large".into(),
        T0,
        T0,
        people,
        Vec::new(),
        Vec::new(),
    );
    let refused = backend.save_map(&big).expect_err("it cannot fit");
    let SaveError::WontFit { needed, quota } = refused.clone() else {
        panic!("refused as too large for the quota, not {refused:?}");
    };
    assert!(needed > quota && quota == QUOTA_CHARS, "{needed} > {quota}");
    let message = refused.message();
    assert!(
        message.contains("too large") && message.contains("Export the map"),
        "{message}"
    );
    // Nothing was written: the other map is as it was, and the large one is not there at all.
    assert_eq!(backend.saved_map(small.id), Some(written_before));
    assert!(backend.saved_map(big.id).is_none());
}

proptest! {
    #[test]
    fn packing_round_trips_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let text = pack(&bytes);
        let in_range = text.chars().all(|c| (0x100..=0x80ff).contains(&u32::from(c)));
        prop_assert!(in_range, "only characters U+0100 to U+80FF");
        prop_assert_eq!(unpack(&text), Some(bytes));
    }

    /// Random text in storage (a damaged or foreign key) is never taken for a map: it is
    /// refused with a reason in words, and unpacking it gives bytes that pack back to the same
    /// text, or nothing.
    #[test]
    fn random_text_in_storage_is_refused_in_words(text in ".{0,200}") {
        if let Some(bytes) = unpack(&text) {
            prop_assert_eq!(unpack(&pack(&bytes)), Some(bytes));
        }
        match read_stored(&text, |_| Some(text.clone()), T0) {
            Ok(_) => prop_assert!(false, "random text read as a map: {:?}", text),
            Err(e) => prop_assert!(e.headline().len() > 10, "a reason in words"),
        }
    }
}

#[test]
fn a_head_that_is_not_parted_json_is_invalid_not_damaged() {
    let err = read_stored("{ not json", |_| None, T0).expect_err("refused");
    assert!(matches!(err, StoredError::Invalid(_)));
    let value: Value = json!({"stored": {"layout": 1, "buckets": 0, "order": []}});
    let err = read_stored(&value.to_string(), |_| None, T0).expect_err("refused");
    assert!(matches!(err, StoredError::Damaged(_)));
}
