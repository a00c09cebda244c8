//! Schema tags of tandem's JSON outputs, and the JSON Schema of the alignment file.
//!
//! Every JSON output names its format and version in a first field `schema`
//! (`"schema": "tandem-split/1"`); [`Tagged`] adds it to any serialisable report. The
//! number changes when a field is removed, renamed or changes meaning; new fields may
//! appear without a change (readers ignore fields they do not know).
//!
//! The JSON Schema of the alignment file is generated from the Rust types that read and
//! write it ([`crate::alignment::AlignmentFile`] and what it holds, through schemars
//! derives), so the schema cannot drift from the code. `tandem schema` prints it.
//!
//! JSON Schema draft 2020-12. The generated schema is completed with what the types
//! cannot say: the `schema` field must be exactly [`crate::alignment::SCHEMA`]. What a
//! schema cannot express (beads in order and covering every sentence once) is checked by
//! the reader and documented in `docs/alignment-format.md`, with the compatibility
//! policy. Cost: microseconds.

use serde::Serialize;
use serde_json::Value;

use crate::alignment::{AlignmentFile, SCHEMA};

/// `tandem split --format json`.
pub const SPLIT: &str = "tandem-split/1";
/// `tandem diff --format json`.
pub const DIFF: &str = "tandem-diff/1";
/// `tandem cite --format json`.
pub const CITE: &str = "tandem-cite/1";
/// `tandem eval --format json`.
pub const EVAL: &str = "tandem-eval/1";

/// A JSON output with its schema tag first: `{"schema": …, <the fields of body>}`.
#[derive(Debug, Serialize)]
pub struct Tagged<'a, T: Serialize> {
    /// The tag, e.g. [`DIFF`].
    pub schema: &'a str,
    /// The report; it must serialise as an object.
    #[serde(flatten)]
    pub body: &'a T,
}

/// `body` as pretty JSON with its schema tag first, and a final newline.
pub fn tagged_json<T: Serialize>(schema: &str, body: &T) -> String {
    let mut s = serde_json::to_string_pretty(&Tagged { schema, body }).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema of the alignment file this version of tandem writes.
pub fn alignment_schema() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<AlignmentFile>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), Value::String(SCHEMA.into()));
        obj.insert(
            "description".into(),
            Value::String(
                "A tandem alignment file (docs/alignment-format.md). Beads must also be in order and cover every sentence of both texts exactly once, which the schema cannot express."
                    .into(),
            ),
        );
    }
    if let Some(tag) = value.pointer_mut("/properties/schema") {
        if let Some(obj) = tag.as_object_mut() {
            obj.insert("const".into(), Value::String(SCHEMA.into()));
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_comes_first() {
        #[derive(Serialize)]
        struct R {
            b: u8,
            a: u8,
        }
        assert_eq!(
            tagged_json("tandem-x/1", &R { b: 1, a: 2 }),
            "{\n  \"schema\": \"tandem-x/1\",\n  \"b\": 1,\n  \"a\": 2\n}\n"
        );
    }

    #[test]
    fn schema_names_every_field_and_pins_the_version() {
        let s = alignment_schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["properties"]["schema"]["const"], SCHEMA);
        let required: Vec<&str> = s["required"]
            .as_array()
            .expect("required")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for field in [
            "schema",
            "tool",
            "id",
            "source",
            "target",
            "parameters",
            "beads",
        ] {
            assert!(required.contains(&field), "{field}: {required:?}");
        }
        let text = s.to_string();
        assert!(
            text.contains("\"type\":{\"description\""),
            "bead type is renamed: {text}"
        );
        assert!(text.contains("p[1-9][0-9]*"), "locator pattern");
        let bead = &s["$defs"]["BeadRecord"]["properties"]["confidence"];
        assert_eq!(
            (bead["minimum"].as_f64(), bead["maximum"].as_f64()),
            (Some(0.0), Some(1.0))
        );
    }
}
