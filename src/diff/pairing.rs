//! Same-language sentence alignment: which old sentences became which new ones.
//!
//! 1. **Unchanged runs.** A sequence diff of the sentence texts (`similar`, Patience,
//!    under the deadline) finds the sentences that are byte-identical and in order. This
//!    is cheap (`O((N + M)·D)` for `D` changed sentences) and leaves small *regions* of
//!    changed sentences between unchanged runs.
//! 2. **Regions.** Inside each region a small dynamic program pairs the sentences with
//!    beads 1-1, 1-2 and 1-3 (split), 2-1 and 3-1 (merge), 1-0 (deleted) and 0-1
//!    (inserted), maximising `Σ 2·shared words − t·(words on both sides) − p` over the
//!    beads, where `t` is the minimum Dice similarity of a pair
//!    ([`super::DiffConfig::min_similarity`]) and `p` a small penalty per extra sentence
//!    of a split or merge. A 1-0 or 0-1 bead scores 0, so a pair is made only when its
//!    Dice similarity is above `t`, and a split or merge only when the extra sentences
//!    share words with their partner. Shared words are counted on lowercased
//!    Unicode words ([`super::words`]).
//!
//! Cost: `O(n·m)` bag comparisons per region up to [`MAX_FULL_CELLS`]; larger regions
//! (two unrelated texts, or two independent translations) are searched in a band of
//! [`BAND_RADIUS`] sentences around the diagonal, which is linear in the region size but
//! can miss a pairing far off the diagonal (those sentences are then reported as deleted
//! and inserted).

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::time::Instant;

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp, DiffTag};

use crate::document::collapse_whitespace;

use super::words::{common, merge, Vocab};

/// Largest region (cells) searched in full.
pub const MAX_FULL_CELLS: usize = 1_000_000;
/// Band radius, in sentences, for larger regions.
pub const BAND_RADIUS: usize = 100;
/// Penalty of a split or merge bead, in words.
const SPLIT_PENALTY: f64 = 1.0;

/// A bead of the same-language alignment: old sentences `old` became new sentences `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) old: Range<usize>,
    pub(crate) new: Range<usize>,
}

/// Pair the sentences of two versions. Returns the beads of the changed regions only
/// (identical 1-1 pairs inside regions are dropped), in order.
///
/// A sentence whose exact text (whitespace aside) appears among the changed sentences
/// of the other version, out of order, has moved: it is left unpaired here (1-0 and 0-1)
/// so that the caller reports it as moved, never as an edit of a similar neighbour (a
/// pure reordering used to come out as edits, deletions and insertions).
pub(crate) fn pair(
    old: &[&str],
    new: &[&str],
    min_similarity: f64,
    deadline: Instant,
    vocab: &mut Vocab,
) -> Vec<Pair> {
    // Regions between the unchanged runs of a Patience diff (good anchors). Inside each,
    // a Myers diff of the texts with whitespace collapsed anchors the sentences that are
    // the same in the same order (repeated sentences, which Patience leaves out, and
    // whitespace edits in place): they pair 1-1 with each other, and split the region.
    let keys_old: Vec<String> = old.iter().map(|s| collapse_whitespace(s)).collect();
    let keys_new: Vec<String> = new.iter().map(|s| collapse_whitespace(s)).collect();
    let mut regions: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut anchored: Vec<Pair> = Vec::new();
    for (o, n) in changed_regions(old, new, Algorithm::Patience, deadline) {
        let ops = capture_diff_slices_deadline(
            Algorithm::Myers,
            &keys_old[o.clone()],
            &keys_new[n.clone()],
            Some(deadline),
        );
        for (so, sn) in changed_regions_of(&ops) {
            regions.push((
                so.start + o.start..so.end + o.start,
                sn.start + n.start..sn.end + n.start,
            ));
        }
        for op in &ops {
            if let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = *op
            {
                anchored.extend((0..len).map(|k| {
                    let (i, j) = (o.start + old_index + k, n.start + new_index + k);
                    Pair {
                        old: i..i + 1,
                        new: j..j + 1,
                    }
                }));
            }
        }
    }
    // The same text (whitespace aside) elsewhere among the changed sentences: moved, not
    // edited; such sentences are left unpaired here.
    let mut moved_old = vec![false; old.len()];
    let mut moved_new = vec![false; new.len()];
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (o, _) in &regions {
        for i in o.clone() {
            by_key.entry(&keys_old[i]).or_default().push_back(i);
        }
    }
    for (_, n) in &regions {
        for j in n.clone() {
            if let Some(i) = by_key
                .get_mut(keys_new[j].as_str())
                .and_then(VecDeque::pop_front)
            {
                moved_old[i] = true;
                moved_new[j] = true;
            }
        }
    }
    let mut pairs = Vec::new();
    for (o, n) in regions {
        pairs.extend(
            pair_region(
                &old[o.clone()],
                &new[n.clone()],
                (&moved_old[o.clone()], &moved_new[n.clone()]),
                min_similarity,
                vocab,
            )
            .into_iter()
            .map(|p| Pair {
                old: p.old.start + o.start..p.old.end + o.start,
                new: p.new.start + n.start..p.new.end + n.start,
            })
            .filter(|p| {
                !(p.old.len() == 1 && p.new.len() == 1 && old[p.old.start] == new[p.new.start])
            }),
        );
    }
    pairs.extend(
        anchored
            .into_iter()
            .filter(|p| old[p.old.start] != new[p.new.start]),
    );
    pairs.sort_by_key(|p| (p.old.start, p.new.start));
    pairs
}

/// The stretches between the equal runs of a sequence diff, as (old, new) ranges.
fn changed_regions(
    old: &[&str],
    new: &[&str],
    algorithm: Algorithm,
    deadline: Instant,
) -> Vec<(Range<usize>, Range<usize>)> {
    changed_regions_of(&capture_diff_slices_deadline(
        algorithm,
        old,
        new,
        Some(deadline),
    ))
}

/// The stretches between the equal runs of diff ops.
fn changed_regions_of(ops: &[DiffOp]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut region: Option<(Range<usize>, Range<usize>)> = None;
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            out.extend(region.take());
            continue;
        }
        region = Some(match region.take() {
            Some((ro, rn)) => (ro.start..o.end, rn.start..n.end),
            None => (o, n),
        });
    }
    out.extend(region);
    out
}

/// Bead shapes: (old sentences, new sentences).
// On ties the earlier shape wins; 0-1 before 1-0 puts deletions before insertions.
const SHAPES: [(usize, usize); 7] = [(1, 1), (0, 1), (1, 0), (1, 2), (2, 1), (1, 3), (3, 1)];

/// Align one region of changed sentences (indices relative to the region). Sentences
/// marked in `moved` take part in 1-0 and 0-1 beads only.
fn pair_region(
    old: &[&str],
    new: &[&str],
    moved: (&[bool], &[bool]),
    t: f64,
    vocab: &mut Vocab,
) -> Vec<Pair> {
    let (n, m) = (old.len(), new.len());
    if n == 0 || m == 0 {
        return (0..n)
            .map(|i| Pair {
                old: i..i + 1,
                new: 0..0,
            })
            .chain((0..m).map(|j| Pair {
                old: n..n,
                new: j..j + 1,
            }))
            .collect();
    }
    let bags_old: Vec<Vec<u32>> = old.iter().map(|s| vocab.bag(s)).collect();
    let bags_new: Vec<Vec<u32>> = new.iter().map(|s| vocab.bag(s)).collect();
    let pairs_old: Vec<Vec<u32>> = bags_old.windows(2).map(|w| merge(&w[0], &w[1])).collect();
    let pairs_new: Vec<Vec<u32>> = bags_new.windows(2).map(|w| merge(&w[0], &w[1])).collect();
    let triples_old: Vec<Vec<u32>> = pairs_old
        .iter()
        .zip(bags_old.iter().skip(2))
        .map(|(p, b)| merge(p, b))
        .collect();
    let triples_new: Vec<Vec<u32>> = pairs_new
        .iter()
        .zip(bags_new.iter().skip(2))
        .map(|(p, b)| merge(p, b))
        .collect();
    // Sentences without words (e.g. "—") count as one pseudo-word, shared when equal.
    let size = |bag: &[u32]| bag.len().max(1) as f64;
    let score = |a: &[u32], b: &[u32], texts_equal: bool| -> f64 {
        let shared = if a.is_empty() || b.is_empty() {
            usize::from(texts_equal && a.is_empty() && b.is_empty())
        } else {
            common(a, b)
        };
        2.0 * shared as f64 - t * (size(a) + size(b))
    };
    let band = Band::new(n, m);
    let width = band.width;
    let mut best = vec![f64::NEG_INFINITY; (n + 1) * width];
    let mut back = vec![u8::MAX; (n + 1) * width];
    best[band.index(0, 0).unwrap_or(0)] = 0.0;
    for i in 0..=n {
        for j in band.lo(i)..=band.hi(i) {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            if i == 0 && j == 0 {
                continue;
            }
            let mut top = f64::NEG_INFINITY;
            let mut arg = u8::MAX;
            for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                if i < di || j < dj {
                    continue;
                }
                let Some(from) = band.index(i - di, j - dj) else {
                    continue;
                };
                let prev = best[from];
                if prev == f64::NEG_INFINITY {
                    continue;
                }
                let pairs_sentences = di > 0 && dj > 0;
                if pairs_sentences
                    && (moved.0[i - di..i].iter().any(|&m| m)
                        || moved.1[j - dj..j].iter().any(|&m| m))
                {
                    continue;
                }
                let gain = match (di, dj) {
                    (1, 1) => score(&bags_old[i - 1], &bags_new[j - 1], old[i - 1] == new[j - 1]),
                    (1, 2) => score(&bags_old[i - 1], &pairs_new[j - 2], false) - SPLIT_PENALTY,
                    (2, 1) => score(&pairs_old[i - 2], &bags_new[j - 1], false) - SPLIT_PENALTY,
                    (1, 3) => {
                        score(&bags_old[i - 1], &triples_new[j - 3], false) - 2.0 * SPLIT_PENALTY
                    }
                    (3, 1) => {
                        score(&triples_old[i - 3], &bags_new[j - 1], false) - 2.0 * SPLIT_PENALTY
                    }
                    _ => 0.0,
                };
                // Strictly better only: on ties the earlier shape (1-1 first) wins.
                if prev + gain > top {
                    top = prev + gain;
                    arg = k as u8;
                }
            }
            best[here] = top;
            back[here] = arg;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = band.index(i, j).map(|x| back[x]).unwrap_or(u8::MAX);
        let (di, dj) = match SHAPES.get(k as usize) {
            Some(&shape) => shape,
            // Unreachable cell (cannot happen with a connected band): give up on pairing
            // what is left and report it as deleted and inserted.
            None => {
                out.extend((0..i).rev().map(|x| Pair {
                    old: x..x + 1,
                    new: j..j,
                }));
                out.extend((0..j).rev().map(|y| Pair {
                    old: 0..0,
                    new: y..y + 1,
                }));
                break;
            }
        };
        out.push(Pair {
            old: i - di..i,
            new: j - dj..j,
        });
        i -= di;
        j -= dj;
    }
    out.reverse();
    out
}

/// The cells searched: the full grid, or a band around the diagonal.
struct Band {
    n: usize,
    m: usize,
    radius: usize,
    width: usize,
    full: bool,
}

impl Band {
    fn new(n: usize, m: usize) -> Self {
        let full = (n + 1).saturating_mul(m + 1) <= MAX_FULL_CELLS;
        // Wide enough that consecutive rows overlap whatever the slope.
        let radius = BAND_RADIUS + m.div_ceil(n.max(1)) + 2;
        let width = if full {
            m + 1
        } else {
            (2 * radius + 1).min(m + 1)
        };
        Band {
            n,
            m,
            radius,
            width,
            full,
        }
    }

    fn centre(&self, i: usize) -> usize {
        (i * self.m).checked_div(self.n).unwrap_or(0)
    }

    fn lo(&self, i: usize) -> usize {
        if self.full {
            0
        } else {
            self.centre(i)
                .saturating_sub(self.radius)
                .min(self.m + 1 - self.width)
        }
    }

    fn hi(&self, i: usize) -> usize {
        self.lo(i) + self.width - 1
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let lo = self.lo(i);
        (j >= lo && j < lo + self.width && i <= self.n).then(|| i * self.width + (j - lo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn run(old: &[&str], new: &[&str]) -> Vec<(Range<usize>, Range<usize>)> {
        let deadline = Instant::now() + Duration::from_secs(5);
        pair(old, new, 0.3, deadline, &mut Vocab::default())
            .into_iter()
            .map(|p| (p.old, p.new))
            .collect()
    }

    const A: &str = "The crisis and its solution brought up a lot of facts from the Cuban side.";
    const B: &str = "It has turned out that the number of communists is smaller than we believed.";
    const C: &str = "We can feel the impact of various nationalist opinions.";
    const D: &str = "Cooperation with the socialist countries is one-sided in most fields.";

    #[test]
    fn identical_texts_have_no_pairs() {
        assert!(run(&[A, B, C], &[A, B, C]).is_empty());
    }

    #[test]
    fn edit_split_merge_insert_delete() {
        let edited = "The crisis and its solution revealed many facts on the Cuban side.";
        assert_eq!(run(&[A, B, C], &[edited, B, C]), vec![(0..1, 0..1)]);
        let (b1, b2) = (
            "It has turned out.",
            "The number of communists is smaller than we believed.",
        );
        assert_eq!(run(&[A, B, C], &[A, b1, b2, C]), vec![(1..2, 1..3)]);
        let bc = "It has turned out that the number of communists is smaller than we believed; we can feel the impact of various nationalist opinions.";
        assert_eq!(run(&[A, B, C, D], &[A, bc, D]), vec![(1..3, 1..2)]);
        assert_eq!(run(&[A, B, C], &[A, C]), vec![(1..2, 1..1)]);
        assert_eq!(run(&[A, C], &[A, D, C]), vec![(1..1, 1..2)]);
        let (b1, b2, b3) = (
            "It has turned out.",
            "The number of communists is smaller.",
            "Than we believed.",
        );
        assert_eq!(run(&[A, B, C], &[A, b1, b2, b3, C]), vec![(1..2, 1..4)]);
        assert_eq!(run(&[A, b1, b2, b3, C], &[A, B, C]), vec![(1..4, 1..2)]);
    }

    #[test]
    fn unrelated_replacement_is_delete_plus_insert() {
        let other = "Zebras graze quietly near Lake Nakuru every morning.";
        assert_eq!(
            run(&[A, B, C], &[A, other, C]),
            vec![(1..2, 1..1), (2..2, 1..2)]
        );
    }

    #[test]
    fn edit_next_to_insertion_stays_one_to_one() {
        let a2 = "The crisis and its solution brought up many facts from the Cuban side.";
        let inserted = "The Caribbean crisis is what the West calls the Missile Crisis.";
        assert_eq!(
            run(&[A, B], &[a2, inserted, B]),
            vec![(0..1, 0..1), (1..1, 1..2)]
        );
    }

    #[test]
    fn banded_search_matches_full_search_on_a_long_region() {
        // Every sentence edited: one region of 1200 x 1200 > MAX_FULL_CELLS.
        let old: Vec<String> = (0..1200)
            .map(|i| format!("Sentence number {i} talks about topic {} today.", i * 7))
            .collect();
        let new: Vec<String> = (0..1200)
            .map(|i| format!("Sentence number {i} talks about topic {} now.", i * 7))
            .collect();
        let o: Vec<&str> = old.iter().map(String::as_str).collect();
        let n: Vec<&str> = new.iter().map(String::as_str).collect();
        let pairs = run(&o, &n);
        assert_eq!(pairs.len(), 1200);
        assert!(pairs
            .iter()
            .enumerate()
            .all(|(k, p)| *p == (k..k + 1, k..k + 1)));
    }
}
