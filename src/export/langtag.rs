//! Language tags (BCP 47) for the exports that name languages: TMX `xml:lang`, XLIFF
//! `source-language`/`srcLang`, and the xlsx header.
//!
//! CAT tools match translation memories by language *and region* (`hu-HU`, `en-GB`), so
//! a bare `en` can be offered to no project or to the wrong one. By default a language
//! gets the region of the country where it is the main official language (`hu` →
//! `hu-HU`, `en` → `en-GB`, `de` → `de-DE` …; see [`default_tag`]); the user sets any
//! other tag (`--source-lang-tag en-US`, or a bare `en` for no region). A tag is checked
//! for well-formedness (letters and digits in subtags of 1–8, a 2–3 letter language
//! first) and its case normalised (`EN-us` → `en-US`), not looked up in the IANA
//! registry.

use crate::lang::Lang;

/// Regions given to bare language codes (the country where the language is the main
/// official one; English after the examples, British).
const DEFAULT_REGIONS: &[(&str, &str)] = &[
    ("hu", "HU"),
    ("en", "GB"),
    ("de", "DE"),
    ("fr", "FR"),
    ("it", "IT"),
    ("es", "ES"),
    ("pt", "PT"),
    ("nl", "NL"),
    ("pl", "PL"),
    ("cs", "CZ"),
    ("sk", "SK"),
    ("sl", "SI"),
    ("hr", "HR"),
    ("sr", "RS"),
    ("ro", "RO"),
    ("bg", "BG"),
    ("el", "GR"),
    ("ru", "RU"),
    ("uk", "UA"),
    ("fi", "FI"),
    ("et", "EE"),
    ("lv", "LV"),
    ("lt", "LT"),
    ("sv", "SE"),
    ("da", "DK"),
];

/// The default tag of a language: with its region when the table of default regions has one,
/// else the bare code.
pub fn default_tag(lang: &Lang) -> String {
    let code = lang.code();
    match DEFAULT_REGIONS.iter().find(|(l, _)| *l == code) {
        Some((l, r)) => format!("{l}-{r}"),
        None => code.to_string(),
    }
}

/// A well-formed tag with its case normalised (`hu-hu` → `hu-HU`, `zh-hant-tw` →
/// `zh-Hant-TW`); the error says what is wrong.
pub fn parse_tag(s: &str) -> Result<String, String> {
    let bad = |why: &str| {
        format!(
            "'{}' is not a language tag ({why}); write e.g. hu-HU, en-GB or en",
            s.escape_debug()
        )
    };
    let mut out = Vec::new();
    for (k, sub) in s.trim().split(['-', '_']).enumerate() {
        if sub.is_empty() || sub.len() > 8 || !sub.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad("subtags are 1 to 8 letters or digits"));
        }
        let norm = if k == 0 {
            if !(2..=3).contains(&sub.len()) || !sub.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(bad("it must start with a 2- or 3-letter language code"));
            }
            sub.to_ascii_lowercase()
        } else if sub.len() == 2 && sub.chars().all(|c| c.is_ascii_alphabetic()) {
            sub.to_ascii_uppercase()
        } else if sub.len() == 4 && sub.chars().all(|c| c.is_ascii_alphabetic()) {
            let lower = sub.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        } else {
            sub.to_ascii_lowercase()
        };
        out.push(norm);
    }
    Ok(out.join("-"))
}

/// Whether a tag is for `lang` (its language subtag is the language's code).
pub fn is_for(tag: &str, lang: &Lang) -> bool {
    tag.split('-')
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case(lang.code()))
}

/// The tags of both sides of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangTags {
    /// Tag of the original.
    pub source: String,
    /// Tag of the translation.
    pub target: String,
}

impl LangTags {
    /// The given tags, else the defaults of the languages.
    pub fn new(source: &Lang, target: &Lang, given: (Option<&str>, Option<&str>)) -> Self {
        LangTags {
            source: given.0.map_or_else(|| default_tag(source), str::to_string),
            target: given.1.map_or_else(|| default_tag(target), str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_carry_regions() {
        assert_eq!(default_tag(&Lang::Hu), "hu-HU");
        assert_eq!(default_tag(&Lang::En), "en-GB");
        assert_eq!(default_tag(&Lang::Other("xx".into())), "xx");
        let t = LangTags::new(&Lang::Hu, &Lang::En, (None, Some("en-US")));
        assert_eq!((t.source.as_str(), t.target.as_str()), ("hu-HU", "en-US"));
    }

    #[test]
    fn tags_are_checked_and_normalised() {
        assert_eq!(parse_tag("EN-us").as_deref(), Ok("en-US"));
        assert_eq!(parse_tag("hu_hu").as_deref(), Ok("hu-HU"));
        assert_eq!(parse_tag("zh-hant-tw").as_deref(), Ok("zh-Hant-TW"));
        assert_eq!(parse_tag("es-419").as_deref(), Ok("es-419"));
        assert_eq!(parse_tag("en").as_deref(), Ok("en"));
        for bad in [
            "", "e", "english", "en-", "en--GB", "1n-GB", "en GB", "hu-\"x\"",
        ] {
            assert!(parse_tag(bad).is_err(), "{bad}");
        }
        assert!(is_for("en-GB", &Lang::En) && !is_for("hu-HU", &Lang::En));
    }
}
