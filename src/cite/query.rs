//! A quotation to look up: its normalised pieces (cut at ellipses), the side it quotes,
//! and the limits of the search.

use super::{normalize, CiteError, Side};

/// A quotation to look up.
#[derive(Debug, Clone)]
pub struct Query {
    pub(super) quote: String,
    pub(super) pieces: Vec<String>,
    pub(super) from: Side,
    pub(super) doc: Option<String>,
    pub(super) max_gap: usize,
    pub(super) limit: usize,
    pub(super) suggestions: usize,
}

impl Query {
    /// A quotation from the `from` side; fails when it has no words.
    pub fn new(quote: &str, from: Side) -> Result<Self, CiteError> {
        let pieces = normalize::query_pieces(quote);
        if !pieces.iter().any(|p| p.chars().any(char::is_alphanumeric)) {
            return Err(CiteError::EmptyQuote);
        }
        Ok(Query {
            quote: quote.to_string(),
            pieces,
            from,
            doc: None,
            max_gap: 400,
            limit: 20,
            suggestions: 5,
        })
    }

    /// Search only the document with this id.
    pub fn doc(mut self, doc: Option<String>) -> Self {
        self.doc = doc;
        self
    }

    /// Longest gap (bytes of normalised text) an ellipsis may stand for (default 400,
    /// a few sentences).
    pub fn max_gap(mut self, bytes: usize) -> Self {
        self.max_gap = bytes;
        self
    }

    /// Most places to return (default 20).
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n.max(1);
        self
    }

    /// The quotation as given.
    pub fn quote(&self) -> &str {
        &self.quote
    }

    /// The normalised pieces between ellipses.
    pub fn pieces(&self) -> &[String] {
        &self.pieces
    }

    /// Which side it quotes.
    pub fn from(&self) -> Side {
        self.from
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_without_words_are_refused() {
        assert!(matches!(
            Query::new("“…”", Side::En),
            Err(CiteError::EmptyQuote)
        ));
        assert!(Query::new("„Ha mégis…”", Side::Hu).is_ok());
    }
}
