//! Revision diff of a 10,000-sentence document with 5% of its sentences edited (target:
//! under 1 s for pairing and word diffs).
//!
//! The text is read at bench time from `../shared/data/gold/steinbeck/tgt.txt` (one
//! sentence per line; development data that must not be copied into the repository)
//! when present, otherwise from the bundled UDHR English; its sentences are repeated with
//! a numbered variation up to 10,000. About one sentence in 20 (with a jitter) gets one known
//! edit, cycling through reword, split, merge, delete, insert, punctuation and
//! whitespace; the setup checks that the diff reports exactly those kinds before timing.
//! Run with `cargo bench --bench diff` (`TANDEM_BENCH_UDHR=1` forces the UDHR).

use std::collections::BTreeMap;
use std::path::Path;

use divan::Bencher;
use tandem::diff::{diff_sentences, DiffConfig, Kind};

fn main() {
    divan::main();
}

const SENTENCES: usize = 10_000;

/// Real sentences: the Steinbeck development text, or the bundled UDHR.
fn base_sentences() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data/gold/steinbeck/tgt.txt");
    // TANDEM_BENCH_UDHR=1 forces the bundled text (to check the fallback).
    let forced = std::env::var_os("TANDEM_BENCH_UDHR").is_some();
    let lines: Vec<String> = match std::fs::read_to_string(shared) {
        Ok(text) if !forced => text.lines().map(str::to_string).collect(),
        _ => {
            let text = std::fs::read_to_string(root.join("translations/udhr.en.txt"))
                .expect("bundled UDHR");
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(|l| l.split(". ").map(str::to_string).collect::<Vec<_>>())
                .collect()
        }
    };
    lines
        .into_iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| l.split(' ').count() >= 3)
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The old text, the new text and the kinds of the edits made.
fn input() -> (Vec<String>, Vec<String>, BTreeMap<Kind, usize>) {
    let base = base_sentences();
    let old: Vec<String> = (0..SENTENCES)
        .map(|i| {
            let s = &base[i % base.len()];
            match i / base.len() {
                0 => s.clone(),
                round => format!("{s} ({round})"),
            }
        })
        .collect();
    let mut new = Vec::with_capacity(SENTENCES + 200);
    let mut planned: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut seed: u64 = 0x5eed;
    let mut i = 0;
    let mut edit_no = 0;
    while i < old.len() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = i + (seed >> 33) as usize % 10;
        new.extend(old[i..at.min(old.len())].iter().cloned());
        if at + 1 >= old.len() {
            new.extend(old[at.min(old.len())..].iter().cloned());
            break;
        }
        let s = &old[at];
        let words: Vec<&str> = s.split(' ').collect();
        let kind = match edit_no % 7 {
            0 => {
                new.push(format!("{} indeed {}", words[0], words[1..].join(" ")));
                Kind::Edited
            }
            1 if words.len() >= 6 => {
                let h = words.len() / 2;
                new.push(format!("{}.", words[..h].join(" ")));
                new.push(capitalise(&words[h..].join(" ")));
                Kind::Split
            }
            2 => {
                let first = s.trim_end_matches(['.', '!', '?', '"']);
                new.push(format!("{first}; {}", old[at + 1]));
                Kind::Merged
            }
            3 => Kind::Deleted,
            4 => {
                new.push(s.clone());
                new.push(format!(
                    "Reviser's note {edit_no}: this passage was checked against the manuscript."
                ));
                Kind::Inserted
            }
            6 => {
                new.push(s.replacen(' ', "  ", 1));
                Kind::Whitespace
            }
            _ => {
                new.push(format!("{}, {}", words[0], words[1..].join(" ")));
                Kind::Punctuation
            }
        };
        *planned.entry(kind).or_default() += 1;
        edit_no += 1;
        i = if kind == Kind::Merged { at + 2 } else { at + 1 };
        // 15 unchanged sentences after each edit: one edit per ~20.5 sentences (~5%).
        new.extend(old[i..(i + 15).min(old.len())].iter().cloned());
        i = (i + 15).min(old.len());
    }
    (old, new, planned)
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn diff_10k_sentences_5_percent_edited(bencher: Bencher) {
    let (old, new, planned) = input();
    let o: Vec<&str> = old.iter().map(String::as_str).collect();
    let n: Vec<&str> = new.iter().map(String::as_str).collect();
    let mut config = DiffConfig::default();
    config.timeout(std::time::Duration::from_secs(10));
    // Correctness first: exactly the planned kinds, and no time-out.
    let d = diff_sentences(&o, &n, &config);
    let mut got: BTreeMap<Kind, usize> = BTreeMap::new();
    for c in &d.changes {
        *got.entry(c.kind).or_default() += 1;
    }
    assert_eq!(got, planned, "diff kinds differ from the edits made");
    assert!(!d.summary.timed_out);
    bencher.bench(|| diff_sentences(divan::black_box(&o), divan::black_box(&n), &config));
}
