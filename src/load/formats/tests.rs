//! Tests of DOCX, ODT and HTML extraction, and of hostile documents.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::error::LoadError;
use crate::load::{load_bytes, Format, Layout, LoadOptions, Loaded};

/// A ZIP archive of `(name, content)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in entries {
        out.start_file(*name, options).expect("entry");
        out.write_all(content).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

fn docx(body: &str, footnotes: Option<&str>) -> Vec<u8> {
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let notes = footnotes.map(|n| format!("<w:footnotes {W}>{n}</w:footnotes>"));
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
    ];
    if let Some(n) = &notes {
        entries.push(("word/footnotes.xml", n.as_bytes()));
    }
    zip_of(&entries)
}

fn paragraphs(l: &Loaded) -> Vec<&str> {
    l.paragraphs.iter().map(|r| &l.text[r.clone()]).collect()
}

fn load(bytes: &[u8], name: &str) -> Result<Loaded, LoadError> {
    load_bytes(bytes, Path::new(name), &LoadOptions::default())
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

#[test]
fn docx_paragraphs_cells_and_notes() {
    let body = format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Első fejezet</w:t></w:r></w:p>\
         <w:p><w:r><w:t xml:space=\"preserve\">A szél </w:t></w:r><w:r><w:t>délután</w:t></w:r>\
         <w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:tab/><w:t>indult.</w:t></w:r>\
         <w:del><w:r><w:delText>törölt</w:delText></w:r></w:del>\
         <w:r><w:instrText> PAGE </w:instrText></w:r></w:p>\
         <w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>\
         <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>{}</w:txbxContent></mc:Choice>\
         <mc:Fallback><w:txbxContent>{}</w:txbxContent></mc:Fallback></mc:AlternateContent>\
         <w:t>Utána &amp; így.</w:t></w:r></w:p>",
        p("Egy"),
        p("cella."),
        p("Másik"),
        p("Doboz."),
        p("Doboz."),
    );
    let notes = format!(
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\">{}{}</w:footnote>",
        p("Lábjegyzet első."),
        p("Második bekezdése.")
    );
    let l = load(&docx(&body, Some(&notes)), "r.hu.docx").expect("reads");
    assert_eq!(l.format, Format::Docx);
    assert_eq!(l.layout.layout, Layout::Structure);
    assert_eq!(
        paragraphs(&l),
        [
            "Első fejezet",
            "A szél délután indult.",
            "Egy cella.",
            "Másik",
            "Doboz.",
            "Utána & így.",
            "Lábjegyzet első. Második bekezdése.",
        ]
    );
    assert!(l
        .notes
        .iter()
        .any(|n| n.to_string().contains("2 table cell(s)")));
}

#[test]
fn odt_paragraphs_headings_notes_and_cells() {
    let content = r#"<?xml version="1.0"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:automatic-styles><text:p>not text</text:p></office:automatic-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Cím</text:h>
<text:p>Első<text:s text:c="3"/>mondat<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A jegyzet.</text:p></text:note-body></text:note> vége.</text:p>
<table:table><table:table-row><table:table-cell><text:p>A1</text:p><text:p>folytatás</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>
</office:text></office:body></office:document-content>"#;
    let bytes = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
    ]);
    let l = load(&bytes, "r.hu.odt").expect("reads");
    assert_eq!(l.format, Format::Odt);
    assert_eq!(
        paragraphs(&l),
        ["Cím", "Első mondat vége.", "A1 folytatás", "A jegyzet."]
    );
}

#[test]
fn html_blocks_cells_and_left_out_parts() {
    let html = "<!DOCTYPE html><html><head><title>Title</title><meta charset=utf-8>\
        <style>p { color: red }</style><script>var x = '<p>no</p>';</script></head>\
        <body><nav><a href=/>Home</a></nav><h1>Az Emberi Jogok</h1>\
        <p>Első <b>bekezdés</b>,<br>második sor.<p>Második &amp; bekezdés.\
        <div>Egy<br><br>Kettő</div><table><tr><td><p>Cella</p><p>egy</p><td>Cella kettő</table>\
        <!-- comment --><p>Vége&nbsp;100 %.</p></body></html>";
    let l = load(html.as_bytes(), "udhr.hu.html").expect("reads");
    assert_eq!(l.format, Format::Html);
    assert_eq!(
        paragraphs(&l),
        [
            "Az Emberi Jogok",
            "Első bekezdés, második sor.",
            "Második & bekezdés.",
            "Egy",
            "Kettő",
            "Cella egy",
            "Cella kettő",
            "Vége\u{A0}100 %.",
        ]
    );
}

#[test]
fn html_is_sniffed_and_its_meta_charset_honoured() {
    let mut bytes = b"<!doctype html><meta charset=\"iso-8859-2\"><p>".to_vec();
    bytes.extend(b"\xA9koda \xE9s \xF5");
    let l = load(&bytes, "x.txt").expect("reads");
    assert_eq!(paragraphs(&l), ["Škoda és ő"]);
    assert_eq!(l.encoding.name(), "iso-8859-2");
}

#[test]
fn presplit_documents_give_one_unit_per_paragraph() {
    let options = LoadOptions {
        presplit: true,
        ..LoadOptions::default()
    };
    let bytes = docx(&format!("{}{}", p("Egy. Kettő."), p("Három.")), None);
    let l = load_bytes(&bytes, Path::new("x.docx"), &options).expect("reads");
    assert_eq!(paragraphs(&l), ["Egy. Kettő.", "Három."]);
    assert_eq!(l.layout.layout, Layout::Presplit);
}

#[test]
fn other_formats_are_refused_with_what_to_do() {
    for (bytes, name, says) in [
        (&b"%PDF-1.7 ..."[..], "a.pdf", "pdftotext"),
        (
            &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"[..],
            "a.doc",
            ".docx",
        ),
        (&b"{\\rtf1\\ansi hello}"[..], "a.rtf", "RTF"),
        (&b"plain text really"[..], "a.docx", "not a ZIP archive"),
    ] {
        let err = load(bytes, name).expect_err("refused").to_string();
        assert!(err.contains(says), "{name}: {err}");
        assert!(!err.contains('\n'));
    }
    let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    let err = load(&xlsx, "a.xlsx").expect_err("refused").to_string();
    assert!(err.contains("Excel"), "{err}");
}

/// Patch the uncompressed size that the local header and the central directory declare
/// for entry `name`.
fn declare_size(bytes: &mut [u8], name: &[u8], size: u32) {
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let mut at = 0;
        while let Some(i) = find(&bytes[at..], sig) {
            let start = at + i;
            let (size_at, name_len_at, name_at) = if sig == b"PK\x03\x04" {
                (start + 22, start + 26, start + 30)
            } else {
                (start + 24, start + 28, start + 46)
            };
            let len = u16::from_le_bytes([bytes[name_len_at], bytes[name_len_at + 1]]) as usize;
            if bytes.get(name_at..name_at + len) == Some(name) {
                bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
            at = start + 4;
        }
    }
}

#[test]
fn zip_bomb_with_an_honest_header_is_refused_before_inflating() {
    let mut bytes = docx(&p("x"), None);
    declare_size(&mut bytes, b"word/document.xml", 300 << 20);
    let err = load(&bytes, "bomb.docx").expect_err("refused").to_string();
    assert!(err.contains("would expand to 300 MiB"), "{err}");
}

#[test]
fn zip_bomb_with_a_lying_header_is_refused_after_the_declared_size() {
    let document = format!(
        "<w:document {W}><w:body>{}</w:body></w:document>",
        p(&"x".repeat(100_000))
    );
    let mut bytes = docx_raw(&document);
    declare_size(&mut bytes, b"word/document.xml", 1000);
    let err = load(&bytes, "liar.docx").expect_err("refused").to_string();
    assert!(err.contains("larger than its ZIP header says"), "{err}");
}

fn docx_raw(document: &str) -> Vec<u8> {
    zip_of(&[("word/document.xml", document.as_bytes())])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn deep_xml_nesting_is_refused() {
    let depth = 5_000;
    let document = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:sdt>".repeat(depth),
        "</w:sdt>".repeat(depth)
    );
    let err = load(&docx_raw(&document), "deep.docx")
        .expect_err("refused")
        .to_string();
    assert!(err.contains("more than 1000 deep"), "{err}");
}

#[test]
fn deep_html_nesting_costs_nothing() {
    let depth = 100_000;
    let html = format!(
        "<!DOCTYPE html><body>{}<p>Deep text.</p>{}</body>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let l = load(html.as_bytes(), "deep.html").expect("reads");
    assert_eq!(paragraphs(&l), ["Deep text."]);
}

#[test]
fn damaged_documents_are_one_line_errors() {
    let mut bytes = docx(&p("Szöveg."), None);
    let cut = bytes.len() / 2;
    bytes.truncate(cut);
    let err = load(&bytes, "cut.docx").expect_err("refused").to_string();
    assert!(err.contains("not a readable"), "{err}");
    let bad_xml = docx_raw("<w:document><w:body><w:p></w:body>");
    let err = load(&bad_xml, "bad.docx").expect_err("refused").to_string();
    assert!(err.contains("not a readable DOCX document"), "{err}");
    assert!(!err.contains('\n'));
}

#[test]
fn a_parser_error_quoting_a_line_break_stays_one_line() {
    // Found by the fuzz test: quick-xml quotes the bad close tag `</\n>` as written.
    let err = load(&docx_raw("</\n>"), "bad.docx")
        .expect_err("refused")
        .to_string();
    assert!(err.contains("not a readable DOCX document"), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

mod fuzz {
    use super::*;
    use crate::testing::{cases, tricky_bytes, tricky_string};
    use proptest::prelude::*;

    fn check(l: &Loaded) {
        for r in &l.paragraphs {
            let p = &l.text[r.clone()];
            assert!(!p.is_empty() && p == p.trim() && !p.contains('\n'), "{p:?}");
        }
    }

    proptest! {
        #![proptest_config(cases(256))]

        /// Any bytes as HTML, or as the document part of a DOCX, or as ODT content:
        /// a result or a one-line error, never a panic.
        #[test]
        fn fuzz_documents_never_panic(bytes in tricky_bytes(400), text in tricky_string(30)) {
            let html = format!("<!DOCTYPE html><p>{text}</p><td>{text}<br><br>");
            let inputs: Vec<(Vec<u8>, Format)> = vec![
                (bytes.clone(), Format::Html),
                (html.into_bytes(), Format::Html),
                (docx_raw(&String::from_utf8_lossy(&bytes)), Format::Docx),
                (docx(&p(&text.replace('<', "&lt;")), None), Format::Docx),
                (zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", &bytes)]), Format::Odt),
            ];
            for (input, format) in inputs {
                let options = LoadOptions { format: Some(format), ..LoadOptions::default() };
                match load_bytes(&input, Path::new("f"), &options) {
                    Ok(l) => check(&l),
                    Err(e) => prop_assert!(!e.to_string().contains('\n'), "{e}"),
                }
            }
        }
    }
}
