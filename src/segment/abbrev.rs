//! Abbreviation lists: the built-in data files and the user's `--abbrev FILE`.
//!
//! # File format
//!
//! One abbreviation per line, written with its dot(s), optionally followed by whitespace
//! and the word `final`:
//!
//! ```text
//! # titles never end a sentence
//! dr.
//! Kr. e.
//! # `final`: may end a sentence (a break is kept before a capital letter)
//! stb. final
//! ```
//!
//! - Without `final` an abbreviation is *never-final*: no sentence break follows it,
//!   whatever comes next (`dr. Kovács`, `Mr. Smith`).
//! - With `final` it *can be final*: a break follows it only when the next word starts
//!   with a capital letter (`stb. Az új …` breaks, `stb. és` does not).
//! - A multi-word entry (`Kr. e.`, `et al.`) is matched against the last words before a
//!   possible break, separated by any whitespace. At most [`MAX_WORDS`] words.
//! - `#` starts a comment (to the end of the line); blank lines are ignored. A later entry
//!   overrides an earlier one, and user entries override built-in ones.
//!
//! # Case
//!
//! Matching is case-sensitive, because case carries meaning (`Bp.` is Budapest, while a
//! lowercase `bp.` is not an abbreviation). One convenience: an entry whose first letter
//! is lowercase also matches the same word with a capital first letter, since any word
//! can begin a sentence (`pl.` matches `Pl.`, `dr.` matches `Dr.`). An entry written with
//! a capital (`Mr.`, `Bp.`) matches only as written.
//!
//! Lookups cost one hash probe per candidate word sequence; the lists are small.

use std::collections::HashMap;
use std::path::Path;

use crate::error::DataFileError;
use crate::lang::Lang;

/// Most words in one multi-word abbreviation (`Kr. e.`, `i. sz.`).
pub const MAX_WORDS: usize = 3;

/// Longest abbreviation entry, in bytes.
pub(crate) const MAX_ENTRY_BYTES: usize = 40;

const HU: &str = include_str!("abbrev/hu.txt");
const EN: &str = include_str!("abbrev/en.txt");
const UNIVERSAL: &str = include_str!("abbrev/universal.txt");

/// Whether an abbreviation may end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Finality {
    /// Never ends a sentence (`dr.`, `Mr.`): never break after it.
    Never,
    /// May end a sentence (`stb.`, `etc.`): break after it before a capital letter.
    CanEnd,
}

/// A set of abbreviations, each never-final or can-be-final.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Abbreviations {
    /// Entry (words joined by one space) → finality.
    entries: HashMap<String, Finality>,
    /// Most words in any entry.
    max_words: usize,
}

impl Abbreviations {
    /// Parse an abbreviation file (format in the module docs); `path` is only used in
    /// error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, DataFileError> {
        let mut abbrevs = Abbreviations::default();
        for (i, raw) in text.lines().enumerate() {
            let err = |reason: String| DataFileError {
                path: path.to_path_buf(),
                line: i + 1,
                reason,
            };
            let line = raw.split('#').next().unwrap_or("");
            let mut words: Vec<&str> = line.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            let finality = if words.len() > 1 && words.last() == Some(&"final") {
                words.pop();
                Finality::CanEnd
            } else {
                Finality::Never
            };
            if words.len() > MAX_WORDS {
                return Err(err(format!(
                    "'{}' has {} words; an abbreviation has at most {MAX_WORDS} words, optionally followed by 'final'",
                    words.join(" "),
                    words.len()
                )));
            }
            let entry = words.join(" ");
            if !entry.ends_with('.') {
                return Err(err(format!(
                    "'{entry}' does not end with a dot; write the abbreviation with its dot (e.g. 'dr.'), optionally followed by 'final'"
                )));
            }
            if entry.len() > MAX_ENTRY_BYTES {
                return Err(err(format!(
                    "'{entry}' is longer than {MAX_ENTRY_BYTES} bytes; this is not an abbreviation"
                )));
            }
            if !entry.chars().any(char::is_alphanumeric) {
                return Err(err(format!(
                    "'{entry}' has no letters; write the abbreviation with its dot (e.g. 'dr.')"
                )));
            }
            abbrevs.insert(entry, finality, words.len());
        }
        Ok(abbrevs)
    }

    /// Read and parse an abbreviation file (UTF-8, an initial BOM is ignored). An
    /// unreadable file is reported with line 0.
    pub fn from_file(path: &Path) -> Result<Self, DataFileError> {
        let text = crate::read::read_to_string(path, crate::read::FileKind::Abbreviations)
            .map_err(|e| DataFileError {
                path: path.to_path_buf(),
                line: 0,
                reason: format!("cannot read the abbreviation file: {e}"),
            })?;
        Self::parse(text.trim_start_matches('\u{feff}'), path)
    }

    /// The built-in list for `lang`: the universal entries plus the language's own
    /// (none for [`Lang::Other`]).
    pub fn builtin(lang: &Lang) -> Self {
        let mut abbrevs = parse_builtin(UNIVERSAL, "universal.txt");
        match lang {
            Lang::Hu => abbrevs.extend(parse_builtin(HU, "hu.txt")),
            Lang::En => abbrevs.extend(parse_builtin(EN, "en.txt")),
            Lang::Other(_) => {}
        }
        abbrevs
    }

    /// Add every entry of `other`; its finality wins where both have an entry.
    pub fn extend(&mut self, other: Abbreviations) {
        self.max_words = self.max_words.max(other.max_words);
        self.entries.extend(other.entries);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Most words in one entry (0 when empty).
    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }

    /// The finality of `words` (an entry's words, joined by one space), applying the
    /// capitalised-first-letter convenience described in the module docs.
    pub fn get(&self, words: &str) -> Option<Finality> {
        if let Some(f) = self.entries.get(words) {
            return Some(*f);
        }
        let mut chars = words.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let mut lowered: String = first.to_lowercase().collect();
        lowered.push_str(chars.as_str());
        self.entries.get(&lowered).copied()
    }

    fn insert(&mut self, entry: String, finality: Finality, words: usize) {
        self.max_words = self.max_words.max(words);
        self.entries.insert(entry, finality);
    }
}

fn parse_builtin(text: &str, name: &str) -> Abbreviations {
    // The built-in files are tested below; a parse error here is a bug in the data.
    Abbreviations::parse(text, Path::new(name)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Abbreviations, DataFileError> {
        Abbreviations::parse(text, Path::new("user.txt"))
    }

    #[test]
    fn builtin_files_parse() {
        for (text, name) in [(HU, "hu.txt"), (EN, "en.txt"), (UNIVERSAL, "universal.txt")] {
            let a = Abbreviations::parse(text, Path::new(name)).expect("built-in data parses");
            assert!(!a.is_empty(), "{name}");
        }
    }

    #[test]
    fn final_keyword_and_comments() {
        let a = parse("# header\n\ndr.\nstb. final  # may end\nKr. e.\n").expect("valid");
        assert_eq!(a.len(), 3);
        assert_eq!(a.get("dr."), Some(Finality::Never));
        assert_eq!(a.get("stb."), Some(Finality::CanEnd));
        assert_eq!(a.get("Kr. e."), Some(Finality::Never));
        assert_eq!(a.max_words(), 2);
    }

    #[test]
    fn lowercase_entry_matches_capitalised_word_but_not_the_reverse() {
        let a = parse("pl.\nBp.\n").expect("valid");
        assert_eq!(a.get("Pl."), Some(Finality::Never));
        assert_eq!(a.get("bp."), None);
        assert_eq!(a.get("BP."), None);
        assert_eq!(a.get("Ált."), None);
    }

    #[test]
    fn accented_capital_matches_lowercase_entry() {
        let a = parse("ált.\n").expect("valid");
        assert_eq!(a.get("Ált."), Some(Finality::Never));
    }

    #[test]
    fn entry_without_dot_is_an_error_with_line_number() {
        let e = parse("dr.\n\nstb\n").expect_err("no dot");
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("dot"), "{}", e.reason);
        assert!(e.to_string().starts_with("user.txt:3:"), "{e}");
    }

    #[test]
    fn too_many_words_is_an_error() {
        let e = parse("a. b. c. d.\n").expect_err("4 words");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn final_alone_is_an_entry_error() {
        // `final` alone would be an entry without a dot.
        assert!(parse("final\n").is_err());
    }

    #[test]
    fn later_entries_and_user_entries_override() {
        let mut a = Abbreviations::builtin(&Lang::Hu);
        assert_eq!(a.get("stb."), Some(Finality::CanEnd));
        a.extend(parse("stb.\n").expect("valid"));
        assert_eq!(a.get("stb."), Some(Finality::Never));
    }

    #[test]
    fn other_languages_get_only_universal_entries() {
        let a = Abbreviations::builtin(&Lang::Other("de".into()));
        assert_eq!(a.get("Dr."), Some(Finality::Never));
        assert_eq!(a.get("pl."), None);
        assert_eq!(a.get("Mr."), None);
    }

    #[test]
    fn missing_file_is_an_error_naming_it() {
        let e =
            Abbreviations::from_file(Path::new("/nonexistent/abbrev.txt")).expect_err("missing");
        assert!(e.to_string().contains("/nonexistent/abbrev.txt"), "{e}");
    }
}
