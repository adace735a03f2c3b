//! Password-protected map files. The fixture `tests/fixtures/locked/example.stakemap.locked.json`
//! was made once by the app itself (the e2e test `locked.test.mjs`, with
//! `STAKEMAP_WRITE_FIXTURE=1`), through the browser's WebCrypto, locking a map named "Board
//! rollout 2027" with the passphrase below. Here an independent implementation (RustCrypto's
//! `pbkdf2` and `aes-gcm`) opens it, which holds the envelope to the standards it names; the
//! in-browser test opens it through the app's own adapter. The bad fixtures beside it are the
//! same file, edited.
#![cfg(not(target_arch = "wasm32"))]

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use sha2::Sha256;
use stakemap::format::{self, ImportError, LockedFile, Opened};
use std::path::Path;

const PASSPHRASE: &str = "copper kettle orbit meadow";
const NOW: stakemap::model::Timestamp =
    stakemap::model::Timestamp::from_unix_millis(1_790_000_000_000);

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/locked")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn locked(name: &str) -> LockedFile {
    match format::open_bytes(&fixture(name), NOW) {
        Ok(Opened::Locked(file)) => file,
        other => panic!("{name} should read as a locked file, got {other:?}"),
    }
}

/// Opens a locked file as the schema describes, without the app's code: PBKDF2-HMAC-SHA256,
/// then AES-256-GCM with the header as additional data.
fn open(file: &LockedFile, passphrase: &str) -> Option<Vec<u8>> {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &file.salt, file.iterations, &mut key);
    let cipher = Aes256Gcm::new_from_slice(&key).ok()?;
    let aad = file.aad();
    cipher
        .decrypt(
            Nonce::from_slice(&file.iv),
            Payload {
                msg: &file.ciphertext,
                aad: &aad,
            },
        )
        .ok()
}

#[test]
fn the_file_the_app_locked_opens_with_its_passphrase_into_the_whole_map() {
    let file = locked("example.stakemap.locked.json");
    assert_eq!(file.iterations, 600_000);
    let plain = open(&file, PASSPHRASE).expect("the passphrase opens the file");
    let read = format::read_bytes(&plain, NOW).expect("inside is a map file");
    assert_eq!(read.map.name, "Board rollout 2027");
    assert_eq!(read.map.len(), 10);
    assert!(read.map.actions().count() > 0 && read.map.touchpoints().count() > 0);

    // Nothing the map holds is readable in the locked file: no name, no note, no map name.
    let text = String::from_utf8(fixture("example.stakemap.locked.json")).unwrap();
    let mut typed: Vec<String> = vec![read.map.name.clone()];
    for s in read.map.stakeholders() {
        typed.push(s.name().to_owned());
        typed.extend(
            s.fields
                .notes
                .split('.')
                .map(str::trim)
                .filter(|t| t.len() > 12)
                .map(str::to_owned),
        );
    }
    for t in read.map.touchpoints() {
        typed.extend(
            t.note
                .split('.')
                .map(str::trim)
                .filter(|t| t.len() > 12)
                .map(str::to_owned),
        );
    }
    assert!(
        typed.len() > 15,
        "the example map has names and notes to look for"
    );
    for t in &typed {
        assert!(
            !text.contains(t.as_str()),
            "“{t}” is readable in the locked file"
        );
    }
}

#[test]
fn a_wrong_passphrase_or_a_changed_header_does_not_open_it() {
    let file = locked("example.stakemap.locked.json");
    assert_eq!(open(&file, "copper kettle orbit meadoW"), None);
    assert_eq!(open(&file, ""), None);
    // Same ciphertext, one more round of key stretching in the header: authenticated, refused.
    let tampered = locked("tampered-header.stakemap.locked.json");
    assert_eq!(tampered.ciphertext, file.ciphertext);
    assert_eq!(open(&tampered, PASSPHRASE), None);
    // And the bytes of the ciphertext itself cannot be changed either.
    let mut flipped = file.clone();
    flipped.ciphertext[10] ^= 1;
    assert_eq!(open(&flipped, PASSPHRASE), None);
}

#[test]
fn a_hostile_or_damaged_envelope_is_refused_with_its_reason_before_any_work() {
    let cases: [(&str, &str); 3] = [
        (
            "hostile-iterations.stakemap.locked.json",
            "asks for 2,000,000,000 rounds of key stretching; Stakemap accepts 600,000 to 5,000,000",
        ),
        (
            "short-iv.stakemap.locked.json",
            "This password-protected file is damaged, so it cannot be opened: its IV is 3 bytes; it must be 12.",
        ),
        (
            "future-version.stakemap.locked.json",
            "saved by a newer Stakemap (locked-file version 2)",
        ),
    ];
    for (name, expected) in cases {
        let err = format::open_bytes(&fixture(name), NOW).expect_err(name);
        assert!(
            err.headline().contains(expected),
            "{name}: expected “{expected}” in “{}”",
            err.headline()
        );
    }
    // Parts missing or not base64 are named.
    let mut value: serde_json::Value =
        serde_json::from_slice(&fixture("example.stakemap.locked.json")).unwrap();
    value["kdf"]["salt"] = "not base64!".into();
    let err = format::open_bytes(value.to_string().as_bytes(), NOW).unwrap_err();
    assert!(
        err.headline().contains("its \"salt\" is not base64"),
        "{}",
        err.headline()
    );
    value.as_object_mut().unwrap().remove("ciphertext");
    let err = format::open_bytes(value.to_string().as_bytes(), NOW).unwrap_err();
    assert!(matches!(err, ImportError::LockedDamaged { .. }), "{err:?}");
}

#[test]
fn an_ordinary_map_file_is_read_as_before() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/full-v1.stakemap.json");
    let bytes = std::fs::read(path).unwrap();
    let Ok(Opened::Map(read)) = format::open_bytes(&bytes, NOW) else {
        panic!("a map file opens as a map");
    };
    assert_eq!(*read, format::read_bytes(&bytes, NOW).unwrap());
}

#[test]
fn the_published_locked_schema_is_generated_and_describes_the_fixture() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/stakemap-locked.schema.json");
    let generated = format::locked_schema_text();
    if std::env::var_os("STAKEMAP_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == generated,
        "public/stakemap-locked.schema.json is out of date: run \
         STAKEMAP_WRITE_SCHEMA=1 cargo test --test locked"
    );
    let validator = jsonschema::options()
        .build(&format::locked_schema())
        .expect("a valid JSON Schema");
    let good: serde_json::Value =
        serde_json::from_slice(&fixture("example.stakemap.locked.json")).unwrap();
    assert!(validator.is_valid(&good));
    for bad in [
        "hostile-iterations.stakemap.locked.json",
        "future-version.stakemap.locked.json",
        "short-iv.stakemap.locked.json",
    ] {
        let value: serde_json::Value = serde_json::from_slice(&fixture(bad)).unwrap();
        assert!(!validator.is_valid(&value), "{bad} breaks the schema");
    }
}
