//! Running out of memory: a one-line `error:` and exit 2, never an abort.
//!
//! Two layers. Before a costly step the command line estimates what it needs and asks
//! for it once ([`ensure`], through [`tandem::read::check_memory`]): an input that cannot
//! fit is refused up front with a message naming it. Estimates can be wrong, so the
//! binary's global allocator also watches every allocation: when the system refuses one
//! that nobody handles (Rust would print "memory allocation of N bytes failed" and
//! abort with a core dump), it prints one `error:` line and exits with code 2 at once.
//! Nothing is lost: tandem writes files atomically, so an exit in the middle of a run
//! leaves every file as it was (a temporary file is removed by the next run).
//!
//! Allocations that the library makes with `try_reserve` and handles itself
//! ([`tandem::read::allocation_failure_is_handled`]) fail normally.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;

use anyhow::Result;

/// The system allocator, with a clean exit when memory runs out.
pub(crate) struct Guard;

#[global_allocator]
static GUARD: Guard = Guard;

// SAFETY: every method forwards to the system allocator with the caller's arguments;
// on failure it either returns the null pointer as the system did, or never returns.
unsafe impl GlobalAlloc for Guard {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged (see above).
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// An allocation of `size` bytes failed: return (the caller handles it) or exit 2 with
/// one line on stderr. Allocates nothing.
fn out_of_memory(size: usize) {
    if tandem::read::allocation_failure_is_handled() {
        return;
    }
    let mut buf = [0u8; 320];
    let len = {
        let mut cursor = std::io::Cursor::new(&mut buf[..]);
        let _ = std::io::Write::write_fmt(
            &mut cursor,
            format_args!(
                "error: out of memory: the system refused {} more; the input is too large for the memory tandem may use (free memory, raise the limit, or split the input); no file was changed\n",
                Size(size as u64)
            ),
        );
        cursor.position() as usize
    };
    exit_with(&buf[..len]);
}

/// A size in KiB/MiB/GiB, formatted without allocating.
struct Size(u64);

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let b = self.0;
        if b >= 1 << 30 {
            write!(f, "{:.1} GiB", b as f64 / (1u64 << 30) as f64)
        } else if b >= 1 << 20 {
            write!(f, "{:.1} MiB", b as f64 / (1u64 << 20) as f64)
        } else {
            write!(f, "{b} bytes")
        }
    }
}

#[cfg(unix)]
fn exit_with(message: &[u8]) -> ! {
    // SAFETY: write(2) of a valid buffer to the standard error descriptor, then _exit,
    // which ends the process without running anything that could allocate.
    unsafe {
        let _ = libc::write(2, message.as_ptr().cast(), message.len());
        libc::_exit(super::exit::ERROR)
    }
}

#[cfg(not(unix))]
fn exit_with(message: &[u8]) -> ! {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), message);
    std::process::exit(super::exit::ERROR)
}

/// Memory needed to load and split a text, per byte of the file: the bytes, the
/// decoded and normalised copies, paragraph and sentence ranges, and the output
/// (measured: about 4.2 bytes per byte for `split` of 100 MB, docs/testing.md).
pub(crate) const LOAD_BYTES_PER_BYTE: u64 = 6;

/// Memory the aligner needs per sentence of the longer side (banded search with
/// posteriors, the record, the JSON; measured: 1.2 to 1.8 KB, docs/performance.md).
pub(crate) const ALIGN_BYTES_PER_SENTENCE: u64 = 2048;

/// Refuse a step that needs about `bytes` when that much cannot be had; `what` says
/// which step ("to load 'x.txt'").
pub(crate) fn ensure(bytes: u64, what: impl FnOnce() -> String) -> Result<()> {
    tandem::read::check_memory(bytes, &what())?;
    Ok(())
}

/// Refuse to load `path` when its estimated working memory cannot be had.
pub(crate) fn ensure_for_loading(path: &Path) -> Result<()> {
    // A file over the size limit is refused by the reader, with that reason.
    let size = std::fs::metadata(path)
        .map(|m| m.len())
        .unwrap_or(0)
        .min(tandem::read::FileKind::Text.limit());
    if size == tandem::read::FileKind::Text.limit() {
        return Ok(());
    }
    ensure(size.saturating_mul(LOAD_BYTES_PER_BYTE), || {
        format!("to load '{}'", path.display())
    })
}

/// Refuse to align `n` with `m` sentences when the search's estimated memory cannot be
/// had: the full grid's cells when it is searched in full, else a band linear in the
/// longer side.
pub(crate) fn ensure_for_aligning(
    n: usize,
    m: usize,
    config: &tandem::align::AlignConfig,
) -> Result<()> {
    /// Bytes per cell of the full grid (scores, back-pointers, forward sums and the
    /// costs of every bead type, docs in src/align/dp.rs).
    const BYTES_PER_CELL: u64 = 32;
    let cells = (n as u64 + 1).saturating_mul(m as u64 + 1);
    let longer = n.max(m) as u64;
    let bytes = if cells <= config.max_full_cells as u64 {
        cells.saturating_mul(BYTES_PER_CELL)
    } else {
        0
    }
    .saturating_add(longer.saturating_mul(ALIGN_BYTES_PER_SENTENCE));
    ensure(bytes, || format!("to align {n} with {m} sentences"))
}
