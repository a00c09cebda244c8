//! Proper names and acronyms present on one side of a bead only.
//!
//! A *name candidate* is a capitalised word that does not open a sentence or clause
//! (Hungarian capitalises little besides names), or an acronym (`ENSZ`, `NATO`), that is
//! not used in lower case elsewhere in the same text (which marks a common word
//! capitalised for emphasis or in a title). A candidate is checked only when the other
//! text has a counterpart for it *somewhere* — the translator carries this name over —
//! so capitalised English common nouns (`Embassy`, `Comrade`) and untranslatable titles
//! never fire. It fires when the bead's other side has no counterpart.
//!
//! Counterparts: the same word after folding (case, accents, Hungarian spelling `cs→ch`,
//! `sz→s` …, `k→c`, `j`/`y`→`i`, doubled letters), a shared [`cognate_keys`] key, a Hungarian
//! inflected form of the English word (`Kubának` ~ `Cuba`), a Jaro–Winkler similarity of
//! at least [`SIMILARITY`] (`Szovjetunió` ~ `Soviet`), a bilingual dictionary entry
//! (`magyar` ~ `Hungarian`), or a known acronym pair (`ENSZ` ~ `UN`). Word order is
//! irrelevant: `Beck János` ~ `János Beck`.
//!
//! Deliberate gap: a name mentioned only once and dropped from the translation has no
//! counterpart anywhere and is not reported (precision over recall). Cost: linear in the
//! text, plus a similarity test against other-side words sharing the first two letters.

use std::collections::{HashMap, HashSet};

use super::structure::quote;
use super::{words_with_position, BeadView, Finding, FindingKind, Severity};
use crate::align::anchors::{cognate_keys, roman_value, word_key};
use crate::align::dict::Dictionary;
use crate::alignment::AlignmentFile;
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
    ("NATO", "NATO"),
];

/// A word folded for comparison across Hungarian and English spelling.
fn fold(word: &str, lang: &Lang) -> String {
    let lower: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(crate::align::anchors::fold_accent)
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

fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        && roman_value(word).is_none()
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.all(|c| c.is_alphabetic() || c == '-')
        && word.chars().any(char::is_lowercase)
}

/// What one text (or one side of a bead) offers as counterparts.
struct Words {
    lang: Lang,
    /// Raw words (for acronyms).
    raw: HashSet<String>,
    /// Folded words.
    folded: HashSet<String>,
    /// Folded words by their first two characters.
    buckets: HashMap<String, Vec<String>>,
    /// Cognate keys.
    cognates: HashSet<String>,
    /// Dictionary keys.
    keys: HashSet<String>,
    /// Words written in lower case, lowercased.
    lower: HashSet<String>,
    /// Every word, lowercased.
    lowered: HashSet<String>,
}

fn bucket(s: &str) -> String {
    s.chars().take(2).collect()
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
            lower: HashSet::new(),
            lowered: HashSet::new(),
        };
        for (word, _) in words_with_position(text) {
            let word = bare(word);
            if !word.chars().any(char::is_alphabetic) || w.raw.contains(word) {
                continue;
            }
            w.raw.insert(word.to_string());
            let f = fold(word, lang);
            if w.folded.insert(f.clone()) {
                w.buckets.entry(bucket(&f)).or_default().push(f);
            }
            w.cognates.extend(cognate_keys(word, lang));
            w.keys.insert(word_key(word));
            w.lowered.insert(word.to_lowercase());
            if word.chars().next().is_some_and(char::is_lowercase) {
                w.lower.insert(word.to_lowercase());
            }
        }
        w
    }

    /// Whether a dictionary translation of `word` occurs here. Hungarian is matched by
    /// prefix, as the aligner does: the dictionary holds citation forms (`állam`), texts
    /// hold inflected ones (`államon`).
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
                self.lowered.iter().any(|w| w.starts_with(t.as_str()))
            } else {
                self.keys.contains(t)
            }
        })
    }

    /// Whether `word` (of the other language, with dictionary translations `dict`) has
    /// a counterpart here.
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
        let f = fold(word, lang);
        if f.chars().count() < 2 {
            return self.raw.contains(word);
        }
        if self.folded.contains(&f)
            || cognate_keys(word, lang)
                .iter()
                .any(|k| self.cognates.contains(k))
            || self.has_translation(word, lang, dict)
        {
            return true;
        }
        // A Hungarian inflected form starts with the English name (`Kubának` ~ `Cuba`).
        let (hu_here, hu_there) = (self.lang == Lang::Hu, lang == &Lang::Hu);
        let candidates = self.buckets.get(&bucket(&f)).map_or(&[][..], Vec::as_slice);
        candidates.iter().any(|g| {
            let (fl, gl) = (f.chars().count(), g.chars().count());
            (hu_here && fl >= 3 && g.starts_with(&f))
                || (hu_there && gl >= 3 && f.starts_with(g.as_str()))
                || (fl >= 5 && gl >= 5 && strsim::jaro_winkler(&f, g) >= SIMILARITY)
                || {
                    // Shared stem, different ending (`Indies` ~ `Indiákra`).
                    let common = f.chars().zip(g.chars()).take_while(|(a, b)| a == b).count();
                    common >= 4 && common + 2 >= fl.min(gl)
                }
        })
    }
}

/// Name candidates of a text: (word, position in the text's word list).
fn candidates<'a>(text: &'a str, own: &Words) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for (word, initial) in words_with_position(text) {
        let word = bare(word);
        let name = is_acronym(word) || (!initial && is_capitalised(word));
        if name && !own.lower.contains(&word.to_lowercase()) && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Name findings.
pub fn check(file: &AlignmentFile, views: &[BeadView<'_>]) -> Vec<Finding> {
    let (sl, tl) = (&file.source.lang, &file.target.lang);
    let join = |rec: &crate::alignment::TextRecord| {
        rec.sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (src_doc, tgt_doc) = (
        Words::new(&join(&file.source), sl),
        Words::new(&join(&file.target), tl),
    );
    let forward = if sl == &Lang::Hu && tl == &Lang::En {
        Dictionary::builtin_hu_en()
    } else if sl == &Lang::En && tl == &Lang::Hu {
        Dictionary::builtin_hu_en().reversed()
    } else {
        Dictionary::new()
    };
    let backward = forward.reversed();
    // Per unique word: does the other text carry it over somewhere?
    let mut carried: HashMap<(bool, String), bool> = HashMap::new();
    let mut out = Vec::new();
    for v in views.iter().filter(|v| v.is_paired()) {
        let (bs, bt) = (Words::new(&v.src, sl), Words::new(&v.tgt, tl));
        let mut missing: Vec<(bool, &str)> = Vec::new();
        for (from_src, text, own, other_doc, other_bead, lang, dict) in [
            (true, &v.src, &src_doc, &tgt_doc, &bt, sl, &forward),
            (false, &v.tgt, &tgt_doc, &src_doc, &bs, tl, &backward),
        ] {
            for word in candidates(text, own) {
                let is_carried = *carried
                    .entry((from_src, word.to_string()))
                    .or_insert_with(|| other_doc.has_counterpart(word, lang, dict));
                if is_carried && !other_bead.has_counterpart(word, lang, dict) {
                    missing.push((from_src, word));
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        let list = |src: bool| {
            missing
                .iter()
                .filter(|m| m.0 == src)
                .map(|m| quote(m.1, 40))
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
        out.push(v.finding(
            file,
            FindingKind::NameMismatch,
            Severity::Warning,
            parts.join("; "),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, kinds};
    use super::*;

    const K: FindingKind = FindingKind::NameMismatch;

    #[test]
    fn folded_names_meet() {
        let en = Words::new(
            "Cuba and the Soviet Union, Havana, Kennedy, the UN",
            &Lang::En,
        );
        let d = Dictionary::new();
        for w in ["Kubának", "Szovjetunió", "Havannában", "Kennedy", "ENSZ"] {
            assert!(en.has_counterpart(w, &Lang::Hu, &d), "{w}");
        }
        assert!(!en.has_counterpart("Beck", &Lang::Hu, &d));
        let hu = Words::new("a Szovjetunióval és Kubával", &Lang::Hu);
        assert!(hu.has_counterpart("Cuba", &Lang::En, &d));
        assert!(hu.has_counterpart("Soviet", &Lang::En, &d));
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
        ]);
        assert_eq!(kinds(&f, K), Vec::<usize>::new());
    }

    #[test]
    fn a_carried_name_missing_from_a_bead_fires() {
        let f = file(&[
            (
                "Beck János jelenti, hogy Kuba vár.",
                "János Beck reports that Cuba waits.",
            ),
            (
                "Ezt Beck János írta Kubáról.",
                "This was written about Cuba.",
            ),
            ("Havannában a NATO is.", "In Havana, also the alliance."),
        ]);
        let r = check_names(&f);
        assert_eq!(kinds(&f, K), vec![1]);
        assert!(r.contains("“Beck”") && r.contains("“János”"), "{r}");
    }

    fn check_names(f: &AlignmentFile) -> String {
        super::super::check(f, &super::super::CheckConfig::default().only(&[K]))
            .findings
            .iter()
            .map(|x| x.reason.clone())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
