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

mod moves;
pub mod original;
pub(crate) mod pairing;
pub mod render;
pub mod report;
pub mod words;

use std::collections::HashSet;
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
    let moves = moves::find_moves(
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
mod tests;
