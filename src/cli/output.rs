//! Where output goes: stdout (`-` or no path) or a file written atomically.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use tandem::write::{write_atomic, Overwrite};

/// Whether an error is a broken pipe (the reader went away, e.g. `| head`): not an error.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Write bytes to stdout.
pub(crate) fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Write bytes to `path` (atomically; `-` = stdout).
pub(crate) fn to_path(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    inputs: &[&Path],
) -> Result<()> {
    if path == Path::new("-") {
        return to_stdout(bytes);
    }
    write_atomic(path, bytes, overwrite, inputs)?;
    Ok(())
}
