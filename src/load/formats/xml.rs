//! Streaming the XML parts of DOCX and ODT documents to a visitor, within limits.
//!
//! Elements are told apart by namespace URI and local name (prefixes vary between
//! producers). A visitor may skip an element's whole content. Nesting deeper than
//! [`MAX_DEPTH`] elements is refused; entity references other than XML's five and
//! character references are ignored (a DTD's entities are never expanded, so a
//! "billion laughs" file is harmless). Memory: one event at a time plus the stack of
//! open element names.

use std::io::BufReader;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::archive::PartReader;
use crate::error::LoadError;

/// Deepest element nesting tandem reads (Word documents nest a few dozen deep).
pub(crate) const MAX_DEPTH: usize = 1000;

/// The namespaces the extractors care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    Word,
    /// Markup compatibility (`mc:AlternateContent`).
    Compat,
    /// OpenDocument text.
    Text,
    /// OpenDocument table.
    Table,
    /// OpenDocument office.
    Office,
    /// OpenDocument drawing.
    Draw,
    /// OpenDocument SVG-compatible (titles and descriptions of frames).
    Svg,
    /// Package relationships.
    Rels,
    /// Anything else.
    Other,
}

fn namespace(resolved: &ResolveResult) -> Ns {
    let ResolveResult::Bound(ns) = resolved else {
        return Ns::Other;
    };
    match ns.0 {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::Word,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Compat,
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::Text,
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::Table,
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::Office,
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::Draw,
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" => Ns::Svg,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        _ => Ns::Other,
    }
}

/// What to do with an element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visit {
    /// Visit it.
    Enter,
    /// Skip it, children and text included (its `end` is not called either).
    Skip,
}

/// Receives the elements and text of a part. Errors are reasons to refuse the file.
pub(crate) trait Visitor {
    /// An element starts (empty elements get `start` then `end`).
    fn start(&mut self, ns: Ns, local: &str, element: &BytesStart) -> Result<Visit, String>;
    /// An element ends.
    fn end(&mut self, ns: Ns, local: &str) -> Result<(), String>;
    /// Character data (references resolved).
    fn text(&mut self, text: &str) -> Result<(), String>;
}

/// The value of the attribute with local name `local`, if any.
pub(crate) fn attribute(element: &BytesStart, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Stream the part `name` of a document to `visitor`.
pub(crate) fn walk(
    part: PartReader,
    name: &str,
    path: &Path,
    format: &'static str,
    visitor: &mut dyn Visitor,
) -> Result<(), LoadError> {
    let refused = |reason: String| LoadError::Refused {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = NsReader::from_reader(BufReader::new(part));
    reader.config_mut().expand_empty_elements = false;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    loop {
        buf.clear();
        let (resolved, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(ok) => ok,
            Err(e) => {
                let overran = reader.get_mut().get_mut().overran;
                return Err(if overran {
                    refused(format!(
                        "{name} is larger than its ZIP header says (a zip bomb?)"
                    ))
                } else {
                    LoadError::Corrupt {
                        path: path.to_path_buf(),
                        format,
                        // The parser quotes the document's own bytes (a tag with a
                        // line break in it): one line, as every error is.
                        reason: crate::document::collapse_whitespace(&format!("{name}: {e}")),
                    }
                });
            }
        };
        let ns = namespace(&resolved);
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(refused(format!(
                        "{name} nests XML elements more than {MAX_DEPTH} deep"
                    )));
                }
                if skip_from.is_none()
                    && visitor
                        .start(ns, e.local_name().as_ref(), &e)
                        .map_err(refused)?
                        == Visit::Skip
                {
                    skip_from = Some(depth);
                }
            }
            Event::Empty(e) if skip_from.is_none() => {
                let local = e.local_name();
                if visitor.start(ns, local.as_ref(), &e).map_err(refused)? == Visit::Enter {
                    visitor.end(ns, local.as_ref()).map_err(refused)?;
                }
            }
            Event::End(e) => {
                match skip_from {
                    Some(d) if d == depth => skip_from = None,
                    Some(_) => {}
                    None => visitor.end(ns, e.local_name().as_ref()).map_err(refused)?,
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip_from.is_none() => {
                visitor.text(&t.xml10_content()).map_err(refused)?;
            }
            Event::CData(c) if skip_from.is_none() => {
                visitor.text(&c.xml10_content()).map_err(refused)?;
            }
            Event::GeneralRef(r) if skip_from.is_none() => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r.xml10_content() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = resolved {
                    visitor
                        .text(c.encode_utf8(&mut [0u8; 4]))
                        .map_err(refused)?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}
