//! Layout detection: how a plain text marks its paragraphs, decided per document from
//! line-length statistics.
//!
//! Three layouts are common:
//! - **wrapped**: lines broken at a fixed width (mail, Project Gutenberg, text
//!   extracted from PDFs); most lines that are followed by another are nearly as long
//!   as the longest, and a line break often falls inside a sentence (the next line starts
//!   in lower case, or the line does not end a sentence);
//! - **blank-lines**: paragraphs separated by blank lines, each on one line or a few;
//! - **lines**: one paragraph per line and (almost) no blank lines (the web, CAT tools,
//!   EUR-Lex); lines vary in length and rarely break inside a sentence.
//!
//! Wrapped and blank-line texts are read the same way (a blank line ends a paragraph,
//! line breaks inside one are unwrapped), except that a wrapped text that hardly uses
//! blank lines also ends paragraphs at short lines that end a sentence and, when lines
//! are indented now and then, before an indented line. A text of one paragraph per line
//! makes every line a paragraph. A text with fewer than three pairs of adjacent lines
//! is read as blank-line paragraphs (nothing to tell them apart by). `--layout`
//! overrides the decision.
//!
//! Cost: linear in the number of lines, plus sorting the line lengths.

use std::ops::Range;

use super::lines::{char_len, ends_sentence, is_blank, starts_lowercase};

/// How a text's paragraphs are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Hard-wrapped lines; paragraphs end at blank lines (and, when blank lines are
    /// rare, at short lines that end a sentence).
    Wrapped,
    /// Paragraphs separated by blank lines.
    #[default]
    BlankLines,
    /// One paragraph per line.
    Lines,
    /// One sentence per line exactly as given (`--presplit`).
    Presplit,
    /// Paragraphs from the structure of a DOCX, ODT or HTML document.
    Structure,
}

impl Layout {
    /// Name as used on the command line and in alignment files.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Wrapped => "wrapped",
            Layout::BlankLines => "blank-lines",
            Layout::Lines => "lines",
            Layout::Presplit => "presplit",
            Layout::Structure => "structure",
        }
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The layout of a text and the facts paragraph building needs.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInfo {
    /// The layout used.
    pub layout: Layout,
    /// Whether it was detected (not forced with `--layout`).
    pub detected: bool,
    /// The wrap width in characters (the 90th percentile of line lengths), when the
    /// text has at least two non-blank lines.
    pub width: Option<usize>,
    /// Non-blank lines looked at.
    pub lines: usize,
    /// Blank lines are rare (fewer than one per 12 lines of text): they do not mark
    /// every paragraph.
    pub few_blank_lines: bool,
    /// Some lines, but not most, are indented: indentation starts a paragraph.
    pub indent_marks_paragraphs: bool,
}

impl LayoutInfo {
    /// The info of a document whose paragraphs are given (structure or presplit).
    pub(crate) fn given(layout: Layout) -> Self {
        LayoutInfo {
            layout,
            detected: false,
            width: None,
            lines: 0,
            few_blank_lines: false,
            indent_marks_paragraphs: false,
        }
    }
}

/// Detect the layout of the lines from `first` on, ignoring lines for which `skip`
/// is true (page furniture); `forced` overrides the decision but not the statistics.
pub(crate) fn detect(
    text: &str,
    lines: &[Range<usize>],
    first: usize,
    skip: &dyn Fn(usize) -> bool,
    forced: Option<Layout>,
) -> LayoutInfo {
    let seq: Vec<&str> = (first..lines.len())
        .filter(|&i| !skip(i))
        .map(|i| &text[lines[i].clone()])
        .collect();
    let mut lengths: Vec<usize> = seq
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| char_len(l))
        .collect();
    let nonblank = lengths.len();
    lengths.sort_unstable();
    let width = (nonblank >= 2).then(|| lengths[(nonblank * 9 / 10).min(nonblank - 1)]);
    // Pairs of adjacent non-blank lines, and blank runs between non-blank lines.
    let (mut adjacent, mut separators) = (0usize, 0usize);
    let (mut full, mut ends, mut lower) = (0usize, 0usize, 0usize);
    let mut seen_text = false;
    let mut in_blank = false;
    for (k, line) in seq.iter().enumerate() {
        if is_blank(line) {
            in_blank = seen_text;
            continue;
        }
        if in_blank {
            separators += 1;
            in_blank = false;
        }
        seen_text = true;
        let Some(next) = seq.get(k + 1).filter(|n| !is_blank(n)) else {
            continue;
        };
        adjacent += 1;
        let w = width.unwrap_or(0);
        if char_len(line) * 10 >= w * 6 {
            full += 1;
        }
        if ends_sentence(line) {
            ends += 1;
        } else if starts_lowercase(next) {
            lower += 1;
        }
    }
    let indented = seq
        .iter()
        .filter(|l| !is_blank(l) && l.starts_with([' ', '\t']))
        .count();
    let frac = |n: usize| n as f64 / adjacent.max(1) as f64;
    let wrapped = adjacent >= 3
        && width.is_some_and(|w| (12..=300).contains(&w))
        && frac(full) >= 0.6
        && (frac(lower) >= 0.2 || frac(ends) < 0.5);
    let layout = if wrapped {
        Layout::Wrapped
    } else if adjacent < 3 || separators * 2 >= adjacent {
        // Too few adjacent lines to tell (unwrapping them is the safe reading), or
        // blank lines mark the paragraphs.
        Layout::BlankLines
    } else {
        Layout::Lines
    };
    let indent_share = indented as f64 / nonblank.max(1) as f64;
    LayoutInfo {
        layout: forced.unwrap_or(layout),
        detected: forced.is_none(),
        width,
        lines: nonblank,
        few_blank_lines: nonblank >= 12 * (separators + 1),
        indent_marks_paragraphs: (0.02..0.4).contains(&indent_share),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::lines::line_ranges;

    fn layout_of(text: &str) -> LayoutInfo {
        let lines = line_ranges(text);
        detect(text, &lines, 0, &|_| false, None)
    }

    /// A paragraph of `words` words hard-wrapped at `width` columns.
    fn wrap(words: &[&str], width: usize) -> String {
        let mut out = String::new();
        let mut line = String::new();
        for w in words {
            if !line.is_empty() && line.len() + 1 + w.len() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        out.push_str(&line);
        out.push('\n');
        out
    }

    const PROSE: &str = "The wind came down from the black Welsh hills in the afternoon, and it \
        told the world that winter was coming from the north. The rivers were already moving \
        with a quiet roar of ice. It was a sad grey day, a day of unrest and of discontent. \
        The soft and gentle elegy of the breeze seemed to bid farewell to something merry. \
        But in the fields the heavy horses stamped nervously, and the small brown birds flew \
        in fours and fives from one tree to another and back again.";

    #[test]
    fn hard_wrapped_text_is_wrapped() {
        let words: Vec<&str> = PROSE.split(' ').collect();
        let text = format!("{}\n{}", wrap(&words, 60), wrap(&words[5..], 60));
        let info = layout_of(&text);
        assert_eq!(info.layout, Layout::Wrapped);
        assert!(
            info.width.is_some_and(|w| (50..=60).contains(&w)),
            "{info:?}"
        );
    }

    #[test]
    fn one_paragraph_per_line_is_lines() {
        let text = "Chapter One\n\
            The wind came down from the hills. It told the world that winter was coming.\n\
            The rivers were moving.\n\
            It was a sad grey day, a day of unrest and of discontent, and the birds flew from one tree to another and back again.\n\
            Chapter Two\n\
            Night came.\n";
        assert_eq!(layout_of(text).layout, Layout::Lines);
    }

    #[test]
    fn blank_line_paragraphs_are_blank_lines() {
        let text = "Title\n\nThe wind came down from the hills. It told the world.\n\n\
            The rivers were moving.\n\nIt was a sad grey day.\n";
        assert_eq!(layout_of(text).layout, Layout::BlankLines);
    }

    #[test]
    fn forcing_keeps_the_statistics() {
        let lines = line_ranges("a b\nc d\n");
        let info = detect("a b\nc d\n", &lines, 0, &|_| false, Some(Layout::Lines));
        assert_eq!(info.layout, Layout::Lines);
        assert!(!info.detected);
        assert_eq!(info.width, Some(3));
    }
}
