//! Tab-separated beads: `source_ids  target_ids  type  confidence  source  target`, with a
//! header line. Locators of a side are separated by spaces; text has its whitespace
//! collapsed, so a bead is always one line.
//!
//! Quoting is that of Excel's tab dialect (Python's `csv.excel_tab`, pandas'
//! `read_csv(sep="\t")`, LibreOffice's text import with `"` as string delimiter): a
//! field that contains `"` is put in double quotes with each `"` doubled
//! (`"„Igen"" – mondta."`); no other field is quoted. An English field that starts with
//! a quote (dialogue) used to be unquoted, and those readers then took the rest of the
//! file as one field. Tools that split on tabs alone (`cut`, `awk -F'\t'`) see the
//! quotes of those fields. Cost: linear.

use std::path::Path;

use super::{locators, sentence_ids, IndexBeads};
use crate::alignment::AlignmentFile;
use crate::document::collapse_whitespace;
use crate::error::DataFileError;
use crate::review::side_text;

/// The header line.
pub const HEADER: &str = "source_ids\ttarget_ids\ttype\tconfidence\tsource\ttarget";

/// Write the alignment as TSV.
pub fn write(file: &AlignmentFile) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let mut rows = vec![HEADER.split('\t').map(str::to_string).collect::<Vec<_>>()];
    for b in &file.beads {
        rows.push(vec![
            locators(&b.src, &file.source),
            locators(&b.tgt, &file.target),
            b.kind.clone(),
            format!("{:.4}", b.confidence),
            collapse_whitespace(&side_text(&file.source, &b.src)),
            collapse_whitespace(&side_text(&file.target, &b.tgt)),
        ]);
    }
    for row in rows {
        // Writing into a Vec cannot fail.
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Read beads back from TSV written by [`write()`], resolving locators against `file`.
pub fn parse(text: &str, path: &Path, file: &AlignmentFile) -> Result<IndexBeads, DataFileError> {
    let mut r = ::csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut beads = Vec::new();
    for (n, row) in r.records().enumerate() {
        let err = |line: usize, reason: String| DataFileError {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let row = row.map_err(|e| {
            let line = e.position().map_or(n + 1, |p| p.line() as usize);
            err(line, e.to_string())
        })?;
        let line = row.position().map_or(n + 1, |p| p.line() as usize);
        if (n == 0 && row.iter().eq(HEADER.split('\t'))) || row.iter().all(|f| f.trim().is_empty())
        {
            continue;
        }
        let (Some(s), Some(t)) = (row.get(0), row.get(1)) else {
            return Err(err(line, "expected source_ids<TAB>target_ids<TAB>…".into()));
        };
        beads.push((
            sentence_ids(s, &file.source).map_err(|e| err(line, e))?,
            sentence_ids(t, &file.target).map_err(|e| err(line, e))?,
        ));
    }
    Ok(beads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::index_beads;
    use crate::review::testutil::file;

    #[test]
    fn round_trips_to_the_same_beads() {
        let f = file(&[("Egy.", "One."), ("Kettő.", ""), ("", "Three.")]);
        let text = write(&f);
        let beads = parse(&text, std::path::Path::new("x.tsv"), &f).expect("parses");
        assert_eq!(beads, index_beads(&f));
        let bad = text.replace("p2.s1\t\t1-0", "p9.s1\t\t1-0");
        let err = parse(&bad, std::path::Path::new("x.tsv"), &f).expect_err("bad locator");
        assert!(
            err.to_string().starts_with("x.tsv:3: locator p9.s1"),
            "{err}"
        );
    }

    /// Issue 17: an English field starting with `"` (dialogue) was written bare, and
    /// Python's csv, pandas and LibreOffice then read too few rows.
    #[test]
    fn r17_fields_with_quotes_are_quoted() {
        let f = file(&[("„Igen” – mondta.", "\"Yes,\" he said."), ("Nem.", "No.")]);
        let text = write(&f);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            "p1.s1\tp1.s1\t1-1\t0.9900\t„Igen” – mondta.\t\"\"\"Yes,\"\" he said.\""
        );
        assert_eq!(lines[2], "p2.s1\tp2.s1\t1-1\t0.9900\tNem.\tNo.");
        assert_eq!(
            parse(&text, Path::new("x.tsv"), &f).expect("parses"),
            index_beads(&f)
        );
    }
}
