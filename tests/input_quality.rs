//! Texts as people receive them (issue 18): the same hand-aligned bitext written as
//! (a) hard-wrapped text with blank lines between paragraphs, (b) the same with page
//! furniture every 40 lines and page breaks inside paragraphs, (c) one paragraph per
//! line, (d) DOCX and (e) HTML, each aligned without `--presplit`; the beads' texts are
//! compared with the gold's. (b)–(e) must score within 0.5 points of (a), and no bead may
//! hold a running head or a page number.
//!
//! Data: `../shared/data/gold/steinbeck.para` (skipped without it). The variants are
//! made here at run time from the gold texts; nothing derived from them is stored. By
//! default the first quarter of the book is used (≈ 1,700 sentences a side, about 15 s
//! in a debug build on two cores); `TANDEM_INPUT_QUALITY_FULL=1` uses the whole book,
//! and `TANDEM_INPUT_QUALITY_DUMP=<dir>` writes the variants and the gold bead texts
//! there, to run the binary on them (docs/input.md).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use tandem::align::{align_documents, AlignConfig};
use tandem::document::{collapse_whitespace, Document};
use tandem::lang::Lang;
use tandem::load::{load_bytes, LoadOptions};
use tandem::segment::Splitter;

use crate::common::shared_data;

/// One side of the bitext: paragraphs of sentences (gold lines).
type Paragraphs = Vec<Vec<String>>;
/// A bead as a pair of texts (whitespace collapsed).
type TextBead = (String, String);
/// A file's bytes and its name.
type File = (Vec<u8>, &'static str);

struct Bitext {
    src: Paragraphs,
    tgt: Paragraphs,
    gold: Vec<TextBead>,
}

/// The gold set cut after `fraction` of its beads, at a bead that pairs two `<p>` lines.
fn bitext(fraction: f64) -> Option<Bitext> {
    let dir = shared_data()?.join("gold/steinbeck.para");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("gold file");
    let (src, tgt, gold) = (read("src.txt"), read("tgt.txt"), read("gold.txt"));
    let src: Vec<&str> = src.lines().collect();
    let tgt: Vec<&str> = tgt.lines().collect();
    let parse = |s: &str| -> Vec<usize> {
        s.trim()
            .trim_matches(['[', ']'])
            .split(',')
            .filter(|x| !x.trim().is_empty())
            .map(|x| x.trim().parse().expect("index"))
            .collect()
    };
    let beads: Vec<(Vec<usize>, Vec<usize>)> = gold
        .lines()
        .map(|l| {
            let (a, b) = l.split_once(':').expect("bead");
            (parse(a), parse(b))
        })
        .collect();
    let want = (beads.len() as f64 * fraction) as usize;
    let cut = (want..beads.len())
        .find(|&k| match &beads[k] {
            (s, t) if s.len() == 1 && t.len() == 1 => src[s[0]] == "<p>" && tgt[t[0]] == "<p>",
            _ => false,
        })
        .unwrap_or(beads.len());
    let (src_end, tgt_end) = match beads.get(cut) {
        Some((s, t)) => (s[0], t[0]),
        None => (src.len(), tgt.len()),
    };
    let text = |lines: &[&str], ids: &[usize]| {
        collapse_whitespace(
            &ids.iter()
                .map(|&i| lines[i])
                .filter(|l| *l != "<p>")
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let gold = beads[..cut]
        .iter()
        .map(|(s, t)| (text(&src, s), text(&tgt, t)))
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .collect();
    Some(Bitext {
        src: paragraphs(&src[..src_end]),
        tgt: paragraphs(&tgt[..tgt_end]),
        gold,
    })
}

fn paragraphs(lines: &[&str]) -> Paragraphs {
    let mut out: Paragraphs = vec![Vec::new()];
    for l in lines {
        if *l == "<p>" {
            if !out.last().is_some_and(Vec::is_empty) {
                out.push(Vec::new());
            }
        } else if let Some(last) = out.last_mut() {
            last.push(l.to_string());
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Greedy word wrap at `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("a line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// (a) hard-wrapped lines, a blank line between paragraphs.
fn wrapped_lines(paras: &Paragraphs) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(wrap(&p.join(" "), 72));
    }
    out
}

/// The running heads and page-number line of page `n` of `pages` in language `lang`.
fn furniture(lang: &Lang, n: usize, pages: usize) -> (String, String) {
    match lang {
        Lang::Hu => (
            if n % 2 == 0 {
                "JOHN STEINBECK"
            } else {
                "EGY MARÉK ARANY"
            }
            .to_string(),
            format!("– {n} –"),
        ),
        _ => (
            if n % 2 == 0 {
                "JOHN STEINBECK"
            } else {
                "CUP OF GOLD"
            }
            .to_string(),
            format!("Page {n} of {pages}"),
        ),
    }
}

/// (b) pages of 40 lines: a running head (after a form feed) and the page number.
fn paged(paras: &Paragraphs, lang: &Lang) -> String {
    let lines = wrapped_lines(paras);
    let pages = lines.len().div_ceil(40);
    let mut out = Vec::new();
    for (k, page) in lines.chunks(40).enumerate() {
        let (head, number) = furniture(lang, k + 1, pages);
        out.push(format!("{}{head}", if k > 0 { "\u{c}" } else { "" }));
        out.push(String::new());
        out.extend(page.iter().cloned());
        out.push(String::new());
        out.push(number);
    }
    out.join("\n") + "\n"
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// (d) a minimal DOCX: one `w:p` per paragraph, a heading style on the first.
fn docx(paras: &Paragraphs) -> Vec<u8> {
    let mut body = String::new();
    for (i, p) in paras.iter().enumerate() {
        let style = if i == 0 {
            "<w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>"
        } else {
            ""
        };
        // Sentences as separate runs, as Word often stores them.
        body.push_str(&format!("<w:p>{style}"));
        for (k, s) in p.iter().enumerate() {
            let sep = if k + 1 < p.len() { " " } else { "" };
            body.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{}{sep}</w:t></w:r>",
                escape(s)
            ));
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        (
            "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                .to_string(),
        ),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(content.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// (e) HTML with a head, a style sheet, a script and a navigation bar.
fn html(paras: &Paragraphs) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Steinbeck</title>\
         <style>p { margin: 0 }</style><script>var pages = 1 < 2;</script></head>\n<body>\
         <nav><a href=\"/\">Home</a> | <a href=\"/books\">Books</a></nav>\n",
    );
    for (i, p) in paras.iter().enumerate() {
        let tag = if i == 0 { "h1" } else { "p" };
        out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(&p.join(" "))));
    }
    out.push_str("</body></html>\n");
    out
}

/// Align two variants and return the beads as text pairs.
fn align(src: (&[u8], &str), tgt: (&[u8], &str)) -> Vec<TextBead> {
    let doc = |(bytes, name): (&[u8], &str), lang: Lang| {
        let loaded =
            load_bytes(bytes, Path::new(name), &LoadOptions::default()).expect("variant loads");
        let splitter = Splitter::new(&lang);
        Document::new(Path::new(name), lang, loaded, Some(&splitter))
    };
    let (s, t) = (doc(src, Lang::Hu), doc(tgt, Lang::En));
    let a = align_documents(&s, &t, &AlignConfig::for_languages(&Lang::Hu, &Lang::En));
    let join = |d: &Document, r: std::ops::Range<usize>| {
        collapse_whitespace(&r.map(|i| d.sentence_text(i)).collect::<Vec<_>>().join(" "))
    };
    a.beads
        .iter()
        .map(|b| (join(&s, b.src.clone()), join(&t, b.tgt.clone())))
        .collect()
}

/// F1 of beads whose two texts both equal a gold bead's (as multisets).
fn f1(gold: &[TextBead], test: &[TextBead]) -> f64 {
    let mut counts: HashMap<&TextBead, usize> = HashMap::new();
    for b in gold {
        *counts.entry(b).or_default() += 1;
    }
    let mut hits = 0usize;
    for b in test {
        if let Some(n) = counts.get_mut(b).filter(|n| **n > 0) {
            *n -= 1;
            hits += 1;
        }
    }
    let (p, r) = (
        hits as f64 / test.len().max(1) as f64,
        hits as f64 / gold.len().max(1) as f64,
    );
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn r18_texts_as_people_receive_them_align_as_well_as_clean_text() {
    let full = std::env::var_os("TANDEM_INPUT_QUALITY_FULL").is_some();
    let Some(b) = bitext(if full { 1.0 } else { 0.25 }) else {
        eprintln!("skipped r18 input quality: ../shared/data/gold/steinbeck.para not found");
        return;
    };
    let lines = |p: &Paragraphs| wrapped_lines(p).join("\n") + "\n";
    let per_line =
        |p: &Paragraphs| p.iter().map(|x| x.join(" ")).collect::<Vec<_>>().join("\n") + "\n";
    let variants: Vec<(&str, File, File)> = vec![
        (
            "(a) wrapped",
            (lines(&b.src).into_bytes(), "s.hu.txt"),
            (lines(&b.tgt).into_bytes(), "s.en.txt"),
        ),
        (
            "(b) paged",
            (paged(&b.src, &Lang::Hu).into_bytes(), "s.hu.txt"),
            (paged(&b.tgt, &Lang::En).into_bytes(), "s.en.txt"),
        ),
        (
            "(c) lines",
            (per_line(&b.src).into_bytes(), "s.hu.txt"),
            (per_line(&b.tgt).into_bytes(), "s.en.txt"),
        ),
        (
            "(d) docx",
            (docx(&b.src), "s.hu.docx"),
            (docx(&b.tgt), "s.en.docx"),
        ),
        (
            "(e) html",
            (html(&b.src).into_bytes(), "s.hu.html"),
            (html(&b.tgt).into_bytes(), "s.en.html"),
        ),
    ];
    if let Some(dir) = std::env::var_os("TANDEM_INPUT_QUALITY_DUMP") {
        // For runs of the binary on the same files (docs/input.md).
        let dir = Path::new(&dir);
        for (name, s, t) in &variants {
            let sub = dir.join(&name[1..2]);
            std::fs::create_dir_all(&sub).expect("dump folder");
            std::fs::write(sub.join(s.1), &s.0).expect("dump");
            std::fs::write(sub.join(t.1), &t.0).expect("dump");
        }
        let gold: String = b.gold.iter().map(|(s, t)| format!("{s}\t{t}\n")).collect();
        std::fs::write(dir.join("gold.tsv"), gold).expect("dump");
    }
    let results: Vec<(&str, Vec<TextBead>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = variants
            .iter()
            .map(|(name, s, t)| scope.spawn(move || (*name, align((&s.0, s.1), (&t.0, t.1)))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("variant aligns"))
            .collect()
    });
    let scores: Vec<(&str, f64)> = results
        .iter()
        .map(|(name, beads)| (*name, f1(&b.gold, beads)))
        .collect();
    for (name, score) in &scores {
        eprintln!(
            "r18 {name}: bead-text F1 {:.2} against {} gold beads",
            100.0 * score,
            b.gold.len()
        );
    }
    let base = scores[0].1;
    for (name, score) in &scores[1..] {
        assert!(
            *score >= base - 0.005,
            "{name} scores {:.2}, more than 0.5 points under (a) {:.2}",
            100.0 * score,
            100.0 * base
        );
    }
    // No bead may hold a running head or a page number: each mark occurs in the beads
    // of (b) exactly as often as in those of (a) (the book's own title page names its
    // author and title).
    let pages = wrapped_lines(&b.src).len().max(wrapped_lines(&b.tgt).len()) / 40 + 2;
    let mut marks: Vec<String> = vec![
        "JOHN STEINBECK".into(),
        "EGY MARÉK ARANY".into(),
        "CUP OF GOLD".into(),
    ];
    for n in 1..=pages {
        marks.push(format!("– {n} –"));
        marks.push(format!("Page {n} of"));
    }
    let count = |beads: &[TextBead], m: &str| {
        beads
            .iter()
            .map(|(s, t)| s.matches(m).count() + t.matches(m).count())
            .sum::<usize>()
    };
    for m in &marks {
        let (clean, paged) = (count(&results[0].1, m), count(&results[1].1, m));
        assert_eq!(
            paged, clean,
            "page furniture {m:?} left in the beads of (b): {paged} times against {clean} in (a)"
        );
    }
}
