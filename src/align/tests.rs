//! Invariants of the aligner, on small texts.

use super::*;
use proptest::prelude::*;

fn side<'a>(sentences: &[&'a str], lang: Lang) -> Side<'a> {
    Side {
        sentences: sentences.to_vec(),
        paragraphs: None,
        lang,
    }
}

/// Beads are in order and cover both sides exactly once.
fn assert_covers(beads: &[Bead], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        assert_eq!(b.src.start, i, "{beads:?}");
        assert_eq!(b.tgt.start, j, "{beads:?}");
        assert!(!(b.src.is_empty() && b.tgt.is_empty()));
        assert!((0.0..=1.0).contains(&b.confidence));
        i = b.src.end;
        j = b.tgt.end;
    }
    assert_eq!((i, j), (n, m));
}

pub(super) const HU: [&str; 6] = [
    "Havanna, 1963. január 28.",
    "Tárgy: Kuba és a szocialista országok viszonya a válság óta.",
    "A karibi válság óta kívülálló szemmel nem lehetett változást látni.",
    "A kubai vezetés /a párt és a kormány/ jó úton haladt.",
    "Ez azonban csak hosszabb fejlődés útján érhető el. Kiderült, hogy kevesebb a kommunista.",
    "Beck János",
];
pub(super) const EN: [&str; 7] = [
    "Havana, 28 January 1963",
    "Subject: The relations between Cuba and the socialist countries since the crisis.",
    "Since the Caribbean crisis a by-stander has not been able to see any change.",
    "The Cuban leadership /the party and government/ was on the right track.",
    "This can be achieved only through a longer development.",
    "It has turned out that the number of communists is smaller.",
    "János Beck",
];

#[test]
fn a_small_report_aligns_with_a_two_to_one_bead() {
    let a = align(
        &side(&HU, Lang::Hu),
        &side(&EN, Lang::En),
        &AlignConfig::for_languages(&Lang::Hu, &Lang::En),
    );
    assert_covers(&a.beads, HU.len(), EN.len());
    let kinds: Vec<String> = a.beads.iter().map(Bead::kind).collect();
    assert_eq!(kinds, ["1-1", "1-1", "1-1", "1-1", "1-2", "1-1"]);
}

#[test]
fn aligning_a_text_with_itself_gives_only_one_to_one_beads() {
    let a = align(
        &side(&EN, Lang::En),
        &side(&EN, Lang::En),
        &AlignConfig::default(),
    );
    assert!(a.beads.iter().all(|b| b.kind() == "1-1"), "{:?}", a.beads);
    assert_covers(&a.beads, EN.len(), EN.len());
}

#[test]
fn one_empty_side_gives_only_deletions_or_insertions() {
    let a = align(
        &side(&HU, Lang::Hu),
        &side(&[], Lang::En),
        &AlignConfig::default(),
    );
    assert!(a.beads.iter().all(|b| b.kind() == "1-0"));
    assert_covers(&a.beads, HU.len(), 0);
    let a = align(
        &side(&[], Lang::Hu),
        &side(&EN, Lang::En),
        &AlignConfig::default(),
    );
    assert!(a.beads.iter().all(|b| b.kind() == "0-1"));
    let a = align(
        &side(&[], Lang::Hu),
        &side(&[], Lang::En),
        &AlignConfig::default(),
    );
    assert!(a.beads.is_empty());
}

#[test]
fn beads_never_cross_a_paragraph_boundary() {
    let src = Side {
        sentences: vec!["Egy rövid mondat.", "Még egy.", "Harmadik mondat itt áll."],
        paragraphs: Some(vec![1, 2, 2]),
        lang: Lang::Hu,
    };
    let tgt = Side {
        sentences: vec![
            "One short sentence. And another one.",
            "The third sentence is here.",
        ],
        paragraphs: Some(vec![1, 2]),
        lang: Lang::En,
    };
    let a = align(
        &src,
        &tgt,
        &AlignConfig::for_languages(&Lang::Hu, &Lang::En),
    );
    assert_covers(&a.beads, 3, 2);
    for b in &a.beads {
        if b.src.len() > 1 {
            let p = src.paragraphs.as_ref().expect("paragraphs");
            assert!(
                b.src.clone().all(|i| p[i] == p[b.src.start]),
                "{:?}",
                a.beads
            );
        }
    }
}

/// Word pairs of the built-in dictionary, for synthetic bitexts.
const PAIRS: [(&str, &str); 12] = [
    ("éjszaka", "night"),
    ("király", "king"),
    ("kard", "sword"),
    ("apa", "father"),
    ("anya", "mother"),
    ("víz", "water"),
    ("tenger", "sea"),
    ("ló", "horse"),
    ("ház", "house"),
    ("város", "town"),
    ("arany", "gold"),
    ("hajó", "ship"),
];

/// A synthetic translation pair: sentences of varied length made of dictionary words,
/// every second with a number, the same seed giving the same content on both sides.
fn synthetic(n: usize, seed: u64, lang: Lang) -> Vec<String> {
    let mut x = seed;
    (0..n)
        .map(|i| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let words = 3 + (x >> 33) % 12;
            let mut s = String::new();
            for w in 0..words {
                let pair = PAIRS[((x >> (w % 20)) as usize + w as usize * 7) % PAIRS.len()];
                s.push_str(if lang == Lang::Hu { pair.0 } else { pair.1 });
                s.push(' ');
                if w == 1 && i % 2 == 0 {
                    s.push_str(&format!("{} ", 1000 + i));
                }
            }
            s.push('.');
            s
        })
        .collect()
}

#[test]
fn banded_search_equals_full_search_on_small_inputs() {
    for (n, drop) in [(40, None), (60, Some(20..26)), (80, Some(5..6))] {
        let src = synthetic(n, 7, Lang::Hu);
        let mut tgt = synthetic(n, 7, Lang::En);
        if let Some(r) = drop {
            tgt.drain(r);
        }
        let src_refs: Vec<&str> = src.iter().map(String::as_str).collect();
        let tgt_refs: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let full = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
        let banded = AlignConfig {
            max_full_cells: 50,
            ..AlignConfig::for_languages(&Lang::Hu, &Lang::En)
        };
        let a = align(
            &side(&src_refs, Lang::Hu),
            &side(&tgt_refs, Lang::En),
            &full,
        );
        let b = align(
            &side(&src_refs, Lang::Hu),
            &side(&tgt_refs, Lang::En),
            &banded,
        );
        assert_eq!(a.stats.search, "full");
        assert_eq!(b.stats.search, "banded");
        let spans = |x: &Alignment| {
            x.beads
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(&a), spans(&b), "n={n}");
    }
}

#[test]
fn a_block_missing_from_the_translation_is_found() {
    let src = synthetic(300, 11, Lang::Hu);
    let mut tgt = synthetic(300, 11, Lang::En);
    tgt.drain(100..160);
    let src_refs: Vec<&str> = src.iter().map(String::as_str).collect();
    let tgt_refs: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let config = AlignConfig {
        max_full_cells: 1000,
        ..AlignConfig::for_languages(&Lang::Hu, &Lang::En)
    };
    let a = align(
        &side(&src_refs, Lang::Hu),
        &side(&tgt_refs, Lang::En),
        &config,
    );
    assert_covers(&a.beads, 300, 240);
    let deleted: usize = a
        .beads
        .iter()
        .filter(|b| b.tgt.is_empty())
        .map(|b| b.src.len())
        .sum();
    assert!((45..=70).contains(&deleted), "{deleted} deleted");
    let right = a
        .beads
        .iter()
        .filter(|b| b.kind() == "1-1")
        .filter(|b| {
            let s = b.src.start;
            let t = b.tgt.start;
            (s < 100 && t == s) || (s >= 160 && t + 60 == s)
        })
        .count();
    assert!(right >= 220, "{right} right 1-1 beads");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn beads_cover_both_sides_in_order(
        src in proptest::collection::vec("[a-zA-Z0-9áéőű ?!.,]{0,40}", 0..12),
        tgt in proptest::collection::vec("[a-zA-Z0-9 ?!.,]{0,40}", 0..12),
        banded in any::<bool>(),
    ) {
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let config = AlignConfig { max_full_cells: if banded { 10 } else { 250_000 }, ..AlignConfig::default() };
        let a = align(&side(&s, Lang::Hu), &side(&t, Lang::En), &config);
        assert_covers(&a.beads, s.len(), t.len());
    }
}
