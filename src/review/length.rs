//! Length-ratio outliers: beads whose target is much longer or shorter than this
//! document's translator usually writes.
//!
//! The log of (target characters + 1) / (source characters + 1) is computed for every
//! 1-1 bead; its median and MAD (median absolute deviation, scaled by 1.4826 to match a
//! standard deviation) describe the document. A paired bead whose robust z-score
//! exceeds [`CheckConfig::length_z`] is reported. Short beads (longer side under
//! [`CheckConfig::length_min_chars`]) vary too much to judge and are skipped, as are
//! documents with fewer than [`MIN_BEADS`] 1-1 beads. Severity `info`: a translation of
//! unusual length with nothing missing or added that the lexical checks can see is most
//! often free translation (the omitted-clause check, [`super::clause`], reports the short
//! ones whose missing part it can name). Cost: O(n log n) for the medians.

use super::{BeadView, CheckConfig, Context, Finding, FindingKind, Severity};

/// Fewest 1-1 beads needed to estimate the document's ratio.
pub const MIN_BEADS: usize = 8;
/// Floor of the scaled MAD, so that a very regular document does not flag tiny wobbles.
pub const MIN_SPREAD: f64 = 0.08;

fn log_ratio(src: &str, tgt: &str) -> f64 {
    let (s, t) = (src.chars().count() as f64, tgt.chars().count() as f64);
    ((t + 1.0) / (s + 1.0)).ln()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median and scaled MAD of the log length ratio over 1-1 beads, if there are enough.
pub fn distribution(views: &[BeadView<'_>]) -> Option<(f64, f64)> {
    let mut ratios: Vec<f64> = views
        .iter()
        .filter(|v| v.record.src.len() == 1 && v.record.tgt.len() == 1)
        .map(|v| log_ratio(&v.src, &v.tgt))
        .collect();
    if ratios.len() < MIN_BEADS {
        return None;
    }
    let med = median(&mut ratios);
    let mut dev: Vec<f64> = ratios.iter().map(|r| (r - med).abs()).collect();
    let mad = median(&mut dev) * 1.4826;
    Some((med, mad.max(MIN_SPREAD)))
}

/// Length-ratio findings.
pub fn check(ctx: &Context<'_>, config: &CheckConfig) -> Vec<Finding> {
    let views = &ctx.views;
    let Some((med, spread)) = distribution(views) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in views.iter().filter(|v| v.is_paired()) {
        let (s, t) = (v.src.chars().count(), v.tgt.chars().count());
        if s.max(t) < config.length_min_chars {
            continue;
        }
        let z = (log_ratio(&v.src, &v.tgt) - med) / spread;
        if z.abs() > config.length_z {
            let usual = med.exp();
            out.push(ctx.finding(
                v.index,
                FindingKind::LengthRatio,
                Severity::Info,
                format!(
                    "translation is {} than usual: {t} vs {s} characters (ratio {:.2}, the document's median is {usual:.2}; z = {z:+.1})",
                    if z > 0.0 { "much longer" } else { "much shorter" },
                    (t as f64 + 1.0) / (s as f64 + 1.0),
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, kinds};
    use super::super::FindingKind;

    #[test]
    fn only_outliers_against_the_documents_own_ratio_fire() {
        // A translator who writes 20% longer: that is normal here.
        let mut pairs: Vec<(String, String)> = (0..12)
            .map(|i| {
                let s = "a".repeat(50 + i * 3);
                let t = "b".repeat((50 + i * 3) * 6 / 5 + i % 3);
                (s, t)
            })
            .collect();
        pairs.push(("c".repeat(60), "d".repeat(12))); // bead 12: a third of a translation
        pairs.push(("e".repeat(10), "f".repeat(2))); // bead 13: too short to judge
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(kinds(&file(&refs), FindingKind::LengthRatio), vec![12]);
    }
}
