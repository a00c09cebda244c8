//! tandem's integration tests: one binary, one module per concern.

/// Temp folders and the built binary.
#[allow(dead_code)]
mod common;

/// Alignment quality floors on ../shared/data/gold (skips without it).
mod align_quality;
/// Batch alignment of a corpus (issue 8).
mod batch;
/// Citing a quotation or locator (issue 7).
mod cite;
/// Loading, the CLI shell, safety of writes (issue 2).
mod cli;
/// Revision diffs: kinds, places, formats, exit codes (issue 6).
mod diff;
/// The review editor `tandem review`: server safety, the page in Chromium (issue 15).
#[cfg(unix)]
mod editor;
/// Exports read by the tools their users read them with (issue 17).
mod export;
/// Fixes: `tandem fix`, and fixes kept by `tandem align` (issue 14).
mod fix;
/// Hostile inputs through the binary: never a panic, hang or changed input (issue 9).
mod hostile;
/// DOCX, ODT, HTML, page furniture and layouts through the binary (issue 18).
mod input;
/// Texts as people receive them: aligning wrapped, paged, one-per-line, DOCX and HTML
/// variants of the gold (issue 18; skips without ../shared).
mod input_quality;
/// Standard input, JSON Schema, schema tags, man page (issue 17).
mod interfaces;
/// Review: show, check and export (issue 5).
mod review;
/// Review quality floors on ../shared/data (skips without it; issue 13).
mod review_quality;
/// The measurement of the review order's doubts (issue 14; `TANDEM_DOUBTS=defr.dev`).
mod risk_doubts;
/// Splitter quality on hand-segmented text (skips without ../shared).
mod seg_quality;
/// The review simulation on ../shared/data/gold (issue 14; skips without it).
mod simulation;
