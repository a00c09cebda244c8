//! The report model of `check`: what a finding is, how serious, where, and why.
//!
//! A [`Finding`] names its bead (`bead`, `beads`), the sentences it concerns (`src`,
//! `tgt`: 0-based indices into the alignment's two texts, as beads have them), the words
//! as written in the text (`words`) and a reason a reviewer can act on. Other parts of
//! tandem rank beads by their findings (`show --order risk`, the web editor): they should
//! read these fields, not parse `reason`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::document::Locator;

/// Schema tag of the JSON report.
pub const SCHEMA: &str = "tandem-check/1";

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Original text with no translation: a sentence (a 1-0 bead, or a sentence of a
    /// merged bead with no counterpart) or a part of a sentence.
    Omission,
    /// Translated text with no original.
    Addition,
    /// A sentence of the translation repeated where the original says it once.
    Duplicate,
    /// Two sentences translated in the opposite order.
    Order,
    /// A negation on one side of a bead only.
    Negation,
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
    pub const ALL: [FindingKind; 11] = [
        FindingKind::Omission,
        FindingKind::Addition,
        FindingKind::Duplicate,
        FindingKind::Order,
        FindingKind::Negation,
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
            FindingKind::Duplicate => "duplicate",
            FindingKind::Order => "order",
            FindingKind::Negation => "negation",
            FindingKind::NumberMismatch => "number-mismatch",
            FindingKind::NameMismatch => "name-mismatch",
            FindingKind::LengthRatio => "length-ratio",
            FindingKind::Untranslated => "untranslated",
            FindingKind::Punctuation => "punctuation",
            FindingKind::LowConfidence => "low-confidence",
        }
    }

    /// What a reviewer should do about a finding of this kind.
    pub fn advice(self) -> &'static str {
        match self {
            FindingKind::Omission => {
                "translate the missing text, or confirm that leaving it out was intended"
            }
            FindingKind::Addition => "check that the added text belongs in the translation",
            FindingKind::Duplicate => "delete the repeated sentence",
            FindingKind::Order => "put the two sentences back in the order of the original",
            FindingKind::Negation => {
                "check that the translation says yes where the original does, and no where it does"
            }
            FindingKind::NumberMismatch => "correct the number, or confirm the change",
            FindingKind::NameMismatch => "restore the name, or confirm that it was meant to go",
            FindingKind::LengthRatio => "compare the two sentences for missing or added content",
            FindingKind::Untranslated => "translate the sentence",
            FindingKind::Punctuation => "check whether the sentence should ask or exclaim",
            FindingKind::LowConfidence => {
                "check the alignment here (tandem show --range); fix it if it is wrong"
            }
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
    /// A matter of style, or worth a look: often harmless.
    Info,
    /// Likely a problem.
    Warning,
    /// Almost surely a problem (measured: at least 95% of errors are right on the
    /// development data; docs/review.md).
    Error,
}

impl Severity {
    /// Every severity, least serious first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The name used in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A condition that makes `check --fail-on` fail: a kind, or a severity and above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Any finding of this kind (any severity).
    Kind(FindingKind),
    /// Any finding at least this serious.
    Severity(Severity),
}

impl FailOn {
    /// Whether `finding` meets the condition.
    pub fn matches(self, finding: &Finding) -> bool {
        match self {
            FailOn::Kind(k) => finding.kind == k,
            FailOn::Severity(s) => finding.severity >= s,
        }
    }
}

impl FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Some(sev) = Severity::ALL.into_iter().find(|v| v.as_str() == t) {
            return Ok(FailOn::Severity(sev));
        }
        t.parse::<FindingKind>().map(FailOn::Kind).map_err(|_| {
            format!(
                "unknown severity or finding kind '{s}'; use error, warning, info or one of: {}",
                FindingKind::ALL.map(FindingKind::as_str).join(", ")
            )
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
    /// First sentence concerned: of the original, or of the translation when the
    /// finding concerns translated sentences only (an addition).
    pub locator: Locator,
    /// Which text `locator` is in.
    pub side: Side,
    /// Index of the (first) bead concerned.
    pub bead: usize,
    /// Number of consecutive beads concerned.
    pub beads: usize,
    /// Sentences of the original concerned (0-based indices, as in the alignment's beads).
    pub src: Vec<usize>,
    /// Sentences of the translation concerned (0-based indices).
    pub tgt: Vec<usize>,
    /// The words concerned, as written in the text (a number, a name, the part left
    /// out); empty when the finding concerns whole sentences.
    pub words: Vec<String>,
    /// What was found, naming the evidence and quoting the text as written.
    pub reason: String,
    /// How strong the evidence is, for ranking findings of one kind (a log-likelihood
    /// ratio for the lexical checks: higher is surer); absent where a finding is a plain
    /// fact (a number on one side only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "rounded"
    )]
    pub score: Option<f64>,
    /// The original sentences `src`, joined by a space.
    pub source: String,
    /// The translated sentences `tgt`, joined by a space.
    pub target: String,
    /// What to do about it.
    pub advice: String,
}

/// Scores are shown to two decimals: more would only be noise.
fn rounded<S: serde::Serializer>(score: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match score {
        Some(x) => s.serialize_some(&((x * 100.0).round() / 100.0)),
        None => s.serialize_none(),
    }
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
    /// Findings per severity (every severity present, zero included).
    pub severities: BTreeMap<Severity, usize>,
}

/// The result of [`super::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `tandem-check/1`.
    pub schema: String,
    /// Findings, in document order.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
}

impl Report {
    /// The kinds flagged on each bead (sorted, unique), for side-by-side views.
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

    /// The most serious severity among the findings on bead `k`, if any.
    pub fn severity_of(&self, k: usize) -> Option<Severity> {
        self.on_bead(k).map(|f| f.severity).max()
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
    fn fail_on_takes_a_severity_or_a_kind() {
        assert_eq!("error".parse(), Ok(FailOn::Severity(Severity::Error)));
        assert_eq!("order".parse(), Ok(FailOn::Kind(FindingKind::Order)));
        let err = "typo".parse::<FailOn>().expect_err("unknown");
        assert!(err.contains("error, warning, info"), "{err}");
    }
}
