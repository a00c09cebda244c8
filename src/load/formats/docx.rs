//! DOCX (Office Open XML word processing): the text of `word/document.xml`, then the
//! footnotes and endnotes.
//!
//! Paragraphs (`w:p`) and headings are paragraphs; a table cell (`w:tc`) is one
//! paragraph; text boxes come out as paragraphs of their own. Left out: deleted text
//! and moved-away text of tracked changes, field codes (`w:instrText`), paragraph and
//! run properties, the fallback copy of `mc:AlternateContent`, headers and footers
//! (page furniture), comments. Tabs and line breaks become spaces.

use std::path::Path;

use quick_xml::events::BytesStart;

use super::archive::{self, Archive};
use super::xml::{self, attribute, Ns, Visit, Visitor};
use super::{BlockKind, Blocks, Frames};
use crate::error::LoadError;

const FORMAT: &str = "DOCX";

/// Extract the paragraphs of a DOCX file.
pub(crate) fn extract(bytes: &[u8], path: &Path, blocks: &mut Blocks) -> Result<(), LoadError> {
    let mut archive = archive::open(bytes, path, FORMAT)?;
    let main = main_part(&mut archive, path)?;
    let mut visitor = WordVisitor {
        frames: Frames::default(),
        blocks,
        in_text: 0,
        notes: false,
    };
    let Some(part) = archive::part(&mut archive, &main, path, FORMAT)? else {
        return Err(LoadError::Corrupt {
            path: path.to_path_buf(),
            format: FORMAT,
            reason: format!("the archive has no {main}"),
        });
    };
    xml::walk(part, &main, path, FORMAT, &mut visitor)?;
    finish(&mut visitor, path)?;
    visitor.notes = true;
    for name in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(part) = archive::part(&mut archive, name, path, FORMAT)? {
            xml::walk(part, name, path, FORMAT, &mut visitor)?;
            finish(&mut visitor, path)?;
        }
    }
    Ok(())
}

fn finish(visitor: &mut WordVisitor, path: &Path) -> Result<(), LoadError> {
    visitor
        .frames
        .finish(visitor.blocks)
        .map_err(|reason| LoadError::Refused {
            path: path.to_path_buf(),
            reason,
        })
}

/// The main document part: `word/document.xml`, or what `_rels/.rels` names.
fn main_part(archive: &mut Archive, path: &Path) -> Result<String, LoadError> {
    const DEFAULT: &str = "word/document.xml";
    if archive.index_for_name(DEFAULT).is_some() {
        return Ok(DEFAULT.to_string());
    }
    let mut rels = RelsVisitor { target: None };
    if let Some(part) = archive::part(archive, "_rels/.rels", path, FORMAT)? {
        xml::walk(part, "_rels/.rels", path, FORMAT, &mut rels)?;
    }
    rels.target.ok_or_else(|| LoadError::Corrupt {
        path: path.to_path_buf(),
        format: FORMAT,
        reason: "it names no main document part".into(),
    })
}

/// Finds the `officeDocument` relationship.
struct RelsVisitor {
    target: Option<String>,
}

impl Visitor for RelsVisitor {
    fn start(&mut self, _ns: Ns, local: &str, element: &BytesStart) -> Result<Visit, String> {
        if local == "Relationship"
            && attribute(element, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
        {
            self.target =
                attribute(element, "Target").map(|t| t.trim_start_matches('/').to_string());
        }
        Ok(Visit::Enter)
    }

    fn end(&mut self, _ns: Ns, _local: &str) -> Result<(), String> {
        Ok(())
    }

    fn text(&mut self, _text: &str) -> Result<(), String> {
        Ok(())
    }
}

/// Walks `document.xml`, `footnotes.xml` and `endnotes.xml`.
struct WordVisitor<'b> {
    frames: Frames,
    blocks: &'b mut Blocks,
    /// Inside `w:t` (only its text is document text).
    in_text: usize,
    /// Reading footnotes or endnotes.
    notes: bool,
}

impl Visitor for WordVisitor<'_> {
    fn start(&mut self, ns: Ns, local: &str, element: &BytesStart) -> Result<Visit, String> {
        match (ns, local) {
            (Ns::Compat, "Fallback") => return Ok(Visit::Skip),
            (Ns::Word, _) => {}
            _ => return Ok(Visit::Enter),
        }
        match local {
            "pPr" | "rPr" | "sectPr" | "tblPr" | "trPr" | "tcPr" | "tblGrid" | "sdtPr"
            | "sdtEndPr" | "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" => {
                return Ok(Visit::Skip)
            }
            "footnote" | "endnote" if self.notes => {
                // Separators are not notes.
                if attribute(element, "type").is_some_and(|t| t != "normal") {
                    return Ok(Visit::Skip);
                }
                self.frames.open(BlockKind::Note);
            }
            "p" => self.frames.open(BlockKind::Paragraph),
            "tc" => self.frames.open(BlockKind::Cell),
            "t" => self.in_text += 1,
            "tab" | "ptab" | "br" | "cr" => self.frames.text(" ")?,
            "noBreakHyphen" => self.frames.text("-")?,
            _ => {}
        }
        Ok(Visit::Enter)
    }

    fn end(&mut self, ns: Ns, local: &str) -> Result<(), String> {
        if ns != Ns::Word {
            return Ok(());
        }
        match local {
            "footnote" | "endnote" if self.notes => self.frames.close(BlockKind::Note, self.blocks),
            "p" => self.frames.close(BlockKind::Paragraph, self.blocks),
            "tc" => self.frames.close(BlockKind::Cell, self.blocks),
            "t" => {
                self.in_text = self.in_text.saturating_sub(1);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn text(&mut self, text: &str) -> Result<(), String> {
        if self.in_text > 0 {
            self.frames.text(text)?;
        }
        Ok(())
    }
}
