//! What the page asks for, as steps of `tandem fix`: each action (confirm, merge, split,
//! shift, untranslated/added, unfix, undo) becomes one [`Edit`] (one or two fixes applied
//! as one change), one removal of a fix, or one undo.
//!
//! An action names beads and sentences by their index in the file version the page
//! was showing; the server refuses it when the file changed since (`routes.rs`), so the
//! indices here always refer to the file they were chosen in. The checks here give the
//! page a plain reason ("the last bead has no next bead") before the fix API is asked.

use serde::Deserialize;
use tandem::alignment::AlignmentFile;
use tandem::fix::Edit;

/// Which text a sentence is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Side {
    /// The original.
    Source,
    /// The translation.
    Target,
}

/// One action of the page (the JSON body of `POST /api/action`, without `version`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub(crate) enum Action {
    /// The bead is right as it stands.
    Confirm { bead: usize },
    /// The bead and the next one are one bead.
    MergeNext { bead: usize },
    /// The bead and the previous one are one bead.
    MergePrevious { bead: usize },
    /// The bead is two: its first `src_cut` source and `tgt_cut` target sentences, then
    /// the rest.
    Split {
        bead: usize,
        src_cut: usize,
        tgt_cut: usize,
    },
    /// The first sentence of the bead on `side` belongs to the previous bead.
    ShiftUp { bead: usize, side: Side },
    /// The last sentence of the bead on `side` belongs to the next bead.
    ShiftDown { bead: usize, side: Side },
    /// This sentence has no counterpart: untranslated (source) or added (target).
    Alone { side: Side, sentence: usize },
    /// Remove the fix that made this bead; it is aligned again with its neighbours.
    Unfix { bead: usize },
    /// Take back the last change (a fix, a removal or an undo), exactly.
    Undo,
}

/// An action and the file version it was chosen in.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ActionRequest {
    /// `sha256:<hex>` of the file the page showed.
    pub(crate) version: String,
    /// What to do.
    #[serde(flatten)]
    pub(crate) action: Action,
}

/// What `tandem fix` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Apply the fixes of an edit (replacing fixes they overlap).
    Edit(Edit),
    /// Remove these fixes (by id).
    Remove(Vec<u32>),
    /// Undo the last change.
    Undo,
}

impl Action {
    /// The step of `tandem fix` that does this action on `file`, or why it cannot be
    /// done there.
    pub(crate) fn step(&self, file: &AlignmentFile) -> Result<Step, String> {
        let n = file.beads.len();
        let bead = |k: usize| {
            file.beads
                .get(k)
                .ok_or_else(|| format!("there is no bead #{} (the alignment has {n})", k + 1))
        };
        let has_next = |k: usize| {
            bead(k)?;
            if k + 1 < n {
                Ok(())
            } else {
                Err("the last bead has no next bead".to_string())
            }
        };
        let edit = match *self {
            Action::Confirm { bead: k } => {
                if bead(k)?.fixed {
                    return Err(format!("bead #{} is fixed already", k + 1));
                }
                Edit::Confirm { bead: k }
            }
            Action::MergeNext { bead: k } => {
                has_next(k)?;
                Edit::MergeNext { bead: k }
            }
            Action::MergePrevious { bead: k } => {
                bead(k)?;
                let prev = k
                    .checked_sub(1)
                    .ok_or("the first bead has no previous bead")?;
                Edit::MergeNext { bead: prev }
            }
            Action::Split {
                bead: k,
                src_cut,
                tgt_cut,
            } => {
                let b = bead(k)?;
                let (ns, nt) = (b.src.len(), b.tgt.len());
                if src_cut > ns || tgt_cut > nt {
                    return Err(format!(
                        "a {ns}-{nt} bead cannot be cut after {src_cut} source and {tgt_cut} \
                         target sentences"
                    ));
                }
                if (src_cut, tgt_cut) == (0, 0) || (src_cut, tgt_cut) == (ns, nt) {
                    return Err("a split must leave sentences on both sides of the cut".into());
                }
                Edit::Split {
                    bead: k,
                    src: src_cut,
                    tgt: tgt_cut,
                }
            }
            Action::ShiftUp { bead: k, side } | Action::ShiftDown { bead: k, side } => {
                let down = matches!(self, Action::ShiftDown { .. });
                let b = bead(k)?;
                let ids = match side {
                    Side::Source => &b.src,
                    Side::Target => &b.tgt,
                };
                if ids.is_empty() {
                    return Err(format!(
                        "bead #{} has no {} sentence to move",
                        k + 1,
                        side_name(side)
                    ));
                }
                if down {
                    has_next(k)?;
                } else if k == 0 {
                    return Err("the first bead has no previous bead".into());
                }
                Edit::Shift {
                    bead: k,
                    target: side == Side::Target,
                    down,
                }
            }
            Action::Alone { side, sentence } => {
                let len = match side {
                    Side::Source => file.source.sentences.len(),
                    Side::Target => file.target.sentences.len(),
                };
                if sentence >= len {
                    return Err(format!(
                        "there is no {} sentence {sentence} (the text has {len})",
                        side_name(side)
                    ));
                }
                match side {
                    Side::Source => Edit::Untranslated { sentence },
                    Side::Target => Edit::Added { sentence },
                }
            }
            Action::Unfix { bead: k } => {
                let b = bead(k)?;
                let ids: Vec<u32> = file
                    .fixes
                    .iter()
                    .filter(|f| f.is_placed() && f.src == b.src && f.tgt == b.tgt)
                    .map(|f| f.id)
                    .collect();
                if !b.fixed || ids.is_empty() {
                    return Err(format!("bead #{} is not fixed", k + 1));
                }
                return Ok(Step::Remove(ids));
            }
            Action::Undo => {
                if file.history.is_empty() {
                    return Err("there is nothing to undo".into());
                }
                return Ok(Step::Undo);
            }
        };
        Ok(Step::Edit(edit))
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Source => "source",
        Side::Target => "target",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Beads #1 [0]-[0], #2 [1,2]-[1], #3 [3]-[], #4 []-[2], #5 [4]-[3,4] (fixed).
    fn file() -> AlignmentFile {
        let text = |count: usize| {
            serde_json::json!({
                "path": "x.txt", "lang": "hu", "sha256": "sha256:00", "encoding": "utf-8",
                "segmentation": "presplit",
                "sentences": (0..count).map(|i| serde_json::json!(
                    {"id": format!("l{i}"), "start": 0, "end": 0, "text": format!("s{i}")}
                )).collect::<Vec<_>>(),
            })
        };
        let beads = [
            (vec![0], vec![0]),
            (vec![1, 2], vec![1]),
            (vec![3], vec![]),
            (vec![], vec![2]),
            (vec![4], vec![3, 4]),
        ];
        let mut file: AlignmentFile = serde_json::from_value(serde_json::json!({
            "schema": tandem::alignment::SCHEMA, "tool": "tandem test", "id": "x",
            "source": text(5), "target": text(5),
            "parameters": {"length_ratio": 1.0, "length_variance": 6.8,
                "bead_priors": [], "dictionary_entries": 0, "learned_entries": 0,
                "passes": 1, "search": "full"},
            "beads": beads.iter().map(|(s, t)| serde_json::json!({
                "src": s, "tgt": t, "type": format!("{}-{}", s.len(), t.len()),
                "confidence": 0.5})).collect::<Vec<_>>(),
        }))
        .expect("a file");
        file.beads[4].fixed = true;
        file.beads[4].confidence = 1.0;
        file.fixes.push(tandem::fix::FixRecord {
            id: 1,
            src: vec![4],
            tgt: vec![3, 4],
            src_hashes: vec![],
            tgt_hashes: vec![],
            time: "2026-01-01T00:00:00Z".into(),
            note: None,
            origin: None,
            orphan: None,
        });
        file
    }

    fn ok(action: Action) -> Step {
        action.step(&file()).expect("possible")
    }

    fn err(action: Action) -> String {
        action.step(&file()).expect_err("impossible")
    }

    #[test]
    fn confirm_and_merge() {
        assert_eq!(
            ok(Action::Confirm { bead: 1 }),
            Step::Edit(Edit::Confirm { bead: 1 })
        );
        assert!(err(Action::Confirm { bead: 4 }).contains("fixed already"));
        assert!(err(Action::Confirm { bead: 5 }).contains("no bead #6"));
        assert_eq!(
            ok(Action::MergePrevious { bead: 1 }),
            Step::Edit(Edit::MergeNext { bead: 0 })
        );
        assert!(err(Action::MergeNext { bead: 4 }).contains("last bead"));
        assert!(err(Action::MergePrevious { bead: 0 }).contains("first bead"));
    }

    #[test]
    fn splits_leave_sentences_on_both_sides() {
        let split = |src_cut, tgt_cut| Action::Split {
            bead: 1,
            src_cut,
            tgt_cut,
        };
        assert_eq!(
            ok(split(1, 0)),
            Step::Edit(Edit::Split {
                bead: 1,
                src: 1,
                tgt: 0
            })
        );
        assert!(err(split(0, 0)).contains("both sides"));
        assert!(err(split(2, 1)).contains("both sides"));
        assert!(err(split(3, 0)).contains("cannot be cut"));
    }

    #[test]
    fn shifts_need_a_sentence_and_a_neighbour() {
        assert_eq!(
            ok(Action::ShiftUp {
                bead: 1,
                side: Side::Target
            }),
            Step::Edit(Edit::Shift {
                bead: 1,
                target: true,
                down: false
            })
        );
        assert!(err(Action::ShiftUp {
            bead: 0,
            side: Side::Source
        })
        .contains("first bead"));
        assert!(err(Action::ShiftDown {
            bead: 4,
            side: Side::Source
        })
        .contains("last bead"));
        assert!(err(Action::ShiftDown {
            bead: 2,
            side: Side::Target
        })
        .contains("no target sentence"));
    }

    #[test]
    fn alone_unfix_and_undo() {
        assert_eq!(
            ok(Action::Alone {
                side: Side::Target,
                sentence: 4
            }),
            Step::Edit(Edit::Added { sentence: 4 })
        );
        assert!(err(Action::Alone {
            side: Side::Source,
            sentence: 5
        })
        .contains("no source sentence 5"));
        assert_eq!(ok(Action::Unfix { bead: 4 }), Step::Remove(vec![1]));
        assert!(err(Action::Unfix { bead: 0 }).contains("not fixed"));
        assert!(err(Action::Undo).contains("nothing to undo"));
    }

    #[test]
    fn requests_parse_from_the_page_json() {
        let r: ActionRequest = serde_json::from_str(
            r#"{"version":"sha256:ab","action":"shift-up","bead":3,"side":"target"}"#,
        )
        .expect("parses");
        assert_eq!(
            r.action,
            Action::ShiftUp {
                bead: 3,
                side: Side::Target
            }
        );
        let r: ActionRequest =
            serde_json::from_str(r#"{"version":"v","action":"undo"}"#).expect("parses");
        assert_eq!(r.action, Action::Undo);
        assert!(serde_json::from_str::<ActionRequest>(r#"{"version":"v","action":"rm"}"#).is_err());
        assert!(serde_json::from_str::<ActionRequest>(r#"{"action":"undo"}"#).is_err());
    }
}
