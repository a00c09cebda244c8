//! Ownership before overwriting (issue 16, class 2): what tandem may replace, what it
//! must never write to, modes, and leftovers of killed runs.

use std::os::unix::fs::PermissionsExt;

use super::*;

fn mode(wd: &Workdir, name: &str) -> u32 {
    std::fs::metadata(wd.path().join(name))
        .expect("meta")
        .permissions()
        .mode()
        & 0o777
}

/// A note that mentions the schema tag near its start is not an alignment file: not
/// replaced without `--force`. Nor is an alignment file cut short.
#[test]
fn only_a_whole_alignment_file_counts_as_tandems() {
    let wd = Workdir::new();
    let json = aligned(&wd);
    wd.write(
        "note.json",
        "My notes on \"schema\": \"tandem-alignment/1\", to check before the meeting.\n",
    );
    wd.write("cut.json", &json[..json.len() / 2]);
    for target in ["note.json", "cut.json"] {
        fails(
            &wd,
            &["align", "d.hu.txt", "d.en.txt", "-o", target],
            "was not written by tandem",
        );
    }
    // A whole one is replaced.
    ok(&wd, &["align", "d.hu.txt", "d.en.txt", "-o", "d.json"]);
}

/// Never written or read to sniff: standard output as a path, a FIFO, a device (as
/// root, `--force` must not replace /dev/null), a folder.
#[test]
fn pipes_devices_and_folders_are_never_written() {
    let wd = Workdir::new();
    aligned(&wd);
    let limit = Duration::from_secs(20);
    for (target, force) in [
        ("/dev/stdout", false),
        ("/dev/null", true),
        ("/dev/zero", true),
        (".", true),
    ] {
        let mut args = vec!["align", "d.hu.txt", "d.en.txt", "-o", target];
        if force {
            args.push("--force");
        }
        let r = run_limited(&wd, &args, limit);
        expect_error(&r, &args, "not a regular file");
    }
    let null = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(!null.is_file(), "/dev/null is still a device");
    if mkfifo(&wd.path().join("pipe.json")) {
        for force in [false, true] {
            let mut args = vec!["export", "--format", "tsv", "d.json", "-o", "pipe.json"];
            if force {
                args.push("--force");
            }
            let r = run_limited(&wd, &args, limit);
            expect_error(&r, &args, "named pipe");
        }
    }
    // `-o -` is how to write to standard output.
    let r = ok(&wd, &["export", "--format", "tsv", "d.json", "-o", "-"]);
    assert!(r.stdout.contains("Nothing has changed"), "{}", r.stdout);
}

/// `--force` never writes over a file the same command reads: a dictionary, an
/// abbreviation list, the texts an exported alignment names (also through a hard link).
#[test]
fn force_never_overwrites_an_input_of_the_command() {
    let wd = Workdir::new();
    aligned(&wd);
    wd.write("my.dic", "crisis @ válság\n");
    wd.write("abbr.txt", "ún.\n");
    for args in [
        vec![
            "align", "d.hu.txt", "d.en.txt", "--dict", "my.dic", "-o", "my.dic", "--force",
        ],
        vec![
            "align", "d.hu.txt", "d.en.txt", "--abbrev", "abbr.txt", "-o", "abbr.txt", "--force",
        ],
        vec![
            "export", "--format", "tsv", "d.json", "-o", "d.en.txt", "--force",
        ],
        vec![
            "export", "--format", "tsv", "d.json", "-o", "d.json", "--force",
        ],
        vec![
            "export", "--format", "xliff", "d.json", "-o", "d.json", "--force",
        ],
    ] {
        let r = fails(&wd, &args, "is an input of this command");
        // Refused before anything is reported as done (no "N translation unit(s)").
        assert_eq!(lines(&r.stderr).len(), 1, "{args:?}: {}", r.stderr);
    }
    std::fs::hard_link(wd.path().join("d.hu.txt"), wd.path().join("same.txt")).expect("link");
    fails(
        &wd,
        &[
            "export", "--format", "tsv", "d.json", "-o", "same.txt", "--force",
        ],
        "is an input of this command",
    );
    assert_eq!(wd.read("d.hu.txt"), HU.as_bytes());
}

/// New files follow the umask (the harness runs with 022: 0644); a replaced file keeps
/// its mode.
#[test]
fn modes_follow_the_umask_and_replaced_files_keep_theirs() {
    let wd = Workdir::new();
    aligned(&wd);
    assert_eq!(mode(&wd, "d.json"), 0o644);
    ok(&wd, &["export", "--format", "tsv", "d.json", "-o", "d.tsv"]);
    assert_eq!(mode(&wd, "d.tsv"), 0o644);
    std::fs::set_permissions(
        wd.path().join("d.tsv"),
        std::fs::Permissions::from_mode(0o600),
    )
    .expect("chmod");
    ok(
        &wd,
        &[
            "export", "--format", "tsv", "d.json", "-o", "d.tsv", "--force",
        ],
    );
    assert_eq!(mode(&wd, "d.tsv"), 0o600);
    std::fs::set_permissions(
        wd.path().join("d.json"),
        std::fs::Permissions::from_mode(0o664),
    )
    .expect("chmod");
    ok(
        &wd,
        &["align", "d.hu.txt", "d.en.txt", "-o", "d.json", "--force"],
    );
    assert_eq!(mode(&wd, "d.json"), 0o664);
}

/// A run killed with `kill -9` while writing leaves `.tandem-XXXXXX.tmp`; the next write
/// into that folder removes it. Files that only look similar stay.
#[test]
fn leftovers_of_killed_runs_are_removed_by_the_next_write() {
    let wd = Workdir::new();
    aligned(&wd);
    wd.write("out/.tandem-Xy12Zq.tmp", "half an alignment");
    wd.write("out/.tandem-notes.tmp", "not tandem's: wrong pattern");
    wd.write("out/.tandem-cite-index", "not a temporary file");
    let r = run_with(
        &wd,
        &["export", "--format", "tsv", "d.json", "-o", "out/d.tsv"],
        &Opts {
            may_change: &["out/.tandem-Xy12Zq.tmp"],
            ..Opts::default()
        },
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut left = temp_files(&wd.path().join("out"));
    left.sort();
    assert_eq!(left, [".tandem-cite-index", ".tandem-notes.tmp"]);
}
