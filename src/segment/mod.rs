//! Sentence splitting for Hungarian, English and, with generic rules, other languages.
//!
//! A [`Splitter`] cuts one paragraph (a single line of text; hard line wraps already
//! replaced by spaces) into sentences and returns byte ranges into it, so splitting is
//! lossless: the sentences joined with the whitespace between them give back the
//! paragraph.
//!
//! # How it works
//!
//! 1. UAX#29 sentence boundaries (`unicode-segmentation`).
//! 2. A merge pass removes UAX#29 boundaries that are not sentence ends: abbreviations
//!    (data files, see [`Abbreviations`]), initials (`J. F. Kennedy`, `Sz. K.`), list
//!    labels (`1. First point`), `!`/`?` before a lowercase word (`"Stop!" he said`),
//!    closing `/slashes/` used as parentheses, and in Hungarian ordinal dots
//!    (`1963. I. 28-án`, `XIV. Lajos`, `5. sz.`, file numbers `47/ 1963.`).
//! 3. An extra-split pass adds boundaries UAX#29 never makes: a single `…` before a
//!    capital, a dialogue dash after a sentence end (`mama! - Ez a csend`: the dash opens
//!    the next sentence), a quotation broken off with a dash (`know-" "Yes`), and a
//!    capital after a closing slash.
//!
//! [`Splitter::split_explained`] reports every change to the UAX#29 boundaries as a
//! [`Decision`] naming its rule.
//!
//! Time is linear in the paragraph length: every rule inspects a bounded window around
//! one boundary. Only `&str` slicing on character boundaries is used, so no input panics.
//!
//! # Known deviations
//!
//! - A paragraph without sentence punctuation is one sentence (headings run together in
//!   one paragraph stay together).
//! - `!`/`?` before a capital always ends a sentence (`"Come!" Robert called.` is two).
//! - A can-be-final abbreviation before a capital always ends a sentence (`the U.S.
//!   Embassy` breaks); make it never-final with `--abbrev` if that is wrong for a text.
//! - An initial is any single capital letter with a dot before a capital (`Plan B. Then`
//!   does not break); in English `I.` is not an initial.
//! - [`Lang::Other`] gets the generic rules only: universal abbreviations, initials,
//!   punctuation rules; ordinal dots of e.g. German (`3. Oktober`) are not handled.

mod abbrev;
mod rules;
mod words;

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

pub use self::abbrev::{Abbreviations, Finality, MAX_WORDS};
use self::rules::{Profile, Rules};
use crate::lang::Lang;

/// Splits paragraphs into sentences with the rules of one language.
///
/// ```
/// use tandem::{lang::Lang, segment::Splitter};
///
/// let text = "Dr. Kovács XIV. Lajos koráról írt. Ez 1963. I. 28-án volt.";
/// let splitter = Splitter::new(&Lang::Hu);
/// let sentences: Vec<&str> = splitter.split(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(sentences, ["Dr. Kovács XIV. Lajos koráról írt.", "Ez 1963. I. 28-án volt."]);
/// ```
#[derive(Debug, Clone)]
pub struct Splitter {
    lang: Lang,
    rules: Rules,
}

/// One change the rules made to the UAX#29 boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Byte offset in the paragraph: where the next sentence starts (or would have).
    pub offset: usize,
    /// The rule that decided (stable name, e.g. `abbreviation`, `dialogue_dash`).
    pub rule: &'static str,
    /// What the rule did.
    pub action: Action,
}

/// What a rule did to a boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A break UAX#29 did not make.
    Break,
    /// A UAX#29 break that was removed.
    NoBreak,
}

impl Splitter {
    /// A splitter with the built-in rules for `lang`; [`Lang::Other`] gets generic rules
    /// and only the universal abbreviations.
    pub fn new(lang: &Lang) -> Self {
        let profile = match lang {
            Lang::Hu => Profile::Hungarian,
            Lang::En => Profile::English,
            Lang::Other(_) => Profile::Generic,
        };
        Splitter {
            lang: lang.clone(),
            rules: Rules {
                profile,
                abbrevs: Abbreviations::builtin(lang),
            },
        }
    }

    /// The language whose rules are used.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// Add the user's abbreviations (e.g. from `--abbrev FILE`) to the built-in ones;
    /// where both list an abbreviation, the user's finality wins.
    pub fn with_abbreviations(mut self, extra: Abbreviations) -> Self {
        self.rules.abbrevs.extend(extra);
        self
    }

    /// Byte ranges of the sentences of one paragraph: in order, non-overlapping, never
    /// empty, trimmed of surrounding whitespace. Only whitespace lies between them.
    /// A whitespace-only paragraph has no sentence; any other has at least one.
    pub fn split(&self, paragraph: &str) -> Vec<Range<usize>> {
        self.split_inner(paragraph, None)
    }

    /// Like [`split`](Self::split), also returning every change the rules made to the
    /// UAX#29 boundaries, in order of offset.
    pub fn split_explained(&self, paragraph: &str) -> (Vec<Range<usize>>, Vec<Decision>) {
        let mut decisions = Vec::new();
        let ranges = self.split_inner(paragraph, Some(&mut decisions));
        (ranges, decisions)
    }

    fn split_inner(
        &self,
        text: &str,
        mut decisions: Option<&mut Vec<Decision>>,
    ) -> Vec<Range<usize>> {
        let mut note = |offset, rule, action| {
            if let Some(d) = decisions.as_deref_mut() {
                d.push(Decision {
                    offset,
                    rule,
                    action,
                });
            }
        };
        let extras = self.rules.extra_breaks(text);
        let mut extras = extras.into_iter().peekable();
        let mut breaks = Vec::new();
        let mut sent_start = text.len() - text.trim_start().len();
        for (cut, _) in text.split_sentence_bound_indices() {
            if cut == 0 {
                continue;
            }
            while let Some(&(at, rule)) = extras.peek() {
                if at >= cut {
                    break;
                }
                extras.next();
                if at > sent_start {
                    note(at, rule, Action::Break);
                    breaks.push(at);
                    sent_start = at;
                }
            }
            if extras.peek().is_some_and(|&(at, _)| at == cut) {
                // UAX#29 breaks here too: nothing to decide.
                extras.next();
            } else if let Some(rule) = self.rules.keep_together(text, sent_start, cut) {
                note(cut, rule, Action::NoBreak);
                continue;
            }
            breaks.push(cut);
            sent_start = cut;
        }
        for (at, rule) in extras {
            if at > sent_start {
                note(at, rule, Action::Break);
                breaks.push(at);
                sent_start = at;
            }
        }
        let mut ranges = Vec::with_capacity(breaks.len() + 1);
        let mut start = 0;
        for end in breaks.into_iter().chain(std::iter::once(text.len())) {
            push_trimmed(&mut ranges, text, start..end);
            start = end;
        }
        ranges
    }
}

/// Push `range` of `text` without its surrounding whitespace, unless nothing is left.
fn push_trimmed(ranges: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let piece = &text[range.clone()];
    let body = piece.trim_start();
    let start = range.start + (piece.len() - body.len());
    let end = start + body.trim_end().len();
    if end > start {
        ranges.push(start..end);
    }
}

#[cfg(test)]
mod tests;
