//! Re-aligning one stretch of a finished alignment under hard constraints (the engine
//! of `tandem fix`, see [`crate::fix`]).
//!
//! [`Model::rebuild`] rebuilds the model of the aligner's last pass from what an
//! alignment file records: the sentences, the length model and bead priors of its
//! `parameters`, the given dictionary, the word translations the second pass learned
//! (`parameters.learned_dictionary`) and the runs of confident 1-1 beads it learned
//! them from (`parameters.learned_from`). The anchor reliabilities are learned again
//! from exactly those beads (and the dictionary too, when a file does not record it), so
//! the rebuilt model is the one that made the alignment, deterministic and independent
//! of any fix made since.
//! One deliberate difference: 1-0 and 0-1 beads cost no more than Gale and Church's
//! prior (the learned rate is biased low by self-training, see `priors_of`); in the
//! review simulation this halved the fixes that pushed a sentence a person had taken
//! out of a bead into its right neighbour (docs/fixing.md).
//!
//! [`Model::search`] finds the best beads of one rectangle of the grid (the sentences
//! between two cells), with the posterior of each bead as its confidence. Beads with
//! one side empty that a person confirmed (an untranslated or added run) are *pinned*:
//! their sentences are taken out of the search, no bead may span the gap they leave,
//! and they are put back as they are. Any bead size can be pinned or bound a rectangle,
//! so a person can confirm beads the search itself cannot draw (a 1-5, a 0-2). Next to
//! a confirmed bead the search also draws 1-4 and 4-1 beads ([`SEARCH_BEADS`]), which
//! the aligner does not.
//!
//! Cost: building the model is linear in the document (anchor extraction, one pass of
//! IBM Model 1 training over the learned-from beads). A search costs O(cells) of its
//! rectangle: searched in full up to [`FULL_CELLS`], else in a band of
//! [`GUIDE_RADIUS`] around a guide path (the old beads).

use std::ops::Range;

use super::dp::{self, Band, BEADS};
use super::length::LengthModel;
use super::model::{self, CostParams, Unit, Vocab};
use super::{default_priors, prepare, AlignConfig, AlignStats, Bead, Side};

/// Largest rectangle (cells) searched in full; larger ones are searched in a band around
/// the guide path.
pub const FULL_CELLS: usize = 250_000;
/// Band radius (units) around the guide path of a large rectangle.
pub const GUIDE_RADIUS: usize = 12;

/// The aligner's last-pass model of one document pair.
pub struct Model {
    src_units: Vec<Unit>,
    tgt_units: Vec<Unit>,
    src_vocab: Vocab,
    tgt_vocab: Vocab,
    params: CostParams,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("source units", &self.src_units.len())
            .field("target units", &self.tgt_units.len())
            .finish_non_exhaustive()
    }
}

/// Runs `[source, target, length]` of consecutive diagonal pairs (the compact form of
/// `parameters.learned_from`).
pub(crate) fn runs_of(pairs: &[(usize, usize)]) -> Vec<[usize; 3]> {
    let mut runs: Vec<[usize; 3]> = Vec::new();
    for &(s, t) in pairs {
        match runs.last_mut() {
            Some(r) if r[0] + r[2] == s && r[1] + r[2] == t => r[2] += 1,
            _ => runs.push([s, t, 1]),
        }
    }
    runs
}

/// The pairs of [`runs_of`], dropping any that fall outside `n` × `m` sentences.
fn pairs_of(runs: &[[usize; 3]], n: usize, m: usize) -> Vec<(usize, usize)> {
    runs.iter()
        .flat_map(|&[s, t, len]| (0..len).map(move |k| (s.saturating_add(k), t.saturating_add(k))))
        .filter(|&(s, t)| s < n && t < m)
        .collect()
}

/// The bead types of the constrained search: the aligner's inventory (`dp::BEADS`, in
/// its order), then one sentence more on either side of its largest merges, drawn only
/// next to a bead a person confirmed (see [`Model::search`]). A fix that cuts a bead the
/// aligner drew often leaves, next to it, the rest of a bead the aligner could not draw
/// (steinbeck: a gold 4-1 drawn as a 3-1, its first sentence given to the 2-1 before;
/// the person confirms that 2-1 as a 1-1, and the sentence it releases completes the
/// 4-1); elsewhere the aligner's inventory is kept, as `tandem align` draws it (`dp::BEADS`
/// stays the aligner's: every type costs every alignment time, and these are rare:
/// steinbeck's gold has 4 beads of four or more sentences against one, of 5,151;
/// defr.dev's 8 of 422).
pub const SEARCH_BEADS: [(usize, usize); BEADS.len() + BEYOND_BEADS.len()] = {
    let mut out = [(0, 0); BEADS.len() + BEYOND_BEADS.len()];
    let mut k = 0;
    while k < out.len() {
        out[k] = if k < BEADS.len() {
            BEADS[k]
        } else {
            BEYOND_BEADS[k - BEADS.len()]
        };
        k += 1;
    }
    out
};
/// The types [`SEARCH_BEADS`] adds to the aligner's inventory.
const BEYOND_BEADS: [(usize, usize); 2] = [(4, 1), (1, 4)];

/// The recorded bead priors in the order of [`BEADS`]; a missing or invalid one takes
/// the default, and unpaired beads are at least as likely as by default.
fn recorded_priors(stats: &AlignStats) -> [f64; BEADS.len()] {
    let defaults = default_priors();
    let mut p = defaults;
    for (k, &(a, b)) in BEADS.iter().enumerate() {
        let name = format!("{a}-{b}");
        if let Some(&(_, v)) = stats.bead_priors.iter().find(|(n, _)| *n == name) {
            if v.is_finite() && v > 0.0 && v <= 1.0 {
                p[k] = v;
            }
            // Self-training biases the learned rate of 1-0 and 0-1 beads low (a first
            // pass that merges an unpaired sentence into a neighbour learns that they
            // are rare): near a person's correction, where the model has just been
            // shown wrong, they cost no more than Gale and Church's prior.
            if a == 0 || b == 0 {
                p[k] = p[k].max(defaults[k]);
            }
        }
    }
    p
}

/// The prior of a bead type of [`SEARCH_BEADS`]: the recorded one for a type of the
/// aligner's inventory; beyond it, the prior of the type with one sentence less on its
/// longer side times the document's own rate of one sentence more there (P(3-1) /
/// P(2-1) for the source side, P(1-3) / P(1-2) for the target side, at most 1). Nothing
/// is fitted to a text: a 4-1 is as much rarer than a 3-1 as a 3-1 is than a 2-1.
fn prior_of(p: &[f64; BEADS.len()], (k, l): (usize, usize)) -> f64 {
    let of = |t: (usize, usize)| BEADS.iter().position(|&b| b == t).map(|i| p[i]);
    if let Some(v) = of((k, l)) {
        return v;
    }
    let rate = |longer: (usize, usize), shorter: (usize, usize)| match (of(longer), of(shorter)) {
        (Some(a), Some(b)) if b > 0.0 => (a / b).min(1.0),
        _ => 0.0,
    };
    if k > l {
        prior_of(p, (k - 1, l)) * rate((3, 1), (2, 1))
    } else {
        prior_of(p, (k, l - 1)) * rate((1, 3), (1, 2))
    }
}

/// −ln of the priors of [`SEARCH_BEADS`], from those of the aligner's inventory.
fn search_priors(p: &[f64; BEADS.len()]) -> Vec<f64> {
    SEARCH_BEADS.iter().map(|&t| -prior_of(p, t).ln()).collect()
}

impl Model {
    /// Rebuild the model that aligned `src` with `tgt`, from the `stats` recorded in the
    /// alignment file and the dictionary of `config` (built-in and user dictionaries,
    /// as when aligning).
    pub fn rebuild(
        src: &Side<'_>,
        tgt: &Side<'_>,
        stats: &AlignStats,
        config: &AlignConfig,
    ) -> Model {
        let mut prepared = prepare(src, tgt, config);
        let finite = |x: f64, or: f64| if x.is_finite() && x > 0.0 { x } else { or };
        let length = LengthModel {
            ratio: finite(stats.length_ratio, 1.0),
            variance: finite(stats.length_variance, super::length::GALE_CHURCH_VARIANCE),
            outlier_weight: if (0.0..=0.5).contains(&stats.length_outlier_weight) {
                stats.length_outlier_weight
            } else {
                0.0
            },
            outlier_variance: finite(stats.length_outlier_variance, 1.0),
        };
        let confident = pairs_of(
            &stats.learned_from,
            prepared.src_units.len(),
            prepared.tgt_units.len(),
        );
        if !stats.learned_dictionary.is_empty() {
            let learned = super::dict::Dictionary::from_lines(&stats.learned_dictionary);
            prepared.adopt(&learned, &confident);
        } else if !confident.is_empty() {
            prepared.learn_from(&confident);
        }
        Model {
            params: CostParams {
                length,
                beads: &SEARCH_BEADS,
                priors: search_priors(&recorded_priors(stats)),
                edge_types: BEADS.len(),
                paragraphs: prepared.paragraphs,
                unpaired_length_weight: model::UNPAIRED_LENGTH_WEIGHT,
            },
            src_units: prepared.src_units,
            tgt_units: prepared.tgt_units,
            src_vocab: prepared.src_vocab,
            tgt_vocab: prepared.tgt_vocab,
        }
    }

    /// Number of source and target sentences.
    pub fn size(&self) -> (usize, usize) {
        (self.src_units.len(), self.tgt_units.len())
    }

    /// The best beads of the rectangle between cells `from` and `to` (sentence counts,
    /// `from <= to` on both sides), in order, with their posteriors as confidence.
    ///
    /// `pinned` beads (each with one side empty, inside the rectangle, in any order) are
    /// kept as they are, with confidence 1. `guide` is a path of cells (e.g. the old
    /// beads' ends) the band follows when the rectangle is too large to search in full;
    /// it may run outside the rectangle (it is clamped). `fixed_ends`: whether a bead a
    /// person confirmed (both sides non-empty) ends at `from` and one starts at `to`;
    /// only a bead next to one may be of the types [`SEARCH_BEADS`] adds to the
    /// aligner's.
    pub fn search(
        &self,
        from: (usize, usize),
        to: (usize, usize),
        pinned: &[(Range<usize>, Range<usize>)],
        guide: &[(usize, usize)],
        fixed_ends: (bool, bool),
    ) -> Vec<Bead> {
        let (n_all, m_all) = self.size();
        let to = (to.0.min(n_all), to.1.min(m_all));
        let from = (from.0.min(to.0), from.1.min(to.1));
        let mut skip_src = vec![false; to.0 - from.0];
        let mut skip_tgt = vec![false; to.1 - from.1];
        for (s, t) in pinned {
            for i in s.clone() {
                if let Some(x) = i.checked_sub(from.0).and_then(|k| skip_src.get_mut(k)) {
                    *x = true;
                }
            }
            for j in t.clone() {
                if let Some(x) = j.checked_sub(from.1).and_then(|k| skip_tgt.get_mut(k)) {
                    *x = true;
                }
            }
        }
        let src = Window::new(&self.src_units, from.0, &skip_src);
        let tgt = Window::new(&self.tgt_units, from.1, &skip_tgt);
        let (n, m) = (src.units.len(), tgt.units.len());
        let band = if (n + 1).saturating_mul(m + 1) <= FULL_CELLS || guide.len() < 2 {
            Band::full(n, m)
        } else {
            let mut cells = vec![(0, 0)];
            cells.extend(guide.iter().map(|&(i, j)| {
                (
                    src.position(i.clamp(from.0, to.0)),
                    tgt.position(j.clamp(from.1, to.1)),
                )
            }));
            cells.push((n, m));
            // A clamped guide may step back where it leaves the rectangle: keep it
            // monotone.
            for k in 1..cells.len() {
                cells[k] = (
                    cells[k].0.max(cells[k - 1].0),
                    cells[k].1.max(cells[k - 1].1),
                );
            }
            Band::around(&cells, 1, n, m, GUIDE_RADIUS)
        };
        // Anchor weights count chance matches over the whole document, as when aligning.
        let (fs, ft) = rayon::join(
            || {
                model::features(
                    &src.units,
                    &self.src_vocab,
                    &self.tgt_units,
                    &self.tgt_vocab,
                )
            },
            || {
                model::features(
                    &tgt.units,
                    &self.tgt_vocab,
                    &self.src_units,
                    &self.src_vocab,
                )
            },
        );
        let scorer =
            model::Scorer::new(&fs, &ft, &self.params, &band).open_ends(fixed_ends.0, fixed_ends.1);
        let path = dp::best_path(&band, n, m, &scorer, true);
        // Back to sentence indices, with the pinned beads put back in order: each goes
        // before the first bead whose sentences on its side come after it.
        let mut pending: Vec<&(Range<usize>, Range<usize>)> = pinned
            .iter()
            .filter(|(s, t)| {
                let inside = |r: &Range<usize>, a: usize, b: usize| {
                    r.is_empty() || (r.start >= a && r.end <= b)
                };
                !(s.is_empty() && t.is_empty())
                    && inside(s, from.0, to.0)
                    && inside(t, from.1, to.1)
            })
            .collect();
        let mut out: Vec<Bead> = Vec::with_capacity(path.len() + pending.len());
        let flush = |out: &mut Vec<Bead>, due: Vec<&(Range<usize>, Range<usize>)>| {
            // Source-side pins in source order, then target-side ones in target order:
            // pins of different sides may come in either order.
            let mut due = due;
            due.sort_by_key(|(s, t)| (s.is_empty(), s.start, t.start));
            out.extend(due.into_iter().map(|(s, t)| Bead {
                src: s.clone(),
                tgt: t.clone(),
                confidence: 1.0,
            }));
        };
        for b in path {
            let s = src.sentences(b.src.0, b.src.1);
            let t = tgt.sentences(b.tgt.0, b.tgt.1);
            let (due, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|(ps, pt)| {
                (!ps.is_empty() && !s.is_empty() && ps.end <= s.start)
                    || (!pt.is_empty() && !t.is_empty() && pt.end <= t.start)
            });
            pending = rest;
            flush(&mut out, due);
            out.push(Bead {
                src: s,
                tgt: t,
                confidence: b.posterior,
            });
        }
        flush(&mut out, pending);
        // Empty sides take their place from the beads around them.
        let (mut i, mut j) = from;
        for b in &mut out {
            if b.src.is_empty() {
                b.src = i..i;
            }
            if b.tgt.is_empty() {
                b.tgt = j..j;
            }
            i = b.src.end;
            j = b.tgt.end;
        }
        out
    }
}

/// The units of one side of a rectangle with the skipped (pinned) sentences taken out.
struct Window {
    units: Vec<Unit>,
    /// Sentence index of each unit.
    index: Vec<usize>,
    /// First sentence of the rectangle and its end.
    from: usize,
    end: usize,
    /// Units before each sentence `from..=end` (its position in the window).
    before: Vec<usize>,
}

impl Window {
    fn new(all: &[Unit], from: usize, skip: &[bool]) -> Self {
        let mut units = Vec::new();
        let mut index = Vec::new();
        let mut before = Vec::with_capacity(skip.len() + 1);
        // Units of different paragraphs never share a bead side: a new paragraph number
        // after every gap keeps beads from spanning a pinned sentence.
        let (mut para, mut last_para, mut gap) = (0u32, None, false);
        for (k, &skipped) in skip.iter().enumerate() {
            before.push(units.len());
            if skipped {
                gap = true;
                continue;
            }
            let unit = &all[from + k];
            if last_para.is_some_and(|p| p != unit.para) || gap {
                para += 1;
            }
            last_para = Some(unit.para);
            gap = false;
            units.push(Unit {
                para,
                ..unit.clone()
            });
            index.push(from + k);
        }
        before.push(units.len());
        Window {
            units,
            index,
            from,
            end: from + skip.len(),
            before,
        }
    }

    /// Window position of sentence `i` (`from..=end`).
    fn position(&self, i: usize) -> usize {
        self.before[i.clamp(self.from, self.end) - self.from]
    }

    /// The sentences of units `a..b` (contiguous: no bead spans a gap).
    fn sentences(&self, a: usize, b: usize) -> Range<usize> {
        if a == b {
            return 0..0;
        }
        self.index[a]..self.index[b - 1] + 1
    }
}

/// The cells of beads' ends, `(0, 0)` first: a guide for [`Model::search`].
pub fn guide_of(beads: &[Bead]) -> Vec<(usize, usize)> {
    let mut cells = vec![(0, 0)];
    cells.extend(beads.iter().map(|b| (b.src.end, b.tgt.end)));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn side<'a>(sentences: &[&'a str], lang: Lang) -> Side<'a> {
        Side {
            sentences: sentences.to_vec(),
            paragraphs: None,
            lang,
        }
    }

    // The seed report's sentences that the aligner's own tests use.
    use crate::align::tests::{EN, HU};

    fn spans(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
        beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    #[test]
    fn the_search_inventory_extends_the_aligners_with_rarer_types() {
        assert_eq!(SEARCH_BEADS[..BEADS.len()], BEADS);
        let priors = search_priors(&default_priors());
        let prior = |t: (usize, usize)| {
            let k = SEARCH_BEADS
                .iter()
                .position(|&b| b == t)
                .expect("in inventory");
            (-priors[k]).exp()
        };
        // A 4-1 is as much rarer than a 3-1 as a 3-1 is than a 2-1.
        for (big, mid, small) in [((4, 1), (3, 1), (2, 1)), ((1, 4), (1, 3), (1, 2))] {
            let want = prior(mid) * prior(mid) / prior(small);
            assert!((prior(big) - want).abs() < 1e-12, "{big:?}");
            assert!(prior(big) < prior(mid));
        }
        assert!(priors.iter().all(|c| c.is_finite() && *c > 0.0));
    }

    /// Four Hungarian sentences that one English sentence translates: the search draws
    /// them as a 4-1 next to a confirmed bead, and elsewhere as the aligner would.
    #[test]
    fn a_4_1_is_drawn_next_to_a_confirmed_bead_only() {
        let hu = [
            "A hajó 1671. május 3-án futott ki a kikötőből.",
            "Ah!",
            "Szép volt.",
            "Nagyon szép.",
            "Tizenkét ember állt a parton.",
            "A szél 40 napig fújt.",
        ];
        let en = [
            "The ship left the harbour on 3 May 1671.",
            "Ah, it was beautiful, very beautiful, with twelve men on the shore.",
            "The wind blew for 40 days.",
        ];
        let config = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
        let (src, tgt) = (side(&hu, Lang::Hu), side(&en, Lang::En));
        let a = super::super::align(&src, &tgt, &config);
        let model = Model::rebuild(&src, &tgt, &a.stats, &config);
        let four = (1..5, 1..2);
        let next_to_fix = model.search((1, 1), (6, 3), &[], &[], (true, false));
        assert!(spans(&next_to_fix).contains(&four), "{next_to_fix:?}");
        let elsewhere = model.search((1, 1), (6, 3), &[], &[], (false, false));
        assert!(
            elsewhere
                .iter()
                .all(|b| b.src.len() <= 3 && b.tgt.len() <= 3),
            "{elsewhere:?}"
        );
    }

    #[test]
    fn runs_round_trip() {
        let pairs = vec![(0, 0), (1, 1), (2, 2), (5, 4), (6, 5), (9, 9)];
        let runs = runs_of(&pairs);
        assert_eq!(runs, vec![[0, 0, 3], [5, 4, 2], [9, 9, 1]]);
        assert_eq!(pairs_of(&runs, 100, 100), pairs);
        assert_eq!(pairs_of(&runs, 6, 100), pairs[..4].to_vec());
    }

    #[test]
    fn an_unconstrained_search_gives_back_the_alignment() {
        let config = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
        let (src, tgt) = (side(&HU, Lang::Hu), side(&EN, Lang::En));
        let a = super::super::align(&src, &tgt, &config);
        let model = Model::rebuild(&src, &tgt, &a.stats, &config);
        let again = model.search(
            (0, 0),
            (HU.len(), EN.len()),
            &[],
            &guide_of(&a.beads),
            (false, false),
        );
        assert_eq!(spans(&again), spans(&a.beads));
        // A rectangle in the middle, between two bead ends, gives the beads inside it.
        let (b1, b4) = (&a.beads[1], &a.beads[4]);
        let part = model.search(
            (b1.src.end, b1.tgt.end),
            (b4.src.end, b4.tgt.end),
            &[],
            &[],
            (false, false),
        );
        assert_eq!(spans(&part), spans(&a.beads[2..5]));
    }

    /// The UDHR, aligned in two passes: the model rebuilt from its file (with the
    /// recorded dictionary, or learning it again from the recorded beads) gives back
    /// every bead.
    #[test]
    fn a_rebuilt_model_gives_back_a_learned_alignment() {
        use crate::alignment::AlignmentFile;
        let file = AlignmentFile::from_json(
            &crate::testing::bundled_alignment_json("udhr"),
            std::path::Path::new("udhr.json"),
        )
        .expect("bundled alignment");
        assert_eq!(file.parameters.passes, 2);
        assert!(!file.parameters.learned_dictionary.is_empty());
        let texts = |rec: &crate::alignment::TextRecord| -> Vec<String> {
            rec.sentences.iter().map(|s| s.text.clone()).collect()
        };
        let (s, t) = (texts(&file.source), texts(&file.target));
        let paragraphs = |rec: &crate::alignment::TextRecord| {
            Some(rec.sentences.iter().map(|x| x.id.paragraph()).collect())
        };
        let src = Side {
            sentences: s.iter().map(String::as_str).collect(),
            paragraphs: paragraphs(&file.source),
            lang: Lang::Hu,
        };
        let tgt = Side {
            sentences: t.iter().map(String::as_str).collect(),
            paragraphs: paragraphs(&file.target),
            lang: Lang::En,
        };
        let config = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
        let beads = file.beads();
        let mut stats = file.parameters.clone();
        for _ in 0..2 {
            let model = Model::rebuild(&src, &tgt, &stats, &config);
            let again = model.search((0, 0), model.size(), &[], &guide_of(&beads), (false, false));
            assert_eq!(spans(&again), spans(&beads));
            stats.learned_dictionary.clear();
        }
    }

    #[test]
    fn pinned_beads_are_kept_and_nothing_spans_them() {
        let config = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
        let (src, tgt) = (side(&HU, Lang::Hu), side(&EN, Lang::En));
        let a = super::super::align(&src, &tgt, &config);
        let model = Model::rebuild(&src, &tgt, &a.stats, &config);
        // English sentence 4 ("This can be achieved …") confirmed as an addition.
        let beads = model.search((0, 0), (6, 7), &[(4..4, 4..5)], &[], (false, false));
        let (mut i, mut j) = (0, 0);
        for b in &beads {
            assert_eq!((b.src.start, b.tgt.start), (i, j), "{beads:?}");
            (i, j) = (b.src.end, b.tgt.end);
            assert!(
                !(b.tgt.start < 4 && b.tgt.end > 4),
                "spans the pinned sentence"
            );
        }
        assert_eq!((i, j), (6, 7));
        assert!(beads
            .iter()
            .any(|b| b.src.is_empty() && b.tgt == (4..5) && b.confidence == 1.0));
    }
}
