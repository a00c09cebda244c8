//! `tandem show`: an alignment side by side in the terminal (or as Markdown, TSV, JSON),
//! with the review flags of each bead, in text order or in review order (`--order
//! risk`: the beads most likely wrong first, see `tandem::risk`).

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;
use tandem::alignment::AlignmentFile;
use tandem::document::Locator;
use tandem::fix::span;
use tandem::review::{check, side_text, CheckConfig, FindingKind};
use tandem::risk::{self, Signal};

use super::input::load_alignment;
use super::{output, render, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct ShowArgs {
    /// The alignment file (alignments/<id>.json).
    alignment: PathBuf,
    /// Show only beads with review findings.
    #[arg(long)]
    only_flagged: bool,
    /// Show only beads of these original paragraphs or sentences: p3..p7, p3.s2..p4,
    /// p5.. or l10..l20 (inclusive).
    #[arg(long, value_name = "FROM..TO", value_parser = parse_range)]
    range: Option<(Option<Locator>, Option<Locator>)>,
    /// Table width (default: the terminal, else COLUMNS, else 100).
    #[arg(long, value_name = "N")]
    width: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    format: ShowFormat,
    /// Order of the beads: text (as in the texts) or risk (most likely wrong first: low
    /// confidence, findings, merges and beads at the edge of what the aligner can draw,
    /// their neighbours, length outliers; fixed beads last).
    #[arg(long, value_enum, default_value_t = Order::Text)]
    order: Order,
    /// Show only the first N beads of the order (with `--order risk`: the N most likely
    /// wrong); stderr says how many were left out.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Use an alignment even if a text changed since it was made.
    #[arg(long)]
    allow_stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Order {
    /// As in the texts.
    Text,
    /// Most likely wrong first.
    Risk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ShowFormat {
    /// A terminal table fitted to the width.
    Table,
    /// A Markdown (GFM) table, one row per bead.
    Markdown,
    /// Tab-separated, one bead per line.
    Tsv,
    /// A JSON array of beads.
    Json,
}

/// One bead as shown.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    /// Index of the bead in the alignment file.
    pub(crate) bead: usize,
    pub(crate) locator: String,
    /// Source sentence indices (0-based, as in the alignment file).
    pub(crate) src: Vec<usize>,
    /// Target sentence indices.
    pub(crate) tgt: Vec<usize>,
    pub(crate) source_ids: Vec<String>,
    pub(crate) target_ids: Vec<String>,
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) confidence: f64,
    /// Whether a person confirmed the bead (`tandem fix`).
    pub(crate) fixed: bool,
    /// How likely the bead is wrong (see `tandem::risk`).
    pub(crate) risk: f64,
    /// Why the risk is above 1 − confidence.
    pub(crate) signals: Vec<Signal>,
    pub(crate) flags: Vec<FindingKind>,
    pub(crate) reasons: Vec<String>,
    pub(crate) source: String,
    pub(crate) target: String,
}

/// `tandem show --format json`.
#[derive(Debug, Serialize)]
struct ShowJson<'a> {
    schema: &'static str,
    document: &'a str,
    order: &'static str,
    beads: &'a [Row],
}

/// `p3` is the whole paragraph: from its first sentence, or up to its last.
fn parse_end(s: &str, upper: bool) -> Result<Option<Locator>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(p) = s.strip_prefix('p').filter(|p| !p.contains('.')) {
        let paragraph: u32 = p.parse().map_err(|_| {
            format!(
                "'{}' is not a paragraph; write p3, p3.s2 or l17",
                super::terminal::escape(s)
            )
        })?;
        return Ok(Some(Locator::Para {
            paragraph,
            sentence: if upper { u32::MAX } else { 1 },
        }));
    }
    s.parse().map(Some)
}

fn parse_range(s: &str) -> Result<(Option<Locator>, Option<Locator>), String> {
    match s.split_once("..") {
        Some((a, b)) => Ok((parse_end(a, false)?, parse_end(b, true)?)),
        None => Ok((parse_end(s, false)?, parse_end(s, true)?)),
    }
}

pub(crate) fn rows(
    file: &AlignmentFile,
    only_flagged: bool,
    range: Option<(Option<Locator>, Option<Locator>)>,
    order: Order,
) -> Vec<Row> {
    let report = check(file, &CheckConfig::default());
    let flags = report.flags();
    let risks = risk::assess(file, &report);
    let mut out = Vec::new();
    for (k, b) in file.beads.iter().enumerate() {
        let bead_flags = flags.get(k).cloned().unwrap_or_default();
        if only_flagged && bead_flags.is_empty() {
            continue;
        }
        let first = b
            .src
            .first()
            .map(|&i| file.source.sentences[i].id)
            .or_else(|| {
                // An addition sits where the original continues.
                file.beads[..k]
                    .iter()
                    .rev()
                    .find_map(|p| p.src.last().map(|&i| file.source.sentences[i].id))
            });
        if let (Some((from, to)), Some(first)) = (range, first) {
            if from.is_some_and(|f| first < f) || to.is_some_and(|t| first > t) {
                continue;
            }
        }
        let locator = if b.src.is_empty() {
            format!("+{}", span(&file.target, &b.tgt))
        } else {
            span(&file.source, &b.src)
        };
        let ids = |ids: &[usize], rec: &tandem::alignment::TextRecord| {
            ids.iter()
                .map(|&i| rec.sentences[i].id.to_string())
                .collect()
        };
        out.push(Row {
            bead: k,
            locator,
            src: b.src.clone(),
            tgt: b.tgt.clone(),
            source_ids: ids(&b.src, &file.source),
            target_ids: ids(&b.tgt, &file.target),
            kind: b.kind.clone(),
            confidence: b.confidence,
            fixed: b.fixed,
            risk: (risks[k].risk * 1e4).round() / 1e4,
            signals: risks[k].signals.clone(),
            flags: bead_flags,
            reasons: report.on_bead(k).map(|f| f.reason.clone()).collect(),
            source: tandem::document::collapse_whitespace(&side_text(&file.source, &b.src)),
            target: tandem::document::collapse_whitespace(&side_text(&file.target, &b.tgt)),
        });
    }
    if order == Order::Risk {
        let rank: Vec<usize> = {
            let mut rank = vec![0; risks.len()];
            for (position, bead) in risk::order(&risks).into_iter().enumerate() {
                rank[bead] = position;
            }
            rank
        };
        out.sort_by_key(|r| rank[r.bead]);
    }
    out
}

pub(crate) fn run(ctx: &Context, args: ShowArgs) -> Result<i32> {
    let file = load_alignment(ctx, &args.alignment, args.allow_stale)?;
    let mut rows = rows(&file, args.only_flagged, args.range, args.order);
    if let Some(limit) = args.limit.filter(|&n| n < rows.len()) {
        ctx.status(format_args!(
            "showing {limit} of {} beads (--limit {limit})",
            rows.len()
        ));
        rows.truncate(limit);
    }
    let risk_columns = args.order == Order::Risk;
    let text = match args.format {
        ShowFormat::Table => render::show_table(ctx, &file, &rows, args.width, risk_columns),
        ShowFormat::Markdown => render::show_markdown(&file, &rows, risk_columns),
        ShowFormat::Tsv => render::show_tsv(&rows, risk_columns),
        ShowFormat::Json => {
            let json = ShowJson {
                schema: "tandem-show/1",
                document: &file.id,
                order: match args.order {
                    Order::Text => "text",
                    Order::Risk => "risk",
                },
                beads: &rows,
            };
            let mut s = serde_json::to_string_pretty(&json)?;
            s.push('\n');
            s
        }
    };
    output::to_stdout(text.as_bytes())?;
    Ok(super::exit::OK)
}
