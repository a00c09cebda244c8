//! CSV beads (RFC 4180, via the `csv` crate): the same columns as [`super::tsv`]
//! (`source_ids, target_ids, type, confidence, source, target`), with quoting instead
//! of whitespace collapsing, so texts keep their line breaks. Re-imports to beads.
//!
//! **Formula guard.** Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or
//! `@` as a formula (`=HYPERLINK(…)` in a text becomes a live link), and a leading tab
//! or carriage return can hide one. With [`Guard::Spreadsheet`] (the default of
//! `tandem export --format csv`) such a text cell gets a leading apostrophe, `'`, the
//! spreadsheets' own mark for "this is text" (OWASP's advice for CSV injection): a
//! Hungarian dialogue line `- Ez a csend` is written `'- Ez a csend`. Excel hides the
//! apostrophe; LibreOffice shows it. The number of guarded cells is reported
//! ([`super::Notes::guarded_cells`]), never silent. [`Guard::Exact`] writes texts as
//! they are, for programs. The xlsx export needs no guard: it writes text cells.

use std::path::Path;

use super::{locators, sentence_ids, Exported, IndexBeads, Notes};
use crate::alignment::AlignmentFile;
use crate::error::DataFileError;

/// The header row.
pub const HEADER: [&str; 6] = [
    "source_ids",
    "target_ids",
    "type",
    "confidence",
    "source",
    "target",
];

/// How text cells that a spreadsheet would run as formulas are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Guard {
    /// Prefix them with `'` (for spreadsheets).
    #[default]
    Spreadsheet,
    /// Write them as they are (for programs).
    Exact,
}

/// Whether a spreadsheet would take a cell starting like `s` for a formula.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether `s` is a formula start behind any number of apostrophes: the cells
/// [`guarded`] marks. Looking behind all of them, not one, keeps [`unguarded`] the
/// exact inverse for texts that themselves start with apostrophes (`''-`).
fn formula_behind_apostrophes(s: &str) -> bool {
    looks_like_formula(s.trim_start_matches('\''))
}

/// A text cell under `guard`; counts the cells it changed. A text that already starts
/// with apostrophes and then a formula start is guarded too, so [`unguarded`] is its
/// exact inverse.
pub fn guarded(s: String, guard: Guard, count: &mut usize) -> String {
    if guard == Guard::Spreadsheet && formula_behind_apostrophes(&s) {
        *count += 1;
        format!("'{s}")
    } else {
        s
    }
}

/// The text of a cell written by [`guarded`] with [`Guard::Spreadsheet`], without the
/// guard's apostrophe.
pub fn unguarded(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_behind_apostrophes(rest) => rest,
        _ => s,
    }
}

/// Write the alignment as CSV.
pub fn write(file: &AlignmentFile, guard: Guard) -> std::io::Result<Exported> {
    let mut notes = Notes::default();
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for b in &file.beads {
        let source = crate::review::side_text(&file.source, &b.src);
        let target = crate::review::side_text(&file.target, &b.tgt);
        w.write_record([
            locators(&b.src, &file.source),
            locators(&b.tgt, &file.target),
            b.kind.clone(),
            format!("{:.4}", b.confidence),
            guarded(source, guard, &mut notes.guarded_cells),
            guarded(target, guard, &mut notes.guarded_cells),
        ])?;
        notes.units += 1;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(Exported { bytes, notes })
}

/// Read beads back from CSV written by [`write()`], resolving locators against `file`.
pub fn parse(text: &str, path: &Path, file: &AlignmentFile) -> Result<IndexBeads, DataFileError> {
    let mut r = ::csv::Reader::from_reader(text.as_bytes());
    let mut beads = Vec::new();
    for (n, row) in r.records().enumerate() {
        let err = |reason: String| DataFileError {
            path: path.to_path_buf(),
            line: n + 2,
            reason,
        };
        let row = row.map_err(|e| err(e.to_string()))?;
        let (Some(s), Some(t)) = (row.get(0), row.get(1)) else {
            return Err(err("expected source_ids and target_ids columns".into()));
        };
        beads.push((
            sentence_ids(s, &file.source).map_err(err)?,
            sentence_ids(t, &file.target).map_err(err)?,
        ));
    }
    Ok(beads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::index_beads;
    use crate::review::testutil::file;

    fn csv(f: &AlignmentFile, guard: Guard) -> (String, Notes) {
        let out = write(f, guard).expect("writes");
        (String::from_utf8(out.bytes).expect("UTF-8"), out.notes)
    }

    #[test]
    fn quotes_commas_and_round_trips() {
        let f = file(&[
            ("Igen, \"persze\".", "Yes, \"of course\"."),
            ("Kimaradt.", ""),
            ("", "Added, with a comma."),
        ]);
        let (text, notes) = csv(&f, Guard::Spreadsheet);
        assert_eq!(notes.guarded_cells, 0);
        assert!(text.starts_with("source_ids,target_ids,type,confidence,source,target\n"));
        assert!(text.contains("\"Igen, \"\"persze\"\".\""), "{text}");
        assert_eq!(
            parse(&text, Path::new("x.csv"), &f).expect("parses"),
            index_beads(&f)
        );
    }

    /// Issue 17: `=HYPERLINK(…)` in a text came alive in a spreadsheet; Hungarian
    /// dialogue lines start with `- `.
    #[test]
    fn r17_formula_cells_are_guarded_and_counted() {
        let f = file(&[
            ("- Ez a csend!", "=HYPERLINK(\"http://x\",\"click\")"),
            ("+36 1 234", "@home"),
            ("'- idézet", "Plain."),
        ]);
        let (text, notes) = csv(&f, Guard::Spreadsheet);
        assert_eq!(notes.guarded_cells, 5);
        let rows: Vec<Vec<String>> = ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect();
        assert_eq!(rows[0][4], "'- Ez a csend!");
        assert_eq!(rows[0][5], "'=HYPERLINK(\"http://x\",\"click\")");
        assert_eq!(rows[1][4], "'+36 1 234");
        assert_eq!(unguarded(&rows[0][4]), "- Ez a csend!");
        assert_eq!(rows[2][4], "''- idézet");
        assert_eq!(unguarded(&rows[2][4]), "'- idézet");
        assert_eq!(unguarded("'plain"), "'plain");
        // Texts that start with apostrophes themselves come back exactly.
        for text in ["''-", "'''=x", "'", "''", "-'", "'a-"] {
            let cell = guarded(text.to_string(), Guard::Spreadsheet, &mut 0);
            assert_eq!(unguarded(&cell), text, "{cell}");
        }
        let (exact, notes) = csv(&f, Guard::Exact);
        assert_eq!(notes.guarded_cells, 0);
        assert!(exact.contains(",- Ez a csend!,"), "{exact}");
    }
}
