//! Loading throughput (bytes per second), one core: a hard-wrapped book, with and
//! without page furniture, read with furniture detection on (the default) and off
//! (`keep_furniture`, the baseline in the same run).
//!
//! The book is `../shared/data/seg/steinbeck.en.txt` wrapped at 72 columns when present
//! (development data, read at bench time, never copied), otherwise generated prose.
//! Run with `cargo bench --bench load`.

use std::path::Path;

use divan::counter::BytesCount;
use divan::Bencher;
use tandem::load::{load_bytes, LoadOptions};

fn main() {
    divan::main();
}

fn wrap(paragraph: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in paragraph.split_whitespace() {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// The book, hard-wrapped, paragraphs separated by blank lines.
fn book() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seg/steinbeck.en.txt");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| {
        (0..4000)
            .map(|k| format!("Paragraph {k} tells how the wind came down from the black hills and how the rivers moved with a quiet roar of ice, sentence after sentence. "))
            .collect::<Vec<_>>()
            .join("\n\n")
    });
    text.split("\n\n")
        .map(|p| wrap(p, 72))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The book cut into pages of 40 lines with a running head and a page number.
fn paged(book: &str) -> String {
    let lines: Vec<&str> = book.lines().collect();
    let mut out = String::new();
    for (n, page) in lines.chunks(40).enumerate() {
        out.push_str(&format!(
            "\u{c}CUP OF GOLD\n\n{}\n\n- {} -\n",
            page.join("\n"),
            n + 1
        ));
    }
    out
}

fn run(bencher: Bencher, text: String, keep_furniture: bool) {
    let options = LoadOptions {
        keep_furniture,
        ..LoadOptions::default()
    };
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        load_bytes(
            divan::black_box(text.as_bytes()),
            Path::new("b.txt"),
            &options,
        )
    });
}

#[divan::bench(args = [false, true])]
fn wrapped_book(bencher: Bencher, keep_furniture: bool) {
    run(bencher, book(), keep_furniture);
}

#[divan::bench(args = [false, true])]
fn paged_book(bencher: Bencher, keep_furniture: bool) {
    run(bencher, paged(&book()), keep_furniture);
}
