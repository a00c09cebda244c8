//! Tests of page furniture detection and removal.

use std::path::Path;

use crate::load::{load_bytes, FurnitureKind, LoadOptions, Loaded};

use super::page_number;

/// Deterministic prose: `n` paragraphs of a few sentences, hard-wrapped at `width`.
fn wrapped_paragraphs(n: usize, width: usize) -> Vec<Vec<String>> {
    const WORDS: &[&str] = &[
        "the",
        "wind",
        "came",
        "down",
        "from",
        "black",
        "hills",
        "and",
        "told",
        "world",
        "that",
        "winter",
        "was",
        "coming",
        "rivers",
        "already",
        "moving",
        "with",
        "quiet",
        "roar",
        "of",
        "ice",
        "it",
        "sad",
        "grey",
        "day",
        "unrest",
        "discontent",
        "soft",
        "gentle",
        "elegy",
        "breeze",
        "seemed",
        "to",
        "bid",
        "farewell",
        "something",
        "merry",
        "fields",
        "heavy",
        "horses",
        "stamped",
        "nervously",
    ];
    let mut seed = 7u64;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    (0..n)
        .map(|_| {
            let mut words: Vec<String> = Vec::new();
            for _ in 0..2 + next(4) {
                let len = 6 + next(14);
                for k in 0..len {
                    let mut w = WORDS[next(WORDS.len())].to_string();
                    if k == 0 {
                        w[..1].make_ascii_uppercase();
                    }
                    if k == len - 1 {
                        w.push('.');
                    }
                    words.push(w);
                }
            }
            let mut lines = vec![String::new()];
            for w in words {
                let last = lines.last_mut().expect("a line");
                if !last.is_empty() && last.len() + 1 + w.len() > width {
                    lines.push(w);
                } else {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(&w);
                }
            }
            lines
        })
        .collect()
}

/// The lines of a text with a blank line between paragraphs.
fn body_lines(paragraphs: &[Vec<String>]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(p.iter().cloned());
    }
    out
}

/// Cut lines into pages of `per_page` lines, framing each page as `frame` says.
fn paginate(
    lines: &[String],
    per_page: usize,
    frame: impl Fn(usize, &[String]) -> Vec<String>,
) -> String {
    let mut out = Vec::new();
    for (k, page) in lines.chunks(per_page).enumerate() {
        out.extend(frame(k + 1, page));
    }
    out.join("\n") + "\n"
}

fn load(text: &str) -> Loaded {
    load_bytes(text.as_bytes(), Path::new("t.txt"), &LoadOptions::default()).expect("loads")
}

fn paragraphs(l: &Loaded) -> Vec<String> {
    l.paragraphs
        .iter()
        .map(|r| l.text[r.clone()].to_string())
        .collect()
}

#[test]
fn page_numbers_in_their_usual_forms() {
    for (line, n) in [
        ("12", 12),
        ("  - 12 -", 12),
        ("– 7 –", 7),
        ("12. oldal", 12),
        ("Page 12 of 40", 12),
        ("page 3", 3),
        ("12/40", 12),
        ("\u{c}5", 5),
        ("Seite 4 von 9", 4),
    ] {
        assert_eq!(page_number(line), Some(n), "{line:?}");
    }
    for line in [
        "12.",
        "1963",
        "(1)",
        "12 apples",
        "40/12",
        "Page twelve",
        "12345",
    ] {
        assert_eq!(page_number(line), None, "{line:?}");
    }
}

#[test]
fn running_heads_and_page_numbers_with_form_feeds_come_out_and_paragraphs_rejoin() {
    let paras = wrapped_paragraphs(60, 70);
    let clean = body_lines(&paras).join("\n") + "\n";
    let paged = paginate(&body_lines(&paras), 40, |n, page| {
        let mut p = vec![format!(
            "\u{c}{}",
            if n % 2 == 0 {
                "JOHN STEINBECK"
            } else {
                "CUP OF GOLD"
            }
        )];
        p.push(String::new());
        p.extend(page.iter().cloned());
        p.push(String::new());
        p.push(format!("- {n} -"));
        p
    });
    let l = load(&paged);
    assert_eq!(paragraphs(&l), paragraphs(&load(&clean)));
    let pages = body_lines(&paras).len().div_ceil(40);
    let count = |k| l.furniture.iter().filter(|f| f.kind == k).count();
    assert_eq!(count(FurnitureKind::PageNumber), pages);
    assert_eq!(count(FurnitureKind::RunningHead), pages);
    assert!(l.furniture.iter().all(|f| !f.text.is_empty()));
    // Ranges point at the lines in the file.
    let first = &l.furniture[0];
    assert_eq!(&paged[first.range.clone()], "\u{c}CUP OF GOLD");
    assert_eq!(first.line, 1);
}

#[test]
fn furniture_without_form_feeds_is_found_by_its_rhythm() {
    let paras = wrapped_paragraphs(80, 66);
    let clean = body_lines(&paras).join("\n") + "\n";
    let paged = paginate(&body_lines(&paras), 38, |n, page| {
        let mut p = vec![format!("Egy marék arany {}", 100 + n), String::new()];
        p.extend(page.iter().cloned());
        p.push(format!("{n}. oldal"));
        p.push(String::new());
        p
    });
    let l = load(&paged);
    assert_eq!(paragraphs(&l), paragraphs(&load(&clean)));
    assert!(l.notes.iter().any(|n| n.to_string().contains("rejoined")));
}

#[test]
fn keep_furniture_keeps_it() {
    let paras = wrapped_paragraphs(30, 70);
    let paged = paginate(&body_lines(&paras), 40, |n, page| {
        let mut p = page.to_vec();
        p.push(format!("Page {n} of 9"));
        p
    });
    let options = LoadOptions {
        keep_furniture: true,
        ..LoadOptions::default()
    };
    let l = load_bytes(paged.as_bytes(), Path::new("t.txt"), &options).expect("loads");
    assert!(l.furniture.is_empty());
    assert!(l.text.contains("Page 2 of 9"));
    assert!(!load(&paged).text.contains("Page 2 of 9"));
}

#[test]
fn irregular_numbers_and_repeated_headings_are_text() {
    // Chapter numbers and a repeated heading at irregular intervals: not furniture.
    let paras = wrapped_paragraphs(40, 70);
    let mut lines = Vec::new();
    let mut chapter = 1;
    for (i, p) in paras.iter().enumerate() {
        if [0, 3, 11, 12, 25, 33].contains(&i) {
            lines.push(chapter.to_string());
            lines.push(String::new());
            lines.push("Interlude".to_string());
            lines.push(String::new());
            chapter += 1;
        }
        lines.extend(p.iter().cloned());
        lines.push(String::new());
    }
    let text = lines.join("\n");
    let l = load(&text);
    assert!(l.furniture.is_empty(), "{:?}", l.furniture);
}

#[test]
fn a_form_feed_alone_is_a_page_break() {
    let l = load("First line of a sentence that goes\n\u{c}on after the break.\n");
    assert_eq!(
        paragraphs(&l),
        ["First line of a sentence that goes on after the break."]
    );
    let l = load("One.\n\u{c}\nTwo.\n");
    assert_eq!(l.furniture.len(), 1);
    assert_eq!(l.furniture[0].kind, FurnitureKind::PageBreak);
    assert!(!l.text.contains('\u{c}'));
}
