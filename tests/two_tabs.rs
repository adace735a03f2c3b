//! Native tests of two tabs of one browser, each its own store on one stored format kept in
//! memory: an edit in one reaches the other (told of it, or through storage events), both tabs'
//! edits of one map are kept, and a tab that could not save applies its edit again on top of
//! the other's, or keeps its version beside it when they clash.
#![cfg(not(target_arch = "wasm32"))]

use leptos::prelude::*;
use stakemap::model::*;
use stakemap::state::{ExternalChange, MemoryBackend, Pending, SaveError, Store};
use std::sync::Arc;

mod support;

use support::{current, start, two_tabs};

#[test]
fn an_edit_in_one_tab_reaches_the_other() {
    let (_o, _backend, a, b) = two_tabs();
    let map = current(&a).id;
    let id = current(&a).stakeholder_ids()[0];
    assert!(a.move_stakeholder(
        id,
        Position {
            influence: 5,
            skepticism: 5
        }
    ));
    b.external_change(ExternalChange::Map(map));
    assert_eq!(
        current(&b).get(id).unwrap().position(),
        Position {
            influence: 5,
            skepticism: 5
        }
    );
    // A map created in one tab appears in the other.
    a.new_map();
    b.external_change(ExternalChange::Index);
    assert_eq!(b.workspace().get_untracked().maps().len(), 2);
}

#[test]
fn two_tabs_editing_the_same_map_keep_both_edits() {
    let (_o, backend, a, b) = two_tabs();
    let map = current(&a).id;
    let ids = current(&a).stakeholder_ids();
    // Tab A moves one person; before B hears of it, B moves another.
    assert!(a.move_stakeholder(
        ids[0],
        Position {
            influence: 1,
            skepticism: 1
        }
    ));
    assert!(b.move_stakeholder(
        ids[1],
        Position {
            influence: 2,
            skepticism: 2
        }
    ));
    let saved = backend.saved_map(map).unwrap();
    assert_eq!(
        saved.get(ids[0]).unwrap().position(),
        Position {
            influence: 1,
            skepticism: 1
        },
        "A's edit survived B's save"
    );
    assert_eq!(
        saved.get(ids[1]).unwrap().position(),
        Position {
            influence: 2,
            skepticism: 2
        }
    );
    a.external_change(ExternalChange::Map(map));
    assert_eq!(current(&a), saved, "both tabs agree");
    assert_eq!(current(&b), saved);
}

#[test]
fn storage_events_from_another_tab_bring_its_edits_in() {
    let (_o, backend, a) = start();
    let other = Arc::new(backend.tab());
    let b = Store::start(other.clone());
    let id = current(&a).stakeholder_ids()[0];
    let five = Position {
        influence: 5,
        skepticism: 5,
    };
    assert!(a.move_stakeholder(id, five));
    // B's browser hands it every key A wrote, as storage events.
    for key in other.kv().take_events() {
        b.storage_event(key);
    }
    assert_eq!(current(&b).get(id).unwrap().position(), five);
    a.new_map();
    for key in other.kv().take_events() {
        b.storage_event(key);
    }
    assert_eq!(b.workspace().get_untracked().maps().len(), 2);
}

/// Where B's unsaved edits land.
const SEVEN: Position = Position {
    influence: 7,
    skepticism: 7,
};

/// Two tabs on the example map (its id and its people's ids), where B has moved the first
/// person to `SEVEN` but could not save it (storage full).
fn two_tabs_b_unsaved() -> (
    Owner,
    Arc<MemoryBackend>,
    Store,
    Store,
    MapId,
    Vec<StakeholderId>,
) {
    let (owner, backend, a, b) = two_tabs();
    let map = current(&a).id;
    let ids = current(&a).stakeholder_ids();
    // B moves someone but cannot save ...
    backend.fail_saves(Some(SaveError::Full));
    assert!(b.move_stakeholder(ids[0], SEVEN));
    backend.fail_saves(None);
    (owner, backend, a, b, map, ids)
}

#[test]
fn a_tab_that_could_not_save_applies_its_edit_again_on_top_of_the_other() {
    let (_o, backend, a, b, map, ids) = two_tabs_b_unsaved();
    let nine = Position {
        influence: 9,
        skepticism: 9,
    };
    // ... then A saves a different edit, and B hears of it.
    assert!(a.move_stakeholder(ids[1], nine));
    b.external_change(ExternalChange::Map(map));
    // B holds both edits, one map, and has saved them.
    let maps = b.workspace().get_untracked();
    assert_eq!(maps.maps().len(), 1, "no copy needed");
    let both = maps.map(map).unwrap();
    assert_eq!(both.get(ids[0]).unwrap().position(), SEVEN);
    assert_eq!(both.get(ids[1]).unwrap().position(), nine);
    let saved = backend.saved_map(map).unwrap();
    assert_eq!(saved.get(ids[0]).unwrap().position(), SEVEN);
    assert_eq!(saved.get(ids[1]).unwrap().position(), nine);
}

#[test]
fn a_tab_whose_unsaved_edit_clashes_keeps_its_version_beside_the_other() {
    let (_o, _backend, a, b, map, ids) = two_tabs_b_unsaved();
    // ... and A deletes that very person.
    a.request(Pending::DeleteStakeholder(ids[0]));
    a.confirm_pending();
    b.external_change(ExternalChange::Map(map));
    let maps = b.workspace().get_untracked();
    assert_eq!(maps.maps().len(), 2, "B's version kept as a copy");
    assert!(
        maps.map(map).unwrap().get(ids[0]).is_none(),
        "A's deletion is in"
    );
    let copy = maps.maps().iter().find(|m| m.id != map).unwrap();
    assert!(copy.name.ends_with("(this tab)"), "{}", copy.name);
    assert!(copy.stakeholders().any(|s| s.position() == SEVEN));
    assert!(b
        .notices()
        .notice()
        .unwrap()
        .title
        .contains("Both versions are kept"));
    // The copy reached storage, so A can see it too.
    a.external_change(ExternalChange::Index);
    assert_eq!(a.workspace().get_untracked().maps().len(), 2);
}
