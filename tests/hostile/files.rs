//! Alignment and bead files: truncated, hand-edited, wrongly typed, indices past the
//! text, malformed gold files.

use super::*;

// ---- alignment and bead files -----------------------------------------------------

#[test]
fn truncated_or_hand_edited_alignment_json() {
    let wd = Workdir::new();
    let json = aligned(&wd);
    let edits = [
        ("cut.json", json[..json.len() / 2].to_string()),
        ("empty.json", String::new()),
        (
            "type.json",
            edited(&json, |v| v["beads"][0]["confidence"] = "high".into()),
        ),
        (
            "conf.json",
            edited(&json, |v| v["beads"][0]["confidence"] = 7.0.into()),
        ),
        (
            "order.json",
            edited(&json, |v| v["beads"][0]["src"] = serde_json::json!([1, 0])),
        ),
        (
            "negative.json",
            edited(&json, |v| v["beads"][0]["src"] = serde_json::json!([-1])),
        ),
        (
            "schema.json",
            json.replace(tandem::alignment::SCHEMA, "tandem-alignment/9"),
        ),
        (
            "locator.json",
            json.replacen("\"id\": \"p1.s1\"", "\"id\": \"p0.s\\n1\"", 1),
        ),
    ];
    for (name, text) in &edits {
        assert_ne!(text, &json, "{name}: the edit must change the file");
        wd.write(name, text);
        for cmd in [
            vec!["show", name],
            vec!["check", name],
            vec!["export", "--format", "tsv", name],
        ] {
            fails(&wd, &cmd, "is not a valid tandem alignment file");
        }
    }
    wd.write("bin.json", b"\xff\xfe{}");
    fails(
        &wd,
        &["show", "bin.json"],
        "is not an alignment file (not UTF-8 JSON",
    );
    wd.write("text.json", "Egy mondat.\n");
    fails(
        &wd,
        &["show", "text.json"],
        "is not an alignment file (not UTF-8 JSON",
    );
}

#[test]
fn alignment_indices_past_the_text() {
    let wd = Workdir::new();
    let json = aligned(&wd);
    wd.write(
        "past.json",
        edited(&json, |v| {
            v["beads"][0]["tgt"] = serde_json::json!([0, 1, 2, 3, 4, 5, 6]);
        }),
    );
    fails(&wd, &["show", "past.json"], "points past the target text");
    fails(
        &wd,
        &["export", "--format", "csv", "past.json"],
        "points past",
    );
    fails(
        &wd,
        &["eval", "-g", "g.txt", "past.json"],
        "cannot read 'g.txt'",
    );
    wd.write("g.txt", "[0]:[0]\n");
    fails(&wd, &["eval", "-g", "g.txt", "past.json"], "points past");
}

#[test]
fn bead_files_for_eval() {
    let wd = Workdir::new();
    wd.write("gold.txt", "[0]:[0]\n[1]:[1]\n");
    wd.write("nonmono.ladder", "0\t0\n3\t2\n2\t3\n");
    fails(
        &wd,
        &["eval", "-g", "gold.txt", "nonmono.ladder"],
        "nonmono.ladder:3: ladder is not monotone",
    );
    wd.write("huge.txt", "[0]:[0]\n[18446744073709551615]:[1]\n");
    fails(
        &wd,
        &["eval", "-g", "huge.txt", "gold.txt"],
        "huge.txt:2: sentence index",
    );
    wd.write("far.txt", "[99999999]:[0]\n");
    wd.write("short.ladder", "0 0\n");
    fails(&wd, &["eval", "-g", "far.txt", "short.ladder"], "too large");
    fails(
        &wd,
        &[
            "eval",
            "--sizes",
            "99999999999,1",
            "-g",
            "short.ladder",
            "short.ladder",
        ],
        "at most",
    );
    wd.write("junk.txt", "hello\n");
    fails(&wd, &["eval", "-g", "junk.txt", "gold.txt"], "junk.txt:1:");
    let r = ok(&wd, &["eval", "--json", "-g", "gold.txt", "gold.txt"]);
    assert!(r.stdout.contains("\"f1_strict\": 1.0"), "{}", r.stdout);
}
