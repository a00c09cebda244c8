//! Sentence-splitting throughput (bytes per second), one core.
//!
//! The input is read at bench time from `../shared/data/seg/*.txt` (development data
//! that must not be copied into the repository) when present; otherwise a synthetic
//! Hungarian/English text with abbreviations, dates, dialogue and quotes is generated.
//! Run with `cargo bench --bench split`.

use std::path::Path;

use divan::counter::BytesCount;
use divan::Bencher;
use tandem::lang::Lang;
use tandem::segment::Splitter;

fn main() {
    divan::main();
}

/// Paragraphs of the development texts for `lang`, or synthetic ones.
fn paragraphs(lang: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seg");
    let path = dir.join(format!("steinbeck.{lang}.txt"));
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect(),
        Err(_) => synthetic(lang),
    }
}

/// About 1 MB of generated paragraphs exercising most rules.
fn synthetic(lang: &str) -> Vec<String> {
    let pieces: &[&str] = if lang == "hu" {
        &[
            "Havanna, 1963. január 28-án dr. Kovács Péter elvt. megérkezett.",
            "A kubai vezetés /a párt és a kormány/ jó úton haladt, pl. köztünk is.",
            "XIV. Lajos és I. Jakab kora után Sz. K. Péter írt róla, stb.",
            "- Ugyan, mama! - Ez a csend felzaklatta Robertet.",
            "Nem tudom… Talán holnap jön az ún. „világforradalom”.",
            "47/1963/szig. titk. Készült: 4 példányban, 1963. I. 28-án.",
            "Hogy megismerlek-e? - kérdezte. - Nem hinném.",
        ]
    } else {
        &[
            "Mr. Smith met Gen. Clay at 5 p.m. in Washington, D.C. yesterday.",
            "\"Stop!\" he said. \"Who are you?\" Henry asked politely.",
            "J. F. Kennedy spoke to the U.S. Embassy staff, e.g. the consul.",
            "\"But you know-\" \"Yes, boy.\" Robert nodded slowly.",
            "He said, 'Come! money first.' \" But now she had found out.",
            "1. First point of the list. 2. Second point of the list.",
        ]
    };
    let mut out = Vec::new();
    let mut size = 0;
    let mut i = 0usize;
    while size < 1 << 20 {
        let n = 3 + i % 7;
        let para: Vec<&str> = (0..n).map(|k| pieces[(i + k * 3) % pieces.len()]).collect();
        let para = para.join(" ");
        size += para.len();
        out.push(para);
        i += 1;
    }
    out
}

fn bench_lang(bencher: Bencher, lang: Lang) {
    let paras = paragraphs(lang.code());
    let bytes: usize = paras.iter().map(String::len).sum();
    let splitter = Splitter::new(&lang);
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for p in &paras {
            n += splitter.split(divan::black_box(p)).len();
        }
        n
    });
}

#[divan::bench(sample_count = 20)]
fn hungarian(bencher: Bencher) {
    bench_lang(bencher, Lang::Hu);
}

#[divan::bench(sample_count = 20)]
fn english(bencher: Bencher) {
    bench_lang(bencher, Lang::En);
}

/// One long paragraph without any punctuation (worst case for UAX#29 run length).
#[divan::bench(sample_count = 10)]
fn no_punctuation(bencher: Bencher) {
    let text = "szó ".repeat(1 << 18);
    let splitter = Splitter::new(&Lang::Hu);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| splitter.split(divan::black_box(&text)).len());
}
