//! Proper names and acronyms present on one side of a bead only.
//!
//! A *name candidate* is a capitalised word (apostrophes allowed: `O'Brien`) that does
//! not open a sentence or clause, or one that does but is written capitalised elsewhere
//! in the text and never in lower case (`Henry said…`); or an acronym (`ENSZ`, `NATO`)
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
//! `uniós` ~ `EU`: the lexical evidence of [`crate::align::evidence`]), or a known acronym
//! pair (`ENSZ` ~ `UN`). Word order is irrelevant: `Beck János` ~ `János Beck`.
//!
//! A name replaced by a pronoun is a translator's choice, not an error (Hungarian `ő`
//! has no gender, so translators from English name the person, and translators into
//! English use `he` or `she`): names missing on one side are excused when that side has
//! at least as many more third-person pronouns than the other.
//!
//! Deliberate gap: a name mentioned only once and dropped from the translation has no
//! counterpart anywhere and is not reported (precision over recall). Cost: linear in the
//! text, plus a similarity test against other-side words sharing the first two letters.

use std::collections::{HashMap, HashSet};

use super::{quote, words_with_offsets, Context, Finding, FindingKind, Severity};
use crate::align::anchors::{cognate_keys, fold_accent, roman_value, word_key};
use crate::align::dict::Dictionary;
use crate::align::evidence::Text;
use crate::lang::Lang;

/// Jaro–Winkler similarity of folded words above which two names are the same.
pub const SIMILARITY: f64 = 0.85;

/// Acronym pairs (Hungarian, English) that do not look alike.
const ACRONYMS: &[(&str, &str)] = &[
    ("ENSZ", "UN"),
    ("ENSZ", "UNO"),
    ("USA", "US"),
    ("NSZK", "FRG"),
    ("NDK", "GDR"),
    ("SZU", "USSR"),
    ("SZSZSZK", "USSR"),
    ("KGST", "CMEA"),
    ("KGST", "COMECON"),
    ("MSZMP", "HSWP"),
    ("MDP", "HWPP"),
    ("EGK", "EEC"),
    ("EK", "EC"),
    ("EGT", "EEA"),
    ("HL", "OJ"),
    ("NATO", "NATO"),
];

/// Third-person singular pronouns, which may stand for a person's name.
const EN_PRONOUNS: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];
const HU_PRONOUNS: &[&str] = &[
    "ő", "őt", "övé", "neki", "vele", "róla", "tőle", "hozzá", "nála", "belőle", "benne", "érte",
    "magát", "magának",
];

/// A word folded for comparison across Hungarian and English spelling.
fn fold(word: &str, lang: &Lang) -> String {
    let lower: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(|c| c.is_alphanumeric())
        .collect();
    let spelled = if lang == &Lang::Hu {
        lower
            .replace("cs", "ch")
            .replace("sz", "s")
            .replace("zs", "zh")
            .replace("ty", "t")
            .replace("gy", "g")
            .replace("ny", "n")
    } else {
        lower
    };
    let mut out = String::with_capacity(spelled.len());
    let mut last = None;
    // `k`/`c`, `j`/`y`/`i` alternate between the two spellings of a name (`Kuba`/`Cuba`,
    // `Szovjet`/`Soviet`, `Jugoszlávia`/`Yugoslavia`).
    let map = |c| match c {
        'k' => 'c',
        'j' | 'y' => 'i',
        c => c,
    };
    for c in spelled.chars().map(map) {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Strip an English possessive (`People’s` → `People`).
fn bare(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Longest acronym (longer all-capital words are words of a heading).
pub const MAX_ACRONYM: usize = 6;

fn is_acronym(word: &str) -> bool {
    (2..=MAX_ACRONYM).contains(&word.chars().count())
        && word.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        && roman_value(word).is_none()
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    // An apostrophe inside a name is followed by a capital (`O'Brien`, not `I've`).
    let apostrophes_ok = word
        .match_indices(['\'', '’'])
        .all(|(i, a)| word[i + a.len()..].starts_with(char::is_uppercase));
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && word.chars().any(char::is_lowercase)
        && apostrophes_ok
}

/// Whether a text is written in capitals (a heading): most of its letters are.
fn all_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 4 && upper * 10 >= letters.len() * 7
}

/// What one text (or one side of a bead) offers as counterparts.
struct Words {
    lang: Lang,
    /// Raw words (for acronyms).
    raw: HashSet<String>,
    /// Folded words (each also folded the Hungarian way in an English text).
    folded: HashSet<String>,
    /// Folded words by their first two characters.
    buckets: HashMap<String, Vec<String>>,
    /// Cognate keys.
    cognates: HashSet<String>,
    /// Dictionary keys.
    keys: HashSet<String>,
    /// Every word, lowercased and accent-folded.
    lowered: HashSet<String>,
    /// Folded forms of the words written with a capital (names).
    capital: HashSet<String>,
}

fn bucket(s: &str) -> String {
    s.chars().take(2).collect()
}

fn accent_folded(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

impl Words {
    fn new(text: &str, lang: &Lang) -> Self {
        let mut w = Words {
            lang: lang.clone(),
            raw: HashSet::new(),
            folded: HashSet::new(),
            buckets: HashMap::new(),
            cognates: HashSet::new(),
            keys: HashSet::new(),
            lowered: HashSet::new(),
            capital: HashSet::new(),
        };
        for (_, word, _) in words_with_offsets(text) {
            let word = bare(word);
            if !word.chars().any(char::is_alphabetic) || w.raw.contains(word) {
                continue;
            }
            w.raw.insert(word.to_string());
            let mut folds = vec![fold(word, lang)];
            if lang != &Lang::Hu {
                folds.push(fold(word, &Lang::Hu));
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            for f in folds {
                if capitalised {
                    w.capital.insert(f.clone());
                }
                if w.folded.insert(f.clone()) {
                    w.buckets.entry(bucket(&f)).or_default().push(f);
                }
            }
            w.cognates.extend(cognate_keys(word, lang));
            w.keys.insert(word_key(word));
            w.lowered.insert(accent_folded(word));
        }
        w
    }

    /// Whether a dictionary translation of `word` occurs here. Hungarian is matched by
    /// prefix, accents folded, as the aligner does: the dictionary holds citation forms
    /// (`állam`, `Anglia`), texts hold inflected ones (`államon`, `Angliának`).
    fn has_translation(&self, word: &str, lang: &Lang, dict: &Dictionary) -> bool {
        let key = word_key(word);
        let lookups: Vec<&str> = if lang == &Lang::Hu {
            key.char_indices()
                .map(|(i, c)| &key[..i + c.len_utf8()])
                .filter(|k| k.chars().count() >= 4)
                .collect()
        } else {
            vec![key.as_str()]
        };
        lookups.iter().flat_map(|k| dict.get(k)).any(|t| {
            if self.lang == Lang::Hu {
                let t = accent_folded(t);
                self.lowered.iter().any(|w| w.starts_with(t.as_str()))
            } else {
                // English derives too (`north` → `Northern`).
                self.keys.contains(t)
                    || (t.chars().count() >= 4
                        && self.keys.iter().any(|k| k.starts_with(t.as_str())))
            }
        })
    }

    /// Whether `word` (of the other language) has a counterpart here that shows the text
    /// carries the name over: a dictionary translation, or a word of the same form
    /// written with a capital (a lower-case look-alike is a demonym or an adjective:
    /// `Spaniards` ~ `spanyolok`, which a translation rightly writes in lower case).
    fn carries(&self, word: &str, lang: &Lang, dict: &Dictionary) -> bool {
        if self.has_translation(word, lang, dict) {
            return true;
        }
        let names = Words {
            lang: self.lang.clone(),
            raw: self.raw.clone(),
            folded: self.capital.clone(),
            buckets: self
                .buckets
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.iter()
                            .filter(|f| self.capital.contains(*f))
                            .cloned()
                            .collect(),
                    )
                })
                .collect(),
            cognates: HashSet::new(),
            keys: HashSet::new(),
            lowered: HashSet::new(),
            capital: HashSet::new(),
        };
        names.has_counterpart(word, lang, &Dictionary::new())
    }

    /// Whether `word` (of the other language) has a counterpart here.
    fn has_counterpart(&self, word: &str, lang: &Lang, dict: &Dictionary) -> bool {
        if is_acronym(word) {
            let pair = |a: &str, b: &str| {
                ACRONYMS
                    .iter()
                    .any(|&(h, e)| (h == a && e == b) || (h == b && e == a))
            };
            if self.raw.contains(word) || self.raw.iter().any(|w| pair(word, w)) {
                return true;
            }
        }
        let mut folds = vec![fold(word, lang)];
        if lang != &Lang::Hu {
            folds.push(fold(word, &Lang::Hu));
        }
        if folds[0].chars().count() < 2 {
            return self.raw.contains(word);
        }
        if folds.iter().any(|f| self.folded.contains(f))
            || cognate_keys(word, lang)
                .iter()
                .any(|k| self.cognates.contains(k))
            || self.has_translation(word, lang, dict)
        {
            return true;
        }
        // A Hungarian inflected form starts with the other name (`Kubának` ~ `Cuba`).
        let (hu_here, hu_there) = (self.lang == Lang::Hu, lang == &Lang::Hu);
        folds.iter().any(|f| {
            let candidates = self.buckets.get(&bucket(f)).map_or(&[][..], Vec::as_slice);
            candidates.iter().any(|g| {
                let (fl, gl) = (f.chars().count(), g.chars().count());
                (hu_here && fl >= 3 && g.starts_with(f.as_str()))
                    || (hu_there && gl >= 3 && f.starts_with(g.as_str()))
                    // An inflected Hungarian form of a name spelled a little differently
                    // (`Grönlandra` ~ `Greenland`): one letter off over the other's length.
                    || (hu_there && gl >= 6 && fl > gl && {
                        let stem: String = f.chars().take(gl).collect();
                        strsim::levenshtein(&stem, g) <= 1
                    })
                    || (hu_here && fl >= 6 && gl > fl && {
                        let stem: String = g.chars().take(fl).collect();
                        strsim::levenshtein(&stem, f) <= 1
                    })
                    || (fl >= 5
                        && gl >= 5
                        && f.chars().take(3).eq(g.chars().take(3))
                        && strsim::jaro_winkler(f, g) >= SIMILARITY)
                    || {
                        // Shared stem, different ending (`Indies` ~ `Indiákra`).
                        let common = f.chars().zip(g.chars()).take_while(|(a, b)| a == b).count();
                        common >= 4 && common + 2 >= fl.min(gl)
                    }
            })
        })
    }
}

/// Words written capitalised in the middle of a sentence, and words written in lower
/// case, anywhere in a text (lower-cased).
fn usage(texts: &[&str]) -> (HashSet<String>, HashSet<String>) {
    let (mut capital, mut lower) = (HashSet::new(), HashSet::new());
    for text in texts {
        for (_, word, initial) in words_with_offsets(text) {
            let word = bare(word);
            if word.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(word.to_lowercase());
            } else if !initial && is_capitalised(word) {
                capital.insert(word.to_lowercase());
            }
        }
    }
    (capital, lower)
}

/// A name candidate of a sentence: the word and its byte range.
struct Candidate<'a> {
    word: &'a str,
    span: std::ops::Range<usize>,
}

/// Name candidates of a sentence.
fn candidates<'a>(
    text: &'a str,
    capital: &HashSet<String>,
    lower: &HashSet<String>,
) -> Vec<Candidate<'a>> {
    let caps_line = all_caps(text);
    let mut out: Vec<Candidate<'a>> = Vec::new();
    for (at, word, initial) in words_with_offsets(text) {
        let word = bare(word);
        let lowered = word.to_lowercase();
        let name = (is_acronym(word) && !caps_line)
            || (is_capitalised(word) && (!initial || capital.contains(&lowered)));
        if name && !lower.contains(&lowered) && !out.iter().any(|c| c.word == word) {
            out.push(Candidate {
                word,
                span: at..at + word.len(),
            });
        }
    }
    out
}

fn pronouns(text: &str, lang: &Lang) -> usize {
    let list = match lang {
        Lang::En => EN_PRONOUNS,
        Lang::Hu => HU_PRONOUNS,
        Lang::Other(_) => return 0,
    };
    words_with_offsets(text)
        .iter()
        .filter(|(_, w, _)| list.contains(&w.to_lowercase().as_str()))
        .count()
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
    let (src_usage, tgt_usage) = (usage(&src_texts), usage(&tgt_texts));
    let forward = if sl == &Lang::Hu && tl == &Lang::En {
        Dictionary::builtin_hu_en()
    } else if sl == &Lang::En && tl == &Lang::Hu {
        Dictionary::builtin_hu_en().reversed()
    } else {
        Dictionary::new()
    };
    let backward = forward.reversed();
    let lexicon = ctx.lexicon();
    // Per unique word: does the other text carry it over somewhere?
    let mut carried: HashMap<(bool, String), bool> = HashMap::new();
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        let (bs, bt) = (Words::new(&v.src, sl), Words::new(&v.tgt, tl));
        // (from the source?, sentence, word)
        let mut missing: Vec<(bool, usize, &str)> = Vec::new();
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
                if cands.is_empty() {
                    continue;
                }
                let support = lexicon.support(text_of, i, other_ids);
                for c in cands {
                    // A learned translation counts for a name the other text does not
                    // carry verbatim (`Felek` ~ `Parties`); one it carries as written must
                    // be there as written (`Coeur de Gris`, not just `Coeur`).
                    let verbatim = other_doc.folded.contains(&fold(c.word, lang));
                    let learned = support
                        .tokens
                        .iter()
                        .any(|t| t.matched == Some(true) && t.span.start == c.span.start);
                    if learned && !verbatim {
                        continue;
                    }
                    let is_carried = *carried
                        .entry((from_src, c.word.to_string()))
                        .or_insert_with(|| other_doc.carries(c.word, lang, dict));
                    if is_carried
                        && !other_bead.has_counterpart(c.word, lang, dict)
                        && !missing.iter().any(|m| m.0 == from_src && m.2 == c.word)
                    {
                        missing.push((from_src, i, c.word));
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
        missing.retain(|m| !partner_found(m.0, m.1, m.2));
        if missing.is_empty() {
            continue;
        }
        // A name the translation abbreviates (`Amerikai Egyesült Államok` ~ `USA`).
        let abbreviated: Vec<usize> = v
            .record
            .src
            .iter()
            .copied()
            .filter(|&i| missing.iter().any(|m| m.0 && m.1 == i))
            .filter(|&i| super::clause::abbreviated(ctx, 0..src_texts[i].len(), i, &v.record.tgt))
            .collect();
        missing.retain(|m| !(m.0 && abbreviated.contains(&m.1)));
        // Names rendered as pronouns on the other side are a translator's choice.
        let (ps, pt) = (pronouns(&v.src, sl), pronouns(&v.tgt, tl));
        let excused = |from_src: bool| {
            let n = missing.iter().filter(|m| m.0 == from_src).count();
            let spare = if from_src {
                pt.saturating_sub(ps)
            } else {
                ps.saturating_sub(pt)
            };
            n > 0 && spare >= n
        };
        let (excuse_src, excuse_tgt) = (excused(true), excused(false));
        missing.retain(|m| !(if m.0 { excuse_src } else { excuse_tgt }));
        if missing.is_empty() {
            continue;
        }
        let list = |src: bool| {
            missing
                .iter()
                .filter(|m| m.0 == src)
                .map(|m| quote(m.2, 40))
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
        f.words = missing.iter().map(|m| m.2.to_string()).collect();
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, filler, findings, kinds};
    use super::*;

    const K: FindingKind = FindingKind::NameMismatch;

    #[test]
    fn folded_names_meet() {
        let en = Words::new(
            "Cuba and the Soviet Union, Havana, Kennedy, the UN, Kovács and England",
            &Lang::En,
        );
        let d = Dictionary::builtin_hu_en();
        for w in [
            "Kubának",
            "Szovjetunió",
            "Havannában",
            "Kennedy",
            "ENSZ",
            "Kovácsnak",
        ] {
            assert!(en.has_counterpart(w, &Lang::Hu, &d), "{w}");
        }
        assert!(!en.has_counterpart("Beck", &Lang::Hu, &d));
        let hu = Words::new("a Szovjetunióval és Kubával, Angliának", &Lang::Hu);
        let r = d.reversed();
        assert!(hu.has_counterpart("Cuba", &Lang::En, &r));
        assert!(hu.has_counterpart("Soviet", &Lang::En, &r));
    }

    #[test]
    fn word_order_and_common_capitalised_words_do_not_fire() {
        let f = file(&[
            ("Beck János nagykövet.", "Ambassador János Beck."),
            (
                "A Nagykövetség jelenti Kubáról.",
                "The Embassy reports on Cuba.",
            ),
            ("Beck János és Kuba.", "János Beck and Cuba."),
            ("Mi a nagykövetség dolga?", "What does the Embassy do?"),
            (
                "Az államon belül mozoghat.",
                "He may move within each State.",
            ),
            ("Az állam dönt.", "The State decides."),
            ("ELFOGADTA EZT A HATÁROZATOT:", "HAS ADOPTED THIS DECISION:"),
        ]);
        assert_eq!(kinds(&f, K), Vec::<usize>::new());
    }

    #[test]
    fn a_carried_name_missing_from_a_bead_fires() {
        let mut pairs = vec![
            (
                "Beck János jelenti, hogy Kuba vár.",
                "János Beck reports that Cuba waits.",
            ),
            (
                "Ezt Beck János írta Kubáról.",
                "This was written about Cuba.",
            ),
            ("Havannában a NATO is.", "In Havana, also the alliance."),
            ("Aztán O'Brien jött.", "Then O'Brien came."),
            ("Ekkor Kovács megszólalt.", "O'Brien spoke then."),
            // A capitalised common word before the name is no part of it.
            ("Férjem Kubában van.", "My husband is in, and waits."),
        ];
        pairs.extend(filler(10));
        let f = file(&pairs);
        let r = findings(&f, K);
        assert_eq!(r.iter().map(|x| x.bead).collect::<Vec<_>>(), vec![1, 4, 5]);
        assert!(
            r[0].reason.contains("“Beck”") && r[0].reason.contains("“János”"),
            "{}",
            r[0].reason
        );
        assert_eq!(r[0].words, ["Beck", "János"]);
        assert!(r[1].reason.contains("“O'Brien”"), "{}", r[1].reason);
    }

    #[test]
    fn a_name_rendered_as_a_pronoun_is_not_a_mismatch() {
        let mut pairs = vec![
            ("Henry az ajtóhoz ment.", "Henry went to the door."),
            ("Megsimogatta Henry haját.", "She stroked his hair."),
            ("Ezt Henry mondta neki.", "This was what said to her."),
        ];
        pairs.extend(filler(10));
        assert_eq!(kinds(&file(&pairs), K), vec![2]);
    }
}
