//! Scoring an alignment against a hand-made gold one: strict and lax precision, recall
//! and F1, exactly as vecalign's `score.py` (and `../shared/tools/score.py`) define them.
//!
//! - Beads empty on both sides are dropped; duplicates collapse.
//! - Precision is over the *test* beads, 1-0 and 0-1 included: strict TP when the bead
//!   is in the gold; otherwise lax TP when some of its target sentences are aligned in
//!   the gold to some of its source sentences.
//! - Recall is the same with the roles swapped, over the beads non-empty on both sides.
//! - Several pairs: counts are summed before dividing (micro average); 0/0 is 0.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::error::DataFileError;
use crate::export::{ladder, vecalign, IndexBeads};

/// An alignment file read for evaluation: beads, or ladder rungs still to be closed.
#[derive(Debug, Clone, PartialEq)]
pub enum BeadFile {
    /// vecalign beads.
    Beads(IndexBeads),
    /// Ladder rungs (the document sizes close the last bead).
    Rungs(Vec<(usize, usize)>),
}

/// Read a vecalign or ladder file, detecting the format from its first non-blank line.
pub fn read_bead_file(text: &str, path: &Path) -> Result<BeadFile, DataFileError> {
    match text.lines().find(|l| !l.trim().is_empty()) {
        None => Ok(BeadFile::Beads(Vec::new())),
        Some(line) if vecalign::is_bead_line(line) => {
            vecalign::parse(text, path).map(BeadFile::Beads)
        }
        Some(line) if ladder::is_rung_line(line) => {
            ladder::parse_rungs(text, path).map(BeadFile::Rungs)
        }
        Some(line) => Err(DataFileError {
            path: path.to_path_buf(),
            line: text.lines().position(|l| l == line).unwrap_or(0) + 1,
            reason: format!(
                "neither a vecalign bead ('[0]:[0]') nor a ladder rung ('0 0'): {line:?}"
            ),
        }),
    }
}

/// Whether a bead file can be of a document of `sizes` (source, target) sentences:
/// vecalign beads must cover exactly that many (a gold covers every sentence), ladder
/// rungs must not lie past them. The error says what the file covers instead.
pub fn check_sizes(file: &BeadFile, sizes: (usize, usize)) -> Result<(), String> {
    match file {
        BeadFile::Beads(beads) => {
            let covered = extent(beads);
            if covered == sizes {
                Ok(())
            } else {
                Err(format!(
                    "it covers {} source and {} target sentences, not {} and {}",
                    covered.0, covered.1, sizes.0, sizes.1
                ))
            }
        }
        BeadFile::Rungs(rungs) => match rungs.iter().find(|r| r.0 > sizes.0 || r.1 > sizes.1) {
            Some(r) => Err(format!(
                "its rung {} {} lies past {} source and {} target sentences",
                r.0, r.1, sizes.0, sizes.1
            )),
            None => Ok(()),
        },
    }
}

/// How many source and target sentences beads cover (one past their largest indices).
pub fn bead_extent(beads: &IndexBeads) -> (usize, usize) {
    extent(beads)
}

fn extent(beads: &IndexBeads) -> (usize, usize) {
    // Saturating: beads built through the API may hold any index (the readers refuse
    // indices of MAX_SENTENCES and more).
    let s = beads
        .iter()
        .flat_map(|b| b.0.iter())
        .map(|i| i.saturating_add(1))
        .max()
        .unwrap_or(0);
    let t = beads
        .iter()
        .flat_map(|b| b.1.iter())
        .map(|i| i.saturating_add(1))
        .max()
        .unwrap_or(0);
    (s, t)
}

/// Turn a gold/test pair into beads; `sizes` closes ladder files (else inferred from
/// the other file, as score.py does).
pub fn pair_beads(
    gold: BeadFile,
    test: BeadFile,
    sizes: Option<(usize, usize)>,
) -> (IndexBeads, IndexBeads) {
    let sizes = sizes.unwrap_or_else(|| match (&gold, &test) {
        (BeadFile::Beads(g), _) => extent(g),
        (_, BeadFile::Beads(t)) => extent(t),
        (BeadFile::Rungs(g), BeadFile::Rungs(t)) => {
            let last = |r: &[(usize, usize)]| r.last().copied().unwrap_or((0, 0));
            (last(g).0.max(last(t).0), last(g).1.max(last(t).1))
        }
    });
    let close = |f: BeadFile| match f {
        BeadFile::Beads(b) => b,
        BeadFile::Rungs(r) => ladder::to_beads(&r, sizes.0, sizes.1),
    };
    (close(gold), close(test))
}

/// Strict and lax scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Scores {
    /// Strict precision.
    pub precision_strict: f64,
    /// Strict recall.
    pub recall_strict: f64,
    /// Strict F1.
    pub f1_strict: f64,
    /// Lax precision.
    pub precision_lax: f64,
    /// Lax recall.
    pub recall_lax: f64,
    /// Lax F1.
    pub f1_lax: f64,
    /// Test beads (non-empty).
    pub test_beads: usize,
    /// Gold beads non-empty on both sides.
    pub gold_beads_nonempty: usize,
}

type Key = (Vec<usize>, Vec<usize>);

/// (strict TP, strict FP, lax TP, lax FP) of `hypothesis` against `reference`.
fn counts(reference: &[Key], hypothesis: &[Key]) -> [usize; 4] {
    let reference: HashSet<&Key> = reference
        .iter()
        .filter(|(x, y)| !x.is_empty() || !y.is_empty())
        .collect();
    let hypothesis: HashSet<&Key> = hypothesis
        .iter()
        .filter(|(x, y)| !x.is_empty() || !y.is_empty())
        .collect();
    let mut src2tgt: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (xs, ys) in &reference {
        for &i in xs {
            src2tgt.entry(i).or_default().extend(ys.iter().copied());
        }
    }
    let mut c = [0usize; 4];
    for bead in hypothesis {
        if reference.contains(bead) {
            c[0] += 1;
            c[2] += 1;
            continue;
        }
        c[1] += 1;
        let (xs, ys) = bead;
        let linked = xs
            .iter()
            .filter_map(|i| src2tgt.get(i))
            .any(|set| ys.iter().any(|y| set.contains(y)));
        if linked {
            c[2] += 1;
        } else {
            c[3] += 1;
        }
    }
    c
}

fn div(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Score several (gold, test) pairs, micro-averaged.
pub fn score(pairs: &[(IndexBeads, IndexBeads)]) -> Scores {
    let mut p = [0usize; 4];
    let mut r = [0usize; 4];
    for (gold, test) in pairs {
        let pc = counts(gold, test);
        let both = |b: &IndexBeads| -> Vec<Key> {
            b.iter()
                .filter(|(x, y)| !x.is_empty() && !y.is_empty())
                .cloned()
                .collect()
        };
        let rc = counts(&both(test), &both(gold));
        for k in 0..4 {
            p[k] += pc[k];
            r[k] += rc[k];
        }
    }
    let ps = div(p[0], p[0] + p[1]);
    let pl = div(p[2], p[2] + p[3]);
    let rs = div(r[0], r[0] + r[1]);
    let rl = div(r[2], r[2] + r[3]);
    Scores {
        precision_strict: ps,
        recall_strict: rs,
        f1_strict: f1(ps, rs),
        precision_lax: pl,
        recall_lax: rl,
        f1_lax: f1(pl, rl),
        test_beads: p[0] + p[1],
        gold_beads_nonempty: r[0] + r[1],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(v: &[(&[usize], &[usize])]) -> IndexBeads {
        v.iter().map(|(s, t)| (s.to_vec(), t.to_vec())).collect()
    }

    #[test]
    fn perfect_alignment_scores_one() {
        let g = beads(&[(&[0], &[0]), (&[1, 2], &[1]), (&[3], &[])]);
        let s = score(&[(g.clone(), g)]);
        assert_eq!((s.f1_strict, s.f1_lax), (1.0, 1.0));
        assert_eq!(s.test_beads, 3);
        assert_eq!(s.gold_beads_nonempty, 2);
    }

    #[test]
    fn a_split_bead_is_lax_but_not_strict() {
        let g = beads(&[(&[0], &[0]), (&[1, 2], &[1])]);
        let t = beads(&[(&[0], &[0]), (&[1], &[1]), (&[2], &[])]);
        let s = score(&[(g, t)]);
        // Precision: 1 strict of 3; lax: [1]:[1] linked, [2]:[] not.
        assert!((s.precision_strict - 1.0 / 3.0).abs() < 1e-12);
        assert!((s.precision_lax - 2.0 / 3.0).abs() < 1e-12);
        // Recall over gold: [0]:[0] strict; [1,2]:[1] lax only.
        assert!((s.recall_strict - 0.5).abs() < 1e-12);
        assert!((s.recall_lax - 1.0).abs() < 1e-12);
    }

    #[test]
    fn format_is_detected() {
        assert!(matches!(
            read_bead_file("[0]:[0]\n", Path::new("x")),
            Ok(BeadFile::Beads(_))
        ));
        assert!(matches!(
            read_bead_file("0 0 0.5\n1 1\n", Path::new("x")),
            Ok(BeadFile::Rungs(_))
        ));
        assert!(read_bead_file("hello\n", Path::new("x")).is_err());
    }
}

/// Beads of one confidence band, and how many of them are right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CalibrationBin {
    /// Lowest confidence in the band.
    pub from: f64,
    /// Confidence the band stops below (1.0 includes 1.0).
    pub to: f64,
    /// Test beads in the band.
    pub beads: usize,
    /// Of them, beads that are exactly in the gold (strictly right).
    pub right: usize,
}

/// Confidence bands used by [`calibration`].
pub const CALIBRATION_EDGES: [f64; 5] = [0.0, 0.5, 0.9, 0.99, 1.0];

/// How well confidence separates right from wrong beads: for each band of confidence,
/// the share of test beads that are strictly right, from [`confidence_outcomes`].
pub fn calibration(outcomes: &[(f64, bool)]) -> Vec<CalibrationBin> {
    let mut bins: Vec<CalibrationBin> = CALIBRATION_EDGES
        .windows(2)
        .map(|w| CalibrationBin {
            from: w[0],
            to: w[1],
            beads: 0,
            right: 0,
        })
        .collect();
    for &(c, right) in outcomes {
        let k = bins.iter().position(|b| c < b.to).unwrap_or(bins.len() - 1);
        bins[k].beads += 1;
        if right {
            bins[k].right += 1;
        }
    }
    bins
}

/// Each test bead's confidence and whether it is strictly right, for [`calibration`] and
/// [`separation`]. `confidences[k]` belongs to `test[k]`.
pub fn confidence_outcomes(
    gold: &IndexBeads,
    test: &IndexBeads,
    confidences: &[f64],
) -> Vec<(f64, bool)> {
    let gold: HashSet<&Key> = gold.iter().collect();
    test.iter()
        .zip(confidences)
        .map(|(bead, &c)| (c, gold.contains(bead)))
        .collect()
}

/// How well confidence separates right beads from wrong ones: the probability that a
/// right bead, drawn at random, has a higher confidence than a wrong one (ties count
/// half; the area under the ROC curve). 0.5 is chance, 1.0 perfect; `None` without both
/// right and wrong beads.
pub fn separation(outcomes: &[(f64, bool)]) -> Option<f64> {
    let mut sorted = outcomes.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut wrong_below, mut pairs_won) = (0.0f64, 0.0f64);
    let (mut right_total, mut wrong_total) = (0.0f64, 0.0f64);
    let mut k = 0;
    while k < sorted.len() {
        // A run of equal confidences.
        let mut end = k;
        while end < sorted.len() && sorted[end].0 == sorted[k].0 {
            end += 1;
        }
        let right = sorted[k..end].iter().filter(|o| o.1).count() as f64;
        let wrong = (end - k) as f64 - right;
        pairs_won += right * (wrong_below + 0.5 * wrong);
        wrong_below += wrong;
        right_total += right;
        wrong_total += wrong;
        k = end;
    }
    (right_total > 0.0 && wrong_total > 0.0).then(|| pairs_won / (right_total * wrong_total))
}

#[cfg(test)]
mod calibration_tests {
    use super::*;

    #[test]
    fn separation_is_the_share_of_right_wrong_pairs_ordered_right() {
        let perfect = [(0.2, false), (0.4, false), (0.9, true), (0.95, true)];
        assert_eq!(separation(&perfect), Some(1.0));
        let reversed = [(0.2, true), (0.9, false)];
        assert_eq!(separation(&reversed), Some(0.0));
        let tied = [(0.5, true), (0.5, false)];
        assert_eq!(separation(&tied), Some(0.5));
        // 3 right × 2 wrong = 6 pairs; right 0.3 beats wrong 0.1 only; 0.8 and 0.99
        // beat both: 5 of 6.
        let mixed = [
            (0.1, false),
            (0.3, true),
            (0.5, false),
            (0.8, true),
            (0.99, true),
        ];
        assert!((separation(&mixed).unwrap_or(0.0) - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(separation(&[(0.3, true)]), None);
    }

    #[test]
    fn outcomes_mark_strictly_right_beads() {
        let gold: IndexBeads = vec![(vec![0], vec![0]), (vec![1], vec![1])];
        let test: IndexBeads = vec![(vec![0], vec![0]), (vec![1], vec![])];
        assert_eq!(
            confidence_outcomes(&gold, &test, &[0.9, 0.4]),
            vec![(0.9, true), (0.4, false)]
        );
    }

    #[test]
    fn bins_count_right_beads_by_confidence() {
        let gold: IndexBeads = vec![(vec![0], vec![0]), (vec![1], vec![1])];
        let test: IndexBeads = vec![(vec![0], vec![0]), (vec![1], vec![]), (vec![], vec![1])];
        let bins = calibration(&confidence_outcomes(&gold, &test, &[0.999, 0.3, 0.95]));
        assert_eq!(bins[0].beads, 1);
        assert_eq!(bins[0].right, 0);
        assert_eq!(bins[2].beads, 1);
        assert_eq!((bins[3].beads, bins[3].right), (1, 1));
    }
}
