//! Machine interfaces (issue 17): standard input (`-`), the JSON Schema of the alignment
//! file, schema tags of the JSON outputs, the man page.

use std::path::Path;

use predicates::str::contains;
use serde_json::Value;

use crate::common::Workdir;
use crate::common::{stdout, BECK};
use crate::export::aligned_corpus;
use crate::export::readers::read_with;

/// Issue 17: `-` reads an alignment (show, check, export), a gold file (eval) or an
/// abbreviation list from standard input; a command never names it twice.
#[test]
fn r17_dash_reads_standard_input_once() {
    let wd = aligned_corpus();
    let json = wd.read(BECK);
    let from_file = stdout(&wd, &["export", BECK, "--format", "vecalign"]);
    for args in [
        vec!["export", "-", "--format", "vecalign"],
        vec!["show", "-", "--format", "tsv"],
        vec!["check", "-", "--format", "json"],
    ] {
        let out = wd
            .tandem()
            .args(&args)
            .write_stdin(json.clone())
            .assert()
            .success()
            .get_output()
            .clone();
        assert!(!out.stdout.is_empty(), "{args:?}");
        if args[0] == "export" {
            assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), from_file);
        }
    }
    wd.write("gold.txt", &from_file);
    wd.tandem()
        .args(["eval", "--gold", "-", BECK, "--format", "json"])
        .write_stdin(from_file.clone())
        .assert()
        .success()
        .stdout(contains("\"f1_strict\": 1.0"));
    wd.write("a.hu.txt", "Az izé. Kovács úr jött.\n");
    wd.tandem()
        .args(["split", "a.hu.txt", "--abbrev", "-"])
        .write_stdin("izé.\n")
        .assert()
        .success()
        .stdout("Az izé. Kovács úr jött.\n");
    for args in [
        vec!["export", "-", "-", "--format", "tmx"],
        vec!["eval", "--gold", "-", "-"],
        vec!["align", "-", "-"],
        vec!["check", "-", "-"],
        vec!["split", "-", "--abbrev", "-"],
    ] {
        wd.tandem()
            .args(&args)
            .write_stdin(json.clone())
            .assert()
            .code(2)
            .stderr(contains("standard input ('-') can be read only once"));
    }
    wd.tandem()
        .args(["export", "-", "--format", "tsv"])
        .write_stdin("{not json")
        .assert()
        .code(2)
        .stderr(contains("'<stdin>' is not a valid tandem alignment file"));
}

/// Issue 17: `tandem schema` prints a JSON Schema generated from the types, and real
/// alignment files (paragraph and presplit locators) validate against it; a broken one
/// does not.
#[test]
fn r17_alignment_files_validate_against_the_schema() {
    let wd = aligned_corpus();
    wd.tandem()
        .args(["schema", "-o", "schema.json"])
        .assert()
        .success();
    let schema: Value = serde_json::from_slice(&wd.read("schema.json")).expect("JSON");
    assert_eq!(
        schema["properties"]["schema"]["const"],
        tandem::alignment::SCHEMA
    );
    wd.write("a.txt", "Egy.\nKettő.\n");
    wd.write("b.txt", "One.\nTwo.\n");
    wd.tandem()
        .args([
            "align",
            "--presplit",
            "a.txt",
            "b.txt",
            "-o",
            "pre.json",
            "--src-lang",
            "hu",
            "--tgt-lang",
            "en",
        ])
        .assert()
        .success();
    let mut broken: Value = serde_json::from_slice(&wd.read(BECK)).expect("JSON");
    broken["beads"][0]["confidence"] = serde_json::json!(1.5);
    broken["source"]["sentences"][0]["id"] = serde_json::json!("p0.s1");
    wd.write("broken.json", serde_json::to_vec(&broken).expect("JSON"));
    for (file, valid) in [
        (BECK, true),
        ("alignments/udhr.json", true),
        ("pre.json", true),
        ("broken.json", false),
    ] {
        let spec = format!(
            "{}:{}",
            wd.path().join("schema.json").display(),
            wd.path().join(file).display()
        );
        let Some(v) = read_with("jsonschema", Path::new(&spec)) else {
            return;
        };
        let errors = v["errors"].as_array().expect("errors");
        assert_eq!(errors.is_empty(), valid, "{file}: {errors:?}");
        if !valid {
            assert_eq!(errors.len(), 2, "{errors:?}");
        }
    }
}

/// Issue 17: the JSON of split, diff, cite and eval names its schema; `eval --json`
/// still works.
#[test]
fn r17_json_outputs_carry_a_schema_tag() {
    let wd = aligned_corpus();
    let tag = |args: &[&str]| -> String {
        let v: Value = serde_json::from_str(&stdout(&wd, args)).expect("JSON");
        v["schema"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(
        tag(&["split", "originals/udhr.hu.txt", "--format", "json"]),
        "tandem-split/1"
    );
    wd.copy_from_repo("translations/beck-1963-01-28.en.rev2.txt");
    assert_eq!(
        tag(&[
            "diff",
            "translations/beck-1963-01-28.en.txt",
            "translations/beck-1963-01-28.en.rev2.txt",
            "--format",
            "json"
        ]),
        "tandem-diff/1"
    );
    assert_eq!(
        tag(&["cite", "--id", "udhr:p1.s1", "--format", "json"]),
        "tandem-cite/1"
    );
    let vec = stdout(&wd, &["export", BECK, "--format", "vecalign"]);
    wd.write("gold.txt", &vec);
    let eval = tag(&["eval", "--gold", "gold.txt", BECK, "--format", "json"]);
    assert_eq!(eval, "tandem-eval/1");
    assert_eq!(
        tag(&["eval", "--gold", "gold.txt", BECK, "--json"]),
        "tandem-eval/1"
    );
    let split: Value = serde_json::from_str(&stdout(
        &wd,
        &["split", "originals/udhr.hu.txt", "--format", "json"],
    ))
    .expect("JSON");
    assert_eq!(split["sentences"][0]["id"], "p1.s1");
    assert_eq!(split["lang"], "hu");
}

/// Issue 17: a man page, from the same definitions as --help.
#[test]
fn r17_man_pages() {
    let wd = Workdir::new();
    let page = stdout(&wd, &["man"]);
    assert!(page.contains(".TH tandem 1"), "{page}");
    assert!(page.contains("export"));
    wd.tandem().args(["man", "--dir", "."]).assert().success();
    let export = String::from_utf8(wd.read("tandem-export.1")).expect("roff");
    assert!(export.contains(".TH tandem-export 1"), "{export}");
    assert!(export.contains("keep\\-unpaired"), "{export}");
    wd.tandem()
        .args(["man", "--dir", "."])
        .assert()
        .code(2)
        .stderr(contains("--force"));
}
