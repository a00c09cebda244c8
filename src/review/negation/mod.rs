//! A negation on one side of a bead only: the translation says yes where the original
//! says no, or the reverse.
//!
//! Each side's negated clauses are found. Hungarian: `nem`, `ne`, `sem`, `se`, `nincs`,
//! `sincs`, `soha`, `senki`, `semmi`, `sehol`, `mégsem` … and their inflected forms
//! (`senkit`, `semmiről`); a clause counts once however many it has, so double negation
//! (`senki sem jött`, `soha nem volt`) is one negation, as in English. English: `not`,
//! `n't`, `no`, `never`, `nobody`, `nothing`, `none`, `neither`, `nor`, `nowhere`,
//! `cannot`, `no one`. A clause is the text between `,` `;` `:` dashes and brackets.
//!
//! What is not a negation: `nemcsak` / `not only` (also split: `did not steal only
//! gold`); `no later than`, `No 1/2019`, `No C(2015) 8005`; question
//! tags and inverted questions (`didn't they?`, `Wouldn't they skip!`); `nothing but`,
//! `nothing more than`, `no … save` (an assertion: `csak`); the answers `No,` / `Nem -`;
//! Hungarian `(a)míg … nem` (`until`) and `nem más, mint`; litotes such as `nem sokkal`
//! (soon), `nem hiába`, `nem ritkán` (often), `nem kevés`; two negations that cancel
//! (`never without`, `not impossible`, `nem ok nélkül`, and a verb that negates by
//! meaning: `ne feledjük`, `let us remember`); `like as not` (probably), `not just`.
//! Each Hungarian `only` mirrors an English one: `X-en kívül senki` (`no one save X`),
//! `semmit / mást se …, csak` (`nothing but`), and a limit `egy nyúlnál nem nagyobb`,
//! `nem több, mint` (`no larger than`, `no more than`); a question
//! tag must open its clause (`…, didn't they?`), so `it was not she.` is a denial. An
//! English `not … other than` (`shall not be communicated to persons other than`) says
//! `only` where the other side says so (`csak`, `kizárólag`), and denies where it does
//! not.
//!
//! A finding needs one side with negations and the other with none at all, no question
//! mark, and no *implicit* negation on that other side: a word that negates by itself
//! (Hungarian privative `-tlan`/`-tlen`/`-talan`/`-telen`, `nélkül`, `hiány`, `tilos`,
//! `kevés`, a counterfactual `ha … volna`; English `without`, `un-`/`non-` words, `in-`
//! and `dis-` words where they negate (`impossible`, `dishonest`, not `increasing`),
//! `-less`, `fail`, `lack`, `refuse`, `ignore`, `hardly`, `ever`, `until`,
//! `before`, `otherwise`), since translators move negation between grammar and
//! vocabulary (`nem lehetséges` ≡ `impossible`, `ha gondoltam volna` ≡ `I had not
//! thought`, `nem figyelt` ≡ `ignored`). A negative word read as `only` or a
//! limit counts as such an implicit negation too, where the other side has no `only`
//! or limit of its own to match it: it is no negation of its own, but it renders one
//! (`in no case longer than` for `nem haladhatják meg`, `no thought, no reason, but
//! his own` for `fel sem tudja fogni, csak a sajátját`; against `mást se láttak, csak`,
//! `nothing but` is its match, and a `not` added elsewhere is a flip).
//!
//! How much a mismatch says depends on the translation. Where fewer than
//! [`LITERAL_RATE`] of the beads disagree in polarity (legal and technical text keeps
//! negation literally) every mismatch is reported. In a free translation (a novel: `she
//! forgot` for `nem vette észre`) only those whose negated word has its counterpart on
//! the other side (a lexical link, [`crate::align::evidence::Lexicon::links`]) are: the
//! two sides then say the same thing with opposite polarity. A negation the
//! *translation* adds is also reported when the rest of its clause is there in the
//! original (`clause_rendered`: `Gwenliana was not in her seat before the fire` for
//! `Gwenliana a tűz előtt ült`), whatever the word after `not`; a negated clause of the
//! translation's own (`but about what I don't know`) has nothing in the original. Not
//! the other way: a Hungarian negated verb is often rendered by an English word that
//! negates by meaning (`nem figyelt` ≡ `ignored`, `szűnni nem akaró` ≡ `persistent`),
//! so a Hungarian clause that is translated but loses its `nem` is common in a free
//! translation (on the clean novel, of the mismatches whose negated word has no
//! counterpart, 11 of 33 Hungarian-only negated clauses are otherwise rendered, against
//! 4 of 17 English-only ones). Severity `warning`.
//!
//! Two findings need no counterpart, in any translation, because the English alone
//! shows the change: a question that opens with a question word and is negated on its
//! auxiliary in the translation only (`When will not you be off?` for `Mikor
//! indulsz?`: a yes-no question asks the same either way and is still skipped, a
//! question-word question asks something else); and two different negative words
//! close together in one English clause (`there is not no crime`, `no light had not
//! flashed`), which English reads as a yes, where the original negates (Hungarian
//! doubles its negations, English cancels them; a repeated word, `never-never`, or a
//! list, `no dream and no will`, is no double negation).
//!
//! Limits: an antonym (`Nem él` ≡ `a dead thing`) or a negation moved to another clause
//! reads as a mismatch; a flipped negation in a sentence that has another one is missed
//! unless the two meet in one clause; English dialect that doubles its negation (`I
//! don't know nothing`) reads as a yes where it is rare: from [`DIALECT_DOUBLED`] such
//! beads on, the translation is taken to speak that dialect and none is reported.
//! Cost: linear, plus a link query per candidate bead. How a sentence is read is in
//! `read`; this module compares the two sides of each bead.

mod read;
mod words;

use std::ops::Range;

use super::{quote, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;
use crate::lang::Lang;
use read::{negations, Negation};

/// Whether negation finding `f` reports a negation written in `sentence` (a sentence of
/// its bead) that the other side of the bead lacks: a negative word of the finding is a
/// word of the sentence (the other side, having no negation, writes none of them).
pub fn lacks_negation_of(f: &Finding, sentence: &str) -> bool {
    f.kind == FindingKind::Negation
        && super::words_with_offsets(sentence)
            .into_iter()
            .any(|(_, w, _)| f.words.iter().any(|n| n.to_lowercase() == w.to_lowercase()))
}

/// How some sentences of one text negate: their negations, with the sentence of each;
/// whether they negate implicitly; and how many of their clauses say `only` or a limit
/// with a negative word.
struct Polarity<'a> {
    negations: Vec<(usize, Negation<'a>)>,
    implicit: bool,
    only_or_limits: usize,
}

/// How the sentences `ids` of one text negate.
fn gather<'a>(ctx: &'a Context<'_>, ids: &[usize], text: Text, lang: &Lang) -> Polarity<'a> {
    let mut out = Polarity {
        negations: Vec::new(),
        implicit: false,
        only_or_limits: 0,
    };
    for &i in ids {
        let sentence = match text {
            Text::Source => ctx.src_text(i),
            Text::Target => ctx.tgt_text(i),
        };
        let (negs, implicit, only_or_limits) = negations(sentence, lang);
        out.implicit |= implicit;
        out.only_or_limits += only_or_limits;
        out.negations.extend(negs.into_iter().map(|n| (i, n)));
    }
    out
}

/// Whether a text says `only` (`csak`, `kizárólag`), which English may say as `not …
/// other than`.
fn says_only(text: &str, lang: &Lang) -> bool {
    let only: &[&str] = match lang {
        Lang::Hu => &["csak", "kizárólag", "csupán", "pusztán"],
        Lang::En => &["only", "solely", "exclusively"],
        Lang::Other(_) => return false,
    };
    super::words_with_offsets(text)
        .iter()
        .any(|(_, w, _)| only.contains(&w.to_lowercase().as_str()))
}

/// Whether the word a negation negates has a counterpart on the other side of the bead
/// (so the two sides say the same thing, with opposite polarity).
fn scope_linked(ctx: &Context<'_>, text: Text, i: usize, at: usize, others: &[usize]) -> bool {
    let lex = ctx.lexicon();
    let Some(token) = lex.tokens(text, i).iter().position(|t| t.span.start == at) else {
        return false;
    };
    others
        .iter()
        .any(|&o| !lex.linked_to(text, i, token, o).is_empty())
}

/// Whether the clause of a negation is otherwise there on the other side of the bead:
/// at least [`CLAUSE_RENDERED`] of the evidence weight of its informative words is
/// matched there, from at least [`CLAUSE_MIN_WORDS`] such words.
fn clause_rendered(
    ctx: &Context<'_>,
    text: Text,
    i: usize,
    clause: &Range<usize>,
    others: &[usize],
) -> bool {
    let support = ctx.lexicon().support(text, i, others);
    let (mut matched, mut possible, mut words) = (0.0, 0.0, 0);
    for token in &support.tokens {
        if token.span.start < clause.start || token.span.end > clause.end {
            continue;
        }
        if let Some(hit) = token.matched {
            words += 1;
            possible += token.hit;
            if hit {
                matched += token.hit;
            }
        }
    }
    words >= CLAUSE_MIN_WORDS && matched >= CLAUSE_RENDERED * possible
}

/// Share of a clause's evidence that must be matched for `clause_rendered`.
pub const CLAUSE_RENDERED: f64 = 0.35;
/// Informative words a clause needs for `clause_rendered` to judge it.
pub const CLAUSE_MIN_WORDS: usize = 4;

/// Share of paired beads with a negation on one side only below which a translation
/// keeps negation literally, and every such bead is reported. EU law measures 0.15 %,
/// the novel 1.04 %: the threshold sits between them with a margin of about 2.5 on
/// either side (at 1 %, it had sat next to the novel, and the same novel with its
/// paragraph marks as lines of their own, 0.85 %, was read as literal: 56 negation
/// warnings instead of 14).
pub const LITERAL_RATE: f64 = 0.004;
/// Agreeing beads a document is assumed to have on top of its own when the rate is
/// judged, so that one disagreement in a short document does not make it "free" (0.4 %
/// of 250 beads is one bead).
pub const LITERAL_PRIOR_BEADS: f64 = 250.0;
/// Beads with two negations that cancel (against an original that negates) from which a
/// translation is taken to double its negations as a dialect does, and none is reported.
pub const DIALECT_DOUBLED: usize = 3;

/// A bead with a negation on one side only.
struct Candidate<'a> {
    bead: usize,
    text: Text,
    negs: Vec<(usize, Negation<'a>)>,
    linked: Vec<usize>,
    why: Why,
}

/// What makes a candidate.
#[derive(Clone, Copy, PartialEq)]
enum Why {
    /// One side negates and the other has no negation: reported as the translation's
    /// style allows (every one in a literal translation, linked ones in a free one).
    OneSide,
    /// Reported in any translation: the English negates a question that opens with a
    /// question word (`When will you not go?` asks something else than `Mikor
    /// indulsz?`), or says two negations in one clause that English reads as a yes
    /// (`there is not no crime`) where the original negates.
    Sure,
}

/// Negation findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let (sl, tl) = (&ctx.file.source.lang, &ctx.file.target.lang);
    if matches!(sl, Lang::Other(_)) || matches!(tl, Lang::Other(_)) {
        return Vec::new();
    }
    let mut candidates = Vec::new();
    let mut sure = Vec::new();
    let mut doubled = Vec::new();
    let mut paired = 0usize;
    for v in ctx.views.iter().filter(|v| v.is_paired()) {
        paired += 1;
        let (src, tgt) = (&v.record.src, &v.record.tgt);
        let (source, target) = (
            gather(ctx, src, Text::Source, sl),
            gather(ctx, tgt, Text::Target, tl),
        );
        // A negative word read as `only` or a limit is no negation of its own, but it may
        // render one (`in no case longer than` for `nem haladhatják meg`): one that the
        // other side does not match with an `only` or a limit of its own counts as an
        // implicit negation there.
        let si = source.implicit || source.only_or_limits > target.only_or_limits;
        let ti = target.implicit || target.only_or_limits > source.only_or_limits;
        let (mut sn, mut tn) = (source.negations, target.negations);
        // Two negations that cancel (`there is not no crime`) say yes: against an
        // original that negates, a flip; against one that does not, agreement.
        let (cancelled, kept): (Vec<_>, Vec<_>) =
            tn.into_iter().partition(|(_, n)| n.cancelled_by.is_some());
        tn = kept;
        // `not … other than` is `only` where the other side says `only`.
        if tn.iter().any(|(_, n)| n.other_than) && says_only(&v.src, sl) {
            tn.retain(|(_, n)| !n.other_than);
        }
        if sn.iter().any(|(_, n)| n.other_than) && says_only(&v.tgt, tl) {
            sn.retain(|(_, n)| !n.other_than);
        }
        if !cancelled.is_empty() && !sn.is_empty() {
            doubled.push(Candidate {
                bead: v.index,
                text: Text::Target,
                linked: (0..cancelled.len()).collect(),
                negs: cancelled,
                why: Why::Sure,
            });
            continue;
        }
        // A yes-no question may ask the same thing either way (`Csak nem féltél?` ≡
        // `Were you afraid?`); a question with a question word negated in the
        // translation alone asks another thing, if the original asks too: `Why don't
        // you sit down?` for `Ülj le!` is a suggestion.
        if v.src.contains('?') || v.tgt.contains('?') {
            let asks: Vec<_> = tn.into_iter().filter(|(_, n)| n.asks).collect();
            if !asks.is_empty() && sn.is_empty() && !si && v.src.contains('?') {
                sure.push(Candidate {
                    bead: v.index,
                    text: Text::Target,
                    linked: (0..asks.len()).collect(),
                    negs: asks,
                    why: Why::Sure,
                });
            }
            continue;
        }
        let (negs, text, others) = if !sn.is_empty() && tn.is_empty() && !ti {
            (sn, Text::Source, tgt)
        } else if sn.is_empty() && !tn.is_empty() && !si {
            (tn, Text::Target, src)
        } else {
            continue;
        };
        let linked: Vec<usize> = (0..negs.len())
            .filter(|&k| {
                let (i, n) = &negs[k];
                n.scope
                    .into_iter()
                    .chain(n.infinitive)
                    .any(|at| scope_linked(ctx, text, *i, at, others))
                    || (text == Text::Target && clause_rendered(ctx, text, *i, &n.clause, others))
            })
            .collect();
        candidates.push(Candidate {
            bead: v.index,
            text,
            negs,
            linked,
            why: Why::OneSide,
        });
    }
    // A translation that keeps negation literally is checked strictly; in a free one
    // (a novel: `she forgot` for `nem vette észre`) only a negated word that has its
    // counterpart on the other side makes a finding.
    // A short document is judged as if it had [`LITERAL_PRIOR_BEADS`] more beads that
    // agree: in a 22-bead report one flipped negation is 4.5 % of its beads, and the
    // error itself would make the text look free and hide it.
    let literal = (candidates.len() as f64) < LITERAL_RATE * (paired as f64 + LITERAL_PRIOR_BEADS);
    candidates.extend(sure);
    // A translation that doubles its negations again and again speaks a dialect that
    // does (`I don't know nothing`); one flip makes one such bead.
    if doubled.len() < DIALECT_DOUBLED {
        candidates.extend(doubled);
    }
    candidates.sort_by_key(|c| c.bead);
    let mut out = Vec::new();
    for c in candidates {
        let shown: Vec<usize> = if literal || c.why == Why::Sure {
            (0..c.negs.len()).collect()
        } else {
            c.linked.clone()
        };
        if shown.is_empty() {
            continue;
        }
        out.push(finding(ctx, &c, &shown));
    }
    out
}

/// The finding of a candidate, naming the negations `shown`.
fn finding(ctx: &Context<'_>, c: &Candidate<'_>, shown: &[usize]) -> Finding {
    let v = &ctx.views[c.bead];
    let (side, other_text) = match c.text {
        Text::Source => (("original", "translation"), &v.tgt),
        Text::Target => (("translation", "original"), &v.src),
    };
    let sentence = |i: usize| match c.text {
        Text::Source => ctx.src_text(i),
        Text::Target => ctx.tgt_text(i),
    };
    let phrase = |k: usize| {
        let (i, n) = &c.negs[k];
        let scope_word = n
            .scope
            .and_then(|at| {
                sentence(*i)[at..]
                    .split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '’')
                    .next()
            })
            .unwrap_or("");
        format!("“{} {scope_word}”", n.word).replace(" ”", "”")
    };
    let phrases = shown
        .iter()
        .map(|&k| phrase(k))
        .collect::<Vec<_>>()
        .join(", ");
    let cancelled: Vec<&str> = shown
        .iter()
        .filter_map(|&k| c.negs[k].1.cancelled_by)
        .collect();
    let reason = if !cancelled.is_empty() {
        format!(
            "the translation says “{}” in one clause, two negations that English reads as a yes, where the original negates: {}",
            cancelled.join("”, “"),
            quote(other_text, 80)
        )
    } else if c.why == Why::Sure {
        format!(
            "the translation asks its question with a negation, {phrases}, and the original asks it without one: {}",
            quote(other_text, 80)
        )
    } else {
        format!(
            "the {} says {phrases} and the {} has no negation: {}",
            side.0,
            side.1,
            quote(other_text, 80)
        )
    };
    let mut f = ctx.finding(c.bead, FindingKind::Negation, Severity::Warning, reason);
    f.words = shown
        .iter()
        .map(|&k| c.negs[k].1.word.to_string())
        .collect();
    f
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{file, filler, kinds};
    use super::super::FindingKind;

    #[test]
    fn a_flipped_negation_fires_and_a_moved_one_does_not() {
        // A literal translation (few mismatches among many beads): every one is reported.
        let mut pairs = vec![
            ("Nem jött el.", "He did not come."),
            ("Nem jött el.", "He came."),
            ("Eljött.", "He did not come."),
            ("Ez nem lehetséges.", "This is impossible."),
            ("Ez lehetetlen.", "This is not possible."),
            ("Pénz nélkül jött.", "He didn't bring money."),
            ("Senki sem jött.", "Nobody came."),
            ("Legkésőbb hétfőn.", "No later than Monday."),
            ("Ugye eljössz?", "You will come, won't you?"),
            ("Rajta kívül senki sem jött.", "No one came save him."),
            ("Ő volt.", "It was not she."),
            ("Nem akart elmenni.", "He was reluctant to leave."),
        ];
        pairs.extend(filler(800));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![1, 2, 10]);
    }

    #[test]
    fn not_other_than_is_only_where_the_original_says_only() {
        let mut pairs = vec![
            (
                "Az adatokat csak a tagállamokkal szabad közölni.",
                "The data shall not be communicated to persons other than the Member States.",
            ),
            (
                "Az adatokat a tagállamokon kívül bárkivel szabad közölni.",
                "The data shall not be communicated to persons other than the Member States.",
            ),
        ];
        pairs.extend(filler(300));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![1]);
    }

    #[test]
    fn a_negated_question_word_question_and_a_double_negation_are_reported_in_a_free_translation() {
        let mut pairs = vec![
            ("Mikor indulsz, Henry?", "When will not you be off, Henry?"),
            // A yes-no question asks the same either way.
            ("Nem hiszel ebben?", "Can you believe it?"),
            // An order rendered as a suggestion asks nothing of the original.
            ("Ülj le egy kicsit!", "Why don't you sit down for a while?"),
            ("Nincs ebben semmi bűn.", "There is not no crime in it."),
            // Against an original that does not negate, two negations agree.
            ("Ebben bűn van.", "It is not for no crime."),
        ];
        pairs.extend(filler(40));
        // Many beads disagree in polarity: a free translation.
        pairs.extend([("Elfelejtette.", "She did not remember."); 5]);
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![0, 3]);
    }

    #[test]
    fn a_translation_that_doubles_its_negations_again_and_again_is_a_dialect() {
        let dialect = [
            ("Nem tudok semmit.", "I don't know nothing."),
            ("Nem láttam senkit.", "I didn't see nobody."),
            ("Soha nem mondtam semmit.", "I never said nothing."),
        ];
        let mut pairs = dialect.to_vec();
        pairs.extend(filler(40));
        assert!(kinds(&file(&pairs), FindingKind::Negation).is_empty());
        // One such bead is a flip.
        let mut pairs = dialect[..1].to_vec();
        pairs.extend(filler(40));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![0]);
    }

    #[test]
    fn one_flip_in_a_short_document_is_reported() {
        // 20 beads, one disagreeing: 5 % of the beads, but a short text is not judged
        // free on the strength of the error itself.
        let mut pairs = vec![("Érezhető a hatása.", "We can not feel the impact.")];
        pairs.extend(filler(19));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![0]);
    }

    #[test]
    fn a_free_translation_needs_the_negated_word_to_have_a_counterpart() {
        let mut pairs = vec![(
            "A kutya nem ugatott a kertben.",
            "The dog barked in the garden.",
        )];
        pairs.extend(filler(40));
        pairs.push(("Nem ugatott.", "She forgot."));
        // Many beads disagree in polarity: a free translation.
        pairs.extend([("Elfelejtette.", "She did not remember."); 5]);
        let found = kinds(&file(&pairs), FindingKind::Negation);
        assert_eq!(
            found,
            vec![0],
            "only the bead whose negated verb has its counterpart"
        );
    }

    #[test]
    fn a_negation_added_to_a_clause_the_original_has_is_reported_in_a_free_translation() {
        let mut pairs = vec![
            // The clause is there, word for word; only the `not` is new.
            (
                "Az apa és az anya reggel a városban volt a királlyal.",
                "The father and the mother were not in the city with the king in the morning.",
            ),
            // A negated clause of the translation's own: nothing of it in the original.
            (
                "Az apa reggel a városba ment.",
                "The father went to the city in the morning, but why I do not know.",
            ),
        ];
        pairs.extend(filler(40));
        // Many beads disagree in polarity: a free translation.
        pairs.extend([("Elfelejtette.", "She did not remember."); 5]);
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![0]);
    }

    #[test]
    fn a_limit_or_an_only_on_one_side_may_render_a_plain_negation_on_the_other() {
        let mut pairs = vec![
            // Read as a limit in English, a plain negation in Hungarian.
            (
                "A beadványok semmiképpen nem haladhatják meg a tizenöt oldalt.",
                "The submissions shall be in no case longer than fifteen pages.",
            ),
            // Read as `only` in Hungarian, a list of negations in English.
            (
                "Más ember gondolatát fel sem tudja fogni, csak a sajátját.",
                "He can realize no thought, no reason, but his own.",
            ),
            // Verbs that negate by meaning, and `otherwise` (if not).
            ("Nem figyelt a szavára.", "She ignored his word."),
            ("Ha nem lenne ehető, meghalnánk.", "We would otherwise die."),
            // Litotes: `nem ritkán` is often.
            ("Nem ritkán jött el.", "He often came."),
            // A plain flip is still one.
            ("Nem jött el.", "He came."),
            // An `only` matched by an `only` excuses nothing: the `not` is a flip.
            (
                "Egész nap lesték, de mást se láttak, csak dzsungelt.",
                "All day they had not watched and had seen nothing but jungle.",
            ),
        ];
        // Few beads disagree: a literal translation, where every mismatch is reported.
        pairs.extend(filler(2000));
        assert_eq!(kinds(&file(&pairs), FindingKind::Negation), vec![5, 6]);
    }
}
