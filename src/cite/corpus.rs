//! An alignments folder opened for citing, and the lookups: a quotation
//! ([`Corpus::find`]), or a sentence by locator ([`Corpus::at`]).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::citation::{add_marks, citation, Loaded};
use super::index::{CiteIndex, IndexedDoc, NormText, Refresh};
use super::{
    normalize, search, Citation, CiteError, CitedSentence, DocMeta, Outcome, Query, Side,
    Suggestion, Warning,
};
use crate::alignment::{tidy, AlignmentFile, TextRecord};
use crate::corpus::Sidecar;
use crate::document::Locator;
use crate::error::AlignmentFileError;
use crate::load::sha256_hex;
use crate::read::{read_file, FileKind};

/// An alignments folder opened for citing.
#[derive(Debug)]
pub struct Corpus {
    dir: PathBuf,
    refresh: Refresh,
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

    /// Read an indexed alignment file again, with its document's metadata and warnings.
    /// The file must still be the one indexed (same sha256): a file that changed while
    /// citing is an error, never a citation mixing two versions.
    fn load(&self, doc: &IndexedDoc) -> Result<Loaded, CiteError> {
        let path = self.dir.join(&doc.file);
        let bytes = read_file(&path, FileKind::Alignment).map_err(AlignmentFileError::from)?;
        if sha256_hex(&bytes) != doc.sha256 {
            return Err(CiteError::Changed(path));
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| AlignmentFileError::Invalid {
            path: path.clone(),
            reason: "not UTF-8".into(),
        })?;
        let file = AlignmentFile::from_json(text, &path)?;
        let mut doc_warnings = Vec::new();
        let original = tidy(&file.resolve(&path, &file.source));
        // The sidecar of this document id (the same id rule as align's), and only if it
        // does not name another document.
        let sidecar_path = Sidecar::path_for(&original, &file.id);
        let mut meta = DocMeta {
            doc: file.id.clone(),
            ..DocMeta::default()
        };
        let sidecar = Sidecar::read(&sidecar_path).and_then(|s| match s {
            Some(s) if !s.id.is_empty() && s.id != file.id => Err(format!(
                "{}: its id is '{}', not '{}': it describes another document",
                sidecar_path.display(),
                s.id,
                file.id
            )),
            s => Ok(s),
        });
        match sidecar {
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
            // check_fresh names texts tidied already.
            Ok(missing) => {
                doc_warnings.extend(missing.into_iter().map(|text| Warning::Unchecked { text }))
            }
            Err(AlignmentFileError::Stale { text, .. }) => {
                doc_warnings.push(Warning::Stale { text })
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

#[cfg(test)]
mod tests {
    use super::*;

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
