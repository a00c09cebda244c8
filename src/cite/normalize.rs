//! Quotation normalisation: the form in which quotations and sentences are compared.
//!
//! A historian's quotation rarely matches the text byte for byte: quote marks are
//! typographic or straight, dashes are hyphens or em dashes, lines were re-wrapped, words
//! were dropped behind an ellipsis. Both sides are therefore compared in a normal form:
//!
//! - NFC, then lower case; the legacy lookalikes `õ û` become `ő ű`;
//! - every quote mark and apostrophe (`" ' “ ” „ ‘ ’ ‚ « » ‹ ›` …) is dropped, so
//!   `People’s` = `Peoples` = `People's` and `“world revolution,”` = `"world revolution",`;
//! - every dash (`- ‐ ‑ ‒ – — ― −`) becomes `-`, and spaces around it are dropped, so
//!   `a – b` = `a-b` = `a—b`;
//! - `…` becomes `...`;
//! - every run of whitespace (line breaks, no-break spaces) becomes one space; no leading
//!   or trailing space.
//!
//! [`normalize_mapped`] also returns, for every byte of the normal form, the byte range
//! of the original character it came from, so a match can be marked in the sentence text.
//! Cost: one pass, O(n) time; the map costs two `usize` per output byte, so it is only
//! built for the few sentences being displayed. Known deviation: dropping apostrophes
//! also merges `it's` with `its`; for finding a quotation that is harmless.

use unicode_normalization::UnicodeNormalization;

/// A normalised text with a map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normal form.
    pub text: String,
    /// For each byte of `text`: start of the original character it came from.
    pub starts: Vec<usize>,
    /// For each byte of `text`: end of the original character it came from.
    pub ends: Vec<usize>,
}

impl Normalized {
    /// The original byte range covered by the normalised byte range `range` (empty
    /// ranges map to an empty range at the corresponding position).
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.start >= range.end || range.start >= self.starts.len() {
            let at = self
                .starts
                .get(range.start)
                .copied()
                .or_else(|| self.ends.last().copied())
                .unwrap_or(0);
            return at..at;
        }
        let end = range.end.min(self.ends.len());
        self.starts[range.start]..self.ends[end - 1]
    }
}

/// Whether `c` is a quote mark or apostrophe (dropped by normalisation).
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '´'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '″'
            | '′'
    )
}

/// Whether `c` is a dash or hyphen (normalised to `-`).
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '\u{00AD}'
    )
}

struct Sink<'a> {
    out: &'a mut String,
    starts: Option<&'a mut Vec<usize>>,
    ends: Option<&'a mut Vec<usize>>,
    after_dash: bool,
}

impl Sink<'_> {
    fn push(&mut self, s: &str, orig: std::ops::Range<usize>) {
        self.out.push_str(s);
        if let (Some(starts), Some(ends)) = (self.starts.as_deref_mut(), self.ends.as_deref_mut()) {
            for _ in 0..s.len() {
                starts.push(orig.start);
                ends.push(orig.end);
            }
        }
    }

    fn pop_space(&mut self) {
        if self.out.ends_with(' ') {
            self.out.pop();
            if let (Some(starts), Some(ends)) =
                (self.starts.as_deref_mut(), self.ends.as_deref_mut())
            {
                starts.pop();
                ends.pop();
            }
        }
    }
}

fn run(text: &str, sink: &mut Sink<'_>) {
    // Characters are visited with their original byte ranges. NFC composition is done
    // per character cluster below only when needed: texts from the loader are already
    // NFC, quotations from a terminal may not be (see `normalize_query`).
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let orig = i..i + c.len_utf8();
        if is_quote(c) {
            continue;
        }
        if c.is_whitespace() {
            if !sink.out.is_empty() && !sink.out.ends_with(' ') && !sink.after_dash {
                sink.push(" ", orig);
            }
            continue;
        }
        if is_dash(c) {
            if c == '\u{00AD}' {
                continue; // soft hyphen: invisible
            }
            sink.pop_space();
            sink.push("-", orig);
            sink.after_dash = true;
            continue;
        }
        sink.after_dash = false;
        if c == '…' {
            sink.push("...", orig);
            continue;
        }
        let c = match c {
            'õ' | 'Õ' => 'ő',
            'û' | 'Û' => 'ű',
            c => c,
        };
        if c.is_lowercase() || !c.is_alphabetic() {
            sink.push(c.encode_utf8(&mut buf), orig);
        } else {
            for l in c.to_lowercase() {
                sink.push(l.encode_utf8(&mut buf), orig.clone());
            }
        }
    }
    sink.pop_space();
}

/// Append the normal form of `text` to `out` (no map).
pub fn normalize_into(out: &mut String, text: &str) {
    let mut sink = Sink {
        out,
        starts: None,
        ends: None,
        after_dash: false,
    };
    run(text, &mut sink);
}

/// The normal form of `text` (no map).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(&mut out, text);
    out
}

/// The normal form of `text` with a byte map back to `text`.
pub fn normalize_mapped(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut ends = Vec::with_capacity(text.len());
    let mut sink = Sink {
        out: &mut out,
        starts: Some(&mut starts),
        ends: Some(&mut ends),
        after_dash: false,
    };
    run(text, &mut sink);
    Normalized {
        text: out,
        starts,
        ends,
    }
}

/// Cut a quotation into the pieces between ellipses (`…`, `...`, `. . .`, with or
/// without brackets `[…]`), each in normal form and trimmed of the punctuation a quoter
/// commonly changes at a cut (`. , ; :`). Empty pieces are dropped.
pub fn query_pieces(quote: &str) -> Vec<String> {
    let nfc: String = quote.nfc().collect();
    let marked = nfc
        .replace("[…]", "\u{0}")
        .replace("[...]", "\u{0}")
        .replace("(…)", "\u{0}")
        .replace("(...)", "\u{0}")
        .replace(". . .", "\u{0}")
        .replace("...", "\u{0}")
        .replace('…', "\u{0}");
    marked
        .split('\u{0}')
        .map(|piece| {
            normalize(piece)
                .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | ' '))
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_case_and_space_are_normalised() {
        assert_eq!(
            normalize("they still pay the most attention to “world revolution,” that is"),
            normalize("They still pay the most attention to \"world revolution\", that is"),
        );
        assert_eq!(normalize("a – b"), "a-b");
        assert_eq!(normalize("a—b"), "a-b");
        assert_eq!(normalize("a - b"), "a-b");
        assert_eq!(normalize("People’s"), normalize("people's"));
        assert_eq!(normalize("  Több\n  sor\u{a0}itt  "), "több sor itt");
        assert_eq!(normalize("Nem tudom… Talán"), "nem tudom... talán");
        assert_eq!(normalize("Kõ és Ûr"), "kő és űr");
        assert_eq!(normalize("„ idézet ”"), "idézet");
    }

    #[test]
    fn comma_inside_or_outside_the_quotes_is_the_same() {
        assert_eq!(
            normalize("to “world revolution,” that"),
            normalize("to \"world revolution,\" that")
        );
    }

    #[test]
    fn map_points_back_to_original_characters() {
        let text = "The “Cuban” leaders – ÉS — all";
        let n = normalize_mapped(text);
        assert_eq!(n.text, "the cuban leaders-és-all");
        assert_eq!(n.starts.len(), n.text.len());
        let at = n.text.find("cuban").expect("present");
        let r = n.original_range(at..at + "cuban".len());
        assert_eq!(&text[r], "Cuban");
        let at = n.text.find("és").expect("present");
        let r = n.original_range(at..at + "és".len());
        assert_eq!(&text[r], "ÉS");
        let r = n.original_range(0..n.text.len());
        assert_eq!(&text[r], text);
    }

    #[test]
    fn pieces_split_at_every_ellipsis_form() {
        assert_eq!(
            query_pieces("Since the crisis … have avoided us... and the [...] delegations."),
            [
                "since the crisis",
                "have avoided us",
                "and the",
                "delegations"
            ]
        );
        assert_eq!(query_pieces("…only words…"), ["only words"]);
        assert!(query_pieces(" ... ").is_empty());
    }

    #[test]
    fn decomposed_input_is_composed() {
        // "é" as e + combining acute, as a macOS terminal may send it.
        assert_eq!(query_pieces("Beve\u{301}ll"), ["bevéll"]);
    }
}
