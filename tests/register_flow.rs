//! Native tests of bringing in a register through the app's state: *Import map* sends a
//! spreadsheet to the preview instead of refusing it, nothing changes before confirmation, the
//! rows come in as one undoable step (into the open map, updating people already on it, or as a
//! new map), people who cannot be placed go to the quick-add tray, the mapping is remembered for
//! the next file with the same headers, and files that are no spreadsheet get a plain message.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use leptos::prelude::*;
use stakemap::format::register::Act;
use stakemap::model::*;
use stakemap::state::{MemoryBackend, Sharing, Store, Tone, MAPPINGS_SETTING};
use std::sync::Arc;
use support::{current, sheet_fixture as fixture};

fn start() -> (Owner, Arc<MemoryBackend>, Store, Sharing) {
    let (owner, backend, store) = support::start();
    let sharing = Sharing::new(store).with_registers(support::register::IN_PROCESS);
    (owner, backend, store, sharing)
}

fn act(sharing: &Sharing, act: &str, col: usize, item: usize, value: &str, checked: bool) {
    sharing.register_act(Act {
        act: act.into(),
        col,
        item,
        value: value.into(),
        checked,
    });
}

fn maps(store: &Store) -> usize {
    store.workspace().with_untracked(|w| w.maps().len())
}

#[test]
fn a_register_given_to_import_map_is_previewed_then_comes_in_as_a_new_map_in_one_step() {
    let (_o, _b, store, sharing) = start();
    let before = store.workspace().get_untracked();
    sharing.open_file("Stakeholder register.csv", &fixture("pmbok-register.csv"));
    let review = sharing
        .register_review()
        .expect("the register is previewed");
    assert!(
        review.html.contains(
            "Headers in row 4. 11 people found: 10 placed from the sheet, 1 to place by hand; \
             1 row left out."
        ),
        "{}",
        review.html
    );
    assert!(
        review
            .html
            .contains("id=\"rg-into-new\" data-act=\"into\" value=\"new\" checked"),
        "Import map brings a register in as a new map"
    );
    assert_eq!(review.coming, 11, "ten placed, one to the tray");
    assert_eq!(
        store.workspace().get_untracked(),
        before,
        "nothing changes before confirmation"
    );
    sharing.confirm_register();
    assert!(sharing.register_review().is_none());
    assert!(
        !sharing.bringing_in(),
        "the confirm button is not left waiting"
    );
    assert_eq!(
        sharing.take_tray_people(),
        vec![TrayPerson {
            name: "Priyanka Shah".into(),
            role: "Finance Business Partner".into()
        }],
        "she waits in the tray with her role from the sheet"
    );
    assert_eq!(maps(&store), before.maps().len() + 1);
    let map = current(&store);
    assert_eq!(map.name, "Stakeholder register");
    assert_eq!(map.len(), 10);
    let notice = store.notices().notice().expect("the user is told");
    assert_eq!(notice.tone, Tone::Info);
    assert_eq!(
        notice.title,
        "Brought in “Stakeholder register.csv”: 10 people added, 1 in the quick-add tray to \
         place by hand, 1 row left out. Undo reverses the whole import."
    );
    assert_eq!(notice.details, vec!["Row 16: it has no name".to_string()]);
    assert!(store.undo());
    assert_eq!(
        store.workspace().get_untracked().maps().len(),
        before.maps().len()
    );
}

#[test]
fn into_the_open_map_people_already_there_are_updated_and_one_undo_takes_it_all_back() {
    let (_o, _b, store, sharing) = start();
    let id = store
        .add_stakeholder(StakeholderFields {
            name: "Margaret Oyelaran".into(),
            cares_about: "Throughput".into(),
            ..StakeholderFields::default()
        })
        .expect("added");
    let mine = current(&store);
    sharing.open_register("register.csv", &fixture("pmbok-register.csv"), true);
    let review = sharing.register_review().unwrap();
    assert!(review.html.contains("value=\"map\" checked"));
    assert!(
        review
            .html
            .contains("1 person is already on this map (matched by name)"),
        "Margaret is already on the map"
    );
    act(&sharing, "existing", 0, 0, "update", true);
    act(&sharing, "tray", 0, 0, "", false);
    assert_eq!(sharing.register_review().unwrap().coming, 10);
    sharing.confirm_register();
    assert!(sharing.take_tray_people().is_empty());
    let after = current(&store);
    assert_eq!(after.len(), mine.len() + 9);
    let margaret = after.get(id).expect("the same person, updated");
    assert_eq!(margaret.fields.role, "Chief Operating Officer");
    assert_eq!(margaret.fields.cares_about, "Throughput");
    let notice = store.notices().notice().unwrap();
    assert!(
        notice
            .title
            .contains("9 people added, 1 updated, 2 rows left out"),
        "{}",
        notice.title
    );
    assert!(notice
        .details
        .contains(&"Row 15: Priyanka Shah was left out (Current Stance “TBD” is not a value its column reads)".to_string()));
    assert!(store.undo());
    assert_eq!(current(&store), mine);
}

#[test]
fn the_mapping_chosen_for_a_file_is_used_for_the_next_file_with_the_same_headers() {
    let (_o, _b, store, sharing) = start();
    sharing.open_register("grid.csv", &fixture("power-interest-grid.csv"), false);
    // Interest is not wanted in the notes; "High" power is 85 in this organisation.
    act(&sharing, "use", 3, 0, "leave-out", false);
    act(&sharing, "word", 2, 0, "85", false);
    sharing.confirm_register();
    assert!(
        store.setting(MAPPINGS_SETTING).is_some(),
        "the mapping is kept"
    );
    let first = current(&store);
    let erik = first
        .stakeholders()
        .find(|s| s.name() == "Erik Johansson")
        .unwrap();
    assert_eq!(erik.fields.position.influence, 85);
    assert!(!erik.fields.notes.contains("Interest"));

    sharing.open_register(
        "grid next week.csv",
        &fixture("power-interest-grid.csv"),
        false,
    );
    let again = sharing.register_review().unwrap();
    assert!(again
        .html
        .contains("Using the choices you made for a file with these columns before."));
    assert!(again
        .html
        .contains("<option value=\"leave-out\" selected>Leave out</option>"));
    assert!(
        again.html.contains("id=\"rg-word-2-0\" data-act=\"word\" data-col=\"2\" data-item=\"0\" aria-label=\"Place for “High” in “Power”\" value=\"85\""),
        "the changed value is remembered"
    );
    let before = store.workspace().get_untracked();
    sharing.cancel_register();
    assert!(sharing.register_review().is_none());
    assert_eq!(store.workspace().get_untracked(), before);
}

#[test]
fn files_that_are_no_spreadsheet_are_refused_in_plain_words_and_nothing_changes() {
    let (_o, _b, store, sharing) = start();
    let before = store.workspace().get_untracked();
    sharing.open_file("photo.png", &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2]);
    let notice = store.notices().notice().expect("the user is told");
    assert_eq!(notice.tone, Tone::Error);
    assert_eq!(
        notice.title,
        "“photo.png” was not imported. Nothing was changed."
    );
    assert!(notice.details[0].contains("neither a Stakemap map nor a spreadsheet"));
    // A workbook saved with a password is named as such.
    sharing.open_file("protected.xlsx", &fixture("protected.xlsx"));
    assert!(sharing.register_review().is_none());
    let notice = store.notices().notice().unwrap();
    assert!(
        notice.details[0].contains("protected with a password"),
        "{:?}",
        notice.details
    );
    sharing.open_file("broken.xlsx", b"PK\x03\x04 not really");
    assert!(sharing.register_review().is_none());
    let notice = store.notices().notice().unwrap();
    assert!(
        notice.details[0].contains("could not be read as an Excel or OpenDocument workbook"),
        "{:?}",
        notice.details
    );
    let mut long = String::from("Name,Influence,Skepticism\n");
    for i in 0..=20_000 {
        long.push_str(&format!("P{i},1,1\n"));
    }
    sharing.open_file("everyone.csv", long.as_bytes());
    let notice = store.notices().notice().unwrap();
    assert!(
        notice.details[0].contains("more than 20,000 rows of people"),
        "{:?}",
        notice.details
    );
    assert_eq!(store.workspace().get_untracked(), before);
}

#[test]
fn an_excel_workbook_opens_on_its_register_sheet_and_another_sheet_can_be_chosen() {
    let (_o, _b, store, sharing) = start();
    sharing.open_file(
        "register-two-sheets.xlsx",
        &fixture("register-two-sheets.xlsx"),
    );
    let review = sharing.register_review().expect("previewed");
    assert!(
        review
            .html
            .contains("<option value=\"1\" selected>Stakeholder Register (14 rows)</option>"),
        "{}",
        review.html
    );
    assert!(review.html.contains(
        "Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand."
    ));
    assert!(
        review
            .html
            .contains("<option value=\"0\" selected>1–5</option>"),
        "influence on a 1–5 scale"
    );
    act(&sharing, "sheet", 0, 0, "0", false);
    let instructions = sharing.register_review().unwrap();
    assert!(instructions
        .html
        .contains("Choose the column that holds people’s names."));
    assert!(!instructions.can_confirm);
    act(&sharing, "sheet", 0, 0, "1", false);
    sharing.confirm_register();
    let map = current(&store);
    assert_eq!(map.name, "register-two-sheets");
    assert_eq!(map.len(), 10);
    let priya = map
        .stakeholders()
        .find(|s| s.name() == "Priya Raman")
        .unwrap();
    assert_eq!(
        (
            priya.fields.position.influence,
            priya.fields.position.skepticism
        ),
        (100, 20)
    );
    assert!(!format!(
        "{:?}",
        map.stakeholders().map(|s| &s.fields).collect::<Vec<_>>()
    )
    .contains('@'));
    assert_eq!(
        sharing.take_tray_people(),
        vec![
            TrayPerson {
                name: "Sofia Lindqvist".into(),
                role: "Team Lead".into()
            },
            TrayPerson {
                name: "Daniel Mensah".into(),
                role: "Union Representative".into()
            }
        ]
    );
}

#[test]
fn an_opendocument_sheet_reads_percentages_and_tells_a_job_position_from_a_stance() {
    let (_o, _b, store, sharing) = start();
    sharing.open_file("register.ods", &fixture("register.ods"));
    let review = sharing.register_review().expect("previewed");
    // "Position" holds job titles here, so it is the role.
    assert!(review.html.contains("<select id=\"rg-use-1\" data-act=\"use\" data-col=\"1\"><option value=\"field:name:0\">Name</option><option value=\"field:role:0\" selected>Role</option>"), "{}", review.html);
    sharing.confirm_register();
    let map = current(&store);
    assert_eq!(map.len(), 8);
    let margaret = map
        .stakeholders()
        .find(|s| s.name() == "Margaret Osei")
        .unwrap();
    assert_eq!(margaret.fields.position.influence, 85);
}
