//! One text's side of the [`super::Lexicon`]: its sentences as tokens, its anchor types
//! with what each offers and seeks, and how the model is built from them: the chance
//! of a match by accident, and a type's reliability learned from confident beads.
//!
//! Linear in the text, except [`reliability`], linear in the pairs it is given.

use std::collections::HashMap;

use super::super::anchors::{self, Kind};
use super::super::dict::Dictionary;
use super::super::model::{Concepts, Vocab};
use super::super::prepare::concepts_of;
use super::Token;
use crate::lang::Lang;

/// Prior reliability of a type before anything is learned (the aligner's priors).
pub(super) fn prior_reliability(kind: Kind) -> f64 {
    match kind {
        Kind::Number | Kind::Month => 0.85,
        Kind::Punct => 0.45,
        Kind::Word => 0.4,
    }
}

/// Weight of the prior in the smoothed reliability (pseudo-observations).
pub(super) const PRIOR_WEIGHT: f64 = 3.0;
/// Highest chance of a match by accident for a type to count as evidence at all.
pub(super) const MAX_CHANCE: f64 = 0.9;

#[derive(Debug, Default)]
pub(super) struct SideData {
    pub(super) sentences: Vec<Vec<Token>>,
    /// The anchor types, with what each offers, seeks and how reliable it is (the
    /// aligner's own record; priors and reliabilities are this module's).
    pub(super) vocab: Vocab,
    /// Chance of a match against one unrelated sentence of the other side.
    pub(super) chance: Vec<f64>,
    /// Sorted unique concepts offered by each sentence.
    pub(super) sentence_offers: Vec<Vec<u32>>,
}

impl SideData {
    pub(super) fn intern(&mut self, kind: Kind, key: &str) -> u32 {
        self.vocab.intern(kind, key)
    }

    /// Unique word types of a sentence.
    pub(super) fn word_types(&self, i: usize) -> Vec<u32> {
        let mut v: Vec<u32> = self.sentences[i]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.ty)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Unique types of a sentence.
    pub(super) fn types(&self, i: usize) -> Vec<u32> {
        let mut v: Vec<u32> = self.sentences[i].iter().map(|t| t.ty).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Whether a type of a side carries evidence: it seeks something, a match is not
/// (nearly) certain by chance, and it is more reliable than chance.
pub(super) fn informative(side: &SideData, ty: u32) -> bool {
    let t = ty as usize;
    !side.vocab.seeks[t].is_empty()
        && side.chance[t] > 0.0
        && side.chance[t] < MAX_CHANCE
        && side.vocab.reliability[t] > side.chance[t] + 0.01
}

pub(super) fn tokenise(sentences: &[&str], lang: &Lang) -> SideData {
    let mut side = SideData::default();
    for text in sentences {
        let mut toks = Vec::new();
        for (span, t) in anchors::extract_spans(text, lang) {
            if t.kind == Kind::Punct {
                continue;
            }
            let ty = side.intern(t.kind, &t.key);
            toks.push(Token {
                span,
                kind: t.kind,
                ty,
            });
        }
        side.sentences.push(toks);
    }
    side
}

/// Give every type the concepts it offers and seeks (as the aligner does).
pub(super) fn link(
    side: &mut SideData,
    lang: &Lang,
    own: &str,
    other: &str,
    dictionary: &Dictionary,
    concepts: &mut Concepts,
) {
    for t in 0..side.vocab.keys.len() {
        let key = side.vocab.keys[t].clone();
        let kind = side.vocab.kinds[t];
        let (offers, seeks) = concepts_of(kind, &key, lang, own, other, dictionary, concepts);
        side.vocab.offers.push(offers);
        side.vocab.seeks.push(seeks);
        side.vocab.reliability.push(prior_reliability(kind));
    }
}

pub(super) fn add_translations(
    side: &mut SideData,
    learned: &Dictionary,
    other: &str,
    concepts: &mut Concepts,
) {
    for t in 0..side.vocab.keys.len() {
        if side.vocab.kinds[t] != Kind::Word {
            continue;
        }
        let extra: Vec<u32> = learned
            .get(&side.vocab.keys[t])
            .iter()
            .map(|tr| concepts.id(format!("w{other}:{tr}")))
            .collect();
        if !extra.is_empty() {
            let seeks = &mut side.vocab.seeks[t];
            seeks.extend(extra);
            seeks.sort_unstable();
            seeks.dedup();
        }
    }
}

pub(super) fn sentence_offers(side: &SideData) -> Vec<Vec<u32>> {
    (0..side.sentences.len())
        .map(|i| {
            let mut v: Vec<u32> = side
                .types(i)
                .into_iter()
                .flat_map(|t| side.vocab.offers[t as usize].iter().copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect()
}

/// Chance that a type of `own` finds what it seeks in one sentence of `other`: the
/// share of `other`'s sentences offering any of it.
pub(super) fn chances(own: &SideData, other: &SideData) -> Vec<f64> {
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (j, offers) in other.sentence_offers.iter().enumerate() {
        for &c in offers {
            postings.entry(c).or_default().push(j as u32);
        }
    }
    let n = other.sentences.len().max(1) as f64;
    let mut hits: Vec<u32> = Vec::new();
    own.vocab
        .seeks
        .iter()
        .map(|seeks| {
            hits.clear();
            for c in seeks {
                if let Some(p) = postings.get(c) {
                    hits.extend_from_slice(p);
                }
            }
            hits.sort_unstable();
            hits.dedup();
            if hits.is_empty() {
                0.0
            } else {
                (hits.len() as f64 / n).clamp(0.5 / n, 1.0)
            }
        })
        .collect()
}

/// Smoothed reliability of every type of `own`, measured on pairs (own, other).
pub(super) fn reliability(
    own: &SideData,
    other: &SideData,
    pairs: impl Iterator<Item = (usize, usize)>,
) -> Vec<f64> {
    let mut seen = vec![0u32; own.vocab.keys.len()];
    let mut matched = vec![0u32; own.vocab.keys.len()];
    for (u, o) in pairs {
        let offers = &other.sentence_offers[o];
        for t in own.types(u) {
            seen[t as usize] += 1;
            if own.vocab.seeks[t as usize]
                .iter()
                .any(|c| offers.binary_search(c).is_ok())
            {
                matched[t as usize] += 1;
            }
        }
    }
    (0..own.vocab.keys.len())
        .map(|t| {
            let prior = prior_reliability(own.vocab.kinds[t]);
            (f64::from(matched[t]) + PRIOR_WEIGHT * prior) / (f64::from(seen[t]) + PRIOR_WEIGHT)
        })
        .collect()
}
