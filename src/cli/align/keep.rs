//! What a new alignment keeps of the one it replaces, and what it records about how it
//! was made: the fixes (placed again by their sentences' text, with those of the corpus
//! sidecar), and the options record `align --all` compares to decide whether a document
//! is up to date.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use tandem::align::{AlignConfig, Alignment};
use tandem::alignment::options::FileRecord;
use tandem::alignment::{is_alignment_file, AlignmentFile, OptionsRecord};
use tandem::corpus::{self, DocPair};
use tandem::document::Document;
use tandem::fix::{self, Carried};
use tandem::load::sha256_hex;
use tandem::read::{hash_file, read_file, FileKind};

use super::super::input::{is_stdin, read_input};
use super::super::Context;
use super::AlignArgs;

/// The command-line name of an option's value (`blank-lines`).
fn value_name(value: impl clap::ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// The options of this run, as recorded in the alignment file written at `out`.
pub(super) fn options_record(args: &AlignArgs, out: &Path) -> Result<OptionsRecord> {
    let files = |paths: &[PathBuf], kind: FileKind| -> Result<Vec<FileRecord>> {
        paths
            .iter()
            .map(|p| {
                if is_stdin(p) {
                    // Recorded by content; `tandem fix` cannot read it again.
                    return Ok(FileRecord {
                        path: "-".into(),
                        sha256: sha256_hex(&read_input(p, kind)?),
                    });
                }
                Ok(FileRecord::of(p, out, kind)?)
            })
            .collect()
    };
    Ok(OptionsRecord {
        presplit: args.input.presplit,
        encoding: args.input.encoding.clone(),
        hyphens: value_name(args.input.hyphens),
        clean_control: args.input.clean_control,
        layout: value_name(args.input.layout),
        keep_furniture: args.input.keep_furniture,
        input_format: value_name(args.input.input_format),
        abbreviations: files(&args.input.abbrev, FileKind::Abbreviations)?,
        builtin_dictionary: !args.no_builtin_dict,
        dictionaries: files(&args.dict, FileKind::Dictionary)?,
        realign: !args.no_realign,
        max_full_cells: args.max_full_cells,
        sidecar_fixes: None,
    })
}

/// The alignment file at `path` whose fixes the new alignment keeps: none when there
/// is no such file or with `--discard-fixes`. A file tandem wrote that cannot be read
/// is an error (its fixes would be lost), unless `--force`.
pub(super) fn existing_alignment(path: &Path, args: &AlignArgs) -> Result<Option<AlignmentFile>> {
    // Anything but a regular file is left to the writer, which refuses it.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let bytes = match read_file(path, FileKind::Alignment) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if args.discard_fixes || !is_alignment_file(&bytes) {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&bytes);
    match AlignmentFile::from_json(&text, path) {
        Ok(file) => Ok(Some(file)),
        Err(_) if args.force => Ok(None),
        Err(e) => Err(anyhow::anyhow!(
            "cannot keep the fixes of the alignment it replaces ({e}); pass --discard-fixes or --force to align anew"
        )),
    }
}

/// A fresh alignment and what it was made from.
pub(super) struct Aligned<'a> {
    pub(super) id: &'a str,
    pub(super) src: &'a Document,
    pub(super) tgt: &'a Document,
    pub(super) alignment: &'a Alignment,
    /// The original (its folder holds the corpus sidecar).
    pub(super) original: &'a Path,
    /// The translation (the sidecar's fixes are for the pair's own translation only).
    pub(super) translation: &'a Path,
    /// Where the file will be written (paths in it are relative to its folder).
    pub(super) out: &'a Path,
}

/// The alignment file of a fresh alignment, with its options, the fixes of the file it
/// replaces and those of the corpus sidecar placed on it. Orphans and skipped sidecar
/// fixes are warned about.
pub(super) fn with_fixes(
    ctx: &Context,
    args: &AlignArgs,
    a: &Aligned<'_>,
    existing: Option<&AlignmentFile>,
    config: &AlignConfig,
) -> Result<(AlignmentFile, Carried)> {
    let mut file = AlignmentFile::new(a.id, a.src, a.tgt, a.alignment, a.out);
    let mut options = options_record(args, a.out)?;
    let sidecar_path = fix::sidecar_path(a.original, a.id);
    let sidecar = if sidecar_path.is_file() {
        match fix::read_sidecar(&sidecar_path) {
            Ok(fixes) if !fixes.is_empty() && !is_pair_translation(a.original, a.translation) => {
                ctx.warn(format!(
                    "{}: its {} fix(es) name sentences of the pair's own translation ({}), not of {}; not applied",
                    sidecar_path.display(),
                    fixes.len(),
                    pair_translation_name(a.original),
                    a.translation.display()
                ));
                Vec::new()
            }
            Ok(fixes) => fixes,
            Err(e) => {
                ctx.warn(format!("{e}; its fixes are not applied"));
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    if !sidecar.is_empty() {
        options.sidecar_fixes = Some(fix::sidecar_hash(&sidecar));
    }
    file.options = Some(options);
    let origin = sidecar_path.display().to_string();
    let carried = fix::keep_fixes(
        existing,
        &mut file,
        Some((&sidecar, &origin)),
        config,
        &fix::now(),
    )
    .with_context(|| format!("{}: cannot keep the fixes", a.id))?;
    for (id, at, why) in &carried.orphaned {
        ctx.warn(format!(
            "{}: fix #{id} ({at}) no longer fits the texts: {why}; kept as an orphan (tandem fix {} --list)",
            a.id,
            a.out.display()
        ));
    }
    for skipped in &carried.skipped {
        ctx.warn(skipped);
    }
    Ok((file, carried))
}

/// Whether `translation` is the translation the corpus sidecar of `original` describes,
/// whose sentences its fixes name by locator: the same document (`<id>.en.txt` beside
/// `<id>.hu.txt`, [`corpus::parse_text_name`]), in another language, not a revision
/// (`<id>.en.rev2.txt` numbers its sentences differently) and not the original itself.
/// Applied to any other text, a fix's locators would confirm sentences it never named.
pub(super) fn is_pair_translation(original: &Path, translation: &Path) -> bool {
    let (Some(o), Some(t)) = (
        corpus::parse_text_name(original),
        corpus::parse_text_name(translation),
    ) else {
        return false;
    };
    let same_file = match (original.canonicalize(), translation.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => original == translation,
    };
    !same_file && o.id == t.id && t.revision.is_none() && t.lang.is_some() && t.lang != o.lang
}

/// How the sidecar's translation is named, for messages: `<id>.en.*`.
fn pair_translation_name(original: &Path) -> String {
    format!("{}.en.*, not a revision", corpus::doc_id(original))
}

/// `, 2 fixes kept (1 orphan)` for status lines.
pub(super) fn fixes_note(file: &AlignmentFile, carried: &Carried) -> String {
    if file.fixes.is_empty() {
        return String::new();
    }
    let orphans = carried.orphaned.len();
    format!(
        ", {} fix(es){}",
        file.fixes.len() - orphans,
        if orphans > 0 {
            format!(" and {orphans} orphan(s)")
        } else {
            String::new()
        }
    )
}

/// Whether `existing` was made from exactly these texts, by this version, with the same
/// options (dictionaries and abbreviation files by content, the sidecar's fixes).
pub(super) fn up_to_date(
    existing: &AlignmentFile,
    pair: &DocPair,
    args: &AlignArgs,
    out: &Path,
) -> bool {
    let hash = |p: &Path| hash_file(p, FileKind::Text).ok();
    let same_tool = existing.tool == format!("tandem {}", env!("CARGO_PKG_VERSION"));
    let Ok(mut options) = options_record(args, out) else {
        return false;
    };
    let sidecar = fix::sidecar_path(&pair.original, &pair.id);
    options.sidecar_fixes = fix::read_sidecar(&sidecar)
        .ok()
        .filter(|f| !f.is_empty())
        .map(|f| fix::sidecar_hash(&f));
    same_tool
        && existing
            .options
            .as_ref()
            .is_some_and(|o| o.same_effect(&options))
        && hash(&pair.original).as_ref() == Some(&existing.source.sha256)
        && hash(&pair.translation).as_ref() == Some(&existing.target.sha256)
}
