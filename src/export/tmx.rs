//! TMX 1.4b translation memory, written and read with quick-xml.
//!
//! One `<tu>` per bead that has both sides (see [`super::units`]: beads with one side
//! empty are left out and counted unless kept; `min_confidence` leaves out doubtful
//! ones), from one or several alignments of the same language pair. Each `<tu>` has a
//! `tuid` (`<doc>:<bead number from 1>`) and `<prop>`s: `x-doc` (the alignment's id),
//! `x-source-ids` / `x-target-ids` (locators, space-separated), `x-type` and
//! `x-confidence`; then one `<tuv xml:lang="hu-HU"><seg>…</seg></tuv>` per non-empty
//! side, with language tags from [`super::langtag`]. The header names tandem as the
//! creation tool, `segtype="sentence"`, `datatype="plaintext"`, the source language, and
//! an `x-doc` prop per alignment. quick-xml escapes markup; characters XML cannot carry
//! are replaced ([`super::xmltext`]). Cost: linear.

use std::path::Path;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::langtag::LangTags;
use super::units::UnitFilter;
use super::xmlread::{attr, error_at, resolve_ref};
use super::xmltext::clean;
use super::{locators, same_languages, sentence_ids, Exported, IndexBeads, Notes};
use crate::alignment::AlignmentFile;
use crate::error::{DataFileError, ExportError};
use crate::review::side_text;

/// What goes into a TMX file besides the beads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TmxOptions {
    /// Which beads become units.
    pub filter: UnitFilter,
    /// Language tags; `None`: the defaults of the alignments' languages.
    pub tags: Option<LangTags>,
}

/// Write alignments (of one language pair) as one TMX 1.4b memory.
pub fn write(files: &[&AlignmentFile], opts: &TmxOptions) -> Result<Exported, ExportError> {
    let first = same_languages(files)?;
    let tags = opts
        .tags
        .clone()
        .unwrap_or_else(|| LangTags::new(&first.source.lang, &first.target.lang, (None, None)));
    let mut notes = Notes::default();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            w.create_element("header")
                .with_attributes([
                    ("creationtool", "tandem"),
                    ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                    ("segtype", "sentence"),
                    ("o-tmf", "tandem-alignment"),
                    ("adminlang", "en"),
                    ("srclang", tags.source.as_str()),
                    ("datatype", "plaintext"),
                ])
                .write_inner_content(|w| {
                    for file in files {
                        for (t, v) in [
                            ("x-doc", file.id.as_str()),
                            ("x-source-path", file.source.path.as_str()),
                            ("x-target-path", file.target.path.as_str()),
                        ] {
                            prop(w, t, v, &mut notes.replaced_chars)?;
                        }
                    }
                    Ok(())
                })?;
            w.create_element("body").write_inner_content(|w| {
                for file in files {
                    for (k, b) in opts.filter.select(file, &mut notes) {
                        let tuid =
                            clean(&format!("{}:{}", file.id, k + 1), &mut notes.replaced_chars)
                                .into_owned();
                        w.create_element("tu")
                            .with_attribute(("tuid", tuid.as_str()))
                            .write_inner_content(|w| {
                                let props = [
                                    ("x-doc", file.id.clone()),
                                    ("x-source-ids", locators(&b.src, &file.source)),
                                    ("x-target-ids", locators(&b.tgt, &file.target)),
                                    ("x-type", b.kind.clone()),
                                    ("x-confidence", format!("{:.4}", b.confidence)),
                                ];
                                for (t, v) in &props {
                                    prop(w, t, v, &mut notes.replaced_chars)?;
                                }
                                for (lang, ids, rec) in [
                                    (&tags.source, &b.src, &file.source),
                                    (&tags.target, &b.tgt, &file.target),
                                ] {
                                    if ids.is_empty() {
                                        continue;
                                    }
                                    let text = side_text(rec, ids);
                                    let text = clean(&text, &mut notes.replaced_chars);
                                    w.create_element("tuv")
                                        .with_attribute(("xml:lang", lang.as_str()))
                                        .write_inner_content(|w| {
                                            w.create_element("seg")
                                                .write_text_content(BytesText::new(&text))?;
                                            Ok(())
                                        })?;
                                }
                                Ok(())
                            })?;
                    }
                }
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(Exported { bytes, notes })
}

fn prop(
    w: &mut Writer<Vec<u8>>,
    kind: &str,
    value: &str,
    replaced: &mut usize,
) -> std::io::Result<()> {
    w.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::new(&clean(value, replaced)))?;
    Ok(())
}

/// One translation unit as read back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    /// `(type, value)` of each `<prop>`.
    pub props: Vec<(String, String)>,
    /// `(xml:lang, text)` of each `<tuv>`'s `<seg>`.
    pub segs: Vec<(String, String)>,
}

impl Unit {
    /// The value of a prop.
    pub fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Read the translation units of a TMX file (any TMX; props and segs are collected).
pub fn read(text: &str, path: &Path) -> Result<Vec<Unit>, DataFileError> {
    let mut reader = Reader::from_str(text);
    let mut units = Vec::new();
    let mut unit: Option<Unit> = None;
    let mut prop: Option<String> = None;
    let mut lang: Option<String> = None;
    let mut in_seg = false;
    let mut buf = String::new();
    let err = |pos: u64, reason: String| error_at(text, path, pos, reason);
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(pos, format!("not well-formed XML: {e}")))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "tu" => unit = Some(Unit::default()),
                "prop" if unit.is_some() => {
                    prop = Some(attr(&e, "type").unwrap_or_default());
                    buf.clear();
                }
                "tuv" => {
                    lang = attr(&e, "xml:lang").or_else(|| attr(&e, "lang"));
                }
                "seg" => {
                    in_seg = true;
                    buf.clear();
                }
                _ => {}
            },
            Event::Text(t) if prop.is_some() || in_seg => buf.push_str(&t.xml10_content()),
            Event::CData(t) if prop.is_some() || in_seg => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if prop.is_some() || in_seg => {
                let c = resolve_ref(&r)
                    .ok_or_else(|| err(pos, format!("unknown entity &{};", r.xml10_content())))?;
                buf.push(c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "tu" => units.extend(unit.take()),
                "prop" => {
                    if let (Some(t), Some(u)) = (prop.take(), unit.as_mut()) {
                        u.props.push((t, std::mem::take(&mut buf)));
                    }
                }
                "seg" => {
                    in_seg = false;
                    if let Some(u) = unit.as_mut() {
                        u.segs
                            .push((lang.clone().unwrap_or_default(), std::mem::take(&mut buf)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(units)
}

/// Read beads back from TMX written by [`write()`] (its `x-source-ids`/`x-target-ids`
/// props), resolving locators against `file`; in a memory of several alignments, only
/// the units whose `x-doc` is `file`'s id.
pub fn parse(text: &str, path: &Path, file: &AlignmentFile) -> Result<IndexBeads, DataFileError> {
    read(text, path)?
        .iter()
        .filter(|u| u.prop("x-doc").is_none_or(|d| d == file.id))
        .enumerate()
        .map(|(k, u)| {
            let err = |reason: String| DataFileError {
                path: path.to_path_buf(),
                line: 0,
                reason: format!("translation unit {}: {reason}", k + 1),
            };
            let (Some(s), Some(t)) = (u.prop("x-source-ids"), u.prop("x-target-ids")) else {
                return Err(err(
                    "no x-source-ids/x-target-ids props; only TMX written by tandem re-imports"
                        .into(),
                ));
            };
            Ok((
                sentence_ids(s, &file.source).map_err(err)?,
                sentence_ids(t, &file.target).map_err(err)?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::index_beads;
    use crate::lang::Lang;
    use crate::review::testutil::file;

    fn tmx(files: &[&AlignmentFile], opts: &TmxOptions) -> (String, Notes) {
        let out = write(files, opts).expect("writes");
        (String::from_utf8(out.bytes).expect("UTF-8"), out.notes)
    }

    #[test]
    fn escapes_text_and_round_trips() {
        let f = file(&[
            ("A <b> & \"c\" 'd'", "A <b> & \"c\" 'd'"),
            ("Kimaradt.", ""),
            ("", "Added."),
        ]);
        let all = TmxOptions {
            filter: UnitFilter::all(),
            tags: None,
        };
        let (text, notes) = tmx(&[&f], &all);
        assert_eq!(notes.units, 3);
        assert!(text.contains("<tmx version=\"1.4\">"), "{text}");
        assert!(text.contains("creationtool=\"tandem\""));
        assert!(text.contains("srclang=\"hu-HU\""), "{text}");
        assert!(text.contains("<tuv xml:lang=\"hu-HU\">"));
        assert!(text.contains("<tuv xml:lang=\"en-GB\">"));
        assert!(text.contains("&lt;b&gt; &amp;"), "{text}");
        let units = read(&text, Path::new("x.tmx")).expect("reads");
        assert_eq!(units.len(), 3);
        assert_eq!(
            units[0].segs[0],
            ("hu-HU".into(), "A <b> & \"c\" 'd'".into())
        );
        assert_eq!(units[1].segs.len(), 1);
        assert_eq!(units[0].prop("x-doc"), Some("t"));
        assert_eq!(
            parse(&text, Path::new("x.tmx"), &f).expect("parses"),
            index_beads(&f)
        );
    }

    #[test]
    fn unpaired_beads_are_left_out_by_default() {
        let f = file(&[("Egy.", "One."), ("Kimaradt.", ""), ("", "Added.")]);
        let (text, notes) = tmx(&[&f], &TmxOptions::default());
        assert_eq!((notes.units, notes.unpaired_left_out), (1, 2));
        let units = read(&text, Path::new("x.tmx")).expect("reads");
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].segs.len(), 2);
        assert!(text.contains("tuid=\"t:1\""), "{text}");
    }

    #[test]
    fn several_alignments_make_one_memory_and_languages_must_agree() {
        let a = file(&[("Egy.", "One.")]);
        let mut b = file(&[("Kettő.", "Two."), ("Három.", "Three.")]);
        b.id = "u".into();
        let tags = LangTags::new(&Lang::Hu, &Lang::En, (Some("hu-HU"), Some("en-US")));
        let opts = TmxOptions {
            filter: UnitFilter::default(),
            tags: Some(tags),
        };
        let (text, notes) = tmx(&[&a, &b], &opts);
        assert_eq!(notes.units, 3);
        assert!(text.contains("xml:lang=\"en-US\""));
        assert_eq!(
            parse(&text, Path::new("x.tmx"), &b).expect("parses"),
            index_beads(&b)
        );
        assert_eq!(
            parse(&text, Path::new("x.tmx"), &a).expect("parses"),
            index_beads(&a)
        );
        b.target.lang = Lang::Other("de".into());
        let err = write(&[&a, &b], &opts).expect_err("mixed pairs");
        assert!(err.to_string().contains("hu-de"), "{err}");
    }

    #[test]
    fn xml_illegal_characters_never_reach_the_file() {
        let f = file(&[("Rossz\u{FFFE}karakter\u{1}.", "Bad\u{FFFF} one\u{B}.")]);
        let (text, notes) = tmx(&[&f], &TmxOptions::default());
        assert_eq!(notes.replaced_chars, 4);
        assert!(
            !text.contains('\u{FFFE}') && !text.contains('\u{FFFF}') && !text.contains('\u{1}')
        );
        let units = read(&text, Path::new("x.tmx")).expect("well-formed");
        assert_eq!(units[0].segs[1].1, "Bad\u{FFFD} one\u{FFFD}.");
    }

    /// Found by `fuzz_locator_readers_never_panic`: an XML error right after a BOM
    /// (quick-xml's position was inside the BOM's three bytes) made the error line
    /// count slice the text inside a character and panic.
    #[test]
    fn r_tmx_error_position_inside_a_character() {
        let err = read("\u{feff}«</tmx>", Path::new("bom.tmx")).expect_err("bad");
        assert!(err.to_string().starts_with("bom.tmx:1:"), "{err}");
        let err = read("<tmx>\n<body>\n</tu>", Path::new("x.tmx")).expect_err("bad");
        assert!(err.to_string().starts_with("x.tmx:3:"), "{err}");
    }

    #[test]
    fn malformed_xml_is_an_error_naming_the_file() {
        let err = read("<tmx><body><tu></body>", Path::new("bad.tmx")).expect_err("bad");
        assert!(err.to_string().starts_with("bad.tmx:"), "{err}");
    }
}
