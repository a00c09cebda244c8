//! `tandem cite`: find a quotation (or a locator) in the corpus and print the aligned
//! sentences with locators, archive metadata and warnings.
//!
//! Exit codes: 0 found; 1 not found (the quotation is in no text: near matches are listed
//! as "did you mean", never used; or no sentence has the locator); 2 usage or input error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use tandem::cite::{format, Citation, Corpus, Outcome, Query, Side, Suggestion};
use tandem::document::Locator;

use super::output::to_stdout;
use super::terminal::escape;
use super::{exit, Context};

/// A piece of a citation's text for the terminal (see [`super::terminal`]).
fn esc(text: &str) -> String {
    escape(text).into_owned()
}

/// Find a quotation of the English translation in the corpus and print the Hungarian
/// original with its locators (or the reverse with --from hu).
///
/// Run it in a corpus folder after `tandem align --all`. Quote marks, dashes, case and
/// line breaks need not match; `…` or `...` stands for omitted words. Exit code: 0 found,
/// 1 not found (near matches are only suggested), 2 usage or input error.
#[derive(Debug, clap::Args)]
pub(crate) struct CiteArgs {
    /// The quotation (in quotes on the command line).
    #[arg(required_unless_present = "id", conflicts_with = "id")]
    quote: Option<String>,
    /// Print the sentence pair at a locator instead: DOC:LOCATOR, e.g.
    /// beck-1963-01-28:p9.s1 (a Hungarian locator; an English one with --from en).
    #[arg(long, value_name = "DOC:LOCATOR")]
    id: Option<String>,
    /// Language of the quotation: en (default; for --id: hu).
    #[arg(long, value_enum, value_name = "LANG")]
    from: Option<FromLang>,
    /// Search only this document (its id, e.g. beck-1963-01-28).
    #[arg(long, value_name = "ID")]
    doc: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CiteFormat::Text)]
    format: CiteFormat,
    /// The corpus folder (holds alignments/, originals/, translations/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    corpus: PathBuf,
    /// The folder of alignment files [default: <corpus>/alignments].
    #[arg(long, value_name = "DIR")]
    alignments: Option<PathBuf>,
    /// Most places to print when a quotation occurs several times.
    #[arg(long, value_name = "N", default_value_t = 20)]
    max: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FromLang {
    En,
    Hu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CiteFormat {
    /// For the terminal.
    Text,
    /// A blockquote with the citation.
    Markdown,
    /// Machine-readable.
    Json,
    /// A @misc entry per place.
    Bibtex,
}

pub(crate) fn run(ctx: &Context, args: CiteArgs) -> Result<i32> {
    let dir = args.alignments.clone().unwrap_or_else(|| {
        if args.corpus == Path::new(".") {
            PathBuf::from("alignments")
        } else {
            args.corpus.join("alignments")
        }
    });
    let corpus = Corpus::open(&dir)?;
    report_refresh(ctx, &corpus);
    if let Some(id) = &args.id {
        return run_id(ctx, &args, &corpus, id);
    }
    let from = match args.from {
        Some(FromLang::Hu) => Side::Hu,
        _ => Side::En,
    };
    let quote = args.quote.as_deref().unwrap_or_default();
    let query = Query::new(quote, from)?
        .doc(args.doc.clone())
        .limit(args.max);
    let outcome = corpus.find(&query)?;
    print_outcome(ctx, &args, quote, from, &outcome)?;
    Ok(match outcome {
        Outcome::Found(_) => exit::OK,
        Outcome::NotFound(_) => exit::FOUND,
    })
}

fn report_refresh(ctx: &Context, corpus: &Corpus) {
    let r = corpus.refresh();
    for (path, reason) in &r.skipped {
        ctx.warn(format!("{}: skipped: {reason}", path.display()));
    }
    if let Some(why) = &r.rebuilt {
        ctx.note(format!("the cite index was rebuilt: {why}"));
    }
    if let Some(e) = &r.save_error {
        ctx.warn(format!(
            "the cite index could not be saved ({e}); lookups work but re-read every changed alignment"
        ));
    }
    ctx.note(format!(
        "cite index: {} document(s), {} re-indexed, {} reused",
        r.index.docs.len(),
        r.indexed,
        r.reused
    ));
}

fn run_id(ctx: &Context, args: &CiteArgs, corpus: &Corpus, id: &str) -> Result<i32> {
    let Some((doc, loc)) = id.rsplit_once(':') else {
        bail!("--id '{id}' is not DOC:LOCATOR; write e.g. --id beck-1963-01-28:p9.s1");
    };
    let locator: Locator = loc
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--id '{id}': {e}"))?;
    let from = match args.from {
        Some(FromLang::En) => Side::En,
        _ => Side::Hu,
    };
    match corpus.at(doc, locator, from)? {
        Some(c) => {
            print_outcome(ctx, args, id, from, &Outcome::Found(vec![c]))?;
            Ok(exit::OK)
        }
        None => {
            let side = if from == Side::Hu {
                "Hungarian"
            } else {
                "English"
            };
            let range = corpus
                .locator_range(doc, from)
                .map(|(a, z)| format!(" (it has {a} … {z})"))
                .unwrap_or_default();
            if args.format == CiteFormat::Json {
                to_stdout(format::json(id, from, &Outcome::NotFound(Vec::new())).as_bytes())?;
            }
            stderr_line!(
                "not found: the {side} text of '{}' has no sentence {locator}{range}",
                esc(doc)
            );
            Ok(exit::FOUND)
        }
    }
}

fn print_outcome(
    ctx: &Context,
    args: &CiteArgs,
    query: &str,
    from: Side,
    outcome: &Outcome,
) -> Result<()> {
    let color = ctx.stdout_color();
    let out = match (outcome, args.format) {
        (_, CiteFormat::Json) => format::json(query, from, outcome),
        (Outcome::Found(cs), CiteFormat::Text) => cs
            .iter()
            .map(|c| text(c, color))
            .collect::<Vec<_>>()
            .join("\n"),
        // Markdown and BibTeX are read by people too: no control characters from the
        // corpus reach the terminal (their own line structure is kept).
        (Outcome::Found(cs), CiteFormat::Markdown) => super::terminal::escape_keep_lines(
            &cs.iter()
                .map(format::markdown)
                .collect::<Vec<_>>()
                .join("\n---\n\n"),
        )
        .into_owned(),
        (Outcome::Found(cs), CiteFormat::Bibtex) => super::terminal::escape_keep_lines(
            &cs.iter().map(format::bibtex).collect::<Vec<_>>().join("\n"),
        )
        .into_owned(),
        (Outcome::NotFound(s), CiteFormat::Text) => not_found(query, from, args, s),
        (Outcome::NotFound(s), _) => {
            // Keep stdout valid Markdown/BibTeX (empty); the report goes to stderr.
            super::output::to_stderr(&not_found(query, from, args, s));
            String::new()
        }
    };
    if let Outcome::Found(cs) = outcome {
        if args.format != CiteFormat::Text {
            // Warnings are in the output; repeat them on stderr so they are seen.
            let mut seen = Vec::new();
            for w in cs.iter().flat_map(|c| &c.warnings) {
                let msg = w.to_string();
                if !seen.contains(&msg) {
                    ctx.warn(&msg);
                    seen.push(msg);
                }
            }
        }
        if cs.len() > 1 {
            ctx.status(format!("{} places found", cs.len()));
        }
    }
    to_stdout(out.as_bytes())
}

fn not_found(query: &str, from: Side, args: &CiteArgs, suggestions: &[Suggestion]) -> String {
    let lang = if from == Side::Hu {
        "Hungarian"
    } else {
        "English"
    };
    let scope = match &args.doc {
        Some(d) => format!("the {lang} text of '{}'", esc(d)),
        None => format!("any {lang} text of the corpus"),
    };
    let mut out = format!(
        "not found: “{}” is not in {scope} (quote marks, dashes, case and line breaks were ignored; … stands for omitted words)\n",
        esc(query.trim())
    );
    if suggestions.is_empty() {
        out.push_str("no similar passage either; check the wording, or --from hu for a Hungarian quotation\n");
        return out;
    }
    out.push_str("did you mean (near matches, NOT the quotation; check before citing):\n");
    for s in suggestions {
        let locs: Vec<String> = s.sentences.iter().map(|x| x.id.to_string()).collect();
        let sentences: Vec<_> = s.sentences.iter().collect();
        let _ = writeln!(
            out,
            "  {:.2}  {} {}: {}",
            s.score,
            esc(&s.doc),
            locs.join(" "),
            format::marked(&sentences, "[[", "]]", esc)
        );
    }
    out
}

/// The terminal form of a citation.
fn text(c: &Citation, color: bool) -> String {
    let (bold, red, mark, dim) = if color {
        (
            anstyle::Style::new().bold(),
            anstyle::Style::new()
                .fg_color(Some(anstyle::AnsiColor::Red.into()))
                .bold(),
            anstyle::Style::new().bold().underline(),
            anstyle::Style::new().dimmed(),
        )
    } else {
        Default::default()
    };
    let (open, close) = if color {
        (mark.render().to_string(), mark.render_reset().to_string())
    } else {
        ("[[".to_string(), "]]".to_string())
    };
    let m = &c.meta;
    let mut out = String::new();
    let severe: Vec<_> = c.warnings.iter().filter(|w| w.is_severe()).collect();
    let banner = |out: &mut String| {
        for w in &severe {
            let _ = writeln!(out, "{red}!!! WARNING: {}{red:#}", esc(&w.to_string()));
        }
    };
    let title = if m.title.is_empty() {
        "(no title)".to_string()
    } else {
        esc(&m.title)
    };
    let _ = writeln!(out, "{bold}{}{bold:#} · {title}", esc(&m.doc));
    banner(&mut out);
    let sides = match c.from {
        Side::En => [Side::En, Side::Hu],
        Side::Hu => [Side::Hu, Side::En],
    };
    for s in sides {
        let (name, locs) = match s {
            Side::En => ("English", &c.english_locators),
            Side::Hu => ("Hungarian", &c.hungarian_locators),
        };
        let body = format::marked(&format::side(c, s), &open, &close, esc);
        let _ = writeln!(out, "{bold}{name}{bold:#} {}", format::locators(locs));
        let _ = writeln!(
            out,
            "  {}",
            if body.is_empty() {
                "(no counterpart in the alignment)"
            } else {
                &body
            }
        );
    }
    let quoted = if c.from == Side::En {
        "English"
    } else {
        "Hungarian"
    };
    let other = if c.from == Side::En {
        "Hungarian"
    } else {
        "English"
    };
    let marked_any = c.beads.iter().any(|b| {
        b.english
            .iter()
            .chain(&b.hungarian)
            .any(|s| !s.marks.is_empty())
    });
    if marked_any {
        let _ = writeln!(
            out,
            "{dim}  (the quoted words are marked in the {quoted}; the {other} is shown in full: the alignment pairs whole sentences and cannot mark the corresponding words){dim:#}"
        );
    }
    let _ = writeln!(
        out,
        "Locator:   {} · hu {} = en {}",
        esc(&m.doc),
        format::locators(&c.hungarian_locators),
        format::locators(&c.english_locators)
    );
    if !m.date.is_empty() || !m.author.is_empty() {
        let _ = writeln!(out, "Document:  {} {}", esc(&m.date), esc(&m.author));
    }
    let _ = writeln!(
        out,
        "Archive:   {}",
        if m.archive_ref.is_empty() {
            "(not given)".to_string()
        } else {
            esc(&m.archive_ref)
        }
    );
    let _ = writeln!(
        out,
        "Record ID: {}",
        if m.record_id.is_empty() {
            "(not given)".to_string()
        } else {
            esc(&m.record_id)
        }
    );
    if !m.translators.is_empty() {
        let _ = writeln!(out, "Translated by {}", esc(&m.translators.join(" and ")));
    }
    if !m.translation_source.is_empty() {
        let _ = writeln!(out, "Translation: {}", m.translation_source);
    }
    let beads: Vec<String> = c
        .beads
        .iter()
        .map(|b| {
            if b.confirmed {
                format!("{} confirmed by a person", esc(&b.kind))
            } else {
                format!("{} {:.2}", esc(&b.kind), b.confidence)
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "Alignment: {} (bead: {})",
        esc(&c.alignment.display().to_string()),
        beads.join(", ")
    );
    let _ = writeln!(
        out,
        "Status of the Hungarian text: {}",
        if m.status.is_empty() {
            "unknown".to_string()
        } else {
            esc(&m.status)
        }
    );
    for w in c.warnings.iter().filter(|w| !w.is_severe()) {
        let _ = writeln!(out, "warning: {}", esc(&w.to_string()));
    }
    banner(&mut out);
    out
}
