use super::paths::relative_path;
use super::*;

#[test]
fn relative_paths_from_the_alignment_folder() {
    assert_eq!(
        relative_path(
            Path::new("/c/originals/x.hu.txt"),
            Path::new("/c/alignments/x.json")
        ),
        "../originals/x.hu.txt"
    );
    assert_eq!(
        relative_path(Path::new("/c/a.txt"), Path::new("/c/a.json")),
        "a.txt"
    );
}

fn sample() -> AlignmentFile {
    let rec = |n: usize| TextRecord {
        path: "x.txt".into(),
        lang: Lang::Hu,
        sha256: "sha256:00".into(),
        encoding: "utf-8".into(),
        segmentation: "presplit".into(),
        format: "text".into(),
        layout: "presplit".into(),
        furniture: Vec::new(),
        sentences: (0..n)
            .map(|i| SentenceRecord {
                id: Locator::Line(i as u32),
                start: 0,
                end: 0,
                text: String::new(),
            })
            .collect(),
        sentences_sha256: None,
    };
    AlignmentFile {
        schema: SCHEMA.into(),
        tool: "tandem test".into(),
        id: "x".into(),
        source: rec(3),
        target: rec(2),
        parameters: crate::testing::stats(),
        options: None,
        fixes: vec![],
        history: vec![],
        beads: vec![
            BeadRecord {
                src: vec![0, 1],
                tgt: vec![0],
                kind: "2-1".into(),
                confidence: 0.9,
                fixed: false,
            },
            BeadRecord {
                src: vec![2],
                tgt: vec![],
                kind: "1-0".into(),
                confidence: 0.5,
                fixed: false,
            },
            BeadRecord {
                src: vec![],
                tgt: vec![1],
                kind: "0-1".into(),
                confidence: 0.5,
                fixed: false,
            },
        ],
    }
}

#[test]
fn round_trips_through_json() {
    let f = sample();
    let back = AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).expect("valid");
    assert_eq!(back, f);
    let beads = back.beads();
    assert_eq!(beads[1].tgt, 1..1);
    assert_eq!(beads[2].src, 3..3);
}

#[test]
fn indices_past_the_text_are_rejected() {
    let mut f = sample();
    f.beads[2].tgt = vec![5];
    let err = AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).expect_err("invalid");
    assert!(
        err.to_string().contains("points past the target text"),
        "{err}"
    );
}

#[test]
fn gaps_and_disorder_are_rejected() {
    let mut f = sample();
    f.beads.swap(1, 2);
    assert!(
        AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).is_ok(),
        "0-1 before 1-0 is fine"
    );
    let mut f = sample();
    f.beads[0].src = vec![1, 0];
    assert!(AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).is_err());
    let mut f = sample();
    f.beads.pop();
    assert!(AlignmentFile::from_json(&f.to_json(), Path::new("a.json")).is_err());
}

/// Found by `fuzz_alignment_reader_on_edited_json`: a locator edited to contain a
/// line break was echoed verbatim, so the `error:` message spanned two lines.
#[test]
fn r_edited_locator_with_a_line_break_is_a_one_line_error() {
    let text = sample().to_json().replacen("\"l0\"", "\"-\\n\"", 1);
    let err = AlignmentFile::from_json(&text, Path::new("a.json")).expect_err("bad");
    let msg = err.to_string();
    assert!(msg.contains("'-\\n' is not a locator"), "{msg}");
    assert!(!msg.contains('\n'), "{msg}");
    let text = sample().to_json().replacen(SCHEMA, "x\\ny", 1);
    let msg = AlignmentFile::from_json(&text, Path::new("a.json"))
        .expect_err("bad")
        .to_string();
    assert!(!msg.contains('\n'), "{msg}");
}

#[test]
fn truncated_json_is_a_clear_error() {
    let text = sample().to_json();
    let err = AlignmentFile::from_json(&text[..text.len() / 2], Path::new("a.json"))
        .expect_err("truncated");
    assert!(
        err.to_string()
            .starts_with("'a.json' is not a valid tandem alignment file"),
        "{err}"
    );
}

mod fuzz {
    use super::*;
    use crate::testing::{alignment_file, cases, tricky_string};
    use proptest::prelude::*;
    use serde_json::Value;

    /// Values that break hand-edited files: wrong types, negative, huge, fractional.
    fn odd_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            Just(Value::Bool(true)),
            Just(serde_json::json!(-1)),
            Just(serde_json::json!(0)),
            Just(serde_json::json!(1)),
            Just(serde_json::json!(7)),
            Just(serde_json::json!(u64::MAX)),
            Just(serde_json::json!(1.5)),
            Just(serde_json::json!(1e308)),
            Just(serde_json::json!(-0.0)),
            Just(serde_json::json!([])),
            Just(serde_json::json!([0, 0])),
            Just(serde_json::json!([2, 1])),
            Just(serde_json::json!({})),
            Just(serde_json::json!("p0.s1")),
            Just(serde_json::json!("l4294967296")),
            Just(serde_json::json!(SCHEMA)),
            tricky_string(4).prop_map(Value::String),
        ]
    }

    /// Replace the `k`-th node (pre-order) of `v`, or delete it from its parent.
    fn mutate(v: &mut Value, k: &mut usize, with: &Value, delete: bool) -> bool {
        let children: Vec<String> = match v {
            Value::Object(map) => map.keys().cloned().collect(),
            Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        for key in children {
            if *k == 0 {
                match v {
                    Value::Object(map) if delete => {
                        map.remove(&key);
                    }
                    Value::Array(a) if delete => {
                        a.remove(key.parse().unwrap_or(0));
                    }
                    Value::Object(map) => {
                        map.insert(key, with.clone());
                    }
                    Value::Array(a) => a[key.parse().unwrap_or(0)] = with.clone(),
                    _ => {}
                }
                return true;
            }
            *k -= 1;
            let child = match v {
                Value::Object(map) => map.get_mut(&key),
                Value::Array(a) => a.get_mut(key.parse().unwrap_or(0)),
                _ => None,
            };
            if child.is_some_and(|c| mutate(c, k, with, delete)) {
                return true;
            }
        }
        false
    }

    /// What a file that passed validation must allow: every reader of alignment
    /// files (exports, review, the bead views of show) runs without panicking.
    fn use_file(file: &AlignmentFile) {
        let beads = file.beads();
        assert_eq!(beads.len(), file.beads.len());
        let index = crate::export::index_beads(file);
        let conf: Vec<f64> = file.beads.iter().map(|b| b.confidence).collect();
        let _ = crate::export::vecalign::write(&index);
        let _ = crate::export::ladder::write(&index, &conf);
        let _ = crate::export::tsv::write(file);
        let _ = crate::export::csv::write(file, crate::export::csv::Guard::Spreadsheet);
        let _ = crate::export::tmx::write(&[file], &Default::default());
        let _ = crate::export::xliff::write(
            &[file],
            crate::export::xliff::Version::V20,
            &Default::default(),
        );
        let report = crate::review::check(file, &crate::review::CheckConfig::default());
        let _ = crate::export::html::write(file, &report);
        let _ = crate::review::bead_views(file);
    }

    proptest! {
        #![proptest_config(cases(256))]

        /// A valid file, then one hand edit (a value replaced or deleted) or a cut:
        /// either a clear error naming the file, or a file that passes validation and
        /// that every consumer can use.
        #[test]
        fn fuzz_alignment_reader_on_edited_json(
            file in alignment_file(),
            edits in proptest::collection::vec((any::<usize>(), odd_value(), any::<bool>()), 1..4),
            cut in proptest::option::of(any::<usize>()),
        ) {
            use_file(&file);
            let mut value = serde_json::to_value(&file).expect("serialises");
            for (k, with, delete) in &edits {
                let mut k = *k % 400;
                mutate(&mut value, &mut k, with, *delete);
            }
            let mut text = serde_json::to_string_pretty(&value).expect("serialises");
            if let Some(cut) = cut {
                let mut at = cut % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            match AlignmentFile::from_json(&text, Path::new("e.json")) {
                Ok(f) => {
                    prop_assert!(f.validate().is_ok());
                    use_file(&f);
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(
                        msg.starts_with("'e.json' is not a valid tandem alignment file")
                            || msg.starts_with("'e.json' is not an alignment file (not UTF-8 JSON"),
                        "{msg}"
                    );
                    prop_assert!(!msg.contains('\n'), "multi-line error: {msg}");
                }
            }
        }

        /// Arbitrary text: never a panic.
        #[test]
        fn fuzz_alignment_reader_on_any_text(text in tricky_string(40)) {
            prop_assert!(AlignmentFile::from_json(&text, Path::new("e.json")).is_err());
        }
    }
}
