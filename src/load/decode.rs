//! Decoding: bytes of any encoding we meet → a Rust string, with notes on what was odd.
//!
//! UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or without one when every
//! other byte is NUL), otherwise a legacy 8-bit encoding: Windows-1250, or ISO-8859-2
//! when the bytes can only be that (an `Š š Ž ž Ś ś Ź ź` byte inside a word that
//! Windows-1250 would read as `© ¹ ® ľ ¦ ¶ ¬`, and no byte in 0x80–0x9F). For Hungarian
//! letters the two agree. A UTF-8 file with a few broken bytes is decoded with U+FFFD,
//! and so is UTF-16 with unpaired surrogates; both with a note naming the first line.
//! `--encoding` forces any encoding `encoding_rs` knows, strictly (errors refuse the file).
//!
//! Cost: linear time; one copy of the text.

use std::path::Path;

use encoding_rs::Encoding;

use super::LoadNote;
use crate::error::LoadError;

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
    /// Windows-1250 (the usual legacy encoding of Hungarian text).
    Windows1250,
    /// ISO-8859-2 (Latin-2): the same Hungarian letters as Windows-1250, but `Š š Ž ž`
    /// and a few others on other bytes.
    Iso8859_2,
    /// Any other encoding `encoding_rs` knows (given with `--encoding`, or declared by
    /// an HTML file's `<meta charset>`).
    Other(&'static Encoding),
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
            SourceEncoding::Iso8859_2 => "iso-8859-2",
            SourceEncoding::Other(enc) => enc.name(),
        }
    }

    /// Parse an encoding name given by the user (`--encoding`): tandem's names, or any
    /// WHATWG label (`windows-1252`, `latin1`, `koi8-r` …).
    pub fn from_name(name: &str) -> Result<Self, LoadError> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => return Ok(SourceEncoding::Utf8),
            "utf-8-bom" => return Ok(SourceEncoding::Utf8Bom),
            "utf-16le" | "utf16le" => return Ok(SourceEncoding::Utf16Le),
            "utf-16be" | "utf16be" => return Ok(SourceEncoding::Utf16Be),
            "windows-1250" | "cp1250" => return Ok(SourceEncoding::Windows1250),
            "iso-8859-2" | "iso8859-2" | "latin2" | "latin-2" => {
                return Ok(SourceEncoding::Iso8859_2)
            }
            _ => {}
        }
        match Encoding::for_label(name.trim().as_bytes()) {
            Some(enc) if enc != encoding_rs::REPLACEMENT => Ok(SourceEncoding::from_encoding(enc)),
            _ => Err(LoadError::UnknownEncoding(name.to_string())),
        }
    }

    /// tandem's variant for an `encoding_rs` encoding.
    pub(crate) fn from_encoding(enc: &'static Encoding) -> Self {
        if enc == encoding_rs::UTF_8 {
            SourceEncoding::Utf8
        } else if enc == encoding_rs::UTF_16LE {
            SourceEncoding::Utf16Le
        } else if enc == encoding_rs::UTF_16BE {
            SourceEncoding::Utf16Be
        } else if enc == encoding_rs::WINDOWS_1250 {
            SourceEncoding::Windows1250
        } else if enc == encoding_rs::ISO_8859_2 {
            SourceEncoding::Iso8859_2
        } else {
            SourceEncoding::Other(enc)
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            SourceEncoding::Utf8 | SourceEncoding::Utf8Bom => encoding_rs::UTF_8,
            SourceEncoding::Utf16Le => encoding_rs::UTF_16LE,
            SourceEncoding::Utf16Be => encoding_rs::UTF_16BE,
            SourceEncoding::Windows1250 => encoding_rs::WINDOWS_1250,
            SourceEncoding::Iso8859_2 => encoding_rs::ISO_8859_2,
            SourceEncoding::Other(enc) => enc,
        }
    }
}

/// Decode `bytes`, detecting the encoding unless `forced`.
pub(crate) fn decode(
    bytes: &[u8],
    path: &Path,
    forced: Option<SourceEncoding>,
    notes: &mut Vec<LoadNote>,
) -> Result<(String, SourceEncoding), LoadError> {
    if let Some(enc) = forced {
        let body = strip_bom(bytes, enc);
        let (text, had_errors) = enc.encoding().decode_without_bom_handling(body);
        if had_errors {
            return Err(LoadError::Malformed {
                path: path.to_path_buf(),
                encoding: enc.name(),
            });
        }
        return Ok((text.into_owned(), enc));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((utf8_lossy(rest, notes), SourceEncoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        notes.push(LoadNote::Decoded("UTF-16LE"));
        return Ok((utf16(rest, false, notes), SourceEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        notes.push(LoadNote::Decoded("UTF-16BE"));
        return Ok((utf16(rest, true, notes), SourceEncoding::Utf16Be));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        notes.push(LoadNote::Utf16WithoutBom(enc.name()));
        let text = utf16(bytes, enc == SourceEncoding::Utf16Be, notes);
        return Ok((text, enc));
    }
    if looks_binary(bytes) {
        return Err(LoadError::Binary(path.to_path_buf()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), SourceEncoding::Utf8)),
        Err(_) if mostly_utf8(bytes) => Ok((utf8_lossy(bytes, notes), SourceEncoding::Utf8)),
        Err(_) if looks_iso_8859_2(bytes) => {
            let (text, _) = encoding_rs::ISO_8859_2.decode_without_bom_handling(bytes);
            notes.push(LoadNote::Decoded(
                "ISO-8859-2 (letters such as Š/Ž that Windows-1250 reads as ©/®)",
            ));
            Ok((text.into_owned(), SourceEncoding::Iso8859_2))
        }
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
        _ => b"",
    };
    bytes.strip_prefix(bom).unwrap_or(bytes)
}

/// Decode UTF-8, replacing broken sequences and noting where the first one was.
pub(crate) fn utf8_lossy(bytes: &[u8], notes: &mut Vec<LoadNote>) -> String {
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

/// Decode UTF-16; unpaired surrogates (and an odd last byte) become U+FFFD with a note.
fn utf16(body: &[u8], big_endian: bool, notes: &mut Vec<LoadNote>) -> String {
    let unit = |c: &[u8]| {
        if big_endian {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    };
    let mut count = 0usize;
    let mut first_line = 0usize;
    let mut line = 1usize;
    let mut pending_high = false;
    let mut bad = |line: usize, count: &mut usize| {
        if *count == 0 {
            first_line = line;
        }
        *count += 1;
    };
    for c in body.chunks_exact(2) {
        let u = unit(c);
        match u {
            0xD800..=0xDBFF => {
                if pending_high {
                    bad(line, &mut count);
                }
                pending_high = true;
            }
            0xDC00..=0xDFFF => {
                if !pending_high {
                    bad(line, &mut count);
                }
                pending_high = false;
            }
            _ => {
                if pending_high {
                    bad(line, &mut count);
                }
                pending_high = false;
                if u == 0x0A {
                    line += 1;
                }
            }
        }
    }
    if pending_high {
        bad(line, &mut count);
    }
    if body.len() % 2 == 1 {
        bad(line, &mut count);
    }
    let enc = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    let (text, _) = enc.decode_without_bom_handling(body);
    if count > 0 {
        notes.push(LoadNote::InvalidUtf16 {
            count,
            line: first_line,
        });
    }
    text.into_owned()
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

/// ISO-8859-2 rather than Windows-1250: no byte in 0x80–0x9F (printable in
/// Windows-1250, C1 controls in ISO-8859-2), and some byte that is a letter in
/// ISO-8859-2 but a symbol in Windows-1250 stands next to a letter.
fn looks_iso_8859_2(bytes: &[u8]) -> bool {
    if bytes.iter().any(|b| (0x80..=0x9F).contains(b)) {
        return false;
    }
    // Š Ž Ś ś Ź ą Ą in ISO-8859-2; © ® ¦ ¶ ¬ ± ˇ in Windows-1250. Not 0xB9 (š / ą, a
    // letter in both) nor 0xB5 (ľ / µ: `5 µm` is common).
    const LETTER_OR_SYMBOL: [u8; 7] = [0xA9, 0xAE, 0xA6, 0xB6, 0xAC, 0xB1, 0xA1];
    let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0xC0);
    bytes.iter().enumerate().any(|(i, b)| {
        LETTER_OR_SYMBOL.contains(b)
            && (letter(bytes.get(i + 1)) || i.checked_sub(1).is_some_and(|j| letter(bytes.get(j))))
    })
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
