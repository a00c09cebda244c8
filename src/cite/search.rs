//! Finding a normalised quotation in a normalised text: exact (with ellipsis gaps) and
//! near (bounded edit distance).
//!
//! - [`find_exact`]: the pieces of a quotation (cut at ellipses) must occur in order,
//!   each starting and ending at a word boundary, consecutive pieces at most `max_gap`
//!   bytes apart. Leftmost-first, non-overlapping. Cost: one substring scan for the
//!   first piece; each later piece is looked for only within `max_gap` of the one
//!   before, so O(n + occurrences · max_gap), never O(n²).
//! - [`find_near`]: approximate substring matching (semi-global edit distance over
//!   characters), so a misspelt quotation still finds its place. The distance matrix is
//!   computed 64 rows at a time in machine words (Myers' bit-parallel algorithm in
//!   Hyyrö's block form), so a scan costs O(n · ⌈m/64⌉) for a text of n and a quotation
//!   of m characters: linear in the text, and for quotations up to a few thousand
//!   characters nearly linear in their length too. Each candidate end gets its best
//!   start from one more bit-parallel pass backwards over at most m + k characters, and
//!   a score of 1 − distance / longer length (normalised Levenshtein over characters,
//!   1.0 = identical). A quotation longer than [`MAX_NEAR_CHARS`] is searched by its
//!   first [`MAX_NEAR_CHARS`] characters (a cubic search, as an earlier version did,
//!   took 5 s for a 2,000-character misquote). Near matches are *suggestions*: the
//!   caller must never present one as the quotation's source.
//!
//! No crate was used for the bit-parallel matcher: those for approximate search either
//! handle only short patterns (≤ 64 bytes, or a naive fallback above), need a newer Rust
//! than tandem's, or come with a large bioinformatics dependency tree.

use std::collections::HashMap;
use std::ops::Range;

/// Longest quotation (characters) the near search uses; a longer one is searched by
/// its beginning.
pub const MAX_NEAR_CHARS: usize = 4096;

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
            // Only within the gap: a scan to the end of the text for every occurrence
            // of the first piece would be quadratic.
            let mut window_end = prev_end
                .saturating_add(max_gap)
                .saturating_add(piece.len())
                .min(text.len());
            while !text.is_char_boundary(window_end) {
                window_end -= 1;
            }
            let window = &text[..window_end];
            match occurrences(window, piece, prev_end).next() {
                Some(at) if at - prev_end <= max_gap && is_boundary(text, at + piece.len()) => {
                    ranges.push(at..at + piece.len())
                }
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

/// A quotation prepared for bit-parallel matching: for each of its characters, the bit
/// vector of the positions where it occurs, in blocks of 64.
struct Pattern {
    /// Characters of the pattern, each mapped to its row in `peq` (0 = any other).
    alphabet: HashMap<char, usize>,
    /// `peq[row * blocks + b]`: bits of block `b` where the pattern has that character.
    peq: Vec<u64>,
    blocks: usize,
    /// Number of characters.
    len: usize,
}

impl Pattern {
    fn new(chars: &[char]) -> Self {
        let blocks = chars.len().div_ceil(64).max(1);
        let mut alphabet: HashMap<char, usize> = HashMap::new();
        for &c in chars {
            let next = alphabet.len() + 1;
            alphabet.entry(c).or_insert(next);
        }
        let mut peq = vec![0u64; (alphabet.len() + 1) * blocks];
        for (i, c) in chars.iter().enumerate() {
            let row = alphabet[c];
            peq[row * blocks + i / 64] |= 1 << (i % 64);
        }
        Pattern {
            alphabet,
            peq,
            blocks,
            len: chars.len(),
        }
    }

    /// Run the semi-global edit distance of the whole pattern over `text`, given as
    /// `(tag, character)` pairs: after each character, `f(tag, d)` with the smallest
    /// distance `d` of the pattern to a substring ending there. With `anchored`,
    /// substrings must start at the first character instead (so `d` is the distance to
    /// the whole prefix read so far).
    fn scan(
        &self,
        text: impl Iterator<Item = (usize, char)>,
        anchored: bool,
        mut f: impl FnMut(usize, usize),
    ) {
        let blocks = self.blocks;
        let mut pv = vec![u64::MAX; blocks];
        let mut mv = vec![0u64; blocks];
        // The last row of the last block is the pattern's last character.
        let last_bit = 1u64 << ((self.len - 1) % 64);
        let mut score = self.len;
        for (tag, c) in text {
            let row = self.alphabet.get(&c).copied().unwrap_or(0);
            let eqs = &self.peq[row * blocks..(row + 1) * blocks];
            // The horizontal delta entering the top block: 0 above a free start, +1
            // when the match must start at the text's first character.
            let mut hin: i32 = i32::from(anchored);
            for b in 0..blocks {
                let high = if b + 1 == blocks { last_bit } else { 1 << 63 };
                let (p, m, hout) = step(pv[b], mv[b], eqs[b], hin, high);
                pv[b] = p;
                mv[b] = m;
                hin = hout;
            }
            score = score.saturating_add_signed(hin as isize);
            f(tag, score);
        }
    }
}

/// One column step of one 64-row block (Myers 1999; Hyyrö 2003): the vertical deltas
/// `pv`/`mv` of the block, the match bits `eq` of the text character, the horizontal
/// delta `hin` entering the block from above. Returns the new vertical deltas and the
/// horizontal delta leaving the block at bit `high` (its last row).
#[inline]
fn step(pv: u64, mv: u64, eq: u64, hin: i32, high: u64) -> (u64, u64, i32) {
    let hin_neg = u64::from(hin < 0);
    let xv = eq | mv;
    let eq = eq | hin_neg;
    let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
    let mut ph = mv | !(xh | pv);
    let mut mh = pv & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph = (ph << 1) | u64::from(hin > 0);
    mh = (mh << 1) | hin_neg;
    (mh | !(xv | ph), ph & xv, hout)
}

/// Substrings of `text` within edit distance `max_ratio · |needle|` (characters) of
/// `needle`, best per end region, sorted by score (best first). At most `limit`. A needle
/// longer than [`MAX_NEAR_CHARS`] characters is cut to that many.
pub fn find_near(text: &str, needle: &str, max_ratio: f64, limit: usize) -> Vec<Near> {
    let needle: Vec<char> = needle.chars().take(MAX_NEAR_CHARS).collect();
    let m = needle.len();
    if m == 0 || text.is_empty() || limit == 0 {
        return Vec::new();
    }
    let k = ((m as f64 * max_ratio).floor() as usize).clamp(1, m);
    let pattern = Pattern::new(&needle);
    // One candidate per run of ends within reach of each other: the end with the
    // smallest distance. (byte end, character count, distance)
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    let mut count = 0usize;
    let chars = text.char_indices().map(|(at, c)| (at + c.len_utf8(), c));
    pattern.scan(chars, false, |end, d| {
        count += 1;
        if d > k {
            return;
        }
        match candidates.last_mut() {
            Some(last) if count <= last.1 + k + 1 => {
                if d < last.2 {
                    *last = (end, count, d);
                }
            }
            _ => candidates.push((end, count, d)),
        }
    });
    // Starts only for the best few: each costs a pass over m + k characters.
    candidates.sort_by_key(|&(end, _, d)| (d, end));
    candidates.truncate(limit.saturating_mul(4));
    let reversed = Pattern::new(&needle.iter().rev().copied().collect::<Vec<_>>());
    let mut out: Vec<Near> = candidates
        .into_iter()
        .map(|(end, _, _)| best_start(text, end, &reversed, k))
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.range.start.cmp(&b.range.start))
    });
    out.dedup_by(|a, b| a.range == b.range);
    out.truncate(limit);
    out
}

/// The start that makes `text[start..end]` most similar to the pattern (`reversed`: the
/// needle backwards), searching back at most m + k characters: one anchored
/// bit-parallel pass over the text read backwards from `end`.
fn best_start(text: &str, end: usize, reversed: &Pattern, k: usize) -> Near {
    let m = reversed.len;
    let mut best: Option<(f64, bool, usize)> = None; // (score, on a boundary, start)
    let mut len = 0usize;
    let backwards = text[..end].char_indices().rev().take(m + k);
    reversed.scan(backwards, true, |start, d| {
        len += 1;
        let score = 1.0 - d as f64 / m.max(len) as f64;
        let boundary = is_boundary(text, start);
        let better = best.is_none_or(|(s, b, _)| score > s || (score == s && boundary && !b));
        if better {
            best = Some((score, boundary, start));
        }
    });
    let (score, _, start) = best.unwrap_or((0.0, false, end));
    Near {
        range: start..end,
        score: score.max(0.0),
    }
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

    /// The semi-global (or anchored) edit distance at every end, the plain way.
    fn naive_distances(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &t) in text.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; m + 1];
            for i in 1..=m {
                let cost = usize::from(pattern[i - 1] != t);
                next[i] = (col[i] + 1).min(next[i - 1] + 1).min(col[i - 1] + cost);
            }
            out.push(next[m]);
            col = next;
        }
        out
    }

    proptest::proptest! {
        /// The bit-parallel scan agrees with the plain dynamic program, for patterns of
        /// one block and of several (up to 150 characters), on small alphabets (many
        /// matches) with accents.
        #[test]
        fn bit_parallel_distances_agree_with_the_plain_ones(
            pattern in "[abcő ]{1,150}",
            text in "[abcő ]{0,200}",
            anchored in proptest::bool::ANY,
        ) {
            let p: Vec<char> = pattern.chars().collect();
            let t: Vec<char> = text.chars().collect();
            let mut fast = Vec::new();
            Pattern::new(&p).scan(t.iter().copied().enumerate(), anchored, |_, d| fast.push(d));
            proptest::prop_assert_eq!(fast, naive_distances(&p, &t, anchored));
        }
    }

    /// A misquotation of 2,000 characters (issue 16: 5 s with the old cubic search) is
    /// found, and a longer one is searched by its first MAX_NEAR_CHARS characters.
    #[test]
    fn long_misquotations_are_found() {
        let sentence = "the committee noted that the delegation had not replied to the letter of the ministry. ";
        let text = sentence.repeat(60);
        let quote: String = text[..2000]
            .replace("committee", "comittee")
            .replace("letter", "leter");
        let near = find_near(&text, &quote, 0.25, 3);
        assert!(!near.is_empty());
        assert!(near[0].score > 0.95, "{:?}", near[0]);
        let long = text.repeat(2);
        let near = find_near(&long, &long[..long.len() - 10], 0.25, 1);
        assert_eq!(near.len(), 1);
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
