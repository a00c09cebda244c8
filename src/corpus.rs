//! The corpus layout: `originals/<id>.hu.txt`, `translations/<id>.en.txt`,
//! `translations/<id>.en.<rev>.txt`, sidecars `originals/<id>.toml`, output
//! `alignments/<id>.json`; `.docx`, `.odt`, `.html` and `.htm` stand for `.txt` anywhere
//! ([`TEXT_EXTENSIONS`]). See `docs/corpus.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// File extensions `align --all` accepts for originals and translations (lower case;
/// the loader tells the formats apart by their bytes).
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "docx", "odt", "html", "htm"];

/// The file name without an accepted extension (`x.hu.docx` → `x.hu`), or `None`.
fn strip_text_extension(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    TEXT_EXTENSIONS
        .contains(&ext.to_ascii_lowercase().as_str())
        .then_some(stem)
}

/// A pair of documents found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPair {
    /// The document id.
    pub id: String,
    /// `originals/<id>.hu.txt`.
    pub original: PathBuf,
    /// `translations/<id>.en.txt`.
    pub translation: PathBuf,
    /// Revisions `translations/<id>.en.<rev>.txt`, by revision name.
    pub revisions: BTreeMap<String, PathBuf>,
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Complete pairs, sorted by id.
    pub pairs: Vec<DocPair>,
    /// Text files without a partner (or with a name tandem does not understand).
    pub unpaired: Vec<PathBuf>,
}

/// The document id of a text file name: `beck-1963-01-28.hu.txt` → `beck-1963-01-28`,
/// `report.txt` → `report`.
pub fn doc_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = strip_text_extension(&name).unwrap_or(&name);
    match stem.split_once('.') {
        Some((id, rest)) if rest.len() == 2 || rest.starts_with("hu") || rest.starts_with("en") => {
            id.to_string()
        }
        _ => stem.to_string(),
    }
}

fn text_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| strip_text_extension(&n.to_string_lossy()).is_some())
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Pair originals with translations by id.
pub fn discover(
    originals: &Path,
    translations: &Path,
    src_lang: &str,
    tgt_lang: &str,
) -> std::io::Result<Discovery> {
    let src_suffix = format!(".{src_lang}");
    let tgt_suffix = format!(".{tgt_lang}");
    let tgt_rev = format!(".{tgt_lang}.");
    let mut originals_by_id: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut unpaired = Vec::new();
    for p in text_files(originals)? {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match strip_text_extension(&name).and_then(|s| s.strip_suffix(&src_suffix)) {
            Some(id) if !id.is_empty() && !originals_by_id.contains_key(id) => {
                originals_by_id.insert(id.to_string(), p);
            }
            _ => unpaired.push(p),
        }
    }
    let mut translations_by_id: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut revisions: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for p in text_files(translations)? {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = strip_text_extension(&name).unwrap_or(&name);
        if let Some(id) = stem
            .strip_suffix(&tgt_suffix)
            .filter(|id| !translations_by_id.contains_key(*id))
        {
            translations_by_id.insert(id.to_string(), p);
        } else if let Some((id, rest)) = stem.split_once(&tgt_rev) {
            revisions
                .entry(id.to_string())
                .or_default()
                .insert(rest.to_string(), p);
        } else {
            unpaired.push(p);
        }
    }
    let mut pairs = Vec::new();
    for (id, original) in originals_by_id {
        match translations_by_id.remove(&id) {
            Some(translation) => pairs.push(DocPair {
                revisions: revisions.remove(&id).unwrap_or_default(),
                id,
                original,
                translation,
            }),
            None => unpaired.push(original),
        }
    }
    unpaired.extend(translations_by_id.into_values());
    unpaired.extend(revisions.into_values().flat_map(BTreeMap::into_values));
    unpaired.sort();
    Ok(Discovery { pairs, unpaired })
}

/// Metadata of a document pair (`originals/<id>.toml`); every field optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Sidecar {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// ISO date.
    pub date: String,
    /// Author of the original.
    pub author: String,
    /// Archive reference of the original.
    pub archive_ref: String,
    /// Archive record id.
    pub record_id: String,
    /// Source URL.
    pub source_url: String,
    /// Translators.
    pub translators: Vec<String>,
    /// Licence of the original text file.
    pub licence: String,
    /// `archival`, `published-translation`, `reconstruction`, `official`, …
    pub status: String,
    /// Free notes.
    pub notes: String,
    /// The `[translation]` table: about `translations/<id>.en.txt`.
    pub translation: TranslationMeta,
}

/// What a sidecar says about the translation (its `[translation]` table); every field
/// optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct TranslationMeta {
    /// `published-translation`, `official`, …
    pub status: String,
    /// Who published it, or where it was taken from.
    pub source: String,
    /// Licence of the translation's text file.
    pub licence: String,
    /// Translators.
    pub translators: Vec<String>,
}

impl Sidecar {
    /// The sidecar beside an original (`<id>.toml` in its folder), if there is one.
    pub fn for_original(original: &Path) -> Result<Option<Sidecar>, String> {
        let id = doc_id(original);
        let path = original.with_file_name(format!("{id}.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{}: invalid sidecar: {}", path.display(), e.message())),
            Err(_) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_language_and_extension() {
        assert_eq!(
            doc_id(Path::new("originals/beck-1963-01-28.hu.txt")),
            "beck-1963-01-28"
        );
        assert_eq!(doc_id(Path::new("x/report.txt")), "report");
        assert_eq!(doc_id(Path::new("udhr.en.rev2.txt")), "udhr");
        assert_eq!(doc_id(Path::new("originals/report.hu.docx")), "report");
        assert_eq!(doc_id(Path::new("x/page.en.HTML")), "page");
    }

    #[test]
    fn pairs_revisions_and_strays_are_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = dir.path().join("originals");
        let t = dir.path().join("translations");
        std::fs::create_dir_all(&o).expect("mkdir");
        std::fs::create_dir_all(&t).expect("mkdir");
        for f in [
            "originals/a.hu.txt",
            "originals/b.hu.txt",
            "translations/a.en.txt",
            "translations/a.en.rev2.txt",
            "translations/c.en.txt",
            "originals/d.hu.docx",
            "translations/d.en.odt",
            "translations/d.en.rev3.html",
            "originals/e.hu.pdf",
        ] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        let d = discover(&o, &t, "hu", "en").expect("reads");
        assert_eq!(d.pairs.len(), 2);
        assert_eq!(d.pairs[0].id, "a");
        assert_eq!(d.pairs[0].revisions.keys().collect::<Vec<_>>(), ["rev2"]);
        assert_eq!(d.pairs[1].id, "d");
        assert!(d.pairs[1].translation.ends_with("d.en.odt"));
        assert_eq!(d.pairs[1].revisions.keys().collect::<Vec<_>>(), ["rev3"]);
        assert_eq!(d.unpaired.len(), 2, "{:?}", d.unpaired);
    }

    #[test]
    fn bundled_sidecar_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let s = Sidecar::for_original(&root.join("originals/beck-1963-01-28.hu.txt"))
            .expect("valid")
            .expect("present");
        assert_eq!(s.status, "reconstruction");
        assert!(s
            .translation
            .source
            .starts_with("Wilson Center Digital Archive"));
        assert_eq!(s.translation.status, "published-translation");
    }
}
