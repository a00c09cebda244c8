//! Words inside sentences: the bags of words that score sentence pairs, and the
//! word-level diff shown for a changed pair.
//!
//! - `Vocab` interns lowercased Unicode words (UAX#29, `unicode_words`) so that a
//!   sentence becomes a sorted bag of ids; `common` counts the shared words of two bags
//!   in `O(a + b)`. Dice = `2·common / (a + b)`.
//! - [`word_ops`] diffs two texts word by word with `similar` (Unicode words, so
//!   punctuation and Hungarian suffixes after a hyphen are tokens of their own), under a
//!   deadline. Whitespace between two changes is folded into them and each run of
//!   changes becomes one delete followed by one insert, which reads better than
//!   `similar`'s token-level alternation. Cost: `O((N + M)·D)` tokens (Patience, then
//!   Myers); past the deadline `similar` returns a coarser, still valid diff and the
//!   caller is told.

use std::collections::HashMap;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};
use unicode_segmentation::UnicodeSegmentation;

/// What a word-level op does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpTag {
    /// Text in both versions.
    Equal,
    /// Text only in the old version.
    Delete,
    /// Text only in the new version.
    Insert,
}

/// A run of text that is equal, deleted or inserted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordOp {
    /// Equal, delete or insert.
    pub op: OpTag,
    /// The text, whitespace included.
    pub text: String,
}

/// Interns lowercased words to small ids.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
}

impl Vocab {
    /// The sorted bag of word ids of `text`.
    pub(crate) fn bag(&mut self, text: &str) -> Vec<u32> {
        let mut bag: Vec<u32> = text
            .unicode_words()
            .map(|w| {
                let key = w.to_lowercase();
                let next = self.ids.len() as u32;
                *self.ids.entry(key).or_insert(next)
            })
            .collect();
        bag.sort_unstable();
        bag
    }
}

/// Number of words two sorted bags share (multiset intersection).
pub(crate) fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The union of two sorted bags, sorted.
pub(crate) fn merge(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out.sort_unstable();
    out
}

/// Dice coefficient of two bags, 0..=1 (1 for two empty bags).
pub(crate) fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * common(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Number of words (UAX#29 words with a letter or digit) in `text`.
pub fn count_words(text: &str) -> usize {
    text.unicode_words().count()
}

/// Whether two texts have the same words in the same order (case-sensitive), i.e.
/// differ at most in punctuation and whitespace.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    a.unicode_words().eq(b.unicode_words())
}

/// Whether two texts differ at most in whitespace (runs, kinds, ends).
pub(crate) fn same_but_whitespace(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Word-level ops turning `old` into `new`, and whether the deadline expired (then the
/// ops are coarser: at worst one delete of `old` and one insert of `new`).
pub fn word_ops(old: &str, new: &str, deadline: Instant) -> (Vec<WordOp>, bool) {
    if Instant::now() >= deadline {
        return (coarse(old, new), true);
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .deadline(deadline)
        .diff_unicode_words(old, new);
    let tokens: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    (group(&tokens), Instant::now() >= deadline)
}

fn coarse(old: &str, new: &str) -> Vec<WordOp> {
    let mut ops = Vec::new();
    if old == new {
        push(&mut ops, OpTag::Equal, old);
        return ops;
    }
    push(&mut ops, OpTag::Delete, old);
    push(&mut ops, OpTag::Insert, new);
    ops
}

fn push(ops: &mut Vec<WordOp>, op: OpTag, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => ops.push(WordOp {
            op,
            text: text.to_string(),
        }),
    }
}

/// Fold whitespace-only equal tokens between changes into the changes, then emit each
/// run of changes as one delete and one insert.
fn group(tokens: &[(ChangeTag, &str)]) -> Vec<WordOp> {
    let mut ops = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].0 == ChangeTag::Equal {
            push(&mut ops, OpTag::Equal, tokens[i].1);
            i += 1;
            continue;
        }
        // A run of changes, possibly bridging whitespace-only equal tokens.
        let mut deleted = String::new();
        let mut inserted = String::new();
        let mut j = i;
        loop {
            match tokens.get(j) {
                Some((ChangeTag::Delete, t)) => deleted.push_str(t),
                Some((ChangeTag::Insert, t)) => inserted.push_str(t),
                Some((ChangeTag::Equal, t)) if t.trim().is_empty() => {
                    // Bridge only if another change follows.
                    let next = tokens[j + 1..]
                        .iter()
                        .find(|(tag, t)| *tag != ChangeTag::Equal || !t.trim().is_empty());
                    match next {
                        Some((tag, _)) if *tag != ChangeTag::Equal => {
                            deleted.push_str(t);
                            inserted.push_str(t);
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
            j += 1;
        }
        push(&mut ops, OpTag::Delete, &deleted);
        push(&mut ops, OpTag::Insert, &inserted);
        i = j;
    }
    ops
}

/// The old text of a list of ops (equal + delete).
pub fn old_text(ops: &[WordOp]) -> String {
    ops.iter()
        .filter(|o| o.op != OpTag::Insert)
        .map(|o| o.text.as_str())
        .collect()
}

/// The new text of a list of ops (equal + insert).
pub fn new_text(ops: &[WordOp]) -> String {
    ops.iter()
        .filter(|o| o.op != OpTag::Delete)
        .map(|o| o.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn later() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn bags_are_case_insensitive_and_drop_punctuation() {
        let mut v = Vocab::default();
        let a = v.bag("The crisis, the CRISIS!");
        let b = v.bag("crisis the");
        assert_eq!(a.len(), 4);
        assert_eq!(common(&a, &b), 2);
        assert!((dice(&a, &b) - 4.0 / 6.0).abs() < 1e-9);
        assert_eq!(merge(&b, &b).len(), 4);
    }

    #[test]
    fn spelling_change_is_one_replacement() {
        let (ops, late) = word_ops(
            "Since the crisis a by-stander has not",
            "Since the crisis a bystander has not",
            later(),
        );
        assert!(!late);
        assert_eq!(
            ops,
            vec![
                WordOp {
                    op: OpTag::Equal,
                    text: "Since the crisis a ".into()
                },
                WordOp {
                    op: OpTag::Delete,
                    text: "by-stander".into()
                },
                WordOp {
                    op: OpTag::Insert,
                    text: "bystander".into()
                },
                WordOp {
                    op: OpTag::Equal,
                    text: " has not".into()
                },
            ]
        );
    }

    #[test]
    fn whitespace_between_changes_is_folded() {
        let (ops, _) = word_ops("a b c d", "a x y d", later());
        let changed: Vec<_> = ops.iter().filter(|o| o.op != OpTag::Equal).collect();
        assert_eq!(changed.len(), 2, "{ops:?}");
        assert_eq!(changed[0].text, "b c");
        assert_eq!(changed[1].text, "x y");
    }

    #[test]
    fn ops_rebuild_both_texts() {
        let old = "I would like to mention only a few phenomena: instead of the work.";
        let new = "I would like to mention a few phenomena. Instead of the economic work!";
        let (ops, _) = word_ops(old, new, later());
        assert_eq!(old_text(&ops), old);
        assert_eq!(new_text(&ops), new);
    }

    #[test]
    fn expired_deadline_gives_a_coarse_diff() {
        let (ops, late) = word_ops("a b", "a c", Instant::now());
        assert!(late);
        assert_eq!(ops.len(), 2);
        assert_eq!(old_text(&ops), "a b");
        assert_eq!(new_text(&ops), "a c");
    }

    #[test]
    fn punctuation_and_whitespace_tests() {
        assert!(same_words("Castro] talked", "Castro], talked"));
        assert!(!same_words("by-stander", "bystander"));
        assert!(!same_words("instead", "Instead"));
        assert!(same_but_whitespace("a  b", "a b"));
        assert!(!same_but_whitespace("a b", "ab"));
    }
}
