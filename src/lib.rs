//! tandem: put a Hungarian original and its English translation side by side, sentence by
//! sentence, so that people can check, review and cite them.
//!
//! The pipeline, one module per step:
//!
//! - [`load`]: read a file in any common encoding, normalise it, find its paragraphs;
//! - [`segment`]: cut paragraphs into sentences (Hungarian- and English-aware, lossless
//!   byte ranges), giving a [`document::Document`] with stable locators (`p3.s2`);
//! - [`align`]: find the beads (1-1, 1-2, 2-1, 1-0 …) between two documents, each with a
//!   confidence;
//! - [`alignment`]: the alignment file (JSON) every later step reads;
//! - [`fix`]: beads a person confirmed, kept as hard constraints and re-aligned around;
//! - [`cite`]: find a quotation in the corpus and give the aligned original with locators;
//! - [`diff`]: what a reviser changed between two versions, sentence by sentence;
//! - [`review`]: quality checks of an alignment (omissions, numbers, names …);
//! - [`risk`]: the review order, beads most likely wrong first;
//! - [`export`]: TSV, CSV, xlsx, TMX, XLIFF, HTML, hunalign ladder and vecalign files;
//! - [`eval`]: strict and lax precision, recall and F1 against a gold alignment;
//! - [`schema`]: the JSON Schema of the alignment file, generated from its types;
//! - [`read`] and [`write`](mod@write): every file is read bounded (regular files of a limited
//!   size) and written atomically, never over a file tandem did not write.
//!
//! The library never prints; the `tandem` binary (module `cli`) does.
//!
//! ```
//! use std::path::Path;
//! use tandem::{lang::Lang, load, document::Document, segment::Splitter};
//!
//! let loaded = load::load_bytes(
//!     "Havanna, 1963. január 28.\n\nA válság óta nem változott semmi. Ez a fő tény.".as_bytes(),
//!     Path::new("report.hu.txt"),
//!     &load::LoadOptions::default(),
//! ).unwrap();
//! let doc = Document::new(Path::new("report.hu.txt"), Lang::Hu, loaded, Some(&Splitter::new(&Lang::Hu)));
//! assert_eq!(doc.sentence_texts(), ["Havanna, 1963. január 28.", "A válság óta nem változott semmi.", "Ez a fő tény."]);
//! assert_eq!(doc.sentences[2].locator.to_string(), "p2.s2");
//! ```
#![warn(missing_docs)]
#![warn(clippy::print_stdout)]
#![warn(clippy::print_stderr)]
// Never panic on user data: no unwrap/expect outside tests. An `expect` that documents an
// internal invariant is allowed where it stands, with `#[allow]` and the reason.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod align;
pub mod alignment;
pub mod cite;
pub mod corpus;
pub mod diff;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod fix;
pub mod lang;
pub mod load;
pub mod read;
pub mod review;
pub mod risk;
pub mod schema;
pub mod segment;
#[cfg(test)]
mod testing;
pub mod write;
