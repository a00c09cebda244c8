//! Moves: deleted sentences that reappear, identical or nearly, among the inserted ones
//! elsewhere are paired and grouped into runs, so `diff` reports one move instead of a
//! deletion and an insertion.

use std::collections::HashMap;
use std::ops::Range;

use super::words::{dice, Vocab};

/// Pair deleted with inserted sentences that are (nearly) the same, and group
/// consecutive ones into runs. Exact matches by hash; near matches by Dice when the
/// number of candidates is small enough (≤ 1,000,000 comparisons).
pub(super) fn find_moves(
    deleted: &[(usize, usize)],
    inserted: &[(usize, usize)],
    old: &[&str],
    new: &[&str],
    threshold: f64,
    vocab: &mut Vocab,
) -> Vec<(Range<usize>, Range<usize>)> {
    let mut matched: Vec<(usize, usize)> = Vec::new();
    let mut used_new: Vec<bool> = vec![false; inserted.len()];
    let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, &(j, _)) in inserted.iter().enumerate() {
        by_text.entry(document_key(new[j])).or_default().push(k);
    }
    let mut unmatched_old = Vec::new();
    for &(i, _) in deleted {
        let hit = by_text
            .get_mut(&document_key(old[i]))
            .and_then(|ks| (!ks.is_empty()).then(|| ks.remove(0)));
        match hit {
            Some(k) => {
                used_new[k] = true;
                matched.push((i, inserted[k].0));
            }
            None => unmatched_old.push(i),
        }
    }
    let left_new: Vec<usize> = (0..inserted.len()).filter(|&k| !used_new[k]).collect();
    if unmatched_old.len().saturating_mul(left_new.len()) <= 1_000_000 && threshold < 1.0 {
        let bags_new: Vec<Vec<u32>> = left_new
            .iter()
            .map(|&k| vocab.bag(new[inserted[k].0]))
            .collect();
        let mut taken = vec![false; left_new.len()];
        for &i in &unmatched_old {
            let bag = vocab.bag(old[i]);
            let best = (0..left_new.len())
                .filter(|&x| !taken[x])
                .map(|x| (x, dice(&bag, &bags_new[x])))
                .filter(|&(_, d)| d >= threshold)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((x, _)) = best {
                taken[x] = true;
                matched.push((i, inserted[left_new[x]].0));
            }
        }
    }
    matched.sort_unstable();
    let mut runs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for (i, j) in matched {
        match runs.last_mut() {
            Some((o, n)) if o.end == i && n.end == j => {
                o.end += 1;
                n.end += 1;
            }
            _ => runs.push((i..i + 1, j..j + 1)),
        }
    }
    runs
}

/// Text with whitespace collapsed, the key for exact moves.
fn document_key(s: &str) -> String {
    crate::document::collapse_whitespace(s)
}
