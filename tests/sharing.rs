//! Native tests of sharing by file through the store (`Sharing`): a colleague's copy or a sheet
//! is previewed and nothing changes before it is confirmed, a merge is one undoable step, the
//! repairs a copy needed are listed, and a redacted file is never merged into a full map.
#![cfg(not(target_arch = "wasm32"))]

mod support;

// ----- through the store: nothing changes before confirmation; one undo -----

mod through_the_store {
    use super::support::maps::{at, content, edited, person};
    use super::support::{by_name, current};
    use leptos::prelude::*;
    use stakemap::format;
    use stakemap::model::*;
    use stakemap::state::{MemoryBackend, Sharing, Store, Tone};
    use std::sync::Arc;

    fn start() -> (Owner, Arc<MemoryBackend>, Store, Sharing) {
        let (owner, backend, store) = super::support::start();
        let sharing = Sharing::new(store).with_registers(super::support::register::IN_PROCESS);
        (owner, backend, store, sharing)
    }

    #[test]
    fn a_copy_of_the_open_map_goes_to_the_preview_and_merges_as_one_undoable_step() {
        let (_o, backend, store, sharing) = start();
        let mine = current(&store);
        let dana = by_name(&mine, "Dana Ortiz");
        let mut ids = SequentialIds::starting_at(9000);
        let theirs = edited(
            &mine,
            vec![
                (
                    500,
                    Op::MoveStakeholder {
                        map: mine.id,
                        id: dana,
                        to: Position {
                            influence: 40,
                            skepticism: 10,
                        },
                    },
                ),
                (
                    501,
                    Op::AddStakeholder {
                        map: mine.id,
                        stakeholder: person(&mut ids, "Tomasz Wren", 60, 60),
                    },
                ),
            ],
        );
        let file = format::to_json(&theirs, at(502));
        let maps_before = store.workspace().with_untracked(|w| w.maps().len());

        sharing.open_file("from-colleague.stakemap.json", file.as_bytes());
        let review = sharing.merge_review().expect("the preview opens");
        assert_eq!(review.preview.added.len(), 1);
        assert_eq!(current(&store), mine, "nothing changes before Merge");
        assert_eq!(backend.saved_map(mine.id).as_ref(), Some(&mine));

        sharing.confirm_merge();
        assert!(sharing.merge_review().is_none());
        let merged = current(&store);
        assert_eq!(merged.len(), mine.len() + 1);
        assert_eq!(
            merged.get(dana).unwrap().position(),
            Position {
                influence: 40,
                skepticism: 10
            }
        );
        assert_eq!(
            backend.saved_map(mine.id).as_ref(),
            Some(&merged),
            "the merge is saved"
        );
        assert_eq!(
            store.workspace().with_untracked(|w| w.maps().len()),
            maps_before,
            "merged in place, not added as a map"
        );

        assert!(store.undo());
        let back = current(&store);
        assert_eq!(
            content(&back),
            content(&mine),
            "one undo takes the whole merge back, record by record"
        );
        assert_eq!(backend.saved_map(mine.id).as_ref(), Some(&back));
    }

    #[test]
    fn a_cancelled_preview_or_a_bad_sheet_changes_nothing_and_good_rows_need_confirmation() {
        let (_o, _backend, store, sharing) = start();
        let mine = current(&store);
        let mut copy = mine.clone();
        copy.name = "Renamed by a colleague".into();
        sharing.open_file(
            "copy.stakemap.json",
            format::to_json(&copy, at(1)).as_bytes(),
        );
        assert!(
            sharing.merge_review().is_some(),
            "a differing name is previewed too"
        );
        sharing.cancel_merge();
        assert_eq!(current(&store), mine);

        sharing.open_register(
            "people.csv",
            b"Name,Influence,Skepticism\r\nAda,10,20\r\n,5,5\r\n",
            true,
        );
        let review = sharing
            .register_review()
            .expect("the sheet is under review");
        assert!(review
            .html
            .contains("1 person found: 1 placed from the sheet; 1 row left out."));
        assert_eq!(current(&store), mine, "nothing goes in before confirmation");
        sharing.confirm_register();
        let after = current(&store);
        assert_eq!(after.len(), mine.len() + 1);
        assert!(after.stakeholders().any(|s| s.name() == "Ada"));
        assert!(
            after.history().iter().any(|p| p.source == MoveSource::Added
                && after.get(p.stakeholder).is_some_and(|s| s.name() == "Ada")),
            "the new person's history starts where they were placed"
        );
        assert!(store.undo());
        assert_eq!(current(&store), mine);
    }

    #[test]
    fn a_colleagues_copy_that_needed_repairs_is_previewed_and_the_repairs_are_listed() {
        let (_o, _backend, store, sharing) = start();
        let mine = current(&store);
        let mut value = format::to_value(&mine, at(1));
        value["stakeholders"][0]["influence"] = serde_json::Value::from(140);
        value["stakeholders"][0]["notes"] = serde_json::Value::from("x".repeat(10_010));
        sharing.open_file("colleague.stakemap.json", value.to_string().as_bytes());
        let review = sharing.merge_review().expect("previewed, not refused");
        assert_eq!(review.preview.changed.len(), 1);
        let notice = store.notices().notice().expect("the repairs are listed");
        assert_eq!(notice.tone, Tone::Info);
        assert!(notice.title.contains("colleague.stakemap.json"));
        assert!(
            notice.details.iter().any(|d| d
                == "Influence of stakeholder 1 (Dana Ortiz) was 140, outside 0–100; set to 100."),
            "{:#?}",
            notice.details
        );
        assert!(notice.details.iter().any(|d| d
            == "Notes of stakeholder 1 (Dana Ortiz) were 10010 characters; shortened to 10000."));
        assert_eq!(current(&store), mine, "nothing changes before Merge");
    }

    #[test]
    fn a_redacted_file_is_never_merged_into_a_full_map() {
        let (_o, _backend, store, sharing) = start();
        let mine = current(&store);
        let copy = redacted(&mine, &RedactOptions::default());
        sharing.open_file(
            "outside.stakemap.json",
            format::to_json(&copy, at(1)).as_bytes(),
        );
        assert!(sharing.merge_review().is_none());
        assert_eq!(
            store
                .workspace()
                .with_untracked(|w| w.map(mine.id).cloned()),
            Some(mine.clone()),
            "my map keeps its names and notes"
        );
        let opened = current(&store);
        assert!(
            opened.redacted && opened.id != mine.id,
            "it opened beside mine"
        );
        // The notice says it opened as a map of its own, that it is a redacted copy, and why
        // it was not merged.
        let notice = store.notices().notice().unwrap();
        assert!(notice.title.contains("as a new map"), "{}", notice.title);
        let details = notice.details.join(" ");
        assert!(details.contains("This is a redacted copy"), "{details}");
        assert!(
            details.contains("never merged into a full map"),
            "{details}"
        );
    }
}
