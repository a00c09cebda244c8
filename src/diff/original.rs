//! A diff seen from the original: both versions of a translation are aligned to the same
//! original (with [`crate::align`]), and each changed passage is shown as original | old
//! | new.
//!
//! The two alignments need not cut the original in the same places (a split in the new
//! version may turn a 1-1 bead into a 1-2, a merge may turn two beads into one 2-1), so
//! the rows are the *finest common grouping*: the original is cut only where both
//! alignments have a bead boundary. Each row then holds the old and new sentences aligned
//! to its original sentences. Kinds still come from the same-language diff ([`super`]);
//! the original adds context and locators. Cost: linear in the number of beads, plus one
//! word diff per changed row.

use std::collections::BTreeSet;
use std::ops::Range;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::words::{word_ops, WordOp};
use super::{Diff, Kind};
use crate::align::Bead;

/// One passage of the original with its old and new translations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Original sentence indices.
    pub original: Range<usize>,
    /// Old-version sentence indices aligned to them.
    pub old: Range<usize>,
    /// New-version sentence indices aligned to them.
    pub new: Range<usize>,
    /// Kinds of the changes that touch this passage.
    pub kinds: Vec<Kind>,
    /// Word ops from the old to the new passage (sentences joined by a space).
    pub ops: Vec<WordOp>,
}

/// The changed passages, and for each change of the diff the original sentences it
/// concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalView {
    /// Changed passages, in original order.
    pub rows: Vec<Row>,
    /// For `diff.changes[k]`, the original sentences of the passages it touches.
    pub change_original: Vec<Range<usize>>,
    /// Whether the deadline expired during the word diffs of the rows.
    pub timed_out: bool,
}

/// Group `diff` by the original. `old_beads` / `new_beads` align the original (source
/// side, `n_original` sentences) with the old and the new version.
pub fn group_by_original(
    diff: &Diff,
    n_original: usize,
    old_beads: &[Bead],
    new_beads: &[Bead],
    old: &[&str],
    new: &[&str],
    deadline: Instant,
) -> OriginalView {
    let cuts = |beads: &[Bead]| -> BTreeSet<usize> {
        std::iter::once(0)
            .chain(beads.iter().map(|b| b.src.end.min(n_original)))
            .chain(std::iter::once(n_original))
            .collect()
    };
    let common: Vec<usize> = cuts(old_beads)
        .intersection(&cuts(new_beads))
        .copied()
        .collect();
    let mut groups: Vec<Range<usize>> = common.windows(2).map(|w| w[0]..w[1]).collect();
    if groups.is_empty() {
        groups.push(0..n_original);
    }
    let group_of =
        |k: usize| -> usize { groups.partition_point(|g| g.end <= k).min(groups.len() - 1) };
    let sentence_groups = |beads: &[Bead], len: usize| -> Vec<usize> {
        let mut of = vec![usize::MAX; len];
        for b in beads {
            let g = group_of(b.src.start);
            for t in b.tgt.clone().filter(|&t| t < len) {
                of[t] = g;
            }
        }
        // Sentences no bead covers (a malformed alignment) join their predecessor's group.
        let mut last = 0;
        for g in &mut of {
            if *g == usize::MAX {
                *g = last;
            }
            last = *g;
        }
        of
    };
    let old_group = sentence_groups(old_beads, old.len());
    let new_group = sentence_groups(new_beads, new.len());
    let span = |of: &[usize], g: usize| -> Range<usize> {
        let start = of.partition_point(|&x| x < g);
        let end = of.partition_point(|&x| x <= g);
        start..end
    };
    let mut touched: Vec<BTreeSet<Kind>> = vec![BTreeSet::new(); groups.len()];
    let mut change_original = Vec::with_capacity(diff.changes.len());
    for c in &diff.changes {
        let mut gs: BTreeSet<usize> = c.old.clone().map(|i| old_group[i]).collect();
        gs.extend(c.new.clone().map(|j| new_group[j]));
        if gs.is_empty() {
            // Cannot happen (every change has a sentence), but stay total.
            change_original.push(0..0);
            continue;
        }
        for &g in &gs {
            touched[g].insert(c.kind);
        }
        let first = gs.first().copied().unwrap_or(0);
        let last = gs.last().copied().unwrap_or(0);
        change_original.push(groups[first].start..groups[last].end);
    }
    let mut timed_out = false;
    let rows = touched
        .into_iter()
        .enumerate()
        .filter(|(_, kinds)| !kinds.is_empty())
        .map(|(g, kinds)| {
            let o = span(&old_group, g);
            let n = span(&new_group, g);
            let (ops, late) = word_ops(
                &old[o.clone()].join(" "),
                &new[n.clone()].join(" "),
                deadline,
            );
            timed_out |= late;
            Row {
                original: groups[g].clone(),
                old: o,
                new: n,
                kinds: kinds.into_iter().collect(),
                ops,
            }
        })
        .collect();
    OriginalView {
        rows,
        change_original,
        timed_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{diff_sentences, DiffConfig};
    use std::time::Duration;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 1.0,
        }
    }

    #[test]
    fn split_in_new_version_groups_with_its_original_sentence() {
        let old = [
            "Alpha beta gamma.",
            "Delta epsilon: zeta eta theta iota.",
            "Kappa.",
        ];
        let new = [
            "Alpha beta gamma.",
            "Delta epsilon.",
            "Zeta eta theta iota.",
            "Kappa.",
        ];
        let diff = diff_sentences(&old, &new, &DiffConfig::default());
        // Original has 3 sentences; old is 1-1 throughout; new has a 1-2 on sentence 1.
        let old_beads = [bead(0..1, 0..1), bead(1..2, 1..2), bead(2..3, 2..3)];
        let new_beads = [bead(0..1, 0..1), bead(1..2, 1..3), bead(2..3, 3..4)];
        let view = group_by_original(
            &diff,
            3,
            &old_beads,
            &new_beads,
            &old,
            &new,
            Instant::now() + Duration::from_secs(5),
        );
        assert_eq!(view.rows.len(), 1);
        let row = &view.rows[0];
        assert_eq!(
            (row.original.clone(), row.old.clone(), row.new.clone()),
            (1..2, 1..2, 1..3)
        );
        assert_eq!(row.kinds, vec![Kind::Split]);
        assert_eq!(view.change_original, vec![1..2]);
    }

    #[test]
    fn different_cuts_make_a_coarser_row() {
        let old = ["One two three.", "Four five six.", "Seven."];
        let new = ["One two three; four five six.", "Seven."];
        let diff = diff_sentences(&old, &new, &DiffConfig::default());
        // Original sentence 0 ~ old 0..2 in old alignment; new alignment pairs original
        // 0..2 with new 0 (the old alignment cuts at 1, the new does not).
        let old_beads = [bead(0..1, 0..1), bead(1..2, 1..2), bead(2..3, 2..3)];
        let new_beads = [bead(0..2, 0..1), bead(2..3, 1..2)];
        let view = group_by_original(
            &diff,
            3,
            &old_beads,
            &new_beads,
            &old,
            &new,
            Instant::now() + Duration::from_secs(5),
        );
        assert_eq!(view.rows.len(), 1);
        assert_eq!(view.rows[0].original, 0..2);
        assert_eq!(view.rows[0].old, 0..2);
        assert_eq!(view.rows[0].new, 0..1);
        assert_eq!(view.rows[0].kinds, vec![Kind::Merged]);
    }
}
