//! Packing parts small: the JSON is LZ4-compressed and the bytes spread 15 bits to a character.

use super::MAX_UNPACKED;
use serde::Serialize;

/// Packs bytes into text, 15 bits to a character, after a two-character length.
pub fn pack(bytes: &[u8]) -> String {
    let len = bytes.len() as u32;
    let mut out = String::with_capacity(bytes.len() / 15 * 8 * 3 + 8);
    let mut push = |v: u32| out.push(char::from_u32(0x100 + (v & 0x7FFF)).unwrap_or('\u{100}'));
    push(len >> 15);
    push(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(acc >> bits);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push(acc << (15 - bits));
    }
    out
}

/// The bytes [`pack`] packed, or `None` when the text is not packed data.
pub fn unpack(text: &str) -> Option<Vec<u8>> {
    let mut chars = text.chars().map(|c| {
        let v = u32::from(c);
        (0x100..=0x80FF).contains(&v).then(|| v - 0x100)
    });
    let high = chars.next()??;
    let low = chars.next()??;
    let len = usize::try_from((high << 15) | low).ok()?;
    if len > MAX_UNPACKED || len > text.len() * 2 {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in chars {
        acc = (acc << 15) | v?;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    (out.len() == len).then_some(out)
}

fn squeeze(json: &[u8]) -> String {
    pack(&lz4_flex::block::compress_prepend_size(json))
}

/// Why a part could not be unpacked.
#[derive(Debug)]
pub(super) enum Unpack {
    /// Not packed data, or its length does not add up.
    Damaged,
    /// It would unpack to more than the room left (see
    /// [`MAX_STORED_BYTES`](super::MAX_STORED_BYTES)).
    TooLarge,
}

/// Unpacks one part, refusing before decompressing when its claimed size exceeds `room`.
pub(super) fn unsqueeze(text: &str, room: usize) -> Result<Vec<u8>, Unpack> {
    let bytes = unpack(text).ok_or(Unpack::Damaged)?;
    let (size, body) = bytes.split_first_chunk::<4>().ok_or(Unpack::Damaged)?;
    let size = usize::try_from(u32::from_le_bytes(*size)).map_err(|_| Unpack::Damaged)?;
    // LZ4 cannot expand data more than 255 times; a larger claim is damage, not data.
    if size > body.len().saturating_mul(255) + 16 {
        return Err(Unpack::Damaged);
    }
    if size > room.min(MAX_UNPACKED) {
        return Err(Unpack::TooLarge);
    }
    lz4_flex::block::decompress(body, size).map_err(|_| Unpack::Damaged)
}

pub(super) fn squeeze_json(value: &impl Serialize) -> String {
    // Serialising plain strings and numbers cannot fail.
    squeeze(&serde_json::to_vec(value).unwrap_or_default())
}
