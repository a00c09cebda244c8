//! An Excel workbook (xlsx, via rust_xlsxwriter) for people who open exports in a
//! spreadsheet: one sheet, one row per bead, columns `source_ids`, `target_ids`, `type`,
//! `confidence` (a number), `source`, `target` and `findings` (the kinds `tandem check`
//! reports on the bead).
//!
//! The header row is bold and frozen (it stays in view while scrolling) with an
//! autofilter; the text columns are wide (60 characters) with wrapped text, every cell
//! aligned to the top; confidences below 0.5 are shaded. Texts are written as text cells,
//! so no cell can run as a formula (`=HYPERLINK(…)`, `- Ez a csend` stay text, unchanged).
//! Characters XML cannot carry are replaced ([`super::xmltext`]); a text longer than
//! Excel's cell limit (32,767 characters) is cut, ending with `…`, and counted. More beads
//! than Excel's 1,048,575 data rows is an error. The workbook's title is the document id,
//! its subject the language tags. Cost: linear; the workbook is built in memory.

use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, XlsxError};

use super::langtag::LangTags;
use super::xmltext::clean;
use super::{locators, Exported, Notes};
use crate::alignment::AlignmentFile;
use crate::error::ExportError;
use crate::review::{side_text, Report};

/// Excel's limit on the characters of a cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's rows less the header.
pub const MAX_ROWS: usize = 1_048_575;

/// The header row.
pub const HEADER: [&str; 7] = [
    "source_ids",
    "target_ids",
    "type",
    "confidence",
    "source",
    "target",
    "findings",
];

/// Column widths, in characters.
const WIDTHS: [f64; 7] = [14.0, 14.0, 7.0, 11.0, 60.0, 60.0, 22.0];

/// A cell's text: XML-safe and within Excel's limit.
fn cell(s: &str, notes: &mut Notes) -> String {
    let s = clean(s, &mut notes.replaced_chars);
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.into_owned();
    }
    notes.truncated_cells += 1;
    let mut cut: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn xlsx_error(e: XlsxError) -> ExportError {
    ExportError::Write(e.to_string())
}

/// Write the alignment as a workbook; `report` gives the findings column.
pub fn write(
    file: &AlignmentFile,
    report: &Report,
    tags: &LangTags,
) -> Result<Exported, ExportError> {
    if file.beads.len() > MAX_ROWS {
        return Err(ExportError::Write(format!(
            "{} beads do not fit in a spreadsheet (Excel holds {MAX_ROWS} rows); use --format csv or tsv",
            file.beads.len()
        )));
    }
    let mut notes = Notes::default();
    let mut book = Workbook::new();
    let props = DocProperties::new()
        .set_title(cell(&file.id, &mut notes))
        .set_subject(format!("{} → {}", tags.source, tags.target))
        .set_comment(cell(
            &format!(
                "Aligned by {}: original {}, translation {}",
                file.tool, file.source.path, file.target.path
            ),
            &mut notes,
        ));
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name("alignment").map_err(xlsx_error)?;
    let top = Format::new().set_align(FormatAlign::Top);
    let header = Format::new()
        .set_bold()
        .set_background_color(0xD9E1F2)
        .set_align(FormatAlign::Top);
    let wrap = top.clone().set_text_wrap();
    let conf = top.clone().set_num_format("0.00");
    let low = conf.clone().set_background_color(0xF8CBAD);
    for (c, (name, width)) in HEADER.iter().zip(WIDTHS).enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, width).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(0, c, *name, &header)
            .map_err(xlsx_error)?;
    }
    let flags = report.flags();
    for (k, b) in file.beads.iter().enumerate() {
        let row = k as u32 + 1;
        let kinds: Vec<String> = flags
            .get(k)
            .map(|f| f.iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        let texts = [
            (0, locators(&b.src, &file.source), &top),
            (1, locators(&b.tgt, &file.target), &top),
            (2, b.kind.clone(), &top),
            (4, side_text(&file.source, &b.src), &wrap),
            (5, side_text(&file.target, &b.tgt), &wrap),
            (6, kinds.join(", "), &wrap),
        ];
        for (c, text, format) in texts {
            let text = cell(&text, &mut notes);
            sheet
                .write_string_with_format(row, c, text, format)
                .map_err(xlsx_error)?;
        }
        let format = if b.confidence < 0.5 { &low } else { &conf };
        sheet
            .write_number_with_format(row, 3, b.confidence, format)
            .map_err(xlsx_error)?;
        notes.units += 1;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    sheet
        .autofilter(0, 0, file.beads.len() as u32, HEADER.len() as u16 - 1)
        .map_err(xlsx_error)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok(Exported { bytes, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{check, testutil::file, CheckConfig};

    #[test]
    fn writes_a_zip_workbook_and_counts_what_it_changed() {
        let long = "a".repeat(MAX_CELL_CHARS + 10);
        let f = file(&[
            ("=HYPERLINK(\"x\")", "- Ez a csend"),
            ("Rossz\u{FFFE}.", long.as_str()),
        ]);
        let report = check(&f, &CheckConfig::default());
        let tags = LangTags::new(&f.source.lang, &f.target.lang, (None, None));
        let out = write(&f, &report, &tags).expect("writes");
        assert!(out.bytes.starts_with(b"PK\x03\x04"), "a zip container");
        assert_eq!(out.notes.units, 2);
        assert_eq!(out.notes.replaced_chars, 1);
        assert_eq!(out.notes.truncated_cells, 1);
        assert_eq!(out.notes.guarded_cells, 0, "text cells need no guard");
        let mut n = Notes::default();
        assert_eq!(cell(&long, &mut n).chars().count(), MAX_CELL_CHARS);
    }
}
