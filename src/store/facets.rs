//! Facet counts: how many of the articles a filter (and optionally a
//! full-text query) selects fall on each outlet, language, month and story.
//!
//! Which part of the filter each facet leaves out, how many values are kept
//! and the cache used during imports are [`crate::views`]' policy; this
//! module only counts. A selection by outlet, language and dates alone is
//! counted from `article_counts` (see `article_counts`), without reading
//! the articles; otherwise the outlet table is joined only when the filter
//! names outlets, so the counts are scans of covering indexes.
//!
//! A full-text query is counted over a [`QuerySample`] of its matches:
//! every match when it has few, else an even spread of them across the
//! archive, each weighted by how many matches it stands for, so the counts
//! are estimates whose cost does not grow with the archive (see
//! ARCHITECTURE.md, "Decisions").

use rusqlite::{params_from_iter, types::Value};
use serde::Serialize;
use ts_rs::TS;

use super::Store;
use super::article_counts::{CountBy, countable};
use super::articles::ArticleFilter;
use crate::error::{Error, Result};

/// One facet value and how many selected articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FacetCount {
    /// The value (outlet name, language code, `YYYY-MM` month).
    pub value: String,
    /// Articles with it.
    pub count: u64,
}

/// One story and how many selected articles belong to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoryFacet {
    /// Story id (the value a filter takes).
    pub story: i64,
    /// Story title, when grouping gave it one.
    pub title: Option<String>,
    /// Consensus event date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Selected articles in it.
    pub count: u64,
}

/// A facet counted by grouping the selected articles on one of their columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetGroup {
    /// Language code (`unknown` when undetected), most articles first.
    Language,
    /// Publication month (`YYYY-MM`, empty when undated), in calendar order.
    Month,
}

impl FacetGroup {
    /// The grouped expression and the order of the counts.
    fn sql(self) -> (&'static str, &'static str) {
        match self {
            FacetGroup::Language => ("coalesce(a.language, 'unknown')", "n DESC, value"),
            FacetGroup::Month => ("substr(a.published, 1, 7)", "value"),
        }
    }
}

/// Parts of the archive's id range a query's matches are sampled from
/// (see [`QuerySample`]).
const SAMPLE_STRATA: i64 = 64;

/// Matches taken from each part: at most 4,096 in all.
const SAMPLE_PER_STRATUM: usize = 64;

/// The matches of a full-text query that facet counts are taken over.
///
/// The archive's ids are cut into [`SAMPLE_STRATA`] equal ranges and the
/// first [`SAMPLE_PER_STRATUM`] matches of each are read (FTS5 seeks to a
/// rowid, so a range costs the same however many match). A range with
/// fewer matches gave all of them (weight 1); a full one stands for as
/// many matches as its density over the ids read predicts for the whole
/// range (ids of deleted articles count as non-matches). Counting a word
/// in three quarters of 300,000 articles exactly took 1.3 s; this reads
/// at most 4,096 whatever the archive's size.
#[derive(Debug, Clone)]
struct QuerySample {
    /// `[[id, weight], …]`, read by `json_each`.
    json: String,
    /// Matches read.
    articles: u64,
    /// True when every match was read (every weight is 1).
    complete: bool,
}

/// Runs the grouped counts for one optional full-text query
/// ([`Store::facet_counter`]).
pub struct FacetCounter<'a> {
    store: &'a Store,
    query: Option<&'a str>,
    sample: Option<QuerySample>,
}

impl Store {
    /// Counts facets over the articles matching `query` (all articles when
    /// `None`), each count under its own filter. A query's matches are
    /// read here, once for every count (see [`QuerySample`]).
    pub fn facet_counter<'a>(&'a self, query: Option<&'a str>) -> Result<FacetCounter<'a>> {
        let sample = match query {
            Some(query) => {
                let sample = self.query_sample(query, SAMPLE_STRATA, SAMPLE_PER_STRATUM)?;
                self.keep_sample(&sample)?;
                Some(sample)
            }
            None => None,
        };
        Ok(FacetCounter {
            store: self,
            query,
            sample,
        })
    }

    /// Copies the sampled matches' weights and the columns the counts group
    /// and filter on into the connection's temporary `facet_sample`, read
    /// by every count as the table `a`: the articles are looked up once,
    /// in the index holding those columns (the row holds some after the
    /// text: reading them there follows the text's overflow pages), not
    /// once per count. Temporary tables are the connection's own, so a
    /// read-only store writes them too.
    fn keep_sample(&self, sample: &QuerySample) -> Result<()> {
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS facet_sample (
                 id INTEGER PRIMARY KEY, weight REAL NOT NULL,
                 source_id INTEGER, published TEXT, language TEXT
             );
             DELETE FROM temp.facet_sample;",
        )?;
        self.conn
            .prepare_cached(
                "INSERT INTO temp.facet_sample (id, weight, source_id, published, language)
                 SELECT a.id, sample.value ->> 1, a.source_id, a.published, a.language
                 FROM json_each(?) sample CROSS JOIN articles a INDEXED BY articles_facet_columns
                 ON a.id = sample.value ->> 0",
            )?
            .execute([&sample.json])?;
        Ok(())
    }

    /// The first `per_stratum` matches of `query` in each of `strata`
    /// equal ranges of ids, weighted (see [`QuerySample`]).
    fn query_sample(&self, query: &str, strata: i64, per_stratum: usize) -> Result<QuerySample> {
        let invalid = |e: rusqlite::Error| super::search::invalid_query(query, e);
        let (low, high): (Option<i64>, Option<i64>) =
            self.conn
                .query_row("SELECT min(id), max(id) FROM articles", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        // An empty archive still runs the query once, over no ids, so that
        // a malformed one is refused as it is elsewhere.
        let (low, high) = (low.unwrap_or(1), high.unwrap_or(1));
        let mut sampled: Vec<(i64, f64)> = Vec::new();
        let mut complete = true;
        let width = ((high - low + 1) + strata - 1) / strata;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?
                 ORDER BY rowid LIMIT ?",
            )
            .map_err(invalid)?;
        let mut start = low;
        while start <= high {
            let end = (start + width).min(high + 1);
            let ids: Vec<i64> = stmt
                .query_map(
                    rusqlite::params![query, start, end, per_stratum as i64],
                    |r| r.get(0),
                )
                .map_err(invalid)?
                .collect::<Result<_, _>>()
                .map_err(invalid)?;
            let weight = match ids.last() {
                Some(&last) if ids.len() == per_stratum => {
                    complete = false;
                    (end - start) as f64 / (last - start + 1) as f64
                }
                _ => 1.0,
            };
            sampled.extend(ids.into_iter().map(|id| (id, weight)));
            start = end;
        }
        let json = serde_json::Value::from(
            sampled
                .iter()
                .map(|&(id, weight)| serde_json::json!([id, weight]))
                .collect::<Vec<_>>(),
        )
        .to_string();
        Ok(QuerySample {
            json,
            articles: sampled.len() as u64,
            complete,
        })
    }
}

impl FacetCounter<'_> {
    /// How many matches the counts were estimated from, when they are
    /// estimates (the query matched more than are read; see
    /// [`QuerySample`]); `None` when they are exact.
    pub fn sampled(&self) -> Option<u64> {
        self.sample
            .as_ref()
            .filter(|sample| !sample.complete)
            .map(|sample| sample.articles)
    }

    /// How many articles a group of selected rows stands for: its rows
    /// counted, or with a query its sampled matches' weights summed.
    pub(super) fn tally(&self) -> &'static str {
        if self.sample.is_some() {
            "CAST(round(total(a.weight)) AS INTEGER)"
        } else {
            "count(*)"
        }
    }

    /// One selected row's weight (see [`FacetCounter::tally`]), for
    /// counts summed over a subquery's rows.
    pub(super) fn weight(&self) -> &'static str {
        if self.sample.is_some() {
            "a.weight"
        } else {
            "1"
        }
    }

    pub(super) fn clauses(&self, filter: &ArticleFilter) -> (String, Vec<Value>) {
        self.clauses_joining(filter, "")
    }

    /// The FROM and WHERE of the selection, `join` joined to the articles.
    fn clauses_joining(&self, filter: &ArticleFilter, join: &str) -> (String, Vec<Value>) {
        let (conds, values) = filter.to_sql();
        // With a query, the sampled matches (see `keep_sample`) stand for
        // the articles: a handful of thousand rows, never the archive.
        let mut sql = String::from(if self.sample.is_some() {
            "FROM temp.facet_sample a"
        } else {
            "FROM articles a"
        });
        sql.push_str(join);
        // The outlet table is joined only when the filter names outlets:
        // without it the counts are scans of covering indexes.
        if !filter.sources.is_empty() {
            sql.push_str(" LEFT JOIN sources s ON s.id = a.source_id");
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        (sql, values)
    }

    /// Counts from `article_counts`, when the selection is one it can count
    /// (no full-text query; outlet, language and dates only).
    fn counted(
        &self,
        filter: &ArticleFilter,
        by: CountBy,
    ) -> Result<Option<std::collections::BTreeMap<String, u64>>> {
        if self.query.is_some() || !countable(filter) {
            return Ok(None);
        }
        self.store.counted(filter, by).map(Some)
    }

    /// A failure of a count: the query itself was checked when its
    /// matches were sampled, so this is the archive's.
    fn error(&self, e: rusqlite::Error) -> Error {
        Error::Sqlite(e)
    }

    /// Articles per outlet: counted per outlet id first (the covering index
    /// on `source_id`), then named.
    pub fn sources(&self, filter: &ArticleFilter) -> Result<Vec<FacetCount>> {
        if let Some(counted) = self.counted(filter, CountBy::Source)? {
            let names = self.store.source_names()?;
            let mut by_name: std::collections::BTreeMap<String, u64> = Default::default();
            for (id, n) in counted {
                let name = id
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_else(|| "(unknown outlet)".to_string());
                *by_name.entry(name).or_insert(0) += n;
            }
            let mut counts: Vec<FacetCount> = by_name
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            return Ok(counts);
        }
        let (from_where, values) = self.clauses(filter);
        let tally = self.tally();
        let sql = format!(
            "SELECT coalesce(s.name, '(unknown outlet)') AS value, sum(g.n) AS n
             FROM (SELECT a.source_id AS source_id, {tally} AS n {from_where} GROUP BY 1) g
             LEFT JOIN sources s ON s.id = g.source_id GROUP BY 1 ORDER BY n DESC, value"
        );
        self.rows(&sql, &values)
    }

    /// Articles per value of one column.
    pub fn group(&self, filter: &ArticleFilter, group: FacetGroup) -> Result<Vec<FacetCount>> {
        let by = match group {
            FacetGroup::Language => CountBy::Language,
            FacetGroup::Month => CountBy::Month,
        };
        if let Some(counted) = self.counted(filter, by)? {
            let mut counts: Vec<FacetCount> = counted
                .into_iter()
                .map(|(value, count)| FacetCount {
                    value: match (group, value.is_empty()) {
                        (FacetGroup::Language, true) => "unknown".to_string(),
                        _ => value,
                    },
                    count,
                })
                .collect();
            if group == FacetGroup::Language {
                counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            }
            return Ok(counts);
        }
        let (expression, order) = group.sql();
        let (from_where, values) = self.clauses(filter);
        let tally = self.tally();
        let sql = format!(
            "SELECT {expression} AS value, {tally} AS n {from_where} GROUP BY 1 ORDER BY {order}"
        );
        self.rows(&sql, &values)
    }

    pub(super) fn rows(&self, sql: &str, values: &[Value]) -> Result<Vec<FacetCount>> {
        let mut stmt = self.store.conn.prepare(sql).map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok(FacetCount {
                    value: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    count: r.get::<_, i64>(1)? as u64,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// The `most` largest stories among the selected articles, with their
    /// titles; stories the filter asks for (`chosen`) are always listed, so a
    /// chosen story stays visible (and can be unticked) however small it is.
    pub fn stories(
        &self,
        filter: &ArticleFilter,
        chosen: &[i64],
        most: usize,
    ) -> Result<Vec<StoryFacet>> {
        let (from_where, mut values) =
            self.clauses_joining(filter, " JOIN story_members m ON m.article_id = a.id");
        let tally = self.tally();
        let chosen_marks = vec!["?"; chosen.len()].join(", ");
        let keep_chosen = if chosen.is_empty() {
            String::new()
        } else {
            format!(" OR st.id IN ({chosen_marks})")
        };
        values.extend(chosen.iter().map(|id| Value::Integer(*id)));
        let sql = format!(
            "WITH counted AS (SELECT m.story_id AS story, {tally} AS n {from_where} GROUP BY 1),
                  ranked AS (SELECT story, n, row_number() OVER (ORDER BY n DESC, story) AS rank FROM counted)
             SELECT st.id, st.title, st.date, coalesce(r.n, 0) FROM stories st LEFT JOIN ranked r ON r.story = st.id
             WHERE r.rank <= {most}{keep_chosen}
             ORDER BY coalesce(r.n, 0) DESC, st.id"
        );
        let mut stmt = self.store.conn.prepare(&sql).map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok(StoryFacet {
                    story: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    count: r.get::<_, i64>(3)? as u64,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    /// Articles selected.
    pub fn count(&self, filter: &ArticleFilter) -> Result<u64> {
        if let Some(counted) = self.counted(filter, CountBy::Nothing)? {
            return Ok(counted.values().sum());
        }
        let (from_where, values) = self.clauses(filter);
        let total: i64 = self
            .store
            .conn
            .query_row(
                &format!("SELECT {} {from_where}", self.tally()),
                params_from_iter(values.iter()),
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))?;
        Ok(total as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 articles: every one says "report", every other one "even", the
    /// first ten "early"; odd ones come from "Odd Times".
    fn archive() -> Store {
        let lines: Vec<String> = (0..100)
            .map(|i| {
                let even = if i % 2 == 0 { "even" } else { "" };
                let early = if i < 10 { "early" } else { "" };
                let source = if i % 2 == 1 { "Odd Times" } else { "Even Post" };
                format!(
                    r#"{{"id":"a{i}","source":"{source}","title":"Report {i}","published":"2024-01-01","text":"Report number {i} {even} {early}."}}"#
                )
            })
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        crate::ingest::archive_of_lines(&lines)
    }

    /// Total and outlets of `query`, sampled from `strata` ranges of
    /// `per_stratum` matches at most; whether they are estimates.
    fn counted(
        store: &Store,
        query: &str,
        strata: i64,
        per_stratum: usize,
    ) -> (u64, Vec<(String, u64)>, bool) {
        let sample = store.query_sample(query, strata, per_stratum).unwrap();
        store.keep_sample(&sample).unwrap();
        let counter = FacetCounter {
            store,
            query: Some(query),
            sample: Some(sample),
        };
        let filter = ArticleFilter::default();
        let sources = counter
            .sources(&filter)
            .unwrap()
            .into_iter()
            .map(|c| (c.value, c.count))
            .collect();
        (
            counter.count(&filter).unwrap(),
            sources,
            counter.sampled().is_some(),
        )
    }

    #[test]
    fn a_malformed_query_is_refused_even_in_an_empty_archive() {
        let empty = Store::open_in_memory().unwrap();
        let counter = empty.facet_counter(Some("\"unclosed"));
        assert_eq!(
            counter.map(|_| ()).map_err(|e| e.code()),
            Err("invalid_query")
        );
        let counter = empty.facet_counter(Some("fine")).unwrap();
        assert_eq!(counter.count(&ArticleFilter::default()).unwrap(), 0);
    }

    #[test]
    fn a_query_with_few_matches_is_counted_exactly() {
        let store = archive();
        // 10 matches, all in the first of 4 ranges of 25 ids, under the cap of 16.
        assert_eq!(
            counted(&store, "early", 4, 16),
            (
                10,
                vec![("Even Post".into(), 5), ("Odd Times".into(), 5)],
                false
            )
        );
    }

    #[test]
    fn a_query_with_many_matches_is_estimated_from_a_spread_sample() {
        let store = archive();
        // Every article matches: 4 ranges of 25, 8 read from each, each
        // standing for 25 / 8: the estimate is exact.
        assert_eq!(
            counted(&store, "report", 4, 8),
            (
                100,
                vec![("Even Post".into(), 50), ("Odd Times".into(), 50)],
                true
            )
        );
        // Every other article: the 8 read from a range of 25 ids span 15
        // or 16 of them, so each stands for 25 / 15 or 25 / 16 matches:
        // 52 in all against 50.
        assert_eq!(
            counted(&store, "even", 4, 8),
            (52, vec![("Even Post".into(), 52)], true)
        );
    }
}
