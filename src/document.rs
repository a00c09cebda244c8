//! A document: a loaded text cut into sentences, each with a stable locator.
//!
//! Locators are `p<paragraph>.s<sentence>` (both 1-based) for running text and
//! `l<line>` (0-based) for presplit input. They depend only on the paragraph and
//! sentence structure of the text, so they are stable across runs and tandem versions
//! that split the same way, and every later command (show, check, diff, cite) uses them.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::load::Loaded;
use crate::segment::Splitter;

/// Where a sentence is: paragraph and sentence (1-based), or a line (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Locator {
    /// Sentence `sentence` of paragraph `paragraph`, both counted from 1.
    Para {
        /// Paragraph number, from 1.
        paragraph: u32,
        /// Sentence number within the paragraph, from 1.
        sentence: u32,
    },
    /// Line number (from 0) of presplit input.
    Line(u32),
}

impl Locator {
    /// The paragraph number, or the line number for presplit input.
    pub fn paragraph(&self) -> u32 {
        match self {
            Locator::Para { paragraph, .. } => *paragraph,
            Locator::Line(line) => *line,
        }
    }
}

impl schemars::JsonSchema for Locator {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Locator".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(p[1-9][0-9]*\\.s[1-9][0-9]*|l(0|[1-9][0-9]*))$",
            "description": "Where a sentence is: p3.s2 (paragraph 3, sentence 2, from 1) or l17 (line 17 of presplit input, from 0)."
        })
    }
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Para {
                paragraph,
                sentence,
            } => write!(f, "p{paragraph}.s{sentence}"),
            Locator::Line(line) => write!(f, "l{line}"),
        }
    }
}

impl FromStr for Locator {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Escaped, so that a hand-edited file with a line break in a locator still gives
        // a one-line error.
        let bad = || {
            format!(
                "'{}' is not a locator; write p3.s2 (paragraph 3, sentence 2) or l17 (line 17)",
                s.escape_debug()
            )
        };
        if let Some(line) = s.strip_prefix('l') {
            return line.parse().map(Locator::Line).map_err(|_| bad());
        }
        let rest = s.strip_prefix('p').ok_or_else(bad)?;
        let (p, s2) = rest.split_once(".s").ok_or_else(bad)?;
        let paragraph: u32 = p.parse().map_err(|_| bad())?;
        let sentence: u32 = s2.parse().map_err(|_| bad())?;
        if paragraph == 0 || sentence == 0 {
            return Err(bad());
        }
        Ok(Locator::Para {
            paragraph,
            sentence,
        })
    }
}

impl From<Locator> for String {
    fn from(l: Locator) -> String {
        l.to_string()
    }
}

impl TryFrom<String> for Locator {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// One sentence: its locator and its byte range in the loaded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Stable id.
    pub locator: Locator,
    /// Byte range in [`Loaded::text`].
    pub range: Range<usize>,
}

/// A text ready to align: where it came from, its language, its sentences.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it was read from (as given by the user).
    pub path: PathBuf,
    /// Its language.
    pub lang: Lang,
    /// The loaded, normalised text.
    pub loaded: Loaded,
    /// Its sentences in order.
    pub sentences: Vec<Sentence>,
    /// Whether the input was one sentence per line.
    pub presplit: bool,
}

impl Document {
    /// Cut a loaded text into sentences. With `splitter` = `None` every paragraph of
    /// `loaded` (a line, for presplit loading) is one sentence with an `l<n>` locator.
    pub fn new(path: &Path, lang: Lang, loaded: Loaded, splitter: Option<&Splitter>) -> Self {
        let mut sentences = Vec::new();
        match splitter {
            None => {
                for (i, range) in loaded.paragraphs.iter().enumerate() {
                    sentences.push(Sentence {
                        locator: Locator::Line(i as u32),
                        range: range.clone(),
                    });
                }
            }
            Some(splitter) => {
                for (p, para) in loaded.paragraphs.iter().enumerate() {
                    let text = &loaded.text[para.clone()];
                    for (s, r) in splitter.split(text).into_iter().enumerate() {
                        sentences.push(Sentence {
                            locator: Locator::Para {
                                paragraph: p as u32 + 1,
                                sentence: s as u32 + 1,
                            },
                            range: para.start + r.start..para.start + r.end,
                        });
                    }
                }
            }
        }
        Document {
            path: path.to_path_buf(),
            lang,
            loaded,
            sentences,
            presplit: splitter.is_none(),
        }
    }

    /// The text of sentence `i`, exactly as in the loaded text.
    pub fn sentence_text(&self, i: usize) -> &str {
        &self.loaded.text[self.sentences[i].range.clone()]
    }

    /// All sentence texts, in order.
    pub fn sentence_texts(&self) -> Vec<&str> {
        (0..self.sentences.len())
            .map(|i| self.sentence_text(i))
            .collect()
    }
}

/// Collapse every run of whitespace to one space (for one-sentence-per-line output).
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_round_trip() {
        for s in ["p1.s1", "p12.s3", "l0", "l17"] {
            let l: Locator = s.parse().expect("valid");
            assert_eq!(l.to_string(), s);
        }
        for bad in ["p0.s1", "p1", "x3", "p1.s", "l-1"] {
            assert!(bad.parse::<Locator>().is_err(), "{bad}");
        }
    }

    #[test]
    fn locators_order_by_paragraph_then_sentence() {
        let a: Locator = "p2.s9".parse().expect("valid");
        let b: Locator = "p10.s1".parse().expect("valid");
        assert!(a < b);
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(collapse_whitespace(" a \n b\t c "), "a b c");
    }
}
