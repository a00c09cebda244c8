//! Dynamic programming over a band of the (source × target) grid.
//!
//! A cell `(i, j)` means "the first `i` source and `j` target units are aligned". A bead
//! of type `(k, l)` moves from `(i−k, j−l)` to `(i, j)`. The band keeps, for every row
//! `i`, a range `lo(i)..=hi(i)` of columns, non-decreasing in `i`; the full grid is the
//! band `0..=m` on every row.
//!
//! One forward sweep computes the best (Viterbi) path and, with the same bead costs, the
//! forward log-sums; a backward sweep gives the backward log-sums, so every bead on the
//! best path gets its posterior probability (its confidence).
//!
//! Cost: time O(cells · bead types), memory O(cells) where cells = Σ (hi − lo + 1):
//! O(n·m) for the full grid, O((n + m)·w) for a band of width w.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::model::Scorer;

thread_local! {
    /// The cancel flag of the alignment running on this thread (set by
    /// [`super::align`] from [`super::AlignConfig::cancel`]).
    static CANCEL: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Makes a flag the cancel flag of this thread until dropped.
pub(crate) struct CancelScope {
    previous: Option<Arc<AtomicBool>>,
}

impl CancelScope {
    pub(crate) fn enter(flag: Option<Arc<AtomicBool>>) -> Self {
        CancelScope {
            previous: CANCEL.with_borrow_mut(|c| std::mem::replace(c, flag)),
        }
    }
}

impl Drop for CancelScope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CANCEL.with_borrow_mut(|c| *c = previous);
    }
}

/// Whether the alignment running on this thread was cancelled.
pub(crate) fn cancelled() -> bool {
    CANCEL.with_borrow(|c| c.as_ref().is_some_and(|f| f.load(Ordering::Relaxed)))
}

/// Any path through the grid (1-1 beads, then the rest unpaired): what a cancelled
/// search returns, so that the code after it runs on without work or panics.
pub(crate) fn placeholder_path(n: usize, m: usize) -> Vec<PathBead> {
    let k = n.min(m);
    let one = (0..k).map(|i| PathBead {
        src: (i, i + 1),
        tgt: (i, i + 1),
        ty: 0,
        posterior: 0.0,
    });
    let src_rest = (k..n).map(|i| PathBead {
        src: (i, i + 1),
        tgt: (m, m),
        ty: 1,
        posterior: 0.0,
    });
    let tgt_rest = (k..m).map(|j| PathBead {
        src: (n, n),
        tgt: (j, j + 1),
        ty: 2,
        posterior: 0.0,
    });
    one.chain(src_rest).chain(tgt_rest).collect()
}

/// Bead types `(source units, target units)` the aligner's search considers (the
/// inventory of [`super::model::CostParams::beads`] when aligning).
pub const BEADS: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Allowed cells, row by row.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    lo: Vec<u32>,
    hi: Vec<u32>,
    /// Index of the first cell of each row in the flat cell arrays (length n + 2).
    start: Vec<usize>,
}

impl Band {
    /// The whole grid.
    pub(crate) fn full(n: usize, m: usize) -> Self {
        Band::from_ranges(vec![0; n + 1], vec![m as u32; n + 1])
    }

    fn from_ranges(lo: Vec<u32>, hi: Vec<u32>) -> Self {
        let mut start = Vec::with_capacity(lo.len() + 1);
        let mut total = 0usize;
        for (l, h) in lo.iter().zip(&hi) {
            start.push(total);
            total += (h - l + 1) as usize;
        }
        start.push(total);
        Band { lo, hi, start }
    }

    /// A band of `radius` cells around a path of cells (its bead boundaries), where the
    /// path was found on a grid `scale` times coarser (1 = same grid).
    pub(crate) fn around(
        path: &[(usize, usize)],
        scale: usize,
        n: usize,
        m: usize,
        radius: usize,
    ) -> Self {
        let mut lo = vec![u32::MAX; n + 1];
        let mut hi = vec![0u32; n + 1];
        let mut cover = |i: usize, j0: usize, j1: usize| {
            let i = i.min(n);
            lo[i] = lo[i].min(j0.min(m) as u32);
            hi[i] = hi[i].max(j1.min(m) as u32);
        };
        for w in path.windows(2) {
            let ((a, b), (c, d)) = (w[0], w[1]);
            // The rectangle between two consecutive path cells, at the fine scale.
            for i in a * scale..=c * scale {
                cover(i, b * scale, d * scale);
            }
        }
        if path.len() == 1 {
            cover(0, 0, 0);
        }
        cover(0, 0, 0);
        cover(n, m, m);
        // Widen by the radius in both directions, then make the ranges monotone.
        let mut wlo = vec![u32::MAX; n + 1];
        let mut whi = vec![0u32; n + 1];
        for i in 0..=n {
            if lo[i] == u32::MAX {
                continue;
            }
            let r = radius;
            for ii in i.saturating_sub(r / 4)..=(i + r / 4).min(n) {
                wlo[ii] = wlo[ii].min(lo[i].saturating_sub(r as u32));
                whi[ii] = whi[ii].max((hi[i] as usize + r).min(m) as u32);
            }
        }
        make_monotone(&mut wlo, &mut whi);
        wlo[0] = 0;
        whi[n] = m as u32;
        for i in 0..=n {
            if wlo[i] > whi[i] {
                wlo[i] = whi[i];
            }
            // Every row must touch the previous one, or its cells are unreachable.
            if i > 0 && wlo[i] > whi[i - 1] {
                wlo[i] = whi[i - 1];
            }
        }
        Band::from_ranges(wlo, whi)
    }

    /// This band widened by `radius` cells around paths that need not reach the corners
    /// of the grid (consecutive cells of a piece span a rectangle; with radius 0 a piece
    /// of two cells adds exactly their rectangle). Unlike [`Band::around`], whose band
    /// always runs from `(0, 0)` to `(n, m)`, nothing is added between the pieces. Rows
    /// no piece reaches keep their range, apart from what keeping the band monotone
    /// requires.
    pub(crate) fn with_pieces(&self, pieces: &[Vec<(usize, usize)>], radius: usize) -> Band {
        let n = self.lo.len() - 1;
        let m = self.hi[n] as usize;
        let mut lo = self.lo.clone();
        let mut hi = self.hi.clone();
        for piece in pieces {
            for w in piece.windows(2) {
                let ((a, b), (c, d)) = (w[0], w[1]);
                for i in a.saturating_sub(radius / 4)..=(c + radius / 4).min(n) {
                    lo[i] = lo[i].min(b.saturating_sub(radius).min(m) as u32);
                    hi[i] = hi[i].max((d + radius).min(m) as u32);
                }
            }
        }
        // Only widening: every row still touches the previous one.
        make_monotone(&mut lo, &mut hi);
        Band::from_ranges(lo, hi)
    }

    pub(crate) fn lo(&self, i: usize) -> u32 {
        self.lo[i]
    }

    pub(crate) fn hi(&self, i: usize) -> u32 {
        self.hi[i]
    }

    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = (self.lo[i] as usize, self.hi[i] as usize);
        (lo..=hi).contains(&j).then(|| self.start[i] + j - lo)
    }

    /// Number of cells.
    pub(crate) fn cells(&self) -> usize {
        self.start[self.lo.len()]
    }
}

/// A bead of the best path: unit ranges, bead type and posterior probability.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PathBead {
    pub(crate) src: (usize, usize),
    pub(crate) tgt: (usize, usize),
    pub(crate) ty: usize,
    pub(crate) posterior: f64,
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + softplus_neg(hi - lo)
}

/// Range and resolution of the ln(1 + e^−x) table.
const SOFTPLUS_MAX: f64 = 36.0;
const SOFTPLUS_STEPS_PER_UNIT: f64 = 256.0;

/// ln(1 + e^−x) for x ≥ 0, from a table with linear interpolation (absolute error
/// below 1e-6, far below what the posteriors need; ~4× faster than exp + ln_1p).
fn softplus_neg(x: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    if x >= SOFTPLUS_MAX {
        return 0.0;
    }
    let table = TABLE.get_or_init(|| {
        let n = (SOFTPLUS_MAX * SOFTPLUS_STEPS_PER_UNIT) as usize + 2;
        (0..n)
            .map(|k| (-(k as f64) / SOFTPLUS_STEPS_PER_UNIT).exp().ln_1p())
            .collect()
    });
    let pos = x * SOFTPLUS_STEPS_PER_UNIT;
    let k = pos as usize;
    let frac = pos - k as f64;
    table[k] + (table[k + 1] - table[k]) * frac
}

/// Bead costs are kept for the backward sweep as fixed-point numbers: 1/64 nat steps,
/// ±500 nats (a bead costing more than that has no posterior mass anyway).
const COST_SCALE: f64 = 64.0;
const NO_BEAD: i16 = i16::MAX;

fn quantise(c: f64) -> i16 {
    (c * COST_SCALE).round().clamp(-32_000.0, 32_000.0) as i16
}

fn dequantise(q: i16) -> f64 {
    f64::from(q) / COST_SCALE
}

/// Find the best path through the band, with a posterior for each of its beads when
/// `posteriors` is set (otherwise they are 1: the coarse levels only need the path, and
/// skip the forward–backward sums and their memory).
///
/// Memory per cell: the best score (8 bytes), a back-pointer (1), and with posteriors
/// the forward log-sum relative to the best score (4) and the quantised cost of every
/// bead type ending there (2 each).
pub(crate) fn best_path(
    band: &Band,
    n: usize,
    m: usize,
    scorer: &Scorer<'_>,
    posteriors: bool,
) -> Vec<PathBead> {
    let cells = band.cells();
    let beads = scorer.beads();
    let types = beads.len();
    let sums = if posteriors { cells } else { 0 };
    let mut best = vec![f64::INFINITY; cells];
    // alpha(cell) = forward log-sum = rel[cell] − best[cell]; the difference is small and
    // fits an f32 where alpha itself (up to millions of nats) would not.
    let mut rel = vec![f32::NEG_INFINITY; sums];
    let mut back = vec![u8::MAX; cells];
    let mut costs = vec![NO_BEAD; sums * types];
    let alpha = |rel: &[f32], best: &[f64], cell: usize| f64::from(rel[cell]) - best[cell];
    for i in 0..=n {
        // A cancelled alignment (Ctrl-C) stops here within a row.
        if cancelled() {
            return placeholder_path(n, m);
        }
        for j in band.lo(i) as usize..=band.hi(i) as usize {
            let Some(cell) = band.cell(i, j) else {
                continue;
            };
            if i == 0 && j == 0 {
                best[cell] = 0.0;
                if posteriors {
                    rel[cell] = 0.0;
                }
                continue;
            }
            let mut b = f64::INFINITY;
            let mut a = f64::NEG_INFINITY;
            let mut arg = u8::MAX;
            for (ty, &(k, l)) in beads.iter().enumerate() {
                if k > i || l > j {
                    continue;
                }
                let Some(prev) = band.cell(i - k, j - l) else {
                    continue;
                };
                if best[prev] == f64::INFINITY {
                    continue;
                }
                let c = scorer.cost(ty, i - k, i, j - l, j);
                if !c.is_finite() {
                    continue;
                }
                let total = best[prev] + c;
                if total < b {
                    b = total;
                    arg = ty as u8;
                }
                if posteriors {
                    let q = quantise(c);
                    costs[cell * types + ty] = q;
                    a = log_add(a, alpha(&rel, &best, prev) - dequantise(q));
                }
            }
            best[cell] = b;
            back[cell] = arg;
            if posteriors && b.is_finite() {
                rel[cell] = (a + b) as f32;
            }
        }
    }
    let mut path_cells = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let cell = band.cell(i, j).expect("path stays in the band");
        let ty = back[cell] as usize;
        let (k, l) = beads[ty];
        path_cells.push((i, j, ty));
        i -= k;
        j -= l;
    }
    path_cells.reverse();
    if !posteriors {
        return path_cells
            .into_iter()
            .map(|(i, j, ty)| {
                let (k, l) = beads[ty];
                PathBead {
                    src: (i - k, i),
                    tgt: (j - l, j),
                    ty,
                    posterior: 1.0,
                }
            })
            .collect();
    }
    // Forward sums at the start of every path bead, and the total, before `best` is
    // reused for the backward sums.
    let end = band.cell(n, m).expect("end cell in band");
    let z = alpha(&rel, &best, end);
    let path_alpha: Vec<f64> = path_cells
        .iter()
        .map(|&(i, j, ty)| {
            let (k, l) = beads[ty];
            let prev = band.cell(i - k, j - l).expect("in band");
            alpha(&rel, &best, prev)
        })
        .collect();
    drop(rel);
    let mut beta = best;
    beta.fill(f64::NEG_INFINITY);
    beta[end] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo(i) as usize..=band.hi(i) as usize).rev() {
            let Some(cell) = band.cell(i, j) else {
                continue;
            };
            if cell == end {
                continue;
            }
            let mut acc = f64::NEG_INFINITY;
            for (ty, &(k, l)) in beads.iter().enumerate() {
                if i + k > n || j + l > m {
                    continue;
                }
                let Some(next) = band.cell(i + k, j + l) else {
                    continue;
                };
                let q = costs[next * types + ty];
                if q != NO_BEAD && beta[next] > f64::NEG_INFINITY {
                    acc = log_add(acc, beta[next] - dequantise(q));
                }
            }
            beta[cell] = acc;
        }
    }
    let mut out = Vec::with_capacity(path_cells.len());
    for ((i, j, ty), a) in path_cells.into_iter().zip(path_alpha) {
        let (k, l) = beads[ty];
        let cell = band.cell(i, j).expect("in band");
        let c = dequantise(costs[cell * types + ty]);
        let posterior = (a - c + beta[cell] - z).exp().clamp(0.0, 1.0);
        out.push(PathBead {
            src: (i - k, i),
            tgt: (j - l, j),
            ty,
            posterior,
        });
    }
    out
}

/// Make row ranges monotone: `hi` the running maximum from the top, `lo` the running
/// minimum from the bottom.
fn make_monotone(lo: &mut [u32], hi: &mut [u32]) {
    let mut run = 0u32;
    for h in hi.iter_mut() {
        run = run.max(*h);
        *h = run;
    }
    let mut run = u32::MAX;
    for l in lo.iter_mut().rev() {
        run = run.min(*l);
        *l = run;
    }
}

/// The cells at the bead boundaries of a path, `(0, 0)` first.
pub(crate) fn path_cells(path: &[PathBead]) -> Vec<(usize, usize)> {
    let mut cells = vec![(0, 0)];
    cells.extend(path.iter().map(|b| (b.src.1, b.tgt.1)));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_add_matches_the_exact_formula() {
        for (a, b) in [
            (0.0, 0.0),
            (-1.0, -3.5),
            (-100.0, -100.2),
            (5.0, -40.0),
            (-2.0, f64::NEG_INFINITY),
        ] {
            let exact = if b == f64::NEG_INFINITY {
                a
            } else {
                (f64::exp(a) + f64::exp(b)).ln()
            };
            assert!((log_add(a, b) - exact).abs() < 1e-6, "{a} {b}");
        }
    }

    #[test]
    fn an_added_rectangle_costs_only_its_own_cells() {
        let (n, m) = (2000, 1000);
        // A path that leaves out source sentences 500..1500 (a long omission).
        let path: Vec<(usize, usize)> = (0..=500)
            .map(|i| (i, i))
            .chain((1500..=n).map(|i| (i, i - 1000)))
            .collect();
        let band = Band::around(&path, 1, n, m, 5);
        let wider = band.with_pieces(&[vec![(480, 480), (1520, 520)]], 0);
        assert!(
            wider.cells() <= band.cells() + 1041 * 41,
            "{}",
            wider.cells()
        );
        assert!(wider.cells() > band.cells());
        for i in 480..=1520 {
            assert!(wider.lo(i) <= 480 && wider.hi(i) >= 520, "row {i}");
        }
        // Rows outside the rectangle keep their ranges.
        for i in (0..480).chain(1521..=n) {
            assert_eq!(
                (wider.lo(i), wider.hi(i)),
                (band.lo(i), band.hi(i)),
                "row {i}"
            );
        }
    }
}
