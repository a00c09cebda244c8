//! Sentence-splitting quality on hand-segmented text: a regression guard.
//!
//! Runs the splitter on `../shared/data/seg/steinbeck.{hu,en}.txt` (development data kept
//! outside the repository, see its README) and scores the result against the gold
//! `*.sen` files with intra-paragraph boundary F1, computed exactly as
//! `../shared/tools/segscore.py` does. When the data directory is absent (a user's
//! machine, CI without the data) the test prints a note and passes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tandem::document::{collapse_whitespace, Document};
use tandem::lang::Lang;
use tandem::load::{load_file, LoadOptions};
use tandem::segment::Splitter;
use unicode_normalization::UnicodeNormalization;

/// Floors just under the F1 reached when the rules were written (hu .9979, en .9912).
const FLOORS: [(&str, f64); 2] = [("hu", 0.995), ("en", 0.990)];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seg")
}

/// Python's `str.isspace`: Unicode White_Space plus the information separators
/// U+001C..U+001F.
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `norm` of segscore.py: NFC, fold õ/û lookalikes, drop all whitespace.
fn norm(s: &str) -> Vec<char> {
    s.nfc()
        .map(|c| match c {
            'õ' => 'ő',
            'û' => 'ű',
            'Õ' => 'Ő',
            'Û' => 'Ű',
            c => c,
        })
        .filter(|&c| !py_isspace(c))
        .collect()
}

/// `read` of segscore.py: normalised sentences, and (for gold) the stream offsets of
/// paragraph ends. Offsets count characters, as Python's `len` does.
struct Read {
    sents: Vec<Vec<char>>,
    para_ends: HashSet<usize>,
}

fn read(text: &str, gold: bool) -> Read {
    // Python reads in universal-newline mode.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut sents = Vec::new();
    let mut para_ends = HashSet::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let stripped = line.trim_matches(py_isspace);
        if stripped == "<p>" || stripped.is_empty() {
            if gold && !sents.is_empty() {
                para_ends.insert(pos);
            }
            continue;
        }
        let n = norm(line);
        if n.is_empty() {
            continue;
        }
        pos += n.len();
        sents.push(n);
    }
    Read { sents, para_ends }
}

/// `bounds` of segscore.py: the offset after every sentence but the last.
fn bounds(sents: &[Vec<char>]) -> HashSet<usize> {
    let mut out = HashSet::new();
    let mut pos = 0;
    for s in sents.iter().take(sents.len().saturating_sub(1)) {
        pos += s.len();
        out.insert(pos);
    }
    out
}

/// `prf` of segscore.py: precision, recall, F1.
fn prf(pred: &HashSet<usize>, gold: &HashSet<usize>) -> (f64, f64, f64) {
    let tp = pred.intersection(gold).count() as f64;
    let p = if pred.is_empty() {
        1.0
    } else {
        tp / pred.len() as f64
    };
    let r = if gold.is_empty() {
        1.0
    } else {
        tp / gold.len() as f64
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Intra-paragraph (P, R, F1) of `predicted` (one sentence per line, `<p>` between
/// paragraphs) against `gold`; `Err` when the texts differ, as segscore.py's FAIL.
fn score(gold: &str, predicted: &str) -> Result<(f64, f64, f64), String> {
    let g = read(gold, true);
    let p = read(predicted, false);
    let gs: Vec<char> = g.sents.concat();
    let ps: Vec<char> = p.sents.concat();
    if gs != ps {
        let k = gs
            .iter()
            .zip(&ps)
            .position(|(a, b)| a != b)
            .unwrap_or(gs.len().min(ps.len()));
        let around = |v: &[char]| -> String {
            v[k.saturating_sub(30)..(k + 30).min(v.len())]
                .iter()
                .collect()
        };
        return Err(format!(
            "text differs at char {k}: gold …{}… vs predicted …{}…",
            around(&gs),
            around(&ps)
        ));
    }
    let gb: HashSet<usize> = bounds(&g.sents).difference(&g.para_ends).copied().collect();
    let pb: HashSet<usize> = bounds(&p.sents).difference(&g.para_ends).copied().collect();
    Ok(prf(&pb, &gb))
}

/// The splitter's output in the format segscore.py reads.
fn split_file(path: &Path, lang: Lang) -> String {
    let loaded = load_file(path, &LoadOptions::default()).expect("development text loads");
    let splitter = Splitter::new(&lang);
    let doc = Document::new(path, lang, loaded, Some(&splitter));
    let mut out = String::new();
    let mut last_para = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        let para = s.locator.paragraph();
        if last_para.is_some_and(|p| p != para) {
            out.push_str("<p>\n");
        }
        last_para = Some(para);
        out.push_str(&collapse_whitespace(doc.sentence_text(i)));
        out.push('\n');
    }
    out
}

#[test]
fn sentence_splitting_f1_stays_above_the_floor() {
    let dir = data_dir();
    if !dir.is_dir() {
        eprintln!(
            "note: {} not found; skipping the sentence-splitting quality check",
            dir.display()
        );
        return;
    }
    let mut failures = Vec::new();
    for (code, floor) in FLOORS {
        let lang: Lang = code.parse().expect("known language");
        let text = dir.join(format!("steinbeck.{code}.txt"));
        let gold = std::fs::read_to_string(dir.join(format!("steinbeck.{code}.sen")))
            .expect("gold sentences readable");
        let predicted = split_file(&text, lang);
        match score(&gold, &predicted) {
            Ok((p, r, f)) => {
                eprintln!("{code}: intra-paragraph P={p:.4} R={r:.4} F1={f:.4} (floor {floor})");
                if f < floor {
                    failures.push(format!("{code}: F1 {f:.4} < floor {floor}"));
                }
            }
            Err(e) => failures.push(format!("{code}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("; "));
}

#[test]
fn scorer_matches_segscore_on_a_small_case() {
    // Gold: two paragraphs, boundaries inside the first one after "A." and "B.".
    let gold = "A.\nB.\nC.\n<p>\nD. E.\n";
    // Predicted: misses "A.|B.", finds "B.|C.", adds a false "D.|E.".
    let predicted = "A. B.\nC.\nD.\nE.\n";
    let (p, r, f) = score(gold, predicted).expect("same text");
    assert_eq!((p, r), (0.5, 0.5));
    assert!((f - 0.5).abs() < 1e-12);
    assert!(score(gold, "A. B. C. D.\n").is_err());
    // Whitespace and õ/û lookalikes do not count as differences.
    assert!(score("Ő ű.\n", "Õ\tû.\n").is_ok());
}
