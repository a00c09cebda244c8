//! The diff report: changes with locators and texts instead of indices, ready to
//! serialise (`--format json`) or render ([`super::render`]). Pure; linear in the size of
//! the changes.

use serde::{Deserialize, Serialize};

use super::original::OriginalView;
use super::words::WordOp;
use super::{Diff, Kind, Summary};
use crate::document::{Document, Locator};

/// One change, by locator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// `edited`, `split`, `merged`, `inserted`, `deleted`, `moved`, `whitespace` or
    /// `punctuation`.
    pub kind: Kind,
    /// Old sentences (empty for an insertion).
    pub old: Vec<Locator>,
    /// New sentences (empty for a deletion).
    pub new: Vec<Locator>,
    /// Original sentences of the passages concerned (with an original only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub original: Vec<Locator>,
    /// Dice word similarity of both sides (not for insertions and deletions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// Word ops from the old to the new text (not for insertions and deletions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ops: Vec<WordOp>,
    /// The old sentences, joined by a space.
    pub old_text: String,
    /// The new sentences, joined by a space.
    pub new_text: String,
}

/// One changed passage of the original, with both translations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowRecord {
    /// Original sentences.
    pub original: Vec<Locator>,
    /// Old-version sentences aligned to them.
    pub old: Vec<Locator>,
    /// New-version sentences aligned to them.
    pub new: Vec<Locator>,
    /// Kinds of the changes touching the passage.
    pub kinds: Vec<Kind>,
    /// The original text.
    pub original_text: String,
    /// The old text.
    pub old_text: String,
    /// The new text.
    pub new_text: String,
    /// Word ops from old to new.
    pub ops: Vec<WordOp>,
}

/// A whole diff report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffReport {
    /// The old version's file.
    pub old_file: String,
    /// The new version's file.
    pub new_file: String,
    /// The original's file, if both versions were aligned to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_file: Option<String>,
    /// The changes, in document order.
    pub changes: Vec<ChangeRecord>,
    /// Changed passages of the original (with an original only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowRecord>,
    /// Counts.
    pub summary: Summary,
}

fn locators(doc: &Document, range: std::ops::Range<usize>) -> Vec<Locator> {
    doc.sentences[range].iter().map(|s| s.locator).collect()
}

fn text(doc: &Document, range: std::ops::Range<usize>) -> String {
    range
        .map(|i| doc.sentence_text(i))
        .collect::<Vec<_>>()
        .join(" ")
}

impl DiffReport {
    /// Build the report of `diff` between `old` and `new`, optionally grouped by an
    /// original (`view` computed by [`super::original::group_by_original`]).
    pub fn new(
        diff: &Diff,
        old: &Document,
        new: &Document,
        original: Option<(&Document, &OriginalView)>,
    ) -> Self {
        let changes = diff
            .changes
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let paired = !matches!(c.kind, Kind::Inserted | Kind::Deleted);
                ChangeRecord {
                    kind: c.kind,
                    old: locators(old, c.old.clone()),
                    new: locators(new, c.new.clone()),
                    original: original
                        .and_then(|(doc, view)| {
                            view.change_original
                                .get(k)
                                .map(|r| locators(doc, r.clone()))
                        })
                        .unwrap_or_default(),
                    similarity: paired.then_some(c.similarity),
                    ops: c.ops.clone(),
                    old_text: text(old, c.old.clone()),
                    new_text: text(new, c.new.clone()),
                }
            })
            .collect();
        let rows = original
            .map(|(doc, view)| {
                view.rows
                    .iter()
                    .map(|r| RowRecord {
                        original: locators(doc, r.original.clone()),
                        old: locators(old, r.old.clone()),
                        new: locators(new, r.new.clone()),
                        kinds: r.kinds.clone(),
                        original_text: text(doc, r.original.clone()),
                        old_text: text(old, r.old.clone()),
                        new_text: text(new, r.new.clone()),
                        ops: r.ops.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut summary = diff.summary.clone();
        if let Some((_, view)) = original {
            summary.timed_out |= view.timed_out;
        }
        DiffReport {
            old_file: old.path.display().to_string(),
            new_file: new.path.display().to_string(),
            original_file: original.map(|(doc, _)| doc.path.display().to_string()),
            changes,
            rows,
            summary,
        }
    }

    /// The report as pretty JSON with its schema tag ([`crate::schema::DIFF`]) first,
    /// and a final newline.
    pub fn to_json(&self) -> String {
        crate::schema::tagged_json(crate::schema::DIFF, self)
    }
}

/// A locator list as text: `p3.s2`, `p3.s2-p3.s3` for a run, `-` when empty.
pub fn span(locs: &[Locator]) -> String {
    match locs {
        [] => "-".to_string(),
        [one] => one.to_string(),
        [first, .., last] => format!("{first}-{last}"),
    }
}
