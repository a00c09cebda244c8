//! `tandem export`: write an alignment in an interchange or reading format.

use std::path::PathBuf;

use anyhow::Result;
use tandem::export::{csv, html, index_beads, ladder, tmx, tsv, vecalign};
use tandem::review::{check, CheckConfig};
use tandem::write::Overwrite;

use super::input::load_alignment;
use super::{exit, output, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// The alignment file (alignments/<id>.json).
    alignment: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file (`-` or none = stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite an existing output file.
    #[arg(long)]
    force: bool,
    /// Use an alignment even if a text changed since it was made.
    #[arg(long)]
    allow_stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// Locators, type, confidence and both texts, tab-separated.
    Tsv,
    /// The same columns as tsv, as quoted CSV.
    Csv,
    /// TMX 1.4b translation memory, one unit per bead.
    Tmx,
    /// hunalign's ladder: `i<TAB>j<TAB>confidence` rungs.
    Ladder,
    /// vecalign's beads: `[0, 1]:[2]` per line.
    Vecalign,
    /// A self-contained HTML page for reading and review.
    Html,
}

pub(crate) fn run(ctx: &Context, args: ExportArgs) -> Result<i32> {
    let file = load_alignment(ctx, &args.alignment, args.allow_stale)?;
    let text = match args.format {
        ExportFormat::Tsv => tsv::write(&file),
        ExportFormat::Csv => csv::write(&file)?,
        ExportFormat::Tmx => tmx::write(&file)?,
        ExportFormat::Ladder => {
            let conf: Vec<f64> = file.beads.iter().map(|b| b.confidence).collect();
            ladder::write(&index_beads(&file), &conf)
        }
        ExportFormat::Vecalign => vecalign::write(&index_beads(&file)),
        ExportFormat::Html => html::write(&file, &check(&file, &CheckConfig::default())),
    };
    match &args.output {
        Some(path) => {
            let overwrite = if args.force {
                Overwrite::Force
            } else {
                Overwrite::Never
            };
            output::to_path(path, text.as_bytes(), overwrite, &[&args.alignment])?;
            ctx.status(format!("wrote {}", path.display()));
        }
        None => output::to_stdout(text.as_bytes())?,
    }
    Ok(exit::OK)
}
