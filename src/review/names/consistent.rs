//! Names that Hungarian writes in lower case: adjectives and nouns made from proper
//! names (`európai` ~ `European`, `magyar` ~ `Hungarian`, `uniós` ~ `EU`, `londoni` ~
//! `London's`), which English capitalises. A capitalised word is all the rest of the
//! name check reads as a name, so a translation that drops `European` from `European
//! Sky` for `európai égbolt` would go unseen.
//!
//! What counts: a lower-case Hungarian word whose *stem* (the word lower-cased, case and
//! plural endings stripped: `európaiak` → `európai`; derivational `-i`, `-s` kept, since
//! `tanácsi` is the Council's and `tanácsot` advice) the translation consistently renders
//! by a name: the translated side of at least [`MIN_BEADS`] paired beads with the stem
//! has a name (a capitalised word not opening its sentence, or one the translation
//! always capitalises; an acronym) that is a counterpart of the word by the name check's
//! own machinery (folded spelling, inflection, similarity, cognates, the built-in
//! dictionary), and at most a share `1 -` [`MIN_SHARE`] of the stem's beads lack one —
//! but one may always (a stem of a few beads would otherwise lose its consistency to the
//! very bead that leaves the name out). The evidence is the document's: nothing is
//! listed by hand.
//!
//! Excused (no candidate, or no finding): a stem the translation renders inconsistently
//! (`walesi` as `Welsh` as often as `Wales`); a Hungarian abbreviation (a word followed
//! by a full stop and more of the sentence) or a word under four letters; a later part of
//! a hyphenated compound (`közép-európai`); a word inside brackets (a gloss); a bead
//! whose translation writes an acronym with the name's initial more often than the
//! Hungarian does (`EU airports` for `európai uniós repülőtereken`, but not the `(EU)` of
//! a regulation's number, which both write) or an abbreviation of the name (`Eur.`); a
//! bead whose translation has a name of its own the original has no counterpart for
//! (`angol` rendered `British`). The sentence-wide "the translation abbreviates a name"
//! excuse of the capitalised names does not apply (an acronym somewhere in a sentence of
//! EU law is too common), nor do pronouns (an adjective or a people is no `he`).
//!
//! Cost: one pass over the Hungarian words to count the beads of each stem, then a
//! counterpart test per word of a stem seen in more than [`MIN_BEADS`] beads, stopped
//! for a stem once its misses pass what it may have.

use std::collections::{HashMap, HashSet};

use super::super::{words_with_offsets, BeadView};
use super::candidates::{candidates, Candidate};
use super::counterparts::{is_acronym, same_acronym, Words};
use crate::align::dict::Dictionary;
use crate::lang::Lang;

/// Fewest paired beads whose translation renders a stem by a name for it to count.
pub const MIN_BEADS: usize = 3;

/// Share of a stem's beads whose translation has a name as its counterpart, from which
/// the stem is a name (one bead may always lack it).
pub const MIN_SHARE: f64 = 0.9;

/// Hungarian endings stripped to find a stem (case, plural, accusative, language adverb),
/// longest first. Not the derivational `-i`, `-s` of adjectives: `tanácsi` is the
/// Council's, `tanácsot` advice.
const ENDINGS: &[&str] = &[
    "ként", "nak", "nek", "val", "vel", "ban", "ben", "ból", "ből", "ról", "ről", "hoz", "hez",
    "höz", "tól", "től", "nál", "nél", "ért", "ba", "be", "ra", "re", "ig", "on", "en", "ön", "ak",
    "ek", "ok", "ök", "at", "et", "ot", "öt", "ul", "ül", "k", "t", "n",
];

/// The stem of a Hungarian word: lower-cased, up to three endings stripped, at least
/// four letters left (`európaiakat` → `európai`, `magyarul` → `magyar`).
pub(super) fn stem(word: &str) -> String {
    let mut s = word.to_lowercase();
    for _ in 0..3 {
        let Some(shorter) = ENDINGS.iter().find_map(|e| {
            s.strip_suffix(e)
                .filter(|rest| rest.chars().count() >= 4)
                .map(str::to_string)
        }) else {
            break;
        };
        s = shorter;
    }
    s
}

/// Hungarian words of `text` that may be a lower-case name: alphabetic, in lower case,
/// four letters or more, not an abbreviation, not after a hyphen (a later part of a
/// compound), not inside brackets (a gloss).
fn eligible(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (at, word, _) in words_with_offsets(text) {
        // Capitalised words are the other candidates' (`Tanács` is the Council, `tanács`
        // advice).
        if word.chars().count() < 4
            || !word.chars().all(char::is_alphabetic)
            || !word.chars().next().is_some_and(char::is_lowercase)
        {
            continue;
        }
        let before = &text[..at];
        if before.ends_with(['-', '‐', '–']) {
            continue;
        }
        let (open, close) = (
            before.matches(['(', '[']).count(),
            before.matches([')', ']']).count(),
        );
        if open > close {
            continue;
        }
        let after = &text[at + word.len()..];
        if let Some(rest) = after.strip_prefix('.') {
            // A full stop with more of the sentence after it: an abbreviation (`ún.`).
            if rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            {
                continue;
            }
        }
        out.push((at, word));
    }
    out
}

/// The names of a translated bead (as [`candidates`] reads them), one string each.
fn names_of(text: &str, usage: &(HashSet<String>, HashSet<String>)) -> Vec<String> {
    candidates(text, &usage.0, &usage.1)
        .into_iter()
        .map(|c| c.word.to_string())
        .collect()
}

/// The stems the translation consistently renders by a name, with that name (the one
/// found most often, lower-cased).
pub(super) struct Consistent {
    stems: HashMap<String, String>,
}

impl Consistent {
    /// Read the beads: `hu_is_src` says which side is Hungarian; `usage` is the
    /// translation's [`super::candidates::usage`]; `dict` translates from Hungarian.
    pub(super) fn new<'v>(
        views: &'v [BeadView<'_>],
        hu_is_src: bool,
        usage: &(HashSet<String>, HashSet<String>),
        dict: &Dictionary,
    ) -> Self {
        let sides = |v: &'v BeadView<'_>| -> (&'v str, &'v str) {
            if hu_is_src {
                (&v.src, &v.tgt)
            } else {
                (&v.tgt, &v.src)
            }
        };
        let paired: Vec<&BeadView<'_>> = views.iter().filter(|v| v.is_paired()).collect();
        // Beads of each stem.
        let mut beads: HashMap<String, usize> = HashMap::new();
        for v in &paired {
            let (hu, _) = sides(v);
            let mut seen: Vec<String> = eligible(hu).iter().map(|(_, w)| stem(w)).collect();
            seen.sort();
            seen.dedup();
            for s in seen {
                *beads.entry(s).or_default() += 1;
            }
        }
        // Hits and misses of the stems seen often enough.
        let mut misses: HashMap<&str, usize> = HashMap::new();
        let mut names_found: HashMap<&str, HashMap<String, usize>> = HashMap::new();
        // Misses a stem of `n` beads may have: the share, and at least one (the bead a
        // name is left out of must not hide the name from its own check).
        let allowed = |n: usize| (((1.0 - MIN_SHARE) * n as f64).floor() as usize).max(1);
        for v in &paired {
            let (hu, other) = sides(v);
            let words = eligible(hu);
            let mut names: Option<Vec<(String, Words)>> = None;
            let mut done: Vec<&str> = Vec::new();
            for (_, w) in &words {
                let s = stem(w);
                let Some((key, &n)) = beads.get_key_value(&s) else {
                    continue;
                };
                if n <= MIN_BEADS
                    || done.contains(&key.as_str())
                    || misses.get(key.as_str()).is_some_and(|&m| m > allowed(n))
                {
                    continue;
                }
                let names = names.get_or_insert_with(|| {
                    names_of(other, usage)
                        .into_iter()
                        .map(|n| {
                            let words = Words::new(&n, &Lang::En);
                            (n, words)
                        })
                        .collect()
                });
                // Any word of the stem in this bead may find the name.
                let found = words
                    .iter()
                    .filter(|(_, w2)| stem(w2) == s)
                    .find_map(|(_, w2)| {
                        names
                            .iter()
                            .find(|(_, nw)| nw.has_counterpart(w2, &Lang::Hu, dict))
                            .map(|(n, _)| n.to_lowercase())
                    });
                done.push(key.as_str());
                match found {
                    Some(name) => {
                        *names_found
                            .entry(key.as_str())
                            .or_default()
                            .entry(name)
                            .or_default() += 1;
                    }
                    None => *misses.entry(key.as_str()).or_default() += 1,
                }
            }
        }
        let stems = names_found
            .into_iter()
            .filter_map(|(s, found)| {
                let n = beads[s];
                let hits: usize = found.values().sum();
                let ok = hits >= MIN_BEADS && n - hits <= allowed(n);
                let best = found
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
                ok.then(|| (s.to_string(), best.0))
            })
            .collect();
        Consistent { stems }
    }

    /// The lower-case name candidates of a Hungarian sentence: eligible words of a
    /// consistent stem that are not among `taken` (the capitalised candidates).
    pub(super) fn candidates<'a>(
        &self,
        text: &'a str,
        taken: &[Candidate<'_>],
    ) -> Vec<Candidate<'a>> {
        let mut out: Vec<Candidate<'a>> = Vec::new();
        for (at, word) in eligible(text) {
            if self.stems.contains_key(&stem(word))
                && !taken.iter().any(|c| c.word == word)
                && !out.iter().any(|c| c.word == word)
            {
                out.push(Candidate {
                    word,
                    span: at..at + word.len(),
                });
            }
        }
        out
    }

    /// Whether the translated bead `other` abbreviates the name of `word`'s stem: an
    /// acronym with the name's initial written more often there than in the Hungarian
    /// bead `here` (`EU airports` for `európai uniós repülőtereken`, not the `(EU)` of a
    /// regulation's number both write), or an abbreviation of it (`Eur.`).
    pub(super) fn abbreviated(&self, word: &str, other: &str, here: &str) -> bool {
        let Some(name) = self.stems.get(&stem(word)) else {
            return false;
        };
        let Some(initial) = name
            .chars()
            .next()
            .map(|c| c.to_uppercase().next().unwrap_or(c))
        else {
            return false;
        };
        words_with_offsets(other).iter().any(|&(at, w, _)| {
            (is_acronym(w) && w.contains(initial) && {
                let count = |text: &str| {
                    words_with_offsets(text)
                        .iter()
                        .filter(|x| same_acronym(x.1, w))
                        .count()
                };
                count(other) > count(here)
            }) || (other[at + w.len()..].starts_with('.')
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() < name.chars().count()
                && name.starts_with(&w.to_lowercase()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_strip_endings_and_keep_four_letters() {
        assert_eq!(stem("európaiakat"), "európai");
        assert_eq!(stem("európai"), "európai");
        assert_eq!(stem("uniós"), "uniós");
        assert_eq!(stem("magyarul"), "magyar");
        assert_eq!(stem("magyarok"), "magyar");
        assert_eq!(stem("londoniak"), "londoni");
        // An unrelated word keeps a stem of its own, and so does a derived adjective
        // (`tanácsi` is the Council's, `tanácsot` advice).
        assert_ne!(stem("magyarázat"), "magyar");
        assert_ne!(stem("tanácsot"), stem("tanácsi"));
    }

    #[test]
    fn glosses_compound_parts_and_abbreviations_are_not_eligible() {
        let words = |t: &str| -> Vec<String> {
            eligible(t)
                .into_iter()
                .map(|(_, w)| w.to_string())
                .collect()
        };
        assert_eq!(words("a (londoni) nyelv"), ["nyelv"]);
        assert_eq!(words("közép-európai ország"), ["közép", "ország"]);
        assert_eq!(words("a szerk. megjegyzése"), ["megjegyzése"]);
    }
}
