//! CSV beads (RFC 4180, via the `csv` crate): the same columns as [`super::tsv`]
//! (`source_ids, target_ids, type, confidence, source, target`), with quoting instead
//! of whitespace collapsing, so texts keep their line breaks. Re-imports to beads.

use std::path::Path;

use super::{locators, sentence_ids, IndexBeads};
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

/// Write the alignment as CSV.
pub fn write(file: &AlignmentFile) -> std::io::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for b in &file.beads {
        w.write_record([
            locators(&b.src, &file.source),
            locators(&b.tgt, &file.target),
            b.kind.clone(),
            format!("{:.4}", b.confidence),
            crate::review::side_text(&file.source, &b.src),
            crate::review::side_text(&file.target, &b.tgt),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
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

    #[test]
    fn quotes_commas_and_round_trips() {
        let f = file(&[
            ("Igen, \"persze\".", "Yes, \"of course\"."),
            ("Kimaradt.", ""),
            ("", "Added, with a comma."),
        ]);
        let text = write(&f).expect("writes");
        assert!(text.starts_with("source_ids,target_ids,type,confidence,source,target\n"));
        assert!(text.contains("\"Igen, \"\"persze\"\".\""), "{text}");
        assert_eq!(
            parse(&text, Path::new("x.csv"), &f).expect("parses"),
            index_beads(&f)
        );
    }
}
