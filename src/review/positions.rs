//! Where in the original the translation's words are: the order of matched words tells
//! a part left out (a sentence merged into a bead, a clause cut from a sentence) from a
//! translation that merges or condenses throughout.
//!
//! A translator who condenses shortens the whole: the words that find their counterpart
//! sit at about the same relative place on both sides (a word a third of the way into
//! the original, a third of the way into the translation). A translation that lost a
//! part is short in one place: its matched words sit where the original's would be
//! *without* that part. For a stretch of the original read as left out, the score is the
//! log-likelihood ratio of the translation's link positions under "the stretch is gone"
//! against "all of it is there", each link's deviation from the diagonal read against
//! this document's own spread of deviations in its 1-1 beads, with a share of links
//! allowed to sit anywhere (a word moved by the translator, a chance match).
//!
//! Only one-to-one links are used (a source token linked to one target token and that
//! one to no other), so that a common word matched in several places says nothing.
//! Used by [`super::coverage`] (a sentence of a merged bead read as the stretch left out
//! of the bead's concatenated sentences). Positions are byte offsets, so accented
//! letters weigh a little more than plain ones. Cost: the token links of the document's
//! 1-1 beads once (sentences of up to [`MAX_TOKENS`] tokens), then linear in the links
//! per stretch tried.

use super::Context;
use crate::align::evidence::{Lexicon, Text};

/// Sentences with more tokens are not read for links (links are quadratic).
pub const MAX_TOKENS: usize = 200;
/// Fewest links a document needs for its spread to be read.
pub const MIN_LINKS: usize = 200;
/// Share of links allowed to sit anywhere (a moved word, a chance match).
pub const STRAY: f64 = 0.1;
/// Smallest spread of deviations used (relative positions).
pub const MIN_SPREAD: f64 = 0.03;

/// The document's spread of link positions around the diagonal in its 1-1 beads.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    sigma: f64,
}

/// One-to-one links of source sentence `i` and target sentence `j`, as the byte
/// centres of the two tokens.
pub fn unique_links(lex: &Lexicon, i: usize, j: usize) -> Vec<(f64, f64)> {
    let (st, tt) = (lex.tokens(Text::Source, i), lex.tokens(Text::Target, j));
    if st.len() > MAX_TOKENS || tt.len() > MAX_TOKENS {
        return Vec::new();
    }
    let links = lex.links(i, j);
    let count = |f: &dyn Fn(&(usize, usize)) -> bool| links.iter().filter(|l| f(l)).count();
    links
        .iter()
        .filter(|&&(a, b)| count(&|l| l.0 == a) == 1 && count(&|l| l.1 == b) == 1)
        .map(|&(a, b)| {
            let centre = |s: &std::ops::Range<usize>| (s.start + s.end) as f64 / 2.0;
            (centre(&st[a].span), centre(&tt[b].span))
        })
        .collect()
}

impl Spread {
    /// The spread of link positions in the document's 1-1 beads, as a robust standard
    /// deviation (1.48 × median absolute deviation). `None` when the document has too
    /// few links to read.
    pub fn of_document(ctx: &Context<'_>) -> Option<Self> {
        let lex = ctx.lexicon();
        let mut devs: Vec<f64> = Vec::new();
        for v in ctx.views.iter() {
            let (&[i], &[j]) = (v.record.src.as_slice(), v.record.tgt.as_slice()) else {
                continue;
            };
            let (ls, lt) = (ctx.src_text(i).len() as f64, ctx.tgt_text(j).len() as f64);
            if ls <= 0.0 || lt <= 0.0 {
                continue;
            }
            devs.extend(
                unique_links(lex, i, j)
                    .into_iter()
                    .map(|(x, y)| (y / lt - x / ls).abs()),
            );
        }
        if devs.len() < MIN_LINKS {
            return None;
        }
        devs.sort_by(f64::total_cmp);
        let mad = devs[devs.len() / 2];
        Some(Spread {
            sigma: (1.4826 * mad).max(MIN_SPREAD),
        })
    }

    /// Log-density of a deviation: a Gaussian of the document's spread, mixed with a
    /// uniform share [`STRAY`] over the possible range.
    fn log_density(&self, dev: f64) -> f64 {
        let s = self.sigma;
        let gauss =
            (-(dev * dev) / (2.0 * s * s)).exp() / (s * (2.0 * std::f64::consts::PI).sqrt());
        ((1.0 - STRAY) * gauss + STRAY * 0.5).ln()
    }

    /// Log-likelihood ratio of the links (`x` in the original of `ls` bytes, `y` in the
    /// translation of `lt` bytes) under "bytes `cut` of the original are left out"
    /// against "the whole original is translated".
    pub fn cut_llr(
        &self,
        links: &[(f64, f64)],
        ls: f64,
        lt: f64,
        cut: std::ops::Range<f64>,
    ) -> f64 {
        let part = cut.end - cut.start;
        if ls - part <= 0.0 || lt <= 0.0 {
            return 0.0;
        }
        links
            .iter()
            .map(|&(x, y)| {
                let whole = y / lt - x / ls;
                let x_cut = if x < cut.start {
                    x
                } else if x >= cut.end {
                    x - part
                } else {
                    cut.start
                };
                let without = y / lt - x_cut / (ls - part);
                self.log_density(without) - self.log_density(whole)
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::Spread;

    #[test]
    fn links_pushed_off_the_diagonal_by_a_cut_read_as_one() {
        let spread = Spread { sigma: 0.08 };
        // A 100-byte original whose last 40 bytes are gone: the translation's words (60
        // bytes) sit where the first 60 bytes' are.
        let cut_links = [(10.0, 10.0), (30.0, 30.0), (50.0, 50.0)];
        let llr = spread.cut_llr(&cut_links, 100.0, 60.0, 60.0..100.0);
        assert!(llr > 3.0, "{llr}");
        // A translation condensed throughout: its words stay on the diagonal.
        let condensed = [(10.0, 6.0), (50.0, 30.0), (90.0, 54.0)];
        let llr = spread.cut_llr(&condensed, 100.0, 60.0, 60.0..100.0);
        assert!(llr < -3.0, "{llr}");
    }
}
