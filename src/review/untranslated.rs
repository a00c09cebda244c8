//! Untranslated sentences: a target that is a copy of its original, or that is written
//! in the source language.
//!
//! - **Copy**: at least [`COPY_SHARE`] of the target's words are in its original, and
//!   one of them is a word of the source language (see *foreign words*): `2. cikk` for
//!   `Article 2`, a sentence left in Hungarian. A line of names (`Beck János`) or a
//!   name in a third language quoted on both sides (`Bundesministerium für Verkehr
//!   (Ministry of Transport)`) is not a copy.
//! - **Foreign words**: the words of the target (lower-cased, names excluded) that occur
//!   in the original text but nowhere else in the translation are words of the source
//!   language. When they are at least [`FOREIGN_SHARE`] of the target's words, and at
//!   least two, the sentence is untranslated (shares are of all the target's words,
//!   names included). Names are foreign too when the document translates them: at
//!   least [`MIN_TRANSLATED`] beads have the name in their original but not in their
//!   translation, and no other translation has it (`HL` in an OJ reference rendered
//!   `OJ` everywhere else, `Egyesült Királyság` left for `United Kingdom`). This judges
//!   short lines too, and a line of names the translation keeps (`Beck János`) is never
//!   foreign: the translation carries them elsewhere, or they are excluded as names.
//! - **Language**: for a Hungarian–English pair, whatlang (restricted to the two
//!   languages) judges the target, names removed, to be in the source language with
//!   confidence of at least [`MIN_CONFIDENCE`], when it has at least
//!   [`CheckConfig::language_min_letters`] letters left and some foreign words.
//!
//! An address (`Fő u. 44–50.`: a street type before a house number, and the street's
//! capitalised name) is written as it is in any language: its words are not foreign.
//!
//! Cost: linear in the text; the detector is trigram-based and runs once per long target.

use std::collections::{HashMap, HashSet};

use whatlang::{Detector, Lang as WLang};

use super::{quote, words_with_position, CheckConfig, Context, Finding, FindingKind, Severity};
use crate::lang::Lang;

/// Share of the target's words found in its original that makes a copy.
pub const COPY_SHARE: f64 = 0.8;
/// Share of foreign words (see the module docs) that makes a sentence untranslated.
pub const FOREIGN_SHARE: f64 = 0.6;
/// Share of foreign words the language detector also needs.
pub const DETECTOR_FOREIGN_SHARE: f64 = 0.25;
/// A name (a capitalised word) is a word of the source language (see *foreign words*)
/// when at least this many beads have it in their original but not in their
/// translation, and no other bead has it in its translation (beads that copy their
/// original do not count: two untranslated sentences must not vouch for each other).
pub const MIN_TRANSLATED: usize = 2;
/// Detector confidence needed to call a sentence untranslated.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// The target sentences of beads whose translation copies its original (at least
/// [`COPY_SHARE`] of its words are words of the original): what they write is no
/// evidence of how the document translates.
pub(crate) fn copies(ctx: &Context<'_>) -> HashSet<usize> {
    ctx.views
        .iter()
        .filter(|v| v.is_paired())
        .filter(|v| {
            let all = all_words(&v.tgt);
            let src_all: HashSet<String> = all_words(&v.src).into_iter().collect();
            let shared = all.iter().filter(|w| src_all.contains(*w)).count();
            !all.is_empty() && shared as f64 >= COPY_SHARE * all.len() as f64
        })
        .flat_map(|v| v.record.tgt.iter().copied())
        .collect()
}

/// Hungarian words for a street (and their abbreviations, without the dot), which an
/// address writes before the house number.
const STREET_TYPES: &[&str] = &[
    "utca", "u", "út", "útja", "tér", "tere", "körút", "krt", "köz", "sor", "fasor", "sétány",
    "rakpart", "rkp", "lépcső", "liget", "dűlő",
];

/// The words of the addresses in a text (`Fő u. 44–50.`, `Szent István krt. 11.`),
/// lower-cased: a street type followed by a house number, and the capitalised words of
/// the street's name before it. An address is written as it is in any language, so its
/// words are no evidence that a translation was left in the original's language.
fn address_words(text: &str) -> HashSet<String> {
    let words = super::words_with_offsets(text);
    let mut out = HashSet::new();
    for (k, &(at, word, _)) in words.iter().enumerate() {
        let numbered = text[at + word.len()..]
            .trim_start_matches('.')
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        if !numbered || !STREET_TYPES.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        out.insert(word.to_lowercase());
        for &(_, name, _) in words[..k].iter().rev().take(3) {
            if !name.starts_with(char::is_uppercase) {
                break;
            }
            out.insert(name.to_lowercase());
        }
    }
    out
}

/// Every word of a text (two letters or more), lower-cased.
fn all_words(text: &str) -> Vec<String> {
    words_with_position(text)
        .into_iter()
        .map(|(w, _)| w)
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

/// The words of a text that are not names: lower-case words, and capitalised words that
/// open a sentence, or words in capitals, that are written in lower case in `common`
/// (`Igen.`, `VÉDELEM`, but not `Budapest,`), lower-cased.
fn plain_words(text: &str, common: &HashSet<String>) -> Vec<String> {
    words_with_position(text)
        .into_iter()
        .filter(|(w, _)| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .filter(|(w, initial)| {
            let mut chars = w.chars();
            let first_lower = chars.next().is_some_and(char::is_lowercase);
            let rest_lower = chars.all(char::is_lowercase);
            let caps = w.chars().all(char::is_uppercase) && w.chars().count() >= 3;
            first_lower || ((*initial && rest_lower) || caps) && common.contains(&w.to_lowercase())
        })
        .map(|(w, _)| w.to_lowercase())
        .collect()
}

/// The names of a text as [`plain_words`] leaves them out (capitalised words that do not
/// open a sentence, words in capitals), as written.
fn name_words<'t>(text: &'t str, common: &HashSet<String>) -> Vec<&'t str> {
    let plain: HashSet<String> = plain_words(text, common).into_iter().collect();
    words_with_position(text)
        .into_iter()
        .map(|(w, _)| w)
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .filter(|w| !plain.contains(&w.to_lowercase()))
        .collect()
}

/// Words written in lower case somewhere in some texts.
fn lower_case_words<'a>(texts: impl Iterator<Item = &'a str>) -> HashSet<String> {
    texts
        .flat_map(words_with_position)
        .filter(|(w, _)| w.chars().next().is_some_and(char::is_lowercase))
        .map(|(w, _)| w.to_string())
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

fn counts<'a>(
    texts: impl Iterator<Item = &'a str>,
    common: &HashSet<String>,
) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for t in texts {
        for w in plain_words(t, common) {
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
    let src_texts = || file.source.sentences.iter().map(|s| s.text.as_str());
    let tgt_texts = || file.target.sentences.iter().map(|s| s.text.as_str());
    let common = lower_case_words(src_texts());
    let src_words = counts(src_texts(), &common);
    // The translation's vocabulary, without the sentences that copy their original (two
    // untranslated sentences must not vouch for each other's words).
    let copies = ctx.copied_targets();
    let tgt_words = counts(
        tgt_texts()
            .enumerate()
            .filter(|(j, _)| !copies.contains(j))
            .map(|(_, t)| t),
        &common,
    );
    // Names the document translates (`Királyság` as `Kingdom`, `HL` as `OJ`): how many
    // beads have each name in their original but not in their translation, and how many
    // have it in their translation.
    let names: Vec<(HashSet<&str>, HashSet<&str>)> = ctx
        .views
        .iter()
        .map(|v| {
            (
                name_words(&v.src, &common).into_iter().collect(),
                name_words(&v.tgt, &common).into_iter().collect(),
            )
        })
        .collect();
    let mut translated: HashMap<&str, usize> = HashMap::new();
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for (v, (src, tgt)) in ctx.views.iter().zip(&names) {
        for w in src.difference(tgt) {
            *translated.entry(w).or_default() += 1;
        }
        // As for plain words, copies of their original do not vouch for each other.
        if !v.record.tgt.iter().any(|j| copies.contains(j)) {
            for w in tgt {
                *kept.entry(w).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        // Every word of the target, and those also in its original.
        let all = all_words(&v.tgt);
        let src_all: HashSet<String> = all_words(&v.src).into_iter().collect();
        let shared = all.iter().filter(|w| src_all.contains(*w)).count();
        // Foreign words: in the original text, and nowhere in the translation but here.
        let address = address_words(&v.tgt);
        let plain: Vec<String> = plain_words(&v.tgt, &common)
            .into_iter()
            .filter(|w| !address.contains(w))
            .collect();
        let mut here: HashMap<&str, usize> = HashMap::new();
        for w in &plain {
            *here.entry(w.as_str()).or_default() += 1;
        }
        let own = if v.record.tgt.iter().any(|j| copies.contains(j)) {
            0
        } else {
            1
        };
        let foreign = plain
            .iter()
            .filter(|w| {
                src_words.contains_key(*w)
                    && tgt_words.get(*w).copied().unwrap_or(0) <= own * here[w.as_str()]
            })
            .count()
            + names[v.index]
                .1
                .iter()
                .filter(|w| {
                    translated.get(*w).copied().unwrap_or(0) >= MIN_TRANSLATED
                        && kept.get(*w).copied().unwrap_or(0) <= own
                })
                .count();
        let n = all.len().max(1) as f64;
        let reason = if foreign >= 1 && shared as f64 >= COPY_SHARE * n {
            Some(format!(
                "the translation repeats the original ({shared} of its {} words): {}",
                all.len(),
                quote(&v.tgt, 80)
            ))
        } else if foreign >= 2 && foreign as f64 >= FOREIGN_SHARE * n {
            Some(format!(
                "the translation is {source_name}: {foreign} of its {} words occur in the original and nowhere else in the translation: {}",
                all.len(),
                quote(&v.tgt, 80)
            ))
        } else if let Some((src_lang, det)) = &detector {
            let text = without_names(&v.tgt);
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            if letters < config.language_min_letters
                || (foreign as f64) < DETECTOR_FOREIGN_SHARE * n
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
            ("2. cikk", "2. cikk"),
            ("Beck János", "Beck János"),
        ];
        pairs.extend(filler(10));
        pairs.push(("3. cikk", "Article 3"));
        assert_eq!(
            kinds(&file(&pairs), FindingKind::Untranslated),
            vec![2, 3, 5, 7]
        );
    }

    #[test]
    fn names_the_document_translates_are_words_of_the_original() {
        let mut pairs = vec![
            (
                "Az Egyesült Királyság nem vett részt.",
                "The United Kingdom did not take part.",
            ),
            (
                "Az Egyesült Királyság később csatlakozott.",
                "The United Kingdom joined later.",
            ),
            ("Kelt Brüsszelben.", "Done at Brussels."),
            ("Egyesült Királyság", "Egyesült Királyság"),
            ("Brüsszel", "Brüsszel"),
        ];
        pairs.extend(filler(10));
        // The kingdom's name is translated elsewhere; the city's once only, which is no
        // rule of the document.
        assert_eq!(kinds(&file(&pairs), FindingKind::Untranslated), vec![3]);
    }

    #[test]
    fn an_address_is_written_as_it_is() {
        let mut pairs = vec![
            ("A fő kérdés ez.", "The main question is this."),
            ("Fő u. 44–50.", "Fő u. 44- 50."),
            ("Szent István krt. 11.", "Szent István krt. 11."),
            // The words around an address are still Hungarian.
            (
                "A hivatal címe: Fő u. 44–50.",
                "A hivatal címe: Fő u. 44–50.",
            ),
        ];
        pairs.extend(filler(10));
        assert_eq!(kinds(&file(&pairs), FindingKind::Untranslated), vec![3]);
    }
}
