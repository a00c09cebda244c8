//! The Gale–Church length model: how likely two spans are translations, given only their
//! lengths in characters.
//!
//! δ = (l_t − c·l_s) / √(s² · (c·l_s + l_t)/2), cost = −ln 2(1 − Φ(|δ|)).
//! `c` (target characters per source character) and `s²` (variance per character) are
//! estimated from the documents: `c` first from the totals, then both from the confident
//! 1-1 beads of a first alignment (Hungarian is agglutinative: its ratio to English is
//! not 1 and differs per text). Using the mean of both lengths in the variance (instead
//! of the source length alone) keeps 1-0 and 0-1 beads defined.
//!
//! Free translation has heavier tails than a Gaussian: a short sentence rendered at
//! twice its length, or a long one condensed, is rare but not 6σ-rare, and a pure
//! Gaussian makes such a 1-1 bead so expensive that merging it with a neighbour (2-2,
//! 2-1 …) looks better. The estimate therefore fits a two-component scale mixture to the
//! confident beads (EM): a core variance and a wider *outlier* variance with its weight.
//! The mixture prices 1-1 beads only ([`LengthModel::cost_one_to_one`]); merges and 1-0/0-1
//! beads keep the core Gaussian, so a long mismatch never becomes a cheap way to hide an
//! omission inside a merge.

/// Length model parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LengthModel {
    /// Expected target characters per source character.
    pub ratio: f64,
    /// Variance of target length per character.
    pub variance: f64,
    /// Weight of the outlier component (0: a plain Gale–Church Gaussian).
    pub outlier_weight: f64,
    /// Variance per character of the outlier component.
    pub outlier_variance: f64,
}

/// Gale and Church's variance per character.
pub const GALE_CHURCH_VARIANCE: f64 = 6.8;

impl LengthModel {
    /// A model with the ratio of the two totals and Gale and Church's variance.
    pub fn from_totals(src_chars: usize, tgt_chars: usize) -> Self {
        let ratio = if src_chars == 0 || tgt_chars == 0 {
            1.0
        } else {
            (tgt_chars as f64 / src_chars as f64).clamp(0.2, 5.0)
        };
        LengthModel {
            ratio,
            variance: GALE_CHURCH_VARIANCE,
            outlier_weight: 0.0,
            outlier_variance: GALE_CHURCH_VARIANCE,
        }
    }

    /// Estimate from pairs of lengths of beads believed correct; `None` if too few.
    pub fn estimate(pairs: &[(usize, usize)]) -> Option<Self> {
        if pairs.len() < 20 {
            return None;
        }
        let (ss, st) = pairs
            .iter()
            .fold((0.0, 0.0), |(a, b), &(s, t)| (a + s as f64, b + t as f64));
        if ss == 0.0 || st == 0.0 {
            return None;
        }
        let ratio = (st / ss).clamp(0.2, 5.0);
        // Squared standardised residuals, fitted by a two-component mixture.
        let z2: Vec<f64> = pairs
            .iter()
            .map(|&(s, t)| {
                let (s, t) = (s as f64, t as f64);
                let mean = ((ratio * s + t) / 2.0).max(1.0);
                (t - ratio * s).powi(2) / mean
            })
            .collect();
        let (variance, outlier_weight, outlier_variance) = fit_scale_mixture(&z2);
        Some(LengthModel {
            ratio,
            variance,
            outlier_weight,
            outlier_variance,
        })
    }

    /// Cost (negative log probability) of a source span of `ls` characters being
    /// translated by a target span of `lt` characters, under the core Gaussian.
    pub fn cost(&self, ls: u32, lt: u32) -> f64 {
        tail_cost((self.residual(ls, lt) / self.variance).sqrt())
    }

    /// The same for a 1-1 bead: the mixture of the core Gaussian and the outlier one.
    pub fn cost_one_to_one(&self, ls: u32, lt: u32) -> f64 {
        if self.outlier_weight <= 0.0 {
            return self.cost(ls, lt);
        }
        let r = self.residual(ls, lt);
        let core = tail_cost((r / self.variance).sqrt()) - (1.0 - self.outlier_weight).ln();
        let wide = tail_cost((r / self.outlier_variance).sqrt()) - self.outlier_weight.ln();
        // −ln(e^−core + e^−wide), computed without underflow.
        core.min(wide) - (-(core - wide).abs()).exp().ln_1p()
    }

    /// Squared residual per character: (l_t − c·l_s)² / mean length.
    fn residual(&self, ls: u32, lt: u32) -> f64 {
        let (ls, lt) = (f64::from(ls), f64::from(lt));
        let mean = ((self.ratio * ls + lt) / 2.0).max(1.0);
        (lt - self.ratio * ls).powi(2) / mean
    }
}

/// Fit a zero-mean two-component Gaussian scale mixture to squared residuals `z2` by EM:
/// (core variance, outlier weight, outlier variance). Falls back to a single Gaussian
/// (weight 0) when the data show no second component.
fn fit_scale_mixture(z2: &[f64]) -> (f64, f64, f64) {
    const MIN_VARIANCE: f64 = 0.5;
    const MAX_VARIANCE: f64 = 50.0;
    /// The outlier component must be this much wider than the core to count as one.
    const MIN_SPREAD: f64 = 2.0;
    let n = z2.len().max(1) as f64;
    // Start: the core from the smallest 95% (robust), the outliers four times as wide.
    let mut sorted = z2.to_vec();
    sorted.sort_by(f64::total_cmp);
    let keep = &sorted[..(sorted.len() * 95 / 100).max(1)];
    let single = (keep.iter().sum::<f64>() / keep.len() as f64).clamp(MIN_VARIANCE, MAX_VARIANCE);
    let (mut v1, mut v2, mut w): (f64, f64, f64) = (single, 4.0 * single, 0.05);
    for _ in 0..50 {
        let (mut s1, mut s2, mut n2) = (0.0, 0.0, 0.0);
        for &z in z2 {
            // Responsibility of the outlier component (densities of z = √z2).
            let l1 = (1.0 - w).ln() - 0.5 * v1.ln() - z / (2.0 * v1);
            let l2 = w.ln() - 0.5 * v2.ln() - z / (2.0 * v2);
            let r = 1.0 / (1.0 + (l1 - l2).exp());
            s1 += (1.0 - r) * z;
            s2 += r * z;
            n2 += r;
        }
        w = (n2 / n).clamp(1e-4, 0.5);
        v1 = (s1 / (n - n2).max(1e-9)).clamp(MIN_VARIANCE, MAX_VARIANCE);
        v2 = (s2 / n2.max(1e-9)).clamp(v1, 20.0 * MAX_VARIANCE);
    }
    if w < 0.005 || v2 < MIN_SPREAD * v1 {
        // One Gaussian after all: the plain mean of all residuals is its variance.
        let all = (z2.iter().sum::<f64>() / n).clamp(MIN_VARIANCE, MAX_VARIANCE);
        return (all, 0.0, all);
    }
    (v1, w, v2)
}

/// −ln(2·(1 − Φ(x))) for x ≥ 0, i.e. −ln erfc(x/√2).
///
/// Numerical Recipes' erfcc has the form erfc(z) = t·exp(P(t, z)), so its negative
/// logarithm is −ln t − P: one logarithm, no exponential, and no underflow in the tail.
pub fn neg_ln_two_tail(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * z);
    -(t.ln() + erfc_exponent(z, t))
}

fn erfc_exponent(z: f64, t: f64) -> f64 {
    -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))))
}

/// Range and resolution of the tail-cost table.
const TAIL_TABLE_MAX: f64 = 40.0;
const TAIL_STEPS_PER_UNIT: f64 = 512.0;

/// [`neg_ln_two_tail`] from a table with linear interpolation (the DP evaluates it
/// millions of times); exact beyond the table.
fn tail_cost(x: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    if x >= TAIL_TABLE_MAX {
        return neg_ln_two_tail(x);
    }
    let table = TABLE.get_or_init(|| {
        let n = (TAIL_TABLE_MAX * TAIL_STEPS_PER_UNIT) as usize + 2;
        (0..n)
            .map(|k| neg_ln_two_tail(k as f64 / TAIL_STEPS_PER_UNIT))
            .collect()
    });
    let pos = x * TAIL_STEPS_PER_UNIT;
    let k = pos as usize;
    let frac = pos - k as f64;
    table[k] + (table[k + 1] - table[k]) * frac
}

/// Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7).
#[cfg(test)]
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t * erfc_exponent(z, t).exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_lengths_cost_nothing() {
        let m = LengthModel::from_totals(100, 100);
        assert!(m.cost(50, 50) < 1e-6);
    }

    #[test]
    fn cost_grows_with_the_mismatch() {
        let m = LengthModel::from_totals(100, 100);
        assert!(m.cost(50, 60) < m.cost(50, 80));
        assert!(m.cost(50, 80) < m.cost(50, 0));
    }

    #[test]
    fn tail_is_continuous_and_finite() {
        let a = neg_ln_two_tail(7.07);
        let b = neg_ln_two_tail(7.08);
        assert!((a - b).abs() < 0.2, "{a} {b}");
        assert!(neg_ln_two_tail(1e6).is_finite());
    }

    #[test]
    fn table_matches_the_formula() {
        for x in [0.0, 0.3, 1.7, 5.55, 12.0, 39.9, 45.0] {
            assert!((tail_cost(x) - neg_ln_two_tail(x)).abs() < 1e-4, "{x}");
        }
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-6);
        assert!((erfc(1.0) - 0.157_299_2).abs() < 1e-6);
    }

    /// Squared residuals of a known mixture, drawn deterministically (inverse CDF of
    /// evenly spaced quantiles).
    fn mixture_sample(n: usize, v1: f64, w: f64, v2: f64) -> Vec<f64> {
        let quantile = |p: f64| {
            // |z| quantile of a standard normal by bisection on the two-tailed cost.
            let (mut lo, mut hi) = (0.0f64, 40.0f64);
            for _ in 0..100 {
                let mid = (lo + hi) / 2.0;
                if (-neg_ln_two_tail(mid)).exp() > 1.0 - p {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let wide = (n as f64 * w) as usize;
        let mut z2 = Vec::new();
        for (count, v) in [(n - wide, v1), (wide, v2)] {
            for k in 0..count {
                let z = quantile((k as f64 + 0.5) / count as f64);
                z2.push(z * z * v);
            }
        }
        z2
    }

    #[test]
    fn mixture_fit_recovers_a_known_mixture() {
        let (v1, w, v2) = fit_scale_mixture(&mixture_sample(4000, 2.0, 0.1, 20.0));
        assert!((v1 - 2.0).abs() < 0.3, "core {v1}");
        assert!((w - 0.1).abs() < 0.03, "weight {w}");
        assert!((v2 - 20.0).abs() < 4.0, "outliers {v2}");
    }

    #[test]
    fn mixture_fit_finds_no_outliers_in_one_gaussian() {
        let (v1, w, v2) = fit_scale_mixture(&mixture_sample(4000, 3.0, 0.0, 3.0));
        assert_eq!(w, 0.0, "{v1} {w} {v2}");
        assert!((v1 - 3.0).abs() < 0.5, "{v1}");
    }

    #[test]
    fn mixture_fit_survives_degenerate_residuals() {
        for z2 in [vec![0.0; 50], vec![1e9; 30], {
            let mut v = vec![0.0; 40];
            v.push(1e12);
            v
        }] {
            let (v1, w, v2) = fit_scale_mixture(&z2);
            assert!(
                v1.is_finite() && v2.is_finite() && (0.0..=0.5).contains(&w),
                "{v1} {w} {v2}"
            );
            assert!(v1 >= 0.5 && v2 >= v1);
        }
    }

    #[test]
    fn outliers_make_large_one_to_one_mismatches_cheaper_only() {
        let plain = LengthModel {
            ratio: 1.0,
            variance: 2.0,
            outlier_weight: 0.0,
            outlier_variance: 2.0,
        };
        assert_eq!(plain.cost_one_to_one(40, 90), plain.cost(40, 90));
        let mixed = LengthModel {
            outlier_weight: 0.05,
            outlier_variance: 20.0,
            ..plain
        };
        // Far out, the wide component dominates; near the mean the core does (and pays
        // only its weight).
        assert!(mixed.cost_one_to_one(40, 90) < plain.cost(40, 90) - 5.0);
        let near = mixed.cost_one_to_one(50, 52) - plain.cost(50, 52);
        assert!(near.abs() < 0.06, "{near}");
        // Merges and unpaired beads keep the core Gaussian.
        assert_eq!(mixed.cost(40, 90), plain.cost(40, 90));
        // The mixture is still monotone in the mismatch.
        let costs: Vec<f64> = (50..200).map(|t| mixed.cost_one_to_one(50, t)).collect();
        assert!(costs.windows(2).all(|w| w[0] <= w[1] + 1e-9));
    }

    #[test]
    fn estimate_finds_the_ratio() {
        let pairs: Vec<(usize, usize)> = (1..100).map(|i| (i * 10, i * 12)).collect();
        let m = LengthModel::estimate(&pairs).expect("enough pairs");
        assert!((m.ratio - 1.2).abs() < 1e-9);
        assert!(LengthModel::estimate(&pairs[..5]).is_none());
    }
}
