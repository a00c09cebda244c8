//! `tandem eval`: score alignments against gold ones.

use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use tandem::alignment::AlignmentFile;
use tandem::eval::{
    calibration, check_sizes, confidence_outcomes, pair_beads, read_bead_file, score, separation,
    BeadFile, CalibrationBin,
};
use tandem::export::{index_beads, MAX_SENTENCES};
use tandem::read::FileKind;

use super::input::{one_stdin, read_input};
use super::{exit, output, render, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    /// Gold alignment, vecalign or ladder format (auto-detected); repeat for several pairs;
    /// `-` for standard input.
    #[arg(short, long, required = true)]
    gold: Vec<PathBuf>,
    /// Alignment(s) to score, one per gold file, in the same order: vecalign, ladder, or a
    /// tandem alignment file (JSON), which also reports how right beads are by confidence;
    /// `-` for standard input.
    #[arg(required = true, num_args = 1..)]
    test: Vec<PathBuf>,
    /// Source and target sentence counts per pair (`N,M`), to close ladder files;
    /// otherwise taken from the other alignment.
    #[arg(long, value_name = "N,M", value_parser = parse_sizes)]
    sizes: Vec<(usize, usize)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// The same as --format json (kept for scripts written before --format).
    #[arg(long, hide = true, conflicts_with = "format")]
    json: bool,
    /// Score even when a gold file's sentence counts disagree with the alignment's (a
    /// gold of part of the document). By default that is an error: the gold is most
    /// likely of another document, and its scores would mean nothing.
    #[arg(long)]
    allow_mismatch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EvalFormat {
    /// Tables for the terminal.
    Table,
    /// One JSON object (`tandem-eval/1`): scores, calibration, separation.
    Json,
}

#[derive(serde::Serialize)]
struct EvalOut<'a> {
    scores: &'a tandem::eval::Scores,
    calibration: &'a Option<Vec<CalibrationBin>>,
    separation: Option<f64>,
}

fn parse_sizes(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("'{s}' is not N,M (source and target sentence counts)");
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let (a, b): (usize, usize) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    // Ladder files are closed with these counts: a typo must not allocate gigabytes.
    if a > MAX_SENTENCES || b > MAX_SENTENCES {
        return Err(format!("at most {MAX_SENTENCES} sentences per side"));
    }
    Ok((a, b))
}

pub(crate) fn run(ctx: &Context, args: EvalArgs) -> Result<i32> {
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
    // Each test bead's confidence and whether it is right, when every test file is a
    // tandem alignment (JSON).
    let mut outcomes: Option<Vec<(f64, bool)>> = Some(Vec::new());
    one_stdin(args.gold.iter().chain(&args.test).map(PathBuf::as_path))?;
    for (k, (g, t)) in args.gold.iter().zip(&args.test).enumerate() {
        let read_text = |p: &PathBuf, kind: FileKind| -> Result<String> {
            String::from_utf8(read_input(p, kind)?)
                .with_context(|| format!("'{}' is not UTF-8 text", p.display()))
        };
        let gold = read_bead_file(&read_text(g, FileKind::BeadFile)?, g)?;
        // A test file may be an alignment file (JSON), which may be larger.
        let test_text = read_text(t, FileKind::Alignment)?;
        // A gold of another document must not be scored without a word: the alignment
        // (or a vecalign test file) knows how many sentences each side has.
        let check = |sizes: (usize, usize)| -> Result<()> {
            match check_sizes(&gold, sizes) {
                Ok(()) => Ok(()),
                Err(why) if args.allow_mismatch => {
                    ctx.warn(format!("{}: {why} (scored anyway: --allow-mismatch)", g.display()));
                    Ok(())
                }
                Err(why) => bail!(
                    "'{}' does not fit '{}': {why}; they are probably of different documents (or split differently); pass --allow-mismatch to score anyway",
                    g.display(),
                    t.display()
                ),
            }
        };
        if test_text.trim_start().starts_with('{') {
            let file = AlignmentFile::from_json(&test_text, t)?;
            check((file.source.sentences.len(), file.target.sentences.len()))?;
            let beads = index_beads(&file);
            let confidences: Vec<f64> = file.beads.iter().map(|b| b.confidence).collect();
            let (gold, test) = pair_beads(gold, BeadFile::Beads(beads), args.sizes.get(k).copied());
            if let Some(all) = outcomes.as_mut() {
                all.extend(confidence_outcomes(&gold, &test, &confidences));
            }
            pairs.push((gold, test));
        } else {
            outcomes = None;
            let test = read_bead_file(&test_text, t)?;
            if let BeadFile::Beads(beads) = &test {
                if !beads.is_empty() {
                    check(tandem::eval::bead_extent(beads))?;
                }
            }
            pairs.push(pair_beads(gold, test, args.sizes.get(k).copied()));
        }
    }
    let s = score(&pairs);
    let outcomes = outcomes.filter(|o| !o.is_empty());
    let bins: Option<Vec<CalibrationBin>> = outcomes.as_deref().map(calibration);
    let separation = outcomes.as_deref().and_then(separation);
    if args.json || args.format == EvalFormat::Json {
        let out = EvalOut {
            scores: &s,
            calibration: &bins,
            separation,
        };
        output::to_stdout(tandem::schema::tagged_json(tandem::schema::EVAL, &out).as_bytes())?;
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
    let mut out = format!(
        "{table}\n{} test beads, {} gold beads non-empty on both sides\n",
        s.test_beads, s.gold_beads_nonempty
    );
    if let Some(bins) = bins {
        let mut cal = render::new_table(render::table_width(None));
        cal.set_header(vec!["confidence", "beads", "strictly right", "share right"]);
        for b in &bins {
            cal.add_row(vec![
                format!("{:.2} – {:.2}", b.from, b.to),
                b.beads.to_string(),
                b.right.to_string(),
                if b.beads == 0 {
                    "–".to_string()
                } else {
                    format!("{:.1}%", 100.0 * b.right as f64 / b.beads as f64)
                },
            ]);
        }
        out.push_str(&format!("{cal}\n"));
        if let Some(auc) = separation {
            out.push_str(&format!(
                "separation: a right bead has a higher confidence than a wrong one in {:.1}% of pairs (ROC AUC {auc:.3})\n",
                100.0 * auc
            ));
        }
    }
    output::to_stdout(out.as_bytes())?;
    Ok(exit::OK)
}
