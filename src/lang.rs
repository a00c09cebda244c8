//! Languages: codes, and checking that a file is in the language it claims to be.
//!
//! Detection uses whatlang restricted to Hungarian and English. Whole documents are
//! reliable; short lines are not, so a document is judged by a length-weighted vote over
//! its paragraphs of at least [`MIN_VOTE_CHARS`] characters, which also reveals mixed
//! files (whatlang alone calls a half-and-half file Hungarian with confidence 1.0).
//! Other languages (e.g. `de`, `fr` for evaluation data) are accepted but not checked.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use whatlang::{Detector, Lang as WLang};

/// Shortest paragraph that takes part in the language vote.
pub const MIN_VOTE_CHARS: usize = 40;

/// A language as tandem knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Lang {
    /// Hungarian (`hu`).
    Hu,
    /// English (`en`).
    En,
    /// Any other ISO 639-1 code: generic splitting rules, no language check.
    Other(String),
}

impl Lang {
    /// The ISO 639-1 code (`hu`, `en`, …), as used in TMX and file names.
    pub fn code(&self) -> &str {
        match self {
            Lang::Hu => "hu",
            Lang::En => "en",
            Lang::Other(code) => code,
        }
    }
}

impl schemars::JsonSchema for Lang {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lang".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z]{2,3}$",
            "description": "ISO 639 language code (hu, en, or any other two- or three-letter code)."
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_lowercase();
        match code.as_str() {
            "hu" | "hun" | "hungarian" | "magyar" => Ok(Lang::Hu),
            "en" | "eng" | "english" => Ok(Lang::En),
            c if (2..=3).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_lowercase()) => {
                Ok(Lang::Other(code))
            }
            _ => Err(format!(
                "unknown language {s:?}; use a two-letter code such as hu or en"
            )),
        }
    }
}

impl From<Lang> for String {
    fn from(lang: Lang) -> String {
        lang.code().to_string()
    }
}

impl TryFrom<String> for Lang {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Length-weighted shares of Hungarian and English in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LangVote {
    /// Share of voting characters judged Hungarian, 0..=1.
    pub hungarian: f64,
    /// Characters that voted (paragraphs of at least [`MIN_VOTE_CHARS`]).
    pub voting_chars: usize,
}

impl LangVote {
    /// The majority language, if enough text voted.
    pub fn majority(&self) -> Option<Lang> {
        if self.voting_chars < MIN_VOTE_CHARS {
            None
        } else if self.hungarian >= 0.5 {
            Some(Lang::Hu)
        } else {
            Some(Lang::En)
        }
    }
}

/// Most pieces that vote; longer texts are sampled evenly (detection is the slow part).
pub const MAX_VOTERS: usize = 400;

/// Vote over pieces of text (paragraphs), weighting each by its length.
pub fn vote<'a>(pieces: impl IntoIterator<Item = &'a str>) -> LangVote {
    let detector = Detector::with_allowlist(vec![WLang::Hun, WLang::Eng]);
    let mut hungarian = 0usize;
    let mut total = 0usize;
    let pieces: Vec<&str> = pieces.into_iter().collect();
    let step = pieces.len().div_ceil(MAX_VOTERS).max(1);
    for piece in pieces.into_iter().step_by(step) {
        let len = piece.chars().filter(|c| c.is_alphabetic()).count();
        if len < MIN_VOTE_CHARS {
            continue;
        }
        // ő and ű do not occur in English: a hard sign.
        let is_hu =
            piece.contains(['ő', 'ű', 'Ő', 'Ű']) || detector.detect_lang(piece) == Some(WLang::Hun);
        total += len;
        if is_hu {
            hungarian += len;
        }
    }
    LangVote {
        hungarian: if total == 0 {
            0.0
        } else {
            hungarian as f64 / total as f64
        },
        voting_chars: total,
    }
}

/// What is wrong with a file's language.
#[derive(Debug, Clone, PartialEq)]
pub enum LangProblem {
    /// The file is mostly in another language than expected.
    Wrong {
        /// Language the file should be in.
        expected: Lang,
        /// Language most of it is in.
        found: Lang,
        /// Share of the text in `found`.
        share: f64,
    },
    /// A large part of the file is in the other language.
    Mixed {
        /// Language the file should be in.
        expected: Lang,
        /// Share of the text in the other language.
        other_share: f64,
    },
}

impl fmt::Display for LangProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LangProblem::Wrong {
                expected,
                found,
                share,
            } => write!(
                f,
                "expected {expected} but {:.0}% of the text is {found}; swap the files or pass --src-lang/--tgt-lang",
                share * 100.0
            ),
            LangProblem::Mixed {
                expected,
                other_share,
            } => write!(
                f,
                "expected {expected} but {:.0}% of the text is in the other language (mixed file)",
                other_share * 100.0
            ),
        }
    }
}

/// Share of the other language above which a file counts as mixed.
const MIXED_SHARE: f64 = 0.2;

/// Check a vote against the expected language (only `hu` and `en` are checked).
pub fn check(expected: &Lang, vote: &LangVote) -> Option<LangProblem> {
    let expected_share = match expected {
        Lang::Hu => vote.hungarian,
        Lang::En => 1.0 - vote.hungarian,
        Lang::Other(_) => return None,
    };
    let found = vote.majority()?;
    if &found != expected {
        Some(LangProblem::Wrong {
            expected: expected.clone(),
            found,
            share: 1.0 - expected_share,
        })
    } else if 1.0 - expected_share > MIXED_SHARE {
        Some(LangProblem::Mixed {
            expected: expected.clone(),
            other_share: 1.0 - expected_share,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HU: &str = "A karibi válság óta kívülálló szemmel nem lehetett változást látni Kuba és a szocialista országok viszonyában.";
    const EN: &str = "Since the Caribbean crisis a by-stander has not been able to see any change in the relations between Cuba and the socialist countries.";

    #[test]
    fn codes_parse_and_print() {
        assert_eq!("HU".parse::<Lang>(), Ok(Lang::Hu));
        assert_eq!("english".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Ok(Lang::Other("de".into())));
        assert!("x1".parse::<Lang>().is_err());
        assert_eq!(Lang::Hu.to_string(), "hu");
    }

    #[test]
    fn right_language_has_no_problem() {
        assert_eq!(check(&Lang::Hu, &vote([HU, HU])), None);
        assert_eq!(check(&Lang::En, &vote([EN])), None);
    }

    #[test]
    fn swapped_language_is_reported() {
        let problem = check(&Lang::Hu, &vote([EN, EN])).expect("problem");
        assert!(matches!(
            problem,
            LangProblem::Wrong {
                found: Lang::En,
                ..
            }
        ));
    }

    #[test]
    fn mixed_file_is_reported() {
        let problem = check(&Lang::En, &vote([EN, HU])).expect("problem");
        assert!(matches!(problem, LangProblem::Mixed { .. }));
    }

    #[test]
    fn short_text_does_not_vote() {
        assert_eq!(vote(["Budapest, 1963."]).majority(), None);
        assert_eq!(check(&Lang::En, &vote(["Budapest, 1963."])), None);
    }
}
