//! Every sentence of a bead needs its own evidence on the other side.
//!
//! The aligner hides an omitted sentence in a merged bead (`2-1`: two sentences of the
//! original, one of the translation) and an added one in a `1-2`; where it cannot, it
//! pairs sentences that do not translate each other. Both are found with the lexical
//! evidence of [`crate::align::evidence`] (what a sentence's words, numbers and names
//! find on the other side, weighed by how unlikely a chance match is) and with length:
//!
//! - **Merged beads.** For each sentence `x` on the side with several sentences:
//!   `score = llr(x) − L(x)`, where `llr(x)` is its lexical support by the other side of
//!   the bead (a log-likelihood ratio) and `L(x)` how much better the other side's length
//!   fits the bead without `x` (Gale–Church, with the document's ratio and variance);
//!   for a sentence of the original, minus `P(x)`, how much better the places of the
//!   translation's words fit the bead without `x` ([`super::positions`]: a neighbour
//!   rendered from the translation's first word to its last leaves no room for `x`;
//!   never below 0, since links that fit the merge better are mostly a neighbour whose
//!   translation says more or less than it, which the length term already weighs),
//!   and minus [`NAME_LOST`] when the bead's translation lacks one of its names (the
//!   name check's finding on the bead, [`super::names`]: a name the translation
//!   carries elsewhere is evidence the lexicon may not weigh), minus [`NEGATION_LOST`]
//!   when it lacks its negation ([`super::negation`]: `Nem tudom.` left out beside a
//!   sentence whose translation says `know`). A merge this document
//!   seldom makes costs `ln(`[`COMMON_MERGE`]` / share)`, clamped to
//!   `0..=`[`RARE_MERGE`], where `share` is the share of its beads with several
//!   sentences of that side (EU law merges almost none: 3; the novel merges sentences
//!   of the original in 6 % of its beads: 0). Below −[`MERGE_WARNING`] the sentence is
//!   reported (an omission in the original, an addition in the translation); below
//!   −[`MERGE_ERROR`] as an error, if words and length alone (without `P(x)`, names or
//!   rarity) are below it too. The rest of the bead must be supported (another of its
//!   sentences with support above [`REST`]), or it is the next case.
//! - **Slid beads.** When the translation of a sentence `c` is left out, the aligner
//!   can slide the translation by one instead of drawing a 1-0: `c` is paired with what
//!   translates its neighbour `b`, and `b` is merged into the bead beyond it. For every
//!   1-1 bead `[c]–[f]` next to a merged bead that ends (or starts) with `b`, the
//!   reading "`b` with `f`, `c` left out" gains `support(b, f) − support(c, f)`
//!   (evidence both ways) plus how much better `f`'s length fits `b` than `c`, and
//!   loses `b`'s own score in the merged bead (as above). A gain above [`SHIFT`] is an
//!   omission of `c`. On the clean novel no sentence gains more than 2.
//! - **Forced pairs.** A bead whose two sides support each other by less than
//!   −[`MISMATCH`] in total does not pair translations. Each of its sentences is looked
//!   for in the [`WINDOW`] sentences around. When some have a partner there (support
//!   above [`PARTNER`]: the aligner was forced to pair them here) and others have none,
//!   those others are an omission (or addition). When every sentence has a partner
//!   elsewhere, the alignment itself is off; when none has, nothing shows more than a
//!   free translation in words the lexicon does not know: both are `low-confidence`
//!   (`info`: not a translation problem).
//!
//! Sentences already explained by a duplicate or order finding are not reported again.
//! Thresholds come from real translations (docs/review.md): on the hand-aligned novel,
//! 1 correct 1-1 bead in 4,600 has a total support below −10. Cost: a few support
//! queries per merged or forced bead.

use super::names::lacks_name_of;
use super::negation::lacks_negation_of;
use super::positions::{unique_links, Spread};
use super::{quote, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;

/// Score below which a sentence of a merged bead is reported (warning).
pub const MERGE_WARNING: f64 = 4.0;
/// Score below which it is an error.
pub const MERGE_ERROR: f64 = 8.0;
/// Total support below which a bead's sides do not translate each other.
pub const MISMATCH: f64 = 10.0;
/// Support above which a sentence has a partner in the window.
pub const PARTNER: f64 = 2.0;
/// Support above which another sentence of a merged bead stands for the rest of it: a
/// sentence is reported only when something else of the bead translates. Any evidence
/// at all (above 0) will do: a short neighbour with one matched word is still what the
/// translation renders, and [`PARTNER`] (2) let an omission merged beside it go.
pub const REST: f64 = 0.0;
/// Cost to the score of a sentence of the original merged into a bead whose translation
/// lacks one of its names (a name check finding, [`super::names`]): the name is a word
/// the lexicon may not know, but that the translation carries elsewhere.
pub const NAME_LOST: f64 = 4.0;
/// Cost to the score of a sentence of the original merged into a bead whose translation
/// lacks its negation (a negation check finding, [`super::negation`]): `Nem tudom.` left
/// out and merged with a neighbour whose translation says `know`.
pub const NEGATION_LOST: f64 = 4.0;
/// Share of the document's beads with several sentences of one side (`2-1`, `3-1`,
/// `2-2` … for the original) from which merging sentences of that side costs nothing:
/// the translator makes such merges.
pub const COMMON_MERGE: f64 = 0.05;
/// Most that a rare merge type costs (`ln(COMMON_MERGE / share)`, from 0 up).
pub const RARE_MERGE: f64 = 3.0;
/// Gain of the shifted reading above which a sentence is reported as left out where
/// the aligner slid the translation by one.
pub const SHIFT: f64 = 4.0;
/// Sentences looked at on each side of a forced bead.
pub const WINDOW: usize = 3;

/// Gale–Church squared residual per character (the core Gaussian) of a pairing of
/// `ls` source and `lt` target characters.
fn residual(ctx: &Context<'_>, ls: f64, lt: f64) -> f64 {
    let m = ctx.length_model();
    let mean = ((m.ratio * ls + lt) / 2.0).max(1.0);
    (lt - m.ratio * ls).powi(2) / (mean * m.variance.max(0.1))
}

fn chars(ctx: &Context<'_>, text: Text, ids: &[usize]) -> f64 {
    ids.iter()
        .map(|&i| match text {
            Text::Source => ctx.src_text(i),
            Text::Target => ctx.tgt_text(i),
        })
        .map(|s| s.chars().count() as f64)
        .sum()
}

/// How much better the bead's lengths fit without sentence `x` of side `text`
/// (a log-likelihood ratio: positive when the bead looks better without it).
fn length_gain(ctx: &Context<'_>, text: Text, x: usize, own: &[usize], other: &[usize]) -> f64 {
    let own_all = chars(ctx, text, own);
    let own_without = own_all - chars(ctx, text, &[x]);
    let other_len = chars(ctx, text.other(), other);
    let (with, without) = match text {
        Text::Source => (
            residual(ctx, own_all, other_len),
            residual(ctx, own_without, other_len),
        ),
        Text::Target => (
            residual(ctx, other_len, own_all),
            residual(ctx, other_len, own_without),
        ),
    };
    (with - without) / 2.0
}

fn is_explained(explained: &[Finding], text: Text, x: usize) -> bool {
    explained.iter().any(|f| match text {
        Text::Source => f.src.contains(&x),
        Text::Target => f.tgt.contains(&x),
    })
}

/// Whether every number of sentence `x` of `text` is in the sentences `other` of the
/// other text (as the number check reads them).
fn numbers_found(ctx: &Context<'_>, text: Text, x: usize, other: &[usize]) -> bool {
    use super::numbers::read::{mentions, MentionKind};
    let (own_text, own_lang, other_lang) = match text {
        Text::Source => (
            ctx.src_text(x),
            &ctx.file.source.lang,
            &ctx.file.target.lang,
        ),
        Text::Target => (
            ctx.tgt_text(x),
            &ctx.file.target.lang,
            &ctx.file.source.lang,
        ),
    };
    let theirs: Vec<String> = other
        .iter()
        .flat_map(|&y| {
            let t = match text {
                Text::Source => ctx.tgt_text(y),
                Text::Target => ctx.src_text(y),
            };
            mentions(t, other_lang)
        })
        .flat_map(|m| m.values)
        .collect();
    mentions(own_text, own_lang)
        .iter()
        .filter(|m| m.kind != MentionKind::Word)
        .all(|m| m.values.iter().any(|v| theirs.contains(v)))
}

/// What merging sentences of `text` costs in a document whose beads seldom do:
/// `ln(COMMON_MERGE / share)`, clamped to `0..=RARE_MERGE`, where `share` is the share
/// of the document's beads with several sentences of `text` (each merge type of a side
/// counted together: a translator who merges two sentences also merges three).
fn rarity(ctx: &Context<'_>, text: Text) -> f64 {
    let beads = &ctx.file.beads;
    let merged = beads
        .iter()
        .filter(|b| match text {
            Text::Source => b.src.len() > 1,
            Text::Target => b.tgt.len() > 1,
        })
        .count();
    let share = merged.max(1) as f64 / beads.len().max(1) as f64;
    (COMMON_MERGE / share).ln().clamp(0.0, RARE_MERGE)
}

/// Omission and addition findings from missing evidence. `lost` are the name and
/// negation checks' findings (a sentence whose names or negation the translation lacks
/// has less evidence).
pub fn check(ctx: &Context<'_>, explained: &[Finding], lost: &[&Finding]) -> Vec<Finding> {
    // Word positions are read only for a bead that merges sentences of the original.
    let spread = ctx
        .views
        .iter()
        .any(|v| v.is_paired() && v.record.src.len() > 1)
        .then(|| Spread::of_document(ctx))
        .flatten();
    let rare = [rarity(ctx, Text::Source), rarity(ctx, Text::Target)];
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        let (s, t) = (&v.record.src, &v.record.tgt);
        if s.len() > 1 || t.len() > 1 {
            out.extend(merged(ctx, v.index, explained, lost, rare, spread));
        }
        if !out.iter().any(|f| f.bead == v.index) {
            out.extend(forced(ctx, v.index, explained));
        }
    }
    // Only omissions: the mirror (a sentence added where the aligner slid the original)
    // fires on the table cells out of step of EU law, which other findings already show.
    for k in 0..ctx.views.len() {
        if let Some(f) = shifted(ctx, k, explained) {
            if !out.iter().any(|g| g.kind == f.kind && g.src == f.src) {
                out.push(f);
            }
        }
    }
    out
}

/// Evidence in both directions that source sentence `x` and target sentence `y`
/// translate each other.
fn pair_support(ctx: &Context<'_>, x: usize, y: usize) -> f64 {
    let lex = ctx.lexicon();
    lex.support(Text::Source, x, &[y]).llr + lex.support(Text::Target, y, &[x]).llr
}

/// A sentence of the original left out where the aligner slid the translation by one:
/// a 1-1 bead `[c]–[f]` next to a merged bead `M` (two or more source sentences) whose
/// sentence nearest to it, `b`, is what `f` translates. The reading `M − b`, `[b]–[f]`,
/// `[c]–[]` is weighed against the aligner's: what `b` gains from `f` over what `c` has
/// there (evidence both ways and length), minus what `b` explains in `M`.
fn shifted(ctx: &Context<'_>, k: usize, explained: &[Finding]) -> Option<Finding> {
    let lex = ctx.lexicon();
    let bead = &ctx.file.beads[k];
    let ([c], [f]) = (bead.src.as_slice(), bead.tgt.as_slice()) else {
        return None;
    };
    let (c, f) = (*c, *f);
    let len_f = chars(ctx, Text::Target, &[f]);
    let len = |x: usize| residual(ctx, chars(ctx, Text::Source, &[x]), len_f);
    let mut best: Option<(f64, usize)> = None;
    for m in [k.checked_sub(1), Some(k + 1)].into_iter().flatten() {
        let Some(merged) = ctx.file.beads.get(m) else {
            continue;
        };
        let (m_src, m_tgt) = (&merged.src, &merged.tgt);
        if m_src.len() < 2 || m_tgt.is_empty() {
            continue;
        }
        let b = if m < k {
            m_src[m_src.len() - 1]
        } else {
            m_src[0]
        };
        let rest: Vec<usize> = m_src.iter().copied().filter(|&y| y != b).collect();
        let in_m = lex.own_support(Text::Source, b, m_tgt, &rest).llr
            - length_gain(ctx, Text::Source, b, m_src, m_tgt);
        let gain =
            pair_support(ctx, b, f) - pair_support(ctx, c, f) + (len(c) - len(b)) / 2.0 - in_m;
        if best.is_none_or(|(g, _)| gain > g) {
            best = Some((gain, b));
        }
    }
    let (gain, b) = best?;
    if gain < SHIFT || is_explained(explained, Text::Source, c) {
        return None;
    }
    let sentence = ctx.src_text(c);
    let mut out = ctx.finding_on(
        k,
        &[c],
        &[],
        FindingKind::Omission,
        Severity::Warning,
        format!(
            "this sentence of the original has no counterpart in the translation: {}; the aligner paired it with {}, which translates the sentence next to it, {}",
            quote(sentence, 80),
            quote(ctx.tgt_text(f), 60),
            quote(ctx.src_text(b), 60),
        ),
    );
    out.score = Some(gain);
    out.words = vec![sentence.to_string()];
    Some(out)
}

/// How much better the places of the translation's words fit source sentence `x` of a
/// merged bead left out (a log-likelihood ratio, see [`super::positions`]): the words
/// that translate the other sentences of the bead, read in the bead's concatenated
/// sentences. Where the translation renders the neighbour from its first word to its
/// last, nothing is left for `x`.
fn placed_without(
    ctx: &Context<'_>,
    spread: Spread,
    x: usize,
    src: &[usize],
    tgt: &[usize],
) -> f64 {
    let offsets = |ids: &[usize], len: &dyn Fn(usize) -> usize| -> (Vec<f64>, f64) {
        let mut at = 0.0;
        let mut out = Vec::new();
        for &k in ids {
            out.push(at);
            at += len(k) as f64 + 1.0;
        }
        (out, (at - 1.0).max(0.0))
    };
    let (src_at, ls) = offsets(src, &|i| ctx.src_text(i).len());
    let (tgt_at, lt) = offsets(tgt, &|j| ctx.tgt_text(j).len());
    let mut links = Vec::new();
    let mut cut = 0.0..0.0;
    for (&i, &xs) in src.iter().zip(&src_at) {
        if i == x {
            cut = xs..xs + ctx.src_text(i).len() as f64;
            continue;
        }
        for (&j, &ys) in tgt.iter().zip(&tgt_at) {
            links.extend(
                unique_links(ctx.lexicon(), i, j)
                    .into_iter()
                    .map(|(a, b)| (a + xs, b + ys)),
            );
        }
    }
    spread.cut_llr(&links, ls, lt, cut)
}

/// Sentences of a merged bead without their own evidence.
fn merged(
    ctx: &Context<'_>,
    bead: usize,
    explained: &[Finding],
    lost: &[&Finding],
    rare: [f64; 2],
    spread: Option<Spread>,
) -> Vec<Finding> {
    let lex = ctx.lexicon();
    let b = &ctx.file.beads[bead];
    let mut out = Vec::new();
    for (text, own, other) in [
        (Text::Source, &b.src, &b.tgt),
        (Text::Target, &b.tgt, &b.src),
    ] {
        if own.len() < 2 {
            continue;
        }
        let scores: Vec<(usize, f64, f64, f64)> = own
            .iter()
            .map(|&x| {
                let llr = lex.support(text, x, other).llr;
                let rivals: Vec<usize> = own.iter().copied().filter(|&y| y != x).collect();
                let own_llr = lex.own_support(text, x, other, &rivals).llr;
                // One-sided: evidence that nothing is left for `x`, never that it is there.
                let placed = match (text, spread) {
                    (Text::Source, Some(sp)) => placed_without(ctx, sp, x, own, other).max(0.0),
                    _ => 0.0,
                };
                let words_and_length = own_llr - length_gain(ctx, text, x, own, other);
                let on_bead = |has: fn(&Finding, &str) -> bool| {
                    text == Text::Source
                        && lost
                            .iter()
                            .any(|f| f.bead == bead && has(f, ctx.src_text(x)))
                };
                let lost = if on_bead(lacks_name_of) {
                    NAME_LOST
                } else {
                    0.0
                } + if on_bead(lacks_negation_of) {
                    NEGATION_LOST
                } else {
                    0.0
                };
                let rare = rare[usize::from(text == Text::Target)];
                (
                    x,
                    llr,
                    words_and_length - placed - lost - rare,
                    words_and_length,
                )
            })
            .collect();
        for &(x, _, score, words_and_length) in &scores {
            // The rest of the bead must stand: else it is a forced pair, not a merge.
            let rest_ok = scores.iter().any(|&(y, l, _, _)| y != x && l > REST);
            // A heading number (`5.`) merged into a bead whose other side lacks it is a
            // sentence left out, however short.
            let lost_number = {
                let sentence = match text {
                    Text::Source => ctx.src_text(x),
                    Text::Target => ctx.tgt_text(x),
                };
                super::numbers::numbering_only(sentence) && !numbers_found(ctx, text, x, other)
            };
            if (score >= -MERGE_WARNING && !lost_number)
                || !rest_ok
                || is_explained(explained, text, x)
            {
                continue;
            }
            // Word positions can make a warning, not an error: one link out of place
            // moves them, and an error must be almost surely right.
            let severity = if score < -MERGE_ERROR && words_and_length < -MERGE_ERROR {
                Severity::Error
            } else {
                Severity::Warning
            };
            let sentence = match text {
                Text::Source => ctx.src_text(x),
                Text::Target => ctx.tgt_text(x),
            };
            let (kind, src, tgt, what) = match text {
                Text::Source => (
                    FindingKind::Omission,
                    vec![x],
                    Vec::new(),
                    "this sentence of the original has no counterpart in the translation",
                ),
                Text::Target => (
                    FindingKind::Addition,
                    Vec::new(),
                    vec![x],
                    "this sentence of the translation has no counterpart in the original",
                ),
            };
            let rest = match text {
                Text::Source => crate::review::side_text(&ctx.file.target, other),
                Text::Target => crate::review::side_text(&ctx.file.source, other),
            };
            let mut f = ctx.finding_on(
                bead,
                &src,
                &tgt,
                kind,
                severity,
                format!(
                    "{what}: {}; the aligner merged it with the sentence(s) that {} translates",
                    quote(sentence, 80),
                    quote(&rest, 60),
                ),
            );
            f.score = Some(-score);
            f.words = vec![sentence.to_string()];
            out.push(f);
        }
    }
    out
}

/// Sentences of a bead whose sides do not translate each other.
fn forced(ctx: &Context<'_>, bead: usize, explained: &[Finding]) -> Vec<Finding> {
    let lex = ctx.lexicon();
    let b = &ctx.file.beads[bead];
    let total: f64 = b
        .src
        .iter()
        .map(|&i| lex.support(Text::Source, i, &b.tgt).llr)
        .chain(
            b.tgt
                .iter()
                .map(|&j| lex.support(Text::Target, j, &b.src).llr),
        )
        .sum();
    if total >= -MISMATCH {
        return Vec::new();
    }
    let window = |text: Text, ids: &[usize]| -> Vec<usize> {
        let n = lex.len(text);
        let lo = ids.first().copied().unwrap_or(0).saturating_sub(WINDOW);
        let hi = (ids.last().copied().unwrap_or(0) + WINDOW + 1).min(n);
        (lo..hi).filter(|x| !ids.contains(x)).collect()
    };
    let has_partner = |text: Text, x: usize, other: &[usize]| -> bool {
        window(text.other(), other)
            .into_iter()
            .any(|y| lex.support(text, x, &[y]).llr > PARTNER)
    };
    let sentences: Vec<(Text, usize, &[usize])> = b
        .src
        .iter()
        .map(|&i| (Text::Source, i, b.tgt.as_slice()))
        .chain(b.tgt.iter().map(|&j| (Text::Target, j, b.src.as_slice())))
        .collect();
    let homes: Vec<bool> = sentences
        .iter()
        .map(|&(text, x, other)| has_partner(text, x, other))
        .collect();
    let mut out = Vec::new();
    // Every sentence with a partner elsewhere: the alignment is off. None: nothing here or
    // around is evidence of anything (a free translation in words the lexicon does not
    // know looks the same as a mismatch). Only a sentence whose partner sits elsewhere
    // beside one without shows that the aligner was forced.
    let off = if homes.iter().all(|&h| h) {
        Some("the two sides of this bead do not translate each other, but each has a partner nearby: the alignment is off here")
    } else if homes.iter().all(|&h| !h) {
        Some("no word of this bead finds its counterpart on the other side (a free translation, or a mismatch)")
    } else {
        None
    };
    if let Some(reason) = off {
        let mut f = ctx.finding(
            bead,
            FindingKind::LowConfidence,
            Severity::Info,
            reason.to_string(),
        );
        f.score = Some(-total);
        out.push(f);
        return out;
    }
    for (&(text, x, other), &home) in sentences.iter().zip(&homes) {
        if home || is_explained(explained, text, x) {
            continue;
        }
        let sentence = match text {
            Text::Source => ctx.src_text(x),
            Text::Target => ctx.tgt_text(x),
        };
        let paired = match text {
            Text::Source => crate::review::side_text(&ctx.file.target, other),
            Text::Target => crate::review::side_text(&ctx.file.source, other),
        };
        let (kind, src, tgt, what) = match text {
            Text::Source => (
                FindingKind::Omission,
                vec![x],
                Vec::new(),
                "nothing in the translation near here translates this sentence",
            ),
            Text::Target => (
                FindingKind::Addition,
                Vec::new(),
                vec![x],
                "nothing in the original near here is translated by this sentence",
            ),
        };
        let mut f = ctx.finding_on(
            bead,
            &src,
            &tgt,
            kind,
            Severity::Warning,
            format!(
                "{what}: {}; the aligner paired it with {}, which translates a sentence nearby",
                quote(sentence, 80),
                quote(&paired, 60)
            ),
        );
        f.score = Some(-total);
        f.words = vec![sentence.to_string()];
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests;
