//! Loading text files: decode any encoding we meet, normalise, find paragraphs.
//!
//! Every command reads its texts through [`load_bytes`] / [`load_file`], so a text is
//! always seen the same way:
//!
//! 1. **Decode.** UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or without one
//!    when every other byte is NUL), otherwise legacy Windows-1250 (a superset of
//!    ISO-8859-2 for Hungarian letters). A legacy decode is reported in [`Loaded::notes`].
//!    A UTF-8 file with a few broken bytes is decoded with U+FFFD and a note.
//! 2. **Normalise.** CRLF and CR become LF; NFC; the lookalikes `õ û Õ Û` (Latin-2 text
//!    once read as Latin-1) become `ő ű Ő Ű`; control characters other than tab and
//!    newline are refused, or replaced by spaces with `clean_control`.
//! 3. **Paragraphs.** A leading block of `#` lines is a header comment (provenance), not
//!    text. Paragraphs are separated by blank lines. Inside a paragraph, hard line wraps
//!    become spaces; a hyphen at a line end is joined to the next line (see
//!    [`HyphenMode`]).
//!
//! Offsets: [`Loaded::text`] is the normalised text and every range tandem reports is a
//! byte range in it. [`Loaded::source_offset`] maps such an offset back to the decoded
//! source (for UTF-8 files: the byte offset in the file after any BOM).
//!
//! Cost: linear time, a constant number of copies of the text.

use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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

/// Encodings tandem reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16 little endian (BOM or detected).
    Utf16Le,
    /// UTF-16 big endian (BOM or detected).
    Utf16Be,
    /// Windows-1250 (also covers ISO-8859-2 Hungarian text).
    Windows1250,
}

impl SourceEncoding {
    /// Name as used on the command line and in alignment files.
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "utf-8",
            SourceEncoding::Utf8Bom => "utf-8-bom",
            SourceEncoding::Utf16Le => "utf-16le",
            SourceEncoding::Utf16Be => "utf-16be",
            SourceEncoding::Windows1250 => "windows-1250",
        }
    }

    /// Parse an encoding name given by the user (`--encoding`).
    pub fn from_name(name: &str) -> Result<Self, LoadError> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(SourceEncoding::Utf8),
            "utf-16le" | "utf16le" => Ok(SourceEncoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(SourceEncoding::Utf16Be),
            "windows-1250" | "cp1250" | "iso-8859-2" | "latin2" | "latin-2" => {
                Ok(SourceEncoding::Windows1250)
            }
            _ => Err(LoadError::UnknownEncoding(name.to_string())),
        }
    }
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
    /// (empty ones included) is a unit.
    pub presplit: bool,
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
    /// Control characters were replaced by spaces.
    ControlCleaned(usize),
    /// Lookalike letters (õ û) were folded to ő ű.
    LookalikesFolded(usize),
    /// Hyphens at line ends were joined.
    HyphensJoined(usize),
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
            LoadNote::ControlCleaned(n) => {
                write!(f, "{n} control character(s) replaced by spaces")
            }
            LoadNote::LookalikesFolded(n) => {
                write!(f, "{n} lookalike letter(s) õ/û folded to ő/ű")
            }
            LoadNote::HyphensJoined(n) => write!(f, "{n} line-end hyphen(s) joined"),
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
    /// The encoding the bytes were read in.
    pub encoding: SourceEncoding,
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
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    load_bytes(&bytes, path, options)
}

/// Load bytes already read; `path` is only used in messages.
pub fn load_bytes(bytes: &[u8], path: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut notes = Vec::new();
    let (decoded, encoding) = decode(bytes, path, options.encoding, &mut notes)?;
    let (normal, map1) = normalise(&decoded, path, options.clean_control, &mut notes)?;
    let (text, paragraphs, map2) = if options.presplit {
        let lines = line_ranges(&normal);
        (normal, lines, OffsetMap::identity())
    } else {
        paragraphs(normal, options.hyphens, &mut notes)
    };
    Ok(Loaded {
        text,
        paragraphs,
        encoding,
        notes,
        sha256: sha256_hex(bytes),
        layers: vec![map1, map2],
    })
}

/// Piecewise-linear map from offsets in a derived text to offsets in its source.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    /// `(derived, source)` pairs where the shift between the texts changes; sorted.
    checkpoints: Vec<(usize, usize)>,
}

impl OffsetMap {
    fn identity() -> Self {
        OffsetMap::default()
    }

    fn push(&mut self, derived: usize, source: usize) {
        if let Some(last) = self.checkpoints.last() {
            if derived - last.0 == source.wrapping_sub(last.1) {
                return;
            }
        } else if derived == source {
            return;
        }
        self.checkpoints.push((derived, source));
    }

    fn map(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(d, _)| d <= offset);
        let guess = match i.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((d, s)) => s + (offset - d),
            None => offset,
        };
        // Inside a line that NFC made longer the linear guess could run past the next
        // checkpoint; clamp so that the map stays monotone.
        self.checkpoints
            .get(i)
            .map_or(guess, |&(_, next)| guess.min(next))
    }
}

fn decode(
    bytes: &[u8],
    path: &Path,
    forced: Option<SourceEncoding>,
    notes: &mut Vec<LoadNote>,
) -> Result<(String, SourceEncoding), LoadError> {
    let strict = |enc: &'static encoding_rs::Encoding, body: &[u8], name: SourceEncoding| {
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            Err(LoadError::Malformed {
                path: path.to_path_buf(),
                encoding: name.name(),
            })
        } else {
            Ok(text.into_owned())
        }
    };
    if let Some(enc) = forced {
        let body = strip_bom(bytes, enc);
        let text = match enc {
            SourceEncoding::Utf8 | SourceEncoding::Utf8Bom => {
                strict(encoding_rs::UTF_8, body, enc)?
            }
            SourceEncoding::Utf16Le => strict(encoding_rs::UTF_16LE, body, enc)?,
            SourceEncoding::Utf16Be => strict(encoding_rs::UTF_16BE, body, enc)?,
            SourceEncoding::Windows1250 => strict(encoding_rs::WINDOWS_1250, body, enc)?,
        };
        return Ok((text, enc));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((utf8_lossy(rest, notes), SourceEncoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        notes.push(LoadNote::Decoded("UTF-16LE"));
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return Ok((text.into_owned(), SourceEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        notes.push(LoadNote::Decoded("UTF-16BE"));
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return Ok((text.into_owned(), SourceEncoding::Utf16Be));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, _) = match enc {
            SourceEncoding::Utf16Le => encoding_rs::UTF_16LE.decode_without_bom_handling(bytes),
            _ => encoding_rs::UTF_16BE.decode_without_bom_handling(bytes),
        };
        notes.push(LoadNote::Utf16WithoutBom(enc.name()));
        return Ok((text.into_owned(), enc));
    }
    if looks_binary(bytes) {
        return Err(LoadError::Binary(path.to_path_buf()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), SourceEncoding::Utf8)),
        Err(_) if mostly_utf8(bytes) => Ok((utf8_lossy(bytes, notes), SourceEncoding::Utf8)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1250.decode_without_bom_handling(bytes);
            notes.push(LoadNote::Decoded("Windows-1250 (ISO-8859-2)"));
            Ok((text.into_owned(), SourceEncoding::Windows1250))
        }
    }
}

fn strip_bom(bytes: &[u8], enc: SourceEncoding) -> &[u8] {
    let bom: &[u8] = match enc {
        SourceEncoding::Utf8 | SourceEncoding::Utf8Bom => b"\xEF\xBB\xBF",
        SourceEncoding::Utf16Le => b"\xFF\xFE",
        SourceEncoding::Utf16Be => b"\xFE\xFF",
        SourceEncoding::Windows1250 => b"",
    };
    bytes.strip_prefix(bom).unwrap_or(bytes)
}

/// Decode UTF-8, replacing broken sequences and noting where the first one was.
fn utf8_lossy(bytes: &[u8], notes: &mut Vec<LoadNote>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(first) => {
            let line = 1 + bytes[..first.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let already = std::str::from_utf8(bytes).map_or(0, |t| t.matches('\u{FFFD}').count());
            let text = String::from_utf8_lossy(bytes).into_owned();
            let count = text.matches('\u{FFFD}').count() - already;
            notes.push(LoadNote::InvalidUtf8 { count, line });
            text
        }
    }
}

/// True when a non-UTF-8 byte stream is still mostly valid multi-byte UTF-8, i.e. a
/// UTF-8 file with a few damaged bytes rather than a legacy 8-bit file.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multibyte += good.iter().filter(|b| **b >= 0xC0).count();
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multibyte >= 4 * invalid && valid_multibyte > 0
}

/// UTF-16 without a BOM: in the first few KB, almost every other byte is NUL.
fn sniff_utf16(bytes: &[u8]) -> Option<SourceEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(SourceEncoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

/// Binary: NUL bytes or many C0 control bytes in the first 8 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    let nul = sample.iter().filter(|&&b| b == 0).count();
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    nul * 100 > sample.len() || control * 10 > sample.len()
}

/// Line ends, control characters, lookalikes and NFC. One output byte per input byte
/// except where CR LF loses its CR and where NFC changes a line.
fn normalise(
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
    let mut line_no = 1usize;
    let mut pos = 0usize;
    let bytes = decoded.as_bytes();
    while pos < decoded.len() {
        // One line at a time (terminator included), so NFC can be done per line.
        let end = memchr_line_end(bytes, pos);
        let line = &decoded[pos..end];
        let (body, terminator) = split_terminator(line);
        map.push(out.len(), pos);
        let mut cleaned = String::with_capacity(body.len());
        for ch in body.chars() {
            match ch {
                '\t' => cleaned.push(ch),
                c if c.is_control() || c == '\u{FEFF}' => {
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
        } else {
            out.extend(cleaned.nfc());
        }
        // Where lengths differ (NFC or multi-byte controls) clamp at the line end.
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
    if lookalikes > 0 {
        notes.push(LoadNote::LookalikesFolded(lookalikes));
    }
    Ok((out, map))
}

/// End of the line starting at `pos`, terminator included (`\n`, `\r\n` or `\r`).
fn memchr_line_end(bytes: &[u8], pos: usize) -> usize {
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

/// Byte ranges of every line (terminator excluded); a final empty line after a
/// trailing newline is not a line.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// Find paragraphs and unwrap hard line breaks inside them.
fn paragraphs(
    text: String,
    hyphens: HyphenMode,
    notes: &mut Vec<LoadNote>,
) -> (String, Vec<Range<usize>>, OffsetMap) {
    let lines = line_ranges(&text);
    // Skip the header comment: leading lines starting with '#'.
    let mut first = 0;
    while first < lines.len() && text[lines[first].clone()].starts_with('#') {
        first += 1;
    }
    // Group the remaining lines into paragraphs.
    let mut groups: Vec<Range<usize>> = Vec::new(); // ranges of line indices
    let mut i = first;
    while i < lines.len() {
        if is_blank(&text[lines[i].clone()]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !is_blank(&text[lines[i].clone()]) {
            i += 1;
        }
        groups.push(start..i);
    }
    // Words of the text, built only when a hyphen needs the `Auto` decision.
    let mut known_words: Option<std::collections::HashSet<String>> = None;
    let mut joinable = |word: &str, text: &str| match hyphens {
        HyphenMode::Join => true,
        HyphenMode::Keep => false,
        HyphenMode::Auto => known_words
            .get_or_insert_with(|| {
                text.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .contains(word),
    };
    // Decide every line-end hyphen first (needs the whole text), then rebuild.
    let mut edits: Vec<(usize, usize, &'static str)> = Vec::new(); // (start, end, replacement)
    for group in &groups {
        for li in group.start..group.end - 1 {
            let line = &text[lines[li].clone()];
            let next = &text[lines[li + 1].clone()];
            let body = line.trim_end();
            let next_body = next.trim_start();
            let break_start = lines[li].start + body.len();
            let break_end = lines[li + 1].start + (next.len() - next_body.len());
            if let Some(stem) = body.strip_suffix('-') {
                let before = stem.chars().last();
                let after = next_body.chars().next();
                let wordish = before.is_some_and(char::is_alphabetic)
                    && after.is_some_and(char::is_lowercase);
                if wordish {
                    let head = last_word(stem);
                    let tail = first_word(next_body);
                    let joined = format!("{head}{tail}");
                    if head.chars().count() >= 2 && joinable(&joined, &text) {
                        edits.push((break_start - 1, break_end, ""));
                    } else {
                        edits.push((break_start, break_end, ""));
                    }
                    continue;
                }
            }
            // An ordinary wrap: the line break (and indentation) becomes one space when
            // it is a single newline, keeping offsets identical.
            edits.push((break_start, break_end, " "));
        }
    }
    let joined = edits
        .iter()
        .filter(|(s, _, r)| r.is_empty() && text.as_bytes()[*s] == b'-')
        .count();
    if joined > 0 {
        notes.push(LoadNote::HyphensJoined(joined));
    }
    // Rebuild the text; removed bytes leave a checkpoint in the offset map.
    let mut map = OffsetMap::identity();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for &(start, end, replacement) in &edits {
        out.push_str(&text[pos..start]);
        if !replacement.is_empty() {
            // Newlines and indentation become spaces, byte for byte: offsets kept.
            out.extend(
                text[start..end]
                    .chars()
                    .map(|c| if c == '\n' { ' ' } else { c }),
            );
        }
        pos = end;
        map.push(out.len(), pos);
    }
    out.push_str(&text[pos..]);
    // Paragraph bounds lie outside every edit: shift them by the bytes removed before.
    let mut removed = 0usize;
    let mut next_edit = 0usize;
    let mut shift = |offset: usize| -> usize {
        while next_edit < edits.len() && edits[next_edit].1 <= offset {
            let (s, e, r) = edits[next_edit];
            if r.is_empty() {
                removed += e - s;
            }
            next_edit += 1;
        }
        offset - removed
    };
    let mut paragraphs = Vec::with_capacity(groups.len());
    for group in &groups {
        let first_line = &text[lines[group.start].clone()];
        let last_line = &text[lines[group.end - 1].clone()];
        let s = lines[group.start].start + (first_line.len() - first_line.trim_start().len());
        let e = lines[group.end - 1].start + last_line.trim_end().len();
        let s = shift(s);
        let e = shift(e);
        paragraphs.push(s..e);
    }
    (out, paragraphs, map)
}

fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> Loaded {
        load_bytes(bytes, Path::new("t.txt"), &LoadOptions::default()).expect("loads")
    }

    fn paras(l: &Loaded) -> Vec<&str> {
        l.paragraphs.iter().map(|r| &l.text[r.clone()]).collect()
    }

    #[test]
    fn utf8_with_bom_is_read() {
        let l = load("\u{FEFF}Első bekezdés.".as_bytes());
        assert_eq!(l.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(paras(&l), ["Első bekezdés."]);
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Havanna, 1963. január 28.".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let l = load(&bytes);
        assert_eq!(l.encoding, SourceEncoding::Utf16Le);
        assert_eq!(paras(&l), ["Havanna, 1963. január 28."]);
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let mut bytes = vec![];
        for u in "Havanna, 1963. január 28.".encode_utf16() {
            bytes.extend(u.to_be_bytes());
        }
        let l = load(&bytes);
        assert_eq!(l.encoding, SourceEncoding::Utf16Be);
        assert!(matches!(l.notes[0], LoadNote::Utf16WithoutBom(_)));
    }

    #[test]
    fn windows_1250_is_decoded_with_a_note() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Árvíztűrő tükörfúrógép.");
        let l = load(&bytes);
        assert_eq!(l.encoding, SourceEncoding::Windows1250);
        assert_eq!(paras(&l), ["Árvíztűrő tükörfúrógép."]);
        assert!(matches!(l.notes[0], LoadNote::Decoded(_)));
    }

    #[test]
    fn broken_byte_in_utf8_file_is_replaced_not_misread_as_legacy() {
        let mut bytes = "Árvíztűrő tükörfúrógép és őrült ütő.\n".as_bytes().to_vec();
        bytes.extend(b"bad \xFF byte\n");
        let l = load(&bytes);
        assert_eq!(l.encoding, SourceEncoding::Utf8);
        assert!(l.text.contains('\u{FFFD}'));
        assert!(matches!(l.notes[0], LoadNote::InvalidUtf8 { line: 2, .. }));
    }

    #[test]
    fn crlf_and_cr_become_lf_and_offsets_map_back() {
        let l = load(b"One.\r\n\r\nTwo.\rThree.");
        assert_eq!(paras(&l), ["One.", "Two. Three."]);
        let two = l.text.find("Two").expect("present");
        assert_eq!(l.source_offset(two), 8);
        let three = l.text.find("Three").expect("present");
        assert_eq!(l.source_offset(three), 13);
    }

    #[test]
    fn lookalikes_are_folded() {
        let l = load("Õ is tõle kérte a fût.".as_bytes());
        assert_eq!(paras(&l), ["Ő is tőle kérte a fűt."]);
        assert!(l.notes.contains(&LoadNote::LookalikesFolded(3)));
    }

    #[test]
    fn nfc_composes_decomposed_accents() {
        let l = load("e\u{0301}s o\u{030B}".as_bytes());
        assert_eq!(paras(&l), ["és ő"]);
    }

    #[test]
    fn nul_is_refused_unless_cleaning() {
        let bytes = b"Some text with a \0 NUL in the middle of a long enough line of text, more than one hundred bytes long for sure.";
        let err =
            load_bytes(bytes, Path::new("x.txt"), &LoadOptions::default()).expect_err("refused");
        assert!(err.to_string().contains("--clean-control"));
        let options = LoadOptions {
            clean_control: true,
            ..LoadOptions::default()
        };
        let l = load_bytes(bytes, Path::new("x.txt"), &options).expect("cleaned");
        assert!(l.text.contains("a   NUL") || l.text.contains("a  NUL"));
        assert_eq!(l.text.len(), bytes.len());
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i % 7) as u8).collect();
        let err =
            load_bytes(&bytes, Path::new("x.bin"), &LoadOptions::default()).expect_err("binary");
        assert!(matches!(err, LoadError::Binary(_)));
    }

    #[test]
    fn header_comment_is_skipped() {
        let l = load(b"# provenance\n# licence\n\nFirst.\n\nSecond.\n");
        assert_eq!(paras(&l), ["First.", "Second."]);
    }

    #[test]
    fn hard_wraps_are_unwrapped_in_place() {
        let l = load(b"The crisis and\n  its solution.\n\nNext one.");
        assert_eq!(paras(&l), ["The crisis and   its solution.", "Next one."]);
        assert_eq!(
            l.text.len(),
            "The crisis and\n  its solution.\n\nNext one.".len()
        );
    }

    #[test]
    fn hyphen_auto_joins_only_known_words() {
        let l = load("A politika fontos. A poli-\ntika és a by-\nstander.".as_bytes());
        assert_eq!(
            paras(&l),
            ["A politika fontos. A politika és a by-stander."]
        );
        let s = l.text.find("stander").expect("present");
        assert_eq!(
            l.source_offset(s),
            "A politika fontos. A poli-\ntika és a by-\n".len()
        );
    }

    #[test]
    fn hyphen_modes_join_and_keep() {
        let join = LoadOptions {
            hyphens: HyphenMode::Join,
            ..LoadOptions::default()
        };
        let keep = LoadOptions {
            hyphens: HyphenMode::Keep,
            ..LoadOptions::default()
        };
        let t = b"by-\nstander";
        let l = load_bytes(t, Path::new("t"), &join).expect("loads");
        assert_eq!(paras(&l), ["bystander"]);
        let l = load_bytes(t, Path::new("t"), &keep).expect("loads");
        assert_eq!(paras(&l), ["by-stander"]);
    }

    #[test]
    fn presplit_keeps_every_line_including_empty_ones() {
        let options = LoadOptions {
            presplit: true,
            ..LoadOptions::default()
        };
        let l = load_bytes(b"# not a header\n\nthird\n", Path::new("t"), &options).expect("ok");
        assert_eq!(paras(&l), ["# not a header", "", "third"]);
    }

    /// Found by `fuzz_load_bytes_never_panics`: U+FB2A is excluded from composition, so
    /// NFC makes its line longer, and offsets inside that line mapped back past the
    /// line end (source_offset was not monotone).
    #[test]
    fn r_source_offset_is_monotone_when_nfc_lengthens_a_line() {
        let l = load("\u{FB2A}\u{FB2A} x\n\ny".as_bytes());
        assert_eq!(l.text, "\u{5E9}\u{5C1}\u{5E9}\u{5C1} x\n\ny");
        let mut prev = 0;
        for i in 0..=l.text.len() {
            let s = l.source_offset(i);
            assert!(s >= prev, "offset {i} maps to {s}, before {prev}");
            prev = s;
        }
        assert_eq!(l.source_offset(l.text.find('y').expect("y")), 10);
    }

    #[test]
    fn empty_file_has_no_paragraphs() {
        assert!(load(b"").paragraphs.is_empty());
        assert!(load(b"\n\n  \n").paragraphs.is_empty());
    }

    mod fuzz {
        use super::*;
        use crate::testing::{cases, tricky_bytes};
        use proptest::prelude::*;

        fn options() -> impl Strategy<Value = LoadOptions> {
            (
                proptest::option::of(proptest::sample::select(vec![
                    SourceEncoding::Utf8,
                    SourceEncoding::Utf8Bom,
                    SourceEncoding::Utf16Le,
                    SourceEncoding::Utf16Be,
                    SourceEncoding::Windows1250,
                ])),
                proptest::sample::select(vec![
                    HyphenMode::Auto,
                    HyphenMode::Join,
                    HyphenMode::Keep,
                ]),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|(encoding, hyphens, clean_control, presplit)| LoadOptions {
                    encoding,
                    hyphens,
                    clean_control,
                    presplit,
                })
        }

        /// What must hold of any successful load.
        fn check_loaded(l: &Loaded, options: &LoadOptions) {
            let mut prev_end = 0;
            for r in &l.paragraphs {
                assert!(
                    r.start <= r.end && r.end <= l.text.len(),
                    "{r:?} out of bounds"
                );
                assert!(
                    r.start >= prev_end,
                    "paragraphs overlap or are out of order"
                );
                assert!(l.text.is_char_boundary(r.start) && l.text.is_char_boundary(r.end));
                let p = &l.text[r.clone()];
                if !options.presplit {
                    assert!(!p.is_empty(), "empty paragraph");
                    assert_eq!(p, p.trim(), "untrimmed paragraph");
                    assert!(
                        !p.contains('\n'),
                        "unwrapped paragraph keeps a newline: {p:?}"
                    );
                }
                prev_end = r.end;
            }
            assert!(!l.text.contains('\r'), "CR survived normalisation");
            assert!(l.sha256.starts_with("sha256:") && l.sha256.len() == 71);
            // Offsets map back monotonically.
            let mut prev = 0;
            for (i, _) in l
                .text
                .char_indices()
                .chain(std::iter::once((l.text.len(), ' ')))
            {
                let s = l.source_offset(i);
                assert!(
                    s >= prev,
                    "source_offset not monotone at {i} of {:?}",
                    l.text
                );
                prev = s;
            }
        }

        /// UTF-8 text without control characters, combining marks, lookalikes or a
        /// header: what survives loading unchanged but for line ends and wraps.
        fn plain_text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    "[a-zA-Z0-9áéőűÁŐ.,!?;:()\"'/]{1,8}",
                    proptest::sample::select(vec![
                        " ",
                        "  ",
                        "\t",
                        "\n",
                        "\n\n",
                        "\r\n",
                        "\r",
                        "\r\n\r\n",
                        " \n ",
                        "-\n",
                        "a-\nb",
                        "-",
                        "–",
                        "…",
                        "„",
                        "”",
                        "你好。",
                        "مرحبا.",
                        "שלום.",
                        "🙂",
                        "👩‍👩‍👧",
                    ])
                    .prop_map(str::to_string),
                ],
                0..60,
            )
            .prop_map(|parts| format!("A {}", parts.concat()))
        }

        proptest! {
            #![proptest_config(cases(512))]

            /// Any bytes, any options: a result or an error, never a panic.
            #[test]
            fn fuzz_load_bytes_never_panics(bytes in tricky_bytes(600), options in options()) {
                if let Ok(l) = load_bytes(&bytes, Path::new("f.txt"), &options) {
                    check_loaded(&l, &options);
                }
            }

            /// Valid UTF-8: the paragraphs are slices of the text holding every
            /// non-space character of the file, in order, and offsets map back to the
            /// same characters in the file.
            #[test]
            fn fuzz_utf8_paragraphs_are_slices_of_the_text(
                text in plain_text(),
                hyphens in proptest::sample::select(vec![HyphenMode::Auto, HyphenMode::Join, HyphenMode::Keep]),
                presplit in any::<bool>(),
            ) {
                let options = LoadOptions { hyphens, presplit, ..LoadOptions::default() };
                let l = load_bytes(text.as_bytes(), Path::new("f.txt"), &options).expect("plain UTF-8 loads");
                check_loaded(&l, &options);
                prop_assert_eq!(l.encoding, SourceEncoding::Utf8);
                // Dropped line-end hyphens are the only characters that may go.
                let keep = |c: &char| !c.is_whitespace() && (hyphens == HyphenMode::Keep || *c != '-');
                let expected: String = text.chars().filter(keep).collect();
                let got: String = l.paragraphs.iter().flat_map(|r| l.text[r.clone()].chars()).filter(keep).collect();
                prop_assert_eq!(got, expected);
                for r in &l.paragraphs {
                    for (i, c) in l.text[r.clone()].char_indices() {
                        if c.is_whitespace() {
                            continue;
                        }
                        let at = l.source_offset(r.start + i);
                        prop_assert!(
                            text.get(at..).is_some_and(|rest| rest.starts_with(c)),
                            "offset {} of {:?} maps to {} in the file", r.start + i, c, at
                        );
                    }
                }
            }
        }
    }
}
