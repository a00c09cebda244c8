//! Writing output files safely: atomically, and never over a file tandem did not write.
//!
//! Every file tandem writes goes through [`write_atomic`]: the bytes go to a temporary
//! file in the same directory, which is then renamed over the target, so a reader (or an
//! interrupted run) never sees a half-written file. An existing target is replaced only
//! when the caller says tandem owns it (an alignment file carries tandem's schema tag) or
//! the user passed `--force`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::WriteError;

/// When an existing file may be replaced.
#[derive(Debug, Clone, Copy)]
pub enum Overwrite {
    /// Never (the default for exports).
    Never,
    /// When `is_ours` says the existing file was written by tandem.
    IfOurs(fn(&[u8]) -> bool),
    /// Always (`--force`).
    Force,
}

/// Write `bytes` to `path` atomically, following the overwrite policy.
///
/// `inputs` are the files the command read: they are never written to.
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
    if inputs.iter().any(|input| same_file(input, path)) {
        return Err(WriteError::IsInput(path.to_path_buf()));
    }
    if path.exists() {
        let allowed = match overwrite {
            Overwrite::Force => true,
            Overwrite::Never => false,
            Overwrite::IfOurs(is_ours) => std::fs::read(path).map(|b| is_ours(&b)).unwrap_or(false),
        };
        if !allowed {
            return Err(WriteError::Exists(path.to_path_buf()));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(WriteError::MissingDirectory(path.to_path_buf()));
    }
    // On any error below the temporary file is dropped, which deletes it: the target is
    // either the old file or the complete new one, and no `.tandem-*.tmp` is left.
    let io_err = |e| io_err(without_temp_path(e));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tandem-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    tmp.write_all(bytes).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

/// tempfile adds the temporary file's name to its errors ("… at path
/// \"/x/.tandem-Ab12.tmp\""); the user never sees that file, so keep only the OS error.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(cut) if text[cut..].contains(".tandem-") => {
            std::io::Error::new(e.kind(), text[..cut].to_string())
        }
        _ => e,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
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
        assert!(err.to_string().contains("--force"));
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
        assert!(write_atomic(&path, b"TANDEM 1", ours, &[]).is_err());
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
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no/such/dir/out.json");
        let err = write_atomic(&path, b"x", Overwrite::Never, &[]).expect_err("missing dir");
        assert!(err.to_string().contains("out.json"));
        assert!(err.to_string().contains("folder does not exist"), "{err}");
    }
}
