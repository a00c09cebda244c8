//! Citing: from a quotation of the English translation to the Hungarian original (or
//! back), with stable locators, archive metadata and plain warnings.
//!
//! A [`Corpus`] is an alignments folder (`alignments/*.json`) opened through its cached
//! [`index::CiteIndex`]. [`Corpus::find`] looks a [`Query`] up in one side of every
//! document (or one document) and returns either [`Outcome::Found`] with one
//! [`Citation`] per place, or [`Outcome::NotFound`] with ranked near-match
//! [`Suggestion`]s, which are never to be used as the source. [`Corpus::at`] gives the
//! citation of a sentence by locator.
//!
//! Matching is done on normal forms ([`normalize`]): quote marks, dashes, case and
//! whitespace do not matter; an ellipsis stands for omitted words (the pieces must occur
//! in order, at most [`Query::max_gap`] bytes apart); a quotation may cross sentence
//! boundaries, since each side of a document is searched as one text with the sentence
//! starts mapped back ([`index::NormText`]). A citation holds the whole beads containing
//! the matched sentences, both sides in full, with the matched words marked in the
//! quoted side only: the alignment pairs sentences, so it cannot say which words of the
//! other side correspond.
//!
//! Modules, one concern each: [`query`] (what is looked up), [`corpus`] (the folder and
//! the lookups), [`citation`] (what a lookup returns), [`warning`] (what the citer must
//! know), [`index`] (the cached normal forms), [`search`] (exact and near matching),
//! [`normalize`] and [`format`](mod@format) (Markdown, BibTeX, JSON).
//!
//! Cost: exact search is a substring scan of the indexed normal forms, linear in the
//! corpus size; the near search (only when nothing matches exactly) is O(n·k) on average
//! for a distance bound k (see [`search`]). Only matched documents' alignment files,
//! sidecars and texts (for the staleness check) are read.

pub mod citation;
pub mod corpus;
pub mod format;
pub mod index;
pub mod normalize;
pub mod query;
pub mod search;
pub mod warning;

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::AlignmentFileError;

pub use citation::{Citation, CitedBead, CitedSentence, DocMeta, Outcome, Suggestion};
pub use corpus::Corpus;
pub use query::Query;
pub use warning::Warning;

/// Beads with a confidence below this are flagged.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// Citing failed (bad input or an unusable corpus).
#[derive(Debug, thiserror::Error)]
pub enum CiteError {
    /// The alignments folder cannot be read.
    #[error("cannot read the alignments folder '{dir}' ({reason}); run 'tandem align --all' in the corpus folder first, or pass --alignments DIR")]
    NoAlignments {
        /// The folder.
        dir: PathBuf,
        /// Why.
        reason: String,
    },
    /// The folder holds no usable alignment file.
    #[error("no alignment files in '{0}'; run 'tandem align --all' in the corpus folder first, or pass --alignments DIR")]
    EmptyCorpus(PathBuf),
    /// `--doc` or a locator names a document that is not there.
    #[error(
        "no document '{doc}' among the alignments in '{dir}' (known: {known}); check --doc / --id"
    )]
    UnknownDoc {
        /// The id asked for.
        doc: String,
        /// The alignments folder.
        dir: PathBuf,
        /// Ids that exist.
        known: String,
    },
    /// The quotation has no words.
    #[error("the quotation has no words (only quote marks, ellipses or punctuation); give the words to look up")]
    EmptyQuote,
    /// An alignment file changed between indexing and reading it.
    #[error("'{0}' changed while it was being cited; run the command again")]
    Changed(PathBuf),
    /// An alignment file found in the index cannot be read any more.
    #[error(transparent)]
    Alignment(#[from] AlignmentFileError),
}

/// Which text a quotation or locator is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The original (Hungarian, the alignment's source).
    Hu,
    /// The translation (English, the alignment's target).
    En,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Hu => "hu",
            Side::En => "en",
        })
    }
}
