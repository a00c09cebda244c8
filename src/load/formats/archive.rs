//! ZIP archives (DOCX, ODT): what kind of document one holds, and reading its parts
//! within limits.
//!
//! A part is read through a reader that stops at the size its header declares (and at
//! [`MAX_PART_BYTES`]): a zip bomb, honest or lying about its size, costs at most that
//! much decompression before it is refused. Parts are streamed into the XML parser,
//! never held whole in memory.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use super::Format;
use crate::error::LoadError;

/// Largest uncompressed XML part tandem reads (256 MiB; a 1,000-page book's
/// `document.xml` is some tens of MiB).
pub(crate) const MAX_PART_BYTES: u64 = 256 << 20;

/// An opened archive.
pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Open `bytes` as a ZIP archive.
pub(crate) fn open<'a>(
    bytes: &'a [u8],
    path: &Path,
    format: &'static str,
) -> Result<Archive<'a>, LoadError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| LoadError::Corrupt {
        path: path.to_path_buf(),
        format,
        reason: format!("the ZIP archive cannot be read: {e}"),
    })
}

/// Which document a ZIP archive is: DOCX, ODT, or something tandem refuses.
pub(crate) fn kind(bytes: &[u8], path: &Path) -> Result<Format, LoadError> {
    let unsupported = |what: &'static str, fix: &'static str| LoadError::Unsupported {
        path: path.to_path_buf(),
        what,
        fix,
    };
    let mut archive = open(bytes, path, "DOCX or ODT")?;
    let has = |a: &Archive, name: &str| a.index_for_name(name).is_some();
    if has(&archive, "word/document.xml")
        || has(&archive, "[Content_Types].xml") && has(&archive, "word/")
    {
        return Ok(Format::Docx);
    }
    if has(&archive, "mimetype") {
        let mut mime = String::new();
        if let Ok(file) = archive.by_name("mimetype") {
            let _ = file.take(200).read_to_string(&mut mime);
        }
        let mime = mime.trim();
        if mime.starts_with("application/vnd.oasis.opendocument.text") {
            return Ok(Format::Odt);
        }
        if mime.starts_with("application/epub") {
            return Err(unsupported(
                "an EPUB book",
                "convert it to DOCX, ODT or HTML (e.g. with Calibre or pandoc)",
            ));
        }
        if mime.starts_with("application/vnd.oasis.opendocument") {
            return Err(unsupported(
                "an OpenDocument file but not a text document (a spreadsheet or presentation?)",
                "give tandem a text document (.odt), a .docx or plain text",
            ));
        }
    }
    if has(&archive, "xl/workbook.xml") || has(&archive, "ppt/presentation.xml") {
        return Err(unsupported(
            "an Excel workbook or PowerPoint presentation",
            "give tandem a word-processing document (.docx, .odt) or plain text",
        ));
    }
    if has(&archive, "content.xml") {
        return Ok(Format::Odt);
    }
    Err(unsupported(
        "a ZIP archive but not a DOCX or ODT document",
        "unpack it and give tandem the documents inside",
    ))
}

/// A reader of one part that refuses to give more than the declared size.
pub(crate) struct PartReader<'a, 'b> {
    inner: zip::read::ZipFile<'a, Cursor<&'b [u8]>>,
    left: u64,
    /// Set when the part held more bytes than its header declared.
    pub(crate) overran: bool,
}

impl Read for PartReader<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // One byte more than declared is proof enough that the header lies.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.overran = true;
                return Err(std::io::Error::other("part larger than its header says"));
            }
            return Ok(0);
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Open the part `name` for reading, or `None` when the archive lacks it.
pub(crate) fn part<'a, 'b>(
    archive: &'a mut Archive<'b>,
    name: &str,
    path: &Path,
    format: &'static str,
) -> Result<Option<PartReader<'a, 'b>>, LoadError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(LoadError::Corrupt {
                path: path.to_path_buf(),
                format,
                reason: format!("{name}: {e}"),
            })
        }
    };
    let declared = file.size();
    if declared > MAX_PART_BYTES {
        return Err(LoadError::Refused {
            path: path.to_path_buf(),
            reason: format!(
                "{name} would expand to {} MiB, more than the {} MiB tandem reads from one part",
                declared >> 20,
                MAX_PART_BYTES >> 20
            ),
        });
    }
    Ok(Some(PartReader {
        inner: file,
        left: declared,
        overran: false,
    }))
}
