//! The alignment file: tandem's canonical record of an alignment (JSON).
//!
//! It holds both texts' sentences (locator, byte range, text) and content hashes, the
//! beads with their confidence, and the parameters used, so that every later command
//! (show, check, export, cite, diff) works from this file alone and can tell when a
//! text changed since it was aligned. The format is documented in
//! `docs/alignment-format.md`; [`SCHEMA`] names its version. Version 2 added the fixes a
//! person confirmed ([`crate::fix`]) and the [`options`] that shaped the alignment;
//! files of version 1 are read as version 2 files without either.

mod integrity;
pub mod options;
mod paths;

pub use integrity::sentences_checksum;
pub(crate) use paths::relative_path;
pub use paths::{alignment_files, tidy};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::{AlignStats, Alignment, Bead};
use crate::document::{Document, Locator};
use crate::error::AlignmentFileError;
use crate::fix::{FixRecord, UndoStep};
use crate::lang::Lang;
use crate::read::{hash_file, read_file, FileKind};
pub use options::OptionsRecord;

/// Schema tag written into every alignment file.
pub const SCHEMA: &str = "tandem-alignment/2";
/// The previous version (no fixes, no options), still read.
pub const SCHEMA_V1: &str = "tandem-alignment/1";

/// One text of an alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TextRecord {
    /// Path of the text, relative to the alignment file's folder when possible.
    pub path: String,
    /// Language code.
    pub lang: Lang,
    /// `sha256:<hex>` of the file's bytes when it was aligned.
    pub sha256: String,
    /// Encoding it was read in.
    pub encoding: String,
    /// `rules` (tandem's splitter) or `presplit` (one sentence per line).
    pub segmentation: String,
    /// Document format: `text`, `docx`, `odt` or `html` (files of older versions: empty,
    /// meaning text).
    #[serde(default)]
    pub format: String,
    /// How the paragraphs were found: `wrapped`, `blank-lines`, `lines`, `presplit` or
    /// `structure` (DOCX/ODT/HTML); empty in files of older versions.
    #[serde(default)]
    pub layout: String,
    /// Page furniture taken out of the text before splitting, in order.
    #[serde(default)]
    pub furniture: Vec<FurnitureRecord>,
    /// The sentences, in order.
    pub sentences: Vec<SentenceRecord>,
    /// `sha256:<hex>` of the sentences (locators, byte ranges and texts), written by
    /// tandem so that a hand edit of a sentence is detected
    /// ([`sentences_checksum`]). Files written before it existed have none and are not
    /// checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences_sha256: Option<String>,
}

impl TextRecord {
    /// The texts of the sentences, in order.
    pub fn sentence_texts(&self) -> Vec<&str> {
        self.sentences.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A line of page furniture (running head, page number, page break) taken out of a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FurnitureRecord {
    /// `page-number`, `running-head` or `page-break`.
    pub kind: String,
    /// 1-based line number in the file.
    pub line: usize,
    /// Byte offset of the line's start in the decoded file (not in the loaded text,
    /// which no longer holds it).
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// The line, trimmed.
    pub text: String,
}

/// One sentence of a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SentenceRecord {
    /// Stable locator (`p3.s2` or `l17`).
    pub id: Locator,
    /// Byte offset of the start in the normalised text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The sentence text, exactly as in the normalised text.
    pub text: String,
}

/// One bead: sentence indices of both sides, type and confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BeadRecord {
    /// Indices into `source.sentences`.
    pub src: Vec<usize>,
    /// Indices into `target.sentences`.
    pub tgt: Vec<usize>,
    /// `1-1`, `2-1`, `0-1` …
    #[serde(rename = "type")]
    pub kind: String,
    /// Posterior probability, 0..=1 (1 for a fixed bead).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub confidence: f64,
    /// Whether a person confirmed this bead (`tandem fix`): it is one of `fixes`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fixed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The whole alignment file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AlignmentFile {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// `tandem <version>` that wrote it.
    pub tool: String,
    /// Document id (file name without language suffix).
    pub id: String,
    /// The original.
    pub source: TextRecord,
    /// The translation.
    pub target: TextRecord,
    /// What the aligner estimated and how it searched.
    pub parameters: AlignStats,
    /// The options that shaped the alignment (absent in version 1 files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<OptionsRecord>,
    /// The beads, in order.
    pub beads: Vec<BeadRecord>,
    /// Beads a person confirmed, in the order they were made (`tandem fix`).
    #[serde(default)]
    pub fixes: Vec<FixRecord>,
    /// What the last `tandem fix` commands changed, oldest first (for `--undo`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<UndoStep>,
}

/// Whether bytes are a tandem alignment file (so tandem may replace it): a JSON object
/// whose `schema` is a `tandem-alignment/…` tag and whose `tool` is `tandem …`. The
/// whole text must parse: a note that merely mentions the schema tag, or a file cut
/// short, is not tandem's to replace.
pub fn is_alignment_file(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Head {
        schema: String,
        tool: String,
    }
    let family = SCHEMA.split('/').next().unwrap_or(SCHEMA);
    serde_json::from_slice::<Head>(bytes).is_ok_and(|h| {
        h.schema
            .strip_prefix(family)
            .is_some_and(|v| v.starts_with('/'))
            && h.tool.starts_with("tandem ")
    })
}

impl AlignmentFile {
    /// Build the record of an alignment of two documents, to be written at `out`.
    pub fn new(
        id: &str,
        src: &Document,
        tgt: &Document,
        alignment: &Alignment,
        out: &Path,
    ) -> Self {
        AlignmentFile {
            schema: SCHEMA.to_string(),
            tool: format!("tandem {}", env!("CARGO_PKG_VERSION")),
            id: id.to_string(),
            source: text_record(src, out),
            target: text_record(tgt, out),
            parameters: alignment.stats.clone(),
            beads: alignment
                .beads
                .iter()
                .map(|b| BeadRecord {
                    src: b.src.clone().collect(),
                    tgt: b.tgt.clone().collect(),
                    kind: b.kind(),
                    confidence: round_confidence(b.confidence),
                    fixed: false,
                })
                .collect(),
            options: None,
            fixes: Vec::new(),
            history: Vec::new(),
        }
    }

    /// Serialise (pretty JSON, one bead per line would be nicer but serde_json pretty is
    /// standard and diff-friendly enough).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Parse and validate an alignment file's text.
    pub fn from_json(text: &str, path: &Path) -> Result<Self, AlignmentFileError> {
        let invalid = |reason: String| AlignmentFileError::Invalid {
            path: path.to_path_buf(),
            reason,
        };
        let start = text.trim_start_matches('\u{feff}').trim_start();
        if start.is_empty() {
            return Err(invalid("the file is empty".into()));
        }
        if !start.starts_with('{') {
            return Err(AlignmentFileError::NotJson {
                path: path.to_path_buf(),
            });
        }
        let mut file: AlignmentFile =
            serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if file.schema == SCHEMA_V1 {
            if !file.fixes.is_empty() || !file.history.is_empty() || file.options.is_some() {
                return Err(invalid(format!(
                    "schema '{SCHEMA_V1}' with fields of '{SCHEMA}'"
                )));
            }
            file.schema = SCHEMA.to_string();
        }
        if file.schema != SCHEMA {
            return Err(invalid(format!(
                "schema '{}', expected '{SCHEMA}' (or '{SCHEMA_V1}')",
                file.schema.escape_debug()
            )));
        }
        file.validate().map_err(invalid)?;
        Ok(file)
    }

    /// Read and validate an alignment file (a regular file of at most
    /// [`FileKind::Alignment`]'s limit).
    pub fn read(path: &Path) -> Result<Self, AlignmentFileError> {
        let bytes = read_file(path, FileKind::Alignment)?;
        let text = String::from_utf8(bytes).map_err(|_| AlignmentFileError::NotJson {
            path: path.to_path_buf(),
        })?;
        AlignmentFile::from_json(&text, path)
    }

    /// The beads as index ranges.
    pub fn beads(&self) -> Vec<Bead> {
        self.beads
            .iter()
            .map(|b| {
                let range = |ids: &[usize], at: usize| match (ids.first(), ids.last()) {
                    (Some(&a), Some(&z)) => a..z + 1,
                    _ => at..at,
                };
                Bead {
                    src: range(&b.src, 0),
                    tgt: range(&b.tgt, 0),
                    confidence: b.confidence,
                }
            })
            .scan((0usize, 0usize), |(i, j), mut b| {
                if b.src.is_empty() {
                    b.src = *i..*i;
                }
                if b.tgt.is_empty() {
                    b.tgt = *j..*j;
                }
                *i = b.src.end;
                *j = b.tgt.end;
                Some(b)
            })
            .collect()
    }

    /// Where a text of this alignment lives, resolved against the alignment file's path.
    pub fn resolve(&self, alignment_path: &Path, text: &TextRecord) -> PathBuf {
        let p = Path::new(&text.path);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            alignment_path.parent().unwrap_or(Path::new("")).join(p)
        }
    }

    /// Check that both texts are unchanged since alignment. A text that does not exist
    /// is reported in the returned list (it cannot be checked), not as an error; a path
    /// that names something else than a readable regular text file of bounded size (a
    /// device, a FIFO, a huge file) is an error, and is never read. Paths in the result
    /// are for messages ([`tidy`]: `originals/x.hu.txt`, not
    /// `alignments/../originals/x.hu.txt`).
    pub fn check_fresh(&self, alignment_path: &Path) -> Result<Vec<PathBuf>, AlignmentFileError> {
        let mut missing = Vec::new();
        for text in [&self.source, &self.target] {
            let path = self.resolve(alignment_path, text);
            match hash_file(&path, FileKind::Text) {
                Ok(hash) => {
                    if hash != text.sha256 {
                        return Err(AlignmentFileError::Stale {
                            alignment: alignment_path.to_path_buf(),
                            text: tidy(&path),
                        });
                    }
                }
                Err(e) if e.is_not_found() => missing.push(tidy(&path)),
                Err(source) => {
                    return Err(AlignmentFileError::BadText {
                        alignment: alignment_path.to_path_buf(),
                        source,
                    })
                }
            }
        }
        Ok(missing)
    }
}

/// Confidences are kept to 4 decimals in the file.
pub fn round_confidence(c: f64) -> f64 {
    (c * 1e4).round() / 1e4
}

fn text_record(doc: &Document, out: &Path) -> TextRecord {
    let sentences: Vec<SentenceRecord> = doc
        .sentences
        .iter()
        .map(|s| SentenceRecord {
            id: s.locator,
            start: s.range.start,
            end: s.range.end,
            text: doc.loaded.text[s.range.clone()].to_string(),
        })
        .collect();
    TextRecord {
        path: relative_path(&doc.path, out),
        lang: doc.lang.clone(),
        sha256: doc.loaded.sha256.clone(),
        encoding: doc.loaded.encoding.name().to_string(),
        segmentation: if doc.presplit { "presplit" } else { "rules" }.to_string(),
        format: doc.loaded.format.name().to_string(),
        layout: doc.loaded.layout.layout.name().to_string(),
        furniture: doc
            .loaded
            .furniture
            .iter()
            .map(|f| FurnitureRecord {
                kind: f.kind.name().to_string(),
                line: f.line,
                start: f.range.start,
                end: f.range.end,
                text: f.text.clone(),
            })
            .collect(),
        sentences_sha256: Some(sentences_checksum(&sentences)),
        sentences,
    }
}

#[cfg(test)]
mod tests;
