//! The Gale–Church length model: how likely two spans are translations, given only their
//! lengths in characters.
//!
//! δ = (l_t − c·l_s) / √(s² · (c·l_s + l_t)/2), cost = −ln 2(1 − Φ(|δ|)).
//! `c` (target characters per source character) and `s²` (variance per character) are
//! estimated from the documents: `c` first from the totals, then both from the confident
//! 1-1 beads of a first alignment (Hungarian is agglutinative: its ratio to English is
//! not 1 and differs per text). Using the mean of both lengths in the variance (instead
//! of the source length alone) keeps 1-0 and 0-1 beads defined.

/// Length model parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LengthModel {
    /// Expected target characters per source character.
    pub ratio: f64,
    /// Variance of target length per character.
    pub variance: f64,
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
        // Variance from the middle 90% of squared standardised residuals (robust to the
        // few wrong beads that remain among confident ones).
        let mut z: Vec<f64> = pairs
            .iter()
            .map(|&(s, t)| {
                let (s, t) = (s as f64, t as f64);
                let mean = ((ratio * s + t) / 2.0).max(1.0);
                (t - ratio * s).powi(2) / mean
            })
            .collect();
        z.sort_by(f64::total_cmp);
        let keep = &z[..(z.len() * 95 / 100).max(1)];
        let variance = (keep.iter().sum::<f64>() / keep.len() as f64).clamp(0.5, 50.0);
        Some(LengthModel { ratio, variance })
    }

    /// Cost (negative log probability) of a source span of `ls` characters being
    /// translated by a target span of `lt` characters.
    pub fn cost(&self, ls: u32, lt: u32) -> f64 {
        let (ls, lt) = (f64::from(ls), f64::from(lt));
        let mean = ((self.ratio * ls + lt) / 2.0).max(1.0);
        let delta = (lt - self.ratio * ls) / (self.variance * mean).sqrt();
        tail_cost(delta.abs())
    }
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

    #[test]
    fn estimate_finds_the_ratio() {
        let pairs: Vec<(usize, usize)> = (1..100).map(|i| (i * 10, i * 12)).collect();
        let m = LengthModel::estimate(&pairs).expect("enough pairs");
        assert!((m.ratio - 1.2).abs() < 1e-9);
        assert!(LengthModel::estimate(&pairs[..5]).is_none());
    }
}
