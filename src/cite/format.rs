//! Citations as Markdown, BibTeX and JSON: pure serialisers returning strings.
//!
//! Every format carries the warnings, so a reconstruction or a stale alignment cannot be
//! lost by copying the output elsewhere: Markdown ends the citation with a bold warning
//! blockquote and labels a reconstructed Hungarian text as one, BibTeX puts them in
//! `note` (and a `%` comment above the entry), JSON has a `warnings` array (`kind`,
//! `severe`, `message`) and a `schema` tag. The translation's publisher or source (the
//! sidecar's `[translation] source`) is named: in the Markdown source line, and as
//! BibTeX's `howpublished` (the original's archive reference then opens `note`). BibTeX
//! titles brace every word with a capital (`{Havana}`, `{Cuba}`), so styles that
//! lowercase titles keep them as written. The terminal format lives in the CLI.
//! Cost: linear in the size of the citations.

use std::ops::Range;

use serde::Serialize;

use super::{Citation, CitedSentence, Outcome, Side, Suggestion};
use crate::document::Locator;

/// Join locators with spaces.
pub fn locators(locs: &[Locator]) -> String {
    if locs.is_empty() {
        return "—".to_string();
    }
    locs.iter()
        .map(Locator::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of sentences with each mark wrapped in `open`/`close`, each piece of text
/// passed through `escape`.
pub fn marked(
    sentences: &[&CitedSentence],
    open: &str,
    close: &str,
    escape: fn(&str) -> String,
) -> String {
    let mut out = String::new();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut at = 0;
        for r in merged(&s.marks) {
            if r.start < at || r.end > s.text.len() {
                continue;
            }
            out.push_str(&escape(&s.text[at..r.start]));
            out.push_str(open);
            out.push_str(&escape(&s.text[r.clone()]));
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&escape(&s.text[at..]));
    }
    out
}

/// Overlapping or touching ranges merged, in order.
fn merged(marks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The sentences of one side of a citation.
pub fn side(c: &Citation, side: Side) -> Vec<&CitedSentence> {
    c.beads
        .iter()
        .flat_map(|b| match side {
            Side::Hu => &b.hungarian,
            Side::En => &b.english,
        })
        .collect()
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line naming the document and where the sentences are.
pub fn source_line(c: &Citation) -> String {
    let m = &c.meta;
    let mut parts = Vec::new();
    let title = if m.title.is_empty() { &m.doc } else { &m.title };
    parts.push(format!("“{title}”"));
    if !m.author.is_empty() {
        parts.push(m.author.clone());
    }
    if !m.date.is_empty() {
        parts.push(m.date.clone());
    }
    if !m.archive_ref.is_empty() {
        parts.push(m.archive_ref.clone());
    }
    parts.push(if m.record_id.is_empty() {
        "record ID not given".to_string()
    } else {
        format!("record ID {}", m.record_id)
    });
    match (m.translators.is_empty(), m.translation_source.is_empty()) {
        (false, false) => parts.push(format!(
            "English translation by {} ({})",
            m.translators.join(" and "),
            m.translation_source
        )),
        (false, true) => parts.push(format!(
            "English translation by {}",
            m.translators.join(" and ")
        )),
        (true, false) => parts.push(format!("English translation: {}", m.translation_source)),
        (true, true) => {}
    }
    parts.push(format!(
        "tandem document {}, Hungarian {} = English {} ({})",
        m.doc,
        locators(&c.hungarian_locators),
        locators(&c.english_locators),
        alignment_basis(c)
    ));
    format!("{}.", parts.join(", "))
}

/// What the pairing rests on: a person's confirmation, or the aligner's confidence.
fn alignment_basis(c: &Citation) -> String {
    if c.confirmed {
        "alignment confirmed by a person".to_string()
    } else {
        format!("alignment confidence {:.2}", c.confidence)
    }
}

/// A Markdown blockquote of the quoted side, the other side, and the citation.
pub fn markdown(c: &Citation) -> String {
    let mut out = String::new();
    let (first, second) = match c.from {
        Side::En => (Side::En, Side::Hu),
        Side::Hu => (Side::Hu, Side::En),
    };
    for (k, s) in [first, second].into_iter().enumerate() {
        let (name, locs) = match s {
            Side::En => ("English translation", &c.english_locators),
            Side::Hu if c.meta.status == "reconstruction" => (
                "Hungarian reconstruction, not the archival original",
                &c.hungarian_locators,
            ),
            Side::Hu => ("Hungarian", &c.hungarian_locators),
        };
        if k > 0 {
            out.push('\n');
        }
        let text = marked(&side(c, s), "**", "**", md_escape);
        out.push_str(&format!(
            "> {}\n>\n> — {name}, {} {}\n",
            if text.is_empty() {
                "(no counterpart)".to_string()
            } else {
                text
            },
            c.meta.doc,
            locators(locs)
        ));
    }
    out.push_str(&format!("\nSource: {}\n", md_escape(&source_line(c))));
    for w in &c.warnings {
        if w.is_severe() {
            out.push_str(&format!(
                "\n> **⚠ WARNING: {}**\n",
                md_escape(&w.to_string())
            ));
        } else {
            out.push_str(&format!("\n> *Note: {}*\n", md_escape(&w.to_string())));
        }
    }
    out
}

fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' => out.push('('),
            '}' => out.push(')'),
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// A title for BibTeX: escaped, each word with a capital letter in braces, so styles
/// that change a title's case (most classic ones lowercase it) keep `{Havana}` and
/// `{Cuba}` as written. A word is a run of letters and digits, with `-`, `'` or `’`
/// inside it (`{Cuba's}`); punctuation around it stays outside the braces.
fn bib_title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let joins = |i: usize| {
        matches!(chars[i], '-' | '\'' | '’')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
    };
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            out.push_str(&bib_escape(&chars[i].to_string()));
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || joins(i)) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if word.chars().any(char::is_uppercase) {
            out.push_str(&format!("{{{}}}", bib_escape(&word)));
        } else {
            out.push_str(&bib_escape(&word));
        }
    }
    out
}

/// A BibTeX `@misc` entry.
pub fn bibtex(c: &Citation) -> String {
    let m = &c.meta;
    let first = c
        .hungarian_locators
        .first()
        .or(c.english_locators.first())
        .map(Locator::to_string)
        .unwrap_or_default();
    let key: String = format!("{}:{first}", m.doc)
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || "-:.".contains(ch) {
                ch
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::new();
    for w in c.warnings.iter().filter(|w| w.is_severe()) {
        out.push_str(&format!("% WARNING: {w}\n"));
    }
    out.push_str(&format!("@misc{{{key},\n"));
    // `raw` is already escaped.
    let mut raw = |name: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
    };
    raw(
        "title",
        bib_title(if m.title.is_empty() { &m.doc } else { &m.title }),
    );
    // Double braces keep a corporate or descriptive author as one name.
    if !m.author.is_empty() {
        raw("author", format!("{{{}}}", bib_escape(&m.author)));
    }
    let mut field = |name: &str, value: &str| raw(name, bib_escape(value));
    field("date", &m.date);
    field("year", m.date.get(..4).unwrap_or(""));
    let mut archive = m.archive_ref.clone();
    if !m.record_id.is_empty() {
        archive = format!("{archive}, record ID {}", m.record_id);
    }
    // What is quoted is the English as published: its publisher is how the work was
    // published; the original's archive reference then opens the note.
    let mut note = String::new();
    if m.translation_source.is_empty() {
        field("howpublished", &archive);
    } else {
        field("howpublished", &m.translation_source);
        if !archive.is_empty() {
            let stop = if archive.ends_with('.') { "" } else { "." };
            note = format!("Original: {archive}{stop} ");
        }
    }
    field("translator", &m.translators.join(" and "));
    field("url", &m.source_url);
    note.push_str(&format!(
        "Hungarian {} = English {} (tandem document {}, {}). Status of the Hungarian text: {}.",
        locators(&c.hungarian_locators),
        locators(&c.english_locators),
        m.doc,
        alignment_basis(c),
        if m.status.is_empty() {
            "unknown"
        } else {
            &m.status
        }
    ));
    for w in &c.warnings {
        note.push_str(&format!(
            " {}: {w}",
            if w.is_severe() { "WARNING" } else { "Note" }
        ));
    }
    field("note", &note);
    out.push_str("}\n");
    out
}

#[derive(Serialize)]
struct JsonOut<'a> {
    schema: &'static str,
    query: &'a str,
    from: Side,
    found: bool,
    citations: &'a [Citation],
    suggestions: &'a [Suggestion],
}

/// The whole outcome as JSON (`schema` = [`crate::schema::CITE`], `query`, `from`,
/// `found`, `citations`, `suggestions`).
pub fn json(query: &str, from: Side, outcome: &Outcome) -> String {
    let (found, citations, suggestions): (bool, &[Citation], &[Suggestion]) = match outcome {
        Outcome::Found(c) => (true, c, &[]),
        Outcome::NotFound(s) => (false, &[], s),
    };
    let mut s = serde_json::to_string_pretty(&JsonOut {
        schema: crate::schema::CITE,
        query,
        from,
        found,
        citations,
        suggestions,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::super::{CitedBead, DocMeta, Warning};
    use super::*;

    fn sample() -> Citation {
        let loc = |s: &str| s.parse::<Locator>().expect("valid");
        let mark = 27..37;
        Citation {
            meta: DocMeta {
                doc: "beck".into(),
                title: "Report_on {Cuba}".into(),
                date: "1963-01-28".into(),
                author: "János Beck, Ambassador".into(),
                archive_ref: "MOL, XIX-J-I-j & Kuba".into(),
                record_id: String::new(),
                source_url: String::new(),
                translators: vec!["A. K.".into(), "Zs. Z.".into()],
                status: "reconstruction".into(),
                translation_source: "Wilson Center Digital Archive".into(),
                translation_status: "published-translation".into(),
            },
            from: Side::En,
            alignment: "alignments/beck.json".into(),
            hungarian_locators: vec![loc("p9.s1")],
            english_locators: vec![loc("p9.s1")],
            hungarian: "A válság óta kerülnek bennünket.".into(),
            english: "Since the crisis they have avoided us.".into(),
            confidence: 0.97,
            confirmed: false,
            beads: vec![CitedBead {
                kind: "1-1".into(),
                confidence: 0.97,
                confirmed: false,
                hungarian: vec![CitedSentence {
                    id: loc("p9.s1"),
                    text: "A válság óta kerülnek bennünket.".into(),
                    marks: vec![],
                }],
                english: vec![CitedSentence {
                    id: loc("p9.s1"),
                    text: "Since the crisis they have avoided us.".into(),
                    marks: vec![mark],
                }],
            }],
            warnings: vec![Warning::Reconstruction { doc: "beck".into() }],
        }
    }

    #[test]
    fn marks_wrap_the_matched_bytes() {
        let c = sample();
        assert_eq!(
            marked(&side(&c, Side::En), "[", "]", str::to_string),
            "Since the crisis they have [avoided us]."
        );
        assert_eq!(merged(&[5..8, 1..3, 2..4]), vec![1..4, 5..8]);
    }

    #[test]
    fn markdown_quotes_both_sides_and_keeps_the_warning() {
        let md = markdown(&sample());
        assert!(
            md.starts_with("> Since the crisis they have **avoided us**."),
            "{md}"
        );
        assert!(md.contains("> A válság óta kerülnek bennünket."), "{md}");
        assert!(md.contains("— English translation, beck p9.s1"), "{md}");
        // Issue 17: the Markdown says what the Hungarian is, and who published the English.
        assert!(
            md.contains("— Hungarian reconstruction, not the archival original, beck p9.s1"),
            "{md}"
        );
        assert!(
            md.contains("English translation by A. K. and Zs. Z. (Wilson Center Digital Archive)"),
            "{md}"
        );
        assert!(md.contains("**⚠ WARNING: RECONSTRUCTION"), "{md}");
        assert!(md.contains("Report\\_on"), "{md}");
    }

    #[test]
    fn bibtex_is_balanced_and_carries_status_and_warning() {
        let bib = bibtex(&sample());
        assert!(bib.starts_with("% WARNING: RECONSTRUCTION"), "{bib}");
        assert!(bib.contains("@misc{beck:p9.s1,"), "{bib}");
        assert!(bib.contains("translator = {A. K. and Zs. Z.}"), "{bib}");
        assert!(
            bib.contains("howpublished = {Wilson Center Digital Archive}"),
            "{bib}"
        );
        assert!(
            bib.contains("note = {Original: MOL, XIX-J-I-j \\& Kuba. Hungarian p9.s1"),
            "{bib}"
        );
        assert!(bib.contains("title = {{Report}\\_on ({Cuba})}"), "{bib}");
        assert!(
            bib.contains("Status of the Hungarian text: reconstruction"),
            "{bib}"
        );
        assert!(bib.contains("author = {{János Beck, Ambassador}}"), "{bib}");
        let entry = &bib[bib.find("@misc").expect("entry")..];
        let depth = entry.chars().try_fold(0i32, |d, ch| {
            let d = d + i32::from(ch == '{') - i32::from(ch == '}');
            (d >= 0).then_some(d)
        });
        assert_eq!(depth, Some(0), "unbalanced braces: {bib}");
    }

    /// Issue 17: classic BibTeX styles lowercase titles; capitals must be protected.
    #[test]
    fn a_confirmed_pairing_is_cited_as_confirmed_not_by_confidence() {
        let mut c = sample();
        assert!(markdown(&c).contains("alignment confidence 0.97"));
        c.confirmed = true;
        c.beads[0].confirmed = true;
        for out in [markdown(&c), bibtex(&c)] {
            assert!(out.contains("alignment confirmed by a person"), "{out}");
            assert!(!out.contains("alignment confidence"), "{out}");
        }
    }

    #[test]
    fn r17_bibtex_titles_keep_their_capitals() {
        assert_eq!(
            bib_title("Report from Havana on Cuba's MOL file"),
            "{Report} from {Havana} on {Cuba's} {MOL} file"
        );
        assert_eq!(
            bib_title("(Beck), 'Relations [Cuban Missile] Crisis' XIX-J-I-j 3. d."),
            "({Beck}), '{Relations} [{Cuban} {Missile}] {Crisis}' {XIX-J-I-j} 3. d."
        );
        assert_eq!(
            bib_title("a\\b ~ ^"),
            "a\\textbackslash{}b \\textasciitilde{} \\textasciicircum{}"
        );
        let mut c = sample();
        c.meta.translation_source.clear();
        let bib = bibtex(&c);
        assert!(
            bib.contains("howpublished = {MOL, XIX-J-I-j \\& Kuba}"),
            "{bib}"
        );
        assert!(bib.contains("note = {Hungarian p9.s1"), "{bib}");
    }

    #[test]
    fn json_has_the_promised_fields() {
        let out = json("avoided us", Side::En, &Outcome::Found(vec![sample()]));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let c = &v["citations"][0];
        assert_eq!(v["schema"], "tandem-cite/1");
        assert_eq!(v["found"], true);
        assert_eq!(c["doc"], "beck");
        assert_eq!(c["hungarian_locators"][0], "p9.s1");
        assert_eq!(c["english"], "Since the crisis they have avoided us.");
        assert_eq!(c["confidence"], 0.97);
        assert_eq!(c["status"], "reconstruction");
        assert_eq!(c["translation_source"], "Wilson Center Digital Archive");
        assert_eq!(c["warnings"][0]["kind"], "reconstruction");
        assert_eq!(c["warnings"][0]["severe"], true);
    }
}
