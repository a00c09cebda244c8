//! Lexical evidence between sentences of two aligned texts: how strongly a sentence is
//! supported by some sentences of the other text, and which of its words are.
//!
//! This is the aligner's anchor model ([`super::anchors`], the built-in dictionary and
//! a dictionary learned from confident beads) offered as a small public API for the
//! review checks, which ask questions the aligner does not: *does each sentence of a
//! merged bead have its own counterpart? Which words of this sentence have none?*
//!
//! # Model
//! Every token of a sentence (a word, number or month) is a *type* that **offers**
//! concepts (what it is: the word, its cognate keys, the number) and **seeks** concepts
//! on the other side (its cognate keys, its dictionary and learned translations). A
//! type is *matched* against some sentences of the other text when one of them offers a
//! concept it seeks. As in the aligner, a match is weighed by how surprising it would be
//! by chance: with `p_a` the type's reliability (how often its translation is present in
//! a right bead, learned from the confident 1-1 beads) and `p_r` the chance of a match
//! against unrelated sentences (the document frequency of what it seeks), a match adds
//! ln(p_a / p_r) and a miss adds ln((1 − p_a) / (1 − p_r)). The sum, [`Support::llr`],
//! is a log-likelihood ratio of "translated here" against "unrelated"; it treats tokens
//! as independent, so it is over-confident and is best compared with thresholds measured
//! on real text (docs/review.md).
//!
//! # Cost
//! Building: linear in the texts, plus IBM Model 1 over the confident beads
//! ([`Dictionary::learn`]). A query: linear in the tokens of the sentences involved.

use std::ops::Range;

mod side;

use super::anchors::Kind;
use super::dict::Dictionary;
use super::model::Concepts;
use crate::lang::Lang;
use side::{
    add_translations, chances, informative, link, reliability, sentence_offers, tokenise, SideData,
    MAX_CHANCE,
};

/// Which of the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    /// The original.
    Source,
    /// The translation.
    Target,
}

impl Text {
    /// The other text.
    pub fn other(self) -> Text {
        match self {
            Text::Source => Text::Target,
            Text::Target => Text::Source,
        }
    }
}

/// A token of a sentence that can carry evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// What it is.
    pub kind: Kind,
    ty: u32,
}

/// Lexical evidence between the sentences of two texts.
#[derive(Debug)]
pub struct Lexicon {
    src: SideData,
    tgt: SideData,
    concepts: Concepts,
    learned: usize,
}

/// Whether a type is matched, and what a match and a miss weigh.
type Weights = (bool, f64, f64);

/// How one token of a sentence is supported.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenSupport {
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// Whether it is matched; `None` for a token that carries no evidence (too common,
    /// or nothing on the other side could match it).
    pub matched: Option<bool>,
    /// Log-likelihood ratio a match adds (0 when it carries no evidence).
    pub hit: f64,
    /// Log-likelihood ratio a miss adds (≤ 0).
    pub miss: f64,
}

/// How one sentence is supported by some sentences of the other text.
#[derive(Debug, Clone, PartialEq)]
pub struct Support {
    /// Log-likelihood ratio (natural log) of "translated there" against "unrelated".
    pub llr: f64,
    /// The sentence's tokens, in order.
    pub tokens: Vec<TokenSupport>,
    /// Sum of the match weights of the matched types.
    pub matched: f64,
    /// Sum of the match weights of every informative type (what a full match would give).
    pub possible: f64,
}

impl Support {
    /// Share of the informative weight that is matched (0 when nothing is informative).
    pub fn coverage(&self) -> f64 {
        if self.possible > 0.0 {
            self.matched / self.possible
        } else {
            0.0
        }
    }
}

impl Lexicon {
    /// Index two texts (sentences in order) with a source → target dictionary. Nothing
    /// is learned yet: see [`Lexicon::learn`].
    pub fn new(
        src: &[&str],
        tgt: &[&str],
        src_lang: &Lang,
        tgt_lang: &Lang,
        dictionary: &Dictionary,
    ) -> Self {
        let mut lex = Lexicon {
            src: tokenise(src, src_lang),
            tgt: tokenise(tgt, tgt_lang),
            concepts: Concepts::default(),
            learned: 0,
        };
        link(
            &mut lex.src,
            src_lang,
            "s",
            "t",
            dictionary,
            &mut lex.concepts,
        );
        link(
            &mut lex.tgt,
            tgt_lang,
            "t",
            "s",
            &dictionary.reversed(),
            &mut lex.concepts,
        );
        lex.src.sentence_offers = sentence_offers(&lex.src);
        lex.tgt.sentence_offers = sentence_offers(&lex.tgt);
        lex.update_chances();
        lex
    }

    /// Learn from pairs of sentences believed to be translations (confident 1-1 beads):
    /// a word-translation table (IBM Model 1, [`Dictionary::learn`]) and the
    /// reliability of every type. Fewer than 20 pairs teach nothing reliable and are
    /// ignored.
    pub fn learn(&mut self, pairs: &[(usize, usize)]) {
        let pairs: Vec<(usize, usize)> = pairs
            .iter()
            .copied()
            .filter(|&(s, t)| s < self.src.sentences.len() && t < self.tgt.sentences.len())
            .collect();
        if pairs.len() < 20 {
            return;
        }
        let beads: Vec<(Vec<u32>, Vec<u32>)> = pairs
            .iter()
            .map(|&(s, t)| (self.src.word_types(s), self.tgt.word_types(t)))
            .collect();
        let learned = Dictionary::learn(
            beads.iter().map(|(s, t)| (s.as_slice(), t.as_slice())),
            &self.src.vocab.keys,
            &self.tgt.vocab.keys,
        );
        self.learned = learned.len();
        add_translations(&mut self.src, &learned, "t", &mut self.concepts);
        add_translations(&mut self.tgt, &learned.reversed(), "s", &mut self.concepts);
        let src_rel = reliability(&self.src, &self.tgt, pairs.iter().copied());
        let tgt_rel = reliability(&self.tgt, &self.src, pairs.iter().map(|&(s, t)| (t, s)));
        self.src.vocab.reliability = src_rel;
        self.tgt.vocab.reliability = tgt_rel;
        self.update_chances();
    }

    /// Word translations learned by [`Lexicon::learn`].
    pub fn learned_entries(&self) -> usize {
        self.learned
    }

    /// Number of sentences of a text.
    pub fn len(&self, text: Text) -> usize {
        self.side(text).sentences.len()
    }

    /// Whether both texts are empty.
    pub fn is_empty(&self) -> bool {
        self.src.sentences.is_empty() && self.tgt.sentences.is_empty()
    }

    /// The evidence tokens of sentence `i` of `text`.
    pub fn tokens(&self, text: Text, i: usize) -> &[Token] {
        self.side(text).sentences.get(i).map_or(&[], Vec::as_slice)
    }

    /// How sentence `i` of `text` is supported by sentences `others` of the other text.
    pub fn support(&self, text: Text, i: usize, others: &[usize]) -> Support {
        let other = self.side(text.other());
        let mut offered: Vec<u32> = others
            .iter()
            .filter_map(|&j| other.sentence_offers.get(j))
            .flatten()
            .copied()
            .collect();
        offered.sort_unstable();
        offered.dedup();
        self.support_by(text, i, others.len(), &offered)
    }

    /// How sentence `i` of `text` is supported by sentences `others` of the other text
    /// by evidence of its own: a token of `others` that a sentence of `rivals` (on the
    /// same side as `i`, merged with it) is evidence for is not counted. In a merged bead
    /// (`2-1`), a sentence whose only matches are words its neighbour also explains
    /// (a name, a repeated noun) has no counterpart of its own.
    pub fn own_support(&self, text: Text, i: usize, others: &[usize], rivals: &[usize]) -> Support {
        let (own, other) = (self.side(text), self.side(text.other()));
        // What the rivals offer and (informatively) seek.
        let mut rival_offers: Vec<u32> = Vec::new();
        let mut rival_seeks: Vec<u32> = Vec::new();
        for &r in rivals {
            let Some(tokens) = own.sentences.get(r) else {
                continue;
            };
            for tok in tokens {
                let t = tok.ty as usize;
                rival_offers.extend_from_slice(&own.vocab.offers[t]);
                if informative(own, tok.ty) {
                    rival_seeks.extend_from_slice(&own.vocab.seeks[t]);
                }
            }
        }
        for v in [&mut rival_offers, &mut rival_seeks] {
            v.sort_unstable();
            v.dedup();
        }
        let meets = |a: &[u32], b: &[u32]| a.iter().any(|c| b.binary_search(c).is_ok());
        let mut offered: Vec<u32> = Vec::new();
        for &j in others {
            let Some(tokens) = other.sentences.get(j) else {
                continue;
            };
            for tok in tokens {
                let t = tok.ty as usize;
                let claimed = meets(&other.vocab.offers[t], &rival_seeks)
                    || (informative(other, tok.ty) && meets(&other.vocab.seeks[t], &rival_offers));
                if !claimed {
                    offered.extend_from_slice(&other.vocab.offers[t]);
                }
            }
        }
        offered.sort_unstable();
        offered.dedup();
        self.support_by(text, i, others.len(), &offered)
    }

    /// Support of sentence `i` of `text` by `k` sentences offering the sorted concepts
    /// `offered`.
    fn support_by(&self, text: Text, i: usize, k: usize, offered: &[u32]) -> Support {
        let own = self.side(text);
        let k = k.max(1) as i32;
        // Weights per type, in order of first occurrence (sums are then reproducible).
        let mut weights: Vec<(u32, Option<Weights>)> = Vec::new();
        let mut support = Support {
            llr: 0.0,
            tokens: Vec::new(),
            matched: 0.0,
            possible: 0.0,
        };
        let Some(tokens) = own.sentences.get(i) else {
            return support;
        };
        for tok in tokens {
            let t = tok.ty as usize;
            let entry = match weights.iter().find(|w| w.0 == tok.ty) {
                Some(w) => w.1,
                None => {
                    let p_a = own.vocab.reliability[t];
                    let chance = (1.0 - (1.0 - own.chance[t]).powi(k)).min(MAX_CHANCE);
                    let w = if own.vocab.seeks[t].is_empty()
                        || own.chance[t] <= 0.0
                        || p_a <= chance + 0.01
                    {
                        None
                    } else {
                        let hit = own.vocab.seeks[t]
                            .iter()
                            .any(|c| offered.binary_search(c).is_ok());
                        Some((
                            hit,
                            (p_a / chance).ln(),
                            ((1.0 - p_a) / (1.0 - chance)).ln(),
                        ))
                    };
                    weights.push((tok.ty, w));
                    w
                }
            };
            support.tokens.push(TokenSupport {
                span: tok.span.clone(),
                matched: entry.map(|(hit, _, _)| hit),
                hit: entry.map_or(0.0, |e| e.1),
                miss: entry.map_or(0.0, |e| e.2),
            });
        }
        for (hit, w_hit, w_miss) in weights.into_iter().filter_map(|w| w.1) {
            support.possible += w_hit;
            if hit {
                support.matched += w_hit;
                support.llr += w_hit;
            } else {
                support.llr += w_miss;
            }
        }
        support
    }

    /// Pairs of tokens (index into [`Lexicon::tokens`] of source sentence `i`, index
    /// into those of target sentence `j`) that are evidence for each other: one seeks
    /// what the other offers. Common words (those that carry no evidence) are left out.
    pub fn links(&self, i: usize, j: usize) -> Vec<(usize, usize)> {
        let (Some(st), Some(tt)) = (self.src.sentences.get(i), self.tgt.sentences.get(j)) else {
            return Vec::new();
        };
        let meets = |a: &[u32], b: &[u32]| a.iter().any(|c| b.binary_search(c).is_ok());
        let mut out = Vec::new();
        for (a, s) in st.iter().enumerate() {
            let (s_seeks, s_offers) = (
                &self.src.vocab.seeks[s.ty as usize],
                &self.src.vocab.offers[s.ty as usize],
            );
            for (b, t) in tt.iter().enumerate() {
                let (t_seeks, t_offers) = (
                    &self.tgt.vocab.seeks[t.ty as usize],
                    &self.tgt.vocab.offers[t.ty as usize],
                );
                let linked = (informative(&self.src, s.ty) && meets(s_seeks, t_offers))
                    || (informative(&self.tgt, t.ty) && meets(t_seeks, s_offers));
                if linked {
                    out.push((a, b));
                }
            }
        }
        out
    }

    /// The tokens of sentence `other` (of the other text) linked, as in
    /// [`Lexicon::links`], to token `token` of sentence `i` of `text`. Linear in the other
    /// sentence: [`Lexicon::links`] of two very long sentences (a text with no sentence
    /// ends) is quadratic in size and in time, so callers that ask about one token use
    /// this.
    pub fn linked_to(&self, text: Text, i: usize, token: usize, other: usize) -> Vec<usize> {
        let (this, that) = match text {
            Text::Source => (&self.src, &self.tgt),
            Text::Target => (&self.tgt, &self.src),
        };
        let (Some(own), Some(theirs)) = (this.sentences.get(i), that.sentences.get(other)) else {
            return Vec::new();
        };
        let Some(x) = own.get(token) else {
            return Vec::new();
        };
        let meets = |a: &[u32], b: &[u32]| a.iter().any(|c| b.binary_search(c).is_ok());
        let (x_seeks, x_offers) = (
            &this.vocab.seeks[x.ty as usize],
            &this.vocab.offers[x.ty as usize],
        );
        theirs
            .iter()
            .enumerate()
            .filter(|(_, y)| {
                (informative(this, x.ty) && meets(x_seeks, &that.vocab.offers[y.ty as usize]))
                    || (informative(that, y.ty)
                        && meets(&that.vocab.seeks[y.ty as usize], x_offers))
            })
            .map(|(b, _)| b)
            .collect()
    }

    fn side(&self, text: Text) -> &SideData {
        match text {
            Text::Source => &self.src,
            Text::Target => &self.tgt,
        }
    }

    /// Recompute the chance of a match of every type (after offers or seeks changed).
    fn update_chances(&mut self) {
        self.src.chance = chances(&self.src, &self.tgt);
        self.tgt.chance = chances(&self.tgt, &self.src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three related pairs among unrelated filler (chance matches need a document).
    fn lexicon() -> Lexicon {
        let mut hu = vec![
            "Havanna, 1963. január 28.",
            "A kubai vezetők kerülnek bennünket.",
            "Kuba és a Szovjetunió viszonya javult.",
        ];
        let mut en = vec![
            "Havana, 28 January 1963",
            "Cuban leaders avoid us.",
            "Relations between Cuba and the Soviet Union improved.",
        ];
        hu.extend(["Az idő esős volt."; 10]);
        en.extend(["The weather was rainy."; 10]);
        Lexicon::new(&hu, &en, &Lang::Hu, &Lang::En, &Dictionary::builtin_hu_en())
    }

    #[test]
    fn a_translation_is_supported_and_an_unrelated_sentence_is_not() {
        let lex = lexicon();
        let right = lex.support(Text::Source, 2, &[2]);
        let wrong = lex.support(Text::Source, 2, &[1]);
        assert!(right.llr > 0.0, "{right:?}");
        assert!(right.llr > wrong.llr + 1.0, "{right:?} {wrong:?}");
        assert!(right.coverage() > wrong.coverage());
        let date = lex.support(Text::Target, 0, &[0]);
        assert!(date.coverage() > 0.9, "{date:?}");
    }

    #[test]
    fn tokens_carry_their_spans() {
        let lex = lexicon();
        let text = "Kuba és a Szovjetunió viszonya javult.";
        let spans: Vec<&str> = lex
            .tokens(Text::Source, 2)
            .iter()
            .map(|t| &text[t.span.clone()])
            .collect();
        assert_eq!(
            spans,
            ["Kuba", "és", "a", "Szovjetunió", "viszonya", "javult"]
        );
        let s = lex.support(Text::Source, 2, &[2]);
        let kuba = s.tokens.iter().find(|t| t.span == (0..4)).expect("Kuba");
        assert_eq!(kuba.matched, Some(true));
        assert!(kuba.hit > 0.0 && kuba.miss < 0.0);
    }

    #[test]
    fn links_pair_the_tokens_that_translate_each_other() {
        let lex = lexicon();
        let links = lex.links(2, 2);
        let hu = "Kuba és a Szovjetunió viszonya javult.";
        let en = "Relations between Cuba and the Soviet Union improved.";
        let words: Vec<(&str, &str)> = links
            .iter()
            .map(|&(a, b)| {
                (
                    &hu[lex.tokens(Text::Source, 2)[a].span.clone()],
                    &en[lex.tokens(Text::Target, 2)[b].span.clone()],
                )
            })
            .collect();
        assert!(words.contains(&("Kuba", "Cuba")), "{words:?}");
        assert!(words.contains(&("Szovjetunió", "Soviet")), "{words:?}");
        assert!(!words.contains(&("Kuba", "Soviet")), "{words:?}");
    }

    #[test]
    fn learning_needs_enough_pairs() {
        let mut lex = lexicon();
        lex.learn(&[(0, 0), (1, 1), (2, 2)]);
        assert_eq!(lex.learned_entries(), 0);
    }
}
