//! Which beads become translation units in the translation-memory formats (TMX, XLIFF).
//!
//! A translation memory pairs a source segment with its translation; a bead with one
//! side empty (an omission 1-0, an addition 0-1) has nothing to pair, and OmegaT skips
//! such one-language units with a warning while translate-toolkit misreads them. So
//! they are left out by default and counted; `keep_unpaired` keeps them. Beads below
//! `min_confidence` are left out and counted too (a memory of doubtful pairs does
//! harm). Cost: linear in the beads.

use super::Notes;
use crate::alignment::{AlignmentFile, BeadRecord};

/// The rule for which beads become units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitFilter {
    /// Keep beads with one side empty.
    pub keep_unpaired: bool,
    /// Leave out beads whose confidence is below this (0 keeps all).
    pub min_confidence: f64,
}

impl Default for UnitFilter {
    fn default() -> Self {
        UnitFilter {
            keep_unpaired: false,
            min_confidence: 0.0,
        }
    }
}

impl UnitFilter {
    /// A filter that keeps every bead (for round trips).
    pub fn all() -> Self {
        UnitFilter {
            keep_unpaired: true,
            min_confidence: 0.0,
        }
    }

    /// The beads kept, with their index in the file; what was left out is counted in
    /// `notes`.
    pub fn select<'a>(
        &self,
        file: &'a AlignmentFile,
        notes: &mut Notes,
    ) -> Vec<(usize, &'a BeadRecord)> {
        let mut kept = Vec::new();
        for (k, b) in file.beads.iter().enumerate() {
            if !self.keep_unpaired && (b.src.is_empty() || b.tgt.is_empty()) {
                notes.unpaired_left_out += 1;
            } else if b.confidence < self.min_confidence {
                notes.low_confidence_left_out += 1;
            } else {
                kept.push((k, b));
            }
        }
        notes.units += kept.len();
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testutil::file;

    #[test]
    fn unpaired_and_doubtful_beads_are_left_out_and_counted() {
        let mut f = file(&[
            ("Egy.", "One."),
            ("Kettő.", ""),
            ("", "Three."),
            ("Négy.", "Four."),
        ]);
        f.beads[3].confidence = 0.3;
        let mut notes = Notes::default();
        let kept = UnitFilter {
            keep_unpaired: false,
            min_confidence: 0.5,
        }
        .select(&f, &mut notes);
        assert_eq!(kept.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [0]);
        assert_eq!(
            (
                notes.units,
                notes.unpaired_left_out,
                notes.low_confidence_left_out
            ),
            (1, 2, 1)
        );
        let mut notes = Notes::default();
        assert_eq!(UnitFilter::all().select(&f, &mut notes).len(), 4);
        assert_eq!(notes.unpaired_left_out + notes.low_confidence_left_out, 0);
    }
}
