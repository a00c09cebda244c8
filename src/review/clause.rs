//! Part of a sentence left out: a stretch of the original with no counterpart, in a
//! translation too short for the whole.
//!
//! For a 1-1 bead whose translation is shorter than the document's length ratio
//! predicts, every contiguous stretch of the original's evidence tokens is tried as the
//! part left out. Its score is a log-likelihood ratio of "the translation covers the
//! sentence without this stretch" against "it covers all of it": each token inside the
//! stretch that finds no counterpart adds its miss weight (it was expected to match and
//! did not), each that does find one subtracts its match weight; and the length of the
//! translation is compared with the original's length with and without the stretch
//! (Gale–Church, the document's ratio and variance). The best stretch scoring above
//! [`MIN_SCORE`] is reported as an omission naming the part, quoted as written.
//!
//! Not reported: a part that a neighbouring sentence of the translation translates
//! (moved across a sentence boundary), and a name the translation abbreviates
//! (`Európai Gazdasági Térségről` ~ `EEA`).
//!
//! Limits: a clause rendered by different words than the ones the lexicon knows looks
//! omitted to it; the length term keeps that in check, so a translation of ordinary
//! length is never reported. Word order differs between languages, so the part is the
//! stretch of the *original* without counterpart. Cost: quadratic in the tokens of the
//! short-translation beads only.

use super::{quote, words_with_position, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;

/// Score above which a stretch is reported.
pub const MIN_SCORE: f64 = 6.0;
/// Fewest evidence tokens in a reported stretch.
pub const MIN_TOKENS: usize = 4;
/// Smallest share of the original's characters a reported stretch covers.
pub const MIN_PART: f64 = 0.2;
/// Only translations at least this many standard deviations shorter than predicted
/// (Gale–Church, the document's core variance) are examined: a translator condenses,
/// and a shortfall of three deviations is where condensing stops being common.
pub const MIN_SHORTFALL: f64 = 3.3;

/// Whether `part` holds a name of capitalised words that the translation abbreviates
/// (`Európai Gazdasági Térségről` ~ `EEA`, `Amerikai Egyesült Államok` ~ `USA`): an
/// acronym of about as many letters as the name has words, in the translation and not
/// in the original.
fn abbreviated(part: &str, src: &str, tgt: &str) -> bool {
    let is_acronym =
        |w: &str| (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase());
    let src_words: Vec<&str> = words_with_position(src).into_iter().map(|w| w.0).collect();
    let acronyms: Vec<usize> = words_with_position(tgt)
        .into_iter()
        .map(|w| w.0)
        .filter(|w| is_acronym(w) && !src_words.contains(w))
        .map(|w| w.chars().count())
        .collect();
    if acronyms.is_empty() {
        return false;
    }
    let mut run = 0usize;
    let mut runs = Vec::new();
    for (w, _) in words_with_position(part) {
        if w.chars().next().is_some_and(char::is_uppercase) {
            run += 1;
        } else if w.chars().count() > 3 || run == 0 {
            // Short lower-case words (`és`, `of`) may sit inside a name.
            runs.push(run);
            run = 0;
        }
    }
    runs.push(run);
    runs.into_iter()
        .filter(|&n| n >= 2)
        .any(|n| acronyms.iter().any(|&a| a + 1 >= n && a <= n + 1))
}

/// Whether the part (tokens starting at `starts`) of source sentence `i` is translated
/// in a neighbouring sentence of the translation instead: text moved across a sentence
/// boundary is not missing. Two thirds of its evidence tokens must be found in the
/// neighbour, with positive evidence in all, and the neighbour must be longer than its
/// own original predicts (it holds the moved text).
fn moved(ctx: &Context<'_>, i: usize, j: usize, starts: &[usize]) -> bool {
    let lex = ctx.lexicon();
    let model = ctx.length_model();
    let beads = &ctx.file.beads;
    [j.checked_sub(1), Some(j + 1)]
        .into_iter()
        .flatten()
        .filter(|&x| x < lex.len(Text::Target))
        .any(|x| {
            let bead = &beads[ctx.bead_of_tgt[x]];
            let ls: f64 = bead
                .src
                .iter()
                .map(|&s| ctx.src_text(s).chars().count() as f64)
                .sum();
            let lt: f64 = bead
                .tgt
                .iter()
                .map(|&t| ctx.tgt_text(t).chars().count() as f64)
                .sum();
            let mean = ((model.ratio * ls + lt) / 2.0).max(1.0);
            let z = (lt - model.ratio * ls) / (mean * model.variance.max(0.1)).sqrt();
            if z < 1.0 {
                return false;
            }
            let support = lex.support(Text::Source, i, &[x]);
            let inside: Vec<_> = support
                .tokens
                .iter()
                .filter(|t| starts.contains(&t.span.start) && t.matched.is_some())
                .collect();
            let found = inside.iter().filter(|t| t.matched == Some(true)).count();
            let llr: f64 = inside
                .iter()
                .map(|t| {
                    if t.matched == Some(true) {
                        t.hit
                    } else {
                        t.miss
                    }
                })
                .sum();
            3 * found >= 2 * inside.len() && llr > 0.0
        })
}

/// Omitted-part findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let lex = ctx.lexicon();
    let model = ctx.length_model();
    let mut out = Vec::new();
    for v in ctx.views.iter() {
        let (s, t) = (&v.record.src, &v.record.tgt);
        if s.len() != 1 || t.len() != 1 {
            continue;
        }
        let (i, j) = (s[0], t[0]);
        let (src, tgt) = (ctx.src_text(i), ctx.tgt_text(j));
        let ls = src.chars().count() as f64;
        let lt = tgt.chars().count() as f64;
        let d = |ls: f64| {
            let mean = ((model.ratio * ls + lt) / 2.0).max(1.0);
            (lt - model.ratio * ls) / (mean * model.variance.max(0.1)).sqrt()
        };
        if d(ls) > -MIN_SHORTFALL {
            continue;
        }
        let support = lex.support(Text::Source, i, &[j]);
        let toks: Vec<_> = support
            .tokens
            .iter()
            .filter(|t| t.matched.is_some())
            .collect();
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..toks.len() {
            let mut lexical = 0.0;
            for b in a..toks.len() {
                lexical -= if toks[b].matched == Some(true) {
                    toks[b].hit
                } else {
                    toks[b].miss
                };
                if b + 1 - a < MIN_TOKENS || b + 1 - a == toks.len() {
                    continue;
                }
                let part = src[toks[a].span.start..toks[b].span.end].chars().count() as f64;
                let length = (d(ls).powi(2) - d(ls - part).powi(2)) / 2.0;
                let score = lexical + length;
                if best.is_none_or(|x| score > x.0) {
                    best = Some((score, a, b));
                }
            }
        }
        let Some((score, a, b)) = best.filter(|x| x.0 > MIN_SCORE) else {
            continue;
        };
        let part = &src[toks[a].span.start..toks[b].span.end];
        if (part.chars().count() as f64) < MIN_PART * ls
            || abbreviated(part, src, tgt)
            || moved(
                ctx,
                i,
                j,
                &toks[a..=b].iter().map(|t| t.span.start).collect::<Vec<_>>(),
            )
        {
            continue;
        }
        let expected = model.ratio * ls;
        let mut f = ctx.finding_on(
            v.index,
            &[i],
            &[j],
            FindingKind::Omission,
            Severity::Warning,
            format!(
                "part of the original seems left out of the translation: {} (the translation has {lt:.0} characters where about {expected:.0} are usual)",
                quote(part, 80),
            ),
        );
        f.score = Some(score);
        out.push(f);
    }
    out
}
