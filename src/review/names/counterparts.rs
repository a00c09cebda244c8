//! What a name can be matched with on the other side: words folded across Hungarian
//! and English spelling (case, accents, `cs→ch`, `sz→s` …, `k→c`, `j`/`y`→`i`, doubled
//! letters), Hungarian inflected forms (`Kubának` ~ `Cuba`), Jaro–Winkler similarity,
//! dictionary translations, known acronym pairs (`ENSZ` ~ `UN`) and the other forms of
//! given names (`Sándor` ~ `Alexander`).
//!
//! Cost: building [`Words`] is linear in the text; a query folds one word and compares it
//! with the other-side words sharing its first two letters.

use std::collections::{HashMap, HashSet};

use super::super::words_with_offsets;
use crate::align::anchors::{cognate_keys, fold_accent, roman_value, word_key};
use crate::align::dict::Dictionary;
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

/// Hungarian forms of given names and the forms a translation writes for them: rulers,
/// saints and biblical figures (`XIV. Lajos` ~ `Louis XIV`, `Nagy Sándor` ~ `Alexander
/// the Great`, `Szent Lőrinc` ~ `San Lorenzo`). Only a counterpart inside a bead, never
/// evidence that a translation carries a name: an English text may keep the Hungarian
/// form for one person and write the English one for another (`Kossuth Lajos` ~ `Lajos
/// Kossuth`, `XIV. Lajos` ~ `Louis XIV`).
const GIVEN_NAMES: &[(&str, &[&str])] = &[
    ("Sándor", &["Alexander", "Alessandro", "Alejandro"]),
    ("János", &["John", "Johann", "Juan", "Giovanni", "Jean"]),
    ("József", &["Joseph", "Josef", "José", "Giuseppe"]),
    ("Mária", &["Mary", "Maria", "Marie"]),
    ("Jakab", &["James", "Jacob", "Jacques", "Jaime", "Diego"]),
    ("Miklós", &["Nicholas", "Nikolai", "Nicolas", "Nicola"]),
    ("István", &["Stephen", "Stefan", "Esteban", "Étienne"]),
    (
        "György",
        &["George", "Georg", "Georges", "Jorge", "Giorgio"],
    ),
    (
        "Ferenc",
        &["Francis", "Franz", "François", "Francisco", "Francesco"],
    ),
    ("Károly", &["Charles", "Karl", "Carlos", "Carlo"]),
    ("Lajos", &["Louis", "Lewis", "Ludwig", "Luis", "Luigi"]),
    ("Henrik", &["Henry", "Heinrich", "Henri", "Enrique"]),
    ("Vilmos", &["William", "Wilhelm", "Guillaume", "Guillermo"]),
    (
        "Erzsébet",
        &["Elizabeth", "Elisabeth", "Isabel", "Isabella"],
    ),
    (
        "Katalin",
        &["Catherine", "Katherine", "Katharina", "Catalina"],
    ),
    ("Mihály", &["Michael", "Michel", "Miguel", "Michele"]),
    ("Tamás", &["Thomas", "Tomás", "Tommaso"]),
    ("Fülöp", &["Philip", "Philipp", "Philippe", "Felipe"]),
    ("Mátyás", &["Matthias", "Matías"]),
    ("Máté", &["Matthew", "Matthäus", "Mateo"]),
    ("Mózes", &["Moses"]),
    ("Salamon", &["Solomon"]),
    ("Gergely", &["Gregory", "Gregor", "Gregorio"]),
    ("Lőrinc", &["Lawrence", "Laurence", "Lorenzo"]),
    ("Ágoston", &["Augustine", "Augustin", "Agustín"]),
    ("Benedek", &["Benedict", "Benedikt", "Benito"]),
    ("Kristóf", &["Christopher", "Christoph", "Cristóbal"]),
    ("Frigyes", &["Frederick", "Friedrich", "Federico"]),
    ("Lipót", &["Leopold"]),
    ("Zsigmond", &["Sigismund", "Sigmund"]),
    ("Pál", &["Paul", "Pablo", "Paolo"]),
    ("Izsák", &["Isaac"]),
    ("Illés", &["Elijah", "Elias"]),
];

/// Letters a Hungarian inflected form of a given name may add (`Sándornak`, `Lajost`).
const GIVEN_NAME_ENDING: usize = 5;

/// Whether two acronyms of the two languages are the same (`EU` ~ `EU`, `ENSZ` ~ `UN`).
pub(super) fn same_acronym(a: &str, b: &str) -> bool {
    a == b
        || ACRONYMS
            .iter()
            .any(|&(h, e)| (h == a && e == b) || (h == b && e == a))
}

/// A word folded for comparison across Hungarian and English spelling.
pub(super) fn fold(word: &str, lang: &Lang) -> String {
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
pub(super) fn bare(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Longest acronym (longer all-capital words are words of a heading).
pub const MAX_ACRONYM: usize = 6;

pub(super) fn is_acronym(word: &str) -> bool {
    (2..=MAX_ACRONYM).contains(&word.chars().count())
        && word.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        && roman_value(word).is_none()
}

/// What one text (or one side of a bead) offers as counterparts.
pub(super) struct Words {
    lang: Lang,
    /// Raw words (for acronyms).
    raw: HashSet<String>,
    /// Folded words (each also folded the Hungarian way in an English text).
    pub(super) folded: HashSet<String>,
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

pub(super) fn accent_folded(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

impl Words {
    pub(super) fn new(text: &str, lang: &Lang) -> Self {
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
    pub(super) fn has_translation(&self, word: &str, lang: &Lang, dict: &Dictionary) -> bool {
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

    /// Whether `word` (of the other language) is a given name whose other form is here
    /// ([`GIVEN_NAMES`]: `Sándor` ~ `Alexander`, also inflected: `Lajost` ~ `Louis`).
    pub(super) fn has_given_name(&self, word: &str, lang: &Lang) -> bool {
        let word = fold(word, lang);
        let inflects = |w: &str, stem: &str| {
            w.starts_with(stem) && w.chars().count() <= stem.chars().count() + GIVEN_NAME_ENDING
        };
        GIVEN_NAMES.iter().any(|&(hu, forms)| {
            let hu = fold(hu, &Lang::Hu);
            if lang == &Lang::Hu {
                inflects(&word, &hu)
                    && forms
                        .iter()
                        .any(|f| self.folded.contains(&fold(f, &self.lang)))
            } else {
                forms.iter().any(|f| fold(f, lang) == word)
                    && self.folded.iter().any(|w| inflects(w, &hu))
            }
        })
    }

    /// Whether `word` (of the other language) has a counterpart here that shows the text
    /// carries the name over: a dictionary translation, or a word of the same form
    /// written with a capital (a lower-case look-alike is a demonym or an adjective:
    /// `Spaniards` ~ `spanyolok`, which a translation rightly writes in lower case).
    pub(super) fn carries(&self, word: &str, lang: &Lang, dict: &Dictionary) -> bool {
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
    pub(super) fn has_counterpart(&self, word: &str, lang: &Lang, dict: &Dictionary) -> bool {
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
