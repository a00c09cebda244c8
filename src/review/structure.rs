//! Structural findings read straight off the beads: omissions (1-0 and n-0 beads),
//! additions (0-1, 0-n) and low-confidence stretches.
//!
//! An omission of a few words (a heading number, `- Igen.`) is a warning, of a sentence
//! an error. A single bead below the low threshold is common at paragraph edges and in
//! headers and is usually right, so only runs of [`CheckConfig::low_run`] low beads, or
//! one bead below [`CheckConfig::very_low_confidence`], are reported; as the aligner's
//! doubt is not itself a translation problem, they are `info`. Cost: linear in the beads.

use super::{quote, CheckConfig, Context, Finding, FindingKind, Severity, Side};

/// Fewest words of an unpaired sentence for an `error` (fewer: a `warning`).
pub const MIN_ERROR_WORDS: usize = 3;

/// Omission and addition findings.
pub fn unpaired(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in &ctx.views {
        let (s, t) = (v.record.src.len(), v.record.tgt.len());
        let (text, kind, what) = if s > 0 && t == 0 {
            (
                &v.src,
                FindingKind::Omission,
                "original sentence(s) have no translation",
            )
        } else if s == 0 && t > 0 {
            (
                &v.tgt,
                FindingKind::Addition,
                "translated sentence(s) have no original",
            )
        } else {
            continue;
        };
        // A lone number or heading fragment is less serious than prose.
        let severity = if text.split_whitespace().count() >= MIN_ERROR_WORDS {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut f = ctx.finding(
            v.index,
            kind,
            severity,
            format!("{} {what}: {}", s.max(t), quote(text, 80)),
        );
        f.words = vec![text.clone()];
        out.push(f);
    }
    out
}

/// Low-confidence stretches.
pub fn low_confidence(ctx: &Context<'_>, config: &CheckConfig) -> Vec<Finding> {
    let views = &ctx.views;
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
            let src: Vec<usize> = run.iter().flat_map(|v| v.record.src.clone()).collect();
            let tgt: Vec<usize> = run.iter().flat_map(|v| v.record.tgt.clone()).collect();
            let mut f = ctx.finding_on(
                start,
                &src,
                &tgt,
                FindingKind::LowConfidence,
                Severity::Info,
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
            debug_assert!(f.side == Side::Source || src.is_empty());
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
        assert_eq!(om[0].src, [1]);
        assert_eq!(om[0].words, ["Ez kimaradt a fordításból."]);
        let add: Vec<_> = r
            .findings
            .iter()
            .filter(|x| x.kind == FindingKind::Addition)
            .collect();
        assert_eq!(add.len(), 1);
        assert_eq!(add[0].locator.to_string(), "p2.s1");
        assert_eq!(add[0].side, Side::Target);
        assert_eq!(
            (add[0].src.len(), add[0].tgt.as_slice()),
            (0, &[1usize][..])
        );
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
        assert_eq!(r.findings[1].src, [3, 4, 5]);
    }
}
