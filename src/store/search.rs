//! Full-text matching: the FTS5 queries behind [`crate::search`].
//!
//! This module runs the MATCH with bm25 ranking, the article filter, paging
//! and SQLite's snippet and highlight functions; turning the raw snippets
//! into marked-up text is `search`'s. Errors SQLite raises while parsing a
//! MATCH are the query's fault and become [`Error::InvalidQuery`].

use rusqlite::{params_from_iter, types::Value};

use super::Store;
use super::articles::{ArticleFilter, SUMMARY_COLUMNS, summary_from_row};
use crate::error::{Error, Result};
use crate::model::{ArticleSummary, Page};

/// Marker SQLite puts before a matched word in snippets and highlighted
/// titles: a control character no article text holds, so it is unambiguous.
pub(crate) const MATCH_START: char = '\u{1}';
/// Marker SQLite puts after a matched word.
pub(crate) const MATCH_END: char = '\u{2}';

/// One article matching a full-text query, as SQLite returns it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextMatch {
    /// The article.
    pub article: ArticleSummary,
    /// bm25 rank (lower is better).
    pub rank: f64,
    /// The best-matching passage, matches between [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
    /// The title with matches marked the same way (unmarked when it did not match).
    pub title: Option<String>,
}

impl Store {
    /// Articles matching the FTS5 `query` among those `filter` selects,
    /// ordered by relevance, then id; `total` counts every match.
    pub(crate) fn text_matches(
        &self,
        query: &str,
        filter: &ArticleFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<TextMatch>> {
        let (conds, filter_values) = filter.to_sql();
        let mut where_clause = String::from("articles_fts MATCH ?");
        for cond in &conds {
            where_clause.push_str(" AND ");
            where_clause.push_str(cond);
        }
        let from = "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid LEFT JOIN sources s ON s.id = a.source_id";
        let mut values = vec![Value::Text(query.to_string())];
        values.extend(filter_values);

        let invalid = |e: rusqlite::Error| invalid_query(query, e);
        // Without filters the index alone counts the matches: no join per match.
        let count_sql = if conds.is_empty() {
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?".to_string()
        } else {
            format!("SELECT count(*) {from} WHERE {where_clause}")
        };
        let total: i64 = self
            .conn
            .query_row(&count_sql, params_from_iter(values.iter()), |r| r.get(0))
            .map_err(invalid)?;

        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, bm25(articles_fts, 4.0, 1.0) AS rank,
                    snippet(articles_fts, 1, '{MATCH_START}', '{MATCH_END}', '…', 32),
                    highlight(articles_fts, 0, '{MATCH_START}', '{MATCH_END}')
             {from} WHERE {where_clause} ORDER BY rank, a.id LIMIT ? OFFSET ?"
        );
        values.push(Value::Integer(limit as i64));
        values.push(Value::Integer(offset as i64));
        let mut stmt = self.conn.prepare(&sql).map_err(invalid)?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok(TextMatch {
                    article: summary_from_row(r)?,
                    rank: r.get(9)?,
                    snippet: r.get(10)?,
                    title: r.get(11)?,
                })
            })
            .map_err(invalid)?;
        let items = rows.collect::<Result<Vec<_>, _>>().map_err(invalid)?;
        Ok(Page {
            total: total as u64,
            offset,
            items,
        })
    }
}

/// Errors raised while running a MATCH are the query's fault unless they are
/// about the database itself (busy, corrupt, I/O).
fn invalid_query(query: &str, e: rusqlite::Error) -> Error {
    let message = match &e {
        rusqlite::Error::SqliteFailure(failure, Some(message)) => {
            use rusqlite::ErrorCode::*;
            match failure.code {
                DatabaseBusy | DatabaseLocked | DatabaseCorrupt | SystemIoFailure
                | NotADatabase | OutOfMemory | DiskFull => {
                    return Error::Sqlite(e);
                }
                _ => message.trim_start_matches("fts5: ").to_string(),
            }
        }
        _ => return Error::Sqlite(e),
    };
    Error::InvalidQuery {
        query: query.to_string(),
        message,
    }
}
