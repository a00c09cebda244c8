//! Page furniture: running headers and footers, page numbers and page breaks in text
//! copied or extracted from a paginated document (PDF, printout), found and taken out
//! of the text that is split and aligned.
//!
//! - **Page numbers**: lines holding only a page number: `12`, `- 12 -`, `12. oldal`,
//!   `Page 12`, `Page 12 of 40`, `12/40`, `Seite 12`, `p. 12` (a bare number has at most
//!   three digits: `1963` alone is a year).
//! - **Running heads**: short lines (≤ 100 characters) that recur on many pages, with or
//!   without a page number in them (digits are ignored when lines are compared).
//! - **Page breaks**: form feeds.
//!
//! With form feeds the pages are known: a page-number line or a recurring line among
//! the first or last three lines of a page is furniture (page numbers must agree with
//! the page count up to a constant offset; a recurring line must stand at the same place
//! on at least a quarter of the pages). Without them the pages are inferred: page
//! numbers must form a sequence (+1 or +2 per step) at a regular interval of 10 to 150
//! lines (at
//! least half the steps one page long, none longer; a page may be short), and a
//! recurring line must recur mostly one page apart (four pages at most, a third of one
//! at least; at least three times a page apart; one or two pages when page numbers
//! give the page length). A chapter number or a repeated heading that recurs irregularly is
//! text. A text without furniture is left byte for byte as it was.
//!
//! Taking furniture out, a paragraph broken by a page break is rejoined: the lines
//! around the break are joined when the text before it does not end a paragraph (the
//! next line starts in lower case, or the last line before the break is full width or
//! does not end a sentence); otherwise a paragraph break is kept.
//!
//! Cost: linear in the number of lines (a hash map of short lines).

use std::collections::HashMap;
use std::ops::Range;

use super::layout::{Layout, LayoutInfo};
use super::lines::{char_len, ends_sentence, is_blank, starts_lowercase};
use super::normalise::FORM_FEED;

/// What kind of page furniture a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FurnitureKind {
    /// A line holding only a page number.
    PageNumber,
    /// A running header or footer.
    RunningHead,
    /// A line holding only a form feed.
    PageBreak,
}

impl FurnitureKind {
    /// Name as used in alignment files.
    pub fn name(self) -> &'static str {
        match self {
            FurnitureKind::PageNumber => "page-number",
            FurnitureKind::RunningHead => "running-head",
            FurnitureKind::PageBreak => "page-break",
        }
    }
}

/// One line of page furniture taken out of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    /// What it is.
    pub kind: FurnitureKind,
    /// 1-based line number in the file.
    pub line: usize,
    /// Byte range of the line in the decoded source (for UTF-8 files: in the file,
    /// after a BOM).
    pub range: Range<usize>,
    /// The line, trimmed, without form feeds.
    pub text: String,
}

/// Longest line (in characters) that may be a running head.
const MAX_HEAD_CHARS: usize = 100;
/// Lines at each end of a page where furniture may stand.
const EDGE_LINES: usize = 3;
/// Shortest and longest page, in lines, that the rhythm of a text without form feeds
/// may show (a printed page holds some 25 to 80 lines; extraction adds blank ones).
const PAGE_LINES: std::ops::RangeInclusive<f64> = 10.0..=150.0;

/// The furniture lines among `lines[first..]`, by line index, in order.
pub(crate) fn detect(
    text: &str,
    lines: &[Range<usize>],
    first: usize,
) -> Vec<(usize, FurnitureKind)> {
    let line = |i: usize| &text[lines[i].clone()];
    let mut found: Vec<(usize, FurnitureKind)> = Vec::new();
    let has_ff = (first..lines.len()).any(|i| line(i).contains(FORM_FEED));
    if has_ff {
        found.extend(detect_paged(text, lines, first));
    } else {
        found.extend(detect_unpaged(text, lines, first));
    }
    for i in first..lines.len() {
        if line(i).contains(FORM_FEED) && is_blank(line(i)) {
            found.push((i, FurnitureKind::PageBreak));
        }
    }
    found.sort_unstable_by_key(|&(i, _)| i);
    found.dedup_by_key(|&mut (i, _)| i);
    found
}

/// A page number alone on a line, in the usual forms.
pub(crate) fn page_number(line: &str) -> Option<u32> {
    // The longest form, `Seite 1234 von 5678`, has 19 characters.
    if line.trim().len() > 32 {
        return None;
    }
    let s = line.replace(FORM_FEED, " ").to_lowercase();
    let s = s.trim();
    let dashed = s.trim_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace());
    let number = |w: &str| -> Option<u32> {
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    // A bare number of four digits is more likely a year than a page.
    if let Some(n) = number(dashed).filter(|_| dashed.len() <= 3) {
        return Some(n);
    }
    if let Some((a, b)) = s.split_once('/') {
        if let (Some(a), Some(b)) = (number(a.trim()), number(b.trim())) {
            return (a <= b).then_some(a);
        }
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [label, n] if matches!(*label, "page" | "p." | "seite" | "oldal" | "page:") => number(n),
        [label, n, of, _]
            if matches!(*label, "page" | "seite") && matches!(*of, "of" | "von" | "/") =>
        {
            number(n)
        }
        [n, label] if matches!(*label, "oldal" | "old." | "o.") => number(n.strip_suffix('.')?),
        _ => None,
    }
}

/// Digits folded to `#`, lower case, single spaces: running heads compare equal with
/// their page numbers changing. A hash of that form, without building it (every line
/// of a book is hashed); `None` for lines too long or with fewer than two letters.
fn head_key(line: &str) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let trimmed = line.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty()
        || trimmed.len() > 4 * MAX_HEAD_CHARS
        || char_len(trimmed) > MAX_HEAD_CHARS
    {
        return None;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut letters = 0usize;
    let mut last_digit = false;
    for (k, word) in trimmed.split_whitespace().enumerate() {
        if k > 0 {
            ' '.hash(&mut hasher);
            last_digit = false;
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_digit() {
                if !last_digit {
                    '#'.hash(&mut hasher);
                }
                last_digit = true;
            } else {
                letters += usize::from(c.is_alphabetic());
                c.hash(&mut hasher);
                last_digit = false;
            }
        }
    }
    (letters >= 2).then(|| hasher.finish())
}

/// Pages known from form feeds.
fn detect_paged(text: &str, lines: &[Range<usize>], first: usize) -> Vec<(usize, FurnitureKind)> {
    let line = |i: usize| &text[lines[i].clone()];
    // Pages as lists of non-blank line indices. A form feed before any text on a line
    // starts a new page at that line; one after text starts it at the next line.
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    for i in first..lines.len() {
        let l = line(i);
        let ff_first = l.find(FORM_FEED);
        let leading_ff = ff_first.is_some_and(|p| is_blank(&l[..p]));
        if leading_ff && !pages.last().is_some_and(Vec::is_empty) {
            pages.push(Vec::new());
        }
        if let Some(page) = pages.last_mut().filter(|_| !is_blank(l)) {
            page.push(i);
        }
        if ff_first.is_some() && !leading_ff {
            pages.push(Vec::new());
        }
    }
    let edges = |page: &Vec<usize>| -> Vec<usize> {
        let mut e: Vec<usize> = page.iter().take(EDGE_LINES).copied().collect();
        e.extend(page.iter().rev().take(EDGE_LINES).copied());
        e.sort_unstable();
        e.dedup();
        e
    };
    let mut found = Vec::new();
    // Page numbers: on an edge, agreeing with the page index up to a common offset.
    let candidates: Vec<(usize, i64)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            edges(page)
                .into_iter()
                .filter_map(move |i| page_number(line(i)).map(|n| (i, i64::from(n) - p as i64)))
        })
        .collect();
    if let Some(offset) = mode(candidates.iter().map(|&(_, o)| o)) {
        for &(i, o) in &candidates {
            if (o - offset).abs() <= 1 {
                found.push((i, FurnitureKind::PageNumber));
            }
        }
    }
    // Running heads: the same line at the same place (k-th line from the top or the
    // bottom) of many pages.
    let mut pages_of: HashMap<(u64, i64), Vec<usize>> = HashMap::new();
    for page in &pages {
        for (k, &i) in page.iter().enumerate() {
            let from_bottom = page.len() - k;
            let place = if k < EDGE_LINES {
                k as i64
            } else if from_bottom <= EDGE_LINES {
                -(from_bottom as i64)
            } else {
                continue;
            };
            if found.iter().any(|&(j, _)| j == i) {
                continue;
            }
            if let Some(key) = head_key(line(i)) {
                pages_of.entry((key, place)).or_default().push(i);
            }
        }
    }
    let needed = 2.max(pages.len().div_ceil(4));
    for at in pages_of.values() {
        if at.len() >= needed {
            found.extend(at.iter().map(|&i| (i, FurnitureKind::RunningHead)));
        }
    }
    found
}

/// No form feeds: page numbers in a regular sequence, lines recurring regularly.
fn detect_unpaged(text: &str, lines: &[Range<usize>], first: usize) -> Vec<(usize, FurnitureKind)> {
    let line = |i: usize| &text[lines[i].clone()];
    let mut found = Vec::new();
    // Page numbers: link each to the next candidate that is 1 or 2 pages on, a
    // plausible page length away; keep chains of 3 or more at a regular interval.
    let numbers: Vec<(usize, u32)> = (first..lines.len())
        .filter_map(|i| page_number(line(i)).map(|n| (i, n)))
        .collect();
    let mut page_length: Option<f64> = None;
    let mut next: Vec<Option<usize>> = vec![None; numbers.len()];
    let mut has_prev = vec![false; numbers.len()];
    for a in 0..numbers.len() {
        let (ia, na) = numbers[a];
        for b in a + 1..numbers.len().min(a + 5) {
            let (ib, nb) = numbers[b];
            let pages = f64::from(nb.saturating_sub(na));
            if matches!(nb.checked_sub(na), Some(1 | 2))
                && (ib - ia) as f64 <= pages * PAGE_LINES.end()
            {
                next[a] = Some(b);
                has_prev[b] = true;
                break;
            }
        }
    }
    for start in (0..numbers.len()).filter(|&a| !has_prev[a]) {
        let mut chain = vec![start];
        while let Some(b) = next[*chain.last().unwrap_or(&start)] {
            chain.push(b);
        }
        if chain.len() < 3 {
            continue;
        }
        let steps: Vec<f64> = chain
            .windows(2)
            .map(|w| {
                let ((ia, na), (ib, nb)) = (numbers[w[0]], numbers[w[1]]);
                (ib - ia) as f64 / f64::from(nb - na)
            })
            .collect();
        let period = median(&steps);
        let tolerance = (period / 6.0).max(3.0);
        // Pages may come out shorter (a chapter's last page, the last page), never longer.
        let full = steps
            .iter()
            .filter(|s| (*s - period).abs() <= tolerance)
            .count();
        let longer = steps.iter().any(|s| *s > period + tolerance);
        if PAGE_LINES.contains(&period) && full * 2 >= steps.len() && !longer {
            found.extend(
                chain
                    .iter()
                    .map(|&k| (numbers[k].0, FurnitureKind::PageNumber)),
            );
            page_length.get_or_insert(period);
        }
    }
    // Running heads: a short line recurring at a regular interval of lines.
    let mut occurrences: HashMap<u64, Vec<usize>> = HashMap::new();
    for i in first..lines.len() {
        if page_number(line(i)).is_some() {
            continue;
        }
        if let Some(key) = head_key(line(i)) {
            occurrences.entry(key).or_default().push(i);
        }
    }
    for at in occurrences.values().filter(|at| at.len() >= 3) {
        let gaps: Vec<f64> = at.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
        let period = median(&gaps);
        if !PAGE_LINES.contains(&period) {
            continue;
        }
        let tolerance = (period / 6.0).max(3.0);
        // Most gaps are one page; a page may lack its head (up to four pages between
        // occurrences) or be short (down to a third of a page).
        let fits = |g: f64| g >= period / 3.0 && g <= 4.0 * period + tolerance;
        let single = gaps
            .iter()
            .filter(|&&g| (g - period).abs() <= tolerance)
            .count();
        let fitting = gaps.iter().filter(|&&g| fits(g)).count();
        // With page numbers found, a head recurs every page or every other page.
        let paged_alike = page_length.is_none_or(|p| {
            (period - p).abs() <= tolerance || (period - 2.0 * p).abs() <= tolerance
        });
        if single < 2 || single * 2 < gaps.len() || fitting * 5 < gaps.len() * 4 || !paged_alike {
            continue;
        }
        // Only the occurrences that keep the rhythm (a title also used in the text stays).
        for (k, &i) in at.iter().enumerate() {
            let before = k.checked_sub(1).is_some_and(|j| fits(gaps[j]));
            let after = gaps.get(k).is_some_and(|&g| fits(g));
            if before || after {
                found.push((i, FurnitureKind::RunningHead));
            }
        }
    }
    found
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn mode(values: impl Iterator<Item = i64>) -> Option<i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, std::cmp::Reverse(v)))
        .map(|(v, _)| v)
}

/// The edits that take the furniture out (and every other form feed), and how many
/// paragraphs were rejoined across a page break.
pub(crate) fn removal_edits(
    text: &str,
    lines: &[Range<usize>],
    first: usize,
    furniture: &[(usize, FurnitureKind)],
    layout: &LayoutInfo,
) -> (Vec<(Range<usize>, &'static str)>, usize) {
    let line = |i: usize| &text[lines[i].clone()];
    let mut removable = vec![false; lines.len()];
    for &(i, _) in furniture {
        removable[i] = true;
    }
    let mut edits: Vec<(Range<usize>, &'static str)> = Vec::new();
    let mut rejoined = 0usize;
    // Header lines (`#` provenance) hold no furniture, but a form feed in them goes too.
    for header in lines.iter().take(first) {
        let l = &text[header.clone()];
        for (p, _) in l.match_indices(FORM_FEED) {
            let edge = is_blank(&l[..p]) || is_blank(&l[p + 1..]);
            let at = header.start + p;
            edits.push((at..at + 1, if edge { "" } else { " " }));
        }
    }
    // Zones: runs of furniture and blank lines around each furniture line.
    let mut i = first;
    let mut covered_until = 0usize; // bytes already inside an edit
    while i < lines.len() {
        if !removable[i] {
            // A form feed on a text line: drop it (a space inside a line).
            let l = line(i);
            for (p, _) in l.match_indices(FORM_FEED) {
                let at = lines[i].start + p;
                if at < covered_until {
                    continue;
                }
                let edge = is_blank(&l[..p]) || is_blank(&l[p + 1..]);
                edits.push((at..at + 1, if edge { "" } else { " " }));
            }
            i += 1;
            continue;
        }
        let mut a = i;
        while a > first && is_blank(line(a - 1)) && !removable[a - 1] {
            a -= 1;
        }
        let mut b = i;
        while b < lines.len() && (removable[b] || is_blank(line(b))) {
            b += 1;
        }
        let before = (a > first).then(|| a - 1);
        let after = (b < lines.len()).then_some(b);
        // Blank lines before the zone may already be inside the previous edit.
        let (start, replacement) = match (before, after) {
            (Some(p), Some(n)) => {
                let joined = continues(line(p), line(n), layout);
                if joined {
                    rejoined += 1;
                }
                let glue = match (joined, layout.layout) {
                    (true, Layout::Lines) => " ",
                    (true, _) => "\n",
                    (false, _) => "\n\n",
                };
                (lines[p].end, glue)
            }
            (None, Some(_)) => (lines[a].start, ""),
            (_, None) => (lines[a].start.saturating_sub(1).max(lines[first].start), ""),
        };
        let end = after.map_or(text.len(), |n| lines[n].start);
        let start = start.max(covered_until);
        edits.push((start..end, replacement));
        covered_until = end;
        i = b;
    }
    edits.sort_by_key(|(r, _)| r.start);
    (edits, rejoined)
}

/// Whether the paragraph of `before` continues on the line `after`, across a page break.
fn continues(before: &str, after: &str, layout: &LayoutInfo) -> bool {
    if starts_lowercase(after) {
        return true;
    }
    match (layout.layout, layout.width) {
        (Layout::Wrapped, Some(width)) => {
            let len = char_len(before);
            len * 10 >= width * 8 || (!ends_sentence(before) && len * 2 >= width)
        }
        _ => !ends_sentence(before),
    }
}

#[cfg(test)]
mod tests;
