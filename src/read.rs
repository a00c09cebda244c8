//! Reading files safely: every file tandem reads goes through this module.
//!
//! Texts, alignment files and the texts they name, sidecars, the cite index, gold and
//! bead files, dictionaries and abbreviation files are all read with [`read_file`] (or
//! hashed with [`hash_file`]), so one rule holds everywhere:
//!
//! - **Only regular files.** A FIFO, socket or device (`/dev/zero`, `/dev/stdin`, a named
//!   pipe) is refused with a one-line error before a byte is read. The file is opened
//!   non-blocking, so even opening a FIFO without a writer cannot hang, and the kind is
//!   checked on the opened file, not on a name that could change in between.
//! - **Bounded size.** Each kind of file has a documented limit ([`FileKind::limit`]);
//!   a larger file is refused, and a file that grows while it is read is cut off at the
//!   limit and refused too. Standard input (`-`) is read with the same bound
//!   ([`read_stdin`]).
//! - **Memory checked before it is used.** The buffer is reserved with `try_reserve`, so
//!   a file that does not fit in memory is a one-line error, not an abort;
//!   [`check_memory`] lets a caller ask, before a costly step, whether an estimated
//!   amount can be had at all.
//!
//! Cost: one `open`, one `fstat`, one read of the file into a buffer of its size.

use std::cell::Cell;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::ReadError;

/// What a file is, which decides its size limit and how it is named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A text to split or align (an original, translation or revision).
    Text,
    /// A tandem alignment file (JSON).
    Alignment,
    /// A metadata sidecar (`originals/<id>.toml`).
    Sidecar,
    /// The cite index (`alignments/.tandem-cite-index`).
    CiteIndex,
    /// A gold or test bead file for `eval` (vecalign or ladder).
    BeadFile,
    /// A bilingual dictionary (`--dict`).
    Dictionary,
    /// An abbreviation list (`--abbrev`).
    Abbreviations,
}

const MIB: u64 = 1 << 20;

impl FileKind {
    /// The largest file of this kind tandem reads, in bytes.
    ///
    /// | kind | limit | why |
    /// |---|---|---|
    /// | text | 1 GiB | loading takes about 5× the file size in memory, aligning more |
    /// | alignment | 2 GiB | both texts, locators and beads of a text pair up to the text limit |
    /// | cite index | 2 GiB | the normal forms of every alignment of a corpus |
    /// | bead file | 256 MiB | ten million sentences per side is `eval`'s own limit |
    /// | dictionary | 256 MiB | several million entries |
    /// | abbreviations | 16 MiB | hundreds of thousands of entries |
    /// | sidecar | 1 MiB | a few lines of metadata |
    pub const fn limit(self) -> u64 {
        match self {
            FileKind::Text => 1024 * MIB,
            FileKind::Alignment | FileKind::CiteIndex => 2048 * MIB,
            FileKind::BeadFile | FileKind::Dictionary => 256 * MIB,
            FileKind::Abbreviations => 16 * MIB,
            FileKind::Sidecar => MIB,
        }
    }

    /// How the file is named in messages ("a text", "an alignment file" …).
    pub const fn noun(self) -> &'static str {
        match self {
            FileKind::Text => "a text",
            FileKind::Alignment => "an alignment file",
            FileKind::Sidecar => "a metadata sidecar",
            FileKind::CiteIndex => "the cite index",
            FileKind::BeadFile => "a bead file",
            FileKind::Dictionary => "a dictionary",
            FileKind::Abbreviations => "an abbreviation file",
        }
    }
}

/// `1.5 GiB`, `300 MiB`, `12 KiB`, `7 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if value < 10.0 {
                format!("{value:.1} {unit}")
            } else {
                format!("{value:.0} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// Open `path` for reading if it is a regular file within the limit of `kind`; returns
/// the file and its size.
pub fn open_file(path: &Path, kind: FileKind) -> Result<(File, u64), ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Opening a FIFO for reading blocks until a writer comes; non-blocking, it
        // returns at once and the check below refuses it.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory(path.to_path_buf()));
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            what: file_type_name(&meta.file_type()),
        });
    }
    if meta.len() > kind.limit() {
        return Err(too_large(path, kind, meta.len()));
    }
    Ok((file, meta.len()))
}

fn too_large(path: &Path, kind: FileKind, size: u64) -> ReadError {
    let (shown, limit) = (human_size(size), human_size(kind.limit()));
    ReadError::TooLarge {
        path: path.to_path_buf(),
        // "1.0 GiB, but … at most 1.0 GiB" would read as a contradiction.
        size: if shown == limit {
            format!("more than {limit}")
        } else {
            shown
        },
        what: kind.noun(),
        limit: human_size(kind.limit()),
    }
}

/// What a file that is not regular is, for messages.
fn file_type_name(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    "not a regular file"
}

/// Whether `path` exists and is something other than a regular file (following
/// symbolic links): a directory, FIFO, socket or device. Such a path is never written
/// to nor read.
pub fn non_regular_kind(path: &Path) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        None
    } else if meta.is_dir() {
        Some("a directory")
    } else {
        Some(file_type_name(&meta.file_type()))
    }
}

/// Read a whole file of `kind`: regular, within its size limit, into memory reserved
/// up front.
pub fn read_file(path: &Path, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_file(path, kind)?;
    read_bounded(file, path, kind, size)
}

/// Read a whole file of `kind` as UTF-8 text (an initial byte-order mark is kept).
pub fn read_to_string(path: &Path, kind: FileKind) -> Result<String, ReadError> {
    let bytes = read_file(path, kind)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Read standard input with the limit of `kind` (for `-`).
pub fn read_stdin(kind: FileKind) -> Result<Vec<u8>, ReadError> {
    read_bounded(std::io::stdin().lock(), Path::new("<stdin>"), kind, 0)
}

fn read_bounded(
    reader: impl Read,
    path: &Path,
    kind: FileKind,
    expected: u64,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let want = usize::try_from(expected).unwrap_or(usize::MAX);
    try_reserve(&mut bytes, want).map_err(|_| ReadError::OutOfMemory {
        path: path.to_path_buf(),
        needed: human_size(expected),
    })?;
    let limit = kind.limit();
    // One byte more than the limit tells a file that grew past it from one that ends
    // exactly there.
    let mut reader = reader.take(limit.saturating_add(1));
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(ReadError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        if bytes.len() + n > bytes.capacity() {
            // Standard input, or a file that grew: double (never past the limit), but
            // check first.
            let room = usize::try_from(limit.saturating_add(1))
                .unwrap_or(usize::MAX)
                .saturating_sub(bytes.len());
            let more = bytes.len().max(n).min(room).max(n);
            try_reserve(&mut bytes, more).map_err(|_| ReadError::OutOfMemory {
                path: path.to_path_buf(),
                needed: human_size((bytes.len() + more) as u64),
            })?;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(path, kind, bytes.len() as u64));
    }
    Ok(bytes)
}

/// `sha256:<hex>` of a file of `kind`, read in pieces (no buffer of the file's size).
pub fn hash_file(path: &Path, kind: FileKind) -> Result<String, ReadError> {
    use sha2::{Digest, Sha256};
    let (file, _) = open_file(path, kind)?;
    let mut reader = file.take(kind.limit().saturating_add(1));
    let mut hasher = Sha256::new();
    let mut chunk = [0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&chunk[..n]);
                total += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(ReadError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        }
    }
    if total > kind.limit() {
        return Err(too_large(path, kind, total));
    }
    // The same form as `load::sha256_hex` (a test below keeps them equal).
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in hasher.finalize() {
        out.push_str(&format!("{b:02x}"));
    }
    Ok(out)
}

thread_local! {
    /// How deep this thread is inside a fallible reservation (see
    /// [`allocation_failure_is_handled`]).
    static FALLIBLE: Cell<u32> = const { Cell::new(0) };
}

/// Reserve `additional` bytes in `v`, as `Vec::try_reserve_exact`, telling a global
/// allocator that watches for failures (the binary's) that this failure is handled.
fn try_reserve(
    v: &mut Vec<u8>,
    additional: usize,
) -> Result<(), std::collections::TryReserveError> {
    FALLIBLE.with(|f| f.set(f.get() + 1));
    let result = v.try_reserve_exact(additional);
    FALLIBLE.with(|f| f.set(f.get().saturating_sub(1)));
    result
}

/// Whether the current thread is inside a reservation whose failure the library
/// handles itself. A global allocator that turns failed allocations into a clean exit
/// (the binary's) must let these fail normally.
pub fn allocation_failure_is_handled() -> bool {
    FALLIBLE.try_with(|f| f.get() > 0).unwrap_or(false)
}

/// Whether about `bytes` of memory can be had now: reserved and released at once.
/// `what` names the step in the error ("to load 'x.txt'").
pub fn check_memory(bytes: u64, what: &str) -> Result<(), ReadError> {
    let mut probe: Vec<u8> = Vec::new();
    let ok = usize::try_from(bytes)
        .ok()
        .is_some_and(|n| try_reserve(&mut probe, n).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ReadError::NotEnoughMemory {
            what: what.to_string(),
            needed: human_size(bytes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_refuses_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "hello").expect("write");
        assert_eq!(read_file(&path, FileKind::Text).expect("read"), b"hello");
        let err = read_file(dir.path(), FileKind::Text).expect_err("directory");
        assert!(matches!(err, ReadError::IsDirectory(_)), "{err}");
        #[cfg(unix)]
        {
            let err = read_file(Path::new("/dev/zero"), FileKind::Text).expect_err("device");
            assert!(err.to_string().contains("a device"), "{err}");
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|s| s.success());
            if made {
                let err = read_file(&fifo, FileKind::Text).expect_err("fifo");
                assert!(err.to_string().contains("named pipe"), "{err}");
                let err = hash_file(&fifo, FileKind::Text).expect_err("fifo");
                assert!(err.to_string().contains("named pipe"), "{err}");
            }
        }
    }

    #[test]
    fn files_over_the_limit_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.toml");
        let file = std::fs::File::create(&path).expect("create");
        // Sparse: the size is there, the bytes are not.
        file.set_len(FileKind::Sidecar.limit() + 1)
            .expect("set_len");
        let err = read_file(&path, FileKind::Sidecar).expect_err("too large");
        let msg = err.to_string();
        assert!(msg.contains("may be at most 1.0 MiB"), "{msg}");
        assert!(msg.contains("big.toml"), "{msg}");
    }

    #[test]
    fn hashing_agrees_with_hashing_the_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        let bytes = "árvíztűrő ".repeat(20_000);
        std::fs::write(&path, &bytes).expect("write");
        assert_eq!(
            hash_file(&path, FileKind::Text).expect("hash"),
            crate::load::sha256_hex(bytes.as_bytes())
        );
    }

    #[test]
    fn impossible_memory_is_an_error_not_an_abort() {
        let err = check_memory(u64::MAX / 2, "to test").expect_err("cannot have that");
        assert!(err.to_string().contains("to test"), "{err}");
        assert!(!allocation_failure_is_handled());
        check_memory(1024, "to test").expect("a kilobyte is there");
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(7), "7 bytes");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(300 << 20), "300 MiB");
    }
}
