//! Part of a sentence left out: a stretch of the original with no counterpart, in a
//! translation too short for the whole.
//!
//! For a 1-1 bead whose translation is shorter than the document's length ratio
//! predicts, every contiguous stretch of the original's evidence tokens is tried as the
//! part left out. Its score is a log-likelihood ratio of "the translation covers the
//! sentence without this stretch" against "it covers all of it": each token inside the
//! stretch that finds no counterpart adds its miss weight (it was expected to match and
//! did not), each that does find one subtracts its match weight; and the length of the
//! translation is compared with the original's length with and without the stretch
//! (Gale–Church, the document's ratio and variance). The best stretch scoring above
//! [`MIN_SCORE`] is reported as an omission naming the part, quoted as written; where
//! it is shorter than [`MIN_PART`] of the sentence (word order differs, and the words
//! of a clause left out may lie apart in the original), the best stretch at least that
//! long is read instead and must score above [`NEAR_SCORE`]. A
//! translation only [`NEAR_SHORTFALL`] deviations short (a long sentence, whose length
//! varies less) is examined too, but its stretch must score above [`NEAR_SCORE`]: the
//! words left out must say more than the length does.
//!
//! A sentence cut short also tends to end on a word the translation writes often but
//! seldom ends a sentence with (`of`, `and`, `the`): how much likelier its last word is
//! at a random place of the text than at a sentence's end (the document's own counts,
//! `Endings`) is added to the stretch's score when positive. A natural ending counts
//! nothing against an omission, since a clause left out in the middle leaves one.
//!
//! Words missing *inside* an English translation, whatever its length (a determiner
//! without its noun, a sentence that breaks off), are [`super::gaps`]'s.
//!
//! Not reported: a pair of sentences that recurs [`MIN_RECURRING`] times (the document's
//! standard wording for a formula); a part that a neighbouring sentence of the translation translates
//! (moved across a sentence boundary), and a name the translation abbreviates
//! (`Európai Gazdasági Térségről` ~ `EEA`).
//!
//! Limits: a clause rendered by different words than the ones the lexicon knows looks
//! omitted to it; the length term keeps that in check, so a translation of ordinary
//! length is never reported. Word order differs between languages, so the part is the
//! stretch of the *original* without counterpart. Cost: quadratic in the tokens of the
//! short-translation beads only.

use std::collections::HashMap;

use super::{quote, words_with_position, Context, Finding, FindingKind, Severity};
use crate::align::evidence::Text;

/// Score above which a stretch is reported.
pub const MIN_SCORE: f64 = 7.0;
/// Fewest words in a reported stretch.
pub const MIN_TOKENS: usize = 4;
/// Fewest of them that carry evidence (the others are words the lexicon cannot place).
pub const MIN_INFORMATIVE: usize = 2;
/// Share of the sentence from which the clause around a stretch is no longer "part" of
/// it: the stretch itself is quoted.
pub const WHOLE_CLAUSE: f64 = 0.9;
/// A 1-1 pair that occurs this often in the document is its standard wording.
pub const MIN_RECURRING: usize = 3;
/// Smallest share of the original's characters a reported stretch covers.
pub const MIN_PART: f64 = 0.2;
/// Only translations at least this many standard deviations shorter than predicted
/// (Gale–Church, the document's core variance) are examined: a translator condenses,
/// and a shortfall of three deviations is where condensing stops being common.
pub const MIN_SHORTFALL: f64 = 2.8;

/// A smaller shortfall at which a stretch is reported when its score exceeds
/// [`NEAR_SCORE`].
pub const NEAR_SHORTFALL: f64 = 2.0;
/// Score a stretch needs when the shortfall is between [`NEAR_SHORTFALL`] and
/// [`MIN_SHORTFALL`].
pub const NEAR_SCORE: f64 = 12.0;
/// Lowest the ending evidence goes: a translation that ends as the document's
/// sentences usually end is no evidence against an omission, since a clause left out in
/// the middle of a sentence leaves a natural ending.
pub const ENDING_FLOOR: f64 = 0.0;
/// Ending evidence above which the reason names the last word.
pub const ODD_ENDING: f64 = 2.0;

/// The text from the clause break before `start` to the one after `end` (a comma,
/// semicolon, colon, dash, bracket, or the sentence's ends), trimmed.
fn snap_to_clauses(text: &str, start: usize, end: usize) -> &str {
    let is_break = |c: char| matches!(c, ',' | ';' | ':' | '–' | '—' | '(' | ')');
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(_, c)| is_break(c))
        .map_or(text.len(), |(i, _)| end + i);
    text[from..to].trim().trim_end_matches(['.', '!', '?'])
}

/// The part of `text` to quote for the stretch `start..end`: the clauses around it
/// ([`snap_to_clauses`]), or `None` where those are (nearly) the whole sentence, which
/// is then no "part". (The stretch itself is not quoted: its ends move with the
/// lexicon's weights, the clause's do not.)
fn quoted_part(text: &str, start: usize, end: usize) -> Option<&str> {
    let clause = snap_to_clauses(text, start, end);
    let whole = text.trim().trim_end_matches(['.', '!', '?']).trim();
    ((clause.chars().count() as f64) < WHOLE_CLAUSE * whole.chars().count() as f64)
        .then_some(clause)
}

/// Whether `acronym` is written in `text`, also inside a longer token (`MSC` in
/// `Res.MSC.97`, `EGT` in `EGT-megállapodás`): not between other capitals or letters.
fn written_in(text: &str, acronym: &str) -> bool {
    text.match_indices(acronym).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + acronym.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

/// Whether `part` (of source sentence `i`) holds a name of capitalised words that the
/// translation (target sentences `tgt`) abbreviates (`Európai Gazdasági Térségről` ~
/// `EEA`, `Amerikai Egyesült Államok` ~ `USA`): an acronym of about as many letters as
/// the name has words, in the translation, not in the original, and not the
/// translation of any word of the original (`EEA` for `EGT` abbreviates nothing new).
pub(crate) fn abbreviated(
    ctx: &Context<'_>,
    part: std::ops::Range<usize>,
    i: usize,
    tgt: &[usize],
) -> bool {
    let is_acronym =
        |w: &str| (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase());
    let src = ctx.src_text(i);
    let src_words: Vec<&str> = words_with_position(src).into_iter().map(|w| w.0).collect();
    let lex = ctx.lexicon();
    let src_tokens = lex.tokens(Text::Source, i);
    let mut acronyms: Vec<usize> = Vec::new();
    for &j in tgt {
        let text = ctx.tgt_text(j);
        let tgt_tokens = lex.tokens(Text::Target, j);
        for (at, w, _) in super::words_with_offsets(text) {
            if !is_acronym(w) || src_words.contains(&w) || written_in(src, w) {
                continue;
            }
            // What the acronym translates: if that is a word outside the name, the
            // acronym abbreviates that word (`EEA` for `EGT`), not the name.
            let linked: Vec<usize> = tgt_tokens
                .iter()
                .position(|t| t.span.start == at)
                .map(|b| lex.linked_to(Text::Target, j, b, i))
                .unwrap_or_default();
            let elsewhere = !linked.is_empty()
                && linked
                    .iter()
                    .all(|&a| !part.contains(&src_tokens[a].span.start));
            if !elsewhere {
                acronyms.push(w.chars().count());
            }
        }
    }
    let part = &src[part];
    if acronyms.is_empty() {
        return false;
    }
    let mut run = 0usize;
    let mut runs = Vec::new();
    let mut end = 0;
    for (at, w, initial) in super::words_with_offsets(part) {
        // A bracket or a comma ends a name (`William DAVEY (Amerikai Egyesült Államok)`
        // is two).
        if part[end..at].contains(['(', ')', '[', ']', ',', ';', ':', '/']) {
            runs.push(run);
            run = 0;
        }
        end = at + w.len();
        // An article opening the sentence (`Az Amerikai Egyesült Államok`) is capitalised
        // for its place, not as part of the name.
        let article = initial && w.chars().count() <= 3 && w.chars().any(char::is_lowercase);
        if article {
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            run += 1;
        } else if w.chars().count() > 3 || run == 0 {
            // Short lower-case words (`és`, `of`) may sit inside a name.
            runs.push(run);
            run = 0;
        }
    }
    runs.push(run);
    runs.into_iter()
        .filter(|&n| n >= 2)
        .any(|n| acronyms.iter().any(|&a| a + 1 >= n && a <= n + 1))
}

/// Whether the part (tokens starting at `starts`) of source sentence `i` is translated
/// in a neighbouring sentence of the translation instead: text moved across a sentence
/// boundary is not missing. Two thirds of its evidence tokens must be found in the
/// neighbour, with positive evidence in all, and the neighbour must be longer than its
/// own original predicts (it holds the moved text).
fn moved(ctx: &Context<'_>, i: usize, j: usize, starts: &[usize]) -> bool {
    let lex = ctx.lexicon();
    let model = ctx.length_model();
    let beads = &ctx.file.beads;
    [j.checked_sub(1), Some(j + 1)]
        .into_iter()
        .flatten()
        .filter(|&x| x < lex.len(Text::Target))
        .any(|x| {
            let bead = &beads[ctx.bead_of_tgt[x]];
            let ls: f64 = bead
                .src
                .iter()
                .map(|&s| ctx.src_text(s).chars().count() as f64)
                .sum();
            let lt: f64 = bead
                .tgt
                .iter()
                .map(|&t| ctx.tgt_text(t).chars().count() as f64)
                .sum();
            let mean = ((model.ratio * ls + lt) / 2.0).max(1.0);
            let z = (lt - model.ratio * ls) / (mean * model.variance.max(0.1)).sqrt();
            if z < 1.0 {
                return false;
            }
            let support = lex.support(Text::Source, i, &[x]);
            let inside: Vec<_> = support
                .tokens
                .iter()
                .filter(|t| starts.contains(&t.span.start) && t.matched.is_some())
                .collect();
            let found = inside.iter().filter(|t| t.matched == Some(true)).count();
            let llr: f64 = inside
                .iter()
                .map(|t| {
                    if t.matched == Some(true) {
                        t.hit
                    } else {
                        t.miss
                    }
                })
                .sum();
            3 * found >= 2 * inside.len() && llr > 0.0
        })
}

/// The best stretch of the original's tokens to read as left out: its score (lexical
/// evidence lost plus how much better the length fits without it) and first and last
/// token, among the stretches of at least `min_chars` characters. `d` is the length
/// deviation of the translation against an original of the given number of characters.
fn best_stretch(
    toks: &[crate::align::evidence::TokenSupport],
    src: &str,
    d: &dyn Fn(f64) -> f64,
    ls: f64,
    min_chars: f64,
) -> Option<(f64, usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    for a in 0..toks.len() {
        let (mut lexical, mut informative) = (0.0, 0);
        for b in a..toks.len() {
            match toks[b].matched {
                Some(true) => lexical -= toks[b].hit,
                Some(false) => lexical -= toks[b].miss,
                None => {}
            }
            informative += usize::from(toks[b].matched.is_some());
            if b + 1 - a < MIN_TOKENS || informative < MIN_INFORMATIVE || b + 1 - a == toks.len() {
                continue;
            }
            let part = src[toks[a].span.start..toks[b].span.end].chars().count() as f64;
            if part < min_chars {
                continue;
            }
            let length = (d(ls).powi(2) - d(ls - part).powi(2)) / 2.0;
            let score = lexical + length;
            if best.is_none_or(|x| score > x.0) {
                best = Some((score, a, b));
            }
        }
    }
    best
}

/// A sentence's words, lower-cased and joined by one space: what two copies of a
/// formula share when their punctuation, spacing or case differ.
fn wording(text: &str) -> String {
    super::words_with_offsets(text)
        .iter()
        .map(|&(_, w, _)| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How the sentences of a translation end: how often each word is written, and how
/// often it is a sentence's last word. A sentence cut short ends on whatever word the
/// cut left last, so a word the document writes often but rarely ends a sentence with
/// (`and`, `of`, `the`) is evidence that the sentence was cut.
struct Endings {
    written: HashMap<String, usize>,
    last: HashMap<String, usize>,
    words: usize,
    sentences: usize,
}

impl Endings {
    fn from_sentences<'a>(sentences: impl Iterator<Item = &'a str>) -> Self {
        let mut e = Endings {
            written: HashMap::new(),
            last: HashMap::new(),
            words: 0,
            sentences: 0,
        };
        for s in sentences {
            let words = super::words_with_offsets(s);
            let Some(&(_, last, _)) = words.last() else {
                continue;
            };
            e.sentences += 1;
            e.words += words.len();
            for &(_, w, _) in &words {
                *e.written.entry(w.to_lowercase()).or_default() += 1;
            }
            *e.last.entry(last.to_lowercase()).or_default() += 1;
        }
        e
    }

    /// The last word of a sentence, as written.
    fn last_word(&self, text: &str) -> Option<String> {
        super::words_with_offsets(text)
            .last()
            .map(|&(_, w, _)| w.to_string())
    }

    /// Log-likelihood ratio of "this sentence was cut after its last word" (the last
    /// word is any word of the text) against "it ends as the document's sentences end".
    fn surprise(&self, text: &str) -> f64 {
        let words = super::words_with_offsets(text);
        let Some(&(_, last, _)) = words.last() else {
            return 0.0;
        };
        let w = last.to_lowercase();
        let written = self.written.get(&w).copied().unwrap_or(0) as f64;
        let last = self.last.get(&w).copied().unwrap_or(0) as f64;
        let cut = (written + 1.0) / (self.words as f64 + 1.0);
        let ends = (last + 0.5) / (self.sentences as f64 + 1.0);
        (cut / ends).ln()
    }
}

/// Omitted-part findings.
pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let lex = ctx.lexicon();
    let model = ctx.length_model();
    // A pair that recurs is the document's standard wording, not an omission; its
    // copies may differ in case, spacing and punctuation (`„, az alábbi …` beside
    // `„,az alábbi …`), so they are compared by their words.
    let key = |v: &super::BeadView| (wording(&v.src), wording(&v.tgt));
    let mut recurring: HashMap<(String, String), usize> = HashMap::new();
    for v in ctx.views.iter() {
        if v.record.src.len() == 1 && v.record.tgt.len() == 1 {
            *recurring.entry(key(v)).or_default() += 1;
        }
    }
    let endings =
        Endings::from_sentences(ctx.file.target.sentences.iter().map(|s| s.text.as_str()));
    let mut out = Vec::new();
    for v in ctx.views.iter() {
        let (s, t) = (&v.record.src, &v.record.tgt);
        if s.len() != 1 || t.len() != 1 || recurring[&key(v)] >= MIN_RECURRING {
            continue;
        }
        let (i, j) = (s[0], t[0]);
        let (src, tgt) = (ctx.src_text(i), ctx.tgt_text(j));
        let ls = src.chars().count() as f64;
        let lt = tgt.chars().count() as f64;
        let d = |ls: f64| {
            let mean = ((model.ratio * ls + lt) / 2.0).max(1.0);
            (lt - model.ratio * ls) / (mean * model.variance.max(0.1)).sqrt()
        };
        if d(ls) > -NEAR_SHORTFALL {
            continue;
        }
        // Between the two shortfalls the stretch must explain more.
        let min_score = if d(ls) > -MIN_SHORTFALL {
            NEAR_SCORE
        } else {
            MIN_SCORE
        };
        let support = lex.support(Text::Source, i, &[j]);
        let toks = &support.tokens;
        // A sentence cut short often ends on a word sentences do not end with.
        let ending = endings.surprise(tgt).max(ENDING_FLOOR);
        let mut best =
            best_stretch(toks, src, &d, ls, 0.0).map(|(score, a, b)| (score + ending, a, b));
        // Word order differs: the words of a clause left out of the translation may lie
        // apart in the original, and the best stretch be a short piece of them (`az
        // Európai Unió`). Then the best stretch of at least [`MIN_PART`] of the sentence
        // is read, and must say more than the length does ([`NEAR_SCORE`]).
        if let Some((_, a, b)) = best {
            let chars = src[toks[a].span.start..toks[b].span.end].chars().count() as f64;
            if chars < MIN_PART * ls {
                best = best_stretch(toks, src, &d, ls, MIN_PART * ls)
                    .map(|(score, a, b)| (score + ending, a, b))
                    .filter(|x| x.0 > NEAR_SCORE);
            }
        }
        let Some((score, a, b)) = best.filter(|x| x.0 > min_score) else {
            continue;
        };
        let part = &src[toks[a].span.start..toks[b].span.end];
        let evidence: Vec<usize> = toks[a..=b]
            .iter()
            .filter(|t| t.matched.is_some())
            .map(|t| t.span.start)
            .collect();
        if (part.chars().count() as f64) < MIN_PART * ls
            || abbreviated(ctx, toks[a].span.start..toks[b].span.end, i, &[j])
            || moved(ctx, i, j, &evidence)
        {
            continue;
        }
        // Shown to the clause it belongs to: the stretch grows to the punctuation around
        // it (or the sentence's ends), so the reader sees whole clauses; a sentence of
        // one clause is quoted as the sentence the part is missing from.
        let (from, to) = (toks[a].span.start, toks[b].span.end);
        let (what, shown, part) = match quoted_part(src, from, to) {
            Some(clause) => (
                "part of the original seems left out of the translation",
                clause,
                clause,
            ),
            None => (
                "part of this sentence of the original seems left out of the translation",
                src.trim(),
                &src[from..to],
            ),
        };
        let expected = model.ratio * ls;
        let odd_end = match endings.last_word(tgt) {
            Some(w) if ending > ODD_ENDING => {
                format!("; it ends on “{w}”, a word this translation seldom ends a sentence with")
            }
            _ => String::new(),
        };
        let mut f = ctx.finding_on(
            v.index,
            &[i],
            &[j],
            FindingKind::Omission,
            Severity::Warning,
            format!(
                "{what}: {} (the translation has {lt:.0} characters where about {expected:.0} are usual{odd_end})",
                quote(shown, 80),
            ),
        );
        f.score = Some(score);
        f.words = vec![part.to_string()];
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{wording, written_in, Endings};

    #[test]
    fn a_sentence_ending_on_a_word_sentences_do_not_end_with_is_surprising() {
        let text = [
            "He went to the house of his father.",
            "The end of the road was near him.",
            "She spoke of the sea and of him.",
            "They came to see him.",
        ];
        // A document of forty sentences: `of` is written forty times, never last.
        let endings = Endings::from_sentences(text.iter().cycle().take(40).copied());
        let cut = endings.surprise("He went to the house of.");
        let natural = endings.surprise("He saw him.");
        assert!(cut > 1.0, "{cut}");
        assert!(natural < 0.0, "{natural}");
        assert_eq!(
            endings.last_word("He went to the house of.").as_deref(),
            Some("of")
        );
    }

    #[test]
    fn the_part_quoted_is_its_clause_unless_that_is_the_whole_sentence_then_none() {
        let two = "A bizottság elfogadta a rendeletet, amelyet a tanács javasolt.";
        let at = two.find("amelyet").unwrap();
        assert_eq!(
            super::quoted_part(two, at, at + "amelyet a".len()),
            Some("amelyet a tanács javasolt")
        );
        let one = "A radarberendezéseknek külön tanúsítvánnyal kell rendelkezniük.";
        assert_eq!(
            super::quoted_part(one, 0, "A radarberendezéseknek".len()),
            None
        );
    }

    #[test]
    fn the_best_stretch_can_be_asked_to_be_long_enough() {
        use crate::align::evidence::TokenSupport;
        let src = "aa bb cc dd ee ff gg hh";
        // Tokens 0–3 are missed content words (3 nats each), 4–7 missed function words.
        let toks: Vec<_> = (0..8)
            .map(|k| TokenSupport {
                span: 3 * k..3 * k + 2,
                matched: Some(false),
                hit: 1.0,
                miss: if k < 4 { -3.0 } else { -0.5 },
            })
            .collect();
        // The length says the part left out is short: 11 characters (`aa bb cc dd`).
        let d = |ls: f64| (ls - 12.0) / 2.0;
        let (score, a, b) = super::best_stretch(&toks, src, &d, 23.0, 0.0).unwrap();
        assert_eq!((a, b), (0, 3));
        let (long, a, b) = super::best_stretch(&toks, src, &d, 23.0, 15.0).unwrap();
        assert!(
            b - a + 1 >= 5 && long < score,
            "{a}..{b}: {long} vs {score}"
        );
    }

    #[test]
    fn copies_of_a_formula_share_their_wording_whatever_their_punctuation() {
        assert_eq!(
            wording("„,az alábbi jogszabállyal:"),
            wording("„, Az alábbi  jogszabállyal:")
        );
        assert_ne!(wording("az alábbi jogszabállyal"), wording("az alábbi"));
    }

    #[test]
    fn an_acronym_inside_a_longer_token_is_written() {
        assert!(written_in("IMO Res.MSC.97(73)", "MSC"));
        assert!(written_in("az EGT-megállapodás", "EGT"));
        assert!(!written_in("a VEGTELEN", "EGT"));
        assert!(!written_in("az EGK", "EEA"));
    }
}
