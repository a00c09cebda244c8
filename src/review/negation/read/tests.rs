//! Tests of [`super`]: how one sentence's negations are read.

use super::*;

#[test]
fn double_negation_is_one() {
    assert_eq!(negations("Senki sem jött.", &Lang::Hu).0.len(), 1);
    assert_eq!(
        negations("Soha nem volt itt, de semmit sem hozott.", &Lang::Hu)
            .0
            .len(),
        2
    );
    assert_eq!(negations("Nobody came.", &Lang::En).0.len(), 1);
    assert_eq!(negations("He didn't come.", &Lang::En).0.len(), 1);
    assert!(negations("pursuant to Regulation (EC) No", &Lang::En)
        .0
        .is_empty());
    assert_eq!(negations("No, he said. No man came.", &Lang::En).0.len(), 1);
    assert!(negations("Nemcsak ő jött.", &Lang::Hu).0.is_empty());
    assert!(negations("Not only he came.", &Lang::En).0.is_empty());
    assert!(negations("A nemzet nemes.", &Lang::Hu).0.is_empty());
}

/// Each Hungarian `only` is read as its English mirror is, so the pair agrees; the
/// same words without the `only` stay negations.
#[test]
fn hungarian_only_mirrors_english_only() {
    let none = |t: &str, lang: &Lang| negations(t, lang).0.is_empty();
    // nobody except X / no one save X
    assert!(none(
        "Morganon kívül senki se tudta, mit fognak meghódítani.",
        &Lang::Hu
    ));
    assert!(none(
        "No one save Morgan knew where that conquest was to be.",
        &Lang::En
    ));
    assert!(none(
        "A rovarokon kívül nem maradt benne élőlény.",
        &Lang::Hu
    ));
    // nothing but
    assert!(none("Mást se láttak, csak zöld dzsungelt.", &Lang::Hu));
    assert!(none("Nem csinálnak semmit, csak kocsikáznak.", &Lang::Hu));
    assert!(none("They do nothing but drive about.", &Lang::En));
    // no larger than
    assert!(none(
        "Egy nyulacskánál nem nagyobb majom ugrált.",
        &Lang::Hu
    ));
    assert!(none("Nem több, mint tíz ember jött.", &Lang::Hu));
    // other than / only
    assert!(none(
        "Senki sincs alávetve más korlátozásnak, mint amelyet a törvény megállapít.",
        &Lang::Hu
    ));
    assert!(none("A monkey no larger than a rabbit jumped.", &Lang::En));
    // `not … other than` is read as a negation that may say `only`.
    let (negs, _, _) = negations(
        "Such information shall not be communicated to persons other than those concerned.",
        &Lang::En,
    );
    assert!(negs.len() == 1 && negs[0].other_than);
    let (negs, _, _) = negations("He did not see the other man.", &Lang::En);
    assert!(negs.len() == 1 && !negs[0].other_than);
    // `figyelmen kívül hagy` is `disregard`: the negation stands.
    assert_eq!(
        negations("Ezt a tényt nem hagyhatja figyelmen kívül.", &Lang::Hu)
            .0
            .len(),
        1
    );
    // The same words as denials.
    assert_eq!(
        negations("Senki se tudta, mit fognak meghódítani.", &Lang::Hu)
            .0
            .len(),
        1
    );
    assert_eq!(negations("Nem láttak semmit.", &Lang::Hu).0.len(), 1);
    assert_eq!(negations("Ez nem jobb.", &Lang::Hu).0.len(), 1);
    assert_eq!(
        negations("Nem mentem el, csak otthon maradtam.", &Lang::Hu)
            .0
            .len(),
        1
    );
}

#[test]
fn split_not_only_a_letter_code_and_a_far_than() {
    let count = |t: &str| negations(t, &Lang::En).0.len();
    // `not … only` is `not only`; `not the only` denies.
    assert_eq!(count("I am sure you did not steal only gold."), 0);
    assert_eq!(count("It is not the only one."), 1);
    // `No` before a letter code is `number`.
    assert_eq!(count("No C(2015) 8005"), 0);
    assert_eq!(count("No CAT came."), 1);
    // A `than` far on leaves `Nothing` a negation; a near one makes it `only`.
    assert_eq!(
        count("Nothing in this Regulation shall be construed so as to act for other purposes than to assist."),
        1
    );
    assert_eq!(count("It was nothing more than a dream."), 0);
    assert_eq!(
        count("No unit of life was left save the flying insects."),
        0
    );
}

#[test]
fn implicit_negations_are_read_by_their_form() {
    let implicit = |t: &str, lang: &Lang| negations(t, lang).1;
    // Privative `-talan`/`-telen` after a consonant, as `-tlan`/`-tlen`.
    assert!(implicit("Képtelen volt másképp cselekedni.", &Lang::Hu));
    assert!(implicit("Reménytelen helyzet.", &Lang::Hu));
    // A counterfactual implies its denial.
    assert!(implicit("Hiszen ha gondoltam volna, hogy te...", &Lang::Hu));
    assert!(!implicit("Szerettem volna menni.", &Lang::Hu));
    // Latinate prefixes count only where they negate.
    assert!(implicit("It was impossible.", &Lang::En));
    assert!(implicit("He was impatient and dishonest.", &Lang::En));
    assert!(!implicit(
        "The increasing demands of international trade, including imports.",
        &Lang::En
    ));
    assert!(!implicit("It is important, immediately.", &Lang::En));
}

#[test]
fn a_negation_knows_its_clause() {
    let text = "He came, but he did not stay long; then he left.";
    let (negs, _, _) = negations(text, &Lang::En);
    assert_eq!(&text[negs[0].clause.clone()], "but he did not stay long");
}

#[test]
fn a_question_tag_opens_its_clause() {
    assert!(negations("You will come, won't you?", &Lang::En)
        .0
        .is_empty());
    assert!(negations("They went, didn't they.", &Lang::En).0.is_empty());
    assert_eq!(negations("I am sure it was not she.", &Lang::En).0.len(), 1);
    assert_eq!(negations("But that's not it, John.", &Lang::En).0.len(), 1);
}

#[test]
fn two_negations_that_cancel_are_a_yes() {
    let none = |t: &str, lang: &Lang| negations(t, lang).0.is_empty();
    assert!(none("The king was never without enemies.", &Lang::En));
    assert!(none("It is not impossible.", &Lang::En));
    assert!(none("A terv nem hibátlan.", &Lang::Hu));
    // Only a word negative by its form cancels, and only the one negated.
    assert!(!none(
        "The act is not to be incorporated into the Agreement.",
        &Lang::En
    ));
    assert!(!none("I have not ever seen it.", &Lang::En));
    assert!(!none("It shall not be sold without a licence.", &Lang::En));
    // A Hungarian verb that negates by meaning, negated: `let us remember`.
    assert!(none(
        "Ne feledjük, hogy a választás jövőre lesz.",
        &Lang::Hu
    ));
    assert!(none("Nem tagadta, hogy ott volt.", &Lang::Hu));
    // … only as the word negated itself: no one would dare (to deny) is a negation.
    assert!(!none("Senki se merné tagadni.", &Lang::Hu));
}

#[test]
fn two_different_negations_close_together_cancel() {
    fn cancelled(t: &str) -> Vec<&str> {
        negations(t, &Lang::En)
            .0
            .iter()
            .filter_map(|n| n.cancelled_by)
            .collect()
    }
    assert_eq!(cancelled("There is not no crime in it."), vec!["not no"]);
    assert_eq!(
        cancelled("No light had not flashed."),
        vec!["No light had not"]
    );
    assert_eq!(cancelled("I have not never known it."), vec!["not never"]);
    // Repetition, lists and coordination are no double negation.
    assert!(cancelled("Never-never to speak of it.").is_empty());
    assert!(cancelled("I don't know-I don't know.").is_empty());
    assert!(cancelled("With no dream and no will to leave.").is_empty());
    assert!(cancelled("They were not strong nor wise.").is_empty());
    // Far apart in the clause: two negated parts.
    assert!(cancelled("I do not even know what is not the matter.").is_empty());
}

#[test]
fn a_negated_question_with_a_question_word_asks_something_else() {
    let asks = |t: &str| negations(t, &Lang::En).0.iter().any(|n| n.asks);
    assert!(asks("When will not you be off, Henry?"));
    assert!(asks("And where don't you go now?"));
    assert!(asks("Why don't you marry your cousin?"));
    // Yes-no questions, relative clauses and an interjection are not.
    assert!(!asks("Can she have not loved me always?"));
    assert!(!asks("He left the men who are not like him?"));
    assert!(!asks("Why, don't you know?"));
    assert!(!asks("Who has not come. Who knows?"));
}

#[test]
fn idioms_and_answers_are_not_denials() {
    let none = |t: &str, lang: &Lang| negations(t, lang).0.is_empty();
    assert!(none("Like as not he'll be wanting to go.", &Lang::En));
    assert!(none("He was not just a boy with a craving.", &Lang::En));
    assert!(none("No; I thought I would talk with you.", &Lang::En));
    assert!(none("Nem; a munkát befejeztük.", &Lang::Hu));
    // `nehogy` (lest) and `nemigen` (hardly) negate.
    assert!(!none("Félrehúzta, nehogy befröcskölje a vér.", &Lang::Hu));
    assert!(!none("Ez nemigen nevezhető lopásnak.", &Lang::Hu));
    // …and `lest` is English's implicit way to say it.
    assert!(negations("She drew it aside lest the blood spot it.", &Lang::En).1);
}

#[test]
fn an_only_or_a_limit_is_counted_once_per_clause() {
    let count = |t: &str, lang: &Lang| negations(t, lang).2;
    assert_eq!(
        count("Semmit sem láttak, csak zöld dzsungelt.", &Lang::Hu),
        1
    );
    assert_eq!(count("They do nothing but drive about.", &Lang::En), 1);
    assert_eq!(
        count("No more than fifteen pages, nothing but text.", &Lang::En),
        2
    );
    assert_eq!(count("He did not come.", &Lang::En), 0);
}
