//! Development helper: split a text file into sentences, one per line.
//!
//! `cargo run --release --example split_dev -- hu FILE [--explain]` prints each sentence
//! with whitespace collapsed and `<p>` between paragraphs, ready for
//! `segscore.py`. With `--explain` it prints the rule decisions instead.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use tandem::document::{collapse_whitespace, Document};
use tandem::lang::Lang;
use tandem::load::{load_file, LoadOptions};
use tandem::segment::Splitter;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: split_dev LANG FILE [--explain]");
        return ExitCode::from(2);
    }
    let lang: Lang = match args[0].parse() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let path = Path::new(&args[1]);
    let explain = args.iter().any(|a| a == "--explain");
    let loaded = match load_file(path, &LoadOptions::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let splitter = Splitter::new(&lang);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = if explain {
        write_explained(&mut out, &splitter, &loaded.text, &loaded.paragraphs)
    } else {
        let doc = Document::new(path, lang, loaded, Some(&splitter));
        write_sentences(&mut out, &doc)
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_sentences(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let mut last_para = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        let para = s.locator.paragraph();
        if last_para.is_some_and(|p| p != para) {
            writeln!(out, "<p>")?;
        }
        last_para = Some(para);
        writeln!(out, "{}", collapse_whitespace(doc.sentence_text(i)))?;
    }
    Ok(())
}

fn write_explained(
    out: &mut impl Write,
    splitter: &Splitter,
    text: &str,
    paragraphs: &[std::ops::Range<usize>],
) -> io::Result<()> {
    for para in paragraphs {
        let p = &text[para.clone()];
        let (_, decisions) = splitter.split_explained(p);
        for d in decisions {
            let lo = floor(p, d.offset.saturating_sub(30));
            let hi = ceil(p, (d.offset + 30).min(p.len()));
            writeln!(
                out,
                "{:?}\t{}\t{}⏐{}",
                d.action,
                d.rule,
                collapse_whitespace(&p[lo..d.offset]),
                collapse_whitespace(&p[d.offset..hi])
            )?;
        }
    }
    Ok(())
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
