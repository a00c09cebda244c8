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
