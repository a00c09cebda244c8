//! The scoring model: sentences as units of anchor types, anchor weights, bead costs.
//!
//! Every anchor (a number, a month, a punctuation mark, a word with its cognate keys and
//! dictionary translations) is a *type* of one side. A type **offers** concepts (what it
//! is) and **seeks** concepts (what its translation would be). A source type matched in
//! a bead is evidence for the bead, weighted by how surprising the match would be by
//! chance:
//!
//! - `p_a`, the type's reliability: how often its translation is present when the bead
//!   is right (a prior per kind, then learned from the confident beads of a first pass);
//! - `p_r`, the chance of a match in a random sentence of the other side (the document
//!   frequency of the sought concepts);
//! - a match adds ln(p_a / p_r), a miss adds ln((1 − p_a)/(1 − p_r)).
//!
//! The same is done from the target side, and the two directions are averaged. A bead's
//! cost is then `prior(type) + length cost − evidence (+ a paragraph penalty)`.
//! For speed, the evidence of every (source unit, target unit) pair near the search path
//! is computed once as two 32-bit masks of matched anchors; a bead of several units ORs
//! the masks, so a word matched twice counts once.

use std::collections::HashMap;

use super::anchors::Kind;
use super::dp::Band;
use super::length::LengthModel;

/// Weight of each direction of lexical evidence (the two directions see the same
/// correspondences, so they are averaged).
const DIRECTION_WEIGHT: f64 = 0.5;
/// Cost of a bead that starts a paragraph on one side only.
const PARAGRAPH_PENALTY: f64 = 2.0;
/// Weight of the Gale–Church length cost of a 1-0 or 0-1 bead. An omitted or added
/// sentence has no counterpart: the full mismatch cost (δ against an empty side) prices
/// long omissions out of reach and pushes them into wrong merges, while no length cost at
/// all lets pairs of 1-0 + 0-1 replace every uncertain 1-1. A quarter keeps a fence that
/// grows with the sentence (measured in docs/alignment-quality.md: strict F1 steinbeck
/// .972 → .974, defr.dev .839 → .858 against the full cost).
pub(crate) const UNPAIRED_LENGTH_WEIGHT: f64 = 0.25;
/// The same at the coarse levels of the search. A coarse unit pools the anchors of its
/// sentences (at most 32 count) while its length, and so the cost of leaving it out,
/// keeps growing; with the sentence-level weight a coarse path would rather drift
/// across a long omission than leave it out. Measured on a 1,000-sentence omission
/// (docs/alignment-quality.md): 0.25 finds it in neither test bitext, 0.05 loses one,
/// 0.1 finds both, and texts without omissions align the same at all of them.
pub(crate) const COARSE_UNPAIRED_LENGTH_WEIGHT: f64 = 0.1;
/// A set of a unit's anchors, one bit each.
type Mask = u32;
/// Most anchors a unit keeps (the most informative ones): one per bit of a [`Mask`].
const MAX_ANCHORS: usize = Mask::BITS as usize;

/// Highest chance-match probability an anchor may have and still count.
const MAX_CHANCE: f64 = 0.9;

/// Interned concept strings shared by both sides.
#[derive(Debug, Default)]
pub(crate) struct Concepts {
    ids: HashMap<String, u32>,
}

impl Concepts {
    pub(crate) fn id(&mut self, s: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(s).or_insert(next)
    }
}

/// The anchor types of one side.
#[derive(Debug, Default, Clone)]
pub(crate) struct Vocab {
    pub(crate) keys: Vec<String>,
    pub(crate) kinds: Vec<Kind>,
    pub(crate) index: HashMap<(Kind, String), u32>,
    /// Concepts each type offers, sorted.
    pub(crate) offers: Vec<Vec<u32>>,
    /// Concepts each type seeks on the other side, sorted.
    pub(crate) seeks: Vec<Vec<u32>>,
    /// Reliability `p_a` of each type.
    pub(crate) reliability: Vec<f64>,
}

impl Vocab {
    pub(crate) fn intern(&mut self, kind: Kind, key: &str) -> u32 {
        if let Some(&id) = self.index.get(&(kind, key.to_string())) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(key.to_string());
        self.kinds.push(kind);
        self.index.insert((kind, key.to_string()), id);
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Prior reliability of an anchor kind (`p_a` before anything is learned).
pub(crate) fn prior_reliability(kind: Kind, key: &str) -> f64 {
    match kind {
        Kind::Number | Kind::Month => 0.85,
        Kind::Punct => match key {
            "?" => 0.75,
            "!" => 0.6,
            "¶" => 0.9,
            _ => 0.45,
        },
        Kind::Word => 0.4,
    }
}

/// A sentence (or, at coarse levels, a run of sentences) as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unit {
    /// Length in characters.
    pub(crate) len: u32,
    /// Paragraph number (units of different paragraphs never share a bead side).
    pub(crate) para: u32,
    /// Whether the unit starts a paragraph.
    pub(crate) para_start: bool,
    /// Sorted, unique anchor types.
    pub(crate) types: Box<[u32]>,
}

/// Merge every `factor` consecutive units into one (a coarser level of the search).
pub(crate) fn coarsen_by(units: &[Unit], factor: usize) -> Vec<Unit> {
    let mut types: Vec<u32> = Vec::new();
    units
        .chunks(factor.max(1))
        .map(|run| {
            types.clear();
            types.extend(run.iter().flat_map(|u| u.types.iter().copied()));
            types.sort_unstable();
            types.dedup();
            Unit {
                len: run.iter().map(|u| u.len).sum(),
                para: 0,
                para_start: false,
                types: types.as_slice().into(),
            }
        })
        .collect()
}

/// One weighted anchor of a unit.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    /// Weight of a match minus weight of a miss, against 1, 2 or 3 units of the other
    /// side (more units, more chance matches).
    delta: [f32; 3],
}

/// The per-unit data the scorer reads, for one side at one level.
#[derive(Debug, Default)]
pub(crate) struct Features {
    /// Sorted offered concepts per unit (ranges into `pool`).
    offers: Vec<(u32, u32)>,
    /// Anchors per unit (ranges into `anchors`), at most [`MAX_ANCHORS`].
    anchor_ranges: Vec<(u32, u32)>,
    anchors: Vec<Anchor>,
    /// Sum of miss weights per unit, against 1, 2 or 3 units of the other side.
    base: Vec<[f32; 3]>,
    pool: Vec<u32>,
    /// Per unit, the concepts its anchors seek with the anchor's bit, sorted by concept.
    seek_ranges: Vec<(u32, u32)>,
    seek_concepts: Vec<u32>,
    seek_bits: Vec<u8>,
    /// Prefix sums of unit lengths.
    prefix_len: Vec<u32>,
    para: Vec<u32>,
    para_start: Vec<bool>,
}

impl Features {
    fn offers(&self, u: usize) -> &[u32] {
        let (a, b) = self.offers[u];
        &self.pool[a as usize..b as usize]
    }

    fn anchors(&self, u: usize) -> &[Anchor] {
        let (a, b) = self.anchor_ranges[u];
        &self.anchors[a as usize..b as usize]
    }

    /// Bits of `u`'s anchors that find a sought concept among `offers` (sorted): one
    /// merge walk over two sorted lists.
    fn match_mask(&self, u: usize, offers: &[u32]) -> Mask {
        let (a, b) = self.seek_ranges[u];
        let concepts = &self.seek_concepts[a as usize..b as usize];
        let bits = &self.seek_bits[a as usize..b as usize];
        let mut mask = 0;
        let (mut i, mut j) = (0, 0);
        while i < concepts.len() && j < offers.len() {
            match concepts[i].cmp(&offers[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    mask |= 1 << bits[i];
                    i += 1;
                }
            }
        }
        mask
    }

    /// Evidence of unit `u` against `others` units of the other side (1..=3) whose
    /// matches are `mask`.
    fn evidence(&self, u: usize, others: usize, mask: Mask) -> f64 {
        let k = others.clamp(1, 3) - 1;
        let anchors = self.anchors(u);
        let mut e = f64::from(self.base[u][k]);
        let mut m = mask;
        while m != 0 {
            let bit = m.trailing_zeros() as usize;
            e += f64::from(anchors[bit].delta[k]);
            m &= m - 1;
        }
        e
    }

    pub(crate) fn len(&self) -> usize {
        self.offers.len()
    }
}

/// Build the features of `units` (one side), weighting anchors against `other`.
pub(crate) fn features(
    units: &[Unit],
    vocab: &Vocab,
    other_units: &[Unit],
    other_vocab: &Vocab,
) -> Features {
    // Document frequency of each concept on the other side (concept ids are dense).
    let concepts = [
        &vocab.offers,
        &vocab.seeks,
        &other_vocab.offers,
        &other_vocab.seeks,
    ]
    .into_iter()
    .flatten()
    .flatten()
    .copied()
    .max()
    .map_or(0, |c| c as usize + 1);
    let mut df: Vec<u32> = vec![0; concepts];
    let mut seen: Vec<u32> = Vec::new();
    for u in other_units {
        seen.clear();
        for &t in &u.types {
            seen.extend_from_slice(&other_vocab.offers[t as usize]);
        }
        seen.sort_unstable();
        seen.dedup();
        for &c in &seen {
            df[c as usize] += 1;
        }
    }
    let n_other = other_units.len().max(1) as f64;
    // Chance-match probability and reliability per type (independent of the unit).
    let weights: Vec<Option<(f64, f64)>> = (0..vocab.len())
        .map(|t| {
            let seeks = &vocab.seeks[t];
            if seeks.is_empty() {
                return None;
            }
            let hits: u32 = seeks.iter().map(|&c| df[c as usize]).sum();
            if hits == 0 {
                // Nothing on the other side could match it: it says nothing about which
                // unit it belongs with (and would only add a constant miss penalty).
                return None;
            }
            let p_r = (f64::from(hits) / n_other).clamp(0.5 / n_other, MAX_CHANCE);
            let p_a = vocab.reliability[t];
            if p_a <= p_r + 0.01 {
                return None;
            }
            Some((p_a, p_r))
        })
        .collect();
    // Weights of a match and of a miss against k units: by chance a match is found in
    // one of k units with probability 1 − (1 − p_r)^k.
    let weigh = |p_a: f64, p_r: f64| -> ([f32; 3], [f32; 3]) {
        let mut delta = [0.0f32; 3];
        let mut miss = [0.0f32; 3];
        for k in 0..3 {
            let chance = (1.0 - (1.0 - p_r).powi(k as i32 + 1)).min(MAX_CHANCE);
            let (hit, m) = if p_a > chance {
                ((p_a / chance).ln(), ((1.0 - p_a) / (1.0 - chance)).ln())
            } else {
                (0.0, 0.0)
            };
            delta[k] = (hit - m) as f32;
            miss[k] = m as f32;
        }
        (delta, miss)
    };
    // Concepts the other side seeks: offering anything else can never match, so it is
    // left out of the per-unit lists (this keeps the pair masks cheap).
    let max_concept = vocab
        .offers
        .iter()
        .chain(&other_vocab.seeks)
        .flatten()
        .copied()
        .max()
        .map_or(0, |c| c as usize + 1);
    let mut sought = vec![false; max_concept];
    for seeks in &other_vocab.seeks {
        for &c in seeks {
            sought[c as usize] = true;
        }
    }
    let mut f = Features {
        prefix_len: Vec::with_capacity(units.len() + 1),
        ..Features::default()
    };
    f.prefix_len.push(0);
    let mut offers: Vec<u32> = Vec::new();
    let mut chosen: Vec<(f64, u32)> = Vec::new();
    let mut seek_list: Vec<(u32, u8)> = Vec::new();
    for u in units {
        offers.clear();
        for &t in &u.types {
            offers.extend(
                vocab.offers[t as usize]
                    .iter()
                    .filter(|&&c| sought[c as usize]),
            );
        }
        offers.sort_unstable();
        offers.dedup();
        let start = f.pool.len() as u32;
        f.pool.extend_from_slice(&offers);
        f.offers.push((start, f.pool.len() as u32));
        chosen.clear();
        for &t in &u.types {
            if let Some((p_a, p_r)) = weights[t as usize] {
                chosen.push(((p_a / p_r).ln(), t));
            }
        }
        if chosen.len() > MAX_ANCHORS {
            chosen.sort_by(|a, b| b.0.total_cmp(&a.0));
            chosen.truncate(MAX_ANCHORS);
        }
        let a0 = f.anchors.len() as u32;
        let mut base = [0.0f32; 3];
        seek_list.clear();
        for (bit, &(_, t)) in chosen.iter().enumerate() {
            let (p_a, p_r) = weights[t as usize].unwrap_or((0.0, 1.0));
            let (delta, miss) = weigh(p_a, p_r);
            f.anchors.push(Anchor { delta });
            for k in 0..3 {
                base[k] += miss[k];
            }
            for &c in &vocab.seeks[t as usize] {
                // A concept nobody on the other side offers can never match.
                if df[c as usize] > 0 {
                    seek_list.push((c, bit as u8));
                }
            }
        }
        f.anchor_ranges.push((a0, f.anchors.len() as u32));
        f.base.push(base);
        seek_list.sort_unstable();
        let s0 = f.seek_concepts.len() as u32;
        f.seek_concepts.extend(seek_list.iter().map(|p| p.0));
        f.seek_bits.extend(seek_list.iter().map(|p| p.1));
        f.seek_ranges.push((s0, f.seek_concepts.len() as u32));
        let last = *f.prefix_len.last().unwrap_or(&0);
        f.prefix_len.push(last + u.len);
        f.para.push(u.para);
        f.para_start.push(u.para_start);
    }
    f
}

/// Everything that sets a bead's cost, apart from the units themselves.
#[derive(Debug, Clone)]
pub(crate) struct CostParams {
    pub(crate) length: LengthModel,
    /// The bead types the search draws: [`super::dp::BEADS`], the aligner's inventory, or a
    /// larger one (the constrained search of `tandem fix`).
    pub(crate) beads: &'static [(usize, usize)],
    /// −ln P(bead type), in the order of `beads`.
    pub(crate) priors: Vec<f64>,
    /// The types `beads[edge_types..]` are drawn only at an open end of the grid (see
    /// [`Scorer::open_ends`]); all of them when it is `beads.len()`.
    pub(crate) edge_types: usize,
    /// Whether paragraph starts are soft anchors.
    pub(crate) paragraphs: bool,
    /// Weight of the length cost of 1-0 and 0-1 beads.
    pub(crate) unpaired_length_weight: f64,
}

/// Bead costs for one level, with the pair masks of the cells near the band.
pub(crate) struct Scorer<'a> {
    src: &'a Features,
    tgt: &'a Features,
    params: &'a CostParams,
    /// For each source unit: first target unit with a cached mask, and offset in `masks`.
    pair_lo: Vec<u32>,
    pair_hi: Vec<u32>,
    pair_at: Vec<usize>,
    masks: Vec<(Mask, Mask)>,
    /// Whether a bead of the edge types may start at the first cell and end at the last.
    open: (bool, bool),
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(
        src: &'a Features,
        tgt: &'a Features,
        params: &'a CostParams,
        band: &Band,
    ) -> Self {
        let n = src.len();
        let m = tgt.len();
        let mut pair_lo = Vec::with_capacity(n);
        let mut pair_hi = Vec::with_capacity(n);
        let mut pair_at = Vec::with_capacity(n);
        let mut masks = Vec::new();
        for s in 0..n {
            // A bead containing source unit s ends on a row in s+1..=s+3 and starts on a
            // row in s-2..=s: its target units lie within these rows' band.
            let lo = band.lo(s.saturating_sub(2)) as usize;
            let hi = (band.hi((s + 3).min(n)) as usize).min(m);
            pair_lo.push(lo as u32);
            pair_hi.push(hi as u32);
            pair_at.push(masks.len());
            for t in lo..hi {
                masks.push((
                    src.match_mask(s, tgt.offers(t)),
                    tgt.match_mask(t, src.offers(s)),
                ));
            }
        }
        Scorer {
            src,
            tgt,
            params,
            pair_lo,
            pair_hi,
            pair_at,
            masks,
            open: (false, false),
        }
    }

    /// Allow the edge types of [`CostParams::edge_types`] in a bead that starts at the
    /// first cell of the grid (`start`) or ends at its last (`end`).
    pub(crate) fn open_ends(mut self, start: bool, end: bool) -> Self {
        self.open = (start, end);
        self
    }

    /// The bead types of the search, in the order of the `ty` given to [`Scorer::cost`].
    pub(crate) fn beads(&self) -> &'static [(usize, usize)] {
        self.params.beads
    }

    fn masks(&self, s: usize, t: usize) -> (Mask, Mask) {
        let (lo, hi) = (self.pair_lo[s] as usize, self.pair_hi[s] as usize);
        if (lo..hi).contains(&t) {
            self.masks[self.pair_at[s] + t - lo]
        } else {
            (
                self.src.match_mask(s, self.tgt.offers(t)),
                self.tgt.match_mask(t, self.src.offers(s)),
            )
        }
    }

    /// Cost of the bead of bead type `ty` made of source units `i0..i1` and target units
    /// `j0..j1`; infinite when not allowed.
    pub(crate) fn cost(&self, ty: usize, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let (src, tgt) = (self.src, self.tgt);
        if ty >= self.params.edge_types
            && !(self.open.0 && i0 == 0 && j0 == 0)
            && !(self.open.1 && i1 == src.len() && j1 == tgt.len())
        {
            return f64::INFINITY;
        }
        if i1 - i0 >= 2 && src.para[i0] != src.para[i1 - 1] {
            return f64::INFINITY;
        }
        if j1 - j0 >= 2 && tgt.para[j0] != tgt.para[j1 - 1] {
            return f64::INFINITY;
        }
        let ls = src.prefix_len[i1] - src.prefix_len[i0];
        let lt = tgt.prefix_len[j1] - tgt.prefix_len[j0];
        let length = if ls == 0 || lt == 0 {
            self.params.unpaired_length_weight * self.params.length.cost(ls, lt)
        } else if i1 - i0 == 1 && j1 - j0 == 1 {
            self.params.length.cost_one_to_one(ls, lt)
        } else {
            self.params.length.cost(ls, lt)
        };
        let mut cost = self.params.priors[ty] + length;
        if i1 > i0 && j1 > j0 {
            if self.params.paragraphs && src.para_start[i0] != tgt.para_start[j0] {
                cost += PARAGRAPH_PENALTY;
            }
            let mut evidence = 0.0;
            for s in i0..i1 {
                let mask = (j0..j1).fold(0, |acc, t| acc | self.masks(s, t).0);
                evidence += src.evidence(s, j1 - j0, mask);
            }
            for t in j0..j1 {
                let mask = (i0..i1).fold(0, |acc, s| acc | self.masks(s, t).1);
                evidence += tgt.evidence(t, i1 - i0, mask);
            }
            cost -= DIRECTION_WEIGHT * evidence;
        }
        cost
    }
}
