//! One document identity everywhere (issue 16, class 1): single-pair `align`, batch
//! discovery and cite's sidecar lookup take a document's id from one rule.

use super::*;

/// A sidecar for document `id`.
fn sidecar(id: &str, status: &str, archive_ref: &str) -> String {
    format!("id = \"{id}\"\ntitle = \"Title of {id}\"\nstatus = \"{status}\"\narchive_ref = \"{archive_ref}\"\n")
}

const DRAFT_HU: &str = "A vázlat szövege. A küldöttség még nem válaszolt a levélre.\n";
const DRAFT_EN: &str = "The text of the draft. The delegation has not yet answered the letter.\n";

/// `memo.hungarian-draft.hu.txt` is the document `memo.hungarian-draft`, not `memo`:
/// single-pair align neither writes over `alignments/memo.json` nor does cite give the
/// draft (a reconstruction) the archive reference of `memo` (archival).
#[test]
fn ids_with_dots_never_borrow_another_documents_file_or_metadata() {
    let wd = Workdir::new();
    wd.write("originals/memo.hu.txt", HU);
    wd.write("translations/memo.en.txt", EN);
    wd.write(
        "originals/memo.toml",
        sidecar("memo", "archival", "MOL XIX-J-1-j 1963"),
    );
    wd.write("originals/memo.hungarian-draft.hu.txt", DRAFT_HU);
    wd.write("translations/memo.hungarian-draft.en.txt", DRAFT_EN);
    wd.write(
        "originals/memo.hungarian-draft.toml",
        sidecar("memo.hungarian-draft", "reconstruction", ""),
    );
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    ok(
        &wd,
        &["align", "originals/memo.hu.txt", "translations/memo.en.txt"],
    );
    let memo = wd.read("alignments/memo.json");
    let r = ok(
        &wd,
        &[
            "align",
            "originals/memo.hungarian-draft.hu.txt",
            "translations/memo.hungarian-draft.en.txt",
        ],
    );
    assert!(
        r.stderr.contains("-> alignments/memo.hungarian-draft.json"),
        "{}",
        r.stderr
    );
    assert_eq!(wd.read("alignments/memo.json"), memo, "memo.json untouched");
    let r = ok(
        &wd,
        &["cite", "The delegation has not yet answered the letter."],
    );
    assert!(r.stdout.contains("memo.hungarian-draft"), "{}", r.stdout);
    assert!(r.stdout.contains("RECONSTRUCTION"), "{}", r.stdout);
    assert!(!r.stdout.contains("MOL XIX"), "{}", r.stdout);
    // The batch agrees: the same two ids, both up to date.
    let r = ok(&wd, &["align", "--all"]);
    assert!(
        r.stdout.contains("2 document(s): 2 up to date"),
        "{}",
        r.stdout
    );
}

/// Extensions in any case, ids starting with a dot, and a sidecar that names another
/// document: found, indexed and cited, never mixed up.
#[test]
fn upper_case_extensions_and_hidden_ids_are_documents_too() {
    let wd = Workdir::new();
    wd.write("originals/X.HU.TXT", HU);
    wd.write("translations/X.En.Txt", EN);
    wd.write("originals/.notes.hu.txt", DRAFT_HU);
    wd.write("translations/.notes.en.txt", DRAFT_EN);
    // A sidecar copied from another document: not used.
    wd.write(
        "originals/.notes.toml",
        sidecar("memo", "archival", "MOL XIX-J-1-j 1963"),
    );
    let r = ok(&wd, &["align", "--all"]);
    assert!(
        r.stdout.contains("2 document(s): 2 aligned"),
        "{}",
        r.stdout
    );
    assert!(wd.path().join("alignments/X.json").is_file());
    assert!(wd.path().join("alignments/.notes.json").is_file());
    let r = ok(
        &wd,
        &[
            "cite",
            "--doc",
            ".notes",
            "the delegation has not yet answered",
        ],
    );
    assert!(!r.stdout.contains("MOL XIX"), "{}", r.stdout);
    assert!(
        r.stdout.contains("describes another document"),
        "{}",
        r.stdout
    );
    ok(&wd, &["cite", "--id", ".notes:p1.s2"]);
    ok(
        &wd,
        &[
            "cite",
            "--doc",
            "X",
            "Nothing has changed since the crisis.",
        ],
    );
}

/// Two files claim one id (`twice.hu.txt`, `twice.hu.html`): tandem cannot tell which
/// is meant and aligns neither, saying so; a `.docx` pair is discovered and fails with
/// the loader's clear error (one `failed:` line), the rest is aligned.
#[test]
fn clashing_ids_and_unreadable_formats_in_a_batch() {
    let wd = Workdir::new();
    wd.write("originals/ok.hu.txt", HU);
    wd.write("translations/ok.en.txt", EN);
    wd.write("originals/twice.hu.txt", HU);
    wd.write("originals/twice.hu.html", "<p>Havanna</p>");
    wd.write("translations/twice.en.txt", EN);
    wd.write("originals/word.hu.docx", b"PK\x03\x04\0\0\0\0binary zip");
    wd.write("translations/word.en.docx", b"PK\x03\x04\0\0\0\0binary zip");
    let r = run(&wd, &["align", "--all"]);
    expect_error(&r, &["align", "--all"], "1 of 2 document(s) failed");
    assert!(
        r.stderr
            .contains("twice: not aligned: several files claim this id"),
        "{}",
        r.stderr
    );
    let failed: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("failed:"))
        .collect();
    assert_eq!(failed.len(), 1, "{}", r.stderr);
    assert!(failed[0].starts_with("failed: word:"), "{}", failed[0]);
    assert!(r.stdout.contains("1 aligned, 1 failed"), "{}", r.stdout);
    assert!(wd.path().join("alignments/ok.json").is_file());
    assert!(!wd.path().join("alignments/twice.json").exists());
}

/// `--id` names a single pair; a file named only by its language takes its folder's
/// name; an id that cannot be a file name is refused.
#[test]
fn single_pair_ids() {
    let wd = Workdir::new();
    wd.write("steinbeck/hu.txt", HU);
    wd.write("steinbeck/en.txt", EN);
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    let r = ok(&wd, &["align", "steinbeck/hu.txt", "steinbeck/en.txt"]);
    assert!(r.stderr.starts_with("steinbeck:"), "{}", r.stderr);
    assert!(wd.path().join("alignments/steinbeck.json").is_file());
    ok(
        &wd,
        &[
            "align",
            "steinbeck/hu.txt",
            "steinbeck/en.txt",
            "--id",
            "cup-of-gold",
        ],
    );
    let json = String::from_utf8(wd.read("alignments/cup-of-gold.json")).expect("utf-8");
    assert!(json.contains("\"id\": \"cup-of-gold\""));
    for bad in ["a/b", "..", "x\ny", ""] {
        fails(
            &wd,
            &["align", "steinbeck/hu.txt", "steinbeck/en.txt", "--id", bad],
            "--id",
        );
    }
}
