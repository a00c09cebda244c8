//! Property ("fuzz") tests of the exporters and readers: every export of a generated
//! alignment re-imports to the same beads, and every reader (vecalign, ladder, TSV, CSV,
//! TMX, XLIFF, eval's format detection) returns a result or a clear error on arbitrary text,
//! never a panic. Case counts follow `PROPTEST_CASES` (see `docs/testing.md`).

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::alignment::AlignmentFile;
use crate::eval::{pair_beads, read_bead_file, score};
use crate::testing::{alignment_file, cases, tricky_string};

/// Text made of the syntax of every format, numbers at the limits, and tricky text.
fn format_soup() -> impl Strategy<Value = String> {
    const SYNTAX: &[&str] = &[
        "[",
        "]",
        ":",
        ", ",
        ",",
        "[0]:[0]",
        "[]:[]",
        "[0, 1]:[2]",
        "\t",
        " ",
        "\n",
        "\r\n",
        "0",
        "1",
        "2",
        "7",
        "0.5",
        "-1",
        "NaN",
        "inf",
        "4294967296",
        "99999999",
        "18446744073709551615",
        "18446744073709551616",
        "0\t0\t0.9",
        "3 2",
        "p1.s1",
        "p1.s2 p1.s3",
        "l0",
        "p0.s1",
        "p4294967296.s1",
        "1-1",
        "\"",
        "\"\"",
        "source_ids",
        tsv::HEADER,
        "source_ids,target_ids,type,confidence,source,target",
        "<tmx>",
        "</tmx>",
        "<body>",
        "<tu>",
        "</tu>",
        "<tuv xml:lang=\"hu\">",
        "<seg>",
        "</seg>",
        "<prop type=\"x-source-ids\">",
        "<prop type=\"x-target-ids\">",
        "</prop>",
        "<![CDATA[p1.s1]]>",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&#65;",
        "&nosuch;",
        "<?xml",
        "<!DOCTYPE x [<!ENTITY a \"b\">]>",
        "<!--",
        "-->",
        "<a b='",
        "/>",
    ];
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(SYNTAX).prop_map(str::to_string),
            1 => tricky_string(3),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// A number as a bead file may hold it: small, large, at an integer limit, or not a
/// number.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => (0usize..20).prop_map(|n| n.to_string()),
        3 => proptest::sample::select(vec!["99999999", "4294967296", "18446744073709551615"])
        .prop_map(str::to_string),
        1 => proptest::sample::select(vec!["18446744073709551616", "-1", "1.5", ""])
            .prop_map(str::to_string),
    ]
}

/// Bead files: all vecalign lines, all ladder rungs, or those mixed with junk.
fn bead_file() -> impl Strategy<Value = String> {
    let ids = || proptest::collection::vec(number(), 0..4).prop_map(|v| v.join(", "));
    let vec_line = move || {
        (ids(), ids(), proptest::option::of(number())).prop_map(|(s, t, c)| match c {
            Some(c) => format!("[{s}]:[{t}]:{c}"),
            None => format!("[{s}]:[{t}]"),
        })
    };
    let rung = || {
        (number(), number(), proptest::option::of("0\\.[0-9]{1,4}")).prop_map(|(i, j, c)| match c {
            Some(c) => format!("{i}\t{j}\t{c}"),
            None => format!("{i} {j}"),
        })
    };
    let lines = |line: BoxedStrategy<String>| {
        proptest::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n"))
    };
    prop_oneof![
        lines(vec_line().boxed()),
        lines(rung().boxed()),
        lines(prop_oneof![vec_line(), rung(), format_soup()].boxed()),
    ]
}

/// Write then damage: a valid export with a piece cut out or replaced.
fn damaged(text: String, at: usize, len: usize, with: String) -> String {
    let mut cut = at % (text.len() + 1);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut end = (cut + len % 40).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{with}{}", &text[..cut], &text[end..])
}

/// CSV of every bead.
fn csv_text(file: &AlignmentFile, guard: csv::Guard) -> String {
    csv::write(file, guard)
        .map(|e| String::from_utf8(e.bytes).unwrap_or_default())
        .unwrap_or_default()
}

/// TMX of every bead, the unpaired ones too.
fn tmx_text(file: &AlignmentFile) -> String {
    let opts = tmx::TmxOptions {
        filter: units::UnitFilter::all(),
        tags: None,
    };
    tmx::write(&[file], &opts)
        .map(|e| String::from_utf8(e.bytes).unwrap_or_default())
        .unwrap_or_default()
}

/// Every index of a reader's beads is a sentence of the file (what locators promise).
fn within(beads: &IndexBeads, file: &AlignmentFile) -> bool {
    beads.iter().all(|(s, t)| {
        s.iter().all(|&i| i < file.source.sentences.len())
            && t.iter().all(|&j| j < file.target.sentences.len())
    })
}

proptest! {
    #![proptest_config(cases(256))]

    /// Export → import gives back the same beads, in every re-importable format, and
    /// the JSON file itself round trips exactly.
    #[test]
    fn fuzz_exports_round_trip(file in alignment_file()) {
        let path = Path::new("x");
        let beads = index_beads(&file);
        let back = AlignmentFile::from_json(&file.to_json(), Path::new("a.json"));
        prop_assert_eq!(back.as_ref().ok(), Some(&file), "{:?}", back.as_ref().err());

        prop_assert_eq!(vecalign::parse(&vecalign::write(&beads), path).ok(), Some(beads.clone()));

        let confidences: Vec<f64> = file.beads.iter().map(|b| b.confidence).collect();
        let rungs = ladder::parse_rungs(&ladder::write(&beads, &confidences), path);
        prop_assert!(rungs.is_ok(), "{:?}", rungs);
        let (n, m) = (file.source.sentences.len(), file.target.sentences.len());
        prop_assert_eq!(ladder::to_beads(&rungs.unwrap_or_default(), n, m), beads.clone());

        prop_assert_eq!(tsv::parse(&tsv::write(&file), path, &file).ok(), Some(beads.clone()));

        for guard in [csv::Guard::Spreadsheet, csv::Guard::Exact] {
            let csv_text = csv_text(&file, guard);
            prop_assert_eq!(csv::parse(&csv_text, path, &file).ok(), Some(beads.clone()));
            // Texts come back exactly (without the guard's apostrophe).
            let rows: Vec<Vec<String>> = ::csv::Reader::from_reader(csv_text.as_bytes())
                .records()
                .map(|r| r.map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default())
                .collect();
            for (row, b) in rows.iter().zip(&file.beads) {
                let text = crate::review::side_text(&file.source, &b.src);
                let cell = row.get(4).map(String::as_str).unwrap_or_default();
                let cell = if guard == csv::Guard::Spreadsheet { csv::unguarded(cell) } else { cell };
                prop_assert_eq!(cell, text.as_str());
            }
        }

        let tmx_text = tmx_text(&file);
        let back = tmx::parse(&tmx_text, path, &file);
        prop_assert_eq!(back.as_ref().ok(), Some(&beads), "{:?}\n{}", back, tmx_text);
        // The texts survive too (TMX keeps them verbatim, joined by a space), unless XML
        // cannot carry a character.
        let units = tmx::read(&tmx_text, path).unwrap_or_default();
        for (u, b) in units.iter().zip(&file.beads) {
            if !b.src.is_empty() {
                let text = crate::review::side_text(&file.source, &b.src);
                prop_assert_eq!(&u.segs[0].1, &xmltext::clean(&text, &mut 0).into_owned());
            }
        }

        let opts = xliff::XliffOptions { filter: units::UnitFilter::all(), ..Default::default() };
        for v in [xliff::Version::V12, xliff::Version::V20] {
            if v == xliff::Version::V20 && file.beads.is_empty() {
                continue; // XLIFF 2.0 needs a unit; the error is tested in xliff/mod.rs
            }
            let out = xliff::write(&[&file], v, &opts).map(|e| String::from_utf8(e.bytes).unwrap_or_default());
            prop_assert!(out.is_ok(), "{:?}", out);
            let text = out.unwrap_or_default();
            let back = xliff::parse(&text, path, &file);
            prop_assert_eq!(back.as_ref().ok(), Some(&beads), "{:?}\n{}", back, text);
        }
    }

    /// The readers of bead files on arbitrary text: Ok or a clear error naming the file.
    #[test]
    fn fuzz_eval_readers_never_panic(gold in bead_file(), test in bead_file(), sizes in proptest::option::of((0usize..50, 0usize..50))) {
        let path = Path::new("g.txt");
        let g = read_bead_file(&gold, path);
        let t = read_bead_file(&test, path);
        for r in [&g, &t] {
            if let Err(e) = r {
                prop_assert!(e.to_string().starts_with("g.txt:"), "{e}");
            }
        }
        if let (Ok(g), Ok(t)) = (g, t) {
            let pair = pair_beads(g, t, sizes);
            let s = score(&[pair]);
            for x in [s.precision_strict, s.recall_strict, s.f1_strict, s.precision_lax, s.recall_lax, s.f1_lax] {
                prop_assert!((0.0..=1.0).contains(&x), "score {x}");
            }
        }
        let _ = vecalign::parse(&gold, path);
        if let Ok(rungs) = ladder::parse_rungs(&gold, path) {
            let _ = ladder::to_beads(&rungs, 5, 5);
        }
    }

    /// TSV, CSV and TMX readers on arbitrary or damaged text: Ok with beads inside the
    /// file, or an error naming the file.
    #[test]
    fn fuzz_locator_readers_never_panic(
        file in alignment_file(),
        soup in format_soup(),
        at in any::<usize>(),
        len in any::<usize>(),
    ) {
        let path = Path::new("r.txt");
        let tsv_text = damaged(tsv::write(&file), at, len, soup.clone());
        let csv_text = damaged(csv_text(&file, csv::Guard::Spreadsheet), at, len, soup.clone());
        let tmx_text = damaged(tmx_text(&file), at, len, soup.clone());
        let xliff_text = damaged(
            xliff::write(&[&file], xliff::Version::V12, &Default::default())
                .map(|e| String::from_utf8(e.bytes).unwrap_or_default())
                .unwrap_or_default(),
            at,
            len,
            soup.clone(),
        );
        for result in [
            tsv::parse(&soup, path, &file),
            tsv::parse(&tsv_text, path, &file),
            csv::parse(&soup, path, &file),
            csv::parse(&csv_text, path, &file),
            tmx::parse(&soup, path, &file),
            tmx::parse(&tmx_text, path, &file),
            xliff::parse(&soup, path, &file),
            xliff::parse(&xliff_text, path, &file),
        ] {
            match result {
                Ok(beads) => prop_assert!(within(&beads, &file)),
                Err(e) => prop_assert!(e.to_string().starts_with("r.txt:"), "{e}"),
            }
        }
    }
}
