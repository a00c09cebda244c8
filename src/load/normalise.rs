//! Normalisation of a decoded text: line ends, control characters, stray BOMs,
//! lookalike letters and Unicode NFC.
//!
//! CRLF and CR become LF. Control characters other than tab and newline are refused
//! (or replaced by spaces with `clean_control`), except the form feed, which is a page
//! break and is kept for the page-furniture step. A byte-order mark inside the text
//! (files joined with `cat`) is dropped with a note. The lookalikes `õ û Õ Û` (Latin-2
//! text once read as Latin-1) become `ő ű Ő Ű`. Each line is put in NFC.
//!
//! One output byte per input byte except where CR LF loses its CR, a BOM is dropped or
//! NFC changes a line; the returned [`OffsetMap`] records those places.
//!
//! Cost: linear time, one copy of the text.

use std::path::Path;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::offsets::OffsetMap;
use super::LoadNote;
use crate::error::LoadError;

/// The form feed: a page break in text extracted from PDFs and printouts.
pub(crate) const FORM_FEED: char = '\u{0C}';

/// Normalise `decoded` (see the module docs).
pub(crate) fn normalise(
    decoded: &str,
    path: &Path,
    clean_control: bool,
    notes: &mut Vec<LoadNote>,
) -> Result<(String, OffsetMap), LoadError> {
    let mut out = String::with_capacity(decoded.len());
    let mut map = OffsetMap::identity();
    let mut control = 0usize;
    let mut first_control_line = 0usize;
    let mut lookalikes = 0usize;
    let mut boms = 0usize;
    let mut line_no = 1usize;
    let mut pos = 0usize;
    let bytes = decoded.as_bytes();
    // (offset in the cleaned line, offset in the source line) after each dropped BOM.
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    while pos < decoded.len() {
        // One line at a time (terminator included), so NFC can be done per line.
        let end = line_end(bytes, pos);
        let line = &decoded[pos..end];
        let (body, terminator) = split_terminator(line);
        map.push(out.len(), pos);
        let mut cleaned = String::with_capacity(body.len());
        dropped.clear();
        for (i, ch) in body.char_indices() {
            match ch {
                '\t' | FORM_FEED => cleaned.push(ch),
                '\u{FEFF}' => {
                    boms += 1;
                    dropped.push((cleaned.len(), i + ch.len_utf8()));
                }
                c if c.is_control() => {
                    if control == 0 {
                        first_control_line = line_no;
                    }
                    control += 1;
                    // One space per byte, so that offsets stay put.
                    cleaned.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
                'õ' | 'û' | 'Õ' | 'Û' => {
                    lookalikes += 1;
                    cleaned.push(match ch {
                        'õ' => 'ő',
                        'û' => 'ű',
                        'Õ' => 'Ő',
                        _ => 'Ű',
                    });
                }
                c => cleaned.push(c),
            }
        }
        let line_out_start = out.len();
        if is_nfc_quick(cleaned.chars()) == IsNormalized::Yes {
            out.push_str(&cleaned);
            // Exact places after each dropped BOM (NFC left the line alone).
            for &(c, s) in &dropped {
                map.push(line_out_start + c, pos + s);
            }
        } else {
            out.extend(cleaned.nfc());
        }
        // Where lengths differ (NFC or a dropped BOM) clamp at the line end.
        let produced = out.len() - line_out_start;
        if produced != body.len() {
            map.push(out.len(), pos + body.len());
        }
        if !terminator.is_empty() {
            map.push(out.len(), pos + body.len());
            out.push('\n');
            line_no += 1;
        }
        pos = end;
    }
    if control > 0 {
        if !clean_control {
            return Err(LoadError::ControlCharacters {
                path: path.to_path_buf(),
                count: control,
                line: first_control_line,
            });
        }
        notes.push(LoadNote::ControlCleaned(control));
    }
    if boms > 0 {
        notes.push(LoadNote::BomsDropped(boms));
    }
    if lookalikes > 0 {
        notes.push(LoadNote::LookalikesFolded(lookalikes));
    }
    Ok((out, map))
}

/// End of the line starting at `pos`, terminator included (`\n`, `\r\n` or `\r`).
fn line_end(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i + 1,
            b'\r' => {
                return if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

fn split_terminator(line: &str) -> (&str, &str) {
    let body = line.trim_end_matches(['\n', '\r']);
    (body, &line[body.len()..])
}
