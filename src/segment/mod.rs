//! Sentence splitting for Hungarian and English (baseline: UAX#29 only).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::lang::Lang;

/// Splits paragraphs into sentences.
#[derive(Debug, Clone)]
pub struct Splitter {
    lang: Lang,
}

impl Splitter {
    /// A splitter with the built-in rules for `lang`.
    pub fn new(lang: &Lang) -> Self {
        Splitter { lang: lang.clone() }
    }

    /// The language whose rules are used.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// Byte ranges of the sentences of one paragraph, trimmed of whitespace.
    pub fn split(&self, paragraph: &str) -> Vec<Range<usize>> {
        paragraph
            .split_sentence_bound_indices()
            .filter_map(|(i, s)| {
                let lead = s.len() - s.trim_start().len();
                let body = s.trim();
                (!body.is_empty()).then(|| i + lead..i + lead + body.len())
            })
            .collect()
    }
}
