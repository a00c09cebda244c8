//! A sentence of the translation repeated where the original says it once.
//!
//! Two target sentences at most [`REACH`] apart are *the same* when their words (lower
//! case, punctuation ignored) are equal, or nearly so for long sentences (a normalised
//! edit similarity of at least [`SIMILAR`], with the same numbers and the same first and
//! last words: entries of a list differ in exactly those). The repetition is a duplicate unless the
//! original repeats too: the source sentences aligned with the two are the same as each
//! other, or (for a short line such as `No! No!`) the original repeats a word there. The
//! second occurrence is reported; it is an error unless it is shorter than
//! [`MIN_ERROR_WORDS`] words (a warning: short lines repeat in dialogue).
//!
//! Cost: linear in the sentences (each compared with the next [`REACH`]).

use std::collections::HashSet;

use super::{quote, words_with_position, Context, Finding, FindingKind, Severity};

/// How far apart (in sentences) two repeats may be.
pub const REACH: usize = 2;
/// Similarity (normalised Levenshtein over characters) that makes long sentences the same.
pub const SIMILAR: f64 = 0.95;
/// Fewest words of a duplicate reported as an error.
pub const MIN_ERROR_WORDS: usize = 4;

/// The words of a sentence, lower case, punctuation dropped.
fn normalised(text: &str) -> String {
    words_with_position(text)
        .into_iter()
        .map(|(w, _)| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two normalised sentences are the same: equal, or (long ones) nearly equal
/// with the same numbers and the same first and last words (so that two entries of a
/// list that differ in a number or a leading word are not).
fn same(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let ends = |s: &str| {
        (
            s.split(' ').next().map(str::to_string),
            s.rsplit(' ').next().map(str::to_string),
        )
    };
    a.len().min(b.len()) >= 40
        && digits(a) == digits(b)
        && ends(a) == ends(b)
        && strsim::normalized_levenshtein(a, b) >= SIMILAR
}

/// Whether a text repeats one of its words (`Nem, nem!`).
fn repeats_a_word(text: &str) -> bool {
    let mut seen = HashSet::new();
    words_with_position(text)
        .into_iter()
        .any(|(w, _)| !seen.insert(w.to_lowercase()))
}

/// Whether the original repeats itself at some of its sentences or the one either side:
/// one sentence equals another or opens it (`- Ó!` before `- Ó, szégyellem magam.`),
/// or, for a short line, one repeats a word (`Nem, nem!`).
fn repeats_nearby<'a>(
    ctx: &Context<'_>,
    ids: impl Iterator<Item = &'a usize>,
    short: bool,
) -> bool {
    let ids: Vec<usize> = ids.copied().collect();
    let (Some(&lo), Some(&hi)) = (ids.iter().min(), ids.iter().max()) else {
        return false;
    };
    let n = ctx.file.source.sentences.len();
    let window: Vec<Vec<String>> = (lo.saturating_sub(1)..(hi + 2).min(n))
        .map(|i| {
            normalised(ctx.src_text(i))
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    let opens = window.iter().enumerate().any(|(a, x)| {
        window
            .iter()
            .enumerate()
            .any(|(b, y)| a != b && !y.is_empty() && x.starts_with(y))
    });
    opens || (short && (lo..=hi).any(|i| repeats_a_word(ctx.src_text(i))))
}

/// Duplicate findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let file = ctx.file;
    let tgt: Vec<String> = file
        .target
        .sentences
        .iter()
        .map(|s| normalised(&s.text))
        .collect();
    let mut out: Vec<Finding> = Vec::new();
    for j in 0..tgt.len() {
        for d in 1..=REACH {
            let k = j + d;
            if k >= tgt.len() || !same(&tgt[j], &tgt[k]) {
                continue;
            }
            if out.iter().any(|f| f.tgt.contains(&k)) {
                continue;
            }
            let (bj, bk) = (ctx.bead_of_tgt[j], ctx.bead_of_tgt[k]);
            let (sj, sk) = (&file.beads[bj].src, &file.beads[bk].src);
            let short = tgt[k].split(' ').count() < MIN_ERROR_WORDS;
            let original_repeats = repeats_nearby(ctx, sj.iter().chain(sk), short);
            if original_repeats {
                continue;
            }
            let words = tgt[k].split(' ').count();
            let severity = if words >= MIN_ERROR_WORDS {
                Severity::Error
            } else {
                Severity::Warning
            };
            let src = if sk.is_empty() {
                sj.clone()
            } else {
                sk.clone()
            };
            let text = ctx.tgt_text(k);
            let mut f = ctx.finding_on(
                bk,
                &src,
                &[k],
                FindingKind::Duplicate,
                severity,
                format!(
                    "the translation says this twice ({}) where the original says it once: {}",
                    if d == 1 {
                        "in a row"
                    } else {
                        "one sentence apart"
                    },
                    quote(text, 80)
                ),
            );
            f.words = vec![text.to_string()];
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, file_of_beads, findings};
    use super::super::{FindingKind, Severity};

    const K: FindingKind = FindingKind::Duplicate;

    #[test]
    fn a_repeated_sentence_is_a_duplicate_wherever_the_aligner_put_it() {
        let f = file_of_beads(&[
            (vec!["Az első mondat."], vec!["The first sentence."]),
            (
                vec!["A második mondat hosszabb."],
                vec![
                    "The second sentence is longer.",
                    "The second sentence is longer.",
                ],
            ),
            (vec!["A harmadik."], vec!["The third."]),
            (vec![], vec!["The third."]),
        ]);
        let r = findings(&f, K);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!((r[0].bead, r[0].tgt.as_slice()), (1, &[2usize][..]));
        assert_eq!(r[0].src, [1]);
        assert_eq!(r[0].severity, Severity::Error);
        assert_eq!((r[1].bead, r[1].severity), (3, Severity::Warning));
    }

    #[test]
    fn repeats_of_the_original_are_not_duplicates() {
        let f = file(&[
            ("Igen.", "Yes."),
            ("Igen.", "Yes."),
            ("Nem, nem!", "No!"),
            ("", "No!"),
        ]);
        let mut f = f;
        // The aligner put the second "No!" with the first: a 1-2 bead.
        f.beads[2].tgt = vec![2, 3];
        f.beads.pop();
        f.beads[2].kind = "1-2".into();
        assert!(findings(&f, K).is_empty());
    }
}
