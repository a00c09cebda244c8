//! Fixes: beads a person confirmed, kept in the alignment file as hard constraints.
//!
//! A fix says "these source sentences and these target sentences form one bead" (either
//! side may be empty: an untranslated or an added run; any size, so beads the aligner
//! cannot draw, like a 1-5, can be confirmed). Applying one re-aligns the beads around
//! it with the aligner's own model, so that one correction repairs its neighbours, while
//! beads far away do not move ([`Fixer`], `apply.rs`). Fixes are stored in the file
//! ([`FixRecord`]: sentence indices, text hashes, time, note), the beads they made carry
//! `"fixed": true` and confidence 1, and every command records an [`UndoStep`].
//! When a text changes, `tandem align` places the fixes again by their sentences' text
//! ([`carry_over`]); a fix whose sentences changed is kept as an orphan, never dropped.
//!
//! # The API, for a command line or an editor
//! ```text
//! let config = fix::align_config(&file, path).0;  // the dictionaries it was made with
//! let fixer = Fixer::new(&file, &config);          // rebuild the model once (≈50 ms / 5,000 sentences)
//! let change = fixer.apply(&mut file, &[Fix { src: 12..13, tgt: 11..13, note: None }], false, &now)?;
//! // file.beads[change.at .. change.at + change.count] replaced change.before
//! fixer.remove(&mut file, &[3], &now)?;            // by fix id
//! fix::undo(&mut file)?;                           // the last apply/remove, exactly
//! ```
//! Every editor action is one call of [`Fixer::apply`] with one or two fixes, built by
//! [`Edit::fixes`] from the bead the person acted on:
//!
//! | action | fixes |
//! |---|---|
//! | confirm bead k | k's sentences |
//! | merge k with k+1 | k ∪ k+1 on both sides (`--replace` if either is fixed) |
//! | split k after source i / target j | k's sentences up to i ↔ up to j, and the rest ↔ the rest |
//! | shift the last target sentence of k down | k without it; it ∪ k+1 |
//! | mark source sentence i untranslated | i ↔ none |
//! | mark target sentence j added | none ↔ j |
//! | undo | [`undo`] |
//!
//! A [`Fixer`] holds the model of one document; its result is the same as a fresh
//! `tandem fix` (the model depends on the texts and the recorded parameters only).

mod apply;
mod edit;
mod place;
mod range;
mod record;

use std::ops::Range;
use std::path::Path;

use crate::align::dict::Dictionary;
use crate::align::AlignConfig;
use crate::alignment::{AlignmentFile, BeadRecord};
use crate::lang::Lang;
use crate::load::sha256_hex;

pub use apply::{undo, Fixer, MARGIN};
pub use edit::Edit;
pub use place::{
    apply_sidecar, carry_over, keep_fixes, read_sidecar, sidecar_hash, sidecar_path, Carried,
    SidecarFix,
};
pub use range::{describe, parse_range, span};
pub(crate) use record::validate;
pub use record::{text_hash, FixRecord, UndoStep, MAX_UNDO};

/// A bead to confirm: source sentences `src` with target sentences `tgt` (either may be
/// empty, not both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// A note kept with the fix.
    pub note: Option<String>,
}

/// What one command changed: `before` (the beads from `at`) were replaced by
/// `file.beads[at..at + count]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Index of the first bead that changed.
    pub at: usize,
    /// The beads that were replaced.
    pub before: Vec<BeadRecord>,
    /// How many beads replaced them.
    pub count: usize,
    /// Fixes added (ids).
    pub added: Vec<u32>,
    /// Fixes removed, as they were.
    pub removed: Vec<FixRecord>,
}

/// Why a fix could not be applied, removed or undone.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// Neither side has sentences, or nothing was given.
    #[error("a fix needs sentences on at least one side (give --src and --tgt, one of them may be 'none')")]
    Empty,
    /// A range past the end of a text.
    #[error("fix {fix} is outside the texts ({} source, {} target sentences)", sentences.0, sentences.1)]
    OutOfRange {
        /// The fix.
        fix: String,
        /// Sentences of both texts.
        sentences: (usize, usize),
    },
    /// Two fixes of one command overlap or cross.
    #[error("fixes {first} and {second} overlap or cross; they cannot both hold")]
    Inconsistent {
        /// One fix.
        first: String,
        /// The other.
        second: String,
    },
    /// The fix overlaps or crosses a fix already placed.
    #[error("{new} {} fix #{id} ({existing}); pass --replace to replace it", if *crossing { "crosses" } else { "overlaps" })]
    Conflict {
        /// The placed fix.
        id: u32,
        /// Its locators.
        existing: String,
        /// The new fix's locators.
        new: String,
        /// Whether it crosses rather than overlaps.
        crossing: bool,
    },
    /// No fix matches what was asked for.
    #[error("no fix holds {0} (see --list)")]
    NoSuchFix(String),
    /// The history is empty: no fix command since the file was written by `tandem
    /// align` (which starts the history afresh, its beads being new).
    #[error("nothing to undo (the history starts at the last `tandem align`); take a fix out with --remove RANGE (see --list)")]
    NothingToUndo,
    /// A [`Fixer`] was used on a file of other texts.
    #[error("the fixer was built for other texts; build it again for this file")]
    Mismatch,
    /// An inconsistency that should not happen (a bug or a hand-edited file).
    #[error("cannot re-align: {0}")]
    Internal(String),
}

/// The aligner settings an alignment was made with, as far as its file records them:
/// the built-in dictionary (unless it was off) and the user dictionaries, read again
/// from their recorded paths. A dictionary that is missing or changed since is left out,
/// with a note saying so (the re-alignment around fixes is then slightly different).
pub fn align_config(file: &AlignmentFile, alignment_path: &Path) -> (AlignConfig, Vec<String>) {
    let (src, tgt) = (&file.source.lang, &file.target.lang);
    let builtin = file.options.as_ref().is_none_or(|o| o.builtin_dictionary);
    let mut config = if builtin {
        AlignConfig::for_languages(src, tgt)
    } else {
        AlignConfig::default()
    };
    let mut notes = Vec::new();
    let dir = alignment_path.parent().unwrap_or(Path::new(""));
    for d in file.options.iter().flat_map(|o| &o.dictionaries) {
        if d.path == "-" {
            notes.push(
                "the dictionary read from standard input when aligning cannot be read again; re-aligning without it"
                    .to_string(),
            );
            continue;
        }
        let path = if Path::new(&d.path).is_absolute() {
            Path::new(&d.path).to_path_buf()
        } else {
            dir.join(&d.path)
        };
        match crate::read::read_file(&path, crate::read::FileKind::Dictionary) {
            Ok(bytes) if sha256_hex(&bytes) == d.sha256 => {
                let hu_to_en = !(src == &Lang::En && tgt == &Lang::Hu);
                match Dictionary::parse_dic(&String::from_utf8_lossy(&bytes), &path, hu_to_en) {
                    Ok(dict) => config.dictionary.extend(&dict),
                    Err(e) => notes.push(format!("dictionary left out: {e}")),
                }
            }
            Ok(_) => notes.push(format!(
                "dictionary '{}' changed since the alignment was made; re-aligning without it",
                path.display()
            )),
            Err(e) => notes.push(format!(
                "dictionary '{}' cannot be read ({e}); re-aligning without it",
                path.display()
            )),
        }
    }
    if let Some(o) = &file.options {
        config.realign = o.realign;
        config.max_full_cells = o.max_full_cells;
    }
    (config, notes)
}

/// The fixes a `--remove` argument names: `#3` (a fix id, orphans too), a source range
/// (`p8.s2`, `l17..l19`: every placed fix with a source sentence in it) or `+` and a
/// target range (`+p10.s1`: fixes with a target sentence in it, for additions).
pub fn select(file: &AlignmentFile, spec: &str) -> Result<Vec<u32>, FixError> {
    let spec = spec.trim();
    if let Some(id) = spec.strip_prefix('#') {
        let id: u32 = id
            .parse()
            .map_err(|_| FixError::NoSuchFix(spec.to_string()))?;
        return if file.fixes.iter().any(|f| f.id == id) {
            Ok(vec![id])
        } else {
            Err(FixError::NoSuchFix(spec.to_string()))
        };
    }
    let (target, range) = match spec.strip_prefix('+') {
        Some(r) => (true, r),
        None => (false, spec),
    };
    let rec = if target { &file.target } else { &file.source };
    let r = parse_range(range, rec).map_err(FixError::NoSuchFix)?;
    let ids: Vec<u32> = file
        .fixes
        .iter()
        .filter(|f| f.is_placed())
        .filter(|f| {
            let list = if target { &f.tgt } else { &f.src };
            list.iter().any(|i| r.contains(i))
        })
        .map(|f| f.id)
        .collect();
    if ids.is_empty() {
        return Err(FixError::NoSuchFix(spec.to_string()));
    }
    Ok(ids)
}

/// The current time as RFC 3339 (UTC, seconds), for [`FixRecord::time`].
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests;
