//! Batch alignment of a corpus (issue 8): pairing by id, up-to-date skipping, failures,
//! sharding, JSON lines.

use predicates::prelude::*;
use predicates::str::contains;

use crate::common::Workdir;

const HU: &str = "Havanna, 1963. január 28.\n\nA válság óta a kubai vezetők kerülnek bennünket. Ha mégis sor kerül beszélgetésre, az formális és üres.\n";
const EN: &str = "Havana, 28 January 1963\n\nSince the crisis Cuban leaders have avoided us. If there is a conversation, it is formal and empty.\n";

fn corpus(w: &Workdir, ids: &[&str]) {
    for id in ids {
        w.write(&format!("originals/{id}.hu.txt"), HU);
        w.write(&format!("translations/{id}.en.txt"), EN);
    }
}

#[test]
fn a_failing_document_is_reported_and_the_batch_goes_on() {
    let w = Workdir::new();
    corpus(&w, &["a", "c"]);
    let bytes: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 256) as u8).collect();
    w.write("originals/b.hu.txt", &bytes);
    w.write("translations/b.en.txt", EN);
    w.tandem()
        .args(["align", "--all"])
        .assert()
        .code(2)
        .stderr(
            contains("b: ")
                .and(contains("binary"))
                .and(contains("1 of 3 document(s) failed")),
        )
        .stdout(contains("FAILED"));
    assert!(w.path().join("alignments/a.json").is_file());
    assert!(w.path().join("alignments/c.json").is_file());
    assert!(!w.path().join("alignments/b.json").exists());
}

#[test]
fn unpaired_files_are_reported() {
    let w = Workdir::new();
    corpus(&w, &["a"]);
    w.write("originals/lonely.hu.txt", HU);
    w.tandem()
        .args(["align", "--all"])
        .assert()
        .success()
        .stderr(contains("lonely.hu.txt: no partner"));
}

#[test]
fn shards_split_the_documents_without_overlap() {
    let w = Workdir::new();
    let ids = ["a", "b", "c", "d", "e"];
    corpus(&w, &ids);
    for shard in ["1/2", "2/2"] {
        w.tandem()
            .args(["align", "--all", "--shard", shard])
            .assert()
            .success();
    }
    for id in ids {
        assert!(
            w.path().join(format!("alignments/{id}.json")).is_file(),
            "{id}"
        );
    }
    let out = w
        .tandem()
        .args(["align", "--all", "--shard", "1/2", "--force"])
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("│ a ") && table.contains("│ c ") && table.contains("│ e "));
    assert!(!table.contains("│ b ") && !table.contains("│ d "));
    w.tandem()
        .args(["align", "--all", "--shard", "3/2"])
        .assert()
        .code(2)
        .stderr(contains("K/N"));
}

#[test]
fn jsonl_streams_one_valid_alignment_per_document() {
    let w = Workdir::new();
    corpus(&w, &["a", "b"]);
    let out = w
        .tandem()
        .args(["align", "--all", "--jsonl", "-q"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let file = tandem::alignment::AlignmentFile::from_json(line, std::path::Path::new("line"))
            .expect("valid alignment");
        assert_eq!(file.beads.len(), 3);
    }
}

#[test]
fn changed_texts_are_realigned_and_unchanged_ones_skipped() {
    let w = Workdir::new();
    corpus(&w, &["a", "b"]);
    w.tandem().args(["align", "--all"]).assert().success();
    w.write(
        "translations/b.en.txt",
        format!("{EN}\nA new closing sentence.\n"),
    );
    let out = w.tandem().args(["align", "--all"]).output().expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    let row = |id: &str| {
        table
            .lines()
            .find(|l| l.contains(&format!("│ {id} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("a").contains("up to date"), "{table}");
    assert!(row("b").contains("aligned"), "{table}");
}
