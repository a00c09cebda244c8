//! What counts as a name in a sentence (capitalised words that do not open a sentence
//! unless the text writes them capitalised elsewhere, acronyms outside all-capital
//! headings, never a word the text also writes in lower case), and the third-person
//! pronouns that may stand for a name: which of them (a subject's, not a possessor's),
//! and whether the name is a place, which no personal pronoun stands for. Linear in the
//! text.

use std::collections::{HashMap, HashSet};

use super::super::words_with_offsets;
use super::counterparts::{bare, fold, is_acronym, Words};
use crate::lang::Lang;

/// Third-person singular pronouns, which may stand for a person's name.
const EN_PRONOUNS: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];
const HU_PRONOUNS: &[&str] = &[
    "ő", "őt", "övé", "neki", "vele", "róla", "tőle", "hozzá", "nála", "belőle", "benne", "érte",
    "magát", "magának",
];

pub(super) fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    // An apostrophe inside a name is followed by a capital (`O'Brien`, not `I've`).
    let apostrophes_ok = word
        .match_indices(['\'', '’'])
        .all(|(i, a)| word[i + a.len()..].starts_with(char::is_uppercase));
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && word.chars().any(char::is_lowercase)
        && apostrophes_ok
}

/// Whether a text is written in capitals (a heading): most of its letters are.
fn all_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 4 && upper * 10 >= letters.len() * 7
}

/// Words written capitalised in the middle of a sentence, and words written in lower
/// case, anywhere in a text (lower-cased).
pub(super) fn usage(texts: &[&str]) -> (HashSet<String>, HashSet<String>) {
    let (mut capital, mut lower) = (HashSet::new(), HashSet::new());
    for text in texts {
        for (_, word, initial) in words_with_offsets(text) {
            let word = bare(word);
            if word.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(word.to_lowercase());
            } else if !initial && is_capitalised(word) {
                capital.insert(word.to_lowercase());
            }
        }
    }
    (capital, lower)
}

/// A name candidate of a sentence: the word and its byte range.
pub(super) struct Candidate<'a> {
    pub(super) word: &'a str,
    pub(super) span: std::ops::Range<usize>,
}

/// Name candidates of a sentence.
pub(super) fn candidates<'a>(
    text: &'a str,
    capital: &HashSet<String>,
    lower: &HashSet<String>,
) -> Vec<Candidate<'a>> {
    let caps_line = all_caps(text);
    let mut out: Vec<Candidate<'a>> = Vec::new();
    for (at, word, initial) in words_with_offsets(text) {
        let word = bare(word);
        let lowered = word.to_lowercase();
        let name = (is_acronym(word) && !caps_line)
            || (is_capitalised(word) && (!initial || capital.contains(&lowered)));
        if name && !lower.contains(&lowered) && !out.iter().any(|c| c.word == word) {
            out.push(Candidate {
                word,
                span: at..at + word.len(),
            });
        }
    }
    out
}

/// English third-person pronouns that stand for a subject or an object, not a
/// possessor: what replaces a name in the nominative.
const EN_PERSONAL: &[&str] = &["he", "him", "himself", "she", "herself"];

/// How many subject or object pronouns ([`EN_PERSONAL`]) an English text has (0 for
/// other languages: only the Hungarian → English direction is read so).
pub(super) fn personal_pronouns(text: &str, lang: &Lang) -> usize {
    if lang != &Lang::En {
        return 0;
    }
    words_with_offsets(text)
        .iter()
        .filter(|(_, w, _)| EN_PERSONAL.contains(&w.to_lowercase().as_str()))
        .count()
}

/// The byte range of the run of capitalised words `word` belongs to in `text` (`Saint
/// Malóban`, `Amerikai Egyesült Államok`; short lower-case joiners such as `és` inside),
/// or `None` when `word` is not written there.
fn name_run(text: &str, word: &str) -> Option<std::ops::Range<usize>> {
    let words = words_with_offsets(text);
    let k = words.iter().position(|w| bare(w.1) == word)?;
    let capital = |i: usize| words[i].1.chars().next().is_some_and(char::is_uppercase);
    let joiner = |i: usize| words[i].1.chars().count() <= 3 && !capital(i);
    // Only spaces between words `a` and `a + 1`.
    let adjacent = |a: usize| {
        text[words[a].0 + words[a].1.len()..words[a + 1].0]
            .chars()
            .all(char::is_whitespace)
    };
    let (mut a, mut b) = (k, k);
    while a > 0 && adjacent(a - 1) {
        if capital(a - 1) {
            a -= 1;
        } else if a > 1 && joiner(a - 1) && adjacent(a - 2) && capital(a - 2) {
            a -= 2;
        } else {
            break;
        }
    }
    while b + 1 < words.len() && adjacent(b) {
        if capital(b + 1) {
            b += 1;
        } else if b + 2 < words.len() && joiner(b + 1) && adjacent(b + 1) && capital(b + 2) {
            b += 2;
        } else {
            break;
        }
    }
    Some(words[a].0..words[b].0 + words[b].1.len())
}

/// Hungarian case endings that may follow a possessed noun (`szemébe`, `kezét`).
const HU_CASES: &[&str] = &[
    "t", "ba", "be", "ban", "ben", "ból", "ből", "nak", "nek", "val", "vel", "ra", "re", "ról",
    "ről", "hoz", "hez", "tól", "től", "n", "ért", "ig",
];

/// Whether a Hungarian word may be a noun possessed by the name before it (`Henry
/// szeme`, `Henry kezét`, `Henry szemébe`): it ends in a vowel, or in `á`/`é`/`i`
/// and a case ending. Verbs in the past (`ült`, `nézett`) and postpositions (`előtt`)
/// do not.
fn may_be_possessed(word: &str) -> bool {
    let w = word.to_lowercase();
    let vowel = |c: char| "aeiouáéíóöőúüű".contains(c);
    if w.chars().next_back().is_some_and(vowel) {
        return true;
    }
    HU_CASES.iter().any(|case| {
        w.strip_suffix(case)
            .and_then(|stem| stem.chars().next_back())
            .is_some_and(|c| matches!(c, 'á' | 'é' | 'i'))
    })
}

/// Whether the Hungarian name `word` stands in `text` in its bare form (written so in
/// the English text too: no case ending) and possesses nothing after it: the subject
/// of its clause (`Gwenliana a tűz előtt ült`, `míg Henry a földön térdelve`), not a
/// possessor (`Henry szeme` ≡ `his eyes`).
pub(super) fn bare_subject(text: &str, word: &str, english: &Words) -> bool {
    if !english.folded.contains(&fold(word, &Lang::Hu)) {
        return false;
    }
    let Some(run) = name_run(text, word) else {
        return false;
    };
    let rest = &text[run.end..];
    let Some((at, next, _)) = words_with_offsets(rest).into_iter().next() else {
        return true;
    };
    // Punctuation between the name and the next word ends the phrase.
    if !rest[..at].chars().all(char::is_whitespace) {
        return true;
    }
    matches!(next.to_lowercase().as_str(), "a" | "az" | "egy") || !may_be_possessed(next)
}

/// Hungarian case endings of place: in, out of, into (`Panamából`, `Saint Malóban`).
const HU_PLACE_CASES: &[&str] = &["ban", "ben", "ból", "ből", "ba", "be"];

/// Share of a name's occurrences in the original written with a case ending of place
/// from which it counts as a place: persons take these endings seldom (`beleszeret
/// Henrybe`: 2 of Henry's 457), places often (Panama 33 of 86, Maracaibo 1 of 8).
pub const PLACE_SHARE: f64 = 0.1;

fn place_case_stem(word: &str) -> Option<&str> {
    HU_PLACE_CASES.iter().find_map(|case| {
        word.strip_suffix(case)
            .filter(|stem| stem.chars().count() >= 3)
    })
}

/// Whether the Hungarian name `word` names a place, which `he` or `she` cannot stand
/// for: the original writes this name with a case ending of place (`in`, `out of`,
/// `into`: `Yucatanban`, `Panamából`) often enough ([`PLACE_SHARE`] of `counts`, the
/// original's words and how often each occurs). `word` is such a form (one the English
/// text does not write as part of the name), or the name as the English writes it, a
/// name of one word in `text` (`- Igen, Panama.`: the bare form of a place is the place
/// too; `a Bristol Girl` is a ship).
pub(super) fn is_place(
    text: &str,
    word: &str,
    english: &Words,
    counts: &HashMap<&str, usize>,
) -> bool {
    let bare = english.folded.contains(&fold(word, &Lang::Hu));
    let stem = if bare {
        if name_run(text, word).is_none_or(|run| run.len() != word.len()) {
            return false;
        }
        // Its forms of place add a case, a final `a`/`e` lengthened (`Panamába`).
        word.strip_suffix(['a', 'e']).unwrap_or(word)
    } else {
        match place_case_stem(word) {
            Some(stem) => stem,
            None => return false,
        }
    };
    if stem.chars().count() < 3 {
        return false;
    }
    let is_form = |w: &str| {
        place_case_stem(w).is_some_and(|s| {
            !bare || s == word || s.strip_prefix(stem).is_some_and(|v| v == "á" || v == "é")
        })
    };
    let (mut all, mut place) = (0, 0);
    for (w, &n) in counts.iter().filter(|(w, _)| w.starts_with(stem)) {
        all += n;
        if is_form(w) {
            place += n;
        }
    }
    all > 0 && place as f64 >= PLACE_SHARE * all as f64
}

pub(super) fn pronouns(text: &str, lang: &Lang) -> usize {
    let list = match lang {
        Lang::En => EN_PRONOUNS,
        Lang::Hu => HU_PRONOUNS,
        Lang::Other(_) => return 0,
    };
    words_with_offsets(text)
        .iter()
        .filter(|(_, w, _)| list.contains(&w.to_lowercase().as_str()))
        .count()
}
