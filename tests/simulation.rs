//! The review simulation of issue 14: a reviewer reads the beads of a fresh alignment
//! in review order (`tandem show --order risk`) and, for each wrong bead, confirms the
//! gold bead holding its first sentence (`tandem fix`), until the alignment equals the
//! gold. The issue's targets: the gold is reached exactly and no fix is refused or
//! undone, at most 0.7 fixes per bead wrong at the start, at most 10 beads read per
//! wrong bead. The CI part meets them; the whole novel meets the reads (8.2) but not
//! the fixes (0.74, see docs/fixing.md), and its floors sit just above what tandem
//! reaches, to catch a regression.
//!
//! On `../shared/data/gold/steinbeck` (skipped without it). By default the first
//! [`CI_BEADS`] gold beads (the CI budget, a debug build); the whole novel with
//! `TANDEM_SIMULATION=full` (run it in release, see docs/fixing.md):
//!
//! ```sh
//! TANDEM_SIMULATION=full cargo test --release --test tests simulation -- --nocapture
//! ```
//!
//! `TANDEM_SIMULATION_LOG=1` prints every fix: the bead read, the gold bead applied, the
//! wrong beads before and after, and the beads of the change still wrong;
//! `TANDEM_SIMULATION_LOG=2` also every bead the fix replaced and every bead that
//! replaced them (`!` before a bead not in the gold, `@` its confidence).
//! `TANDEM_SIMULATION_ORDER=text` or `=confidence` reads in text order or by confidence
//! alone instead (for comparison; the targets are not checked then).

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::AlignmentFile;
use tandem::document::Document;
use tandem::fix::{Fix, Fixer};
use tandem::lang::Lang;
use tandem::review::{check, CheckConfig};

use crate::common::shared_data;

/// Gold beads of the CI run (a prefix of the novel).
const CI_BEADS: usize = 1000;

type Key = (Vec<usize>, Vec<usize>);

fn presplit(lines: &[&str], lang: Lang) -> Document {
    crate::common::presplit_document(&(lines.join("\n") + "\n"), lang)
}

/// What the reviewer did.
#[derive(Debug)]
struct Figures {
    beads: usize,
    wrong_at_start: usize,
    fixes: usize,
    reads: usize,
    reached_gold: bool,
    fix_times: Vec<Duration>,
}

fn range(ids: &[usize]) -> std::ops::Range<usize> {
    match (ids.first(), ids.last()) {
        (Some(&a), Some(&z)) => a..z + 1,
        _ => 0..0,
    }
}

/// Simulate the reviewer on the first `limit` gold beads of a gold set (all with None).
fn simulate(set: &str, limit: Option<usize>) -> Option<Figures> {
    let dir = shared_data()?.join("gold").join(set);
    let src = std::fs::read_to_string(dir.join("src.txt")).expect("src.txt");
    let tgt = std::fs::read_to_string(dir.join("tgt.txt")).expect("tgt.txt");
    let gold_path = dir.join("gold.txt");
    let mut gold = crate::common::gold_beads(&gold_path);
    let (mut src, mut tgt): (Vec<&str>, Vec<&str>) = (src.lines().collect(), tgt.lines().collect());
    if let Some(limit) = limit.filter(|&l| l < gold.len()) {
        gold.truncate(limit);
        let end = |side: fn(&Key) -> &Vec<usize>| {
            gold.iter()
                .flat_map(|b| side(b).iter())
                .max()
                .map_or(0, |&i| i + 1)
        };
        src.truncate(end(|b| &b.0));
        tgt.truncate(end(|b| &b.1));
    }
    let gold: HashSet<Key> = gold.into_iter().collect();
    let (src, tgt) = (presplit(&src, Lang::Hu), presplit(&tgt, Lang::En));
    let config = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
    let alignment = align_documents(&src, &tgt, &config);
    let mut file = AlignmentFile::new("sim", &src, &tgt, &alignment, Path::new("sim.json"));
    let key = |b: &tandem::alignment::BeadRecord| (b.src.clone(), b.tgt.clone());
    let wrong_at_start = file
        .beads
        .iter()
        .filter(|b| !gold.contains(&key(b)))
        .count();
    let fixer = Fixer::new(&file, &config);
    let mut read: HashSet<Key> = HashSet::new();
    let (mut fixes, mut reads, mut fix_times) = (0, 0, Vec::new());
    // The review order of the current alignment; recomputed after every fix.
    let mode = std::env::var("TANDEM_SIMULATION_ORDER").unwrap_or_default();
    let order_of = |file: &AlignmentFile| -> Vec<usize> {
        match mode.as_str() {
            "text" => (0..file.beads.len()).collect(),
            "confidence" => {
                let mut k: Vec<usize> = (0..file.beads.len()).collect();
                k.sort_by(|&a, &b| {
                    let (x, y) = (&file.beads[a], &file.beads[b]);
                    x.fixed
                        .cmp(&y.fixed)
                        .then(x.confidence.total_cmp(&y.confidence))
                        .then(a.cmp(&b))
                });
                k
            }
            _ => {
                let report = check(file, &CheckConfig::default());
                tandem::risk::order(&tandem::risk::assess(file, &report))
            }
        }
    };
    let mut order = order_of(&file).into_iter();
    let reached_gold = loop {
        let now: HashSet<Key> = file.beads.iter().map(key).collect();
        if now == gold {
            break true;
        }
        let Some(k) = order
            .by_ref()
            .find(|&k| !read.contains(&key(&file.beads[k])))
        else {
            break false;
        };
        let bead = file.beads[k].clone();
        reads += 1;
        read.insert(key(&bead));
        if gold.contains(&key(&bead)) {
            continue;
        }
        let holds = |g: &&Key| match (bead.src.first(), bead.tgt.first()) {
            (Some(i), _) => g.0.contains(i),
            (None, Some(j)) => g.1.contains(j),
            (None, None) => false,
        };
        let g = gold
            .iter()
            .find(holds)
            .expect("a gold bead holds every sentence");
        let fix = Fix {
            src: range(&g.0),
            tgt: range(&g.1),
            note: None,
        };
        let wrong_before = file
            .beads
            .iter()
            .filter(|b| !gold.contains(&key(b)))
            .count();
        let started = Instant::now();
        let change = fixer
            .apply(&mut file, &[fix], false, "2026-01-01T00:00:00Z")
            .expect("a gold bead never conflicts with earlier gold beads: no fix is undone");
        fix_times.push(started.elapsed());
        if std::env::var("TANDEM_SIMULATION_LOG").is_ok() {
            let wrong_after = file
                .beads
                .iter()
                .filter(|b| !gold.contains(&key(b)))
                .count();
            let new_wrong = file.beads[change.at..change.at + change.count]
                .iter()
                .filter(|b| !gold.contains(&key(b)))
                .map(|b| format!("{:?}:{:?}", b.src, b.tgt))
                .collect::<Vec<_>>();
            let show = |b: &tandem::alignment::BeadRecord| {
                format!(
                    "{}{:?}:{:?}@{}",
                    if gold.contains(&key(b)) { "" } else { "!" },
                    b.src,
                    b.tgt,
                    b.confidence
                )
            };
            eprintln!(
                "fix {} at read {reads}: bead {:?}:{:?} {} conf {} -> gold {:?}:{:?}; wrong {wrong_before} -> {wrong_after}; changed {} -> {}; still wrong in change: {new_wrong:?}",
                fixes + 1, bead.src, bead.tgt, bead.kind, bead.confidence, g.0, g.1, change.before.len(), change.count
            );
            if std::env::var("TANDEM_SIMULATION_LOG").is_ok_and(|v| v == "2") {
                eprintln!(
                    "  before: {}\n  after:  {}",
                    change.before.iter().map(show).collect::<Vec<_>>().join(" "),
                    file.beads[change.at..change.at + change.count]
                        .iter()
                        .map(show)
                        .collect::<Vec<_>>()
                        .join(" ")
                );
            }
        }
        fixes += 1;
        order = order_of(&file).into_iter();
    };
    fix_times.sort();
    Some(Figures {
        beads: file.beads.len(),
        wrong_at_start,
        fixes,
        reads,
        reached_gold,
        fix_times,
    })
}

#[test]
fn a_reviewer_reaches_the_gold_with_few_fixes_and_reads() {
    let full = std::env::var("TANDEM_SIMULATION").is_ok_and(|v| v == "full");
    let limit = (!full).then_some(CI_BEADS);
    let Some(f) = simulate("steinbeck", limit) else {
        eprintln!("skipped the review simulation: ../shared/data/gold not found");
        return;
    };
    let per_wrong = |x: usize| x as f64 / f.wrong_at_start.max(1) as f64;
    let median = f
        .fix_times
        .get(f.fix_times.len() / 2)
        .copied()
        .unwrap_or_default();
    eprintln!(
        "review simulation on steinbeck ({}, {} order): {} beads, {} wrong at the start; {} fixes ({:.2} per wrong bead), {} beads read ({:.1} per wrong bead); gold reached: {}; Fixer::apply median {:.1} ms, max {:.1} ms",
        if full { "whole novel" } else { "first 1,000 gold beads" },
        std::env::var("TANDEM_SIMULATION_ORDER").unwrap_or_else(|_| "risk".into()),
        f.beads,
        f.wrong_at_start,
        f.fixes,
        per_wrong(f.fixes),
        f.reads,
        per_wrong(f.reads),
        f.reached_gold,
        median.as_secs_f64() * 1e3,
        f.fix_times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    assert!(f.reached_gold, "the reviewer did not reach the gold: {f:?}");
    if std::env::var("TANDEM_SIMULATION_ORDER").is_ok_and(|o| o != "risk") {
        return;
    }
    // The issue's targets on the CI part; on the whole novel, floors just above what
    // tandem reaches (0.74 fixes, which misses the target, and 8.2 reads).
    let (fixes, reads) = if full { (0.77, 9.0) } else { (0.7, 10.0) };
    assert!(
        per_wrong(f.fixes) <= fixes,
        "{} fixes per wrong bead",
        per_wrong(f.fixes)
    );
    assert!(
        per_wrong(f.reads) <= reads,
        "{} beads read per wrong bead",
        per_wrong(f.reads)
    );
}
