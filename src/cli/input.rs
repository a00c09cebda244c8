//! Loading the texts a command names: encoding, normalisation, splitting, language check.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use tandem::alignment::{tidy, AlignmentFile, SCHEMA};
use tandem::document::Document;
use tandem::lang::{self, Lang};
use tandem::load::{self, Format, HyphenMode, Layout, LoadOptions, SourceEncoding};
use tandem::read::FileKind;
use tandem::segment::{Abbreviations, Splitter};

use super::Context;

/// How to read text files (shared by every command that reads texts).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Input")]
pub(crate) struct InputArgs {
    /// Input is one sentence per line, exactly as given (empty lines included); locators
    /// are 0-based line numbers (`l17`).
    #[arg(long)]
    pub(crate) presplit: bool,
    /// Read the files in this encoding instead of detecting it (utf-8, utf-16le,
    /// utf-16be, windows-1250, iso-8859-2, or any WHATWG label such as windows-1252).
    #[arg(long, value_name = "NAME")]
    pub(crate) encoding: Option<String>,
    /// Line-end hyphens inside a paragraph: auto (join if the joined word occurs
    /// elsewhere), join, keep.
    #[arg(long, value_enum, default_value_t = Hyphens::Auto, value_name = "MODE")]
    pub(crate) hyphens: Hyphens,
    /// Replace NUL and other control characters by spaces instead of refusing the file.
    #[arg(long)]
    pub(crate) clean_control: bool,
    /// How a plain text marks paragraphs: auto (detect per file), wrapped (hard-wrapped
    /// lines), blank-lines (a blank line between paragraphs), lines (one paragraph per
    /// line). `-v` says what was detected.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto, value_name = "LAYOUT")]
    pub(crate) layout: LayoutArg,
    /// Keep page furniture (running headers and footers, page numbers) in the text
    /// instead of taking it out.
    #[arg(long)]
    pub(crate) keep_furniture: bool,
    /// Read the files as this format instead of detecting it from their bytes and
    /// names (auto, text, docx, odt, html).
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, value_name = "FORMAT")]
    pub(crate) input_format: FormatArg,
    /// Extra abbreviations for the splitter (one per line; `abbrev. final` if it may end
    /// a sentence).
    #[arg(long, value_name = "FILE")]
    pub(crate) abbrev: Vec<PathBuf>,
    /// Treat a file in the wrong language (or a mixed one) as an error, not a warning.
    #[arg(long)]
    pub(crate) strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LayoutArg {
    Auto,
    Wrapped,
    BlankLines,
    Lines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FormatArg {
    Auto,
    Text,
    Docx,
    Odt,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Hyphens {
    Auto,
    Join,
    Keep,
}

impl InputArgs {
    fn load_options(&self) -> Result<LoadOptions> {
        Ok(LoadOptions {
            encoding: self
                .encoding
                .as_deref()
                .map(SourceEncoding::from_name)
                .transpose()?,
            hyphens: match self.hyphens {
                Hyphens::Auto => HyphenMode::Auto,
                Hyphens::Join => HyphenMode::Join,
                Hyphens::Keep => HyphenMode::Keep,
            },
            clean_control: self.clean_control,
            presplit: self.presplit,
            layout: match self.layout {
                LayoutArg::Auto => None,
                LayoutArg::Wrapped => Some(Layout::Wrapped),
                LayoutArg::BlankLines => Some(Layout::BlankLines),
                LayoutArg::Lines => Some(Layout::Lines),
            },
            keep_furniture: self.keep_furniture,
            format: match self.input_format {
                FormatArg::Auto => None,
                FormatArg::Text => Some(Format::Text),
                FormatArg::Docx => Some(Format::Docx),
                FormatArg::Odt => Some(Format::Odt),
                FormatArg::Html => Some(Format::Html),
            },
        })
    }

    /// A splitter for `lang` with the user's abbreviations (`-`: from standard input).
    pub(crate) fn splitter(&self, lang: &Lang) -> Result<Splitter> {
        let mut splitter = Splitter::new(lang);
        for path in &self.abbrev {
            let abbrev = if is_stdin(path) {
                let text = String::from_utf8(read_input(path, FileKind::Abbreviations)?)
                    .context("the abbreviations on standard input are not UTF-8")?;
                Abbreviations::parse(&text, Path::new(STDIN))?
            } else {
                Abbreviations::from_file(path)?
            };
            splitter = splitter.with_abbreviations(abbrev);
        }
        Ok(splitter)
    }

    /// The files these options name (for [`one_stdin`]; inputs of the command, never to
    /// be written over).
    pub(crate) fn files(&self) -> impl Iterator<Item = &Path> {
        self.abbrev.iter().map(PathBuf::as_path)
    }
}

/// Guess a file's language from its name (`x.hu.txt`), if it says.
pub(crate) fn lang_from_name(path: &Path) -> Option<Lang> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let mut parts = name.rsplit('.');
    parts.next()?; // extension
    let code = parts.next()?;
    if code.len() == 2 {
        code.parse().ok()
    } else {
        parts
            .next()
            .filter(|c| c.len() == 2)
            .and_then(|c| c.parse().ok())
    }
}

/// The languages of an original and its translation: as given, else from the file
/// names (`x.hu.txt`), else Hungarian and English.
pub(crate) fn pair_langs(
    original: &Path,
    translation: &Path,
    src: Option<&Lang>,
    tgt: Option<&Lang>,
) -> (Lang, Lang) {
    (
        src.cloned()
            .or_else(|| lang_from_name(original))
            .unwrap_or(Lang::Hu),
        tgt.cloned()
            .or_else(|| lang_from_name(translation))
            .unwrap_or(Lang::En),
    )
}

/// Load and split one text, printing loader notes and checking its language.
pub(crate) fn load_document(
    ctx: &Context,
    path: &Path,
    lang: &Lang,
    args: &InputArgs,
    splitter: &Splitter,
) -> Result<Document> {
    let loaded = if is_stdin(path) {
        let bytes = read_input(path, FileKind::Text)?;
        if starts_like_alignment(&bytes) {
            bail!("standard input is an alignment file made by 'tandem align', not a text; give the text itself");
        }
        load::load_bytes(&bytes, Path::new(STDIN), &args.load_options()?)?
    } else {
        if looks_like_alignment(path) {
            bail!("{}", not_a_text(path));
        }
        super::memory::ensure_for_loading(path)?;
        load::load_file(path, &args.load_options()?)?
    };
    for note in &loaded.notes {
        match note {
            load::LoadNote::Decoded(_)
            | load::LoadNote::Utf16WithoutBom(_)
            | load::LoadNote::InvalidUtf8 { .. }
            | load::LoadNote::InvalidUtf16 { .. }
            | load::LoadNote::ControlCleaned(_) => {
                ctx.warn(format!("{}: {note}", path.display()));
            }
            _ => ctx.note(format!("{}: {note}", path.display())),
        }
    }
    report_layout(ctx, path, &loaded);
    let doc = Document::new(
        path,
        lang.clone(),
        loaded,
        (!args.presplit).then_some(splitter),
    );
    let vote = lang::vote(
        doc.loaded
            .paragraphs
            .iter()
            .map(|r| &doc.loaded.text[r.clone()]),
    );
    if let Some(problem) = lang::check(lang, &vote) {
        if args.strict {
            bail!("{}: {problem}", path.display());
        }
        ctx.warn(format!("{}: {problem}", path.display()));
    }
    Ok(doc)
}

/// Say how the paragraphs were found (`-v`) and what page furniture was taken out (a
/// one-line summary always, the lines with `-v`).
fn report_layout(ctx: &Context, path: &Path, loaded: &load::Loaded) {
    let info = &loaded.layout;
    match info.layout {
        Layout::Structure => ctx.note(format!(
            "{}: paragraphs from the {} document's structure",
            path.display(),
            loaded.format.label()
        )),
        Layout::Presplit => {}
        layout => ctx.note(format!(
            "{}: layout {layout} ({}{}{}){}",
            path.display(),
            if info.detected {
                "detected"
            } else {
                "forced with --layout"
            },
            info.width
                .map(|w| format!("; lines up to about {w} characters"))
                .unwrap_or_default(),
            if layout == Layout::Wrapped && info.few_blank_lines {
                "; few blank lines, so a short line ending a sentence also ends a paragraph"
            } else {
                ""
            },
            if info.detected {
                "; override with --layout wrapped|blank-lines|lines"
            } else {
                ""
            },
        )),
    }
    if loaded.furniture.is_empty() {
        return;
    }
    let count =
        |kind: load::FurnitureKind| loaded.furniture.iter().filter(|f| f.kind == kind).count();
    let kinds: Vec<String> = [
        (load::FurnitureKind::PageNumber, "page number(s)"),
        (load::FurnitureKind::RunningHead, "running head(s)"),
        (load::FurnitureKind::PageBreak, "page break(s)"),
    ]
    .into_iter()
    .filter(|&(kind, _)| count(kind) > 0)
    .map(|(kind, what)| format!("{} {what}", count(kind)))
    .collect();
    ctx.status(format!(
        "{}: took out {} line(s) of page furniture ({}); -v lists them, --keep-furniture keeps them",
        path.display(),
        loaded.furniture.len(),
        kinds.join(", ")
    ));
    const LISTED: usize = 50;
    for f in loaded.furniture.iter().take(LISTED) {
        ctx.note(format!(
            "{}:{}: {} {:?}",
            path.display(),
            f.line,
            f.kind.name(),
            f.text
        ));
    }
    if loaded.furniture.len() > LISTED {
        ctx.note(format!(
            "{}: … and {} more (all are listed in the alignment file)",
            path.display(),
            loaded.furniture.len() - LISTED
        ));
    }
}

/// Load an original and its translation, each with the splitter of its language.
pub(crate) fn load_pair(
    ctx: &Context,
    original: (&Path, &Lang),
    translation: (&Path, &Lang),
    args: &InputArgs,
) -> Result<(Document, Document)> {
    let load =
        |(path, lang): (&Path, &Lang)| load_document(ctx, path, lang, args, &args.splitter(lang)?);
    Ok((load(original)?, load(translation)?))
}

/// Warn when the two sides of a pair are the same text (a file given twice), or one
/// side has no sentences and the other has: most likely the wrong file, or a
/// conversion that lost the text, since every sentence of the other side comes out
/// unpaired.
pub(crate) fn warn_if_pair_looks_wrong(
    ctx: &Context,
    original: (&Path, &Document),
    translation: (&Path, &Document),
) {
    if !original.1.sentences.is_empty() && original.1.loaded.text == translation.1.loaded.text {
        ctx.warn(format!(
            "'{}' and '{}' hold the same text: give the original and its translation",
            display_name(original.0),
            display_name(translation.0)
        ));
    }
    for ((empty, doc), (other, full)) in [(original, translation), (translation, original)] {
        if doc.sentences.is_empty() && !full.sentences.is_empty() {
            ctx.warn(format!(
                "'{}' has no sentences: every sentence of '{}' is left unpaired",
                display_name(empty),
                display_name(other)
            ));
        }
    }
}

/// A path as messages name it (`<stdin>` for `-`).
fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        STDIN.to_string()
    } else {
        path.display().to_string()
    }
}

/// How standard input is named in messages.
pub(crate) const STDIN: &str = "<stdin>";

/// Whether a path argument means standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Refuse a command that names standard input (`-`) more than once: the first reader
/// would take all of it.
pub(crate) fn one_stdin<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Result<()> {
    if paths.into_iter().filter(|p| is_stdin(p)).count() > 1 {
        bail!("standard input ('-') can be read only once; give the other inputs as files");
    }
    Ok(())
}

/// Standard input, once read (a command may need one `-` input twice, e.g. the
/// abbreviations for the splitter of each language).
static STDIN_BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();

/// The bytes of an input file of `kind`, or of standard input for `-`, read bounded
/// ([`tandem::read`]: regular files only, within the kind's size limit).
pub(crate) fn read_input(path: &Path, kind: FileKind) -> Result<Vec<u8>> {
    if is_stdin(path) {
        if let Some(bytes) = STDIN_BYTES.get() {
            return Ok(bytes.clone());
        }
        let bytes = tandem::read::read_stdin(kind)?;
        Ok(STDIN_BYTES.get_or_init(|| bytes).clone())
    } else {
        Ok(tandem::read::read_file(path, kind)?)
    }
}

/// Read an alignment file (`-`: standard input, its texts relative to the current
/// folder) and refuse it when a text changed since it was made (unless `allow_stale`);
/// texts that cannot be found are warned about.
pub(crate) fn load_alignment(
    ctx: &Context,
    path: &Path,
    allow_stale: bool,
) -> Result<tandem::alignment::AlignmentFile> {
    let (file, path) = if is_stdin(path) {
        let bytes = read_input(path, FileKind::Alignment)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("the alignment on standard input is not UTF-8"))?;
        let name = Path::new(STDIN);
        (
            tandem::alignment::AlignmentFile::from_json(&text, name)?,
            name,
        )
    } else {
        (tandem::alignment::AlignmentFile::read(path)?, path)
    };
    match file.check_fresh(path) {
        Ok(missing) => {
            for m in missing {
                ctx.warn(format!(
                    "{}: text not found, cannot check that the alignment is up to date",
                    m.display()
                ));
            }
        }
        Err(e) if allow_stale => ctx.warn(format!("{e} (ignored: --allow-stale)")),
        Err(e) => return Err(e.into()),
    }
    Ok(file)
}

/// Whether a file starts like an alignment file: a JSON object whose first bytes name
/// the alignment schema (a prefix test: texts given here can be large, and a whole-file
/// parse is what writing needs, not this message).
pub(crate) fn looks_like_alignment(path: &Path) -> bool {
    use std::io::Read;
    // Only a regular file is peeked at: opening a FIFO would block, and devices are
    // refused, with their own message, by the reader that follows.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    starts_like_alignment(&head[..n])
}

/// [`looks_like_alignment`] on the first bytes of a file.
fn starts_like_alignment(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&head[..head.len().min(512)]);
    let family = SCHEMA.split('/').next().unwrap_or(SCHEMA);
    head.trim_start().starts_with('{')
        && head.contains("\"schema\"")
        && head.contains(&format!("\"{family}/"))
}

/// The error for an alignment file given where a text belongs, naming the texts it was
/// made from when it can be read.
fn not_a_text(path: &Path) -> String {
    let made_from = AlignmentFile::read(path)
        .ok()
        .map(|file| {
            format!(
                " (this one was made from '{}' and '{}')",
                tidy(&file.resolve(path, &file.source)).display(),
                tidy(&file.resolve(path, &file.target)).display()
            )
        })
        .unwrap_or_default();
    format!(
        "'{}' is an alignment file made by 'tandem align', not a text; give the text itself{made_from}",
        path.display()
    )
}
