//! A self-contained HTML page of an alignment for reading and review: one file, inline
//! CSS, no scripts, no external fonts or images, so it can be mailed or archived.
//!
//! A summary (documents, beads, share of 1-1, mean confidence, findings per kind) opens
//! the page; then a two-column table, one row per bead, with the locators above each
//! text, the bead type and confidence. Beads with review findings are highlighted
//! (by severity) and carry the reasons as a `title` tooltip and in a visible note. A print
//! stylesheet drops colours to borders and avoids breaking a bead across pages. All
//! text is escaped. Cost: linear.

use crate::alignment::{AlignmentFile, BeadRecord};
use crate::review::{side_text, Report, Severity};

/// Escape text for HTML element content and attribute values; characters HTML forbids
/// (controls, noncharacters: [`super::xmltext::is_allowed`]) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !super::xmltext::is_allowed(c) => out.push(super::xmltext::REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --err: #fde2e1; --warn: #fff3cd; --info: #e7f1ff; --line: #d0d4da; }
body { font-family: Georgia, "Times New Roman", serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d1f23; line-height: 1.45; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
.meta { color: #555; font-size: .9rem; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
.summary { width: auto; margin: 1rem 0 2rem; font-size: .9rem; }
.summary th, .summary td { border: 1px solid var(--line); padding: .2rem .6rem; text-align: left; }
.summary td.n { text-align: right; }
.bitext th { text-align: left; border-bottom: 2px solid #888; padding: .3rem; }
.bitext td { vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
.bitext td.text { width: 44%; }
.bitext td.info { width: 12%; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; color: #555; }
.loc { display: block; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .75rem; color: #777; }
.empty { color: #999; font-style: italic; }
tr.error { background: var(--err); }
tr.warning { background: var(--warn); }
tr.info { background: var(--info); }
tr.low td.info .conf { color: #b00020; font-weight: bold; }
.flags { display: block; margin-top: .3rem; font-size: .75rem; color: #7a4b00; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  tr.error, tr.warning, tr.info { background: none; }
  tr.error td, tr.warning td { border-left: 3px solid #000; }
  .summary { break-after: avoid; }
}
"#;

fn cell(ids: &[usize], rec: &crate::alignment::TextRecord) -> String {
    if ids.is_empty() {
        return "<span class=\"empty\">(nothing)</span>".into();
    }
    let locs = super::locators(ids, rec);
    format!(
        "<span class=\"loc\">{}</span>{}",
        escape(&locs),
        escape(&side_text(rec, ids))
    )
}

fn row(out: &mut String, k: usize, b: &BeadRecord, file: &AlignmentFile, report: &Report) {
    let findings: Vec<_> = report.on_bead(k).collect();
    let severity = findings.iter().map(|f| f.severity).max();
    let mut classes = vec!["bead"];
    match severity {
        Some(Severity::Error) => classes.push("error"),
        Some(Severity::Warning) => classes.push("warning"),
        Some(Severity::Info) => classes.push("info"),
        None => {}
    }
    if b.confidence < 0.5 {
        classes.push("low");
    }
    let title = findings
        .iter()
        .map(|f| format!("{} ({}): {}", f.kind, f.severity, f.reason))
        .collect::<Vec<_>>()
        .join("\n");
    let title_attr = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(&title))
    };
    let flags = if findings.is_empty() {
        String::new()
    } else {
        let mut kinds: Vec<String> = findings.iter().map(|f| f.kind.to_string()).collect();
        kinds.dedup();
        format!("<span class=\"flags\">{}</span>", escape(&kinds.join(", ")))
    };
    out.push_str(&format!(
        "<tr id=\"b{k}\" class=\"{}\"{title_attr}><td class=\"text\" lang=\"{}\">{}</td><td class=\"text\" lang=\"{}\">{}</td><td class=\"info\">{}<br><span class=\"conf\">{:.2}</span>{flags}</td></tr>\n",
        classes.join(" "),
        escape(file.source.lang.code()),
        cell(&b.src, &file.source),
        escape(file.target.lang.code()),
        cell(&b.tgt, &file.target),
        escape(&b.kind),
        b.confidence,
    ));
}

/// Write the page. `report` supplies the highlighted findings and the summary.
pub fn write(file: &AlignmentFile, report: &Report) -> String {
    let (sl, tl) = (file.source.lang.code(), file.target.lang.code());
    let s = &report.summary;
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"tandem {}\">\n<title>{} — tandem</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&file.id)
    ));
    out.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} ({}) ↔ {} ({})</p>\n",
        escape(&file.id),
        escape(&file.source.path),
        escape(sl),
        escape(&file.target.path),
        escape(tl)
    ));
    out.push_str("<table class=\"summary\">\n");
    let total: usize = s.counts.values().sum();
    for (label, value) in [
        (
            "sentences".to_string(),
            format!(
                "{} {sl} / {} {tl}",
                file.source.sentences.len(),
                file.target.sentences.len()
            ),
        ),
        ("beads".into(), s.beads.to_string()),
        ("1-1 beads".into(), format!("{:.0}%", s.one_to_one * 100.0)),
        (
            "mean confidence".into(),
            format!("{:.2}", s.mean_confidence),
        ),
        ("findings".into(), total.to_string()),
    ] {
        out.push_str(&format!(
            "<tr><th>{}</th><td class=\"n\">{}</td></tr>\n",
            escape(&label),
            escape(&value)
        ));
    }
    for (kind, n) in s.counts.iter().filter(|(_, n)| **n > 0) {
        out.push_str(&format!(
            "<tr><th>{}</th><td class=\"n\">{n}</td></tr>\n",
            escape(kind.as_str())
        ));
    }
    out.push_str("</table>\n</header>\n<main>\n<table class=\"bitext\">\n");
    out.push_str(&format!(
        "<thead><tr><th>{}</th><th>{}</th><th>bead</th></tr></thead>\n<tbody>\n",
        escape(sl),
        escape(tl)
    ));
    for (k, b) in file.beads.iter().enumerate() {
        row(&mut out, k, b, file, report);
    }
    out.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{check, testutil::file, CheckConfig};

    #[test]
    fn page_is_self_contained_escaped_and_flags_beads() {
        let f = file(&[
            (
                "A <script>alert(1)</script> & 1963.",
                "The <script> & 1964.",
            ),
            ("Kimaradt mondat itt van.", ""),
        ]);
        let report = check(&f, &CheckConfig::default());
        let html = write(&f, &report);
        assert!(!html.contains("<script>"), "unescaped text");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 1963."));
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains("@import")
        );
        assert!(html.contains("@media print"));
        assert!(html.contains("<tr id=\"b0\" class=\"bead error\" title=\"number-mismatch (error): “1”, “1963” in the original"), "{html}");
        assert!(html.contains("<tr id=\"b1\" class=\"bead error\" title=\"omission"));
        assert_eq!(html.matches("<tr id=\"b").count(), 2);
        assert_eq!(escape("a\u{FFFE}\u{1}b"), "a\u{FFFD}\u{FFFD}b");
    }
}
