//! Review: automatic checks of an alignment that point a human reviewer at the places
//! most likely to hide a translation problem, and say what to do.
//!
//! [`check`] runs every check family over an [`AlignmentFile`] and returns a [`Report`]
//! (schema `tandem-check/1`): [`Finding`]s (kind, severity, the bead and the sentences
//! concerned, the words as written, a reason and advice) and a [`Summary`]. One file per
//! check family:
//!
//! - [`structure`]: sentences aligned to nothing (1-0 omissions, 0-1 additions) and
//!   low-confidence stretches;
//! - [`coverage`]: every sentence of a bead needs its own evidence on the other side
//!   (lexical evidence from [`crate::align::evidence`], plus length): a sentence of a
//!   merged bead, or of a bead the aligner had to force, that nothing translates is an
//!   omission (or an addition);
//! - [`clause`]: part of a sentence left out (a stretch of the original without
//!   counterpart, in a translation too short for the whole);
//! - [`duplicate`]: a translated sentence repeated where the original says it once;
//! - [`order`]: two sentences translated in the opposite order;
//! - [`negation`]: a negation on one side of a bead only;
//! - [`numbers`]: numbers, Roman numerals and dates on one side only, read as written
//!   in each language (`2008.4.9.` ≡ `9.4.2008`, `I. melléklet` ≡ `Annex I`,
//!   `háromszáz` ≡ `300`);
//! - [`names`]: proper names and acronyms on one side only;
//! - [`length`]: length-ratio outliers against the document's own ratio distribution;
//! - [`untranslated`]: target sentences that are a copy of the original or are written
//!   in the source language;
//! - [`punctuation`]: a question or exclamation on one side only.
//!
//! # Severity
//! `error` where a finding is almost surely a real problem (aim: 95% right), `warning`
//! where it is likely, `info` for style and hints. The figures behind each choice are in
//! docs/review.md (measured with `qabench.py` on real translations with planted errors).
//!
//! Cost: linear in the size of the alignment, plus learning a word-translation table
//! from the confident beads (IBM Model 1, as the aligner's second pass does).

pub mod clause;
pub mod coverage;
pub mod duplicate;
pub mod gaps;
pub mod length;
pub mod names;
pub mod negation;
pub mod numbers;
pub mod order;
pub mod positions;
pub mod punctuation;
mod report;
pub mod structure;
pub mod untranslated;

#[cfg(test)]
pub(crate) mod testutil;

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};

pub use report::{FailOn, Finding, FindingKind, Report, Severity, Side, Summary, SCHEMA};

use crate::align::dict::Dictionary;
use crate::align::evidence::Lexicon;
use crate::align::length::LengthModel;
use crate::alignment::{AlignmentFile, BeadRecord, TextRecord};
use crate::document::{collapse_whitespace, Locator};

/// Thresholds of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckConfig {
    /// Kinds to run (default: all).
    pub kinds: Vec<FindingKind>,
    /// Beads below this confidence are low.
    pub low_confidence: f64,
    /// Shortest run of low beads reported as a stretch.
    pub low_run: usize,
    /// A single bead below this confidence is reported on its own.
    pub very_low_confidence: f64,
    /// Robust z-score of the log length ratio beyond which a bead is an outlier.
    pub length_z: f64,
    /// Beads whose longer side is shorter than this (characters) are not length-checked.
    pub length_min_chars: usize,
    /// Fewest letters a target sentence needs before its language is detected.
    pub language_min_letters: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            kinds: FindingKind::ALL.to_vec(),
            low_confidence: 0.5,
            low_run: 2,
            very_low_confidence: 0.2,
            length_z: 4.0,
            length_min_chars: 40,
            language_min_letters: 40,
        }
    }
}

impl CheckConfig {
    /// Run only these kinds.
    pub fn only(mut self, kinds: &[FindingKind]) -> Self {
        self.kinds = kinds.to_vec();
        self
    }

    fn runs(&self, kind: FindingKind) -> bool {
        self.kinds.contains(&kind)
    }
}

/// A bead with the texts of both sides, as the checks see it.
#[derive(Debug, Clone)]
pub struct BeadView<'a> {
    /// Bead index.
    pub index: usize,
    /// The bead record.
    pub record: &'a BeadRecord,
    /// Source sentences joined by a space.
    pub src: String,
    /// Target sentences joined by a space.
    pub tgt: String,
}

impl BeadView<'_> {
    /// Whether both sides have text.
    pub fn is_paired(&self) -> bool {
        !self.record.src.is_empty() && !self.record.tgt.is_empty()
    }
}

/// What the checks read: the alignment, its beads with their texts, and the lexical
/// evidence between the two texts (built on first use).
pub struct Context<'a> {
    /// The alignment.
    pub file: &'a AlignmentFile,
    /// Its beads with their texts.
    pub views: Vec<BeadView<'a>>,
    /// Bead of every source sentence.
    pub bead_of_src: Vec<usize>,
    /// Bead of every target sentence.
    pub bead_of_tgt: Vec<usize>,
    lexicon: OnceCell<Lexicon>,
    copies: OnceCell<HashSet<usize>>,
}

impl<'a> Context<'a> {
    /// The context of an alignment file.
    pub fn new(file: &'a AlignmentFile) -> Self {
        let views = bead_views(file);
        let mut bead_of_src = vec![0; file.source.sentences.len()];
        let mut bead_of_tgt = vec![0; file.target.sentences.len()];
        for (k, b) in file.beads.iter().enumerate() {
            for &i in &b.src {
                if let Some(x) = bead_of_src.get_mut(i) {
                    *x = k;
                }
            }
            for &j in &b.tgt {
                if let Some(x) = bead_of_tgt.get_mut(j) {
                    *x = k;
                }
            }
        }
        Context {
            file,
            views,
            bead_of_src,
            bead_of_tgt,
            lexicon: OnceCell::new(),
            copies: OnceCell::new(),
        }
    }

    /// Lexical evidence between the two texts, learned from the confident 1-1 beads.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(|| build_lexicon(self.file))
    }

    /// Target sentences of beads whose translation copies its original
    /// ([`untranslated::copies`], built on first use: the untranslated and name checks
    /// both read it).
    pub fn copied_targets(&self) -> &HashSet<usize> {
        self.copies.get_or_init(|| untranslated::copies(self))
    }

    /// The document's length model (ratio and variance of the aligner's last pass).
    pub fn length_model(&self) -> LengthModel {
        let p = &self.file.parameters;
        LengthModel {
            ratio: p.length_ratio,
            variance: p.length_variance,
            outlier_weight: p.length_outlier_weight,
            outlier_variance: p.length_outlier_variance,
        }
    }

    /// Text of source sentence `i` (empty if out of range).
    pub fn src_text(&self, i: usize) -> &str {
        self.file
            .source
            .sentences
            .get(i)
            .map_or("", |s| s.text.as_str())
    }

    /// Text of target sentence `j` (empty if out of range).
    pub fn tgt_text(&self, j: usize) -> &str {
        self.file
            .target
            .sentences
            .get(j)
            .map_or("", |s| s.text.as_str())
    }

    /// A finding on bead `bead` concerning all its sentences.
    pub fn finding(
        &self,
        bead: usize,
        kind: FindingKind,
        severity: Severity,
        reason: String,
    ) -> Finding {
        let b = &self.file.beads[bead];
        self.finding_on(bead, &b.src, &b.tgt, kind, severity, reason)
    }

    /// A finding on bead `bead` concerning the sentences `src` and `tgt` only. The
    /// locator is the first source sentence, else the first target sentence, else the
    /// source sentence before the bead (for a gap).
    pub fn finding_on(
        &self,
        bead: usize,
        src: &[usize],
        tgt: &[usize],
        kind: FindingKind,
        severity: Severity,
        reason: String,
    ) -> Finding {
        let (locator, side) = match (src.first(), tgt.first()) {
            (Some(&i), _) => (self.file.source.sentences[i].id, Side::Source),
            (None, Some(&j)) => (self.file.target.sentences[j].id, Side::Target),
            (None, None) => (Locator::Line(0), Side::Source),
        };
        Finding {
            kind,
            severity,
            locator,
            side,
            bead,
            beads: 1,
            src: src.to_vec(),
            tgt: tgt.to_vec(),
            words: Vec::new(),
            reason,
            score: None,
            source: side_text(&self.file.source, src),
            target: side_text(&self.file.target, tgt),
            advice: kind.advice().to_string(),
        }
    }
}

/// The lexicon of a file: built-in dictionary for the language pair, then learned from
/// the 1-1 beads that are confident and have 1-1 neighbours.
fn build_lexicon(file: &AlignmentFile) -> Lexicon {
    let (src, tgt) = (file.source.sentence_texts(), file.target.sentence_texts());
    let dictionary = Dictionary::builtin_for(&file.source.lang, &file.target.lang);
    let mut lexicon = Lexicon::new(
        &src,
        &tgt,
        &file.source.lang,
        &file.target.lang,
        &dictionary,
    );
    lexicon.learn(&confident_pairs(file));
    lexicon
}

/// The (source, target) sentences of the 1-1 beads that are confident and have 1-1
/// neighbours: what the checks learn the document's habits from.
pub fn confident_pairs(file: &AlignmentFile) -> Vec<(usize, usize)> {
    let beads = &file.beads;
    let one = |k: usize| beads[k].src.len() == 1 && beads[k].tgt.len() == 1;
    (1..beads.len().saturating_sub(1))
        .filter(|&k| one(k - 1) && one(k) && one(k + 1) && beads[k].confidence >= 0.9)
        .map(|k| (beads[k].src[0], beads[k].tgt[0]))
        .collect()
}

/// The joined text of some sentences of a text.
pub fn side_text(rec: &TextRecord, ids: &[usize]) -> String {
    ids.iter()
        .filter_map(|&i| rec.sentences.get(i))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The beads of a file with their texts.
pub fn bead_views(file: &AlignmentFile) -> Vec<BeadView<'_>> {
    file.beads
        .iter()
        .enumerate()
        .map(|(index, record)| BeadView {
            index,
            record,
            src: side_text(&file.source, &record.src),
            tgt: side_text(&file.target, &record.tgt),
        })
        .collect()
}

/// Run the checks of `config` over an alignment.
pub fn check(file: &AlignmentFile, config: &CheckConfig) -> Report {
    let ctx = Context::new(file);
    let mut findings = Vec::new();
    let runs = |k| config.runs(k);
    if runs(FindingKind::Omission) || runs(FindingKind::Addition) {
        findings.extend(structure::unpaired(&ctx));
    }
    if runs(FindingKind::Duplicate) {
        findings.extend(duplicate::check(&ctx));
    }
    if runs(FindingKind::Order) {
        findings.extend(order::check(&ctx));
    }
    // Names are read by coverage too (a merged sentence whose names the translation
    // lacks): found once, reported below.
    let coverage_runs = runs(FindingKind::Omission) || runs(FindingKind::Addition);
    let names = if coverage_runs || runs(FindingKind::NameMismatch) {
        names::check(&ctx)
    } else {
        Vec::new()
    };
    // So are negations (a merged sentence whose negation the translation lacks).
    let negations = if coverage_runs || runs(FindingKind::Negation) {
        negation::check(&ctx)
    } else {
        Vec::new()
    };
    if coverage_runs {
        // Sentences already explained as duplicates or swaps are not reported again.
        let explained: Vec<Finding> = findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::Duplicate | FindingKind::Order))
            .cloned()
            .collect();
        let lost: Vec<&Finding> = names.iter().chain(&negations).collect();
        findings.extend(coverage::check(&ctx, &explained, &lost));
    }
    if runs(FindingKind::Omission) {
        findings.extend(clause::check(&ctx));
        findings.extend(gaps::check(&ctx));
    }
    if runs(FindingKind::Negation) {
        findings.extend(negations);
    }
    if runs(FindingKind::NumberMismatch) {
        findings.extend(numbers::check(&ctx));
    }
    if runs(FindingKind::NameMismatch) {
        findings.extend(names);
    }
    if runs(FindingKind::LengthRatio) {
        findings.extend(length::check(&ctx, config));
    }
    if runs(FindingKind::Untranslated) {
        findings.extend(untranslated::check(&ctx, config));
    }
    if runs(FindingKind::Punctuation) {
        findings.extend(punctuation::check(&ctx));
    }
    if runs(FindingKind::LowConfidence) {
        findings.extend(structure::low_confidence(&ctx, config));
    }
    // A repeated sentence is a duplicate, not also an addition.
    let duplicated: Vec<usize> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Duplicate)
        .flat_map(|f| f.tgt.clone())
        .collect();
    findings.retain(|f| {
        runs(f.kind)
            && !(f.kind == FindingKind::Addition
                && !f.tgt.is_empty()
                && f.tgt.iter().all(|j| duplicated.contains(j)))
    });
    findings
        .sort_by(|a, b| (a.bead, a.kind, &a.src, &a.tgt).cmp(&(b.bead, b.kind, &b.src, &b.tgt)));
    let summary = summarise(file, &findings);
    Report {
        schema: SCHEMA.to_string(),
        findings,
        summary,
    }
}

fn summarise(file: &AlignmentFile, findings: &[Finding]) -> Summary {
    let beads = file.beads.len();
    let ones = file.beads.iter().filter(|b| b.kind == "1-1").count();
    let mean = if beads == 0 {
        0.0
    } else {
        file.beads.iter().map(|b| b.confidence).sum::<f64>() / beads as f64
    };
    let mut counts: BTreeMap<FindingKind, usize> =
        FindingKind::ALL.iter().map(|&k| (k, 0)).collect();
    let mut severities: BTreeMap<Severity, usize> = Severity::ALL.iter().map(|&s| (s, 0)).collect();
    for f in findings {
        *counts.entry(f.kind).or_default() += 1;
        *severities.entry(f.severity).or_default() += 1;
    }
    Summary {
        beads,
        one_to_one: if beads == 0 {
            0.0
        } else {
            ones as f64 / beads as f64
        },
        mean_confidence: mean,
        counts,
        severities,
    }
}

/// Words of a text (maximal runs of letters, digits, `'` and `-` inside a word), with
/// whether each one starts a sentence or clause (first word, or after `.`, `!`, `?`,
/// `:`, an opening quote, a dash or a bracket).
pub(crate) fn words_with_position(text: &str) -> Vec<(&str, bool)> {
    words_with_offsets(text)
        .into_iter()
        .map(|(_, w, initial)| (w, initial))
        .collect()
}

/// [`words_with_position`] with the byte offset of each word.
pub(crate) fn words_with_offsets(text: &str) -> Vec<(usize, &str, bool)> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = Vec::new();
    let mut initial = true;
    for (at, piece) in text.split_word_bound_indices() {
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_alphanumeric() {
            out.push((at, piece, initial));
            initial = false;
        } else if piece.chars().any(|c| {
            matches!(
                c,
                '.' | '!' | '?' | ':' | '„' | '"' | '“' | '«' | '»' | '–' | '—' | '(' | '[' | '/'
            )
        }) {
            initial = true;
        }
    }
    out
}

/// Text shown in a reason, whitespace collapsed, shortened to `max` characters.
pub(crate) fn quote(text: &str, max: usize) -> String {
    let text = collapse_whitespace(text);
    if text.chars().count() <= max {
        format!("“{text}”")
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("“{}…”", cut.trim_end())
    }
}

/// Locators of some sentences of a text, for reasons (`p3.s2`, `p3.s2–p3.s3`).
pub(crate) fn locators(rec: &TextRecord, ids: &[usize]) -> String {
    let ids: Vec<String> = ids
        .iter()
        .filter_map(|&i| rec.sentences.get(i))
        .map(|s| s.id.to_string())
        .collect();
    match ids.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first}–{last}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_initial_words_are_marked() {
        let w = words_with_position("Beck János: Kuba. Ma „Havanna” és Kuba");
        let initial: Vec<&str> = w.iter().filter(|x| x.1).map(|x| x.0).collect();
        assert_eq!(initial, ["Beck", "Kuba", "Ma", "Havanna"]);
    }

    #[test]
    fn summary_counts_every_kind_and_severity() {
        let file = testutil::file(&[("Egy mondat.", "One sentence."), ("Kettő.", "")]);
        let report = check(&file, &CheckConfig::default());
        assert_eq!(report.schema, "tandem-check/1");
        assert_eq!(report.summary.counts.len(), FindingKind::ALL.len());
        assert_eq!(report.summary.severities.len(), Severity::ALL.len());
        assert_eq!(report.summary.counts[&FindingKind::Omission], 1);
        assert_eq!(report.summary.one_to_one, 0.5);
        assert_eq!(report.flags()[1], vec![FindingKind::Omission]);
        let f = &report.findings[0];
        assert_eq!(
            (f.src.as_slice(), f.tgt.as_slice()),
            (&[1usize][..], &[][..])
        );
        assert_eq!(f.source, "Kettő.");
    }
}
