//! Terminal tables and colour. The only place that formats for a terminal.
//!
//! Every piece of text from a file goes into a table through [`text`]: escaped
//! ([`super::terminal`]), cut to [`MAX_CELL_CHARS`], and with runs of more than
//! [`MAX_TOKEN_CHARS`] non-space characters broken into lines. comfy-table wraps at
//! spaces in linear time, but splits one long unbroken token in time quadratic in its
//! length (20,000 characters took 6 s), so tandem never gives it one.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::borrow::Cow;

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use tandem::lang::Lang;

use super::align::{Summary, LOW_CONFIDENCE};
use super::Context;

/// Width for tables: `--width`, else `COLUMNS`, else the terminal, else 100.
pub(crate) fn table_width(explicit: Option<u16>) -> u16 {
    explicit
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .or_else(terminal_width)
        .unwrap_or(100)
        .max(40)
}

fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let t = Table::new();
    t.width()
}

/// A table with tandem's style, fitted to `width`.
pub(crate) fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// Longest run of non-space characters a table line shows; longer ones (hashes, URLs,
/// damaged text) are cut into lines of this length.
pub(crate) const MAX_TOKEN_CHARS: usize = 40;

/// Most characters of one text a table cell shows; the rest is left out with a note
/// (`--format tsv` or `json` give every character).
pub(crate) const MAX_CELL_CHARS: usize = 4_000;

/// Untrusted text for a table cell: escaped, cut to [`MAX_CELL_CHARS`], long tokens
/// broken. Linear in the text's length.
pub(crate) fn text(s: &str) -> String {
    let escaped = super::terminal::escape(s);
    let total = escaped.chars().count();
    let shown: Cow<'_, str> = if total > MAX_CELL_CHARS {
        let cut: String = escaped.chars().take(MAX_CELL_CHARS).collect();
        Cow::Owned(format!(
            "{cut} … [{} more characters; --format tsv shows all]",
            total - MAX_CELL_CHARS
        ))
    } else {
        escaped
    };
    break_long_tokens(&shown).into_owned()
}

/// Break every run of more than [`MAX_TOKEN_CHARS`] non-whitespace characters into lines
/// of at most that many (text without such runs is returned as it is).
pub(crate) fn break_long_tokens(s: &str) -> Cow<'_, str> {
    let mut run = 0usize;
    let needs = s.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > MAX_TOKEN_CHARS
    });
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + s.len() / MAX_TOKEN_CHARS + 1);
    let mut run = 0usize;
    for c in s.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            if run == MAX_TOKEN_CHARS {
                out.push('\n');
                run = 0;
            }
            run += 1;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

fn num(n: impl ToString) -> Cell {
    Cell::new(n.to_string()).set_alignment(CellAlignment::Right)
}

/// The batch summary table.
pub(crate) fn summary_table(_ctx: &Context, rows: &[Summary], src: &Lang, tgt: &Lang) -> String {
    let mut table = new_table(table_width(None));
    table.set_header(vec![
        Cell::new("document"),
        Cell::new(src.code()),
        Cell::new(tgt.code()),
        Cell::new("beads"),
        Cell::new("1-1"),
        Cell::new("low"),
        Cell::new("conf."),
        Cell::new("findings"),
        Cell::new("fixed"),
        Cell::new("time"),
        Cell::new("status"),
    ]);
    for r in rows {
        table.add_row(vec![
            Cell::new(text(&r.id)),
            num(r.src_sentences),
            num(r.tgt_sentences),
            num(r.beads),
            num(format!("{:.0}%", r.one_to_one * 100.0)),
            num(r.low),
            num(format!("{:.2}", r.mean_confidence)),
            num(r.findings.map_or("–".to_string(), |n| n.to_string())),
            num(match r.fixes {
                (placed, 0) => placed.to_string(),
                (placed, orphans) => format!("{placed} +{orphans} orphan"),
            }),
            num(format!("{:.2}s", r.seconds)),
            Cell::new(text(&r.status)),
        ]);
    }
    let total_src: usize = rows.iter().map(|r| r.src_sentences).sum();
    let total_tgt: usize = rows.iter().map(|r| r.tgt_sentences).sum();
    let total_beads: usize = rows.iter().map(|r| r.beads).sum();
    let total_low: usize = rows.iter().map(|r| r.low).sum();
    let total_findings: usize = rows.iter().filter_map(|r| r.findings).sum();
    let total_fixes: usize = rows.iter().map(|r| r.fixes.0).sum();
    let total_orphans: usize = rows.iter().map(|r| r.fixes.1).sum();
    let orphans = if total_orphans > 0 {
        format!("; {total_orphans} orphaned, see tandem fix ALIGNMENT --list")
    } else {
        String::new()
    };
    // What happened to each document, in the order of the statuses' first appearance.
    let mut statuses: Vec<(&str, usize)> = Vec::new();
    for r in rows {
        match statuses.iter_mut().find(|(s, _)| *s == r.status) {
            Some((_, n)) => *n += 1,
            None => statuses.push((&r.status, 1)),
        }
    }
    let statuses: Vec<String> = statuses
        .iter()
        .map(|(s, n)| format!("{n} {}", s.to_lowercase()))
        .collect();
    format!(
        "{table}\n{} document(s): {}; {total_src} {src} / {total_tgt} {tgt} sentences, {total_beads} beads ({total_fixes} confirmed by fixes{orphans}), {total_low} below confidence {LOW_CONFIDENCE}, {total_findings} check findings (tandem check alignments/<id>.json)\n",
        rows.len(),
        statuses.join(", ")
    )
}

/// Wrap `text` in `style` when colour is on.
fn paint(color: bool, style: anstyle::Style, text: &str) -> String {
    if color && !text.is_empty() {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn severity_style(severity: tandem::review::Severity) -> anstyle::Style {
    use anstyle::AnsiColor;
    use tandem::review::Severity;
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    anstyle::Style::new().fg_color(Some(color.into())).bold()
}

/// A finding's reason, then the sentences it concerns (shortened), one per line.
fn finding_text(file: &tandem::alignment::AlignmentFile, f: &tandem::review::Finding) -> String {
    let short = |s: &str| {
        let s = tandem::document::collapse_whitespace(s);
        if s.chars().count() > 160 {
            format!("{}…", s.chars().take(160).collect::<String>().trim_end())
        } else {
            s
        }
    };
    // Each piece escaped on its own: the line breaks between them are tandem's.
    let mut out = text(&f.reason);
    for (lang, sentence, ids) in [
        (&file.source.lang, &f.source, &f.src),
        (&file.target.lang, &f.target, &f.tgt),
    ] {
        if !ids.is_empty() {
            out.push_str(&format!("\n{lang}: {}", text(&short(sentence))));
        }
    }
    out
}

/// Findings, then the summary, as terminal tables (`tandem check`).
pub(crate) fn check_report(
    ctx: &Context,
    file: &tandem::alignment::AlignmentFile,
    report: &tandem::review::Report,
    width: Option<u16>,
) -> String {
    use tandem::review::{FindingKind, Side};
    let color = ctx.stdout_color();
    let width = table_width(width);
    let mut out = String::new();
    let id = super::terminal::escape(&file.id);
    if report.findings.is_empty() {
        out.push_str(&format!("{id}: no findings\n"));
    } else {
        let mut table = new_table(width);
        if color {
            table.enforce_styling();
        }
        table.set_header(vec!["severity", "kind", "locator", "reason"]);
        for f in &report.findings {
            let locator = match f.side {
                Side::Source => f.locator.to_string(),
                Side::Target => format!("{} ({})", f.locator, file.target.lang),
            };
            table.add_row(vec![
                Cell::new(paint(
                    color,
                    severity_style(f.severity),
                    &f.severity.to_string(),
                )),
                Cell::new(f.kind.as_str()),
                Cell::new(text(&locator)),
                Cell::new(finding_text(file, f)),
            ]);
        }
        out.push_str(&format!("{table}\n"));
    }
    let s = &report.summary;
    let mut summary = new_table(width.min(60));
    summary.set_header(vec![Cell::new("kind"), Cell::new("findings")]);
    for kind in FindingKind::ALL {
        summary.add_row(vec![
            Cell::new(kind.as_str()),
            num(s.counts.get(&kind).copied().unwrap_or(0)),
        ]);
    }
    out.push_str(&format!(
        "{summary}\n{}: {} findings, {} beads, {:.0}% 1-1, mean confidence {:.2}\n",
        id,
        report.findings.len(),
        s.beads,
        s.one_to_one * 100.0,
        s.mean_confidence
    ));
    out
}

/// A bead's confidence as shown: `fixed` for a confirmed bead.
fn confidence_text(r: &super::show::Row) -> String {
    if r.fixed {
        "fixed".to_string()
    } else {
        format!("{:.2}", r.confidence)
    }
}

/// What the last column of `show` lists: review flags, or with the risk columns the
/// signals behind the risk and any other flag.
fn why(r: &super::show::Row, risk_columns: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if risk_columns {
        out.extend(r.signals.iter().map(|s| s.to_string()));
    }
    for f in &r.flags {
        let name = f.as_str().to_string();
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The side-by-side table (`tandem show`), with the risk columns in review order.
pub(crate) fn show_table(
    ctx: &Context,
    file: &tandem::alignment::AlignmentFile,
    rows: &[super::show::Row],
    width: Option<u16>,
    risk_columns: bool,
) -> String {
    use comfy_table::{ColumnConstraint, Width};
    let color = ctx.stdout_color();
    let mut table = new_table(table_width(width));
    if color {
        table.enforce_styling();
    }
    let mut header = vec![
        Cell::new("locator"),
        Cell::new(text(file.source.lang.code())),
        Cell::new(text(file.target.lang.code())),
        Cell::new("type"),
        Cell::new("conf."),
    ];
    if risk_columns {
        header.push(Cell::new("risk"));
    }
    header.push(Cell::new(if risk_columns { "why" } else { "flags" }));
    table.set_header(header);
    let low = anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Red.into()))
        .bold();
    let flag = anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    for r in rows {
        let conf = confidence_text(r);
        let conf = if !r.fixed && r.confidence < super::align::LOW_CONFIDENCE {
            paint(color, low, &conf)
        } else {
            conf
        };
        let mut cells = vec![
            Cell::new(text(&r.locator)),
            Cell::new(text(&r.source)),
            Cell::new(text(&r.target)),
            Cell::new(text(&r.kind)),
            Cell::new(conf).set_alignment(CellAlignment::Right),
        ];
        if risk_columns {
            cells.push(Cell::new(format!("{:.2}", r.risk)).set_alignment(CellAlignment::Right));
        }
        cells.push(Cell::new(paint(
            color,
            flag,
            &why(r, risk_columns).join("\n"),
        )));
        table.add_row(cells);
    }
    // Text columns share what is left; the small ones keep their content width, up to
    // the longest flag or signal name (`number-mismatch`) and the padding, so that no
    // name is broken over two lines.
    const SMALL_COLUMN: u16 = "number-mismatch".len() as u16 + 2;
    let small: &[usize] = if risk_columns {
        &[0, 3, 4, 5, 6]
    } else {
        &[0, 3, 4, 5]
    };
    for &i in small {
        if let Some(col) = table.column_mut(i) {
            col.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(SMALL_COLUMN)));
        }
    }
    if rows.is_empty() {
        return "no beads to show\n".to_string();
    }
    format!("{table}\n")
}

fn md_cell(s: &str) -> String {
    super::terminal::escape(&tandem::document::collapse_whitespace(s))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
}

/// A GitHub-flavoured Markdown table: one line per bead, `|` escaped.
pub(crate) fn show_markdown(
    file: &tandem::alignment::AlignmentFile,
    rows: &[super::show::Row],
    risk_columns: bool,
) -> String {
    let mut out = if risk_columns {
        format!(
            "| locator | {} | {} | type | conf. | risk | why |\n|---|---|---|---|---:|---:|---|\n",
            md_cell(file.source.lang.code()),
            md_cell(file.target.lang.code())
        )
    } else {
        format!(
            "| locator | {} | {} | type | conf. | flags |\n|---|---|---|---|---:|---|\n",
            md_cell(file.source.lang.code()),
            md_cell(file.target.lang.code())
        )
    };
    for r in rows {
        let risk = if risk_columns {
            format!(" {:.2} |", r.risk)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |{risk} {} |\n",
            md_cell(&r.locator),
            md_cell(&r.source),
            md_cell(&r.target),
            md_cell(&r.kind),
            confidence_text(r),
            md_cell(&why(r, risk_columns).join(", "))
        ));
    }
    out
}

/// Tab-separated rows (`tandem show --format tsv`); with the risk columns, `risk` and
/// `signals` follow `flags`.
pub(crate) fn show_tsv(rows: &[super::show::Row], risk_columns: bool) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("locator\tsource_ids\ttarget_ids\ttype\tconfidence\tflags\t");
    if risk_columns {
        out.push_str("risk\tsignals\t");
    }
    out.push_str("source\ttarget\n");
    for r in rows {
        let flags: Vec<&str> = r.flags.iter().map(|k| k.as_str()).collect();
        let risk = if risk_columns {
            let signals: Vec<&str> = r.signals.iter().map(|s| s.as_str()).collect();
            format!("{:.4}\t{}\t", r.risk, signals.join(","))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{:.4}\t{}\t{risk}{}\t{}\n",
            r.locator,
            r.source_ids.join(" "),
            r.target_ids.join(" "),
            r.kind,
            r.confidence,
            flags.join(","),
            clean(&r.source),
            clean(&r.target)
        ));
    }
    out
}
