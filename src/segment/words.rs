//! What the segmentation rules ask of the words around a boundary: where a word starts,
//! the word before, whether it is a number, a Roman numeral, a day or month, a label,
//! all capitals. Each looks at most [`MAX_WORD`] bytes, so the rules stay linear.

use super::rules::MAX_WORD;

/// Start of the whitespace-free word ending at `end`, not before `floor`; `None` when
/// longer than [`MAX_WORD`].
pub(super) fn word_start(text: &str, floor: usize, end: usize) -> Option<usize> {
    let mut start = end;
    for (i, c) in text[floor..end].char_indices().rev() {
        if c.is_whitespace() {
            break;
        }
        start = floor + i;
        if end - start > MAX_WORD {
            return None;
        }
    }
    (start < end).then_some(start)
}

/// The word before the one starting at `word_start`, within the sentence.
pub(super) fn previous_word(text: &str, floor: usize, this_word: usize) -> Option<&str> {
    let end = text[..this_word].trim_end().len();
    if end <= floor || end == this_word {
        return None;
    }
    let start = word_start(text, floor, end)?;
    Some(&text[start..end])
}

/// The first whitespace-free word of `s` (at most [`MAX_WORD`] bytes).
pub(super) fn first_word(s: &str) -> &str {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || i >= MAX_WORD {
            break;
        }
        end = i + c.len_utf8();
    }
    &s[..end]
}

/// At most the first `n` bytes of `s`, cut on a character boundary.
pub(super) fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `n` bytes of `s`, cut on a character boundary.
fn suffix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut start = s.len() - n;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

pub(super) fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A Roman numeral from I to XXXIX.
pub(crate) fn is_roman(s: &str) -> bool {
    let units = s.trim_start_matches('X');
    if s.len() - units.len() > 3 {
        return false;
    }
    !s.is_empty()
        && matches!(
            units,
            "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        )
}

/// A day or month number with its dot: `3.`, `03.`, `15.`, or a day with a suffix
/// (`28-án`).
pub(super) fn is_day_or_month(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && matches!(word.as_bytes().get(digits), Some(b'.' | b'-'))
}

/// Whether `word` is written in capitals (at least two letters, no lowercase):
/// `VÁLTOZÁS`, `CIKKÉBEN`.
pub(super) fn is_all_capitals(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_uppercase());
    }
    letters >= 2
}

/// Whether `s` (ending with a dot) ends with an ordinal: a number or a one-letter
/// lowercase abbreviation (`8.`, `1. o.`).
pub(super) fn ends_with_ordinal(s: &str) -> bool {
    let stem = suffix(&s[..s.len() - 1], MAX_WORD);
    let word = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    is_number(word) || (word.chars().count() == 1 && word.chars().all(char::is_lowercase))
}

/// A Roman numeral from I to XII.
pub(super) fn is_roman_month(s: &str) -> bool {
    matches!(s, "X" | "XI" | "XII") || (is_roman(s) && !s.starts_with('X'))
}

/// A list label standing alone at the start of a sentence: `1.`, `12.`, `IV.`.
pub(super) fn is_label(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    (is_number(stem) && stem.len() <= 3) || is_roman(stem)
}
