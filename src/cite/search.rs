//! Finding a normalised quotation in a normalised text: exact (with ellipsis gaps) and
//! near (bounded edit distance).
//!
//! - [`find_exact`]: the pieces of a quotation (cut at ellipses) must occur in order,
//!   each starting and ending at a word boundary, consecutive pieces at most `max_gap`
//!   bytes apart. Leftmost-first, non-overlapping. Cost: one substring scan per piece
//!   occurrence, O(n·p) in the worst case, linear in practice.
//! - [`find_near`]: approximate substring matching (Sellers' semi-global edit distance
//!   over bytes with Ukkonen's cut-off), so a misspelt quotation still finds its place.
//!   Cost: O(n·k) on average for a distance bound k, O(n·m) worst case. Each candidate
//!   end is then given its best start and a character-level score with `strsim`
//!   (normalised Levenshtein, 1.0 = identical). Near matches are *suggestions*: the
//!   caller must never present one as the quotation's source.

use std::ops::Range;

/// Whether `at` is a word boundary of `text` (not between two alphanumeric characters).
fn is_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !matches!((before, after), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric())
}

/// Occurrences of `piece` in `text` at or after `from`, on word boundaries.
fn occurrences<'a>(text: &'a str, piece: &'a str, from: usize) -> impl Iterator<Item = usize> + 'a {
    let mut at = from;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let found = text.get(at..)?.find(piece)? + at;
            at = found + text[found..].chars().next().map_or(1, char::len_utf8);
            if is_boundary(text, found) && is_boundary(text, found + piece.len()) {
                return Some(found);
            }
        }
        None
    })
}

/// Every exact match of `pieces` (in order, gaps of at most `max_gap` bytes), as the byte
/// ranges of the pieces in `text`. At most `limit` matches.
pub fn find_exact(
    text: &str,
    pieces: &[String],
    max_gap: usize,
    limit: usize,
) -> Vec<Vec<Range<usize>>> {
    let mut matches = Vec::new();
    let Some(first) = pieces.first() else {
        return matches;
    };
    let mut from = 0;
    'outer: while matches.len() < limit {
        let Some(start) = occurrences(text, first, from).next() else {
            break;
        };
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        let mut ranges = Vec::with_capacity(pieces.len());
        ranges.push(start..start + first.len());
        for piece in &pieces[1..] {
            let prev_end = ranges.last().map_or(start, |r| r.end);
            match occurrences(text, piece, prev_end).next() {
                Some(at) if at - prev_end <= max_gap => ranges.push(at..at + piece.len()),
                _ => continue 'outer,
            }
        }
        from = ranges.last().map_or(from, |r| r.end).max(from);
        matches.push(ranges);
    }
    matches
}

/// A near match: where, and how similar (0..=1, 1 = identical).
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    /// Normalised Levenshtein similarity over characters.
    pub score: f64,
}

/// Substrings of `text` within edit distance about `max_ratio · |needle|` of `needle`,
/// best per end region, sorted by score (best first). At most `limit`.
pub fn find_near(text: &str, needle: &str, max_ratio: f64, limit: usize) -> Vec<Near> {
    let hay = text.as_bytes();
    let pat = needle.as_bytes();
    let m = pat.len();
    if m == 0 || hay.is_empty() {
        return Vec::new();
    }
    let k = ((m as f64 * max_ratio).floor() as usize).clamp(1, m);
    let cap = k + 1;
    // c[i]: edit distance of pat[..i] to the best substring of hay ending here, capped.
    let mut c: Vec<usize> = (0..=m).map(|i| i.min(cap)).collect();
    let mut lact = k.min(m);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (j, &t) in hay.iter().enumerate() {
        let top = (lact + 1).min(m);
        let mut diag = c[0];
        for i in 1..=top {
            let old = c[i];
            let cost = usize::from(pat[i - 1] != t);
            c[i] = (old + 1).min(c[i - 1] + 1).min(diag + cost).min(cap);
            diag = old;
        }
        lact = top;
        while lact > 0 && c[lact] > k {
            lact -= 1;
        }
        if lact == m {
            ends.push((j + 1, c[m]));
        }
    }
    // One candidate per run of adjacent ends: the end with the smallest distance.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (end, d) in ends {
        match candidates.last_mut() {
            Some(last) if end <= last.0 + k + 1 => {
                if d < last.1 {
                    *last = (end, d);
                }
            }
            _ => candidates.push((end, d)),
        }
    }
    let mut out: Vec<Near> = candidates
        .into_iter()
        .filter_map(|(end, _)| best_start(text, needle, end, k))
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.range.start.cmp(&b.range.start))
    });
    out.truncate(limit);
    out
}

/// [`find_near`] restricted to the parts of `text` worth searching: windows of whole
/// sentences (`starts` = sentence start offsets), at least as long as the needle plus one
/// sentence, that contain at least a third of the needle's distinct words of 4+
/// characters. A near match with a quarter of its characters wrong still keeps most
/// words intact, so this filter rarely loses one, and it skips nearly all of an
/// unrelated corpus. Cost: one substring scan per needle word, plus [`find_near`] on the
/// surviving windows.
pub fn find_near_in_sentences(
    text: &str,
    starts: &[usize],
    needle: &str,
    max_ratio: f64,
    limit: usize,
) -> Vec<Near> {
    let mut words: Vec<&str> = needle
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    words.sort_unstable();
    words.dedup();
    words.truncate(64);
    if words.is_empty() || starts.is_empty() {
        return find_near(text, needle, max_ratio, limit);
    }
    let need = words.len().div_ceil(3) as u32;
    let end_of = |i: usize| starts.get(i + 1).copied().unwrap_or(text.len());
    let masks: Vec<u64> = (0..starts.len())
        .map(|i| {
            let sentence = text.get(starts[i]..end_of(i)).unwrap_or("");
            words
                .iter()
                .enumerate()
                .filter(|(_, w)| sentence.contains(*w))
                .fold(0u64, |m, (k, _)| m | (1 << k))
        })
        .collect();
    let mut regions: Vec<Range<usize>> = Vec::new();
    for i in 0..starts.len() {
        let (mut j, mut mask) = (i, masks[i]);
        while j + 1 < starts.len() && end_of(j) - starts[i] < needle.len() {
            j += 1;
            mask |= masks[j];
        }
        if j + 1 < starts.len() {
            j += 1;
            mask |= masks[j];
        }
        if mask.count_ones() < need {
            continue;
        }
        let r = starts[i]..end_of(j);
        match regions.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => regions.push(r),
        }
    }
    let mut out: Vec<Near> = Vec::new();
    for r in regions {
        let Some(part) = text.get(r.clone()) else {
            continue;
        };
        for mut n in find_near(part, needle, max_ratio, limit) {
            n.range = n.range.start + r.start..n.range.end + r.start;
            out.push(n);
        }
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.range.start.cmp(&b.range.start))
    });
    out.truncate(limit);
    out
}

/// The start that makes `text[start..end]` most similar to `needle`.
fn best_start(text: &str, needle: &str, end: usize, k: usize) -> Option<Near> {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let m = needle.len();
    let lo = end.saturating_sub(m + k);
    let hi = end.saturating_sub(m.saturating_sub(k));
    let mut best: Option<Near> = None;
    for start in lo..=hi.min(end) {
        if !text.is_char_boundary(start) {
            continue;
        }
        let cand = &text[start..end];
        let score = strsim::normalized_levenshtein(cand, needle);
        let better = best
            .as_ref()
            .is_none_or(|b| score > b.score || (score == b.score && is_boundary(text, start)));
        if better {
            best = Some(Near {
                range: start..end,
                score,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn exact_single_piece_on_word_boundaries() {
        let text = "the revolutionary and the revolution.";
        let m = find_exact(text, &p(&["revolution"]), 100, 10);
        assert_eq!(m, vec![vec![26..36]]);
    }

    #[test]
    fn ellipsis_pieces_in_order_within_the_gap() {
        let text =
            "since the crisis cuban leaders at all levels have avoided us and the delegations";
        let m = find_exact(text, &p(&["since the crisis", "avoided us"]), 100, 10);
        assert_eq!(m.len(), 1);
        assert_eq!(&text[m[0][1].clone()], "avoided us");
        // Out of order: no match.
        assert!(find_exact(text, &p(&["avoided us", "since the crisis"]), 100, 10).is_empty());
        // Gap too long: no match.
        assert!(find_exact(text, &p(&["since the crisis", "avoided us"]), 10, 10).is_empty());
    }

    #[test]
    fn retries_later_first_pieces() {
        let text = "a b x. a b c d";
        let m = find_exact(text, &p(&["a b", "d"]), 3, 10);
        assert_eq!(m, vec![vec![7..10, 13..14]]);
    }

    #[test]
    fn several_matches_are_all_found() {
        let text = "tekintettel arra, hogy x. tekintettel arra, hogy y.";
        assert_eq!(
            find_exact(text, &p(&["tekintettel arra, hogy"]), 10, 10).len(),
            2
        );
        assert_eq!(
            find_exact(text, &p(&["tekintettel arra, hogy"]), 10, 1).len(),
            1
        );
    }

    #[test]
    fn near_finds_a_misspelt_phrase_and_ranks_it() {
        let text =
            "before the crisis. since the crisis cuban leaders at all levels have avoided us.";
        let near = find_near(
            text,
            "since the crises cuban leaders have avoided us",
            0.25,
            5,
        );
        assert!(!near.is_empty());
        let best = &near[0];
        assert!(best.score > 0.7 && best.score < 1.0, "{best:?}");
        assert!(
            text[best.range.clone()].starts_with("since the crisis"),
            "{best:?}"
        );
    }

    #[test]
    fn sentence_filter_agrees_with_the_full_search() {
        let sentences = [
            "before the crisis they talked openly.",
            "it was so with the delegates.",
            "since the crisis cuban leaders at all levels have avoided us and the delegations.",
            "if there is a conversation, it is formal and empty.",
        ];
        let text = sentences.join(" ");
        let mut starts = Vec::new();
        let mut at = 0;
        for s in sentences {
            starts.push(at);
            at += s.len() + 1;
        }
        for needle in [
            "since the crises cuban leaders have avoided us",
            "delegations. if there is a conversaton",
            "it is formall and empty",
        ] {
            let full = find_near(&text, needle, 0.25, 3);
            let filtered = find_near_in_sentences(&text, &starts, needle, 0.25, 3);
            assert!(!full.is_empty(), "{needle}");
            assert_eq!(filtered.first(), full.first(), "{needle}");
        }
        assert!(
            find_near_in_sentences(&text, &starts, "wholly unrelated wording here", 0.25, 3)
                .is_empty()
        );
    }

    #[test]
    fn near_ignores_unrelated_text() {
        let text = "the quick brown fox jumps over the lazy dog";
        assert!(find_near(text, "completely different words here", 0.25, 5).is_empty());
    }

    #[test]
    fn near_is_safe_on_multibyte_text() {
        let text = "a kubai vezetők kerülnek bennünket, és a küldöttségeket is";
        let near = find_near(text, "vezetok kerulnek bennunket", 0.3, 5);
        assert!(!near.is_empty());
        assert!(text[near[0].range.clone()].contains("kerülnek"));
    }
}
