//! Helpers for the property ("fuzz") tests of the library (test builds only).
//!
//! Every property test named `fuzz_*` takes its case count from [`cases`], so the whole
//! set runs quickly by default and can be run for longer with `PROPTEST_CASES`:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release fuzz_
//! ```

use proptest::prelude::*;

use crate::align::AlignStats;

/// Aligner parameters for hand-built alignment files: Gale–Church's defaults, one pass,
/// full search.
pub(crate) fn stats() -> AlignStats {
    AlignStats {
        length_ratio: 1.0,
        length_variance: 6.8,
        length_outlier_weight: 0.0,
        length_outlier_variance: 0.0,
        bead_priors: vec![],
        dictionary_entries: 0,
        learned_entries: 0,
        passes: 1,
        search: "full".into(),
        learned_from: vec![],
        learned_dictionary: vec![],
    }
}

/// A proptest configuration with `default` cases, or `PROPTEST_CASES` when it is set
/// (`ProptestConfig::with_cases` alone would ignore the variable).
pub(crate) fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Shrinking a failure on a long input can take minutes; a bounded number of
        // shrink steps still gives a small enough case to read.
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

/// Short strings that have broken text tools: line ends of every kind, control
/// characters, BOMs, combining marks, RTL and CJK text, emoji with joiners, lookalike
/// letters, sentence punctuation, markup and JSON syntax, numbers at integer limits.
pub(crate) const TRICKY: &[&str] = &[
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\r\n\r\n",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{fffd}",
    "#",
    "# header\n",
    "-",
    "-\n",
    "a-\nb",
    "poli-\ntika",
    ".",
    "!",
    "?",
    "…",
    "...",
    "。",
    "！",
    "؟",
    "«",
    "»",
    "„",
    "”",
    "\"",
    "'",
    "/",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "1963.",
    "XIV.",
    "dr.",
    "Sz. K.",
    "U.S.",
    "stb.",
    "47/1963.",
    "Á",
    "á",
    "é",
    "ő",
    "ű",
    "õ",
    "û",
    "Õ",
    "Û",
    "e\u{301}",
    "o\u{30b}",
    "\u{301}",
    "\u{301}\u{301}\u{301}",
    "Z\u{351}\u{34a}\u{36e}",
    "ﬁ",
    "ß",
    "İ",
    "ǅ",
    "مرحبا بالعالم.",
    "שלום עולם.",
    "你好，世界。",
    "日本語の文です。",
    "한국어 문장.",
    "🙂",
    "👩‍👩‍👧",
    "🇭🇺",
    "1️⃣",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "0",
    "-1",
    "4294967296",
    "18446744073709551616",
    "1e309",
    "NaN",
    "p1.s1",
    "l0",
    "<",
    ">",
    "&",
    "&amp;",
    "<![CDATA[",
    "]]>",
    "x",
    "word ",
    "Word. ",
];

/// A string made of tricky pieces and arbitrary characters.
pub(crate) fn tricky_string(max_pieces: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(TRICKY).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
            1 => "[a-zA-Záéíóöőúüű ]{1,12}",
        ],
        0..max_pieces,
    )
    .prop_map(|parts| parts.concat())
}

/// Bytes: arbitrary, or tricky text with a few bytes flipped or cut (a damaged file).
pub(crate) fn tricky_bytes(max_len: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..max_len),
        (
            tricky_string(max_len / 4),
            proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
            any::<usize>(),
        )
            .prop_map(|(s, flips, cut)| {
                let mut bytes = s.into_bytes();
                for (at, b) in flips {
                    if !bytes.is_empty() {
                        let n = bytes.len();
                        bytes[at % n] = b;
                    }
                }
                let keep = if bytes.is_empty() {
                    0
                } else {
                    cut % (bytes.len() + 1)
                };
                bytes.truncate(keep.max(bytes.len() / 2));
                bytes
            }),
        // UTF-16 (both orders, with or without BOM) of tricky text.
        (tricky_string(max_len / 8), any::<bool>(), any::<bool>()).prop_map(|(s, big, bom)| {
            let mut out = Vec::new();
            if bom {
                out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
            }
            for u in s.encode_utf16() {
                out.extend(if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            out
        }),
    ]
}

/// A valid alignment file: sentences of tricky text with sequential locators (running
/// text or presplit lines), beads of every type covering both sides in order, and
/// confidences rounded as tandem writes them.
pub(crate) fn alignment_file() -> impl Strategy<Value = crate::alignment::AlignmentFile> {
    use crate::alignment::{AlignmentFile, BeadRecord, SentenceRecord, TextRecord, SCHEMA};
    use crate::document::Locator;
    use crate::lang::Lang;

    let kinds = proptest::collection::vec(
        (
            proptest::sample::select(crate::align::dp::BEADS.to_vec()),
            0u32..=10_000,
        ),
        0..25,
    );
    let texts = proptest::collection::vec((tricky_string(6), any::<bool>()), 0..60);
    (kinds, texts, any::<bool>()).prop_map(|(kinds, texts, presplit)| {
        // Cut the bead kinds into sentence counts, then give each sentence a text.
        let mut beads = Vec::new();
        let (mut n, mut m) = (0usize, 0usize);
        for ((k, l), c) in kinds {
            beads.push(BeadRecord {
                src: (n..n + k).collect(),
                tgt: (m..m + l).collect(),
                kind: format!("{k}-{l}"),
                confidence: f64::from(c) / 10_000.0,
                fixed: false,
            });
            n += k;
            m += l;
        }
        let mut texts = texts.into_iter().cycle();
        let mut record = |count: usize, lang: Lang| {
            let mut sentences = Vec::new();
            let (mut para, mut sent, mut offset) = (1u32, 0u32, 0usize);
            for i in 0..count {
                let (text, new_para) = texts.next().unwrap_or_default();
                if new_para && i > 0 {
                    para += 1;
                    sent = 0;
                }
                sent += 1;
                let id = if presplit {
                    Locator::Line(i as u32)
                } else {
                    Locator::Para {
                        paragraph: para,
                        sentence: sent,
                    }
                };
                sentences.push(SentenceRecord {
                    id,
                    start: offset,
                    end: offset + text.len(),
                    text: text.clone(),
                });
                offset += text.len() + 1;
            }
            TextRecord {
                path: format!("x.{}.txt", lang.code()),
                lang,
                sha256: "sha256:00".into(),
                encoding: "utf-8".into(),
                segmentation: if presplit { "presplit" } else { "rules" }.into(),
                format: "text".into(),
                layout: String::new(),
                furniture: Vec::new(),
                sentences,
                sentences_sha256: None,
            }
        };
        let source = record(n, Lang::Hu);
        let target = record(m, Lang::En);
        AlignmentFile {
            schema: SCHEMA.into(),
            tool: "tandem test".into(),
            id: "x".into(),
            source,
            target,
            parameters: AlignStats {
                bead_priors: vec![("1-1".into(), 0.89)],
                ..stats()
            },
            options: None,
            beads,
            fixes: vec![],
            history: vec![],
        }
    })
}

/// The alignment file of a bundled document pair (`originals/<id>.hu.txt` with
/// `translations/<id>.en.txt`), aligned now, as JSON written as if at
/// `alignments/<id>.json`. Tests use it instead of reading `alignments/`, which a fresh
/// checkout does not have.
pub(crate) fn bundled_alignment_json(id: &str) -> String {
    use crate::align::{align_documents, AlignConfig};
    use crate::alignment::AlignmentFile;
    use crate::document::Document;
    use crate::lang::Lang;
    use crate::load::{load_file, LoadOptions};
    use crate::segment::Splitter;
    use std::path::Path;

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = |rel: String, lang: Lang| {
        let path = root.join(rel);
        let loaded = load_file(&path, &LoadOptions::default()).expect("bundled text loads");
        Document::new(&path, lang.clone(), loaded, Some(&Splitter::new(&lang)))
    };
    let src = doc(format!("originals/{id}.hu.txt"), Lang::Hu);
    let tgt = doc(format!("translations/{id}.en.txt"), Lang::En);
    let alignment = align_documents(
        &src,
        &tgt,
        &AlignConfig::for_languages(&Lang::Hu, &Lang::En),
    );
    let out = root.join(format!("alignments/{id}.json"));
    AlignmentFile::new(id, &src, &tgt, &alignment, &out).to_json()
}
