//! Preparing a pair of texts for the search: sentences become units (length, paragraph
//! start, anchor types), and the anchor types of both sides are linked into shared
//! concepts through numbers, months, punctuation, cognate keys and the dictionaries
//! (given and, after the first pass, learned). Linear in the texts.

use super::anchors::{self, Kind};
use super::dict::Dictionary;
use super::learn::{learn_dictionary, reliability_from};
use super::model::{self, Concepts, Unit, Vocab};
use super::{AlignConfig, Side};
use crate::lang::Lang;

/// Units and anchor vocabularies of both sides, linked through a dictionary: what every
/// pass of the aligner (and a rebuilt [`constrained::Model`]) starts from.
pub(super) struct Prepared {
    pub(super) concepts: Concepts,
    pub(super) src_units: Vec<Unit>,
    pub(super) tgt_units: Vec<Unit>,
    pub(super) src_vocab: Vocab,
    pub(super) tgt_vocab: Vocab,
    /// Whether paragraph starts are soft anchors.
    pub(super) paragraphs: bool,
}

pub(super) fn prepare(src: &Side<'_>, tgt: &Side<'_>, config: &AlignConfig) -> Prepared {
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
    pub(super) fn learn_from(&mut self, confident: &[(usize, usize)]) -> Dictionary {
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
    pub(super) fn adopt(&mut self, learned: &Dictionary, confident: &[(usize, usize)]) {
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

/// Paragraph structure is only a useful anchor when both sides have a similar number of
/// paragraphs.
pub(super) fn comparable_paragraphs(src: &[Unit], tgt: &[Unit]) -> bool {
    let count = |u: &[Unit]| u.iter().filter(|u| u.para_start).count() as f64;
    let (a, b) = (count(src), count(tgt));
    a > 1.0 && b > 1.0 && (a / b) > 0.67 && (a / b) < 1.5
}

/// Turn sentences into units, interning their anchor types.
pub(super) fn units(side: &Side<'_>, vocab: &mut Vocab) -> Vec<Unit> {
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
pub(super) fn link(
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
        let (offers, seeks) = concepts_of(kind, &key, lang, own, other, dictionary, concepts);
        vocab.offers.push(offers);
        vocab.seeks.push(seeks);
        vocab.reliability.push(model::prior_reliability(kind, &key));
    }
}

/// The concepts an anchor type offers and seeks, sorted: one rule for the aligner and for
/// the lexical evidence of `tandem check` (`evidence.rs`). Numbers, months and
/// punctuation offer and seek themselves; a word offers itself and its cognate keys and
/// seeks its cognates and its dictionary translations.
pub(crate) fn concepts_of(
    kind: Kind,
    key: &str,
    lang: &Lang,
    own: &str,
    other: &str,
    dictionary: &Dictionary,
    concepts: &mut Concepts,
) -> (Vec<u32>, Vec<u32>) {
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
            let cognates: Vec<u32> = anchors::cognate_keys(key, lang)
                .into_iter()
                .map(|k| concepts.id(format!("c:{k}")))
                .collect();
            let mut offers = vec![concepts.id(format!("w{own}:{key}"))];
            offers.extend_from_slice(&cognates);
            let mut seeks = cognates;
            for tr in dictionary.get(key) {
                seeks.push(concepts.id(format!("w{other}:{tr}")));
            }
            (offers, seeks)
        }
    };
    offers.sort_unstable();
    offers.dedup();
    seeks.sort_unstable();
    seeks.dedup();
    (offers, seeks)
}

/// Add learned translations to what word types seek.
pub(super) fn add_translations(
    vocab: &mut Vocab,
    learned: &Dictionary,
    other: &str,
    concepts: &mut Concepts,
) {
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
