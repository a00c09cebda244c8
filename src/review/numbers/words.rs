//! Numbers written as words: English (`three hundred`, `twenty-one`) and Hungarian
//! compounds with their endings (`háromszáz`, `Százegyes`, `kétezer-tizennyolcadik`),
//! read to their values for the number check.

const EN_UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("once", 1),
    ("twice", 2),
    ("thrice", 3),
    ("single", 1),
    ("double", 2),
    ("triple", 3),
    ("dozen", 12),
    ("twenties", 20),
    ("thirties", 30),
    ("forties", 40),
    ("fifties", 50),
    ("sixties", 60),
    ("seventies", 70),
    ("eighties", 80),
    ("nineties", 90),
    ("both", 2),
];

const EN_SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("hundredth", 100),
    ("thousand", 1000),
    ("thousandth", 1000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

/// Part of an English number: a unit (`twenty-one`) or a scale (`hundred`).
enum EnPart {
    Unit(u64),
    Scale(u64),
}

fn english_part(word: &str) -> Option<EnPart> {
    let lower = word.to_lowercase();
    if let Some(&(_, s)) = EN_SCALES.iter().find(|(n, _)| *n == lower) {
        return Some(EnPart::Scale(s));
    }
    let mut sum = 0;
    for piece in lower.split('-') {
        sum += EN_UNITS.iter().find(|(n, _)| *n == piece)?.1;
    }
    Some(EnPart::Unit(sum))
}

/// An English number of one or more words (`three hundred and twenty-one`, `a
/// thousand`): its value and how many words it takes (1 when it is none).
pub(super) fn english_number(words: &[(usize, &str, bool)]) -> (Option<u64>, usize) {
    let (mut total, mut current, mut used, mut any) = (0u64, 0u64, 0, false);
    for (i, &(_, w, _)) in words.iter().enumerate() {
        match english_part(w) {
            Some(EnPart::Unit(v)) => current += v,
            Some(EnPart::Scale(s)) if s >= 1000 => {
                total += current.max(1) * s;
                current = 0;
            }
            Some(EnPart::Scale(s)) => current = current.max(1) * s,
            None => {
                // `and` inside a number, `a` before a scale (`a hundred`).
                let lower = w.to_lowercase();
                let glue = (lower == "and" && any) || (lower == "a" && i == 0);
                let next_is_number = words
                    .get(i + 1)
                    .is_some_and(|n| english_part(n.1).is_some());
                if glue && next_is_number {
                    continue;
                }
                break;
            }
        }
        any = true;
        used = i + 1;
    }
    if any {
        (Some(total + current), used)
    } else {
        (None, 1)
    }
}

/// Morphemes of Hungarian number words (the longest one that fits is taken).
const HU_PARTS: &[(&str, u64)] = &[
    ("milliárd", 1_000_000_000),
    ("millió", 1_000_000),
    ("ezred", 1000),
    ("ezer", 1000),
    ("század", 100),
    ("száz", 100),
    ("kilencven", 90),
    ("nyolcvan", 80),
    ("hetven", 70),
    ("hatvan", 60),
    ("ötven", 50),
    ("negyven", 40),
    ("harminc", 30),
    ("huszon", 20),
    ("huszad", 20),
    ("húsz", 20),
    ("tizen", 10),
    ("tized", 10),
    ("tíz", 10),
    ("egyed", 1),
    ("első", 1),
    ("egy", 1),
    ("kettő", 2),
    ("második", 2),
    ("ketted", 2),
    ("két", 2),
    ("harmad", 3),
    ("három", 3),
    ("negyed", 4),
    ("négy", 4),
    ("ötöd", 5),
    ("öt", 5),
    ("hatod", 6),
    ("hat", 6),
    ("heted", 7),
    ("hét", 7),
    ("nyolcad", 8),
    ("nyolc", 8),
    ("kilenced", 9),
    ("kilenc", 9),
];

/// Endings that keep a short number word a number (`kétszer`, `ötös`, `harmadik`,
/// `kétévenként`); other endings make another word (`hatás`, `hétfő`, `ötlet`).
const HU_ENDINGS: &[&str] = &[
    "szer", "szor", "ször", "ik", "an", "en", "ban", "ben", "at", "et", "ot", "öt", "nak", "nek",
    "ra", "re", "ból", "ből", "ért", "es", "as", "os", "ös", "féle", "ként", "év", "nap", "óra",
    "perc", "fő", "oldal", "szoros",
];

/// The value of a Hungarian number word, compounds and suffixes included
/// (`háromszáz` 300, `kétezer-tizennyolcadik` 2018, `Százegyes` 101, `négyszer` 4).
/// Short words that are also common words (`hat` can, `hét` week, `egy` a) count only on
/// their own or with an ending of counting.
pub fn hungarian_number(word: &str) -> Option<u64> {
    let w: String = word.chars().filter(|c| *c != '-').collect();
    let mut rest = w.as_str();
    let (mut total, mut current, mut parts) = (0u64, 0u64, 0);
    while let Some(&(p, v)) = HU_PARTS
        .iter()
        .filter(|(p, _)| rest.starts_with(p))
        .max_by_key(|(p, _)| p.len())
    {
        match v {
            1000.. => {
                total += current.max(1) * v;
                current = 0;
            }
            100 if current < 100 => current = current.max(1) * 100,
            10..=90 if current % 100 == 0 => current += v,
            1..=9 if current % 10 == 0 => current += v,
            _ => return None,
        }
        rest = &rest[p.len()..];
        parts += 1;
    }
    if parts == 0 {
        return None;
    }
    let value = total + current;
    if parts == 1 && !rest.is_empty() {
        let stem_chars = w.chars().count() - rest.chars().count();
        let counting = HU_ENDINGS.iter().any(|e| rest.starts_with(e));
        if !(stem_chars >= 5 || counting) {
            return None;
        }
        // `egyes`, `hatos`, `hetes`, `egyik` are words of their own.
        let bare_count = rest.starts_with("szer") || rest.starts_with("ször");
        if matches!(value, 1 | 6 | 7) && stem_chars < 5 && !bare_count {
            return None;
        }
    }
    Some(value)
}
