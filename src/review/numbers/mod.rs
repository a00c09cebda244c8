//! Numbers, Roman numerals and dates present on one side of a bead only.
//!
//! Each sentence's numbers are read as written ([`read`]): digits in either language's
//! notation (`3,5` ≡ `3.5`, `10 000` ≡ `10,000`, `164.110` read every way it can be),
//! dates by their parts in any order (`2008.4.9.` ≡ `9.4.2008` ≡ `9 April 2008`,
//! `márciusra` ≡ `March`), Roman numerals where the context makes them numerals
//! (`I. melléklet` ≡ `Annex I`, never the pronoun `I`, never `C` of `A–C`), and number
//! words, which count as a counterpart but never need one (`háromszáz` ≡ `300`,
//! `Százegyes` ≡ `101`, `three hundred` ≡ `300`). A number with no counterpart on the
//! other side of its bead is reported as written.
//!
//! Not flagged: an outline number opening a sentence (`1.2.3 Chapter`) when the other
//! text never numbers its headings that way (an edition's furniture); numbers moved to
//! a neighbouring bead by a wrong alignment (the coverage check reports the bead).
//! A bead of numbering only on both sides (`2.` against `I`) is `info`: editions number
//! their sections differently. Cost: linear in the text.

mod clock;
pub mod read;
mod words;

use read::{mentions, Mention, MentionKind};
use std::collections::HashSet;

use super::{quote, Context, Finding, FindingKind, Severity};
use crate::lang::Lang;

/// The numbers of a sentence, with the sentence.
struct Sentence<'a> {
    text: &'a str,
    mentions: Vec<Mention>,
}

fn sentences<'a>(texts: impl Iterator<Item = &'a str>, lang: &Lang) -> Vec<Sentence<'a>> {
    texts
        .map(|text| Sentence {
            text,
            mentions: mentions(text, lang),
        })
        .collect()
}

/// Whether a text is a bare section number (`2.`, `1.2.1 I`, `IV.`): short, and no word
/// of three letters or more apart from Roman numerals.
pub(crate) fn numbering_only(text: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).count() <= NUMBERING_CHARS
        && !super::words_with_offsets(text).iter().any(|&(_, w, _)| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && read::roman(w).is_none()
        })
}

/// Longest text (non-blank characters) that can be a bare section number.
const NUMBERING_CHARS: usize = 12;

/// How a mention is shown in a reason: as written, with its date when it is part of one.
fn shown(m: &Mention, text: &str) -> String {
    let written = m.text(text);
    match m.kind {
        MentionKind::DatePart => format!(
            "“{}” (in the date “{written}”)",
            m.values.first().map_or("", String::as_str)
        ),
        MentionKind::Month => format!("month “{written}”"),
        _ => quote(written, 40),
    }
}

/// Number and date findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let file = ctx.file;
    let (sl, tl) = (&file.source.lang, &file.target.lang);
    let src = sentences(file.source.sentences.iter().map(|s| s.text.as_str()), sl);
    let tgt = sentences(file.target.sentences.iter().map(|s| s.text.as_str()), tl);
    // Does a text ever open a sentence with an outline number?
    let outlines = |side: &[Sentence<'_>]| {
        side.iter().any(|s| {
            s.mentions
                .first()
                .is_some_and(|m| m.kind == MentionKind::Outline && m.initial)
        })
    };
    let (src_outlines, tgt_outlines) = (outlines(&src), outlines(&tgt));
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        let gather = |side: &'_ [Sentence<'_>], ids: &[usize]| -> Vec<(usize, usize)> {
            ids.iter()
                .flat_map(|&i| (0..side[i].mentions.len()).map(move |m| (i, m)))
                .collect()
        };
        let (sm, tm) = (gather(&src, &v.record.src), gather(&tgt, &v.record.tgt));
        let unmatched = |own: &[Sentence<'_>],
                         mine: &[(usize, usize)],
                         other: &[Sentence<'_>],
                         theirs: &[(usize, usize)],
                         other_outlines: bool,
                         merged: bool| {
            let mut missing: Vec<(usize, usize)> = Vec::new();
            // Every value the other side offers, and the values already reported (sets,
            // so that a bead with thousands of numbers costs linear time).
            let offered: HashSet<&str> = theirs
                .iter()
                .flat_map(|&(j, n)| other[j].mentions[n].values.iter().map(String::as_str))
                .collect();
            let mut reported: HashSet<&[String]> = HashSet::new();
            for &(i, m) in mine {
                let mention = &own[i].mentions[m];
                if !mention.is_checked() {
                    continue;
                }
                // A heading number that is a sentence of its own in a merged bead: if it is
                // missing, the sentence is, which the coverage check reports.
                if merged && numbering_only(own[i].text) {
                    continue;
                }
                if mention.kind == MentionKind::Outline && mention.initial && !other_outlines {
                    continue;
                }
                let found = mention.values.iter().any(|x| offered.contains(x.as_str()));
                // A number repeated in the sentence is reported once.
                if !found && reported.insert(mention.values.as_slice()) {
                    missing.push((i, m));
                }
            }
            missing
        };
        let only_src = unmatched(&src, &sm, &tgt, &tm, tgt_outlines, v.record.src.len() > 1);
        let only_tgt = unmatched(&tgt, &tm, &src, &sm, src_outlines, v.record.tgt.len() > 1);
        if only_src.is_empty() && only_tgt.is_empty() {
            continue;
        }
        let list = |side: &[Sentence<'_>], ms: &[(usize, usize)]| {
            ms.iter()
                .map(|&(i, m)| shown(&side[i].mentions[m], side[i].text))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if !only_src.is_empty() {
            parts.push(format!(
                "{} in the original has no counterpart in the translation",
                list(&src, &only_src)
            ));
        }
        if !only_tgt.is_empty() {
            parts.push(format!(
                "{} in the translation has no counterpart in the original",
                list(&tgt, &only_tgt)
            ));
        }
        let numbering = numbering_only(&v.src) && numbering_only(&v.tgt);
        let severity = if numbering {
            parts.push("the section numbering differs".to_string());
            Severity::Info
        } else {
            Severity::Error
        };
        let mut f = ctx.finding(
            v.index,
            FindingKind::NumberMismatch,
            severity,
            parts.join("; "),
        );
        f.words = only_src
            .iter()
            .map(|&(i, m)| src[i].mentions[m].text(src[i].text).to_string())
            .chain(
                only_tgt
                    .iter()
                    .map(|&(j, m)| tgt[j].mentions[m].text(tgt[j].text).to_string()),
            )
            .collect();
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, findings, kinds};
    use super::super::{FindingKind, Severity};

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
            ("HL L 161., 2014.5.29., 3. o.", "OJ L 161, 29.5.2014, p. 3."),
            ("Az I. melléklet szerint.", "As set out in Annex I."),
            (
                "A rendelet (2008. április 9.) szerint.",
                "Under the Regulation of 9.4.2008.",
            ),
            ("Márciusra elkészül.", "It will be ready by March."),
            ("Háromszáz ember jött.", "300 people came."),
            ("A Százegyes szobában.", "In Room 101."),
            ("USCG 164.110", "USCG 164.110"),
            ("A G22 jelű.", "The one marked G-22."),
            ("Az A–C. pontok.", "Points A to C."),
            (
                "Kelt a kétezer-tizennyolcadik évben.",
                "Done in the year 2018.",
            ),
            (
                "A koncert 14 órakor kezdődik.",
                "The concert starts at 2 p.m.",
            ),
            ("A vonat 14:30-kor indul.", "The train leaves at 2.30 pm."),
            (
                "A '60-as években másképp volt.",
                "In the sixties it was different.",
            ),
            ("Az 1960-as években.", "In the '60s."),
            ("A 60-as években.", "In the 1960s."),
        ]);
        let found = findings(&f, K);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn changed_numbers_and_dates_fire_quoted_as_written() {
        let f = file(&[
            ("Havanna, 1963. január 28.", "Havana, January 28, 1964"),
            ("Havanna, 1963. január 28.", "Havana, February 28, 1963"),
            ("A 3. pontban.", "In point 4."),
            ("Ez egy mondat.", "This is a sentence."),
            ("HL L 161., 2014.5.29., 3. o.", "OJ L 161, 29.5.2014, p. 8."),
            ("USCG 165.101", "USCG 165.110"),
            (
                "A koncert 14 órakor kezdődik.",
                "The concert starts at 2 a.m.",
            ),
            ("A '60-as években.", "In the seventies."),
        ]);
        assert_eq!(kinds(&f, K), vec![0, 1, 2, 4, 5, 6, 7]);
        let r = findings(&f, K);
        assert_eq!(
            r[0].reason,
            "“1963” in the original has no counterpart in the translation; “1964” in the translation has no counterpart in the original"
        );
        assert_eq!(r[0].words, ["1963", "1964"]);
        assert!(r[1].reason.contains("month “január”"), "{}", r[1].reason);
        assert!(
            r[3].reason.contains("“3”") && r[3].reason.contains("“8”"),
            "{}",
            r[3].reason
        );
        assert!(r[4].reason.contains("“165.101”"), "{}", r[4].reason);
        assert!(r.iter().all(|x| x.severity == Severity::Error));
    }

    #[test]
    fn numbering_only_beads_are_info() {
        let f = file(&[("2.", "1.2.1 I"), ("Ez egy mondat.", "This is a sentence.")]);
        let r = findings(&f, K);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].severity, Severity::Info);
    }
}
