//! Offset maps: where a byte of a derived text came from in the text it was made from.
//!
//! Every loader step that changes lengths (CR LF → LF, NFC, dropped BOMs, removed page
//! furniture, joined hyphens) records a piecewise-linear [`OffsetMap`]; chained, they
//! take an offset in the loaded text back to the decoded source. [`apply_edits`] is the
//! one way steps rewrite a text by byte ranges, so the map always matches the edit.
//!
//! Cost: `map` is a binary search, `apply_edits` is linear in the text.

use std::ops::Range;

/// Piecewise-linear map from offsets in a derived text to offsets in its source.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    /// `(derived, source)` pairs where the shift between the texts changes; sorted.
    checkpoints: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The map of an unchanged text.
    pub(crate) fn identity() -> Self {
        OffsetMap::default()
    }

    /// Record that `derived` in the new text corresponds to `source` in the old one.
    pub(crate) fn push(&mut self, derived: usize, source: usize) {
        if let Some(last) = self.checkpoints.last() {
            if derived - last.0 == source.wrapping_sub(last.1) {
                return;
            }
        } else if derived == source {
            return;
        }
        self.checkpoints.push((derived, source));
    }

    /// The source offset of a derived offset.
    pub(crate) fn map(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(d, _)| d <= offset);
        let guess = match i.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((d, s)) => s + (offset - d),
            None => offset,
        };
        // Inside a line that NFC made longer the linear guess could run past the next
        // checkpoint; clamp so that the map stays monotone.
        self.checkpoints
            .get(i)
            .map_or(guess, |&(_, next)| guess.min(next))
    }
}

/// Replace byte ranges of `text` (sorted, disjoint, on character boundaries) by short
/// replacement strings; returns the new text and the map back to `text`.
pub(crate) fn apply_edits(text: &str, edits: &[(Range<usize>, &str)]) -> (String, OffsetMap) {
    let mut map = OffsetMap::identity();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (range, replacement) in edits {
        debug_assert!(range.start >= pos && range.start <= range.end);
        out.push_str(&text[pos..range.start]);
        map.push(out.len(), range.start);
        out.push_str(replacement);
        pos = range.end;
        map.push(out.len(), pos);
    }
    out.push_str(&text[pos..]);
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_map_back_to_their_source() {
        let text = "one two\n\nthree four";
        let (out, map) = apply_edits(text, &[(3..4, ""), (7..9, " ")]);
        assert_eq!(out, "onetwo three four");
        assert_eq!(map.map(out.find("two").expect("two")), 4);
        assert_eq!(map.map(out.find("three").expect("three")), 9);
        assert_eq!(map.map(out.len()), text.len());
    }
}
