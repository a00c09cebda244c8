//! `tandem export`: write alignments in an interchange or reading format, and say what
//! the exporter left out or changed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use tandem::alignment::{is_alignment_file, AlignmentFile, BeadRecord};
use tandem::export::csv::Guard;
use tandem::export::langtag::{is_for, parse_tag, LangTags};
use tandem::export::tmx::TmxOptions;
use tandem::export::units::UnitFilter;
use tandem::export::xliff::{self, XliffOptions};
use tandem::export::{csv, html, index_beads, ladder, tmx, tsv, vecalign, xlsx, Exported, Notes};
use tandem::review::{check, CheckConfig};
use tandem::write::Overwrite;

use super::input::{load_alignment, one_stdin};
use super::{exit, output, Context};

/// Export alignments as TSV, CSV, xlsx, TMX, XLIFF, hunalign's ladder, vecalign or HTML.
///
/// Translation memories (tmx, xliff, xliff2) hold the beads with both sides; beads with
/// one side empty are left out and counted (--keep-unpaired keeps them). They take
/// several alignments of one language pair (or --all) into one file.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// Alignment file(s) (alignments/<id>.json; `-` for standard input). Several only
    /// with tmx, xliff and xliff2.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    alignments: Vec<PathBuf>,
    /// Every alignment file (`*.json`) in the alignments folder, in name order.
    #[arg(long)]
    all: bool,
    /// The folder --all reads.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "alignments",
        requires = "all"
    )]
    alignments_dir: PathBuf,
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
    /// Keep beads with one side empty (omissions, additions) in tmx, xliff, xliff2.
    #[arg(long, help_heading = "Translation memory (tmx, xliff, xliff2)")]
    keep_unpaired: bool,
    /// Leave out beads whose confidence is below X (0–1) in tmx, xliff, xliff2.
    #[arg(long, value_name = "X", value_parser = parse_confidence, help_heading = "Translation memory (tmx, xliff, xliff2)")]
    min_confidence: Option<f64>,
    /// Language tag of the original [default: hu-HU for hu, …; docs/review.md].
    #[arg(long, value_name = "TAG", value_parser = parse_tag, help_heading = "Translation memory (tmx, xliff, xliff2)")]
    source_lang_tag: Option<String>,
    /// Language tag of the translation [default: en-GB for en, …].
    #[arg(long, value_name = "TAG", value_parser = parse_tag, help_heading = "Translation memory (tmx, xliff, xliff2)")]
    target_lang_tag: Option<String>,
    /// csv: write texts exactly, even cells a spreadsheet would run as formulas
    /// (`=…`, `+…`, `-…`, `@…`); for programs. By default such cells get a leading `'`.
    #[arg(long)]
    exact_csv: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// Locators, type, confidence and both texts, tab-separated (fields with `"` quoted).
    Tsv,
    /// The same columns as tsv, as quoted CSV; formula-like cells get a leading `'`.
    Csv,
    /// An Excel workbook: frozen header, wrapped text, review findings.
    Xlsx,
    /// TMX 1.4b translation memory, one unit per two-sided bead.
    Tmx,
    /// XLIFF 1.2 (OmegaT, Trados, memoQ), one unit per two-sided bead.
    Xliff,
    /// XLIFF 2.0, one unit per two-sided bead.
    Xliff2,
    /// hunalign's ladder: `i<TAB>j<TAB>confidence` rungs.
    Ladder,
    /// vecalign's beads: `[0, 1]:[2]` per line.
    Vecalign,
    /// A self-contained HTML page for reading and review.
    Html,
}

impl ExportFormat {
    fn name(self) -> &'static str {
        match self {
            ExportFormat::Tsv => "tsv",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Tmx => "tmx",
            ExportFormat::Xliff => "xliff",
            ExportFormat::Xliff2 => "xliff2",
            ExportFormat::Ladder => "ladder",
            ExportFormat::Vecalign => "vecalign",
            ExportFormat::Html => "html",
        }
    }

    /// A translation memory: several alignments, unit filters, language tags.
    fn is_memory(self) -> bool {
        matches!(
            self,
            ExportFormat::Tmx | ExportFormat::Xliff | ExportFormat::Xliff2
        )
    }
}

fn parse_confidence(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("'{s}' is not a confidence between 0 and 1")),
    }
}

/// Whether a bead was confirmed by a person (`tandem fix`; files of schema
/// `tandem-alignment/1` have no confirmed beads).
fn confirmed(bead: &BeadRecord) -> bool {
    bead.fixed
}

/// The alignment files named, or every `*.json` of the folder with --all (other JSON
/// files there are skipped with a warning).
fn inputs(ctx: &Context, args: &ExportArgs) -> Result<Vec<PathBuf>> {
    if !args.all {
        return Ok(args.alignments.clone());
    }
    let dir = &args.alignments_dir;
    let listed = tandem::alignment::alignment_files(dir).with_context(|| {
        format!(
            "cannot read the alignments folder '{}'; run 'tandem align --all' first or give --alignments-dir",
            dir.display()
        )
    })?;
    let mut files: Vec<PathBuf> = listed
        .into_iter()
        .filter(|p| {
            // Read bounded: a FIFO or device named *.json is skipped, never waited on.
            let ours = tandem::read::read_file(p, tandem::read::FileKind::Alignment)
                .is_ok_and(|b| is_alignment_file(&b));
            if !ours {
                ctx.warn(format!(
                    "{}: skipped: not a tandem alignment file",
                    p.display()
                ));
            }
            ours
        })
        .collect();
    files.sort();
    if files.is_empty() {
        bail!(
            "'{}' holds no alignment files (*.json); run 'tandem align --all' first",
            dir.display()
        );
    }
    Ok(files)
}

/// Refuse options that do nothing with this format (a silent no-op would mislead).
fn check_options(args: &ExportArgs, n: usize) -> Result<()> {
    let f = args.format;
    if n > 1 && !f.is_memory() {
        bail!(
            "--format {} takes one alignment ({n} given); use tmx, xliff or xliff2 for several",
            f.name()
        );
    }
    let memory_only = [
        ("--keep-unpaired", args.keep_unpaired),
        ("--min-confidence", args.min_confidence.is_some()),
    ];
    for (flag, given) in memory_only {
        if given && !f.is_memory() {
            bail!(
                "{flag} applies to tmx, xliff and xliff2, not --format {}",
                f.name()
            );
        }
    }
    let tagged = f.is_memory() || f == ExportFormat::Xlsx;
    if (args.source_lang_tag.is_some() || args.target_lang_tag.is_some()) && !tagged {
        bail!(
            "--source-lang-tag/--target-lang-tag apply to tmx, xliff, xliff2 and xlsx, not --format {}",
            f.name()
        );
    }
    if args.exact_csv && f != ExportFormat::Csv {
        bail!("--exact-csv applies to --format csv only");
    }
    Ok(())
}

pub(crate) fn run(ctx: &Context, args: ExportArgs) -> Result<i32> {
    let paths = inputs(ctx, &args)?;
    one_stdin(paths.iter().map(PathBuf::as_path))?;
    check_options(&args, paths.len())?;
    if args.format == ExportFormat::Xlsx
        && args.output.as_deref().is_none_or(|p| p == Path::new("-"))
        && std::io::stdout().is_terminal()
    {
        bail!("xlsx is a binary file; write it with -o FILE.xlsx (or redirect stdout)");
    }
    let files: Vec<AlignmentFile> = paths
        .iter()
        .map(|p| load_alignment(ctx, p, args.allow_stale))
        .collect::<Result<_>>()?;
    let refs: Vec<&AlignmentFile> = files.iter().collect();
    let first = refs[0];
    let tags = LangTags::new(
        &first.source.lang,
        &first.target.lang,
        (
            args.source_lang_tag.as_deref(),
            args.target_lang_tag.as_deref(),
        ),
    );
    for (tag, lang, flag) in [
        (&tags.source, &first.source.lang, "--source-lang-tag"),
        (&tags.target, &first.target.lang, "--target-lang-tag"),
    ] {
        if !is_for(tag, lang) {
            ctx.warn(format!(
                "{flag} {tag} is not the alignment's language ({lang}); CAT tools will file the units under {tag}"
            ));
        }
    }
    let filter = UnitFilter {
        keep_unpaired: args.keep_unpaired,
        min_confidence: args.min_confidence.unwrap_or(0.0),
    };
    let plain = |s: String| Exported {
        bytes: s.into_bytes(),
        notes: Notes::default(),
    };
    let out = match args.format {
        ExportFormat::Tsv => plain(tsv::write(first)),
        ExportFormat::Csv => csv::write(
            first,
            if args.exact_csv {
                Guard::Exact
            } else {
                Guard::Spreadsheet
            },
        )?,
        ExportFormat::Xlsx => xlsx::write(first, &check(first, &CheckConfig::default()), &tags)?,
        ExportFormat::Tmx => tmx::write(
            &refs,
            &TmxOptions {
                filter,
                tags: Some(tags),
            },
        )?,
        ExportFormat::Xliff | ExportFormat::Xliff2 => xliff::write(
            &refs,
            if args.format == ExportFormat::Xliff {
                xliff::Version::V12
            } else {
                xliff::Version::V20
            },
            &XliffOptions {
                filter,
                tags: Some(tags),
                fixed: confirmed,
            },
        )?,
        ExportFormat::Ladder => {
            let conf: Vec<f64> = first.beads.iter().map(|b| b.confidence).collect();
            plain(ladder::write(&index_beads(first), &conf))
        }
        ExportFormat::Vecalign => plain(vecalign::write(&index_beads(first))),
        ExportFormat::Html => plain(html::write(first, &check(first, &CheckConfig::default()))),
    };
    match &args.output {
        Some(path) if path != Path::new("-") => {
            let overwrite = if args.force {
                Overwrite::Force
            } else {
                Overwrite::Never
            };
            // Never over an alignment nor the texts it names, even with --force.
            let texts: Vec<PathBuf> = paths
                .iter()
                .zip(&files)
                .flat_map(|(p, f)| [f.resolve(p, &f.source), f.resolve(p, &f.target)])
                .collect();
            let inputs: Vec<&Path> = paths.iter().chain(&texts).map(PathBuf::as_path).collect();
            output::to_path(path, &out.bytes, overwrite, &inputs)?;
            report(ctx, &out.notes, &args);
            ctx.status(format!("wrote {}", path.display()));
        }
        _ => {
            output::to_stdout(&out.bytes)?;
            report(ctx, &out.notes, &args);
        }
    }
    Ok(exit::OK)
}

/// Say what the exporter left out or changed (on stderr).
fn report(ctx: &Context, n: &Notes, args: &ExportArgs) {
    if args.format.is_memory() {
        let mut left = Vec::new();
        if n.unpaired_left_out > 0 {
            left.push(format!(
                "{} with one side empty (--keep-unpaired keeps them)",
                n.unpaired_left_out
            ));
        }
        if n.low_confidence_left_out > 0 {
            left.push(format!(
                "{} below --min-confidence {}",
                n.low_confidence_left_out,
                args.min_confidence.unwrap_or(0.0)
            ));
        }
        let left = if left.is_empty() {
            String::new()
        } else {
            format!("; left out {}", left.join(", "))
        };
        ctx.status(format!("{} translation unit(s){left}", n.units));
    }
    if n.replaced_chars > 0 {
        ctx.warn(format!(
            "{} character(s) that XML cannot carry (U+FFFE, U+FFFF, control characters …) were replaced by U+FFFD",
            n.replaced_chars
        ));
    }
    if n.guarded_cells > 0 {
        ctx.warn(format!(
            "{} cell(s) start with = + - @ (e.g. a dialogue dash) and got a leading ' so spreadsheets keep them as text; --exact-csv writes them unchanged, --format xlsx needs no prefix",
            n.guarded_cells
        ));
    }
    if n.truncated_cells > 0 {
        ctx.warn(format!(
            "{} cell(s) were cut to the spreadsheet limit of {} characters",
            n.truncated_cells,
            xlsx::MAX_CELL_CHARS
        ));
    }
}
