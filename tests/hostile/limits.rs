//! Time bounded by input size, interrupts and resources (issue 16, classes 6 and 7).

use super::*;

/// One token of `n` characters (no space to wrap at).
fn token(n: usize) -> String {
    "x".repeat(n)
}

/// A table cell with one 60,000-character token (`show`, `check`, `diff`): comfy-table
/// took time quadratic in such a token (6 s for 20,000 characters in a debug build).
#[test]
fn one_very_long_token_in_a_table_is_quick() {
    let wd = Workdir::new();
    let long = token(60_000);
    wd.write("l.hu.txt", format!("Első mondat. {long}. Vége.\n"));
    wd.write("l.en.txt", format!("First sentence. {long}y. End.\n"));
    wd.write("l2.en.txt", format!("First sentence. {long}z. End.\n"));
    let limit = Duration::from_secs(30);
    let r = run_limited(
        &wd,
        &["align", "l.hu.txt", "l.en.txt", "-o", "l.json"],
        limit,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for args in [
        vec!["show", "l.json"],
        vec!["check", "l.json"],
        vec!["diff", "l.en.txt", "l2.en.txt"],
    ] {
        let r = run_limited(&wd, &args, limit);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            r.elapsed < Duration::from_secs(15),
            "{args:?} took {:?}",
            r.elapsed
        );
    }
    let r = ok(&wd, &["show", "l.json", "--width", "120"]);
    assert!(
        r.stdout.contains("more characters; --format tsv shows all"),
        "cell cut"
    );
}

/// A 2,000-character misquotation and one of 10,000 (cut to the near search's limit),
/// and an ellipsis quotation whose first piece occurs thousands of times while the
/// second never does: each answers in well under the time limit.
#[test]
fn long_and_pathological_quotations_are_quick() {
    let wd = Workdir::new();
    bundled_corpus(&wd);
    wd.write(
        "originals/many.hu.txt",
        "A mondat ismétlődik itt. ".repeat(10_000),
    );
    wd.write(
        "translations/many.en.txt",
        "The sentence is repeated here. ".repeat(10_000),
    );
    ok(&wd, &["align", "--all"]);
    let udhr = String::from_utf8(wd.read("translations/udhr.en.txt")).expect("utf-8");
    let body: String = udhr
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join(" ");
    let base = body.repeat(3);
    let misquote = |len: usize| -> String {
        base.chars()
            .skip(1500)
            .take(len)
            .enumerate()
            .map(|(i, c)| {
                if i % 40 == 20 && c.is_alphabetic() {
                    'q'
                } else {
                    c
                }
            })
            .collect()
    };
    let opts = Opts {
        time: Duration::from_secs(60),
        may_change: &["alignments/.tandem-cite-index"],
        ..Opts::default()
    };
    for len in [2_000, 10_000] {
        let quote = misquote(len);
        let r = run_with(&wd, &["cite", &quote], &opts);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stdout.contains("did you mean"),
            "{}",
            &r.stdout[..200.min(r.stdout.len())]
        );
        assert!(
            r.elapsed < Duration::from_secs(20),
            "{len}: {:?}",
            r.elapsed
        );
    }
    let r = run_with(
        &wd,
        &["cite", "the sentence is … never written anywhere"],
        &opts,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.elapsed < Duration::from_secs(20), "{:?}", r.elapsed);
}

/// Ctrl-C during the alignment of one long document in a batch stops it within a second
/// (the search checks a cancel flag on every row; what cannot stop at once is cut short
/// after half a second, never in the middle of a write), says so and exits 130; the file
/// is not written, or written whole. (Release build, 300,000 sentences: 0.2–0.6 s in
/// every phase; docs/testing.md.)
#[test]
fn ctrl_c_stops_a_long_alignment() {
    let wd = Workdir::new();
    let words = ["alma", "körte", "szilva", "barack", "dió", "mogyoró"];
    let en = ["apple", "pear", "plum", "peach", "walnut", "hazelnut"];
    let (mut hu, mut tr) = (String::new(), String::new());
    // Each sentence opens with a capital, so that there are 40,000 sentences to align
    // (after `12. alma` a Hungarian ordinal dot rightly ends nothing: the text would be
    // one sentence and the search trivial).
    let sentence = |words: &[&str], pick: &[usize], i: usize| {
        let mut s = pick.iter().map(|&p| words[p]).collect::<Vec<_>>().join(" ");
        if let Some(first) = s.chars().next() {
            s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        format!("{s} {i}. ")
    };
    for i in 0..40_000usize {
        let k = 3 + i % 7;
        let pick: Vec<usize> = (0..k).map(|j| (i * 7 + j * 3) % 6).collect();
        hu.push_str(&sentence(&words, &pick, i));
        tr.push_str(&sentence(&en, &pick, i));
    }
    wd.write("originals/long.hu.txt", hu);
    wd.write("translations/long.en.txt", tr);
    let bin = assert_cmd::cargo::cargo_bin("tandem");
    let mut child = std::process::Command::new(bin)
        .args(["align", "--all", "-q"])
        .current_dir(wd.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Long enough to be inside the search (loading takes a fraction of this).
    std::thread::sleep(Duration::from_secs(4));
    let sent = Instant::now();
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(Instant::now() < deadline, "no exit a minute after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    let stopped = sent.elapsed();
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if status.code() == Some(0) {
        eprintln!("note: the alignment finished before Ctrl-C; case not meaningful here");
        return;
    }
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted: "), "{stderr}");
    // Either not written at all, or written whole (when the signal came after it).
    if wd.path().join("alignments/long.json").exists() {
        ok(&wd, &["show", "alignments/long.json", "--format", "tsv"]);
    } else {
        assert!(
            stderr.contains("not aligned") || stderr.contains("none is half-written"),
            "{stderr}"
        );
    }
    assert_eq!(
        temp_files(&wd.path().join("alignments")),
        Vec::<String>::new()
    );
    assert!(
        stopped < Duration::from_secs(5),
        "stopped after {stopped:?}"
    );
}

/// `-j 100000` is capped (it spent 28 s starting threads); a batch with failures prints
/// one `failed:` line per failed document and a true summary.
#[test]
fn huge_job_counts_are_capped_and_failures_are_summed_up() {
    let wd = Workdir::new();
    for id in ["a", "b", "c"] {
        wd.write(&format!("originals/{id}.hu.txt"), HU);
        wd.write(&format!("translations/{id}.en.txt"), EN);
    }
    wd.write("originals/bad1.hu.txt", b"\0\0\0binary");
    wd.write("translations/bad1.en.txt", EN);
    wd.write("originals/bad2.hu.txt", HU);
    wd.write("translations/bad2.en.txt", b"\xff\xfe\0\0\0\0\0\0");
    let r = run_limited(
        &wd,
        &["align", "--all", "-j", "100000"],
        Duration::from_secs(60),
    );
    expect_error(&r, &["align", "--all"], "2 of 5 document(s) failed");
    assert!(r.elapsed < Duration::from_secs(20), "{:?}", r.elapsed);
    let failed: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("failed:"))
        .collect();
    assert_eq!(failed.len(), 2, "{}", r.stderr);
    assert!(failed[0].starts_with("failed: bad1: "), "{}", r.stderr);
    assert!(failed[1].starts_with("failed: bad2: "), "{}", r.stderr);
    assert!(
        r.stdout.contains("5 document(s): 3 aligned, 2 failed"),
        "{}",
        r.stdout
    );
    // A rerun skips what is done and fails the same two again.
    let r = run_limited(
        &wd,
        &["align", "--all", "-j", "100000"],
        Duration::from_secs(60),
    );
    assert!(
        r.stdout.contains("5 document(s): 3 up to date, 2 failed"),
        "{}",
        r.stdout
    );
}
