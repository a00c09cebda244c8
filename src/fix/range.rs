//! Sentence ranges as people write them: the locators `tandem show` prints.
//!
//! `p3.s2`, `p3.s2..p3.s4`, `p3.s2–s4` (as `show` prints a span), `p3.s2-p3.s4` (as
//! `diff` prints one), `p3` (a whole
//! paragraph), `p3..p4`, `l17`, `l17..l19`, and `none` for an empty side: read by
//! [`parse_range`], written back by [`span`] and [`describe`] for messages.

use std::ops::Range;

use crate::alignment::{AlignmentFile, TextRecord};
use crate::document::Locator;

/// One end of a range: a sentence, or a whole paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Sentence(Locator),
    Paragraph(u32),
}

fn parse_end(s: &str, paragraph_of_first: Option<u32>) -> Result<End, String> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix('s') {
        // `s4` after `p3.s2–`: the same paragraph.
        if let (Some(p), Ok(n)) = (paragraph_of_first, rest.parse::<u32>()) {
            if n > 0 {
                return Ok(End::Sentence(Locator::Para {
                    paragraph: p,
                    sentence: n,
                }));
            }
        }
    }
    if let Some(p) = s.strip_prefix('p').filter(|p| !p.contains('.')) {
        return p
            .parse::<u32>()
            .ok()
            .filter(|&p| p > 0)
            .map(End::Paragraph)
            .ok_or_else(|| {
                format!(
                    "'{}' is not a locator; write p3.s2, p3.s2..p3.s4, p3, l17 or none",
                    s.escape_debug()
                )
            });
    }
    s.parse::<Locator>().map(End::Sentence)
}

/// The sentence indices of `text` that `spec` names (empty for `none`).
pub fn parse_range(spec: &str, text: &TextRecord) -> Result<Range<usize>, String> {
    let spec = spec.trim();
    if spec.eq_ignore_ascii_case("none") || spec == "-" {
        return Ok(0..0);
    }
    let (a, b) = match spec
        .split_once("..")
        .or_else(|| spec.split_once('–'))
        .or_else(|| spec.split_once('—'))
        // `p7.s2-p7.s3`, as `tandem diff` prints a range.
        .or_else(|| spec.split_once('-'))
    {
        Some((a, b)) => (a, Some(b)),
        None => (spec, None),
    };
    let first = parse_end(a, None)?;
    let paragraph = match first {
        End::Sentence(l) => Some(l.paragraph()),
        End::Paragraph(p) => Some(p),
    };
    let last = match b {
        Some(b) => parse_end(b, paragraph)?,
        None => first,
    };
    let find = |end: End, last: bool| -> Result<usize, String> {
        let hit = |l: &Locator| match end {
            End::Sentence(x) => *l == x,
            End::Paragraph(p) => matches!(l, Locator::Para { paragraph, .. } if *paragraph == p),
        };
        let found = if last {
            text.sentences.iter().rposition(|s| hit(&s.id))
        } else {
            text.sentences.iter().position(|s| hit(&s.id))
        };
        found.ok_or_else(|| {
            let name = match end {
                End::Sentence(l) => l.to_string(),
                End::Paragraph(p) => format!("p{p}"),
            };
            // The recorded path is relative to the alignment file, not to where the
            // user stands: name the file only.
            let file = std::path::Path::new(&text.path)
                .file_name()
                .map_or_else(|| text.path.clone(), |f| f.to_string_lossy().into_owned());
            match (text.sentences.first(), text.sentences.last()) {
                (Some(f), Some(l)) => {
                    format!("no sentence {name} in {file} (it has {} … {})", f.id, l.id)
                }
                _ => format!("no sentence {name} in {file} (it has none)"),
            }
        })
    };
    let (i, j) = (find(first, false)?, find(last, true)?);
    if j < i {
        return Err(format!(
            "'{}' runs backwards; write the first sentence first",
            spec.escape_debug()
        ));
    }
    Ok(i..j + 1)
}

/// The locators of a fix, e.g. `p8.s2 ↔ p8.s2–s3` (for messages).
pub fn describe(file: &AlignmentFile, src: &[usize], tgt: &[usize]) -> String {
    format!("{} ↔ {}", span(&file.source, src), span(&file.target, tgt))
}

/// `p8.s2`, `p8.s2–s3`, `p8.s3–p9.s1`, or `none`.
pub fn span(rec: &TextRecord, ids: &[usize]) -> String {
    let loc = |i: &usize| rec.sentences.get(*i).map(|s| s.id);
    match (ids.first().and_then(loc), ids.last().and_then(loc)) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (
            Some(a @ Locator::Para { paragraph: p, .. }),
            Some(Locator::Para {
                paragraph: q,
                sentence,
            }),
        ) if p == q => format!("{a}–s{sentence}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "none".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alignment::SentenceRecord;
    use crate::lang::Lang;

    fn text(ids: &[&str]) -> TextRecord {
        TextRecord {
            path: "x.txt".into(),
            lang: Lang::Hu,
            sha256: String::new(),
            encoding: "utf-8".into(),
            segmentation: "rules".into(),
            format: "text".into(),
            layout: String::new(),
            furniture: Vec::new(),
            sentences_sha256: None,
            sentences: ids
                .iter()
                .map(|id| SentenceRecord {
                    id: id.parse().expect("locator"),
                    start: 0,
                    end: 0,
                    text: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn every_form_of_range() {
        let t = text(&["p1.s1", "p2.s1", "p2.s2", "p2.s3", "p3.s1"]);
        assert_eq!(parse_range("p2.s2", &t), Ok(2..3));
        assert_eq!(parse_range("p2.s1..p2.s3", &t), Ok(1..4));
        assert_eq!(parse_range("p2.s2–s3", &t), Ok(2..4));
        assert_eq!(parse_range("p2.s3–p3.s1", &t), Ok(3..5));
        assert_eq!(
            parse_range("p2.s3-p3.s1", &t),
            Ok(3..5),
            "as diff prints it"
        );
        assert_eq!(parse_range("p2", &t), Ok(1..4));
        assert_eq!(parse_range("p1..p2", &t), Ok(0..4));
        assert_eq!(parse_range(" none ", &t), Ok(0..0));
        let l = text(&["l0", "l1", "l2"]);
        assert_eq!(parse_range("l1..l2", &l), Ok(1..3));
    }

    #[test]
    fn bad_ranges_say_what_is_wrong() {
        let t = text(&["p1.s1", "p2.s1"]);
        let e = parse_range("p9.s1", &t).expect_err("missing");
        assert!(
            e.contains("no sentence p9.s1") && e.contains("p1.s1 … p2.s1"),
            "{e}"
        );
        assert!(parse_range("p2.s1..p1.s1", &t)
            .expect_err("backwards")
            .contains("backwards"));
        assert!(parse_range("x7", &t)
            .expect_err("junk")
            .contains("not a locator"));
        assert!(parse_range("p0", &t).is_err());
    }
}
