//! Password-protected files, through the browser's WebCrypto (`crypto.subtle`): PBKDF2-HMAC-
//! SHA256 makes an AES-256-GCM key from the passphrase, and AES-GCM encrypts the map file with
//! the envelope's header as additional data. No cryptography is written here, only the calls;
//! the envelope itself is the file format's (`format::LockedFile`).

use crate::format::{LockedFile, CIPHER, ITERATIONS, IV_BYTES, SALT_BYTES};
use crate::state::Unlock;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, Crypto, CryptoKey, Pbkdf2Params, SubtleCrypto};

const NO_WEBCRYPTO: &str = "this browser offers no WebCrypto here (it only does on a secure \
     page: https, or the app served from this computer)";

fn crypto() -> Result<Crypto, String> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| NO_WEBCRYPTO.to_owned())
}

fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = crypto()?;
    // `crypto.subtle` is undefined outside a secure context.
    let subtle = js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .ok()
        .filter(|s| !s.is_undefined() && !s.is_null())
        .ok_or_else(|| NO_WEBCRYPTO.to_owned())?;
    Ok(subtle.unchecked_into())
}

/// `n` bytes from the browser's cryptographic generator; never a weaker source.
fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; n];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| "the browser's random number generator refused".to_owned())?;
    Ok(bytes)
}

fn why(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(web_sys::DomException::message)
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "the browser's cryptography failed".to_owned())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// The AES-256-GCM key made from `passphrase` by PBKDF2-HMAC-SHA256 over `salt`.
async fn derive_key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, JsValue> {
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let base = settle(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(passphrase.as_bytes()),
        "PBKDF2",
        false,
        &usages,
    ))
    .await?;
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let key = settle(subtle.derive_key_with_object_and_object(
        &params,
        &base.unchecked_into(),
        &aes,
        false,
        &usages,
    ))
    .await?;
    Ok(key.unchecked_into())
}

fn gcm(iv: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(aad));
    params
}

/// Locks a map file's text under `passphrase`: the locked file's text.
pub async fn lock(plain: String, passphrase: String) -> Result<String, String> {
    let subtle = subtle()?;
    let salt = random_bytes(SALT_BYTES)?;
    let iv = random_bytes(IV_BYTES)?;
    let key = derive_key(&subtle, &passphrase, &salt, ITERATIONS)
        .await
        .map_err(|e| why(&e))?;
    let aad = LockedFile::header_bytes(ITERATIONS, &salt, &iv);
    let sealed =
        settle(subtle.encrypt_with_object_and_u8_array(&gcm(&iv, &aad), &key, plain.as_bytes()))
            .await
            .map_err(|e| why(&e))?;
    let ciphertext = Uint8Array::new(&sealed).to_vec();
    Ok(LockedFile {
        iterations: ITERATIONS,
        salt,
        iv,
        ciphertext,
    }
    .to_json())
}

/// Opens a locked file with `passphrase`: the map file's bytes inside it.
pub async fn unlock(file: LockedFile, passphrase: String) -> Result<Vec<u8>, Unlock> {
    let subtle = subtle().map_err(Unlock::Unavailable)?;
    let key = derive_key(&subtle, &passphrase, &file.salt, file.iterations)
        .await
        .map_err(|e| Unlock::Unavailable(why(&e)))?;
    let opened = settle(subtle.decrypt_with_object_and_u8_array(
        &gcm(&file.iv, &file.aad()),
        &key,
        &file.ciphertext,
    ))
    .await
    // AES-GCM fails the same way for a wrong key and for a changed file: an OperationError.
    .map_err(|e| match e.dyn_ref::<web_sys::DomException>() {
        Some(d) if d.name() == "OperationError" => Unlock::WrongPassphrase,
        _ => Unlock::Unavailable(format!("{CIPHER}: {}", why(&e))),
    })?;
    Ok(Uint8Array::new(&opened).to_vec())
}
