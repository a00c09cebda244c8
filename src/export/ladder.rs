//! hunalign's ladder format: one rung `i<TAB>j<TAB>score` per line. Rung `(i, j)` says
//! the first `i` source sentences correspond to the first `j` target sentences; two
//! consecutive rungs delimit a bead. tandem writes the start rung of every bead with the
//! bead's confidence, and the final rung `(n, m)` with the last bead's confidence:
//! hunalign gives every rung, the last too, three fields (`5448 5322 0.3`), and its
//! `ladder2text.py` and `-hand=` refuse a two-field rung. The reader also takes rungs
//! without a score (older tandem files, hand-made ladders).

use std::path::Path;

use super::{IndexBeads, MAX_SENTENCES};
use crate::error::DataFileError;

/// Write beads as rungs.
pub fn write(beads: &IndexBeads, confidences: &[f64]) -> String {
    let mut out = String::new();
    let (mut i, mut j) = (0usize, 0usize);
    let mut c = 0.0;
    for (k, (s, t)) in beads.iter().enumerate() {
        c = confidences.get(k).copied().unwrap_or(0.0);
        out.push_str(&format!("{i}\t{j}\t{c:.4}\n"));
        i += s.len();
        j += t.len();
    }
    out.push_str(&format!("{i}\t{j}\t{c:.4}\n"));
    out
}

/// Whether a line is a ladder rung.
pub fn is_rung_line(line: &str) -> bool {
    parse_rung(line).is_some()
}

fn parse_rung(line: &str) -> Option<(usize, usize)> {
    let mut parts = line.split_whitespace();
    let i = parts.next()?.parse().ok()?;
    let j = parts.next()?.parse().ok()?;
    match (parts.next(), parts.next()) {
        (None, None) => Some((i, j)),
        (Some(score), None) if score.parse::<f64>().is_ok() => Some((i, j)),
        _ => None,
    }
}

/// Parse rungs; they must be monotone.
pub fn parse_rungs(text: &str, path: &Path) -> Result<Vec<(usize, usize)>, DataFileError> {
    let mut rungs: Vec<(usize, usize)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |reason: String| DataFileError {
            path: path.to_path_buf(),
            line: n + 1,
            reason,
        };
        let rung = parse_rung(line).ok_or_else(|| {
            err(format!(
                "not a ladder rung (expected 'i j [score]'): {line:?}"
            ))
        })?;
        if rung.0 > MAX_SENTENCES || rung.1 > MAX_SENTENCES {
            return Err(err(format!(
                "rung ({}, {}) is beyond {MAX_SENTENCES} sentences; check the file",
                rung.0, rung.1
            )));
        }
        if let Some(&(a, b)) = rungs.last() {
            if rung.0 < a || rung.1 < b {
                return Err(err(format!(
                    "ladder is not monotone: rung ({}, {}) after ({a}, {b})",
                    rung.0, rung.1
                )));
            }
        }
        rungs.push(rung);
    }
    Ok(rungs)
}

/// Rungs to beads; adds the `(0, 0)` and `(n, m)` end rungs when missing (clamping
/// rungs beyond the document, as hunalign counts a phantom sentence after a final
/// newline).
pub fn to_beads(rungs: &[(usize, usize)], n: usize, m: usize) -> IndexBeads {
    let mut rungs: Vec<(usize, usize)> = rungs.iter().map(|&(i, j)| (i.min(n), j.min(m))).collect();
    if rungs.first() != Some(&(0, 0)) {
        rungs.insert(0, (0, 0));
    }
    if rungs.last() != Some(&(n, m)) {
        rungs.push((n, m));
    }
    rungs
        .windows(2)
        .filter(|w| w[0] != w[1])
        .map(|w| ((w[0].0..w[1].0).collect(), (w[0].1..w[1].1).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let beads: IndexBeads = vec![(vec![0, 1], vec![0]), (vec![2], vec![]), (vec![], vec![1])];
        let text = write(&beads, &[0.9, 0.5, 0.25]);
        assert_eq!(
            text,
            "0\t0\t0.9000\n2\t1\t0.5000\n3\t1\t0.2500\n3\t2\t0.2500\n"
        );
        let rungs = parse_rungs(&text, Path::new("x")).expect("parses");
        assert_eq!(to_beads(&rungs, 3, 2), beads);
    }

    /// Issue 17: hunalign's last rung has three fields; `ladder2text.py` asserts it.
    #[test]
    fn r17_every_rung_has_three_fields_and_two_field_rungs_still_read() {
        let beads: IndexBeads = vec![(vec![0], vec![0])];
        let text = write(&beads, &[1.0]);
        assert!(text.lines().all(|l| l.split('\t').count() == 3), "{text}");
        assert_eq!(write(&Vec::new(), &[]), "0\t0\t0.0000\n");
        let old = parse_rungs("0\t0\t0.9\n1\t1\n", Path::new("x")).expect("two fields");
        assert_eq!(to_beads(&old, 1, 1), beads);
    }

    #[test]
    fn non_monotone_rungs_are_refused() {
        let err = parse_rungs("0 0\n3 2\n2 3\n", Path::new("l.ladder")).expect_err("bad");
        assert!(
            err.to_string()
                .contains("l.ladder:3: ladder is not monotone"),
            "{err}"
        );
    }

    /// Found in review (also slows `fuzz_eval_readers_never_panic` to minutes when
    /// unfixed): a rung like `99999999 0` made `eval`
    /// build a bead of 10⁸ sentence indices (gigabytes of memory, minutes).
    #[test]
    fn r_huge_rungs_are_refused() {
        let err = parse_rungs("0 0\n99999999 0\n", Path::new("l.ladder")).expect_err("huge");
        assert!(
            err.to_string()
                .starts_with("l.ladder:2: rung (99999999, 0) is beyond"),
            "{err}"
        );
        assert!(parse_rungs("0 0\n10000000 1\n", Path::new("l")).is_ok());
    }

    #[test]
    fn missing_final_rung_is_added() {
        assert_eq!(
            to_beads(&[(0, 0), (1, 1)], 2, 2),
            vec![(vec![0], vec![0]), (vec![1], vec![1])]
        );
    }
}
