//! XLIFF, the exchange format of CAT tools: 1.2 (what OmegaT, Trados and memoQ import
//! most reliably) and 2.0, written with quick-xml and read back for round trips
//! ([`read`]).
//!
//! One `<file>` per alignment (`original` = its document id) and one unit per bead that
//! has both sides (see [`super::units`]; with `keep_unpaired`, an omission is a unit with
//! no target, an addition one with an empty source). Unit ids are `b<bead number from 1>`.
//! Locators, bead type and confidence travel as data and as a readable note:
//!
//! | | XLIFF 1.2 | XLIFF 2.0 |
//! |---|---|---|
//! | languages | `source-language`/`target-language` on `<file>` | `srcLang`/`trgLang` on `<xliff>` |
//! | locators, type, confidence | `<context-group purpose="location">` with `<context context-type="x-source-ids">` … | metadata module: `<mda:metaGroup category="tandem">` with `<mda:meta type="x-source-ids">` … |
//! | readable | `<note from="tandem">` | `<notes><note category="tandem">` |
//! | fixed bead (checked by a person) | `approved="yes"`, `state="final"` | `state="final"` |
//! | confidence < 0.5 | `state="needs-review-translation"` | `state="translated" subState="tandem:low-confidence"` |
//! | other beads | `state="translated"` | `state="translated"` |
//! | omission (kept) | no `<target>` | `state="initial"`, no `<target>` |
//!
//! Rules checked by the tests (the OASIS schemas are not available offline): namespaces
//! and versions; required attributes (`original`, `source-language`, `datatype` and
//! unit `id` in 1.2; `srcLang`, file and unit `id` in 2.0); ids unique within a file;
//! children in schema order; state values from the closed lists; a 2.0 segment without a
//! target is `initial`; a 2.0 file has at least one unit. Text passes [`super::xmltext`].
//! Cost: linear.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

mod read;

pub use read::{parse, read, ReadUnit};

use super::langtag::LangTags;
use super::units::UnitFilter;
use super::xmltext::clean;
use super::{locators, same_languages, Exported, Notes};
use crate::alignment::{AlignmentFile, BeadRecord};
use crate::error::ExportError;
use crate::review::side_text;

/// Beads below this confidence are marked for review.
pub const REVIEW_BELOW: f64 = 0.5;

/// The XLIFF 1.2 namespace.
pub const NS_12: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// The XLIFF 2.0 core namespace.
pub const NS_20: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The XLIFF 2.0 metadata module namespace.
pub const NS_MDA: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

/// Which XLIFF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// XLIFF 1.2.
    V12,
    /// XLIFF 2.0.
    V20,
}

/// What goes into an XLIFF file besides the beads.
#[derive(Debug, Clone)]
pub struct XliffOptions {
    /// Which beads become units.
    pub filter: UnitFilter,
    /// Language tags; `None`: the defaults of the alignments' languages.
    pub tags: Option<LangTags>,
    /// Whether a person confirmed a bead (it is then approved / final).
    pub fixed: fn(&BeadRecord) -> bool,
}

impl Default for XliffOptions {
    fn default() -> Self {
        XliffOptions {
            filter: UnitFilter::default(),
            tags: None,
            fixed: |_| false,
        }
    }
}

/// One unit as written.
struct UnitData {
    id: String,
    name: String,
    meta: [(&'static str, String); 4],
    note: String,
    source: String,
    target: Option<String>,
    fixed: bool,
    confidence: f64,
}

fn units(file: &AlignmentFile, opts: &XliffOptions, notes: &mut Notes) -> Vec<UnitData> {
    opts.filter
        .select(file, notes)
        .into_iter()
        .map(|(k, b)| {
            let (src, tgt) = (
                locators(&b.src, &file.source),
                locators(&b.tgt, &file.target),
            );
            let mut c = |s: String| clean(&s, &mut notes.replaced_chars).into_owned();
            let note = format!(
                "{} {} = {} {} · bead {} · confidence {:.4}",
                file.source.lang,
                if src.is_empty() { "(none)" } else { &src },
                file.target.lang,
                if tgt.is_empty() { "(none)" } else { &tgt },
                b.kind,
                b.confidence
            );
            UnitData {
                id: format!("b{}", k + 1),
                name: src
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                meta: [
                    ("x-source-ids", src.clone()),
                    ("x-target-ids", tgt.clone()),
                    ("x-type", c(b.kind.clone())),
                    ("x-confidence", format!("{:.4}", b.confidence)),
                ],
                note: c(note),
                source: c(side_text(&file.source, &b.src)),
                target: (!b.tgt.is_empty()).then(|| c(side_text(&file.target, &b.tgt))),
                fixed: (opts.fixed)(b),
                confidence: b.confidence,
            }
        })
        .collect()
}

type W = Writer<Vec<u8>>;

fn text_element(w: &mut W, name: &str, attrs: &[(&str, &str)], text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// Write alignments (of one language pair) as one XLIFF file.
pub fn write(
    files: &[&AlignmentFile],
    version: Version,
    opts: &XliffOptions,
) -> Result<Exported, ExportError> {
    let first = same_languages(files)?;
    let tags = opts
        .tags
        .clone()
        .unwrap_or_else(|| LangTags::new(&first.source.lang, &first.target.lang, (None, None)));
    let mut notes = Notes::default();
    let docs: Vec<(&AlignmentFile, Vec<UnitData>)> = files
        .iter()
        .map(|f| (*f, units(f, opts, &mut notes)))
        .collect();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut replaced = 0;
    match version {
        Version::V12 => write_12(&mut w, &docs, &tags, &mut replaced)?,
        Version::V20 => {
            if docs.iter().all(|(_, u)| u.is_empty()) {
                return Err(ExportError::NothingLeft);
            }
            write_20(&mut w, &docs, &tags, &mut replaced)?
        }
    }
    notes.replaced_chars += replaced;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(Exported { bytes, notes })
}

fn write_12(
    w: &mut W,
    docs: &[(&AlignmentFile, Vec<UnitData>)],
    tags: &LangTags,
    replaced: &mut usize,
) -> std::io::Result<()> {
    w.create_element("xliff")
        .with_attributes([("version", "1.2"), ("xmlns", NS_12)])
        .write_inner_content(|w| {
            for (file, units) in docs {
                let original = clean(&file.id, replaced).into_owned();
                let header_note = clean(
                    &format!(
                        "Aligned by {}: original {}, translation {}. Locators, bead type and confidence of each unit are in its context group.",
                        file.tool, file.source.path, file.target.path
                    ),
                    replaced,
                )
                .into_owned();
                w.create_element("file")
                    .with_attributes([
                        ("original", original.as_str()),
                        ("source-language", tags.source.as_str()),
                        ("target-language", tags.target.as_str()),
                        ("datatype", "plaintext"),
                        ("tool-id", "tandem"),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("header").write_inner_content(|w| {
                            w.create_element("tool")
                                .with_attributes([
                                    ("tool-id", "tandem"),
                                    ("tool-name", "tandem"),
                                    ("tool-version", env!("CARGO_PKG_VERSION")),
                                ])
                                .write_empty()?;
                            text_element(w, "note", &[("from", "tandem")], &header_note)
                        })?;
                        w.create_element("body").write_inner_content(|w| {
                            for u in units {
                                unit_12(w, u, tags)?;
                            }
                            Ok(())
                        })?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn unit_12(w: &mut W, u: &UnitData, tags: &LangTags) -> std::io::Result<()> {
    let mut attrs = vec![("id", u.id.as_str())];
    if !u.name.is_empty() {
        attrs.push(("resname", u.name.as_str()));
    }
    if u.fixed {
        attrs.push(("approved", "yes"));
    }
    attrs.push(("xml:space", "preserve"));
    let state = if u.fixed {
        "final"
    } else if u.confidence < REVIEW_BELOW {
        "needs-review-translation"
    } else {
        "translated"
    };
    w.create_element("trans-unit")
        .with_attributes(attrs)
        .write_inner_content(|w| {
            text_element(w, "source", &[("xml:lang", &tags.source)], &u.source)?;
            if let Some(t) = &u.target {
                text_element(
                    w,
                    "target",
                    &[("xml:lang", &tags.target), ("state", state)],
                    t,
                )?;
            }
            w.create_element("context-group")
                .with_attributes([("name", "tandem"), ("purpose", "location")])
                .write_inner_content(|w| {
                    for (t, v) in &u.meta {
                        text_element(w, "context", &[("context-type", t)], v)?;
                    }
                    Ok(())
                })?;
            text_element(w, "note", &[("from", "tandem")], &u.note)
        })?;
    Ok(())
}

fn write_20(
    w: &mut W,
    docs: &[(&AlignmentFile, Vec<UnitData>)],
    tags: &LangTags,
    replaced: &mut usize,
) -> std::io::Result<()> {
    w.create_element("xliff")
        .with_attributes([
            ("xmlns", NS_20),
            ("xmlns:mda", NS_MDA),
            ("version", "2.0"),
            ("srcLang", tags.source.as_str()),
            ("trgLang", tags.target.as_str()),
        ])
        .write_inner_content(|w| {
            for (n, (file, units)) in docs.iter().enumerate().filter(|(_, (_, u))| !u.is_empty()) {
                let id = format!("f{}", n + 1);
                let original = clean(&file.id, replaced).into_owned();
                let file_note = clean(
                    &format!(
                        "Aligned by {}: original {}, translation {}.",
                        file.tool, file.source.path, file.target.path
                    ),
                    replaced,
                )
                .into_owned();
                w.create_element("file")
                    .with_attributes([("id", id.as_str()), ("original", original.as_str())])
                    .write_inner_content(|w| {
                        w.create_element("notes").write_inner_content(|w| {
                            text_element(w, "note", &[("category", "tandem")], &file_note)
                        })?;
                        for u in units {
                            unit_20(w, u)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn unit_20(w: &mut W, u: &UnitData) -> std::io::Result<()> {
    let mut attrs = vec![("id", u.id.as_str())];
    if !u.name.is_empty() {
        attrs.push(("name", u.name.as_str()));
    }
    let mut seg = vec![("id", "s1")];
    match (&u.target, u.fixed) {
        (None, _) => seg.push(("state", "initial")),
        (Some(_), true) => seg.push(("state", "final")),
        (Some(_), false) if u.confidence < REVIEW_BELOW => {
            seg.push(("state", "translated"));
            seg.push(("subState", "tandem:low-confidence"));
        }
        (Some(_), false) => seg.push(("state", "translated")),
    }
    w.create_element("unit")
        .with_attributes(attrs)
        .write_inner_content(|w| {
            w.create_element("mda:metadata").write_inner_content(|w| {
                w.create_element("mda:metaGroup")
                    .with_attribute(("category", "tandem"))
                    .write_inner_content(|w| {
                        for (t, v) in &u.meta {
                            text_element(w, "mda:meta", &[("type", t)], v)?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
            w.create_element("notes").write_inner_content(|w| {
                text_element(w, "note", &[("category", "tandem")], &u.note)
            })?;
            w.create_element("segment")
                .with_attributes(seg)
                .write_inner_content(|w| {
                    text_element(w, "source", &[], &u.source)?;
                    if let Some(t) = &u.target {
                        text_element(w, "target", &[], t)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::export::index_beads;
    use crate::review::testutil::file;

    fn xliff(files: &[&AlignmentFile], v: Version, opts: &XliffOptions) -> (String, Notes) {
        let out = write(files, v, opts).expect("writes");
        (String::from_utf8(out.bytes).expect("UTF-8"), out.notes)
    }

    fn sample() -> AlignmentFile {
        let mut f = file(&[
            ("A <b> & \"c\" 'd'", "A <b> & \"c\" 'd'"),
            ("Kimaradt.", ""),
            ("", "Added."),
            ("Kétes.", "Doubtful."),
        ]);
        f.beads[3].confidence = 0.2;
        f
    }

    #[test]
    fn both_versions_round_trip_every_bead_when_kept() {
        let f = sample();
        let opts = XliffOptions {
            filter: UnitFilter::all(),
            ..XliffOptions::default()
        };
        for v in [Version::V12, Version::V20] {
            let (text, notes) = xliff(&[&f], v, &opts);
            assert_eq!(notes.units, 4);
            assert_eq!(
                parse(&text, Path::new("x.xlf"), &f).expect("parses"),
                index_beads(&f)
            );
            let units = read(&text, Path::new("x.xlf")).expect("reads");
            assert_eq!(units[0].source, "A <b> & \"c\" 'd'");
            assert_eq!(units[0].target.as_deref(), Some("A <b> & \"c\" 'd'"));
            assert_eq!(units[1].target, None, "{v:?}: an omission has no target");
            assert_eq!(units[0].meta("x-confidence"), Some("0.9900"));
            assert_eq!(
                units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
                ["b1", "b2", "b3", "b4"]
            );
        }
    }

    #[test]
    fn states_follow_confidence_and_fixed_beads() {
        let f = sample();
        let opts = XliffOptions {
            fixed: |b| b.tgt == [0],
            ..XliffOptions::default()
        };
        let (v12, notes) = xliff(&[&f], Version::V12, &opts);
        assert_eq!((notes.units, notes.unpaired_left_out), (2, 2));
        let u = read(&v12, Path::new("x.xlf")).expect("reads");
        assert_eq!((u[0].state.as_str(), u[0].approved), ("final", true));
        assert_eq!(
            (u[1].state.as_str(), u[1].approved),
            ("needs-review-translation", false)
        );
        assert!(
            v12.contains("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"),
            "{v12}"
        );
        assert!(
            v12.contains(
                "source-language=\"hu-HU\" target-language=\"en-GB\" datatype=\"plaintext\""
            ),
            "{v12}"
        );
        let (v20, _) = xliff(&[&f], Version::V20, &opts);
        let u = read(&v20, Path::new("x.xlf")).expect("reads");
        assert_eq!(u[0].state, "final");
        assert!(
            v20.contains("state=\"translated\" subState=\"tandem:low-confidence\""),
            "{v20}"
        );
        assert!(v20.contains("srcLang=\"hu-HU\" trgLang=\"en-GB\""), "{v20}");
    }

    #[test]
    fn empty_xliff2_is_refused_and_illegal_characters_replaced() {
        let f = file(&[("Kimaradt.", "")]);
        let err = write(&[&f], Version::V20, &XliffOptions::default()).expect_err("no unit");
        assert!(err.to_string().contains("--keep-unpaired"), "{err}");
        let f = file(&[("Rossz\u{FFFE}.", "Bad\u{1}.")]);
        for v in [Version::V12, Version::V20] {
            let (text, notes) = xliff(&[&f], v, &XliffOptions::default());
            assert_eq!(notes.replaced_chars, 2);
            assert!(!text.contains('\u{FFFE}') && !text.contains('\u{1}'));
            assert_eq!(
                read(&text, Path::new("x")).expect("well-formed")[0].source,
                "Rossz\u{FFFD}."
            );
        }
    }
}
