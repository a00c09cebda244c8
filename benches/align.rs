//! Alignment time at 1k, 10k and 100k sentences per side, one thread.
//!
//! Input: the hand-aligned Hungarian–English Steinbeck bitext read at bench time from
//! `../shared/data/gold/steinbeck` (never copied into the repository), repeated to the
//! size wanted; without it, a synthetic bitext of dictionary words and numbers.
//! Run with `RAYON_NUM_THREADS=1 cargo bench --bench align`. Peak memory and the
//! 1,000,000-sentence point are measured with `benches/scale.sh` (docs/performance.md).

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::Bencher;
use tandem::align::{align, AlignConfig, Side};
use tandem::lang::Lang;

fn main() {
    divan::main();
}

/// Source and target sentences: Steinbeck, or a synthetic text.
fn corpus() -> &'static (Vec<String>, Vec<String>) {
    static CORPUS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/gold/steinbeck");
        let read = |name: &str| -> Option<Vec<String>> {
            Some(
                std::fs::read_to_string(dir.join(name))
                    .ok()?
                    .lines()
                    .map(str::to_string)
                    .collect(),
            )
        };
        match (read("src.txt"), read("tgt.txt")) {
            (Some(s), Some(t)) => (s, t),
            _ => synthetic(6000),
        }
    })
}

fn synthetic(n: usize) -> (Vec<String>, Vec<String>) {
    const PAIRS: [(&str, &str); 8] = [
        ("király", "king"),
        ("kard", "sword"),
        ("víz", "water"),
        ("tenger", "sea"),
        ("ház", "house"),
        ("város", "town"),
        ("arany", "gold"),
        ("hajó", "ship"),
    ];
    let mut x = 7u64;
    let (mut hu, mut en) = (Vec::new(), Vec::new());
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let words = 4 + (x >> 33) % 14;
        let (mut h, mut e) = (String::new(), String::new());
        for w in 0..words {
            let p = PAIRS[((x >> (w % 24)) as usize + w as usize) % PAIRS.len()];
            h.push_str(p.0);
            h.push(' ');
            e.push_str(p.1);
            e.push(' ');
        }
        h.push_str(&format!("{i}."));
        e.push_str(&format!("{i}."));
        hu.push(h);
        en.push(e);
    }
    (hu, en)
}

/// The corpus repeated to `n` source sentences (target cut in proportion).
fn sized(n: usize) -> (Vec<&'static str>, Vec<&'static str>) {
    let (s, t) = corpus();
    let m = n * t.len() / s.len();
    (
        s.iter().cycle().take(n).map(String::as_str).collect(),
        t.iter().cycle().take(m).map(String::as_str).collect(),
    )
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 3, sample_size = 1)]
fn align_sentences(bencher: Bencher, n: usize) {
    let (src, tgt) = sized(n);
    let config = AlignConfig::for_languages(&Lang::Hu, &Lang::En);
    bencher.counter(ItemsCount::new(n)).bench(|| {
        let a = align(
            &Side {
                sentences: src.clone(),
                paragraphs: None,
                lang: Lang::Hu,
            },
            &Side {
                sentences: tgt.clone(),
                paragraphs: None,
                lang: Lang::En,
            },
            &config,
        );
        divan::black_box(a.beads.len())
    });
}
