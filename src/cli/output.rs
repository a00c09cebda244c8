//! Where output goes: stdout (`-` or no path) or a file written atomically.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Result;
use tandem::write::{write_atomic, Overwrite};

/// Whether an error is a broken pipe (the reader went away, e.g. `| head`): not an error.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// An error and its causes on one line, `outer: inner: …`. A cause whose text the line
/// already holds is skipped (library errors print their I/O cause themselves, and
/// anyhow's `{:#}` would repeat it), and line breaks, escape sequences and other control
/// characters from user data (file names, ids) are shown escaped
/// ([`super::terminal::escape`]), so that the user always gets exactly one true
/// `error:` line.
pub(crate) fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    super::terminal::escape(&line).into_owned()
}

/// Write text to stderr as it is; a failed write is ignored (see `stderr_line!`).
pub(crate) fn to_stderr(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Write bytes to stdout.
pub(crate) fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Files being written right now (an interrupted command waits for them to finish:
/// see `align`'s Ctrl-C handler).
static WRITES_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Whether some file is being written now.
pub(crate) fn writing() -> bool {
    WRITES_IN_FLIGHT.load(Ordering::SeqCst) > 0
}

/// Counts a write in flight while alive.
struct Writing;

impl Writing {
    fn start() -> Self {
        WRITES_IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITES_IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
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
    let _writing = Writing::start();
    write_atomic(path, bytes, overwrite, inputs)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_skips_repeated_causes_and_escapes_line_breaks() {
        let io = std::io::Error::other("disk on fire");
        let e = anyhow::Error::new(io).context("cannot write 'x': disk on fire");
        assert_eq!(one_line(&e), "cannot write 'x': disk on fire");
        let e = anyhow::anyhow!("inner").context("outer\nline");
        assert_eq!(one_line(&e), "outer\\nline: inner");
    }
}
