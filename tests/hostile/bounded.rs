//! Bounded reads (issue 16, class 3): every file tandem opens is a regular file of
//! bounded size, or is refused with one line; nothing blocks on a FIFO or reads a
//! device; running out of memory is a one-line error with exit 2.

use super::*;

const QUICK: Duration = Duration::from_secs(20);

/// An alignment whose texts are named as a device or a FIFO: `show`, `check`, `export`
/// and `cite` refuse them at once (today `/dev/zero` made `show` read gigabytes).
#[test]
fn texts_named_by_an_alignment_are_never_devices_or_pipes() {
    let wd = Workdir::new();
    let json = aligned(&wd);
    let mut targets = vec!["/dev/zero".to_string(), "/dev/stdin".to_string()];
    if mkfifo(&wd.path().join("pipe.txt")) {
        targets.push(wd.path().join("pipe.txt").display().to_string());
    }
    for target in &targets {
        wd.write(
            "alignments/z.json",
            edited(&json, |v| v["source"]["path"] = target.as_str().into()),
        );
        for cmd in [
            vec!["show", "alignments/z.json"],
            vec!["check", "alignments/z.json"],
            vec!["export", "--format", "tsv", "alignments/z.json"],
        ] {
            let r = run_limited(&wd, &cmd, QUICK);
            expect_error(&r, &cmd, "names a text that tandem will not read");
        }
        // cite: the document is refused, the run does not hang.
        let r = run_with(
            &wd,
            &["cite", "Nothing has changed since the crisis."],
            &Opts {
                time: QUICK,
                may_change: &["alignments/.tandem-cite-index"],
                ..Opts::default()
            },
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
    }
}

/// Inputs that are devices or pipes: texts, dictionaries, abbreviation lists, gold
/// files, sidecars.
#[test]
fn inputs_that_are_devices_or_pipes_are_refused() {
    let wd = Workdir::new();
    aligned(&wd);
    let fifo = mkfifo(&wd.path().join("fifo.txt"));
    let mut cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["split", "/dev/zero"], "a device"),
        (
            vec!["align", "/dev/zero", "d.en.txt", "-o", "z.json"],
            "a device",
        ),
        (
            vec![
                "align",
                "d.hu.txt",
                "d.en.txt",
                "--dict",
                "/dev/zero",
                "-o",
                "z.json",
            ],
            "a device",
        ),
        (
            vec!["split", "--abbrev", "/dev/urandom", "d.hu.txt"],
            "a device",
        ),
        (vec!["eval", "-g", "/dev/zero", "d.json"], "a device"),
        (vec!["show", "/dev/zero"], "a device"),
    ];
    if fifo {
        cases.push((vec!["split", "fifo.txt"], "named pipe"));
        cases.push((
            vec!["split", "--abbrev", "fifo.txt", "d.hu.txt"],
            "named pipe",
        ));
        cases.push((vec!["eval", "-g", "fifo.txt", "d.json"], "named pipe"));
        cases.push((vec!["show", "fifo.txt"], "named pipe"));
        // check and diff first ask whether an input is an alignment file: never by
        // opening a pipe.
        cases.push((vec!["check", "fifo.txt", "d.en.txt"], "named pipe"));
        cases.push((vec!["diff", "d.en.txt", "fifo.txt"], "named pipe"));
    }
    for (args, what) in &cases {
        let r = run_limited(&wd, args, QUICK);
        expect_error(&r, args, what);
    }
    // A sidecar that is a FIFO: a warning, the citation still comes.
    if fifo {
        let wd = Workdir::new();
        wd.write("originals/p.hu.txt", HU);
        wd.write("translations/p.en.txt", EN);
        ok(&wd, &["align", "--all"]);
        assert!(mkfifo(&wd.path().join("originals/p.toml")));
        let r = run_limited(&wd, &["cite", "This is the main fact."], QUICK);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("named pipe"), "{}", r.stdout);
    }
}

/// Sizes: a text over the limit is refused without reading it (a sparse 1 GiB file);
/// standard input is bounded too (`split -` from /dev/zero stops at the limit).
#[test]
fn files_over_the_limit_are_refused() {
    let wd = Workdir::new();
    // Outside the work folder, which the harness reads whole before and after.
    let elsewhere = Workdir::new();
    let huge = elsewhere.path().join("huge.hu.txt");
    let big = std::fs::File::create(&huge).expect("create");
    big.set_len((1 << 30) + 1).expect("sparse file");
    let huge = huge.display().to_string();
    let r = run_limited(&wd, &["split", &huge], QUICK);
    expect_error(&r, &["split", &huge], "may be at most 1.0 GiB");
    let r = run_with(
        &wd,
        &["split", "-"],
        &Opts {
            stdin: Some(Path::new("/dev/zero")),
            time: Duration::from_secs(60),
            ..Opts::default()
        },
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("<stdin>")
            && (r.stderr.contains("at most") || r.stderr.contains("memory")),
        "{}",
        r.stderr
    );
}

/// Out of memory: estimated before loading (a 60 MB text under a 250 MB limit: its
/// estimate is over the limit by more than any build's own footprint) and
/// before aligning (a full search of 20,000 × 20,000 sentences forced with
/// --max-full-cells), and caught where no estimate looks (a ladder closed to ten million
/// sentences under 300 MB): one `error:` line and exit 2, never an abort.
#[test]
fn running_out_of_memory_is_a_one_line_error() {
    let wd = Workdir::new();
    let limited = |memory_kb| Opts {
        memory_kb,
        ..Opts::default()
    };
    wd.write("big.hu.txt", "Ez egy mondat. ".repeat(60_000_000 / 15));
    let args = ["split", "big.hu.txt"];
    let r = run_with(&wd, &args, &limited(250_000));
    expect_error(&r, &args, "not enough memory to load 'big.hu.txt'");
    wd.write("k.hu.txt", "Igen. ".repeat(20_000));
    wd.write("k.en.txt", "Yes. ".repeat(20_000));
    let args = [
        "align",
        "k.hu.txt",
        "k.en.txt",
        "--max-full-cells",
        "1000000000000",
        "-o",
        "k.json",
    ];
    let r = run_with(&wd, &args, &limited(1_000_000));
    expect_error(
        &r,
        &args,
        "not enough memory to align 20000 with 20000 sentences",
    );
    assert!(!wd.path().join("k.json").exists());
    wd.write("short.ladder", "0 0\n");
    let args = [
        "eval",
        "--sizes",
        "10000000,10000000",
        "-g",
        "short.ladder",
        "short.ladder",
    ];
    let r = run_with(&wd, &args, &limited(300_000));
    expect_error(&r, &args, "out of memory");
}
