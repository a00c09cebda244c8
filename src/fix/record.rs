//! How fixes are kept in the alignment file: [`FixRecord`] (one confirmed bead) and
//! [`UndoStep`] (what one `tandem fix` command changed, so that `--undo` restores it
//! exactly), and the checks a reader makes on them.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::alignment::{AlignmentFile, BeadRecord, TextRecord};

/// One bead confirmed by a person: these source sentences and these target sentences
/// belong together. Either side may be empty (an untranslated or added run).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FixRecord {
    /// Number of the fix in this file, from 1; never reused.
    pub id: u32,
    /// Source sentence indices (into `source.sentences`), consecutive; empty for an
    /// added run.
    pub src: Vec<usize>,
    /// Target sentence indices, consecutive; empty for an untranslated run.
    pub tgt: Vec<usize>,
    /// [`text_hash`] of each source sentence when the fix was made: how the fix is found
    /// again after the texts changed.
    pub src_hashes: Vec<String>,
    /// The same for the target sentences.
    pub tgt_hashes: Vec<String>,
    /// When it was made (RFC 3339, UTC).
    pub time: String,
    /// The person's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it came from when not from `tandem fix` (e.g. the corpus sidecar
    /// `originals/<id>.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Set when the fix could not be placed on the current texts (its sentences changed
    /// or vanished): why. An orphan constrains nothing and is kept until removed; its
    /// `src`/`tgt` are the indices in the texts it was made on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orphan: Option<String>,
}

impl FixRecord {
    /// A placed fix of sentences `src` and `tgt` of `file`, with their text hashes.
    pub(crate) fn new(
        file: &AlignmentFile,
        id: u32,
        src: Vec<usize>,
        tgt: Vec<usize>,
        time: &str,
        note: Option<String>,
        origin: Option<String>,
    ) -> Self {
        FixRecord {
            id,
            src_hashes: hashes(&file.source, &src),
            tgt_hashes: hashes(&file.target, &tgt),
            src,
            tgt,
            time: time.to_string(),
            note,
            origin,
            orphan: None,
        }
    }

    /// Whether the fix is placed (not an orphan).
    pub fn is_placed(&self) -> bool {
        self.orphan.is_none()
    }

    /// `1-2`, `0-1` …
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// What one command changed: enough to restore the file as it was before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UndoStep {
    /// `fix` or `remove`.
    pub action: String,
    /// When (RFC 3339, UTC).
    pub time: String,
    /// Index of the first bead that changed.
    pub at: usize,
    /// The beads from `at` before the command.
    pub beads: Vec<BeadRecord>,
    /// How many beads replaced them.
    pub count: usize,
    /// Ids of the fixes the command added.
    pub added: Vec<u32>,
    /// Fixes the command removed (replaced or removed), as they were.
    pub removed: Vec<FixRecord>,
}

/// Most undo steps kept in a file; older ones are dropped.
pub const MAX_UNDO: usize = 100;

/// Short content hash of a sentence's text: the first 16 hex digits of its SHA-256.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The hashes of sentences `ids` of a text.
pub(crate) fn hashes(rec: &TextRecord, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|&i| text_hash(&rec.sentences[i].text))
        .collect()
}

/// Whether `ids` are consecutive and increasing.
fn consecutive(ids: &[usize]) -> bool {
    ids.windows(2).all(|w| w[0].checked_add(1) == Some(w[1]))
}

/// Fixes agree with the beads: every placed fix is a bead marked `fixed` with its
/// sentences (whose text hashes match), every `fixed` bead is a placed fix, and ids are
/// unique. Called by the alignment file's reader after the beads were checked.
pub(crate) fn validate(file: &AlignmentFile) -> Result<(), String> {
    let mut ids = std::collections::HashSet::new();
    let mut fixed: std::collections::HashMap<(&[usize], &[usize]), u32> =
        std::collections::HashMap::new();
    for f in &file.fixes {
        if !ids.insert(f.id) {
            return Err(format!("fix #{} appears twice", f.id));
        }
        if f.src.is_empty() && f.tgt.is_empty() {
            return Err(format!("fix #{} is empty", f.id));
        }
        if f.src_hashes.len() != f.src.len() || f.tgt_hashes.len() != f.tgt.len() {
            return Err(format!(
                "fix #{} has {} + {} hashes for {} + {} sentences",
                f.id,
                f.src_hashes.len(),
                f.tgt_hashes.len(),
                f.src.len(),
                f.tgt.len()
            ));
        }
        if !f.is_placed() {
            continue;
        }
        for (side, list, rec, hashes) in [
            ("source", &f.src, &file.source, &f.src_hashes),
            ("target", &f.tgt, &file.target, &f.tgt_hashes),
        ] {
            if !consecutive(list) {
                return Err(format!(
                    "fix #{} has non-consecutive {side} sentences",
                    f.id
                ));
            }
            for (&i, h) in list.iter().zip(hashes) {
                let Some(s) = rec.sentences.get(i) else {
                    return Err(format!(
                        "fix #{} points past the {side} text (sentence {i})",
                        f.id
                    ));
                };
                if text_hash(&s.text) != *h {
                    return Err(format!(
                        "fix #{} does not match the text of {side} sentence {} (mark it as an orphan or remove it)",
                        f.id, s.id
                    ));
                }
            }
        }
        if let Some(other) = fixed.insert((f.src.as_slice(), f.tgt.as_slice()), f.id) {
            return Err(format!(
                "fixes #{other} and #{} hold the same sentences",
                f.id
            ));
        }
    }
    let mut matched = 0;
    for (k, b) in file.beads.iter().enumerate() {
        if !b.fixed {
            continue;
        }
        if fixed.contains_key(&(b.src.as_slice(), b.tgt.as_slice())) {
            matched += 1;
        } else {
            return Err(format!("bead {k} is marked fixed but no fix holds it"));
        }
    }
    if matched != fixed.len() {
        let missing = file
            .fixes
            .iter()
            .find(|f| {
                f.is_placed()
                    && !file
                        .beads
                        .iter()
                        .any(|b| b.fixed && b.src == f.src && b.tgt == f.tgt)
            })
            .map_or(0, |f| f.id);
        return Err(format!(
            "fix #{missing} is not a bead of the alignment (re-align to place it again)"
        ));
    }
    // Each step refers to the beads as its command left them: only the last one can
    // be checked against the current beads.
    if let Some(step) = file.history.last() {
        if step.at.saturating_add(step.count) > file.beads.len() {
            return Err("the last undo step points past the beads".to_string());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hashes_are_short_and_stable() {
        assert_eq!(text_hash("Yes."), text_hash("Yes."));
        assert_ne!(text_hash("Yes."), text_hash("Yes!"));
        assert_eq!(text_hash("").len(), 16);
        // SHA-256("") starts e3b0c442 98fc1c14.
        assert_eq!(text_hash(""), "e3b0c44298fc1c14");
    }

    #[test]
    fn consecutive_lists() {
        assert!(consecutive(&[]));
        assert!(consecutive(&[4, 5, 6]));
        assert!(!consecutive(&[4, 6]));
        assert!(!consecutive(&[5, 4]));
        assert!(!consecutive(&[usize::MAX, 0]));
    }
}
