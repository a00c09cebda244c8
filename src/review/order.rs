//! Two sentences translated in the opposite order.
//!
//! A swap reaches the alignment as a `2-2` bead (the aligner cannot cross its lines), as
//! two neighbouring 1-1 beads that do not translate each other, or, when a neighbour's
//! length fits better, as a `2-1` bead next to a `1-2` one (one of the swapped lines
//! merged into the neighbouring bead). For two source sentences `s1 s2` and two target
//! sentences `t1 t2`, the lexical evidence of the straight pairing (`s1–t1`, `s2–t2`,
//! both directions) is compared with the crossed one (`s1–t2`, `s2–t1`), and so are the
//! lengths (Gale–Church, the document's parameters). When the crossed pairing wins by
//! more than [`MIN_GAIN`] and each crossed pair is supported on its own (at least
//! [`MIN_PAIR`]), the sentences are in the opposite order. Short lines of dialogue carry
//! little evidence either way: a crossed pair below [`MIN_PAIR`] (but not below
//! [`MIN_WEAK_PAIR`]) still counts when it scores better than both straight pairs.
//!
//! Limits: a translator may reorder sentences on purpose (in dialogue, `he said` moves
//! freely); such reorderings are reported too, as a warning. Cost: a few support
//! queries per `2-2` bead and per pair of neighbouring 1-1 beads.

use super::{locators, quote, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;
use crate::alignment::BeadRecord;

/// Margin (log-likelihood ratio) by which the crossed pairing must win.
pub const MIN_GAIN: f64 = 15.0;
/// Support each crossed pair needs on its own.
pub const MIN_PAIR: f64 = 1.0;
/// Lowest support of a crossed pair that is below [`MIN_PAIR`] but better than both
/// straight pairs.
pub const MIN_WEAK_PAIR: f64 = -5.0;

/// Order findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let beads = &ctx.file.beads;
    let mut out: Vec<Finding> = Vec::new();
    for k in 0..beads.len() {
        let Some((span, [s1, s2], [t1, t2])) = candidate(beads, k) else {
            continue;
        };
        if out.iter().any(|f| f.bead + f.beads > k) {
            continue;
        }
        let Some(gain) = crossing_gain(ctx, [s1, s2], [t1, t2]) else {
            continue;
        };
        let mut f = ctx.finding_on(
            k,
            &[s1, s2],
            &[t1, t2],
            FindingKind::Order,
            Severity::Warning,
            format!(
                "the translation has these two sentences in the opposite order: {} ({}) is translated by the second one, {}",
                quote(ctx.src_text(s1), 50),
                locators(&ctx.file.source, &[s1]),
                quote(ctx.tgt_text(t2), 50),
            ),
        );
        f.score = Some(gain);
        f.beads = span;
        f.words = vec![ctx.tgt_text(t1).to_string(), ctx.tgt_text(t2).to_string()];
        out.push(f);
    }
    out
}

/// Two source and two target sentences that may be swapped, starting at bead `k`, if
/// any: the number of beads they span, the sources, the targets. A swap reaches the alignment as
/// a `2-2` bead, as two `1-1` beads, or, when a neighbour's length fits better, as a
/// `2-1` bead followed by a `1-2` one (`s1 s2 | t2`, `s3 | t1 t3`) or the mirror
/// (`s0 | t0 t2`, `s1 s2 | t1`).
fn candidate(beads: &[BeadRecord], k: usize) -> Option<(usize, [usize; 2], [usize; 2])> {
    let b = &beads[k];
    let shape = |x: &BeadRecord| (x.src.len(), x.tgt.len());
    if shape(b) == (2, 2) {
        return Some((1, [b.src[0], b.src[1]], [b.tgt[0], b.tgt[1]]));
    }
    let n = beads.get(k + 1)?;
    match (shape(b), shape(n)) {
        ((1, 1), (1, 1)) => Some((2, [b.src[0], n.src[0]], [b.tgt[0], n.tgt[0]])),
        ((2, 1), (1, 2)) => Some((2, [b.src[0], b.src[1]], [b.tgt[0], n.tgt[0]])),
        ((1, 2), (2, 1)) => Some((2, [n.src[0], n.src[1]], [b.tgt[1], n.tgt[0]])),
        _ => None,
    }
}

/// How much better `s1–t2, s2–t1` pairs than `s1–t1, s2–t2`, if it does by enough.
fn crossing_gain(ctx: &Context<'_>, [s1, s2]: [usize; 2], [t1, t2]: [usize; 2]) -> Option<f64> {
    let lex = ctx.lexicon();
    let pair = |s: usize, t: usize| {
        lex.support(Text::Source, s, &[t]).llr + lex.support(Text::Target, t, &[s]).llr
    };
    let (a, b) = (pair(s1, t2), pair(s2, t1));
    let (p11, p22) = (pair(s1, t1), pair(s2, t2));
    // Each crossed pair is supported on its own, or, for short lines with little
    // evidence either way (dialogue), is at least no worse than a little negative and
    // better than both straight pairs: unrelated sentences score lower still.
    let weakest = a.min(b);
    if weakest < MIN_PAIR && (weakest < MIN_WEAK_PAIR || weakest <= p11.max(p22)) {
        return None;
    }
    let straight = p11 + p22;
    let model = ctx.length_model();
    let len = |s: usize, t: usize| {
        let (ls, lt) = (
            ctx.src_text(s).chars().count() as f64,
            ctx.tgt_text(t).chars().count() as f64,
        );
        let mean = ((model.ratio * ls + lt) / 2.0).max(1.0);
        (lt - model.ratio * ls).powi(2) / (mean * model.variance.max(0.1)) / 2.0
    };
    let length = (len(s1, t1) + len(s2, t2)) - (len(s1, t2) + len(s2, t1));
    let gain = a + b - straight + length;
    (gain > MIN_GAIN).then_some(gain)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file_of_beads, filler, findings};
    use super::super::FindingKind;

    #[test]
    fn crossed_sentences_are_found_in_a_two_two_bead() {
        let mut beads: Vec<(Vec<&str>, Vec<&str>)> = filler(30)
            .into_iter()
            .map(|(s, t)| (vec![s], vec![t]))
            .collect();
        beads.insert(
            10,
            (
                vec!["A kutya ugatott a kertben.", "Anyám levest főzött."],
                vec!["My mother cooked soup.", "The dog barked in the garden."],
            ),
        );
        let r = findings(&file_of_beads(&beads), FindingKind::Order);
        assert_eq!(r.len(), 1, "{r:#?}");
        assert_eq!((r[0].bead, r[0].src.as_slice()), (10, &[10usize, 11][..]));
        // In order, nothing.
        beads[10].1.swap(0, 1);
        assert!(findings(&file_of_beads(&beads), FindingKind::Order).is_empty());
    }

    #[test]
    fn a_swap_split_over_a_two_one_and_a_one_two_bead_is_found() {
        // s1 s2 | t2 and s3 | t1 t3: the aligner put the swapped t1 with the next bead.
        let mut beads: Vec<(Vec<&str>, Vec<&str>)> = filler(30)
            .into_iter()
            .map(|(s, t)| (vec![s], vec![t]))
            .collect();
        beads.splice(
            10..10,
            [
                (
                    vec!["A kutya ugatott a kertben.", "Anyám levest főzött."],
                    vec!["My mother cooked soup."],
                ),
                (
                    vec!["Apám fát vágott az erdőben."],
                    vec![
                        "The dog barked in the garden.",
                        "My father cut wood in the forest.",
                    ],
                ),
            ],
        );
        let r = findings(&file_of_beads(&beads), FindingKind::Order);
        assert_eq!(r.len(), 1, "{r:#?}");
        assert_eq!(
            (
                r[0].bead,
                r[0].beads,
                r[0].src.as_slice(),
                r[0].tgt.as_slice()
            ),
            (10, 2, &[10usize, 11][..], &[10usize, 11][..])
        );
    }
}
