//! The corpus index for citing: the normalised text of both sides of every alignment in
//! a folder, cached in one file so that a lookup need not parse every alignment.
//!
//! The index file is `<alignments>/.tandem-cite-index` (deliberately not named `*.json`,
//! so that tools globbing alignment files do not pick it up). Its first line is a JSON
//! header (`schema`, and the `sha256` of the rest); the rest is a JSON array with, for
//! each alignment file, the file name, its sha256, the document id, and per side the
//! normal form ([`super::normalize`]) of all sentences joined by one space, with the
//! offset where each sentence starts.
//!
//! Freshness is decided by content, never by name, size or modification time (which a
//! same-length edit on a file system with 1-second timestamps leaves unchanged): on
//! every open each `*.json` of the folder is read and hashed, and an entry is reused
//! only when its sha256 is the file's. Entries of removed files are dropped.
//!
//! The index itself is never trusted blindly: a file that is not regular, too large,
//! cut short, not of this schema, or whose body does not match the header's checksum is
//! ignored and rebuilt from the alignments (an entry whose offsets do not fit its text is
//! rebuilt too). If anything changed the index is rewritten atomically
//! ([`crate::write::write_atomic`]), and only ever over a file whose first line is an
//! index header; a user's file of that name is left alone (the lookup still works).
//!
//! Cost: open = one directory listing, one read and hash of every alignment file (hashing
//! runs at well over 1 GB/s where the CPU has SHA instructions), one hash and parse of
//! the index; rebuilding an entry = one parse of its alignment, O(text size).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::normalize::normalize_into;
use super::CiteError;
use crate::alignment::{AlignmentFile, TextRecord};
use crate::error::WriteError;
use crate::load::sha256_hex;
use crate::read::{read_file, FileKind};
use crate::write::{write_atomic, Overwrite};

/// File name of the index inside the alignments folder.
pub const INDEX_FILE: &str = ".tandem-cite-index";

/// Schema tag of the index file.
pub const INDEX_SCHEMA: &str = "tandem-cite-index/2";

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

    /// Whether the offsets fit the text: in order, within it, on character boundaries.
    fn is_consistent(&self) -> bool {
        self.starts.windows(2).all(|w| w[0] <= w[1])
            && self
                .starts
                .iter()
                .all(|&s| s <= self.text.len() && self.text.is_char_boundary(s))
    }
}

/// One alignment file in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedDoc {
    /// File name inside the alignments folder.
    pub file: String,
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

/// The first line of the index file.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    schema: String,
    /// `sha256:<hex>` of everything after the first line.
    sha256: String,
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
    /// Why the index file could not be used and was rebuilt (damaged, not regular …),
    /// if it existed and could not.
    pub rebuilt: Option<String>,
    /// The index changed but could not be saved (the lookup still works, only slower
    /// next time).
    pub save_error: Option<WriteError>,
}

/// Whether bytes are an index file (of any version) that tandem may replace: the first
/// line is a JSON header with an index schema tag, or the file is empty. A damaged body
/// still counts, so that it can be rebuilt; a user's notes do not.
fn is_index_file(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return true;
    }
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    #[derive(Deserialize)]
    struct Tag {
        schema: String,
    }
    let family = INDEX_SCHEMA.split('/').next().unwrap_or(INDEX_SCHEMA);
    serde_json::from_slice::<Tag>(first).is_ok_and(|t| {
        t.schema
            .strip_prefix(family)
            .is_some_and(|v| v.starts_with('/'))
    })
}

/// The index file's bytes.
fn encode(index: &CiteIndex) -> Vec<u8> {
    let body = serde_json::to_vec(&index.docs).unwrap_or_default();
    let header = Header {
        schema: INDEX_SCHEMA.to_string(),
        sha256: sha256_hex(&body),
    };
    let mut bytes = serde_json::to_vec(&header).unwrap_or_default();
    bytes.push(b'\n');
    bytes.extend(body);
    bytes
}

/// The entries of an index file, or why it cannot be trusted.
fn decode(bytes: &[u8]) -> Result<Vec<IndexedDoc>, String> {
    let cut = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("it has no header line")?;
    let header: Header =
        serde_json::from_slice(&bytes[..cut]).map_err(|_| "its header does not parse")?;
    if header.schema != INDEX_SCHEMA {
        return Err(format!(
            "it is of another version ({})",
            header.schema.escape_debug()
        ));
    }
    let body = &bytes[cut + 1..];
    if sha256_hex(body) != header.sha256 {
        return Err("it is damaged (its checksum does not match)".into());
    }
    serde_json::from_slice(body).map_err(|e| format!("it does not parse ({e})"))
}

/// The alignment files of a folder ([`crate::alignment::alignment_files`]).
pub fn alignment_files(dir: &Path) -> Result<Vec<PathBuf>, CiteError> {
    crate::alignment::alignment_files(dir).map_err(|source| CiteError::NoAlignments {
        dir: dir.to_path_buf(),
        reason: source.to_string(),
    })
}

impl CiteIndex {
    /// Build an index entry from an alignment file already read.
    pub fn entry(file: &str, sha256: String, a: &AlignmentFile) -> IndexedDoc {
        IndexedDoc {
            file: file.to_string(),
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
        let (old, rebuilt) = match read_file(&index_path, FileKind::CiteIndex) {
            Ok(bytes) => match decode(&bytes) {
                Ok(docs) => (docs, None),
                Err(why) => (Vec::new(), Some(why)),
            },
            Err(e) if e.is_not_found() => (Vec::new(), None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        let had_file = !old.is_empty();
        let mut old: std::collections::HashMap<String, IndexedDoc> =
            old.into_iter().map(|d| (d.file.clone(), d)).collect();
        let mut docs = Vec::with_capacity(files.len());
        let (mut indexed, mut reused, mut changed) = (0, 0, rebuilt.is_some());
        let mut skipped = Vec::new();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let previous = old.remove(&name);
            let bytes = match read_file(&path, FileKind::Alignment) {
                Ok(b) => b,
                Err(e) => {
                    changed |= previous.is_some();
                    skipped.push((path, e.to_string()));
                    continue;
                }
            };
            let sha = sha256_hex(&bytes);
            if let Some(d) = previous
                .filter(|d| d.sha256 == sha && d.source.is_consistent() && d.target.is_consistent())
            {
                docs.push(d);
                reused += 1;
                continue;
            }
            changed = true;
            let parsed = std::str::from_utf8(&bytes)
                .map_err(|_| "not UTF-8".to_string())
                .and_then(|t| AlignmentFile::from_json(t, &path).map_err(|e| e.to_string()));
            match parsed {
                Ok(a) => {
                    docs.push(CiteIndex::entry(&name, sha, &a));
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
            if let Err(e) = write_atomic(
                &index_path,
                &encode(&index),
                Overwrite::IfOurs(is_index_file),
                &[],
            ) {
                save_error = Some(e);
            }
        }
        Ok(Refresh {
            index,
            indexed,
            reused,
            skipped,
            rebuilt,
            save_error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

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
            sentences_sha256: None,
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
        assert!(first.rebuilt.is_none());
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

    /// Found by the hostile suite (issue 16): with 1-second timestamps, an edit of the
    /// same length within the same second left the index stale forever.
    #[test]
    fn r_a_same_length_edit_with_the_same_mtime_is_reindexed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        let text = crate::testing::bundled_alignment_json("udhr");
        std::fs::write(&path, &text).expect("write");
        let mtime = std::fs::metadata(&path)
            .expect("meta")
            .modified()
            .expect("mtime");
        CiteIndex::open(dir.path()).expect("open");
        let edited = text.replacen("\"id\": \"udhr\"", "\"id\": \"UDHR\"", 1);
        assert_eq!(edited.len(), text.len());
        std::fs::write(&path, &edited).expect("write");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open")
            .set_modified(mtime)
            .expect("set mtime");
        let again = CiteIndex::open(dir.path()).expect("open");
        assert_eq!(again.indexed, 1);
        assert_eq!(again.index.docs[0].id, "UDHR");
    }

    #[test]
    fn a_damaged_or_cut_index_is_rebuilt_and_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = crate::testing::bundled_alignment_json("udhr");
        std::fs::write(dir.path().join("a.json"), text).expect("write");
        let first = CiteIndex::open(dir.path()).expect("open");
        let index_path = dir.path().join(INDEX_FILE);
        let good = std::fs::read(&index_path).expect("read");
        // A flipped letter in a normal form would make cite find words that are not
        // there: the checksum catches it.
        let at = good.len() - 100;
        let mut damaged = good.clone();
        damaged[at] = if damaged[at] == b'a' { b'b' } else { b'a' };
        for (what, bytes) in [
            ("damaged", damaged),
            ("cut", good[..good.len() / 2].to_vec()),
        ] {
            std::fs::write(&index_path, &bytes).expect("write");
            let r = CiteIndex::open(dir.path()).expect("open");
            assert!(r.rebuilt.is_some(), "{what}");
            assert_eq!(r.index, first.index, "{what}");
            assert!(r.save_error.is_none(), "{what}: {:?}", r.save_error);
            assert_eq!(std::fs::read(&index_path).expect("read"), good, "{what}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_index_is_neither_read_nor_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = crate::testing::bundled_alignment_json("udhr");
        std::fs::write(dir.path().join("a.json"), text).expect("write");
        let fifo = dir.path().join(INDEX_FILE);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            return; // no mkfifo here: nothing to test
        }
        let r = CiteIndex::open(dir.path()).expect("open");
        assert_eq!(r.index.docs.len(), 1);
        assert!(r.rebuilt.is_some_and(|why| why.contains("named pipe")));
        assert!(r.save_error.is_some());
        assert!(std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo());
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
