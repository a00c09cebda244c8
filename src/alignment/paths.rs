//! Where an alignment's files are: texts named relative to the alignment file's folder,
//! and the alignment files of a folder.

use std::path::{Component, Path, PathBuf};

/// The alignment files of a folder: `*.json` (any case), sorted, except tandem's own
/// files (`.tandem-*`: temporary files, the cite index). Other names starting with a dot
/// are listed: a document id may start with one. Used by every command that takes a
/// folder of alignments (`cite`, `export --all`).
pub fn alignment_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with(".tandem-"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// `text` relative to the folder of `out`, or absolute when no relative path exists.
pub(crate) fn relative_path(text: &Path, out: &Path) -> String {
    let abs = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        Some(normalise(&p))
    };
    let (Some(text_abs), Some(out_abs)) = (abs(text), abs(out)) else {
        return text.display().to_string();
    };
    let base = out_abs.parent().unwrap_or(Path::new("/"));
    let t: Vec<Component> = text_abs.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return text_abs.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c.as_os_str());
    }
    rel.to_string_lossy().replace('\\', "/")
}

/// Remove `.` and resolve `..` lexically.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// `a/b/../c` → `a/c`, lexically: a path as a person reads it in a message (`..` after
/// `..` is kept). Not for opening files: through a symbolic link `a/b/..` is not `a`.
pub fn tidy(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_tidied_for_messages() {
        assert_eq!(
            tidy(Path::new("alignments/../translations/x.en.txt")),
            PathBuf::from("translations/x.en.txt")
        );
        assert_eq!(tidy(Path::new("../a/./b")), PathBuf::from("../a/b"));
        assert_eq!(tidy(Path::new("/c/al/../t")), PathBuf::from("/c/t"));
    }
}
