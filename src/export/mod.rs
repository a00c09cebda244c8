//! Exporters: pure serialisers from an alignment file to bytes; the caller decides where
//! the bytes go. One file per format.
//!
//! | format | what | re-imports to |
//! |---|---|---|
//! | `json` | the canonical alignment file | everything |
//! | `vecalign` | `[0, 1]:[2]` per bead (vecalign, `score.py`) | beads |
//! | `ladder` | hunalign's ladder, `i<TAB>j<TAB>confidence` rungs | beads |
//! | `tsv` | locators, type, confidence, both texts | beads, confidence, texts |

pub mod ladder;
pub mod tsv;
pub mod vecalign;

use crate::alignment::AlignmentFile;

/// Beads as pairs of index lists (the interchange model of vecalign and ladder files).
pub type IndexBeads = Vec<(Vec<usize>, Vec<usize>)>;

/// The beads of an alignment file as index lists.
pub fn index_beads(file: &AlignmentFile) -> IndexBeads {
    file.beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}
