//! Invariants every split keeps on any input: lossless, ordered, on char boundaries.

use std::path::Path;

use proptest::prelude::*;

use super::*;

// ---- robustness and invariants ------------------------------------------------------

/// The invariants every split must satisfy.
fn check_invariants(splitter: &Splitter, text: &str) {
    let ranges = splitter.split(text);
    let mut prev_end = 0;
    for r in &ranges {
        assert!(r.start < r.end, "empty range {r:?} in {text:?}");
        assert!(r.start >= prev_end, "overlap {r:?} in {text:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "untrimmed {s:?} in {text:?}");
        assert!(
            text[prev_end..r.start].trim().is_empty(),
            "lost text in {text:?}"
        );
        prev_end = r.end;
    }
    assert!(text[prev_end..].trim().is_empty(), "lost tail in {text:?}");
    assert_eq!(ranges.is_empty(), text.trim().is_empty(), "{text:?}");
    let (explained, _) = splitter.split_explained(text);
    assert_eq!(explained, ranges);
}

fn all_splitters() -> Vec<Splitter> {
    vec![
        Splitter::new(&Lang::Hu),
        Splitter::new(&Lang::En),
        Splitter::new(&Lang::Other("fr".into())),
    ]
}

const PIECES: &[&str] = &[
    "1963.", " ", "  ", "dr.", "!", "?", "…", "Á", "–", "-", ".", "\"", "„", "”", "/", "a", "Sz.",
    "XIV.", "I.", "jan.", "47/", "Kr.", "e.", "é", "\u{301}", "🙂", "\u{a0}", "\t", "(", ")", "x",
    "Zs", "stb.", "U.S.", "'", "’", "。",
];

#[test]
fn every_short_combination_of_tricky_pieces_keeps_the_invariants() {
    let splitters = all_splitters();
    for a in PIECES {
        for b in PIECES {
            for c in PIECES {
                let text = format!("{a}{b}{c}");
                for s in &splitters {
                    check_invariants(s, &text);
                }
            }
        }
    }
}

#[test]
fn long_paragraph_without_punctuation_is_one_sentence() {
    let text = "szó ".repeat(200_000);
    let ranges = Splitter::new(&Lang::Hu).split(&text);
    assert_eq!(ranges.len(), 1);
    assert_eq!(ranges[0], 0..text.trim_end().len());
}

/// Pathological inputs built from one repeated piece, `len` bytes each.
fn pathological(len: usize) -> Vec<String> {
    let pieces = [
        "szó ",
        "a",
        "!",
        "! ",
        ". ",
        "X. ",
        "1963. ",
        "\" ",
        "-\" ",
        "… ",
        "./ ",
        " ",
        "Á",
        "é\u{301}",
        ".)",
        "'.' \" ",
    ];
    pieces.iter().map(|p| p.repeat(len / p.len())).collect()
}

#[test]
fn pathological_paragraphs_keep_the_invariants() {
    for text in pathological(50_000) {
        for s in all_splitters() {
            check_invariants(&s, &text);
        }
    }
}

/// 50 MB paragraphs; slow in debug builds, run with `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn fifty_megabyte_paragraphs_do_not_panic() {
    for text in pathological(50 << 20) {
        let ranges = Splitter::new(&Lang::Hu).split(&text);
        assert_eq!(ranges.is_empty(), text.trim().is_empty());
    }
}

#[test]
fn very_long_words_do_not_break_the_rules() {
    let long = "á".repeat(10_000);
    let text = format!("{long}. {long}! {long}… Ő. {long}/ 1963. X{long}. Y");
    for s in all_splitters() {
        check_invariants(&s, &text);
    }
}

proptest! {
    #[test]
    fn splitting_arbitrary_strings_is_lossless(text in "\\PC{0,200}") {
        for s in all_splitters() {
            check_invariants(&s, &text);
        }
    }

    #[test]
    fn splitting_tricky_pieces_is_lossless(
        parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
    ) {
        let text: String = parts.concat();
        for s in all_splitters() {
            check_invariants(&s, &text);
        }
    }
}

mod fuzz {
    use super::*;
    use crate::document::Document;
    use crate::load::{load_bytes, LoadOptions};
    use crate::testing::{cases, tricky_bytes, tricky_string};

    /// Abbreviation entries mixing the tricky pieces, some valid, some not.
    fn abbrev_file() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                tricky_string(4).prop_map(|s| format!("{s}.")),
                tricky_string(4).prop_map(|s| format!("{s}. final")),
                tricky_string(6),
            ],
            0..6,
        )
        .prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(cases(256))]

        /// Any characters (controls, line ends, RTL, CJK, emoji, combining marks) and
        /// the user's abbreviations: splitting stays lossless and never panics.
        #[test]
        fn fuzz_split_is_lossless_on_tricky_text(text in tricky_string(60), abbrevs in abbrev_file()) {
            for s in all_splitters() {
                check_invariants(&s, &text);
            }
            if let Ok(extra) = Abbreviations::parse(&abbrevs, Path::new("a.txt")) {
                let s = Splitter::new(&Lang::Hu).with_abbreviations(extra);
                check_invariants(&s, &text);
            }
        }

        /// The whole front end on any bytes: every sentence is a non-empty trimmed
        /// slice of its paragraph, in order, with a unique locator.
        #[test]
        fn fuzz_documents_from_any_bytes(bytes in tricky_bytes(400), presplit in any::<bool>()) {
            let options = LoadOptions { clean_control: true, presplit, ..LoadOptions::default() };
            let Ok(loaded) = load_bytes(&bytes, Path::new("f.txt"), &options) else {
                return Ok(());
            };
            let paragraphs = loaded.paragraphs.clone();
            let splitter = Splitter::new(&Lang::Hu);
            let doc = Document::new(Path::new("f.txt"), Lang::Hu, loaded, (!presplit).then_some(&splitter));
            let mut prev_end = 0;
            let mut seen = std::collections::HashSet::new();
            for s in &doc.sentences {
                prop_assert!(s.range.start >= prev_end);
                prop_assert!(paragraphs.iter().any(|p| p.start <= s.range.start && s.range.end <= p.end));
                let text = &doc.loaded.text[s.range.clone()];
                if !presplit {
                    prop_assert!(!text.is_empty() && text == text.trim());
                }
                prop_assert!(seen.insert(s.locator), "duplicate locator {}", s.locator);
                prop_assert_eq!(s.locator.to_string().parse::<crate::document::Locator>(), Ok(s.locator));
                prev_end = s.range.end;
            }
            if presplit {
                prop_assert_eq!(doc.sentences.len(), paragraphs.len());
            }
        }
    }
}
