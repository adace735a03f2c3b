//! Native tests of redacted copies: no name or note is left anywhere in the file, the image or
//! the sheet, the copy says it is redacted, and its codes and initials are stable and distinct.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;

mod support;

use support::maps::{at, edited, example, person, today};
use support::{by_name, T0};

#[test]
fn a_redacted_copy_holds_no_name_or_note_anywhere_and_says_it_is_redacted() {
    let mut ids = SequentialIds::starting_at(1);
    let mut map = example(&mut ids);
    // Take a snapshot, then remove someone, so a name lives on only in the snapshot.
    let snap = map.capture(SnapshotId(ids.next_uuid()), "Baseline two", at(1));
    let gone = by_name(&map, "Grace Lindqvist");
    map = edited(
        &map,
        vec![
            (
                1,
                Op::TakeSnapshot {
                    map: map.id,
                    snapshot: snap,
                },
            ),
            (
                2,
                Op::DeleteStakeholder {
                    map: map.id,
                    id: gone,
                },
            ),
        ],
    );
    let mut secrets: Vec<String> = Vec::new();
    for s in map.stakeholders() {
        secrets.push(s.name().to_owned());
        secrets.extend(
            s.name()
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .map(str::to_owned),
        );
        secrets.extend([
            s.fields.role.clone(),
            s.fields.notes.clone(),
            s.fields.cares_about.clone(),
        ]);
    }
    secrets.push("Grace Lindqvist".into());
    for a in map.actions() {
        secrets.extend([a.fields.owner.clone(), a.fields.outcome.clone()]);
    }
    for t in map.touchpoints() {
        secrets.push(t.note.clone());
    }
    secrets.retain(|s| s.trim().len() > 2);
    assert!(secrets.len() > 30, "the example has plenty to hide");

    for style in [LabelStyle::Codes, LabelStyle::Initials] {
        let copy = redacted(&map, style);
        let json = format::to_json(&copy, at(3));
        let svg = format::map_svg(&copy, style, today());
        let csv = format::stakeholders_csv(&copy);
        for secret in &secrets {
            for (what, out) in [("file", &json), ("image", &svg), ("sheet", &csv)] {
                assert!(
                    !out.contains(secret.as_str()),
                    "{what} ({style:?}) still holds “{secret}”"
                );
            }
        }
        assert!(
            json.replace(char::is_whitespace, "")
                .contains("\"redacted\":true"),
            "the file says it is redacted"
        );
        let back = format::parse(&json, at(4)).unwrap();
        assert!(back.redacted, "reading it back knows it is redacted");
        assert_eq!(back.len(), map.len());
        let positions = |m: &StakeMap| m.stakeholders().map(|s| s.position()).collect::<Vec<_>>();
        assert_eq!(positions(&back), positions(&map), "positions are kept");
    }
    let plain = format::to_json(&map, at(3));
    assert!(!plain.contains("redacted"), "ordinary files are unchanged");
}

#[test]
fn codes_are_stable_across_copies_and_initials_that_clash_are_numbered() {
    let mut ids = SequentialIds::starting_at(1);
    let map = example(&mut ids);
    assert_eq!(
        labels(&map, LabelStyle::Codes),
        labels(&map.clone(), LabelStyle::Codes)
    );
    let a = redacted(&map, LabelStyle::Codes);
    let b = redacted(&a, LabelStyle::Codes);
    let dana = by_name(&map, "Dana Ortiz");
    assert_eq!(a.get(dana).unwrap().name(), b.get(dana).unwrap().name());
    assert!(a.get(dana).unwrap().name().starts_with("S-"));

    let mut ids = SequentialIds::starting_at(900);
    let mut w = Workspace::from_maps(vec![StakeMap::new(MapId(ids.next_uuid()), "Twins", T0)]);
    let id = w.maps()[0].id;
    for name in ["Dana Ortiz", "Dan Owens"] {
        w.apply(
            Op::AddStakeholder {
                map: id,
                stakeholder: person(&mut ids, name, 50, 50),
            },
            T0,
        )
        .unwrap();
    }
    let mut initials: Vec<String> = labels(&w.maps()[0], LabelStyle::Initials)
        .into_values()
        .collect();
    initials.sort();
    assert_eq!(initials, ["DO", "DO 2"]);
}
