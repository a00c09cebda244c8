//! `tandem align`: one pair, or a whole corpus in parallel.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::{is_alignment_file, AlignmentFile};
use tandem::corpus::{check_doc_id, discover, pair_id, DocPair};
use tandem::export::{index_beads, ladder, tsv, vecalign};
use tandem::lang::Lang;
use tandem::write::Overwrite;

use super::input::{is_stdin, load_pair, one_stdin, pair_langs, read_input, InputArgs, STDIN};
use super::{exit, output, render, Context};

mod keep;
use keep::{existing_alignment, fixes_note, up_to_date, with_fixes, Aligned};

/// Set by Ctrl-C / SIGTERM; the aligner checks it on every row of its search.
static STOP: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));
/// Status of a document skipped or stopped by an interruption.
const INTERRUPTED: &str = "interrupted";
/// Most worker threads for a batch, whatever `-j` says: more threads than this only
/// cost memory and start-up time on any machine tandem runs on.
const MAX_JOBS: usize = 64;

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
static REPORTING: AtomicBool = AtomicBool::new(false);

/// How long after Ctrl-C the command may take to stop by itself (the search notices
/// the flag within a fraction of a second and the command reports what it did).
const STOP_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// Ctrl-C / SIGTERM sets [`STOP`] (once per process): the search stops within a
/// fraction of a second and the command reports what was done. What cannot stop at once
/// (loading a long text, the review of an aligned document for the summary) is cut
/// short: after [`STOP_GRACE`] the process exits with 130, as soon as no file is being
/// written, so that every file is either complete or not written at all.
fn install_stop_handler() {
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

fn config(args: &AlignArgs, src: &Lang, tgt: &Lang) -> Result<AlignConfig> {
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

/// One row of the batch summary.
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub(crate) id: String,
    pub(crate) src_sentences: usize,
    pub(crate) tgt_sentences: usize,
    pub(crate) beads: usize,
    pub(crate) one_to_one: f64,
    pub(crate) low: usize,
    pub(crate) mean_confidence: f64,
    pub(crate) seconds: f64,
    pub(crate) status: String,
    /// Findings of `tandem check` (errors and warnings), when the record was built.
    pub(crate) findings: Option<usize>,
    /// Fixes placed (beads a person confirmed), and fixes kept as orphans.
    pub(crate) fixes: (usize, usize),
}

impl Summary {
    /// A row from bead types and confidences.
    fn new(
        id: &str,
        sentences: (usize, usize),
        beads: impl Iterator<Item = (bool, f64)>,
        seconds: f64,
        status: &str,
        findings: Option<usize>,
    ) -> Self {
        let (mut count, mut ones, mut low, mut sum) = (0usize, 0usize, 0usize, 0.0f64);
        for (one_to_one, confidence) in beads {
            count += 1;
            ones += usize::from(one_to_one);
            low += usize::from(confidence < LOW_CONFIDENCE);
            sum += confidence;
        }
        let share = |x: f64| if count == 0 { 0.0 } else { x / count as f64 };
        Summary {
            id: id.to_string(),
            src_sentences: sentences.0,
            tgt_sentences: sentences.1,
            beads: count,
            one_to_one: share(ones as f64),
            low,
            mean_confidence: share(sum),
            seconds,
            status: status.to_string(),
            findings,
            fixes: (0, 0),
        }
    }

    /// The same row, with the fixes of `file` counted.
    fn with_fixes_of(mut self, file: &AlignmentFile) -> Self {
        let orphans = file.fixes.iter().filter(|f| f.orphan.is_some()).count();
        self.fixes = (file.fixes.len() - orphans, orphans);
        self
    }

    /// The row of a document that failed or was interrupted (`status`).
    fn failed(id: &str, status: &str) -> Self {
        Summary::new(id, (0, 0), std::iter::empty(), 0.0, status, None)
    }

    /// A row from an alignment file's beads (no check findings).
    fn from_beads(id: &str, file: &AlignmentFile, seconds: f64, status: &str) -> Self {
        let beads = file.beads.iter().map(|b| (b.kind == "1-1", b.confidence));
        let sentences = (file.source.sentences.len(), file.target.sentences.len());
        Summary::new(id, sentences, beads, seconds, status, None).with_fixes_of(file)
    }

    /// A row from an alignment file, with its `tandem check` findings (errors and
    /// warnings).
    fn from_file(id: &str, file: &AlignmentFile, seconds: f64, status: &str) -> Self {
        let findings = tandem::review::check(file, &tandem::review::CheckConfig::default())
            .findings
            .iter()
            .filter(|f| f.severity != tandem::review::Severity::Info)
            .count();
        let beads = file.beads.iter().map(|b| (b.kind == "1-1", b.confidence));
        let sentences = (file.source.sentences.len(), file.target.sentences.len());
        Summary::new(id, sentences, beads, seconds, status, Some(findings)).with_fixes_of(file)
    }
}

enum Outcome {
    Done(Summary, Option<String>),
    Failed(String, String),
}

fn run_batch(ctx: &Context, args: &AlignArgs) -> Result<i32> {
    let (originals, translations, out) = if args.all {
        (
            PathBuf::from("originals"),
            PathBuf::from("translations"),
            PathBuf::from("alignments"),
        )
    } else {
        (
            args.originals.clone().unwrap_or_default(),
            args.translations.clone().unwrap_or_default(),
            args.out.clone().unwrap_or_default(),
        )
    };
    let src_lang = args.src_lang.clone().unwrap_or(Lang::Hu);
    let tgt_lang = args.tgt_lang.clone().unwrap_or(Lang::En);
    for dir in [&originals, &translations] {
        if !dir.is_dir() {
            bail!("'{}' is not a folder; run from a corpus folder (originals/, translations/) or pass --originals/--translations", dir.display());
        }
    }
    let found = discover(&originals, &translations, src_lang.code(), tgt_lang.code())
        .with_context(|| format!("cannot list '{}'", originals.display()))?;
    for (id, files) in &found.ambiguous {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        ctx.warn(format!(
            "{id}: not aligned: several files claim this id ({}); rename all but one",
            names.join(", ")
        ));
    }
    for stray in &found.unpaired {
        ctx.warn(format!(
            "{}: no partner (expected <id>.{}.txt in {} and <id>.{}.txt in {}; .docx, .odt, .html or .htm in place of .txt)",
            stray.display(),
            src_lang,
            originals.display(),
            tgt_lang,
            translations.display()
        ));
    }
    let mut pairs = found.pairs;
    if let Some((k, n)) = args.shard {
        pairs = pairs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, p)| p)
            .collect();
    }
    if pairs.is_empty() {
        ctx.warn("no document pairs to align");
        return Ok(exit::OK);
    }
    std::fs::create_dir_all(&out)
        .with_context(|| format!("cannot create output folder '{}'", out.display()))?;
    let mut config = config(args, &src_lang, &tgt_lang)?;
    let progress = if ctx.stderr_is_terminal() {
        let bar = indicatif::ProgressBar::new(pairs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    // Ctrl-C / SIGTERM: the documents being aligned stop within a second and are not
    // written (files are written atomically, so none is half-written); the others are
    // skipped, and a rerun picks them all up.
    install_stop_handler();
    config.cancel = Some(Arc::clone(&STOP));
    let config = config;
    let work = |pair: &DocPair| -> Outcome {
        if STOP.load(Ordering::SeqCst) {
            return Outcome::Failed(pair.id.clone(), INTERRUPTED.into());
        }
        let result = align_one(ctx, args, pair, &out, &src_lang, &tgt_lang, &config);
        if let Some(bar) = &progress {
            bar.inc(1);
            bar.set_message(pair.id.clone());
        }
        match result {
            Ok((summary, _)) if summary.status == INTERRUPTED => {
                Outcome::Failed(pair.id.clone(), INTERRUPTED.into())
            }
            Ok((summary, json)) => Outcome::Done(summary, json),
            Err(e) => Outcome::Failed(pair.id.clone(), super::output::one_line(&e)),
        }
    };
    let jobs = jobs(args.jobs, pairs.len());
    if args.jobs.is_some_and(|asked| asked > jobs) && pairs.len() > MAX_JOBS {
        ctx.warn(format!(
            "-j {}: using {jobs} threads (the most tandem uses)",
            args.jobs.unwrap_or(0)
        ));
    }
    let outcomes: Vec<Outcome> = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()?
        .install(|| pairs.par_iter().map(work).collect());
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    REPORTING.store(true, Ordering::SeqCst);
    let mut rows = Vec::new();
    let (mut failed, mut interrupted) = (0usize, 0usize);
    let mut jsonl = String::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Done(summary, json) => {
                if let Some(line) = json {
                    jsonl.push_str(&line);
                    jsonl.push('\n');
                }
                rows.push(summary);
            }
            Outcome::Failed(id, why) => {
                let status = if why == INTERRUPTED {
                    interrupted += 1;
                    INTERRUPTED
                } else {
                    // One line per failed document, with the reason; the table says
                    // only "FAILED".
                    failed += 1;
                    stderr_line!(
                        "failed: {}: {}",
                        super::terminal::escape(&id),
                        super::terminal::escape(&why)
                    );
                    "FAILED"
                };
                rows.push(Summary::failed(&id, status));
            }
        }
    }
    if args.jsonl {
        output::to_stdout(jsonl.as_bytes())?;
        if !ctx.global.quiet {
            output::to_stderr(&render::summary_table(ctx, &rows, &src_lang, &tgt_lang));
        }
    } else {
        output::to_stdout(render::summary_table(ctx, &rows, &src_lang, &tgt_lang).as_bytes())?;
    }
    if interrupted > 0 {
        stderr_line!("interrupted: {interrupted} document(s) not aligned; run the same command again to finish them");
        return Ok(exit::INTERRUPTED);
    }
    if failed > 0 {
        bail!(
            "{failed} of {} document(s) failed (listed above); the others were aligned",
            rows.len()
        );
    }
    Ok(exit::OK)
}

/// Worker threads for a batch of `documents`: `-j N` or all cores, at most
/// [`MAX_JOBS`] and at most one per document.
fn jobs(asked: Option<usize>, documents: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    asked
        .unwrap_or(cores)
        .clamp(1, MAX_JOBS)
        .min(documents.max(1))
}

fn align_one(
    ctx: &Context,
    args: &AlignArgs,
    pair: &DocPair,
    out_dir: &Path,
    src_lang: &Lang,
    tgt_lang: &Lang,
    config: &AlignConfig,
) -> Result<(Summary, Option<String>)> {
    let started = Instant::now();
    let out = out_dir.join(format!("{}.json", pair.id));
    let existing = existing_alignment(&out, args)?;
    if !args.force {
        if let Some(file) = existing
            .as_ref()
            .filter(|f| up_to_date(f, pair, args, &out))
        {
            let json = args
                .jsonl
                .then(|| serde_json::to_string(file).unwrap_or_default());
            return Ok((Summary::from_file(&pair.id, file, 0.0, "up to date"), json));
        }
    }
    let (src, tgt) = load_pair(
        ctx,
        (&pair.original, src_lang),
        (&pair.translation, tgt_lang),
        &args.input,
    )?;
    if src.sentences.is_empty() && tgt.sentences.is_empty() {
        bail!(
            "both texts are empty ({} and {})",
            pair.original.display(),
            pair.translation.display()
        );
    }
    super::memory::ensure_for_aligning(src.sentences.len(), tgt.sentences.len(), config)?;
    let alignment = align_documents(&src, &tgt, config);
    if STOP.load(Ordering::SeqCst) {
        // A placeholder: the search was stopped.
        return Ok((Summary::failed(&pair.id, INTERRUPTED), None));
    }
    let aligned = Aligned {
        id: &pair.id,
        src: &src,
        tgt: &tgt,
        alignment: &alignment,
        original: &pair.original,
        out: &out,
    };
    let (file, _carried) = with_fixes(ctx, args, &aligned, existing.as_ref(), config)?;
    let overwrite = if args.force {
        Overwrite::Force
    } else {
        Overwrite::IfOurs(is_alignment_file)
    };
    output::to_path(
        &out,
        file.to_json().as_bytes(),
        overwrite,
        &args.inputs(&pair.original, &pair.translation),
    )?;
    let json = args
        .jsonl
        .then(|| serde_json::to_string(&file).unwrap_or_default());
    Ok((
        Summary::from_file(&pair.id, &file, started.elapsed().as_secs_f64(), "aligned"),
        json,
    ))
}
