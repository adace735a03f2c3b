//! Each record's fields are defined once (a table beside the struct) and everything else is
//! derived from it. These tests hold the derived parts to the tables: a field in a record is
//! carried by the file writer and reader, the spreadsheet, the merge preview and redaction, and
//! the published JSON Schema is the generated one, which every good fixture and everything the
//! app writes keeps, and every bad or repairable fixture breaks.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use std::path::{Path, PathBuf};

const NOW: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures").join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {dir}");
    out
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&format::json_schema())
        .expect("the generated schema is a valid JSON Schema")
}

/// The JSON in a fixture, or `None` when it is not JSON at all.
fn json_of(path: &Path) -> Option<serde_json::Value> {
    let bytes = std::fs::read(path).unwrap();
    let text = std::str::from_utf8(&bytes).ok()?;
    serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()
}

fn schema_errors(v: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// A stakeholder with every field set away from its default.
fn full_person() -> StakeholderFields {
    StakeholderFields {
        name: "Marcus Feld".into(),
        role: "CFO".into(),
        organisation: "Finance".into(),
        position: Position {
            influence: 92,
            skepticism: 81,
        },
        root_causes: vec![RootCause::Culture, RootCause::ValueNotVisible],
        cares_about: "A number he can defend".into(),
        notes: "Asked for the pilot's cost per leader".into(),
        tags: vec!["budget holder".into(), "board".into()],
        cadence_days: Some(10),
        target: Some(Position {
            influence: 92,
            skepticism: 40,
        }),
    }
}

/// An item of evidence with every field set away from its default.
fn full_evidence() -> EvidenceFields {
    EvidenceFields {
        kind: EvidenceKind::Story,
        title: "Retention pilot in Sales".into(),
        unit: "%".into(),
        baseline: Amount::new(18.0),
        baseline_date: LocalDate::from_ymd(2026, 1, 15),
        current: Amount::new(12.5),
        current_date: LocalDate::from_ymd(2026, 10, 1),
        target: Amount::new(12.0),
        summary: "Twelve team leads coached for six months".into(),
        figures: "Regretted attrition 18% to 12.5%".into(),
        quote: "My best people stopped leaving".into(),
        source: "HR exit data".into(),
        answers: vec![RootCause::PastDisappointments, RootCause::Culture],
        tags: vec!["retention".into(), "sales".into()],
        notes: "Ask Priya before showing the names".into(),
    }
}

fn full_action(tactic: Tactic) -> ActionFields {
    ActionFields {
        tactic: Some(tactic),
        title: "Walk Marcus through the pilot numbers".into(),
        owner: "Priya".into(),
        due: LocalDate::from_ymd(2026, 12, 4),
        status: ActionStatus::InProgress,
        outcome: "Wants the retention figure first".into(),
        measure: "Regretted attrition in the pilot teams, %".into(),
        measure_baseline: Amount::new(18.0),
        measure_target: Amount::new(12.0),
        measure_result: Amount::new(12.5),
    }
}

fn map_with(person: StakeholderFields, action: ActionFields) -> StakeMap {
    let mut ids = SequentialIds::starting_at(7);
    let who = StakeholderId(ids.next_uuid());
    let s = Stakeholder::new(who, person, NOW);
    let a = Action {
        id: ActionId(ids.next_uuid()),
        stakeholder: who,
        fields: action,
        created_at: NOW,
        updated_at: NOW,
    };
    let evidence = Evidence {
        id: EvidenceId(ids.next_uuid()),
        fields: full_evidence(),
        created_at: NOW,
        updated_at: NOW,
    };
    let t = Touchpoint {
        id: TouchpointId(ids.next_uuid()),
        stakeholder: who,
        date: LocalDate::from_ymd(2026, 11, 20).unwrap(),
        channel: Channel::Call,
        sentiment: Sentiment::Negative,
        note: "Doubts the survey data".into(),
        influence: Some(90),
        skepticism: Some(85),
        evidence: Some(evidence.id),
        created_at: NOW,
    };
    StakeMap::from_parts(
        MapId(ids.next_uuid()),
        "Finance rollout".into(),
        NOW,
        NOW,
        vec![s],
        vec![a],
        vec![t],
    )
    .with_evidence(vec![evidence])
}

#[test]
fn every_field_of_a_record_is_in_its_table() {
    // Copying a record field by field through its table gives the record back: a struct field
    // missing from the table would be lost here.
    // `start` holds the record's frame (ids, times), which the reader fills in itself.
    fn through_table<R: Fields + Clone + PartialEq + std::fmt::Debug>(full: &R, start: R) {
        let mut copy = start;
        assert!(
            R::FIELDS.iter().all(|f| (f.get)(&copy) != (f.get)(full)),
            "the test record sets every field"
        );
        for f in R::FIELDS {
            (f.set)(&mut copy, (f.get)(full).into_owned());
        }
        assert_eq!(&copy, full);
    }
    through_table(&full_person(), StakeholderFields::blank());
    through_table(&full_evidence(), EvidenceFields::blank());
    through_table(
        &full_action(Tactic::ShareRoiEvidence),
        ActionFields::blank(),
    );
    let map = map_with(full_person(), full_action(Tactic::SmallPilot));
    let contact = map.touchpoints().next().unwrap();
    through_table(
        contact,
        Touchpoint {
            id: contact.id,
            stakeholder: contact.stakeholder,
            created_at: contact.created_at,
            ..Touchpoint::blank()
        },
    );
    // Every key is used once in its file object.
    fn unique_keys<R: Fields>() {
        let mut keys: Vec<&str> = R::FIELDS.iter().map(|f| f.key).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
    unique_keys::<StakeholderFields>();
    unique_keys::<ActionFields>();
    unique_keys::<Touchpoint>();
    unique_keys::<EvidenceFields>();
}

#[test]
fn every_field_survives_export_and_import_and_the_spreadsheet() {
    let map = map_with(full_person(), full_action(Tactic::ShareRoiEvidence));
    let back = format::parse(&format::to_json(&map, NOW), NOW).unwrap();
    assert_eq!(back.stakeholders().next(), map.stakeholders().next());
    assert_eq!(back.actions().next(), map.actions().next());
    assert_eq!(back.touchpoints().next(), map.touchpoints().next());
    assert_eq!(back.evidence().next(), map.evidence().next());
    assert!(back.touchpoints().next().unwrap().evidence.is_some());

    let sheet = format::stakeholders_csv(&map);
    let read = format::read_stakeholders_csv(sheet.as_bytes()).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert!(
        read.ignored_columns.is_empty(),
        "{:?}",
        read.ignored_columns
    );
    assert_eq!(read.rows.len(), 1);
    assert_eq!(read.rows[0].fields, full_person());
    // Every column of every field is in the header, once.
    let header = format::stakeholder_columns();
    for f in StakeholderFields::FIELDS {
        for c in f.csv {
            assert_eq!(
                header.iter().filter(|h| **h == c.header).count(),
                1,
                "{}",
                c.header
            );
        }
    }
}

#[test]
fn the_merge_preview_offers_every_field_that_differs_and_takes_each_choice() {
    let mine = map_with(full_person(), full_action(Tactic::ShareRoiEvidence));
    let who = mine.stakeholders().next().unwrap().id;
    // Their copy of the same map (same ids) with every field changed.
    let changed = StakeholderFields {
        name: "Marcus Feld-Ng".into(),
        role: "Group CFO".into(),
        organisation: "Group finance".into(),
        position: Position {
            influence: 95,
            skepticism: 60,
        },
        root_causes: vec![RootCause::RolePressure],
        cares_about: "Cash".into(),
        notes: "Came round after the pilot".into(),
        tags: vec!["sponsor".into()],
        cadence_days: Some(20),
        target: None,
    };
    let theirs = map_with(changed.clone(), full_action(Tactic::ShareRoiEvidence));
    assert_eq!(theirs.stakeholders().next().unwrap().id, who);
    let preview = MergePreview::between(&mine, &theirs);
    let offered: Vec<&str> = preview.changed[0]
        .fields
        .iter()
        .map(|d| d.field.key())
        .collect();
    let every: Vec<&str> = StakeholderFields::FIELDS
        .iter()
        .filter(|f| f.merge == Merge::Choose)
        .map(|f| f.key)
        .collect();
    assert_eq!(offered, every);
    for d in &preview.changed[0].fields {
        assert_ne!(d.mine, d.theirs, "{} shows both values", d.field.label());
    }
    // Taking theirs for every field gives their person.
    let mut choices = preview.default_choices();
    for d in &preview.changed[0].fields {
        choices.set_theirs(MergeDecision::Field(who, d.field), true);
    }
    let merged = merge(&mine, &theirs, &choices, NOW);
    assert_eq!(merged.get(who).unwrap().fields, changed);
}

#[test]
fn redaction_follows_each_fields_rule() {
    let map = map_with(full_person(), full_action(Tactic::ShareRoiEvidence));
    let copy = redacted(&map, &RedactOptions::default());
    let (before, after) = (
        map.stakeholders().next().unwrap(),
        copy.stakeholders().next().unwrap(),
    );
    fn check<R: Fields>(before: &R, after: &R) {
        for f in R::FIELDS {
            let (was, now) = ((f.get)(before), (f.get)(after));
            match field_outcome(f, &RedactOptions::default(), false) {
                Outcome::Kept => assert_eq!(was, now, "{} is kept", f.key),
                Outcome::Removed | Outcome::LeftOut => {
                    assert_eq!(now, f.kind.empty(), "{} is cleared", f.key)
                }
                _ => {
                    assert_ne!(was, now, "{} is replaced", f.key);
                    assert_ne!(now, f.kind.empty(), "{} is replaced by something", f.key);
                }
            }
        }
    }
    check(&before.fields, &after.fields);
    check(
        &map.actions().next().unwrap().fields,
        &copy.actions().next().unwrap().fields,
    );
    check(
        map.touchpoints().next().unwrap(),
        copy.touchpoints().next().unwrap(),
    );
    check(
        &map.evidence().next().unwrap().fields,
        &copy.evidence().next().unwrap().fields,
    );
    assert_eq!(copy.evidence().next().unwrap().fields.title, "Story 1");
    assert!(after.name().starts_with("S-"), "{}", after.name());
}

#[test]
fn the_published_schema_is_the_one_generated_from_the_field_tables() {
    let path = root().join("public/stakemap.schema.json");
    let generated = format::json_schema_text();
    if std::env::var_os("STAKEMAP_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap();
    assert!(
        published == generated,
        "public/stakemap.schema.json is out of date: run \
         STAKEMAP_WRITE_SCHEMA=1 cargo test --test fields"
    );
    // Spot checks that the generation reads the tables and the limits.
    let schema = format::json_schema();
    let causes: Vec<&str> = schema["$defs"]["rootCause"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(causes, RootCause::ALL.map(RootCause::key));
    let person = &schema["$defs"]["stakeholder"]["properties"];
    for f in StakeholderFields::FIELDS {
        if !matches!(f.kind, Kind::Position) {
            assert!(person.get(f.key).is_some(), "{} is in the schema", f.key);
        }
    }
    assert_eq!(person["name"]["maxLength"], MAX_NAME_CHARS);
    assert_eq!(person["cadence_days"]["maximum"], *CADENCE_RANGE.end());
    assert_eq!(
        schema["properties"]["version"]["maximum"],
        format::CURRENT_VERSION
    );
}

#[test]
fn every_good_fixture_and_everything_the_app_writes_keeps_the_schema() {
    let v = validator();
    for path in fixtures("good") {
        let value = json_of(&path).unwrap();
        let errors = schema_errors(&v, &value);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        // What the app writes after reading it keeps the schema too.
        let map = format::read_value(value, NOW).unwrap();
        let written = format::to_value(&map, NOW);
        let errors = schema_errors(&v, &written);
        assert!(errors.is_empty(), "{} written: {errors:?}", path.display());
    }
    let mut ids = SequentialIds::starting_at(1);
    let map_id = MapId(ids.next_uuid());
    let example = example_map(
        map_id,
        || ids.next_uuid(),
        NOW,
        LocalDate::from_ymd(2026, 11, 22).unwrap(),
    );
    for (what, map) in [
        ("example", example.clone()),
        (
            "redacted",
            redacted(&example, &RedactOptions::labelled(LabelStyle::Initials)),
        ),
        (
            "full",
            map_with(full_person(), full_action(Tactic::SmallPilot)),
        ),
    ] {
        let errors = schema_errors(&v, &format::to_value(&map, NOW));
        assert!(errors.is_empty(), "{what}: {errors:?}");
    }
}

/// Bad files a JSON Schema cannot tell from good ones: the rules they break span records
/// (unique ids, references to a stakeholder in the same file). The reader refuses them.
const BEYOND_A_SCHEMA: &[&str] = &[
    "action-missing-stakeholder.json",
    "action-orphan-no-stakeholders.json",
    "duplicate-ids.json",
    "evidence-duplicate-ids.json",
    "history-missing-stakeholder.json",
    "relationship-missing-stakeholder.json",
];

#[test]
fn every_bad_fixture_breaks_the_schema_or_a_rule_beyond_it_and_every_repairable_one_breaks_it() {
    let v = validator();
    let mut broke_schema = 0;
    for path in fixtures("bad") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let refused = format::read_bytes(&std::fs::read(&path).unwrap(), NOW).is_err();
        assert!(refused, "{name} is refused by the reader");
        let Some(value) = json_of(&path) else {
            continue; // not JSON at all: nothing for a schema to judge
        };
        let valid = v.is_valid(&value);
        if BEYOND_A_SCHEMA.contains(&name.as_str()) {
            assert!(
                valid,
                "{name} keeps the schema; move it out of BEYOND_A_SCHEMA"
            );
        } else {
            assert!(!valid, "{name} breaks the schema");
            broke_schema += 1;
        }
    }
    assert!(broke_schema >= 20, "{broke_schema}");
    for path in fixtures("repairable") {
        let value = json_of(&path).unwrap();
        assert!(
            !v.is_valid(&value),
            "{} is outside today's rules",
            path.display()
        );
        // Once repaired, it keeps them.
        let map = format::read_value(value, NOW).unwrap();
        let errors = schema_errors(&v, &format::to_value(&map, NOW));
        assert!(errors.is_empty(), "{} repaired: {errors:?}", path.display());
    }
}

#[test]
fn a_required_field_left_out_is_refused_by_the_schema_and_the_reader() {
    let v = validator();
    let good = json_of(&root().join("tests/fixtures/good/minimal-v1.stakemap.json")).unwrap();
    let schema = format::json_schema();
    let required: Vec<String> = schema["$defs"]["stakeholder"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect();
    assert!(required.len() >= 4, "{required:?}");
    for key in required {
        let mut without = good.clone();
        without["stakeholders"][0]
            .as_object_mut()
            .unwrap()
            .remove(&key);
        assert!(!v.is_valid(&without), "{key} is required by the schema");
        assert!(
            format::read_value(without, NOW).is_err(),
            "{key} is required by the reader too"
        );
    }
}

#[test]
fn the_stakeholder_form_gives_back_every_field_it_was_opened_with() {
    // Opening the form and saving it unchanged changes nothing, including fields the form has
    // no input for.
    let map = map_with(full_person(), full_action(Tactic::ObserveSession));
    let person = map.stakeholders().next().unwrap();
    let draft = StakeholderDraft::from_stakeholder(person);
    assert_eq!(draft.validate().unwrap(), person.fields);
    let renamed = StakeholderDraft {
        name: "Marcus Feld-Ng".into(),
        ..draft
    };
    let saved = renamed.validate().unwrap();
    assert_eq!(saved.name, "Marcus Feld-Ng");
    assert_eq!(
        StakeholderFields {
            name: person.fields.name.clone(),
            ..saved
        },
        person.fields
    );
}

/// The file keys the README's format table lists for a list of records (`stakeholders`): the
/// backticked names in the first cell of its rows.
fn readme_keys(list: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let prefix = format!("| `{list}[].");
    readme
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|cell| cell.split('`').skip(1).step_by(2).map(str::to_owned))
        .map(|name| {
            let name = name.trim_start_matches(&format!("{list}[]"));
            name.trim_start_matches('.').to_owned()
        })
        .collect()
}

#[test]
fn the_readme_describes_every_field_of_every_record() {
    fn file_keys<R: Fields>() -> Vec<&'static str> {
        R::FIELDS
            .iter()
            .flat_map(|f| match f.kind {
                Kind::Position => vec!["influence", "skepticism"],
                _ => vec![f.key],
            })
            .collect()
    }
    for (list, keys) in [
        ("stakeholders", file_keys::<StakeholderFields>()),
        ("actions", file_keys::<ActionFields>()),
        ("touchpoints", file_keys::<Touchpoint>()),
        ("evidence", file_keys::<EvidenceFields>()),
        ("relationships", file_keys::<RelationshipFields>()),
    ] {
        let listed = readme_keys(list);
        for key in keys {
            assert!(
                listed.iter().any(|k| k == key),
                "README.md's file format table has no row for {list}[].{key}"
            );
        }
    }
}
