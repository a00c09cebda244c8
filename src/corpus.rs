//! The corpus layout and document identity: `originals/<id>.hu.txt`,
//! `translations/<id>.en.txt`, `translations/<id>.en.<rev>.txt`, sidecars
//! `originals/<id>.toml`, output `alignments/<id>.json`. See `docs/corpus.md`.
//!
//! One rule names documents everywhere ([`parse_text_name`]): single-pair `align`,
//! batch discovery ([`discover`]), `diff --doc` and cite's sidecar lookup all take the id
//! from it, so that a file can never be one document for one command and another for
//! the next. The name is `<id>[.<lang>[.<rev>]].<ext>`: the extension is one of
//! [`TEXT_EXTENSIONS`] in any case (`X.HU.TXT`), the language a two-letter code, and
//! the id everything before them, dots included (`memo.hungarian-draft.hu.txt` is the
//! document `memo.hungarian-draft`). An id may start with a dot; [`check_doc_id`] says
//! what else it may hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::read::{read_to_string, FileKind};

/// Extensions of the text files tandem reads, lower case (names match in any case).
/// Discovery lists exactly these; formats the loader cannot read are refused by it with
/// a clear error.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "docx", "odt", "html", "htm"];

/// Longest document id, in bytes (it becomes a file name: `alignments/<id>.json`).
pub const MAX_ID_BYTES: usize = 200;

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
    /// Ids that more than one file of the same role claims (`x.hu.txt` and
    /// `x.hu.docx`): none of them is aligned, since tandem cannot tell which is meant.
    pub ambiguous: Vec<(String, Vec<PathBuf>)>,
}

/// The parts of a text file's name `<id>[.<lang>[.<rev>]].<ext>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextName {
    /// The document id (may be empty when the name is only a language: `hu.txt`).
    pub id: String,
    /// The language code, lower case, if the name has one.
    pub lang: Option<String>,
    /// The revision name (`rev2` in `x.en.rev2.txt`).
    pub revision: Option<String>,
    /// The extension, lower case (one of [`TEXT_EXTENSIONS`]).
    pub extension: String,
}

/// Whether a name segment is a language code: two ASCII letters, any case.
fn is_lang_code(segment: &str) -> bool {
    segment.len() == 2 && segment.chars().all(|c| c.is_ascii_alphabetic())
}

/// Split a text file's name into id, language, revision and extension; `None` when it
/// has none of [`TEXT_EXTENSIONS`] or is not valid UTF-8.
pub fn parse_text_name(path: &Path) -> Option<TextName> {
    let name = path.file_name()?.to_str()?;
    let (stem, ext) = name.rsplit_once('.')?;
    let extension = ext.to_ascii_lowercase();
    if !TEXT_EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    let segments: Vec<&str> = stem.split('.').collect();
    let n = segments.len();
    let (id, lang, revision) = if is_lang_code(segments[n - 1]) {
        (segments[..n - 1].join("."), Some(segments[n - 1]), None)
    } else if n >= 3 && is_lang_code(segments[n - 2]) {
        (
            segments[..n - 2].join("."),
            Some(segments[n - 2]),
            Some(segments[n - 1].to_string()),
        )
    } else {
        (stem.to_string(), None, None)
    };
    Some(TextName {
        id,
        lang: lang.map(str::to_ascii_lowercase),
        revision,
        extension,
    })
}

/// Why `id` cannot name a document, if it cannot: it must be 1 to [`MAX_ID_BYTES`]
/// bytes, not `.` or `..`, without `/`, `\\`, `:` or control characters (it becomes a file
/// name, and `cite --id` reads `DOC:LOCATOR`).
pub fn check_doc_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("it is empty".into());
    }
    if id.len() > MAX_ID_BYTES {
        return Err(format!("it is longer than {MAX_ID_BYTES} bytes"));
    }
    if id == "." || id == ".." {
        return Err("'.' and '..' name folders".into());
    }
    if let Some(c) = id
        .chars()
        .find(|&c| matches!(c, '/' | '\\' | ':') || c.is_control())
    {
        return Err(format!(
            "it contains {c:?}; use letters, digits, '-', '_' and '.'"
        ));
    }
    Ok(())
}

/// The document id of a text file name: `beck-1963-01-28.hu.txt` → `beck-1963-01-28`,
/// `memo.hungarian-draft.hu.txt` → `memo.hungarian-draft`, `udhr.en.rev2.txt` → `udhr`,
/// `report.txt` → `report`. A name of another extension keeps it (`notes.md`). Empty when
/// the name is only a language (`hu.txt`): see [`pair_id`].
pub fn doc_id(path: &Path) -> String {
    match parse_text_name(path) {
        Some(name) => name.id,
        None => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// The id of a single pair aligned outside a corpus: the original's [`doc_id`], or, when
/// its name is only a language (`steinbeck/hu.txt`), its folder's name (`steinbeck`).
/// An error says why no valid id could be found (the caller suggests `--id`).
pub fn pair_id(original: &Path) -> Result<String, String> {
    let mut id = doc_id(original);
    if id.is_empty() {
        let folder = std::path::absolute(original)
            .ok()
            .and_then(|p| p.parent()?.file_name()?.to_str().map(str::to_string));
        id = folder.unwrap_or_default();
    }
    check_doc_id(&id).map(|()| id.clone()).map_err(|e| {
        format!(
            "the document id '{}' taken from '{}' is not usable: {e}",
            id.escape_debug(),
            original.display()
        )
    })
}

fn text_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Files by id; an id claimed twice is moved to `ambiguous`.
#[derive(Default)]
struct ById {
    files: BTreeMap<String, PathBuf>,
    clashes: BTreeMap<String, Vec<PathBuf>>,
}

impl ById {
    fn insert(&mut self, id: String, path: PathBuf) {
        if let Some(list) = self.clashes.get_mut(&id) {
            list.push(path);
        } else if let Some(first) = self.files.remove(&id) {
            self.clashes.insert(id, vec![first, path]);
        } else {
            self.files.insert(id, path);
        }
    }
}

/// Pair originals (`<id>.<src_lang>.<ext>`) with translations (`<id>.<tgt_lang>.<ext>`)
/// and their revisions (`<id>.<tgt_lang>.<rev>.<ext>`) by id ([`parse_text_name`]).
pub fn discover(
    originals: &Path,
    translations: &Path,
    src_lang: &str,
    tgt_lang: &str,
) -> std::io::Result<Discovery> {
    let role = |path: &Path, lang: &str| -> Option<(String, Option<String>)> {
        let name = parse_text_name(path)?;
        let same_lang = name.lang.as_deref() == Some(lang.to_ascii_lowercase().as_str());
        (same_lang && check_doc_id(&name.id).is_ok()).then_some((name.id, name.revision))
    };
    let mut unpaired = Vec::new();
    let mut originals_by_id = ById::default();
    for p in text_files(originals)? {
        match role(&p, src_lang) {
            Some((id, None)) => originals_by_id.insert(id, p),
            _ => unpaired.push(p),
        }
    }
    let mut translations_by_id = ById::default();
    let mut revisions: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    let mut revision_clashes: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for p in text_files(translations)? {
        match role(&p, tgt_lang) {
            Some((id, None)) => translations_by_id.insert(id, p),
            Some((id, Some(rev))) => {
                let of_id = revisions.entry(id.clone()).or_default();
                if let Some(first) = of_id.remove(&rev) {
                    revision_clashes
                        .entry(format!("{id} (revision {rev})"))
                        .or_default()
                        .extend([first, p]);
                } else {
                    of_id.insert(rev, p);
                }
            }
            None => unpaired.push(p),
        }
    }
    let mut ambiguous: Vec<(String, Vec<PathBuf>)> = Vec::new();
    let mut clashed: Vec<String> = Vec::new();
    for by_id in [&mut originals_by_id, &mut translations_by_id] {
        for (id, files) in std::mem::take(&mut by_id.clashes) {
            clashed.push(id.clone());
            ambiguous.push((id, files));
        }
    }
    ambiguous.extend(revision_clashes);
    let mut pairs = Vec::new();
    for (id, original) in originals_by_id.files {
        if clashed.contains(&id) {
            continue;
        }
        match translations_by_id.files.remove(&id) {
            Some(translation) => pairs.push(DocPair {
                revisions: revisions.remove(&id).unwrap_or_default(),
                id,
                original,
                translation,
            }),
            None => unpaired.push(original),
        }
    }
    for (id, translation) in translations_by_id.files {
        if !clashed.contains(&id) {
            unpaired.push(translation);
        }
    }
    unpaired.extend(revisions.into_values().flat_map(BTreeMap::into_values));
    unpaired.sort();
    ambiguous.sort();
    Ok(Discovery {
        pairs,
        unpaired,
        ambiguous,
    })
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
    /// Where the sidecar of document `id`, whose original is `original`, lives:
    /// `<id>.toml` in the original's folder.
    pub fn path_for(original: &Path, id: &str) -> PathBuf {
        original.with_file_name(format!("{id}.toml"))
    }

    /// The sidecar beside an original (`<id>.toml` in its folder, with the id of
    /// [`doc_id`]), if there is one.
    pub fn for_original(original: &Path) -> Result<Option<Sidecar>, String> {
        Sidecar::read(&Sidecar::path_for(original, &doc_id(original)))
    }

    /// Read a sidecar (a regular TOML file of at most [`FileKind::Sidecar`]'s limit);
    /// `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Sidecar>, String> {
        match read_to_string(path, FileKind::Sidecar) {
            Ok(text) => toml::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{}: invalid sidecar: {}", path.display(), e.message())),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e.to_string()),
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
        assert_eq!(
            doc_id(Path::new("memo.hungarian-draft.hu.txt")),
            "memo.hungarian-draft"
        );
        assert_eq!(doc_id(Path::new("X.HU.TXT")), "X");
        assert_eq!(doc_id(Path::new(".hidden.hu.txt")), ".hidden");
        assert_eq!(doc_id(Path::new("beck.1963.en.docx")), "beck.1963");
        assert_eq!(doc_id(Path::new("report.final.txt")), "report.final");
        assert_eq!(doc_id(Path::new("originals/report.hu.docx")), "report");
        assert_eq!(doc_id(Path::new("x/page.en.HTML")), "page");
        assert_eq!(doc_id(Path::new("hu.txt")), "");
        let name = parse_text_name(Path::new("a.b.EN.Rev2.Html")).expect("a text name");
        assert_eq!(
            (
                name.id.as_str(),
                name.lang.as_deref(),
                name.revision.as_deref()
            ),
            ("a.b", Some("en"), Some("Rev2"))
        );
        assert_eq!(name.extension, "html");
        assert_eq!(parse_text_name(Path::new("notes.md")), None);
    }

    #[test]
    fn a_name_that_is_only_a_language_takes_its_folder() {
        assert_eq!(
            pair_id(Path::new("gold/steinbeck/hu.txt")).as_deref(),
            Ok("steinbeck")
        );
        assert_eq!(pair_id(Path::new("x/a.hu.txt")).as_deref(), Ok("a"));
    }

    #[test]
    fn ids_that_cannot_name_a_file_are_refused() {
        for bad in [
            "",
            ".",
            "..",
            "a/b",
            "a\\b",
            "a:b",
            "a\nb",
            &"x".repeat(201),
        ] {
            assert!(check_doc_id(bad).is_err(), "{bad:?}");
        }
        for good in [
            "a",
            ".a",
            "memo.hungarian-draft",
            "Beck_1963-01-28",
            "ünnep",
        ] {
            assert!(check_doc_id(good).is_ok(), "{good:?}");
        }
    }

    /// What [`discover`] finds in a corpus of these files (each holding "x").
    fn discover_in(files: &[&str]) -> Discovery {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = dir.path().join("originals");
        let t = dir.path().join("translations");
        std::fs::create_dir_all(&o).expect("mkdir");
        std::fs::create_dir_all(&t).expect("mkdir");
        for f in files {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        discover(&o, &t, "hu", "en").expect("reads")
    }

    #[test]
    fn discovery_uses_the_same_ids_and_reports_clashes() {
        let d = discover_in(&[
            "originals/memo.hungarian-draft.hu.txt",
            "translations/memo.hungarian-draft.en.txt",
            "originals/X.HU.TXT",
            "translations/X.en.Txt",
            "originals/.dot.hu.txt",
            "translations/.dot.en.txt",
            "originals/twice.hu.txt",
            "originals/twice.hu.docx",
            "translations/twice.en.txt",
            "originals/notes.md",
        ]);
        let ids: Vec<&str> = d.pairs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, [".dot", "X", "memo.hungarian-draft"]);
        for p in &d.pairs {
            assert_eq!(doc_id(&p.original), p.id);
            assert_eq!(doc_id(&p.translation), p.id);
        }
        assert_eq!(d.ambiguous.len(), 1);
        assert_eq!(d.ambiguous[0].0, "twice");
        assert_eq!(d.ambiguous[0].1.len(), 2);
        // Its translation is not "unpaired": the warning about the clash covers it.
        assert!(!d.unpaired.iter().any(|p| p.ends_with("twice.en.txt")));
        assert!(d.unpaired.is_empty(), "{:?}", d.unpaired);
    }

    #[test]
    fn pairs_revisions_and_strays_are_found() {
        let d = discover_in(&[
            "originals/a.hu.txt",
            "originals/b.hu.txt",
            "translations/a.en.txt",
            "translations/a.en.rev2.txt",
            "translations/c.en.txt",
            "originals/d.hu.docx",
            "translations/d.en.odt",
            "translations/d.en.rev3.html",
            "originals/e.hu.pdf",
        ]);
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
