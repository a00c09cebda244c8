//! The merge and extra-split rules applied on top of UAX#29 sentence boundaries.
//!
//! - *Merge rules* ([`Rules::keep_together`]) look at one UAX#29 boundary and may remove
//!   it (`dr. ⏐ Kovács`, `XIV. ⏐ Lajos`, `"Stop!" ⏐ he said`).
//! - *Extra-split rules* ([`Rules::extra_breaks`]) add boundaries UAX#29 never makes
//!   (`… ⏐ Talán`, `mama! ⏐ - Ez a csend`).
//!
//! Every rule looks at a bounded window around the boundary (at most [`MAX_WORD`] bytes
//! for a word, [`MAX_GAP`] characters of punctuation and spaces), so the whole pass is
//! linear in the paragraph length. Rule names are stable: they appear in
//! [`super::Decision::rule`] and name the unit tests.

use super::abbrev::{Abbreviations, Finality};
use super::words::{
    ends_with_ordinal, first_word, is_all_capitals, is_day_or_month, is_label, is_number, is_roman,
    is_roman_month, prefix, previous_word, word_start,
};

/// Longest word (in bytes) the rules inspect; longer words are never abbreviations,
/// numbers or initials.
pub(crate) const MAX_WORD: usize = 64;

/// Most closing marks or spaces skipped when looking past a terminator.
const MAX_GAP: usize = 16;

/// Which family of rules applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// Hungarian: ordinal dots, Roman ordinals, file numbers, digraph initials.
    Hungarian,
    /// English: as generic, but the pronoun `I.` is not an initial.
    English,
    /// Any other language: abbreviations, initials, punctuation rules only.
    Generic,
}

/// Rule names, as reported in decisions.
pub(crate) mod name {
    pub const ABBREVIATION: &str = "abbreviation";
    pub const ABBREVIATION_BEFORE_LOWERCASE: &str = "abbreviation_can_end_before_lowercase";
    pub const INITIALS: &str = "initials";
    pub const LIST_LABEL: &str = "list_label";
    pub const EXCLAMATION_BEFORE_LOWERCASE: &str = "exclamation_before_lowercase";
    pub const SLASH_PARENTHESIS: &str = "slash_parenthesis";
    pub const HU_YEAR_DOT_BEFORE_MONTH: &str = "hu_year_dot_before_month";
    pub const HU_YEAR_DOT_BEFORE_ROMAN_MONTH: &str = "hu_year_dot_before_roman_month";
    pub const HU_NUMBER_DOT_BEFORE_ABBREVIATION: &str = "hu_number_dot_before_abbreviation";
    pub const HU_FILE_NUMBER: &str = "hu_file_number";
    pub const HU_ROMAN_ORDINAL: &str = "hu_roman_ordinal";
    pub const HU_NUMERIC_DATE: &str = "hu_numeric_date";
    pub const HU_ORDINAL_BEFORE_CAPITALS: &str = "hu_ordinal_before_capitals";
    pub const HU_ORDINAL_DOT_IN_BRACKETS: &str = "hu_ordinal_dot_in_brackets";
    pub const ELLIPSIS_BEFORE_CAPITAL: &str = "ellipsis_before_capital";
    pub const DIALOGUE_DASH: &str = "dialogue_dash";
    pub const INTERRUPTED_QUOTE: &str = "interrupted_quote";
    pub const SPACED_CLOSING_QUOTE: &str = "spaced_closing_quote";
    pub const EN_QUOTE_ATTRIBUTION: &str = "en_quote_attribution";
}

/// The rules of one language with its abbreviations.
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    pub(crate) profile: Profile,
    pub(crate) abbrevs: Abbreviations,
}

/// Sentence-final punctuation.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

/// Marks that may close a quotation or parenthesis after a terminator.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '“' | '»' | '«' | '›' | '‹' | ')' | ']' | '}'
    )
}

/// Marks that may open a quotation or parenthesis before a word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '„'
            | '“'
            | '‘'
            | '‚'
            | '»'
            | '«'
            | '›'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
    )
}

/// Dashes used for dialogue (Hungarian typewritten text uses the ASCII hyphen).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−')
}

/// Hungarian two- and three-letter initials (`Sz. K.`, `Gy.`, `Dzs.`).
const HU_DIGRAPHS: [&str; 9] = ["Cs", "Dz", "Dzs", "Gy", "Ly", "Ny", "Sz", "Ty", "Zs"];

/// Hungarian month names (and the start of their abbreviations), lowercase as written.
const HU_MONTHS: [&str; 12] = [
    "jan", "febr", "márc", "ápr", "máj", "jún", "júl", "aug", "szept", "okt", "nov", "dec",
];

impl Rules {
    /// If the UAX#29 boundary at `cut` must be removed, the rule that says so.
    ///
    /// `sent_start` is where the current sentence starts (after the last kept break);
    /// the text before `cut` (trimmed) ends with the candidate sentence end.
    pub(crate) fn keep_together(
        &self,
        text: &str,
        sent_start: usize,
        cut: usize,
    ) -> Option<&'static str> {
        let left_end = text[..cut].trim_end().len();
        if left_end <= sent_start {
            return None;
        }
        let right = &text[cut..];
        let next = right.chars().next()?;
        // A closing slash glued to the terminator (`/a párt./ Aztán`): part of the
        // sentence, like a closing parenthesis.
        if next == '/' && left_end == cut {
            return Some(name::SLASH_PARENTHESIS);
        }
        let left = &text[sent_start..left_end];
        let core = left.trim_end_matches(is_closer);
        let closers = &left[core.len()..];
        let term = core.chars().next_back()?;
        if is_terminator(term) && ends_nested_quote(closers) && is_spaced_double_quote(right) {
            return Some(name::SPACED_CLOSING_QUOTE);
        }
        let next_letter = first_after_openers(right);
        let next_upper = next_letter.is_some_and(char::is_uppercase);
        match term {
            '.' if closers.is_empty() => {
                self.after_dot(text, sent_start, left_end, right, next_upper)
            }
            // `(2017. június 8.) (HL L 166., 1. o.)`: an ordinal dot inside brackets
            // followed by more brackets is not a sentence end.
            '.' if self.profile == Profile::Hungarian
                && closers.chars().all(|c| matches!(c, ')' | ']'))
                && right.starts_with(['(', '['])
                && ends_with_ordinal(core) =>
            {
                Some(name::HU_ORDINAL_DOT_IN_BRACKETS)
            }
            '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' => {
                if next.is_lowercase() {
                    Some(name::EXCLAMATION_BEFORE_LOWERCASE)
                } else if self.profile == Profile::English
                    && closers.contains(is_quote)
                    && is_attribution(right)
                {
                    Some(name::EN_QUOTE_ATTRIBUTION)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Merge rules for a boundary after a word ending in a dot at `left_end`.
    fn after_dot(
        &self,
        text: &str,
        sent_start: usize,
        left_end: usize,
        right: &str,
        next_upper: bool,
    ) -> Option<&'static str> {
        let word_start = word_start(text, sent_start, left_end)?;
        let raw = &text[word_start..left_end];
        let word = raw.trim_start_matches(is_opener);
        // `47/1963/szig.`: the part after the last slash is the word.
        let (before_slash, word) = match word.rfind('/') {
            Some(i) => (Some(&word[..i]), &word[i + 1..]),
            None => (None, word),
        };
        if let Some(finality) = self.abbreviation_before(text, sent_start, word_start, word) {
            return match finality {
                Finality::Never => Some(name::ABBREVIATION),
                Finality::CanEnd if !next_upper => Some(name::ABBREVIATION_BEFORE_LOWERCASE),
                Finality::CanEnd => None,
            };
        }
        if word_start == sent_start && is_label(word) {
            return Some(name::LIST_LABEL);
        }
        let stem = &word[..word.len() - 1];
        if self.profile == Profile::Hungarian {
            if is_number(stem) {
                let next_word = first_word(right);
                if stem.len() == 4 && next_word.strip_suffix('.').is_some_and(is_roman_month) {
                    return Some(name::HU_YEAR_DOT_BEFORE_ROMAN_MONTH);
                }
                if stem.len() <= 4 && is_day_or_month(next_word) {
                    return Some(name::HU_NUMERIC_DATE);
                }
                if stem.len() <= 3 && is_all_capitals(next_word) {
                    return Some(name::HU_ORDINAL_BEFORE_CAPITALS);
                }
                if HU_MONTHS.iter().any(|m| next_word.starts_with(m)) {
                    return Some(name::HU_YEAR_DOT_BEFORE_MONTH);
                }
                if next_word.ends_with('.') && self.abbrevs.get(next_word).is_some() {
                    return Some(name::HU_NUMBER_DOT_BEFORE_ABBREVIATION);
                }
                if before_slash.is_some_and(is_number)
                    || previous_word(text, sent_start, word_start)
                        .and_then(|w| w.strip_suffix('/'))
                        .is_some_and(is_number)
                {
                    return Some(name::HU_FILE_NUMBER);
                }
            }
            if is_roman(stem) && (next_upper || right.starts_with(|c: char| c.is_ascii_digit())) {
                return Some(name::HU_ROMAN_ORDINAL);
            }
        }
        let next_digit = right.starts_with(|c: char| c.is_ascii_digit());
        if (next_upper || next_digit) && self.is_initials(word) {
            return Some(name::INITIALS);
        }
        None
    }

    /// The finality of the longest abbreviation ending with `word` (which starts at
    /// `word_start`), trying multi-word entries first.
    fn abbreviation_before(
        &self,
        text: &str,
        sent_start: usize,
        word_start: usize,
        word: &str,
    ) -> Option<Finality> {
        if word.len() < 2 {
            return None;
        }
        let max = self.abbrevs.max_words();
        let mut at = word_start;
        for _ in 1..max {
            // Extend to the previous word and try the longer sequence.
            let end = text[..at].trim_end().len();
            if end <= sent_start || end == at {
                break;
            }
            let Some(start) = self::word_start(text, sent_start, end) else {
                break;
            };
            at = start;
        }
        if at < word_start {
            // Try the longest sequence first, dropping words from the front.
            let mut seq = text[at..word_start].trim_start_matches(is_opener);
            while !seq.is_empty() {
                let mut key = String::with_capacity(seq.len() + word.len());
                for w in seq.split_whitespace() {
                    key.push_str(w);
                    key.push(' ');
                }
                key.push_str(word);
                if let Some(f) = self.abbrevs.get(&key) {
                    return Some(f);
                }
                seq = match seq.find(char::is_whitespace) {
                    Some(i) => seq[i..].trim_start(),
                    None => "",
                };
            }
        }
        self.abbrevs.get(word)
    }

    /// Whether `word` (with its final dot) is one or more initials: `J.`, `J.F.`, and in
    /// Hungarian also `Sz.`, `Gy.`, `Dzs.`.
    fn is_initials(&self, word: &str) -> bool {
        let parts = word[..word.len() - 1].split('.');
        let mut n = 0;
        for part in parts {
            n += 1;
            let mut chars = part.chars();
            let Some(first) = chars.next() else {
                return false;
            };
            if !first.is_uppercase() {
                return false;
            }
            let rest = chars.as_str();
            let ok = if rest.is_empty() {
                !(self.profile == Profile::English && first == 'I')
            } else {
                self.profile == Profile::Hungarian && HU_DIGRAPHS.contains(&part)
            };
            if !ok {
                return false;
            }
        }
        n > 0
    }

    /// Breaks UAX#29 does not make, in order: `(offset, rule)`, the offset being where
    /// the new sentence starts.
    pub(crate) fn extra_breaks(&self, text: &str) -> Vec<(usize, &'static str)> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            // Fast path: every character we react to is a terminator or a dash.
            if c.is_ascii() && !matches!(bytes[i], b'.' | b'!' | b'?' | b'-') {
                continue;
            }
            if is_terminator(c) {
                if let Some(hit) = after_terminator(text, i + c.len_utf8(), c) {
                    if out.last().is_none_or(|&(o, _)| o < hit.0) {
                        out.push(hit);
                    }
                }
            } else if is_dash(c) {
                if let Some(hit) = interrupted_quote(text, i + c.len_utf8()) {
                    if out.last().is_none_or(|&(o, _)| o < hit.0) {
                        out.push(hit);
                    }
                }
            }
        }
        out
    }
}

/// Extra breaks after a terminator `term` that ends at `from`.
fn after_terminator(text: &str, from: usize, term: char) -> Option<(usize, &'static str)> {
    let rest = &text[from..];
    let mut chars = rest.char_indices().peekable();
    let mut slash = false;
    let mut n = 0;
    while let Some(&(_, c)) = chars.peek() {
        if n >= MAX_GAP || !(is_closer(c) || c == '/') {
            break;
        }
        slash |= c == '/';
        n += 1;
        chars.next();
    }
    let mut spaces = 0;
    while let Some(&(_, c)) = chars.peek() {
        if spaces >= MAX_GAP || !c.is_whitespace() {
            break;
        }
        spaces += 1;
        chars.next();
    }
    if spaces == 0 {
        return None;
    }
    let (mut at, mut c) = chars.next()?;
    let mut spaced_quote = false;
    if ends_nested_quote(&rest[..at]) && is_spaced_double_quote(&rest[at..]) {
        // `mine.' " But`: the lone `"` closes the outer quotation.
        spaced_quote = true;
        let after = &rest[at + c.len_utf8()..];
        let skipped = after.len() - after.trim_start().len();
        if skipped == 0 || skipped > MAX_GAP {
            return None;
        }
        at += c.len_utf8() + skipped;
        c = rest[at..].chars().next()?;
    }
    let at = from + at;
    if is_dash(c) {
        // `mama! - Ez a csend`, `ment. – Aztán`: a dialogue dash opens a new sentence.
        let after = text[at + c.len_utf8()..].trim_start_matches(' ');
        return first_after_openers(after)
            .is_some_and(char::is_uppercase)
            .then_some((at, name::DIALOGUE_DASH));
    }
    if !first_after_openers(&text[at..]).is_some_and(char::is_uppercase) {
        return None;
    }
    if term == '…' {
        return Some((at, name::ELLIPSIS_BEFORE_CAPITAL));
    }
    if slash {
        return Some((at, name::SLASH_PARENTHESIS));
    }
    if spaced_quote {
        return Some((at, name::SPACED_CLOSING_QUOTE));
    }
    None
}

/// Whether `closers` (the marks after a terminator) end with a closing single quote
/// that closes a quotation nested in a double one (`mine.' "`).
fn ends_nested_quote(closers: &str) -> bool {
    closers.trim_end().ends_with(['\'', '’'])
}

/// Whether `s` starts with a double quote standing alone between spaces (`" But`).
fn is_spaced_double_quote(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('"' | '”')) && chars.next().is_none_or(char::is_whitespace)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '“' | '»' | '«' | '›' | '‹')
}

/// English verbs of saying that follow a quotation (`"Who?" Henry asked`).
const EN_SPEECH_VERBS: &[&str] = &[
    "added",
    "admitted",
    "agreed",
    "answered",
    "asked",
    "asks",
    "began",
    "begged",
    "called",
    "commanded",
    "complained",
    "continued",
    "cried",
    "cries",
    "declared",
    "demanded",
    "enquired",
    "exclaimed",
    "explained",
    "gasped",
    "growled",
    "inquired",
    "insisted",
    "interrupted",
    "laughed",
    "muttered",
    "murmured",
    "observed",
    "ordered",
    "persisted",
    "pleaded",
    "protested",
    "questioned",
    "remarked",
    "repeated",
    "replied",
    "responded",
    "retorted",
    "roared",
    "said",
    "says",
    "screamed",
    "shouted",
    "sighed",
    "snapped",
    "spoke",
    "stammered",
    "suggested",
    "thought",
    "urged",
    "warned",
    "whispered",
    "wondered",
    "yelled",
];

/// Capitalised pronouns: after `?"` they start a new sentence (a speaker pronoun that
/// continues it is written in lowercase: `"Who?" he asked`).
const EN_PRONOUNS: &[&str] = &[
    "He", "She", "It", "We", "They", "You", "This", "That", "There",
];

/// Whether `s` starts with a speaker (one to three capitalised words, not a pronoun
/// other than `I`) and a verb of saying: `Henry asked`, `James Flower inquired`,
/// `I said`.
fn is_attribution(s: &str) -> bool {
    let mut words = prefix(s, 4 * MAX_WORD).split_whitespace().take(4);
    for i in 0..4 {
        let Some(w) = words.next() else {
            return false;
        };
        if w.len() > MAX_WORD {
            return false;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            if i == 0 && EN_PRONOUNS.contains(&w) {
                return false;
            }
            continue;
        }
        let w = w.trim_end_matches(|c: char| !c.is_alphabetic());
        return i > 0 && EN_SPEECH_VERBS.contains(&w);
    }
    false
}

/// `you know-" "Yes, boy."`: a quotation broken off with a dash, then a new one. The
/// quote marks after the dash close (each is followed by a space) until one is followed
/// by a letter: that one opens the new sentence.
fn interrupted_quote(text: &str, from: usize) -> Option<(usize, &'static str)> {
    let rest = &text[from..];
    if !rest.starts_with(is_quote) {
        return None;
    }
    let mut chars = rest.char_indices().take(MAX_GAP).peekable();
    let mut spaced = false;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
        } else if is_quote(c) {
            let opens = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if opens {
                return spaced.then_some((from + i, name::INTERRUPTED_QUOTE));
            }
        } else {
            return None;
        }
    }
    None
}

/// The first character of `s` after opening quotes and brackets.
fn first_after_openers(s: &str) -> Option<char> {
    s.chars().take(MAX_GAP).find(|&c| !is_opener(c))
}
