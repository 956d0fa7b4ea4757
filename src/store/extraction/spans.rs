//! Span verification: every stored extraction span must still point at the
//! text it was read from.

use super::rows::load;
use crate::error::Result;
use crate::store::Store;

/// A stored span whose text does not match the article at its offsets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpanMismatch {
    /// Article id.
    pub article: i64,
    /// `entity`, `date`, `figure`, `quote`, `event`, `noise`.
    pub item: &'static str,
    /// Field.
    pub field: String,
    /// Character span.
    pub start: usize,
    /// Character span end.
    pub end: usize,
    /// Text stored with the span.
    pub stored: String,
    /// Text the article has there.
    pub actual: String,
}

/// Result of [`Store::verify_spans`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpanCheck {
    /// Articles checked.
    pub articles: u64,
    /// Spans checked.
    pub spans: u64,
    /// Spans that did not match (at most 100 listed).
    pub mismatches: Vec<SpanMismatch>,
    /// Number of mismatches in all.
    pub mismatch_count: u64,
}

impl Store {
    /// Checks every stored extraction span against the article text: the
    /// characters at `start..end` of the field must equal the stored text.
    pub fn verify_spans(&self) -> Result<SpanCheck> {
        let mut check = SpanCheck {
            articles: 0,
            spans: 0,
            mismatches: Vec::new(),
            mismatch_count: 0,
        };
        let mut stmt = self.conn.prepare("SELECT a.id, a.title, a.text FROM articles a JOIN extractions e ON e.article_id = a.id ORDER BY a.id")?;
        let rows = stmt.query_map([], |r| <(i64, Option<String>, String)>::try_from(r))?;
        for row in rows {
            let (id, title, text) = row?;
            let Some(extraction) = load(&self.conn, id)? else {
                continue;
            };
            check.articles += 1;
            let (spans, misplaced) =
                extraction.misplaced_spans(title.as_deref().unwrap_or(""), &text);
            check.spans += spans;
            check.mismatch_count += misplaced.len() as u64;
            for span in misplaced {
                if check.mismatches.len() < 100 {
                    check.mismatches.push(SpanMismatch {
                        article: id,
                        item: span.item,
                        field: span.anchor.field.as_str().to_string(),
                        start: span.anchor.start,
                        end: span.anchor.end,
                        stored: span.anchor.text,
                        actual: span.actual,
                    });
                }
            }
        }
        Ok(check)
    }
}
