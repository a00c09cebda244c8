//! A negation on one side of a bead only: the translation says yes where the original
//! says no, or the reverse.
//!
//! Each side's negated clauses are found. Hungarian: `nem`, `ne`, `sem`, `se`, `nincs`,
//! `sincs`, `soha`, `senki`, `semmi`, `sehol`, `mégsem` … and their inflected forms
//! (`senkit`, `semmiről`); a clause counts once however many it has, so double negation
//! (`senki sem jött`, `soha nem volt`) is one negation, as in English. English: `not`,
//! `n't`, `no`, `never`, `nobody`, `nothing`, `none`, `neither`, `nor`, `nowhere`,
//! `cannot`, `no one`. A clause is the text between `,` `;` `:` dashes and brackets.
//!
//! What is not a negation: `nemcsak` / `not only`; `no later than`, `No 1/2019`; question
//! tags and inverted questions (`didn't they?`, `Wouldn't they skip!`); `nothing but`,
//! `nothing more than`, `no … save` (an assertion: `csak`); the answers `No,` / `Nem -`;
//! Hungarian `(a)míg … nem` (`until`) and `nem más, mint`; litotes such as `nem sokkal`
//! (soon) and `nem hiába`. Each Hungarian `only` mirrors an English one: `X-en kívül
//! senki` (`no one save X`), `semmit / mást se …, csak` (`nothing but`), and a limit `egy
//! nyúlnál nem nagyobb`, `nem több, mint` (`no larger than`, `no more than`); a question
//! tag must open its clause (`…, didn't they?`), so `it was not she.` is a denial.
//!
//! A finding needs one side with negations and the other with none at all, no question
//! mark, and no *implicit* negation on that other side: a word that negates by itself
//! (Hungarian privative `-tlan`/`-tlen`, `nélkül`, `hiány`, `tilos`, `kevés`; English
//! `without`, `un-`/`in-`/`non-` words, `-less`, `fail`, `lack`, `refuse`, `hardly`,
//! `ever`, `until`, `before`), since translators move negation between grammar and
//! vocabulary (`nem lehetséges` ≡ `impossible`).
//!
//! How much a mismatch says depends on the translation. Where fewer than
//! [`LITERAL_RATE`] of the beads disagree in polarity (legal and technical text keeps
//! negation literally) every mismatch is reported. In a free translation (a novel: `she
//! forgot` for `nem vette észre`) only those whose negated word has its counterpart on
//! the other side (a lexical link, [`crate::align::evidence::Lexicon::links`]) are: the
//! two sides then say the same thing with opposite polarity. Severity `warning`.
//!
//! Limits: an antonym (`Nem él` ≡ `a dead thing`) or a negation moved to another clause
//! reads as a mismatch; a flipped negation in a sentence that has another one is missed.
//! Cost: linear, plus a link query per candidate bead.

use super::{quote, words_with_offsets, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;
use crate::lang::Lang;

const HU_NEG: &[&str] = &[
    "nem",
    "ne",
    "sem",
    "se",
    "mégsem",
    "mégse",
    "sohase",
    "sohse",
    "nincs",
    "nincsen",
    "nincsenek",
    "sincs",
    "sincsen",
    "sincsenek",
    "soha",
    "sohasem",
    "sose",
    "sosem",
    "semmikor",
    "sehol",
    "sehova",
    "sehová",
    "sehonnan",
    "semerre",
    "semennyi",
    "semelyik",
    "semmilyen",
    "semmiféle",
    "semmiképp",
    "semmiképpen",
    "senki",
    "semmi",
];
/// Inflected forms start with these (`senkit`, `semmiről`).
const HU_NEG_STEMS: &[&str] = &["senki", "semmi"];
const EN_NEG: &[&str] = &[
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "nowhere", "cannot",
    "nought", "naught",
];
const HU_IMPLICIT: &[&str] = &[
    "kevés",
    "hiába",
    "elfogy",
    "kétség",
    "nélkül",
    "hiány",
    "tilos",
    "tilt",
    "elutasít",
    "megtagad",
    "kivéve",
    "alig",
    "aligha",
];
const HU_PRIVATIVE: &[&str] = &["tlan", "tlen"];
const EN_IMPLICIT: &[&str] = &[
    // `the finest I ever saw` for `amilyet még nem láttam`: a negative-polarity `ever`.
    "ever",
    "until",
    "before",
    "difficult",
    "seldom",
    "rarely",
    "without",
    "fail",
    "failed",
    "fails",
    "failure",
    "lack",
    "lacked",
    "lacking",
    "lacks",
    "refuse",
    "refused",
    "refuses",
    "deny",
    "denied",
    "hardly",
    "scarcely",
    "barely",
    "absence",
    "absent",
    "unless",
    "except",
    "neglect",
    "neglected",
    "prohibit",
    "prohibited",
    "forbid",
    "forbidden",
    "avoid",
    "little",
    "few",
    "rather",
    "instead",
    "reluctant",
    "reluctantly",
];
const EN_NEG_PREFIXES: &[&str] = &["un", "in", "im", "il", "ir", "dis", "non"];
/// Endings of the adjectives and adverbs those prefixes negate (`unable`, `impossible`).
const EN_ADJECTIVE_ENDINGS: &[&str] = &[
    "able", "ible", "ful", "ly", "ed", "ent", "ant", "al", "ous", "ive", "ing",
];

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '–' | '—' | '(' | ')' | '"' | '„' | '”' | '“'
    )
}

/// A negation in a sentence.
#[derive(Debug, Clone)]
struct Negation<'a> {
    /// The negative word as written.
    word: &'a str,
    /// Byte offset of the word it negates (the next word of its clause that is not an
    /// auxiliary), if any.
    scope: Option<usize>,
}

/// Words after `no` / `not` that make a limit, not a negation (`no later than`).
const EN_LIMITS: &[&str] = &[
    "later",
    "more",
    "less",
    "sooner",
    "fewer",
    "exceeding",
    "earlier",
];
/// Words skipped when looking for the word a negation negates.
const SCOPE_SKIP: &[&str] = &[
    "be", "been", "being", "have", "has", "had", "do", "does", "did", "to", "a", "an", "the", "so",
    "very", "yet", "even", "all", "at", "quite", "really", "always", "just", "is", "are", "was",
    "were", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "he",
    "she", "it", "they", "we", "you", "i", "there", "that", "this", "is", "volt", "lesz", "még",
    "már", "is", "sem", "se", "az", "a", "egy", "túl", "nagyon", "ez", "azt", "csak",
];

/// Words after `nem` that make a set phrase of it, not a negation.
const HU_NOT_NEGATING: &[&str] = &[
    "sokkal", "sokára", "messze", "rég", "régen", "hiába", "egyszer",
];
/// Words that turn `no`/`nothing` into `only` (`nothing more than`, `no one save`).
const EN_EXCLUSIVE: &[&str] = &["but", "save", "except", "than", "else", "only"];
const EN_SUBJECT_PRONOUNS: &[&str] = &["i", "you", "he", "she", "it", "we", "they", "there"];

/// Negated clauses of a text (one per clause, with the word it negates) and whether it
/// has an implicit negation.
fn negations<'a>(text: &'a str, lang: &Lang) -> (Vec<Negation<'a>>, bool) {
    let words = words_with_offsets(text);
    let mut out: Vec<Negation<'a>> = Vec::new();
    let mut last_clause: Option<usize> = None;
    let mut implicit = false;
    // Everything about clauses is computed once, in one pass each way, so that a
    // sentence of any length costs linear time (a 300,000-word "sentence" with no
    // commas made the per-word look-backs quadratic).
    let lower_words: Vec<String> = words.iter().map(|w| w.1.to_lowercase()).collect();
    let clause = clause_indices(text, &words);
    let same_clause = |a: usize, b: usize| clause[a] == clause[b];
    // `(a)míg` earlier in the word's clause.
    let mut until_before = vec![false; words.len()];
    for k in 1..words.len() {
        until_before[k] = same_clause(k - 1, k)
            && (until_before[k - 1] || matches!(lower_words[k - 1].as_str(), "míg" | "amíg"));
    }
    // The next word that is an `only` of `nothing more than`, and the next word a
    // negation can negate (not an auxiliary or particle), after each word.
    let mut next_exclusive = vec![None; words.len()];
    let mut next_content = vec![None; words.len()];
    for k in (0..words.len().saturating_sub(1)).rev() {
        let n = k + 1;
        next_exclusive[k] = if EN_EXCLUSIVE.contains(&lower_words[n].as_str()) {
            Some(n)
        } else {
            next_exclusive[n]
        };
        next_content[k] = if SCOPE_SKIP.contains(&lower_words[n].as_str()) {
            next_content[n]
        } else {
            Some(n)
        };
    }
    let (hu_exclusive, hu_compares) = if matches!(lang, Lang::Hu) {
        (
            hungarian_exclusive_clauses(&lower_words, &clause),
            hungarian_comparing_clauses(&lower_words, &clause),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    for (k, &(at, word, _)) in words.iter().enumerate() {
        let lower = lower_words[k].clone();
        let next = words.get(k + 1);
        let next_lower = lower_words.get(k + 1).map(String::as_str);
        let after_next = lower_words.get(k + 2).map(String::as_str);
        let opens_clause = k == 0 || !same_clause(k - 1, k);
        let negative = match lang {
            Lang::Hu => {
                let inflected = HU_NEG_STEMS.iter().any(|s| {
                    lower.starts_with(s) && lower.chars().count() <= s.chars().count() + 4
                });
                // `(a)míg … nem` is `until`: the `nem` is not a negation.
                let until = lower == "nem" && until_before[k];
                // `nem más, mint` is `nothing but`: an assertion.
                let nothing_but =
                    lower == "nem" && next_lower == Some("más") && after_next == Some("mint");
                // `Nem - kiáltotta.`: an answer, as `No!` is.
                let answer = lower == "nem"
                    && opens_clause
                    && text[at + word.len()..]
                        .trim_start()
                        .starts_with([',', '-', '—', '–', '!', '.']);
                // Litotes and set phrases: `nem sokkal` soon, `nem hiába` for good reason.
                let idiom =
                    lower == "nem" && next_lower.is_some_and(|n| HU_NOT_NEGATING.contains(&n));
                let not_only = lower == "nem" && next_lower == Some("csak");
                // `egy nyúlnál nem nagyobb`, `nem több, mint`: a limit, as English `no
                // larger than`, `no more than` is (a plain `nem jobb` stays a denial, as
                // `not better` does).
                let limit = lower == "nem"
                    && hu_compares[clause[k]]
                    && next_content[k].is_some_and(|j| is_comparative(&lower_words[j]));
                // `X-en kívül senki` (nobody except X), `semmit, csak` / `mást se, csak`
                // (nothing but): an assertion, as English `no one save`, `nothing but`.
                let exclusive = hu_exclusive[clause[k]];
                let negating =
                    !(not_only || until || nothing_but || answer || idiom || limit || exclusive);
                (HU_NEG.contains(&lower.as_str()) || inflected) && negating
            }
            Lang::En => {
                let nt = lower.ends_with("n't") || lower.ends_with("n’t");
                let no_one = lower == "no" && next_lower == Some("one");
                let limit = matches!(lower.as_str(), "no" | "not")
                    && next_lower.is_some_and(|n| EN_LIMITS.contains(&n))
                    && (after_next == Some("than") || next_lower == Some("exceeding"));
                // `none but`, `nothing but`: `only`.
                let only =
                    matches!(lower.as_str(), "none" | "nothing") && next_lower == Some("but");
                // `No,` `no-`: an answer, not a clause's negation.
                let answer = lower == "no"
                    && text[at + word.len()..].starts_with([',', '-', '—', '–', '!', '.']);
                // `Wouldn't they …!`, `Isn't it …`: a question's form.
                let inverted = nt
                    && opens_clause
                    && next_lower.is_some_and(|n| EN_SUBJECT_PRONOUNS.contains(&n));
                // `No 1/2019`, and `No` capitalised inside a sentence (`Regulation (EC)
                // No`): the abbreviation of `number`.
                let number_sign = lower == "no"
                    && (next.is_some_and(|n| n.1.starts_with(|c: char| c.is_ascii_digit()))
                        || (word == "No" && !words[k].2));
                // A question tag (`…, didn't they?`, `…, won't you.`) asks, it does not
                // deny; it opens its clause (`it was not she.` and `that's not it, John`
                // are denials).
                let tag = (nt || lower == "not")
                    && opens_clause
                    && next_lower.is_some_and(|n| EN_SUBJECT_PRONOUNS.contains(&n))
                    && next.is_some_and(|n| {
                        text[n.0 + n.1.len()..]
                            .trim_start()
                            .starts_with(['?', '.', '!', ',', '"', '”'])
                    });
                // `nothing more than`, `no … save`, `nothing else`: `only`, an assertion.
                let exclusive = matches!(lower.as_str(), "no" | "nothing" | "none" | "nobody")
                    && next_exclusive[k].is_some_and(|j| same_clause(j, k));
                (EN_NEG.contains(&lower.as_str()) || nt || no_one)
                    && !(lower == "not" && next_lower == Some("only"))
                    && !exclusive
                    && !limit
                    && !number_sign
                    && !tag
                    && !only
                    && !answer
                    && !inverted
            }
            Lang::Other(_) => false,
        };
        if negative {
            // The word negated: the next one of the clause that is not an auxiliary or
            // a particle (`not have been told` → `told`).
            let scope = next_content[k]
                .filter(|&j| same_clause(j, k))
                .map(|j| words[j].0);
            let clause = clause[k];
            if last_clause != Some(clause) {
                out.push(Negation { word, scope });
                last_clause = Some(clause);
            }
            continue;
        }
        implicit |= match lang {
            Lang::Hu => {
                HU_IMPLICIT.iter().any(|s| lower.starts_with(s))
                    || (lower.chars().count() > 6 && HU_PRIVATIVE.iter().any(|p| lower.contains(p)))
            }
            Lang::En => {
                EN_IMPLICIT.contains(&lower.as_str())
                    || lower.ends_with("less")
                    || lower.ends_with("lessly")
                    || lower.starts_with("non")
                    || (lower.starts_with("un")
                        && lower.chars().count() >= 5
                        && !EN_NOT_UN.iter().any(|w| lower.starts_with(w)))
                    || (lower.chars().count() >= 7
                        && EN_NEG_PREFIXES.iter().any(|p| lower.starts_with(p))
                        && EN_ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e)))
            }
            Lang::Other(_) => false,
        };
    }
    (out, implicit)
}

/// Hungarian comparatives (`nagyobb`, `több`, `kevesebb`, `jobban`): after `nem` they
/// make a limit, not a denial.
fn is_comparative(word: &str) -> bool {
    let stem = word.trim_end_matches("an").trim_end_matches("en");
    word.chars().count() >= 4 && (stem.ends_with("bb") || word == "több")
}

/// Per clause (index as [`clause_indices`] gives), whether a negation in it says
/// `only`, as English `nothing but` / `no one save` does: the clause has `kívül`
/// (except), or it has `semmi…`, `senki…` or `más…` (nothing, nobody, else) and `csak`
/// (but) follows in it or opens the next clause.
fn hungarian_exclusive_clauses(lower_words: &[String], clause: &[usize]) -> Vec<bool> {
    let clauses = clause.last().map_or(0, |&c| c + 1);
    let (mut except, mut nothing, mut but) = (
        vec![false; clauses],
        vec![false; clauses],
        vec![false; clauses],
    );
    for (w, &c) in lower_words.iter().zip(clause) {
        except[c] |= w == "kívül";
        nothing[c] |= (["semmi", "senki"].iter().any(|s| w.starts_with(s))
            && w.chars().count() <= 9)
            || HU_ELSE.contains(&w.as_str());
        but[c] |= w == "csak";
    }
    (0..clauses)
        .map(|c| except[c] || (nothing[c] && (but[c] || but.get(c + 1).copied().unwrap_or(false))))
        .collect()
}

/// `más` (else, other) in the cases that make `nothing else`, `nobody else`.
const HU_ELSE: &[&str] = &[
    "más",
    "mást",
    "másnak",
    "mással",
    "másról",
    "másra",
    "másban",
    "másba",
    "mástól",
    "máshoz",
    "máshol",
    "máshová",
    "máshova",
];

/// Per clause, whether it compares: `mint` (than) in it or opening the next, or a word in `-nál`/`-nél` (the
/// Hungarian comparative case, `nyúlnál nagyobb`).
fn hungarian_comparing_clauses(lower_words: &[String], clause: &[usize]) -> Vec<bool> {
    let mut out = vec![false; clause.last().map_or(0, |&c| c + 1)];
    for (k, (w, &c)) in lower_words.iter().zip(clause).enumerate() {
        out[c] |=
            w == "mint" || (w.chars().count() >= 5 && (w.ends_with("nál") || w.ends_with("nél")));
        // `nem több, mint`: the comma puts `mint` in the next clause.
        if w == "mint" && k > 0 {
            out[clause[k - 1]] = true;
        }
    }
    out
}

/// For each word, the number of clause breaks before it (words of one clause share it).
fn clause_indices(text: &str, words: &[(usize, &str, bool)]) -> Vec<usize> {
    let mut out = Vec::with_capacity(words.len());
    let (mut breaks, mut scanned) = (0, 0);
    for &(at, _, _) in words {
        breaks += text[scanned..at]
            .chars()
            .filter(|&c| is_clause_break(c))
            .count();
        scanned = at;
        out.push(breaks);
    }
    out
}

/// Words starting with `un` that are not negated (`under`, `union`).
const EN_NOT_UN: &[&str] = &[
    "under", "until", "unit", "union", "univers", "uniq", "unif", "unanim", "uncle", "unto",
];

/// The negations of some sentences of one text, with the sentence of each.
fn gather<'a>(
    ctx: &'a Context<'_>,
    ids: &[usize],
    text: Text,
    lang: &Lang,
) -> (Vec<(usize, Negation<'a>)>, bool) {
    let mut all = Vec::new();
    let mut implicit = false;
    for &i in ids {
        let sentence = match text {
            Text::Source => ctx.src_text(i),
            Text::Target => ctx.tgt_text(i),
        };
        let (negs, imp) = negations(sentence, lang);
        implicit |= imp;
        all.extend(negs.into_iter().map(|n| (i, n)));
    }
    (all, implicit)
}

/// Whether the word a negation negates has a counterpart on the other side of the bead
/// (so the two sides say the same thing, with opposite polarity).
fn scope_linked(ctx: &Context<'_>, text: Text, i: usize, at: usize, others: &[usize]) -> bool {
    let lex = ctx.lexicon();
    let Some(token) = lex.tokens(text, i).iter().position(|t| t.span.start == at) else {
        return false;
    };
    others
        .iter()
        .any(|&o| !lex.linked_to(text, i, token, o).is_empty())
}

/// Share of paired beads with a negation on one side only below which a translation
/// keeps negation literally, and every such bead is reported.
pub const LITERAL_RATE: f64 = 0.01;
/// Agreeing beads a document is assumed to have on top of its own when the rate is
/// judged (so that a short document's one disagreement does not make it "free").
pub const LITERAL_PRIOR_BEADS: f64 = 100.0;

/// A bead with a negation on one side only.
struct Candidate<'a> {
    bead: usize,
    text: Text,
    negs: Vec<(usize, Negation<'a>)>,
    linked: Vec<usize>,
}

/// Negation findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let (sl, tl) = (&ctx.file.source.lang, &ctx.file.target.lang);
    if matches!(sl, Lang::Other(_)) || matches!(tl, Lang::Other(_)) {
        return Vec::new();
    }
    let mut candidates = Vec::new();
    let mut paired = 0usize;
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        paired += 1;
        // A question may ask the same thing either way (`Csak nem féltél?` ≡ `Were you
        // afraid?`).
        if v.src.contains('?') || v.tgt.contains('?') {
            continue;
        }
        let (src, tgt) = (&v.record.src, &v.record.tgt);
        let (sn, si) = gather(ctx, src, Text::Source, sl);
        let (tn, ti) = gather(ctx, tgt, Text::Target, tl);
        let (negs, text, others) = if !sn.is_empty() && tn.is_empty() && !ti {
            (sn, Text::Source, tgt)
        } else if sn.is_empty() && !tn.is_empty() && !si {
            (tn, Text::Target, src)
        } else {
            continue;
        };
        let linked: Vec<usize> = (0..negs.len())
            .filter(|&k| {
                let (i, n) = &negs[k];
                n.scope
                    .is_some_and(|at| scope_linked(ctx, text, *i, at, others))
            })
            .collect();
        candidates.push(Candidate {
            bead: v.index,
            text,
            negs,
            linked,
        });
    }
    // A translation that keeps negation literally is checked strictly; in a free one
    // (a novel: `she forgot` for `nem vette észre`) only a negated word that has its
    // counterpart on the other side makes a finding.
    // A short document is judged as if it had [`LITERAL_PRIOR_BEADS`] more beads that
    // agree: in a 22-bead report one flipped negation is 4.5 % of its beads, and the
    // error itself would make the text look free and hide it.
    let literal = (candidates.len() as f64) < LITERAL_RATE * (paired as f64 + LITERAL_PRIOR_BEADS);
    let mut out = Vec::new();
    for c in candidates {
        let shown: Vec<usize> = if literal {
            (0..c.negs.len()).collect()
        } else {
            c.linked.clone()
        };
        if shown.is_empty() {
            continue;
        }
        let v = &ctx.views[c.bead];
        let (side, other_text) = match c.text {
            Text::Source => (("original", "translation"), &v.tgt),
            Text::Target => (("translation", "original"), &v.src),
        };
        let sentence = |i: usize| match c.text {
            Text::Source => ctx.src_text(i),
            Text::Target => ctx.tgt_text(i),
        };
        let phrase = |k: usize| {
            let (i, n) = &c.negs[k];
            let scope_word = n
                .scope
                .and_then(|at| {
                    sentence(*i)[at..]
                        .split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '’')
                        .next()
                })
                .unwrap_or("");
            format!("“{} {scope_word}”", n.word).replace(" ”", "”")
        };
        let reason = format!(
            "the {} says {} and the {} has no negation: {}",
            side.0,
            shown
                .iter()
                .map(|&k| phrase(k))
                .collect::<Vec<_>>()
                .join(", "),
            side.1,
            quote(other_text, 80)
        );
        let mut f = ctx.finding(c.bead, FindingKind::Negation, Severity::Warning, reason);
        f.words = shown
            .iter()
            .map(|&k| c.negs[k].1.word.to_string())
            .collect();
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, filler, kinds};
    use super::super::FindingKind;
    use super::*;

    #[test]
    fn double_negation_is_one() {
        assert_eq!(negations("Senki sem jött.", &Lang::Hu).0.len(), 1);
        assert_eq!(
            negations("Soha nem volt itt, de semmit sem hozott.", &Lang::Hu)
                .0
                .len(),
            2
        );
        assert_eq!(negations("Nobody came.", &Lang::En).0.len(), 1);
        assert_eq!(negations("He didn't come.", &Lang::En).0.len(), 1);
        assert!(negations("pursuant to Regulation (EC) No", &Lang::En)
            .0
            .is_empty());
        assert_eq!(negations("No, he said. No man came.", &Lang::En).0.len(), 1);
        assert!(negations("Nemcsak ő jött.", &Lang::Hu).0.is_empty());
        assert!(negations("Not only he came.", &Lang::En).0.is_empty());
        assert!(negations("A nemzet nemes.", &Lang::Hu).0.is_empty());
    }

    /// Each Hungarian `only` is read as its English mirror is, so the pair agrees; the
    /// same words without the `only` stay negations.
    #[test]
    fn hungarian_only_mirrors_english_only() {
        let none = |t: &str, lang: &Lang| negations(t, lang).0.is_empty();
        // nobody except X / no one save X
        assert!(none(
            "Morganon kívül senki se tudta, mit fognak meghódítani.",
            &Lang::Hu
        ));
        assert!(none(
            "No one save Morgan knew where that conquest was to be.",
            &Lang::En
        ));
        assert!(none(
            "A rovarokon kívül nem maradt benne élőlény.",
            &Lang::Hu
        ));
        // nothing but
        assert!(none("Mást se láttak, csak zöld dzsungelt.", &Lang::Hu));
        assert!(none("Nem csinálnak semmit, csak kocsikáznak.", &Lang::Hu));
        assert!(none("They do nothing but drive about.", &Lang::En));
        // no larger than
        assert!(none(
            "Egy nyulacskánál nem nagyobb majom ugrált.",
            &Lang::Hu
        ));
        assert!(none("Nem több, mint tíz ember jött.", &Lang::Hu));
        assert!(none("A monkey no larger than a rabbit jumped.", &Lang::En));
        // The same words as denials.
        assert_eq!(
            negations("Senki se tudta, mit fognak meghódítani.", &Lang::Hu)
                .0
                .len(),
            1
        );
        assert_eq!(negations("Nem láttak semmit.", &Lang::Hu).0.len(), 1);
        assert_eq!(negations("Ez nem jobb.", &Lang::Hu).0.len(), 1);
        assert_eq!(
            negations("Nem mentem el, csak otthon maradtam.", &Lang::Hu)
                .0
                .len(),
            1
        );
    }

    #[test]
    fn a_question_tag_opens_its_clause() {
        assert!(negations("You will come, won't you?", &Lang::En)
            .0
            .is_empty());
        assert!(negations("They went, didn't they.", &Lang::En).0.is_empty());
        assert_eq!(negations("I am sure it was not she.", &Lang::En).0.len(), 1);
        assert_eq!(negations("But that's not it, John.", &Lang::En).0.len(), 1);
    }

    #[test]
    fn a_flipped_negation_fires_and_a_moved_one_does_not() {
        // A literal translation (few mismatches among many beads): every one is reported.
        let mut pairs = vec![
            ("Nem jött el.", "He did not come."),
            ("Nem jött el.", "He came."),
            ("Eljött.", "He did not come."),
            ("Ez nem lehetséges.", "This is impossible."),
            ("Ez lehetetlen.", "This is not possible."),
            ("Pénz nélkül jött.", "He didn't bring money."),
            ("Senki sem jött.", "Nobody came."),
            ("Legkésőbb hétfőn.", "No later than Monday."),
            ("Ugye eljössz?", "You will come, won't you?"),
            ("Rajta kívül senki sem jött.", "No one came save him."),
            ("Ő volt.", "It was not she."),
            ("Nem akart elmenni.", "He was reluctant to leave."),
        ];
        pairs.extend(filler(300));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![1, 2, 10]);
    }

    #[test]
    fn one_flip_in_a_short_document_is_reported() {
        // 20 beads, one disagreeing: 5 % of the beads, but a short text is not judged
        // free on the strength of the error itself.
        let mut pairs = vec![("Érezhető a hatása.", "We can not feel the impact.")];
        pairs.extend(filler(19));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![0]);
    }

    #[test]
    fn a_free_translation_needs_the_negated_word_to_have_a_counterpart() {
        let mut pairs = vec![(
            "A kutya nem ugatott a kertben.",
            "The dog barked in the garden.",
        )];
        pairs.extend(filler(40));
        pairs.push(("Nem ugatott.", "She forgot."));
        // Many beads disagree in polarity: a free translation.
        pairs.extend([("Elfelejtette.", "She did not remember."); 5]);
        let found = kinds(&file(&pairs), FindingKind::Negation);
        assert_eq!(
            found,
            vec![0],
            "only the bead whose negated verb has its counterpart"
        );
    }
}
