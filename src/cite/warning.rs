//! What a citer must know before using a citation: reconstruction, status, missing
//! metadata, grouped or unpaired sentences, low confidence, a stale or unchecked text.
//! All user-facing wording of these warnings lives here.

use std::fmt;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

use super::{Side, LOW_CONFIDENCE};
use crate::document::Locator;

/// Something the citer must know before using a citation.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The original's sidecar says `reconstruction`.
    Reconstruction {
        /// Document id.
        doc: String,
    },
    /// The original's status is something other than `archival`.
    NotArchival {
        /// The status.
        status: String,
    },
    /// No sidecar with metadata.
    NoSidecar {
        /// Where it was looked for.
        expected: PathBuf,
    },
    /// The sidecar does not parse.
    BadSidecar {
        /// Why.
        reason: String,
    },
    /// A bead groups several sentences.
    NotOneToOne {
        /// Bead type.
        kind: String,
        /// Hungarian locators.
        hungarian: Vec<Locator>,
        /// English locators.
        english: Vec<Locator>,
    },
    /// Sentences without a counterpart on the other side.
    Unpaired {
        /// Side that has the sentences.
        side: Side,
        /// Their locators.
        locators: Vec<Locator>,
    },
    /// A bead's confidence is below [`LOW_CONFIDENCE`].
    LowConfidence {
        /// Bead type.
        kind: String,
        /// Its confidence.
        confidence: f64,
    },
    /// A text changed since it was aligned.
    Stale {
        /// The changed text.
        text: PathBuf,
    },
    /// A text could not be found to check it.
    Unchecked {
        /// The missing text.
        text: PathBuf,
    },
}

fn list(locs: &[Locator]) -> String {
    locs.iter()
        .map(Locator::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Warning {
    /// A short machine name (`reconstruction`, `not-archival`, `not-1-1`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Warning::Reconstruction { .. } => "reconstruction",
            Warning::NotArchival { .. } => "not-archival",
            Warning::NoSidecar { .. } => "no-metadata",
            Warning::BadSidecar { .. } => "bad-metadata",
            Warning::NotOneToOne { .. } => "not-1-1",
            Warning::Unpaired { .. } => "unpaired",
            Warning::LowConfidence { .. } => "low-confidence",
            Warning::Stale { .. } => "stale",
            Warning::Unchecked { .. } => "unchecked",
        }
    }

    /// Whether this warning must be impossible to miss.
    pub fn is_severe(&self) -> bool {
        matches!(self, Warning::Reconstruction { .. } | Warning::Stale { .. })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Reconstruction { doc } => write!(
                f,
                "RECONSTRUCTION: the Hungarian text of '{doc}' is a modern reconstruction, NOT the archival original. Never cite or quote it as the original wording; cite the English translation, or consult the archival document."
            ),
            Warning::NotArchival { status } => write!(
                f,
                "the Hungarian text's status is '{status}', not 'archival' (a transcription of the archival document); say so when you cite it"
            ),
            Warning::NoSidecar { expected } => write!(
                f,
                "no metadata file '{}': archive reference and status of the original are unknown; check the original before citing",
                expected.display()
            ),
            Warning::BadSidecar { reason } => write!(f, "{reason}; archive reference and status unknown"),
            Warning::NotOneToOne { kind, hungarian, english } => write!(
                f,
                "bead {kind}: the wording spans several sentences (Hungarian {}, English {}); the pairing holds for the group, not sentence by sentence",
                if hungarian.is_empty() { "none".to_string() } else { list(hungarian) },
                if english.is_empty() { "none".to_string() } else { list(english) },
            ),
            Warning::Unpaired { side, locators } => write!(
                f,
                "{} sentence(s) {} have no counterpart in the other text according to the alignment",
                if *side == Side::Hu { "Hungarian" } else { "English" },
                list(locators)
            ),
            Warning::LowConfidence { kind, confidence } => write!(
                f,
                "low alignment confidence {confidence:.2} (< {LOW_CONFIDENCE}) for a {kind} bead: check the pairing by reading both texts"
            ),
            Warning::Stale { text } => write!(
                f,
                "'{}' changed since the alignment was made: the wording and locators shown are those of the aligned version; re-run 'tandem align' and cite again",
                text.display()
            ),
            Warning::Unchecked { text } => write!(
                f,
                "'{}' not found: cannot check that the alignment is up to date",
                text.display()
            ),
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Warning", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("severe", &self.is_severe())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
