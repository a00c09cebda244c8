//! Corpus-wide citation lookup over 100 documents, warm index (the issue-7 target is
//! under 100 ms).
//!
//! Setup (not measured): align the bundled Beck and UDHR texts once in a temp corpus
//! (through the library, as `tandem align --all` does),
//! then write 100 alignment files, copies of these two with renamed ids and varied text
//! (a document number woven into every sentence, so no two documents are equal), plus
//! the texts they point to. One lookup builds the index file; the benches then measure
//! what a user waits for on later runs: open the folder (list + stat + parse the index)
//! and look a quotation up, for an exact hit, an ellipsis hit and a miss (which runs the
//! near-match search over the whole corpus).
//! Run with `cargo bench --bench cite`.

use std::path::{Path, PathBuf};

use divan::Bencher;
use tandem::align::{align_documents, AlignConfig};
use tandem::alignment::{sentences_checksum, AlignmentFile, TextRecord};
use tandem::cite::{Corpus, Outcome, Query, Side};
use tandem::document::Document;
use tandem::lang::Lang;
use tandem::load;
use tandem::segment::Splitter;

fn main() {
    divan::main();
}

const DOCS: usize = 100;

/// Build the synthetic corpus once; returns its alignments folder.
fn corpus() -> &'static Path {
    static DIR: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tmp.path();
        for sub in ["originals", "translations", "alignments"] {
            std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
        }
        for f in [
            "originals/beck-1963-01-28.hu.txt",
            "originals/beck-1963-01-28.toml",
            "translations/beck-1963-01-28.en.txt",
            "originals/udhr.hu.txt",
            "originals/udhr.toml",
            "translations/udhr.en.txt",
        ] {
            std::fs::copy(root.join(f), dir.join(f)).expect("copy bundled file");
        }
        let bases: Vec<AlignmentFile> = ["beck-1963-01-28", "udhr"]
            .iter()
            .map(|id| align(dir, id))
            .collect();
        for n in 0..DOCS {
            let mut a = bases[n % 2].clone();
            a.id = format!("doc{n:03}");
            reword(&mut a.target, |k, t| format!("{t} (item {n}-{k})"));
            reword(&mut a.source, |k, t| format!("{t} ({n}-{k}. tétel)"));
            std::fs::write(dir.join(format!("alignments/doc{n:03}.json")), a.to_json())
                .expect("write alignment");
        }
        let alignments = dir.join("alignments");
        // First run: builds and saves the index (not measured).
        Corpus::open(&alignments).expect("index");
        (tmp, alignments)
    })
    .1
}

/// Change every sentence's text, keeping the record what tandem would write: byte
/// ranges that fit the texts, in order, and the sentences' checksum.
fn reword(rec: &mut TextRecord, edit: impl Fn(usize, &str) -> String) {
    let mut at = 0;
    for (k, s) in rec.sentences.iter_mut().enumerate() {
        s.text = edit(k, &s.text);
        s.start = at;
        s.end = at + s.text.len();
        at = s.end + 1;
    }
    rec.sentences_sha256 = Some(sentences_checksum(&rec.sentences));
}

/// What `tandem align` does for one pair, through the library.
fn align(dir: &Path, id: &str) -> AlignmentFile {
    let doc = |path: PathBuf, lang: Lang| {
        let loaded = load::load_file(&path, &load::LoadOptions::default()).expect("load");
        let splitter = Splitter::new(&lang);
        Document::new(&path, lang, loaded, Some(&splitter))
    };
    let src = doc(dir.join(format!("originals/{id}.hu.txt")), Lang::Hu);
    let tgt = doc(dir.join(format!("translations/{id}.en.txt")), Lang::En);
    let alignment = align_documents(
        &src,
        &tgt,
        &AlignConfig::for_languages(&Lang::Hu, &Lang::En),
    );
    AlignmentFile::new(
        id,
        &src,
        &tgt,
        &alignment,
        &dir.join(format!("alignments/{id}.json")),
    )
}

fn lookup(bencher: Bencher, quote: &str, found: bool) {
    let dir = corpus();
    bencher.bench(|| {
        let corpus = Corpus::open(divan::black_box(dir)).expect("open");
        let query = Query::new(quote, Side::En).expect("query");
        let outcome = corpus.find(&query).expect("find");
        assert_eq!(matches!(outcome, Outcome::Found(_)), found);
        outcome
    });
}

/// An exact quotation found in one document.
#[divan::bench(sample_count = 20)]
fn warm_exact(bencher: Bencher) {
    lookup(
        bencher,
        "arriving from the socialist countries. (item 42-",
        true,
    );
}

/// An exact quotation found in the 50 Beck copies (20 places cited, the default limit).
#[divan::bench(sample_count = 20)]
fn warm_exact_20_places(bencher: Bencher) {
    lookup(
        bencher,
        "Since the crisis Cuban leaders at all levels have avoided us",
        true,
    );
}

/// A quotation with an ellipsis, unique to one document.
#[divan::bench(sample_count = 20)]
fn warm_ellipsis(bencher: Bencher) {
    lookup(bencher, "have avoided us … (item 42-", true);
}

/// A misspelt quotation: no exact match, near-match search over all 100 documents.
#[divan::bench(sample_count = 10)]
fn warm_miss_with_suggestions(bencher: Bencher) {
    lookup(
        bencher,
        "Since the crises Cuban leaders at all levels have avoded us",
        false,
    );
}

/// Opening alone: list, stat and parse the index.
#[divan::bench(sample_count = 20)]
fn warm_open(bencher: Bencher) {
    let dir = corpus();
    bencher.bench(|| Corpus::open(divan::black_box(dir)).expect("open"));
}
