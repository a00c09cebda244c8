//! Applying, removing and undoing fixes: the constrained re-alignment around them.
//!
//! A fix is a hard constraint. The beads it touches (those holding any of its
//! sentences) are searched again, with a margin of [`MARGIN`] beads on each side, by
//! the aligner's own model ([`Model`]): fixes with both sides non-empty cut that window
//! into independent rectangles, and fixes with an empty side are pinned (taken out of
//! the search and put back as they are). When the new beads at an edge of the window
//! differ from the old ones, the change may run on: that side's margin doubles and the
//! window is searched again, until the new path joins the old one, a fixed bead is
//! reached, or the text ends. So one fix repairs its neighbours, and beads far away
//! never move.
//!
//! Cost: O(window cells) per search, plus building the [`Model`] once per [`Fixer`].

use std::ops::Range;

use crate::align::constrained::{guide_of, Model};
use crate::align::{AlignConfig, Bead, Side};
use crate::alignment::{round_confidence, AlignmentFile, BeadRecord, TextRecord};

use super::range::describe;
use super::record::{FixRecord, UndoStep, MAX_UNDO};
use super::{Change, Fix, FixError};

/// Beads of context searched again on each side of the beads a fix touches.
pub const MARGIN: usize = 8;

/// A re-alignment session over one alignment file: the aligner's model, rebuilt once.
///
/// Build it with [`Fixer::new`], then call [`Fixer::apply`] / [`Fixer::remove`] as
/// often as needed (a web editor keeps one per open document). The model depends only
/// on the texts and the parameters recorded in the file, never on its fixes, so a
/// session and a fresh `tandem fix` give the same result.
#[derive(Debug)]
pub struct Fixer {
    model: Model,
}

/// The sentences of a text record as the aligner's input.
pub(crate) fn side_of(rec: &TextRecord) -> Side<'_> {
    Side {
        sentences: rec.sentence_texts(),
        paragraphs: (rec.segmentation != "presplit")
            .then(|| rec.sentences.iter().map(|s| s.id.paragraph()).collect()),
        lang: rec.lang.clone(),
    }
}

/// A constraint: sentences that form one bead.
#[derive(Debug, Clone, PartialEq)]
struct Pin {
    src: Range<usize>,
    tgt: Range<usize>,
}

impl Pin {
    fn of(f: &FixRecord) -> Pin {
        let range = |ids: &[usize]| match (ids.first(), ids.last()) {
            (Some(&a), Some(&z)) => a..z + 1,
            _ => 0..0,
        };
        Pin {
            src: range(&f.src),
            tgt: range(&f.tgt),
        }
    }

    fn both_sides(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }

    fn overlaps(&self, other: &Pin) -> bool {
        let meet = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        meet(&self.src, &other.src) || meet(&self.tgt, &other.tgt)
    }

    /// Two beads with both sides that cannot both be in one alignment (one is before
    /// the other on one side and after it on the other).
    fn crosses(&self, other: &Pin) -> bool {
        self.both_sides()
            && other.both_sides()
            && (self.src.start < other.src.start) != (self.tgt.start < other.tgt.start)
    }
}

/// Whether two sentence ranges name the same sentences (all empty ranges are equal).
fn same(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.is_empty() && b.is_empty()) || a == b
}

/// Whether pin `p` is bead `b`.
fn holds(p: &Pin, b: &Bead) -> bool {
    same(&p.src, &b.src) && same(&p.tgt, &b.tgt)
}

fn ranges(ids: &[usize]) -> Range<usize> {
    match (ids.first(), ids.last()) {
        (Some(&a), Some(&z)) => a..z + 1,
        _ => 0..0,
    }
}

/// Beads of the file as index ranges (empty sides placed between their neighbours).
fn as_beads(records: &[BeadRecord]) -> Vec<Bead> {
    let (mut i, mut j) = (0, 0);
    records
        .iter()
        .map(|b| {
            let src = if b.src.is_empty() {
                i..i
            } else {
                ranges(&b.src)
            };
            let tgt = if b.tgt.is_empty() {
                j..j
            } else {
                ranges(&b.tgt)
            };
            i = src.end;
            j = tgt.end;
            Bead {
                src,
                tgt,
                confidence: b.confidence,
            }
        })
        .collect()
}

fn record(b: &Bead, fixed: bool) -> BeadRecord {
    BeadRecord {
        src: b.src.clone().collect(),
        tgt: b.tgt.clone().collect(),
        kind: b.kind(),
        confidence: if fixed {
            1.0
        } else {
            round_confidence(b.confidence)
        },
        fixed,
    }
}

impl Fixer {
    /// Rebuild the aligner's model for `file`; `config` carries the dictionaries the
    /// alignment was made with ([`super::align_config`]).
    pub fn new(file: &AlignmentFile, config: &AlignConfig) -> Fixer {
        Fixer {
            model: Model::rebuild(
                &side_of(&file.source),
                &side_of(&file.target),
                &file.parameters,
                config,
            ),
        }
    }

    /// Apply `fixes` as one change (one undo step): each becomes a fixed bead and the
    /// beads around it are re-aligned. A fix that overlaps or crosses a placed fix is
    /// refused unless `replace`, which removes those fixes first. `time` (RFC 3339) is
    /// recorded with each fix.
    pub fn apply(
        &self,
        file: &mut AlignmentFile,
        fixes: &[Fix],
        replace: bool,
        time: &str,
    ) -> Result<Change, FixError> {
        self.check_size(file)?;
        let (n, m) = (file.source.sentences.len(), file.target.sentences.len());
        if fixes.is_empty() {
            return Err(FixError::Empty);
        }
        let pins: Vec<Pin> = fixes
            .iter()
            .map(|f| Pin {
                src: f.src.clone(),
                tgt: f.tgt.clone(),
            })
            .collect();
        for (k, p) in pins.iter().enumerate() {
            if p.src.is_empty() && p.tgt.is_empty() {
                return Err(FixError::Empty);
            }
            if p.src.end > n || p.tgt.end > m || p.src.start > p.src.end || p.tgt.start > p.tgt.end
            {
                return Err(FixError::OutOfRange {
                    fix: format!("{:?} ↔ {:?}", p.src, p.tgt),
                    sentences: (n, m),
                });
            }
            for q in &pins[..k] {
                if p.overlaps(q) || p.crosses(q) {
                    return Err(FixError::Inconsistent {
                        first: self.name(file, q),
                        second: self.name(file, p),
                    });
                }
            }
        }
        // Placed fixes in the way.
        let mut removed: Vec<FixRecord> = Vec::new();
        for f in file.fixes.iter().filter(|f| f.is_placed()) {
            let old = Pin::of(f);
            if let Some(p) = pins.iter().find(|p| p.overlaps(&old) || p.crosses(&old)) {
                if !replace {
                    return Err(FixError::Conflict {
                        id: f.id,
                        existing: describe(file, &f.src, &f.tgt),
                        new: self.name(file, p),
                        crossing: !p.overlaps(&old),
                    });
                }
                removed.push(f.clone());
            }
        }
        let mut next_id = file.fixes.iter().map(|f| f.id).max().unwrap_or(0);
        let added: Vec<FixRecord> = fixes
            .iter()
            .map(|f| {
                next_id += 1;
                FixRecord::new(
                    file,
                    next_id,
                    f.src.clone().collect(),
                    f.tgt.clone().collect(),
                    time,
                    f.note.clone().filter(|n| !n.trim().is_empty()),
                    None,
                )
            })
            .collect();
        let removed_ids: Vec<u32> = removed.iter().map(|f| f.id).collect();
        let mut new_fixes: Vec<FixRecord> = file
            .fixes
            .iter()
            .filter(|f| !removed_ids.contains(&f.id))
            .cloned()
            .collect();
        new_fixes.extend(added.iter().cloned());
        let touched: Vec<Pin> = removed.iter().map(Pin::of).chain(pins).collect();
        let beads = self.realign(&file.beads, &new_fixes, &touched)?;
        Ok(commit(
            file,
            beads,
            new_fixes,
            "fix",
            time,
            added.iter().map(|f| f.id).collect(),
            removed,
        ))
    }

    /// Remove fixes by id (one undo step): placed ones free their beads, which are
    /// re-aligned with their neighbours; orphans are simply dropped.
    pub fn remove(
        &self,
        file: &mut AlignmentFile,
        ids: &[u32],
        time: &str,
    ) -> Result<Change, FixError> {
        self.check_size(file)?;
        if ids.is_empty() {
            return Err(FixError::Empty);
        }
        for id in ids {
            if !file.fixes.iter().any(|f| f.id == *id) {
                return Err(FixError::NoSuchFix(format!("#{id}")));
            }
        }
        let removed: Vec<FixRecord> = file
            .fixes
            .iter()
            .filter(|f| ids.contains(&f.id))
            .cloned()
            .collect();
        let new_fixes: Vec<FixRecord> = file
            .fixes
            .iter()
            .filter(|f| !ids.contains(&f.id))
            .cloned()
            .collect();
        let touched: Vec<Pin> = removed
            .iter()
            .filter(|f| f.is_placed())
            .map(Pin::of)
            .collect();
        let beads = self.realign(&file.beads, &new_fixes, &touched)?;
        Ok(commit(
            file,
            beads,
            new_fixes,
            "remove",
            time,
            Vec::new(),
            removed,
        ))
    }

    /// Place fixes that are not beads yet (used after re-aligning a changed text): the
    /// fixes of `file` marked by `ids` are made beads; no undo step is recorded.
    pub(crate) fn place(&self, file: &mut AlignmentFile, ids: &[u32]) -> Result<(), FixError> {
        self.check_size(file)?;
        let touched: Vec<Pin> = file
            .fixes
            .iter()
            .filter(|f| ids.contains(&f.id) && f.is_placed())
            .map(Pin::of)
            .collect();
        if touched.is_empty() {
            return Ok(());
        }
        let fixes = file.fixes.clone();
        file.beads = self.realign(&file.beads, &fixes, &touched)?;
        Ok(())
    }

    fn check_size(&self, file: &AlignmentFile) -> Result<(), FixError> {
        if self.model.size() != (file.source.sentences.len(), file.target.sentences.len()) {
            return Err(FixError::Mismatch);
        }
        Ok(())
    }

    fn name(&self, file: &AlignmentFile, p: &Pin) -> String {
        let ids = |r: &Range<usize>| r.clone().collect::<Vec<usize>>();
        describe(file, &ids(&p.src), &ids(&p.tgt))
    }

    /// The beads after re-aligning around the `touched` sentences with the placed
    /// `fixes` as constraints.
    fn realign(
        &self,
        records: &[BeadRecord],
        fixes: &[FixRecord],
        touched: &[Pin],
    ) -> Result<Vec<BeadRecord>, FixError> {
        let pins: Vec<Pin> = fixes
            .iter()
            .filter(|f| f.is_placed())
            .map(Pin::of)
            .collect();
        let mut records = records.to_vec();
        // Process the touched places from the end, so that earlier bead indices stay
        // valid; a later window may grow into an earlier one's beads, which are then
        // already the new ones.
        let mut order: Vec<&Pin> = touched.iter().collect();
        order.sort_by_key(|p| std::cmp::Reverse((p.src.start, p.tgt.start)));
        for t in order {
            let beads = as_beads(&records);
            let hit = |b: &Bead| {
                let meet = |a: &Range<usize>, r: &Range<usize>| {
                    !a.is_empty() && a.start < r.end && r.start < a.end
                };
                meet(&b.src, &t.src) || meet(&b.tgt, &t.tgt)
            };
            let (Some(k0), Some(k1)) = (beads.iter().position(hit), beads.iter().rposition(hit))
            else {
                continue;
            };
            let (lo, hi, new) = self.search_window(&records, &beads, &pins, k0, k1)?;
            records.splice(lo..=hi, new);
        }
        Ok(records)
    }

    /// Search beads `k0..=k1` with their margins, growing a side whose edge changed.
    fn search_window(
        &self,
        records: &[BeadRecord],
        beads: &[Bead],
        pins: &[Pin],
        k0: usize,
        k1: usize,
    ) -> Result<(usize, usize, Vec<BeadRecord>), FixError> {
        // A bead held by a fix with both sides is a wall: nothing beyond it can change.
        let wall = |k: usize| {
            let b = &beads[k];
            records[k].fixed && pins.iter().any(|p| p.both_sides() && holds(p, b))
        };
        let (mut before, mut after) = (MARGIN, MARGIN);
        loop {
            let mut lo = k0;
            while lo > 0 && k0 - lo < before && !wall(lo - 1) {
                lo -= 1;
            }
            let mut hi = k1;
            while hi + 1 < beads.len() && hi - k1 < after && !wall(hi + 1) {
                hi += 1;
            }
            let new = self.search_between(&beads[lo..=hi], pins)?;
            let same = |a: &Bead, b: &Bead| same(&a.src, &b.src) && same(&a.tgt, &b.tgt);
            let grow_before =
                lo > 0 && !wall(lo - 1) && !new.first().is_some_and(|b| same(b, &beads[lo]));
            let grow_after = hi + 1 < beads.len()
                && !wall(hi + 1)
                && !new.last().is_some_and(|b| same(b, &beads[hi]));
            if !grow_before && !grow_after {
                let old: Vec<(&Bead, &BeadRecord)> =
                    beads[lo..=hi].iter().zip(&records[lo..=hi]).collect();
                let out = new
                    .iter()
                    .map(|b| {
                        let fixed = pins.iter().any(|p| holds(p, b));
                        let mut r = record(b, fixed);
                        // An unchanged bead keeps the lower of its two confidences: the
                        // window's posteriors take its edges as certain.
                        if let Some((_, o)) = old.iter().find(|(ob, _)| same(ob, b)) {
                            if !fixed {
                                r.confidence = r.confidence.min(o.confidence);
                            }
                        }
                        r
                    })
                    .collect();
                return Ok((lo, hi, out));
            }
            if grow_before {
                before *= 2;
            }
            if grow_after {
                after *= 2;
            }
        }
    }

    /// The best beads of the rectangle the `old` beads cover, with `pins` inside it as
    /// constraints.
    fn search_between(&self, old: &[Bead], pins: &[Pin]) -> Result<Vec<Bead>, FixError> {
        let (Some(first), Some(last)) = (old.first(), old.last()) else {
            return Ok(Vec::new());
        };
        let from = (first.src.start, first.tgt.start);
        let to = (last.src.end, last.tgt.end);
        let inside = |r: &Range<usize>, a: usize, b: usize| r.start >= a && r.end <= b;
        let (mut walls, pinned): (Vec<&Pin>, Vec<&Pin>) = pins
            .iter()
            .filter(|p| {
                (p.src.is_empty() || inside(&p.src, from.0, to.0))
                    && (p.tgt.is_empty() || inside(&p.tgt, from.1, to.1))
            })
            .partition(|p| p.both_sides());
        walls.sort_by_key(|p| (p.src.start, p.tgt.start));
        let pinned: Vec<(Range<usize>, Range<usize>)> = pinned
            .into_iter()
            .map(|p| (p.src.clone(), p.tgt.clone()))
            .collect();
        let guide = guide_of(old);
        // Whether a bead a person confirmed (both sides) ends at a cell / starts at one.
        let fixed_before = |c: (usize, usize)| {
            pins.iter()
                .any(|p| p.both_sides() && (p.src.end, p.tgt.end) == c)
        };
        let fixed_after = |c: (usize, usize)| {
            pins.iter()
                .any(|p| p.both_sides() && (p.src.start, p.tgt.start) == c)
        };
        let mut out = Vec::new();
        let mut start = from;
        for w in walls.iter().map(|w| Some(*w)).chain([None]) {
            let end = w.map_or(to, |w| (w.src.start, w.tgt.start));
            if end.0 < start.0 || end.1 < start.1 {
                return Err(FixError::Internal(format!(
                    "fixes out of order around sentences {}/{}",
                    end.0, end.1
                )));
            }
            let part: Vec<(Range<usize>, Range<usize>)> = pinned
                .iter()
                .filter(|(s, t)| {
                    (s.is_empty() || inside(s, start.0, end.0))
                        && (t.is_empty() || inside(t, start.1, end.1))
                })
                .cloned()
                .collect();
            out.extend(self.model.search(
                start,
                end,
                &part,
                &guide,
                (fixed_before(start), fixed_after(end)),
            ));
            if let Some(w) = w {
                out.push(Bead {
                    src: w.src.clone(),
                    tgt: w.tgt.clone(),
                    confidence: 1.0,
                });
                start = (w.src.end, w.tgt.end);
            }
        }
        Ok(out)
    }
}

/// Write the new beads and fixes into the file and record the undo step.
fn commit(
    file: &mut AlignmentFile,
    beads: Vec<BeadRecord>,
    fixes: Vec<FixRecord>,
    action: &str,
    time: &str,
    added: Vec<u32>,
    removed: Vec<FixRecord>,
) -> Change {
    let old = std::mem::replace(&mut file.beads, beads);
    let new = &file.beads;
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let before: Vec<BeadRecord> = old[prefix..old.len() - suffix].to_vec();
    let count = new.len() - suffix - prefix;
    file.fixes = fixes;
    file.history.push(UndoStep {
        action: action.to_string(),
        time: time.to_string(),
        at: prefix,
        beads: before.clone(),
        count,
        added: added.clone(),
        removed: removed.clone(),
    });
    if file.history.len() > MAX_UNDO {
        let drop = file.history.len() - MAX_UNDO;
        file.history.drain(..drop);
    }
    Change {
        at: prefix,
        before,
        count,
        added,
        removed,
    }
}

/// Undo the last step of `file.history`: its beads and fixes come back exactly as they
/// were. No model is needed.
pub fn undo(file: &mut AlignmentFile) -> Result<Change, FixError> {
    let step = file.history.pop().ok_or(FixError::NothingToUndo)?;
    if step.at + step.count > file.beads.len() {
        file.history.push(step);
        return Err(FixError::Internal(
            "the undo history does not match the beads".into(),
        ));
    }
    let mut restored = file.clone();
    let now: Vec<BeadRecord> = restored
        .beads
        .splice(step.at..step.at + step.count, step.beads.iter().cloned())
        .collect();
    restored.fixes.retain(|f| !step.added.contains(&f.id));
    let added_back: Vec<FixRecord> = file
        .fixes
        .iter()
        .filter(|f| step.added.contains(&f.id))
        .cloned()
        .collect();
    restored.fixes.extend(step.removed.iter().cloned());
    restored.fixes.sort_by_key(|f| f.id);
    if let Err(reason) = restored.validate() {
        file.history.push(step);
        return Err(FixError::Internal(format!(
            "the undo history does not match the file ({reason})"
        )));
    }
    *file = restored;
    Ok(Change {
        at: step.at,
        before: now,
        count: step.beads.len(),
        added: step.removed.iter().map(|f| f.id).collect(),
        removed: added_back,
    })
}
