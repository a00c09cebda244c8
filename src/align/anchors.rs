//! Anchor tokens: what a sentence offers that its translation should also contain.
//!
//! Each extractor here is a separate, tested scorer input: a sentence becomes a list of
//! [`Token`]s of four kinds, and the aligner rewards a bead whose two sides share them.
//!
//! - **numbers** ([`normalise_number`], [`roman_value`]): `1963.` ≡ `1963`, Hungarian
//!   decimal comma `3,5` ≡ `3.5`, thousands separators (`10 000`, `10.000`, `10,000`),
//!   English ordinals `28th` ≡ `28`, Roman numerals `XIV.` ≡ `14`, numeric dates
//!   `1963. 01. 28.` ≡ `1963`, `1`, `28`;
//! - **months** ([`month_of`]): Hungarian and English names and abbreviations, inflected
//!   Hungarian forms (`januárban`) included;
//! - **punctuation signature**: `?`, `!`, `:`, quotes, parentheses (and Hungarian
//!   `/…/` used as parentheses);
//! - **words**: a case-folded prefix key (for dictionaries, built-in or learned) and
//!   cognate keys ([`cognate_keys`]): accents stripped, doubled letters collapsed and
//!   Hungarian spelling mapped to English (`cs→ch`, `sz→s`, `zs→zh`, `k→c`), so that
//!   `Kuba`~`Cuba`, `Havanna`~`Havana`, `kommunista`~`communist` meet.
//!
//! Cost: linear in the sentence length.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::lang::Lang;

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A word (dictionary and cognate evidence).
    Word,
    /// A number, ordinal or Roman numeral.
    Number,
    /// A month name.
    Month,
    /// A punctuation mark that a translation usually keeps.
    Punct,
}

/// An anchor token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Its kind.
    pub kind: Kind,
    /// Normalised key: the word prefix, the number (`1963`, `3.5`), the month (`1`…`12`)
    /// or the punctuation class (`?`, `!`, `:`, `"`, `(`).
    pub key: String,
}

/// Characters of a word kept in its dictionary key (a crude stemmer that suits an
/// agglutinative language: `kormánynak` and `kormány` share `kormán`).
pub const WORD_KEY_CHARS: usize = 6;
/// Characters of a cognate key.
pub const COGNATE_KEY_CHARS: usize = 5;
/// Shortest word that gets cognate keys.
pub const COGNATE_MIN_CHARS: usize = 4;

/// The dictionary key of a word: lowercase, first [`WORD_KEY_CHARS`] characters.
pub fn word_key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .take(WORD_KEY_CHARS)
        .collect()
}

/// Extract the anchor tokens of a sentence, in order of appearance (repeats kept).
pub fn extract(text: &str, lang: &Lang) -> Vec<Token> {
    extract_spans(text, lang)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// [`extract`], with the byte range of each token in `text` (what the reader sees).
pub fn extract_spans(text: &str, lang: &Lang) -> Vec<(Range<usize>, Token)> {
    let mut out = Vec::new();
    let pieces: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
    let mut k = 0;
    while k < pieces.len() {
        let (at, piece) = pieces[k];
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() {
            // Join space-separated thousands groups: `10 000`.
            let mut number = piece.to_string();
            let mut end = at + piece.len();
            while k + 2 < pieces.len()
                && pieces[k + 1].1 == " "
                && pieces[k + 2].1.len() == 3
                && pieces[k + 2].1.bytes().all(|b| b.is_ascii_digit())
                && number.bytes().all(|b| b.is_ascii_digit())
            {
                number.push_str(pieces[k + 2].1);
                end = pieces[k + 2].0 + pieces[k + 2].1.len();
                k += 2;
            }
            if let Some(n) = normalise_number(&number, lang) {
                out.push((
                    at..end,
                    Token {
                        kind: Kind::Number,
                        key: n,
                    },
                ));
            }
        } else if first.is_alphabetic() {
            let next = pieces.get(k + 1).map(|p| p.1);
            let span = at..at + piece.len();
            if let Some(v) = roman_in_context(piece, next, lang) {
                out.push((
                    span,
                    Token {
                        kind: Kind::Number,
                        key: v.to_string(),
                    },
                ));
            } else if let Some(m) = month_in_context(piece, &pieces, k, lang) {
                out.push((
                    span,
                    Token {
                        kind: Kind::Month,
                        key: m.to_string(),
                    },
                ));
            } else {
                out.push((
                    span,
                    Token {
                        kind: Kind::Word,
                        key: word_key(piece),
                    },
                ));
            }
        } else if piece == "<" && text[at..].starts_with("<p>") {
            // hunalign's paragraph marker: a sentence of its own in presplit input.
            out.push((
                at..at + 3,
                Token {
                    kind: Kind::Punct,
                    key: "¶".to_string(),
                },
            ));
            k += 3;
            continue;
        } else if let Some(p) = punct_class(piece, &text[..at], &text[at + piece.len()..]) {
            out.push((
                at..at + piece.len(),
                Token {
                    kind: Kind::Punct,
                    key: p.to_string(),
                },
            ));
        }
        k += 1;
    }
    out
}

/// The punctuation class of a one-character piece, if it is one the aligner uses.
fn punct_class(piece: &str, before: &str, after: &str) -> Option<&'static str> {
    Some(match piece {
        "?" => "?",
        "!" => "!",
        ":" => ":",
        "\"" | "„" | "“" | "”" | "«" | "»" => "\"",
        "(" | "[" => "(",
        // A Hungarian `/…/` parenthesis opens with a slash after a space.
        "/" if before.ends_with(' ') && after.starts_with(|c: char| c.is_alphabetic()) => "(",
        _ => return None,
    })
}

/// Normalise a number written in `lang`'s conventions; `None` if it has no digits.
///
/// `1963.` → `1963`; `3,5` (hu) → `3.5`; `10.000` (hu) / `10,000` (en) → `10000`;
/// `28th` → `28`; `01` → `1`.
pub fn normalise_number(raw: &str, lang: &Lang) -> Option<String> {
    let s = raw.trim_end_matches('.');
    let s = s
        .trim_end_matches(|c: char| c.is_alphabetic())
        .trim_end_matches(['-', '.']);
    if !s.bytes().any(|b| b.is_ascii_digit())
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let (thousands, decimal) = match lang {
        Lang::En => (',', '.'),
        // Hungarian and most continental languages: decimal comma.
        _ => ('.', ','),
    };
    let groups: Vec<&str> = s.split(thousands).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    let mut n = if grouped {
        groups.concat()
    } else {
        s.to_string()
    };
    n = n.replace(decimal, ".");
    if n.matches('.').count() > 1 {
        // Something like a dotted date `1963.01.28`: keep digits of the first part only.
        n = n.split('.').next().unwrap_or_default().to_string();
    }
    let (int, frac) = match n.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (n.clone(), String::new()),
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

/// Value of an upper-case Roman numeral (`I` … `CCCXCIX`); `None` if not well formed.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= i64::from(d);
        } else {
            total += i64::from(d);
        }
    }
    let total = u32::try_from(total).ok()?;
    // Canonical form check: re-encode and compare.
    (to_roman(total)? == s).then_some(total)
}

fn to_roman(mut n: u32) -> Option<String> {
    if n == 0 || n >= 400 {
        return None;
    }
    let table = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// A Roman numeral in running text: two or more letters (`XIV`), or one letter followed
/// by an ordinal dot in Hungarian (`V.`); English `I` is a pronoun, never a numeral.
fn roman_in_context(word: &str, next: Option<&str>, lang: &Lang) -> Option<u32> {
    let v = roman_value(word)?;
    let single = word.len() == 1;
    if single && (lang == &Lang::En || next != Some(".")) {
        return None;
    }
    Some(v)
}

const HU_MONTHS: [&str; 12] = [
    "január",
    "február",
    "március",
    "április",
    "május",
    "június",
    "július",
    "augusztus",
    "szeptember",
    "október",
    "november",
    "december",
];
const HU_MONTH_ABBREVS: [&str; 12] = [
    "jan", "febr", "márc", "ápr", "máj", "jún", "júl", "aug", "szept", "okt", "nov", "dec",
];
const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const EN_MONTH_ABBREVS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month number (1–12) of a word in `lang`, inflected Hungarian forms included.
/// Month names are matched case-sensitively in English (`May`, not `may`) and in
/// lower case in Hungarian (as Hungarian writes them).
pub fn month_of(word: &str, lang: &Lang) -> Option<u8> {
    match lang {
        Lang::En => {
            let first_upper = word.chars().next().is_some_and(char::is_uppercase);
            if !first_upper {
                return None;
            }
            let lower = word.to_lowercase();
            EN_MONTHS
                .iter()
                .position(|m| *m == lower)
                .map(|i| i as u8 + 1)
        }
        Lang::Hu => {
            if word.chars().next().is_some_and(char::is_uppercase) {
                // Sentence-initial month names are rare; lower-case only avoids names
                // such as `Május` street.
                return None;
            }
            HU_MONTHS
                .iter()
                .position(|m| word.starts_with(m))
                .map(|i| i as u8 + 1)
        }
        Lang::Other(_) => None,
    }
}

/// Month names, plus abbreviations when followed by a dot (`jan.`, `Jan.`).
fn month_in_context(word: &str, pieces: &[(usize, &str)], k: usize, lang: &Lang) -> Option<u8> {
    if let Some(m) = month_of(word, lang) {
        // English `March`/`May` at the start of a sentence can be a verb or modal;
        // accept them only next to a number.
        if lang == &Lang::En && (word == "May" || word == "March") {
            let near_number = |d: isize| {
                let i = k as isize + d;
                i >= 0
                    && pieces
                        .get(i as usize)
                        .is_some_and(|p| p.1.starts_with(|c: char| c.is_ascii_digit()))
            };
            if !(near_number(2) || near_number(-2)) {
                return None;
            }
        }
        return Some(m);
    }
    if pieces.get(k + 1).map(|p| p.1) != Some(".") {
        return None;
    }
    let lower = word.to_lowercase();
    let list = match lang {
        Lang::Hu => &HU_MONTH_ABBREVS,
        Lang::En => &EN_MONTH_ABBREVS,
        Lang::Other(_) => return None,
    };
    list.iter().position(|a| *a == lower).map(|i| i as u8 + 1)
}

/// Cognate keys of a word: spelling variants that should meet their counterparts in
/// the other language. Empty for words shorter than [`COGNATE_MIN_CHARS`].
pub fn cognate_keys(word: &str, lang: &Lang) -> Vec<String> {
    if word.chars().count() < COGNATE_MIN_CHARS || !word.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let folded: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect();
    let mut keys = Vec::with_capacity(2);
    if lang == &Lang::Hu {
        let spelled = folded
            .replace("cs", "ch")
            .replace("sz", "s")
            .replace("zs", "zh")
            .replace("ty", "t")
            .replace("gy", "g")
            .replace("ny", "n");
        keys.push(cognate_prefix(&spelled));
        if spelled.contains('k') {
            keys.push(cognate_prefix(&spelled.replace('k', "c")));
        }
    } else {
        keys.push(cognate_prefix(&folded));
    }
    keys.dedup();
    keys
}

fn cognate_prefix(s: &str) -> String {
    let mut out = String::with_capacity(COGNATE_KEY_CHARS);
    let mut last = None;
    for c in s.chars() {
        if Some(c) == last {
            continue;
        }
        last = Some(c);
        out.push(c);
        if out.chars().count() == COGNATE_KEY_CHARS {
            break;
        }
    }
    out
}

/// Strip the accent of a lower-case Latin letter (`ő` → `o`).
pub fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ű' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ß' => 's',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: Lang, kind: Kind) -> Vec<String> {
        extract(text, &lang)
            .into_iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn hungarian_year_with_ordinal_dot_is_the_year() {
        assert_eq!(
            keys("Havanna, 1963. január 28.", Lang::Hu, Kind::Number),
            ["1963", "28"]
        );
        assert_eq!(
            keys("Havana, 28 January 1963", Lang::En, Kind::Number),
            ["28", "1963"]
        );
    }

    #[test]
    fn months_match_across_languages() {
        assert_eq!(keys("1963. január 28.", Lang::Hu, Kind::Month), ["1"]);
        assert_eq!(keys("januárban", Lang::Hu, Kind::Month), ["1"]);
        assert_eq!(keys("28 January 1963", Lang::En, Kind::Month), ["1"]);
        assert_eq!(keys("szept. 3.", Lang::Hu, Kind::Month), ["9"]);
        assert_eq!(keys("Sep. 3", Lang::En, Kind::Month), ["9"]);
    }

    #[test]
    fn may_is_a_month_only_next_to_a_number() {
        assert!(keys("May I come in?", Lang::En, Kind::Month).is_empty());
        assert_eq!(keys("on 1 May 1963", Lang::En, Kind::Month), ["5"]);
    }

    #[test]
    fn decimal_comma_and_thousands_separators() {
        let hu = Lang::Hu;
        let en = Lang::En;
        assert_eq!(normalise_number("3,5", &hu).as_deref(), Some("3.5"));
        assert_eq!(normalise_number("3.5", &en).as_deref(), Some("3.5"));
        assert_eq!(normalise_number("10.000", &hu).as_deref(), Some("10000"));
        assert_eq!(normalise_number("10,000", &en).as_deref(), Some("10000"));
        assert_eq!(keys("10 000 forint", hu, Kind::Number), ["10000"]);
    }

    #[test]
    fn ordinals_and_leading_zeros() {
        assert_eq!(normalise_number("28th", &Lang::En).as_deref(), Some("28"));
        assert_eq!(normalise_number("01", &Lang::Hu).as_deref(), Some("1"));
        assert_eq!(
            keys("1963. 01. 28.", Lang::Hu, Kind::Number),
            ["1963", "1", "28"]
        );
    }

    #[test]
    fn roman_numerals_are_numbers() {
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("XXXIX"), Some(39));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("MIX"), None);
        assert_eq!(keys("XIV. Lajos", Lang::Hu, Kind::Number), ["14"]);
        assert_eq!(keys("Louis XIV", Lang::En, Kind::Number), ["14"]);
        assert_eq!(keys("a II. világháború", Lang::Hu, Kind::Number), ["2"]);
    }

    #[test]
    fn english_i_is_not_a_numeral() {
        assert!(keys("I could characterize it.", Lang::En, Kind::Number).is_empty());
    }

    #[test]
    fn hunalign_paragraph_marker_is_an_anchor() {
        assert_eq!(keys("<p>", Lang::Hu, Kind::Punct), ["¶"]);
        assert!(keys("<p>", Lang::En, Kind::Word).is_empty());
    }

    #[test]
    fn punctuation_signature() {
        assert_eq!(
            keys("Miért? „Világforradalom!”", Lang::Hu, Kind::Punct),
            ["?", "\"", "!", "\""]
        );
        assert_eq!(
            keys(
                "a vezetés /a párt és a kormány/ volt",
                Lang::Hu,
                Kind::Punct
            ),
            ["("]
        );
        assert!(keys("47/1963/szig.", Lang::Hu, Kind::Punct).is_empty());
    }

    #[test]
    fn cognates_meet_with_spelling_rules() {
        let hu = |w| cognate_keys(w, &Lang::Hu);
        let en = |w| cognate_keys(w, &Lang::En);
        let meet = |a: Vec<String>, b: Vec<String>| a.iter().any(|k| b.contains(k));
        assert!(meet(hu("Kuba"), en("Cuba")));
        assert!(meet(hu("Havanna"), en("Havana")));
        assert!(meet(hu("kommunista"), en("communists")));
        assert!(meet(hu("Kennedy"), en("Kennedy")));
        assert!(meet(hu("szocialista"), en("socialist")));
        assert!(!meet(hu("ház"), en("house")));
    }

    #[test]
    fn word_keys_are_prefixes() {
        assert_eq!(word_key("Kormánynak"), "kormán");
        assert_eq!(word_key("és"), "és");
    }
}
