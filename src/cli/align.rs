//! `tandem align`: one pair (here), or a whole corpus in parallel (`batch`); both print
//! `summary` rows, keep a person's fixes (`keep`) and stop cleanly on Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::{is_alignment_file, AlignmentFile};
use tandem::corpus::{check_doc_id, pair_id};
use tandem::export::{index_beads, ladder, tsv, vecalign};
use tandem::lang::Lang;
use tandem::write::Overwrite;

use super::input::{
    is_stdin, load_pair, one_stdin, pair_langs, read_input, warn_if_pair_looks_wrong, InputArgs,
    STDIN,
};
use super::{exit, output, Context};

mod batch;
mod keep;
mod summary;
use batch::run_batch;
use keep::{existing_alignment, fixes_note, with_fixes, Aligned};
pub(crate) use summary::Summary;

/// Set by Ctrl-C / SIGTERM; the aligner checks it on every row of its search.
static STOP: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));
/// Status of a document skipped or stopped by an interruption.
pub(super) const INTERRUPTED: &str = "interrupted";

/// Confidence below which a bead counts as low-confidence in summaries.
pub(crate) const LOW_CONFIDENCE: f64 = 0.5;

#[derive(Debug, clap::Args)]
pub(crate) struct AlignArgs {
    /// The original (Hungarian), e.g. originals/<id>.hu.txt.
    #[arg(required_unless_present_any = ["all", "originals"])]
    original: Option<PathBuf>,
    /// The translation (English), e.g. translations/<id>.en.txt.
    #[arg(required_unless_present_any = ["all", "originals"])]
    translation: Option<PathBuf>,
    /// Output file (`-` = stdout). Default for json: alignments/<id>.json beside the
    /// corpus folders; for other formats: stdout.
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    output: Option<PathBuf>,
    /// The document id recorded in the alignment and used for the default output name
    /// (default: the original's file name without language and extension, e.g. `memo`
    /// for memo.hu.txt; for a file named only hu.txt, its folder's name).
    #[arg(long, value_name = "ID", conflicts_with_all = ["all", "originals"], help_heading = "Output")]
    id: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Json, help_heading = "Output")]
    format: AlignFormat,
    /// Overwrite output files tandem did not write, and redo up-to-date alignments
    /// (fixes are kept).
    #[arg(long, help_heading = "Output")]
    force: bool,
    /// Start over: drop the fixes of the alignment file being replaced (the fixes of
    /// the corpus sidecar, originals/<id>.toml, are applied again).
    #[arg(long, help_heading = "Output")]
    discard_fixes: bool,
    /// Align every pair of the corpus in the current folder: originals/<id>.hu.txt with
    /// translations/<id>.en.txt into alignments/<id>.json (.docx, .odt, .html and .htm
    /// files are accepted in place of .txt).
    #[arg(long, conflicts_with_all = ["original", "translation", "output"], help_heading = "Batch")]
    all: bool,
    /// Folder of originals for a batch (with --translations and --out).
    #[arg(long, value_name = "DIR", requires_all = ["translations", "out"], conflicts_with_all = ["original", "translation", "output"], help_heading = "Batch")]
    originals: Option<PathBuf>,
    /// Folder of translations for a batch.
    #[arg(long, value_name = "DIR", help_heading = "Batch")]
    translations: Option<PathBuf>,
    /// Output folder for a batch.
    #[arg(long, value_name = "DIR", help_heading = "Batch")]
    out: Option<PathBuf>,
    /// Stream each alignment as one JSON line on stdout (batch), in document order.
    #[arg(long, help_heading = "Batch")]
    jsonl: bool,
    /// Process only slice K of N (1-based) of the documents sorted by id, e.g. 2/4.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, help_heading = "Batch")]
    shard: Option<(usize, usize)>,
    /// Worker threads for a batch (default: all cores; at most 64, and at most one per
    /// document).
    #[arg(short, long, value_name = "N", help_heading = "Batch")]
    jobs: Option<usize>,
    /// Language of the originals (default: from the file name, else hu).
    #[arg(long, value_name = "CODE", help_heading = "Alignment")]
    src_lang: Option<Lang>,
    /// Language of the translations (default: from the file name, else en).
    #[arg(long, value_name = "CODE", help_heading = "Alignment")]
    tgt_lang: Option<Lang>,
    /// A bilingual dictionary in hunalign's format (`english @ hungarian` per line).
    #[arg(long, value_name = "FILE", help_heading = "Alignment")]
    dict: Vec<PathBuf>,
    /// Do not use the built-in Hungarian–English dictionary.
    #[arg(long, help_heading = "Alignment")]
    no_builtin_dict: bool,
    /// One pass only: do not learn a dictionary and parameters from a first alignment.
    #[arg(long, help_heading = "Alignment")]
    no_realign: bool,
    /// Largest grid (source × target sentences) searched in full; larger inputs are
    /// searched coarse-to-fine in a band.
    #[arg(long, value_name = "CELLS", default_value_t = AlignConfig::default().max_full_cells, hide_short_help = true, help_heading = "Alignment")]
    max_full_cells: usize,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AlignFormat {
    /// The canonical alignment file (docs/alignment-format.md).
    Json,
    /// One bead per line, `[0, 1]:[2]`.
    Vecalign,
    /// hunalign's ladder: `i<TAB>j<TAB>confidence` rungs.
    Ladder,
    /// Locators, type, confidence and both texts per bead.
    Tsv,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("'{s}' is not a shard; write K/N with 1 <= K <= N, e.g. 2/4");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

pub(crate) fn run(ctx: &Context, args: AlignArgs) -> Result<i32> {
    if args.all || args.originals.is_some() {
        return run_batch(ctx, &args);
    }
    let (Some(original), Some(translation)) = (&args.original, &args.translation) else {
        bail!("give ORIGINAL and TRANSLATION, or --all");
    };
    one_stdin(
        [original.as_path(), translation.as_path()]
            .into_iter()
            .chain(args.dict.iter().map(PathBuf::as_path))
            .chain(args.input.files()),
    )?;
    let (src_lang, tgt_lang) = pair_langs(
        original,
        translation,
        args.src_lang.as_ref(),
        args.tgt_lang.as_ref(),
    );
    let mut config = config(&args, &src_lang, &tgt_lang)?;
    let id = match &args.id {
        Some(id) => {
            check_doc_id(id).map_err(|e| anyhow::anyhow!("--id '{}': {e}", id.escape_debug()))?;
            id.clone()
        }
        None => pair_id(original).map_err(|e| anyhow::anyhow!("{e}; pass --id NAME"))?,
    };
    let out = match (&args.output, args.format) {
        (Some(p), _) => Some(p.clone()),
        (None, AlignFormat::Json) => default_output(original, &id),
        (None, _) => None,
    };
    let started = Instant::now();
    // Ctrl-C stops within a second; nothing is written then.
    install_stop_handler();
    config.cancel = Some(Arc::clone(&STOP));
    let (src, tgt) = load_pair(
        ctx,
        (original, &src_lang),
        (translation, &tgt_lang),
        &args.input,
    )?;
    let record_path = out
        .clone()
        .filter(|p| p.as_path() != Path::new("-"))
        .unwrap_or_else(|| PathBuf::from(format!("{id}.json")));
    let existing = match (&out, args.format) {
        (Some(path), AlignFormat::Json) if path.as_path() != Path::new("-") => {
            existing_alignment(path, &args)?
        }
        _ => None,
    };
    warn_if_pair_looks_wrong(ctx, (original, &src), (translation, &tgt));
    super::memory::ensure_for_aligning(src.sentences.len(), tgt.sentences.len(), &config)?;
    let alignment = align_documents(&src, &tgt, &config);
    // From here on the command finishes by itself, interrupted or not.
    REPORTING.store(true, Ordering::SeqCst);
    if STOP.load(Ordering::SeqCst) {
        stderr_line!(
            "interrupted: {} was not aligned, nothing was written",
            super::terminal::escape(&id)
        );
        return Ok(exit::INTERRUPTED);
    }
    let aligned = Aligned {
        id: &id,
        src: &src,
        tgt: &tgt,
        alignment: &alignment,
        original,
        translation,
        out: &record_path,
    };
    let (file, carried) = with_fixes(ctx, &args, &aligned, existing.as_ref(), &config)?;
    let bytes = render_format(&file, args.format);
    match &out {
        Some(path) => {
            let overwrite = if args.force {
                Overwrite::Force
            } else if args.format == AlignFormat::Json {
                Overwrite::IfOurs(is_alignment_file)
            } else {
                Overwrite::Never
            };
            if args.output.is_none() {
                // The corpus layout's `alignments/` beside `originals/`: made on first
                // use, as `--all` makes it (an `-o` folder must exist).
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("cannot create output folder '{}'", dir.display())
                    })?;
                }
            }
            output::to_path(path, &bytes, overwrite, &args.inputs(original, translation))?;
        }
        None => output::to_stdout(&bytes)?,
    }
    let row = Summary::from_beads(&id, &file, started.elapsed().as_secs_f64(), "aligned");
    ctx.status(format!(
        "{}: {} {} / {} {} sentences, {} beads ({:.0}% 1-1), mean confidence {:.2}, {} below {LOW_CONFIDENCE}{}{}",
        id,
        row.src_sentences,
        src_lang,
        row.tgt_sentences,
        tgt_lang,
        row.beads,
        row.one_to_one * 100.0,
        row.mean_confidence,
        row.low,
        fixes_note(&file, &carried),
        out.as_ref().filter(|p| p.as_path() != Path::new("-")).map(|p| format!(" -> {}", p.display())).unwrap_or_default()
    ));
    ctx.note(format!(
        "length ratio {:.3}, variance {:.2} ({:.0}% outliers at {:.1}), {} dictionary entries, {} learned, {} pass(es), {} search",
        alignment.stats.length_ratio, alignment.stats.length_variance, 100.0 * alignment.stats.length_outlier_weight, alignment.stats.length_outlier_variance, alignment.stats.dictionary_entries, alignment.stats.learned_entries, alignment.stats.passes, alignment.stats.search
    ));
    Ok(exit::OK)
}

impl AlignArgs {
    /// Every file this run reads for the pair: never to be written over.
    fn inputs<'a>(&'a self, original: &'a Path, translation: &'a Path) -> Vec<&'a Path> {
        let mut inputs = vec![original, translation];
        inputs.extend(self.dict.iter().map(PathBuf::as_path));
        inputs.extend(self.input.files());
        inputs
    }
}

/// Set when a batch starts its final report: an interrupt lets it finish.
pub(super) static REPORTING: AtomicBool = AtomicBool::new(false);

/// How long after Ctrl-C the command may take to stop by itself (the search notices
/// the flag within a fraction of a second and the command reports what it did).
const STOP_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// Ctrl-C / SIGTERM sets [`STOP`] (once per process): the search stops within a
/// fraction of a second and the command reports what was done. What cannot stop at once
/// (loading a long text, the review of an aligned document for the summary) is cut
/// short: after [`STOP_GRACE`] the process exits with 130, as soon as no file is being
/// written, so that every file is either complete or not written at all.
pub(super) fn install_stop_handler() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let stop = Arc::clone(&STOP);
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(STOP_GRACE);
            while output::writing() || REPORTING.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            stderr_line!("interrupted: every file written is complete, none is half-written; run the same command again to finish");
            std::process::exit(exit::INTERRUPTED);
        });
    });
}

pub(super) fn config(args: &AlignArgs, src: &Lang, tgt: &Lang) -> Result<AlignConfig> {
    let mut config = if args.no_builtin_dict {
        AlignConfig::default()
    } else {
        AlignConfig::for_languages(src, tgt)
    };
    for path in &args.dict {
        let hu_to_en = !(src == &Lang::En && tgt == &Lang::Hu);
        let dict = if is_stdin(path) {
            let text = String::from_utf8(read_input(path, tandem::read::FileKind::Dictionary)?)
                .context("the dictionary on standard input is not UTF-8")?;
            tandem::align::dict::Dictionary::parse_dic(&text, Path::new(STDIN), hu_to_en)?
        } else {
            tandem::align::dict::Dictionary::from_file(path, hu_to_en)?
        };
        config.dictionary.extend(&dict);
    }
    config.realign = !args.no_realign;
    config.max_full_cells = args.max_full_cells;
    Ok(config)
}

/// `alignments/<id>.json` beside `originals/` (the folder is made if missing), or in
/// `./alignments` if it exists.
fn default_output(original: &Path, id: &str) -> Option<PathBuf> {
    let dir = original.parent()?;
    if dir.file_name().is_some_and(|n| n == "originals") {
        let root = dir.parent().unwrap_or(Path::new(""));
        return Some(root.join("alignments").join(format!("{id}.json")));
    }
    Path::new("alignments")
        .is_dir()
        .then(|| Path::new("alignments").join(format!("{id}.json")))
}

/// The output bytes of an alignment file in `format`.
fn render_format(file: &AlignmentFile, format: AlignFormat) -> Vec<u8> {
    match format {
        AlignFormat::Vecalign => vecalign::write(&index_beads(file)).into_bytes(),
        AlignFormat::Ladder => {
            let conf: Vec<f64> = file.beads.iter().map(|b| b.confidence).collect();
            ladder::write(&index_beads(file), &conf).into_bytes()
        }
        AlignFormat::Json => file.to_json().into_bytes(),
        AlignFormat::Tsv => tsv::write(file).into_bytes(),
    }
}
