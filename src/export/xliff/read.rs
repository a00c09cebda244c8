//! Reading XLIFF 1.2 and 2.0 back: the units of any file (elements matched by local
//! name, so prefixes do not matter), and the beads of a file tandem wrote (from the
//! `x-source-ids`/`x-target-ids` it stores), for round trips and re-import.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::alignment::AlignmentFile;
use crate::error::DataFileError;
use crate::export::xmlread::{attr, error_at, resolve_ref};
use crate::export::{sentence_ids, IndexBeads};

/// One unit as read back (either version).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadUnit {
    /// The `original` of its `<file>`.
    pub file: String,
    /// Its `id`.
    pub id: String,
    /// `(type, value)` of its contexts (1.2) or metadata (2.0).
    pub meta: Vec<(String, String)>,
    /// The source text.
    pub source: String,
    /// The target text, if there is a target.
    pub target: Option<String>,
    /// The target's (1.2) or segment's (2.0) `state`.
    pub state: String,
    /// `approved="yes"` (1.2).
    pub approved: bool,
}

impl ReadUnit {
    /// The value of a context or meta.
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Read the units of an XLIFF 1.2 or 2.0 file (elements matched by local name).
pub fn read(text: &str, path: &Path) -> Result<Vec<ReadUnit>, DataFileError> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut file = String::new();
    let mut unit: Option<ReadUnit> = None;
    // The element whose text is being collected, and the meta type.
    let mut collecting: Option<(String, String)> = None;
    let mut buf = String::new();
    let err = |pos: u64, reason: String| error_at(text, path, pos, reason);
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(pos, format!("not well-formed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "file" => file = attr(&e, "original").unwrap_or_default(),
                    "trans-unit" | "unit" => {
                        unit = Some(ReadUnit {
                            file: file.clone(),
                            id: attr(&e, "id").unwrap_or_default(),
                            approved: attr(&e, "approved").as_deref() == Some("yes"),
                            ..ReadUnit::default()
                        })
                    }
                    "segment" => {
                        if let Some(u) = unit.as_mut() {
                            u.state = attr(&e, "state").unwrap_or_default();
                        }
                    }
                    "source" | "target" | "context" | "meta" if unit.is_some() => {
                        if name == "target" {
                            if let (Some(u), Some(s)) = (unit.as_mut(), attr(&e, "state")) {
                                u.state = s;
                            }
                        }
                        let kind = attr(&e, "context-type")
                            .or_else(|| attr(&e, "type"))
                            .unwrap_or_default();
                        collecting = Some((name, kind));
                        buf.clear();
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some(u) = unit.as_mut() {
                    match name.as_str() {
                        "source" => u.source.clear(),
                        "target" => u.target = Some(String::new()),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if collecting.is_some() => buf.push_str(&t.xml10_content()),
            Event::CData(t) if collecting.is_some() => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if collecting.is_some() => {
                let c = resolve_ref(&r)
                    .ok_or_else(|| err(pos, format!("unknown entity &{};", r.xml10_content())))?;
                buf.push(c);
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "trans-unit" | "unit" => out.extend(unit.take()),
                    _ if collecting.as_ref().is_some_and(|(n, _)| *n == name) => {
                        let (_, kind) = collecting.take().unwrap_or_default();
                        let value = std::mem::take(&mut buf);
                        if let Some(u) = unit.as_mut() {
                            match name.as_str() {
                                "source" => u.source = value,
                                "target" => u.target = Some(value),
                                _ => u.meta.push((kind, value)),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Read beads back from XLIFF written by [`write`](super::write()) (the `x-source-ids`/`x-target-ids`
/// of each unit of the `<file>` whose `original` is `file`'s id), resolving locators
/// against `file`.
pub fn parse(text: &str, path: &Path, file: &AlignmentFile) -> Result<IndexBeads, DataFileError> {
    read(text, path)?
        .iter()
        .filter(|u| u.file == file.id)
        .map(|u| {
            let err = |reason: String| DataFileError {
                path: path.to_path_buf(),
                line: 0,
                reason: format!("unit {}: {reason}", u.id),
            };
            let (Some(s), Some(t)) = (u.meta("x-source-ids"), u.meta("x-target-ids")) else {
                return Err(err(
                    "no x-source-ids/x-target-ids; only XLIFF written by tandem re-imports".into(),
                ));
            };
            Ok((
                sentence_ids(s, &file.source).map_err(err)?,
                sentence_ids(t, &file.target).map_err(err)?,
            ))
        })
        .collect()
}
