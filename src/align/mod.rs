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
// dp's `expect`s state band invariants (the path and end cell lie in the band).
#[allow(clippy::expect_used)]
pub(crate) mod dp;
pub mod length;
pub(crate) mod model;

use std::ops::Range;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::lang::Lang;
use anchors::Kind;
use dict::Dictionary;
use dp::{Band, PathBead, BEADS};
use length::LengthModel;
use model::{Concepts, CostParams, Unit, Vocab};

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
        let dictionary = match (src, tgt) {
            (Lang::Hu, Lang::En) => Dictionary::builtin_hu_en(),
            (Lang::En, Lang::Hu) => Dictionary::builtin_hu_en().reversed(),
            _ => Dictionary::new(),
        };
        AlignConfig {
            dictionary,
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

/// Band radius around the anchor chain: the chain only has to rescue the path where the
/// coarse levels smoothed over a long omission, so a narrow band is enough.
const CHAIN_RADIUS: usize = 3;

/// Default bead-type probabilities (Gale & Church 1993, with 1-3 / 3-1 added).
fn default_priors() -> [f64; BEADS.len()] {
    // Order of BEADS: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3.
    [0.89, 0.005, 0.005, 0.0445, 0.0445, 0.011, 0.002, 0.002]
}

fn neg_ln(p: [f64; BEADS.len()]) -> [f64; BEADS.len()] {
    p.map(|x| -x.ln())
}

/// Units and anchor vocabularies of both sides, linked through a dictionary: what every
/// pass of the aligner (and a rebuilt [`constrained::Model`]) starts from.
struct Prepared {
    concepts: Concepts,
    src_units: Vec<Unit>,
    tgt_units: Vec<Unit>,
    src_vocab: Vocab,
    tgt_vocab: Vocab,
    /// Whether paragraph starts are soft anchors.
    paragraphs: bool,
}

fn prepare(src: &Side<'_>, tgt: &Side<'_>, config: &AlignConfig) -> Prepared {
    let mut concepts = Concepts::default();
    let mut src_vocab = Vocab::default();
    let mut tgt_vocab = Vocab::default();
    let src_units = units(src, &mut src_vocab);
    let tgt_units = units(tgt, &mut tgt_vocab);
    let reversed = config.dictionary.reversed();
    link(
        &mut src_vocab,
        &src.lang,
        "s",
        "t",
        &config.dictionary,
        &mut concepts,
    );
    link(
        &mut tgt_vocab,
        &tgt.lang,
        "t",
        "s",
        &reversed,
        &mut concepts,
    );
    let paragraphs = config.paragraphs
        && src.paragraphs.is_some()
        && tgt.paragraphs.is_some()
        && comparable_paragraphs(&src_units, &tgt_units);
    Prepared {
        concepts,
        src_units,
        tgt_units,
        src_vocab,
        tgt_vocab,
        paragraphs,
    }
}

impl Prepared {
    /// Learn a word-translation table and the reliability of every anchor type from
    /// confident 1-1 beads `(source, target)`, and add both to the vocabularies. Returns
    /// the number of learned translations.
    fn learn_from(&mut self, confident: &[(usize, usize)]) -> Dictionary {
        let learned = learn_dictionary(
            confident,
            &self.src_units,
            &self.tgt_units,
            &self.src_vocab,
            &self.tgt_vocab,
        );
        self.adopt(&learned, confident);
        learned
    }

    /// Add a learned word-translation table to the vocabularies, and learn the
    /// reliability of every anchor type from the confident beads.
    fn adopt(&mut self, learned: &Dictionary, confident: &[(usize, usize)]) {
        add_translations(&mut self.src_vocab, learned, "t", &mut self.concepts);
        add_translations(
            &mut self.tgt_vocab,
            &learned.reversed(),
            "s",
            &mut self.concepts,
        );
        // Reliability of every anchor type, measured on the confident beads from each
        // side against the other.
        reliability_from(
            confident.iter().copied(),
            &self.src_units,
            &mut self.src_vocab,
            &self.tgt_units,
            &self.tgt_vocab,
        );
        reliability_from(
            confident.iter().map(|&(s, t)| (t, s)),
            &self.tgt_units,
            &mut self.tgt_vocab,
            &self.src_units,
            &self.src_vocab,
        );
    }
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
        priors: neg_ln(default_priors()),
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
            params.priors = neg_ln(estimate_priors(&path));
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
            .zip(params.priors)
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

/// Paragraph structure is only a useful anchor when both sides have a similar number of
/// paragraphs.
fn comparable_paragraphs(src: &[Unit], tgt: &[Unit]) -> bool {
    let count = |u: &[Unit]| u.iter().filter(|u| u.para_start).count() as f64;
    let (a, b) = (count(src), count(tgt));
    a > 1.0 && b > 1.0 && (a / b) > 0.67 && (a / b) < 1.5
}

/// Turn sentences into units, interning their anchor types.
fn units(side: &Side<'_>, vocab: &mut Vocab) -> Vec<Unit> {
    let mut out = Vec::with_capacity(side.sentences.len());
    let mut prev_para = None;
    for (i, text) in side.sentences.iter().enumerate() {
        let mut types: Vec<u32> = anchors::extract(text, &side.lang)
            .into_iter()
            .map(|t| vocab.intern(t.kind, &t.key))
            .collect();
        types.sort_unstable();
        types.dedup();
        let para = side.paragraphs.as_ref().map_or(0, |p| p[i]);
        out.push(Unit {
            len: text.chars().count() as u32,
            para,
            para_start: side.paragraphs.is_some() && prev_para != Some(para),
            types: types.into_boxed_slice(),
        });
        prev_para = Some(para);
    }
    out
}

/// Give every type of a side the concepts it offers and seeks.
fn link(
    vocab: &mut Vocab,
    lang: &Lang,
    own: &str,
    other: &str,
    dictionary: &Dictionary,
    concepts: &mut Concepts,
) {
    vocab.offers.clear();
    vocab.seeks.clear();
    vocab.reliability.clear();
    for t in 0..vocab.len() {
        let key = vocab.keys[t].clone();
        let kind = vocab.kinds[t];
        let (mut offers, mut seeks) = match kind {
            Kind::Number => {
                let c = concepts.id(format!("n:{key}"));
                (vec![c], vec![c])
            }
            Kind::Month => {
                let c = concepts.id(format!("m:{key}"));
                (vec![c], vec![c])
            }
            Kind::Punct => {
                let c = concepts.id(format!("p:{key}"));
                (vec![c], vec![c])
            }
            Kind::Word => {
                let cognates: Vec<u32> = anchors::cognate_keys(&key, lang)
                    .into_iter()
                    .map(|k| concepts.id(format!("c:{k}")))
                    .collect();
                let mut offers = vec![concepts.id(format!("w{own}:{key}"))];
                offers.extend_from_slice(&cognates);
                let mut seeks = cognates;
                for tr in dictionary.get(&key) {
                    seeks.push(concepts.id(format!("w{other}:{tr}")));
                }
                (offers, seeks)
            }
        };
        offers.sort_unstable();
        offers.dedup();
        seeks.sort_unstable();
        seeks.dedup();
        vocab.offers.push(offers);
        vocab.seeks.push(seeks);
        vocab.reliability.push(model::prior_reliability(kind, &key));
    }
}

/// Add learned translations to what word types seek.
fn add_translations(vocab: &mut Vocab, learned: &Dictionary, other: &str, concepts: &mut Concepts) {
    for t in 0..vocab.len() {
        if vocab.kinds[t] != Kind::Word {
            continue;
        }
        let extra: Vec<u32> = learned
            .get(&vocab.keys[t])
            .iter()
            .map(|tr| concepts.id(format!("w{other}:{tr}")))
            .collect();
        if !extra.is_empty() {
            let seeks = &mut vocab.seeks[t];
            seeks.extend(extra);
            seeks.sort_unstable();
            seeks.dedup();
        }
    }
}

/// Search the sentence grid: in full when small, else coarse-to-fine. The coarsest
/// level (runs of 2^L sentences) is searched in full, each finer one in a band around the
/// path of the level above; the sentence level also around the anchor chain. Levels are
/// built one at a time from the sentences, so only one coarse level is in memory.
fn search(
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
    params: &CostParams,
    config: &AlignConfig,
    posteriors: bool,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let fits = |n: usize, m: usize| {
        (n + 1).saturating_mul(m + 1) <= config.max_full_cells || n < 2 || m < 2
    };
    if fits(n, m) {
        return run_level(
            src,
            tgt,
            src_vocab,
            tgt_vocab,
            params,
            &Band::full(n, m),
            posteriors,
        );
    }
    let mut top = 1u32;
    while !fits(n.div_ceil(1 << top), m.div_ceil(1 << top)) {
        top += 1;
    }
    let coarse_params = CostParams {
        paragraphs: false,
        unpaired_length_weight: model::COARSE_UNPAIRED_LENGTH_WEIGHT,
        ..params.clone()
    };
    let mut path: Vec<PathBead> = Vec::new();
    for level in (1..=top).rev() {
        let s = model::coarsen_by(src, 1 << level);
        let t = model::coarsen_by(tgt, 1 << level);
        let band = if level == top {
            Band::full(s.len(), t.len())
        } else {
            Band::around(&dp::path_cells(&path), 2, s.len(), t.len(), config.radius)
        };
        path = run_level(&s, &t, src_vocab, tgt_vocab, &coarse_params, &band, false);
    }
    // Also search around the chain of rare shared anchors: it bends with long omissions
    // that the coarse levels may have smoothed over.
    let chain = chain::anchor_chain(src, tgt, src_vocab, tgt_vocab);
    let band = Band::around(&dp::path_cells(&path), 2, n, m, config.radius)
        .with_pieces(&chain, CHAIN_RADIUS);
    drop(path);
    run_level(src, tgt, src_vocab, tgt_vocab, params, &band, posteriors)
}

fn run_level(
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
    params: &CostParams,
    band: &Band,
    posteriors: bool,
) -> Vec<PathBead> {
    if dp::cancelled() {
        return dp::placeholder_path(src.len(), tgt.len());
    }
    let (fs, ft) = rayon::join(
        || model::features(src, src_vocab, tgt, tgt_vocab),
        || model::features(tgt, tgt_vocab, src, src_vocab),
    );
    let scorer = model::Scorer::new(&fs, &ft, params, band);
    dp::best_path(band, src.len(), tgt.len(), &scorer, posteriors)
}

/// The 1-1 beads of a first path that a second pass may learn from: those whose
/// neighbours on both sides are 1-1 beads too. (The first pass computes no posteriors:
/// forward–backward would double its memory, and runs of 1-1 beads are where a
/// length-and-anchor alignment is reliable.)
fn confident_pairs(path: &[PathBead]) -> Vec<(usize, usize)> {
    (0..path.len())
        .filter(|&k| {
            let one_to_one = |k: usize| path.get(k).is_some_and(|b| b.ty == 0);
            one_to_one(k) && k > 0 && one_to_one(k - 1) && one_to_one(k + 1)
        })
        .map(|k| (path[k].src.0, path[k].tgt.0))
        .collect()
}

/// A rectangle of the grid by its first and last cell (inclusive).
type Rectangle = ((usize, usize), (usize, usize));

/// Search the rectangles of `stretches` in full, keeping the rest of `path`: the band
/// is the path itself outside them (so the search there costs a cell or two per row)
/// and the whole rectangle inside. Beads outside the rectangles keep their confidence
/// from the search of the whole band; those inside get theirs from this one (given the
/// path around them).
fn research_stretches(
    path: Vec<PathBead>,
    stretches: &[Rectangle],
    (src, tgt): (&[Unit], &[Unit]),
    (src_vocab, tgt_vocab): (&Vocab, &Vocab),
    params: &CostParams,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let pieces: Vec<Vec<(usize, usize)>> =
        stretches.iter().map(|&(from, to)| vec![from, to]).collect();
    let band = Band::around(&dp::path_cells(&path), 1, n, m, 0).with_pieces(&pieces, 0);
    let mut searched = run_level(src, tgt, src_vocab, tgt_vocab, params, &band, true);
    let inside = |b: &PathBead| {
        stretches.iter().any(|&(from, to)| {
            b.src.0 >= from.0 && b.src.1 <= to.0 && b.tgt.0 >= from.1 && b.tgt.1 <= to.1
        })
    };
    // Confidence by the bead's (source, target) sentence ranges.
    type Spans = ((usize, usize), (usize, usize));
    let before: std::collections::HashMap<Spans, f64> =
        path.iter().map(|b| ((b.src, b.tgt), b.posterior)).collect();
    for b in &mut searched {
        if !inside(b) {
            if let Some(&p) = before.get(&(b.src, b.tgt)) {
                b.posterior = p;
            }
        }
    }
    searched
}

/// Fewest 1-0 / 0-1 beads in a stretch that is searched again in full.
const STRETCH_MIN_UNPAIRED: usize = 20;
/// Beads of context kept on each side of such a stretch, and the largest distance
/// between two unpaired beads of the same stretch.
const STRETCH_MARGIN: usize = 25;
/// Largest rectangle (cells) searched in full around a stretch.
const STRETCH_MAX_CELLS: usize = 4_000_000;

/// Stretches of a path dense in 1-0 and 0-1 beads (a long omission or addition), as the
/// corner cells of the rectangle to search again, with some context on each side.
fn unpaired_stretches(path: &[PathBead]) -> Vec<Rectangle> {
    let unpaired: Vec<usize> = (0..path.len())
        .filter(|&k| path[k].src.0 == path[k].src.1 || path[k].tgt.0 == path[k].tgt.1)
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < unpaired.len() {
        let mut end = k;
        while end + 1 < unpaired.len() && unpaired[end + 1] - unpaired[end] <= STRETCH_MARGIN {
            end += 1;
        }
        if end + 1 - k >= STRETCH_MIN_UNPAIRED {
            let first = unpaired[k].saturating_sub(STRETCH_MARGIN);
            let last = (unpaired[end] + STRETCH_MARGIN).min(path.len() - 1);
            let from = (path[first].src.0, path[first].tgt.0);
            let to = (path[last].src.1, path[last].tgt.1);
            if (to.0 - from.0 + 1).saturating_mul(to.1 - from.1 + 1) <= STRETCH_MAX_CELLS {
                out.push((from, to));
            }
        }
        k = end + 1;
    }
    out
}

/// Bead-type probabilities from a path, smoothed towards the defaults.
///
/// A run of consecutive 1-0 (or 0-1) beads counts once: a block the translator left out
/// is one event, and counting its every sentence would make omissions look common
/// everywhere else in the text.
fn estimate_priors(path: &[PathBead]) -> [f64; BEADS.len()] {
    const WEIGHT: f64 = 50.0;
    let mut counts = [0.0f64; BEADS.len()];
    let mut previous = usize::MAX;
    for b in path {
        let unpaired = BEADS[b.ty].0 == 0 || BEADS[b.ty].1 == 0;
        if !(unpaired && b.ty == previous) {
            counts[b.ty] += 1.0;
        }
        previous = b.ty;
    }
    let total: f64 = counts.iter().sum();
    let defaults = default_priors();
    let mut p = [0.0; BEADS.len()];
    for k in 0..BEADS.len() {
        p[k] = (counts[k] + WEIGHT * defaults[k]) / (total + WEIGHT);
    }
    p
}

fn word_types<'a>(unit: &'a Unit, vocab: &'a Vocab) -> impl Iterator<Item = u32> + 'a {
    unit.types
        .iter()
        .copied()
        .filter(|&t| vocab.kinds[t as usize] == Kind::Word)
}

/// Learn word translations from confident 1-1 beads.
fn learn_dictionary(
    confident: &[(usize, usize)],
    src: &[Unit],
    tgt: &[Unit],
    src_vocab: &Vocab,
    tgt_vocab: &Vocab,
) -> Dictionary {
    // At most this many beads are used: plenty for the frequent words that matter.
    const MAX_BEADS: usize = 20_000;
    let step = confident.len().div_ceil(MAX_BEADS).max(1);
    let beads: Vec<(Vec<u32>, Vec<u32>)> = confident
        .iter()
        .step_by(step)
        .map(|&(s, t)| {
            (
                word_types(&src[s], src_vocab).collect(),
                word_types(&tgt[t], tgt_vocab).collect(),
            )
        })
        .collect();
    Dictionary::learn(
        beads.iter().map(|(s, t)| (s.as_slice(), t.as_slice())),
        &src_vocab.keys,
        &tgt_vocab.keys,
    )
}

fn unit_offers(unit: &Unit, vocab: &Vocab) -> Vec<u32> {
    let mut offers: Vec<u32> = unit
        .types
        .iter()
        .flat_map(|&t| vocab.offers[t as usize].iter().copied())
        .collect();
    offers.sort_unstable();
    offers.dedup();
    offers
}

/// Smoothed reliability of every type of `vocab` (the side `units`), measured on the
/// confident beads against the other side.
fn reliability_from(
    pairs: impl Iterator<Item = (usize, usize)>,
    units: &[Unit],
    vocab: &mut Vocab,
    other_units: &[Unit],
    other_vocab: &Vocab,
) {
    const WEIGHT: f64 = 3.0;
    let mut seen = vec![0u32; vocab.len()];
    let mut matched = vec![0u32; vocab.len()];
    for (u, o) in pairs {
        let offers = unit_offers(&other_units[o], other_vocab);
        for &t in &units[u].types {
            seen[t as usize] += 1;
            if vocab.seeks[t as usize]
                .iter()
                .any(|c| offers.binary_search(c).is_ok())
            {
                matched[t as usize] += 1;
            }
        }
    }
    for t in 0..vocab.len() {
        let prior = model::prior_reliability(vocab.kinds[t], &vocab.keys[t]);
        vocab.reliability[t] =
            (f64::from(matched[t]) + WEIGHT * prior) / (f64::from(seen[t]) + WEIGHT);
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
