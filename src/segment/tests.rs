//! Unit tests of the splitter: one test per rule case, named after it, plus invariants.

use std::path::Path;

use proptest::prelude::*;

use super::*;

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

// ---- abbreviations ------------------------------------------------------------------

#[test]
fn hu_never_final_abbreviation_before_capital_is_not_a_break() {
    assert_eq!(
        hu("Felkerestük dr. Kovács Pétert."),
        ["Felkerestük dr. Kovács Pétert."]
    );
    assert_eq!(
        hu("Az ún. Varsói Szerződés tagja."),
        ["Az ún. Varsói Szerződés tagja."]
    );
    assert_eq!(
        rules_fired(Lang::Hu, "Az ún. Varsói Szerződés."),
        [("abbreviation", Action::NoBreak)]
    );
}

#[test]
fn hu_capitalised_abbreviation_at_sentence_start_is_not_a_break() {
    assert_eq!(hu("Jó. Pl. Kovács is."), ["Jó.", "Pl. Kovács is."]);
}

#[test]
fn hu_can_be_final_abbreviation_before_capital_is_a_break() {
    assert_eq!(
        hu("Alma, körte stb. A többi."),
        ["Alma, körte stb.", "A többi."]
    );
    assert_eq!(
        hu("Alma, körte stb. és a többi."),
        ["Alma, körte stb. és a többi."]
    );
}

#[test]
fn hu_multi_word_abbreviation_is_not_a_break() {
    assert_eq!(hu("Kr. e. 500. Az idő."), ["Kr. e. 500.", "Az idő."]);
    assert_eq!(
        hu("Ez Kr. e. Rómában történt."),
        ["Ez Kr. e. Rómában történt."]
    );
}

#[test]
fn hu_case_sensitive_abbreviation_bp() {
    assert_eq!(hu("Bp. Kerület."), ["Bp. Kerület."]);
}

#[test]
fn hu_abbreviations_after_slash_in_file_number_are_not_a_break() {
    assert_eq!(
        hu("47/1963/szig. titk. Készült: 4 példányban"),
        ["47/1963/szig. titk. Készült: 4 példányban"]
    );
}

#[test]
fn en_title_before_name_is_not_a_break() {
    assert_eq!(
        en("We met Mr. Smith and Gen. Clay."),
        ["We met Mr. Smith and Gen. Clay."]
    );
    assert_eq!(
        en("It was St. Catherine's Isle."),
        ["It was St. Catherine's Isle."]
    );
}

#[test]
fn en_latin_abbreviation_is_not_a_break() {
    assert_eq!(
        en("Fruit, e.g. Apples. More."),
        ["Fruit, e.g. Apples.", "More."]
    );
}

#[test]
fn en_can_be_final_abbreviation_before_capital_is_a_break() {
    assert_eq!(
        en("Apples, pears etc. The rest."),
        ["Apples, pears etc.", "The rest."]
    );
    assert_eq!(en("At 5 p.m. we left."), ["At 5 p.m. we left."]);
}

#[test]
fn user_abbreviations_are_added() {
    let extra = Abbreviations::parse("Foo.\n", Path::new("x.txt")).expect("valid");
    let s = Splitter::new(&Lang::En).with_abbreviations(extra);
    let text = "A Foo. Bar. Baz.";
    let got: Vec<&str> = s.split(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, ["A Foo. Bar.", "Baz."]);
    // The built-ins are still there.
    assert_eq!(s.split("Mr. Smith.").len(), 1);
}

#[test]
fn other_language_gets_universal_abbreviations_only() {
    assert_eq!(
        other("Ich sah Dr. Meier. Gut."),
        ["Ich sah Dr. Meier.", "Gut."]
    );
    assert_eq!(other("Wir sahen Mr. Smith."), ["Wir sahen Mr.", "Smith."]);
}

// ---- Hungarian ordinal dots -------------------------------------------------------

#[test]
fn hu_year_dot_before_month_is_not_a_break() {
    assert_eq!(
        hu("Havanna, 1963. január 28. Tárgy: Kuba."),
        ["Havanna, 1963. január 28.", "Tárgy: Kuba."]
    );
    assert_eq!(hu("1963. jan. 28-án volt."), ["1963. jan. 28-án volt."]);
}

#[test]
fn hu_year_dot_before_roman_month_is_not_a_break() {
    assert_eq!(hu("Ez 1963. I. 28-án volt."), ["Ez 1963. I. 28-án volt."]);
    assert_eq!(
        hu("Kelt 1963. XII. 3. Aláírás."),
        ["Kelt 1963. XII. 3.", "Aláírás."]
    );
}

#[test]
fn hu_numeric_date_is_not_a_break() {
    assert_eq!(
        hu("Kelt 2019. 03. 15. Aláírás."),
        ["Kelt 2019. 03. 15.", "Aláírás."]
    );
}

#[test]
fn hu_roman_ordinal_before_capital_is_not_a_break() {
    assert_eq!(hu("XIV. Lajos uralkodott."), ["XIV. Lajos uralkodott."]);
    assert_eq!(
        hu("Ez a II. Világháború után volt."),
        ["Ez a II. Világháború után volt."]
    );
    assert_eq!(hu("Ő I. Jakab mellé állt."), ["Ő I. Jakab mellé állt."]);
}

#[test]
fn hu_roman_numeral_above_xxxix_is_not_an_ordinal() {
    // XL is no longer treated as an ordinal (nor an initial: two letters).
    assert_eq!(hu("Ez XL. Az."), ["Ez XL.", "Az."]);
}

#[test]
fn hu_number_dot_before_abbreviation_is_not_a_break() {
    assert_eq!(
        hu("Lásd az 5. Sz. mellékletet."),
        ["Lásd az 5. Sz. mellékletet."]
    );
    assert_eq!(hu("A 5. sz. melléklet."), ["A 5. sz. melléklet."]);
}

#[test]
fn hu_number_dot_before_capital_is_a_break() {
    assert_eq!(
        hu("Ez volt az 5. Aztán jött."),
        ["Ez volt az 5.", "Aztán jött."]
    );
}

#[test]
fn hu_ordinal_before_capitals_is_not_a_break() {
    assert_eq!(
        hu("A MEGÁLLAPODÁS 94. CIKKÉBEN MEGHATÁROZOTT JEGYZÉK"),
        ["A MEGÁLLAPODÁS 94. CIKKÉBEN MEGHATÁROZOTT JEGYZÉK"]
    );
    assert_eq!(hu("NVIC 8-01, 3. VÁLTOZÁS"), ["NVIC 8-01, 3. VÁLTOZÁS"]);
}

#[test]
fn hu_ordinal_dot_in_brackets_is_not_a_break() {
    assert_eq!(
        hu("rendelete (2017. június 8.) (HL L 166., 2017.6.29., 1. o.)."),
        ["rendelete (2017. június 8.) (HL L 166., 2017.6.29., 1. o.)."]
    );
    assert_eq!(
        hu("(HL L 133., 2004.4.30., 1. o.) (1–24. cikk), az alábbiakkal"),
        ["(HL L 133., 2004.4.30., 1. o.) (1–24. cikk), az alábbiakkal"]
    );
    assert_eq!(
        hu("(2019. április 10.) [2019/1035]"),
        ["(2019. április 10.) [2019/1035]"]
    );
}

#[test]
fn sentence_in_brackets_after_a_sentence_is_a_break() {
    assert_eq!(
        hu("Elment. (Később visszajött.)"),
        ["Elment.", "(Később visszajött.)"]
    );
}

#[test]
fn technical_citation_abbreviations_are_not_a_break() {
    assert_eq!(
        en("IMO Res. MSC.36(63) applies."),
        ["IMO Res. MSC.36(63) applies."]
    );
    assert_eq!(
        en("IEC 60945 (2002) incl. IEC 60945 Corr. 1 (2008)"),
        ["IEC 60945 (2002) incl. IEC 60945 Corr. 1 (2008)"]
    );
    assert_eq!(
        hu("IMO Res. MSC.81(70) szerint."),
        ["IMO Res. MSC.81(70) szerint."]
    );
}

#[test]
fn initial_before_digit_is_not_a_break() {
    assert_eq!(en("ITU-R M. 1371-5 (2014)"), ["ITU-R M. 1371-5 (2014)"]);
}

#[test]
fn hu_file_number_is_not_a_break() {
    assert_eq!(
        hu("Szám: 47/ 1963. Tárgy: Kuba."),
        ["Szám: 47/ 1963. Tárgy: Kuba."]
    );
    assert_eq!(
        hu("Szám: 47/1963. Tárgy: Kuba."),
        ["Szám: 47/1963. Tárgy: Kuba."]
    );
}

#[test]
fn en_number_dot_rules_are_hungarian_only() {
    assert_eq!(
        en("It was 1963. January came."),
        ["It was 1963.", "January came."]
    );
    assert_eq!(
        en("King James I. I, for one, knew."),
        ["King James I.", "I, for one, knew."]
    );
}

// ---- initials -----------------------------------------------------------------------

#[test]
fn en_initials_are_not_a_break() {
    assert_eq!(en("J. F. Kennedy spoke."), ["J. F. Kennedy spoke."]);
    assert_eq!(en("J.F. Kennedy spoke."), ["J.F. Kennedy spoke."]);
}

#[test]
fn hu_digraph_initials_are_not_a_break() {
    assert_eq!(hu("Aláírta Sz. K. Péter."), ["Aláírta Sz. K. Péter."]);
    assert_eq!(hu("Gy. Zs. Dzs. Kovács."), ["Gy. Zs. Dzs. Kovács."]);
    assert_eq!(hu("Ellopta X. Y.-tól."), ["Ellopta X. Y.-tól."]);
}

#[test]
fn en_two_letter_capitalised_word_is_not_an_initial() {
    assert_eq!(en("Go to Sz. Then."), ["Go to Sz.", "Then."]);
}

// ---- list labels --------------------------------------------------------------------

#[test]
fn list_label_is_not_a_break() {
    assert_eq!(
        en("1. First point. 2. Second point."),
        ["1. First point.", "2. Second point."]
    );
    assert_eq!(hu("IV. Fejezet címe."), ["IV. Fejezet címe."]);
}

#[test]
fn number_dot_inside_a_sentence_is_not_a_label() {
    assert_eq!(
        en("He was number 1. Then he fell."),
        ["He was number 1.", "Then he fell."]
    );
}

// ---- ! and ? ------------------------------------------------------------------------

#[test]
fn en_exclamation_before_lowercase_is_not_a_break() {
    assert_eq!(
        en("\"Stop!\" he said. Then."),
        ["\"Stop!\" he said.", "Then."]
    );
    assert_eq!(en("\"Who?\" asked Tim."), ["\"Who?\" asked Tim."]);
    assert_eq!(en("Oh! great fools."), ["Oh! great fools."]);
}

#[test]
fn hu_exclamation_before_lowercase_is_not_a_break() {
    assert_eq!(hu("Ó! úgy félt."), ["Ó! úgy félt."]);
}

#[test]
fn exclamation_before_capital_is_a_break() {
    assert_eq!(
        en("\"Stop!\" Robert ran away."),
        ["\"Stop!\"", "Robert ran away."]
    );
    assert_eq!(hu("Állj! Robert elfutott."), ["Állj!", "Robert elfutott."]);
}

#[test]
fn en_quote_attribution_with_a_name_is_not_a_break() {
    assert_eq!(en("\"Who?\" Henry asked."), ["\"Who?\" Henry asked."]);
    assert_eq!(
        en("\"Where?\" James Flower inquired. Then."),
        ["\"Where?\" James Flower inquired.", "Then."]
    );
    assert_eq!(en("\"Why?' I said to him."), ["\"Why?' I said to him."]);
}

#[test]
fn en_quote_followed_by_capital_pronoun_is_a_break() {
    assert_eq!(
        en("\"Go!\" He laughed loudly."),
        ["\"Go!\"", "He laughed loudly."]
    );
}

#[test]
fn en_quote_attribution_is_english_only() {
    assert_eq!(other("\"Wer?\" Henry asked."), ["\"Wer?\"", "Henry asked."]);
}

#[test]
fn en_spaced_closing_quote_after_nested_quote_stays_with_its_sentence() {
    assert_eq!(
        en("He said, 'Come! money first.' \" But now she had found."),
        ["He said, 'Come! money first.' \"", "But now she had found."]
    );
}

#[test]
fn en_spaced_opening_quote_starts_the_next_sentence() {
    assert_eq!(
        en("He prayed. \" 'The Lord is my shepherd.' \" Henry droned."),
        [
            "He prayed.",
            "\" 'The Lord is my shepherd.' \"",
            "Henry droned."
        ]
    );
}

// ---- ellipsis -----------------------------------------------------------------------

#[test]
fn hu_single_ellipsis_char_before_capital_is_a_break() {
    assert_eq!(
        hu("Nem tudom… Talán holnap."),
        ["Nem tudom…", "Talán holnap."]
    );
    assert_eq!(
        rules_fired(Lang::Hu, "Nem tudom… Talán."),
        [("ellipsis_before_capital", Action::Break)]
    );
}

#[test]
fn ellipsis_char_before_lowercase_is_not_a_break() {
    assert_eq!(hu("Nem tudom… talán holnap."), ["Nem tudom… talán holnap."]);
}

// ---- dialogue dash ------------------------------------------------------------------

#[test]
fn hu_dialogue_hyphen_after_exclamation_is_a_break() {
    assert_eq!(
        hu("Ugyan, mama! - Ez a csend felzaklatta."),
        ["Ugyan, mama!", "- Ez a csend felzaklatta."]
    );
}

#[test]
fn hu_dialogue_en_dash_after_full_stop_is_a_break() {
    assert_eq!(
        hu("Igen, apám. – Hogy tehettem volna?"),
        ["Igen, apám.", "– Hogy tehettem volna?"]
    );
}

#[test]
fn hu_dialogue_dash_before_lowercase_is_not_a_break() {
    assert_eq!(
        hu("- Megismersz? - kérdezte. - Nem."),
        ["- Megismersz? - kérdezte.", "- Nem."]
    );
}

#[test]
fn hu_dialogue_dash_before_quote_is_a_break() {
    assert_eq!(
        hu("Nevetett. - \"Majd ezzel!\""),
        ["Nevetett.", "- \"Majd ezzel!\""]
    );
}

#[test]
fn dash_inside_a_sentence_is_not_a_break() {
    assert_eq!(
        hu("vagyis – ahogy a kubaiak mondják – a forradalomra."),
        ["vagyis – ahogy a kubaiak mondják – a forradalomra."]
    );
}

#[test]
fn en_attached_dash_after_exclamation_is_a_break() {
    assert_eq!(
        en("Break his arms! -He will not tell?"),
        ["Break his arms!", "-He will not tell?"]
    );
}

// ---- quotes -------------------------------------------------------------------------

#[test]
fn en_interrupted_quote_before_new_quote_is_a_break() {
    assert_eq!(
        en("\"But you know-\" \"Yes, boy.\" Robert nodded."),
        ["\"But you know-\"", "\"Yes, boy.\"", "Robert nodded."]
    );
}

#[test]
fn en_interrupted_quote_before_lowercase_is_not_a_break() {
    assert_eq!(en("\"But you-\" he began."), ["\"But you-\" he began."]);
}

#[test]
fn hu_low_high_quotes_stay_with_their_sentence() {
    assert_eq!(
        hu("Az ún. „világforradalomra” figyelnek. „Jó!” Aztán."),
        ["Az ún. „világforradalomra” figyelnek.", "„Jó!”", "Aztán."]
    );
}

#[test]
fn en_closing_quote_after_full_stop_stays_with_its_sentence() {
    assert_eq!(
        en("He said \"no.\" Then left."),
        ["He said \"no.\"", "Then left."]
    );
}

// ---- slashes as parentheses ---------------------------------------------------------

#[test]
fn hu_closing_slash_after_full_stop_stays_with_its_sentence() {
    assert_eq!(
        hu("A vezetés /a párt./ Aztán jött."),
        ["A vezetés /a párt./", "Aztán jött."]
    );
    assert_eq!(
        rules_fired(Lang::Hu, "Ez /a párt./ Aztán."),
        [
            ("slash_parenthesis", Action::NoBreak),
            ("slash_parenthesis", Action::Break)
        ]
    );
}

#[test]
fn hu_slash_parenthesis_inside_a_sentence_is_not_a_break() {
    assert_eq!(
        hu("A kubai vezetés /a párt és a kormány/ jó úton haladt. Ez."),
        [
            "A kubai vezetés /a párt és a kormány/ jó úton haladt.",
            "Ez."
        ]
    );
}

// ---- robustness and invariants ------------------------------------------------------

/// The invariants every split must satisfy.
fn check_invariants(splitter: &Splitter, text: &str) {
    let ranges = splitter.split(text);
    let mut prev_end = 0;
    for r in &ranges {
        assert!(r.start < r.end, "empty range {r:?} in {text:?}");
        assert!(r.start >= prev_end, "overlap {r:?} in {text:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "untrimmed {s:?} in {text:?}");
        assert!(
            text[prev_end..r.start].trim().is_empty(),
            "lost text in {text:?}"
        );
        prev_end = r.end;
    }
    assert!(text[prev_end..].trim().is_empty(), "lost tail in {text:?}");
    assert_eq!(ranges.is_empty(), text.trim().is_empty(), "{text:?}");
    let (explained, _) = splitter.split_explained(text);
    assert_eq!(explained, ranges);
}

fn all_splitters() -> Vec<Splitter> {
    vec![
        Splitter::new(&Lang::Hu),
        Splitter::new(&Lang::En),
        Splitter::new(&Lang::Other("fr".into())),
    ]
}

const PIECES: &[&str] = &[
    "1963.", " ", "  ", "dr.", "!", "?", "…", "Á", "–", "-", ".", "\"", "„", "”", "/", "a", "Sz.",
    "XIV.", "I.", "jan.", "47/", "Kr.", "e.", "é", "\u{301}", "🙂", "\u{a0}", "\t", "(", ")", "x",
    "Zs", "stb.", "U.S.", "'", "’", "。",
];

#[test]
fn every_short_combination_of_tricky_pieces_keeps_the_invariants() {
    let splitters = all_splitters();
    for a in PIECES {
        for b in PIECES {
            for c in PIECES {
                let text = format!("{a}{b}{c}");
                for s in &splitters {
                    check_invariants(s, &text);
                }
            }
        }
    }
}

#[test]
fn long_paragraph_without_punctuation_is_one_sentence() {
    let text = "szó ".repeat(200_000);
    let ranges = Splitter::new(&Lang::Hu).split(&text);
    assert_eq!(ranges.len(), 1);
    assert_eq!(ranges[0], 0..text.trim_end().len());
}

/// Pathological inputs built from one repeated piece, `len` bytes each.
fn pathological(len: usize) -> Vec<String> {
    let pieces = [
        "szó ",
        "a",
        "!",
        "! ",
        ". ",
        "X. ",
        "1963. ",
        "\" ",
        "-\" ",
        "… ",
        "./ ",
        " ",
        "Á",
        "é\u{301}",
        ".)",
        "'.' \" ",
    ];
    pieces.iter().map(|p| p.repeat(len / p.len())).collect()
}

#[test]
fn pathological_paragraphs_keep_the_invariants() {
    for text in pathological(50_000) {
        for s in all_splitters() {
            check_invariants(&s, &text);
        }
    }
}

/// 50 MB paragraphs; slow in debug builds, run with `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn fifty_megabyte_paragraphs_do_not_panic() {
    for text in pathological(50 << 20) {
        let ranges = Splitter::new(&Lang::Hu).split(&text);
        assert_eq!(ranges.is_empty(), text.trim().is_empty());
    }
}

#[test]
fn very_long_words_do_not_break_the_rules() {
    let long = "á".repeat(10_000);
    let text = format!("{long}. {long}! {long}… Ő. {long}/ 1963. X{long}. Y");
    for s in all_splitters() {
        check_invariants(&s, &text);
    }
}

proptest! {
    #[test]
    fn splitting_arbitrary_strings_is_lossless(text in "\\PC{0,200}") {
        for s in all_splitters() {
            check_invariants(&s, &text);
        }
    }

    #[test]
    fn splitting_tricky_pieces_is_lossless(
        parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
    ) {
        let text: String = parts.concat();
        for s in all_splitters() {
            check_invariants(&s, &text);
        }
    }
}

mod fuzz {
    use super::*;
    use crate::document::Document;
    use crate::load::{load_bytes, LoadOptions};
    use crate::testing::{cases, tricky_bytes, tricky_string};

    /// Abbreviation entries mixing the tricky pieces, some valid, some not.
    fn abbrev_file() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                tricky_string(4).prop_map(|s| format!("{s}.")),
                tricky_string(4).prop_map(|s| format!("{s}. final")),
                tricky_string(6),
            ],
            0..6,
        )
        .prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(cases(256))]

        /// Any characters (controls, line ends, RTL, CJK, emoji, combining marks) and
        /// the user's abbreviations: splitting stays lossless and never panics.
        #[test]
        fn fuzz_split_is_lossless_on_tricky_text(text in tricky_string(60), abbrevs in abbrev_file()) {
            for s in all_splitters() {
                check_invariants(&s, &text);
            }
            if let Ok(extra) = Abbreviations::parse(&abbrevs, Path::new("a.txt")) {
                let s = Splitter::new(&Lang::Hu).with_abbreviations(extra);
                check_invariants(&s, &text);
            }
        }

        /// The whole front end on any bytes: every sentence is a non-empty trimmed
        /// slice of its paragraph, in order, with a unique locator.
        #[test]
        fn fuzz_documents_from_any_bytes(bytes in tricky_bytes(400), presplit in any::<bool>()) {
            let options = LoadOptions { clean_control: true, presplit, ..LoadOptions::default() };
            let Ok(loaded) = load_bytes(&bytes, Path::new("f.txt"), &options) else {
                return Ok(());
            };
            let paragraphs = loaded.paragraphs.clone();
            let splitter = Splitter::new(&Lang::Hu);
            let doc = Document::new(Path::new("f.txt"), Lang::Hu, loaded, (!presplit).then_some(&splitter));
            let mut prev_end = 0;
            let mut seen = std::collections::HashSet::new();
            for s in &doc.sentences {
                prop_assert!(s.range.start >= prev_end);
                prop_assert!(paragraphs.iter().any(|p| p.start <= s.range.start && s.range.end <= p.end));
                let text = &doc.loaded.text[s.range.clone()];
                if !presplit {
                    prop_assert!(!text.is_empty() && text == text.trim());
                }
                prop_assert!(seen.insert(s.locator), "duplicate locator {}", s.locator);
                prop_assert_eq!(s.locator.to_string().parse::<crate::document::Locator>(), Ok(s.locator));
                prev_end = s.range.end;
            }
            if presplit {
                prop_assert_eq!(doc.sentences.len(), paragraphs.len());
            }
        }
    }
}
