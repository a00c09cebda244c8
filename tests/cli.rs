//! The command-line shell and text loading, as a user meets them.

use predicates::prelude::*;
use predicates::str::contains;

use crate::common::{repo, Workdir};

const HU: &str = "Havanna, 1963. január 28.\n\nA válság óta a kubai vezetők kerülnek bennünket. Ha mégis sor kerül beszélgetésre, az formális és üres.\n\nBeck János\n";
const EN: &str = "Havana, 28 January 1963\n\nSince the crisis Cuban leaders have avoided us. If there is a conversation, it is formal and empty.\n\nJános Beck\n";

#[test]
fn help_lists_every_command_and_version_works() {
    let w = Workdir::new();
    let out = w.tandem().arg("--help").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf8");
    for cmd in [
        "split",
        "align",
        "eval",
        "show",
        "check",
        "export",
        "diff",
        "cite",
        "completions",
    ] {
        assert!(text.contains(cmd), "--help lacks {cmd}");
    }
    w.tandem()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
    w.tandem()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("tandem"));
}

#[test]
fn missing_file_is_a_one_line_error_with_exit_2() {
    let w = Workdir::new();
    w.tandem()
        .args(["split", "nope.hu.txt"])
        .assert()
        .code(2)
        .stderr(contains("error: cannot read 'nope.hu.txt'"));
}

/// An alignment file where a text belongs (`diff ALIGNMENT REVISION`, `split`, `align`)
/// is refused with the texts it was made from, instead of being read as a text of JSON
/// lines (whose braces and keys then looked like page furniture).
#[test]
fn an_alignment_file_is_not_read_as_a_text() {
    let w = crate::common::aligned_beck();
    let made_from =
        "made from 'originals/beck-1963-01-28.hu.txt' and 'translations/beck-1963-01-28.en.txt'";
    for args in [
        &[
            "diff",
            crate::common::BECK,
            "translations/beck-1963-01-28.en.txt",
        ][..],
        &["split", crate::common::BECK],
        &[
            "align",
            crate::common::BECK,
            "translations/beck-1963-01-28.en.txt",
            "-o",
            "x.json",
        ],
    ] {
        let out = w.tandem().args(args).assert().code(2).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is an alignment file made by 'tandem align', not a text"),
            "{args:?}: {err}"
        );
        assert!(err.contains(made_from), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(!w.path().join("x.json").exists());
}

/// A text that changed or vanished since alignment is named as the user would type it,
/// not relative to the alignment file (`alignments/../translations/…`).
#[test]
fn stale_and_missing_texts_are_named_from_where_the_user_stands() {
    let w = crate::common::aligned_beck();
    let en = "translations/beck-1963-01-28.en.txt";
    let mut text = w.read(en);
    text.extend_from_slice(b"\nOne more sentence.\n");
    w.write(en, &text);
    let out = w
        .tandem()
        .args(["show", crate::common::BECK])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("'{en}' changed since")), "{err}");
    std::fs::remove_file(w.path().join(en)).expect("remove");
    let out = w
        .tandem()
        .args(["show", crate::common::BECK])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{en}: text not found")), "{err}");
    assert!(!err.contains(".."), "{err}");
}

#[test]
fn directory_instead_of_file() {
    let w = Workdir::new();
    std::fs::create_dir(w.path().join("d")).expect("mkdir");
    w.tandem()
        .args(["split", "d"])
        .assert()
        .code(2)
        .stderr(contains("'d' is a directory"));
}

#[test]
fn empty_file_has_no_sentences() {
    let w = Workdir::new();
    w.write("e.hu.txt", "");
    w.tandem()
        .args(["split", "e.hu.txt"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn binary_file_is_refused() {
    let w = Workdir::new();
    let bytes: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 256) as u8).collect();
    w.write("b.hu.txt", &bytes);
    w.tandem()
        .args(["split", "b.hu.txt"])
        .assert()
        .code(2)
        .stderr(contains("looks like a binary file"));
}

#[test]
fn utf16_file_is_read() {
    let w = Workdir::new();
    let mut bytes = vec![0xFF, 0xFE];
    for u in HU.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let p = w.write("u.hu.txt", &bytes);
    w.tandem()
        .args(["split", "u.hu.txt"])
        .assert()
        .success()
        .stdout(contains("Havanna, 1963. január 28.\nA válság óta"));
    assert_eq!(std::fs::read(p).expect("read"), bytes, "input untouched");
}

#[test]
fn windows_1250_file_is_decoded_with_a_warning() {
    let w = Workdir::new();
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(HU);
    w.write("w.hu.txt", &*bytes);
    w.tandem()
        .args(["split", "w.hu.txt"])
        .assert()
        .success()
        .stdout(contains("Ha mégis sor kerül beszélgetésre"))
        .stderr(contains("decoded as Windows-1250"));
}

#[test]
fn crlf_file_splits_like_lf() {
    let w = Workdir::new();
    w.write("lf.hu.txt", HU);
    w.write("crlf.hu.txt", HU.replace('\n', "\r\n"));
    let a = w
        .tandem()
        .args(["split", "lf.hu.txt"])
        .output()
        .expect("runs");
    let b = w
        .tandem()
        .args(["split", "crlf.hu.txt"])
        .output()
        .expect("runs");
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn lookalike_letters_are_folded() {
    let w = Workdir::new();
    w.write("o.hu.txt", "Õ is tõle kérte a fût.\n");
    w.tandem()
        .args(["split", "o.hu.txt"])
        .assert()
        .success()
        .stdout("Ő is tőle kérte a fűt.\n");
}

#[test]
fn swapped_languages_warn_and_strict_refuses() {
    let w = Workdir::new();
    w.write("a.hu.txt", EN);
    w.write("a.en.txt", HU);
    w.tandem()
        .args(["align", "a.hu.txt", "a.en.txt", "--format", "vecalign"])
        .assert()
        .success()
        .stderr(contains("expected hu but").and(contains("expected en but")));
    w.tandem()
        .args([
            "align", "a.hu.txt", "a.en.txt", "--format", "vecalign", "--strict",
        ])
        .assert()
        .code(2)
        .stderr(contains("a.hu.txt: expected hu"));
}

#[test]
fn existing_output_is_not_overwritten_without_force() {
    let w = Workdir::new();
    w.write("a.hu.txt", HU);
    w.write("a.en.txt", EN);
    w.write("out.json", "my notes");
    w.tandem()
        .args(["align", "a.hu.txt", "a.en.txt", "-o", "out.json"])
        .assert()
        .code(2)
        .stderr(contains(
            "'out.json' already exists and was not written by tandem; pass --force",
        ));
    assert_eq!(w.read("out.json"), b"my notes");
    w.tandem()
        .args(["align", "a.hu.txt", "a.en.txt", "-o", "out.json", "--force"])
        .assert()
        .success();
    // tandem's own alignment file may be replaced.
    w.tandem()
        .args(["align", "a.hu.txt", "a.en.txt", "-o", "out.json"])
        .assert()
        .success();
    assert!(String::from_utf8(w.read("out.json"))
        .expect("utf8")
        .contains(tandem::alignment::SCHEMA));
}

#[test]
fn output_never_replaces_an_input() {
    let w = Workdir::new();
    w.write("a.hu.txt", HU);
    w.write("a.en.txt", EN);
    w.tandem()
        .args(["align", "a.hu.txt", "a.en.txt", "-o", "a.en.txt", "--force"])
        .assert()
        .code(2)
        .stderr(contains("is an input of this command"));
    assert_eq!(w.read("a.en.txt"), EN.as_bytes());
}

#[test]
fn broken_pipe_is_not_an_error() {
    let w = Workdir::new();
    let big: String = (0..20000).map(|i| format!("Ez a {i}. mondat. ")).collect();
    w.write("big.hu.txt", big);
    let out = std::process::Command::new("bash")
        .current_dir(w.path())
        .arg("-c")
        .arg(format!(
            "{} split big.hu.txt | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
            env!("CARGO_BIN_EXE_tandem")
        ))
        .output()
        .expect("bash");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
}

/// `tandem -v align … 2>&1 | head -2` panicked on the third note (exit 101) and wrote no
/// alignment: a reader of stderr that goes away must not stop the work.
#[test]
fn closed_stderr_does_not_stop_the_work() {
    let w = Workdir::new();
    w.copy_from_repo("originals/udhr.hu.txt");
    w.copy_from_repo("translations/udhr.en.txt");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tandem"))
        .current_dir(w.path())
        .args([
            "-v",
            "align",
            "originals/udhr.hu.txt",
            "translations/udhr.en.txt",
        ])
        .args(["-o", "udhr.json"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tandem");
    // Close the only read end of stderr: every write to it now fails (EPIPE).
    drop(child.stderr.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
    assert!(w.path().join("udhr.json").is_file());
}

/// A first `tandem align originals/x.hu.txt translations/x.en.txt` in a fresh corpus
/// (no `alignments/` yet) failed with "its folder does not exist", where `--all` makes it.
#[test]
fn single_pair_makes_the_corpus_alignments_folder() {
    let w = Workdir::new();
    w.copy_from_repo("originals/udhr.hu.txt");
    w.copy_from_repo("translations/udhr.en.txt");
    w.tandem()
        .args(["align", "originals/udhr.hu.txt", "translations/udhr.en.txt"])
        .assert()
        .success();
    assert!(w.path().join("alignments/udhr.json").is_file());
    // An explicit -o folder must still exist.
    w.tandem()
        .args(["align", "originals/udhr.hu.txt", "translations/udhr.en.txt"])
        .args(["-o", "no/such/a.json"])
        .assert()
        .code(2)
        .stderr(contains("its folder does not exist"));
}

#[test]
fn main_job_aligns_the_bundled_corpus() {
    let w = Workdir::new();
    w.copy_all_from_repo(&[
        "originals/beck-1963-01-28.hu.txt",
        "originals/beck-1963-01-28.toml",
        "translations/beck-1963-01-28.en.txt",
        "originals/udhr.hu.txt",
        "translations/udhr.en.txt",
    ]);
    w.tandem()
        .args(["align", "--all"])
        .assert()
        .success()
        .stdout(
            contains("beck-1963-01-28")
                .and(contains("udhr"))
                .and(contains("aligned")),
        );
    assert!(w.path().join("alignments/udhr.json").is_file());
    // A second run finds everything up to date.
    w.tandem()
        .args(["align", "--all"])
        .assert()
        .success()
        .stdout(contains("up to date"));
    let _ = repo();
}
