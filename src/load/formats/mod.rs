//! Document formats: which one a file is, and the text of a DOCX, ODT or HTML document.
//!
//! A format is recognised from the bytes (a ZIP archive holding `word/document.xml` is
//! DOCX, one whose `mimetype` is an OpenDocument text is ODT, `<!DOCTYPE html` or
//! `<html` at the start is HTML) or from the extension (`.html`, `.htm`, `.xhtml`).
//! PDF, Word 97–2003, RTF, spreadsheets, presentations and EPUB are refused with a line
//! saying what to do instead.
//!
//! The extracted text has one paragraph of the document per line, paragraphs separated
//! by a blank line, whitespace inside a paragraph collapsed to single spaces: body
//! paragraphs and headings in reading order, every table cell as one paragraph, then the
//! footnotes and endnotes, one paragraph each (kept apart from the sentences that cite
//! them). What is not text is left out: DOCX headers and footers (page furniture),
//! deleted text of tracked changes, field codes, comments; HTML `<head>`, `<script>`,
//! `<style>`, `<nav>` and the like.
//!
//! Crates: `zip` reads the archives, `quick-xml` streams their XML, `html5gum` tokenises
//! HTML (docs/design.md says why). Limits keep hostile files in bounded memory and time:
//! see `archive.rs` and `xml.rs` (and docs/input.md).

mod archive;
mod docx;
mod html;
mod odt;
mod xml;

use std::path::Path;

use super::decode::{self, SourceEncoding};
use super::LoadNote;
use crate::error::LoadError;

/// Most text tandem extracts from one document (64 MiB).
pub const MAX_TEXT_BYTES: usize = 64 << 20;

/// The format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// Office Open XML word-processing document (Word 2007 and later).
    Docx,
    /// OpenDocument text (LibreOffice, OpenOffice).
    Odt,
    /// HTML or XHTML.
    Html,
}

impl Format {
    /// Name as used on the command line and in alignment files.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
        }
    }

    /// Name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
            Format::Html => "HTML",
        }
    }
}

/// Which format `bytes` are in; `forced` skips the detection.
pub(crate) fn detect(
    bytes: &[u8],
    path: &Path,
    forced: Option<Format>,
) -> Result<Format, LoadError> {
    if let Some(format) = forced {
        return Ok(format);
    }
    let unsupported = |what: &'static str, fix: &'static str| LoadError::Unsupported {
        path: path.to_path_buf(),
        what,
        fix,
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return archive::kind(bytes, path);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(unsupported(
            "a Word 97-2003 (.doc) or other legacy Office file, or a password-protected document",
            "save it as .docx, .odt or plain text (without a password)",
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(unsupported(
            "a PDF",
            "extract its text first (e.g. with pdftotext); tandem then takes out page numbers and running heads",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(
            "an RTF document",
            "save it as .docx, .odt or plain text",
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" | "odt" => Err(LoadError::Corrupt {
            path: path.to_path_buf(),
            format: if ext == "docx" { "DOCX" } else { "ODT" },
            reason: "it is not a ZIP archive".into(),
        }),
        "html" | "htm" | "xhtml" => Ok(Format::Html),
        _ if looks_like_html(bytes) => Ok(Format::Html),
        _ => Ok(Format::Text),
    }
}

/// `<!DOCTYPE html` or `<html` at the start (after a BOM, whitespace and an XML
/// declaration or comments).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = lower.trim_start();
    loop {
        if let Some(after) = rest
            .strip_prefix("<?xml")
            .or_else(|| rest.strip_prefix("<!--"))
        {
            match after.find('>') {
                Some(end) => rest = after[end + 1..].trim_start(),
                None => return false,
            }
        } else {
            return rest.starts_with("<!doctype html") || rest.starts_with("<html");
        }
    }
}

/// The text of a DOCX, ODT or HTML document (see the module docs) and its encoding.
pub(crate) fn extract(
    format: Format,
    bytes: &[u8],
    path: &Path,
    encoding: Option<SourceEncoding>,
    notes: &mut Vec<LoadNote>,
) -> Result<(String, SourceEncoding), LoadError> {
    let mut blocks = Blocks::default();
    let encoding = match format {
        Format::Docx => {
            docx::extract(bytes, path, &mut blocks)?;
            SourceEncoding::Utf8
        }
        Format::Odt => {
            odt::extract(bytes, path, &mut blocks)?;
            SourceEncoding::Utf8
        }
        Format::Html => {
            let (text, encoding) = html::decode(bytes, path, encoding, notes)?;
            html::extract(&text, &mut blocks).map_err(|reason| LoadError::Refused {
                path: path.to_path_buf(),
                reason,
            })?;
            encoding
        }
        Format::Text => return decode::decode(bytes, path, encoding, notes),
    };
    notes.push(LoadNote::Extracted {
        format: format.label(),
        paragraphs: blocks.body.len() + blocks.notes.len(),
        cells: blocks.cells,
        notes: blocks.notes.len(),
    });
    Ok((blocks.into_text(), encoding))
}

/// Paragraphs extracted from a document, whitespace collapsed.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    body: Vec<String>,
    notes: Vec<String>,
    cells: usize,
    bytes: usize,
}

/// Where an extracted paragraph goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A paragraph or heading of the body.
    Paragraph,
    /// A table cell (a paragraph of the body).
    Cell,
    /// A footnote or endnote (after the body).
    Note,
}

impl Blocks {
    /// Add a paragraph; empty ones are dropped. Fails past [`MAX_TEXT_BYTES`].
    pub(crate) fn push(&mut self, raw: &str, kind: BlockKind) -> Result<(), String> {
        let text = collapse(raw);
        if text.is_empty() {
            return Ok(());
        }
        self.bytes += text.len() + 2;
        if self.bytes > MAX_TEXT_BYTES {
            return Err(too_much_text());
        }
        match kind {
            BlockKind::Paragraph => self.body.push(text),
            BlockKind::Cell => {
                self.cells += 1;
                self.body.push(text);
            }
            BlockKind::Note => self.notes.push(text),
        }
        Ok(())
    }

    fn into_text(self) -> String {
        let mut out = String::with_capacity(self.bytes);
        for p in self.body.iter().chain(&self.notes) {
            out.push_str(p);
            out.push_str("\n\n");
        }
        out
    }
}

/// The message when a document holds more than [`MAX_TEXT_BYTES`] of text.
pub(crate) fn too_much_text() -> String {
    format!(
        "it holds more than {} MiB of text, the most tandem extracts from one document",
        MAX_TEXT_BYTES >> 20
    )
}

/// Whitespace runs (but not no-break spaces) become one space; control characters
/// go; the result is trimmed.
fn collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}') {
            space = true;
        } else if c.is_control() || c == '\u{FEFF}' || c == '\u{AD}' {
            continue;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A stack of open paragraphs, cells and notes, for the XML formats: nested
/// paragraphs (text boxes) come out as paragraphs of their own, paragraphs inside a
/// cell or a note are joined into it.
#[derive(Debug, Default)]
pub(crate) struct Frames {
    stack: Vec<(BlockKind, String)>,
    appended: usize,
}

impl Frames {
    /// Open a paragraph, a cell or a note.
    pub(crate) fn open(&mut self, kind: BlockKind) {
        let absorbed = kind == BlockKind::Paragraph
            && matches!(
                self.stack.last(),
                Some((BlockKind::Cell | BlockKind::Note, _))
            );
        if !absorbed {
            self.stack.push((kind, String::new()));
        }
    }

    /// Close the innermost paragraph, cell or note of `kind` and emit it.
    pub(crate) fn close(&mut self, kind: BlockKind, blocks: &mut Blocks) -> Result<(), String> {
        match self.stack.last_mut() {
            Some((top, text)) if *top != kind => {
                // A paragraph inside a cell or note ends: a space, not a block.
                text.push(' ');
                Ok(())
            }
            Some(_) => {
                let (kind, text) = self.stack.pop().unwrap_or((kind, String::new()));
                blocks.push(&text, kind)
            }
            None => Ok(()),
        }
    }

    /// Text for the innermost open frame (ignored outside any).
    pub(crate) fn text(&mut self, s: &str) -> Result<(), String> {
        if let Some((_, text)) = self.stack.last_mut() {
            self.appended += s.len();
            if self.appended > MAX_TEXT_BYTES {
                return Err(too_much_text());
            }
            text.push_str(s);
        }
        Ok(())
    }

    /// Emit whatever is still open (a document cut short).
    pub(crate) fn finish(&mut self, blocks: &mut Blocks) -> Result<(), String> {
        while let Some((kind, text)) = self.stack.pop() {
            blocks.push(&text, kind)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
