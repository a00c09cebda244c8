//! `tandem eval`: score alignments against gold ones.

use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use tandem::eval::{pair_beads, read_bead_file, score};

use super::{exit, output, render, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    /// Gold alignment, vecalign or ladder format (auto-detected); repeat for several pairs.
    #[arg(short, long, required = true)]
    gold: Vec<PathBuf>,
    /// Alignment(s) to score, one per gold file, in the same order.
    #[arg(required = true, num_args = 1..)]
    test: Vec<PathBuf>,
    /// Source and target sentence counts per pair (`N,M`), to close ladder files;
    /// otherwise taken from the other alignment.
    #[arg(long, value_name = "N,M", value_parser = parse_sizes)]
    sizes: Vec<(usize, usize)>,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    json: bool,
}

fn parse_sizes(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("'{s}' is not N,M (source and target sentence counts)");
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    Ok((
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    ))
}

pub(crate) fn run(_ctx: &Context, args: EvalArgs) -> Result<i32> {
    if args.gold.len() != args.test.len() {
        bail!(
            "{} gold file(s) but {} test file(s); give one test file per --gold",
            args.gold.len(),
            args.test.len()
        );
    }
    if !args.sizes.is_empty() && args.sizes.len() != args.gold.len() {
        bail!("give one --sizes per gold/test pair");
    }
    let mut pairs = Vec::new();
    for (k, (g, t)) in args.gold.iter().zip(&args.test).enumerate() {
        let read = |p: &PathBuf| -> Result<_> {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read '{}'", p.display()))?;
            Ok(read_bead_file(&text, p)?)
        };
        pairs.push(pair_beads(read(g)?, read(t)?, args.sizes.get(k).copied()));
    }
    let s = score(&pairs);
    if args.json {
        output::to_stdout(format!("{}\n", serde_json::to_string_pretty(&s)?).as_bytes())?;
        return Ok(exit::OK);
    }
    let mut table = render::new_table(render::table_width(None));
    table.set_header(vec!["", "precision", "recall", "F1"]);
    table.add_row(vec![
        "strict".to_string(),
        format!("{:.4}", s.precision_strict),
        format!("{:.4}", s.recall_strict),
        format!("{:.4}", s.f1_strict),
    ]);
    table.add_row(vec![
        "lax".to_string(),
        format!("{:.4}", s.precision_lax),
        format!("{:.4}", s.recall_lax),
        format!("{:.4}", s.f1_lax),
    ]);
    output::to_stdout(
        format!(
            "{table}\n{} test beads, {} gold beads non-empty on both sides\n",
            s.test_beads, s.gold_beads_nonempty
        )
        .as_bytes(),
    )?;
    Ok(exit::OK)
}
