//! Tests of [`super`]: sentences merged, slid or forced without evidence of their own.

use super::super::testutil::{file_of_beads, filler};
use super::super::{check, CheckConfig, FindingKind, Severity};

fn beads_with_filler(
    special: Vec<(Vec<&'static str>, Vec<&'static str>)>,
) -> crate::alignment::AlignmentFile {
    let mut beads: Vec<(Vec<&str>, Vec<&str>)> = filler(40)
        .into_iter()
        .map(|(s, t)| (vec![s], vec![t]))
        .collect();
    beads.splice(20..20, special);
    file_of_beads(&beads)
}

#[test]
fn a_sentence_merged_without_evidence_is_an_omission() {
    let f = beads_with_filler(vec![(
        vec![
            "A kutya ugatott a kertben.",
            "A levél tegnap érkezett, a könyv az asztalon maradt.",
        ],
        vec!["The dog barked in the garden."],
    )]);
    let r = check(&f, &CheckConfig::default().only(&[FindingKind::Omission]));
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    let o = &r.findings[0];
    assert_eq!(o.bead, 20);
    assert_eq!(o.src, [21]);
    assert!(o.tgt.is_empty());
    assert!(o.severity >= Severity::Warning);
    assert!(o.reason.contains("A levél tegnap"), "{}", o.reason);
}

#[test]
fn a_sentence_left_out_where_the_aligner_slid_is_an_omission() {
    // The translation of the cat sentence is left out; the aligner merged the letter
    // sentence into the dog bead and paired the cat sentence with its translation.
    let f = beads_with_filler(vec![
        (
            vec![
                "A kutya ugatott a kertben.",
                "A levél tegnap érkezett Budapestről, 1963. január 28-án.",
            ],
            vec!["The dog barked in the garden."],
        ),
        (
            vec!["A macska a széken aludt."],
            vec!["The letter arrived from Budapest yesterday, on 28 January 1963."],
        ),
    ]);
    let r = check(&f, &CheckConfig::default().only(&[FindingKind::Omission]));
    let cat = r.findings.iter().find(|o| o.src == [22]);
    let cat = cat.unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert_eq!(cat.bead, 21);
    assert!(cat.reason.contains("A levél tegnap"), "{}", cat.reason);
}

/// `filler(n)` with `special` at bead 20, then `extra` beads at the end.
fn document(n: usize, special: Vec<Bead>, extra: Vec<Bead>) -> crate::alignment::AlignmentFile {
    let mut beads: Vec<Bead> = filler(n)
        .into_iter()
        .map(|(s, t)| (vec![s], vec![t]))
        .collect();
    beads.splice(20..20, special);
    beads.extend(extra);
    file_of_beads(&beads)
}

type Bead = (Vec<&'static str>, Vec<&'static str>);

/// A translator's own merge, repeated until merges are common in the document.
fn merges(n: usize) -> Vec<Bead> {
    vec![
        (
            vec!["A kutya ugatott.", "A kertben ugatott."],
            vec!["The dog barked in the garden."]
        );
        n
    ]
}

fn omitted(f: &crate::alignment::AlignmentFile, x: usize) -> bool {
    let r = check(f, &CheckConfig::default().only(&[FindingKind::Omission]));
    r.findings.iter().any(|o| o.src == [x])
}

#[test]
fn a_neighbour_with_weak_support_stands_for_the_rest_of_the_bead() {
    // `A kutya aludt.` has support below PARTNER (2) but above REST (0): the letter
    // sentence beside it is reported.
    let f = document(
        40,
        vec![(
            vec!["A kutya aludt.", "Anyám tegnap levelet írt."],
            vec!["The dog slept."],
        )],
        vec![],
    );
    assert!(omitted(&f, 21));
}

#[test]
fn a_merged_sentence_whose_name_the_translation_lacks_is_an_omission() {
    let special = || {
        vec![(
            vec!["Péter hazament.", "Anna a kertben maradt."],
            vec!["Peter went home and stayed."],
        )]
    };
    // The translation carries `Anna` elsewhere: her sentence lost its name here.
    let names = vec![
        (
            vec!["Tegnap Anna hazament."],
            vec!["Yesterday Anna went home."],
        ),
        (
            vec!["Ma Anna levest főzött."],
            vec!["Today Anna cooked soup."],
        ),
    ];
    let f = document(40, special(), [names, merges(3)].concat());
    assert!(omitted(&f, 21));
    let f = document(40, special(), merges(3));
    assert!(!omitted(&f, 21));
}

#[test]
fn a_merge_the_document_seldom_makes_costs_more() {
    let special = || {
        vec![(
            vec!["A kutya ugatott a kertben.", "Ő sokáig várt."],
            vec!["The dog barked in the garden."],
        )]
    };
    // One merge in 400 beads: reported. Merges in 7 % of the beads: a translator
    // who merges, not reported.
    assert!(omitted(&document(400, special(), vec![]), 21));
    assert!(!omitted(&document(400, special(), merges(30)), 21));
}

#[test]
fn a_legitimate_merge_is_not_reported() {
    let f = beads_with_filler(vec![(
        vec!["A kutya ugatott.", "A kertben ugatott."],
        vec!["The dog barked in the garden."],
    )]);
    let r = check(&f, &CheckConfig::default().only(&[FindingKind::Omission]));
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn a_merged_sentence_whose_negation_the_translation_lacks_is_an_omission() {
    // The sentence has little evidence of its own either way (its words and length
    // score about −2, a warning needs −4); merged into a bead whose translation says no
    // `not`, its negation is lost with it.
    let bead = |second: &'static str| {
        vec![(
            vec!["Péter hazament a kertből.", second],
            vec!["Peter went home from the garden."],
        )]
    };
    assert!(omitted(
        &document(
            40,
            bead("Nem tudom, mit mondjak erről a dologról."),
            merges(3)
        ),
        21
    ));
    assert!(!omitted(
        &document(40, bead("Tudom, mit mondjak erről a dologról."), merges(3)),
        21
    ));
}
