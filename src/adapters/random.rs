//! Fresh random ids from the browser's cryptographic generator.

use crate::model::uuid_from_random;
use uuid::Uuid;

/// A new version-4 UUID. Falls back to `Math.random` if the crypto API is missing, which only
/// affects uniqueness guarantees, never correctness of the map.
pub fn new_uuid() -> Uuid {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_from_random(bytes)
}
