//! Untranslated sentences: a target that is a copy of its original, or that is written
//! in the source language.
//!
//! - **Copy**: at least [`COPY_SHARE`] of the target's lower-case words (names and
//!   acronyms excluded, since they are rightly identical) also occur in the original,
//!   with at least three of them shared (a quoted phrase such as `my lord` is not a copy).
//! - **Language**: for a Hungarian–English pair, whatlang (restricted to the two
//!   languages) judges a target of at least [`CheckConfig::language_min_letters`]
//!   letters to be in the source language with confidence of at least
//!   [`MIN_CONFIDENCE`]. Shorter sentences are unreliable and are not judged.
//!
//! Cost: linear in the text; the detector is trigram-based and runs once per long target.

use std::collections::HashSet;

use whatlang::{Detector, Lang as WLang};

use super::structure::quote;
use super::{words_with_position, BeadView, CheckConfig, Finding, FindingKind, Severity};
use crate::alignment::AlignmentFile;
use crate::lang::Lang;

/// Share of the target's lower-case words found in the original that makes a copy.
pub const COPY_SHARE: f64 = 0.6;
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

fn whatlang_of(lang: &Lang) -> Option<WLang> {
    match lang {
        Lang::Hu => Some(WLang::Hun),
        Lang::En => Some(WLang::Eng),
        Lang::Other(_) => None,
    }
}

/// Untranslated findings.
pub fn check(file: &AlignmentFile, views: &[BeadView<'_>], config: &CheckConfig) -> Vec<Finding> {
    let pair = whatlang_of(&file.source.lang).zip(whatlang_of(&file.target.lang));
    let detector = pair
        .filter(|(s, t)| s != t)
        .map(|(s, t)| (s, Detector::with_allowlist(vec![s, t])));
    let mut out = Vec::new();
    for v in views.iter().filter(|v| v.is_paired()) {
        let tgt_words = lower_words(&v.tgt);
        let src_words: HashSet<String> = lower_words(&v.src).into_iter().collect();
        let shared = tgt_words.iter().filter(|w| src_words.contains(*w)).count();
        let reason = if shared >= 3 && shared as f64 >= COPY_SHARE * tgt_words.len() as f64 {
            Some(format!(
                "the translation repeats the original ({shared} of {} words): {}",
                tgt_words.len(),
                quote(&v.tgt, 60)
            ))
        } else if let Some((src_lang, det)) = &detector {
            let letters = v.tgt.chars().filter(|c| c.is_alphabetic()).count();
            if letters < config.language_min_letters {
                None
            } else {
                det.detect(&v.tgt)
                    .filter(|info| info.lang() == *src_lang && info.confidence() >= MIN_CONFIDENCE)
                    .map(|info| {
                        format!(
                            "the translation looks {} (confidence {:.2}): {}",
                            match file.source.lang {
                                Lang::Hu => "Hungarian",
                                _ => "English",
                            },
                            info.confidence(),
                            quote(&v.tgt, 60)
                        )
                    })
            }
        } else {
            None
        };
        if let Some(reason) = reason {
            out.push(v.finding(file, FindingKind::Untranslated, Severity::Error, reason));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, kinds};
    use super::super::FindingKind;

    #[test]
    fn copies_and_source_language_targets_fire_names_do_not() {
        let f = file(&[
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
        ]);
        assert_eq!(kinds(&f, FindingKind::Untranslated), vec![2, 3]);
    }
}
