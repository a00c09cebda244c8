//! Words missing inside an English translation, read from the English alone: the frame
//! a left-out word or name leaves behind. A determiner directly followed by a
//! conjunction, a preposition, an auxiliary, a stop or a bracket (`between the and the
//! Swiss Confederation`, `The shall transmit`, `the (EEA)`), `and)`, a function word
//! written twice (`and and`), a comma before another stop or comma (`in the city,.`,
//! `Portuguese,, Slovak`) — which English never writes ([`english_gaps`]); a sentence
//! that breaks off on a word no sentence ends with, or ends with a full stop on a word
//! that never stands before one (`quiet if.`: [`broken_off`]); and, only in a
//! translation that does not do so elsewhere, a stop after a space or a sentence
//! opening in lower case where the original opens in upper case. Each is an `omission`
//! warning naming the words. Linear in the text.

use super::{quote, Context, Finding, FindingKind, Severity};
use crate::lang::Lang;

/// Determiners that English never leaves without a noun. A capital `A` is left out: it
/// is also a label (`Annex A to`, `Attachment A is added`).
const EN_DETERMINERS: &[&str] = &[
    "the", "The", "a", "an", "An", "their", "its", "our", "your", "my",
];
/// Words that cannot follow a determiner directly: function words, and finite
/// auxiliaries and modals that are not also nouns (not `will`, `can`, `may`, `must`).
const EN_NOT_AFTER_DETERMINER: &[&str] = &[
    "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "the", "a", "an", "is",
    "are", "was", "were", "shall", "should", "has", "have", "had", "does", "did", "would", "could",
];
/// Function words English never writes twice in a row (`that that` and `had had` it
/// does).
const EN_NEVER_DOUBLED: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
];

/// Places in an English sentence where words are missing: a comma before another stop
/// (`in the city,.`); a determiner followed by a
/// conjunction, a preposition, another determiner, an auxiliary, a stop or a bracket
/// (`between the and the Swiss Confederation`, `of the of the`, `The shall transmit`,
/// `the (‘the EEA Agreement’)`); `and` or `or` closing a bracket (`Transport and)`); a
/// function word written twice (`Research and and its`). A name or term left out
/// leaves its frame behind so. Returns the byte ranges of the words concerned.
pub fn english_gaps(text: &str) -> Vec<std::ops::Range<usize>> {
    let words = super::words_with_offsets(text);
    let mut out = comma_before_stop(text);
    for (k, &(at, word, _)) in words.iter().enumerate() {
        // A word of its own, not a letter in brackets (`(a)`) or after a slash.
        let opens_word = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\''));
        if !opens_word {
            continue;
        }
        let rest = &text[at + word.len()..];
        let gap = rest.trim_start();
        let end = text.len() - gap.len();
        let spaced = gap.len() < rest.len();
        let next = words
            .get(k + 1)
            .filter(|&&(nat, _, _)| nat == end && spaced);
        if matches!(word, "and" | "or") && gap.starts_with([')', ']']) {
            out.push(at..end + 1);
        } else if let Some(&(nat, next, _)) = next.filter(|n| {
            EN_NEVER_DOUBLED
                .iter()
                .any(|d| d.eq_ignore_ascii_case(word))
                && n.1.eq_ignore_ascii_case(word)
        }) {
            out.push(at..nat + next.len());
        } else if !EN_DETERMINERS.contains(&word) {
            continue;
        } else if gap.starts_with([',', '.', ';', ':', ')', ']'])
            || (spaced && gap.starts_with('('))
        {
            out.push(at..end + 1);
        } else if let Some(&(nat, next, _)) = next {
            let hyphenated = text[nat + next.len()..].starts_with('-');
            if !hyphenated && EN_NOT_AFTER_DETERMINER.contains(&next) {
                out.push(at..nat + next.len());
            }
        }
    }
    out
}

/// A comma followed, after spaces at most, by another stop or comma (`in the city,.`,
/// `When will you be off, ?`, `Portuguese,, Slovak`: an item of a list left out): what
/// stood between them is gone. Returns the byte ranges from the comma to the stop.
fn comma_before_stop(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(',') {
        let rest = &text[at + 1..];
        let gap = rest.trim_start_matches([' ', '\u{a0}']);
        // An ellipsis after a comma leaves words out on purpose (`1, 2, ... and 10`).
        let ellipsis = gap.starts_with("..");
        if gap.starts_with([',', '.', ';', ':', '!', '?', ')', ']']) && !ellipsis {
            out.push(at..text.len() - gap.len() + 1);
        }
    }
    out
}

/// Words an English sentence cannot end on: determiners, conjunctions and the
/// prepositions that take an object (not `in`, `on`, `by`: `come in`, `go on`).
const EN_NOT_FINAL: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "nor", "to", "at", "for", "with", "from", "into", "onto",
    "their", "its", "my", "your", "our", "whose", "than", "between", "upon", "No",
];

/// Words an English sentence cannot end on even with a full stop after them: the
/// determiners and the conjunctions that open a clause (a stranded preposition, `to
/// live for.`, is English; `quiet if.` is not). A capital `A` is left out (`Annex A.`),
/// and so is `my` (`Well, oh my.`).
const EN_NEVER_BEFORE_STOP: &[&str] = &[
    "the", "a", "an", "their", "its", "your", "our", "whose", "and", "or", "nor", "than", "if",
    "because", "unless", "whether", "although",
];

/// A sentence that breaks off: it ends, with no punctuation at all, on a word English
/// never ends a sentence with (`They would be throwing it away in the`, `Regulation (EC)
/// No`), or with one full stop on a word that never stands before one (`it would be
/// quiet if.`; an ellipsis, `and if...`, trails off on purpose, and `And?` asks). A
/// conjunction after punctuation (`…; and`) joins the items of a list and is not a
/// break. Returns the byte range of that word.
pub fn broken_off(text: &str) -> Option<std::ops::Range<usize>> {
    let trimmed = text.trim_end();
    let stopped = trimmed
        .strip_suffix('.')
        .filter(|rest| rest.ends_with(char::is_alphanumeric));
    let body = stopped.unwrap_or(trimmed);
    if !body.ends_with(char::is_alphanumeric) {
        return None;
    }
    let words = super::words_with_offsets(body);
    let &(at, last, _) = words.last()?;
    let not_final = if stopped.is_some() {
        EN_NEVER_BEFORE_STOP.contains(&last)
    } else {
        // `No` is the abbreviation of `number` only inside a sentence.
        EN_NOT_FINAL.contains(&last) && (last != "No" || words.len() > 1)
    };
    // `…; and`, `…, or`: an item of a list that goes on in the next line.
    let list_item = body[..at]
        .trim_end()
        .ends_with(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '\'' | '’'));
    if list_item {
        return None;
    }
    (not_final && words.len() >= 3 && at + last.len() == body.len()).then(|| at..at + last.len())
}

/// A stop after a space (`Do you love ?`): where English typography never puts one, a
/// word was taken out before it. The ranges cover the word before and the stop.
fn spaced_stops(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        if !matches!(c, '?' | '!' | ',' | ';') {
            continue;
        }
        let before = &text[..at];
        let word = before.trim_end();
        if word.len() == before.len() || !word.ends_with(char::is_alphanumeric) {
            continue;
        }
        let start = word
            .char_indices()
            .rev()
            .find(|(_, ch)| !ch.is_alphanumeric())
            .map_or(0, |(i, ch)| i + ch.len_utf8());
        out.push(start..at + c.len_utf8());
    }
    out
}

/// Share of a translation's sentences that may open in lower case before a lower-case
/// opening stops meaning that words are missing (lists and clauses cut into lines open
/// in lower case by design).
pub const LOWER_OPENING_SHARE: f64 = 0.01;

/// Whether a text opens with a lower-case word (quotes and dashes skipped).
fn opens_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// Words missing inside an English translation: a determiner left without its noun,
/// a stop after a space, or a sentence opening in lower case, the last two only in a
/// translation that does not do so elsewhere.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    if ctx.file.target.lang != Lang::En {
        return Vec::new();
    }
    let sentences = &ctx.file.target.sentences;
    let lower = sentences.iter().filter(|s| opens_lower(&s.text)).count();
    let lower_is_odd = (lower as f64) < LOWER_OPENING_SHARE * sentences.len() as f64;
    let spaced = sentences
        .iter()
        .filter(|s| !spaced_stops(&s.text).is_empty())
        .count();
    let spaced_is_odd = (spaced as f64) < LOWER_OPENING_SHARE * sentences.len() as f64;
    let mut out = Vec::new();
    for (j, s) in sentences.iter().enumerate() {
        let mut found = english_gaps(&s.text);
        found.extend(broken_off(&s.text));
        if spaced_is_odd {
            found.extend(spaced_stops(&s.text));
        }
        let bead = ctx.bead_of_tgt[j];
        let src_upper = ctx.file.beads[bead]
            .src
            .iter()
            .any(|&i| !opens_lower(ctx.src_text(i)));
        if lower_is_odd && src_upper && opens_lower(&s.text) {
            let first = super::words_with_offsets(&s.text)
                .first()
                .map_or(0..0, |&(at, w, _)| at..at + w.len());
            found.insert(0, first);
        }
        if found.is_empty() {
            continue;
        }
        let bead = ctx.bead_of_tgt[j];
        let src = ctx.file.beads[bead].src.clone();
        let shown: Vec<String> = found
            .iter()
            .map(|r| format!("“{}”", &s.text[r.clone()]))
            .collect();
        let mut f = ctx.finding_on(
            bead,
            &src,
            &[j],
            FindingKind::Omission,
            Severity::Warning,
            format!(
                "words seem to be missing from the translation at {}: {}",
                shown.join(", "),
                quote(&s.text, 80)
            ),
        );
        f.words = found
            .iter()
            .map(|r| s.text[r.clone()].to_string())
            .collect();
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{broken_off, english_gaps};

    #[test]
    fn a_sentence_ending_on_a_function_word_breaks_off() {
        for (text, word) in [
            ("They would be throwing it away in the", "the"),
            ("\"When I have the admiration of men, I shall come to", "to"),
            ("pursuant to Regulation (EC) No", "No"),
            ("It is comfortable, and it would be quiet if.", "if"),
            ("He had destroyed the city, but the.", "the"),
        ] {
            assert_eq!(broken_off(text).map(|r| &text[r]), Some(word), "{text}");
        }
        for fine in [
            "What are you afraid of?",
            "He came in",
            "I have nothing to live for.",
            "Come in",
            "No",
            "Go on",
            "the arbitration panel; and",
            "in accordance with international standards, or",
            "What if?",
            "And if...",
            "It was listed in Annex I, part A.",
            "a thing Merlin once spoke of.",
            "Well, oh my.",
            "the arbitration panel; and.",
        ] {
            assert_eq!(broken_off(fine), None, "{fine}");
        }
    }

    #[test]
    fn a_determiner_without_its_noun_is_a_gap() {
        let text = "between the and the Swiss Confederation, of the of the ACP-EU Agreement";
        let gaps: Vec<&str> = english_gaps(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(gaps, ["the and", "the of"]);
        for (text, gap) in [
            ("on the (‘the EEA Agreement’), and", "the ("),
            ("The shall transmit all documents.", "The shall"),
            ("Research and and its own program.", "and and"),
            ("Ministry of the Sea, Transport and)", "and)"),
            ("the general budget of the (OJ L 248).", "the ("),
            ("She was taken in the city,.", ",."),
            ("in the Polish, Portuguese,, Slovak languages", ",,"),
            ("When will you be off, ?", ", ?"),
        ] {
            let found: Vec<&str> = english_gaps(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(found, [gap], "{text}");
        }
        for fine in [
            "These were the men.",
            "Annex A to the present Annex",
            "Class A for ships",
            "the on-the-spot checks",
            "Article 4(3)(a) of the Convention",
            "He took the one with a hat.",
            "Attachment A is added to the list.",
            "in point (a), the implementation",
            "UN General Assembly resolution 217 A (III).",
            "He said that that had had no effect.",
            "the will of the people and the can of beans",
            "paragraphs 1 and (2), and/or (b)",
            "They went in, and out.",
            "in points (a), (b) and (c), the Parties",
            "1, 2, ... and 10",
        ] {
            assert!(english_gaps(fine).is_empty(), "{fine}");
        }
    }
}
