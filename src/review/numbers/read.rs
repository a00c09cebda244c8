//! Reading the numbers of a sentence as written: digits in either language's notation,
//! dates, Roman numerals, month names and number words.
//!
//! Every [`Mention`] keeps the text as written (what a reviewer can search for) and the
//! set of values it may stand for; two mentions agree when their values meet. A number
//! whose notation is ambiguous between the two languages gets every reading: `164.110`
//! is 164110 in Hungarian (thousands dot), 164.11 in English, and its digits `164110`;
//! `3,5` is 3.5 in Hungarian and 35 as digits. Dates are read as their parts
//! (`2008.4.9.`, `9.4.2008` and `9 April 2008` all give 2008, 4 and 9), so word order and
//! separators do not matter.
//!
//! A time of day is read on both clocks (`14 órakor`, `14:30` and `2 p.m.` share the
//! tag `h14`; `2 a.m.` is `h2`), and a decade with or without its century (`1960s`,
//! `'60-as évek`, `the sixties` all give 60; the digits also 1960).
//!
//! Known limits: fractions and percentages written as words (`fél`, `half`) are not
//! read; a number split across two sentences is two mentions.

use crate::align::anchors::month_of;
use crate::lang::Lang;

use super::words::english_number;
pub use super::words::hungarian_number;

/// What kind of mention, which decides whether it must find a counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// Digits (`1963`, `3,5`, `G22`).
    Digits,
    /// A part of a date written in digits (`2008` of `2008.4.9.`).
    DatePart,
    /// An outline number such as `1.2.3`.
    Outline,
    /// A Roman numeral in a context that makes it one (`XIV.`, `Annex I`).
    Roman,
    /// A month name (`április`, `April`, `márciusra`).
    Month,
    /// A number written as a word (`három`, `three hundred`): only ever a counterpart.
    Word,
}

/// A number as written in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The kind.
    pub kind: MentionKind,
    /// Byte range in the sentence.
    pub span: std::ops::Range<usize>,
    /// What it may stand for, normalised (`2008`, `3.5`, `164110`).
    pub values: Vec<String>,
    /// Whether it opens the sentence.
    pub initial: bool,
}

impl Mention {
    /// The text as written.
    pub fn text<'a>(&self, sentence: &'a str) -> &'a str {
        &sentence[self.span.clone()]
    }

    /// Whether it must find a counterpart (number words are only counterparts).
    pub fn is_checked(&self) -> bool {
        self.kind != MentionKind::Word
    }
}

/// Letters after digits that keep them a number: English ordinals, decades, units.
const SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "s", "km", "kg", "m", "cm", "mm", "ml", "g", "t", "h", "pm", "am",
    "mg", "kw", "mw", "gb", "mb", "kb", "x", "d", "e", "a", "b", "c",
];

/// Words that put a Roman numeral after them (`Annex I`, `Chapter V`, `Louis XIV`).
const ROMAN_LABELS: &[&str] = &[
    "annex",
    "annexes",
    "appendix",
    "appendices",
    "chapter",
    "chapters",
    "part",
    "parts",
    "section",
    "sections",
    "title",
    "titles",
    "article",
    "book",
    "volume",
    "schedule",
    "table",
    "phase",
    "stage",
    "level",
    "class",
    "category",
    "type",
    "act",
    "scene",
    "division",
    "group",
    "grade",
    "protocol",
    "attachment",
    "tier",
    "war",
];

/// All mentions of numbers in a sentence, in order.
pub fn mentions(text: &str, lang: &Lang) -> Vec<Mention> {
    let mut out = digit_mentions(text);
    out.extend(word_mentions(text, lang));
    out.sort_by_key(|m| m.span.start);
    if let Some(first) = out.first_mut() {
        let before = &text[..first.span.start];
        first.initial = !before.chars().any(char::is_alphanumeric);
    }
    out
}

pub(super) fn is_space_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Mentions written with digits.
fn digit_mentions(text: &str) -> Vec<Mention> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|c| c.1);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        // Digits with inner separators: `2008.4.9`, `3,5`, `10 000`.
        let mut end = k;
        let mut first_group = 0;
        while end < chars.len() && chars[end].1.is_ascii_digit() {
            end += 1;
            first_group += 1;
        }
        loop {
            let sep = at(end);
            let next_digit = at(end + 1).is_some_and(|c| c.is_ascii_digit());
            match sep {
                Some('.' | ',') if next_digit => {
                    end += 1;
                    while end < chars.len() && chars[end].1.is_ascii_digit() {
                        end += 1;
                    }
                }
                Some(c)
                    if is_space_sep(c)
                        && next_digit
                        && first_group <= 3
                        && chars[start..end]
                            .iter()
                            .all(|x| x.1.is_ascii_digit() || is_space_sep(x.1)) =>
                {
                    // A thousands group: exactly three digits, then no digit.
                    let group = (1..=3).all(|d| at(end + d).is_some_and(|c| c.is_ascii_digit()))
                        && !at(end + 4).is_some_and(|c| c.is_ascii_digit());
                    if !group {
                        break;
                    }
                    end += 4;
                }
                _ => break,
            }
        }
        // Letters glued after the digits: a suffix, a unit, or an OCR error (`1ittle`).
        let mut letters = end;
        while letters < chars.len() && chars[letters].1.is_alphabetic() {
            letters += 1;
        }
        let suffix: String = chars[end..letters]
            .iter()
            .map(|c| c.1)
            .collect::<String>()
            .to_lowercase();
        let glued_word = !suffix.is_empty() && !SUFFIXES.contains(&suffix.as_str());
        // A digit between letters is a misread letter (`litt1e`, `ta1es`), not a number.
        let inside_word = !suffix.is_empty()
            && start > 0
            && chars[start - 1].1.is_alphabetic()
            && chars[start - 1].1.is_lowercase();
        let raw_start = chars[start].0;
        let raw_end = chars.get(end).map_or(text.len(), |c| c.0);
        let raw = &text[raw_start..raw_end];
        k = letters.max(end);
        if (glued_word && suffix.chars().count() >= 3) || inside_word {
            continue;
        }
        let mut read = read_digits(raw, raw_start);
        super::clock::clock_readings(&text[raw_end..], raw, &mut read);
        super::clock::decade_readings(&text[raw_end..], raw, &mut read);
        // `2015-19`: the second year of a range, abbreviated.
        let before_run = &text[..raw_start];
        if raw.len() <= 2 && before_run.ends_with(['-', '–']) {
            let year: String = before_run
                [..before_run.len() - before_run.chars().last().map_or(0, char::len_utf8)]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if year.len() == 4 {
                for m in &mut read {
                    m.values.push(format!("{}{raw:0>2}", &year[..2]));
                }
            }
        }
        // `1.2 CHAPTER II`: a dotted number opening a heading is an outline number.
        let opens = !text[..raw_start].chars().any(char::is_alphanumeric);
        let heading_after = text[raw_end..].split_whitespace().next().is_some_and(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        });
        if opens
            && heading_after
            && raw.contains('.')
            && !raw.contains(',')
            && raw.split('.').all(|p| p.len() <= 3)
        {
            for m in &mut read {
                m.kind = MentionKind::Outline;
            }
        }
        out.extend(read);
    }
    out
}

/// The mentions of one run of digits and separators.
fn read_digits(raw: &str, offset: usize) -> Vec<Mention> {
    let span = offset..offset + raw.len();
    let parts: Vec<&str> = raw.split(['.', ',']).collect();
    let value = |s: &str| {
        let t = s.trim_start_matches('0');
        if t.is_empty() {
            "0".to_string()
        } else {
            t.to_string()
        }
    };
    if parts.len() >= 3 && raw.contains('.') && !raw.contains(',') {
        let nums: Vec<u32> = parts
            .iter()
            .map(|p| p.parse().unwrap_or(u32::MAX))
            .collect();
        let year = |n: u32, p: &str| p.len() == 4 && (1000..3000).contains(&n);
        let small = |n: &u32| *n <= 31;
        let date = parts.len() == 3
            && ((year(nums[0], parts[0]) && nums[1..].iter().all(small))
                || (year(nums[2], parts[2]) && nums[..2].iter().all(small)));
        if date {
            return parts
                .iter()
                .map(|p| Mention {
                    kind: MentionKind::DatePart,
                    span: span.clone(),
                    values: vec![value(p)],
                    initial: false,
                })
                .collect();
        }
        if parts.iter().all(|p| p.len() <= 3) {
            return vec![Mention {
                kind: MentionKind::Outline,
                span,
                values: vec![parts.iter().map(|p| value(p)).collect::<Vec<_>>().join(".")],
                initial: false,
            }];
        }
    }
    let mut values = Vec::new();
    for (thousands, decimal) in [('.', ','), (',', '.')] {
        if let Some(v) = with_notation(raw, thousands, decimal) {
            values.push(v);
        }
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    values.push(value(&digits));
    values.sort();
    values.dedup();
    vec![Mention {
        kind: MentionKind::Digits,
        span,
        values,
        initial: false,
    }]
}

/// The value of a number in one notation (`None` if it is not well formed in it).
fn with_notation(raw: &str, thousands: char, decimal: char) -> Option<String> {
    let raw: String = raw.chars().filter(|c| !is_space_sep(*c)).collect();
    let (int, frac) = match raw.split_once(decimal) {
        Some((i, f)) if !f.contains(decimal) && !f.contains(thousands) => (i, Some(f)),
        Some(_) => return None,
        None => (raw.as_str(), None),
    };
    let groups: Vec<&str> = int.split(thousands).collect();
    if groups.len() > 1
        && !((1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3))
    {
        return None;
    }
    let int: String = groups.concat();
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(match frac.map(|f| f.trim_end_matches('0')) {
        Some(f) if !f.is_empty() => format!("{int}.{f}"),
        _ => int.to_string(),
    })
}

/// Whether `word` puts a Roman numeral after it: a word of [`ROMAN_LABELS`], or its
/// plural (`Protocols I to IX`).
fn is_roman_label(word: &str) -> bool {
    let word = word.to_lowercase();
    ROMAN_LABELS.contains(&word.as_str())
        || word
            .strip_suffix('s')
            .is_some_and(|singular| ROMAN_LABELS.contains(&singular))
}

/// Value of a Roman numeral of `I`, `V`, `X` (and `L`, `C` in longer ones).
pub(crate) fn roman(word: &str) -> Option<u32> {
    let n = word.chars().count();
    if n == 0 || n > 9 {
        return None;
    }
    if n < 3 && word.chars().any(|c| matches!(c, 'L' | 'C')) {
        return None;
    }
    if !word.chars().any(|c| matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    crate::align::anchors::roman_value(word)
}

/// Mentions written with letters: Roman numerals, months, number words.
fn word_mentions(text: &str, lang: &Lang) -> Vec<Mention> {
    let words = super::super::words_with_offsets(text);
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let (at, word, _) = words[k];
        let span = at..at + word.len();
        let after = &text[span.end..];
        let before = &text[..at];
        // Roman numerals.
        if let Some(v) = roman(word) {
            let prev = k.checked_sub(1).map(|p| words[p]);
            let next = words.get(k + 1);
            let is_initial = |w: Option<&(usize, &str, bool)>| {
                w.is_some_and(|w| {
                    w.1.chars().count() == 1
                        && w.1.chars().all(char::is_uppercase)
                        && text[w.0 + w.1.len()..].starts_with('.')
                })
            };
            let single = word.chars().count() == 1;
            let dotted = after.starts_with('.');
            let label = prev.is_some_and(|p| {
                is_roman_label(p.1)
                    || (p.1.chars().count() > 1 && p.1.chars().all(char::is_uppercase))
            }) && before.ends_with(' ');
            // `Annexes I, II and III`: a numeral in a list after another one.
            let listed = prev.is_some_and(|p| matches!(p.1, "and" | "or" | "to" | "és" | "vagy"))
                && out.last().is_some_and(|m: &Mention| {
                    m.kind == MentionKind::Roman && at - m.span.end < 12
                })
                || before.trim_end().ends_with(',')
                    && out.last().is_some_and(|m: &Mention| {
                        m.kind == MentionKind::Roman && at - m.span.end < 4
                    });
            let heading = k == 0 && dotted;
            // A letter in a range of letters (`A–C`) or initials (`X. Y.`) is not a
            // numeral; a range of numerals (`I–IX`) is, but not one from a numeral to
            // itself: `I-I` is a stammer (`"Why, I-I don't know."`).
            let partner = if after.starts_with(['–', '-', '—']) {
                next.map(|n| n.1)
            } else if before.ends_with(['–', '-', '—']) {
                prev.map(|p| p.1)
            } else {
                None
            };
            let in_range = partner.is_some_and(|p| roman(p).is_none());
            let roman_range = partner.is_some_and(|p| roman(p).is_some_and(|pv| pv != v));
            let initials = single && dotted && (is_initial(next) || is_initial(prev.as_ref()));
            let accept = !in_range
                && !initials
                && (!single
                    || label
                    || listed
                    || roman_range
                    || heading
                    || (lang != &Lang::En && dotted));
            if accept {
                out.push(Mention {
                    kind: MentionKind::Roman,
                    span,
                    values: vec![v.to_string()],
                    initial: false,
                });
                k += 1;
                continue;
            }
        }
        if let Some(m) = month_of(word, lang) {
            // English `May`/`March` are months only next to a number.
            let ambiguous = lang == &Lang::En && matches!(word, "May" | "March");
            let near_number = before.trim_end().ends_with(|c: char| c.is_ascii_digit())
                || after.trim_start().starts_with(|c: char| c.is_ascii_digit());
            out.push(Mention {
                kind: if !ambiguous || near_number {
                    MentionKind::Month
                } else {
                    MentionKind::Word
                },
                span,
                values: vec![m.to_string()],
                initial: false,
            });
            k += 1;
            continue;
        }
        // Number words: a run of them (`three hundred and twenty`).
        let (value, used) = match lang {
            Lang::Hu => {
                // A hyphenated compound (`kétezer-tizennyolcadik`) is one number.
                let joined = words
                    .get(k + 1)
                    .filter(|n| n.0 == span.end + 1 && after.starts_with('-'));
                match joined
                    .and_then(|n| hungarian_number(&format!("{word}{}", n.1).to_lowercase()))
                {
                    Some(v) => (Some(v), 2),
                    None => (hungarian_number(&word.to_lowercase()), 1),
                }
            }
            Lang::En => english_number(&words[k..]),
            Lang::Other(_) => (None, 1),
        };
        if let Some(v) = value {
            let end = words[k + used - 1];
            out.push(Mention {
                kind: MentionKind::Word,
                span: at..end.0 + end.1.len(),
                values: vec![v.to_string()],
                initial: false,
            });
        }
        k += used.max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<(String, MentionKind, Vec<String>)> {
        mentions(text, &lang)
            .into_iter()
            .map(|m| (m.text(text).to_string(), m.kind, m.values))
            .collect()
    }

    fn flat(text: &str, lang: Lang) -> Vec<String> {
        mentions(text, &lang)
            .into_iter()
            .flat_map(|m| m.values)
            .collect()
    }

    #[test]
    fn dates_are_read_as_their_parts_in_either_order() {
        let mut hu = flat("HL L 161., 2014.5.29., 3. o.", Lang::Hu);
        let mut en = flat("OJ L 161, 29.5.2014, p. 3.", Lang::En);
        hu.sort();
        en.sort();
        assert_eq!(hu, en);
        assert!(flat("2008. április 9.", Lang::Hu).contains(&"4".to_string()));
    }

    #[test]
    fn ambiguous_notation_keeps_every_reading() {
        let v = values("USCG 164.110", Lang::En);
        assert_eq!(v[0].0, "164.110");
        assert!(v[0].2.contains(&"164110".to_string()) && v[0].2.contains(&"164.11".to_string()));
        assert!(flat("3,5 százalék", Lang::Hu).contains(&"3.5".to_string()));
        assert!(flat("10 000 forint", Lang::Hu).contains(&"10000".to_string()));
        assert_eq!(
            flat("in 1963 15 men", Lang::En),
            ["1963", "15"],
            "they stay apart"
        );
    }

    #[test]
    fn roman_numerals_only_where_they_are_numerals() {
        assert_eq!(values("az I. melléklet", Lang::Hu)[0].1, MentionKind::Roman);
        assert_eq!(flat("Annex I to this Decision", Lang::En), ["1"]);
        assert_eq!(flat("ANNEX I", Lang::En), ["1"]);
        assert_eq!(flat("Louis XIV reigned", Lang::En), ["14"]);
        assert!(flat("I think so.", Lang::En).is_empty());
        assert!(flat("\"Why, I-I don't know.", Lang::En).is_empty());
        assert!(flat("I—I am ill.", Lang::En).is_empty());
        assert_eq!(flat("Annexes I-III", Lang::En), ["1", "3"]);
        assert_eq!(
            flat("in Protocols I to IX thereafter", Lang::En),
            ["1", "9"]
        );
        assert!(flat("az A–C. pontok", Lang::Hu).is_empty());
        assert!(flat("a CV és az LI", Lang::Hu).is_empty());
    }

    #[test]
    fn number_words_in_both_languages() {
        assert_eq!(hungarian_number("háromszáz"), Some(300));
        assert_eq!(hungarian_number("százegyes"), Some(101));
        assert_eq!(hungarian_number("kétezer-tizennyolcadik"), Some(2018));
        assert_eq!(hungarian_number("ezernégyszáz"), Some(1400));
        assert_eq!(hungarian_number("tizenkét"), Some(12));
        assert_eq!(hungarian_number("kétévenként"), Some(2));
        for common in [
            "hatás",
            "hétfő",
            "egyes",
            "ötlet",
            "egyébként",
            "hatalom",
            "egyik",
        ] {
            assert_eq!(hungarian_number(common), None, "{common}");
        }
        assert_eq!(flat("three hundred and twenty-one men", Lang::En), ["321"]);
        assert_eq!(flat("a thousand years", Lang::En), ["1000"]);
        assert_eq!(flat("fourteen hundred men", Lang::En), ["1400"]);
    }

    #[test]
    fn times_of_day_on_either_clock_and_decades_with_or_without_century() {
        assert_eq!(
            flat("A koncert 14 órakor kezdődik.", Lang::Hu),
            ["14", "h14"]
        );
        assert_eq!(flat("It starts at 2 p.m.", Lang::En), ["2", "h14"]);
        assert_eq!(flat("It starts at 2pm.", Lang::En), ["2", "h14"]);
        assert_eq!(flat("It starts at 2 a.m.", Lang::En), ["2", "h2"]);
        assert_eq!(
            flat("A vonat 14:30-kor indul.", Lang::Hu),
            ["14", "h14", "30"]
        );
        let train = flat("The train leaves at 2.30 pm.", Lang::En);
        for v in ["2", "30", "h14"] {
            assert!(train.contains(&v.to_string()), "{train:?}");
        }
        // No clock after the number: nothing added.
        assert_eq!(flat("He was 14 years old.", Lang::En), ["14"]);
        assert_eq!(flat("I am 14.", Lang::En), ["14"]);
        assert_eq!(flat("A '60-as években", Lang::Hu), ["1960", "60"]);
        assert_eq!(flat("Az 1960-as évek", Lang::Hu), ["1960", "60"]);
        assert_eq!(flat("in the 1960s", Lang::En), ["1960", "60"]);
        assert_eq!(flat("in the sixties", Lang::En), ["60"]);
        // Not decades: an age, a bus line.
        assert_eq!(flat("60 éves", Lang::Hu), ["60"]);
        assert_eq!(flat("65-ös busz", Lang::Hu), ["65"]);
        // An English `60s` is read as a decade wherever it stands: one value more, so a
        // counterpart more, never a finding more.
        assert_eq!(flat("the 60s of the series", Lang::En), ["1960", "60"]);
    }

    #[test]
    fn glued_letters_and_codes() {
        assert!(flat("the 1ittle loves", Lang::En).is_empty(), "OCR for l");
        assert_eq!(flat("G22 and G-22", Lang::En), ["22", "22"]);
        assert_eq!(flat("the 28th", Lang::En), ["28"]);
        assert_eq!(values("1.2.1 I", Lang::En)[0].1, MentionKind::Outline);
        assert_eq!(
            values("1.2 CHAPTER II", Lang::En)[0].1,
            MentionKind::Outline
        );
        assert_eq!(values("3.5 percent", Lang::En)[0].1, MentionKind::Digits);
        assert!(flat("the litt1e flying beasts and ta1es", Lang::En).is_empty());
        assert_eq!(values("USCG 165.120 165.115-re", Lang::Hu).len(), 2);
        assert!(flat("the period 2015-19", Lang::En).contains(&"2019".to_string()));
        assert_eq!(flat("az I–IX. jegyzőkönyv", Lang::Hu), ["1", "9"]);
    }
}
