//! A question or an exclamation on one side of a bead only.
//!
//! Only `?` and `!` are compared: they change what a sentence does (asks, exclaims,
//! orders), while commas, colons and quotes legitimately differ between Hungarian and
//! English. Presence is compared, not counts. Severity is `info`: Hungarian uses `!`
//! after commands and headings where English often has a full stop. Cost: linear.

use super::{Context, Finding, FindingKind, Severity};

/// Punctuation findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        let mut parts = Vec::new();
        for (mark, what) in [('?', "question mark"), ('!', "exclamation mark")] {
            match (v.src.contains(mark), v.tgt.contains(mark)) {
                (true, false) => parts.push(format!("{what} `{mark}` in the original only")),
                (false, true) => parts.push(format!("{what} `{mark}` in the translation only")),
                _ => {}
            }
        }
        if !parts.is_empty() {
            out.push(ctx.finding(
                v.index,
                FindingKind::Punctuation,
                Severity::Info,
                parts.join("; "),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, kinds};
    use super::super::FindingKind;

    #[test]
    fn question_and_exclamation_marks_must_match() {
        let f = file(&[
            ("Miért jött?", "Why did he come?"),
            ("Miért jött?", "He asked why he came."),
            ("Szigorúan titkos!", "TOP SECRET!"),
            ("Menj haza.", "Go home!"),
            ("Jó, de miért?!", "Fine, but why?!"),
        ]);
        assert_eq!(kinds(&f, FindingKind::Punctuation), vec![1, 3]);
    }
}
