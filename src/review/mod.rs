//! Review: automatic checks of an alignment that point a human reviewer at the beads
//! most likely to hide a translation or alignment problem.
//!
//! [`check`] runs every check family over an [`AlignmentFile`] and returns a [`Report`]:
//! a list of [`Finding`]s (kind, severity, locator, reason) and a [`Summary`]. One file
//! per check family:
//!
//! - [`structure`]: omissions (1-0 beads), additions (0-1) and low-confidence stretches;
//! - [`numbers`]: numbers, Roman numerals and dates on one side only, compared after
//!   normalisation by [`crate::align::anchors`] (`1963.` ≡ `1963`, `3,5` ≡ `3.5`,
//!   `január 28.` ≡ `January 28` ≡ `28 January`);
//! - [`names`]: proper names and acronyms on one side only (cognate keys, the bilingual
//!   dictionary and a small acronym table decide what counts as "the same name");
//! - [`length`]: length-ratio outliers against the document's own ratio distribution
//!   (median and MAD of the log ratio over its 1-1 beads);
//! - [`untranslated`]: target sentences that are a copy of the original or are written
//!   in the source language;
//! - [`punctuation`]: a question or exclamation on one side only.
//!
//! The checks aim at precision over recall: a reviewer stops reading a report that cries
//! wolf. Each one documents what it deliberately does not flag.
//!
//! Cost: linear in the size of the alignment (every sentence is tokenised a constant
//! number of times); the language detector runs only on long target sentences.

pub mod length;
pub mod names;
pub mod numbers;
pub mod punctuation;
pub mod structure;
pub mod untranslated;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::alignment::{AlignmentFile, BeadRecord, TextRecord};
use crate::document::Locator;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A source sentence with no translation (1-0 bead).
    Omission,
    /// A target sentence with no original (0-1 bead).
    Addition,
    /// A number, Roman numeral or date on one side of a bead only.
    NumberMismatch,
    /// A proper name or acronym on one side of a bead only.
    NameMismatch,
    /// Target much longer or shorter than the document's usual ratio.
    LengthRatio,
    /// The target is a copy of the original or is in the source language.
    Untranslated,
    /// A `?` or `!` on one side only.
    Punctuation,
    /// A stretch of beads the aligner is unsure about.
    LowConfidence,
}

impl FindingKind {
    /// Every kind, in report order.
    pub const ALL: [FindingKind; 8] = [
        FindingKind::Omission,
        FindingKind::Addition,
        FindingKind::NumberMismatch,
        FindingKind::NameMismatch,
        FindingKind::LengthRatio,
        FindingKind::Untranslated,
        FindingKind::Punctuation,
        FindingKind::LowConfidence,
    ];

    /// The name used in reports and on the command line (`number-mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Omission => "omission",
            FindingKind::Addition => "addition",
            FindingKind::NumberMismatch => "number-mismatch",
            FindingKind::NameMismatch => "name-mismatch",
            FindingKind::LengthRatio => "length-ratio",
            FindingKind::Untranslated => "untranslated",
            FindingKind::Punctuation => "punctuation",
            FindingKind::LowConfidence => "low-confidence",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FindingKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FindingKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown finding kind '{s}'; use one of: {}",
                    FindingKind::ALL.map(FindingKind::as_str).join(", ")
                )
            })
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often harmless.
    Info,
    /// Probably a problem.
    Warning,
    /// Almost certainly a problem (content missing or wrong).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Which text a locator points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The original.
    Source,
    /// The translation.
    Target,
}

/// One thing a reviewer should look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// How serious.
    pub severity: Severity,
    /// First sentence concerned: of the original, or of the translation for additions.
    pub locator: Locator,
    /// Which text `locator` is in.
    pub side: Side,
    /// Index of the (first) bead concerned.
    pub bead: usize,
    /// Number of consecutive beads concerned (1 except for low-confidence stretches).
    pub beads: usize,
    /// Human-readable explanation naming the evidence.
    pub reason: String,
}

/// Counts and shares of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Beads in the alignment.
    pub beads: usize,
    /// Share of 1-1 beads, 0..=1.
    pub one_to_one: f64,
    /// Mean bead confidence.
    pub mean_confidence: f64,
    /// Findings per kind (every kind present, zero included).
    pub counts: BTreeMap<FindingKind, usize>,
    /// Findings per severity.
    pub severities: BTreeMap<Severity, usize>,
}

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Findings, in document order.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
}

impl Report {
    /// The kinds flagged on bead `k` (sorted, unique), for side-by-side views.
    pub fn flags(&self) -> Vec<Vec<FindingKind>> {
        let n = self
            .findings
            .iter()
            .map(|f| f.bead + f.beads)
            .max()
            .unwrap_or(0);
        let mut flags = vec![Vec::new(); n];
        for f in &self.findings {
            for bead in flags.iter_mut().skip(f.bead).take(f.beads.max(1)) {
                if !bead.contains(&f.kind) {
                    bead.push(f.kind);
                }
            }
        }
        for v in &mut flags {
            v.sort();
        }
        flags
    }

    /// The findings on bead `k` (a stretch covers every bead in it).
    pub fn on_bead(&self, k: usize) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| (f.bead..f.bead + f.beads.max(1)).contains(&k))
    }
}

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

    /// The locator a finding on this bead is reported at: the first source sentence,
    /// else the first target sentence.
    pub fn anchor(&self, file: &AlignmentFile) -> (Locator, Side) {
        match (self.record.src.first(), self.record.tgt.first()) {
            (Some(&i), _) => (file.source.sentences[i].id, Side::Source),
            (None, Some(&j)) => (file.target.sentences[j].id, Side::Target),
            (None, None) => (Locator::Line(0), Side::Source),
        }
    }

    /// A finding on this single bead.
    pub fn finding(
        &self,
        file: &AlignmentFile,
        kind: FindingKind,
        severity: Severity,
        reason: String,
    ) -> Finding {
        let (locator, side) = self.anchor(file);
        Finding {
            kind,
            severity,
            locator,
            side,
            bead: self.index,
            beads: 1,
            reason,
        }
    }
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
    let views = bead_views(file);
    let mut findings = Vec::new();
    if config.runs(FindingKind::Omission) || config.runs(FindingKind::Addition) {
        findings.extend(
            structure::unpaired(file, &views)
                .into_iter()
                .filter(|f| config.runs(f.kind)),
        );
    }
    if config.runs(FindingKind::NumberMismatch) {
        findings.extend(numbers::check(file, &views));
    }
    if config.runs(FindingKind::NameMismatch) {
        findings.extend(names::check(file, &views));
    }
    if config.runs(FindingKind::LengthRatio) {
        findings.extend(length::check(file, &views, config));
    }
    if config.runs(FindingKind::Untranslated) {
        findings.extend(untranslated::check(file, &views, config));
    }
    if config.runs(FindingKind::Punctuation) {
        findings.extend(punctuation::check(file, &views));
    }
    if config.runs(FindingKind::LowConfidence) {
        findings.extend(structure::low_confidence(file, &views, config));
    }
    findings.sort_by_key(|f| (f.bead, f.kind));
    let summary = summarise(file, &findings);
    Report { findings, summary }
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
    let mut severities: BTreeMap<Severity, usize> = BTreeMap::new();
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
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = Vec::new();
    let mut initial = true;
    for piece in text.split_word_bounds() {
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_alphanumeric() {
            out.push((piece, initial));
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

#[cfg(test)]
pub(crate) mod testutil {
    //! Build small alignment files for the checks' unit tests.
    use super::*;
    use crate::alignment::{SentenceRecord, SCHEMA};
    use crate::lang::Lang;

    /// A file of 1-1 (or given) beads over `pairs`; an empty string leaves a side empty.
    pub(crate) fn file(pairs: &[(&str, &str)]) -> AlignmentFile {
        let mut src = Vec::new();
        let mut tgt = Vec::new();
        let mut beads = Vec::new();
        for (s, t) in pairs {
            let mut b = BeadRecord {
                src: vec![],
                tgt: vec![],
                kind: String::new(),
                confidence: 0.99,
                fixed: false,
            };
            if !s.is_empty() {
                b.src.push(src.len());
                src.push(SentenceRecord {
                    id: Locator::Para {
                        paragraph: src.len() as u32 + 1,
                        sentence: 1,
                    },
                    start: 0,
                    end: s.len(),
                    text: s.to_string(),
                });
            }
            if !t.is_empty() {
                b.tgt.push(tgt.len());
                tgt.push(SentenceRecord {
                    id: Locator::Para {
                        paragraph: tgt.len() as u32 + 1,
                        sentence: 1,
                    },
                    start: 0,
                    end: t.len(),
                    text: t.to_string(),
                });
            }
            b.kind = format!("{}-{}", b.src.len(), b.tgt.len());
            beads.push(b);
        }
        let rec = |lang, sentences| TextRecord {
            path: "x.txt".into(),
            lang,
            sha256: "sha256:00".into(),
            encoding: "utf-8".into(),
            segmentation: "rules".into(),
            format: "text".into(),
            layout: String::new(),
            furniture: Vec::new(),
            sentences,
            sentences_sha256: None,
        };
        AlignmentFile {
            schema: SCHEMA.into(),
            tool: "tandem test".into(),
            id: "t".into(),
            source: rec(Lang::Hu, src),
            target: rec(Lang::En, tgt),
            parameters: crate::testing::stats(),
            options: None,
            beads,
            fixes: vec![],
            history: vec![],
        }
    }

    /// Kinds found by `check` with default thresholds.
    pub(crate) fn kinds(file: &AlignmentFile, kind: FindingKind) -> Vec<usize> {
        check(file, &CheckConfig::default().only(&[kind]))
            .findings
            .iter()
            .map(|f| f.bead)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialise_in_kebab_case_and_parse_back() {
        for k in FindingKind::ALL {
            let json = serde_json::to_string(&k).expect("serialises");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(k.as_str().parse::<FindingKind>(), Ok(k));
        }
        assert!("typo".parse::<FindingKind>().is_err());
        assert_eq!(
            serde_json::to_string(&Severity::Warning).expect("ok"),
            "\"warning\""
        );
    }

    #[test]
    fn clause_initial_words_are_marked() {
        let w = words_with_position("Beck János: Kuba. Ma „Havanna” és Kuba");
        let initial: Vec<&str> = w.iter().filter(|x| x.1).map(|x| x.0).collect();
        assert_eq!(initial, ["Beck", "Kuba", "Ma", "Havanna"]);
    }

    #[test]
    fn summary_counts_every_kind() {
        let file = testutil::file(&[("Egy mondat.", "One sentence."), ("Kettő.", "")]);
        let report = check(&file, &CheckConfig::default());
        assert_eq!(report.summary.counts.len(), FindingKind::ALL.len());
        assert_eq!(report.summary.counts[&FindingKind::Omission], 1);
        assert_eq!(report.summary.one_to_one, 0.5);
        assert_eq!(report.flags()[1], vec![FindingKind::Omission]);
    }
}
