//! What counts as a name in a sentence (capitalised words that do not open a sentence
//! unless the text writes them capitalised elsewhere, acronyms outside all-capital
//! headings, never a word the text also writes in lower case), and the third-person
//! pronouns that may stand for a name. Linear in the text.

use std::collections::HashSet;

use super::super::words_with_offsets;
use super::counterparts::{bare, is_acronym};
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
