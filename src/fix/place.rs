//! Keeping fixes across a new alignment of changed texts, and fixes that a corpus ships.
//!
//! [`carry_over`] places the fixes of an old alignment file on a new one by their
//! sentences' text: the old and new sentence lists of each side are diffed by text hash
//! (Myers, so repeated sentences keep their order), and a fix whose sentences are all
//! unchanged and still consecutive moves with them. Any other fix becomes an orphan: it
//! stays in the file with the reason, constrains nothing, and is placed again if its
//! sentences come back. [`apply_sidecar`] adds the fixes a corpus keeps in a document's
//! sidecar (`originals/<id>.toml`, `[[fixes]]` tables with `src`, `tgt` and `note`),
//! written by hand with the locators `tandem show` prints.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::align::AlignConfig;
use crate::alignment::{AlignmentFile, TextRecord};

use super::apply::Fixer;
use super::range::parse_range;
use super::range::{describe, span};
use super::record::{text_hash, FixRecord};
use super::FixError;

/// What happened to the fixes of a document when it was aligned again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Carried {
    /// Fixes placed on the new alignment (ids).
    pub placed: Vec<u32>,
    /// Fixes kept as orphans: id, locators in the text they were made on, and why.
    pub orphaned: Vec<(u32, String, String)>,
    /// Sidecar fixes not added, and why.
    pub skipped: Vec<String>,
}

/// Old sentence index → new index, for sentences whose text is unchanged.
fn index_map(old: &TextRecord, new: &TextRecord) -> HashMap<usize, usize> {
    let a: Vec<String> = old.sentences.iter().map(|s| text_hash(&s.text)).collect();
    let b: Vec<String> = new.sentences.iter().map(|s| text_hash(&s.text)).collect();
    let mut map = HashMap::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                map.insert(old_index + k, new_index + k);
            }
        }
    }
    map
}

/// Where `ids` went, or why they cannot follow.
fn follow(
    ids: &[usize],
    map: &HashMap<usize, usize>,
    old: &TextRecord,
    side: &str,
) -> Result<Vec<usize>, String> {
    let mut out = Vec::with_capacity(ids.len());
    for &i in ids {
        let Some(&j) = map.get(&i) else {
            let what = old.sentences.get(i).map_or(format!("sentence {i}"), |s| {
                let words: String = s.text.chars().take(40).collect();
                format!("{} (\"{}…\")", s.id, words)
            });
            return Err(format!("{side} {what} changed or was deleted"));
        };
        if out.last().is_some_and(|&p: &usize| p + 1 != j) {
            return Err(format!(
                "a {side} sentence was inserted inside it, before {}",
                span(old, &[i])
            ));
        }
        out.push(j);
    }
    Ok(out)
}

/// Every place where a run of sentences has these text hashes.
fn find_run(rec: &TextRecord, hashes: &[String]) -> Vec<usize> {
    if hashes.is_empty() || hashes.len() > rec.sentences.len() {
        return Vec::new();
    }
    let all: Vec<String> = rec.sentences.iter().map(|s| text_hash(&s.text)).collect();
    (0..=all.len() - hashes.len())
        .filter(|&i| all[i..i + hashes.len()] == *hashes)
        .collect()
}

/// Place the fixes of `old` (an earlier alignment file of the same document) on `new`
/// (just aligned, without fixes), and re-align around them. Orphans of `old` are placed
/// again when their sentences occur exactly once in the new texts.
pub fn carry_over(
    old: &AlignmentFile,
    new: &mut AlignmentFile,
    fixer: &Fixer,
) -> Result<Carried, FixError> {
    let src_map = index_map(&old.source, &new.source);
    let tgt_map = index_map(&old.target, &new.target);
    let mut report = Carried::default();
    let mut fixes: Vec<FixRecord> = Vec::new();
    for f in &old.fixes {
        let moved = if f.is_placed() {
            follow(&f.src, &src_map, &old.source, "source").and_then(|src| {
                follow(&f.tgt, &tgt_map, &old.target, "target").map(|tgt| (src, tgt))
            })
        } else {
            let place = |rec: &TextRecord, h: &[String]| -> Option<Vec<usize>> {
                if h.is_empty() {
                    return Some(Vec::new());
                }
                match find_run(rec, h).as_slice() {
                    [i] => Some((*i..*i + h.len()).collect()),
                    _ => None,
                }
            };
            match (
                place(&new.source, &f.src_hashes),
                place(&new.target, &f.tgt_hashes),
            ) {
                (Some(src), Some(tgt)) => Ok((src, tgt)),
                _ => Err(f.orphan.clone().unwrap_or_default()),
            }
        };
        let mut record = f.clone();
        match moved {
            Ok((src, tgt)) => {
                record.src = src;
                record.tgt = tgt;
                record.orphan = None;
                if let Some(other) = fixes.iter().find(|o| o.is_placed() && clash(o, &record)) {
                    record.src = f.src.clone();
                    record.tgt = f.tgt.clone();
                    record.orphan = Some(format!("overlaps or crosses fix #{}", other.id));
                } else {
                    report.placed.push(record.id);
                }
            }
            Err(why) => {
                record.orphan = Some(why);
                record.src = f.src.clone();
                record.tgt = f.tgt.clone();
            }
        }
        if let Some(why) = &record.orphan {
            let at = if f.is_placed() {
                describe(old, &f.src, &f.tgt)
            } else {
                format!("{} ↔ {} sentence(s)", f.src.len(), f.tgt.len())
            };
            report.orphaned.push((record.id, at, why.clone()));
        }
        fixes.push(record);
    }
    new.fixes = fixes;
    new.history.clear();
    fixer.place(new, &report.placed)?;
    Ok(report)
}

fn range_of(ids: &[usize]) -> Range<usize> {
    match (ids.first(), ids.last()) {
        (Some(&a), Some(&z)) => a..z + 1,
        _ => 0..0,
    }
}

/// Whether two placed fixes overlap or cross.
fn clash(a: &FixRecord, b: &FixRecord) -> bool {
    let (as_, at, bs, bt) = (
        range_of(&a.src),
        range_of(&a.tgt),
        range_of(&b.src),
        range_of(&b.tgt),
    );
    let meet = |x: &Range<usize>, y: &Range<usize>| x.start < y.end && y.start < x.end;
    let both = |s: &Range<usize>, t: &Range<usize>| !s.is_empty() && !t.is_empty();
    meet(&as_, &bs)
        || meet(&at, &bt)
        || (both(&as_, &at) && both(&bs, &bt) && (as_.start < bs.start) != (at.start < bt.start))
}

/// A fix as a corpus sidecar writes it: `[[fixes]]` with `src`, `tgt` (locators as
/// `tandem show` prints them, or `none`) and an optional `note`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SidecarFix {
    /// Source sentences.
    pub src: String,
    /// Target sentences.
    pub tgt: String,
    /// Why.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct SidecarFixes {
    #[serde(default)]
    fixes: Vec<SidecarFix>,
}

/// The `[[fixes]]` of a sidecar (`originals/<id>.toml`); none when it has no such table.
pub fn read_sidecar(path: &Path) -> Result<Vec<SidecarFix>, String> {
    let text = crate::read::read_to_string(path, crate::read::FileKind::Sidecar)
        .map_err(|e| e.to_string())?;
    toml::from_str::<SidecarFixes>(&text)
        .map(|s| s.fixes)
        .map_err(|e| format!("'{}': {}", path.display(), e.message().replace('\n', " ")))
}

/// Add the sidecar's fixes to `file` (placed, re-aligned around), except those already
/// there (the same sentences) and those that overlap a fix of the file (the file's, made
/// later by a person, wins; reported in [`Carried::skipped`]).
pub fn apply_sidecar(
    file: &mut AlignmentFile,
    sidecar: &[SidecarFix],
    origin: &str,
    fixer: &Fixer,
    time: &str,
) -> Result<Carried, FixError> {
    let mut report = Carried::default();
    let mut next_id = file.fixes.iter().map(|f| f.id).max().unwrap_or(0);
    for s in sidecar {
        let name = format!("{} ↔ {}", s.src, s.tgt);
        let resolved = parse_range(&s.src, &file.source)
            .and_then(|src| parse_range(&s.tgt, &file.target).map(|tgt| (src, tgt)));
        let (src, tgt) = match resolved {
            Ok((src, tgt)) if !(src.is_empty() && tgt.is_empty()) => (src, tgt),
            Ok(_) => {
                report
                    .skipped
                    .push(format!("{origin}: fix {name} is empty"));
                continue;
            }
            Err(e) => {
                report.skipped.push(format!("{origin}: fix {name}: {e}"));
                continue;
            }
        };
        next_id += 1;
        let record = FixRecord::new(
            file,
            next_id,
            src.collect(),
            tgt.collect(),
            time,
            s.note.clone(),
            Some(origin.to_string()),
        );
        if file
            .fixes
            .iter()
            .any(|f| f.is_placed() && f.src == record.src && f.tgt == record.tgt)
        {
            next_id -= 1;
            continue;
        }
        if let Some(f) = file
            .fixes
            .iter()
            .filter(|f| f.is_placed())
            .find(|f| clash(f, &record))
        {
            report.skipped.push(format!(
                "{origin}: fix {name} overlaps fix #{} of the alignment, which is kept",
                f.id
            ));
            next_id -= 1;
            continue;
        }
        report.placed.push(record.id);
        file.fixes.push(record);
    }
    fixer.place(file, &report.placed)?;
    Ok(report)
}

/// The sidecar of document `id` whose original is `original`: `<id>.toml` beside it
/// (the one rule of [`crate::corpus::Sidecar::path_for`]).
pub fn sidecar_path(original: &Path, id: &str) -> PathBuf {
    crate::corpus::Sidecar::path_for(original, id)
}

/// A content hash of a sidecar's fixes (recorded in the alignment's options, so that
/// `align --all` re-aligns when they change).
pub fn sidecar_hash(fixes: &[SidecarFix]) -> String {
    let mut text = String::new();
    for f in fixes {
        text.push_str(&format!(
            "{}\t{}\t{}\n",
            f.src,
            f.tgt,
            f.note.as_deref().unwrap_or("")
        ));
    }
    crate::load::sha256_hex(text.as_bytes())
}

/// After aligning a document afresh into `new`: place the fixes of the alignment it
/// replaces (`old`, by their sentences' text) and those of the corpus sidecar (by
/// locator; `origin` names the sidecar), and re-align around them with the model of
/// `new` (`config`: the dictionaries it was aligned with).
pub fn keep_fixes(
    old: Option<&AlignmentFile>,
    new: &mut AlignmentFile,
    sidecar: Option<(&[SidecarFix], &str)>,
    config: &AlignConfig,
    time: &str,
) -> Result<Carried, FixError> {
    let carries = old.is_some_and(|o| !o.fixes.is_empty());
    let has_sidecar = sidecar.is_some_and(|(s, _)| !s.is_empty());
    if !carries && !has_sidecar {
        return Ok(Carried::default());
    }
    let fixer = Fixer::new(new, config);
    let mut report = match old {
        Some(old) if carries => carry_over(old, new, &fixer)?,
        _ => Carried::default(),
    };
    if let Some((fixes, origin)) = sidecar.filter(|(s, _)| !s.is_empty()) {
        let added = apply_sidecar(new, fixes, origin, &fixer, time)?;
        report.placed.extend(added.placed);
        report.skipped.extend(added.skipped);
    }
    Ok(report)
}
