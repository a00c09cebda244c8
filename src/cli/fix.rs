//! `tandem fix`: confirm a bead, list, remove or undo fixes; the alignment file is
//! rewritten atomically and the beads that changed are printed.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::Serialize;
use tandem::alignment::{is_alignment_file, AlignmentFile, BeadRecord};
use tandem::fix::{self, describe, parse_range, span, Change, Fix, FixRecord, Fixer};
use tandem::write::Overwrite;

use super::input::load_alignment;
use super::{exit, output, render, Context};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("action").args(["src", "list", "remove", "undo"]).required(true)))]
pub(crate) struct FixArgs {
    /// The alignment file (alignments/<id>.json).
    alignment: PathBuf,
    /// Source sentences of the confirmed bead, as `show` prints them: p3.s2,
    /// p3.s2..p3.s4, p3.s2–s4, p3.s2-p3.s4 (as diff prints it), p3, l17..l19, or none
    /// (an added sentence).
    #[arg(
        long,
        value_name = "RANGE",
        requires = "tgt",
        allow_hyphen_values = true
    )]
    src: Option<String>,
    /// Target sentences of the confirmed bead, or none (an untranslated sentence).
    #[arg(
        long,
        value_name = "RANGE",
        requires = "src",
        allow_hyphen_values = true
    )]
    tgt: Option<String>,
    /// A note kept with the fix.
    #[arg(long, value_name = "TEXT", requires = "src")]
    note: Option<String>,
    /// Replace fixes the new one overlaps or crosses (otherwise it is refused).
    #[arg(long, requires = "src")]
    replace: bool,
    /// List the fixes (orphans too: fixes whose sentences changed since).
    #[arg(long)]
    list: bool,
    /// Remove fixes: a fix number (#3), a source range (every fix with a source sentence
    /// in it), or + and a target range (+p10.s1, for added sentences).
    #[arg(long, value_name = "RANGE", allow_hyphen_values = true)]
    remove: Option<String>,
    /// Undo the last fix command (a fix, a --replace or a --remove), exactly.
    #[arg(long)]
    undo: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FixFormat::Text)]
    format: FixFormat,
    /// Use an alignment even if a text changed since it was made.
    #[arg(long)]
    allow_stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FixFormat {
    /// Readable lines.
    Text,
    /// JSON (`"schema": "tandem-fix/1"`).
    Json,
}

/// JSON output of every form of the command.
#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    action: &'static str,
    alignment: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<Changed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<&'a [FixRecord]>,
}

#[derive(Serialize)]
struct Changed<'a> {
    /// Index of the first bead that changed.
    at: usize,
    before: &'a [BeadRecord],
    after: &'a [BeadRecord],
    added: Vec<&'a FixRecord>,
    removed: &'a [FixRecord],
}

pub(crate) fn run(ctx: &Context, args: FixArgs) -> Result<i32> {
    let path = &args.alignment;
    let mut file = load_alignment(ctx, path, args.allow_stale)?;
    if args.list {
        return list(&file, path, args.format);
    }
    let time = fix::now();
    let (action, change) = if args.undo {
        let change =
            fix::undo(&mut file).with_context(|| format!("cannot undo in '{}'", path.display()))?;
        ("undo", change)
    } else {
        let fixer = fixer(ctx, &file, path);
        if let Some(spec) = &args.remove {
            let ids = fix::select(&file, spec)
                .with_context(|| format!("cannot remove from '{}'", path.display()))?;
            let change = fixer.remove(&mut file, &ids, &time)?;
            ("remove", change)
        } else {
            let (Some(src), Some(tgt)) = (&args.src, &args.tgt) else {
                anyhow::bail!("give --src and --tgt, or --list, --remove or --undo");
            };
            let range = |spec: &str, rec, side: &str| {
                parse_range(spec, rec).map_err(|e| anyhow::anyhow!("--{side} {spec}: {e}"))
            };
            let new = Fix {
                src: range(src, &file.source, "src")?,
                tgt: range(&without_added_mark(tgt), &file.target, "tgt")?,
                note: args.note.clone(),
            };
            let change = fixer
                .apply(&mut file, &[new], args.replace, &time)
                .with_context(|| format!("cannot fix '{}'", path.display()))?;
            ("fix", change)
        }
    };
    output::to_path(
        path,
        file.to_json().as_bytes(),
        Overwrite::IfOurs(is_alignment_file),
        &[],
    )?;
    let text = match args.format {
        FixFormat::Text => describe_change(&file, action, &change),
        FixFormat::Json => {
            let after = &file.beads[change.at..change.at + change.count];
            let report = Report {
                schema: "tandem-fix/1",
                action,
                alignment: path.display().to_string(),
                changed: Some(Changed {
                    at: change.at,
                    before: &change.before,
                    after,
                    added: file
                        .fixes
                        .iter()
                        .filter(|f| change.added.contains(&f.id))
                        .collect(),
                    removed: &change.removed,
                }),
                fixes: None,
            };
            serde_json::to_string_pretty(&report)? + "\n"
        }
    };
    output::to_stdout(text.as_bytes())?;
    ctx.status(format!("{} written", path.display()));
    Ok(exit::OK)
}

/// The model of the document, with the dictionaries it was aligned with.
fn fixer(ctx: &Context, file: &AlignmentFile, path: &Path) -> Fixer {
    let (config, notes) = fix::align_config(file, path);
    for note in notes {
        ctx.warn(note);
    }
    Fixer::new(file, &config)
}

/// A note or reason from the file, safe to print on one line.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn bead_line(file: &AlignmentFile, sign: char, b: &BeadRecord) -> String {
    let confidence = if b.fixed {
        "fixed".to_string()
    } else {
        format!("{:.2}", b.confidence)
    };
    format!(
        "  {sign} {:<28} {:<5} {confidence}\n",
        describe(file, &b.src, &b.tgt),
        b.kind
    )
}

/// A fix as one line: `#3 p8.s3–s4 ↔ p8.s4 (2-1) – note`.
fn fix_line(file: &AlignmentFile, f: &FixRecord) -> String {
    let at = if f.is_placed() {
        format!("{} ({})", describe(file, &f.src, &f.tgt), f.kind())
    } else {
        format!("orphan ({})", f.kind())
    };
    let note = f
        .note
        .as_ref()
        .map(|n| format!(" – {}", clean(n)))
        .unwrap_or_default();
    format!("#{} {at}{note}", f.id)
}

/// What a command did, for people.
fn describe_change(file: &AlignmentFile, action: &str, change: &Change) -> String {
    let mut out = String::new();
    let (added, removed) = match action {
        "undo" => ("restored fix", "undid fix"),
        "remove" => ("added fix", "removed fix"),
        _ => ("added fix", "replaced fix"),
    };
    for f in file.fixes.iter().filter(|f| change.added.contains(&f.id)) {
        out.push_str(&format!("{added} {}\n", fix_line(file, f)));
    }
    for f in &change.removed {
        out.push_str(&format!("{removed} {}\n", fix_line(file, f)));
    }
    let after = &file.beads[change.at..change.at + change.count];
    if change.before.is_empty() && after.is_empty() {
        out.push_str("no bead changed\n");
        return out;
    }
    out.push_str(&format!(
        "beads changed from bead {} ({} → {}):\n",
        change.at,
        change.before.len(),
        after.len()
    ));
    // The old beads carry indices of the same texts, so the same locators apply.
    for b in &change.before {
        out.push_str(&bead_line(file, '-', b));
    }
    for b in after {
        out.push_str(&bead_line(file, '+', b));
    }
    out
}

/// A target range as `show` prints the locator of a translated sentence with no original
/// (`+p10.s1`, `+p10.s1..+p10.s2`): the `+` only says which text the locator is of, and
/// `--tgt` names target sentences anyway.
fn without_added_mark(spec: &str) -> String {
    let spec = spec.trim();
    let spec = spec.strip_prefix('+').unwrap_or(spec);
    spec.replace("..+", "..")
}

/// `--list`: every fix with its locators, time and note; orphans with their reason.
fn list(file: &AlignmentFile, path: &Path, format: FixFormat) -> Result<i32> {
    let text = match format {
        FixFormat::Json => {
            let report = Report {
                schema: "tandem-fix/1",
                action: "list",
                alignment: path.display().to_string(),
                changed: None,
                fixes: Some(&file.fixes),
            };
            serde_json::to_string_pretty(&report)? + "\n"
        }
        FixFormat::Text if file.fixes.is_empty() => {
            format!("{}: no fixes\n", path.display())
        }
        FixFormat::Text => {
            let mut table = render::new_table(render::table_width(None));
            table.set_header(vec!["fix", "source", "target", "type", "time", "note"]);
            for f in &file.fixes {
                let (src, tgt) = if f.is_placed() {
                    (span(&file.source, &f.src), span(&file.target, &f.tgt))
                } else {
                    (
                        format!("({} sentence(s))", f.src.len()),
                        format!("({} sentence(s))", f.tgt.len()),
                    )
                };
                let mut note = f.note.as_deref().map(clean).unwrap_or_default();
                if let Some(origin) = &f.origin {
                    note = format!("{note} [from {}]", clean(origin))
                        .trim()
                        .to_string();
                }
                if let Some(why) = &f.orphan {
                    note = format!("ORPHAN: {} {note}", clean(why)).trim().to_string();
                }
                table.add_row(vec![
                    format!("#{}", f.id),
                    src,
                    tgt,
                    f.kind(),
                    f.time.clone(),
                    note,
                ]);
            }
            let orphans = file.fixes.iter().filter(|f| !f.is_placed()).count();
            format!(
                "{table}\n{} fix(es){}\n",
                file.fixes.len(),
                if orphans > 0 {
                    format!(", {orphans} orphan(s): their sentences changed; remove them with --remove #N")
                } else {
                    String::new()
                }
            )
        }
    };
    output::to_stdout(text.as_bytes())?;
    Ok(exit::OK)
}
