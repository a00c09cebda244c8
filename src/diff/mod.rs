//! Revision diffs: what a reviser changed, sentence by sentence, even when sentences were
//! split, merged, inserted, deleted or moved.
//!
//! CAT tools compare segments with the same id and break as soon as a reviser splits or
//! merges sentences. Here the two versions are first *aligned* (module `pairing`): a sequence
//! diff finds the unchanged runs, and a small dynamic program with a word-overlap score
//! pairs the changed sentences between them (1-1, 1-2, 1-3, 2-1, 3-1, 1-0, 0-1). Each changed pair
//! then gets a word-level diff ([`words`]). Deleted sentences that reappear nearly
//! unchanged elsewhere are reported once, as moved.
//!
//! The result is a list of [`Change`]s (index ranges into the two sentence lists) and a
//! [`Summary`]; [`report`] turns them into a serialisable report with locators and
//! texts, [`original`] groups them by the sentences of an original both versions were
//! aligned to, and [`render`] writes the plain-text and HTML forms.
//!
//! # Kinds
//! | kind | old → new | meaning |
//! |---|---|---|
//! | `edited` | 1 → 1 | words changed (word ops and similarity given) |
//! | `punctuation` | 1 → 1 | same words in the same order; only punctuation changed |
//! | `whitespace` | 1 → 1 | only whitespace changed |
//! | `split` | 1 → 2 or 3 | one sentence became two or three |
//! | `merged` | 2 or 3 → 1 | two or three sentences became one |
//! | `deleted` | 1 → 0 | sentence removed |
//! | `inserted` | 0 → 1 | sentence added |
//! | `moved` | k → k elsewhere | sentences deleted in one place and inserted, identical or nearly (Dice ≥ [`DiffConfig::move_similarity`]), in another |
//!
//! # Cost
//! Sentence-level diff `O((N + M)·D)`, pairing `O(r²)` per region of `r` changed
//! sentences (banded above a size), word diffs on the changed pairs only; all steps
//! stop refining at the deadline ([`DiffConfig::timeout`]) and the result says so
//! ([`Summary::timed_out`]). 10,000 sentences with 5% edited: see `benches/diff.rs`.
//!
//! ```
//! use tandem::diff::{diff_sentences, DiffConfig, Kind};
//!
//! let old = ["One sentence here.", "A second one: with a clause.", "The end."];
//! let new = ["One sentence here.", "A second one.", "With a clause.", "The end!"];
//! let diff = diff_sentences(&old, &new, &DiffConfig::default());
//! let kinds: Vec<Kind> = diff.changes.iter().map(|c| c.kind).collect();
//! assert_eq!(kinds, [Kind::Split, Kind::Punctuation]);
//! assert_eq!(diff.changes[0].old, 1..2);
//! assert_eq!(diff.changes[0].new, 1..3);
//! ```

pub mod original;
pub(crate) mod pairing;
pub mod render;
pub mod report;
pub mod words;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use words::{dice, word_ops, Vocab, WordOp};

/// What happened to a group of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Words changed in a sentence (1 → 1).
    Edited,
    /// One sentence became two or three (1 → 2, 1 → 3).
    Split,
    /// Two or three sentences became one (2 → 1, 3 → 1).
    Merged,
    /// A sentence was added (0 → 1).
    Inserted,
    /// A sentence was removed (1 → 0).
    Deleted,
    /// Sentences were removed in one place and added, (nearly) unchanged, in another.
    Moved,
    /// Only whitespace changed (1 → 1).
    Whitespace,
    /// Only punctuation changed: same words in the same order (1 → 1).
    Punctuation,
}

impl Kind {
    /// The name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Edited => "edited",
            Kind::Split => "split",
            Kind::Merged => "merged",
            Kind::Inserted => "inserted",
            Kind::Deleted => "deleted",
            Kind::Moved => "moved",
            Kind::Whitespace => "whitespace",
            Kind::Punctuation => "punctuation",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One change: old sentences `old` became new sentences `new`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What kind of change.
    pub kind: Kind,
    /// Old sentence indices (empty for an insertion; its start is where it was inserted).
    pub old: Range<usize>,
    /// New sentence indices (empty for a deletion; its start is where it was deleted).
    pub new: Range<usize>,
    /// Dice similarity of the words of both sides, 0..=1 (0 for insertions/deletions).
    pub similarity: f64,
    /// Word-level ops from the old text to the new text (sentences joined by a space);
    /// empty for insertions and deletions.
    pub ops: Vec<WordOp>,
}

/// Counts over the visible changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Sentences in the old version.
    pub old_sentences: usize,
    /// Sentences in the new version.
    pub new_sentences: usize,
    /// Old sentences edited, split, merged, or changed in punctuation or whitespace.
    pub changed: usize,
    /// New sentences inserted.
    pub added: usize,
    /// Old sentences deleted.
    pub removed: usize,
    /// Old sentences moved.
    pub moved: usize,
    /// Words in the old version.
    pub old_words: usize,
    /// Words in the new version.
    pub new_words: usize,
    /// Words deleted from the old version (in word ops, deletions and moves).
    pub words_removed: usize,
    /// Words inserted in the new version.
    pub words_added: usize,
    /// `100 · (words_removed + words_added) / (old_words + new_words)`.
    pub percent_changed: f64,
    /// Whether the deadline expired: some word diffs are coarser than they could be.
    pub timed_out: bool,
}

/// Settings of a diff (builder style, like `similar::TextDiffConfig`).
#[derive(Debug, Clone)]
pub struct DiffConfig {
    timeout: Duration,
    deadline: Option<Instant>,
    ignore_whitespace: bool,
    ignore_punctuation: bool,
    min_similarity: f64,
    move_similarity: f64,
}

impl Default for DiffConfig {
    fn default() -> Self {
        DiffConfig {
            timeout: Duration::from_secs(10),
            deadline: None,
            ignore_whitespace: false,
            ignore_punctuation: false,
            min_similarity: 0.3,
            move_similarity: 0.8,
        }
    }
}

impl DiffConfig {
    /// Time allowed from the start of [`diff_sentences`] (default 10 s). Past it, word
    /// diffs fall back to whole-sentence replacements.
    pub fn timeout(&mut self, timeout: Duration) -> &mut Self {
        self.timeout = timeout;
        self
    }

    /// An absolute deadline; overrides [`DiffConfig::timeout`].
    pub fn deadline(&mut self, deadline: Instant) -> &mut Self {
        self.deadline = Some(deadline);
        self
    }

    /// Leave out whitespace-only changes.
    pub fn ignore_whitespace(&mut self, yes: bool) -> &mut Self {
        self.ignore_whitespace = yes;
        self
    }

    /// Leave out punctuation-only changes.
    pub fn ignore_punctuation(&mut self, yes: bool) -> &mut Self {
        self.ignore_punctuation = yes;
        self
    }

    /// Smallest Dice word similarity for two sentences to count as one edited sentence
    /// rather than a deletion and an insertion (default 0.3).
    pub fn min_similarity(&mut self, value: f64) -> &mut Self {
        self.min_similarity = value.clamp(0.0, 1.0);
        self
    }

    /// Smallest Dice similarity for a deleted and an inserted sentence to count as a
    /// move (default 0.8).
    pub fn move_similarity(&mut self, value: f64) -> &mut Self {
        self.move_similarity = value.clamp(0.0, 1.0);
        self
    }

    /// Whether changes of `kind` are shown.
    pub fn shows(&self, kind: Kind) -> bool {
        !(kind == Kind::Whitespace && self.ignore_whitespace
            || kind == Kind::Punctuation && self.ignore_punctuation)
    }

    fn effective_deadline(&self) -> Instant {
        self.deadline
            .unwrap_or_else(|| Instant::now() + self.timeout)
    }
}

/// The result of a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    /// Changes in document order (by old position, then new position).
    pub changes: Vec<Change>,
    /// Counts.
    pub summary: Summary,
}

impl Diff {
    /// Whether anything visible changed.
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// Diff two versions given as sentence lists.
pub fn diff_sentences(old: &[&str], new: &[&str], config: &DiffConfig) -> Diff {
    let deadline = config.effective_deadline();
    let mut vocab = Vocab::default();
    let pairs = pairing::pair(old, new, config.min_similarity, deadline, &mut vocab);
    let mut timed_out = Instant::now() >= deadline;
    let mut changes = Vec::new();
    let mut deleted = Vec::new();
    let mut inserted = Vec::new();
    for p in pairs {
        let kind = match (p.old.len(), p.new.len()) {
            (1, 0) => {
                deleted.push((p.old.start, p.new.start));
                continue;
            }
            (0, 1) => {
                inserted.push((p.new.start, p.old.start));
                continue;
            }
            (1, 1) => {
                let (a, b) = (old[p.old.start], new[p.new.start]);
                if words::same_but_whitespace(a, b) {
                    Kind::Whitespace
                } else if words::same_words(a, b) {
                    Kind::Punctuation
                } else {
                    Kind::Edited
                }
            }
            (1, _) => Kind::Split,
            _ => Kind::Merged,
        };
        if !config.shows(kind) {
            continue;
        }
        changes.push(with_ops(
            kind,
            p.old,
            p.new,
            old,
            new,
            deadline,
            &mut vocab,
            &mut timed_out,
        ));
    }
    let moves = find_moves(
        &deleted,
        &inserted,
        old,
        new,
        config.move_similarity,
        &mut vocab,
    );
    for (o, n) in &moves {
        changes.push(with_ops(
            Kind::Moved,
            o.clone(),
            n.clone(),
            old,
            new,
            deadline,
            &mut vocab,
            &mut timed_out,
        ));
    }
    let moved_old: HashSet<usize> = moves.iter().flat_map(|(o, _)| o.clone()).collect();
    let moved_new: HashSet<usize> = moves.iter().flat_map(|(_, n)| n.clone()).collect();
    for &(i, at) in deleted.iter().filter(|(i, _)| !moved_old.contains(i)) {
        changes.push(Change {
            kind: Kind::Deleted,
            old: i..i + 1,
            new: at..at,
            similarity: 0.0,
            ops: Vec::new(),
        });
    }
    for &(j, at) in inserted.iter().filter(|(j, _)| !moved_new.contains(j)) {
        changes.push(Change {
            kind: Kind::Inserted,
            old: at..at,
            new: j..j + 1,
            similarity: 0.0,
            ops: Vec::new(),
        });
    }
    changes.sort_by_key(|c| (c.old.start, c.new.start, c.old.end));
    let summary = summarize(&changes, old, new, timed_out);
    Diff { changes, summary }
}

#[allow(clippy::too_many_arguments)]
fn with_ops(
    kind: Kind,
    o: Range<usize>,
    n: Range<usize>,
    old: &[&str],
    new: &[&str],
    deadline: Instant,
    vocab: &mut Vocab,
    timed_out: &mut bool,
) -> Change {
    let a = old[o.clone()].join(" ");
    let b = new[n.clone()].join(" ");
    let similarity = dice(&vocab.bag(&a), &vocab.bag(&b));
    let (ops, late) = word_ops(&a, &b, deadline);
    *timed_out |= late;
    Change {
        kind,
        old: o,
        new: n,
        similarity: (similarity * 1000.0).round() / 1000.0,
        ops,
    }
}

/// Pair deleted with inserted sentences that are (nearly) the same, and group
/// consecutive ones into runs. Exact matches by hash; near matches by Dice when the
/// number of candidates is small enough (≤ 1,000,000 comparisons).
fn find_moves(
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

fn summarize(changes: &[Change], old: &[&str], new: &[&str], timed_out: bool) -> Summary {
    let mut s = Summary {
        old_sentences: old.len(),
        new_sentences: new.len(),
        old_words: old.iter().map(|t| words::count_words(t)).sum(),
        new_words: new.iter().map(|t| words::count_words(t)).sum(),
        timed_out,
        ..Summary::default()
    };
    for c in changes {
        match c.kind {
            Kind::Inserted => {
                s.added += c.new.len();
                s.words_added += new[c.new.clone()]
                    .iter()
                    .map(|t| words::count_words(t))
                    .sum::<usize>();
            }
            Kind::Deleted => {
                s.removed += c.old.len();
                s.words_removed += old[c.old.clone()]
                    .iter()
                    .map(|t| words::count_words(t))
                    .sum::<usize>();
            }
            kind => {
                if kind == Kind::Moved {
                    s.moved += c.old.len();
                } else {
                    s.changed += c.old.len();
                }
                for op in &c.ops {
                    match op.op {
                        words::OpTag::Delete => s.words_removed += words::count_words(&op.text),
                        words::OpTag::Insert => s.words_added += words::count_words(&op.text),
                        words::OpTag::Equal => {}
                    }
                }
            }
        }
    }
    let total = s.old_words + s.new_words;
    if total > 0 {
        s.percent_changed =
            (1000.0 * (s.words_removed + s.words_added) as f64 / total as f64).round() / 10.0;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(old: &[&str], new: &[&str]) -> Vec<(Kind, Range<usize>, Range<usize>)> {
        diff_sentences(old, new, &DiffConfig::default())
            .changes
            .into_iter()
            .map(|c| (c.kind, c.old, c.new))
            .collect()
    }

    const S: [&str; 6] = [
        "Everyone has the right to life, liberty and security of person.",
        "No one shall be held in slavery or servitude.",
        "No one shall be subjected to torture.",
        "Everyone has the right to recognition everywhere as a person before the law.",
        "All are equal before the law.",
        "No one shall be subjected to arbitrary arrest, detention or exile.",
    ];

    #[test]
    fn moved_sentences_are_one_move_not_a_deletion_and_an_insertion() {
        let new = [S[0], S[3], S[4], S[1], S[2], S[5]];
        let got = kinds(&S, &new);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Kind::Moved);
        // Either the pair (1,2) moved down or (3,4) moved up: both are one move of two.
        assert_eq!(got[0].1.len(), 2);
        assert_eq!(got[0].2.len(), 2);
    }

    #[test]
    fn nearly_unchanged_move_carries_its_word_ops() {
        let moved = "No one shall ever be held in slavery or servitude.";
        let new = [S[0], S[2], S[3], S[4], moved, S[5]];
        let diff = diff_sentences(&S, &new, &DiffConfig::default());
        assert_eq!(diff.changes.len(), 1, "{:?}", diff.changes);
        let c = &diff.changes[0];
        assert_eq!(
            (c.kind, c.old.clone(), c.new.clone()),
            (Kind::Moved, 1..2, 4..5)
        );
        assert!(c
            .ops
            .iter()
            .any(|o| o.op == words::OpTag::Insert && o.text.contains("ever")));
        assert_eq!(diff.summary.moved, 1);
        assert_eq!(diff.summary.words_added, 1);
    }

    #[test]
    fn whitespace_and_punctuation_kinds_and_ignore_flags() {
        let new = [
            S[0],
            "No one shall be held in slavery  or servitude.",
            "No one shall be subjected to torture!",
            S[3],
            S[4],
            S[5],
        ];
        assert_eq!(
            kinds(&S, &new),
            vec![
                (Kind::Whitespace, 1..2, 1..2),
                (Kind::Punctuation, 2..3, 2..3)
            ]
        );
        let mut config = DiffConfig::default();
        config.ignore_whitespace(true).ignore_punctuation(true);
        let diff = diff_sentences(&S, &new, &config);
        assert!(!diff.has_changes());
        assert_eq!(diff.summary.changed, 0);
    }

    #[test]
    fn summary_counts_words() {
        let new = [
            S[0],
            S[1],
            "No one shall be subjected to cruel torture.",
            S[3],
            S[5],
        ];
        let d = diff_sentences(&S, &new, &DiffConfig::default());
        assert_eq!(d.summary.changed, 1);
        assert_eq!(d.summary.removed, 1);
        assert_eq!(d.summary.words_added, 1);
        assert_eq!(d.summary.words_removed, 6); // "All are equal before the law"
        assert!(d.summary.percent_changed > 0.0);
    }

    #[test]
    fn expired_deadline_still_gives_a_valid_report() {
        let new = [
            S[0],
            "No one shall be held in bondage or servitude.",
            S[2],
            S[3],
            S[4],
            S[5],
        ];
        let mut config = DiffConfig::default();
        config.deadline(Instant::now());
        let d = diff_sentences(&S, &new, &config);
        assert!(d.summary.timed_out);
        assert_eq!(d.changes.len(), 1);
        assert_eq!(words::old_text(&d.changes[0].ops), S[1]);
        assert_eq!(words::new_text(&d.changes[0].ops), new[1]);
    }

    fn sentence() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof!["the", "right", "law", "person", "shall", "no", "one", "free", ",", ";"],
            0..8,
        )
        .prop_map(|w| format!("{}.", w.join(" ")))
    }

    proptest! {
        #[test]
        fn a_text_diffed_with_itself_is_empty(text in proptest::collection::vec(sentence(), 0..30)) {
            let t: Vec<&str> = text.iter().map(String::as_str).collect();
            let d = diff_sentences(&t, &t, &DiffConfig::default());
            prop_assert!(d.changes.is_empty());
            prop_assert_eq!(d.summary.percent_changed, 0.0);
        }

        #[test]
        fn every_sentence_is_in_at_most_one_change(
            old in proptest::collection::vec(sentence(), 0..20),
            new in proptest::collection::vec(sentence(), 0..20),
        ) {
            let o: Vec<&str> = old.iter().map(String::as_str).collect();
            let n: Vec<&str> = new.iter().map(String::as_str).collect();
            let d = diff_sentences(&o, &n, &DiffConfig::default());
            let mut seen_old = vec![0; o.len()];
            let mut seen_new = vec![0; n.len()];
            for c in &d.changes {
                prop_assert!(c.old.end <= o.len() && c.new.end <= n.len());
                for i in c.old.clone() { seen_old[i] += 1; }
                for j in c.new.clone() { seen_new[j] += 1; }
                if !matches!(c.kind, Kind::Inserted | Kind::Deleted) {
                    prop_assert_eq!(words::old_text(&c.ops), o[c.old.clone()].join(" "));
                    prop_assert_eq!(words::new_text(&c.ops), n[c.new.clone()].join(" "));
                }
            }
            prop_assert!(seen_old.iter().all(|&k| k <= 1));
            prop_assert!(seen_new.iter().all(|&k| k <= 1));
            // Sentences in no change are unchanged: as many on both sides.
            let same_old = seen_old.iter().filter(|&&k| k == 0).count();
            let same_new = seen_new.iter().filter(|&&k| k == 0).count();
            prop_assert_eq!(same_old, same_new);
        }

        /// Issue 16: a pure reordering came out as edits, deletions and insertions of
        /// similar neighbours. Any permutation of sentences (similar ones, repeated ones)
        /// is reported as moves only, and every sentence is accounted for.
        #[test]
        fn a_reordering_is_only_moves(
            text in proptest::collection::vec(sentence(), 0..25),
            order in proptest::collection::vec(proptest::num::usize::ANY, 0..25),
        ) {
            let old: Vec<&str> = text.iter().map(String::as_str).collect();
            let mut new = old.clone();
            for (k, r) in order.iter().enumerate() {
                if !new.is_empty() {
                    let (a, b) = (k % new.len(), r % new.len());
                    new.swap(a, b);
                }
            }
            let d = diff_sentences(&old, &new, &DiffConfig::default());
            for c in &d.changes {
                prop_assert_eq!(c.kind, Kind::Moved, "{:?}", d.changes);
            }
            prop_assert_eq!(d.summary.moved, d.changes.iter().map(|c| c.old.len()).sum::<usize>());
        }
    }
}
