//! vecalign's bead format: one bead per line, `[0, 1]:[2]`, `[]` for an empty side.

use std::path::Path;

use super::{IndexBeads, MAX_SENTENCES};
use crate::error::DataFileError;

/// Write beads, one per line.
pub fn write(beads: &IndexBeads) -> String {
    let list = |ids: &[usize]| {
        ids.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    for (s, t) in beads {
        out.push_str(&format!("[{}]:[{}]\n", list(s), list(t)));
    }
    out
}

/// Whether a line is a vecalign bead.
pub fn is_bead_line(line: &str) -> bool {
    parse_line(line).is_some()
}

fn parse_ids(s: &str) -> Option<Vec<usize>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',').map(|x| x.trim().parse().ok()).collect()
}

fn parse_line(line: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let line = line.trim();
    let rest = line.strip_prefix('[')?;
    let (src, rest) = rest.split_once(']')?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (tgt, rest) = rest.split_once(']')?;
    let rest = rest.trim();
    if !(rest.is_empty() || rest.starts_with(':')) {
        return None;
    }
    Some((parse_ids(src)?, parse_ids(tgt)?))
}

/// Parse beads (blank lines skipped; a third `:field`, e.g. a cost, is ignored).
pub fn parse(text: &str, path: &Path) -> Result<IndexBeads, DataFileError> {
    let mut beads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |reason: String| DataFileError {
            path: path.to_path_buf(),
            line: n + 1,
            reason,
        };
        let bead = parse_line(line).ok_or_else(|| {
            err(format!(
                "not a vecalign bead line (expected '[0, 1]:[2]'): {line:?}"
            ))
        })?;
        if let Some(x) = bead.0.iter().chain(&bead.1).find(|&&x| x >= MAX_SENTENCES) {
            return Err(err(format!(
                "sentence index {x} is too large (at most {}); check the file",
                MAX_SENTENCES - 1
            )));
        }
        beads.push(bead);
    }
    Ok(beads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let beads: IndexBeads = vec![(vec![0, 1], vec![0]), (vec![2], vec![]), (vec![], vec![1])];
        let text = write(&beads);
        assert_eq!(text, "[0, 1]:[0]\n[2]:[]\n[]:[1]\n");
        assert_eq!(parse(&text, Path::new("x")).expect("parses"), beads);
    }

    #[test]
    fn cost_field_is_ignored_and_errors_name_the_line() {
        assert_eq!(
            parse("[3]:[]:0.25\n", Path::new("x")).expect("ok"),
            vec![(vec![3], vec![])]
        );
        let err = parse("[0]:[0]\n0 0\n", Path::new("g.txt")).expect_err("bad");
        assert!(err.to_string().starts_with("g.txt:2:"), "{err}");
    }

    /// Found in review, reproduced by `fuzz_eval_readers_never_panic`: `[18446744073709551615]:[]`
    /// parsed, and
    /// `eval` then overflowed computing the document size (a panic), or with a large
    /// index like `[99999999]` built index lists of that length (gigabytes).
    #[test]
    fn r_huge_indices_are_refused() {
        let err =
            parse("[0]:[0]\n[18446744073709551615]:[0]\n", Path::new("g.txt")).expect_err("huge");
        assert!(
            err.to_string()
                .starts_with("g.txt:2: sentence index 18446744073709551615 is too large"),
            "{err}"
        );
        assert!(parse("[0]:[99999999]\n", Path::new("g.txt")).is_err());
        assert!(parse("[9999999]:[0]\n", Path::new("g.txt")).is_ok());
    }
}
