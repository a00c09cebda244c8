//! Terminal tables and colour. The only place that formats for a terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use tandem::lang::Lang;

use super::align::Summary;
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

fn num(n: impl ToString) -> Cell {
    Cell::new(n.to_string()).set_alignment(CellAlignment::Right)
}

/// The batch summary table.
pub(crate) fn summary_table(_ctx: &Context, rows: &[Summary], src: &Lang, tgt: &Lang) -> String {
    let mut table = new_table(table_width(None));
    table.set_header(vec![
        Cell::new("document"),
        Cell::new(format!("{src} sent.")),
        Cell::new(format!("{tgt} sent.")),
        Cell::new("beads"),
        Cell::new("1-1"),
        Cell::new("low conf."),
        Cell::new("mean conf."),
        Cell::new("time"),
        Cell::new("status"),
    ]);
    for r in rows {
        table.add_row(vec![
            Cell::new(&r.id),
            num(r.src_sentences),
            num(r.tgt_sentences),
            num(r.beads),
            num(format!("{:.0}%", r.one_to_one * 100.0)),
            num(r.low),
            num(format!("{:.2}", r.mean_confidence)),
            num(format!("{:.2}s", r.seconds)),
            Cell::new(&r.status),
        ]);
    }
    let total_src: usize = rows.iter().map(|r| r.src_sentences).sum();
    let total_tgt: usize = rows.iter().map(|r| r.tgt_sentences).sum();
    let total_beads: usize = rows.iter().map(|r| r.beads).sum();
    let total_low: usize = rows.iter().map(|r| r.low).sum();
    format!(
        "{table}\n{} document(s): {total_src} {src} / {total_tgt} {tgt} sentences, {total_beads} beads, {total_low} low-confidence\n",
        rows.len()
    )
}
