//! ODT (OpenDocument text): the text of `content.xml`.
//!
//! Paragraphs (`text:p`) and headings (`text:h`) are paragraphs; a table cell is one
//! paragraph; frames and text boxes come out as paragraphs of their own; a note's body
//! (`text:note`, footnote or endnote) goes after the text and its citation mark is
//! dropped. Left out: styles, tracked changes (deleted text lives there), annotations
//! (comments), covered table cells, titles and descriptions of frames. `text:s`, tabs
//! and line breaks become spaces.

use std::path::Path;

use quick_xml::events::BytesStart;

use super::archive;
use super::xml::{self, Ns, Visit, Visitor};
use super::{BlockKind, Blocks, Frames};
use crate::error::LoadError;

const FORMAT: &str = "ODT";

/// Extract the paragraphs of an ODT file.
pub(crate) fn extract(bytes: &[u8], path: &Path, blocks: &mut Blocks) -> Result<(), LoadError> {
    let mut archive = archive::open(bytes, path, FORMAT)?;
    let Some(part) = archive::part(&mut archive, "content.xml", path, FORMAT)? else {
        return Err(LoadError::Corrupt {
            path: path.to_path_buf(),
            format: FORMAT,
            reason: "the archive has no content.xml".into(),
        });
    };
    let mut visitor = OdtVisitor {
        frames: Frames::default(),
        blocks,
        in_body: 0,
    };
    xml::walk(part, "content.xml", path, FORMAT, &mut visitor)?;
    visitor
        .frames
        .finish(visitor.blocks)
        .map_err(|reason| LoadError::Refused {
            path: path.to_path_buf(),
            reason,
        })
}

struct OdtVisitor<'b> {
    frames: Frames,
    blocks: &'b mut Blocks,
    /// Inside `office:body`.
    in_body: usize,
}

impl Visitor for OdtVisitor<'_> {
    fn start(&mut self, ns: Ns, local: &str, _element: &BytesStart) -> Result<Visit, String> {
        match (ns, local) {
            (Ns::Office, "body") => self.in_body += 1,
            (Ns::Office, "automatic-styles" | "font-face-decls" | "scripts" | "annotation") => {
                return Ok(Visit::Skip)
            }
            (Ns::Text, "tracked-changes" | "note-citation") => return Ok(Visit::Skip),
            (Ns::Table, "covered-table-cell") | (Ns::Svg, "title" | "desc") => {
                return Ok(Visit::Skip)
            }
            (Ns::Text, "p" | "h") => self.frames.open(BlockKind::Paragraph),
            (Ns::Text, "note-body") => self.frames.open(BlockKind::Note),
            (Ns::Table, "table-cell") => self.frames.open(BlockKind::Cell),
            (Ns::Text, "s" | "tab" | "line-break") => self.frames.text(" ")?,
            _ => {}
        }
        Ok(Visit::Enter)
    }

    fn end(&mut self, ns: Ns, local: &str) -> Result<(), String> {
        match (ns, local) {
            (Ns::Office, "body") => {
                self.in_body = self.in_body.saturating_sub(1);
                Ok(())
            }
            (Ns::Text, "p" | "h") => self.frames.close(BlockKind::Paragraph, self.blocks),
            (Ns::Text, "note-body") => self.frames.close(BlockKind::Note, self.blocks),
            (Ns::Table, "table-cell") => self.frames.close(BlockKind::Cell, self.blocks),
            _ => Ok(()),
        }
    }

    fn text(&mut self, text: &str) -> Result<(), String> {
        if self.in_body > 0 {
            self.frames.text(text)?;
        }
        Ok(())
    }
}
