//! Two sentences translated in the opposite order.
//!
//! A swap reaches the alignment as a `2-2` bead (the aligner cannot cross its lines) or
//! as two neighbouring 1-1 beads that do not translate each other. For two source
//! sentences `s1 s2` and two target sentences `t1 t2`, the lexical evidence of the
//! straight pairing (`s1–t1`, `s2–t2`, both directions) is compared with the crossed
//! one (`s1–t2`, `s2–t1`), and so are the lengths (Gale–Church, the document's
//! parameters). When the crossed pairing wins by more than [`MIN_GAIN`] and each crossed
//! pair is supported on its own (at least [`MIN_PAIR`]), the sentences are in the
//! opposite order.
//!
//! Limits: a translator may reorder sentences on purpose (in dialogue, `he said` moves
//! freely); such reorderings are reported too, as a warning. Cost: a few support
//! queries per `2-2` bead and per pair of neighbouring 1-1 beads.

use super::{locators, quote, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;

/// Margin (log-likelihood ratio) by which the crossed pairing must win.
pub const MIN_GAIN: f64 = 15.0;
/// Support each crossed pair needs on its own.
pub const MIN_PAIR: f64 = 1.0;

/// Order findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let beads = &ctx.file.beads;
    let mut out: Vec<Finding> = Vec::new();
    for k in 0..beads.len() {
        let b = &beads[k];
        let candidate = if b.src.len() == 2 && b.tgt.len() == 2 {
            Some((k, 1, [b.src[0], b.src[1]], [b.tgt[0], b.tgt[1]]))
        } else if b.src.len() == 1 && b.tgt.len() == 1 {
            beads.get(k + 1).and_then(|n| {
                (n.src.len() == 1 && n.tgt.len() == 1)
                    .then(|| (k, 2, [b.src[0], n.src[0]], [b.tgt[0], n.tgt[0]]))
            })
        } else {
            None
        };
        let Some((bead, span, [s1, s2], [t1, t2])) = candidate else {
            continue;
        };
        if out.iter().any(|f| f.bead + f.beads > bead) {
            continue;
        }
        let Some(gain) = crossing_gain(ctx, [s1, s2], [t1, t2]) else {
            continue;
        };
        let mut f = ctx.finding_on(
            bead,
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

/// How much better `s1–t2, s2–t1` pairs than `s1–t1, s2–t2`, if it does by enough.
fn crossing_gain(ctx: &Context<'_>, [s1, s2]: [usize; 2], [t1, t2]: [usize; 2]) -> Option<f64> {
    let lex = ctx.lexicon();
    let pair = |s: usize, t: usize| {
        lex.support(Text::Source, s, &[t]).llr + lex.support(Text::Target, t, &[s]).llr
    };
    let (a, b) = (pair(s1, t2), pair(s2, t1));
    if a < MIN_PAIR || b < MIN_PAIR {
        return None;
    }
    let straight = pair(s1, t1) + pair(s2, t2);
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
}
