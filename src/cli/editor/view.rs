//! What the review page reads: an alignment file as JSON for the browser
//! (`tandem-review/1`), and the review checks of it (`tandem-review-checks/1`): each
//! bead's findings and risk, and the order to review the beads in (`tandem show --order
//! risk`, from [`tandem::risk`]).
//!
//! The view is built afresh from the file on disk for every request, so the page shows
//! exactly what the file holds; `version` (the SHA-256 of the file's bytes) is what an
//! action must name to be applied (see `actions.rs`). Sentences are sent with the first
//! load only: they cannot change without the version changing.
//!
//! The checks are the slow part (`tandem check` takes about 0.4 s on a 5,000-bead novel,
//! a fix about 0.2 s), so an action answers as soon as the file is written, without them,
//! and the page asks for them next ([`Checks`], kept per file version by the server).

use serde::Serialize;
use tandem::alignment::{AlignmentFile, TextRecord};
use tandem::review::{check, CheckConfig, FindingKind, Severity};
use tandem::risk::{self, Signal};

/// Schema tag of the view.
pub(crate) const SCHEMA: &str = "tandem-review/1";
/// Schema tag of the checks.
pub(crate) const CHECKS_SCHEMA: &str = "tandem-review-checks/1";

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
    /// Fixes placed in the file.
    fixes: usize,
    /// Whether there is a change to undo.
    undo: bool,
    /// Warnings the page shows (a text that could not be found, `--allow-stale`).
    notes: Vec<String>,
    /// The checks of this version, when they are sent along (page loads).
    #[serde(skip_serializing_if = "Option::is_none")]
    checks: Option<&'a Checks>,
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
}

/// The review checks of one version of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Checks {
    schema: &'static str,
    /// The file version they are of.
    pub(crate) version: String,
    /// The findings on each bead.
    findings: Vec<Vec<FindingView>>,
    /// How likely each bead is wrong (0..=1, 0 for fixed beads), as `show --order risk`.
    risk: Vec<f64>,
    /// Why each bead's risk is above 1 − confidence, strongest first.
    signals: Vec<Vec<Signal>>,
    /// Bead indices in review order: most likely wrong first, fixed beads last.
    order: Vec<usize>,
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
        checks: Option<&'a Checks>,
    ) -> Self {
        let orphans = file.fixes.iter().filter(|f| !f.is_placed()).count();
        if orphans > 0 {
            notes.push(format!(
                "{orphans} fix{} could not be placed on the current texts (their sentences \
                 changed): see tandem fix --list",
                if orphans == 1 { "" } else { "es" }
            ));
        }
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
            beads: file
                .beads
                .iter()
                .map(|b| BeadView {
                    src: b.src.clone(),
                    tgt: b.tgt.clone(),
                    kind: b.kind.clone(),
                    confidence: b.confidence,
                    fixed: b.fixed,
                })
                .collect(),
            fixes: file.fixes.iter().filter(|f| f.is_placed()).count(),
            undo: !file.history.is_empty(),
            notes,
            checks,
        }
    }
}

impl Checks {
    /// Run `tandem check` on `file` (whose bytes hash to `version`).
    pub(crate) fn new(file: &AlignmentFile, version: String) -> Self {
        let report = check(file, &CheckConfig::default());
        let findings: Vec<Vec<FindingView>> = (0..file.beads.len())
            .map(|k| {
                report
                    .on_bead(k)
                    .map(|f| FindingView {
                        kind: f.kind,
                        severity: f.severity,
                        reason: f.reason.clone(),
                    })
                    .collect()
            })
            .collect();
        let risks = risk::assess(file, &report);
        Checks {
            schema: CHECKS_SCHEMA,
            version,
            order: risk::order(&risks),
            risk: risks.iter().map(|r| (r.risk * 1e4).round() / 1e4).collect(),
            signals: risks.into_iter().map(|r| r.signals).collect(),
            findings,
        }
    }
}
