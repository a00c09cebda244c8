//! The words of the negation check: which words negate (`nem`, `senki`, `not`,
//! `never`), which negate by themselves (`nélkül`, `-talan`, `without`, `impossible`), and
//! which turn a negation into something else (`no later than`, `nothing but`, `nem
//! sokkal`). Language knowledge only: one word at a time, no sentence, no bead.

use crate::lang::Lang;

pub(super) const HU_NEG: &[&str] = &[
    "nem",
    "ne",
    "sem",
    "se",
    "mégsem",
    "mégse",
    "sohase",
    "sohse",
    "nincs",
    "nincsen",
    "nincsenek",
    "sincs",
    "sincsen",
    "sincsenek",
    "soha",
    "sohasem",
    "sose",
    "sosem",
    "semmikor",
    "sehol",
    "sehova",
    "sehová",
    "sehonnan",
    "semerre",
    "semennyi",
    "semelyik",
    "semmilyen",
    "semmiféle",
    "semmiképp",
    "semmiképpen",
    "senki",
    "semmi",
    // `lest`, `so that … not` (`nehogy befröcskölje` ≡ `that it might not be spotted`).
    "nehogy",
    // `hardly`, `not really` (`nemigen nevezhető` ≡ `it was not … called`).
    "nemigen",
];

/// Inflected forms start with these (`senkit`, `semmiről`).
pub(super) const HU_NEG_STEMS: &[&str] = &["senki", "semmi"];

pub(super) const EN_NEG: &[&str] = &[
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "nowhere", "cannot",
    "nought", "naught",
];

pub(super) const HU_IMPLICIT: &[&str] = &[
    "kevés",
    "hiába",
    "elfogy",
    "kétség",
    "nélkül",
    "anélkül",
    "hiány",
    "tilos",
    "tilt",
    "elutasít",
    "megtagad",
    "kivéve",
    "alig",
    "aligha",
];

/// The privative suffix: `-tlan`/`-tlen` after a vowel (`hibátlan`), `-talan`/`-telen`
/// after a consonant (`képtelen`, `reménytelen`).
pub(super) const HU_PRIVATIVE: &[&str] = &["tlan", "tlen", "talan", "telen"];

pub(super) const EN_IMPLICIT: &[&str] = &[
    // `the finest I ever saw` for `amilyet még nem láttam`: a negative-polarity `ever`.
    "ever",
    "until",
    "before",
    "difficult",
    "seldom",
    "rarely",
    "without",
    "fail",
    "failed",
    "fails",
    "failure",
    "lack",
    "lacked",
    "lacking",
    "lacks",
    "refuse",
    "refused",
    "refuses",
    "deny",
    "denied",
    "hardly",
    "scarcely",
    "barely",
    "absence",
    "absent",
    "unless",
    "except",
    "neglect",
    "neglected",
    "prohibit",
    "prohibited",
    "forbid",
    "forbidden",
    "avoid",
    "little",
    "few",
    "rather",
    "instead",
    "reluctant",
    "reluctantly",
    "lest",
    // Verbs that say `not heed` (`ignored` for `nem figyelt`), and `otherwise`, which
    // says `if not`. Not `forget`: it mostly translates `elfelejt`, whose sentence may
    // negate as well (`Nem tudom. … elfelejtettem.`), and then it must not excuse it.
    "ignore",
    "ignored",
    "ignores",
    "ignoring",
    "otherwise",
];

/// Latinate negative prefixes. Unlike `un-` and `non-` (see [`negative_by_form`]) they
/// mostly begin words that negate nothing (`increasing`, `important`, `immediately`,
/// `international`, `including`, `distant`), so a word counts only with an ending that
/// they reliably negate (`impossible`, `invisible`) or from [`EN_NEGATIVE_STEMS`].
pub(super) const EN_NEG_PREFIXES: &[&str] = &["in", "im", "il", "ir", "dis"];

/// Endings of the adjectives the Latinate prefixes reliably negate.
pub(super) const EN_ADJECTIVE_ENDINGS: &[&str] = &["able", "ible", "ably", "ibly"];

/// Common negatives of the Latinate prefixes with other endings (matched as the start
/// of a word, so `-ly`, `-ness`, `-ity`, `-ce` forms count too).
pub(super) const EN_NEGATIVE_STEMS: &[&str] = &[
    "inadequa",
    "inaccura",
    "inactiv",
    "inappropria",
    "inattentiv",
    "incomplete",
    "incompeten",
    "inconsisten",
    "inconvenien",
    "incorrect",
    "indecisi",
    "independen",
    "indifferen",
    "indirect",
    "indistinct",
    "ineffective",
    "inefficien",
    "inexact",
    "inexperienc",
    "infinite",
    "infrequen",
    "informal",
    "inhuman",
    "injustice",
    "insane",
    "insecur",
    "insensitiv",
    "insignifican",
    "insincer",
    "insufficien",
    "intoleran",
    "invalid",
    "immatur",
    "immodest",
    "immoral",
    "immortal",
    "impartial",
    "impatien",
    "imperfect",
    "impersonal",
    "impolite",
    "impractical",
    "imprecise",
    "improper",
    "impure",
    "illegal",
    "illegitima",
    "illiterate",
    "illogical",
    "irrational",
    "irregular",
    "irrelevan",
    "irresolut",
    "dishonest",
    "dishono",
    "disloyal",
    "dissatisf",
    "disagree",
    "disapprov",
    "disadvantag",
    "disbelie",
    "discomfort",
    "discontent",
    "discourte",
    "disfavo",
    "disinterest",
    "dislike",
    "disobe",
    "disorder",
    "displeas",
    "disregard",
    "disrespect",
    "distrust",
];

/// Words after `no` / `not` that make a limit, not a negation (`no later than`).
pub(super) const EN_LIMITS: &[&str] = &[
    "later",
    "more",
    "less",
    "sooner",
    "fewer",
    "exceeding",
    "earlier",
];

/// Words skipped when looking for the word a negation negates.
pub(super) const SCOPE_SKIP: &[&str] = &[
    "be", "been", "being", "have", "has", "had", "do", "does", "did", "to", "a", "an", "the", "so",
    "very", "yet", "even", "all", "at", "quite", "really", "always", "just", "is", "are", "was",
    "were", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "he",
    "she", "it", "they", "we", "you", "i", "there", "that", "this", "is", "volt", "lesz", "még",
    "már", "is", "sem", "se", "az", "a", "egy", "túl", "nagyon", "ez", "azt", "csak",
];

/// Hungarian verbs that negate by meaning (forget, deny, fail to): negated, they say
/// yes (`ne feledjük` ≡ `let us remember`, `nem tagadta` ≡ `he admitted`), as a
/// translation into English often renders them. Matched as word beginnings.
pub(super) const HU_NEGATIVE_VERBS: &[&str] = &[
    "felejt",
    "feled",
    "elfelejt",
    "elfeled",
    "tagad",
    "letagad",
    "mulaszt",
    "elmulaszt",
];

/// Words after `nem` that make a set phrase of it, not a negation.
pub(super) const HU_NOT_NEGATING: &[&str] = &[
    "sokkal", "sokára", "messze", "rég", "régen", "hiába", "egyszer", "kevés", "ritkán", "csekély",
];

/// Words that turn `no`/`nothing` into `only` (`nothing more than`, `no one save`).
pub(super) const EN_EXCLUSIVE: &[&str] = &["but", "save", "except", "than", "else", "only"];

/// Words from `no`/`nothing` to a `than` that makes it `only` (`nothing more than`).
pub(super) const THAN_REACH: usize = 3;

/// Whether a word is a letter code that a number follows (`C` in `C(2015) 8005`, `L`
/// in `L 123`): one to three capitals, then a bracket or a digit.
pub(super) fn is_code_letters(text: &str, word: &(usize, &str, bool)) -> bool {
    let (at, w, _) = *word;
    (1..=3).contains(&w.len())
        && w.chars().all(|c| c.is_ascii_uppercase())
        && text[at + w.len()..]
            .trim_start()
            .starts_with(|c: char| c == '(' || c.is_ascii_digit())
}

/// Words before `only` that make `not … the only` a denial, not `not only`.
pub(super) const EN_DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "my", "your", "our", "their", "its", "one's",
];

/// English question words: a question that opens with one asks something its negation
/// changes (`When will you go?` / `When will you not go?`), unlike a yes-no question.
pub(super) const EN_QUESTION_WORDS: &[&str] = &[
    "what", "who", "whom", "whose", "when", "where", "why", "how", "which",
];

/// Words that may open a clause before its question word (`And where do you go?`).
pub(super) const EN_CLAUSE_OPENERS: &[&str] = &["and", "but", "or", "so", "then"];

/// English auxiliaries that a negation of a question follows (`When will not you …`).
pub(super) const EN_AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "am", "can", "could", "will", "would", "should", "must", "may",
    "might", "shall", "has", "have", "had", "does", "do", "did",
];

/// Negative words that coordinate rather than negate twice (`neither … nor`, `not
/// strong nor wise`).
pub(super) const EN_COORDINATING_NEG: &[&str] = &["nor", "neither"];

/// Words from one English negation to a second one in its clause within which the two
/// cancel (`there is not no crime`, `no light had not flashed`).
pub(super) const DOUBLE_REACH: usize = 3;

pub(super) const EN_SUBJECT_PRONOUNS: &[&str] =
    &["i", "you", "he", "she", "it", "we", "they", "there"];

/// Whether a word negates by itself (`without`, `unable`, `-less`; `nélkül`,
/// `-talan`), or leans negative (`ever`, `until`; `alig`).
pub(super) fn negates_by_itself(lower: &str, lang: &Lang) -> bool {
    negative_by_form(lower, lang)
        || match lang {
            Lang::Hu => HU_IMPLICIT.iter().any(|s| lower.starts_with(s)),
            Lang::En => {
                EN_IMPLICIT.contains(&lower)
                    || lower.ends_with("lessly")
                    || (lower.chars().count() >= 7
                        && EN_NEG_PREFIXES.iter().any(|p| lower.starts_with(p))
                        && EN_ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e)))
                    || EN_NEGATIVE_STEMS.iter().any(|s| lower.starts_with(s))
            }
            Lang::Other(_) => false,
        }
}

/// Whether a word is negative by its form alone: Hungarian privative `-tlan`/`-tlen`;
/// English `-less`, `non-`, `un-` (not `under`, `union`).
pub(super) fn negative_by_form(lower: &str, lang: &Lang) -> bool {
    match lang {
        Lang::Hu => lower.chars().count() > 6 && HU_PRIVATIVE.iter().any(|p| lower.contains(p)),
        Lang::En => {
            lower.ends_with("less")
                || lower.starts_with("non")
                || (lower.starts_with("un")
                    && lower.chars().count() >= 5
                    && !EN_NOT_UN.iter().any(|w| lower.starts_with(w)))
        }
        Lang::Other(_) => false,
    }
}

/// Hungarian comparatives (`nagyobb`, `több`, `kevesebb`, `jobban`): after `nem` they
/// make a limit, not a denial.
pub(super) fn is_comparative(word: &str) -> bool {
    let stem = word.trim_end_matches("an").trim_end_matches("en");
    word.chars().count() >= 4 && (stem.ends_with("bb") || word == "több")
}

/// `más` (else, other) in the cases that make `nothing else`, `nobody else`.
pub(super) const HU_ELSE: &[&str] = &[
    "más",
    "mást",
    "másnak",
    "mással",
    "másról",
    "másra",
    "másban",
    "másba",
    "mástól",
    "máshoz",
    "máshol",
    "máshová",
    "máshova",
];

/// Words starting with `un` that are not negated (`under`, `union`).
pub(super) const EN_NOT_UN: &[&str] = &[
    "under", "until", "unit", "union", "univers", "uniq", "unif", "unanim", "uncle", "unto",
];

/// Hungarian modal verbs, as the start of their forms (`tudok`, `tudtak`, `akarta`,
/// `kellett`): a negation before one bears on the infinitive it takes too.
const HU_MODALS: &[&str] = &[
    "tud", "akar", "kell", "lehet", "szabad", "bír", "mer", "fog", "szokott",
];

/// Whether a (lower-case) Hungarian word is a form of a modal verb.
pub(super) fn is_modal(word: &str) -> bool {
    word.chars().count() <= 9 && HU_MODALS.iter().any(|m| word.starts_with(m))
}

/// Whether a (lower-case) Hungarian word is an infinitive (`aludni`, `fordulni`).
pub(super) fn is_infinitive(word: &str) -> bool {
    word.chars().count() >= 4 && word.ends_with("ni")
}
