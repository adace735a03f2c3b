//! Password-protected map files: a small envelope around a map file encrypted in the browser.
//!
//! ```json
//! { "format": "stakemap-locked", "version": 1,
//!   "cipher": "AES-256-GCM",
//!   "kdf": { "name": "PBKDF2-HMAC-SHA256", "iterations": 600000, "salt": "<base64, 16 bytes>" },
//!   "iv": "<base64, 12 bytes>",
//!   "ciphertext": "<base64: the map file's UTF-8 JSON, encrypted, its 16-byte tag at the end>" }
//! ```
//!
//! The key is derived from the passphrase with PBKDF2-HMAC-SHA256 over the salt; the map file
//! is encrypted with AES-256-GCM under that key and the IV, with the header (every field but
//! `ciphertext`, in the canonical form of [`LockedFile::header_bytes`]) as additional
//! authenticated data, so changing the iterations, the salt or anything else in the header
//! makes the file fail to open just as a wrong passphrase does.
//!
//! This module does no cryptography: the browser's WebCrypto does all of it (the app's
//! `adapters/crypto.rs`). Here the envelope is written and checked, and every check runs
//! before any key is derived, so a hostile file asking for a billion rounds of key stretching
//! is refused at once instead of freezing the page.

use super::error::ImportError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The value of a locked file's `format` field.
pub const LOCKED_FORMAT: &str = "stakemap-locked";
/// The newest locked-envelope version this build reads, and the one it writes.
pub const LOCKED_VERSION: u64 = 1;
/// The cipher, as named in the file.
pub const CIPHER: &str = "AES-256-GCM";
/// The key derivation, as named in the file.
pub const KDF: &str = "PBKDF2-HMAC-SHA256";
/// Rounds of key stretching written into new files: OWASP's recommendation for
/// PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;
/// The fewest rounds a file may ask for: fewer would make a passphrase cheap to guess, and
/// Stakemap never writes fewer.
pub const MIN_ITERATIONS: u32 = ITERATIONS;
/// The most rounds a file may ask for, so opening one takes seconds at most.
pub const MAX_ITERATIONS: u32 = 5_000_000;
/// Bytes of salt written into new files.
pub const SALT_BYTES: usize = 16;
/// The largest salt a file may carry.
pub const MAX_SALT_BYTES: usize = 64;
/// Bytes of IV (nonce): the size AES-GCM is defined for.
pub const IV_BYTES: usize = 12;
/// Bytes of the authentication tag at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// The fewest characters a passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A password-protected map file, read and checked, waiting for its passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedFile {
    /// Rounds of PBKDF2.
    pub iterations: u32,
    /// PBKDF2's salt.
    pub salt: Vec<u8>,
    /// AES-GCM's IV.
    pub iv: Vec<u8>,
    /// The encrypted map file, its tag at the end.
    pub ciphertext: Vec<u8>,
}

/// The header as written and as authenticated: the order of the fields is the order here.
#[derive(Serialize)]
struct Header<'a> {
    format: &'a str,
    version: u64,
    cipher: &'a str,
    kdf: Kdf<'a>,
    iv: String,
}

#[derive(Serialize)]
struct Kdf<'a> {
    name: &'a str,
    iterations: u32,
    salt: String,
}

/// A locked file as written: the header, then the ciphertext.
#[derive(Serialize)]
struct Whole<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    ciphertext: String,
}

fn header(iterations: u32, salt: &[u8], iv: &[u8]) -> Header<'static> {
    Header {
        format: LOCKED_FORMAT,
        version: LOCKED_VERSION,
        cipher: CIPHER,
        kdf: Kdf {
            name: KDF,
            iterations,
            salt: STANDARD.encode(salt),
        },
        iv: STANDARD.encode(iv),
    }
}

impl LockedFile {
    /// The header's canonical form, authenticated as AES-GCM's additional data: compact JSON
    /// with the keys in the order `format`, `version`, `cipher`, `kdf` (`name`, `iterations`,
    /// `salt`), `iv`, binary values in standard base64 with padding.
    ///
    /// ```
    /// use stakemap_core::format::LockedFile;
    /// let aad = LockedFile::header_bytes(600_000, &[0; 16], &[1; 12]);
    /// assert_eq!(
    ///     String::from_utf8(aad).unwrap(),
    ///     r#"{"format":"stakemap-locked","version":1,"cipher":"AES-256-GCM","kdf":{"name":"PBKDF2-HMAC-SHA256","iterations":600000,"salt":"AAAAAAAAAAAAAAAAAAAAAA=="},"iv":"AQEBAQEBAQEBAQEB"}"#
    /// );
    /// ```
    pub fn header_bytes(iterations: u32, salt: &[u8], iv: &[u8]) -> Vec<u8> {
        // Plain strings and numbers: serialising cannot fail.
        serde_json::to_vec(&header(iterations, salt, iv)).unwrap_or_default()
    }

    /// This file's header in canonical form (see [`LockedFile::header_bytes`]).
    pub fn aad(&self) -> Vec<u8> {
        Self::header_bytes(self.iterations, &self.salt, &self.iv)
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let whole = Whole {
            header: header(self.iterations, &self.salt, &self.iv),
            ciphertext: STANDARD.encode(&self.ciphertext),
        };
        let mut text = serde_json::to_string_pretty(&whole).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a parsed file whose `format` is [`LOCKED_FORMAT`], checking every part and every
    /// bound before any work is done with it.
    pub fn from_value(value: &Value) -> Result<Self, ImportError> {
        let obj = value
            .as_object()
            .ok_or_else(|| damaged("it is not a JSON object"))?;
        match obj.get("version").and_then(Value::as_u64) {
            Some(LOCKED_VERSION) => {}
            Some(v) if v > LOCKED_VERSION => return Err(ImportError::LockedTooNew { version: v }),
            _ => return Err(damaged("its \"version\" is missing or not 1")),
        }
        let cipher = text_field(obj, "cipher")?;
        if cipher != CIPHER {
            return Err(damaged(&format!(
                "it names the cipher \"{}\"; Stakemap uses {CIPHER}",
                clip(cipher)
            )));
        }
        let kdf = obj
            .get("kdf")
            .and_then(Value::as_object)
            .ok_or_else(|| damaged("its \"kdf\" (how the key is made) is missing"))?;
        let name = text_field(kdf, "name")?;
        if name != KDF {
            return Err(damaged(&format!(
                "it names the key derivation \"{}\"; Stakemap uses {KDF}",
                clip(name)
            )));
        }
        let iterations = kdf.get("iterations").and_then(Value::as_u64);
        let iterations = match iterations {
            Some(n) if (u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&n) => {
                n as u32
            }
            Some(n) => return Err(ImportError::LockedUnsafe { iterations: n }),
            None => return Err(damaged("its number of key-stretching rounds is missing")),
        };
        let salt = bytes_field(kdf, "salt")?;
        if !(SALT_BYTES..=MAX_SALT_BYTES).contains(&salt.len()) {
            return Err(damaged(&format!(
                "its salt is {} bytes; it must be {SALT_BYTES} to {MAX_SALT_BYTES}",
                salt.len()
            )));
        }
        let iv = bytes_field(obj, "iv")?;
        if iv.len() != IV_BYTES {
            return Err(damaged(&format!(
                "its IV is {} bytes; it must be {IV_BYTES}",
                iv.len()
            )));
        }
        let ciphertext = bytes_field(obj, "ciphertext")?;
        if ciphertext.len() <= TAG_BYTES {
            return Err(damaged("its encrypted content is missing or cut off"));
        }
        Ok(LockedFile {
            iterations,
            salt,
            iv,
            ciphertext,
        })
    }
}

fn damaged(problem: &str) -> ImportError {
    ImportError::LockedDamaged {
        problem: problem.to_owned(),
    }
}

/// A hostile file's text, short enough to quote.
fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

fn text_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a str, ImportError> {
    obj.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| damaged(&format!("its \"{key}\" is missing")))
}

fn bytes_field(obj: &Map<String, Value>, key: &str) -> Result<Vec<u8>, ImportError> {
    STANDARD
        .decode(text_field(obj, key)?.trim())
        .map_err(|_| damaged(&format!("its \"{key}\" is not base64")))
}

/// The published JSON Schema of a locked file (`public/stakemap-locked.schema.json`), from the
/// same constants the reader checks.
pub fn locked_schema() -> Value {
    let base64 = |about: &str, min: usize, max: usize| {
        // Standard base64 with padding: 4 characters for every 3 bytes.
        let chars = |n: usize| n.div_ceil(3) * 4;
        json!({
            "type": "string",
            "contentEncoding": "base64",
            "pattern": "^[A-Za-z0-9+/]*={0,2}$",
            "minLength": chars(min),
            "maxLength": chars(max),
            "description": about
        })
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "stakemap-locked.schema.json",
        "title": "Stakemap password-protected map file",
        "description": format!(
            "A Stakemap map file (see stakemap.schema.json) encrypted with a passphrase. The key \
             is derived from the passphrase's UTF-8 bytes with {KDF} over the salt; the map file's \
             UTF-8 JSON is encrypted with {CIPHER} under that key and the IV, with a 128-bit tag. \
             The header (every field but ciphertext) is the additional authenticated data, as \
             compact JSON with the keys in this order: format, version, cipher, kdf (name, \
             iterations, salt), iv. Readers refuse iterations outside {MIN_ITERATIONS}–\
             {MAX_ITERATIONS} and salts outside {SALT_BYTES}–{MAX_SALT_BYTES} bytes before \
             deriving a key."
        ),
        "type": "object",
        "required": ["format", "version", "cipher", "kdf", "iv", "ciphertext"],
        "properties": {
            "format": { "const": LOCKED_FORMAT },
            "version": {
                "type": "integer",
                "minimum": 1,
                "maximum": LOCKED_VERSION,
                "description": "Version of this envelope. Apps refuse a newer one."
            },
            "cipher": { "const": CIPHER },
            "kdf": {
                "type": "object",
                "required": ["name", "iterations", "salt"],
                "properties": {
                    "name": { "const": KDF },
                    "iterations": {
                        "type": "integer",
                        "minimum": MIN_ITERATIONS,
                        "maximum": MAX_ITERATIONS,
                        "description": "Rounds of PBKDF2; Stakemap writes 600,000 (OWASP)."
                    },
                    "salt": base64("Random salt, new for every file.", SALT_BYTES, MAX_SALT_BYTES)
                }
            },
            "iv": base64("Random 96-bit IV, new for every file.", IV_BYTES, IV_BYTES),
            "ciphertext": {
                "type": "string",
                "contentEncoding": "base64",
                "pattern": "^[A-Za-z0-9+/]*={0,2}$",
                "minLength": (TAG_BYTES + 1).div_ceil(3) * 4,
                "description": "The encrypted map file followed by the 16-byte GCM tag."
            }
        }
    })
}

/// The published locked-file schema as written: indented, ending in a new line.
pub fn locked_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&locked_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// How hard a passphrase looks to guess, as a hint beside the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`]: refused.
    TooShort,
    /// Short, common or repetitive.
    Weak,
    /// Would hold against casual guessing.
    Fair,
    /// Long or several words.
    Strong,
}

impl Strength {
    /// Whether a file may be locked with it.
    pub fn allowed(self) -> bool {
        self != Strength::TooShort
    }

    /// The hint shown beside the field.
    pub fn words(self) -> &'static str {
        match self {
            Strength::TooShort => "Too short: use at least 8 characters.",
            Strength::Weak => {
                "Weak: easy to guess. A phrase of four or more unrelated words is stronger."
            }
            Strength::Fair => "Fair. A longer phrase of unrelated words would be stronger.",
            Strength::Strong => "Strong.",
        }
    }
}

/// A rough estimate of how hard `passphrase` is to guess: a hint, not a guarantee. Length
/// counts most; several words, mixed kinds of characters and few repeats add to it; a
/// well-known password is weak whatever its length.
///
/// ```
/// use stakemap_core::format::{passphrase_strength, Strength};
/// assert_eq!(passphrase_strength("abc"), Strength::TooShort);
/// assert_eq!(passphrase_strength("password1"), Strength::Weak);
/// assert_eq!(passphrase_strength("aaaaaaaaaaaa"), Strength::Weak);
/// assert_eq!(passphrase_strength("Tulip-Harbor7"), Strength::Fair);
/// assert_eq!(passphrase_strength("copper kettle orbit meadow"), Strength::Strong);
/// ```
pub fn passphrase_strength(passphrase: &str) -> Strength {
    const COMMON: &[&str] = &[
        "password",
        "passw0rd",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "iloveyou",
        "letmein1",
        "welcome1",
        "abcdefgh",
        "stakemap",
        "11111111",
        "00000000",
    ];
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < MIN_PASSPHRASE_CHARS {
        return Strength::TooShort;
    }
    let lower = passphrase.to_lowercase();
    let bare = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == '!');
    if COMMON
        .iter()
        .any(|c| lower == *c || bare == *c || bare.is_empty())
    {
        return Strength::Weak;
    }
    let mut distinct: Vec<char> = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() * 3 < chars.len() || distinct.len() < 5 {
        return Strength::Weak;
    }
    let words = passphrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .count();
    let kinds = [
        chars.iter().any(|c| c.is_lowercase()),
        chars.iter().any(|c| c.is_uppercase()),
        chars.iter().any(|c| c.is_numeric()),
        chars.iter().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if (words >= 4 && chars.len() >= 20) || chars.len() >= 24 {
        Strength::Strong
    } else if chars.len() >= 16 && kinds >= 2 || chars.len() >= 12 && kinds >= 3 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> LockedFile {
        LockedFile {
            iterations: ITERATIONS,
            salt: vec![7; SALT_BYTES],
            iv: vec![9; IV_BYTES],
            ciphertext: vec![1; 40],
        }
    }

    fn value_of(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_written_file_reads_back_the_same() {
        let f = file();
        assert_eq!(LockedFile::from_value(&value_of(&f.to_json())), Ok(f));
    }

    #[test]
    fn the_header_authenticated_is_the_header_written() {
        let f = file();
        let written = value_of(&f.to_json());
        let mut header = written.as_object().unwrap().clone();
        header.remove("ciphertext");
        assert_eq!(
            value_of(&String::from_utf8(f.aad()).unwrap()),
            Value::Object(header)
        );
    }

    #[test]
    fn key_stretching_out_of_bounds_is_refused_before_any_work() {
        for n in [0u64, 1_000, 599_999, 5_000_001, 4_000_000_000, u64::MAX] {
            let mut v = value_of(&file().to_json());
            v["kdf"]["iterations"] = n.into();
            assert_eq!(
                LockedFile::from_value(&v),
                Err(ImportError::LockedUnsafe { iterations: n })
            );
        }
    }
}
