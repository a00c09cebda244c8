//! Tests of [`super`]: names on one side of a bead only, and what excuses them.

use super::super::testutil::{file, filler, findings, kinds};
use super::*;

const K: FindingKind = FindingKind::NameMismatch;

#[test]
fn folded_names_meet() {
    let en = Words::new(
        "Cuba and the Soviet Union, Havana, Kennedy, the UN, Kovács and England",
        &Lang::En,
    );
    let d = Dictionary::builtin_hu_en();
    for w in [
        "Kubának",
        "Szovjetunió",
        "Havannában",
        "Kennedy",
        "ENSZ",
        "Kovácsnak",
    ] {
        assert!(en.has_counterpart(w, &Lang::Hu, &d), "{w}");
    }
    assert!(!en.has_counterpart("Beck", &Lang::Hu, &d));
    let hu = Words::new("a Szovjetunióval és Kubával, Angliának", &Lang::Hu);
    let r = d.reversed();
    assert!(hu.has_counterpart("Cuba", &Lang::En, &r));
    assert!(hu.has_counterpart("Soviet", &Lang::En, &r));
}

#[test]
fn word_order_and_common_capitalised_words_do_not_fire() {
    let f = file(&[
        ("Beck János nagykövet.", "Ambassador János Beck."),
        (
            "A Nagykövetség jelenti Kubáról.",
            "The Embassy reports on Cuba.",
        ),
        ("Beck János és Kuba.", "János Beck and Cuba."),
        ("Mi a nagykövetség dolga?", "What does the Embassy do?"),
        (
            "Az államon belül mozoghat.",
            "He may move within each State.",
        ),
        ("Az állam dönt.", "The State decides."),
        ("ELFOGADTA EZT A HATÁROZATOT:", "HAS ADOPTED THIS DECISION:"),
    ]);
    assert_eq!(kinds(&f, K), Vec::<usize>::new());
}

#[test]
fn a_carried_name_missing_from_a_bead_fires() {
    let mut pairs = vec![
        (
            "Beck János jelenti, hogy Kuba vár.",
            "János Beck reports that Cuba waits.",
        ),
        (
            "Ezt Beck János írta Kubáról.",
            "This was written about Cuba.",
        ),
        ("Havannában a NATO is.", "In Havana, also the alliance."),
        ("Aztán O'Brien jött.", "Then O'Brien came."),
        ("Ekkor Kovács megszólalt.", "O'Brien spoke then."),
        // A capitalised common word before the name is no part of it.
        ("Férjem Kubában van.", "My husband is in, and waits."),
    ];
    pairs.extend(filler(10));
    let f = file(&pairs);
    let r = findings(&f, K);
    assert_eq!(r.iter().map(|x| x.bead).collect::<Vec<_>>(), vec![1, 4, 5]);
    assert!(
        r[0].reason.contains("“Beck”") && r[0].reason.contains("“János”"),
        "{}",
        r[0].reason
    );
    assert_eq!(r[0].words, ["Beck", "János"]);
    assert!(r[1].reason.contains("“O'Brien”"), "{}", r[1].reason);
}

#[test]
fn a_name_the_original_only_writes_first_is_a_name_the_translation_writes_inside() {
    // `Balboa` opens every Hungarian sentence it is in; the English writes it inside
    // one, so it is a name, and the second bead lacks it. `Van` opens a Hungarian
    // sentence too, and the English writes it inside one (`Van Dyke`), but the
    // Hungarian also writes `van` in lower case: a common word, never a name.
    let mut pairs = vec![
        ("Balboa a partra ért.", "Then Balboa came to the shore."),
        (
            "Balboa több mint száz éve érkezett.",
            "Over a century before, had come.",
        ),
        (
            "Van egy festmény a falon.",
            "There is a painting by Van Dyke on the wall.",
        ),
        (
            "A kép szép, és ott van.",
            "The picture is fine, and it is there.",
        ),
    ];
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), vec![1]);
}

#[test]
fn a_name_rendered_as_a_pronoun_is_not_a_mismatch() {
    let mut pairs = vec![
        ("Henry az ajtóhoz ment.", "Henry went to the door."),
        ("Megsimogatta Henry haját.", "She stroked his hair."),
        ("Ezt Henry mondta neki.", "This was what said to her."),
    ];
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), vec![2]);
}

#[test]
fn a_name_abbreviated_beside_another_name_is_no_mismatch_but_a_changed_acronym_is() {
    let mut pairs = vec![
        // The person's name and the country's are two names: `USA` abbreviates the
        // second (it was read as one run of five capitalised words, too long).
        (
            "William DAVEY (Amerikai Egyesült Államok)",
            "William DAVEY (USA)",
        ),
        // An acronym of the original is not abbreviated by another one.
        (
            "A Bizottság (EU) 2017/161 rendelete (HL L 27., 2017.2.1., 99. o.)",
            "Commission Regulation (EC) No 2017/161 (OJ L 27, 1.2.2017, p. 99)",
        ),
        (
            "Az EU és az Amerikai Egyesült Államok megállapodott.",
            "The EU and the United States of America agreed.",
        ),
        (
            "A Bizottság (EU) 2018/12 rendelete.",
            "Commission Regulation (EU) 2018/12.",
        ),
    ];
    pairs.extend(filler(10));
    let r = findings(&file(&pairs), K);
    assert_eq!(r.iter().map(|x| x.bead).collect::<Vec<_>>(), vec![1]);
    assert_eq!(r[0].words, ["EU"]);
}

#[test]
fn an_untranslated_sentence_does_not_make_a_translated_name_one_written_as_it_is() {
    // `GPM` is rendered `EPA` throughout; one sentence left in Hungarian writes `GPM`
    // in the translation, which must not make every `EPA` a dropped `GPM`.
    let (subjects, verbs) = (
        [
            ("A bizottság", "The committee"),
            ("A tanács", "The council"),
        ],
        [("elfogadta", "adopted"), ("módosította", "amended")],
    );
    let mut owned = Vec::new();
    for i in 0..30 {
        let ((hs, es), (hv, ev)) = (subjects[i % 2], verbs[i / 2 % 2]);
        owned.push((
            format!("{hs} {hv} a GPM {}. cikkét.", i + 1),
            format!("{es} {ev} Article {} of the EPA.", i + 1),
        ));
        owned.push((
            format!("{hs} ülést tartott a {}. napon.", i + 3),
            format!("{es} held a meeting on day {}.", i + 3),
        ));
    }
    let copy = "Az EU–Japán GPM Vegyes Bizottság.";
    owned.push((copy.to_string(), copy.to_string()));
    let pairs: Vec<(&str, &str)> = owned
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert!(findings(&file(&pairs), K).is_empty());
}

/// Beads where the translation writes a lower-case Hungarian adjective as a name.
fn european_beads() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "Az európai parlamenti képviselők ülésezni kezdtek.",
            "The European members of parliament began their session.",
        ),
        (
            "A bizottság az európai piacot vizsgálta.",
            "The committee examined the European market.",
        ),
        (
            "A jelentés az európai gazdaságról szól.",
            "The report is about the European economy.",
        ),
        (
            "Minden európai ország aláírta.",
            "Every European country signed it.",
        ),
    ]
}

#[test]
fn a_lower_case_name_the_translation_renders_as_a_name_is_checked() {
    let mut pairs = european_beads();
    // `European` left out.
    pairs.push((
        "Az európai bíróság döntött az ügyben.",
        "The court decided the case.",
    ));
    pairs.extend(filler(10));
    let r = findings(&file(&pairs), K);
    assert_eq!(r.iter().map(|x| x.bead).collect::<Vec<_>>(), vec![4]);
    assert_eq!(r[0].words, ["európai"]);
    assert_eq!(r[0].severity, Severity::Warning);
    // An acronym with the name's initial that the original does not write
    // abbreviates it: no finding.
    let mut pairs = european_beads();
    pairs.push((
        "A kérdés az európai uniós repülőtereket érinti.",
        "The question concerns EU airports.",
    ));
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), Vec::<usize>::new());
}

#[test]
fn a_lower_case_word_rendered_inconsistently_is_no_name() {
    let mut pairs = vec![
        ("A walesi dombok zöldek.", "The Welsh hills are green."),
        ("A walesi nyelv régi.", "The Welsh language is old."),
        ("Egy walesi falu volt.", "It was a village in Wales."),
        (
            "A walesi partokon éltek.",
            "They lived on the coast of Wales.",
        ),
        ("A walesi pásztor hallgatott.", "The shepherd was silent."),
    ];
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), Vec::<usize>::new());
    // The same word, rendered as one name throughout, fires where it is left out.
    let mut pairs = vec![
        ("A walesi dombok zöldek.", "The hills of Wales are green."),
        ("A walesi nyelv régi.", "The language of Wales is old."),
        ("Egy walesi falu volt.", "It was a village in Wales."),
        (
            "A walesi partokon éltek.",
            "They lived on the coast of Wales.",
        ),
        ("A walesi pásztor hallgatott.", "The shepherd was silent."),
    ];
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), vec![4]);
}

#[test]
fn a_possessive_pronoun_does_not_stand_for_a_subject_nor_any_for_a_place() {
    let mut pairs = vec![
        ("Gwenliana a tűz előtt ült.", "Gwenliana sat by the fire."),
        // The name as possessor: `his eyes` renders `Henry szeme`.
        ("Akkor Henry szeme felragyogott.", "Then his eyes lit up."),
        ("Henry az ajtóhoz ment.", "Henry went to the door."),
        // The name as subject, dropped: `her seat` stands for no subject.
        ("Akkor Gwenliana a tűz előtt ült.", "Then was in her seat."),
        (
            "Akkor Gwenliana a tűz előtt ült.",
            "Then she was in her seat.",
        ),
        ("Panamába ment.", "He went to Panama."),
        ("Panamában élt.", "He lived in Panama."),
        // A place left out: `He` stands for nobody's place.
        (
            "Egymilliót szerzett Panamából.",
            "He took a million out of.",
        ),
    ];
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), vec![3, 7]);
}

#[test]
fn no_personal_pronoun_stands_for_a_place_in_its_bare_form() {
    let mut pairs = vec![
        ("Panamába ment.", "He went to Panama."),
        ("Panamában élt.", "He lived in Panama."),
        // `- Igen, Panama.` left out beside `he`: the original writes Panama as a
        // place (into, in), so `he` stands for no Panama.
        ("- Igen, Panama - mondta.", "Yes, he said."),
        // A person the original seldom writes with a case of place (`beleszeret
        // Henrybe`, 1 of 12) is still rendered by `he`.
        ("Henrybe szerelmes lett.", "She fell in love with Henry."),
        ("- Igen, Henry - felelte.", "Yes, he answered."),
        // A place's name inside a longer name is not the place: a ship is `she`.
        ("Bristolból jött.", "He came from Bristol."),
        ("A Bristol Girl gyors volt.", "She was fast."),
    ];
    pairs.extend([("Henry hazament.", "Henry went home."); 10]);
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), vec![2]);
}

#[test]
fn a_given_name_in_its_other_form_is_its_counterpart_in_the_bead_only() {
    // The English keeps `Sándor` for Petőfi, so the name is carried; in the second bead
    // it writes `Alexander` for Nagy Sándor, and `Louis` for a king Lajos (`Lajost`).
    let mut pairs = vec![
        ("Petőfi Sándor verset írt.", "Sándor Petőfi wrote a poem."),
        (
            "Nagy Sándor hadjáratairól olvastam.",
            "I read of the wars of Alexander the Great.",
        ),
        ("Kossuth Lajos beszélt.", "Lajos Kossuth spoke."),
        (
            "A levél a király Lajost is említette.",
            "The letter named the king Louis too.",
        ),
        // Still a name left out.
        ("Sándor és Petőfi elment.", "Petőfi left."),
    ];
    pairs.extend(filler(10));
    assert_eq!(kinds(&file(&pairs), K), vec![4]);
}
