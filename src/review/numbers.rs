//! Numbers, Roman numerals and dates present on one side of a bead only.
//!
//! Both sides go through the aligner's anchor extractor ([`crate::align::anchors`]), so
//! notation does not matter: `1963.` ≡ `1963`, `3,5` (hu) ≡ `3.5` (en), `10 000` ≡
//! `10,000`, `XIV.` ≡ `14`, `28th` ≡ `28`, and months by number (`január` ≡ `January`).
//! Numbers are compared as sets per bead (a repeated year is not a mismatch). A number
//! missing on one side is excused when that side spells it out as a word (`három`,
//! `three`, `második`, `second`): translators often do.
//!
//! Not flagged: numbers moved to a neighbouring bead by a wrong alignment (the bead is
//! then flagged, which is what the reviewer needs). Cost: linear in the text.

use std::collections::BTreeSet;

use super::{words_with_position, BeadView, Finding, FindingKind, Severity};
use crate::align::anchors::{extract, Kind};
use crate::alignment::AlignmentFile;
use crate::lang::Lang;

const EN_NUMBERS: &[(&str, u32)] = &[
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
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
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
    ("twentieth", 20),
    ("once", 1),
    ("twice", 2),
    ("dozen", 12),
];

const HU_NUMBERS: &[(&str, u32)] = &[
    ("nulla", 0),
    ("egy", 1),
    ("kettő", 2),
    ("két", 2),
    ("három", 3),
    ("négy", 4),
    ("öt", 5),
    ("hat", 6),
    ("hét", 7),
    ("nyolc", 8),
    ("kilenc", 9),
    ("tíz", 10),
    ("tizenegy", 11),
    ("tizenkét", 12),
    ("húsz", 20),
    ("harminc", 30),
    ("negyven", 40),
    ("ötven", 50),
    ("hatvan", 60),
    ("hetven", 70),
    ("nyolcvan", 80),
    ("kilencven", 90),
    ("száz", 100),
    ("ezer", 1000),
    ("millió", 1_000_000),
    ("első", 1),
    ("második", 2),
    ("harmadik", 3),
    ("negyedik", 4),
    ("ötödik", 5),
    ("hatodik", 6),
    ("hetedik", 7),
    ("nyolcadik", 8),
    ("kilencedik", 9),
    ("tizedik", 10),
    ("egyszer", 1),
    ("kétszer", 2),
    ("tucat", 12),
];

/// Numbers a text spells out as words.
fn number_words(text: &str, lang: &Lang) -> BTreeSet<String> {
    let table = match lang {
        Lang::Hu => HU_NUMBERS,
        Lang::En => EN_NUMBERS,
        Lang::Other(_) => return BTreeSet::new(),
    };
    let mut out = BTreeSet::new();
    for (word, _) in words_with_position(text) {
        let lower = word.to_lowercase();
        for &(w, n) in table {
            // Short Hungarian number words are also ordinary words (`hat` "six"/"can",
            // `hét` "seven"/"week"): only an exact match counts; longer ones take suffixes.
            let hit = lower == w || (w.chars().count() >= 4 && lower.starts_with(w));
            if hit {
                out.insert(n.to_string());
            }
        }
    }
    out
}

fn keys(text: &str, lang: &Lang, kind: Kind) -> BTreeSet<String> {
    extract(text, lang)
        .into_iter()
        .filter(|t| t.kind == kind)
        .map(|t| t.key)
        .collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(key: &str) -> String {
    key.parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .map_or_else(|| key.to_string(), |m| m.to_string())
}

/// Number and date findings.
pub fn check(file: &AlignmentFile, views: &[BeadView<'_>]) -> Vec<Finding> {
    let (sl, tl) = (&file.source.lang, &file.target.lang);
    let mut out = Vec::new();
    for v in views.iter().filter(|v| v.is_paired()) {
        let (sn, tn) = (
            keys(&v.src, sl, Kind::Number),
            keys(&v.tgt, tl, Kind::Number),
        );
        let (sw, tw) = (number_words(&v.src, sl), number_words(&v.tgt, tl));
        let only_src: Vec<&String> = sn.difference(&tn).filter(|n| !tw.contains(*n)).collect();
        let only_tgt: Vec<&String> = tn.difference(&sn).filter(|n| !sw.contains(*n)).collect();
        let (sm, tm) = (keys(&v.src, sl, Kind::Month), keys(&v.tgt, tl, Kind::Month));
        let months_src: Vec<String> = sm.difference(&tm).map(|m| month_name(m)).collect();
        let months_tgt: Vec<String> = tm.difference(&sm).map(|m| month_name(m)).collect();
        let mut parts = Vec::new();
        let list = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
        if !only_src.is_empty() {
            parts.push(format!(
                "{} in the original but not in the translation",
                list(&only_src)
            ));
        }
        if !only_tgt.is_empty() {
            parts.push(format!(
                "{} in the translation but not in the original",
                list(&only_tgt)
            ));
        }
        if !months_src.is_empty() {
            parts.push(format!(
                "month {} in the original but not in the translation",
                months_src.join(", ")
            ));
        }
        if !months_tgt.is_empty() {
            parts.push(format!(
                "month {} in the translation but not in the original",
                months_tgt.join(", ")
            ));
        }
        if !parts.is_empty() {
            out.push(v.finding(
                file,
                FindingKind::NumberMismatch,
                Severity::Error,
                parts.join("; "),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, kinds};
    use super::super::{check, CheckConfig, FindingKind};

    const K: FindingKind = FindingKind::NumberMismatch;

    #[test]
    fn notation_differences_do_not_fire() {
        let f = file(&[
            ("Havanna, 1963. január 28.", "Havana, January 28, 1963"),
            ("Havanna, 1963. január 28-án.", "Havana, 28 January 1963."),
            (
                "Az infláció 3,5 százalék volt.",
                "Inflation was 3.5 per cent.",
            ),
            ("10 000 forintot kapott.", "He got 10,000 forints."),
            ("XIV. Lajos uralkodott.", "Louis XIV reigned."),
            ("Három példány készült.", "3 copies were made."),
            ("A II. világháború után.", "After the Second World War."),
            ("A 2. cikk szerint.", "Under the second article."),
        ]);
        assert_eq!(kinds(&f, K), Vec::<usize>::new());
    }

    #[test]
    fn changed_numbers_and_dates_fire() {
        let f = file(&[
            ("Havanna, 1963. január 28.", "Havana, January 28, 1964"),
            ("Havanna, 1963. január 28.", "Havana, February 28, 1963"),
            ("A 3. pontban.", "In point 4."),
            ("Ez egy mondat.", "This is a sentence."),
        ]);
        assert_eq!(kinds(&f, K), vec![0, 1, 2]);
        let r = check(&f, &CheckConfig::default().only(&[K]));
        assert_eq!(
            r.findings[0].reason,
            "1963 in the original but not in the translation; 1964 in the translation but not in the original"
        );
        assert!(
            r.findings[1].reason.contains("month January"),
            "{}",
            r.findings[1].reason
        );
    }
}
