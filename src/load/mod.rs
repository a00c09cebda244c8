//! Loading texts: read any encoding and document format we meet, normalise, take out
//! page furniture, find paragraphs.
//!
//! Every command reads its texts through [`load_bytes`] / [`load_file`], so a text is
//! always seen the same way. One concern per file:
//!
//! 1. **Format** ([`formats`]): plain text, or DOCX, ODT and HTML, whose paragraphs come
//!    from the document's structure (headings and table cells as paragraphs of their
//!    own, footnotes and endnotes after the text).
//! 2. **Decode** ([`decode`]): UTF-8, UTF-16, Windows-1250, ISO-8859-2 or any encoding
//!    given with `--encoding`; odd bytes are reported in [`Loaded::notes`].
//! 3. **Normalise** (`normalise.rs`): line ends, control characters, stray BOMs,
//!    lookalike letters, NFC.
//! 4. **Page furniture** ([`furniture`], plain text only): running heads, page numbers
//!    and form feeds are taken out and listed in [`Loaded::furniture`]; paragraphs broken
//!    by a page break are rejoined.
//! 5. **Layout** ([`layout`], plain text only): hard-wrapped, blank-line paragraphs or
//!    one paragraph per line, from line-length statistics (or `--layout`).
//! 6. **Paragraphs** (`paragraphs.rs`): a leading block of `#` lines is a header comment,
//!    not text; lines are grouped as the layout says, hard wraps become spaces and
//!    line-end hyphens are joined (see [`HyphenMode`]).
//!
//! Offsets: [`Loaded::text`] is the normalised text and every range tandem reports is a
//! byte range in it. [`Loaded::source_offset`] maps such an offset back to the decoded
//! source: for a UTF-8 text file the byte offset in the file after any BOM, for DOCX, ODT
//! and HTML the offset in the extracted text (paragraphs joined by blank lines).
//!
//! Cost: linear time, a constant number of copies of the text.

pub mod decode;
pub mod formats;
pub mod furniture;
pub mod layout;
mod lines;
mod normalise;
mod offsets;
mod paragraphs;

use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};

pub use self::decode::SourceEncoding;
pub use self::formats::Format;
pub use self::furniture::{Furniture, FurnitureKind};
pub use self::layout::{Layout, LayoutInfo};
use self::lines::{header_end, line_ranges};
use self::normalise::FORM_FEED;
use self::offsets::{apply_edits, OffsetMap};
use crate::error::LoadError;

/// How line-end hyphens inside a paragraph are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HyphenMode {
    /// Join `poli-⏎tika` to `politika` only when the joined word occurs elsewhere in the
    /// text without a hyphen; otherwise keep the hyphen (`by-⏎stander` → `by-stander`).
    #[default]
    Auto,
    /// Always drop the hyphen and join the word.
    Join,
    /// Always keep the hyphen (the line break is removed).
    Keep,
}

/// Options for [`load_bytes`].
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<SourceEncoding>,
    /// Line-end hyphen handling.
    pub hyphens: HyphenMode,
    /// Replace control characters by spaces (with a note) instead of refusing the file.
    pub clean_control: bool,
    /// One sentence per line exactly as given: no header, no unwrapping, every line
    /// (empty ones included) is a unit. For DOCX, ODT and HTML: every paragraph.
    pub presplit: bool,
    /// Force the layout of a plain-text file instead of detecting it (`Wrapped`,
    /// `BlankLines` or `Lines`; `Presplit` is the same as `presplit`; ignored for DOCX,
    /// ODT and HTML).
    pub layout: Option<Layout>,
    /// Keep page furniture (running heads, page numbers) in the text.
    pub keep_furniture: bool,
    /// Force the document format instead of detecting it from the bytes and the name.
    pub format: Option<Format>,
}

/// Something the loader changed or noticed, worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNote {
    /// The text was decoded from a legacy or non-UTF-8 encoding.
    Decoded(&'static str),
    /// UTF-16 was detected without a byte-order mark.
    Utf16WithoutBom(&'static str),
    /// Invalid UTF-8 sequences were replaced by U+FFFD.
    InvalidUtf8 {
        /// Number of replaced sequences.
        count: usize,
        /// 1-based line of the first.
        line: usize,
    },
    /// Unpaired UTF-16 surrogates (or an odd last byte) were replaced by U+FFFD.
    InvalidUtf16 {
        /// Number of replaced units.
        count: usize,
        /// 1-based line of the first.
        line: usize,
    },
    /// Control characters were replaced by spaces.
    ControlCleaned(usize),
    /// Byte-order marks inside the text (files joined with `cat`) were dropped.
    BomsDropped(usize),
    /// Lookalike letters (õ û) were folded to ő ű.
    LookalikesFolded(usize),
    /// Hyphens at line ends were joined.
    HyphensJoined(usize),
    /// Paragraphs broken by a page break were rejoined.
    PageBreaksRejoined(usize),
    /// A DOCX, ODT or HTML document was read.
    Extracted {
        /// `DOCX`, `ODT` or `HTML`.
        format: &'static str,
        /// Non-empty paragraphs found.
        paragraphs: usize,
        /// Of which table cells.
        cells: usize,
        /// Of which footnotes and endnotes (placed after the text).
        notes: usize,
    },
}

impl std::fmt::Display for LoadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadNote::Decoded(enc) => write!(f, "not UTF-8: decoded as {enc}"),
            LoadNote::Utf16WithoutBom(enc) => write!(f, "no byte-order mark: decoded as {enc}"),
            LoadNote::InvalidUtf8 { count, line } => write!(
                f,
                "{count} invalid UTF-8 sequence(s) replaced by U+FFFD (first at line {line})"
            ),
            LoadNote::InvalidUtf16 { count, line } => write!(
                f,
                "{count} unpaired UTF-16 surrogate(s) replaced by U+FFFD (first at line {line})"
            ),
            LoadNote::ControlCleaned(n) => {
                write!(f, "{n} control character(s) replaced by spaces")
            }
            LoadNote::BomsDropped(n) => write!(
                f,
                "{n} byte-order mark(s) inside the text dropped (files joined with cat?)"
            ),
            LoadNote::LookalikesFolded(n) => {
                write!(f, "{n} lookalike letter(s) õ/û folded to ő/ű")
            }
            LoadNote::HyphensJoined(n) => write!(f, "{n} line-end hyphen(s) joined"),
            LoadNote::PageBreaksRejoined(n) => {
                write!(f, "{n} paragraph(s) broken by a page break rejoined")
            }
            LoadNote::Extracted {
                format,
                paragraphs,
                cells,
                notes,
            } => {
                write!(f, "read as {format}: {paragraphs} paragraph(s)")?;
                if *cells > 0 {
                    write!(f, ", of which {cells} table cell(s)")?;
                }
                if *notes > 0 {
                    write!(
                        f,
                        ", {notes} footnote(s)/endnote(s) placed after the text (the last {notes} paragraphs)"
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// A loaded, normalised text with its paragraphs.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The normalised text. All ranges refer to it.
    pub text: String,
    /// Byte ranges of the paragraphs in `text` (with `presplit`: of the lines), trimmed
    /// of surrounding whitespace; empty paragraphs are only kept with `presplit`.
    pub paragraphs: Vec<Range<usize>>,
    /// The encoding the bytes were read in (`utf-8` for DOCX and ODT).
    pub encoding: SourceEncoding,
    /// The document format.
    pub format: Format,
    /// The layout the paragraphs were found by.
    pub layout: LayoutInfo,
    /// Page furniture taken out of the text, in order.
    pub furniture: Vec<Furniture>,
    /// What the loader changed or noticed.
    pub notes: Vec<LoadNote>,
    /// `sha256:<hex>` of the raw bytes, for stale detection.
    pub sha256: String,
    layers: Vec<OffsetMap>,
}

impl Loaded {
    /// Map a byte offset in [`Loaded::text`] back to the decoded source text.
    pub fn source_offset(&self, offset: usize) -> usize {
        self.layers
            .iter()
            .rev()
            .fold(offset, |off, layer| layer.map(off))
    }
}

/// `sha256:<hex>` of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Read and load a file.
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    if path.is_dir() {
        return Err(LoadError::IsDirectory(path.to_path_buf()));
    }
    let bytes = crate::read::read_file(path, crate::read::FileKind::Text)?;
    load_bytes(&bytes, path, options)
}

/// Load bytes already read; `path` is used in messages and, with its extension, to
/// tell HTML from plain text.
pub fn load_bytes(bytes: &[u8], path: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut notes = Vec::new();
    let format = formats::detect(bytes, path, options.format)?;
    let (decoded, encoding) = match format {
        Format::Text => decode::decode(bytes, path, options.encoding, &mut notes)?,
        _ => formats::extract(format, bytes, path, options.encoding, &mut notes)?,
    };
    let (normal, map1) = normalise::normalise(&decoded, path, options.clean_control, &mut notes)?;
    let presplit = options.presplit || options.layout == Some(Layout::Presplit);
    let read = if format != Format::Text {
        read_structured(normal, presplit)
    } else if presplit {
        read_presplit(normal)
    } else {
        read_plain(normal, &map1, options, &mut notes)
    };
    Ok(Loaded {
        text: read.text,
        paragraphs: read.paragraphs,
        encoding,
        format,
        layout: read.layout,
        furniture: read.furniture,
        notes,
        sha256: sha256_hex(bytes),
        layers: [vec![map1], read.layers].concat(),
    })
}

/// What the paragraph steps make of a normalised text.
struct Read {
    text: String,
    paragraphs: Vec<Range<usize>>,
    layout: LayoutInfo,
    furniture: Vec<Furniture>,
    layers: Vec<OffsetMap>,
}

/// Plain text: furniture out, layout detected, paragraphs found.
fn read_plain(
    normal: String,
    to_source: &OffsetMap,
    options: &LoadOptions,
    notes: &mut Vec<LoadNote>,
) -> Read {
    let lines = line_ranges(&normal);
    let first = header_end(&normal, &lines);
    let found = if options.keep_furniture {
        Vec::new()
    } else {
        furniture::detect(&normal, &lines, first)
    };
    let is_furniture = |i: usize| found.binary_search_by_key(&i, |&(j, _)| j).is_ok();
    let forced = options
        .layout
        .filter(|l| matches!(l, Layout::Wrapped | Layout::BlankLines | Layout::Lines));
    let layout = layout::detect(&normal, &lines, first, &is_furniture, forced);
    let (edits, rejoined) = furniture::removal_edits(&normal, &lines, first, &found, &layout);
    let furniture = found
        .iter()
        .map(|&(i, kind)| Furniture {
            kind,
            line: i + 1,
            range: to_source.map(lines[i].start)..to_source.map(lines[i].end),
            text: normal[lines[i].clone()]
                .replace(FORM_FEED, "")
                .trim()
                .to_string(),
        })
        .collect();
    if rejoined > 0 {
        notes.push(LoadNote::PageBreaksRejoined(rejoined));
    }
    let (clean, map2) = apply_edits(&normal, &edits);
    let (text, paragraphs, map3) =
        paragraphs::paragraphs(clean, &layout, true, options.hyphens, notes);
    Read {
        text,
        paragraphs,
        layout,
        furniture,
        layers: vec![map2, map3],
    }
}

/// One unit per line, exactly as given (form feeds become spaces).
fn read_presplit(normal: String) -> Read {
    let text = normal.replace(FORM_FEED, " ");
    Read {
        paragraphs: line_ranges(&text),
        text,
        layout: LayoutInfo::given(Layout::Presplit),
        furniture: Vec::new(),
        layers: Vec::new(),
    }
}

/// A DOCX, ODT or HTML document: every non-blank line of the extracted text is a
/// paragraph of the document (or, with `presplit`, a unit).
fn read_structured(text: String, presplit: bool) -> Read {
    let paragraphs = line_ranges(&text)
        .into_iter()
        .filter_map(|r| {
            let line = &text[r.clone()];
            let body = line.trim();
            let start = r.start + (line.len() - line.trim_start().len());
            (!body.is_empty()).then(|| start..start + body.len())
        })
        .collect();
    Read {
        text,
        paragraphs,
        layout: LayoutInfo::given(if presplit {
            Layout::Presplit
        } else {
            Layout::Structure
        }),
        furniture: Vec::new(),
        layers: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
