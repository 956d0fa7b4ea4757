//! Full-text search over titles and texts: SQLite FTS5 with bm25 ranking.
//!
//! Queries use FTS5's own syntax — `"phrases"`, `prefix*`, `AND`/`OR`/`NOT`,
//! `NEAR(a b, 5)`, `title:word` — so researchers get the precise operators
//! they know. The same [`ArticleFilter`] as the article list narrows results
//! by outlet, date and language. A malformed query is an
//! [`Error::InvalidQuery`] carrying SQLite's explanation, never a crash.
//!
//! Snippets mark matches with `<mark>`…`</mark>`; everything else in a snippet
//! is the article text with `&`, `<` and `>` escaped, so the markers are
//! unambiguous. Front ends split on the markers and render text nodes: the
//! article's own characters are never interpreted as markup.

use rusqlite::{params_from_iter, types::Value};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{ArticleSummary, Page};
use crate::store::articles_sql::{SUMMARY_COLUMNS, summary_from_row};
use crate::store::{ArticleFilter, Store};

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// FTS5 query text.
    pub query: String,
    /// Filters.
    pub filter: ArticleFilter,
    /// Results to skip.
    pub offset: u64,
    /// Results per page.
    pub limit: u64,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article.
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// bm25 relevance (higher is better).
    pub score: f64,
    /// The best-matching passage with matches marked.
    pub snippet: String,
    /// The title with matches marked, when the title matched.
    pub title_highlighted: Option<String>,
}

const START: &str = "\u{1}";
const END: &str = "\u{2}";

/// Runs a search; results are ordered by relevance, then id.
pub fn search(store: &Store, request: &SearchQuery) -> Result<Page<Hit>> {
    let query = request.query.trim();
    if query.is_empty() {
        return Err(Error::InvalidQuery {
            query: request.query.clone(),
            message: "the query is empty".into(),
        });
    }
    let (conds, filter_values) = request.filter.to_sql();
    let mut where_clause = String::from("articles_fts MATCH ?");
    for cond in &conds {
        where_clause.push_str(" AND ");
        where_clause.push_str(cond);
    }
    let from = "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid LEFT JOIN sources s ON s.id = a.source_id";
    let mut values = vec![Value::Text(query.to_string())];
    values.extend(filter_values);

    let conn = store.conn();
    let invalid = |e: rusqlite::Error| invalid_query(query, e);
    // Without filters the index alone counts the matches: no join per match.
    let count_sql = if conds.is_empty() {
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?".to_string()
    } else {
        format!("SELECT count(*) {from} WHERE {where_clause}")
    };
    let total: i64 = conn
        .query_row(&count_sql, params_from_iter(values.iter()), |r| r.get(0))
        .map_err(invalid)?;

    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, bm25(articles_fts, 4.0, 1.0) AS rank,
                snippet(articles_fts, 1, '{START}', '{END}', '…', 32),
                highlight(articles_fts, 0, '{START}', '{END}')
         {from} WHERE {where_clause} ORDER BY rank, a.id LIMIT ? OFFSET ?"
    );
    values.push(Value::Integer(request.limit as i64));
    values.push(Value::Integer(request.offset as i64));
    let mut stmt = conn.prepare(&sql).map_err(invalid)?;
    let rows = stmt
        .query_map(params_from_iter(values.iter()), |r| {
            let title: Option<String> = r.get(11)?;
            Ok(Hit {
                article: summary_from_row(r)?,
                score: -r.get::<_, f64>(9)?,
                snippet: mark(&r.get::<_, String>(10)?),
                title_highlighted: title.filter(|t| t.contains(START)).map(|t| mark(&t)),
            })
        })
        .map_err(invalid)?;
    let items = rows.collect::<Result<Vec<_>, _>>().map_err(invalid)?;
    Ok(Page {
        total: total as u64,
        offset: request.offset,
        items,
    })
}

/// Escapes the text and turns SQLite's private markers into `<mark>` tags.
/// Imports drop control characters from article text, so the markers are
/// SQLite's own; an archive imported before that may still hold stray ones,
/// so tags are only ever opened when closed and closed when open, and the
/// output is balanced whatever the text holds.
fn mark(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 16);
    let mut open = false;
    for c in raw.chars() {
        match c {
            '\u{1}' if !open => {
                open = true;
                out.push_str("<mark>");
            }
            '\u{2}' if open => {
                open = false;
                out.push_str("</mark>");
            }
            '\u{1}' | '\u{2}' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_unambiguous() {
        assert_eq!(
            mark("a <b> \u{1}c\u{2} & d"),
            "a &lt;b&gt; <mark>c</mark> &amp; d"
        );
        // Stray markers (text imported before controls were dropped).
        assert_eq!(mark("\u{2}a \u{1}b \u{1}c"), "a <mark>b c</mark>");
        assert_eq!(mark("\u{1}\u{1}x\u{2}\u{2}"), "<mark>x</mark>");
    }
}
