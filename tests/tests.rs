//! tandem's integration tests: one binary, one module per concern.

/// Splitter quality on hand-segmented text (skips without ../shared).
mod seg_quality;
