//! Tests of the loader as a whole: decoding, normalisation, paragraphs, offsets.

use std::path::Path;

use super::*;

fn load(bytes: &[u8]) -> Loaded {
    load_bytes(bytes, Path::new("t.txt"), &LoadOptions::default()).expect("loads")
}

fn paras(l: &Loaded) -> Vec<&str> {
    l.paragraphs.iter().map(|r| &l.text[r.clone()]).collect()
}

#[test]
fn form_feed_in_a_header_line_goes_too() {
    // Found by the fuzz test: a `#` line is header, not text, and kept its form feed.
    for bytes in [&b"#\x0c"[..], b"# Source: x\x0cy\nSzoveg.\n"] {
        let l = load(bytes);
        assert!(!l.text.contains('\u{0C}'), "{:?}", l.text);
    }
}

#[test]
fn utf8_with_bom_is_read() {
    let l = load("\u{FEFF}Első bekezdés.".as_bytes());
    assert_eq!(l.encoding, SourceEncoding::Utf8Bom);
    assert_eq!(paras(&l), ["Első bekezdés."]);
}

#[test]
fn utf16_with_bom_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Havanna, 1963. január 28.".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let l = load(&bytes);
    assert_eq!(l.encoding, SourceEncoding::Utf16Le);
    assert_eq!(paras(&l), ["Havanna, 1963. január 28."]);
}

#[test]
fn utf16_without_bom_is_detected() {
    let mut bytes = vec![];
    for u in "Havanna, 1963. január 28.".encode_utf16() {
        bytes.extend(u.to_be_bytes());
    }
    let l = load(&bytes);
    assert_eq!(l.encoding, SourceEncoding::Utf16Be);
    assert!(matches!(l.notes[0], LoadNote::Utf16WithoutBom(_)));
}

#[test]
fn windows_1250_is_decoded_with_a_note() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Árvíztűrő tükörfúrógép.");
    let l = load(&bytes);
    assert_eq!(l.encoding, SourceEncoding::Windows1250);
    assert_eq!(paras(&l), ["Árvíztűrő tükörfúrógép."]);
    assert!(matches!(l.notes[0], LoadNote::Decoded(_)));
}

#[test]
fn lone_utf16_surrogate_is_replaced_with_a_warning_naming_the_line() {
    let mut units: Vec<u16> = "Első sor.\nMásodik ".encode_utf16().collect();
    units.push(0xD83D); // a high surrogate without its low half
    units.extend("sor.".encode_utf16());
    let mut bytes = vec![0xFF, 0xFE];
    for u in units {
        bytes.extend(u.to_le_bytes());
    }
    let l = load(&bytes);
    assert!(l.text.contains("Második \u{FFFD}sor."), "{:?}", l.text);
    assert!(
        l.notes
            .contains(&LoadNote::InvalidUtf16 { count: 1, line: 2 }),
        "{:?}",
        l.notes
    );
}

#[test]
fn bom_in_mid_file_is_dropped_with_a_note() {
    // `cat a.txt b.txt` where both start with a BOM.
    let text = "\u{FEFF}Első fájl.\n\n\u{FEFF}Második fájl.\n";
    let l = load(text.as_bytes());
    assert_eq!(paras(&l), ["Első fájl.", "Második fájl."]);
    assert!(l.notes.contains(&LoadNote::BomsDropped(1)), "{:?}", l.notes);
    let at = l.text.find("Második").expect("present");
    assert_eq!(
        l.source_offset(at),
        text.find("Második").expect("present") - 3
    );
}

#[test]
fn iso_8859_2_is_the_real_one() {
    let (bytes, _, unmappable) = encoding_rs::ISO_8859_2.encode("Škoda és Žilina, őszi tűz.");
    assert!(!unmappable);
    // Forced: encoding_rs's ISO-8859-2, not Windows-1250 (which reads 0xA9 as ©).
    let options = LoadOptions {
        encoding: Some(SourceEncoding::from_name("iso-8859-2").expect("known")),
        ..LoadOptions::default()
    };
    let l = load_bytes(&bytes, Path::new("x.txt"), &options).expect("loads");
    assert_eq!(paras(&l), ["Škoda és Žilina, őszi tűz."]);
    // Detected: the Š/Ž bytes inside words tell it from Windows-1250.
    let l = load(&bytes);
    assert_eq!(l.encoding, SourceEncoding::Iso8859_2);
    assert_eq!(paras(&l), ["Škoda és Žilina, őszi tűz."]);
    // Windows-1250 text stays Windows-1250 (its Š is 0x8A).
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Škoda © 1963, őszi tűz.");
    let l = load(&bytes);
    assert_eq!(l.encoding, SourceEncoding::Windows1250);
    assert_eq!(paras(&l), ["Škoda © 1963, őszi tűz."]);
}

#[test]
fn other_encodings_by_their_whatwg_labels() {
    let enc = SourceEncoding::from_name("windows-1252").expect("known");
    assert_eq!(enc.name(), "windows-1252");
    assert!(SourceEncoding::from_name("no-such-encoding").is_err());
    assert!(
        SourceEncoding::from_name("iso-2022-kr").is_err(),
        "replacement encoding"
    );
}

#[test]
fn broken_byte_in_utf8_file_is_replaced_not_misread_as_legacy() {
    let mut bytes = "Árvíztűrő tükörfúrógép és őrült ütő.\n".as_bytes().to_vec();
    bytes.extend(b"bad \xFF byte\n");
    let l = load(&bytes);
    assert_eq!(l.encoding, SourceEncoding::Utf8);
    assert!(l.text.contains('\u{FFFD}'));
    assert!(matches!(l.notes[0], LoadNote::InvalidUtf8 { line: 2, .. }));
}

#[test]
fn crlf_and_cr_become_lf_and_offsets_map_back() {
    let l = load(b"One.\r\n\r\nTwo.\rThree.");
    assert_eq!(paras(&l), ["One.", "Two. Three."]);
    let two = l.text.find("Two").expect("present");
    assert_eq!(l.source_offset(two), 8);
    let three = l.text.find("Three").expect("present");
    assert_eq!(l.source_offset(three), 13);
}

#[test]
fn lookalikes_are_folded() {
    let l = load("Õ is tõle kérte a fût.".as_bytes());
    assert_eq!(paras(&l), ["Ő is tőle kérte a fűt."]);
    assert!(l.notes.contains(&LoadNote::LookalikesFolded(3)));
}

#[test]
fn nfc_composes_decomposed_accents() {
    let l = load("e\u{0301}s o\u{030B}".as_bytes());
    assert_eq!(paras(&l), ["és ő"]);
}

#[test]
fn nul_is_refused_unless_cleaning() {
    let bytes = b"Some text with a \0 NUL in the middle of a long enough line of text, more than one hundred bytes long for sure.";
    let err = load_bytes(bytes, Path::new("x.txt"), &LoadOptions::default()).expect_err("refused");
    assert!(err.to_string().contains("--clean-control"));
    let options = LoadOptions {
        clean_control: true,
        ..LoadOptions::default()
    };
    let l = load_bytes(bytes, Path::new("x.txt"), &options).expect("cleaned");
    assert!(l.text.contains("a   NUL") || l.text.contains("a  NUL"));
    assert_eq!(l.text.len(), bytes.len());
}

#[test]
fn binary_is_refused() {
    let bytes: Vec<u8> = (0..2000u32).map(|i| (i % 7) as u8).collect();
    let err = load_bytes(&bytes, Path::new("x.bin"), &LoadOptions::default()).expect_err("binary");
    assert!(matches!(err, LoadError::Binary(_)));
}

#[test]
fn header_comment_is_skipped() {
    let l = load(b"# provenance\n# licence\n\nFirst.\n\nSecond.\n");
    assert_eq!(paras(&l), ["First.", "Second."]);
}

#[test]
fn hard_wraps_are_unwrapped_in_place() {
    let l = load(b"The crisis and\n  its solution.\n\nNext one.");
    assert_eq!(paras(&l), ["The crisis and   its solution.", "Next one."]);
    assert_eq!(
        l.text.len(),
        "The crisis and\n  its solution.\n\nNext one.".len()
    );
}

#[test]
fn hyphen_auto_joins_only_known_words() {
    let l = load("A politika fontos. A poli-\ntika és a by-\nstander.".as_bytes());
    assert_eq!(
        paras(&l),
        ["A politika fontos. A politika és a by-stander."]
    );
    let s = l.text.find("stander").expect("present");
    assert_eq!(
        l.source_offset(s),
        "A politika fontos. A poli-\ntika és a by-\n".len()
    );
}

#[test]
fn hyphen_modes_join_and_keep() {
    let join = LoadOptions {
        hyphens: HyphenMode::Join,
        ..LoadOptions::default()
    };
    let keep = LoadOptions {
        hyphens: HyphenMode::Keep,
        ..LoadOptions::default()
    };
    let t = b"by-\nstander";
    let l = load_bytes(t, Path::new("t"), &join).expect("loads");
    assert_eq!(paras(&l), ["bystander"]);
    let l = load_bytes(t, Path::new("t"), &keep).expect("loads");
    assert_eq!(paras(&l), ["by-stander"]);
}

#[test]
fn presplit_keeps_every_line_including_empty_ones() {
    let options = LoadOptions {
        presplit: true,
        ..LoadOptions::default()
    };
    let l = load_bytes(b"# not a header\n\nthird\n", Path::new("t"), &options).expect("ok");
    assert_eq!(paras(&l), ["# not a header", "", "third"]);
}

/// Found by `fuzz_load_bytes_never_panics`: U+FB2A is excluded from composition, so
/// NFC makes its line longer, and offsets inside that line mapped back past the
/// line end (source_offset was not monotone).
#[test]
fn r_source_offset_is_monotone_when_nfc_lengthens_a_line() {
    let l = load("\u{FB2A}\u{FB2A} x\n\ny".as_bytes());
    assert_eq!(l.text, "\u{5E9}\u{5C1}\u{5E9}\u{5C1} x\n\ny");
    let mut prev = 0;
    for i in 0..=l.text.len() {
        let s = l.source_offset(i);
        assert!(s >= prev, "offset {i} maps to {s}, before {prev}");
        prev = s;
    }
    assert_eq!(l.source_offset(l.text.find('y').expect("y")), 10);
}

#[test]
fn empty_file_has_no_paragraphs() {
    assert!(load(b"").paragraphs.is_empty());
    assert!(load(b"\n\n  \n").paragraphs.is_empty());
}

mod fuzz {
    use super::*;
    use crate::testing::{cases, tricky_bytes};
    use proptest::prelude::*;

    fn options() -> impl Strategy<Value = LoadOptions> {
        (
            proptest::option::of(proptest::sample::select(vec![
                SourceEncoding::Utf8,
                SourceEncoding::Utf8Bom,
                SourceEncoding::Utf16Le,
                SourceEncoding::Utf16Be,
                SourceEncoding::Windows1250,
                SourceEncoding::Iso8859_2,
                SourceEncoding::Other(encoding_rs::WINDOWS_1252),
            ])),
            proptest::sample::select(vec![HyphenMode::Auto, HyphenMode::Join, HyphenMode::Keep]),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(proptest::sample::select(vec![
                Layout::Wrapped,
                Layout::BlankLines,
                Layout::Lines,
            ])),
            any::<bool>(),
        )
            .prop_map(
                |(encoding, hyphens, clean_control, presplit, layout, keep_furniture)| {
                    LoadOptions {
                        encoding,
                        hyphens,
                        clean_control,
                        presplit,
                        layout,
                        keep_furniture,
                        format: Some(Format::Text),
                    }
                },
            )
    }

    /// What must hold of any successful load.
    fn check_loaded(l: &Loaded, options: &LoadOptions) {
        let mut prev_end = 0;
        for r in &l.paragraphs {
            assert!(
                r.start <= r.end && r.end <= l.text.len(),
                "{r:?} out of bounds"
            );
            assert!(
                r.start >= prev_end,
                "paragraphs overlap or are out of order"
            );
            assert!(l.text.is_char_boundary(r.start) && l.text.is_char_boundary(r.end));
            let p = &l.text[r.clone()];
            if !options.presplit {
                assert!(!p.is_empty(), "empty paragraph");
                assert_eq!(p, p.trim(), "untrimmed paragraph");
                assert!(
                    !p.contains('\n'),
                    "unwrapped paragraph keeps a newline: {p:?}"
                );
            }
            prev_end = r.end;
        }
        assert!(!l.text.contains('\r'), "CR survived normalisation");
        assert!(
            !l.text.contains('\u{0C}'),
            "a form feed survived: {:?}",
            l.text
        );
        let mut prev_line = 0;
        for f in &l.furniture {
            assert!(f.line > prev_line, "furniture out of order");
            assert!(f.range.start <= f.range.end);
            prev_line = f.line;
        }
        assert!(l.sha256.starts_with("sha256:") && l.sha256.len() == 71);
        // Offsets map back monotonically.
        let mut prev = 0;
        for (i, _) in l
            .text
            .char_indices()
            .chain(std::iter::once((l.text.len(), ' ')))
        {
            let s = l.source_offset(i);
            assert!(
                s >= prev,
                "source_offset not monotone at {i} of {:?}",
                l.text
            );
            prev = s;
        }
    }

    /// UTF-8 text without control characters, combining marks, lookalikes or a
    /// header: what survives loading unchanged but for line ends and wraps.
    fn plain_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[a-zA-Z0-9áéőűÁŐ.,!?;:()\"'/]{1,8}",
                proptest::sample::select(vec![
                    " ",
                    "  ",
                    "\t",
                    "\n",
                    "\n\n",
                    "\r\n",
                    "\r",
                    "\r\n\r\n",
                    " \n ",
                    "-\n",
                    "a-\nb",
                    "-",
                    "–",
                    "…",
                    "„",
                    "”",
                    "你好。",
                    "مرحبا.",
                    "שלום.",
                    "🙂",
                    "👩‍👩‍👧",
                ])
                .prop_map(str::to_string),
            ],
            0..60,
        )
        .prop_map(|parts| format!("A {}", parts.concat()))
    }

    proptest! {
        #![proptest_config(cases(512))]

        /// Any bytes, any options: a result or an error, never a panic.
        #[test]
        fn fuzz_load_bytes_never_panics(bytes in tricky_bytes(600), options in options()) {
            if let Ok(l) = load_bytes(&bytes, Path::new("f.txt"), &options) {
                check_loaded(&l, &options);
            }
        }

        /// Valid UTF-8: the paragraphs are slices of the text holding every
        /// non-space character of the file, in order, and offsets map back to the
        /// same characters in the file.
        #[test]
        fn fuzz_utf8_paragraphs_are_slices_of_the_text(
            text in plain_text(),
            hyphens in proptest::sample::select(vec![HyphenMode::Auto, HyphenMode::Join, HyphenMode::Keep]),
            presplit in any::<bool>(),
        ) {
            let options = LoadOptions { hyphens, presplit, ..LoadOptions::default() };
            let l = load_bytes(text.as_bytes(), Path::new("f.txt"), &options).expect("plain UTF-8 loads");
            check_loaded(&l, &options);
            prop_assert_eq!(l.encoding, SourceEncoding::Utf8);
            // Dropped line-end hyphens are the only characters that may go.
            let keep = |c: &char| !c.is_whitespace() && (hyphens == HyphenMode::Keep || *c != '-');
            let expected: String = text.chars().filter(keep).collect();
            let got: String = l.paragraphs.iter().flat_map(|r| l.text[r.clone()].chars()).filter(keep).collect();
            prop_assert_eq!(got, expected);
            for r in &l.paragraphs {
                for (i, c) in l.text[r.clone()].char_indices() {
                    if c.is_whitespace() {
                        continue;
                    }
                    let at = l.source_offset(r.start + i);
                    prop_assert!(
                        text.get(at..).is_some_and(|rest| rest.starts_with(c)),
                        "offset {} of {:?} maps to {} in the file", r.start + i, c, at
                    );
                }
            }
        }
    }
}
