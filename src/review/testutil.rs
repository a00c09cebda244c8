//! Build small alignment files for the checks' unit tests.

use super::*;
use crate::alignment::{BeadRecord, SentenceRecord, TextRecord, SCHEMA};
use crate::document::Locator;
use crate::lang::Lang;

/// A file of 1-1 (or given) beads over `pairs`; an empty string leaves a side empty.
pub(crate) fn file(pairs: &[(&str, &str)]) -> AlignmentFile {
    fn side(x: &str) -> Vec<&str> {
        if x.is_empty() {
            vec![]
        } else {
            vec![x]
        }
    }
    let groups: Vec<(Vec<&str>, Vec<&str>)> =
        pairs.iter().map(|&(s, t)| (side(s), side(t))).collect();
    file_of_beads(&groups)
}

/// A file whose beads hold the given sentences (several per side for merged beads).
pub(crate) fn file_of_beads(beads: &[(Vec<&str>, Vec<&str>)]) -> AlignmentFile {
    let mut src = Vec::new();
    let mut tgt = Vec::new();
    let mut records = Vec::new();
    let sentence = |n: usize, text: &str| SentenceRecord {
        id: Locator::Para {
            paragraph: n as u32 + 1,
            sentence: 1,
        },
        start: 0,
        end: text.len(),
        text: text.to_string(),
    };
    for (s, t) in beads {
        let mut b = BeadRecord {
            src: vec![],
            tgt: vec![],
            kind: String::new(),
            confidence: 0.99,
            fixed: false,
        };
        for text in s {
            b.src.push(src.len());
            src.push(sentence(src.len(), text));
        }
        for text in t {
            b.tgt.push(tgt.len());
            tgt.push(sentence(tgt.len(), text));
        }
        b.kind = format!("{}-{}", b.src.len(), b.tgt.len());
        records.push(b);
    }
    let rec = |lang, sentences| TextRecord {
        path: "x.txt".into(),
        lang,
        sha256: "sha256:00".into(),
        encoding: "utf-8".into(),
        segmentation: "rules".into(),
        format: "text".into(),
        layout: String::new(),
        furniture: Vec::new(),
        sentences,
        sentences_sha256: None,
    };
    AlignmentFile {
        schema: SCHEMA.into(),
        tool: "tandem test".into(),
        id: "t".into(),
        source: rec(Lang::Hu, src),
        target: rec(Lang::En, tgt),
        parameters: crate::testing::stats(),
        options: None,
        beads: records,
        fixes: vec![],
        history: vec![],
    }
}

/// Beads with findings of `kind` under the default thresholds.
pub(crate) fn kinds(file: &AlignmentFile, kind: FindingKind) -> Vec<usize> {
    check(file, &CheckConfig::default().only(&[kind]))
        .findings
        .iter()
        .map(|f| f.bead)
        .collect()
}

/// The findings of `kind`.
pub(crate) fn findings(file: &AlignmentFile, kind: FindingKind) -> Vec<Finding> {
    check(file, &CheckConfig::default().only(&[kind])).findings
}

/// Unrelated 1-1 filler pairs, so that lexical statistics have a document to work on.
pub(crate) fn filler(n: usize) -> Vec<(&'static str, &'static str)> {
    const PAIRS: [(&str, &str); 8] = [
        ("Az idő esős volt.", "The weather was rainy."),
        ("A vonat késett.", "The train was late."),
        (
            "A gyerekek iskolába mentek.",
            "The children went to school.",
        ),
        ("Anyám levest főzött.", "My mother cooked soup."),
        (
            "A kutya ugatott a kertben.",
            "The dog barked in the garden.",
        ),
        (
            "Sokáig vártunk a buszra.",
            "We waited a long time for the bus.",
        ),
        ("A levél tegnap érkezett.", "The letter arrived yesterday."),
        (
            "A könyv az asztalon maradt.",
            "The book stayed on the table.",
        ),
    ];
    (0..n).map(|i| PAIRS[i % PAIRS.len()]).collect()
}
