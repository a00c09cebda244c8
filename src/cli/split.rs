//! `tandem split`: cut a text into sentences.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;
use tandem::document::collapse_whitespace;
use tandem::lang::Lang;

use super::input::{lang_from_name, load_document, InputArgs};
use super::{exit, output, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct SplitArgs {
    /// The text file (`-` for standard input).
    file: PathBuf,
    /// Language of the text (default: from the file name `x.hu.txt`, else hu).
    #[arg(long)]
    lang: Option<Lang>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SplitFormat::Lines)]
    format: SplitFormat,
    /// For each place where a rule changed the break decision of UAX#29, print the rule
    /// and its context (on stderr).
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SplitFormat {
    /// One sentence per line, whitespace collapsed.
    Lines,
    /// A JSON object (`tandem-split/1`): file, lang, and the sentences with id,
    /// paragraph, byte start and end, text.
    Json,
    /// Id and text, tab-separated.
    Tsv,
}

#[derive(Serialize)]
struct SplitOut<'a> {
    file: String,
    lang: &'a str,
    sentences: Vec<SentenceOut<'a>>,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    id: String,
    paragraph: u32,
    start: usize,
    end: usize,
    text: &'a str,
}

pub(crate) fn run(ctx: &Context, args: SplitArgs) -> Result<i32> {
    let lang = args
        .lang
        .clone()
        .or_else(|| lang_from_name(&args.file))
        .unwrap_or(Lang::Hu);
    super::input::one_stdin(std::iter::once(args.file.as_path()).chain(args.input.files()))?;
    let splitter = args.input.splitter(&lang)?;
    let doc = load_document(ctx, &args.file, &lang, &args.input, &splitter)?;
    if args.explain && !args.input.presplit {
        explain(ctx, &doc, &splitter);
    }
    let mut out = String::new();
    match args.format {
        SplitFormat::Lines => {
            for i in 0..doc.sentences.len() {
                out.push_str(&collapse_whitespace(doc.sentence_text(i)));
                out.push('\n');
            }
        }
        SplitFormat::Tsv => {
            for (i, s) in doc.sentences.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}\t{}",
                    s.locator,
                    collapse_whitespace(doc.sentence_text(i))
                );
            }
        }
        SplitFormat::Json => {
            let list: Vec<SentenceOut> = doc
                .sentences
                .iter()
                .enumerate()
                .map(|(i, s)| SentenceOut {
                    id: s.locator.to_string(),
                    paragraph: s.locator.paragraph(),
                    start: s.range.start,
                    end: s.range.end,
                    text: doc.sentence_text(i),
                })
                .collect();
            let file = if super::input::is_stdin(&args.file) {
                super::input::STDIN.to_string()
            } else {
                args.file.display().to_string()
            };
            out = tandem::schema::tagged_json(
                tandem::schema::SPLIT,
                &SplitOut {
                    file,
                    lang: lang.code(),
                    sentences: list,
                },
            );
        }
    }
    output::to_stdout(out.as_bytes())?;
    Ok(exit::OK)
}

fn explain(ctx: &Context, doc: &tandem::document::Document, splitter: &tandem::segment::Splitter) {
    let _ = ctx;
    for (p, range) in doc.loaded.paragraphs.iter().enumerate() {
        let para = &doc.loaded.text[range.clone()];
        let (_, decisions) = splitter.split_explained(para);
        for d in decisions {
            let lo = floor_char(para, d.offset.saturating_sub(30));
            let hi = ceil_char(para, (d.offset + 30).min(para.len()));
            let mid = floor_char(para, d.offset);
            stderr_line!(
                "p{}: {:<8} {:<32} {}⏐{}",
                p + 1,
                match d.action {
                    tandem::segment::Action::Break => "break",
                    tandem::segment::Action::NoBreak => "no break",
                },
                d.rule,
                super::terminal::escape(&collapse_whitespace(&para[lo..mid])),
                super::terminal::escape(&collapse_whitespace(&para[mid..hi])),
            );
        }
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
