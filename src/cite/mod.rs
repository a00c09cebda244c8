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
//! Cost: exact search is a substring scan of the indexed normal forms, linear in the
//! corpus size; the near search (only when nothing matches exactly) is O(n·k) on average
//! for a distance bound k (see [`search`]). Only matched documents' alignment files,
//! sidecars and texts (for the staleness check) are read.

pub mod format;
pub mod index;
pub mod normalize;
pub mod search;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use crate::alignment::{AlignmentFile, TextRecord};
use crate::corpus::Sidecar;
use crate::document::Locator;
use crate::error::AlignmentFileError;
use index::{CiteIndex, IndexedDoc, NormText, Refresh};

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

/// A quotation to look up.
#[derive(Debug, Clone)]
pub struct Query {
    quote: String,
    pieces: Vec<String>,
    from: Side,
    doc: Option<String>,
    max_gap: usize,
    limit: usize,
    suggestions: usize,
}

impl Query {
    /// A quotation from the `from` side; fails when it has no words.
    pub fn new(quote: &str, from: Side) -> Result<Self, CiteError> {
        let pieces = normalize::query_pieces(quote);
        if !pieces.iter().any(|p| p.chars().any(char::is_alphanumeric)) {
            return Err(CiteError::EmptyQuote);
        }
        Ok(Query {
            quote: quote.to_string(),
            pieces,
            from,
            doc: None,
            max_gap: 400,
            limit: 20,
            suggestions: 5,
        })
    }

    /// Search only the document with this id.
    pub fn doc(mut self, doc: Option<String>) -> Self {
        self.doc = doc;
        self
    }

    /// Longest gap (bytes of normalised text) an ellipsis may stand for (default 400,
    /// a few sentences).
    pub fn max_gap(mut self, bytes: usize) -> Self {
        self.max_gap = bytes;
        self
    }

    /// Most places to return (default 20).
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n.max(1);
        self
    }

    /// The quotation as given.
    pub fn quote(&self) -> &str {
        &self.quote
    }

    /// The normalised pieces between ellipses.
    pub fn pieces(&self) -> &[String] {
        &self.pieces
    }

    /// Which side it quotes.
    pub fn from(&self) -> Side {
        self.from
    }
}

/// One sentence of a citation, with the matched byte ranges of its text (if any).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedSentence {
    /// Its locator.
    pub id: Locator,
    /// Its text, as in the alignment file.
    pub text: String,
    /// Byte ranges of `text` that the quotation matched (quoted side only).
    pub marks: Vec<Range<usize>>,
}

/// One bead of a citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedBead {
    /// `1-1`, `2-1` …
    pub kind: String,
    /// The aligner's confidence.
    pub confidence: f64,
    /// Hungarian sentences.
    pub hungarian: Vec<CitedSentence>,
    /// English sentences.
    pub english: Vec<CitedSentence>,
}

/// Something the citer must know before using a citation.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The original's sidecar says `reconstruction`.
    Reconstruction {
        /// Document id.
        doc: String,
    },
    /// The original's status is something other than `archival`.
    NotArchival {
        /// The status.
        status: String,
    },
    /// No sidecar with metadata.
    NoSidecar {
        /// Where it was looked for.
        expected: PathBuf,
    },
    /// The sidecar does not parse.
    BadSidecar {
        /// Why.
        reason: String,
    },
    /// A bead groups several sentences.
    NotOneToOne {
        /// Bead type.
        kind: String,
        /// Hungarian locators.
        hungarian: Vec<Locator>,
        /// English locators.
        english: Vec<Locator>,
    },
    /// Sentences without a counterpart on the other side.
    Unpaired {
        /// Side that has the sentences.
        side: Side,
        /// Their locators.
        locators: Vec<Locator>,
    },
    /// A bead's confidence is below [`LOW_CONFIDENCE`].
    LowConfidence {
        /// Bead type.
        kind: String,
        /// Its confidence.
        confidence: f64,
    },
    /// A text changed since it was aligned.
    Stale {
        /// The changed text.
        text: PathBuf,
    },
    /// A text could not be found to check it.
    Unchecked {
        /// The missing text.
        text: PathBuf,
    },
}

fn list(locs: &[Locator]) -> String {
    locs.iter()
        .map(Locator::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Warning {
    /// A short machine name (`reconstruction`, `not-archival`, `not-1-1`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Warning::Reconstruction { .. } => "reconstruction",
            Warning::NotArchival { .. } => "not-archival",
            Warning::NoSidecar { .. } => "no-metadata",
            Warning::BadSidecar { .. } => "bad-metadata",
            Warning::NotOneToOne { .. } => "not-1-1",
            Warning::Unpaired { .. } => "unpaired",
            Warning::LowConfidence { .. } => "low-confidence",
            Warning::Stale { .. } => "stale",
            Warning::Unchecked { .. } => "unchecked",
        }
    }

    /// Whether this warning must be impossible to miss.
    pub fn is_severe(&self) -> bool {
        matches!(self, Warning::Reconstruction { .. } | Warning::Stale { .. })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Reconstruction { doc } => write!(
                f,
                "RECONSTRUCTION: the Hungarian text of '{doc}' is a modern reconstruction, NOT the archival original. Never cite or quote it as the original wording; cite the English translation, or consult the archival document."
            ),
            Warning::NotArchival { status } => write!(
                f,
                "the Hungarian text's status is '{status}', not 'archival' (a transcription of the archival document); say so when you cite it"
            ),
            Warning::NoSidecar { expected } => write!(
                f,
                "no metadata file '{}': archive reference and status of the original are unknown; check the original before citing",
                expected.display()
            ),
            Warning::BadSidecar { reason } => write!(f, "{reason}; archive reference and status unknown"),
            Warning::NotOneToOne { kind, hungarian, english } => write!(
                f,
                "bead {kind}: the wording spans several sentences (Hungarian {}, English {}); the pairing holds for the group, not sentence by sentence",
                if hungarian.is_empty() { "none".to_string() } else { list(hungarian) },
                if english.is_empty() { "none".to_string() } else { list(english) },
            ),
            Warning::Unpaired { side, locators } => write!(
                f,
                "{} sentence(s) {} have no counterpart in the other text according to the alignment",
                if *side == Side::Hu { "Hungarian" } else { "English" },
                list(locators)
            ),
            Warning::LowConfidence { kind, confidence } => write!(
                f,
                "low alignment confidence {confidence:.2} (< {LOW_CONFIDENCE}) for a {kind} bead: check the pairing by reading both texts"
            ),
            Warning::Stale { text } => write!(
                f,
                "'{}' changed since the alignment was made: the wording and locators shown are those of the aligned version; re-run 'tandem align' and cite again",
                text.display()
            ),
            Warning::Unchecked { text } => write!(
                f,
                "'{}' not found: cannot check that the alignment is up to date",
                text.display()
            ),
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Warning", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("severe", &self.is_severe())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Metadata of the cited document (from its sidecar; empty strings when unknown).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocMeta {
    /// Document id.
    pub doc: String,
    /// Title.
    pub title: String,
    /// ISO date.
    pub date: String,
    /// Author of the original.
    pub author: String,
    /// Archive reference of the original.
    pub archive_ref: String,
    /// Archive record id.
    pub record_id: String,
    /// Where the texts come from.
    pub source_url: String,
    /// Translators of the English.
    pub translators: Vec<String>,
    /// Status of the Hungarian text (`archival`, `reconstruction`, …; "" if unknown).
    pub status: String,
    /// Who published the English translation, or where it was taken from (the
    /// sidecar's `[translation] source`; "" if unknown).
    pub translation_source: String,
    /// Status of the English translation (`published-translation`, …; "" if unknown).
    pub translation_status: String,
}

/// A place in the corpus, ready to cite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The document and its metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Which side the quotation or locator was in.
    pub from: Side,
    /// The alignment file used.
    pub alignment: PathBuf,
    /// Hungarian locators, in order.
    pub hungarian_locators: Vec<Locator>,
    /// English locators, in order.
    pub english_locators: Vec<Locator>,
    /// The Hungarian sentences in full, joined by spaces.
    pub hungarian: String,
    /// The English sentences in full, joined by spaces.
    pub english: String,
    /// The lowest confidence of the beads.
    pub confidence: f64,
    /// The beads, with the matched words marked in the quoted side.
    pub beads: Vec<CitedBead>,
    /// Warnings, most severe first.
    pub warnings: Vec<Warning>,
}

impl Citation {
    /// Whether any warning is severe (reconstruction, stale).
    pub fn has_severe_warning(&self) -> bool {
        self.warnings.iter().any(Warning::is_severe)
    }
}

/// A near match offered when nothing matched exactly. Never a citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Document id.
    pub doc: String,
    /// Similarity to the quotation (or its longest piece), 0..=1.
    pub score: f64,
    /// The sentences it lies in, with the near-matching words marked.
    pub sentences: Vec<CitedSentence>,
}

/// The result of a lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Exact matches (after normalisation), one citation per place.
    Found(Vec<Citation>),
    /// No exact match; near matches, best first (possibly none).
    NotFound(Vec<Suggestion>),
}

/// An alignments folder opened for citing.
#[derive(Debug)]
pub struct Corpus {
    dir: PathBuf,
    refresh: Refresh,
}

/// An alignment file loaded for display, with what is known about its document.
struct Loaded {
    path: PathBuf,
    file: AlignmentFile,
    meta: DocMeta,
    doc_warnings: Vec<Warning>,
}

impl Corpus {
    /// Open the alignments folder `dir`, refreshing (and saving) its index.
    pub fn open(dir: &Path) -> Result<Self, CiteError> {
        let refresh = CiteIndex::open(dir)?;
        if refresh.index.docs.is_empty() && refresh.skipped.is_empty() {
            return Err(CiteError::EmptyCorpus(dir.to_path_buf()));
        }
        Ok(Corpus {
            dir: dir.to_path_buf(),
            refresh,
        })
    }

    /// What opening did (files indexed, reused, skipped, save problems).
    pub fn refresh(&self) -> &Refresh {
        &self.refresh
    }

    /// The documents searched for `doc` (all when `None`).
    fn docs(&self, doc: Option<&str>) -> Result<Vec<&IndexedDoc>, CiteError> {
        let docs: Vec<&IndexedDoc> = self
            .refresh
            .index
            .docs
            .iter()
            .filter(|d| doc.is_none_or(|id| d.id == id))
            .collect();
        match doc {
            Some(id) if docs.is_empty() => Err(CiteError::UnknownDoc {
                doc: id.to_string(),
                dir: self.dir.clone(),
                known: self.known_ids(),
            }),
            _ => Ok(docs),
        }
    }

    fn known_ids(&self) -> String {
        let ids: Vec<&str> = self
            .refresh
            .index
            .docs
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        if ids.len() > 10 {
            format!("{} … ({} in all)", ids[..10].join(", "), ids.len())
        } else if ids.is_empty() {
            "none".to_string()
        } else {
            ids.join(", ")
        }
    }

    fn load(&self, doc: &IndexedDoc) -> Result<Loaded, CiteError> {
        let path = self.dir.join(&doc.file);
        let file = AlignmentFile::read(&path)?;
        let mut doc_warnings = Vec::new();
        let original = tidy(&file.resolve(&path, &file.source));
        let sidecar_path = original.with_file_name(format!("{}.toml", file.id));
        let mut meta = DocMeta {
            doc: file.id.clone(),
            ..DocMeta::default()
        };
        match Sidecar::for_original(&original) {
            Ok(Some(s)) => {
                meta.title = s.title;
                meta.date = s.date;
                meta.author = s.author;
                meta.archive_ref = s.archive_ref;
                meta.record_id = s.record_id;
                meta.source_url = s.source_url;
                meta.translators = s.translators;
                meta.status = s.status;
                meta.translation_source = s.translation.source;
                meta.translation_status = s.translation.status;
                match meta.status.as_str() {
                    "archival" => {}
                    "reconstruction" => doc_warnings.push(Warning::Reconstruction {
                        doc: file.id.clone(),
                    }),
                    other => doc_warnings.push(Warning::NotArchival {
                        status: if other.is_empty() {
                            "(not given)".to_string()
                        } else {
                            other.to_string()
                        },
                    }),
                }
            }
            Ok(None) => doc_warnings.push(Warning::NoSidecar {
                expected: sidecar_path,
            }),
            Err(reason) => doc_warnings.push(Warning::BadSidecar { reason }),
        }
        match file.check_fresh(&path) {
            Ok(missing) => doc_warnings.extend(
                missing
                    .iter()
                    .map(|text| Warning::Unchecked { text: tidy(text) }),
            ),
            Err(AlignmentFileError::Stale { text, .. }) => {
                doc_warnings.push(Warning::Stale { text: tidy(&text) })
            }
            Err(e) => return Err(e.into()),
        }
        Ok(Loaded {
            path,
            file,
            meta,
            doc_warnings,
        })
    }

    /// Look a quotation up.
    pub fn find(&self, query: &Query) -> Result<Outcome, CiteError> {
        let docs = self.docs(query.doc.as_deref())?;
        // (doc index, sentence range on the quoted side, normalised ranges of the pieces)
        let mut hits: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            let left = query.limit.saturating_sub(hits.len());
            if left == 0 {
                break;
            }
            let norm = side_text(d, query.from);
            for ranges in search::find_exact(&norm.text, &query.pieces, query.max_gap, left) {
                hits.push((i, ranges));
            }
        }
        let mut cache: HashMap<usize, Loaded> = HashMap::new();
        if hits.is_empty() {
            return self
                .suggest(query, &docs, &mut cache)
                .map(Outcome::NotFound);
        }
        let mut citations: Vec<(usize, Range<usize>, Citation)> = Vec::new();
        for (i, ranges) in hits {
            let d = docs[i];
            let norm = side_text(d, query.from);
            let first = norm.sentence_at(ranges.first().map_or(0, |r| r.start));
            let last = norm.sentence_at(ranges.last().map_or(0, |r| r.end.saturating_sub(1)));
            if let std::collections::hash_map::Entry::Vacant(e) = cache.entry(i) {
                e.insert(self.load(d)?);
            }
            let Some(loaded) = cache.get(&i) else {
                continue;
            };
            let beads = bead_span(&loaded.file, query.from, first..last + 1);
            let marks = marks_for(norm, side_record(&loaded.file, query.from), &ranges);
            // Two matches in the same beads make one citation with both marked.
            if let Some((_, _, c)) = citations
                .iter_mut()
                .find(|(j, b, _)| *j == i && *b == beads)
            {
                add_marks(c, query.from, &marks);
                continue;
            }
            let mut c = citation(loaded, query.from, beads.clone());
            add_marks(&mut c, query.from, &marks);
            citations.push((i, beads, c));
        }
        Ok(Outcome::Found(
            citations.into_iter().map(|(_, _, c)| c).collect(),
        ))
    }

    fn suggest(
        &self,
        query: &Query,
        docs: &[&IndexedDoc],
        cache: &mut HashMap<usize, Loaded>,
    ) -> Result<Vec<Suggestion>, CiteError> {
        // With an ellipsis the longest piece stands for the quotation.
        let Some(needle) = query.pieces.iter().max_by_key(|p| p.len()) else {
            return Ok(Vec::new());
        };
        if needle.chars().count() < 4 {
            return Ok(Vec::new());
        }
        let mut near: Vec<(usize, search::Near)> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            let norm = side_text(d, query.from);
            for n in search::find_near_in_sentences(
                &norm.text,
                &norm.starts,
                needle,
                0.25,
                query.suggestions,
            ) {
                near.push((i, n));
            }
        }
        near.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
        near.truncate(query.suggestions);
        let mut out = Vec::new();
        for (i, n) in near {
            let d = docs[i];
            if let std::collections::hash_map::Entry::Vacant(e) = cache.entry(i) {
                e.insert(self.load(d)?);
            }
            let Some(loaded) = cache.get(&i) else {
                continue;
            };
            let norm = side_text(d, query.from);
            let rec = side_record(&loaded.file, query.from);
            let marks = marks_for(norm, rec, std::slice::from_ref(&n.range));
            let mut sentences: Vec<CitedSentence> = Vec::new();
            for (id, ranges) in marks {
                if let Some(s) = rec.sentences.iter().find(|s| s.id == id) {
                    sentences.push(CitedSentence {
                        id,
                        text: s.text.clone(),
                        marks: ranges,
                    });
                }
            }
            out.push(Suggestion {
                doc: loaded.meta.doc.clone(),
                score: (n.score * 1000.0).round() / 1000.0,
                sentences,
            });
        }
        Ok(out)
    }

    /// The citation of the sentence `locator` of document `doc` on side `from` (the bead
    /// containing it); `Ok(None)` when the document has no such sentence.
    pub fn at(
        &self,
        doc: &str,
        locator: Locator,
        from: Side,
    ) -> Result<Option<Citation>, CiteError> {
        let docs = self.docs(Some(doc))?;
        let Some(d) = docs.first() else {
            return Ok(None);
        };
        let loaded = self.load(d)?;
        let rec = side_record(&loaded.file, from);
        let Some(k) = rec.sentences.iter().position(|s| s.id == locator) else {
            return Ok(None);
        };
        let beads = bead_span(&loaded.file, from, k..k + 1);
        Ok(Some(citation(&loaded, from, beads)))
    }

    /// The first and last locator of a document's side (for messages).
    pub fn locator_range(&self, doc: &str, side: Side) -> Option<(Locator, Locator)> {
        let d = self.docs(Some(doc)).ok()?.into_iter().next()?;
        let file = AlignmentFile::read(&self.dir.join(&d.file)).ok()?;
        let rec = side_record(&file, side);
        Some((rec.sentences.first()?.id, rec.sentences.last()?.id))
    }
}

/// `a/b/../c` → `a/c`, lexically (for messages; `..` after `..` is kept).
fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out.iter().collect()
}

fn side_text(d: &IndexedDoc, side: Side) -> &NormText {
    match side {
        Side::Hu => &d.source,
        Side::En => &d.target,
    }
}

fn side_record(a: &AlignmentFile, side: Side) -> &TextRecord {
    match side {
        Side::Hu => &a.source,
        Side::En => &a.target,
    }
}

/// The beads (index range) containing sentences `sentences` of side `side`.
fn bead_span(a: &AlignmentFile, side: Side, sentences: Range<usize>) -> Range<usize> {
    let ids = |b: &crate::alignment::BeadRecord| -> Vec<usize> {
        match side {
            Side::Hu => b.src.clone(),
            Side::En => b.tgt.clone(),
        }
    };
    let contains = |b: &crate::alignment::BeadRecord, k: usize| ids(b).contains(&k);
    let first = a
        .beads
        .iter()
        .position(|b| contains(b, sentences.start))
        .unwrap_or(0);
    let last = a
        .beads
        .iter()
        .rposition(|b| contains(b, sentences.end.saturating_sub(1)))
        .unwrap_or(first);
    first..last.max(first) + 1
}

/// For normalised ranges in `norm`, the marked byte ranges per sentence of `rec`.
fn marks_for(
    norm: &NormText,
    rec: &TextRecord,
    ranges: &[Range<usize>],
) -> Vec<(Locator, Vec<Range<usize>>)> {
    let mut out: Vec<(Locator, Vec<Range<usize>>)> = Vec::new();
    for r in ranges {
        if r.is_empty() {
            continue;
        }
        let first = norm.sentence_at(r.start);
        let last = norm.sentence_at(r.end - 1);
        for k in first..=last {
            let Some(sentence) = rec.sentences.get(k) else {
                continue;
            };
            let span = norm.sentence_range(k);
            let local = r.start.max(span.start) - span.start
                ..r.end.min(span.end).max(span.start) - span.start;
            if local.is_empty() {
                continue;
            }
            let mapped = normalize::normalize_mapped(&sentence.text).original_range(local);
            if mapped.is_empty() || mapped.end > sentence.text.len() {
                continue;
            }
            match out.iter_mut().find(|(id, _)| *id == sentence.id) {
                Some((_, v)) => v.push(mapped),
                None => out.push((sentence.id, vec![mapped])),
            }
        }
    }
    out
}

fn add_marks(c: &mut Citation, side: Side, marks: &[(Locator, Vec<Range<usize>>)]) {
    for bead in &mut c.beads {
        let sentences = match side {
            Side::Hu => &mut bead.hungarian,
            Side::En => &mut bead.english,
        };
        for s in sentences.iter_mut() {
            for (_, ranges) in marks.iter().filter(|(id, _)| *id == s.id) {
                s.marks.extend(ranges.iter().cloned());
            }
            s.marks.sort_by_key(|r| (r.start, r.end));
            s.marks.dedup();
        }
    }
}

/// Build the citation of beads `beads` of a loaded alignment.
fn citation(loaded: &Loaded, from: Side, beads: Range<usize>) -> Citation {
    let a = &loaded.file;
    let sentence = |rec: &TextRecord, k: usize| {
        rec.sentences.get(k).map(|s| CitedSentence {
            id: s.id,
            text: s.text.clone(),
            marks: Vec::new(),
        })
    };
    let mut cited = Vec::new();
    let mut warnings = loaded.doc_warnings.clone();
    for b in a.beads.get(beads).unwrap_or_default() {
        let hungarian: Vec<CitedSentence> = b
            .src
            .iter()
            .filter_map(|&k| sentence(&a.source, k))
            .collect();
        let english: Vec<CitedSentence> = b
            .tgt
            .iter()
            .filter_map(|&k| sentence(&a.target, k))
            .collect();
        let hu_ids: Vec<Locator> = hungarian.iter().map(|s| s.id).collect();
        let en_ids: Vec<Locator> = english.iter().map(|s| s.id).collect();
        if hungarian.is_empty() || english.is_empty() {
            warnings.push(Warning::Unpaired {
                side: if hungarian.is_empty() {
                    Side::En
                } else {
                    Side::Hu
                },
                locators: if hungarian.is_empty() { en_ids } else { hu_ids },
            });
        } else if b.kind != "1-1" {
            warnings.push(Warning::NotOneToOne {
                kind: b.kind.clone(),
                hungarian: hu_ids,
                english: en_ids,
            });
        }
        if b.confidence < LOW_CONFIDENCE {
            warnings.push(Warning::LowConfidence {
                kind: b.kind.clone(),
                confidence: b.confidence,
            });
        }
        cited.push(CitedBead {
            kind: b.kind.clone(),
            confidence: b.confidence,
            hungarian,
            english,
        });
    }
    warnings.sort_by_key(|w| !w.is_severe());
    let join = |f: fn(&CitedBead) -> &Vec<CitedSentence>| -> (Vec<Locator>, String) {
        let sentences: Vec<&CitedSentence> = cited.iter().flat_map(f).collect();
        (
            sentences.iter().map(|s| s.id).collect(),
            sentences
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let (hungarian_locators, hungarian) = join(|b| &b.hungarian);
    let (english_locators, english) = join(|b| &b.english);
    let confidence = cited
        .iter()
        .map(|b| b.confidence)
        .fold(f64::INFINITY, f64::min);
    Citation {
        meta: loaded.meta.clone(),
        from,
        alignment: loaded.path.clone(),
        hungarian_locators,
        english_locators,
        hungarian,
        english,
        confidence: if confidence.is_finite() {
            confidence
        } else {
            0.0
        },
        beads: cited,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_tidied_for_messages() {
        assert_eq!(
            tidy(Path::new("alignments/../translations/x.en.txt")),
            PathBuf::from("translations/x.en.txt")
        );
        assert_eq!(tidy(Path::new("../a/./b")), PathBuf::from("../a/b"));
        assert_eq!(tidy(Path::new("/c/al/../t")), PathBuf::from("/c/t"));
    }

    #[test]
    fn queries_without_words_are_refused() {
        assert!(matches!(
            Query::new("“…”", Side::En),
            Err(CiteError::EmptyQuote)
        ));
        assert!(Query::new("„Ha mégis…”", Side::Hu).is_ok());
    }

    #[test]
    fn beads_spanning_sentences() {
        let text = crate::testing::bundled_alignment_json("beck-1963-01-28");
        let a = AlignmentFile::from_json(&text, Path::new("a.json")).expect("valid");
        // Each sentence lies in exactly one bead of its side, and a span of sentences
        // maps to the beads covering it.
        for side in [Side::Hu, Side::En] {
            let n = side_record(&a, side).sentences.len();
            for k in 0..n {
                let r = bead_span(&a, side, k..k + 1);
                assert_eq!(r.len(), 1, "sentence {k}");
                let b = &a.beads[r.start];
                let ids = if side == Side::Hu { &b.src } else { &b.tgt };
                assert!(ids.contains(&k));
            }
            let all = bead_span(&a, side, 0..n);
            assert_eq!(all.start, 0);
            assert!(all.end >= a.beads.len() - 1);
        }
    }
}
