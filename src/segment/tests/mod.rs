//! Unit tests of the splitter: one test per rule case, named after it, plus invariants.
//!
//! The rule cases are grouped by the mark they decide: what a full stop means
//! (`dots`: abbreviations, ordinals, initials, list labels), the other marks (`marks`:
//! `!` `?`, ellipsis, dialogue dashes, quotes, slashes), and the invariants every split
//! keeps on any input (`invariants`: losslessness, proptest and fuzzing).

use super::*;

mod dots;
mod invariants;
mod marks;

fn split(lang: Lang, text: &str) -> Vec<&str> {
    Splitter::new(&lang)
        .split(text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

fn hu(text: &str) -> Vec<&str> {
    split(Lang::Hu, text)
}

fn en(text: &str) -> Vec<&str> {
    split(Lang::En, text)
}

fn other(text: &str) -> Vec<&str> {
    split(Lang::Other("de".into()), text)
}

/// The rules that fired on `text`.
fn rules_fired(lang: Lang, text: &str) -> Vec<(&'static str, Action)> {
    let (_, d) = Splitter::new(&lang).split_explained(text);
    d.into_iter().map(|d| (d.rule, d.action)).collect()
}

// ---- basics -------------------------------------------------------------------------

#[test]
fn plain_sentences_are_split() {
    assert_eq!(
        hu("Ez az első. Ez a második."),
        ["Ez az első.", "Ez a második."]
    );
    assert_eq!(en("One. Two? Three!"), ["One.", "Two?", "Three!"]);
}

#[test]
fn paragraph_without_punctuation_is_one_sentence() {
    assert_eq!(
        hu("John Steinbeck Egy marék arany"),
        ["John Steinbeck Egy marék arany"]
    );
}

#[test]
fn whitespace_only_paragraph_has_no_sentence() {
    assert!(hu("").is_empty());
    assert!(hu("   \t  ").is_empty());
}

#[test]
fn punctuation_only_paragraph_is_one_sentence() {
    assert_eq!(hu("…"), ["…"]);
    assert_eq!(en(" ?! "), ["?!"]);
    assert_eq!(en("🙂 🙂"), ["🙂 🙂"]);
}

#[test]
fn ranges_are_trimmed_and_runs_of_spaces_are_kept_inside() {
    let text = "  Egy   kettő.    Három.  ";
    let ranges = Splitter::new(&Lang::Hu).split(text);
    // `ő` and `á` take two bytes each.
    assert_eq!(ranges, [2..15, 19..26]);
}

#[test]
fn lang_is_reported() {
    assert_eq!(Splitter::new(&Lang::En).lang(), &Lang::En);
}

#[test]
fn splitter_is_send_sync_clone_debug() {
    fn check<T: Send + Sync + Clone + std::fmt::Debug>() {}
    check::<Splitter>();
}

#[test]
fn decisions_report_offsets_rules_and_actions_in_order() {
    let text = "Dr. Kovács jött. Nem tudom… Talán.";
    let (ranges, decisions) = Splitter::new(&Lang::Hu).split_explained(text);
    let talan = text.find("Talán").expect("present");
    assert_eq!(
        decisions,
        [
            Decision {
                offset: 4,
                rule: "abbreviation",
                action: Action::NoBreak
            },
            Decision {
                offset: talan,
                rule: "ellipsis_before_capital",
                action: Action::Break
            },
        ]
    );
    assert_eq!(ranges.len(), 3);
    assert_eq!(ranges[2].start, talan);
}
