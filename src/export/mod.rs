//! Exporters: pure serialisers from an alignment file to bytes; the caller decides where
//! the bytes go. One file per format.
//!
//! | format | what | re-imports to |
//! |---|---|---|
//! | `json` | the canonical alignment file | everything |
//! | `vecalign` | `[0, 1]:[2]` per bead (vecalign, `score.py`) | beads |
//! | `ladder` | hunalign's ladder, `i<TAB>j<TAB>confidence` rungs | beads |
//! | `tsv` | locators, type, confidence, both texts | beads, confidence, texts |
//! | `csv` | the same as tsv, quoted (texts keep line breaks) | beads, confidence, texts |
//! | `tmx` | TMX 1.4b translation memory, one `<tu>` per bead | beads, texts |
//! | `html` | a self-contained side-by-side page with review findings | (for people) |

pub mod csv;
pub mod html;
pub mod ladder;
pub mod tmx;
pub mod tsv;
pub mod vecalign;

#[cfg(test)]
mod fuzz;

use crate::alignment::{AlignmentFile, TextRecord};

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
