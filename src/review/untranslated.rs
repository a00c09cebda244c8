//! Untranslated sentences: a target that is a copy of its original, or that is written
//! in the source language.
//!
//! - **Copy**: at least [`COPY_SHARE`] of the target's lower-case words (names and
//!   acronyms excluded, since they are rightly identical) also occur in the original,
//!   with at least three of them shared (a quoted phrase such as `my lord` is not a copy).
//! - **Foreign words**: the words of the target (lower-cased, names excluded) that occur
//!   in the original text but nowhere else in the translation are words of the source
//!   language. When they are at least [`FOREIGN_SHARE`] of the target's words, and at
//!   least two, the sentence is untranslated. This judges short lines too, and a line of
//!   names is never foreign: the translation carries the names elsewhere, or they are
//!   excluded as names.
//! - **Language**: for a Hungarian–English pair, whatlang (restricted to the two
//!   languages) judges the target, names removed, to be in the source language with
//!   confidence of at least [`MIN_CONFIDENCE`], when it has at least
//!   [`CheckConfig::language_min_letters`] letters left and some foreign words.
//!
//! Cost: linear in the text; the detector is trigram-based and runs once per long target.

use std::collections::{HashMap, HashSet};

use whatlang::{Detector, Lang as WLang};

use super::{quote, words_with_position, CheckConfig, Context, Finding, FindingKind, Severity};
use crate::lang::Lang;

/// Share of the target's lower-case words found in the original that makes a copy.
pub const COPY_SHARE: f64 = 0.6;
/// Share of foreign words (see the module docs) that makes a sentence untranslated.
pub const FOREIGN_SHARE: f64 = 0.6;
/// Share of foreign words the language detector also needs.
pub const DETECTOR_FOREIGN_SHARE: f64 = 0.25;
/// Detector confidence needed to call a sentence untranslated.
pub const MIN_CONFIDENCE: f64 = 0.5;

fn lower_words(text: &str) -> Vec<String> {
    words_with_position(text)
        .into_iter()
        .map(|(w, _)| w)
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_string)
        .collect()
}

/// The words of a text that are not names: lower-case words, and capitalised words that
/// open a sentence, lower-cased.
fn plain_words(text: &str) -> Vec<String> {
    words_with_position(text)
        .into_iter()
        .filter(|(w, _)| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .filter(|(w, initial)| {
            let mut chars = w.chars();
            let first_lower = chars.next().is_some_and(char::is_lowercase);
            let rest_lower = chars.all(char::is_lowercase);
            first_lower || (*initial && rest_lower)
        })
        .map(|(w, _)| w.to_lowercase())
        .collect()
}

/// The text without its capitalised words that do not open a sentence (names) and
/// without acronyms.
fn without_names(text: &str) -> String {
    words_with_position(text)
        .into_iter()
        .filter(|(w, initial)| {
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            !upper || (*initial && w.chars().skip(1).all(char::is_lowercase))
        })
        .map(|(w, _)| w)
        .collect::<Vec<_>>()
        .join(" ")
}

fn whatlang_of(lang: &Lang) -> Option<WLang> {
    match lang {
        Lang::Hu => Some(WLang::Hun),
        Lang::En => Some(WLang::Eng),
        Lang::Other(_) => None,
    }
}

fn counts<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for t in texts {
        for w in plain_words(t) {
            *out.entry(w).or_default() += 1;
        }
    }
    out
}

/// Untranslated findings.
pub fn check(ctx: &Context<'_>, config: &CheckConfig) -> Vec<Finding> {
    let file = ctx.file;
    let pair = whatlang_of(&file.source.lang).zip(whatlang_of(&file.target.lang));
    let detector = pair
        .filter(|(s, t)| s != t)
        .map(|(s, t)| (s, Detector::with_allowlist(vec![s, t])));
    let source_name = match file.source.lang {
        Lang::Hu => "Hungarian",
        Lang::En => "English",
        _ => "in the language of the original",
    };
    let src_words = counts(file.source.sentences.iter().map(|s| s.text.as_str()));
    let tgt_words = counts(file.target.sentences.iter().map(|s| s.text.as_str()));
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        let tgt_lower = lower_words(&v.tgt);
        let src_lower: HashSet<String> = lower_words(&v.src).into_iter().collect();
        let shared = tgt_lower.iter().filter(|w| src_lower.contains(*w)).count();
        // Foreign words: in the original text, and nowhere in the translation but here.
        let plain = plain_words(&v.tgt);
        let mut here: HashMap<&str, usize> = HashMap::new();
        for w in &plain {
            *here.entry(w.as_str()).or_default() += 1;
        }
        let foreign = plain
            .iter()
            .filter(|w| {
                src_words.contains_key(*w)
                    && tgt_words.get(*w).copied().unwrap_or(0) <= here[w.as_str()]
            })
            .count();
        let foreign_share = foreign as f64 / plain.len().max(1) as f64;
        let reason = if shared >= 3 && shared as f64 >= COPY_SHARE * tgt_lower.len() as f64 {
            Some(format!(
                "the translation repeats the original ({shared} of its {} words): {}",
                tgt_lower.len(),
                quote(&v.tgt, 80)
            ))
        } else if foreign >= 2 && foreign_share >= FOREIGN_SHARE {
            Some(format!(
                "the translation is {source_name}: {foreign} of its {} words occur in the original and nowhere else in the translation: {}",
                plain.len(),
                quote(&v.tgt, 80)
            ))
        } else if let Some((src_lang, det)) = &detector {
            let text = without_names(&v.tgt);
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            if letters < config.language_min_letters
                || foreign == 0
                || foreign_share < DETECTOR_FOREIGN_SHARE
            {
                None
            } else {
                det.detect(&text)
                    .filter(|info| info.lang() == *src_lang && info.confidence() >= MIN_CONFIDENCE)
                    .map(|info| {
                        format!(
                            "the translation looks {source_name} (confidence {:.2}): {}",
                            info.confidence(),
                            quote(&v.tgt, 80)
                        )
                    })
            }
        } else {
            None
        };
        if let Some(reason) = reason {
            out.push(ctx.finding(v.index, FindingKind::Untranslated, Severity::Error, reason));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, filler, kinds};
    use super::super::FindingKind;

    #[test]
    fn copies_and_source_language_targets_fire_names_do_not() {
        let mut pairs =
            vec![
            ("Beck János nagykövet", "Ambassador János Beck"),
            ("Beck János", "Beck János"),
            (
                "A válság óta a kubai vezetők minden szinten kerülnek bennünket.",
                "A válság óta a kubai vezetők minden szinten kerülnek bennünket.",
            ),
            (
                "A beszélgetések formálisak és üresek.",
                "A beszélgetések formálisak és üresek, mondta a követ a minisztériumban tegnap.",
            ),
            (
                "A beszélgetések formálisak és üresek.",
                "The conversations are formal and empty.",
            ),
            ("- Nem megy sehova!", "- Nem megy sehova!"),
            ("Budapest, Kovács Péter, Szabó Éva", "Budapest, Péter Kovács, Éva Szabó"),
        ];
        pairs.extend(filler(10));
        assert_eq!(
            kinds(&file(&pairs), FindingKind::Untranslated),
            vec![2, 3, 5]
        );
    }
}
