//! Bilingual dictionaries: the built-in Hungarian–English list, user dictionaries in
//! hunalign's `.dic` format, and a dictionary learned from a first alignment.
//!
//! All entries are stored by word key ([`word_key`]: lowercase prefix), source → target,
//! so that inflected Hungarian forms find their entry.
//!
//! Learning (hunalign's "realign", Moore 2002): train IBM Model 1 both ways on the
//! confident 1-1 beads of a first pass; keep pairs seen in at least [`LEARN_MIN_PAIRS`]
//! beads with a translation probability of at least [`LEARN_MIN_PROB`] in either
//! direction, at most [`LEARN_MAX_PER_WORD`] per word. Cost: O(iterations · Σ |S|·|T|)
//! over the beads used.

use std::collections::HashMap;
use std::path::Path;

use super::anchors::word_key;
use crate::error::DataFileError;
use crate::lang::Lang;

/// Built-in Hungarian–English dictionary (hunalign format, `english @ hungarian`).
const BUILTIN_HU_EN: &str = include_str!("dict/hu-en.dic");

/// Smallest IBM Model 1 probability (either direction) of a learned pair.
pub const LEARN_MIN_PROB: f64 = 0.2;
/// Fewest beads a learned pair must occur in.
pub const LEARN_MIN_PAIRS: u32 = 2;
/// Most translations learned per word.
pub const LEARN_MAX_PER_WORD: usize = 2;

/// Word translations by key, source → target.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    entries: HashMap<String, Vec<String>>,
}

impl Dictionary {
    /// An empty dictionary.
    pub fn new() -> Self {
        Dictionary::default()
    }

    /// The built-in dictionary for a language pair: Hungarian → English, its reverse,
    /// or an empty one for any other pair.
    pub fn builtin_for(src: &Lang, tgt: &Lang) -> Self {
        match (src, tgt) {
            (Lang::Hu, Lang::En) => Dictionary::builtin_hu_en(),
            (Lang::En, Lang::Hu) => Dictionary::builtin_hu_en().reversed(),
            _ => Dictionary::new(),
        }
    }

    /// The built-in Hungarian → English dictionary.
    pub fn builtin_hu_en() -> Self {
        Dictionary::parse_dic(BUILTIN_HU_EN, Path::new("built-in hu-en.dic"), true)
            .unwrap_or_default()
    }

    /// Parse hunalign's `.dic` format: `english @ hungarian` per line, `#` comments.
    /// With `hu_to_en` the Hungarian side is the source; otherwise English is.
    /// Multi-word entries are skipped (the aligner matches single words).
    pub fn parse_dic(text: &str, path: &Path, hu_to_en: bool) -> Result<Self, DataFileError> {
        let mut dict = Dictionary::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((en, hu)) = line.split_once('@') else {
                return Err(DataFileError {
                    path: path.to_path_buf(),
                    line: n + 1,
                    reason: "expected 'english @ hungarian'".into(),
                });
            };
            let (en, hu) = (en.trim(), hu.trim());
            if en.is_empty() || hu.is_empty() {
                return Err(DataFileError {
                    path: path.to_path_buf(),
                    line: n + 1,
                    reason: "empty side in 'english @ hungarian'".into(),
                });
            }
            if en.contains(char::is_whitespace) || hu.contains(char::is_whitespace) {
                continue;
            }
            let (src, tgt) = if hu_to_en { (hu, en) } else { (en, hu) };
            dict.insert(&word_key(src), &word_key(tgt));
        }
        Ok(dict)
    }

    /// Read a `.dic` file.
    pub fn from_file(path: &Path, hu_to_en: bool) -> Result<Self, DataFileError> {
        let text =
            crate::read::read_to_string(path, crate::read::FileKind::Dictionary).map_err(|e| {
                DataFileError {
                    path: path.to_path_buf(),
                    line: 0,
                    reason: format!("cannot read dictionary: {e}"),
                }
            })?;
        Dictionary::parse_dic(&text, path, hu_to_en)
    }

    /// Add one translation (keys as given).
    pub fn insert(&mut self, src: &str, tgt: &str) {
        let list = self.entries.entry(src.to_string()).or_default();
        if !list.iter().any(|t| t == tgt) {
            list.push(tgt.to_string());
        }
    }

    /// Add every entry of `other`.
    pub fn extend(&mut self, other: &Dictionary) {
        for (src, tgts) in &other.entries {
            for tgt in tgts {
                self.insert(src, tgt);
            }
        }
    }

    /// Translations of a source key.
    pub fn get(&self, src: &str) -> &[String] {
        self.entries.get(src).map_or(&[], Vec::as_slice)
    }

    /// The same dictionary, target → source.
    pub fn reversed(&self) -> Dictionary {
        let mut rev = Dictionary::new();
        for (src, tgts) in &self.entries {
            for tgt in tgts {
                rev.insert(tgt, src);
            }
        }
        rev
    }

    /// Number of (source, target) pairs.
    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every pair as `source target`, sorted by source key (translations of a key in
    /// their order): the form kept in an alignment file.
    pub fn to_lines(&self) -> Vec<String> {
        let mut keys: Vec<&String> = self.entries.keys().collect();
        keys.sort();
        keys.into_iter()
            .flat_map(|k| self.entries[k].iter().map(move |t| format!("{k} {t}")))
            .collect()
    }

    /// The dictionary of [`Dictionary::to_lines`]; lines that are not two keys are
    /// skipped.
    pub fn from_lines(lines: &[String]) -> Dictionary {
        let mut dict = Dictionary::new();
        for line in lines {
            if let Some((a, b)) = line.split_once(' ') {
                if !a.is_empty() && !b.is_empty() && !b.contains(' ') {
                    dict.insert(a, b);
                }
            }
        }
        dict
    }

    /// Learn translations from beads given as (source keys, target keys), each side's
    /// keys unique: pairs seen in at least [`LEARN_MIN_PAIRS`] beads whose IBM Model 1
    /// translation probability, in either direction, is at least [`LEARN_MIN_PROB`]; at
    /// most [`LEARN_MAX_PER_WORD`] per source word, the most probable first.
    pub fn learn<'a>(
        beads: impl IntoIterator<Item = (&'a [u32], &'a [u32])>,
        src_keys: &[String],
        tgt_keys: &[String],
    ) -> Dictionary {
        let beads: Vec<(&[u32], &[u32])> = beads.into_iter().collect();
        let model = Model1::train(&beads, src_keys.len(), tgt_keys.len());
        let mut best: HashMap<u32, Vec<(f64, u32)>> = HashMap::new();
        for (k, &(a, b)) in model.pairs.iter().enumerate() {
            let p = model.src_to_tgt[k].max(model.tgt_to_src[k]);
            if model.seen[k] >= LEARN_MIN_PAIRS && p >= LEARN_MIN_PROB {
                best.entry(a).or_default().push((p, b));
            }
        }
        let mut dict = Dictionary::new();
        for (a, mut list) in best {
            list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            for (_, b) in list.into_iter().take(LEARN_MAX_PER_WORD) {
                dict.insert(&src_keys[a as usize], &tgt_keys[b as usize]);
            }
        }
        dict
    }
}

/// Iterations of EM for IBM Model 1.
const MODEL1_ITERATIONS: usize = 5;

/// IBM Model 1 (Brown et al. 1993) trained both ways on sentence pairs, over the word
/// pairs that co-occur. Unlike a co-occurrence score (Dice), EM lets frequent words
/// explain each other away, so content words get their own translations.
struct Model1 {
    /// Co-occurring (source, target) pairs.
    pairs: Vec<(u32, u32)>,
    /// Beads each pair occurs in.
    seen: Vec<u32>,
    /// t(target | source) per pair.
    src_to_tgt: Vec<f64>,
    /// t(source | target) per pair.
    tgt_to_src: Vec<f64>,
}

impl Model1 {
    fn train(beads: &[(&[u32], &[u32])], src_types: usize, tgt_types: usize) -> Self {
        // Index the pairs; each bead becomes a |S| × |T| block of pair indices.
        let mut index: HashMap<(u32, u32), u32> = HashMap::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut blocks: Vec<u32> = Vec::new();
        for &(s, t) in beads {
            for &a in s {
                for &b in t {
                    let k = *index.entry((a, b)).or_insert_with(|| {
                        pairs.push((a, b));
                        seen.push(0);
                        pairs.len() as u32 - 1
                    });
                    seen[k as usize] += 1;
                    blocks.push(k);
                }
            }
        }
        let src_to_tgt = Self::em(beads, &blocks, &pairs, src_types, false);
        let tgt_to_src = Self::em(beads, &blocks, &pairs, tgt_types, true);
        Model1 {
            pairs,
            seen,
            src_to_tgt,
            tgt_to_src,
        }
    }

    /// t(emitted | given) per pair; `reverse` swaps the roles of source and target.
    fn em(
        beads: &[(&[u32], &[u32])],
        blocks: &[u32],
        pairs: &[(u32, u32)],
        given_types: usize,
        reverse: bool,
    ) -> Vec<f64> {
        let mut t = vec![1.0f64; pairs.len()];
        let mut count = vec![0.0f64; pairs.len()];
        let mut total = vec![0.0f64; given_types];
        for _ in 0..MODEL1_ITERATIONS {
            count.fill(0.0);
            total.fill(0.0);
            let mut at = 0usize;
            for &(s, e) in beads {
                let block = &blocks[at..at + s.len() * e.len()];
                at += s.len() * e.len();
                // block[i * |e| + j] is the pair (s[i], e[j]).
                let (emitted, given) = if reverse {
                    (s.len(), e.len())
                } else {
                    (e.len(), s.len())
                };
                for x in 0..emitted {
                    let k_of = |g: usize| if reverse { block[x * e.len() + g] } else { block[g * e.len() + x] } as usize;
                    let z: f64 = (0..given).map(|g| t[k_of(g)]).sum();
                    if z <= 0.0 {
                        continue;
                    }
                    for g in 0..given {
                        let k = k_of(g);
                        let c = t[k] / z;
                        count[k] += c;
                        let given_type = if reverse { pairs[k].1 } else { pairs[k].0 };
                        total[given_type as usize] += c;
                    }
                }
            }
            for (k, &(a, b)) in pairs.iter().enumerate() {
                let g = if reverse { b } else { a } as usize;
                t[k] = if total[g] > 0.0 {
                    count[k] / total[g]
                } else {
                    0.0
                };
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_file_form_round_trips() {
        let mut d = Dictionary::new();
        d.insert("ház", "house");
        d.insert("ház", "home");
        d.insert("kutya", "dog");
        let lines = d.to_lines();
        assert_eq!(lines, ["ház house", "ház home", "kutya dog"]);
        let back = Dictionary::from_lines(&lines);
        assert_eq!(back.get("ház"), ["house", "home"]);
        assert_eq!(back.len(), 3);
        assert!(Dictionary::from_lines(&["nospace".into(), "a b c".into()]).is_empty());
    }

    use super::*;

    #[test]
    fn builtin_dictionary_loads_with_entries() {
        let d = Dictionary::builtin_hu_en();
        assert!(d.len() > 300, "{}", d.len());
        assert!(d.get(&word_key("kormány")).iter().any(|t| t == "govern"));
    }

    #[test]
    fn dic_format_is_english_at_hungarian() {
        let d = Dictionary::parse_dic(
            "# c\nembassy @ nagykövetség\nprime minister @ miniszterelnök\n",
            Path::new("x.dic"),
            true,
        )
        .expect("parses");
        assert_eq!(d.get("nagykö"), ["embass"]);
        assert_eq!(d.len(), 1, "multi-word entries are skipped");
        assert_eq!(d.reversed().get("embass"), ["nagykö"]);
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let err = Dictionary::parse_dic("ok @ jó\nbroken line\n", Path::new("u.dic"), true)
            .expect_err("malformed");
        assert_eq!(err.to_string(), "u.dic:2: expected 'english @ hungarian'");
    }

    #[test]
    fn learning_finds_consistent_pairs() {
        let src_keys: Vec<String> = ["kuba", "ház", "és"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let tgt_keys: Vec<String> = ["cuba", "house", "and"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let beads: Vec<(Vec<u32>, Vec<u32>)> = vec![
            (vec![0, 2], vec![0, 2]),
            (vec![1, 2], vec![1, 2]),
            (vec![1], vec![1]),
            (vec![0], vec![0]),
        ];
        let d = Dictionary::learn(
            beads.iter().map(|(s, t)| (s.as_slice(), t.as_slice())),
            &src_keys,
            &tgt_keys,
        );
        assert_eq!(d.get("ház"), ["house"]);
        assert_eq!(d.get("kuba"), ["cuba"]);
    }
}
