//! `tandem fix` through the binary: confirm, refuse, replace, remove, undo, list, and
//! fixes kept by `tandem align` (issue 14).

use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;
use tandem::alignment::AlignmentFile;

use crate::common::{Workdir, BECK};

/// A work folder with the seed report aligned (its sidecar left out, so that no fixes
/// come with it).
fn aligned_beck() -> Workdir {
    let wd = Workdir::new();
    wd.copy_from_repo("originals/beck-1963-01-28.hu.txt");
    wd.copy_from_repo("translations/beck-1963-01-28.en.txt");
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    wd.tandem().args(["align", "--all"]).assert().success();
    wd
}

fn file(wd: &Workdir) -> AlignmentFile {
    AlignmentFile::from_json(
        &String::from_utf8(wd.read(BECK)).expect("UTF-8"),
        std::path::Path::new(BECK),
    )
    .expect("valid alignment")
}

fn beads(wd: &Workdir) -> Vec<(Vec<usize>, Vec<usize>, bool)> {
    file(wd)
        .beads
        .into_iter()
        .map(|b| (b.src, b.tgt, b.fixed))
        .collect()
}

#[test]
fn a_fix_is_kept_refused_when_it_overlaps_replaced_removed_and_undone() {
    let wd = aligned_beck();
    let start = wd.read(BECK);
    wd.tandem()
        .args([
            "fix",
            BECK,
            "--src",
            "p8.s3..p8.s4",
            "--tgt",
            "p8.s4",
            "--note",
            "header",
        ])
        .assert()
        .success()
        .stdout(contains("added fix #1 p8.s3–s4 ↔ p8.s4 (2-1) – header"))
        .stdout(contains("+ p8.s2 ↔ p8.s2–s3"));
    let after_fix = wd.read(BECK);
    assert!(beads(&wd).contains(&(vec![11, 12], vec![11], true)));
    // An overlapping fix: exit 2, one error line naming the file and the way out,
    // nothing written.
    wd.tandem()
        .args(["fix", BECK, "--src", "p8.s4", "--tgt", "p8.s4"])
        .assert()
        .code(2)
        .stderr(contains("overlaps fix #1"))
        .stderr(contains("--replace"))
        .stderr(contains(BECK));
    assert_eq!(wd.read(BECK), after_fix);
    wd.tandem()
        .args(["fix", BECK, "--src", "p8.s4", "--tgt", "p8.s4", "--replace"])
        .assert()
        .success()
        .stdout(contains("replaced fix #1 p8.s3–s4 ↔ p8.s4 (2-1)"));
    wd.tandem()
        .args(["fix", BECK, "--list"])
        .assert()
        .success()
        .stdout(contains("#2"))
        .stdout(contains("1 fix(es)"));
    wd.tandem()
        .args(["fix", BECK, "--remove", "#2"])
        .assert()
        .success();
    assert!(file(&wd).fixes.is_empty());
    // Undo the removal and the replacement: back to the first fix, byte for byte in
    // the beads and fixes.
    wd.tandem().args(["fix", BECK, "--undo"]).assert().success();
    wd.tandem().args(["fix", BECK, "--undo"]).assert().success();
    let (a, b) = (
        file(&wd),
        AlignmentFile::from_json(
            &String::from_utf8(after_fix).expect("UTF-8"),
            std::path::Path::new(BECK),
        )
        .expect("valid"),
    );
    assert_eq!((a.beads, a.fixes), (b.beads, b.fixes));
    wd.tandem().args(["fix", BECK, "--undo"]).assert().success();
    assert!(
        wd.read(BECK) == start,
        "undoing every fix should give the file back as it was"
    );
    wd.tandem()
        .args(["fix", BECK, "--undo"])
        .assert()
        .code(2)
        .stderr(contains("nothing to undo"));
}

/// A fix and its undo give the file back byte for byte: the numbers read back from the
/// file are the numbers written (serde_json's `float_roundtrip`; without it the UDHR's
/// learned length variance came back one unit of the last place off).
#[test]
fn a_fix_and_its_undo_give_the_file_back_byte_for_byte() {
    let wd = Workdir::new();
    wd.copy_from_repo("originals/udhr.hu.txt");
    wd.copy_from_repo("translations/udhr.en.txt");
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    wd.tandem().args(["align", "--all"]).assert().success();
    let udhr = "alignments/udhr.json";
    let start = wd.read(udhr);
    wd.tandem()
        .args(["fix", udhr, "--src", "p3.s1", "--tgt", "p3.s1..p4.s1"])
        .assert()
        .success();
    assert!(wd.read(udhr) != start);
    wd.tandem().args(["fix", udhr, "--undo"]).assert().success();
    assert!(
        wd.read(udhr) == start,
        "fix and undo should give the file back as it was"
    );
}

#[test]
fn bad_ranges_are_one_line_errors() {
    let wd = aligned_beck();
    let before = wd.read(BECK);
    for (src, tgt, says) in [
        ("p99.s1", "p1.s1", "no sentence p99.s1"),
        ("p2.s1..p1.s1", "p1.s1", "backwards"),
        ("none", "none", "at least one side"),
        ("x", "p1.s1", "not a locator"),
    ] {
        let out = wd
            .tandem()
            .args(["fix", BECK, "--src", src, "--tgt", tgt])
            .assert()
            .code(2)
            .stderr(contains(says))
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{stderr}"
        );
    }
    wd.tandem()
        .args(["fix", BECK, "--src", "p1.s1"])
        .assert()
        .code(2);
    wd.tandem()
        .args(["fix", BECK, "--remove", "p5.s1"])
        .assert()
        .code(2)
        .stderr(contains("no fix holds p5.s1"));
    assert_eq!(wd.read(BECK), before);
}

/// `show` prints a translated sentence with no original as `+p10.s1`; `--tgt +p10.s1`
/// copied from it was refused as "not a locator".
#[test]
fn tgt_takes_the_locators_show_prints_for_added_sentences() {
    let wd = aligned_beck();
    wd.tandem()
        .args(["fix", BECK, "--src", "p8.s3..p8.s4", "--tgt", "+p8.s4"])
        .assert()
        .success();
    assert!(beads(&wd).contains(&(vec![11, 12], vec![11], true)));
    wd.tandem()
        .args(["fix", BECK, "--src", "none", "--tgt", "+p8.s2..+p8.s3"])
        .assert()
        .success();
    assert!(beads(&wd).contains(&(vec![], vec![9, 10], true)));
}

#[test]
fn json_output_lists_the_changed_beads() {
    let wd = aligned_beck();
    let out = wd
        .tandem()
        .args([
            "fix", BECK, "--src", "p11.s2", "--tgt", "none", "--format", "json",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["schema"], "tandem-fix/1");
    assert_eq!(v["action"], "fix");
    assert_eq!(v["changed"]["added"][0]["src"], serde_json::json!([19]));
    assert!(v["changed"]["after"]
        .as_array()
        .expect("beads")
        .iter()
        .any(|b| b["type"] == "1-0" && b["fixed"] == true));
    let out = wd
        .tandem()
        .args(["fix", BECK, "--list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["fixes"].as_array().map(Vec::len), Some(1));
}

/// The text of a file of the work folder with `from` replaced by `to` (once).
fn edit(wd: &Workdir, name: &str, from: &str, to: &str) {
    let text = String::from_utf8(wd.read(name)).expect("UTF-8");
    assert!(text.contains(from), "{name} has no {from:?}");
    wd.write(name, text.replacen(from, to, 1));
}

#[test]
fn align_keeps_fixes_through_text_edits_and_discards_them_on_purpose() {
    let wd = aligned_beck();
    wd.tandem()
        .args(["fix", BECK, "--src", "p8.s3..p8.s4", "--tgt", "p8.s4"])
        .assert()
        .success();
    wd.tandem()
        .args(["fix", BECK, "--src", "p11.s2", "--tgt", "none"])
        .assert()
        .success();
    // --force re-aligns, and keeps both.
    wd.tandem()
        .args(["align", "--all", "--force"])
        .assert()
        .success()
        .stdout(contains("(2 confirmed by fixes)"));
    assert_eq!(file(&wd).fixes.len(), 2);
    // A sentence added to the original before paragraph 8: both fixes move with their
    // sentences.
    edit(
        &wd,
        "originals/beck-1963-01-28.hu.txt",
        "A válság és annak megoldása azonban",
        "Ez egy új mondat. A válság és annak megoldása azonban",
    );
    wd.tandem().args(["align", "--all"]).assert().success();
    let f = file(&wd);
    assert_eq!(f.fixes.len(), 2);
    assert!(f.fixes.iter().all(|x| x.orphan.is_none()));
    assert!(f
        .beads
        .iter()
        .any(|b| b.fixed && b.src == vec![12, 13] && b.tgt == vec![11]));
    // The fixed sentence itself edited: that fix becomes an orphan, named, and kept.
    edit(
        &wd,
        "originals/beck-1963-01-28.hu.txt",
        "Csak néhány jelenséget szeretnék",
        "Csupán néhány jelenséget szeretnék",
    );
    wd.tandem()
        .args(["align", "--all"])
        .assert()
        .success()
        .stderr(contains(
            "fix #1 (p8.s4–s5 ↔ p8.s4) no longer fits the texts",
        ))
        .stderr(contains("kept as an orphan"));
    let f = file(&wd);
    assert_eq!(f.fixes.len(), 2);
    assert!(f.fixes[0]
        .orphan
        .as_deref()
        .is_some_and(|o| o.contains("changed")));
    wd.tandem()
        .args(["fix", BECK, "--list"])
        .assert()
        .success()
        .stdout(contains("ORPHAN"));
    // Starting over drops them, on purpose only.
    wd.tandem()
        .args(["align", "--all", "--force", "--discard-fixes"])
        .assert()
        .success();
    assert!(file(&wd).fixes.is_empty());
}

#[test]
fn align_all_realigns_when_options_change() {
    let wd = aligned_beck();
    wd.tandem()
        .args(["align", "--all"])
        .assert()
        .success()
        .stdout(contains("up to date"));
    wd.tandem()
        .args(["align", "--all", "--no-realign"])
        .assert()
        .success()
        .stdout(contains("aligned"))
        .stdout(contains("up to date").not());
    assert!(file(&wd).options.is_some_and(|o| !o.realign));
    let dic = wd.write("extra.dic", "phenomena @ jelenség\n");
    let dic = dic.to_string_lossy().into_owned();
    wd.tandem()
        .args(["align", "--all", "--no-realign", "--dict", &dic])
        .assert()
        .success()
        .stdout(contains("up to date").not());
    wd.tandem()
        .args(["align", "--all", "--no-realign", "--dict", &dic])
        .assert()
        .success()
        .stdout(contains("up to date"));
    wd.write("extra.dic", "phenomena @ jelenségek\n");
    wd.tandem()
        .args(["align", "--all", "--no-realign", "--dict", &dic])
        .assert()
        .success()
        .stdout(contains("up to date").not());
}

#[test]
fn the_bundled_seed_report_ships_with_its_documented_beads() {
    let wd = Workdir::new();
    wd.copy_all_from_repo(&[
        "originals/beck-1963-01-28.hu.txt",
        "originals/beck-1963-01-28.toml",
        "translations/beck-1963-01-28.en.txt",
    ]);
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    wd.tandem().args(["align", "--all"]).assert().success();
    let f = file(&wd);
    assert_eq!(f.fixes.len(), 5, "the five places of the header");
    wd.tandem()
        .args(["cite", "I would like to mention only a few phenomena"])
        .assert()
        .success()
        .stdout(contains(
            "Csak néhány jelenséget szeretnék megemlíteni. A gazdasági",
        ))
        .stdout(contains("hu p8.s3 p8.s4 = en p8.s4"));
}

/// The sidecar's fixes name sentences of the pair's own translation by locator: on a
/// revision (which numbers its sentences differently) or on the original given twice
/// they would confirm sentences they never named, so they are not applied, and
/// `align` says so.
#[test]
fn sidecar_fixes_apply_to_the_pairs_own_translation_only() {
    let wd = Workdir::new();
    wd.copy_all_from_repo(&[
        "originals/beck-1963-01-28.hu.txt",
        "originals/beck-1963-01-28.toml",
        "translations/beck-1963-01-28.en.txt",
        "translations/beck-1963-01-28.en.rev2.txt",
    ]);
    let hu = "originals/beck-1963-01-28.hu.txt";
    for (tgt, out) in [
        ("translations/beck-1963-01-28.en.rev2.txt", "rev2.json"),
        (hu, "same.json"),
    ] {
        wd.tandem()
            .args(["align", hu, tgt, "-o", out])
            .assert()
            .success()
            .stderr(contains(
                "its 5 fix(es) name sentences of the pair's own translation",
            ))
            .stderr(contains("not applied"));
        let f: AlignmentFile = serde_json::from_slice(&wd.read(out)).expect("alignment");
        assert!(f.fixes.is_empty(), "{out}: {:?}", f.fixes);
        assert!(f.beads.iter().all(|b| !b.fixed), "{out}");
    }
    wd.tandem()
        .args(["align", hu, hu, "-o", "again.json"])
        .assert()
        .success()
        .stderr(contains("hold the same text"));
    wd.tandem()
        .args([
            "align",
            hu,
            "translations/beck-1963-01-28.en.txt",
            "-o",
            "pair.json",
        ])
        .assert()
        .success()
        .stderr(contains("not applied").not());
    let f: AlignmentFile = serde_json::from_slice(&wd.read("pair.json")).expect("alignment");
    assert_eq!(f.fixes.len(), 5);
}
