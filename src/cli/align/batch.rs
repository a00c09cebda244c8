//! `tandem align --all` / `--originals … --translations …`: every pair of a corpus,
//! aligned in parallel, kept when up to date, with one summary row each.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::is_alignment_file;
use tandem::corpus::{discover, DocPair};
use tandem::lang::Lang;
use tandem::write::Overwrite;

use super::keep::{existing_alignment, up_to_date, with_fixes, Aligned};
use super::{config, install_stop_handler, AlignArgs, Summary, INTERRUPTED, REPORTING, STOP};
use crate::cli::input::{load_pair, warn_if_pair_looks_wrong};
use crate::cli::{exit, output, render, Context};

enum Outcome {
    Done(Summary, Option<String>),
    Failed(String, String),
}

/// Most worker threads for a batch, whatever `-j` says: more threads than this only
/// cost memory and start-up time on any machine tandem runs on.
const MAX_JOBS: usize = 64;

pub(super) fn run_batch(ctx: &Context, args: &AlignArgs) -> Result<i32> {
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
                        crate::cli::terminal::escape(&id),
                        crate::cli::terminal::escape(&why)
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
    warn_if_pair_looks_wrong(ctx, (&pair.original, &src), (&pair.translation, &tgt));
    crate::cli::memory::ensure_for_aligning(src.sentences.len(), tgt.sentences.len(), config)?;
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
        translation: &pair.translation,
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
