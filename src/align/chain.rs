//! The anchor chain: a rough path from sentence pairs that share rare anchors.
//!
//! A concept (a number, a name, a dictionary translation) sought by at most
//! [`MAX_OCCURRENCES`] source sentences and offered by at most as many target sentences
//! links those sentences. Pairs linked by at least [`MIN_LINKS`] rare concepts (or by
//! one rare number or month) are candidates; the heaviest chain of candidates increasing
//! on both sides is the anchor chain (weighted longest increasing subsequence, with a
//! Fenwick tree of prefix maxima).
//!
//! Unlike the coarse-to-fine path, the chain has no length model and no smoothing: where
//! a translation omits a long block, it jumps, so a band around it contains the true
//! path. The aligner adds a band around the chain to the coarse path's band.
//!
//! Only what the anchors attest is returned: between two anchors that are far apart on
//! both sides (more than [`MAX_UNANCHORED`] sentences) the chain knows nothing, and a
//! straight line there would only widen the band between it and the coarse path (on a
//! long text with few rare words, such as a book repeated many times, by hundreds of
//! cells per row). The chain is cut there into pieces.
//!
//! Cost: O(K log K) for K candidate pairs, K ≤ MAX_OCCURRENCES² per rare concept.

use std::collections::HashMap;

use super::anchors::Kind;
use super::model::{Unit, Vocab};

/// Most sentences per side a concept may occur in and still be an anchor.
pub const MAX_OCCURRENCES: usize = 3;
/// Fewest rare concepts (of any kind) a candidate pair must share.
pub const MIN_LINKS: f32 = 2.0;
/// Most cells a square stretch between two chain anchors may span before it is replaced
/// by a line.
const MAX_RECTANGLE_PER_STEP: usize = 16;
/// Sentences between the points of such a line.
const LINE_STEP: usize = 4;
/// Longest stretch (in sentences, on both sides at once) between two anchors that the
/// chain still bridges; a longer one cuts the chain.
pub const MAX_UNANCHORED: usize = 32;

/// The anchor chain as pieces of cells `(i, j)` (bead boundaries), each a path between
/// anchors the chain can bridge; `(0, 0)` and `(n, m)` count as anchors.
pub(crate) fn anchor_chain(
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
) -> Vec<Vec<(usize, usize)>> {
    let (n, m) = (src.len(), tgt.len());
    let mut src_occ: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut strong: HashMap<u32, bool> = HashMap::new();
    for (i, u) in src.iter().enumerate() {
        for &t in &u.types {
            let kind = src_vocab.kinds[t as usize];
            if kind == Kind::Punct {
                continue;
            }
            for &c in &src_vocab.seeks[t as usize] {
                let list = src_occ.entry(c).or_default();
                if list.last() != Some(&(i as u32)) && list.len() <= MAX_OCCURRENCES {
                    list.push(i as u32);
                }
                strong.insert(c, matches!(kind, Kind::Number | Kind::Month));
            }
        }
    }
    let mut tgt_occ: HashMap<u32, Vec<u32>> = HashMap::new();
    for (j, u) in tgt.iter().enumerate() {
        for &t in &u.types {
            for &c in &tgt_vocab.offers[t as usize] {
                if !src_occ.contains_key(&c) {
                    continue;
                }
                let list = tgt_occ.entry(c).or_default();
                if list.last() != Some(&(j as u32)) && list.len() <= MAX_OCCURRENCES {
                    list.push(j as u32);
                }
            }
        }
    }
    let mut links: HashMap<(u32, u32), f32> = HashMap::new();
    for (c, targets) in &tgt_occ {
        let Some(sources) = src_occ.get(c) else {
            continue;
        };
        if sources.len() > MAX_OCCURRENCES || targets.len() > MAX_OCCURRENCES {
            continue;
        }
        let weight = if strong.get(c).copied().unwrap_or(false) {
            MIN_LINKS
        } else {
            1.0
        };
        for &i in sources {
            for &j in targets {
                *links.entry((i, j)).or_default() += weight;
            }
        }
    }
    let mut candidates: Vec<(u32, u32, f32)> = links
        .into_iter()
        .filter(|&(_, w)| w >= MIN_LINKS)
        .map(|((i, j), w)| (i, j, w))
        .collect();
    // By source ascending; within a source, target descending so that one source
    // sentence cannot chain to itself.
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let chain = heaviest_increasing_chain(&candidates, m);
    let mut pieces = Vec::new();
    let mut cells = vec![(0usize, 0usize)];
    for (i, j) in chain {
        let (i, j) = (i as usize, j as usize);
        bridge_or_cut(&mut pieces, &mut cells, (i, j));
        cells.push((i + 1, j + 1));
    }
    bridge_or_cut(&mut pieces, &mut cells, (n, m));
    if cells.len() > 1 {
        pieces.push(cells);
    }
    pieces
}

/// Continue the current piece to the anchor cell `to`, or, if the stretch is too long
/// on both sides to bridge, close the piece and start a new one at `to`.
fn bridge_or_cut(
    pieces: &mut Vec<Vec<(usize, usize)>>,
    cells: &mut Vec<(usize, usize)>,
    to: (usize, usize),
) {
    let from = *cells.last().unwrap_or(&(0, 0));
    let (di, dj) = (to.0.saturating_sub(from.0), to.1.saturating_sub(from.1));
    if di.min(dj) > MAX_UNANCHORED {
        let done = std::mem::replace(cells, vec![to]);
        if done.len() > 1 {
            pieces.push(done);
        }
    } else {
        push_step(cells, to);
    }
}

/// Append `to`. Between two anchors the path is unknown: a skewed stretch (one side
/// much longer: an omission) keeps its whole rectangle, but a roughly square one is
/// replaced by points on the straight line every few sentences, so that the band stays
/// narrow where the texts run in parallel.
fn push_step(cells: &mut Vec<(usize, usize)>, to: (usize, usize)) {
    let from = *cells.last().unwrap_or(&(0, 0));
    let (di, dj) = (to.0.saturating_sub(from.0), to.1.saturating_sub(from.1));
    let square = 4 * di.min(dj) >= 3 * di.max(dj);
    if square && di * dj > MAX_RECTANGLE_PER_STEP {
        let steps = (di.max(dj) / LINE_STEP).max(1);
        for k in 1..steps {
            cells.push((from.0 + di * k / steps, from.1 + dj * k / steps));
        }
    }
    cells.push(to);
}

/// Heaviest chain of `(i, j, weight)` strictly increasing in both `i` and `j`.
/// `items` must be sorted by `i` ascending, then `j` descending.
fn heaviest_increasing_chain(items: &[(u32, u32, f32)], m: usize) -> Vec<(u32, u32)> {
    // Fenwick tree over j of (best chain weight ending at a target < j, item index).
    let size = m + 2;
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); size + 1];
    let mut best: Vec<(f32, usize)> = Vec::with_capacity(items.len());
    let query = |tree: &[(f32, usize)], mut k: usize| {
        let mut acc = (0.0f32, usize::MAX);
        while k > 0 {
            if tree[k].0 > acc.0 {
                acc = tree[k];
            }
            k &= k - 1;
        }
        acc
    };
    for (idx, &(_, j, w)) in items.iter().enumerate() {
        let (prev_weight, prev) = query(&tree, j as usize); // targets < j
        let total = prev_weight + w;
        best.push((total, prev));
        let mut k = j as usize + 1;
        while k <= size {
            if total > tree[k].0 {
                tree[k] = (total, idx);
            }
            k += k & k.wrapping_neg();
        }
    }
    let Some(mut at) = (0..best.len()).max_by(|&a, &b| best[a].0.total_cmp(&best[b].0)) else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    loop {
        chain.push((items[at].0, items[at].1));
        match best[at].1 {
            usize::MAX => break,
            prev => at = prev,
        }
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_skips_crossing_and_lighter_pairs() {
        let items = vec![
            (0, 5, 1.0),
            (0, 0, 2.0),
            (1, 1, 2.0),
            (2, 9, 5.0),
            (2, 2, 2.0),
            (3, 3, 2.0),
        ];
        let mut sorted = items.clone();
        sorted.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        assert_eq!(
            heaviest_increasing_chain(&sorted, 10),
            vec![(0, 0), (1, 1), (2, 9)]
        );
    }

    #[test]
    fn one_source_sentence_is_used_once() {
        let items = vec![(0, 3, 1.0), (0, 2, 1.0), (0, 1, 1.0)];
        assert_eq!(heaviest_increasing_chain(&items, 5).len(), 1);
    }

    #[test]
    fn long_stretches_without_anchors_cut_the_chain() {
        let mut pieces = Vec::new();
        let mut cells = vec![(0, 0)];
        bridge_or_cut(&mut pieces, &mut cells, (10, 12));
        // An omission: long on one side only, bridged.
        bridge_or_cut(&mut pieces, &mut cells, (1010, 20));
        // Nothing known for 500 sentences on both sides: cut.
        bridge_or_cut(&mut pieces, &mut cells, (1510, 530));
        assert_eq!(pieces.len(), 1);
        let piece = &pieces[0];
        assert_eq!((piece[0], piece[piece.len() - 1]), ((0, 0), (1010, 20)));
        assert!(piece.contains(&(10, 12)));
        assert_eq!(cells, vec![(1510, 530)]);
    }

    #[test]
    fn square_stretches_become_lines() {
        let mut cells = vec![(0, 0)];
        push_step(&mut cells, (1000, 1000));
        assert!(cells.len() > 10);
        let mut cells = vec![(0, 0)];
        push_step(&mut cells, (1000, 10));
        assert_eq!(cells, vec![(0, 0), (1000, 10)]);
    }
}
