//! Paragraphs: which lines of a text belong together, and unwrapping hard line breaks.
//!
//! The layout ([`LayoutInfo`]) decides the grouping: with blank-line paragraphs (hard
//! wrapped or not) a blank line ends a paragraph; a hard-wrapped text that hardly uses
//! blank lines also ends one after a short line that ends a sentence, and before an
//! indented line when indentation marks paragraphs; with one paragraph per line every
//! line is one. Inside a paragraph each line break (with its indentation) becomes one
//! space, byte for byte, so offsets stay put; a hyphen at a line end is joined to the
//! next line (see [`HyphenMode`]), which removes bytes and leaves a checkpoint in the
//! offset map.
//!
//! Cost: linear time; the `auto` hyphen decision builds a set of the text's words once.

use std::ops::Range;

use super::layout::{Layout, LayoutInfo};
use super::lines::{char_len, ends_sentence, header_end, is_blank, line_ranges, starts_lowercase};
use super::offsets::OffsetMap;
use super::{HyphenMode, LoadNote};

/// Group the lines from `first` on into paragraphs (ranges of line indices).
fn group_lines(
    text: &str,
    lines: &[Range<usize>],
    first: usize,
    layout: &LayoutInfo,
) -> Vec<Range<usize>> {
    let blank = |i: usize| is_blank(&text[lines[i].clone()]);
    let mut groups: Vec<Range<usize>> = Vec::new();
    if layout.layout == Layout::Lines {
        for i in first..lines.len() {
            if !blank(i) {
                groups.push(i..i + 1);
            }
        }
        return groups;
    }
    let mut i = first;
    while i < lines.len() {
        if blank(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !blank(i) {
            i += 1;
        }
        groups.push(start..i);
    }
    if layout.layout == Layout::Wrapped && layout.few_blank_lines {
        groups = groups
            .into_iter()
            .flat_map(|g| split_wrapped_group(text, lines, g, layout))
            .collect();
    }
    groups
}

/// Cut a group of hard-wrapped lines at paragraph ends: after a short line that ends a
/// sentence, and before an indented line when indentation marks paragraphs.
fn split_wrapped_group(
    text: &str,
    lines: &[Range<usize>],
    group: Range<usize>,
    layout: &LayoutInfo,
) -> Vec<Range<usize>> {
    let width = layout.width.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut start = group.start;
    for i in group.start..group.end - 1 {
        let line = &text[lines[i].clone()];
        let next = &text[lines[i + 1].clone()];
        let short_end =
            char_len(line) * 10 < width * 7 && ends_sentence(line) && !starts_lowercase(next);
        let indented = |l: &str| l.starts_with([' ', '\t']);
        let indent_start = layout.indent_marks_paragraphs && indented(next) && !indented(line);
        if short_end || indent_start {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..group.end);
    out
}

/// Find paragraphs as `layout` says and unwrap hard line breaks inside them; with
/// `skip_header`, a leading block of `#` lines is not text.
pub(crate) fn paragraphs(
    text: String,
    layout: &LayoutInfo,
    skip_header: bool,
    hyphens: HyphenMode,
    notes: &mut Vec<LoadNote>,
) -> (String, Vec<Range<usize>>, OffsetMap) {
    let lines = line_ranges(&text);
    let first = if skip_header {
        header_end(&text, &lines)
    } else {
        0
    };
    let groups = group_lines(&text, &lines, first, layout);
    // Words of the text, built only when a hyphen needs the `Auto` decision.
    let mut known_words: Option<std::collections::HashSet<String>> = None;
    let mut joinable = |word: &str, text: &str| match hyphens {
        HyphenMode::Join => true,
        HyphenMode::Keep => false,
        HyphenMode::Auto => known_words
            .get_or_insert_with(|| {
                text.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .contains(word),
    };
    // Decide every line-end hyphen first (needs the whole text), then rebuild.
    let mut edits: Vec<(usize, usize, &'static str)> = Vec::new(); // (start, end, replacement)
    for group in &groups {
        for li in group.start..group.end - 1 {
            let line = &text[lines[li].clone()];
            let next = &text[lines[li + 1].clone()];
            let body = line.trim_end();
            let next_body = next.trim_start();
            let break_start = lines[li].start + body.len();
            let break_end = lines[li + 1].start + (next.len() - next_body.len());
            if let Some(stem) = body.strip_suffix('-') {
                let before = stem.chars().last();
                let after = next_body.chars().next();
                let wordish = before.is_some_and(char::is_alphabetic)
                    && after.is_some_and(char::is_lowercase);
                if wordish {
                    let head = last_word(stem);
                    let tail = first_word(next_body);
                    let joined = format!("{head}{tail}");
                    if head.chars().count() >= 2 && joinable(&joined, &text) {
                        edits.push((break_start - 1, break_end, ""));
                    } else {
                        edits.push((break_start, break_end, ""));
                    }
                    continue;
                }
            }
            // An ordinary wrap: the line break (and indentation) becomes one space when
            // it is a single newline, keeping offsets identical.
            edits.push((break_start, break_end, " "));
        }
    }
    let joined = edits
        .iter()
        .filter(|(s, _, r)| r.is_empty() && text.as_bytes()[*s] == b'-')
        .count();
    if joined > 0 {
        notes.push(LoadNote::HyphensJoined(joined));
    }
    // Rebuild the text; removed bytes leave a checkpoint in the offset map.
    let mut map = OffsetMap::identity();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for &(start, end, replacement) in &edits {
        out.push_str(&text[pos..start]);
        if !replacement.is_empty() {
            // Newlines and indentation become spaces, byte for byte: offsets kept.
            out.extend(
                text[start..end]
                    .chars()
                    .map(|c| if c == '\n' { ' ' } else { c }),
            );
        }
        pos = end;
        map.push(out.len(), pos);
    }
    out.push_str(&text[pos..]);
    // Paragraph bounds lie outside every edit: shift them by the bytes removed before.
    let mut removed = 0usize;
    let mut next_edit = 0usize;
    let mut shift = |offset: usize| -> usize {
        while next_edit < edits.len() && edits[next_edit].1 <= offset {
            let (s, e, r) = edits[next_edit];
            if r.is_empty() {
                removed += e - s;
            }
            next_edit += 1;
        }
        offset - removed
    };
    let mut paragraphs = Vec::with_capacity(groups.len());
    for group in &groups {
        let first_line = &text[lines[group.start].clone()];
        let last_line = &text[lines[group.end - 1].clone()];
        let s = lines[group.start].start + (first_line.len() - first_line.trim_start().len());
        let e = lines[group.end - 1].start + last_line.trim_end().len();
        let s = shift(s);
        let e = shift(e);
        paragraphs.push(s..e);
    }
    (out, paragraphs, map)
}

fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}
