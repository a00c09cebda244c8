//! Hostile inputs through the real binary (issue 9). Every case has an expected outcome:
//! a correct result (exit 0), or exactly one clear `error: …` line and exit 2. Never a
//! panic (exit 101), a hang (each run has a time limit) or unbounded memory (each run has
//! an address-space limit), and the input files are byte-identical afterwards.
//!
//! The table of cases is in `docs/testing.md`. Cases that need root or a Linux `mount`
//! (read-only and full file systems) skip with a note where they cannot run; the
//! permission case skips when running as root, where `chmod 000` does not stop reading.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::Workdir;

/// Address-space limit of every run (KiB): far above what any case needs in a debug
/// build, far below "the machine is swapping".
const MEMORY_LIMIT_KB: u64 = 3_000_000;

/// What a run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Every regular file under `dir` (following symlinks to files), by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let rel = path.strip_prefix(dir).expect("under dir").to_path_buf();
                out.insert(rel, bytes);
            }
        }
    }
    out
}

/// Run `tandem args…` in the work folder with a time and memory limit, and check what
/// must hold of every run: no panic, one `error:` line exactly when exit 2, and every
/// file that existed before (except the `-o` target) unchanged.
fn run_limited(wd: &Workdir, args: &[&str], limit: Duration) -> Run {
    let before = snapshot(wd.path());
    let output_arg = args
        .iter()
        .position(|a| *a == "-o")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let bin = assert_cmd::cargo::cargo_bin("tandem");
    let start = Instant::now();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KB}; exec timeout -s KILL {} \"$0\" \"$@\"",
            limit.as_secs()
        ))
        .arg(&bin)
        .args(args)
        .current_dir(wd.path())
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .env_remove("COLUMNS")
        .output()
        .expect("run tandem");
    let code = out.status.code().unwrap_or(-1);
    let run = Run {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_ne!(
        code, 137,
        "tandem {args:?} was killed after {limit:?} (hang?)"
    );
    assert_ne!(code, 101, "tandem {args:?} panicked:\n{}", run.stderr);
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("memory allocation"),
        "tandem {args:?}: {}",
        run.stderr
    );
    assert!(
        code == 0 || code == 1 || code == 2,
        "tandem {args:?} exited {code} after {:?}:\n{}",
        start.elapsed(),
        run.stderr
    );
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .count();
    if code == 2 {
        assert_eq!(errors, 1, "one error line expected:\n{}", run.stderr);
        // The error is the last line, but for clap's usage hint after a bad flag.
        assert!(
            run.stderr
                .lines()
                .rfind(|l| !l.is_empty() && !l.starts_with("For more information"))
                .is_some_and(|l| l.starts_with("error: ")),
            "the error is the last line:\n{}",
            run.stderr
        );
    } else {
        assert_eq!(errors, 0, "{}", run.stderr);
    }
    let after = snapshot(wd.path());
    for (path, bytes) in &before {
        if output_arg.as_deref() == Some(path.as_path()) {
            continue;
        }
        assert!(
            after.get(path) == Some(bytes),
            "tandem {args:?} changed or removed {}",
            path.display()
        );
    }
    run
}

fn run(wd: &Workdir, args: &[&str]) -> Run {
    run_limited(wd, args, Duration::from_secs(120))
}

/// Exit 0 (warnings allowed).
fn ok(wd: &Workdir, args: &[&str]) -> Run {
    let r = run(wd, args);
    assert_eq!(r.code, 0, "tandem {args:?}:\n{}", r.stderr);
    r
}

/// Exit 2 with one `error:` line containing `what`.
fn fails(wd: &Workdir, args: &[&str], what: &str) -> Run {
    let r = run(wd, args);
    assert_eq!(
        r.code, 2,
        "tandem {args:?} should fail:\n{}{}",
        r.stdout, r.stderr
    );
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_default();
    assert!(line.contains(what), "expected {what:?} in {line:?}");
    r
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

/// Files with a temporary name left in a folder.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".tandem-") || n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs mounted on a folder of the work dir for the test's lifetime (root on Linux
/// only; `None` with a note otherwise).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, options: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).expect("mkdir");
        let ok = is_root()
            && std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", options, "tmpfs"])
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("note: cannot mount a tmpfs here (needs root on Linux); case skipped");
            return None;
        }
        Some(Tmpfs(dir.to_path_buf()))
    }

    fn remount(&self, options: &str) -> bool {
        std::process::Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

const HU: &str = "Havanna, 1963. január 28.\n\nA válság óta nem változott semmi. Ez a fő tény.\n";
const EN: &str =
    "Havana, 28 January 1963\n\nNothing has changed since the crisis. This is the main fact.\n";

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
    ok(
        &wd,
        &["align", "one.hu.txt", "empty.en.txt", "-o", "o.json"],
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

// ---- alignment and bead files -----------------------------------------------------

/// An alignment of HU/EN in the work folder, as JSON text.
fn aligned(wd: &Workdir) -> String {
    wd.write("d.hu.txt", HU);
    wd.write("d.en.txt", EN);
    ok(wd, &["align", "d.hu.txt", "d.en.txt", "-o", "d.json"]);
    String::from_utf8(wd.read("d.json")).expect("utf-8")
}

/// The alignment JSON with one value replaced.
fn edited(json: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("json");
    edit(&mut v);
    serde_json::to_string_pretty(&v).expect("json")
}

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
    fails(&wd, &["show", "bin.json"], "not UTF-8");
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

// ---- the file system ----------------------------------------------------------------

#[test]
fn symlinked_input_works_and_a_symlink_loop_is_an_error() {
    let wd = Workdir::new();
    wd.write("real.hu.txt", HU);
    std::os::unix::fs::symlink("real.hu.txt", wd.path().join("link.hu.txt")).expect("symlink");
    let want = ok(&wd, &["split", "real.hu.txt"]).stdout;
    assert_eq!(ok(&wd, &["split", "link.hu.txt"]).stdout, want);
    std::os::unix::fs::symlink("loop2.hu.txt", wd.path().join("loop1.hu.txt")).expect("symlink");
    std::os::unix::fs::symlink("loop1.hu.txt", wd.path().join("loop2.hu.txt")).expect("symlink");
    let r = fails(
        &wd,
        &["split", "loop1.hu.txt"],
        "cannot read 'loop1.hu.txt'",
    );
    assert!(r.stderr.contains("symbolic links"), "{}", r.stderr);
    // An output path that is a symlink to an input is refused.
    wd.write("o.en.txt", EN);
    fails(
        &wd,
        &[
            "align",
            "real.hu.txt",
            "o.en.txt",
            "--force",
            "-o",
            "link.hu.txt",
        ],
        "is an input",
    );
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::new();
    let path = wd.write("secret.hu.txt", HU);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        eprintln!("note: running as root, chmod 000 does not stop reading; case skipped");
        return;
    }
    fails(&wd, &["split", "secret.hu.txt"], "Permission denied");
}

#[test]
fn output_in_a_missing_folder() {
    let wd = Workdir::new();
    wd.write("a.hu.txt", HU);
    wd.write("a.en.txt", EN);
    let r = fails(
        &wd,
        &["align", "a.hu.txt", "a.en.txt", "-o", "no/such/dir/a.json"],
        "its folder does not exist",
    );
    assert!(!r.stderr.contains(".tandem-"), "{}", r.stderr);
    assert!(!wd.path().join("no").exists());
}

/// A read-only folder: a failed write leaves the old file intact and no temp file.
#[test]
fn output_in_a_read_only_folder() {
    let wd = Workdir::new();
    wd.write("a.hu.txt", HU);
    wd.write("a.en.txt", EN);
    let dir = wd.path().join("ro");
    // As root, permissions do not stop writing: use a read-only tmpfs instead.
    let _mount = if is_root() {
        let Some(m) = Tmpfs::mount(&dir, "size=1m") else {
            return;
        };
        Some(m)
    } else {
        std::fs::create_dir_all(&dir).expect("mkdir");
        None
    };
    ok(&wd, &["align", "a.hu.txt", "a.en.txt", "-o", "ro/a.json"]);
    let old = wd.read("ro/a.json");
    match &_mount {
        Some(m) => assert!(m.remount("ro"), "remount read-only"),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        }
    }
    wd.write("b.en.txt", EN.replace("main", "chief"));
    let r = fails(
        &wd,
        &["align", "a.hu.txt", "b.en.txt", "-o", "ro/a.json"],
        "cannot write 'ro/a.json'",
    );
    assert!(!r.stderr.contains(".tandem-"), "{}", r.stderr);
    assert_eq!(wd.read("ro/a.json"), old, "old file intact");
    assert_eq!(temp_files(&dir), Vec::<String>::new());
    if _mount.is_none() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// A full disk (64 KiB tmpfs): a failed write leaves the old file intact, no partial
/// new file and no temp file.
#[test]
fn output_on_a_full_disk() {
    let wd = Workdir::new();
    let dir = wd.path().join("full");
    let Some(_mount) = Tmpfs::mount(&dir, "size=64k") else {
        return;
    };
    wd.write("a.hu.txt", HU);
    wd.write("a.en.txt", EN);
    ok(&wd, &["align", "a.hu.txt", "a.en.txt", "-o", "full/a.json"]);
    let old = wd.read("full/a.json");
    // About 150 KB of JSON: does not fit.
    wd.write(
        "big.hu.txt",
        "Ez egy hosszabb mondat a teszthez. ".repeat(2000),
    );
    wd.write(
        "big.en.txt",
        "This is a longer sentence for the test. ".repeat(2000),
    );
    let r = fails(
        &wd,
        &["align", "big.hu.txt", "big.en.txt", "-o", "full/a.json"],
        "No space left on device",
    );
    assert!(!r.stderr.contains(".tandem-"), "{}", r.stderr);
    assert_eq!(wd.read("full/a.json"), old, "old file intact");
    fails(
        &wd,
        &["align", "big.hu.txt", "big.en.txt", "-o", "full/new.json"],
        "No space left on device",
    );
    assert!(!dir.join("new.json").exists(), "no partial file");
    assert_eq!(temp_files(&dir), Vec::<String>::new());
}
