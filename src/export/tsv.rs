//! Tab-separated beads: `source_ids  target_ids  type  confidence  source  target`, with a
//! header line. Locators of a side are separated by spaces; text has its whitespace
//! collapsed, so a bead is always one line.

use crate::alignment::AlignmentFile;
use crate::document::collapse_whitespace;

/// The header line.
pub const HEADER: &str = "source_ids\ttarget_ids\ttype\tconfidence\tsource\ttarget";

/// Write the alignment as TSV.
pub fn write(file: &AlignmentFile) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for b in &file.beads {
        let ids = |ids: &[usize], rec: &crate::alignment::TextRecord| {
            ids.iter()
                .map(|&i| rec.sentences[i].id.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = |ids: &[usize], rec: &crate::alignment::TextRecord| {
            collapse_whitespace(
                &ids.iter()
                    .map(|&i| rec.sentences[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{:.4}\t{}\t{}\n",
            ids(&b.src, &file.source),
            ids(&b.tgt, &file.target),
            b.kind,
            b.confidence,
            text(&b.src, &file.source),
            text(&b.tgt, &file.target),
        ));
    }
    out
}

/// Read beads back from TSV written by [`write()`], resolving locators against `file`.
pub fn parse(
    text: &str,
    path: &std::path::Path,
    file: &AlignmentFile,
) -> Result<super::IndexBeads, crate::error::DataFileError> {
    let mut beads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if (n == 0 && line == HEADER) || line.trim().is_empty() {
            continue;
        }
        let err = |reason: String| crate::error::DataFileError {
            path: path.to_path_buf(),
            line: n + 1,
            reason,
        };
        let mut cols = line.split('\t');
        let (Some(s), Some(t)) = (cols.next(), cols.next()) else {
            return Err(err("expected source_ids<TAB>target_ids<TAB>…".into()));
        };
        beads.push((
            super::sentence_ids(s, &file.source).map_err(err)?,
            super::sentence_ids(t, &file.target).map_err(err)?,
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
}
