//! The alignment file: tandem's canonical record of an alignment (JSON).
//!
//! It holds both texts' sentences (locator, byte range, text) and content hashes, the
//! beads with their confidence, and the parameters used, so that every later command
//! (show, check, export, cite, diff) works from this file alone and can tell when a
//! text changed since it was aligned. The format is documented in
//! `docs/alignment-format.md`; [`SCHEMA`] names its version. Version 2 added the fixes a
//! person confirmed ([`crate::fix`]) and the [`options`] that shaped the alignment;
//! files of version 1 are read as version 2 files without either.

pub mod options;

use std::path::{Component, Path, PathBuf};

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

/// The alignment files of a folder: `*.json` (any case), sorted, except tandem's own
/// files (`.tandem-*`: temporary files, the cite index). Other names starting with a dot
/// are listed: a document id may start with one. Used by every command that takes a
/// folder of alignments (`cite`, `export --all`).
pub fn alignment_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with(".tandem-"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// `sha256:<hex>` of a text's sentences: each sentence's locator, byte range and text,
/// length-prefixed so that no two different lists hash alike.
pub fn sentences_checksum(sentences: &[SentenceRecord]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for s in sentences {
        hasher.update(format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}",
            s.id,
            s.start,
            s.end,
            s.text.len()
        ));
        hasher.update(s.text.as_bytes());
        hasher.update([0x1e]);
    }
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in hasher.finalize() {
        out.push_str(&format!("{b:02x}"));
    }
    out
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
        let text = String::from_utf8(bytes).map_err(|_| AlignmentFileError::Invalid {
            path: path.to_path_buf(),
            reason: "not UTF-8".into(),
        })?;
        AlignmentFile::from_json(&text, path)
    }

    /// What was read is what tandem wrote: the document id is a valid id; beads are in
    /// order, within bounds, cover every sentence exactly once, and each bead's type
    /// agrees with its sentence counts; each sentence's text fits its byte range, the
    /// ranges are in order, and the sentences match their checksum; fixes agree with the
    /// beads.
    pub(crate) fn validate(&self) -> Result<(), String> {
        crate::corpus::check_doc_id(&self.id)
            .map_err(|e| format!("document id '{}': {e}", self.id.escape_debug()))?;
        let (n, m) = (self.source.sentences.len(), self.target.sentences.len());
        let (mut i, mut j) = (0usize, 0usize);
        for (k, b) in self.beads.iter().enumerate() {
            if b.src.is_empty() && b.tgt.is_empty() {
                return Err(format!("bead {k} is empty"));
            }
            for (side, ids, next, len) in
                [("source", &b.src, &mut i, n), ("target", &b.tgt, &mut j, m)]
            {
                for &x in ids {
                    if x >= len {
                        return Err(format!(
                            "bead {k} points past the {side} text (sentence {x} of {len})"
                        ));
                    }
                    if x != *next {
                        return Err(format!(
                            "bead {k} is out of order or skips {side} sentence {next}"
                        ));
                    }
                    *next += 1;
                }
            }
            let counts = format!("{}-{}", b.src.len(), b.tgt.len());
            if b.kind != counts {
                return Err(format!(
                    "bead {k} has type '{}' but {} source and {} target sentence(s)",
                    b.kind.escape_debug(),
                    b.src.len(),
                    b.tgt.len()
                ));
            }
            if !(0.0..=1.0).contains(&b.confidence) {
                return Err(format!(
                    "bead {k} has confidence {} outside 0..1",
                    b.confidence
                ));
            }
        }
        if i != n || j != m {
            return Err(format!(
                "beads cover {i} of {n} source and {j} of {m} target sentences"
            ));
        }
        for (side, rec) in [("source", &self.source), ("target", &self.target)] {
            let mut previous_end = 0;
            for s in &rec.sentences {
                if s.start > s.end {
                    return Err(format!("{side} sentence {} has start after end", s.id));
                }
                if s.end - s.start != s.text.len() {
                    return Err(format!(
                        "{side} sentence {} has {} bytes of text for a range of {}: its text was edited",
                        s.id,
                        s.text.len(),
                        s.end - s.start
                    ));
                }
                if s.start < previous_end {
                    return Err(format!(
                        "{side} sentence {} starts before the previous one ends",
                        s.id
                    ));
                }
                previous_end = s.end;
            }
            if let Some(recorded) = &rec.sentences_sha256 {
                if *recorded != sentences_checksum(&rec.sentences) {
                    return Err(format!(
                        "the {side} sentences do not match their checksum: a sentence was edited by hand"
                    ));
                }
            }
        }
        crate::fix::validate(self)
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
    /// device, a FIFO, a huge file) is an error, and is never read.
    pub fn check_fresh(&self, alignment_path: &Path) -> Result<Vec<PathBuf>, AlignmentFileError> {
        let mut missing = Vec::new();
        for text in [&self.source, &self.target] {
            let path = self.resolve(alignment_path, text);
            match hash_file(&path, FileKind::Text) {
                Ok(hash) => {
                    if hash != text.sha256 {
                        return Err(AlignmentFileError::Stale {
                            alignment: alignment_path.to_path_buf(),
                            text: path,
                        });
                    }
                }
                Err(e) if e.is_not_found() => missing.push(path),
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

/// `text` relative to the folder of `out`, or absolute when no relative path exists.
pub(crate) fn relative_path(text: &Path, out: &Path) -> String {
    let abs = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        Some(normalise(&p))
    };
    let (Some(text_abs), Some(out_abs)) = (abs(text), abs(out)) else {
        return text.display().to_string();
    };
    let base = out_abs.parent().unwrap_or(Path::new("/"));
    let t: Vec<Component> = text_abs.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return text_abs.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c.as_os_str());
    }
    rel.to_string_lossy().replace('\\', "/")
}

/// Remove `.` and resolve `..` lexically.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_from_the_alignment_folder() {
        assert_eq!(
            relative_path(
                Path::new("/c/originals/x.hu.txt"),
                Path::new("/c/alignments/x.json")
            ),
            "../originals/x.hu.txt"
        );
        assert_eq!(
            relative_path(Path::new("/c/a.txt"), Path::new("/c/a.json")),
            "a.txt"
        );
    }

    fn sample() -> AlignmentFile {
        let rec = |n: usize| TextRecord {
            path: "x.txt".into(),
            lang: Lang::Hu,
            sha256: "sha256:00".into(),
            encoding: "utf-8".into(),
            segmentation: "presplit".into(),
            format: "text".into(),
            layout: "presplit".into(),
            furniture: Vec::new(),
            sentences: (0..n)
                .map(|i| SentenceRecord {
                    id: Locator::Line(i as u32),
                    start: 0,
                    end: 0,
                    text: String::new(),
                })
                .collect(),
            sentences_sha256: None,
        };
        AlignmentFile {
            schema: SCHEMA.into(),
            tool: "tandem test".into(),
            id: "x".into(),
            source: rec(3),
            target: rec(2),
            parameters: crate::testing::stats(),
            options: None,
            fixes: vec![],
            history: vec![],
            beads: vec![
                BeadRecord {
                    src: vec![0, 1],
                    tgt: vec![0],
                    kind: "2-1".into(),
                    confidence: 0.9,
                    fixed: false,
                },
                BeadRecord {
                    src: vec![2],
                    tgt: vec![],
                    kind: "1-0".into(),
                    confidence: 0.5,
                    fixed: false,
                },
                BeadRecord {
                    src: vec![],
                    tgt: vec![1],
                    kind: "0-1".into(),
                    confidence: 0.5,
                    fixed: false,
                },
            ],
        }
    }

    #[test]
    fn round_trips_through_json() {
        let f = sample();
        let back = AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).expect("valid");
        assert_eq!(back, f);
        let beads = back.beads();
        assert_eq!(beads[1].tgt, 1..1);
        assert_eq!(beads[2].src, 3..3);
    }

    #[test]
    fn indices_past_the_text_are_rejected() {
        let mut f = sample();
        f.beads[2].tgt = vec![5];
        let err = AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).expect_err("invalid");
        assert!(
            err.to_string().contains("points past the target text"),
            "{err}"
        );
    }

    #[test]
    fn gaps_and_disorder_are_rejected() {
        let mut f = sample();
        f.beads.swap(1, 2);
        assert!(
            AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).is_ok(),
            "0-1 before 1-0 is fine"
        );
        let mut f = sample();
        f.beads[0].src = vec![1, 0];
        assert!(AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).is_err());
        let mut f = sample();
        f.beads.pop();
        assert!(AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).is_err());
    }

    /// Found by `fuzz_alignment_reader_on_edited_json`: a locator edited to contain a
    /// line break was echoed verbatim, so the `error:` message spanned two lines.
    #[test]
    fn r_edited_locator_with_a_line_break_is_a_one_line_error() {
        let text = sample().to_json().replacen("\"l0\"", "\"-\\n\"", 1);
        let err = AlignmentFile::from_json(&text, Path::new("a.json")).expect_err("bad");
        let msg = err.to_string();
        assert!(msg.contains("'-\\n' is not a locator"), "{msg}");
        assert!(!msg.contains('\n'), "{msg}");
        let text = sample().to_json().replacen(SCHEMA, "x\\ny", 1);
        let msg = AlignmentFile::from_json(&text, Path::new("a.json"))
            .expect_err("bad")
            .to_string();
        assert!(!msg.contains('\n'), "{msg}");
    }

    #[test]
    fn truncated_json_is_a_clear_error() {
        let text = sample().to_json();
        let err = AlignmentFile::from_json(&text[..text.len() / 2], Path::new("a.json"))
            .expect_err("truncated");
        assert!(
            err.to_string()
                .starts_with("'a.json' is not a valid tandem alignment file"),
            "{err}"
        );
    }

    mod fuzz {
        use super::*;
        use crate::testing::{alignment_file, cases, tricky_string};
        use proptest::prelude::*;
        use serde_json::Value;

        /// Values that break hand-edited files: wrong types, negative, huge, fractional.
        fn odd_value() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Null),
                Just(Value::Bool(true)),
                Just(serde_json::json!(-1)),
                Just(serde_json::json!(0)),
                Just(serde_json::json!(1)),
                Just(serde_json::json!(7)),
                Just(serde_json::json!(u64::MAX)),
                Just(serde_json::json!(1.5)),
                Just(serde_json::json!(1e308)),
                Just(serde_json::json!(-0.0)),
                Just(serde_json::json!([])),
                Just(serde_json::json!([0, 0])),
                Just(serde_json::json!([2, 1])),
                Just(serde_json::json!({})),
                Just(serde_json::json!("p0.s1")),
                Just(serde_json::json!("l4294967296")),
                Just(serde_json::json!(SCHEMA)),
                tricky_string(4).prop_map(Value::String),
            ]
        }

        /// Replace the `k`-th node (pre-order) of `v`, or delete it from its parent.
        fn mutate(v: &mut Value, k: &mut usize, with: &Value, delete: bool) -> bool {
            let children: Vec<String> = match v {
                Value::Object(map) => map.keys().cloned().collect(),
                Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
                _ => Vec::new(),
            };
            for key in children {
                if *k == 0 {
                    match v {
                        Value::Object(map) if delete => {
                            map.remove(&key);
                        }
                        Value::Array(a) if delete => {
                            a.remove(key.parse().unwrap_or(0));
                        }
                        Value::Object(map) => {
                            map.insert(key, with.clone());
                        }
                        Value::Array(a) => a[key.parse().unwrap_or(0)] = with.clone(),
                        _ => {}
                    }
                    return true;
                }
                *k -= 1;
                let child = match v {
                    Value::Object(map) => map.get_mut(&key),
                    Value::Array(a) => a.get_mut(key.parse().unwrap_or(0)),
                    _ => None,
                };
                if child.is_some_and(|c| mutate(c, k, with, delete)) {
                    return true;
                }
            }
            false
        }

        /// What a file that passed validation must allow: every reader of alignment
        /// files (exports, review, the bead views of show) runs without panicking.
        fn use_file(file: &AlignmentFile) {
            let beads = file.beads();
            assert_eq!(beads.len(), file.beads.len());
            let index = crate::export::index_beads(file);
            let conf: Vec<f64> = file.beads.iter().map(|b| b.confidence).collect();
            let _ = crate::export::vecalign::write(&index);
            let _ = crate::export::ladder::write(&index, &conf);
            let _ = crate::export::tsv::write(file);
            let _ = crate::export::csv::write(file, crate::export::csv::Guard::Spreadsheet);
            let _ = crate::export::tmx::write(&[file], &Default::default());
            let _ = crate::export::xliff::write(
                &[file],
                crate::export::xliff::Version::V20,
                &Default::default(),
            );
            let report = crate::review::check(file, &crate::review::CheckConfig::default());
            let _ = crate::export::html::write(file, &report);
            let _ = crate::review::bead_views(file);
        }

        proptest! {
            #![proptest_config(cases(256))]

            /// A valid file, then one hand edit (a value replaced or deleted) or a cut:
            /// either a clear error naming the file, or a file that passes validation and
            /// that every consumer can use.
            #[test]
            fn fuzz_alignment_reader_on_edited_json(
                file in alignment_file(),
                edits in proptest::collection::vec((any::<usize>(), odd_value(), any::<bool>()), 1..4),
                cut in proptest::option::of(any::<usize>()),
            ) {
                use_file(&file);
                let mut value = serde_json::to_value(&file).expect("serialises");
                for (k, with, delete) in &edits {
                    let mut k = *k % 400;
                    mutate(&mut value, &mut k, with, *delete);
                }
                let mut text = serde_json::to_string_pretty(&value).expect("serialises");
                if let Some(cut) = cut {
                    let mut at = cut % (text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    text.truncate(at);
                }
                match AlignmentFile::from_json(&text, Path::new("e.json")) {
                    Ok(f) => {
                        prop_assert!(f.validate().is_ok());
                        use_file(&f);
                    }
                    Err(e) => {
                        let msg = e.to_string();
                        prop_assert!(msg.starts_with("'e.json' is not a valid tandem alignment file"), "{msg}");
                        prop_assert!(!msg.contains('\n'), "multi-line error: {msg}");
                    }
                }
            }

            /// Arbitrary text: never a panic.
            #[test]
            fn fuzz_alignment_reader_on_any_text(text in tricky_string(40)) {
                prop_assert!(AlignmentFile::from_json(&text, Path::new("e.json")).is_err());
            }
        }
    }
}
