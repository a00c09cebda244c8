//! One row of `tandem align`'s summary table: a document's sentences, beads, share of
//! 1-1 beads, confidence, check findings and fixes.

use tandem::alignment::AlignmentFile;

use super::LOW_CONFIDENCE;

/// One row of the batch summary.
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub(crate) id: String,
    pub(crate) src_sentences: usize,
    pub(crate) tgt_sentences: usize,
    pub(crate) beads: usize,
    pub(crate) one_to_one: f64,
    pub(crate) low: usize,
    pub(crate) mean_confidence: f64,
    pub(crate) seconds: f64,
    pub(crate) status: String,
    /// Findings of `tandem check` (errors and warnings), when the record was built.
    pub(crate) findings: Option<usize>,
    /// Fixes placed (beads a person confirmed), and fixes kept as orphans.
    pub(crate) fixes: (usize, usize),
}

impl Summary {
    /// A row from bead types and confidences.
    pub(super) fn new(
        id: &str,
        sentences: (usize, usize),
        beads: impl Iterator<Item = (bool, f64)>,
        seconds: f64,
        status: &str,
        findings: Option<usize>,
    ) -> Self {
        let (mut count, mut ones, mut low, mut sum) = (0usize, 0usize, 0usize, 0.0f64);
        for (one_to_one, confidence) in beads {
            count += 1;
            ones += usize::from(one_to_one);
            low += usize::from(confidence < LOW_CONFIDENCE);
            sum += confidence;
        }
        let share = |x: f64| if count == 0 { 0.0 } else { x / count as f64 };
        Summary {
            id: id.to_string(),
            src_sentences: sentences.0,
            tgt_sentences: sentences.1,
            beads: count,
            one_to_one: share(ones as f64),
            low,
            mean_confidence: share(sum),
            seconds,
            status: status.to_string(),
            findings,
            fixes: (0, 0),
        }
    }

    /// The same row, with the fixes of `file` counted.
    pub(super) fn with_fixes_of(mut self, file: &AlignmentFile) -> Self {
        let orphans = file.fixes.iter().filter(|f| f.orphan.is_some()).count();
        self.fixes = (file.fixes.len() - orphans, orphans);
        self
    }

    /// The row of a document that failed or was interrupted (`status`).
    pub(super) fn failed(id: &str, status: &str) -> Self {
        Summary::new(id, (0, 0), std::iter::empty(), 0.0, status, None)
    }

    /// A row from an alignment file's beads (no check findings).
    pub(super) fn from_beads(id: &str, file: &AlignmentFile, seconds: f64, status: &str) -> Self {
        let beads = file.beads.iter().map(|b| (b.kind == "1-1", b.confidence));
        let sentences = (file.source.sentences.len(), file.target.sentences.len());
        Summary::new(id, sentences, beads, seconds, status, None).with_fixes_of(file)
    }

    /// A row from an alignment file, with its `tandem check` findings (errors and
    /// warnings).
    pub(super) fn from_file(id: &str, file: &AlignmentFile, seconds: f64, status: &str) -> Self {
        let findings = tandem::review::check(file, &tandem::review::CheckConfig::default())
            .findings
            .iter()
            .filter(|f| f.severity != tandem::review::Severity::Info)
            .count();
        Summary {
            findings: Some(findings),
            ..Summary::from_beads(id, file, seconds, status)
        }
    }
}
