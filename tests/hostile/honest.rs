//! Honest results (issue 16, class 8): a reordering is reported as moves, and a gold
//! file of another document is not scored without a word.

use super::*;

/// Paragraphs swapped and sentences shuffled: every change is a move (today: deletions,
/// insertions and edits of similar neighbours).
#[test]
fn a_reordering_is_reported_as_moves() {
    let wd = Workdir::new();
    let text = String::from_utf8(
        std::fs::read(crate::common::repo().join("translations/udhr.en.txt")).expect("udhr"),
    )
    .expect("utf-8");
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .take(40)
        .collect();
    let mut shuffled = lines.clone();
    // A fixed permutation: reverse the halves, swap neighbours.
    shuffled.reverse();
    for k in (0..shuffled.len() - 1).step_by(3) {
        shuffled.swap(k, k + 1);
    }
    wd.write("old.en.txt", lines.join("\n") + "\n");
    wd.write("new.en.txt", shuffled.join("\n") + "\n");
    let r = ok(
        &wd,
        &[
            "diff",
            "--presplit",
            "old.en.txt",
            "new.en.txt",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let kinds: Vec<&str> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["kind"].as_str().unwrap_or_default())
        .collect();
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|k| *k == "moved"), "{kinds:?}");
    assert_eq!(report["summary"]["changed"], 0);
    assert_eq!(report["summary"]["added"], 0);
    assert_eq!(report["summary"]["removed"], 0);
}

/// A gold alignment of another document (other sentence counts) is refused, naming the
/// counts; `--allow-mismatch` scores it with a warning.
#[test]
fn a_gold_of_another_document_is_refused() {
    let wd = Workdir::new();
    aligned(&wd);
    wd.write(
        "other.txt",
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4, 5]\n",
    );
    fails(
        &wd,
        &["eval", "-g", "other.txt", "d.json"],
        "covers 5 source and 6 target sentences, not 3 and 3",
    );
    let r = ok(
        &wd,
        &["eval", "-g", "other.txt", "d.json", "--allow-mismatch"],
    );
    assert!(r.stderr.contains("scored anyway"), "{}", r.stderr);
    // A vecalign test file knows its counts too.
    wd.write("test.txt", "[0]:[0]\n[1]:[1]\n");
    fails(&wd, &["eval", "-g", "other.txt", "test.txt"], "not 2 and 2");
    wd.write("same.txt", "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    ok(&wd, &["eval", "-g", "same.txt", "d.json"]);
}
