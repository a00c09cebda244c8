//! Exporters: pure serialisers from an alignment file to bytes; the caller decides where
//! the bytes go. One file per format, plus the pieces they share: which beads become
//! translation units ([`units`]), language tags ([`langtag`]), text that XML can
//! carry ([`xmltext`]) and reading the TMX and XLIFF exports back (`xmlread`).
//!
//! | format | what | re-imports to |
//! |---|---|---|
//! | `json` | the canonical alignment file | everything |
//! | `vecalign` | `[0, 1]:[2]` per bead (vecalign, `score.py`) | beads |
//! | `ladder` | hunalign's ladder, `i<TAB>j<TAB>confidence` rungs | beads |
//! | `tsv` | locators, type, confidence, both texts; quoted as Excel's tab dialect | beads, confidence, texts |
//! | `csv` | the same as tsv, RFC 4180 (texts keep line breaks), formula cells guarded | beads, confidence, texts |
//! | `xlsx` | a spreadsheet: frozen header, wrapped text, widths | (for people; openpyxl reads it) |
//! | `tmx` | TMX 1.4b translation memory, one `<tu>` per two-sided bead | beads, texts |
//! | `xliff` | XLIFF 1.2, one `<trans-unit>` per two-sided bead | beads, texts |
//! | `xliff2` | XLIFF 2.0, one `<unit>` per two-sided bead | beads, texts |
//! | `html` | a self-contained side-by-side page with review findings | (for people) |
//!
//! Exporters that may leave beads out or change text return [`Exported`], whose
//! [`Notes`] say what they did, for the caller to report.

pub mod csv;
pub mod html;
pub mod ladder;
pub mod langtag;
pub mod tmx;
pub mod tsv;
pub mod units;
pub mod vecalign;
pub mod xliff;
pub mod xlsx;
mod xmlread;
pub mod xmltext;

#[cfg(test)]
mod fuzz;

use crate::alignment::{AlignmentFile, TextRecord};
use crate::error::ExportError;

/// The bytes of an export and what the exporter did that the user should know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exported {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// What was left out or changed.
    pub notes: Notes,
}

/// What an exporter left out or changed; all zero when it wrote every bead as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Notes {
    /// Units (or rows) written.
    pub units: usize,
    /// Beads with one side empty, left out of a translation memory.
    pub unpaired_left_out: usize,
    /// Beads below the minimum confidence, left out.
    pub low_confidence_left_out: usize,
    /// Characters XML cannot carry, replaced by U+FFFD ([`xmltext`]).
    pub replaced_chars: usize,
    /// Spreadsheet cells that would have run as formulas, prefixed with `'`.
    pub guarded_cells: usize,
    /// Cells cut to a spreadsheet's limit of 32,767 characters.
    pub truncated_cells: usize,
}

/// The first of several alignments, when all have its language pair (a memory or an
/// XLIFF file has one pair); the error names the first alignment that differs.
pub fn same_languages<'a>(files: &[&'a AlignmentFile]) -> Result<&'a AlignmentFile, ExportError> {
    let first = files.first().ok_or(ExportError::NoAlignments)?;
    let pair = |f: &AlignmentFile| format!("{}-{}", f.source.lang, f.target.lang);
    match files.iter().find(|f| pair(f) != pair(first)) {
        Some(other) => Err(ExportError::MixedLanguages {
            first: first.id.clone(),
            first_pair: pair(first),
            other: other.id.clone(),
            other_pair: pair(other),
        }),
        None => Ok(first),
    }
}

/// The largest sentence index (or count) the vecalign and ladder readers and
/// `eval --sizes` accept. No text tandem aligns comes near it; a larger number is a typo
/// or a damaged file, and taking it at face value would make `eval` build index lists of
/// that length (gigabytes of memory).
pub const MAX_SENTENCES: usize = 10_000_000;

/// Beads as pairs of index lists (the interchange model of vecalign and ladder files).
pub type IndexBeads = Vec<(Vec<usize>, Vec<usize>)>;

/// The beads of an alignment file as index lists.
pub fn index_beads(file: &AlignmentFile) -> IndexBeads {
    file.beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

/// The locators of some sentences, separated by spaces (`p3.s1 p3.s2`).
pub fn locators(ids: &[usize], rec: &TextRecord) -> String {
    ids.iter()
        .filter_map(|&i| rec.sentences.get(i))
        .map(|s| s.id.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sentence indices of space-separated locators, for importers; the error names the
/// locator that is not in the text.
pub fn sentence_ids(field: &str, rec: &TextRecord) -> Result<Vec<usize>, String> {
    field
        .split_whitespace()
        .map(|l| {
            let loc: crate::document::Locator = l.parse()?;
            rec.sentences
                .iter()
                .position(|s| s.id == loc)
                .ok_or_else(|| format!("locator {loc} is not a sentence of {}", rec.path))
        })
        .collect()
}
