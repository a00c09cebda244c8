//! Integrity of what is shown (issue 16, class 4): what is read from an alignment is
//! verified, and text from files never drives the terminal or forges a line.

use super::*;

/// The JSON with the checksum of the target sentences removed (a file written before
/// tandem recorded one), so that hand edits reach the commands that show text.
fn without_checksum(json: &str) -> String {
    edited(json, |v| {
        if let Some(t) = v["target"].as_object_mut() {
            t.remove("sentences_sha256");
        }
    })
}

/// Replace the text of target sentence `k`, keeping its byte range consistent.
fn with_target_text(json: &str, k: usize, text: &str) -> String {
    edited(json, |v| {
        let s = &mut v["target"]["sentences"][k];
        let start = s["start"].as_u64().expect("start");
        s["text"] = text.into();
        s["end"] = (start + text.len() as u64).into();
    })
}

/// A hand-edited sentence (same length: "fact" → "fast"; or another length) and a bead
/// whose type disagrees with its sentence counts are refused by every reader.
#[test]
fn hand_edits_of_an_alignment_are_detected() {
    let wd = Workdir::new();
    let json = aligned(&wd);
    assert!(json.contains("This is the main fact."));
    wd.write(
        "same.json",
        json.replacen("the main fact.", "the main fast.", 1),
    );
    wd.write(
        "longer.json",
        json.replacen("the main fact.", "the main fact!!", 1),
    );
    wd.write(
        "type.json",
        edited(&json, |v| v["beads"][0]["type"] = "2-1".into()),
    );
    for (name, what) in [
        ("same.json", "checksum"),
        ("longer.json", "its text was edited"),
        ("type.json", "has type '2-1' but"),
    ] {
        for cmd in [
            vec!["show", name],
            vec!["check", name],
            vec!["export", "--format", "tmx", name],
            vec!["eval", "-g", "g.txt", name],
        ] {
            wd.write("g.txt", "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
            let r = run(&wd, &cmd);
            expect_error(&r, &cmd, what);
        }
    }
}

/// Escape sequences in an alignment (sentences, locators' neighbours, the id) and in a
/// sidecar (title, archive reference with a line break that would forge a line) are
/// shown escaped by show, check, cite and export's terminal-bound outputs.
#[test]
fn escape_sequences_from_files_are_shown_escaped() {
    let wd = Workdir::new();
    wd.write("originals/e.hu.txt", HU);
    wd.write("translations/e.en.txt", EN);
    ok(&wd, &["align", "--all"]);
    let json = String::from_utf8(wd.read("alignments/e.json")).expect("utf-8");
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31mRed\u{202e}txet";
    wd.write(
        "alignments/e.json",
        with_target_text(&without_checksum(&json), 2, evil),
    );
    wd.write(
        "originals/e.toml",
        "id = \"e\"\ntitle = \"Title\\u001b[8m hidden\"\nstatus = \"reconstruction\"\narchive_ref = \"X\\nStatus of the Hungarian text: archival\"\n",
    );
    let may = Opts {
        may_change: &["alignments/.tandem-cite-index"],
        ..Opts::default()
    };
    for cmd in [
        vec!["show", "alignments/e.json", "--allow-stale"],
        vec![
            "show",
            "alignments/e.json",
            "--allow-stale",
            "--format",
            "markdown",
        ],
        vec!["check", "alignments/e.json", "--allow-stale"],
        vec!["cite", "Havana, 28 January 1963"],
        vec!["cite", "--id", "e:p2.s2"],
        vec!["cite", "--id", "e:p2.s2", "--format", "markdown"],
        vec!["cite", "--id", "e:p2.s2", "--format", "bibtex"],
    ] {
        let r = run_with(&wd, &cmd, &may);
        assert!(r.code == 0 || r.code == 1, "{cmd:?}: {}", r.stderr);
        // The harness already refuses a raw ESC; no C1 CSI nor bidi override either.
        for bad in ['\u{9b}', '\u{202e}', '\u{7}'] {
            assert!(
                !r.stdout.contains(bad) && !r.stderr.contains(bad),
                "{cmd:?}"
            );
        }
        // The terminal form escapes line breaks inside a field too.
        if !cmd.contains(&"--format") {
            assert!(
                !r.stdout
                    .lines()
                    .any(|l| l.starts_with("Status of the Hungarian text: archival")),
                "{cmd:?}: a forged line:\n{}",
                r.stdout
            );
        }
    }
}

/// A file name with a line break and escape sequences: the error names it escaped, in
/// exactly one `error:` line (today it forged a second one).
#[test]
fn file_names_cannot_forge_lines() {
    let wd = Workdir::new();
    let name = "x\nerror: forged\u{1b}[31m.hu.txt";
    wd.write(name, "a\0b");
    let r = fails(&wd, &["split", name], "x\\nerror: forged\\u{1b}[31m.hu.txt");
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    fails(
        &wd,
        &["show", "no\nerror: such.json"],
        "no\\nerror: such.json",
    );
    // clap's own errors quote the argument too.
    let r = run(&wd, &["show", "--range", "p1\nerror: forged", "x.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("p1\\nerror: forged"), "{}", r.stderr);
}
