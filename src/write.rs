//! Writing output files safely: atomically, only regular files, and never over a file
//! tandem did not write or one the command reads.
//!
//! Every file tandem writes goes through [`write_atomic`]:
//!
//! - **Atomic.** The bytes go to a temporary `.tandem-XXXXXX.tmp` in the target's
//!   folder, are synced, and the temporary file is renamed over the target, so a reader
//!   (or an interrupted run) never sees a half-written file. On any error it is deleted.
//! - **Ownership.** An existing target is replaced only with `--force`, or when the
//!   caller's test says tandem wrote it ([`Overwrite::IfOurs`]; for alignment files the
//!   whole file must parse as one, see [`crate::alignment::is_alignment_file`]). The test
//!   reads at most [`FileKind::Alignment`]'s limit, and only from a regular file.
//! - **Only regular files.** A target that is a FIFO, device, socket or directory
//!   (`-o /dev/stdout`, `-o /dev/null`) is refused even with `--force`: it is never
//!   opened, read or replaced. A symbolic link is written through (the link stays and
//!   its target is replaced).
//! - **Never an input.** A target that is the same file as one of the command's inputs
//!   (same device and inode, so hard and symbolic links count) is refused even with
//!   `--force`.
//! - **Modes.** A new file gets the usual mode for new files (0666 less the umask); a
//!   replaced file keeps its mode (and, where the process may, its owner).
//! - **Leftovers.** A temporary file is locked while it is written. A run killed with
//!   `kill -9` leaves it behind; the next write into that folder removes such files:
//!   only names of tandem's own pattern, only regular files owned by the same user, and
//!   only when no running tandem holds their lock.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::WriteError;
use crate::read::{non_regular_kind, read_file, FileKind};

/// When an existing file may be replaced.
#[derive(Debug, Clone, Copy)]
pub enum Overwrite {
    /// Never (the default for exports).
    Never,
    /// When `is_ours` says the existing file was written by tandem.
    IfOurs(fn(&[u8]) -> bool),
    /// Always (`--force`), but never over an input or a file that is not regular.
    Force,
}

/// Prefix and suffix of tandem's temporary files.
const TEMP_PREFIX: &str = ".tandem-";
const TEMP_SUFFIX: &str = ".tmp";
/// Random characters in a temporary file's name (tempfile's default).
const TEMP_RANDOM: usize = 6;

/// Write `bytes` to `path` atomically, following the overwrite policy.
///
/// `inputs` are the files the command read: they are never written to, even with
/// [`Overwrite::Force`].
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    inputs: &[&Path],
) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(what) = non_regular_kind(path) {
        return Err(WriteError::NotRegular {
            path: path.to_path_buf(),
            what,
        });
    }
    if inputs.iter().any(|input| same_file(input, path)) {
        return Err(WriteError::IsInput(path.to_path_buf()));
    }
    // Write through a symbolic link: the link stays, its target is replaced.
    let target = if path.is_symlink() {
        path.canonicalize().map_err(io_err)?
    } else {
        path.to_path_buf()
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.is_some() {
        match overwrite {
            Overwrite::Force => {}
            Overwrite::Never => return Err(WriteError::Exists(path.to_path_buf())),
            Overwrite::IfOurs(is_ours) => {
                let ours = read_file(&target, FileKind::Alignment).is_ok_and(|b| is_ours(&b));
                if !ours {
                    return Err(WriteError::NotOurs(path.to_path_buf()));
                }
            }
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(WriteError::MissingDirectory(path.to_path_buf()));
    }
    // On any error below the temporary file is dropped, which deletes it: the target is
    // either the old file or the complete new one, and no `.tandem-*.tmp` is left.
    let io_err = |e| io_err(without_temp_path(e));
    let tmp = locked_temp_file(&dir).map_err(io_err)?;
    remove_stale_temp_files(&dir, tmp.path());
    #[cfg(unix)]
    if let Some(meta) = &existing {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // A replaced file keeps its mode, and its owner where we may set it (root).
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))
            .map_err(io_err)?;
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    let mut file = tmp.as_file();
    file.write_all(bytes).map_err(io_err)?;
    file.sync_all().map_err(io_err)?;
    tmp.persist(&target).map_err(|e| io_err(e.error))?;
    Ok(())
}

/// A new temporary file in `dir`, created with mode 0666 less the umask (like any new
/// file) and locked, so that [`remove_stale_temp_files`] of another run leaves it alone.
fn locked_temp_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    loop {
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir)?;
        if !try_lock(tmp.as_file()) {
            continue;
        }
        // Between creating and locking, another run's clean-up may have taken the
        // unlocked file for a leftover and removed it: then make another.
        if same_inode(tmp.as_file(), tmp.path()) {
            return Ok(tmp);
        }
    }
}

/// Remove leftover temporary files of killed runs from `dir` (see the module docs).
/// Best effort: any doubt leaves a file where it is.
fn remove_stale_temp_files(dir: &Path, ours: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    #[cfg(unix)]
    let uid = {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(ours) {
            Ok(m) => m.uid(),
            Err(_) => return,
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path == ours || !is_temp_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        // Not following links: only a regular file of ours is a leftover.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if meta.uid() != uid {
                continue;
            }
        }
        let Ok(file) = File::open(&path) else {
            continue;
        };
        // A live writer holds the lock; a killed one released it when it died.
        if try_lock(&file) && same_inode(&file, &path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether `name` is one of tandem's temporary file names: `.tandem-XXXXXX.tmp`.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Take an exclusive advisory lock without waiting; released when the file is closed
/// (or its process dies).
#[cfg(unix)]
fn try_lock(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor this `File` owns for the whole call.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> bool {
    true
}

/// Whether the open `file` is still the file at `path`.
fn same_inode(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// tempfile adds the temporary file's name to its errors ("… at path
/// \"/x/.tandem-Ab12.tmp\""); the user never sees that file, so keep only the OS error.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(cut) if text[cut..].contains(TEMP_PREFIX) => {
            std::io::Error::new(e.kind(), text[..cut].to_string())
        }
        _ => e,
    }
}

/// Whether two paths name the same file (following links; hard links count).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_file_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.tsv");
        write_atomic(&path, b"one", Overwrite::Never, &[]).expect("first write");
        let err = write_atomic(&path, b"two", Overwrite::Never, &[]).expect_err("refused");
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert!(err.to_string().contains("--force"));
        assert!(!err.to_string().contains("not written by tandem"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"one");
        write_atomic(&path, b"three", Overwrite::Force, &[]).expect("forced");
        assert_eq!(std::fs::read(&path).expect("read"), b"three");
    }

    #[test]
    fn replaces_own_files_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"user data").expect("write");
        let ours = Overwrite::IfOurs(|b| b.starts_with(b"TANDEM"));
        let err = write_atomic(&path, b"TANDEM 1", ours, &[]).expect_err("not ours");
        assert!(matches!(err, WriteError::NotOurs(_)), "{err}");
        std::fs::write(&path, b"TANDEM 0").expect("write");
        write_atomic(&path, b"TANDEM 1", ours, &[]).expect("ours");
        assert_eq!(std::fs::read(&path).expect("read"), b"TANDEM 1");
    }

    #[test]
    fn never_writes_an_input() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("in.txt");
        std::fs::write(&path, b"text").expect("write");
        let err = write_atomic(&path, b"x", Overwrite::Force, &[&path]).expect_err("input");
        assert!(matches!(err, WriteError::IsInput(_)));
        // A hard link to an input is the input.
        let link = dir.path().join("link.txt");
        std::fs::hard_link(&path, &link).expect("hard link");
        let err = write_atomic(&link, b"x", Overwrite::Force, &[&path]).expect_err("input");
        assert!(matches!(err, WriteError::IsInput(_)));
        assert_eq!(std::fs::read(&path).expect("read"), b"text");
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no/such/dir/out.json");
        let err = write_atomic(&path, b"x", Overwrite::Never, &[]).expect_err("missing dir");
        assert!(err.to_string().contains("out.json"));
        assert!(err.to_string().contains("folder does not exist"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_never_written_even_with_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        for path in [Path::new("/dev/null"), dir.path()] {
            let err = write_atomic(path, b"x", Overwrite::Force, &[]).expect_err("refused");
            assert!(matches!(err, WriteError::NotRegular { .. }), "{err}");
        }
        assert!(non_regular_kind(Path::new("/dev/null")).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn modes_follow_the_umask_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.tsv");
        write_atomic(&path, b"one", Overwrite::Never, &[]).expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        // Whatever the umask, a new file is readable by its owner and is not 0600 unless
        // the umask says so: compare with a file made the ordinary way.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").expect("write");
        assert_eq!(mode(&path), mode(&plain));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&path, b"two", Overwrite::Force, &[]).expect("write");
        assert_eq!(mode(&path), 0o640);
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.tsv");
        std::fs::write(&real, b"old").expect("write");
        let link = dir.path().join("link.tsv");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomic(&link, b"new", Overwrite::Force, &[]).expect("write");
        assert!(link.is_symlink());
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn leftover_temp_files_are_removed_unless_in_use() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(".tandem-AbC123.tmp");
        std::fs::write(&stale, b"half").expect("write");
        // In use: another writer holds its lock.
        let busy = dir.path().join(".tandem-Busy99.tmp");
        std::fs::write(&busy, b"being written").expect("write");
        let holder = File::open(&busy).expect("open");
        assert!(try_lock(&holder));
        // Not ours by name.
        let other = dir.path().join(".tandem-notes.txt");
        std::fs::write(&other, b"mine").expect("write");
        write_atomic(&dir.path().join("out.tsv"), b"x", Overwrite::Never, &[]).expect("write");
        assert!(!stale.exists(), "a leftover is removed");
        assert!(busy.exists(), "a locked temp file is in use");
        assert!(other.exists());
        drop(holder);
        assert!(is_temp_name(".tandem-x1Y2z3.tmp"));
        assert!(!is_temp_name(".tandem-.tmp"));
        assert!(!is_temp_name(".tandem-cite-index"));
    }
}
