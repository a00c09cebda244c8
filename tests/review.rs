//! Review: `show`, `check` and `export` on the bundled corpus (issue 5).

use predicates::str::contains;
use serde_json::Value;
use tandem::alignment::AlignmentFile;

use crate::common::{aligned_beck, stdout, Workdir, BECK};

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

/// The id of the first source sentence starting with `prefix`.
fn source_locator(file: &AlignmentFile, prefix: &str) -> String {
    file.source
        .sentences
        .iter()
        .find(|s| s.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no source sentence starts with {prefix:?}"))
        .id
        .to_string()
}

#[test]
fn check_finds_exactly_the_planted_problems() {
    let wd = Workdir::new();
    wd.copy_from_repo("originals/beck-1963-01-28.hu.txt");
    let en =
        std::fs::read_to_string(crate::common::repo().join("translations/beck-1963-01-28.en.txt"))
            .expect("bundled translation");
    let planted = [
        // 1. a sentence deleted
        (
            "The leaders are aware of this and, even if in a wavy line, they are leading the country in the direction to become a real and organic part of the socialist camp. ",
            "",
        ),
        // 2. a number changed
        ("Havana, 28 January 1963", "Havana, 28 January 1964"),
        // 3. a name dropped
        ("mainly and first of all, the Soviet Union, revolutionary", "mainly and first of all, revolutionary"),
        // 4. a sentence left in Hungarian
        (
            "Since the crisis Cuban leaders at all levels have avoided us and the delegations arriving from the socialist countries.",
            "A válság óta a kubai vezetők minden szinten kerülnek bennünket és a szocialista országokból érkező küldöttségeket.",
        ),
    ];
    let mut text = en;
    for (from, to) in planted {
        // The last occurrence: the file's `#` header quotes some of these phrases.
        let at = text
            .rfind(from)
            .unwrap_or_else(|| panic!("translation changed upstream: {from:?}"));
        text.replace_range(at..at + from.len(), to);
    }
    wd.write("translations/beck-1963-01-28.en.txt", text);
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    wd.tandem()
        .args([
            "align",
            "originals/beck-1963-01-28.hu.txt",
            "translations/beck-1963-01-28.en.txt",
        ])
        .assert()
        .success();
    let file = AlignmentFile::read(&wd.path().join(BECK)).expect("alignment");
    let report = json(stdout(&wd, &["check", BECK, "--format", "json"]).as_bytes());
    let mut found: Vec<(String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            matches!(
                f["kind"].as_str(),
                Some("omission" | "number-mismatch" | "name-mismatch" | "untranslated")
            )
        })
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or_default().to_string(),
                f["locator"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    let mut expected = vec![
        (
            "omission".to_string(),
            source_locator(&file, "Ezzel a vezetők tisztában"),
        ),
        (
            "number-mismatch".to_string(),
            source_locator(&file, "Havanna, 1963."),
        ),
        (
            "name-mismatch".to_string(),
            source_locator(&file, "A fő tény azonban"),
        ),
        (
            "untranslated".to_string(),
            source_locator(&file, "A válság óta a kubai vezetők"),
        ),
    ];
    expected.sort();
    assert_eq!(found, expected, "report: {report:#}");
    // The unmodified pair has none of these problems.
    let clean = aligned_beck();
    let report = json(stdout(&clean, &["check", BECK, "--format", "json"]).as_bytes());
    assert_eq!(report["findings"], Value::Array(vec![]), "{report:#}");
}

#[test]
fn check_of_two_texts_names_the_pair_as_align_would() {
    // `steinbeck/hu.txt` is the pair `steinbeck` for `align`; the report said ": no findings".
    let wd = Workdir::new();
    wd.write(
        "report/hu.txt",
        "A koncert hétfőn kezdődik.\nA jegyek ára 4500 forint.\n",
    );
    wd.write(
        "report/en.txt",
        "The concert starts on Monday.\nTickets cost 4,500 forints.\n",
    );
    let out = stdout(
        &wd,
        &["check", "--presplit", "report/hu.txt", "report/en.txt"],
    );
    assert!(out.starts_with("report: no findings\n"), "{out}");
    assert!(out.contains("\nreport: 0 findings, 2 beads"), "{out}");
}

#[test]
fn check_aligns_two_texts_and_gates_ci_with_exit_codes() {
    let wd = Workdir::new();
    wd.copy_from_repo("originals/udhr.hu.txt");
    wd.copy_from_repo("translations/udhr.en.txt");
    let texts = ["originals/udhr.hu.txt", "translations/udhr.en.txt"];
    let out = stdout(&wd, &["check", texts[0], texts[1], "--width", "100"]);
    assert!(out.contains("│ kind"), "{out}");
    assert!(out.contains("findings, 102 beads"), "{out}");
    // An addition is found in udhr (the preamble's "Now, therefore,").
    wd.tandem()
        .args(["check", texts[0], texts[1], "--fail-on", "addition"])
        .assert()
        .code(1);
    wd.tandem()
        .args([
            "check",
            texts[0],
            texts[1],
            "--fail-on",
            "untranslated,duplicate",
        ])
        .assert()
        .code(0);
    // Severities: the texts differ in article 23 (warnings), nothing is surely wrong.
    wd.tandem()
        .args(["check", texts[0], texts[1], "--fail-on", "error"])
        .assert()
        .code(0);
    wd.tandem()
        .args(["check", texts[0], texts[1], "--fail-on", "warning"])
        .assert()
        .code(1);
    wd.tandem()
        .args(["check", texts[0], texts[1], "--max-findings", "0"])
        .assert()
        .code(1);
    wd.tandem()
        .args(["check", texts[0], texts[1], "--fail-on", "typo"])
        .assert()
        .code(2)
        .stderr(contains("unknown severity or finding kind 'typo'"));
    let tsv = stdout(&wd, &["check", texts[0], texts[1], "--format", "tsv"]);
    assert!(tsv.starts_with("severity\tkind\tlocator\tside\tbead\tsrc\ttgt\treason\n"));
    assert!(
        tsv.contains("warning\taddition\tp10.s1\ttarget\t9\t\t9\t"),
        "{tsv}"
    );
}

#[test]
fn check_refuses_stale_alignments_and_text_given_as_alignment() {
    let wd = aligned_beck();
    wd.write("translations/beck-1963-01-28.en.txt", "Changed.\n");
    wd.tandem()
        .args(["check", BECK])
        .assert()
        .code(2)
        .stderr(contains("--allow-stale"));
    wd.tandem()
        .args(["check", BECK, "--allow-stale"])
        .assert()
        .success();
    wd.tandem()
        .args(["check", "translations/beck-1963-01-28.en.txt"])
        .assert()
        .code(2)
        .stderr(contains("is a text, not an alignment"));
    // Two alignment files, or an alignment and a text: said plainly, exit 2.
    std::fs::copy(wd.path().join(BECK), wd.path().join("other.json")).expect("copy");
    wd.tandem()
        .args(["check", BECK, "other.json", "--allow-stale"])
        .assert()
        .code(2)
        .stderr(contains("are both alignment files"));
    wd.tandem()
        .args(["check", BECK, "translations/beck-1963-01-28.en.txt"])
        .assert()
        .code(2)
        .stderr(contains("is an alignment file; give it alone"));
}

#[test]
fn show_fits_the_width_and_filters() {
    let wd = aligned_beck();
    let out = stdout(&wd, &["show", BECK, "--width", "90"]);
    for line in out.lines() {
        assert!(line.chars().count() <= 90, "line too wide: {line}");
    }
    assert!(out.contains("p7.s2–s3"), "multi-sentence locator: {out}");
    assert!(!out.contains('\u{1b}'), "no colour when piped");
    let cols = wd
        .tandem()
        .env("COLUMNS", "70")
        .args(["show", BECK])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let cols = String::from_utf8(cols).expect("UTF-8");
    assert!(cols.lines().all(|l| l.chars().count() <= 70), "{cols}");
    let ranged = json(
        stdout(
            &wd,
            &["show", BECK, "--range", "p9..p10", "--format", "json"],
        )
        .as_bytes(),
    );
    assert_eq!(ranged["schema"], "tandem-show/1");
    let locs: Vec<&str> = ranged["beads"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["locator"].as_str())
        .collect();
    assert_eq!(locs, ["p9.s1", "p9.s2", "p10.s1", "p10.s2–s3"]);
    let flagged = stdout(&wd, &["show", BECK, "--only-flagged", "--format", "tsv"]);
    assert_eq!(flagged.lines().count(), 1, "clean document: header only");
    wd.tandem()
        .args(["show", BECK, "--range", "q3"])
        .assert()
        .code(2)
        .stderr(contains("--range"));
    let colored = wd
        .tandem()
        .env_remove("NO_COLOR")
        .args(["--color", "always", "show", BECK, "--only-flagged"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!colored.is_empty());
}

/// A work directory with `a.hu.txt` and `a.en.txt` aligned into `a.json`.
fn aligned_pair(hu: &str, en: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("a.hu.txt", hu);
    wd.write("a.en.txt", en);
    wd.tandem()
        .args(["align", "a.hu.txt", "a.en.txt", "-o", "a.json"])
        .assert()
        .success();
    wd
}

/// `show` broke the flag `number-mismatch` over two lines (`number-mismatc` / `h`) in its
/// flags column, and `show --order risk` in its `why` column.
#[test]
fn show_keeps_flag_names_whole() {
    let wd = aligned_pair(
        "A jelentés 1963. január 28-án készült Havannában.\n\nA követség 12 munkatársa olvasta.\n",
        "The report was written in Havana on 28 January 1964.\n\nTwelve members of the embassy read it.\n",
    );
    for order in ["text", "risk"] {
        let out = stdout(&wd, &["show", "a.json", "--order", order, "--width", "100"]);
        assert!(out.contains("number-mismatch"), "{order}: {out}");
    }
}

#[test]
fn show_markdown_is_one_valid_row_per_bead() {
    let wd = aligned_pair(
        "Az a | b kérdés?\n\nMásodik bekezdés itt.\n",
        "The a | b question?\n\nSecond paragraph here.\n",
    );
    let md = stdout(&wd, &["show", "a.json", "--format", "markdown"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), 2 + 2, "{md}");
    assert_eq!(lines[1], "|---|---|---|---|---:|---|");
    assert!(lines[2].contains("Az a \\| b kérdés?"), "{md}");
    for l in &lines {
        // Unescaped pipes delimit exactly six cells.
        let cells = l.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{l}");
    }
}

#[test]
fn steinbeck_gold_alignment_checks_quickly() {
    let wd = Workdir::new();
    if crate::common::align_steinbeck(&wd, "st.json").is_none() {
        return;
    }
    let report = json(stdout(&wd, &["check", "st.json", "--format", "json"]).as_bytes());
    let counts = &report["summary"]["counts"];
    let severities = &report["summary"]["severities"];
    assert_eq!(report["schema"], "tandem-check/1");
    // A published translation: nothing untranslated, few sure problems.
    assert_eq!(counts["untranslated"], 0, "{counts}");
    assert!(
        severities["error"].as_u64().unwrap_or(999) <= 30,
        "{severities}"
    );
}

/// `show --limit N` keeps the first N beads of the order asked for (the riskiest with
/// `--order risk`), in every format, and says on stderr how many it left out.
#[test]
fn show_limit_keeps_the_first_beads_of_the_order() {
    let wd = aligned_pair(
        "A jelentés 1963. január 28-án készült Havannában.\n\nA követség 12 munkatársa olvasta.\n\nHárom napig esett az eső.\n",
        "The report was written in Havana on 28 January 1964.\n\nTwelve members of the embassy read it.\n\nIt rained for three days.\n",
    );
    let all = json(
        stdout(
            &wd,
            &["show", "a.json", "--order", "risk", "--format", "json"],
        )
        .as_bytes(),
    );
    let all = all["beads"].as_array().cloned().unwrap_or_default();
    assert_eq!(all.len(), 3);
    let out = wd
        .tandem()
        .args([
            "show", "a.json", "--order", "risk", "--format", "json", "--limit", "1",
        ])
        .assert()
        .success();
    let output = out.get_output();
    let first = json(&output.stdout);
    assert_eq!(first["beads"].as_array().map(Vec::len), Some(1));
    // The riskiest bead: the one whose year differs.
    assert_eq!(first["beads"][0], all[0]);
    assert!(
        all[0]["flags"].to_string().contains("number-mismatch"),
        "{}",
        all[0]
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("showing 1 of 3 beads"), "{err}");
    // A limit past the number of beads changes nothing and says nothing.
    let out = wd
        .tandem()
        .args(["show", "a.json", "--format", "tsv", "--limit", "10"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .count(),
        1 + 3
    );
    assert!(out.get_output().stderr.is_empty());
}
