//! Editor actions as fixes: what a person does to a bead (confirm, merge, split, shift a
//! sentence, mark one untranslated or added), turned into the one or two [`Fix`]es that
//! say the same. An editor maps each key or click to an [`Edit`] and passes
//! [`Edit::fixes`] to [`super::Fixer::apply`].

use std::ops::Range;

use crate::alignment::{AlignmentFile, BeadRecord};

use super::{Fix, FixError};

/// One action of a person on the beads of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Confirm bead `bead` as it is.
    Confirm {
        /// Bead index.
        bead: usize,
    },
    /// Merge bead `bead` with the next one.
    MergeNext {
        /// Bead index.
        bead: usize,
    },
    /// Split bead `bead`: its first `src` source and first `tgt` target sentences become
    /// one bead, the rest another.
    Split {
        /// Bead index.
        bead: usize,
        /// Source sentences kept in the first part.
        src: usize,
        /// Target sentences kept in the first part.
        tgt: usize,
    },
    /// Move one sentence of bead `bead` to a neighbouring bead: with `down` its last
    /// sentence to the next bead, else its first sentence to the previous one; on the
    /// `target` side or the source side.
    Shift {
        /// Bead index.
        bead: usize,
        /// Which side's sentence moves.
        target: bool,
        /// Towards the next bead (else the previous).
        down: bool,
    },
    /// Source sentence `sentence` has no translation (a 1-0 bead).
    Untranslated {
        /// Source sentence index.
        sentence: usize,
    },
    /// Target sentence `sentence` has no original (a 0-1 bead).
    Added {
        /// Target sentence index.
        sentence: usize,
    },
}

fn range(ids: &[usize]) -> Range<usize> {
    match (ids.first(), ids.last()) {
        (Some(&a), Some(&z)) => a..z + 1,
        _ => 0..0,
    }
}

fn fix(src: Range<usize>, tgt: Range<usize>) -> Fix {
    Fix {
        src,
        tgt,
        note: None,
    }
}

/// Both sides' ranges of two beads joined.
fn join(a: &BeadRecord, b: &BeadRecord) -> Fix {
    let side = |x: &[usize], y: &[usize]| {
        let all: Vec<usize> = x.iter().chain(y).copied().collect();
        range(&all)
    };
    fix(side(&a.src, &b.src), side(&a.tgt, &b.tgt))
}

impl Edit {
    /// The fixes that make this edit, to apply together with `replace` (an edit may
    /// rework beads a person fixed before).
    pub fn fixes(&self, file: &AlignmentFile) -> Result<Vec<Fix>, FixError> {
        let bead = |k: usize| {
            file.beads
                .get(k)
                .ok_or_else(|| FixError::NoSuchFix(format!("bead {k}")))
        };
        let out = match *self {
            Edit::Confirm { bead: k } => {
                let b = bead(k)?;
                vec![fix(range(&b.src), range(&b.tgt))]
            }
            Edit::MergeNext { bead: k } => vec![join(bead(k)?, bead(k + 1)?)],
            Edit::Split { bead: k, src, tgt } => {
                let b = bead(k)?;
                if src > b.src.len() || tgt > b.tgt.len() {
                    return Err(FixError::NoSuchFix(format!(
                        "a split of bead {k} ({}) after {src} source and {tgt} target sentences",
                        b.kind
                    )));
                }
                let (s, t) = (range(&b.src), range(&b.tgt));
                let first = fix(s.start..s.start + src, t.start..t.start + tgt);
                let second = fix(s.start + src..s.end, t.start + tgt..t.end);
                if first.src.is_empty() && first.tgt.is_empty()
                    || second.src.is_empty() && second.tgt.is_empty()
                {
                    return Err(FixError::Empty);
                }
                vec![first, second]
            }
            Edit::Shift {
                bead: k,
                target,
                down,
            } => {
                let b = bead(k)?;
                let other = if down {
                    bead(k + 1)?
                } else {
                    bead(k.checked_sub(1).ok_or(FixError::Empty)?)?
                };
                let ids = if target { &b.tgt } else { &b.src };
                let (&moved, rest) = if down {
                    ids.split_last().ok_or(FixError::Empty)?
                } else {
                    ids.split_first().ok_or(FixError::Empty)?
                };
                let rest = range(rest);
                let kept = if target {
                    fix(range(&b.src), rest)
                } else {
                    fix(rest, range(&b.tgt))
                };
                let mut grown: Vec<usize> = if target {
                    other.tgt.clone()
                } else {
                    other.src.clone()
                };
                grown.push(moved);
                grown.sort_unstable();
                let grown = if target {
                    fix(range(&other.src), range(&grown))
                } else {
                    fix(range(&grown), range(&other.tgt))
                };
                [kept, grown]
                    .into_iter()
                    .filter(|f| !(f.src.is_empty() && f.tgt.is_empty()))
                    .collect()
            }
            Edit::Untranslated { sentence } => {
                if sentence >= file.source.sentences.len() {
                    return Err(FixError::NoSuchFix(format!("source sentence {sentence}")));
                }
                vec![fix(sentence..sentence + 1, 0..0)]
            }
            Edit::Added { sentence } => {
                if sentence >= file.target.sentences.len() {
                    return Err(FixError::NoSuchFix(format!("target sentence {sentence}")));
                }
                vec![fix(0..0, sentence..sentence + 1)]
            }
        };
        Ok(out)
    }
}
