//! The other marks: `!` and `?`, ellipsis, dialogue dashes, quotes, slashes as parentheses.

use super::*;

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
