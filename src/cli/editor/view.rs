//! What the review page reads: an alignment file as JSON for the browser
//! (`tandem-review/1`), with each bead's review findings and the order to review them in.
//!
//! The view is built afresh from the file on disk for every request, so the page shows
//! exactly what the file holds; `version` (the SHA-256 of the file's bytes) is what an
//! action must name to be applied (see `actions.rs`). Sentences are sent with the first
//! load only: they cannot change without the version changing.

use serde::Serialize;
use tandem::alignment::{AlignmentFile, TextRecord};
use tandem::review::{check, CheckConfig, FindingKind, Report, Severity};

/// Schema tag of the view.
pub(crate) const SCHEMA: &str = "tandem-review/1";

/// The whole page's data.
#[derive(Debug, Serialize)]
pub(crate) struct View<'a> {
    schema: &'static str,
    /// `sha256:<hex>` of the alignment file's bytes.
    pub(crate) version: String,
    /// The alignment file as given on the command line.
    file: String,
    id: &'a str,
    source: TextView<'a>,
    target: TextView<'a>,
    pub(crate) beads: Vec<BeadView>,
    /// Bead indices in review order (most likely wrong first).
    order: Vec<usize>,
    /// Fixes placed in the file.
    fixes: usize,
    /// Whether there is a change to undo.
    undo: bool,
    /// Warnings the page shows (a text that could not be found, `--allow-stale`).
    notes: Vec<String>,
}

#[derive(Debug, Serialize)]
struct TextView<'a> {
    lang: String,
    path: &'a str,
    /// Sentences; absent from action replies.
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<SentenceView<'a>>>,
}

#[derive(Debug, Serialize)]
struct SentenceView<'a> {
    id: String,
    text: &'a str,
}

/// One bead as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BeadView {
    pub(crate) src: Vec<usize>,
    pub(crate) tgt: Vec<usize>,
    #[serde(rename = "type")]
    kind: String,
    confidence: f64,
    /// Confirmed by a person (one of the file's fixes).
    fixed: bool,
    findings: Vec<FindingView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct FindingView {
    kind: FindingKind,
    severity: Severity,
    reason: String,
}

impl<'a> View<'a> {
    /// The view of `file` (whose bytes hash to `version`); `with_sentences` for a full
    /// page load.
    pub(crate) fn new(
        file: &'a AlignmentFile,
        file_name: String,
        version: String,
        mut notes: Vec<String>,
        with_sentences: bool,
    ) -> Self {
        let orphans = file.fixes.iter().filter(|f| !f.is_placed()).count();
        if orphans > 0 {
            notes.push(format!(
                "{orphans} fix{} could not be placed on the current texts (their sentences \
                 changed): see tandem fix --list",
                if orphans == 1 { "" } else { "es" }
            ));
        }
        let report = check(file, &CheckConfig::default());
        let beads = bead_views(file, &report);
        let order = review_order(&beads);
        let text = |rec: &'a TextRecord| TextView {
            lang: rec.lang.to_string(),
            path: &rec.path,
            sentences: with_sentences.then(|| {
                rec.sentences
                    .iter()
                    .map(|s| SentenceView {
                        id: s.id.to_string(),
                        text: &s.text,
                    })
                    .collect()
            }),
        };
        View {
            schema: SCHEMA,
            version,
            file: file_name,
            id: &file.id,
            source: text(&file.source),
            target: text(&file.target),
            beads,
            order,
            fixes: file.fixes.iter().filter(|f| f.is_placed()).count(),
            undo: !file.history.is_empty(),
            notes,
        }
    }
}

fn bead_views(file: &AlignmentFile, report: &Report) -> Vec<BeadView> {
    file.beads
        .iter()
        .enumerate()
        .map(|(k, b)| BeadView {
            src: b.src.clone(),
            tgt: b.tgt.clone(),
            kind: b.kind.clone(),
            confidence: b.confidence,
            fixed: b.fixed,
            findings: report
                .on_bead(k)
                .map(|f| FindingView {
                    kind: f.kind,
                    severity: f.severity,
                    reason: f.reason.clone(),
                })
                .collect(),
        })
        .collect()
}

/// Beads in the order a reviewer should read them: fixed beads last, then the most
/// serious finding first, then the lowest confidence; ties in text order.
fn review_order(beads: &[BeadView]) -> Vec<usize> {
    let worst = |b: &BeadView| b.findings.iter().map(|f| f.severity).max();
    let mut order: Vec<usize> = (0..beads.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&beads[a], &beads[b]);
        x.fixed
            .cmp(&y.fixed)
            .then(worst(y).cmp(&worst(x)))
            .then(x.confidence.total_cmp(&y.confidence))
            .then(a.cmp(&b))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(confidence: f64, severity: Option<Severity>) -> BeadView {
        BeadView {
            src: vec![],
            tgt: vec![],
            kind: "1-1".into(),
            confidence,
            fixed: false,
            findings: severity
                .map(|severity| FindingView {
                    kind: FindingKind::Omission,
                    severity,
                    reason: String::new(),
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn findings_come_before_confidence_in_the_review_order() {
        let mut beads = [
            bead(1.0, None),
            bead(0.3, None),
            bead(0.99, Some(Severity::Warning)),
            bead(0.9, Some(Severity::Error)),
            bead(0.3, None),
            bead(0.1, Some(Severity::Error)),
        ];
        beads[5].fixed = true;
        assert_eq!(review_order(&beads), [3, 2, 1, 4, 0, 5]);
    }
}
