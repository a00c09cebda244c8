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

/// User abbreviations (baseline placeholder until the rule-based splitter lands).
#[derive(Debug, Clone, Default)]
pub struct Abbreviations;

impl Abbreviations {
    /// Read an abbreviation file.
    pub fn from_file(path: &std::path::Path) -> Result<Self, crate::error::DataFileError> {
        std::fs::read_to_string(path).map(|_| Abbreviations).map_err(|e| crate::error::DataFileError {
            path: path.to_path_buf(),
            line: 0,
            reason: e.to_string(),
        })
    }
}

impl Splitter {
    /// Add user abbreviations.
    pub fn with_abbreviations(self, _extra: Abbreviations) -> Self {
        self
    }
}

/// A decision a rule made (baseline placeholder).
#[derive(Debug, Clone)]
pub struct Decision {
    /// Byte offset in the paragraph.
    pub offset: usize,
    /// Rule name.
    pub rule: &'static str,
    /// What it decided.
    pub action: Action,
}

/// Break or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A break UAX#29 did not make.
    Break,
    /// A UAX#29 break removed.
    NoBreak,
}

impl Splitter {
    /// Split and report rule decisions.
    pub fn split_explained(&self, paragraph: &str) -> (Vec<Range<usize>>, Vec<Decision>) {
        (self.split(paragraph), Vec::new())
    }
}
