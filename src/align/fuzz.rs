//! Property ("fuzz") tests of the aligner on arbitrary sentence lists: it never panics,
//! beads are monotone and cover every sentence of both sides exactly once, confidences
//! are in 0..=1, and a text aligned with itself gives only 1-1 beads. Case counts follow
//! `PROPTEST_CASES` (see `docs/testing.md`).

use proptest::prelude::*;

use super::*;
use crate::testing::{cases, tricky_string};

/// Beads are in order, non-empty, cover both sides exactly once and have a confidence
/// in 0..=1.
fn check_beads(a: &Alignment, n: usize, m: usize) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for b in &a.beads {
        prop_assert_eq!(b.src.start, i, "{:?}", a.beads);
        prop_assert_eq!(b.tgt.start, j, "{:?}", a.beads);
        prop_assert!(b.src.end >= b.src.start && b.tgt.end >= b.tgt.start);
        prop_assert!(!(b.src.is_empty() && b.tgt.is_empty()), "empty bead");
        prop_assert!(b.src.len() <= 3 && b.tgt.len() <= 3, "bead {}", b.kind());
        prop_assert!(
            (0.0..=1.0).contains(&b.confidence),
            "confidence {} of bead {:?}",
            b.confidence,
            b
        );
        i = b.src.end;
        j = b.tgt.end;
    }
    prop_assert_eq!((i, j), (n, m));
    prop_assert!(a.stats.length_ratio.is_finite() && a.stats.length_variance.is_finite());
    prop_assert!((0.0..=0.5).contains(&a.stats.length_outlier_weight));
    prop_assert!(a.stats.length_outlier_variance.is_finite());
    for b in &a.beads {
        prop_assert!(
            (0.0..=1.0).contains(&b.confidence),
            "confidence {}",
            b.confidence
        );
    }
    Ok(())
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![
        Just(Lang::Hu),
        Just(Lang::En),
        Just(Lang::Other("ar".into())),
        Just(Lang::Other("zh".into())),
    ]
}

/// Sentences: arbitrary tricky strings (empty, whitespace, controls, RTL, CJK …).
fn sentences(max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(tricky_string(8), 0..max)
}

/// Paragraph numbers for `n` sentences: none, or non-decreasing from 1.
fn paragraphs(n: usize) -> impl Strategy<Value = Option<Vec<u32>>> {
    proptest::option::of(
        proptest::collection::vec(any::<bool>(), n).prop_map(|starts| {
            let mut p = 1;
            starts
                .into_iter()
                .enumerate()
                .map(|(i, new)| {
                    if new && i > 0 {
                        p += 1;
                    }
                    p
                })
                .collect()
        }),
    )
}

fn side_strategy(max: usize) -> impl Strategy<Value = (Vec<String>, Option<Vec<u32>>, Lang)> {
    sentences(max).prop_flat_map(|s| {
        let n = s.len();
        (Just(s), paragraphs(n), lang())
    })
}

fn config() -> impl Strategy<Value = AlignConfig> {
    (
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(1usize), Just(10), Just(200), Just(300_000)],
        1usize..8,
        any::<bool>(),
    )
        .prop_map(
            |(realign, paragraphs, max_full_cells, radius, dict)| AlignConfig {
                dictionary: if dict {
                    Dictionary::builtin_hu_en()
                } else {
                    Dictionary::new()
                },
                realign,
                paragraphs,
                max_full_cells,
                radius,
                cancel: None,
            },
        )
}

fn side<'a>(s: &'a [String], paragraphs: &Option<Vec<u32>>, lang: &Lang) -> Side<'a> {
    Side {
        sentences: s.iter().map(String::as_str).collect(),
        paragraphs: paragraphs.clone(),
        lang: lang.clone(),
    }
}

/// Sentences of real-looking words, so that a text aligned with itself has something
/// to match (numbers, names, punctuation, accents).
fn prose(max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        proptest::collection::vec(
            prop_oneof![
                "[a-záéíóöőúüű]{1,10}",
                "[A-ZÁÉŐŰ][a-z]{1,8}",
                "[0-9]{1,4}",
                Just("1963.".to_string()),
            ],
            1..15,
        )
        .prop_map(|w| format!("{}.", w.join(" "))),
        1..max,
    )
}

proptest! {
    #![proptest_config(cases(96))]

    /// Arbitrary sentence lists, paragraphs, languages and settings (full and banded
    /// search): never a panic, always a valid cover.
    #[test]
    fn fuzz_align_arbitrary_sentences(
        (s, sp, sl) in side_strategy(30),
        (t, tp, tl) in side_strategy(30),
        config in config(),
    ) {
        let a = align(&side(&s, &sp, &sl), &side(&t, &tp, &tl), &config);
        check_beads(&a, s.len(), t.len())?;
    }

    /// Very unequal lengths push the banded search to its edges.
    #[test]
    fn fuzz_align_unequal_lengths_banded(
        s in proptest::collection::vec("[a-z .,!?0-9]{0,30}", 0..80),
        t in proptest::collection::vec("[a-z .,!?0-9]{0,30}", 0..6),
        swap in any::<bool>(),
        radius in 1usize..4,
    ) {
        let (s, t) = if swap { (t, s) } else { (s, t) };
        let config = AlignConfig { max_full_cells: 1, radius, ..AlignConfig::default() };
        let a = align(&side(&s, &None, &Lang::Hu), &side(&t, &None, &Lang::En), &config);
        check_beads(&a, s.len(), t.len())?;
    }

    /// A text aligned with itself gives only 1-1 beads, each sentence with itself.
    #[test]
    fn fuzz_align_text_with_itself_is_all_one_to_one(
        text in prose(40),
        banded in any::<bool>(),
    ) {
        let config = AlignConfig {
            max_full_cells: if banded { 10 } else { 300_000 },
            ..AlignConfig::for_languages(&Lang::Hu, &Lang::En)
        };
        let a = align(&side(&text, &None, &Lang::Hu), &side(&text, &None, &Lang::Hu), &config);
        check_beads(&a, text.len(), text.len())?;
        for (k, b) in a.beads.iter().enumerate() {
            prop_assert_eq!((b.src.clone(), b.tgt.clone()), (k..k + 1, k..k + 1), "{:?}", a.beads);
        }
    }
}
