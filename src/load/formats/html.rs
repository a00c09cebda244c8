//! HTML: decode by BOM, `<meta charset>` or detection, then paragraphs from the block
//! structure of the token stream.
//!
//! Block elements (`p`, `div`, `h1`–`h6`, `li`, `blockquote`, `pre`, `section` …) start
//! and end paragraphs; `<br><br>` ends one, a single `<br>` is a space; every table
//! cell (`td`, `th`) is one paragraph, whatever blocks it holds. Left out: `<head>`
//! (title included), `<script>`, `<style>`, `<template>`, `<noscript>`, `<nav>`, `<svg>`,
//! `<iframe>`, `<object>`, `<canvas>`, form controls, comments, and note marks (a link
//! to a place in the page whose text is `1`, `[2]`, `*` …: a footnote reference).
//!
//! Tokenising, not tree building: text extraction needs only block boundaries, so
//! misnested tags do not matter, and memory and time stay linear whatever the nesting
//! depth of a hostile file.

use std::path::Path;

use encoding_rs::Encoding;
use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::super::decode::{self, SourceEncoding};
use super::super::LoadNote;
use super::{too_much_text, BlockKind, Blocks, MAX_TEXT_BYTES};
use crate::error::LoadError;

/// Decode an HTML file: forced encoding, BOM, `<meta charset>`, else as plain text.
pub(crate) fn decode(
    bytes: &[u8],
    path: &Path,
    forced: Option<SourceEncoding>,
    notes: &mut Vec<LoadNote>,
) -> Result<(String, SourceEncoding), LoadError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if forced.is_none() && !has_bom {
        if let Some(enc) = meta_charset(bytes) {
            // A UTF-16 label in an ASCII-readable file is a mistake (WHATWG: use UTF-8).
            if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                if enc == encoding_rs::UTF_8 && had_errors {
                    return Ok((decode::utf8_lossy(bytes, notes), SourceEncoding::Utf8));
                }
                let source = SourceEncoding::from_encoding(enc);
                if source != SourceEncoding::Utf8 {
                    notes.push(LoadNote::Decoded(enc.name()));
                }
                return Ok((text.into_owned(), source));
            }
        }
    }
    decode::decode(bytes, path, forced, notes)
}

/// The encoding a `<meta charset=…>` or `content="…; charset=…"` in the first KB names.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
}

/// Elements whose content is not text of the document.
const SKIPPED: &[&str] = &[
    "head", "title", "script", "style", "template", "noscript", "nav", "svg", "math", "iframe",
    "object", "canvas", "select", "textarea", "button", "datalist",
];

/// Elements that may stand in `<head>` without ending it.
const HEAD_ELEMENTS: &[&str] = &[
    "meta", "link", "title", "style", "script", "base", "noscript", "template",
];

/// Elements that start and end paragraphs.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "caption",
];

/// Elements that bound table cells.
const TABLE_ROWS: &[&str] = &["table", "thead", "tbody", "tfoot", "tr"];

/// The paragraphs of an HTML text.
pub(crate) fn extract(text: &str, blocks: &mut Blocks) -> Result<(), String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut state = State::default();
    for token in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let fragment_link = name == "a"
                    && tag
                        .attributes
                        .get(&b"href"[..])
                        .is_some_and(|h| h.starts_with(b"#"));
                state.start(&name, tag.self_closing, blocks)?;
                if fragment_link && state.skipping.is_none() {
                    state.note_link = Some(state.current.len());
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                state.end(&name, blocks)?;
            }
            Token::String(s) => state.text(&String::from_utf8_lossy(&s))?,
            _ => {}
        }
    }
    state.flush(blocks)
}

#[derive(Default)]
struct State {
    /// The paragraph being read.
    current: String,
    /// Inside a table cell.
    in_cell: bool,
    /// Skipping the content of this element, nested this deep in itself.
    skipping: Option<(String, usize)>,
    /// In `<head>` (until `</head>`, `<body>` or content).
    in_head: bool,
    /// The last thing seen was a `<br>`.
    after_br: bool,
    /// Bytes of text taken so far.
    taken: usize,
    /// Where the text of an open `<a href="#…">` starts in `current`.
    note_link: Option<usize>,
}

impl State {
    fn start(&mut self, name: &str, self_closing: bool, blocks: &mut Blocks) -> Result<(), String> {
        if let Some((skipped, depth)) = &mut self.skipping {
            if skipped == name && !self_closing {
                *depth += 1;
            }
            return Ok(());
        }
        if name == "head" {
            self.in_head = true;
            return Ok(());
        }
        if self.in_head && !HEAD_ELEMENTS.contains(&name) {
            self.in_head = false;
        }
        if SKIPPED.contains(&name) && !self_closing {
            self.skipping = Some((name.to_string(), 1));
            return Ok(());
        }
        if self.in_head {
            return Ok(());
        }
        let was_br = std::mem::take(&mut self.after_br);
        match name {
            "br" => {
                if was_br && !self.in_cell {
                    self.flush(blocks)?;
                } else {
                    self.current.push(' ');
                    self.after_br = true;
                }
            }
            "td" | "th" => {
                self.flush(blocks)?;
                self.in_cell = true;
            }
            _ if TABLE_ROWS.contains(&name) => self.flush(blocks)?,
            _ if BLOCKS.contains(&name) => self.block_boundary(blocks)?,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str, blocks: &mut Blocks) -> Result<(), String> {
        if let Some((skipped, depth)) = &mut self.skipping {
            if skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skipping = None;
                }
            }
            return Ok(());
        }
        if name == "head" {
            self.in_head = false;
            return Ok(());
        }
        self.after_br = false;
        if name == "a" {
            self.drop_note_mark();
        }
        match name {
            "td" | "th" => self.flush(blocks),
            _ if TABLE_ROWS.contains(&name) => self.flush(blocks),
            _ if BLOCKS.contains(&name) => self.block_boundary(blocks),
            _ => Ok(()),
        }
    }

    fn text(&mut self, s: &str) -> Result<(), String> {
        if self.skipping.is_some() {
            return Ok(());
        }
        if self.in_head {
            if s.trim().is_empty() {
                return Ok(());
            }
            self.in_head = false;
        }
        if !s.trim().is_empty() {
            self.after_br = false;
        }
        self.taken += s.len();
        if self.taken > MAX_TEXT_BYTES {
            return Err(too_much_text());
        }
        self.current.push_str(s);
        Ok(())
    }

    /// A link to a place in the page whose text is a note mark (`1`, `[2]`, `*`): a
    /// footnote reference, not text of the sentence.
    fn drop_note_mark(&mut self) {
        let Some(start) = self.note_link.take() else {
            return;
        };
        let Some(mark) = self.current.get(start..) else {
            return;
        };
        let mark = mark.trim().trim_matches(['[', ']', '(', ')']);
        let is_mark = !mark.is_empty()
            && mark.chars().count() <= 4
            && mark.chars().all(|c| {
                c.is_ascii_digit()
                    || matches!(c, '*' | '†' | '‡')
                    || c.is_ascii_lowercase() && mark.len() == 1
            });
        if is_mark {
            self.current.truncate(start);
        }
    }

    /// A block element starts or ends: a new paragraph, or a space inside a cell.
    fn block_boundary(&mut self, blocks: &mut Blocks) -> Result<(), String> {
        if self.in_cell {
            self.current.push(' ');
            Ok(())
        } else {
            self.flush(blocks)
        }
    }

    /// Emit the paragraph being read (a cell when inside one).
    fn flush(&mut self, blocks: &mut Blocks) -> Result<(), String> {
        let kind = if std::mem::take(&mut self.in_cell) {
            BlockKind::Cell
        } else {
            BlockKind::Paragraph
        };
        let text = std::mem::take(&mut self.current);
        self.note_link = None;
        blocks.push(&text, kind)
    }
}
