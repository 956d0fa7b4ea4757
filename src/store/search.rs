//! Full-text matching: the FTS5 queries behind [`crate::search`].
//!
//! This module runs the MATCH with bm25 ranking (of every match, or of the
//! newest [`RANKED_WINDOW`] when more match), the article filter, paging
//! and SQLite's snippet and highlight functions; turning the raw snippets
//! into marked-up text is `search`'s. Errors SQLite raises while parsing a
//! MATCH are the query's fault and become [`Error::InvalidQuery`].

use std::collections::{HashMap, HashSet};

use rusqlite::{params, params_from_iter, types::Value};

use super::Store;
use super::articles::{ArticleFilter, SUMMARY_COLUMNS, summary_from_row};
use crate::error::{Error, Result};
use crate::model::ArticleSummary;

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

/// How many of a query's newest matches are ranked by bm25 (see
/// [`Store::text_matches`]).
pub const RANKED_WINDOW: u64 = 1_000;

/// Most articles a filter may select for its ids to be read into a set
/// that the walk over a query's matches checks (see
/// [`Store::text_matches`]); a filter keeping more is joined instead.
const FILTER_SET_LIMIT: u64 = 200_000;

/// Matches of one query, as [`Store::text_matches`] finds them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextMatches {
    /// Every match when `exact`, else a lower bound (more than
    /// [`RANKED_WINDOW`] matched and they were not counted).
    pub total: u64,
    /// Whether `total` counts every match.
    pub exact: bool,
    /// False when only the newest [`RANKED_WINDOW`] matches were ranked by
    /// relevance (and those past them follow newest imported first).
    pub all_ranked: bool,
    /// The page asked for.
    pub items: Vec<TextMatch>,
}

impl Store {
    /// Articles matching the FTS5 `query` among those `filter` selects.
    ///
    /// The newest [`RANKED_WINDOW`] + 1 matches are found first, walking
    /// the index backwards from the newest rowid with the filter applied in
    /// the same query, which stops as soon as it has them. When that is
    /// all of them, every match is ranked by bm25 (then id) and `total` is
    /// exact. When there are more — a common word — only the newest
    /// [`RANKED_WINDOW`] are ranked by bm25, the rest follow newest
    /// imported first, and `total` is a lower bound: ranking or counting
    /// hundreds of thousands of matches takes as long as reading them all.
    /// Snippets are made for the page's rows only.
    pub(crate) fn text_matches(
        &self,
        query: &str,
        filter: &ArticleFilter,
        offset: u64,
        limit: u64,
    ) -> Result<TextMatches> {
        let invalid = |e: rusqlite::Error| invalid_query(query, e);
        let (conds, filter_values) = filter.to_sql();
        // The articles a selective filter keeps, as a set the walk over the
        // index checks: reading them off the filter's index costs less than
        // looking up every match's article row, which a join does.
        let members: Option<HashSet<i64>> = if !conds.is_empty()
            && self.selected_count(filter)? <= FILTER_SET_LIMIT
        {
            let sql = format!(
                "SELECT a.id FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE {}",
                conds.join(" AND ")
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(filter_values.iter()), |r| r.get(0))?;
            Some(rows.collect::<Result<_, _>>()?)
        } else {
            None
        };
        // A filter that keeps most articles is joined: the walk finds its
        // matches quickly.
        let joined = !conds.is_empty() && members.is_none();
        let (from, where_clause) = if joined {
            (
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid LEFT JOIN sources s ON s.id = a.source_id",
                format!("articles_fts MATCH ? AND {}", conds.join(" AND ")),
            )
        } else {
            ("FROM articles_fts", "articles_fts MATCH ?".to_string())
        };
        let mut values = vec![Value::Text(query.to_string())];
        if joined {
            values.extend(filter_values);
        }
        let keep = |id: i64| members.as_ref().is_none_or(|set| set.contains(&id));

        // Matches newest first, from `below` (exclusive) down: `skip` of
        // them passed over, then up to `wanted` kept.
        let walk = |below: i64, skip: u64, wanted: u64| -> Result<Vec<i64>> {
            let sql = format!(
                "SELECT articles_fts.rowid {from} WHERE {where_clause} AND articles_fts.rowid < ?
                 ORDER BY articles_fts.rowid DESC"
            );
            let mut bound = values.clone();
            bound.push(Value::Integer(below));
            let mut stmt = self.conn.prepare_cached(&sql).map_err(invalid)?;
            let mut rows = stmt
                .query(params_from_iter(bound.iter()))
                .map_err(invalid)?;
            let (mut skipped, mut found) = (0, Vec::new());
            while (found.len() as u64) < wanted {
                let Some(row) = rows.next().map_err(invalid)? else {
                    break;
                };
                let id: i64 = row.get(0).map_err(invalid)?;
                if !keep(id) {
                    continue;
                }
                if skipped < skip {
                    skipped += 1;
                } else {
                    found.push(id);
                }
            }
            Ok(found)
        };

        let newest = walk(i64::MAX, 0, RANKED_WINDOW + 1)?;
        let all_ranked = newest.len() as u64 <= RANKED_WINDOW;
        let window: Vec<i64> = newest
            .iter()
            .copied()
            .take(RANKED_WINDOW as usize)
            .collect();
        let ranked_count = window.len() as u64;
        let boundary = window.last().copied().unwrap_or(i64::MAX);

        let mut ids: Vec<i64> = Vec::new();
        // The ranks of the page's ranked rows, kept for their snippets'
        // query: bm25 first counts the articles holding each phrase of the
        // query, over the whole archive (20 ms for a phrase of common words
        // at 300,000 articles), so it is asked for once per search.
        let mut ranks: HashMap<i64, f64> = HashMap::new();
        if offset < ranked_count {
            // Only the window's rows pass the WHERE, so bm25 is computed for
            // them alone; `+` keeps the set from being handed to FTS5 as
            // one lookup per id.
            let sql = "SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts
                 WHERE articles_fts MATCH ? AND rowid >= ? AND +rowid IN (SELECT value FROM json_each(?))
                 ORDER BY rank, rowid LIMIT ? OFFSET ?";
            let mut stmt = self.conn.prepare_cached(sql).map_err(invalid)?;
            let rows = stmt
                .query_map(
                    params![
                        query,
                        boundary,
                        serde_json::Value::from(window.clone()).to_string(),
                        limit.min(ranked_count - offset) as i64,
                        offset as i64
                    ],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(invalid)?;
            for row in rows {
                let (id, rank) = row.map_err(invalid)?;
                ids.push(id);
                ranks.insert(id, rank);
            }
        }
        if !all_ranked && (ids.len() as u64) < limit {
            // Past the ranked window: newest imported first.
            ids.extend(walk(
                boundary,
                offset.saturating_sub(ranked_count),
                limit - ids.len() as u64,
            )?);
        }

        let items = self.matches_of(query, &ids, &ranks).map_err(invalid)?;
        Ok(TextMatches {
            total: newest.len() as u64,
            exact: all_ranked,
            all_ranked,
            items,
        })
    }

    /// The rows of `ids` (matches of `query`) with bm25, snippet and
    /// highlighted title, in the order given: one walk over the ids' range
    /// of the index, snippets made for these rows only. bm25 is taken from
    /// `ranks` when it holds every row (computed only for rows past the
    /// ranked window).
    fn matches_of(
        &self,
        query: &str,
        ids: &[i64],
        ranks: &HashMap<i64, f64>,
    ) -> rusqlite::Result<Vec<TextMatch>> {
        let (Some(low), Some(high)) = (ids.iter().min(), ids.iter().max()) else {
            return Ok(Vec::new());
        };
        let rank = if ids.iter().all(|id| ranks.contains_key(id)) {
            "NULL"
        } else {
            "bm25(articles_fts, 4.0, 1.0)"
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, {rank},
                    snippet(articles_fts, 1, '{MATCH_START}', '{MATCH_END}', '…', 32),
                    highlight(articles_fts, 0, '{MATCH_START}', '{MATCH_END}')
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid LEFT JOIN sources s ON s.id = a.source_id
             WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?
               AND +articles_fts.rowid IN (SELECT value FROM json_each(?))"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                query,
                low,
                high,
                serde_json::Value::from(ids.to_vec()).to_string()
            ],
            |r| {
                let article = summary_from_row(r)?;
                let rank = match ranks.get(&article.id) {
                    Some(&known) => known,
                    None => r.get(9)?,
                };
                Ok(TextMatch {
                    article,
                    rank,
                    snippet: r.get(10)?,
                    title: r.get(11)?,
                })
            },
        )?;
        let mut found: HashMap<i64, TextMatch> = HashMap::new();
        for row in rows {
            let row = row?;
            found.insert(row.article.id, row);
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// How many articles match `query` among those `filter` selects,
    /// every match counted (a saved search's count).
    pub(crate) fn text_match_count(&self, query: &str, filter: &ArticleFilter) -> Result<u64> {
        let invalid = |e: rusqlite::Error| invalid_query(query, e);
        let (conds, filter_values) = filter.to_sql();
        let mut values = vec![Value::Text(query.to_string())];
        values.extend(filter_values);
        let sql = if conds.is_empty() {
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?".to_string()
        } else {
            format!(
                "SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 LEFT JOIN sources s ON s.id = a.source_id WHERE articles_fts MATCH ? AND {}",
                conds.join(" AND ")
            )
        };
        let total: i64 = self
            .conn
            .prepare_cached(&sql)
            .map_err(invalid)?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))
            .map_err(invalid)?;
        Ok(total as u64)
    }
}

/// Errors raised while running a MATCH are the query's fault unless they are
/// about the database itself (busy, corrupt, I/O).
pub(super) fn invalid_query(query: &str, e: rusqlite::Error) -> Error {
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
