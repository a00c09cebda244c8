//! `tandem diff` (issue 6): revisions made by known edits of real texts must be reported
//! as exactly those kinds, at those places, and nothing else.

use predicates::str::contains;
use serde_json::Value;

use crate::common::{repo, Workdir};

/// (kind, old locators, new locators) of every change in a JSON report.
fn changes(json: &[u8]) -> Vec<(String, Vec<String>, Vec<String>)> {
    let report: Value = serde_json::from_slice(json).expect("diff JSON");
    let locs = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("locator list")
            .iter()
            .map(|l| l.as_str().expect("locator").to_string())
            .collect()
    };
    report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().expect("kind").to_string(),
                locs(&c["old"]),
                locs(&c["new"]),
            )
        })
        .collect()
}

fn change(kind: &str, old: &[&str], new: &[&str]) -> (String, Vec<String>, Vec<String>) {
    (
        kind.to_string(),
        old.iter().map(|s| s.to_string()).collect(),
        new.iter().map(|s| s.to_string()).collect(),
    )
}

/// Apply one textual edit, checking that it applies exactly once.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "edit anchor not unique: {from}"
    );
    text.replacen(from, to, 1)
}

/// The UDHR English text with eight known edits, one of each kind.
fn udhr_revision() -> String {
    let base = std::fs::read_to_string(repo().join("translations/udhr.en.txt")).expect("udhr");
    let mut t = base.clone();
    // reword: p14.s2
    t = edit(
        &t,
        "should act towards one another in a spirit of brotherhood.",
        "ought to treat one another in a spirit of brotherhood.",
    );
    // split: p56.s1 becomes two sentences
    t = edit(
        &t,
        "conscience and religion; this right includes",
        "conscience and religion. This right includes",
    );
    // merge: p79.s2 + p79.s3
    t = edit(
        &t,
        "fundamental stages. Elementary education shall be compulsory.",
        "fundamental stages, and elementary education shall be compulsory.",
    );
    // delete: p77.s2
    t = edit(
        &t,
        " All children, whether born in or out of wedlock, shall enjoy the same social protection.",
        "",
    );
    // insert: after p38.s2
    t = edit(
        &t,
        "against such interference or attacks.",
        "against such interference or attacks. This applies online as well as offline.",
    );
    // punctuation only: p21.s1
    t = edit(&t, "servitude; slavery", "servitude: slavery");
    // whitespace only: p74.s1
    t = edit(
        &t,
        "right to rest and leisure",
        "right to rest  and leisure",
    );
    // move a paragraph: Article 7's text (p27, two sentences) to after Article 9's (p31)
    let p27 = "All are equal before the law and are entitled without any discrimination to equal protection of the law. All are entitled to equal protection against any discrimination in violation of this Declaration and against any incitement to such discrimination.\n\n";
    t = edit(&t, p27, "");
    t = edit(
        &t,
        "No one shall be subjected to arbitrary arrest, detention or exile.\n\n",
        &format!("No one shall be subjected to arbitrary arrest, detention or exile.\n\n{p27}"),
    );
    assert_ne!(t, base);
    t
}

#[test]
fn known_edits_of_a_real_text_are_reported_as_their_kinds_and_nothing_else() {
    let w = Workdir::new();
    w.copy_from_repo("translations/udhr.en.txt");
    w.write("translations/udhr.en.rev1.txt", udhr_revision());
    let out = w
        .tandem()
        .args([
            "diff",
            "translations/udhr.en.txt",
            "translations/udhr.en.rev1.txt",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let got = changes(&out.get_output().stdout);
    let want = vec![
        change("edited", &["p14.s2"], &["p14.s2"]),
        change("punctuation", &["p21.s1"], &["p21.s1"]),
        change("moved", &["p27.s1", "p27.s2"], &["p31.s1", "p31.s2"]),
        change("inserted", &[], &["p38.s3"]),
        change("split", &["p56.s1"], &["p56.s1", "p56.s2"]),
        change("whitespace", &["p74.s1"], &["p74.s1"]),
        change("deleted", &["p77.s2"], &[]),
        change("merged", &["p79.s2", "p79.s3"], &["p79.s2"]),
    ];
    assert_eq!(got, want);
}

#[test]
fn ignore_flags_hide_whitespace_and_punctuation_changes() {
    let w = Workdir::new();
    w.copy_from_repo("translations/udhr.en.txt");
    w.write("translations/udhr.en.rev1.txt", udhr_revision());
    let out = w
        .tandem()
        .args([
            "diff",
            "translations/udhr.en.txt",
            "translations/udhr.en.rev1.txt",
            "--format=json",
            "--ignore-whitespace",
            "--ignore-punctuation",
        ])
        .assert()
        .success();
    let kinds: Vec<String> = changes(&out.get_output().stdout)
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(
        kinds,
        ["edited", "moved", "inserted", "split", "deleted", "merged"]
    );
}

#[test]
fn the_rev2_demo_reports_its_eight_documented_edits() {
    let w = Workdir::new();
    w.copy_all_from_repo(&[
        "originals/beck-1963-01-28.hu.txt",
        "translations/beck-1963-01-28.en.txt",
        "translations/beck-1963-01-28.en.rev2.txt",
    ]);
    let out = w
        .tandem()
        .args([
            "diff",
            "--doc",
            "beck-1963-01-28",
            "--from",
            "en",
            "--to",
            "rev2",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let stdout = out.get_output().stdout.clone();
    let want = vec![
        change("edited", &["p7.s1"], &["p7.s1"]), // E1 by-stander
        change("inserted", &[], &["p7.s2"]),      // E2
        change("edited", &["p8.s1"], &["p8.s1"]), // E3
        change("split", &["p8.s4"], &["p8.s4", "p8.s5"]), // E4
        change("punctuation", &["p9.s1"], &["p9.s1"]), // E5
        change("deleted", &["p9.s2"], &[]),       // E6
        change("merged", &["p10.s1", "p10.s2"], &["p10.s1"]), // E7
        change("edited", &["p11.s2"], &["p11.s2"]), // E8
    ];
    assert_eq!(changes(&stdout), want);
    let report: Value = serde_json::from_slice(&stdout).expect("json");
    // The original was used automatically: every change names Hungarian sentences, and
    // the rows show the Hungarian text.
    assert_eq!(report["original_file"], "originals/beck-1963-01-28.hu.txt");
    assert!(report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .all(|c| !c["original"].as_array().expect("original").is_empty()));
    assert!(report["rows"][0]["original_text"]
        .as_str()
        .expect("text")
        .contains("kívülálló"));
    let ops = &report["changes"][0]["ops"];
    assert_eq!(ops[1]["op"], "delete");
    assert_eq!(ops[1]["text"], "by-stander");
    assert_eq!(ops[2]["op"], "insert");
    assert_eq!(ops[2]["text"], "bystander");
    let summary = &report["summary"];
    assert_eq!(summary["added"], 1);
    assert_eq!(summary["removed"], 1);
    assert_eq!(summary["changed"], 7);
}

#[test]
fn unified_table_and_html_show_word_changes() {
    let w = Workdir::new();
    w.copy_from_repo("translations/beck-1963-01-28.en.txt");
    w.copy_from_repo("translations/beck-1963-01-28.en.rev2.txt");
    let args = [
        "diff",
        "translations/beck-1963-01-28.en.txt",
        "translations/beck-1963-01-28.en.rev2.txt",
    ];
    w.tandem()
        .args(args)
        .args(["--format", "unified"])
        .assert()
        .success()
        .stdout(contains("[-by-stander-]{+bystander+}"))
        .stdout(contains("@@ split p8.s4 -> p8.s4-p8.s5"))
        .stdout(contains("@@ inserted -> p7.s2"));
    // Piped table: plain markers, no escape codes, fitted to the width.
    let out = w
        .tandem()
        .args(args)
        .args(["--width", "80"])
        .assert()
        .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).expect("utf8");
    assert!(table.contains("[-by-stander-]"), "{table}");
    assert!(!table.contains('\u{1b}'));
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    assert!(table.contains("1 added, 1 removed"));
    // Forced colour: escape codes instead of markers.
    let out = w
        .tandem()
        .args(args)
        .args(["--color", "always"])
        .assert()
        .success();
    let coloured = String::from_utf8(out.get_output().stdout.clone()).expect("utf8");
    assert!(coloured.contains('\u{1b}') && !coloured.contains("[-by-stander-]"));
    // HTML: one self-contained page to a file.
    w.tandem()
        .args(args)
        .args(["--format", "html", "-o", "diff.html"])
        .assert()
        .success();
    let html = String::from_utf8(w.read("diff.html")).expect("utf8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<del>by-stander</del>") && html.contains("<ins>bystander</ins>"));
    assert!(!html.contains("<script") && !html.contains("<link"));
    // An existing file is not overwritten without --force.
    w.tandem()
        .args(args)
        .args(["--format", "html", "-o", "diff.html"])
        .assert()
        .code(2)
        .stderr(contains("--force"));
}

#[test]
fn exit_codes() {
    let w = Workdir::new();
    w.copy_from_repo("translations/beck-1963-01-28.en.txt");
    w.copy_from_repo("translations/beck-1963-01-28.en.rev2.txt");
    let (a, b) = (
        "translations/beck-1963-01-28.en.txt",
        "translations/beck-1963-01-28.en.rev2.txt",
    );
    w.tandem()
        .args(["diff", a, b, "--exit-code"])
        .assert()
        .code(1);
    w.tandem().args(["diff", a, b]).assert().code(0);
    w.tandem()
        .args(["diff", a, a, "--exit-code"])
        .assert()
        .code(0)
        .stdout(contains("no differences"));
    w.tandem()
        .args(["diff", a, "missing.en.txt"])
        .assert()
        .code(2)
        .stderr(contains("error: cannot read 'missing.en.txt'"));
}

#[test]
fn corpus_revisions_by_id_and_bad_names() {
    let w = Workdir::new();
    w.copy_all_from_repo(&[
        "originals/beck-1963-01-28.hu.txt",
        "translations/beck-1963-01-28.en.txt",
        "translations/beck-1963-01-28.en.rev2.txt",
    ]);
    w.tandem()
        .args(["diff", "--doc", "beck-1963-01-28", "--to", "rev3"])
        .assert()
        .code(2)
        .stderr(contains("--to rev3"))
        .stderr(contains("base, rev2"));
    w.tandem()
        .args(["diff", "--doc", "nope", "--to", "rev2"])
        .assert()
        .code(2)
        .stderr(contains("originals/nope.hu.txt"));
    w.tandem()
        .args(["diff", "--doc", "beck-1963-01-28"])
        .assert()
        .code(2)
        .stderr(contains("--to"));
    // Without the original: same kinds, no Hungarian.
    let out = w
        .tandem()
        .args([
            "diff",
            "--doc",
            "beck-1963-01-28",
            "--to",
            "rev2",
            "--no-original",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert!(report.get("original_file").is_none());
    assert_eq!(report["changes"].as_array().expect("changes").len(), 8);
}

#[test]
fn presplit_hungarian_revisions_use_line_locators() {
    let w = Workdir::new();
    w.write(
        "a.hu.txt",
        "A válság óta a kubai vezetők kerülnek bennünket.\nHa mégis sor kerül beszélgetésre, az formális és üres.\nBeck János\n",
    );
    w.write(
        "b.hu.txt",
        "A válság óta a kubai vezetők minden szinten kerülnek bennünket.\nHa mégis sor kerül beszélgetésre, az formális, és üres.\nBeck János\n",
    );
    let out = w
        .tandem()
        .args([
            "diff",
            "a.hu.txt",
            "b.hu.txt",
            "--presplit",
            "--format",
            "json",
        ])
        .assert()
        .success();
    assert_eq!(
        changes(&out.get_output().stdout),
        vec![
            change("edited", &["l0"], &["l0"]),
            change("punctuation", &["l1"], &["l1"]),
        ]
    );
}
