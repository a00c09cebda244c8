//! Hostile inputs through the real binary (issues 9 and 16). Every case has an expected
//! outcome: a correct result (exit 0), or exactly one clear `error: …` line and exit 2.
//! Never a panic (exit 101), a hang (each run has a time limit) or unbounded memory
//! (each run has an address-space limit), and the input files are byte-identical
//! afterwards.
//!
//! The table of cases is in `docs/testing.md`. One module per class of attack; the
//! harness is here. Cases that need root or a Linux `mount` (read-only and full file
//! systems) skip with a note where they cannot run; the permission case skips when
//! running as root, where `chmod 000` does not stop reading.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::Workdir;

/// Issue 16, class 3: bounded reads, memory.
mod bounded;
/// Alignment and bead files, truncated or hand-edited.
mod files;
/// Links, permissions, read-only folders, full disks.
mod filesystem;
/// Issue 16, class 5: freshness of the cite index.
mod freshness;
/// Issue 16, class 8: honest results.
mod honest;
/// Issue 16, class 1: one document identity everywhere.
mod identity;
/// Sizes, bytes and encodings.
mod inputs;
/// Issue 16, class 4: integrity of what is shown, terminal escaping.
mod integrity;
/// Issue 16, classes 6 and 7: time bounded by input size, interrupts, resources.
mod limits;
/// Issue 16, class 2: ownership before overwriting.
mod ownership;

/// Address-space limit of every run (KiB): far above what any case needs in a debug
/// build, far below "the machine is swapping".
const MEMORY_LIMIT_KB: u64 = 3_000_000;

/// What a run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    /// Wall time of the run.
    elapsed: Duration,
}

/// How to run: limits, standard input, files the run may change.
struct Opts<'a> {
    /// Killed after this long (a hang fails the test).
    time: Duration,
    /// Address-space limit in KiB.
    memory_kb: u64,
    /// A file (or device) to give as standard input; none = empty.
    stdin: Option<&'a Path>,
    /// Files (relative to the work folder) the run may change or remove, besides the
    /// `-o` target.
    may_change: &'a [&'a str],
}

impl Default for Opts<'_> {
    fn default() -> Self {
        Opts {
            time: Duration::from_secs(120),
            memory_kb: MEMORY_LIMIT_KB,
            stdin: None,
            may_change: &[],
        }
    }
}

/// Every regular file under `dir` (following symlinks to files), by relative path.
/// FIFOs, devices and links to them are never opened.
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
            } else if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                if let Ok(bytes) = std::fs::read(&path) {
                    let rel = path.strip_prefix(dir).expect("under dir").to_path_buf();
                    out.insert(rel, bytes);
                }
            }
        }
    }
    out
}

/// Run `tandem args…` in the work folder with a time and memory limit, and check what
/// must hold of every run: no panic, one `error:` line exactly when exit 2, and every
/// file that existed before (except the `-o` target) unchanged.
fn run_limited(wd: &Workdir, args: &[&str], limit: Duration) -> Run {
    run_with(
        wd,
        args,
        &Opts {
            time: limit,
            ..Opts::default()
        },
    )
}

/// [`run_limited`] with all the options. New files are created with umask 022.
fn run_with(wd: &Workdir, args: &[&str], opts: &Opts) -> Run {
    let before = snapshot(wd.path());
    let output_arg = args
        .iter()
        .position(|a| *a == "-o" || *a == "--output")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let bin = assert_cmd::cargo::cargo_bin("tandem");
    let stdin = match opts.stdin {
        Some(p) => std::process::Stdio::from(std::fs::File::open(p).expect("stdin file")),
        None => std::process::Stdio::null(),
    };
    let start = Instant::now();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022; ulimit -v {}; exec timeout -s KILL {} \"$0\" \"$@\"",
            opts.memory_kb,
            opts.time.as_secs()
        ))
        .arg(&bin)
        .args(args)
        .current_dir(wd.path())
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .env_remove("COLUMNS")
        .stdin(stdin)
        .output()
        .expect("run tandem");
    let elapsed = start.elapsed();
    let code = out.status.code().unwrap_or(-1);
    let run = Run {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed,
    };
    assert_ne!(
        code, 137,
        "tandem {args:?} was killed after {:?} (hang?)",
        opts.time
    );
    assert_ne!(code, 101, "tandem {args:?} panicked:\n{}", run.stderr);
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("memory allocation"),
        "tandem {args:?}: {}",
        run.stderr
    );
    assert!(
        code == 0 || code == 1 || code == 2,
        "tandem {args:?} exited {code} after {elapsed:?}:\n{}",
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
    // No raw escape character ever reaches the terminal.
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stdout.contains('\u{1b}'),
        "tandem {args:?} printed an escape character"
    );
    let after = snapshot(wd.path());
    for (path, bytes) in &before {
        if output_arg.as_deref() == Some(path.as_path())
            || opts.may_change.iter().any(|m| Path::new(m) == path)
        {
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
    expect_error(&r, args, what);
    r
}

/// The run exited 2 with one `error:` line containing `what`.
fn expect_error(r: &Run, args: &[&str], what: &str) {
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

/// Make a FIFO at `path`; `false` (with a note) where `mkfifo` is missing.
fn mkfifo(path: &Path) -> bool {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("note: mkfifo failed; FIFO case skipped");
    }
    made
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

/// A small corpus folder with the bundled pairs (`originals/`, `translations/`).
fn bundled_corpus(wd: &Workdir) {
    for f in [
        "originals/beck-1963-01-28.hu.txt",
        "originals/beck-1963-01-28.toml",
        "translations/beck-1963-01-28.en.txt",
        "translations/beck-1963-01-28.en.rev2.txt",
        "originals/udhr.hu.txt",
        "originals/udhr.toml",
        "translations/udhr.en.txt",
    ] {
        wd.copy_from_repo(f);
    }
}
