//! Lines of a normalised text: their byte ranges and the small facts about a line that
//! layout detection, page furniture and paragraph building all ask.

use std::ops::Range;

/// Byte ranges of every line (terminator excluded); a final empty line after a
/// trailing newline is not a line.
pub(crate) fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

/// Whether a line holds nothing but whitespace (form feeds included).
pub(crate) fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// The index of the first line after the header comment: a leading block of lines that
/// start with `#` (provenance notes, see docs/corpus.md).
pub(crate) fn header_end(text: &str, lines: &[Range<usize>]) -> usize {
    lines
        .iter()
        .position(|r| !text[r.clone()].starts_with('#'))
        .unwrap_or(lines.len())
}

/// Length of a line in characters, trailing whitespace excluded.
pub(crate) fn char_len(line: &str) -> usize {
    line.trim_end().chars().count()
}

/// Whether a line ends a sentence: `.`, `!`, `?`, `…` or `:`, possibly followed by
/// closing quotes or brackets.
pub(crate) fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '«', ')', ']', '*'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// Whether the first letter of a line is lower case (the line continues a sentence).
pub(crate) fn starts_lowercase(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_and_starts() {
        assert!(ends_sentence("the end.”  "));
        assert!(ends_sentence("Mi lesz most?"));
        assert!(!ends_sentence("and so it went on, and"));
        assert!(starts_lowercase("„és akkor"));
        assert!(!starts_lowercase("– Ki az?"));
    }
}
