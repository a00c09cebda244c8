//! What a lookup returns: citations (the beads around a match, both sides in full,
//! the matched words marked, the document's metadata and warnings), near-match
//! suggestions, and how a citation is built from a loaded alignment.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use super::{Side, Warning, LOW_CONFIDENCE};
use crate::alignment::{AlignmentFile, TextRecord};
use crate::document::Locator;

/// One sentence of a citation, with the matched byte ranges of its text (if any).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedSentence {
    /// Its locator.
    pub id: Locator,
    /// Its text, as in the alignment file.
    pub text: String,
    /// Byte ranges of `text` that the quotation matched (quoted side only).
    pub marks: Vec<Range<usize>>,
}

/// One bead of a citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedBead {
    /// `1-1`, `2-1` …
    pub kind: String,
    /// The aligner's confidence (1 for a confirmed bead).
    pub confidence: f64,
    /// A person confirmed the pairing (`tandem fix`, or the corpus sidecar).
    pub confirmed: bool,
    /// Hungarian sentences.
    pub hungarian: Vec<CitedSentence>,
    /// English sentences.
    pub english: Vec<CitedSentence>,
}

/// Metadata of the cited document (from its sidecar; empty strings when unknown).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocMeta {
    /// Document id.
    pub doc: String,
    /// Title.
    pub title: String,
    /// ISO date.
    pub date: String,
    /// Author of the original.
    pub author: String,
    /// Archive reference of the original.
    pub archive_ref: String,
    /// Archive record id.
    pub record_id: String,
    /// Where the texts come from.
    pub source_url: String,
    /// Translators of the English.
    pub translators: Vec<String>,
    /// Status of the Hungarian text (`archival`, `reconstruction`, …; "" if unknown).
    pub status: String,
    /// Who published the English translation, or where it was taken from (the
    /// sidecar's `[translation] source`; "" if unknown).
    pub translation_source: String,
    /// Status of the English translation (`published-translation`, …; "" if unknown).
    pub translation_status: String,
}

/// A place in the corpus, ready to cite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The document and its metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Which side the quotation or locator was in.
    pub from: Side,
    /// The alignment file used.
    pub alignment: PathBuf,
    /// Hungarian locators, in order.
    pub hungarian_locators: Vec<Locator>,
    /// English locators, in order.
    pub english_locators: Vec<Locator>,
    /// The Hungarian sentences in full, joined by spaces.
    pub hungarian: String,
    /// The English sentences in full, joined by spaces.
    pub english: String,
    /// The lowest confidence of the beads.
    pub confidence: f64,
    /// Every bead cited was confirmed by a person.
    pub confirmed: bool,
    /// The beads, with the matched words marked in the quoted side.
    pub beads: Vec<CitedBead>,
    /// Warnings, most severe first.
    pub warnings: Vec<Warning>,
}

impl Citation {
    /// Whether any warning is severe (reconstruction, stale).
    pub fn has_severe_warning(&self) -> bool {
        self.warnings.iter().any(Warning::is_severe)
    }
}

/// A near match offered when nothing matched exactly. Never a citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Document id.
    pub doc: String,
    /// Similarity to the quotation (or its longest piece), 0..=1.
    pub score: f64,
    /// The sentences it lies in, with the near-matching words marked.
    pub sentences: Vec<CitedSentence>,
}

/// The result of a lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Exact matches (after normalisation), one citation per place.
    Found(Vec<Citation>),
    /// No exact match; near matches, best first (possibly none).
    NotFound(Vec<Suggestion>),
}

/// An alignment file loaded for display, with what is known about its document.
pub(super) struct Loaded {
    pub(super) path: PathBuf,
    pub(super) file: AlignmentFile,
    pub(super) meta: DocMeta,
    pub(super) doc_warnings: Vec<Warning>,
}

/// Add the marked ranges of each sentence to the quoted side of a citation.
pub(super) fn add_marks(c: &mut Citation, side: Side, marks: &[(Locator, Vec<Range<usize>>)]) {
    for bead in &mut c.beads {
        let sentences = match side {
            Side::Hu => &mut bead.hungarian,
            Side::En => &mut bead.english,
        };
        for s in sentences.iter_mut() {
            for (_, ranges) in marks.iter().filter(|(id, _)| *id == s.id) {
                s.marks.extend(ranges.iter().cloned());
            }
            s.marks.sort_by_key(|r| (r.start, r.end));
            s.marks.dedup();
        }
    }
}

/// Build the citation of beads `beads` of a loaded alignment.
pub(super) fn citation(loaded: &Loaded, from: Side, beads: Range<usize>) -> Citation {
    let a = &loaded.file;
    let sentence = |rec: &TextRecord, k: usize| {
        rec.sentences.get(k).map(|s| CitedSentence {
            id: s.id,
            text: s.text.clone(),
            marks: Vec::new(),
        })
    };
    let mut cited = Vec::new();
    let mut warnings = loaded.doc_warnings.clone();
    for b in a.beads.get(beads).unwrap_or_default() {
        let hungarian: Vec<CitedSentence> = b
            .src
            .iter()
            .filter_map(|&k| sentence(&a.source, k))
            .collect();
        let english: Vec<CitedSentence> = b
            .tgt
            .iter()
            .filter_map(|&k| sentence(&a.target, k))
            .collect();
        let hu_ids: Vec<Locator> = hungarian.iter().map(|s| s.id).collect();
        let en_ids: Vec<Locator> = english.iter().map(|s| s.id).collect();
        if hungarian.is_empty() || english.is_empty() {
            warnings.push(Warning::Unpaired {
                side: if hungarian.is_empty() {
                    Side::En
                } else {
                    Side::Hu
                },
                locators: if hungarian.is_empty() { en_ids } else { hu_ids },
            });
        } else if b.kind != "1-1" {
            warnings.push(Warning::NotOneToOne {
                kind: b.kind.clone(),
                hungarian: hu_ids,
                english: en_ids,
            });
        }
        if b.confidence < LOW_CONFIDENCE {
            warnings.push(Warning::LowConfidence {
                kind: b.kind.clone(),
                confidence: b.confidence,
            });
        }
        cited.push(CitedBead {
            kind: b.kind.clone(),
            confidence: b.confidence,
            confirmed: b.fixed,
            hungarian,
            english,
        });
    }
    warnings.sort_by_key(|w| !w.is_severe());
    let join = |f: fn(&CitedBead) -> &Vec<CitedSentence>| -> (Vec<Locator>, String) {
        let sentences: Vec<&CitedSentence> = cited.iter().flat_map(f).collect();
        (
            sentences.iter().map(|s| s.id).collect(),
            sentences
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let (hungarian_locators, hungarian) = join(|b| &b.hungarian);
    let (english_locators, english) = join(|b| &b.english);
    let confidence = cited
        .iter()
        .map(|b| b.confidence)
        .fold(f64::INFINITY, f64::min);
    Citation {
        meta: loaded.meta.clone(),
        from,
        alignment: loaded.path.clone(),
        hungarian_locators,
        english_locators,
        hungarian,
        english,
        confidence: if confidence.is_finite() {
            confidence
        } else {
            0.0
        },
        confirmed: !cited.is_empty() && cited.iter().all(|b| b.confirmed),
        beads: cited,
        warnings,
    }
}
