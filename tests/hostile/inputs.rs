//! Sizes, bytes and encodings: empty and huge files, NUL bytes, broken UTF-8, UTF-16
//! without BOM, line ends, scripts, emoji, punctuation only.

use super::*;

// ---- sizes -------------------------------------------------------------------------

#[test]
fn empty_and_tiny_files() {
    let wd = Workdir::new();
    wd.write("empty.hu.txt", "");
    wd.write("empty.en.txt", "");
    wd.write("x.hu.txt", "x");
    wd.write("nl.hu.txt", "\n");
    wd.write("ff.hu.txt", b"\xff");
    wd.write("nul.hu.txt", b"\0");
    assert_eq!(ok(&wd, &["split", "empty.hu.txt"]).stdout, "");
    assert_eq!(ok(&wd, &["split", "nl.hu.txt"]).stdout, "");
    assert_eq!(ok(&wd, &["split", "x.hu.txt"]).stdout, "x\n");
    // A lone 0xFF is not UTF-8: read as Windows-1250, with a warning.
    let r = ok(&wd, &["split", "ff.hu.txt"]);
    assert_eq!(r.stdout, "˙\n");
    assert!(r.stderr.contains("Windows-1250"), "{}", r.stderr);
    fails(&wd, &["split", "nul.hu.txt"], "binary");
    // Aligning, checking and exporting nothing gives nothing, not an error.
    ok(
        &wd,
        &["align", "empty.hu.txt", "empty.en.txt", "-o", "e.json"],
    );
    ok(&wd, &["check", "e.json"]);
    ok(&wd, &["show", "e.json"]);
    let r = ok(&wd, &["export", "--format", "vecalign", "e.json"]);
    assert_eq!(r.stdout, "");
    // One empty side: every sentence of the other is unpaired.
    wd.write("one.hu.txt", HU);
    let r = ok(
        &wd,
        &["align", "one.hu.txt", "empty.en.txt", "-o", "o.json"],
    );
    assert!(
        r.stderr.contains(
            "warning: 'empty.en.txt' has no sentences: every sentence of 'one.hu.txt' is left unpaired"
        ),
        "{}",
        r.stderr
    );
    // check says which text is empty.
    fails(
        &wd,
        &["check", "one.hu.txt", "empty.en.txt"],
        "nothing to check: 'empty.en.txt' has no sentences",
    );
    let r = ok(&wd, &["export", "--format", "vecalign", "o.json"]);
    assert_eq!(lines(&r.stdout), ["[0]:[]", "[1]:[]", "[2]:[]"]);
}

/// A 20 MB file without a newline: one paragraph of 1,333,333 sentences. (100 MB was
/// checked by hand in a release build: see docs/testing.md.)
#[test]
fn large_file_without_newline_splits() {
    let wd = Workdir::new();
    let n = 20_000_000 / 15;
    wd.write("big.hu.txt", "Ez egy mondat. ".repeat(n));
    let r = ok(&wd, &["split", "big.hu.txt"]);
    assert_eq!(r.stdout.lines().count(), n);
    assert!(r.stdout.lines().all(|l| l == "Ez egy mondat."));
}

/// 1,000,000 one-word sentences split; 100,000 align (1,000,000 was aligned by hand in
/// a release build: see docs/testing.md).
#[test]
fn a_million_one_word_sentences() {
    let wd = Workdir::new();
    wd.write("m.hu.txt", "Igen. ".repeat(1_000_000));
    let r = ok(&wd, &["split", "m.hu.txt"]);
    assert_eq!(r.stdout.len(), "Igen.\n".len() * 1_000_000);
    wd.write("k.hu.txt", "Igen. ".repeat(100_000));
    wd.write("k.en.txt", "Yes. ".repeat(100_000));
    ok(
        &wd,
        &[
            "align", "k.hu.txt", "k.en.txt", "--format", "ladder", "-o", "k.ladder",
        ],
    );
    let ladder = String::from_utf8(wd.read("k.ladder")).expect("utf-8");
    let rungs: Vec<&str> = ladder.lines().collect();
    assert_eq!(rungs.len(), 100_001);
    assert!(rungs
        .iter()
        .enumerate()
        .all(|(i, l)| l.starts_with(&format!("{i}\t{i}"))));
}

// ---- bytes and encodings ------------------------------------------------------------

#[test]
fn nul_bytes_are_refused_or_cleaned() {
    let wd = Workdir::new();
    let text = format!("{}\0{}", HU.repeat(3), HU.repeat(3));
    wd.write("n.hu.txt", &text);
    fails(&wd, &["split", "n.hu.txt"], "--clean-control");
    let r = ok(&wd, &["split", "--clean-control", "n.hu.txt"]);
    assert!(r.stderr.contains("control character"), "{}", r.stderr);
    assert!(!r.stdout.contains('\0'));
}

#[test]
fn invalid_utf8_in_the_middle_of_a_utf8_file() {
    let wd = Workdir::new();
    let mut bytes = HU.as_bytes().to_vec();
    bytes.extend(b"\nT\xc3\x28r\xffsa.\n");
    bytes.extend(HU.as_bytes());
    wd.write("bad.hu.txt", &bytes);
    let r = ok(&wd, &["split", "bad.hu.txt"]);
    assert!(r.stderr.contains("invalid UTF-8"), "{}", r.stderr);
    assert!(r.stdout.contains("T\u{fffd}(r\u{fffd}sa."), "{}", r.stdout);
    assert!(r.stdout.contains("A válság óta nem változott semmi."));
}

#[test]
fn utf16_without_bom_reads_like_utf8() {
    let wd = Workdir::new();
    let le: Vec<u8> = HU.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = HU.encode_utf16().flat_map(u16::to_be_bytes).collect();
    wd.write("u8.hu.txt", HU);
    wd.write("le.hu.txt", le);
    wd.write("be.hu.txt", be);
    let want = ok(&wd, &["split", "u8.hu.txt"]).stdout;
    for f in ["le.hu.txt", "be.hu.txt"] {
        let r = ok(&wd, &["split", f]);
        assert_eq!(r.stdout, want);
        assert!(r.stderr.contains("no byte-order mark"), "{}", r.stderr);
    }
}

#[test]
fn mixed_line_ends_split_like_lf() {
    let wd = Workdir::new();
    let mixed = "Egy sor\r\nfolytatódik. Második.\n\r\nÚj bekezdés\rvége.\r\n";
    let lf = "Egy sor\nfolytatódik. Második.\n\nÚj bekezdés\nvége.\n";
    wd.write("mixed.hu.txt", mixed);
    wd.write("lf.hu.txt", lf);
    let want = ok(&wd, &["split", "--format", "tsv", "lf.hu.txt"]).stdout;
    assert_eq!(
        ok(&wd, &["split", "--format", "tsv", "mixed.hu.txt"]).stdout,
        want
    );
    assert!(want.contains("p2.s1\tÚj bekezdés vége."), "{want}");
}

#[test]
fn rtl_and_cjk_text() {
    let wd = Workdir::new();
    wd.write(
        "t.ar.txt",
        "مرحبا بالعالم. كيف حالك؟ شكرا!\n\nשלום עולם. מה שלומך?\n",
    );
    wd.write(
        "t.zh.txt",
        "你好。世界很大！我们走吧？\n\n日本語の文です。\n",
    );
    assert_eq!(
        lines(&ok(&wd, &["split", "t.ar.txt"]).stdout),
        [
            "مرحبا بالعالم.",
            "كيف حالك؟",
            "شكرا!",
            "שלום עולם.",
            "מה שלומך?"
        ]
    );
    assert_eq!(
        lines(&ok(&wd, &["split", "t.zh.txt"]).stdout),
        ["你好。", "世界很大！", "我们走吧？", "日本語の文です。"]
    );
    ok(&wd, &["align", "t.ar.txt", "t.zh.txt", "-o", "az.json"]);
    let r = ok(&wd, &["export", "--format", "tmx", "az.json"]);
    assert!(r.stdout.contains("שלום עולם."), "{}", r.stdout);
    ok(&wd, &["show", "az.json"]);
}

#[test]
fn emoji_and_combining_marks() {
    let wd = Workdir::new();
    wd.write(
        "e.hu.txt",
        "Szia 👩‍👩‍👧! Ez e\u{301}s o\u{30b}. 🇭🇺 Z\u{351}\u{34a}.\n",
    );
    assert_eq!(
        lines(&ok(&wd, &["split", "e.hu.txt"]).stdout),
        ["Szia 👩‍👩‍👧!", "Ez és ő.", "🇭🇺 Z\u{351}\u{34a}."]
    );
}

#[test]
fn only_punctuation() {
    let wd = Workdir::new();
    wd.write("p.hu.txt", "!!! ... ???\n\n— … ¡¿ .\n");
    wd.write("p.en.txt", "?!\n");
    let r = ok(&wd, &["split", "p.hu.txt"]);
    let kept: String = r.stdout.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(kept, "!!!...???—…¡¿.");
    ok(&wd, &["align", "p.hu.txt", "p.en.txt", "-o", "p.json"]);
    ok(&wd, &["check", "p.json"]);
}
