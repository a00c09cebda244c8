//! Exports (issue 17): every format round trips, and is read exactly by the tools its
//! users read it with (Python's csv, pandas, openpyxl, translate-toolkit, lxml with the
//! XLIFF rules, the W3C HTML checker), through `tests/readers/read_export.py`. A reader
//! that is not installed is skipped with a note on stderr (`.ci/run` installs them).

use std::path::Path;

use predicates::str::contains;
use serde_json::Value;
use tandem::alignment::AlignmentFile;
use tandem::export::{csv, index_beads, ladder, tmx, tsv, vecalign, xliff};

use crate::common::{stdout, Workdir, BECK};

/// The exports read by real programs: Python's readers, Chromium, the W3C checker,
/// LibreOffice.
pub(crate) mod readers;

/// A work folder with the bundled corpus aligned into `alignments/`.
pub(crate) fn aligned_corpus() -> Workdir {
    let wd = Workdir::new();
    wd.copy_bundled_corpus();
    wd.tandem().args(["align", "--all"]).assert().success();
    wd
}

/// The bundled corpus with an addition in the UDHR: English p10.s1 ("Now,
/// therefore,") confirmed as a sentence without original, replacing the sidecar's 2-3
/// bead (issue 14). The corpus ships correct, without unpaired beads; these tests need
/// one, as the aligner drew it before the sidecar confirmed the preamble.
fn corpus_with_an_addition() -> Workdir {
    let wd = aligned_corpus();
    wd.tandem()
        .args([
            "fix",
            "alignments/udhr.json",
            "--src",
            "none",
            "--tgt",
            "p10.s1",
            "--replace",
        ])
        .assert()
        .success();
    wd
}

/// A pair whose texts break naive exporters: dialogue quotes and dashes (a sentence
/// `"Stop!` opens a quote it does not close: unquoted, it swallowed the next rows of a
/// TSV in Python's csv and pandas), formula starts, characters XML cannot carry, an
/// omission. Aligned into `h.json`.
fn hostile() -> Workdir {
    let wd = Workdir::new();
    wd.write(
        "h.hu.txt",
        "- Ez a csend! „Igen” – mondta.\n\n„Állj! Menj haza” – mondta a nő.\n\n=HYPERLINK(\"http://x\",\"kattints\") itt áll.\n\n\
         @mindenki figyeljen: +36 1 234 5678.\n\nRossz\u{FFFE}karakter van itt.\n\n\
         Ez kimarad a fordításból teljesen és végleg.\n\nVége.\n",
    );
    wd.write(
        "h.en.txt",
        "\"Silence!\" - he said. \"Yes.\"\n\n\"Stop! Go home,\" she said.\n\n=HYPERLINK(\"http://x\",\"click\") is here.\n\n\
         @everyone listen: +36 1 234 5678.\n\nA bad\u{FFFF}character is here.\n\nThe end.\n",
    );
    wd.tandem()
        .args(["align", "h.hu.txt", "h.en.txt", "-o", "h.json"])
        .assert()
        .success();
    wd
}

fn rows(v: &Value) -> Vec<Vec<String>> {
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("row")
                .iter()
                .map(|c| match c {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn exports_round_trip_to_the_same_beads() {
    let wd = aligned_corpus();
    let file = AlignmentFile::read(&wd.path().join(BECK)).expect("alignment");
    let beads = index_beads(&file);
    let n = file.source.sentences.len();
    let m = file.target.sentences.len();
    for format in ["tsv", "csv", "tmx", "xliff", "xliff2", "ladder", "vecalign"] {
        let out = format!("beck.{format}");
        let mut args = vec!["export", BECK, "--format", format, "-o", &out];
        if matches!(format, "tmx" | "xliff" | "xliff2") {
            args.push("--keep-unpaired");
        }
        wd.tandem().args(&args).assert().success();
        let text = String::from_utf8(wd.read(&out)).expect("UTF-8");
        let p = Path::new(&out);
        let back = match format {
            "tsv" => tsv::parse(&text, p, &file).expect("tsv"),
            "csv" => csv::parse(&text, p, &file).expect("csv"),
            "tmx" => tmx::parse(&text, p, &file).expect("tmx"),
            "xliff" | "xliff2" => xliff::parse(&text, p, &file).expect("xliff"),
            "ladder" => {
                // hunalign's format: every rung, the last too, has three fields.
                assert!(text.lines().all(|l| l.split('\t').count() == 3), "{text}");
                ladder::to_beads(&ladder::parse_rungs(&text, p).expect("ladder"), n, m)
            }
            _ => vecalign::parse(&text, p).expect("vecalign"),
        };
        assert_eq!(back, beads, "{format} round trip");
        // Never overwrite without --force.
        wd.tandem()
            .args(["export", BECK, "--format", format, "-o", &out])
            .assert()
            .code(2)
            .stderr(contains("--force"));
    }
    wd.tandem()
        .args([
            "export", BECK, "--format", "csv", "-o", "beck.csv", "--force",
        ])
        .assert()
        .success();
}

#[test]
fn tmx_is_well_formed_and_has_every_sentence_once() {
    let wd = aligned_corpus();
    let file = AlignmentFile::read(&wd.path().join(BECK)).expect("alignment");
    let text = stdout(&wd, &["export", BECK, "--format", "tmx", "--keep-unpaired"]);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(text.contains("srclang=\"hu-HU\"") && text.contains("creationtool=\"tandem\""));
    let units = tmx::read(&text, Path::new("beck.tmx")).expect("well-formed TMX");
    assert_eq!(units.len(), file.beads.len());
    for (side, rec, lang) in [
        ("x-source-ids", &file.source, "hu-HU"),
        ("x-target-ids", &file.target, "en-GB"),
    ] {
        let ids: Vec<String> = units
            .iter()
            .flat_map(|u| {
                u.prop(side)
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<String> = rec.sentences.iter().map(|s| s.id.to_string()).collect();
        assert_eq!(ids, expected, "{side}: every sentence once, in order");
        let segs: String = units
            .iter()
            .flat_map(|u| {
                u.segs
                    .iter()
                    .filter(|(l, _)| l == lang)
                    .map(|(_, t)| t.clone())
            })
            .collect::<Vec<_>>()
            .join(" ");
        let sentences: String = rec
            .sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(segs, sentences, "{lang} text survives escaping");
        assert!(units
            .iter()
            .all(|u| u.prop("x-doc") == Some("beck-1963-01-28")));
    }
}

/// Issue 17: one memory from several alignments (named, or `--all`), unpaired beads
/// left out and counted, language tags with regions and a flag to set them.
#[test]
fn r17_one_memory_from_several_alignments() {
    let wd = corpus_with_an_addition();
    let files: Vec<AlignmentFile> = ["alignments/beck-1963-01-28.json", "alignments/udhr.json"]
        .iter()
        .map(|p| AlignmentFile::read(&wd.path().join(p)).expect("alignment"))
        .collect();
    let paired: usize = files
        .iter()
        .map(|f| {
            f.beads
                .iter()
                .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
                .count()
        })
        .sum();
    let unpaired: usize = files.iter().map(|f| f.beads.len()).sum::<usize>() - paired;
    assert!(unpaired > 0, "the corpus has omissions or additions");
    wd.write("alignments/notes.json", "{\"mine\": true}");
    let out = wd
        .tandem()
        .args([
            "export",
            "--all",
            "--format",
            "tmx",
            "--target-lang-tag",
            "en-us",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.contains(&format!(
            "{paired} translation unit(s); left out {unpaired} with one side empty (--keep-unpaired keeps them)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("notes.json: skipped: not a tandem alignment file"),
        "{stderr}"
    );
    let units = tmx::read(&text, Path::new("all.tmx")).expect("well-formed");
    assert_eq!(units.len(), paired);
    assert!(units.iter().all(|u| u.segs.len() == 2));
    assert!(text.contains("<tuv xml:lang=\"en-US\">"), "tag normalised");
    for f in &files {
        let doc_units = units
            .iter()
            .filter(|u| u.prop("x-doc") == Some(f.id.as_str()))
            .count();
        assert!(doc_units > 0, "{}", f.id);
    }
    // The same by naming the files; --min-confidence leaves more out.
    let named = stdout(
        &wd,
        &[
            "export",
            "alignments/beck-1963-01-28.json",
            "alignments/udhr.json",
            "--format",
            "tmx",
            "--target-lang-tag",
            "en-US",
        ],
    );
    assert_eq!(named, text);
    wd.tandem()
        .args([
            "export",
            "--all",
            "--format",
            "tmx",
            // The bundled beads are confident since the sidecars confirm the uncertain
            // ones (issue 14): a threshold just below 1 still leaves some out.
            "--min-confidence",
            "0.999",
        ])
        .assert()
        .success()
        .stderr(contains("below --min-confidence 0.999"));
    // XLIFF: one <file> per alignment, the same units.
    for format in ["xliff", "xliff2"] {
        let text = stdout(&wd, &["export", "--all", "--format", format]);
        let units = xliff::read(&text, Path::new("all.xlf")).expect("well-formed");
        assert_eq!(units.len(), paired, "{format}");
        for f in &files {
            assert!(units.iter().any(|u| u.file == f.id), "{format}: {}", f.id);
            assert_eq!(
                xliff::parse(&text, Path::new("all.xlf"), f)
                    .expect("parses")
                    .len(),
                units.iter().filter(|u| u.file == f.id).count()
            );
        }
    }
    // Formats of one alignment refuse several; misplaced options are refused.
    for (args, msg) in [
        (
            vec!["export", "--all", "--format", "csv"],
            "--format csv takes one alignment (2 given)",
        ),
        (
            vec!["export", BECK, "--format", "csv", "--keep-unpaired"],
            "--keep-unpaired applies to tmx, xliff and xliff2",
        ),
        (
            vec![
                "export",
                BECK,
                "--format",
                "tmx",
                "--source-lang-tag",
                "hu HU",
            ],
            "is not a language tag",
        ),
        (
            vec!["export", BECK, "--format", "tmx", "--min-confidence", "2"],
            "not a confidence between 0 and 1",
        ),
    ] {
        wd.tandem()
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains(msg));
    }
}
