//! The review order: how likely each bead is to be wrong, so that a reviewer reads the
//! doubtful beads first (`tandem show --order risk`).
//!
//! A bead's confidence (its posterior under the aligner's model) is the starting point,
//! but it is over-confident exactly where the model is weakest: wrong beads at
//! confidence 1.0 sit in merges (2-1, 1-2), at the edge of the bead inventory (a 2-2,
//! 3-1 or 1-3 may be a larger bead the aligner cannot draw, or two beads), next to
//! beads like these or two beads away from them (a shifted boundary makes both
//! neighbours wrong), next to unpaired beads (1-0/0-1), at length outliers under the
//! document's own length model, and where `tandem check` finds numbers or names on one
//! side only, in the bead or (numbers) next to it. Each such *signal* adds a doubt,
//! and the risk is
//!
//! ```text
//! risk = 1 − confidence × Π (1 − doubt of each signal present)
//! ```
//!
//! The doubts ([`doubt`]) are the share of beads with that signal that were wrong among
//! beads of confidence ≥ 0.9 in the German–French Text+Berg development set
//! (`../shared/data/gold/defr.dev`): another language pair and genre than the
//! Hungarian–English novel the review simulation runs on (`docs/fixing.md`), so that
//! the figures there are not fitted to it (`tests/risk_doubts.rs` measures them:
//! `TANDEM_DOUBTS=defr.dev cargo test --test tests doubts -- --nocapture`; a signal
//! needs 10 confident beads there to get a doubt). How often a signal means an error depends on
//! how hard the document is (a merge is wrong far more often in a loose translation),
//! so the doubts are scaled by the document's error level relative to that set's,
//! estimated from the confidences themselves ([`error_level`]). Fixed beads have risk
//! 0 and come last.
//!
//! Cost: linear in the beads, plus the [`crate::review::check`] report it is given.

use serde::Serialize;

use crate::alignment::{AlignmentFile, BeadRecord};
use crate::review::{FindingKind, Report};

/// Something about a bead that makes it more likely to be wrong than its confidence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// A 2-1 or 1-2 bead.
    Merge,
    /// A bead at the edge of the aligner's inventory (2-2, 3-1, 1-3, or larger).
    EdgeType,
    /// A 1-0 or 0-1 bead.
    Unpaired,
    /// A neighbour is a 2-1 or 1-2 bead (a shifted boundary makes both wrong).
    NextToMerge,
    /// A neighbour is an edge type.
    NextToEdge,
    /// A neighbour is unpaired.
    NextToGap,
    /// A neighbour's confidence is below 0.9.
    NextToDoubt,
    /// Lengths more than 3 standard deviations from the document's length model.
    LengthOutlier,
    /// Two beads away (not next to it) is a merge or an edge type.
    NearMerge,
    /// A neighbour has a number on one side only (`tandem check`): a boundary shifted
    /// by one sentence moves a number away from its translation.
    NextToNumber,
    /// A finding of `tandem check` on the bead.
    Finding(FindingKind),
}

impl Signal {
    /// The name shown in reports (`edge-type`, `number-mismatch` …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Signal::Merge => "merge",
            Signal::EdgeType => "edge-type",
            Signal::Unpaired => "unpaired",
            Signal::NextToMerge => "next-to-merge",
            Signal::NextToGap => "next-to-gap",
            Signal::NextToDoubt => "next-to-doubt",
            Signal::LengthOutlier => "length-outlier",
            Signal::NearMerge => "near-merge",
            Signal::NextToEdge => "next-to-edge",
            Signal::NextToNumber => "next-to-number",
            Signal::Finding(k) => k.as_str(),
        }
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Signal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The doubt a signal adds: the share of wrong beads among beads with it (confidence
/// ≥ 0.9, defr.dev; see the module documentation). Findings that are about the
/// translation rather than the alignment, or that repeat the confidence, add none.
pub fn doubt(signal: Signal) -> f64 {
    match signal {
        Signal::EdgeType => 0.45,
        Signal::LengthOutlier => 0.35,
        Signal::NextToDoubt => 0.23,
        Signal::NextToNumber => 0.23,
        Signal::NextToEdge => 0.22,
        Signal::NextToGap => 0.20,
        Signal::Merge => 0.15,
        Signal::NextToMerge => 0.15,
        Signal::Unpaired => 0.14,
        Signal::NearMerge => 0.10,
        Signal::Finding(kind) => match kind {
            FindingKind::NumberMismatch => 0.35,
            FindingKind::NameMismatch => 0.21,
            // Too rare on defr.dev to measure (fewer than 10 confident beads: an
            // omission or addition inside a paired bead 5, none wrong; order 1;
            // duplicate, negation, untranslated none), never wrong there among
            // confident beads (punctuation, 10), or the confidence itself (low
            // confidence); the length-ratio finding is the length outlier seen
            // differently.
            _ => 0.0,
        },
    }
}

/// The error level of defr.dev: its mean 1 − confidence (the doubts were measured there).
pub const REFERENCE_LEVEL: f64 = 0.041;
/// Beads of the reference level a document's own level is pulled towards (so that a
/// short document's few confidences do not decide alone).
const LEVEL_PRIOR_BEADS: f64 = 50.0;

/// A document's error level: the mean of 1 − confidence over its beads not fixed,
/// pulled towards [`REFERENCE_LEVEL`] by the weight of 50 beads.
pub fn error_level(file: &AlignmentFile) -> f64 {
    let (sum, n) = file
        .beads
        .iter()
        .filter(|b| !b.fixed)
        .fold((0.0, 0.0), |(s, n), b| {
            (s + (1.0 - b.confidence.clamp(0.0, 1.0)), n + 1.0)
        });
    (sum + LEVEL_PRIOR_BEADS * REFERENCE_LEVEL) / (n + LEVEL_PRIOR_BEADS)
}

/// How likely a bead is wrong, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadRisk {
    /// Bead index.
    pub bead: usize,
    /// Estimated probability that the bead is wrong, 0..=1 (0 for fixed beads).
    pub risk: f64,
    /// The signals that raised it above 1 − confidence, strongest first.
    pub signals: Vec<Signal>,
    /// Whether a person confirmed the bead (it comes last).
    pub fixed: bool,
}

fn unpaired(b: &BeadRecord) -> bool {
    b.src.is_empty() || b.tgt.is_empty()
}

fn merge(b: &BeadRecord) -> bool {
    !unpaired(b) && (b.src.len(), b.tgt.len()) != (1, 1)
}

fn edge(b: &BeadRecord) -> bool {
    !unpaired(b) && b.src.len() + b.tgt.len() >= 4
}

/// Standardised length residual of a bead under the document's length model (core
/// Gaussian): how many standard deviations its target length is from the expected.
fn length_z(file: &AlignmentFile, b: &BeadRecord) -> f64 {
    let chars = |rec: &crate::alignment::TextRecord, ids: &[usize]| -> f64 {
        ids.iter()
            .filter_map(|&i| rec.sentences.get(i))
            .map(|s| s.text.chars().count() as f64)
            .sum()
    };
    let (ls, lt) = (chars(&file.source, &b.src), chars(&file.target, &b.tgt));
    let p = &file.parameters;
    let (ratio, variance) = (p.length_ratio, p.length_variance);
    if !(ratio.is_finite() && variance.is_finite() && ratio > 0.0 && variance > 0.0) {
        return 0.0;
    }
    let mean = ((ratio * ls + lt) / 2.0).max(1.0);
    (lt - ratio * ls) / (variance * mean).sqrt()
}

/// Every signal of every bead of `file`, in bead order, whether or not it adds a doubt
/// (fixed beads have none); `report` is its `tandem check`. [`assess`] keeps those
/// with a doubt; the measurement of the doubts (`tests/risk_doubts.rs`) needs them all.
pub fn signals(file: &AlignmentFile, report: &Report) -> Vec<Vec<Signal>> {
    let flags = report.flags();
    let beads = &file.beads;
    let free = |i: Option<usize>| i.and_then(|i| beads.get(i)).filter(|n| !n.fixed);
    let flagged = |i: usize| -> &[FindingKind] { flags.get(i).map_or(&[], |v| v.as_slice()) };
    beads
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let mut signals = Vec::new();
            if b.fixed {
                return signals;
            }
            let neighbours: Vec<&BeadRecord> = [free(k.checked_sub(1)), free(Some(k + 1))]
                .into_iter()
                .flatten()
                .collect();
            // Two beads away, through a neighbour that is not fixed.
            let second: Vec<&BeadRecord> = [
                free(k.checked_sub(1)).and(free(k.checked_sub(2))),
                free(Some(k + 1)).and(free(Some(k + 2))),
            ]
            .into_iter()
            .flatten()
            .collect();
            if edge(b) {
                signals.push(Signal::EdgeType);
            } else if merge(b) {
                signals.push(Signal::Merge);
            }
            if unpaired(b) {
                signals.push(Signal::Unpaired);
            }
            if neighbours.iter().any(|n| edge(n)) {
                signals.push(Signal::NextToEdge);
            } else if neighbours.iter().any(|n| merge(n)) {
                signals.push(Signal::NextToMerge);
            } else if second.iter().any(|n| merge(n)) {
                signals.push(Signal::NearMerge);
            }
            if neighbours.iter().any(|n| unpaired(n)) {
                signals.push(Signal::NextToGap);
            }
            if neighbours.iter().any(|n| n.confidence < 0.9) {
                signals.push(Signal::NextToDoubt);
            }
            if !unpaired(b) && length_z(file, b).abs() > 3.0 {
                signals.push(Signal::LengthOutlier);
            }
            for &kind in flagged(k) {
                // On a 1-0 or 0-1 bead an omission or addition is the bead itself.
                let itself = matches!(kind, FindingKind::Omission | FindingKind::Addition);
                if !(itself && unpaired(b)) {
                    signals.push(Signal::Finding(kind));
                }
            }
            let number = |i: usize| flagged(i).contains(&FindingKind::NumberMismatch);
            if [k.checked_sub(1), Some(k + 1)]
                .into_iter()
                .flatten()
                .any(|i| free(Some(i)).is_some() && number(i))
            {
                signals.push(Signal::NextToNumber);
            }
            signals
        })
        .collect()
}

/// The risk of every bead of `file`, in bead order; `report` is its `tandem check`.
pub fn assess(file: &AlignmentFile, report: &Report) -> Vec<BeadRisk> {
    let scale = error_level(file) / REFERENCE_LEVEL;
    signals(file, report)
        .into_iter()
        .zip(&file.beads)
        .enumerate()
        .map(|(k, (mut signals, b))| {
            if b.fixed {
                return BeadRisk {
                    bead: k,
                    risk: 0.0,
                    signals,
                    fixed: true,
                };
            }
            signals.retain(|s| doubt(*s) > 0.0);
            signals.sort_by(|a, b| doubt(*b).total_cmp(&doubt(*a)).then(a.cmp(b)));
            let kept: f64 = signals
                .iter()
                .map(|s| 1.0 - (doubt(*s) * scale).min(0.9))
                .product();
            BeadRisk {
                bead: k,
                risk: (1.0 - b.confidence.clamp(0.0, 1.0) * kept).clamp(0.0, 1.0),
                signals,
                fixed: false,
            }
        })
        .collect()
}

/// Bead indices in review order: highest risk first, fixed beads last, ties in
/// document order.
pub fn order(risks: &[BeadRisk]) -> Vec<usize> {
    let mut order: Vec<&BeadRisk> = risks.iter().collect();
    order.sort_by(|a, b| {
        a.fixed
            .cmp(&b.fixed)
            .then(b.risk.total_cmp(&a.risk))
            .then(a.bead.cmp(&b.bead))
    });
    order.into_iter().map(|r| r.bead).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testutil::file;
    use crate::review::{check, CheckConfig};

    #[test]
    fn structure_raises_the_risk_above_the_confidence() {
        let mut f = file(&[
            ("Egy.", "One."),
            ("Kettő.", "Two."),
            ("Három.", "Three."),
            ("Négy.", "Four."),
        ]);
        // Merge beads 1 and 2 into a 2-2 at confidence 1.
        let (b1, b2) = (f.beads[1].clone(), f.beads[2].clone());
        f.beads[1] = BeadRecord {
            src: vec![b1.src[0], b2.src[0]],
            tgt: vec![b1.tgt[0], b2.tgt[0]],
            kind: "2-2".into(),
            confidence: 1.0,
            fixed: false,
        };
        f.beads.remove(2);
        for b in &mut f.beads {
            b.confidence = 1.0;
        }
        let risks = assess(&f, &check(&f, &CheckConfig::default()));
        assert!(risks[1].signals.contains(&Signal::EdgeType), "{risks:?}");
        assert!(risks[0].signals.contains(&Signal::NextToEdge), "{risks:?}");
        assert!(!risks[0].signals.contains(&Signal::NextToMerge));
        // Confidence 1 everywhere: the document's error level is below the reference,
        // so the doubt is scaled down.
        let scale = error_level(&f) / REFERENCE_LEVEL;
        assert!(scale < 1.0);
        assert!((risks[1].risk - doubt(Signal::EdgeType) * scale).abs() < 1e-9);
        assert_eq!(order(&risks)[0], 1, "{risks:?}");
        // A fixed bead comes last, with no risk.
        f.beads[1].fixed = true;
        let risks = assess(&f, &check(&f, &CheckConfig::default()));
        assert_eq!(risks[1].risk, 0.0);
        assert_eq!(*order(&risks).last().expect("beads"), 1);
    }

    #[test]
    fn a_merge_two_beads_away_and_a_number_next_door_are_signals() {
        let mut f = file(&[
            ("Egy.", "One."),
            ("Kettő.", "Two."),
            ("Három.", "Three."),
            ("Négy.", "Four."),
            ("Öt.", "Five."),
            ("A hegy 4000 méter magas.", "The mountain is high."),
        ]);
        // Beads 0 and 1 become one 2-1 bead (the second English sentence unpaired).
        let b1 = f.beads[1].clone();
        f.beads[0].src.push(b1.src[0]);
        f.beads[0].kind = "2-1".into();
        f.beads[1] = BeadRecord {
            src: vec![],
            tgt: b1.tgt,
            kind: "0-1".into(),
            confidence: 1.0,
            fixed: false,
        };
        for b in &mut f.beads {
            b.confidence = 1.0;
        }
        let report = check(&f, &CheckConfig::default());
        let all = signals(&f, &report);
        assert!(all[0].contains(&Signal::Merge), "{all:?}");
        assert!(all[1].contains(&Signal::NextToMerge), "{all:?}");
        assert!(all[2].contains(&Signal::NearMerge), "{all:?}");
        assert!(!all[3].contains(&Signal::NearMerge), "{all:?}");
        assert!(
            report.flags()[5].contains(&FindingKind::NumberMismatch),
            "{report:?}"
        );
        assert!(all[4].contains(&Signal::NextToNumber), "{all:?}");
        // A fixed neighbour is no signal: its boundary is confirmed.
        f.beads[5].fixed = true;
        let all = signals(&f, &check(&f, &CheckConfig::default()));
        assert!(!all[4].contains(&Signal::NextToNumber), "{all:?}");
        assert!(all[5].is_empty());
    }

    #[test]
    fn the_order_is_by_risk_then_document_order() {
        let r = |bead, risk, fixed| BeadRisk {
            bead,
            risk,
            signals: vec![],
            fixed,
        };
        assert_eq!(
            order(&[
                r(0, 0.1, false),
                r(1, 0.0, true),
                r(2, 0.5, false),
                r(3, 0.1, false),
                r(4, 0.0, false)
            ]),
            vec![2, 0, 3, 4, 1]
        );
    }
}
