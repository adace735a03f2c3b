//! Text made safe for markup: the map's SVG on screen, the exported picture, and HTML built as
//! text.

/// True for characters XML 1.0 forbids or tells documents to avoid, which make an SVG fail to
/// open (a browser shows an error page instead of the map, and the PNG, drawn from the SVG, is
/// never made): control characters, the non-characters U+FDD0–U+FDEF, and U+FFFE and U+FFFF
/// in every plane. Surrogates cannot be in a Rust string; a lone one in a file arrives as
/// U+FFFD, which XML allows and which is kept.
fn not_for_xml(c: char) -> bool {
    let code = u32::from(c);
    c.is_control() || (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// Escapes text for markup (SVG, and HTML built as text), in content and attribute values,
/// dropping what XML does not allow. Line breaks and tabs become spaces, so the words on either
/// side stay apart.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if not_for_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}
