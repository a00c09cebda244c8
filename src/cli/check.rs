//! `tandem check`: review an alignment (or two texts, aligned first) for omissions,
//! additions, duplicates, order, negation, number/name mismatches, length outliers,
//! untranslated sentences, punctuation and low-confidence stretches.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::AlignmentFile;
use tandem::corpus::{doc_id, pair_id};
use tandem::lang::Lang;
use tandem::review::{check, CheckConfig, FailOn, FindingKind, Report};

use super::input::{
    load_alignment, load_pair, looks_like_alignment, one_stdin, pair_langs, InputArgs,
};
use super::{exit, output, render, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// An alignment file (alignments/<id>.json), or ORIGINAL TRANSLATION to align first.
    #[arg(required = true, num_args = 1..=2, value_name = "ALIGNMENT | ORIGINAL TRANSLATION")]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table, help_heading = "Output")]
    format: CheckFormat,
    /// Table width (default: the terminal, else COLUMNS, else 100).
    #[arg(long, value_name = "N", help_heading = "Output")]
    width: Option<u16>,
    /// Run only these kinds of check (comma-separated, e.g. omission,number-mismatch).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "KIND",
        help_heading = "Checks"
    )]
    only: Vec<FindingKind>,
    /// Exit with 1 if any finding is this serious (error, warning, info: that severity
    /// and above) or of these kinds (comma-separated, e.g. error,order), for CI.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "SEVERITY|KIND",
        help_heading = "Checks"
    )]
    fail_on: Vec<FailOn>,
    /// Exit with 1 if there are more than N findings, for CI.
    #[arg(long, value_name = "N", help_heading = "Checks")]
    max_findings: Option<usize>,
    /// Beads below this confidence count as low.
    #[arg(long, default_value_t = 0.5, value_name = "P", help_heading = "Checks")]
    low_confidence: f64,
    /// Use an alignment even if a text changed since it was made.
    #[arg(long)]
    allow_stale: bool,
    /// Language of the original when aligning two texts (default: from the file name,
    /// else hu).
    #[arg(long, value_name = "CODE", help_heading = "Alignment")]
    src_lang: Option<Lang>,
    /// Language of the translation when aligning two texts (default: from the file
    /// name, else en).
    #[arg(long, value_name = "CODE", help_heading = "Alignment")]
    tgt_lang: Option<Lang>,
    /// One alignment pass only (no learned dictionary).
    #[arg(long, help_heading = "Alignment")]
    no_realign: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// Findings and a summary as terminal tables.
    Table,
    /// The whole report (findings and summary) as JSON.
    Json,
    /// One finding per line: severity, kind, locator, side, bead, src, tgt, reason.
    Tsv,
}

/// Align two texts in memory (for `check ORIGINAL TRANSLATION`).
fn align_pair(
    ctx: &Context,
    args: &CheckArgs,
    original: &Path,
    translation: &Path,
) -> Result<AlignmentFile> {
    let (src_lang, tgt_lang) = pair_langs(
        original,
        translation,
        args.src_lang.as_ref(),
        args.tgt_lang.as_ref(),
    );
    let mut config = AlignConfig::for_languages(&src_lang, &tgt_lang);
    config.realign = !args.no_realign;
    let (src, tgt) = load_pair(
        ctx,
        (original, &src_lang),
        (translation, &tgt_lang),
        &args.input,
    )?;
    let empty: Vec<String> = [(original, &src), (translation, &tgt)]
        .iter()
        .filter(|(_, doc)| doc.sentences.is_empty())
        .map(|(path, _)| format!("'{}'", path.display()))
        .collect();
    if !empty.is_empty() {
        bail!(
            "nothing to check: {} {} no sentences; give texts with something to compare",
            empty.join(" and "),
            if empty.len() == 1 { "has" } else { "have" }
        );
    }
    let alignment = align_documents(&src, &tgt, &config);
    // As `tandem align` names a pair (`steinbeck/hu.txt` is `steinbeck`); an id `align`
    // would refuse still names the report, which writes no file.
    let id = pair_id(original).unwrap_or_else(|_| doc_id(original));
    Ok(AlignmentFile::new(
        &id,
        &src,
        &tgt,
        &alignment,
        Path::new(&format!("{id}.json")),
    ))
}

pub(crate) fn run(ctx: &Context, args: CheckArgs) -> Result<i32> {
    if !(0.0..=1.0).contains(&args.low_confidence) {
        bail!(
            "--low-confidence must be between 0 and 1, not {}",
            args.low_confidence
        );
    }
    one_stdin(
        args.inputs
            .iter()
            .map(PathBuf::as_path)
            .chain(args.input.files()),
    )?;
    let file = match args.inputs.as_slice() {
        [alignment] => {
            if alignment.extension().is_some_and(|e| e == "txt") {
                bail!(
                    "'{}' is a text, not an alignment; give ORIGINAL TRANSLATION, or an alignment file made by 'tandem align'",
                    alignment.display()
                );
            }
            load_alignment(ctx, alignment, args.allow_stale)?
        }
        [original, translation] => {
            let alignments: Vec<&PathBuf> = [original, translation]
                .into_iter()
                .filter(|p| looks_like_alignment(p))
                .collect();
            match alignments.as_slice() {
                [] => {}
                [_, _] => bail!(
                    "'{}' and '{}' are both alignment files; check takes one alignment file, or ORIGINAL TRANSLATION (two texts)",
                    original.display(),
                    translation.display()
                ),
                [one] => bail!(
                    "'{}' is an alignment file; give it alone (tandem check {}), or give two texts ORIGINAL TRANSLATION",
                    one.display(),
                    one.display()
                ),
                _ => unreachable!("at most two inputs"),
            }
            align_pair(ctx, &args, original, translation)?
        }
        _ => bail!("give an alignment file, or ORIGINAL TRANSLATION"),
    };
    let mut config = CheckConfig {
        low_confidence: args.low_confidence,
        ..CheckConfig::default()
    };
    if !args.only.is_empty() {
        config = config.only(&args.only);
    }
    let report = check(&file, &config);
    let text = match args.format {
        CheckFormat::Table => render::check_report(ctx, &file, &report, args.width),
        CheckFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
        CheckFormat::Tsv => tsv(&report),
    };
    output::to_stdout(text.as_bytes())?;
    Ok(exit_code(&args, &report))
}

fn exit_code(args: &CheckArgs, report: &Report) -> i32 {
    let failing = report
        .findings
        .iter()
        .any(|f| args.fail_on.iter().any(|c| c.matches(f)));
    let too_many = args.max_findings.is_some_and(|n| report.findings.len() > n);
    if failing || too_many {
        exit::FOUND
    } else {
        exit::OK
    }
}

fn tsv(report: &Report) -> String {
    let ids = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let mut out = String::from("severity\tkind\tlocator\tside\tbead\tsrc\ttgt\treason\n");
    for f in &report.findings {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            f.severity,
            f.kind,
            f.locator,
            match f.side {
                tandem::review::Side::Source => "source",
                tandem::review::Side::Target => "target",
            },
            f.bead,
            ids(&f.src),
            ids(&f.tgt),
            f.reason.replace(['\t', '\n', '\r'], " ")
        ));
    }
    out
}
