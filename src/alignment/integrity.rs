//! What is read is what tandem wrote: the checks an alignment file passes before any
//! command uses it (document id, beads covering both texts in order, types agreeing with
//! their counts, sentences fitting their byte ranges and their checksum, fixes agreeing
//! with the beads). A hand-edited or truncated file is refused with one line that says
//! what is wrong; see `docs/alignment-format.md`.

use super::{AlignmentFile, SentenceRecord};

/// `sha256:<hex>` of a text's sentences: each sentence's locator, byte range and text,
/// length-prefixed so that no two different lists hash alike.
pub fn sentences_checksum(sentences: &[SentenceRecord]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for s in sentences {
        hasher.update(format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}",
            s.id,
            s.start,
            s.end,
            s.text.len()
        ));
        hasher.update(s.text.as_bytes());
        hasher.update([0x1e]);
    }
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in hasher.finalize() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

impl AlignmentFile {
    /// What was read is what tandem wrote: the document id is a valid id; beads are in
    /// order, within bounds, cover every sentence exactly once, and each bead's type
    /// agrees with its sentence counts; each sentence's text fits its byte range, the
    /// ranges are in order, and the sentences match their checksum; fixes agree with the
    /// beads.
    pub(crate) fn validate(&self) -> Result<(), String> {
        crate::corpus::check_doc_id(&self.id)
            .map_err(|e| format!("document id '{}': {e}", self.id.escape_debug()))?;
        let (n, m) = (self.source.sentences.len(), self.target.sentences.len());
        let (mut i, mut j) = (0usize, 0usize);
        for (k, b) in self.beads.iter().enumerate() {
            if b.src.is_empty() && b.tgt.is_empty() {
                return Err(format!("bead {k} is empty"));
            }
            for (side, ids, next, len) in
                [("source", &b.src, &mut i, n), ("target", &b.tgt, &mut j, m)]
            {
                for &x in ids {
                    if x >= len {
                        return Err(format!(
                            "bead {k} points past the {side} text (sentence {x} of {len})"
                        ));
                    }
                    if x != *next {
                        return Err(format!(
                            "bead {k} is out of order or skips {side} sentence {next}"
                        ));
                    }
                    *next += 1;
                }
            }
            let counts = format!("{}-{}", b.src.len(), b.tgt.len());
            if b.kind != counts {
                return Err(format!(
                    "bead {k} has type '{}' but {} source and {} target sentence(s)",
                    b.kind.escape_debug(),
                    b.src.len(),
                    b.tgt.len()
                ));
            }
            if !(0.0..=1.0).contains(&b.confidence) {
                return Err(format!(
                    "bead {k} has confidence {} outside 0..1",
                    b.confidence
                ));
            }
        }
        if i != n || j != m {
            return Err(format!(
                "beads cover {i} of {n} source and {j} of {m} target sentences"
            ));
        }
        for (side, rec) in [("source", &self.source), ("target", &self.target)] {
            let mut previous_end = 0;
            for s in &rec.sentences {
                if s.start > s.end {
                    return Err(format!("{side} sentence {} has start after end", s.id));
                }
                if s.end - s.start != s.text.len() {
                    return Err(format!(
                        "{side} sentence {} has {} bytes of text for a range of {}: its text was edited",
                        s.id,
                        s.text.len(),
                        s.end - s.start
                    ));
                }
                if s.start < previous_end {
                    return Err(format!(
                        "{side} sentence {} starts before the previous one ends",
                        s.id
                    ));
                }
                previous_end = s.end;
            }
            if let Some(recorded) = &rec.sentences_sha256 {
                if *recorded != sentences_checksum(&rec.sentences) {
                    return Err(format!(
                        "the {side} sentences do not match their checksum: a sentence was edited by hand"
                    ));
                }
            }
        }
        crate::fix::validate(self)
    }
}
