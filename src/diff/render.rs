//! Plain renderers of a [`DiffReport`]: the unified text form (`[-old-]{+new+}` word
//! markers, for pipes, mail and review notes) and a self-contained HTML page. Pure
//! functions returning strings; the terminal table lives in the command line. Linear in
//! the size of the report.

use std::fmt::Write as _;

use super::report::{span, DiffReport};
use super::words::{OpTag, WordOp};
use super::{Kind, Summary};

/// The ops as one line with `[-deleted-]` and `{+inserted+}` markers.
pub fn marked(ops: &[WordOp]) -> String {
    let mut out = String::new();
    for op in ops {
        match op.op {
            OpTag::Equal => out.push_str(&op.text),
            OpTag::Delete => {
                let _ = write!(out, "[-{}-]", op.text);
            }
            OpTag::Insert => {
                let _ = write!(out, "{{+{}+}}", op.text);
            }
        }
    }
    out
}

/// The old side of the ops with `[-deleted-]` markers (for a two-column view).
pub fn marked_old(ops: &[WordOp]) -> String {
    marked(&side(ops, OpTag::Delete))
}

/// The new side of the ops with `{+inserted+}` markers.
pub fn marked_new(ops: &[WordOp]) -> String {
    marked(&side(ops, OpTag::Insert))
}

fn side(ops: &[WordOp], keep: OpTag) -> Vec<WordOp> {
    ops.iter()
        .filter(|o| o.op == OpTag::Equal || o.op == keep)
        .cloned()
        .collect()
}

/// One line of counts.
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "{} sentence(s) changed, {} added, {} removed, {} moved; {} word(s) changed ({} removed, {} added), {}% of the text ({} old / {} new sentences)",
        s.changed,
        s.added,
        s.removed,
        s.moved,
        s.words_removed + s.words_added,
        s.words_removed,
        s.words_added,
        s.percent_changed,
        s.old_sentences,
        s.new_sentences,
    );
    if s.timed_out {
        line.push_str("; the time limit was reached, some word diffs are whole-sentence");
    }
    line
}

/// The header of one change: `edited p8.s1 -> p8.s1 (similarity 0.62)`, `inserted ->
/// p7.s2`.
pub fn change_heading(kind: Kind, old: &str, new: &str, similarity: Option<f64>) -> String {
    let side = |s: &str| {
        if s == "-" {
            String::new()
        } else {
            format!(" {s}")
        }
    };
    let mut h = format!("{kind}{} ->{}", side(old), side(new));
    if let (Some(sim), Kind::Edited | Kind::Moved | Kind::Split | Kind::Merged) = (similarity, kind)
    {
        let _ = write!(h, " (similarity {sim:.2})");
    }
    h
}

/// The unified text form: a `---`/`+++` header, then per change an `@@` line and the
/// text with word markers (with an original, its text on a `hu:`-style line first), then
/// the summary.
pub fn unified(report: &DiffReport, original_lang: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {}", report.old_file);
    let _ = writeln!(out, "+++ {}", report.new_file);
    if let Some(orig) = &report.original_file {
        let _ = writeln!(out, "=== {orig}");
    }
    for c in &report.changes {
        let _ = writeln!(
            out,
            "@@ {}",
            change_heading(c.kind, &span(&c.old), &span(&c.new), c.similarity)
        );
        if !c.original.is_empty() {
            let text: Vec<&str> = report
                .rows
                .iter()
                .filter(|r| r.original.iter().any(|l| c.original.contains(l)))
                .map(|r| r.original_text.as_str())
                .collect();
            let _ = writeln!(
                out,
                "{original_lang} {}: {}",
                span(&c.original),
                text.join(" ")
            );
        }
        let body = match c.kind {
            Kind::Inserted => marked(&[WordOp {
                op: OpTag::Insert,
                text: c.new_text.clone(),
            }]),
            Kind::Deleted => marked(&[WordOp {
                op: OpTag::Delete,
                text: c.old_text.clone(),
            }]),
            _ => marked(&c.ops),
        };
        let _ = writeln!(out, "{body}");
    }
    let _ = writeln!(out, "{}", summary_line(&report.summary));
    out
}

/// HTML-escape text.
pub use crate::export::html::escape;

fn html_ops(ops: &[WordOp], keep: OpTag) -> String {
    let mut out = String::new();
    for op in ops {
        match op.op {
            OpTag::Equal => out.push_str(&escape(&op.text)),
            OpTag::Delete if keep == OpTag::Delete => {
                let _ = write!(out, "<del>{}</del>", escape(&op.text));
            }
            OpTag::Insert if keep == OpTag::Insert => {
                let _ = write!(out, "<ins>{}</ins>", escape(&op.text));
            }
            _ => {}
        }
    }
    out
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;line-height:1.45}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}\
th{background:#f3f3f3}del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}\
.loc{font-family:monospace;white-space:nowrap;color:#555}.kind{font-weight:bold;white-space:nowrap}";

/// A self-contained HTML page (inline CSS, no scripts): the summary and a table of the
/// changes, or of the changed passages of the original when there is one.
pub fn html(report: &DiffReport, original_lang: &str) -> String {
    let mut out = String::new();
    let title = format!("tandem diff: {} → {}", report.old_file, report.new_file);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    if let Some(orig) = &report.original_file {
        let _ = writeln!(out, "<p>Original: {}</p>", escape(orig));
    }
    let _ = writeln!(out, "<p>{}</p>", escape(&summary_line(&report.summary)));
    if report.original_file.is_some() && !report.rows.is_empty() {
        let _ = writeln!(
            out,
            "<table>\n<tr><th>{}</th><th>old</th><th>new</th><th>change</th></tr>",
            escape(original_lang)
        );
        for r in &report.rows {
            let kinds: Vec<&str> = r.kinds.iter().map(|k| k.name()).collect();
            let _ = writeln!(
                out,
                "<tr><td><div class=\"loc\">{}</div>{}</td><td><div class=\"loc\">{}</div>{}</td><td><div class=\"loc\">{}</div>{}</td><td class=\"kind\">{}</td></tr>",
                escape(&span(&r.original)),
                escape(&r.original_text),
                escape(&span(&r.old)),
                html_ops(&r.ops, OpTag::Delete),
                escape(&span(&r.new)),
                html_ops(&r.ops, OpTag::Insert),
                escape(&kinds.join(", "))
            );
        }
    } else {
        let _ = writeln!(
            out,
            "<table>\n<tr><th>change</th><th>old</th><th>new</th></tr>"
        );
        for c in &report.changes {
            let (old, new) = match c.kind {
                Kind::Inserted => (String::new(), format!("<ins>{}</ins>", escape(&c.new_text))),
                Kind::Deleted => (format!("<del>{}</del>", escape(&c.old_text)), String::new()),
                _ => (
                    html_ops(&c.ops, OpTag::Delete),
                    html_ops(&c.ops, OpTag::Insert),
                ),
            };
            let sim = match (c.similarity, c.kind) {
                (Some(s), Kind::Edited | Kind::Moved | Kind::Split | Kind::Merged) => {
                    format!("<div class=\"loc\">similarity {s:.2}</div>")
                }
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"kind\">{}{sim}</td><td><div class=\"loc\">{}</div>{old}</td><td><div class=\"loc\">{}</div>{new}</td></tr>",
                c.kind,
                escape(&span(&c.old)),
                escape(&span(&c.new)),
            );
        }
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops() -> Vec<WordOp> {
        vec![
            WordOp {
                op: OpTag::Equal,
                text: "a ".into(),
            },
            WordOp {
                op: OpTag::Delete,
                text: "by-stander".into(),
            },
            WordOp {
                op: OpTag::Insert,
                text: "<bystander>".into(),
            },
        ]
    }

    #[test]
    fn markers() {
        assert_eq!(marked(&ops()), "a [-by-stander-]{+<bystander>+}");
        assert_eq!(marked_old(&ops()), "a [-by-stander-]");
        assert_eq!(marked_new(&ops()), "a {+<bystander>+}");
    }

    #[test]
    fn html_escapes_text() {
        assert_eq!(
            html_ops(&ops(), OpTag::Insert),
            "a <ins>&lt;bystander&gt;</ins>"
        );
    }
}
