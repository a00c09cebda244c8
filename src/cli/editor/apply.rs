//! Doing an action: the step of `tandem fix` it stands for (`actions.rs`), applied with
//! the fix API (`tandem::fix`), written atomically to the alignment file, and only then
//! answered with the new view of the file.
//!
//! The aligner's model ([`Fixer`]) depends only on the texts, the recorded parameters
//! and the options of the alignment, never on its fixes; the server keeps one across
//! actions and rebuilds it when any of those changed (a re-alignment from the command
//! line while the page is open).

use serde::Serialize;
use tandem::alignment::{is_alignment_file, AlignmentFile};
use tandem::fix::{self, describe, Change, Fixer};
use tandem::load::sha256_hex;
use tandem::write::{write_atomic, Overwrite};

use super::actions::{Action, Step};
use super::routes::{ApiError, App, Loaded, Outgoing};
use super::view::View;

/// The model of one document, with what it was built from.
pub(crate) struct CachedFixer {
    key: String,
    fixer: Fixer,
    notes: Vec<String>,
}

/// The answer to an action.
#[derive(Serialize)]
struct Done<'a> {
    /// `tandem-review-action/1`.
    schema: &'static str,
    /// What was done, for the status line.
    message: String,
    /// The bead to select next.
    focus: usize,
    /// `file.beads[at..at + count]` replaced the beads the action changed.
    at: usize,
    count: usize,
    /// The file as it is now (without the sentences, which did not change, and without
    /// the checks, which the page asks for next).
    view: View<'a>,
}

/// What the model depends on: the texts, the parameters and the options.
fn model_key(file: &AlignmentFile) -> String {
    let parts = serde_json::json!([
        file.source.sha256,
        file.target.sha256,
        file.parameters,
        file.options,
        file.source.sentences.len(),
        file.target.sentences.len(),
    ]);
    sha256_hex(parts.to_string().as_bytes())
}

impl App {
    /// Do `action` on the file as loaded (whose version the page named).
    pub(crate) fn apply(&self, loaded: Loaded, action: &Action) -> Result<Outgoing, ApiError> {
        let Loaded {
            mut file,
            version,
            mut notes,
        } = loaded;
        let step = action
            .step(&file)
            .map_err(|e| ApiError::new(422, format!("cannot do that: {e}")))?;
        let time = fix::now();
        let refused = |e: fix::FixError| ApiError::new(422, format!("cannot do that: {e}"));
        let (change, what) = match step {
            Step::Undo => (
                fix::undo(&mut file).map_err(refused)?,
                "undid the last change",
            ),
            Step::Remove(ids) => {
                let change = self
                    .with_fixer(&mut file, &mut notes, |f, file| f.remove(file, &ids, &time))
                    .map_err(refused)?;
                (change, "removed")
            }
            Step::Edit(edit) => {
                let fixes = edit.fixes(&file).map_err(refused)?;
                let change = self
                    .with_fixer(&mut file, &mut notes, |f, file| {
                        f.apply(file, &fixes, true, &time)
                    })
                    .map_err(refused)?;
                (change, "fixed")
            }
        };
        let json = file.to_json();
        self.write(&version, json.as_bytes())?;
        let message = message(&file, what, &change);
        let focus = focus(&file, &change);
        let view = View::new(
            &file,
            self.path.display().to_string(),
            sha256_hex(json.as_bytes()),
            notes,
            false,
            None,
        );
        Ok(Outgoing::json(
            200,
            &Done {
                schema: "tandem-review-action/1",
                message,
                focus,
                at: change.at,
                count: change.count,
                view,
            },
        ))
    }

    /// Run `f` with the model of `file`, rebuilt only when the texts, parameters or
    /// options changed.
    fn with_fixer<T>(
        &self,
        file: &mut AlignmentFile,
        notes: &mut Vec<String>,
        f: impl FnOnce(&Fixer, &mut AlignmentFile) -> T,
    ) -> T {
        let key = model_key(file);
        let mut cache = self.fixer.borrow_mut();
        if cache.as_ref().is_some_and(|c| c.key != key) {
            *cache = None;
        }
        let cached = cache.get_or_insert_with(|| {
            let (config, notes) = fix::align_config(file, &self.path);
            CachedFixer {
                key,
                fixer: Fixer::new(file, &config),
                notes,
            }
        });
        notes.extend(cached.notes.iter().cloned());
        f(&cached.fixer, file)
    }

    /// Write the new file atomically, unless it changed on disk since it was read for
    /// this action (another program wrote it meanwhile): then nothing is written.
    fn write(&self, read_version: &str, bytes: &[u8]) -> Result<(), ApiError> {
        let shown = self.path.display();
        let now = tandem::read::read_file(&self.path, tandem::read::FileKind::Alignment)
            .map_err(|e| ApiError::new(500, format!("cannot read {shown}: {e}")))?;
        if sha256_hex(&now) != read_version {
            return Err(ApiError::new(
                409,
                format!(
                    "{shown} changed while the action was being done: nothing was written; \
                     reload the page"
                ),
            ));
        }
        write_atomic(&self.path, bytes, Overwrite::IfOurs(is_alignment_file), &[])
            .map_err(|e| ApiError::new(500, format!("nothing was saved: {e}")))
    }
}

/// `fixed p8.s3–s4 ↔ p8.s4 (replacing fix #2); 3 beads re-aligned`.
fn message(file: &AlignmentFile, what: &str, change: &Change) -> String {
    let added: Vec<String> = file
        .fixes
        .iter()
        .filter(|f| change.added.contains(&f.id))
        .map(|f| format!("#{} {}", f.id, describe(file, &f.src, &f.tgt)))
        .collect();
    let removed: Vec<String> = change
        .removed
        .iter()
        .map(|f| format!("#{}", f.id))
        .collect();
    let mut out = match what {
        "fixed" => format!("fixed {}", added.join(" and ")),
        "removed" => format!("removed fix {}", removed.join(", ")),
        _ => what.to_string(),
    };
    if what == "fixed" && !removed.is_empty() {
        out.push_str(&format!(" (replacing fix {})", removed.join(", ")));
    }
    out.push_str(&format!(
        "; {} bead{} re-aligned",
        change.count,
        if change.count == 1 { "" } else { "s" }
    ));
    out
}

/// The bead to select after a change: the first bead a new fix made, else the first
/// bead that changed.
fn focus(file: &AlignmentFile, change: &Change) -> usize {
    let window = change.at..(change.at + change.count).min(file.beads.len());
    let first_fix = file
        .fixes
        .iter()
        .filter(|f| change.added.contains(&f.id))
        .min_by_key(|f| (f.src.first().copied(), f.tgt.first().copied()));
    first_fix
        .and_then(|f| {
            window
                .clone()
                .find(|&k| file.beads[k].src == f.src && file.beads[k].tgt == f.tgt)
        })
        .unwrap_or(window.start.min(file.beads.len().saturating_sub(1)))
}
