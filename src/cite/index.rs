//! The corpus index for citing: the normalised text of both sides of every alignment in
//! a folder, cached in one file so that a lookup need not parse every alignment.
//!
//! The index file is `<alignments>/.tandem-cite-index` (JSON; deliberately not named
//! `*.json`, so that tools globbing alignment files do not pick it up). For each
//! alignment file it records the file name, size, modification time and sha256, the
//! document id, and per side the normal form ([`super::normalize`]) of all sentences
//! joined by one space, with the offset where each sentence starts.
//!
//! Freshness: on every open the folder is listed and each `*.json` is `stat`ed. A file
//! whose name, size and mtime (nanoseconds) match its entry is reused without reading it;
//! otherwise it is read and hashed, and re-indexed only if its sha256 changed. Entries of
//! removed files are dropped. If anything changed the index is rewritten atomically
//! ([`crate::write::write_atomic`]), and only ever over a file carrying the index's own
//! schema tag. Cost: warm open = one directory listing + one `stat` per alignment + one
//! JSON parse of the index (a few MB for hundreds of documents); rebuild = parse of each
//! changed alignment, O(text size).

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::normalize::normalize_into;
use super::CiteError;
use crate::alignment::{AlignmentFile, TextRecord};
use crate::error::WriteError;
use crate::load::sha256_hex;
use crate::write::{write_atomic, Overwrite};

/// File name of the index inside the alignments folder.
pub const INDEX_FILE: &str = ".tandem-cite-index";

/// Schema tag of the index file.
pub const INDEX_SCHEMA: &str = "tandem-cite-index/1";

/// One side of a document, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormText {
    /// Normal forms of the sentences, joined by one space.
    pub text: String,
    /// Byte offset in `text` where each sentence starts.
    pub starts: Vec<usize>,
}

impl NormText {
    /// Normalise the sentences of a text record.
    pub fn from_record(rec: &TextRecord) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(rec.sentences.len());
        for s in &rec.sentences {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push(text.len());
            normalize_into(&mut text, &s.text);
        }
        NormText { text, starts }
    }

    /// Index of the sentence containing byte `at` of `text` (the separator space after a
    /// sentence counts as part of it).
    pub fn sentence_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// Byte range of sentence `i` in `text`.
    pub fn sentence_range(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&next| next.saturating_sub(1).max(start));
        start..end
    }
}

/// One alignment file in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedDoc {
    /// File name inside the alignments folder.
    pub file: String,
    /// Size in bytes when indexed.
    pub len: u64,
    /// Modification time (ns since the epoch) when indexed.
    pub mtime_ns: u64,
    /// `sha256:<hex>` of the file.
    pub sha256: String,
    /// The document id recorded in the alignment.
    pub id: String,
    /// The original (Hungarian), normalised.
    pub source: NormText,
    /// The translation (English), normalised.
    pub target: NormText,
}

/// The index of one alignments folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CiteIndex {
    /// Always [`INDEX_SCHEMA`].
    pub schema: String,
    /// Documents, sorted by file name.
    pub docs: Vec<IndexedDoc>,
}

/// What opening an index did.
#[derive(Debug)]
pub struct Refresh {
    /// The up-to-date index.
    pub index: CiteIndex,
    /// Alignment files (re-)indexed in this run.
    pub indexed: usize,
    /// Entries reused from the index file.
    pub reused: usize,
    /// Alignment files that could not be read or are invalid (skipped), with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// The index changed but could not be saved (the lookup still works, only slower
    /// next time).
    pub save_error: Option<WriteError>,
}

fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

fn is_index_file(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    String::from_utf8_lossy(head).contains(INDEX_SCHEMA)
}

/// The alignment files of a folder (`*.json`, not hidden), sorted.
pub fn alignment_files(dir: &Path) -> Result<Vec<PathBuf>, CiteError> {
    let entries = std::fs::read_dir(dir).map_err(|source| CiteError::NoAlignments {
        dir: dir.to_path_buf(),
        reason: source.to_string(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

impl CiteIndex {
    /// Build an index entry from an alignment file already read.
    pub fn entry(
        file: &str,
        len: u64,
        mtime_ns: u64,
        sha256: String,
        a: &AlignmentFile,
    ) -> IndexedDoc {
        IndexedDoc {
            file: file.to_string(),
            len,
            mtime_ns,
            sha256,
            id: a.id.clone(),
            source: NormText::from_record(&a.source),
            target: NormText::from_record(&a.target),
        }
    }

    /// Load the index of `dir`, bring it up to date with the alignment files there, and
    /// save it if it changed.
    pub fn open(dir: &Path) -> Result<Refresh, CiteError> {
        let files = alignment_files(dir)?;
        let index_path = dir.join(INDEX_FILE);
        let old: Vec<IndexedDoc> = std::fs::read(&index_path)
            .ok()
            .and_then(|b| serde_json::from_slice::<CiteIndex>(&b).ok())
            .filter(|i| i.schema == INDEX_SCHEMA)
            .map(|i| i.docs)
            .unwrap_or_default();
        let had_file = !old.is_empty();
        let mut old: std::collections::HashMap<String, IndexedDoc> =
            old.into_iter().map(|d| (d.file.clone(), d)).collect();
        let mut docs = Vec::with_capacity(files.len());
        let (mut indexed, mut reused, mut changed) = (0, 0, false);
        let mut skipped = Vec::new();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Ok(meta) = std::fs::metadata(&path) else {
                skipped.push((path, "cannot read its metadata".to_string()));
                continue;
            };
            let (len, mtime) = (meta.len(), mtime_ns(&meta));
            let previous = old.remove(&name);
            if let Some(d) = previous
                .as_ref()
                .filter(|d| d.len == len && d.mtime_ns == mtime)
            {
                docs.push(d.clone());
                reused += 1;
                continue;
            }
            changed = true;
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    skipped.push((path, e.to_string()));
                    continue;
                }
            };
            let sha = sha256_hex(&bytes);
            if let Some(mut d) = previous.filter(|d| d.sha256 == sha) {
                d.len = len;
                d.mtime_ns = mtime;
                docs.push(d);
                reused += 1;
                continue;
            }
            let parsed = std::str::from_utf8(&bytes)
                .map_err(|_| "not UTF-8".to_string())
                .and_then(|t| AlignmentFile::from_json(t, &path).map_err(|e| e.to_string()));
            match parsed {
                Ok(a) => {
                    docs.push(CiteIndex::entry(&name, len, mtime, sha, &a));
                    indexed += 1;
                }
                Err(reason) => skipped.push((path, reason)),
            }
        }
        if !old.is_empty() {
            changed = true; // files were removed
        }
        let index = CiteIndex {
            schema: INDEX_SCHEMA.to_string(),
            docs,
        };
        let mut save_error = None;
        if changed || !had_file && !index.docs.is_empty() {
            let bytes = serde_json::to_vec(&index).unwrap_or_default();
            if let Err(e) = write_atomic(&index_path, &bytes, Overwrite::IfOurs(is_index_file), &[])
            {
                save_error = Some(e);
            }
        }
        Ok(Refresh {
            index,
            indexed,
            reused,
            skipped,
            save_error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(sentences: &[&str]) -> TextRecord {
        TextRecord {
            path: "x.txt".into(),
            lang: crate::lang::Lang::En,
            sha256: "sha256:00".into(),
            encoding: "utf-8".into(),
            segmentation: "presplit".into(),
            format: "text".into(),
            layout: String::new(),
            furniture: Vec::new(),
            sentences: sentences
                .iter()
                .enumerate()
                .map(|(i, t)| crate::alignment::SentenceRecord {
                    id: crate::document::Locator::Line(i as u32),
                    start: 0,
                    end: t.len(),
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn sentences_map_to_offsets_and_back() {
        let n = NormText::from_record(&record(&["One “two”.", "Three  four.", "Five."]));
        assert_eq!(n.text, "one two. three four. five.");
        assert_eq!(n.starts, [0, 9, 21]);
        assert_eq!(n.sentence_at(0), 0);
        assert_eq!(
            n.sentence_at(8),
            0,
            "separator belongs to the sentence before"
        );
        assert_eq!(n.sentence_at(9), 1);
        assert_eq!(n.sentence_at(25), 2);
        assert_eq!(&n.text[n.sentence_range(1)], "three four.");
        assert_eq!(&n.text[n.sentence_range(2)], "five.");
    }

    #[test]
    fn index_is_built_reused_and_rebuilt_on_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = crate::testing::bundled_alignment_json("udhr");
        std::fs::write(dir.path().join("a.json"), &text).expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not an alignment").expect("write");
        let first = CiteIndex::open(dir.path()).expect("open");
        assert_eq!((first.indexed, first.reused), (1, 0));
        assert!(first.save_error.is_none());
        assert!(dir.path().join(INDEX_FILE).is_file());
        let second = CiteIndex::open(dir.path()).expect("open");
        assert_eq!((second.indexed, second.reused), (0, 1));
        assert_eq!(second.index, first.index);
        // Change the document id: the entry must be rebuilt.
        std::fs::write(
            dir.path().join("a.json"),
            text.replacen("\"id\": \"udhr\"", "\"id\": \"other\"", 1),
        )
        .expect("write");
        let third = CiteIndex::open(dir.path()).expect("open");
        assert_eq!(third.indexed, 1);
        assert_eq!(third.index.docs[0].id, "other");
        // A broken alignment is skipped with a reason, not fatal.
        std::fs::write(dir.path().join("b.json"), "{").expect("write");
        let fourth = CiteIndex::open(dir.path()).expect("open");
        assert_eq!(fourth.index.docs.len(), 1);
        assert_eq!(fourth.skipped.len(), 1);
    }

    #[test]
    fn a_user_file_with_the_index_name_is_never_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = crate::testing::bundled_alignment_json("udhr");
        std::fs::write(dir.path().join("a.json"), text).expect("write");
        std::fs::write(dir.path().join(INDEX_FILE), "my notes").expect("write");
        let r = CiteIndex::open(dir.path()).expect("open");
        assert_eq!(r.index.docs.len(), 1);
        assert!(r.save_error.is_some());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(INDEX_FILE)).expect("read"),
            "my notes"
        );
    }

    #[test]
    fn missing_folder_is_an_error_naming_it() {
        let err = CiteIndex::open(Path::new("/no/such/alignments")).expect_err("missing");
        assert!(err.to_string().contains("/no/such/alignments"), "{err}");
    }
}
