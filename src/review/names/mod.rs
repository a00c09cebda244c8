//! Proper names and acronyms present on one side of a bead only.
//!
//! A *name candidate* is a capitalised word (apostrophes allowed: `O'Brien`) that does
//! not open a sentence or clause, or one that does but is written capitalised elsewhere
//! in the text, or inside a sentence of the other text, and never in lower case
//! (`Henry said…`; `Balboa több mint…`, where the English writes `before, Balboa had
//! come`); or an acronym (`ENSZ`, `NATO`)
//! outside an all-capitals line (a heading such as `HAS ADOPTED THIS DECISION` is not
//! made of acronyms). A word used in lower case elsewhere in the same text is a common
//! word capitalised for emphasis or in a title, not a name. A candidate is checked only
//! when the other text has a counterpart for it *somewhere* — the translator carries this
//! name over — so capitalised English common nouns (`Embassy`) and untranslatable titles
//! never fire. It fires when the bead's other side has no counterpart.
//!
//! Counterparts: the same word after folding (case, accents, Hungarian spelling `cs→ch`,
//! `sz→s` …, `k→c`, `j`/`y`→`i`, doubled letters; a Hungarian name in an English text is
//! also folded the Hungarian way), a Hungarian inflected form (`Kubának` ~ `Cuba`,
//! `Kovácsnak` ~ `Kovács`, `Angliának` ~ `Anglia`), a Jaro–Winkler similarity of at least
//! [`SIMILARITY`], a built-in or learned dictionary translation (`Felek` ~ `Parties`,
//! `uniós` ~ `EU`: the lexical evidence of [`crate::align::evidence`]), a known acronym
//! pair (`ENSZ` ~ `UN`), or, inside the bead only, another form of a given name (`Nagy
//! Sándor` ~ `Alexander`, `XIV. Lajos` ~ `Louis XIV`: never evidence that the translation
//! carries the name, since it may keep `Lajos` for Kossuth and write `Louis` for a
//! king). Word order is irrelevant: `Beck János` ~ `János Beck`. A learned translation
//! does not count for a name the other text writes as it is (then it must be there as
//! written), but sentences that copy their original (left untranslated) do not show
//! how the text writes a name. A name of capitalised words
//! that the other side abbreviates (`Amerikai Egyesült Államok` ~ `USA`, a bracket or
//! comma ending the name) is there, and so is the acronym; an acronym is never
//! abbreviated by another (`EU` written `EC` fires).
//!
//! A name replaced by a pronoun is a translator's choice, not an error (Hungarian `ő`
//! has no gender, so translators from English name the person, and translators into
//! English use `he` or `she`): names missing on one side are excused when that side has
//! at least as many more third-person pronouns than the other. A Hungarian name in its
//! bare form that possesses nothing after it is the subject of its clause (`Gwenliana a
//! tűz előtt ült`): only `he`, `she` (`him`, `himself`, `herself`) stand for it, not a
//! possessive `his`/`her`, which English adds where Hungarian writes a suffix. A name
//! in a case of place (`Panamából`, `Saint Malóban`) that the original often writes so
//! is a place: no pronoun excuses it, nor its bare form as a name of one word (`- Igen,
//! Panama.`; `a Bristol Girl` is a ship).
//!
//! Hungarian writes adjectives and peoples made from names in lower case (`európai`,
//! `magyar`, `cockney`): those whose stem the translation consistently renders by a name
//! are candidates too (`consistent`, where the rule and its excuses are).
//!
//! Deliberate gap: a name mentioned only once and dropped from the translation has no
//! counterpart anywhere and is not reported (precision over recall). Cost: linear in the
//! text, plus a similarity test against other-side words sharing the first two letters.

mod candidates;
mod consistent;
mod counterparts;

use std::collections::{HashMap, HashSet};

use super::{quote, words_with_offsets, Context, Finding, FindingKind, Severity};
use crate::align::dict::Dictionary;
use crate::align::evidence::Text;
use crate::lang::Lang;
use candidates::{bare_subject, candidates, is_place, personal_pronouns, pronouns, usage};
use consistent::Consistent;
pub use consistent::{MIN_BEADS, MIN_SHARE};
use counterparts::{bare, fold, Words};
pub use counterparts::{MAX_ACRONYM, SIMILARITY};

/// Whether name finding `f` reports a name written in `sentence` (a sentence of its
/// bead) as having no counterpart on the other side of the bead. A name the other side
/// lacks is never written in the sentence of that side (it would be its counterpart), so
/// a word of the finding found in `sentence` is a name of `sentence`.
pub fn lacks_name_of(f: &Finding, sentence: &str) -> bool {
    f.kind == FindingKind::NameMismatch
        && words_with_offsets(sentence)
            .into_iter()
            .any(|(_, w, _)| f.words.iter().any(|n| n == bare(w)))
}

/// A name of a bead with no counterpart on its other side.
struct Missing<'t> {
    /// Whether it is a name of the original.
    from_src: bool,
    /// Its sentence (an index into its text).
    sentence: usize,
    /// The name as written.
    word: &'t str,
    /// A lower-case Hungarian name ([`consistent`]): no pronoun or abbreviation of the
    /// sentence excuses it.
    lower: bool,
}

/// Name findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let file = ctx.file;
    let (sl, tl) = (&file.source.lang, &file.target.lang);
    let (src_texts, tgt_texts) = (file.source.sentence_texts(), file.target.sentence_texts());
    let (src_doc, tgt_doc) = (
        Words::new(&src_texts.join(" "), sl),
        Words::new(&tgt_texts.join(" "), tl),
    );
    let (mut src_usage, mut tgt_usage) = (usage(&src_texts), usage(&tgt_texts));
    // A word that one text only writes opening a sentence is a name when the other text
    // writes it, as it is, capitalised inside a sentence (`Balboa több mint…` ~ `Over a
    // century before, Balboa had come`), unless its own text also writes it in lower
    // case (a common word: `Van`, `A`).
    let (src_capital, tgt_capital) = (src_usage.0.clone(), tgt_usage.0.clone());
    src_usage.0.extend(tgt_capital);
    tgt_usage.0.extend(src_capital);
    let mut src_counts: HashMap<&str, usize> = HashMap::new();
    for text in &src_texts {
        for (_, w, _) in words_with_offsets(text) {
            *src_counts.entry(w).or_default() += 1;
        }
    }
    let forward = Dictionary::builtin_for(sl, tl);
    let backward = forward.reversed();
    let lexicon = ctx.lexicon();
    // Lower-case Hungarian names (`európai` ~ `European`), on the Hungarian side only.
    let lower_names = match (sl, tl) {
        (Lang::Hu, t) if t != &Lang::Hu => Some((
            true,
            Consistent::new(&ctx.views, true, &tgt_usage, &forward),
        )),
        (s, Lang::Hu) if s != &Lang::Hu => Some((
            false,
            Consistent::new(&ctx.views, false, &src_usage, &backward),
        )),
        _ => None,
    };
    // Each text without the beads whose translation copies its original: a name written
    // as it is in the original there (an untranslated sentence) does not show that the
    // translation writes it so.
    let copies = ctx.copied_targets();
    let copied_src: HashSet<usize> = ctx
        .views
        .iter()
        .filter(|v| v.record.tgt.iter().any(|j| copies.contains(j)))
        .flat_map(|v| v.record.src.iter().copied())
        .collect();
    let without = |texts: &[&str], skip: &HashSet<usize>, lang: &Lang| {
        let kept: Vec<&str> = texts
            .iter()
            .enumerate()
            .filter(|(k, _)| !skip.contains(k))
            .map(|(_, &t)| t)
            .collect();
        Words::new(&kept.join(" "), lang)
    };
    let (src_translated, tgt_translated) = if copies.is_empty() {
        (None, None)
    } else {
        (
            Some(without(&src_texts, &copied_src, sl)),
            Some(without(&tgt_texts, copies, tl)),
        )
    };
    // Per unique word: does the other text carry it over somewhere?
    let mut carried: HashMap<(bool, String), bool> = HashMap::new();
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        let (bs, bt) = (Words::new(&v.src, sl), Words::new(&v.tgt, tl));
        let mut missing: Vec<Missing<'_>> = Vec::new();
        for (from_src, ids, texts, other_ids, usage, other_doc, other_bead, lang, dict) in [
            (
                true,
                &v.record.src,
                &src_texts,
                &v.record.tgt,
                &src_usage,
                &tgt_doc,
                &bt,
                sl,
                &forward,
            ),
            (
                false,
                &v.record.tgt,
                &tgt_texts,
                &v.record.src,
                &tgt_usage,
                &src_doc,
                &bs,
                tl,
                &backward,
            ),
        ] {
            let text_of = if from_src { Text::Source } else { Text::Target };
            for &i in ids {
                let text = texts[i];
                let cands = candidates(text, &usage.0, &usage.1);
                let lower = match &lower_names {
                    Some((hu_src, names)) if *hu_src == from_src => names.candidates(text, &cands),
                    _ => Vec::new(),
                };
                if cands.is_empty() && lower.is_empty() {
                    continue;
                }
                let support = lexicon.support(text_of, i, other_ids);
                let mut other_renames: Option<bool> = None;
                let (n_capital, other_text) = (cands.len(), if from_src { &v.tgt } else { &v.src });
                let here = if from_src { &v.src } else { &v.tgt };
                for (k, c) in cands.into_iter().chain(lower).enumerate() {
                    let is_lower = k >= n_capital;
                    // A learned translation counts for a name the other text does not
                    // carry verbatim (`Felek` ~ `Parties`); one it carries as written must
                    // be there as written (`Coeur de Gris`, not just `Coeur`).
                    let translated = if from_src {
                        tgt_translated.as_ref()
                    } else {
                        src_translated.as_ref()
                    };
                    let verbatim = translated
                        .unwrap_or(other_doc)
                        .folded
                        .contains(&fold(c.word, lang));
                    let learned = support
                        .tokens
                        .iter()
                        .any(|t| t.matched == Some(true) && t.span.start == c.span.start);
                    if learned && !verbatim {
                        continue;
                    }
                    // A lower-case name is carried by construction (the translation
                    // renders the stem so); a capitalised one when the other text has a
                    // counterpart for it somewhere.
                    let checked = if is_lower {
                        let abbreviated = lower_names
                            .as_ref()
                            .is_some_and(|(_, n)| n.abbreviated(c.word, other_text, here));
                        // The translation has a name of its own here (`angol` rendered
                        // `British`): another name for the same, not a dropped one.
                        let renamed = *other_renames.get_or_insert_with(|| {
                            let (texts, usage, here, back) = if from_src {
                                (&tgt_texts, &tgt_usage, &bs, &backward)
                            } else {
                                (&src_texts, &src_usage, &bt, &forward)
                            };
                            let other_lang = if from_src { tl } else { sl };
                            other_ids.iter().any(|&j| {
                                candidates(texts[j], &usage.0, &usage.1)
                                    .iter()
                                    .any(|n| !here.has_counterpart(n.word, other_lang, back))
                            })
                        });
                        !abbreviated && !renamed
                    } else {
                        *carried
                            .entry((from_src, c.word.to_string()))
                            .or_insert_with(|| other_doc.carries(c.word, lang, dict))
                    };
                    if checked
                        && !other_bead.has_counterpart(c.word, lang, dict)
                        && !other_bead.has_given_name(c.word, lang)
                        && !missing
                            .iter()
                            .any(|m| m.from_src == from_src && m.word == c.word)
                    {
                        missing.push(Missing {
                            from_src,
                            sentence: i,
                            word: c.word,
                            lower: is_lower,
                        });
                    }
                }
            }
        }
        // Part of a name whose other part is there (`Henry Morgan` ~ `Captain Morgan`,
        // `Vörös Szentet` ~ `Red Saint`): the same person or thing, named shorter.
        // The partner must be a name itself: a common word opening the sentence
        // (`Férjem Peruban van` ~ `My husband is in Peru`) is not part of the name.
        let partner_found = |from_src: bool, i: usize, word: &str| -> bool {
            let (text, other_bead, lang, dict, usage) = if from_src {
                (src_texts[i], &bt, sl, &forward, &src_usage)
            } else {
                (tgt_texts[i], &bs, tl, &backward, &tgt_usage)
            };
            let words = words_with_offsets(text);
            let Some(k) = words.iter().position(|w| bare(w.1) == word) else {
                return false;
            };
            let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let adjacent = |k2: usize| {
                let (a, b) = (k.min(k2), k.max(k2));
                text[words[a].0 + words[a].1.len()..words[b].0]
                    .trim()
                    .is_empty()
            };
            [k.checked_sub(1), Some(k + 1)]
                .into_iter()
                .flatten()
                .filter_map(|k2| words.get(k2).map(|w| (k2, w.1, w.2)))
                .any(|(k2, w, initial)| {
                    let lower = bare(w).to_lowercase();
                    let name = !initial || (usage.0.contains(&lower) && !usage.1.contains(&lower));
                    capital(w)
                        && name
                        && adjacent(k2)
                        && other_bead.has_counterpart(bare(w), lang, dict)
                })
        };
        missing.retain(|m| !partner_found(m.from_src, m.sentence, m.word));
        if missing.is_empty() {
            continue;
        }
        // A name the translation abbreviates (`Amerikai Egyesült Államok` ~ `USA`).
        let abbreviated: Vec<usize> = v
            .record
            .src
            .iter()
            .copied()
            .filter(|&i| {
                missing
                    .iter()
                    .any(|m| m.from_src && !m.lower && m.sentence == i)
            })
            .filter(|&i| super::clause::abbreviated(ctx, 0..src_texts[i].len(), i, &v.record.tgt))
            .collect();
        // An acronym of the original is no name of words to abbreviate (`EU` beside `EC`
        // is an acronym changed).
        missing.retain(|m| {
            m.lower
                || !(m.from_src
                    && !counterparts::is_acronym(m.word)
                    && abbreviated.contains(&m.sentence))
        });
        // … and once every name of the original is accounted for, the acronym that
        // abbreviates it is no name of its own.
        if !abbreviated.is_empty() && !missing.iter().any(|m| m.from_src) {
            missing.retain(|m| !counterparts::is_acronym(m.word));
        }
        // Names rendered as pronouns on the other side are a translator's choice. A
        // Hungarian name in its bare form that is not the possessor of the next word
        // (`Gwenliana a tűz előtt ült`) is a subject: only a subject or object pronoun
        // (`she`, `him`) can stand for it, not a possessive (`her seat`), which
        // Hungarian writes as a suffix and English adds to almost every sentence.
        let (ps, pt) = (pronouns(&v.src, sl), pronouns(&v.tgt, tl));
        let pt_personal = personal_pronouns(&v.tgt, tl);
        let hu_to_en = sl == &Lang::Hu && tl == &Lang::En;
        let excused = |from_src: bool| {
            let n = missing
                .iter()
                .filter(|m| m.from_src == from_src && !m.lower)
                .count();
            let spare = if from_src {
                pt.saturating_sub(ps)
            } else {
                ps.saturating_sub(pt)
            };
            let subjects = if from_src && hu_to_en {
                missing
                    .iter()
                    .filter(|m| {
                        m.from_src
                            && !m.lower
                            && bare_subject(src_texts[m.sentence], m.word, &tgt_doc)
                    })
                    .count()
            } else {
                0
            };
            n > 0 && spare >= n && pt_personal >= subjects
        };
        let (excuse_src, excuse_tgt) = (excused(true), excused(false));
        // A place (`Yucatanban`, `Panamából`) is not rendered by a personal pronoun.
        // Whether a place is read only for a name a pronoun would excuse (it scans the
        // original's words).
        missing.retain(|m| {
            let excused = if m.from_src { excuse_src } else { excuse_tgt };
            // A lower-case name is an adjective or a people: no pronoun stands for it.
            m.lower
                || !excused
                || (m.from_src
                    && hu_to_en
                    && is_place(src_texts[m.sentence], m.word, &tgt_doc, &src_counts))
        });
        if missing.is_empty() {
            continue;
        }
        let list = |src: bool| {
            missing
                .iter()
                .filter(|m| m.from_src == src)
                .map(|m| quote(m.word, 40))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        let (a, b) = (list(true), list(false));
        if !a.is_empty() {
            parts.push(format!(
                "{a} in the original has no counterpart in the translation"
            ));
        }
        if !b.is_empty() {
            parts.push(format!(
                "{b} in the translation has no counterpart in the original"
            ));
        }
        // A name the translation adds is usually explicitation (who `he` is), a name it
        // drops is lost: only the latter is likely a problem.
        let severity = if a.is_empty() {
            Severity::Info
        } else {
            Severity::Warning
        };
        let mut f = ctx.finding(
            v.index,
            FindingKind::NameMismatch,
            severity,
            parts.join("; "),
        );
        f.words = missing.iter().map(|m| m.word.to_string()).collect();
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests;
