//! The options that shaped an alignment, recorded in its file: how the texts were read
//! and split, which dictionaries the aligner used (by content hash) and how it searched.
//!
//! Two uses: `tandem align --all` re-aligns a document when they changed (not only when
//! a text did), and `tandem fix` rebuilds the aligner's model with the same
//! dictionaries. Files are recorded by path (relative to the alignment file, like the
//! texts) and SHA-256; only the content counts when comparing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ReadError;
use crate::read::{hash_file, FileKind};

/// A file an alignment depended on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FileRecord {
    /// Path, relative to the alignment file's folder when possible.
    pub path: String,
    /// `sha256:<hex>` of its bytes.
    pub sha256: String,
}

/// What shaped an alignment, apart from the texts themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OptionsRecord {
    /// One sentence per line (`--presplit`).
    pub presplit: bool,
    /// Encoding forced with `--encoding` (none: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Line-end hyphens: `auto`, `join` or `keep`.
    pub hyphens: String,
    /// Control characters replaced by spaces (`--clean-control`).
    pub clean_control: bool,
    /// Paragraph layout of plain texts: `auto` (detected), `wrapped`, `blank-lines` or
    /// `lines` (`--layout`).
    #[serde(default)]
    pub layout: String,
    /// Page furniture kept in the text (`--keep-furniture`).
    #[serde(default)]
    pub keep_furniture: bool,
    /// Input format: `auto` (detected), `text`, `docx`, `odt` or `html`
    /// (`--input-format`).
    #[serde(default)]
    pub input_format: String,
    /// Extra abbreviation files of the splitter (`--abbrev`).
    #[serde(default)]
    pub abbreviations: Vec<FileRecord>,
    /// The built-in Hungarian–English dictionary was used.
    pub builtin_dictionary: bool,
    /// User dictionaries (`--dict`).
    #[serde(default)]
    pub dictionaries: Vec<FileRecord>,
    /// The second pass ran (learned dictionary and parameters).
    pub realign: bool,
    /// Largest grid searched in full (`--max-full-cells`).
    pub max_full_cells: usize,
    /// Content hash of the fixes of the corpus sidecar (`originals/<id>.toml`) that were
    /// applied, if it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidecar_fixes: Option<String>,
}

impl FileRecord {
    /// The record of a file an alignment to be written at `out` depends on.
    pub fn of(path: &Path, out: &Path, kind: FileKind) -> Result<FileRecord, ReadError> {
        Ok(FileRecord {
            path: super::relative_path(path, out),
            sha256: hash_file(path, kind)?,
        })
    }
}

impl OptionsRecord {
    /// Whether aligning with `other` would give the same result: the same settings and
    /// files of the same content, wherever they are.
    pub fn same_effect(&self, other: &OptionsRecord) -> bool {
        let hashes = |files: &[FileRecord]| -> Vec<String> {
            files.iter().map(|f| f.sha256.clone()).collect()
        };
        OptionsRecord {
            abbreviations: Vec::new(),
            dictionaries: Vec::new(),
            ..self.clone()
        } == OptionsRecord {
            abbreviations: Vec::new(),
            dictionaries: Vec::new(),
            ..other.clone()
        } && hashes(&self.abbreviations) == hashes(&other.abbreviations)
            && hashes(&self.dictionaries) == hashes(&other.dictionaries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> OptionsRecord {
        OptionsRecord {
            presplit: false,
            encoding: None,
            hyphens: "auto".into(),
            clean_control: false,
            layout: "auto".into(),
            keep_furniture: false,
            input_format: "auto".into(),
            abbreviations: vec![],
            builtin_dictionary: true,
            dictionaries: vec![FileRecord {
                path: "a.dic".into(),
                sha256: "sha256:1".into(),
            }],
            realign: true,
            max_full_cells: 300_000,
            sidecar_fixes: None,
        }
    }

    #[test]
    fn files_count_by_content_not_path() {
        let a = record();
        let mut b = record();
        b.dictionaries[0].path = "elsewhere/a.dic".into();
        assert!(a.same_effect(&b));
        b.dictionaries[0].sha256 = "sha256:2".into();
        assert!(!a.same_effect(&b));
        let mut c = record();
        c.realign = false;
        assert!(!a.same_effect(&c));
    }
}
