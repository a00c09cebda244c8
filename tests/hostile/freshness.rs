//! Freshness by content (issue 16, class 5): the cite index follows the alignments'
//! contents, not their names, sizes or times, and a damaged, cut or non-regular index
//! is rebuilt, never trusted or hung on.

use super::*;

const INDEX: &str = "alignments/.tandem-cite-index";

fn may_change() -> Opts<'static> {
    Opts {
        may_change: &[INDEX],
        ..Opts::default()
    }
}

fn cite(wd: &Workdir, quote: &str) -> Run {
    run_with(wd, &["cite", quote], &may_change())
}

/// A same-length fix in an alignment file (`fact` → `fast`, in a file written before
/// tandem checksummed sentences), with the modification time set back to the old one
/// (as on a file system with 1-second timestamps): cite finds the new wording at once.
#[test]
fn a_same_length_edit_with_the_same_mtime_is_seen() {
    let wd = Workdir::new();
    wd.write("originals/m.hu.txt", HU);
    wd.write("translations/m.en.txt", EN);
    ok(&wd, &["align", "--all"]);
    let path = wd.path().join("alignments/m.json");
    let json = String::from_utf8(wd.read("alignments/m.json")).expect("utf-8");
    let old_style = edited(&json, |v| {
        for side in ["source", "target"] {
            if let Some(t) = v[side].as_object_mut() {
                t.remove("sentences_sha256");
            }
        }
    });
    wd.write("alignments/m.json", &old_style);
    assert_eq!(cite(&wd, "This is the main fact.").code, 0);
    let mtime = std::fs::metadata(&path)
        .expect("meta")
        .modified()
        .expect("mtime");
    let fixed = old_style.replacen("the main fact.", "the main fast.", 1);
    assert_eq!(fixed.len(), old_style.len());
    wd.write("alignments/m.json", &fixed);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(mtime)
        .expect("set mtime");
    let r = cite(&wd, "This is the main fast.");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(cite(&wd, "This is the main fact.").code, 1);
}

/// The index damaged (a flipped byte in a normal form would let cite find words that
/// are not in the text), cut in half, emptied, or replaced by a FIFO or a folder: the
/// results are those of a fresh index, the run does not hang, and a damaged index file
/// is replaced by a good one.
#[test]
fn a_damaged_cut_or_non_regular_index_is_rebuilt() {
    let wd = Workdir::new();
    wd.write("originals/m.hu.txt", HU);
    wd.write("translations/m.en.txt", EN);
    ok(&wd, &["align", "--all"]);
    let fresh = cite(&wd, "Nothing has changed since the crisis.");
    assert_eq!(fresh.code, 0);
    let good = wd.read(INDEX);
    let text = String::from_utf8(good.clone()).expect("utf-8");
    let flipped = text.replacen("nothing has changed", "nothing has chunged", 1);
    assert_ne!(flipped, text);
    for damaged in [
        flipped.into_bytes(),
        good[..good.len() / 2].to_vec(),
        Vec::new(),
        b"{\"schema\":\"tandem-cite-index/2\",\"sha256\":\"x\"}\n[]".to_vec(),
    ] {
        wd.write(INDEX, &damaged);
        assert_eq!(cite(&wd, "nothing has chunged since the crisis.").code, 1);
        let r = cite(&wd, "Nothing has changed since the crisis.");
        assert_eq!(r.stdout, fresh.stdout);
        assert_eq!(wd.read(INDEX), good, "the index file is rebuilt");
    }
    std::fs::remove_file(wd.path().join(INDEX)).expect("rm");
    if mkfifo(&wd.path().join(INDEX)) {
        let r = run_limited(
            &wd,
            &["cite", "Nothing has changed since the crisis."],
            Duration::from_secs(20),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, fresh.stdout);
        assert!(r.stderr.contains("could not be saved"), "{}", r.stderr);
        std::fs::remove_file(wd.path().join(INDEX)).expect("rm");
    }
    std::fs::create_dir(wd.path().join(INDEX)).expect("mkdir");
    let r = run_limited(
        &wd,
        &["cite", "Nothing has changed since the crisis."],
        Duration::from_secs(20),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, fresh.stdout);
}
