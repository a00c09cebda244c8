//! The searches of one pass: the whole grid when it is small, else coarse-to-fine with
//! a band around the path of the coarser level and around the anchor chain; and the
//! full re-search of stretches dense in 1-0/0-1 beads (a long omission), keeping the
//! path elsewhere. Time and memory are linear in the texts for a fixed band radius.

use super::chain;
use super::dp::{self, Band, PathBead};
use super::model::{self, CostParams, Unit, Vocab};
use super::AlignConfig;

/// Band radius around the anchor chain: the chain only has to rescue the path where the
/// coarse levels smoothed over a long omission, so a narrow band is enough.
pub(super) const CHAIN_RADIUS: usize = 3;

/// Search the sentence grid: in full when small, else coarse-to-fine. The coarsest
/// level (runs of 2^L sentences) is searched in full, each finer one in a band around the
/// path of the level above; the sentence level also around the anchor chain. Levels are
/// built one at a time from the sentences, so only one coarse level is in memory.
pub(super) fn search(
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
    params: &CostParams,
    config: &AlignConfig,
    posteriors: bool,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let fits = |n: usize, m: usize| {
        (n + 1).saturating_mul(m + 1) <= config.max_full_cells || n < 2 || m < 2
    };
    if fits(n, m) {
        return run_level(
            src,
            tgt,
            src_vocab,
            tgt_vocab,
            params,
            &Band::full(n, m),
            posteriors,
        );
    }
    let mut top = 1u32;
    while !fits(n.div_ceil(1 << top), m.div_ceil(1 << top)) {
        top += 1;
    }
    let coarse_params = CostParams {
        paragraphs: false,
        unpaired_length_weight: model::COARSE_UNPAIRED_LENGTH_WEIGHT,
        ..params.clone()
    };
    let mut path: Vec<PathBead> = Vec::new();
    for level in (1..=top).rev() {
        let s = model::coarsen_by(src, 1 << level);
        let t = model::coarsen_by(tgt, 1 << level);
        let band = if level == top {
            Band::full(s.len(), t.len())
        } else {
            Band::around(&dp::path_cells(&path), 2, s.len(), t.len(), config.radius)
        };
        path = run_level(&s, &t, src_vocab, tgt_vocab, &coarse_params, &band, false);
    }
    // Also search around the chain of rare shared anchors: it bends with long omissions
    // that the coarse levels may have smoothed over.
    let chain = chain::anchor_chain(src, tgt, src_vocab, tgt_vocab);
    let band = Band::around(&dp::path_cells(&path), 2, n, m, config.radius)
        .with_pieces(&chain, CHAIN_RADIUS);
    drop(path);
    run_level(src, tgt, src_vocab, tgt_vocab, params, &band, posteriors)
}

pub(super) fn run_level(
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
    params: &CostParams,
    band: &Band,
    posteriors: bool,
) -> Vec<PathBead> {
    if dp::cancelled() {
        return dp::placeholder_path(src.len(), tgt.len());
    }
    let (fs, ft) = rayon::join(
        || model::features(src, src_vocab, tgt, tgt_vocab),
        || model::features(tgt, tgt_vocab, src, src_vocab),
    );
    let scorer = model::Scorer::new(&fs, &ft, params, band);
    dp::best_path(band, src.len(), tgt.len(), &scorer, posteriors)
}

/// A rectangle of the grid by its first and last cell (inclusive).
pub(super) type Rectangle = ((usize, usize), (usize, usize));

/// Search the rectangles of `stretches` in full, keeping the rest of `path`: the band
/// is the path itself outside them (so the search there costs a cell or two per row)
/// and the whole rectangle inside. Beads outside the rectangles keep their confidence
/// from the search of the whole band; those inside get theirs from this one (given the
/// path around them).
pub(super) fn research_stretches(
    path: Vec<PathBead>,
    stretches: &[Rectangle],
    (src, tgt): (&[Unit], &[Unit]),
    (src_vocab, tgt_vocab): (&Vocab, &Vocab),
    params: &CostParams,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let pieces: Vec<Vec<(usize, usize)>> =
        stretches.iter().map(|&(from, to)| vec![from, to]).collect();
    let band = Band::around(&dp::path_cells(&path), 1, n, m, 0).with_pieces(&pieces, 0);
    let mut searched = run_level(src, tgt, src_vocab, tgt_vocab, params, &band, true);
    let inside = |b: &PathBead| {
        stretches.iter().any(|&(from, to)| {
            b.src.0 >= from.0 && b.src.1 <= to.0 && b.tgt.0 >= from.1 && b.tgt.1 <= to.1
        })
    };
    // Confidence by the bead's (source, target) sentence ranges.
    type Spans = ((usize, usize), (usize, usize));
    let before: std::collections::HashMap<Spans, f64> =
        path.iter().map(|b| ((b.src, b.tgt), b.posterior)).collect();
    for b in &mut searched {
        if !inside(b) {
            if let Some(&p) = before.get(&(b.src, b.tgt)) {
                b.posterior = p;
            }
        }
    }
    searched
}

/// Fewest 1-0 / 0-1 beads in a stretch that is searched again in full.
pub(super) const STRETCH_MIN_UNPAIRED: usize = 20;
/// Beads of context kept on each side of such a stretch, and the largest distance
/// between two unpaired beads of the same stretch.
pub(super) const STRETCH_MARGIN: usize = 25;
/// Largest rectangle (cells) searched in full around a stretch.
pub(super) const STRETCH_MAX_CELLS: usize = 4_000_000;

/// Stretches of a path dense in 1-0 and 0-1 beads (a long omission or addition), as the
/// corner cells of the rectangle to search again, with some context on each side.
pub(super) fn unpaired_stretches(path: &[PathBead]) -> Vec<Rectangle> {
    let unpaired: Vec<usize> = (0..path.len())
        .filter(|&k| path[k].src.0 == path[k].src.1 || path[k].tgt.0 == path[k].tgt.1)
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < unpaired.len() {
        let mut end = k;
        while end + 1 < unpaired.len() && unpaired[end + 1] - unpaired[end] <= STRETCH_MARGIN {
            end += 1;
        }
        if end + 1 - k >= STRETCH_MIN_UNPAIRED {
            let first = unpaired[k].saturating_sub(STRETCH_MARGIN);
            let last = (unpaired[end] + STRETCH_MARGIN).min(path.len() - 1);
            let from = (path[first].src.0, path[first].tgt.0);
            let to = (path[last].src.1, path[last].tgt.1);
            if (to.0 - from.0 + 1).saturating_mul(to.1 - from.1 + 1) <= STRETCH_MAX_CELLS {
                out.push((from, to));
            }
        }
        k = end + 1;
    }
    out
}
