//! What the second pass learns from the first: the confident 1-1 beads (runs of 1-1
//! beads), bead-type priors, a word-translation table (IBM Model 1 both ways, see
//! [`Dictionary::learn`]) and the reliability of every anchor type.

use super::anchors::Kind;
use super::default_priors;
use super::dict::Dictionary;
use super::dp::{PathBead, BEADS};
use super::model::{self, Unit, Vocab};

/// The 1-1 beads of a first path that a second pass may learn from: those whose
/// neighbours on both sides are 1-1 beads too. (The first pass computes no posteriors:
/// forward–backward would double its memory, and runs of 1-1 beads are where a
/// length-and-anchor alignment is reliable.)
pub(super) fn confident_pairs(path: &[PathBead]) -> Vec<(usize, usize)> {
    (0..path.len())
        .filter(|&k| {
            let one_to_one = |k: usize| path.get(k).is_some_and(|b| b.ty == 0);
            one_to_one(k) && k > 0 && one_to_one(k - 1) && one_to_one(k + 1)
        })
        .map(|k| (path[k].src.0, path[k].tgt.0))
        .collect()
}

/// Bead-type probabilities from a path, smoothed towards the defaults.
///
/// A run of consecutive 1-0 (or 0-1) beads counts once: a block the translator left out
/// is one event, and counting its every sentence would make omissions look common
/// everywhere else in the text.
pub(super) fn estimate_priors(path: &[PathBead]) -> [f64; BEADS.len()] {
    const WEIGHT: f64 = 50.0;
    let mut counts = [0.0f64; BEADS.len()];
    let mut previous = usize::MAX;
    for b in path {
        let unpaired = BEADS[b.ty].0 == 0 || BEADS[b.ty].1 == 0;
        if !(unpaired && b.ty == previous) {
            counts[b.ty] += 1.0;
        }
        previous = b.ty;
    }
    let total: f64 = counts.iter().sum();
    let defaults = default_priors();
    let mut p = [0.0; BEADS.len()];
    for k in 0..BEADS.len() {
        p[k] = (counts[k] + WEIGHT * defaults[k]) / (total + WEIGHT);
    }
    p
}

pub(super) fn word_types<'a>(unit: &'a Unit, vocab: &'a Vocab) -> impl Iterator<Item = u32> + 'a {
    unit.types
        .iter()
        .copied()
        .filter(|&t| vocab.kinds[t as usize] == Kind::Word)
}

/// Learn word translations from confident 1-1 beads.
pub(super) fn learn_dictionary(
    confident: &[(usize, usize)],
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
) -> Dictionary {
    // At most this many beads are used: plenty for the frequent words that matter.
    const MAX_BEADS: usize = 20_000;
    let step = confident.len().div_ceil(MAX_BEADS).max(1);
    let beads: Vec<(Vec<u32>, Vec<u32>)> = confident
        .iter()
        .step_by(step)
        .map(|&(s, t)| {
            (
                word_types(&src[s], src_vocab).collect(),
                word_types(&tgt[t], tgt_vocab).collect(),
            )
        })
        .collect();
    Dictionary::learn(
        beads.iter().map(|(s, t)| (s.as_slice(), t.as_slice())),
        &src_vocab.keys,
        &tgt_vocab.keys,
    )
}

pub(super) fn unit_offers(unit: &Unit, vocab: &Vocab) -> Vec<u32> {
    let mut offers: Vec<u32> = unit
        .types
        .iter()
        .flat_map(|&t| vocab.offers[t as usize].iter().copied())
        .collect();
    offers.sort_unstable();
    offers.dedup();
    offers
}

/// Smoothed reliability of every type of `vocab` (the side `units`), measured on the
/// confident beads against the other side.
pub(super) fn reliability_from(
    pairs: impl Iterator<Item = (usize, usize)>,
    units: &[Unit],
    vocab: &mut Vocab,
    other_units: &[Unit],
    other_vocab: &Vocab,
) {
    const WEIGHT: f64 = 3.0;
    let mut seen = vec![0u32; vocab.len()];
    let mut matched = vec![0u32; vocab.len()];
    for (u, o) in pairs {
        let offers = unit_offers(&other_units[o], other_vocab);
        for &t in &units[u].types {
            seen[t as usize] += 1;
            if vocab.seeks[t as usize]
                .iter()
                .any(|c| offers.binary_search(c).is_ok())
            {
                matched[t as usize] += 1;
            }
        }
    }
    for t in 0..vocab.len() {
        let prior = model::prior_reliability(vocab.kinds[t], &vocab.keys[t]);
        vocab.reliability[t] =
            (f64::from(matched[t]) + WEIGHT * prior) / (f64::from(seen[t]) + WEIGHT);
    }
}
