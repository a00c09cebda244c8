//! Fixes on the bundled documents: applying, refusing, replacing, removing, undoing,
//! editor actions, and carrying fixes over to a new alignment of changed texts.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::alignment::{AlignmentFile, SCHEMA, SCHEMA_V1};
use crate::testing::{bundled_alignment_json, cases};

const T: &str = "2026-01-01T00:00:00Z";

fn beck() -> AlignmentFile {
    AlignmentFile::from_json(
        &bundled_alignment_json("beck-1963-01-28"),
        Path::new("beck.json"),
    )
    .expect("bundled alignment")
}

fn fixer(file: &AlignmentFile) -> Fixer {
    Fixer::new(file, &align_config(file, Path::new("beck.json")).0)
}

fn fix(file: &AlignmentFile, src: &str, tgt: &str) -> Fix {
    Fix {
        src: parse_range(src, &file.source).expect("source range"),
        tgt: parse_range(tgt, &file.target).expect("target range"),
        note: None,
    }
}

/// Apply one fix given by locators.
fn apply(
    fixer: &Fixer,
    file: &mut AlignmentFile,
    src: &str,
    tgt: &str,
    replace: bool,
) -> Result<Change, FixError> {
    let f = fix(file, src, tgt);
    fixer.apply(file, &[f], replace, T)
}

/// The beads as (source locators, target locators), e.g. ("p8.s2", "p8.s2–s3").
fn spans(file: &AlignmentFile) -> Vec<(String, String)> {
    file.beads
        .iter()
        .map(|b| (span(&file.source, &b.src), span(&file.target, &b.tgt)))
        .collect()
}

fn has(file: &AlignmentFile, src: &str, tgt: &str) -> bool {
    spans(file).contains(&(src.to_string(), tgt.to_string()))
}

/// The file is valid and survives a round trip through JSON.
fn round_trip(file: &AlignmentFile) {
    file.validate().expect("valid after the change");
    let back = AlignmentFile::from_json(&file.to_json(), Path::new("x.json")).expect("reads back");
    assert_eq!(&back, file);
}

#[test]
fn one_fix_repairs_its_neighbour() {
    // Paragraph 8 of the seed report: hu 2 = en 2+3 (1-2), hu 3+4 = en 4 (2-1); the
    // aligner draws 2-2 + 1-1. Confirming the 2-1 repairs the 1-2 beside it.
    let mut file = beck();
    assert!(has(&file, "p8.s2–s3", "p8.s2–s3"), "{:?}", spans(&file));
    let fixer = fixer(&file);
    let change = apply(&fixer, &mut file, "p8.s3..p8.s4", "p8.s4", false).expect("applies");
    assert!(has(&file, "p8.s3–s4", "p8.s4"));
    assert!(has(&file, "p8.s2", "p8.s2–s3"), "{:?}", spans(&file));
    let fixed: Vec<_> = file.beads.iter().filter(|b| b.fixed).collect();
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0].confidence, 1.0);
    assert_eq!(change.before.len(), 2);
    assert_eq!(change.count, 2);
    assert_eq!(change.added, vec![1]);
    assert_eq!(file.fixes[0].time, T);
    assert_eq!(file.history.len(), 1);
    round_trip(&file);
}

#[test]
fn overlapping_fixes_are_refused_unless_replaced_and_undo_restores_exactly() {
    let original = beck();
    let mut file = original.clone();
    let fixer = fixer(&file);
    apply(&fixer, &mut file, "p8.s3..p8.s4", "p8.s4", false).expect("first");
    let after_first = file.clone();
    let err = apply(&fixer, &mut file, "p8.s4", "p8.s4", false).expect_err("overlaps");
    assert!(matches!(err, FixError::Conflict { id: 1, .. }), "{err}");
    assert!(err.to_string().contains("--replace"), "{err}");
    assert_eq!(file, after_first, "a refused fix changes nothing");
    let change = apply(&fixer, &mut file, "p8.s4", "p8.s4", true).expect("replaces");
    assert_eq!(change.removed.len(), 1);
    assert_eq!(file.fixes.len(), 1);
    assert_eq!(file.fixes[0].id, 2, "ids are never reused");
    round_trip(&file);
    undo(&mut file).expect("undo the replace");
    assert_eq!(file.beads, after_first.beads);
    assert_eq!(file.fixes, after_first.fixes);
    undo(&mut file).expect("undo the first");
    assert_eq!(file.beads, original.beads);
    assert!(file.fixes.is_empty() && file.history.is_empty());
    assert!(matches!(undo(&mut file), Err(FixError::NothingToUndo)));
}

#[test]
fn crossing_fixes_are_refused() {
    let mut file = beck();
    let fixer = fixer(&file);
    apply(&fixer, &mut file, "p10.s1", "p10.s1", false).expect("first");
    let err = apply(&fixer, &mut file, "p11.s1", "p9.s1", false).expect_err("crosses");
    assert!(err.to_string().contains("crosses fix #1"), "{err}");
}

#[test]
fn removing_a_fix_frees_its_bead() {
    let original = beck();
    let mut file = original.clone();
    let fixer = fixer(&file);
    apply(&fixer, &mut file, "p8.s3..p8.s4", "p8.s4", false).expect("applies");
    let ids = select(&file, "p8.s4").expect("selects by source");
    assert_eq!(ids, vec![1]);
    assert_eq!(select(&file, "#1").expect("by id"), vec![1]);
    assert!(select(&file, "p9.s1").is_err());
    fixer.remove(&mut file, &ids, T).expect("removes");
    assert!(file.fixes.is_empty());
    assert!(file.beads.iter().all(|b| !b.fixed));
    // Without the constraint the aligner's own choice comes back.
    assert_eq!(spans(&file), spans(&original));
    round_trip(&file);
}

#[test]
fn unpaired_and_large_beads_can_be_confirmed() {
    let mut file = beck();
    let fixer = fixer(&file);
    // A sentence confirmed untranslated, one confirmed added, and a 1-3 bead the
    // aligner would not draw here.
    apply(&fixer, &mut file, "p11.s2", "none", false).expect("1-0");
    assert!(has(&file, "p11.s2", "none"));
    apply(&fixer, &mut file, "none", "p12.s1", false).expect("0-1");
    assert!(has(&file, "none", "p12.s1"));
    apply(&fixer, &mut file, "p3.s1", "p3.s1..p5.s1", false).expect("1-3");
    assert!(has(&file, "p3.s1", "p3.s1–p5.s1"));
    assert_eq!(file.beads.iter().filter(|b| b.fixed).count(), 3);
    round_trip(&file);
    // A 4-1 bead across a paragraph break: any size can be confirmed.
    apply(&fixer, &mut file, "p7.s1..p8.s1", "p7.s1", false).expect("4-1");
    assert!(has(&file, "p7.s1–p8.s1", "p7.s1"), "{:?}", spans(&file));
    round_trip(&file);
}

#[test]
fn a_session_and_fresh_fixers_agree() {
    let mut one = beck();
    let mut fresh = beck();
    let session = fixer(&one);
    for (s, t) in [
        ("p8.s3..p8.s4", "p8.s4"),
        ("p9.s1", "p9.s1..p9.s2"),
        ("p2.s1", "p2.s1"),
    ] {
        let f = fix(&one, s, t);
        session
            .apply(&mut one, std::slice::from_ref(&f), false, T)
            .expect("session");
        fixer(&fresh)
            .apply(&mut fresh, &[f], false, T)
            .expect("fresh");
    }
    assert_eq!(one, fresh);
}

#[test]
fn editor_actions_are_fixes() {
    let mut file = beck();
    let fixer = fixer(&file);
    let bead = |file: &AlignmentFile, src: &str| {
        file.beads
            .iter()
            .position(|b| span(&file.source, &b.src) == src)
            .expect("bead")
    };
    // Split the 2-2 of paragraph 8 into 1-1 + 1-1.
    let k = bead(&file, "p8.s2–s3");
    let fixes = Edit::Split {
        bead: k,
        src: 1,
        tgt: 1,
    }
    .fixes(&file)
    .expect("split");
    fixer.apply(&mut file, &fixes, true, T).expect("applies");
    assert!(has(&file, "p8.s2", "p8.s2") && has(&file, "p8.s3", "p8.s3"));
    assert_eq!(file.history.len(), 1, "one action, one undo step");
    // Shift English p8.s3 up into the bead of p8.s2: the 1-2 of the header.
    let k = bead(&file, "p8.s3");
    let fixes = Edit::Shift {
        bead: k,
        target: true,
        down: false,
    }
    .fixes(&file)
    .expect("shift");
    fixer.apply(&mut file, &fixes, true, T).expect("applies");
    assert!(has(&file, "p8.s2", "p8.s2–s3"), "{:?}", spans(&file));
    assert!(has(&file, "p8.s3", "none"), "{:?}", spans(&file));
    // Merge p8.s3 (now alone) with the next bead: the 2-1 of the header.
    let k = bead(&file, "p8.s3");
    let fixes = Edit::MergeNext { bead: k }.fixes(&file).expect("merge");
    fixer.apply(&mut file, &fixes, true, T).expect("applies");
    assert!(has(&file, "p8.s3–s4", "p8.s4"), "{:?}", spans(&file));
    let fixes = Edit::Untranslated { sentence: 0 }
        .fixes(&file)
        .expect("1-0");
    assert_eq!(fixes[0].tgt, 0..0);
    round_trip(&file);
    // Undo everything, one action at a time.
    while !file.history.is_empty() {
        undo(&mut file).expect("undo");
    }
    assert_eq!(file.beads, beck().beads);
}

#[test]
fn version_1_files_are_read_as_version_2() {
    let file = beck();
    let mut value = serde_json::to_value(&file).expect("value");
    value["schema"] = SCHEMA_V1.into();
    let map = value.as_object_mut().expect("object");
    map.remove("fixes");
    map.remove("options");
    let back = AlignmentFile::from_json(&value.to_string(), Path::new("v1.json")).expect("v1");
    assert_eq!(back.schema, SCHEMA);
    assert!(back.fixes.is_empty());
    // A version 1 file with version 2 fields is not a valid file of either.
    value["fixes"] = serde_json::json!([{ "id": 1, "src": [0], "tgt": [0],
        "src_hashes": ["0"], "tgt_hashes": ["0"], "time": T }]);
    assert!(AlignmentFile::from_json(&value.to_string(), Path::new("v1.json")).is_err());
}

#[test]
fn a_fix_that_does_not_match_its_text_is_refused_by_the_reader() {
    let mut file = beck();
    apply(&fixer(&file), &mut file, "p8.s3..p8.s4", "p8.s4", false).expect("applies");
    // An edit of the same length in a file without a sentence checksum (as written
    // before tandem recorded one): the fix's own hashes catch it.
    let mut edited = file.clone();
    edited.source.sentences_sha256 = None;
    let text = &mut edited.source.sentences[file.fixes[0].src[0]].text;
    let last = text.pop().expect("a sentence");
    text.push(if last == '!' { '?' } else { '!' });
    let err = AlignmentFile::from_json(&edited.to_json(), Path::new("e.json")).expect_err("bad");
    assert!(err.to_string().contains("does not match the text"), "{err}");
    let mut edited = file.clone();
    edited.beads.iter_mut().for_each(|b| b.fixed = false);
    assert!(AlignmentFile::from_json(&edited.to_json(), Path::new("e.json")).is_err());
}

/// The seed report with its text edited: a sentence inserted before paragraph 8, and
/// (in the second file) the fixed sentence p8.s3 changed.
fn edited_beck(change_fixed: bool) -> AlignmentFile {
    let mut file = beck();
    let at = file
        .source
        .sentences
        .iter()
        .position(|s| s.id.to_string() == "p8.s1")
        .expect("p8.s1");
    let mut inserted = file.source.sentences[at].clone();
    inserted.text = "Egy új mondat.".into();
    file.source.sentences.insert(at, inserted);
    if change_fixed {
        file.source.sentences[at + 3].text.push_str(" Más.");
    }
    // The byte ranges and checksum of the edited text, as the loader would record them.
    let mut offset = 0;
    for s in &mut file.source.sentences {
        s.start = offset;
        s.end = offset + s.text.len();
        offset = s.end + 1;
    }
    file.source.sentences_sha256 =
        Some(crate::alignment::sentences_checksum(&file.source.sentences));
    // Align the edited texts afresh, as `tandem align` would.
    let side = |rec: &crate::alignment::TextRecord| apply::side_of(rec).sentences.len();
    assert!(side(&file.source) > 0);
    let config = align_config(&file, Path::new("beck.json")).0;
    let a = crate::align::align(
        &apply::side_of(&file.source),
        &apply::side_of(&file.target),
        &config,
    );
    file.parameters = a.stats.clone();
    file.beads = a
        .beads
        .iter()
        .map(|b| crate::alignment::BeadRecord {
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
            kind: b.kind(),
            confidence: crate::alignment::round_confidence(b.confidence),
            fixed: false,
        })
        .collect();
    file
}

#[test]
fn fixes_follow_their_sentences_into_a_new_alignment_or_become_orphans() {
    let mut old = beck();
    let f = fixer(&old);
    apply(&f, &mut old, "p8.s3..p8.s4", "p8.s4", false).expect("fix 1");
    apply(&f, &mut old, "p10.s2..p10.s3", "p10.s2", false).expect("fix 2");
    // A sentence inserted elsewhere: both fixes move with their sentences.
    let mut new = edited_beck(false);
    let fx = fixer(&new);
    let carried = carry_over(&old, &mut new, &fx).expect("carries");
    assert_eq!(carried.placed, vec![1, 2]);
    assert!(carried.orphaned.is_empty());
    assert_eq!(new.beads.iter().filter(|b| b.fixed).count(), 2);
    assert!(new.history.is_empty(), "undo steps refer to the old beads");
    round_trip(&new);
    // A fixed sentence changed: that fix is kept as an orphan, named.
    let mut changed = edited_beck(true);
    let fx = fixer(&changed);
    let carried = carry_over(&old, &mut changed, &fx).expect("carries");
    assert_eq!(carried.placed, vec![2]);
    assert_eq!(carried.orphaned.len(), 1);
    let (id, at, why) = &carried.orphaned[0];
    assert_eq!(*id, 1);
    assert_eq!(at, "p8.s3–s4 ↔ p8.s4");
    assert!(
        why.contains("source p8.s3") && why.contains("changed"),
        "{why}"
    );
    assert_eq!(changed.fixes.len(), 2, "never dropped");
    round_trip(&changed);
    // The text changed back: the orphan is placed again.
    let mut back = edited_beck(false);
    let fx = fixer(&back);
    let carried = carry_over(&changed, &mut back, &fx).expect("carries");
    assert_eq!(carried.placed, vec![1, 2]);
    round_trip(&back);
}

#[test]
fn sidecar_fixes_are_added_once() {
    let sidecar = vec![
        SidecarFix {
            src: "p8.s3..p8.s4".into(),
            tgt: "p8.s4".into(),
            note: Some("header".into()),
        },
        SidecarFix {
            src: "p99.s1".into(),
            tgt: "p8.s4".into(),
            note: None,
        },
    ];
    let mut file = beck();
    let f = fixer(&file);
    let report = apply_sidecar(&mut file, &sidecar, "beck.toml", &f, T).expect("applies");
    assert_eq!(report.placed, vec![1]);
    assert_eq!(report.skipped.len(), 1);
    assert!(
        report.skipped[0].contains("no sentence p99.s1"),
        "{:?}",
        report.skipped
    );
    assert_eq!(file.fixes[0].origin.as_deref(), Some("beck.toml"));
    let again = apply_sidecar(&mut file, &sidecar, "beck.toml", &f, T).expect("again");
    assert!(again.placed.is_empty() && file.fixes.len() == 1);
    round_trip(&file);
}

proptest! {
    #![proptest_config(cases(24))]

    /// Random fixes (any size, either side empty) on the bundled report: the file
    /// stays valid, every placed fix is a fixed bead, conflicts are refused without
    /// changing anything, and undoing every step gives back the original beads.
    #[test]
    fn fuzz_random_fixes_keep_the_file_valid(
        picks in proptest::collection::vec((0usize..25, 0usize..4, 0usize..24, 0usize..4, any::<bool>()), 1..6)
    ) {
        let original = beck();
        let mut file = original.clone();
        let f = fixer(&file);
        let (n, m) = (file.source.sentences.len(), file.target.sentences.len());
        for (s, sl, t, tl, replace) in picks {
            let src = s.min(n)..(s + sl).min(n);
            let tgt = t.min(m)..(t + tl).min(m);
            let before = file.clone();
            match f.apply(&mut file, &[Fix { src, tgt, note: None }], replace, T) {
                Ok(_) => {
                    prop_assert!(file.validate().is_ok(), "{:?}", file.validate());
                }
                Err(_) => prop_assert_eq!(&file, &before),
            }
        }
        for fx in file.fixes.iter() {
            prop_assert!(file.beads.iter().any(|b| b.fixed && b.src == fx.src && b.tgt == fx.tgt));
        }
        while !file.history.is_empty() {
            prop_assert!(undo(&mut file).is_ok());
        }
        prop_assert_eq!(file.beads, original.beads);
    }
}
