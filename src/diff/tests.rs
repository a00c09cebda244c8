//! Tests of the sentence-level diff: kinds, moves, summary, deadline, and a property test.

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
