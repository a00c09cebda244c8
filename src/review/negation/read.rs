//! Reading the negations of one sentence: which words negate, which clause each
//! negates and the word it bears on, and whether the sentence negates implicitly.
//!
//! The rules here read a sentence's words in context (clauses, the word after, an
//! `only` further on); the word lists they use are in [`super::words`]. They see one
//! sentence at a time and know nothing of beads or alignment. Linear in the sentence.

use std::ops::Range;

use super::super::words_with_offsets;
use super::words::{
    is_code_letters, is_comparative, is_infinitive, is_modal, negates_by_itself, negative_by_form,
    DOUBLE_REACH, EN_AUXILIARIES, EN_CLAUSE_OPENERS, EN_COORDINATING_NEG, EN_DETERMINERS,
    EN_EXCLUSIVE, EN_LIMITS, EN_NEG, EN_QUESTION_WORDS, EN_SUBJECT_PRONOUNS, HU_ELSE, HU_NEG,
    HU_NEGATIVE_VERBS, HU_NEG_STEMS, HU_NOT_NEGATING, SCOPE_SKIP, THAN_REACH,
};
use crate::lang::Lang;

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '–' | '—' | '(' | ')' | '"' | '„' | '”' | '“'
    )
}

/// A negation in a sentence.
#[derive(Debug, Clone)]
pub(super) struct Negation<'a> {
    /// The negative word as written.
    pub(super) word: &'a str,
    /// Byte offset of the word it negates (the next word of its clause that is not an
    /// auxiliary), if any.
    pub(super) scope: Option<usize>,
    /// Byte offset of the infinitive a negated Hungarian modal takes (`nem tudok
    /// aludni`: `aludni`), which the negation bears on as much as on the modal.
    pub(super) infinitive: Option<usize>,
    /// Byte range of its clause, from the clause's first word to the end of its last.
    pub(super) clause: Range<usize>,
    /// English: a second negation close after one in its clause, the words from the
    /// first to the second as written (`not no` in `there is not no crime`, `no light
    /// had not`), which English reads as a yes.
    pub(super) cancelled_by: Option<&'a str>,
    /// English: `not … other than` (`shall not be communicated to persons other than
    /// …`), which says `only` where the original says so (`csak`, `kizárólag`), and
    /// denies where it does not.
    pub(super) other_than: bool,
    /// English: it negates a question that opens with a question word, on its
    /// auxiliary (`When will not you be off?`, `Why don't you go?`): a different
    /// question, where a yes-no question asks the same either way.
    pub(super) asks: bool,
}

/// Negated clauses of a text (one per clause, with the word it negates), whether it
/// has an implicit negation, and how many clauses it has whose negative words it reads
/// as `only` or a limit (`nothing but`, `no more than`, `semmit …, csak`).
pub(super) fn negations<'a>(text: &'a str, lang: &Lang) -> (Vec<Negation<'a>>, bool, usize) {
    let words = words_with_offsets(text);
    let mut out: Vec<Negation<'a>> = Vec::new();
    let mut last_clause: Option<usize> = None;
    // Index of the last negative word (for two negations that cancel).
    let mut last_negative: Option<usize> = None;
    let mut implicit = false;
    let mut only_or_limits = 0;
    let mut last_only_clause: Option<usize> = None;
    // Everything about clauses is computed once, in one pass each way, so that a
    // sentence of any length costs linear time (a 300,000-word "sentence" with no
    // commas made the per-word look-backs quadratic).
    let lower_words: Vec<String> = words.iter().map(|w| w.1.to_lowercase()).collect();
    let clause = clause_indices(text, &words);
    let same_clause = |a: usize, b: usize| clause[a] == clause[b];
    let clause_spans = clause_spans(&words, &clause);
    // `(a)míg` earlier in the word's clause.
    let until_before = earlier_in_clause(&lower_words, &clause, &["míg", "amíg"]);
    // `ha … volna`, `bárcsak … volna`: a counterfactual, which implies its denial (`ha
    // gondoltam volna` ≡ `I had not thought`), as `if only` does.
    let counterfactual_before =
        earlier_in_clause(&lower_words, &clause, &["ha", "bárcsak", "hacsak"]);
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
        // A negative word read as `only` or a limit: no negation of its own, but
        // counted (see `negations`' caller).
        let mut only_or_limit = false;
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
                        .starts_with([',', ';', ':', '-', '—', '–', '!', '.']);
                // Litotes and set phrases: `nem sokkal` soon, `nem hiába` for good reason,
                // `nem ritkán` often.
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
                let word_negates = HU_NEG.contains(&lower.as_str()) || inflected;
                only_or_limit = word_negates && (nothing_but || limit || exclusive);
                word_negates && negating
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
                    && text[at + word.len()..]
                        .starts_with([',', ';', ':', '-', '—', '–', '!', '.']);
                // `Wouldn't they …!`, `Isn't it …`: a question's form.
                let inverted = nt
                    && opens_clause
                    && next_lower.is_some_and(|n| EN_SUBJECT_PRONOUNS.contains(&n));
                // `No 1/2019`, and `No` capitalised inside a sentence (`Regulation (EC)
                // No`): the abbreviation of `number`.
                // `No C(2015) 8005`, `No L 123`: a letter code before the number.
                let number_sign = lower == "no"
                    && (next.is_some_and(|n| {
                        n.1.starts_with(|c: char| c.is_ascii_digit()) || is_code_letters(text, n)
                    }) || (word == "No" && !words[k].2));
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
                // `but`, `save`, `except` anywhere in the clause (`No unit of life was
                // left save the flying insects`); a `than` only near (`nothing more
                // than`, `none other than`): one far on in a long clause (`Nothing …
                // shall be construed … for other purposes than`) leaves the negation.
                let exclusive = matches!(lower.as_str(), "no" | "nothing" | "none" | "nobody")
                    && next_exclusive[k].is_some_and(|j| {
                        same_clause(j, k) && (lower_words[j] != "than" || j - k <= THAN_REACH)
                    });
                // `not only`, `not just`, `not merely`, also split by the verb it
                // bears on (`you did not steal only gold`); `not the only one` denies.
                let not_only = lower == "not"
                    && (k + 1..(k + 4).min(words.len()))
                        .take_while(|&j| same_clause(j, k))
                        .any(|j| {
                            matches!(lower_words[j].as_str(), "only" | "just" | "merely")
                                && !EN_DETERMINERS.contains(&lower_words[j - 1].as_str())
                        });
                // `like as not`, `as likely as not`: probably.
                let likely = lower == "not"
                    && k >= 2
                    && lower_words[k - 1] == "as"
                    && matches!(lower_words[k - 2].as_str(), "like" | "likely");
                let word_negates = EN_NEG.contains(&lower.as_str()) || nt || no_one;
                only_or_limit = word_negates && (exclusive || limit || only);
                word_negates
                    && !not_only
                    && !likely
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
            let scope_index = next_content[k].filter(|&j| same_clause(j, k));
            if scope_index.is_some_and(|j| is_litotes(&lower_words, j, &clause, lang)) {
                continue;
            }
            let scope = scope_index.map(|j| words[j].0);
            let infinitive = scope_index
                .filter(|&j| matches!(lang, Lang::Hu) && is_modal(&lower_words[j]))
                .and_then(|j| {
                    (j + 1..words.len())
                        .take_while(|&m| same_clause(m, j))
                        .find(|&m| is_infinitive(&lower_words[m]))
                })
                .map(|m| words[m].0);
            let english = matches!(lang, Lang::En);
            // `shall not be communicated to persons other than …`, `nor used for
            // purposes other than …`.
            let other_than = english
                && (k + 1..words.len().saturating_sub(1))
                    .take_while(|&j| same_clause(j, k))
                    .any(|j| lower_words[j] == "other" && lower_words[j + 1] == "than");
            // Two different negative words close together in a clause; the same word
            // again is emphasis or a list (`never-never`, `no dream and no will`), as
            // is anything joined by `and`/`or`/`nor`.
            let cancels = last_negative.filter(|&p| {
                english
                    && same_clause(p, k)
                    && k - p <= DOUBLE_REACH
                    && lower_words[p] != lower
                    && !(p..=k).any(|j| {
                        EN_COORDINATING_NEG.contains(&lower_words[j].as_str())
                            || matches!(lower_words[j].as_str(), "and" | "or")
                    })
            });
            last_negative = Some(k);
            let clause_index = clause[k];
            if last_clause != Some(clause_index) {
                out.push(Negation {
                    word,
                    scope,
                    infinitive,
                    clause: clause_spans[clause_index].clone(),
                    cancelled_by: None,
                    other_than,
                    asks: english && negates_a_question(text, &words, &lower_words, &clause, k),
                });
                last_clause = Some(clause_index);
            } else if let Some(p) = cancels {
                if let Some(last) = out.last_mut() {
                    last.cancelled_by
                        .get_or_insert(&text[words[p].0..at + word.len()]);
                }
            }
            continue;
        }
        // Counted once per clause, as negations are (`semmit sem …, csak` is one `only`).
        if only_or_limit && last_only_clause != Some(clause[k]) {
            only_or_limits += 1;
            last_only_clause = Some(clause[k]);
        }
        implicit |= negates_by_itself(&lower, lang)
            || (matches!(lang, Lang::Hu) && lower == "volna" && counterfactual_before[k]);
    }
    (out, implicit, only_or_limits)
}

/// Whether the English negation at word `k` negates a question that opens with a
/// question word, on its auxiliary: `[and] WH AUX not` or `[and] WH AUXn't`, the
/// sentence going on to a `?` before any other stop (`When will not you be off,
/// Henry?`, `Why don't you marry?`); not a relative clause (`men who are not like
/// him`), which has a word before its `who`.
fn negates_a_question(
    text: &str,
    words: &[(usize, &str, bool)],
    lower_words: &[String],
    clause: &[usize],
    k: usize,
) -> bool {
    let lower = lower_words[k].as_str();
    let aux = if lower.ends_with("n't") || lower.ends_with("n’t") {
        k
    } else if lower == "not" && k >= 1 && EN_AUXILIARIES.contains(&lower_words[k - 1].as_str()) {
        k - 1
    } else {
        return false;
    };
    let Some(wh) = aux.checked_sub(1) else {
        return false;
    };
    if clause[wh] != clause[k] || !EN_QUESTION_WORDS.contains(&lower_words[wh].as_str()) {
        return false;
    }
    let opens = wh == 0
        || clause[wh - 1] != clause[wh]
        || (EN_CLAUSE_OPENERS.contains(&lower_words[wh - 1].as_str())
            && (wh == 1 || clause[wh - 2] != clause[wh]));
    let (at, word, _) = words[k];
    opens
        && text[at + word.len()..]
            .chars()
            .find(|c| matches!(c, '.' | '!' | '?'))
            == Some('?')
}

/// Whether a negation cancels against the word it negates, or in Hungarian the one
/// after (`never without`, `not unlike`, `not impossible`, `nem … nélkül`, and a verb
/// that negates by meaning: `ne feledjük` ≡ `let us remember`): two negations make
/// a yes. Apart from those verbs, only words negative by their form count (`without`,
/// `un-`, `-less`, `im-…-ible`, `-talan`): not those that merely lean negative (`ever`,
/// `few`) or look prefixed (`incorporated`).
fn is_litotes(lower_words: &[String], scope: usize, clause: &[usize], lang: &Lang) -> bool {
    let cancels = |w: &str| {
        negative_by_form(w, lang)
            || match lang {
                Lang::Hu => w.starts_with("nélkül") || w.starts_with("anélkül"),
                Lang::En => {
                    w == "without"
                        || (w.chars().count() >= 7
                            && ["in", "im", "il", "ir"].iter().any(|p| w.starts_with(p))
                            && ["able", "ible"].iter().any(|e| w.ends_with(e)))
                }
                Lang::Other(_) => false,
            }
    };

    // A Hungarian postposition follows its noun (`nem ok nélkül`); English puts the
    // negative word itself after the negation (`never without`).
    let reach = if matches!(lang, Lang::Hu) { 2 } else { 1 };
    // A verb that negates by meaning cancels only as the word negated itself (`senki se
    // merné tagadni`: `tagadni` is what no one would dare).
    let negative_verb = matches!(lang, Lang::Hu)
        && lower_words
            .get(scope)
            .is_some_and(|w| HU_NEGATIVE_VERBS.iter().any(|v| w.starts_with(v)));
    negative_verb
        || (scope..lower_words.len().min(scope + reach))
            .filter(|&j| clause[j] == clause[scope])
            .any(|j| cancels(&lower_words[j]))
}

/// Per clause (index as [`clause_indices`] gives), whether a negation in it says
/// `only`, as English `nothing but` / `no one save` does: the clause has `kívül`
/// (except; not in `figyelmen kívül hagy`, disregard), or it has `semmi…`, `senki…` or `más…` (nothing, nobody, else) and `csak`
/// (but) follows in it or opens the next clause, or it has `más…` and `mint` (other …
/// than) follows so.
fn hungarian_exclusive_clauses(lower_words: &[String], clause: &[usize]) -> Vec<bool> {
    let clauses = clause.last().map_or(0, |&c| c + 1);
    let flags = || vec![false; clauses];
    let (mut except, mut leave, mut nothing, mut but) = (flags(), flags(), flags(), flags());
    // `más …, mint` (other … than): `senki sincs alávetve más korlátozásnak, mint` ≡
    // `everyone shall be subject only to such limitations as`.
    let (mut other, mut than) = (flags(), flags());
    for (w, &c) in lower_words.iter().zip(clause) {
        except[c] |= w == "kívül";
        // `figyelmen / számon kívül hagy` (disregard, leave out of account) is no
        // `except`.
        leave[c] |= w.starts_with("hagy");
        nothing[c] |= (["semmi", "senki"].iter().any(|s| w.starts_with(s))
            && w.chars().count() <= 9)
            || HU_ELSE.contains(&w.as_str());
        other[c] |= HU_ELSE.contains(&w.as_str());
        but[c] |= w == "csak";
        than[c] |= w == "mint";
    }
    let here_or_next = |v: &[bool], c: usize| v[c] || v.get(c + 1).copied().unwrap_or(false);
    (0..clauses)
        .map(|c| {
            (except[c] && !leave[c])
                || (nothing[c] && here_or_next(&but, c))
                || (other[c] && here_or_next(&than, c))
        })
        .collect()
}

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

/// For each word, whether one of `these` comes before it in its clause (one pass).
fn earlier_in_clause(lower_words: &[String], clause: &[usize], these: &[&str]) -> Vec<bool> {
    let mut out = vec![false; lower_words.len()];
    for k in 1..lower_words.len() {
        out[k] = clause[k - 1] == clause[k]
            && (out[k - 1] || these.contains(&lower_words[k - 1].as_str()));
    }
    out
}

/// Byte range of each clause: from its first word's start to its last word's end
/// (indexed by clause number; a clause with no word is empty).
fn clause_spans(words: &[(usize, &str, bool)], clause: &[usize]) -> Vec<Range<usize>> {
    let mut spans = vec![0..0; clause.last().map_or(0, |&c| c + 1)];
    for (&(at, word, _), &c) in words.iter().zip(clause) {
        let span = &mut spans[c];
        if span.start == span.end {
            *span = at..at + word.len();
        } else {
            span.end = at + word.len();
        }
    }
    spans
}

#[cfg(test)]
mod tests;
