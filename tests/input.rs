//! Texts as people receive them, through the binary (issue 18): DOCX, ODT and HTML
//! input, page furniture, layouts, hostile documents, and the loader bugs of the
//! encoding layer (lone UTF-16 surrogates, mid-file BOMs, ISO-8859-2).

use std::io::Write;

use predicates::prelude::*;
use predicates::str::contains;

use crate::common::{repo, Workdir};

/// A fixture of `tests/data/input` copied into the work folder under `name`.
fn fixture(w: &Workdir, file: &str, name: &str) {
    let bytes = std::fs::read(repo().join("tests/data/input").join(file)).expect("fixture");
    w.write(name, bytes);
}

fn json(w: &Workdir, name: &str) -> serde_json::Value {
    serde_json::from_slice(&w.read(name)).expect("alignment JSON")
}

#[test]
fn r18_docx_pair_aligns_and_stays_fresh() {
    let w = Workdir::new();
    fixture(&w, "letter.hu.docx", "letter.hu.docx");
    fixture(&w, "letter.en.docx", "letter.en.docx");
    w.tandem()
        .args(["align", "letter.hu.docx", "letter.en.docx", "-o", "a.json"])
        .assert()
        .success();
    let a = json(&w, "a.json");
    assert_eq!(a["source"]["format"], "docx");
    assert_eq!(a["source"]["layout"], "structure");
    let texts: Vec<&str> = a["target"]["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    assert_eq!(texts.first(), Some(&"Letter to the library"));
    assert_eq!(
        texts.last(),
        Some(&"The registration number of the parcel is 1963/45."),
        "the footnote comes after the text"
    );
    assert!(!texts.iter().any(|t| t.contains("Running header")));
    // The hash is the file's: show accepts the alignment as fresh, and a changed file
    // is stale.
    w.tandem().args(["show", "a.json"]).assert().success();
    let mut bytes = w.read("letter.en.docx");
    bytes.push(0);
    w.write("letter.en.docx", bytes);
    w.tandem()
        .args(["show", "a.json"])
        .assert()
        .code(2)
        .stderr(contains("changed since"));
}

#[test]
fn r18_odt_and_html_are_read_wherever_texts_are() {
    let w = Workdir::new();
    fixture(&w, "letter.hu.odt", "letter.hu.odt");
    fixture(&w, "letter.en.html", "letter.en.html");
    w.tandem()
        .args(["split", "letter.hu.odt"])
        .assert()
        .success()
        .stdout(contains("Köszönjük a múlt heti látogatást.\n"))
        .stdout(contains("Kötet\nOldalak\n"));
    w.tandem()
        .args(["split", "letter.en.html"])
        .assert()
        .success()
        .stdout(contains("We returned the manuscripts on 3 April.\n"))
        .stdout(contains("not text").not())
        .stdout(contains("Home").not())
        .stdout(contains("site title").not());
    w.tandem()
        .args(["align", "letter.hu.odt", "letter.en.html", "-o", "a.json"])
        .assert()
        .success();
    w.tandem()
        .args(["check", "a.json"])
        .assert()
        .code(predicate::in_iter([0, 1]));
    // diff of two formats of the same text: no changes but the footnote's place.
    fixture(&w, "letter.en.docx", "letter.en.docx");
    w.tandem()
        .args(["diff", "letter.en.html", "letter.en.docx"])
        .assert()
        .code(predicate::in_iter([0, 1]));
    // Standard input is sniffed too.
    w.tandem()
        .args(["split", "-", "--lang", "hu"])
        .write_stdin(w.read("letter.hu.odt"))
        .assert()
        .success()
        .stdout(contains("Üdvözlettel: Kovács Anna"));
}

#[test]
fn r18_align_all_accepts_documents() {
    let w = Workdir::new();
    fixture(&w, "letter.hu.docx", "originals/letter.hu.docx");
    fixture(&w, "letter.en.odt", "translations/letter.en.odt");
    w.copy_from_repo("originals/udhr.hu.txt");
    w.copy_from_repo("translations/udhr.en.txt");
    w.tandem()
        .args(["align", "--all"])
        .assert()
        .success()
        .stderr(contains("no partner").not());
    assert_eq!(
        json(&w, "alignments/letter.json")["target"]["format"],
        "odt"
    );
    assert_eq!(json(&w, "alignments/udhr.json")["source"]["format"], "text");
}

/// A hard-wrapped text of `pages` pages of 30 lines with a running head and a page
/// number on each page.
fn paged_text(pages: usize, form_feeds: bool) -> String {
    const WORDS: [&str; 12] = [
        "embassy",
        "report",
        "minister",
        "crisis",
        "treaty",
        "visit",
        "trade",
        "sugar",
        "delegation",
        "agreement",
        "cable",
        "meeting",
    ];
    // Sentences of varying length and words, so that no text line recurs.
    let sentence = |k: usize| {
        let mut seed = k as u64 * 2_654_435_761 + 1;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let words: Vec<&str> = (0..5 + next() % 11).map(|_| WORDS[next() % 12]).collect();
        format!("The {k}th note said {}.", words.join(" "))
    };
    let text: String = (0..pages * 10).map(|k| sentence(k) + " ").collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.len() + word.len() + 1 > 70 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    let mut out = String::new();
    for (n, page) in lines.chunks(30).enumerate() {
        if form_feeds && n > 0 {
            out.push('\u{c}');
        }
        out.push_str("REPORTS FROM HAVANA\n\n");
        for l in page {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("\n- {} -\n", n + 1));
    }
    out
}

#[test]
fn r18_page_furniture_is_taken_out_listed_and_kept_on_request() {
    let w = Workdir::new();
    let text = paged_text(8, true);
    let pages = text.matches("REPORTS FROM HAVANA").count();
    assert!(pages >= 4);
    w.write("r.en.txt", text);
    w.write("s.en.txt", paged_text(8, false));
    for name in ["r.en.txt", "s.en.txt"] {
        w.tandem()
            .args(["split", name])
            .assert()
            .success()
            .stdout(contains("REPORTS").not())
            .stdout(contains("- 2 -").not())
            .stderr(contains(format!(
                "took out {} line(s) of page furniture ({pages} page number(s), {pages} running head(s))",
                2 * pages
            )));
    }
    w.tandem()
        .args(["-v", "split", "r.en.txt"])
        .assert()
        .success()
        .stderr(contains("r.en.txt:34: page-number \"- 1 -\""))
        .stderr(contains("layout wrapped"));
    w.tandem()
        .args(["split", "r.en.txt", "--keep-furniture"])
        .assert()
        .success()
        .stdout(contains("REPORTS FROM HAVANA"));
    w.write("t.hu.txt", "Egy mondat. Még egy mondat.\n");
    w.tandem()
        .args(["align", "t.hu.txt", "r.en.txt", "-o", "a.json"])
        .assert()
        .success();
    let a = json(&w, "a.json");
    let furniture = a["target"]["furniture"].as_array().expect("furniture");
    assert_eq!(furniture.len(), 2 * pages);
    assert_eq!(furniture[0]["kind"], "running-head");
    assert_eq!(furniture[0]["start"], 0);
    assert_eq!(furniture[0]["text"], "REPORTS FROM HAVANA");
    assert_eq!(a["target"]["layout"], "wrapped");
}

#[test]
fn r18_one_paragraph_per_line_and_the_layout_override() {
    let w = Workdir::new();
    w.write(
        "l.en.txt",
        "Chapter One\nThe wind came down from the hills. It told the world that winter was near.\n\
         The rivers were moving with a quiet roar of ice\nChapter Two\nNight came early.\n",
    );
    w.tandem()
        .args(["-v", "split", "l.en.txt", "--format", "tsv"])
        .assert()
        .success()
        .stdout(contains("p1.s1\tChapter One\n"))
        .stdout(contains(
            "p3.s1\tThe rivers were moving with a quiet roar of ice\n",
        ))
        .stderr(contains("layout lines (detected"));
    w.tandem()
        .args([
            "split",
            "l.en.txt",
            "--layout",
            "blank-lines",
            "--format",
            "tsv",
        ])
        .assert()
        .success()
        .stdout(contains("p1.s1\tChapter One The wind came down"));
}

#[test]
fn r18_hostile_documents_are_one_line_errors() {
    let w = Workdir::new();
    // A ZIP whose document part declares 4 GiB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).expect("entry");
    zip.write_all(b"<w:document/>").expect("write");
    let mut bomb = zip.finish().expect("zip").into_inner();
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = bomb.windows(4).position(|x| x == sig).expect("header");
        let size_at = if sig == b"PK\x03\x04" {
            at + 22
        } else {
            at + 24
        };
        bomb[size_at..size_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    w.write("bomb.docx", bomb);
    // XML nested 100,000 deep.
    let deep = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{}{}</w:document>",
        "<w:sdt>".repeat(100_000),
        "</w:sdt>".repeat(100_000)
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", options).expect("entry");
    zip.write_all(deep.as_bytes()).expect("write");
    w.write("deep.docx", zip.finish().expect("zip").into_inner());
    w.write("fake.docx", "just text");
    w.write("scan.pdf", "%PDF-1.4\n...");
    for (file, says) in [
        (
            "bomb.docx",
            "was refused: word/document.xml would expand to 4095 MiB",
        ),
        ("deep.docx", "nests XML elements more than 1000 deep"),
        (
            "fake.docx",
            "is not a readable DOCX document (it is not a ZIP archive)",
        ),
        ("scan.pdf", "is a PDF; extract its text first"),
    ] {
        let out = w.tandem().args(["split", file]).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains(says), "{file}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{file}: {stderr}");
    }
}

#[test]
fn r18_encoding_layer_bugs() {
    let w = Workdir::new();
    // A lone surrogate in UTF-16: replaced, with a warning naming the line.
    let mut bytes = vec![0xFF, 0xFE];
    let mut units: Vec<u16> = "First line.\nSecond ".encode_utf16().collect();
    units.push(0xDC00);
    units.extend("line.\n".encode_utf16());
    for u in units {
        bytes.extend(u.to_le_bytes());
    }
    w.write("u.en.txt", bytes);
    w.tandem()
        .args(["split", "u.en.txt"])
        .assert()
        .success()
        .stderr(contains(
            "1 unpaired UTF-16 surrogate(s) replaced by U+FFFD (first at line 2)",
        ));
    // `cat a.txt b.txt` with BOMs: not refused as a control character.
    w.write("c.en.txt", "\u{FEFF}One.\n\u{FEFF}Two.\n");
    w.tandem()
        .args(["split", "c.en.txt"])
        .assert()
        .success()
        .stdout("One.\nTwo.\n");
    // ISO-8859-2 is ISO-8859-2.
    let (latin2, _, _) = encoding_rs::ISO_8859_2.encode("Škoda gyár.\n");
    w.write("s.hu.txt", latin2);
    w.tandem()
        .args(["split", "s.hu.txt", "--encoding", "iso-8859-2"])
        .assert()
        .success()
        .stdout("Škoda gyár.\n");
}

/// A text without furniture is untouched: the bundled corpus and the hand-segmented
/// Steinbeck texts give the same sentences with layout detection and furniture removal
/// as with neither (blank-line paragraphs, furniture kept: the loader before issue 18).
#[test]
fn r18_texts_without_furniture_come_out_as_before() {
    use std::path::{Path, PathBuf};
    use tandem::document::Document;
    use tandem::lang::Lang;
    use tandem::load::{load_file, Layout, LoadOptions};
    use tandem::segment::Splitter;

    let mut files: Vec<(PathBuf, Lang)> = Vec::new();
    for dir in ["originals", "translations"] {
        for entry in std::fs::read_dir(repo().join(dir)).expect("corpus folder") {
            let path = entry.expect("entry").path();
            let name = path.to_string_lossy().into_owned();
            if name.ends_with(".txt") {
                let lang = if name.contains(".hu.") {
                    Lang::Hu
                } else {
                    Lang::En
                };
                files.push((path, lang));
            }
        }
    }
    match crate::common::shared_data() {
        Some(data) => {
            files.push((data.join("seg/steinbeck.hu.txt"), Lang::Hu));
            files.push((data.join("seg/steinbeck.en.txt"), Lang::En));
        }
        None => eprintln!("../shared/data not found: checking the bundled corpus only"),
    }
    let old = LoadOptions {
        keep_furniture: true,
        layout: Some(Layout::BlankLines),
        ..LoadOptions::default()
    };
    for (path, lang) in files {
        let sentences = |options: &LoadOptions| {
            let loaded = load_file(&path, options).expect("loads");
            let doc = Document::new(
                Path::new("x"),
                lang.clone(),
                loaded,
                Some(&Splitter::new(&lang)),
            );
            (
                doc.sentence_texts()
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
                doc.loaded.furniture.len(),
            )
        };
        let (now, furniture) = sentences(&LoadOptions::default());
        let (before, _) = sentences(&old);
        assert_eq!(furniture, 0, "{}", path.display());
        assert!(now == before, "{}: sentences changed", path.display());
    }
}
