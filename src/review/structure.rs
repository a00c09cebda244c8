//! Structural findings read straight off the beads: omissions (1-0 and n-0 beads),
//! additions (0-1, 0-n) and low-confidence stretches.
//!
//! A single bead below the low threshold is common at paragraph edges and in headers
//! and is usually right, so only runs of [`CheckConfig::low_run`] low beads, or one bead
//! below [`CheckConfig::very_low_confidence`], are reported. Cost: linear in the beads.

use super::{BeadView, CheckConfig, Finding, FindingKind, Severity, Side};
use crate::alignment::AlignmentFile;
use crate::document::collapse_whitespace;

/// Text shown in a reason, shortened to `max` characters.
pub(crate) fn quote(text: &str, max: usize) -> String {
    let text = collapse_whitespace(text);
    if text.chars().count() <= max {
        format!("“{text}”")
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("“{}…”", cut.trim_end())
    }
}

/// Omission and addition findings.
pub fn unpaired(file: &AlignmentFile, views: &[BeadView<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in views {
        let (s, t) = (v.record.src.len(), v.record.tgt.len());
        if s > 0 && t == 0 {
            // A lone number or heading fragment left out is less serious than prose.
            let words = v.src.split_whitespace().count();
            let severity = if words >= 3 {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(v.finding(
                file,
                FindingKind::Omission,
                severity,
                format!(
                    "{s} original sentence(s) have no translation: {}",
                    quote(&v.src, 60)
                ),
            ));
        } else if s == 0 && t > 0 {
            out.push(v.finding(
                file,
                FindingKind::Addition,
                Severity::Warning,
                format!(
                    "{t} translated sentence(s) have no original: {}",
                    quote(&v.tgt, 60)
                ),
            ));
        }
    }
    out
}

/// Low-confidence stretches.
pub fn low_confidence(
    file: &AlignmentFile,
    views: &[BeadView<'_>],
    config: &CheckConfig,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < views.len() {
        if views[k].record.confidence >= config.low_confidence {
            k += 1;
            continue;
        }
        let start = k;
        while k < views.len() && views[k].record.confidence < config.low_confidence {
            k += 1;
        }
        let run = &views[start..k];
        let min = run
            .iter()
            .map(|v| v.record.confidence)
            .fold(f64::INFINITY, f64::min);
        if run.len() >= config.low_run.max(1) || min < config.very_low_confidence {
            let mut f = run[0].finding(
                file,
                FindingKind::LowConfidence,
                Severity::Warning,
                if run.len() == 1 {
                    format!("the aligner is unsure of this bead (confidence {min:.2})")
                } else {
                    format!(
                        "{} beads in a row below confidence {:.2} (lowest {min:.2}); the alignment may be off here",
                        run.len(),
                        config.low_confidence
                    )
                },
            );
            f.beads = run.len();
            if f.side == Side::Target && run.iter().any(|v| !v.record.src.is_empty()) {
                if let Some(v) = run.iter().find(|v| !v.record.src.is_empty()) {
                    f.locator = v.anchor(file).0;
                    f.side = Side::Source;
                }
            }
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, kinds};
    use super::super::{check, CheckConfig, FindingKind, Side};

    #[test]
    fn omissions_and_additions_point_at_their_own_side() {
        let f = file(&[
            ("Az első mondat itt van.", "The first sentence is here."),
            ("Ez kimaradt a fordításból.", ""),
            ("", "This was added by the translator."),
        ]);
        let r = check(&f, &CheckConfig::default());
        let om: Vec<_> = r
            .findings
            .iter()
            .filter(|x| x.kind == FindingKind::Omission)
            .collect();
        assert_eq!(om.len(), 1);
        assert_eq!(om[0].locator.to_string(), "p2.s1");
        assert_eq!(om[0].side, Side::Source);
        let add: Vec<_> = r
            .findings
            .iter()
            .filter(|x| x.kind == FindingKind::Addition)
            .collect();
        assert_eq!(add.len(), 1);
        assert_eq!(add[0].locator.to_string(), "p2.s1");
        assert_eq!(add[0].side, Side::Target);
    }

    #[test]
    fn only_runs_or_very_low_beads_are_stretches() {
        let mut f = file(&[
            ("a", "a"),
            ("b", "b"),
            ("c", "c"),
            ("d", "d"),
            ("e", "e"),
            ("f", "f"),
        ]);
        for (k, c) in [(1, 0.4), (3, 0.3), (4, 0.45), (5, 0.1)] {
            f.beads[k].confidence = c;
        }
        // bead 1 alone (0.4): no; beads 3-5: one stretch of three.
        assert_eq!(kinds(&f, FindingKind::LowConfidence), vec![3]);
        f.beads[1].confidence = 0.15;
        assert_eq!(kinds(&f, FindingKind::LowConfidence), vec![1, 3]);
        let r = check(
            &f,
            &CheckConfig::default().only(&[FindingKind::LowConfidence]),
        );
        assert_eq!(r.findings[1].beads, 3);
    }
}
