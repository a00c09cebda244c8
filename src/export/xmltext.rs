//! Text for XML and HTML outputs: characters those formats cannot carry are replaced.
//!
//! XML 1.0 allows only tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF;
//! a single U+FFFE or C0 control makes a parser reject the whole file (lone surrogates
//! cannot occur in a Rust `String`). The XML spec also discourages, and HTML forbids,
//! the C1 controls (U+0080–U+009F) and the noncharacters (U+FDD0–U+FDEF and the last two
//! code points of every plane). Every exporter that writes XML or HTML (TMX, XLIFF,
//! xlsx, HTML) passes text through [`clean`], which replaces each such character by
//! U+FFFD (the replacement character, visible in every tool) and counts them, so the
//! caller can say how many were replaced. Cost: one pass over the text; no allocation
//! when nothing needs replacing.

use std::borrow::Cow;

/// The character put in place of one XML cannot carry.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 and HTML can carry `c` as text (the allowed characters less the
/// discouraged ones).
pub fn is_allowed(c: char) -> bool {
    let u = u32::from(c);
    match u {
        0x09 | 0x0A | 0x0D => true,
        0x00..=0x1F | 0x7F..=0x9F => false,
        0xFDD0..=0xFDEF => false,
        _ => u & 0xFFFE != 0xFFFE,
    }
}

/// `s` with every character [`is_allowed`] refuses replaced by [`REPLACEMENT`]; adds the
/// number replaced to `replaced`.
pub fn clean<'a>(s: &'a str, replaced: &mut usize) -> Cow<'a, str> {
    if s.chars().all(is_allowed) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_allowed(c) {
                    c
                } else {
                    *replaced += 1;
                    REPLACEMENT
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn illegal_characters_are_replaced_and_counted() {
        let mut n = 0;
        assert_eq!(
            clean("Havanna, 1963. – „jó”", &mut n),
            "Havanna, 1963. – „jó”"
        );
        assert!(matches!(clean("abc", &mut n), Cow::Borrowed(_)));
        assert_eq!(n, 0);
        let s = "a\u{FFFE}b\u{FFFF}c\u{0}d\u{1B}e\u{85}f\u{FDD0}g\u{1FFFF}h\ti\nj";
        assert_eq!(
            clean(s, &mut n),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\ti\nj"
        );
        assert_eq!(n, 7);
        assert!(is_allowed('\u{FFFD}') && is_allowed('\u{10000}') && is_allowed('\u{E000}'));
    }
}
