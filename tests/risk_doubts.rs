//! The measurement behind the review order's doubts (`tandem::risk::doubt`): on a gold
//! set other than the novel of the review simulation (by default
//! `../shared/data/gold/defr.dev`, German–French), how often a bead with each signal is
//! wrong among the beads of confidence ≥ 0.9. A documented command, not a check (it
//! prints a table; docs/fixing.md):
//!
//! ```sh
//! TANDEM_DOUBTS=defr.dev cargo test --release --test tests doubts -- --nocapture
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::AlignmentFile;
use tandem::lang::Lang;
use tandem::review::{check, CheckConfig};
use tandem::risk::{self, Signal};

use crate::common::{presplit_document, shared_data};

/// Beads below this confidence are left out: the doubt is what a signal adds to a bead
/// the aligner is sure of.
const CONFIDENT: f64 = 0.9;

fn lang(code: &str) -> Lang {
    match code {
        "hu" => Lang::Hu,
        "en" => Lang::En,
        other => Lang::Other(other.into()),
    }
}

#[test]
fn doubts_of_the_review_order_signals() {
    let Ok(set) = std::env::var("TANDEM_DOUBTS") else {
        eprintln!("the doubts' measurement runs with TANDEM_DOUBTS=defr.dev (docs/fixing.md)");
        return;
    };
    let Some(data) = shared_data() else {
        eprintln!("skipped the doubts' measurement: ../shared/data not found");
        return;
    };
    let (sl, tl) = match set.as_str() {
        s if s.starts_with("defr") => ("de", "fr"),
        _ => ("hu", "en"),
    };
    let dir = data.join("gold").join(&set);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("gold set file");
    let gold_path = dir.join("gold.txt");
    let gold = crate::common::gold_beads(&gold_path);
    let gold: HashSet<(Vec<usize>, Vec<usize>)> = gold.into_iter().collect();
    let (src, tgt) = (
        presplit_document(&read("src.txt"), lang(sl)),
        presplit_document(&read("tgt.txt"), lang(tl)),
    );
    let config = AlignConfig::for_languages(&lang(sl), &lang(tl));
    let alignment = align_documents(&src, &tgt, &config);
    let file = AlignmentFile::new("doubts", &src, &tgt, &alignment, Path::new("doubts.json"));
    let report = check(&file, &CheckConfig::default());
    let signals = risk::signals(&file, &report);
    let wrong = |k: usize| {
        let b = &file.beads[k];
        !gold.contains(&(b.src.clone(), b.tgt.clone()))
    };
    let confident: Vec<usize> = (0..file.beads.len())
        .filter(|&k| file.beads[k].confidence >= CONFIDENT)
        .collect();
    let base = confident.iter().filter(|&&k| wrong(k)).count();
    let mut table: BTreeMap<Signal, (usize, usize)> = BTreeMap::new();
    for &k in &confident {
        for s in &signals[k] {
            let e = table.entry(*s).or_default();
            e.0 += 1;
            e.1 += usize::from(wrong(k));
        }
    }
    let bare = confident
        .iter()
        .filter(|&&k| signals[k].is_empty())
        .collect::<Vec<_>>();
    eprintln!(
        "{set}: {} beads, {} wrong; {} of confidence >= {CONFIDENT}, {base} wrong ({:.3}); without any signal {} wrong of {}; error level {:.4}",
        file.beads.len(),
        (0..file.beads.len()).filter(|&k| wrong(k)).count(),
        confident.len(),
        base as f64 / confident.len().max(1) as f64,
        bare.iter().filter(|&&&k| wrong(k)).count(),
        bare.len(),
        risk::error_level(&file),
    );
    eprintln!(
        "{:<16} {:>6} {:>6} {:>7} {:>8}",
        "signal", "beads", "wrong", "share", "doubt()"
    );
    for (s, (n, w)) in &table {
        eprintln!(
            "{:<16} {n:>6} {w:>6} {:>7.3} {:>8.2}",
            s.as_str(),
            *w as f64 / *n as f64,
            risk::doubt(*s)
        );
    }
}
