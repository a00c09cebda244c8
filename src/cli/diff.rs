//! `tandem diff`: what a reviser changed between two versions of a text, sentence by
//! sentence, optionally against the original both translate.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use comfy_table::Cell;
use tandem::align::{align_documents, AlignConfig};
use tandem::corpus::{discover, DocPair};
use tandem::diff::original::group_by_original;
use tandem::diff::render::{self as diff_render, marked};
use tandem::diff::report::{span, DiffReport};
use tandem::diff::words::{OpTag, WordOp};
use tandem::diff::{diff_sentences, DiffConfig, Kind};
use tandem::lang::Lang;
use tandem::write::Overwrite;

use super::input::{lang_from_name, load_document, one_stdin, InputArgs};
use super::{exit, output, render, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    /// The old version, e.g. translations/<id>.en.txt.
    #[arg(required_unless_present = "doc", conflicts_with = "doc")]
    old: Option<PathBuf>,
    /// The new version, e.g. translations/<id>.en.rev2.txt.
    #[arg(required_unless_present = "doc", conflicts_with = "doc")]
    new: Option<PathBuf>,
    /// The original both versions translate (e.g. originals/<id>.hu.txt): align both to
    /// it and show original | old | new per changed passage.
    #[arg(long, value_name = "FILE")]
    original: Option<PathBuf>,
    /// Corpus document id: diff two revisions of translations/<id>.en*.txt in the current
    /// folder, against originals/<id>.hu.txt.
    #[arg(long, value_name = "ID", help_heading = "Corpus")]
    doc: Option<String>,
    /// Old revision with --doc: `base` (or `en`) is translations/<id>.en.txt; any other
    /// name REV is translations/<id>.en.REV.txt.
    #[arg(
        long,
        value_name = "REV",
        default_value = "base",
        help_heading = "Corpus"
    )]
    from: String,
    /// New revision with --doc (same naming as --from).
    #[arg(long, value_name = "REV", help_heading = "Corpus")]
    to: Option<String>,
    /// With --doc: do not use originals/<id>.hu.txt.
    #[arg(long, help_heading = "Corpus")]
    no_original: bool,
    /// Language of OLD and NEW (default: from the file name `x.en.txt`, else en).
    #[arg(long, value_name = "CODE")]
    lang: Option<Lang>,
    /// Language of the original (default: from its file name, else hu).
    #[arg(long, value_name = "CODE")]
    original_lang: Option<Lang>,
    /// Leave out changes that only touch whitespace.
    #[arg(long, help_heading = "Changes")]
    ignore_whitespace: bool,
    /// Leave out changes that only touch punctuation (same words in the same order).
    #[arg(long, help_heading = "Changes")]
    ignore_punctuation: bool,
    /// Time limit in seconds; past it, word diffs are whole-sentence replacements.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 10.0,
        help_heading = "Changes"
    )]
    timeout: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table, help_heading = "Output")]
    format: DiffFormat,
    /// Write to FILE instead of stdout (`-` = stdout).
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    output: Option<PathBuf>,
    /// Overwrite an existing output file.
    #[arg(long, help_heading = "Output")]
    force: bool,
    /// Table width in columns (default: COLUMNS, else the terminal, else 100).
    #[arg(long, value_name = "N", help_heading = "Output")]
    width: Option<u16>,
    /// Exit with 1 when there are differences (0 when there are none).
    #[arg(long, help_heading = "Output")]
    exit_code: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// A table fitted to the terminal, coloured on a terminal, then a summary line.
    Table,
    /// The changes (kind, old/new locators, word ops, texts) and the summary as JSON.
    Json,
    /// Plain text with `[-old-]{+new+}` word markers.
    Unified,
    /// A self-contained HTML page.
    Html,
}

/// The files of one diff.
struct Inputs {
    old: PathBuf,
    new: PathBuf,
    original: Option<PathBuf>,
}

pub(crate) fn run(ctx: &Context, args: DiffArgs) -> Result<i32> {
    let inputs = inputs(&args)?;
    one_stdin(
        [
            Some(inputs.old.as_path()),
            Some(inputs.new.as_path()),
            inputs.original.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(args.input.files()),
    )?;
    let lang = args
        .lang
        .clone()
        .or_else(|| lang_from_name(&inputs.old))
        .unwrap_or(Lang::En);
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero())
        .with_context(|| {
            format!(
                "--timeout {} is not a positive number of seconds",
                args.timeout
            )
        })?;
    let started = Instant::now();
    let deadline = started + timeout;
    let splitter = args.input.splitter(&lang)?;
    let old = load_document(ctx, &inputs.old, &lang, &args.input, &splitter)?;
    let new = load_document(ctx, &inputs.new, &lang, &args.input, &splitter)?;
    let mut config = DiffConfig::default();
    config
        .deadline(deadline)
        .ignore_whitespace(args.ignore_whitespace)
        .ignore_punctuation(args.ignore_punctuation);
    let old_texts = old.sentence_texts();
    let new_texts = new.sentence_texts();
    let diff = diff_sentences(&old_texts, &new_texts, &config);
    let original = match &inputs.original {
        Some(path) => {
            let olang = args
                .original_lang
                .clone()
                .or_else(|| lang_from_name(path))
                .unwrap_or(Lang::Hu);
            let doc = load_document(
                ctx,
                path,
                &olang,
                &args.input,
                &args.input.splitter(&olang)?,
            )?;
            let align_config = AlignConfig::for_languages(&olang, &lang);
            let old_alignment = align_documents(&doc, &old, &align_config);
            let new_alignment = align_documents(&doc, &new, &align_config);
            let view = group_by_original(
                &diff,
                doc.sentences.len(),
                &old_alignment.beads,
                &new_alignment.beads,
                &old_texts,
                &new_texts,
                deadline,
            );
            Some((doc, view))
        }
        None => None,
    };
    let report = DiffReport::new(
        &diff,
        &old,
        &new,
        original.as_ref().map(|(doc, view)| (doc, view)),
    );
    let olang = original
        .as_ref()
        .map(|(doc, _)| doc.lang.code().to_string())
        .unwrap_or_else(|| "original".to_string());
    if report.summary.timed_out {
        ctx.warn(format!(
            "the time limit ({:.1} s) was reached: some word diffs are whole-sentence; raise --timeout",
            timeout.as_secs_f64()
        ));
    }
    ctx.note(format!(
        "diff of {} and {} sentences in {:.3} s",
        old.sentences.len(),
        new.sentences.len(),
        started.elapsed().as_secs_f64()
    ));
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let bytes = match args.format {
        DiffFormat::Json => report.to_json(),
        DiffFormat::Unified => {
            super::terminal::escape_keep_lines(&diff_render::unified(&report, &olang)).into_owned()
        }
        DiffFormat::Html => diff_render::html(&report, &olang),
        DiffFormat::Table => table(
            &report,
            &olang,
            render::table_width(args.width),
            to_stdout && ctx.stdout_color(),
        ),
    };
    match &args.output {
        Some(path) if path != Path::new("-") => {
            let overwrite = if args.force {
                Overwrite::Force
            } else {
                Overwrite::Never
            };
            let mut read: Vec<&Path> = vec![&inputs.old, &inputs.new];
            if let Some(o) = &inputs.original {
                read.push(o);
            }
            read.extend(args.input.files());
            output::to_path(path, bytes.as_bytes(), overwrite, &read)?;
        }
        _ => output::to_stdout(bytes.as_bytes())?,
    }
    Ok(if args.exit_code && !report.changes.is_empty() {
        exit::FOUND
    } else {
        exit::OK
    })
}

/// The files to compare: OLD NEW [--original], or resolved from the corpus with --doc.
fn inputs(args: &DiffArgs) -> Result<Inputs> {
    let Some(id) = &args.doc else {
        let (Some(old), Some(new)) = (&args.old, &args.new) else {
            bail!("give OLD and NEW, or --doc ID --to REV");
        };
        return Ok(Inputs {
            old: old.clone(),
            new: new.clone(),
            original: args.original.clone(),
        });
    };
    let Some(to) = &args.to else {
        bail!("--doc needs --to REV (the new revision, e.g. --to rev2)");
    };
    let (originals, translations) = (Path::new("originals"), Path::new("translations"));
    if !originals.is_dir() || !translations.is_dir() {
        bail!("--doc {id}: no originals/ and translations/ folders here; run from a corpus folder or give OLD and NEW");
    }
    let found = discover(originals, translations, "hu", "en")
        .with_context(|| format!("cannot list '{}'", translations.display()))?;
    let Some(pair) = found.pairs.into_iter().find(|p| &p.id == id) else {
        bail!("--doc {id}: no originals/{id}.hu.txt with translations/{id}.en.txt in this folder");
    };
    let old = revision(&pair, &args.from, "--from")?;
    let new = revision(&pair, to, "--to")?;
    Ok(Inputs {
        old,
        new,
        original: match (&args.original, args.no_original) {
            (Some(o), _) => Some(o.clone()),
            (None, true) => None,
            (None, false) => Some(pair.original.clone()),
        },
    })
}

/// The file of revision `rev` of a corpus pair (`base`/`en` = the base translation).
fn revision(pair: &DocPair, rev: &str, flag: &str) -> Result<PathBuf> {
    if rev == "base" || rev == "en" {
        return Ok(pair.translation.clone());
    }
    match pair.revisions.get(rev) {
        Some(p) => Ok(p.clone()),
        None => {
            let mut known = vec!["base".to_string()];
            known.extend(pair.revisions.keys().cloned());
            bail!(
                "{flag} {rev}: no translations/{}.en.{rev}.txt; revisions of {}: {}",
                pair.id,
                pair.id,
                known.join(", ")
            )
        }
    }
}

/// Text with deletions (or insertions) styled: red struck-through and green underlined
/// with colour, `[-…-]` / `{+…+}` markers without.
fn styled(ops: &[WordOp], keep: OpTag, color: bool) -> String {
    let del = anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Red.into()))
        .strikethrough();
    let ins = anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Green.into()))
        .underline();
    let mut out = String::new();
    for op in ops {
        // Escaped and with long tokens broken before styling, so that neither can cut
        // a colour sequence (see render::text).
        let text = render::text(&op.text);
        match (op.op, color) {
            (OpTag::Equal, _) => out.push_str(&text),
            (tag, _) if tag != keep => {}
            (OpTag::Delete, true) => out.push_str(&format!("{del}{text}{del:#}")),
            (OpTag::Insert, true) => out.push_str(&format!("{ins}{text}{ins:#}")),
            (tag, false) => out.push_str(&marked(&[WordOp { op: tag, text }])),
        }
    }
    out
}

fn whole(text: &str, tag: OpTag) -> Vec<WordOp> {
    vec![WordOp {
        op: tag,
        text: text.to_string(),
    }]
}

/// The terminal table: one row per change, or per changed passage of the original.
fn table(report: &DiffReport, original_lang: &str, width: u16, color: bool) -> String {
    let mut table = render::new_table(width);
    if color {
        table.enforce_styling();
    }
    let with_original = report.original_file.is_some();
    if with_original {
        table.set_header(vec![
            Cell::new(original_lang),
            Cell::new("old"),
            Cell::new("new"),
            Cell::new("change"),
        ]);
        for r in &report.rows {
            let kinds: Vec<&str> = r.kinds.iter().map(|k| k.name()).collect();
            table.add_row(vec![
                Cell::new(format!(
                    "{}\n{}",
                    span(&r.original),
                    render::text(&r.original_text)
                )),
                Cell::new(format!(
                    "{}\n{}",
                    span(&r.old),
                    styled(&r.ops, OpTag::Delete, color)
                )),
                Cell::new(format!(
                    "{}\n{}",
                    span(&r.new),
                    styled(&r.ops, OpTag::Insert, color)
                )),
                Cell::new(kinds.join("\n")),
            ]);
        }
    } else {
        table.set_header(vec![
            Cell::new("change"),
            Cell::new("old"),
            Cell::new("new"),
        ]);
        for c in &report.changes {
            let ops = match c.kind {
                Kind::Inserted => whole(&c.new_text, OpTag::Insert),
                Kind::Deleted => whole(&c.old_text, OpTag::Delete),
                _ => c.ops.clone(),
            };
            let heading = match (c.similarity, c.kind) {
                (Some(sim), Kind::Edited | Kind::Moved | Kind::Split | Kind::Merged) => {
                    format!("{}\nsimilarity {sim:.2}", c.kind)
                }
                _ => c.kind.to_string(),
            };
            table.add_row(vec![
                Cell::new(heading),
                Cell::new(format!(
                    "{}\n{}",
                    span(&c.old),
                    styled(&ops, OpTag::Delete, color)
                )),
                Cell::new(format!(
                    "{}\n{}",
                    span(&c.new),
                    styled(&ops, OpTag::Insert, color)
                )),
            ]);
        }
    }
    let summary = wrap(&diff_render::summary_line(&report.summary), width as usize);
    if report.changes.is_empty() {
        return format!("no differences\n{summary}\n");
    }
    format!("{table}\n{summary}\n")
}

/// Wrap text at spaces to lines of at most `width` characters (longer words stay whole).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let w = wrap("aaa bbb ccc dddd e", 7);
        assert_eq!(w, "aaa bbb\nccc\ndddd e");
        assert!(w.lines().all(|l| l.chars().count() <= 7));
    }
}
