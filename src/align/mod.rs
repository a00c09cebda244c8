//! Sentence alignment: find the beads between an original and its translation.
//!
//! A bead pairs a run of source sentences with a run of target sentences: 1-1, 1-2,
//! 2-1, 2-2, 1-3, 3-1, and 1-0 / 0-1 for sentences left untranslated or added. Beads are
//! in order and cover every sentence of both sides exactly once.
//!
//! # How
//! 1. **Units.** Each sentence becomes its length and its anchor types
//!    ([`anchors`]: numbers, dates, punctuation, words with cognate and dictionary keys).
//! 2. **First pass.** Bead cost = −ln P(type) + Gale–Church length cost ([`length`]) −
//!    lexical evidence (`model`) + a penalty when a paragraph starts on one side only.
//!    The best path is found by dynamic programming (`dp`): over the full grid for small
//!    inputs, otherwise coarse-to-fine (align runs of 2, 4, 8 … sentences, then search a
//!    band around the projected path at each finer level), so time and memory grow
//!    linearly and the band follows the real path through long omissions.
//! 3. **Second pass** (`realign`). From the confident 1-1 beads of the first pass, learn
//!    the length ratio and a heavy-tailed length model for 1-1 beads (a core variance and
//!    a wider outlier component), the bead-type priors, a word-translation table
//!    ([`dict::Dictionary::learn`]) and the reliability of every anchor type; then align
//!    again in a band around the first path. Stretches of that path dense in 1-0/0-1
//!    beads (a long omission) are searched once more over their whole rectangle.
//! 4. **Confidence.** Each bead's posterior probability under the model (forward–backward
//!    over the band).
//!
//! # Which search is used?
//! With at most [`AlignConfig::max_full_cells`] grid cells the full grid is searched;
//! above that, coarse-to-fine with a band radius of [`AlignConfig::radius`] units. Both
//! give the same result on inputs where the band contains the best path (tested).

pub mod anchors;
mod chain;
pub mod constrained;
pub mod dict;
pub mod evidence;
// dp's `expect`s state band invariants (the path and end cell lie in the band).
#[allow(clippy::expect_used)]
pub(crate) mod dp;
mod learn;
pub mod length;
pub(crate) mod model;
mod prepare;
mod search;

use std::ops::Range;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::lang::Lang;

use dict::Dictionary;
use dp::{Band, BEADS};
use learn::*;
use length::LengthModel;
use model::CostParams;
use prepare::*;
use search::*;

/// A bead: source sentences `src` aligned with target sentences `tgt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// Posterior probability that this bead is right, 0..=1.
    pub confidence: f64,
}

impl Bead {
    /// The bead type, e.g. `1-1`, `2-1`, `0-1`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// What the aligner estimated and how it searched (recorded in the alignment file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AlignStats {
    /// Target characters per source character.
    pub length_ratio: f64,
    /// Length variance per character (the core Gaussian).
    pub length_variance: f64,
    /// Weight of the wider outlier component of the 1-1 length model (0: none).
    #[serde(default)]
    pub length_outlier_weight: f64,
    /// Variance per character of the outlier component.
    #[serde(default)]
    pub length_outlier_variance: f64,
    /// Bead-type probabilities used in the last pass, e.g. `"1-1": 0.89`.
    pub bead_priors: Vec<(String, f64)>,
    /// Entries of the given dictionary (built-in and user).
    pub dictionary_entries: usize,
    /// Word translations learned from the first pass.
    pub learned_entries: usize,
    /// Passes run (1, or 2 with realign).
    pub passes: u32,
    /// `full` or `banded`.
    pub search: String,
    /// The confident 1-1 beads the second pass learned its dictionary and anchor
    /// reliabilities from, as runs `[source, target, length]` of consecutive 1-1 beads
    /// (empty with one pass). A re-alignment of part of the document (`tandem fix`)
    /// learns again from exactly these beads, so that it uses the same model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learned_from: Vec<[usize; 3]>,
    /// The word translations the second pass learned (`source target` word keys, one
    /// pair per string, sorted), so that a re-alignment need not learn them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learned_dictionary: Vec<String>,
}

/// A sentence alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Beads in order, covering both sides exactly once.
    pub beads: Vec<Bead>,
    /// Estimates and settings.
    pub stats: AlignStats,
}

/// Settings of the aligner.
#[derive(Debug, Clone)]
pub struct AlignConfig {
    /// Source → target word translations (built-in and user dictionaries).
    pub dictionary: Dictionary,
    /// Run the second pass with learned parameters and dictionary.
    pub realign: bool,
    /// Use paragraph starts as soft anchors (when both sides have paragraphs).
    pub paragraphs: bool,
    /// Largest grid (cells) searched in full; larger inputs are searched coarse-to-fine.
    pub max_full_cells: usize,
    /// Band radius (in units) around a projected path.
    pub radius: usize,
    /// Set this flag (from another thread, e.g. a Ctrl-C handler) to stop the
    /// alignment: the search checks it on every row of its grid and returns within a
    /// fraction of a second with a placeholder result, which the caller must discard.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            dictionary: Dictionary::new(),
            realign: true,
            paragraphs: true,
            max_full_cells: 300_000,
            radius: 6,
            cancel: None,
        }
    }
}

impl AlignConfig {
    /// Defaults for a language pair: the built-in dictionary for Hungarian → English
    /// (or its reverse).
    pub fn for_languages(src: &Lang, tgt: &Lang) -> Self {
        AlignConfig {
            dictionary: Dictionary::builtin_for(src, tgt),
            ..AlignConfig::default()
        }
    }
}

/// One side of an alignment task.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    /// The sentences.
    pub sentences: Vec<&'a str>,
    /// Paragraph number of each sentence, if the text has paragraphs.
    pub paragraphs: Option<Vec<u32>>,
    /// The language.
    pub lang: Lang,
}

impl<'a> Side<'a> {
    /// The sentences of a document (paragraphs unless it was presplit).
    pub fn from_document(doc: &'a Document) -> Self {
        Side {
            sentences: doc.sentence_texts(),
            paragraphs: (!doc.presplit).then(|| {
                doc.sentences
                    .iter()
                    .map(|s| s.locator.paragraph())
                    .collect()
            }),
            lang: doc.lang.clone(),
        }
    }
}

/// Align two documents.
pub fn align_documents(src: &Document, tgt: &Document, config: &AlignConfig) -> Alignment {
    align(&Side::from_document(src), &Side::from_document(tgt), config)
}

/// Default bead-type probabilities (Gale & Church 1993, with 1-3 / 3-1 added).
fn default_priors() -> [f64; BEADS.len()] {
    // Order of BEADS: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3.
    [0.89, 0.005, 0.005, 0.0445, 0.0445, 0.011, 0.002, 0.002]
}

fn neg_ln(p: [f64; BEADS.len()]) -> [f64; BEADS.len()] {
    p.map(|x| -x.ln())
}

/// Align two sides.
///
/// If [`AlignConfig::cancel`] is set during the run, the result is a placeholder (every
/// sentence covered, confidence 0) to be discarded.
pub fn align(src: &Side<'_>, tgt: &Side<'_>, config: &AlignConfig) -> Alignment {
    let _cancel = dp::CancelScope::enter(config.cancel.clone());
    let mut prepared = prepare(src, tgt, config);
    let src_chars: usize = prepared.src_units.iter().map(|u| u.len as usize).sum();
    let tgt_chars: usize = prepared.tgt_units.iter().map(|u| u.len as usize).sum();
    let mut params = CostParams {
        length: LengthModel::from_totals(src_chars, tgt_chars),
        beads: &BEADS,
        priors: neg_ln(default_priors()).to_vec(),
        edge_types: BEADS.len(),
        paragraphs: prepared.paragraphs,
        unpaired_length_weight: model::UNPAIRED_LENGTH_WEIGHT,
    };
    let (n, m) = (prepared.src_units.len(), prepared.tgt_units.len());
    let full = (n + 1).saturating_mul(m + 1) <= config.max_full_cells;
    let (mut learned_entries, mut passes) = (0, 1);
    let mut learned_from = Vec::new();
    let mut learned_dictionary = Vec::new();
    let realign = config.realign && n > 0 && m > 0;
    // Without a second pass, the first one computes the confidences itself.
    let mut path = search(
        &prepared.src_units,
        &prepared.tgt_units,
        &prepared.src_vocab,
        &prepared.tgt_vocab,
        &params,
        config,
        !realign,
    );
    if realign && !dp::cancelled() {
        let confident = confident_pairs(&path);
        if confident.len() >= 20 {
            let lengths: Vec<(usize, usize)> = confident
                .iter()
                .map(|&(s, t)| {
                    (
                        prepared.src_units[s].len as usize,
                        prepared.tgt_units[t].len as usize,
                    )
                })
                .collect();
            if let Some(length) = LengthModel::estimate(&lengths) {
                params.length = length;
            }
            params.priors = neg_ln(estimate_priors(&path)).to_vec();
            let learned = prepared.learn_from(&confident);
            learned_entries = learned.len();
            learned_dictionary = learned.to_lines();
            learned_from = constrained::runs_of(&confident);
            passes = 2;
        }
        let Prepared {
            src_units,
            tgt_units,
            src_vocab,
            tgt_vocab,
            ..
        } = &prepared;
        // The second pass (or, with too little to learn from, the first again) with
        // posteriors, around the first path: it already followed any long omission.
        let band = if full {
            Band::full(n, m)
        } else {
            Band::around(&dp::path_cells(&path), 1, n, m, config.radius)
        };
        path = run_level(
            src_units, tgt_units, src_vocab, tgt_vocab, &params, &band, true,
        );
        // Where the path crosses a long omission, a narrow band keeps some wrong beads
        // that a full search would not: search those stretches in full once more.
        if !full {
            let stretches = unpaired_stretches(&path);
            if !stretches.is_empty() {
                path = research_stretches(
                    path,
                    &stretches,
                    (src_units, tgt_units),
                    (src_vocab, tgt_vocab),
                    &params,
                );
            }
        }
    }
    let stats = AlignStats {
        length_ratio: params.length.ratio,
        length_variance: params.length.variance,
        length_outlier_weight: params.length.outlier_weight,
        length_outlier_variance: params.length.outlier_variance,
        bead_priors: BEADS
            .iter()
            .zip(&params.priors)
            .map(|(&(k, l), c)| (format!("{k}-{l}"), (-c).exp()))
            .collect(),
        dictionary_entries: config.dictionary.len(),
        learned_entries,
        passes,
        search: if full { "full" } else { "banded" }.to_string(),
        learned_from,
        learned_dictionary,
    };
    Alignment {
        beads: path
            .into_iter()
            .map(|b| Bead {
                src: b.src.0..b.src.1,
                tgt: b.tgt.0..b.tgt.1,
                confidence: b.posterior,
            })
            .collect(),
        stats,
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
