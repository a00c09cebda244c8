//! Reading back the XML exports (TMX, XLIFF): the pieces their readers share, so that
//! both report a malformed file, resolve references and read attributes the same way.
//!
//! The readers themselves walk quick-xml events in one pass (O(n) in the file); what a
//! format keeps of each element stays in its own module.

use std::path::Path;

use quick_xml::events::{BytesRef, BytesStart};

use crate::error::DataFileError;

/// An error at the reader's byte position `pos` of `text`, with the line it is on.
///
/// The position may fall inside a character (e.g. after a BOM), so newline bytes are
/// counted rather than the text sliced there.
pub(crate) fn error_at(text: &str, path: &Path, pos: u64, reason: String) -> DataFileError {
    DataFileError {
        path: path.to_path_buf(),
        line: 1 + text
            .bytes()
            .take(usize::try_from(pos).unwrap_or(usize::MAX))
            .filter(|&b| b == b'\n')
            .count(),
        reason,
    }
}

/// The character a reference stands for: a character reference (`&#233;`, `&#xE9;`) or
/// one of XML's five predefined entities (`&amp;` …); `None` for any other entity.
pub(crate) fn resolve_ref(r: &BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
            .and_then(|s| s.chars().next()),
    }
}

/// The value of the attribute `name` (its qualified name, e.g. `xml:lang`), with
/// references resolved and whitespace normalised as XML 1.0 says.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    #[test]
    fn errors_name_the_line_and_refs_resolve() {
        let text = "<a x=\"1 &amp; 2\">\n&#233;&lt;&nbsp;</a>";
        let mut reader = Reader::from_str(text);
        let mut chars = Vec::new();
        let mut x = None;
        loop {
            let pos = reader.buffer_position();
            match reader.read_event().expect("well-formed") {
                Event::Start(e) => x = attr(&e, "x"),
                Event::GeneralRef(r) => {
                    chars.push(resolve_ref(&r));
                    if chars.len() == 3 {
                        let e = error_at(text, Path::new("a.xml"), pos, "unknown".into());
                        assert_eq!(e.line, 2);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(x.as_deref(), Some("1 & 2"));
        assert_eq!(chars, [Some('é'), Some('<'), None]);
    }
}
