//! Untrusted text on a terminal: one escaping rule for everything tandem prints for
//! people to read.
//!
//! Sentences, ids, metadata and file names come from files a user may not have written
//! (an alignment file from someone else, a corpus downloaded from an archive). Written
//! raw, an escape sequence in them would drive the terminal (change colours, move the
//! cursor, set the window title, hide text), and a line break in a file name would
//! forge a line of tandem's own (`error: …`). So every such piece of text goes through
//! [`escape`] before it reaches the table, line or message it is part of; whole outputs
//! whose line structure tandem itself builds (a diff, a citation) go through
//! [`escape_keep_lines`].
//!
//! The rule: C0 and C1 control characters and DEL (`char::is_control`), and the
//! Unicode bidirectional embedding, override and isolate controls (which can make text
//! display in another order than it is stored), are shown as Rust-style escapes
//! (`\u{1b}`, `\n`, `\t`, `\u{202e}`); everything else is printed as it is. Machine
//! formats (JSON, TSV, CSV, exports) carry the text unchanged.

use std::borrow::Cow;

/// Whether `c` is shown escaped.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

fn escape_if(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` safe to print as part of one line: every control character (line breaks
/// included) and bidirectional control escaped.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    escape_if(text, |_| false)
}

/// `text` safe to print as lines: like [`escape`], but line breaks are kept (for whole
/// outputs whose lines tandem builds, from pieces that cannot hold a line break).
pub(crate) fn escape_keep_lines(text: &str) -> Cow<'_, str> {
    escape_if(text, |c| c == '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        assert_eq!(escape("plain ő text"), "plain ő text");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(escape("a\nerror: forged"), "a\\nerror: forged");
        assert_eq!(escape("tab\there\r"), "tab\\there\\r");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m", "C1 CSI");
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("\u{7f}"), "\\u{7f}");
        // Right-to-left text itself is fine.
        assert_eq!(escape("שלום"), "שלום");
        assert_eq!(
            escape_keep_lines("one\ntwo\u{1b}]0;x\u{7}"),
            "one\ntwo\\u{1b}]0;x\\u{7}"
        );
    }
}
