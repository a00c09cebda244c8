//! The file system: symbolic links, permissions, missing and read-only folders, a full
//! disk.

use super::*;

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
