//! What a full stop means: abbreviations, Hungarian ordinal dots, initials, list labels.

use std::path::Path;

use super::*;

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
