//! Regression floors for alignment quality on the hand-aligned gold sets of
//! `../shared/data/gold` (skipped when that folder is absent, as on a user's machine).
//! The floors sit just under what tandem reached; see docs/alignment-quality.md.

use tandem::align::{align_documents, AlignConfig};
use tandem::eval::score;
use tandem::export::IndexBeads;
use tandem::lang::Lang;

use crate::common::{gold_beads, presplit_document, shared_data};

/// Strict F1 of tandem on a gold set, optionally with target lines `gap` removed.
fn strict_f1(
    set: &str,
    src_lang: Lang,
    tgt_lang: Lang,
    gap: Option<std::ops::Range<usize>>,
) -> Option<f64> {
    let dir = shared_data()?.join("gold").join(set);
    let src = std::fs::read_to_string(dir.join("src.txt")).expect("src.txt");
    let tgt = std::fs::read_to_string(dir.join("tgt.txt")).expect("tgt.txt");
    let mut gold = gold_beads(&dir.join("gold.txt"));
    let mut tgt_lines: Vec<&str> = tgt.lines().collect();
    if let Some(gap) = gap {
        // Delete a block of the translation; gold beads lose those sentences, and
        // source sentences left without a translation become one 1-0 bead each (hand
        // alignments never draw an n-0 bead; benches/long_bitext.py does the same).
        let shift = |j: usize| if j >= gap.end { j - gap.len() } else { j };
        tgt_lines.drain(gap.clone());
        gold = gold
            .into_iter()
            .flat_map(|(s, t)| {
                let had_translation = !t.is_empty();
                let t: Vec<usize> = t
                    .into_iter()
                    .filter(|j| !gap.contains(j))
                    .map(shift)
                    .collect();
                if t.is_empty() && had_translation {
                    s.into_iter().map(|i| (vec![i], Vec::new())).collect()
                } else if s.is_empty() && t.is_empty() {
                    Vec::new()
                } else {
                    vec![(s, t)]
                }
            })
            .collect();
    }
    let tgt = tgt_lines.join("\n") + "\n";
    let config = AlignConfig::for_languages(&src_lang, &tgt_lang);
    let a = align_documents(
        &presplit_document(&src, src_lang),
        &presplit_document(&tgt, tgt_lang),
        &config,
    );
    let test: IndexBeads = a
        .beads
        .iter()
        .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
        .collect();
    Some(score(&[(gold, test)]).f1_strict)
}

fn check_floor(name: &str, f1: Option<f64>, floor: f64) {
    match f1 {
        None => eprintln!("skipped {name}: ../shared/data/gold not found"),
        Some(f1) => {
            eprintln!("{name}: strict F1 {f1:.4} (floor {floor})");
            assert!(
                f1 >= floor,
                "{name}: strict F1 {f1:.4} fell below the floor {floor}"
            );
        }
    }
}

#[test]
fn steinbeck_hu_en_strict_f1_stays_above_the_floor() {
    check_floor(
        "steinbeck",
        strict_f1("steinbeck", Lang::Hu, Lang::En, None),
        0.976,
    );
}

#[test]
fn text_berg_de_fr_strict_f1_stays_above_the_floor() {
    let de = Lang::Other("de".into());
    let fr = Lang::Other("fr".into());
    check_floor("defr.dev", strict_f1("defr.dev", de, fr, None), 0.845);
}

#[test]
fn a_thousand_sentence_omission_costs_nothing() {
    // ../shared/data/gold/steinbeck with target sentences 2000..3000 deleted: the same
    // accuracy as without (at most 0.2 points less).
    let with_gap = strict_f1("steinbeck", Lang::Hu, Lang::En, Some(2000..3000));
    check_floor("steinbeck minus 1,000 sentences", with_gap, 0.976);
    if let (Some(with_gap), Some(without)) =
        (with_gap, strict_f1("steinbeck", Lang::Hu, Lang::En, None))
    {
        assert!(
            with_gap >= without - 0.002,
            "the omission costs {:.4} strict F1 ({with_gap:.4} against {without:.4})",
            without - with_gap
        );
    }
}
