//! Facet counts: how many of the articles a filter (and optionally a
//! full-text query) selects fall on each outlet, language, month and story.
//!
//! Which part of the filter each facet leaves out, how many values are kept
//! and the cache used during imports are [`crate::views`]' policy; this
//! module only counts. A selection by outlet, language and dates alone is
//! counted from `article_counts` (see `article_counts`), without reading
//! the articles; otherwise the outlet table is joined only when the filter
//! names outlets, so the counts are scans of covering indexes.

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

/// Runs the grouped counts for one optional full-text query
/// ([`Store::facet_counter`]).
pub struct FacetCounter<'a> {
    store: &'a Store,
    query: Option<&'a str>,
}

impl Store {
    /// Counts facets over the articles matching `query` (all articles when
    /// `None`), each count under its own filter.
    pub fn facet_counter<'a>(&'a self, query: Option<&'a str>) -> FacetCounter<'a> {
        FacetCounter { store: self, query }
    }
}

impl FacetCounter<'_> {
    pub(super) fn clauses(&self, filter: &ArticleFilter) -> (String, Vec<Value>) {
        let (conds, filter_values) = filter.to_sql();
        // The outlet table is joined only when the filter names outlets:
        // without it the counts are scans of covering indexes.
        let mut sql = String::from(if filter.sources.is_empty() {
            "FROM articles a"
        } else {
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
        });
        let mut where_parts: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(query) = self.query {
            sql.push_str(" JOIN articles_fts ON articles_fts.rowid = a.id");
            where_parts.push("articles_fts MATCH ?".into());
            values.push(Value::Text(query.to_string()));
        }
        where_parts.extend(conds);
        values.extend(filter_values);
        if !where_parts.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&where_parts.join(" AND "));
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

    fn error(&self, e: rusqlite::Error) -> Error {
        match (self.query, &e) {
            (Some(q), rusqlite::Error::SqliteFailure(_, Some(message))) => Error::InvalidQuery {
                query: q.to_string(),
                message: message.trim_start_matches("fts5: ").to_string(),
            },
            _ => Error::Sqlite(e),
        }
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
        let sql = format!(
            "SELECT coalesce(s.name, '(unknown outlet)') AS value, sum(g.n) AS n
             FROM (SELECT a.source_id AS source_id, count(*) AS n {from_where} GROUP BY 1) g
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
        let sql = format!(
            "SELECT {expression} AS value, count(*) AS n {from_where} GROUP BY 1 ORDER BY {order}"
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
        let (from_where, mut values) = self.clauses(filter);
        let from_where = from_where.replacen(
            "FROM articles a",
            "FROM articles a JOIN story_members m ON m.article_id = a.id",
            1,
        );
        let chosen_marks = vec!["?"; chosen.len()].join(", ");
        let keep_chosen = if chosen.is_empty() {
            String::new()
        } else {
            format!(" OR st.id IN ({chosen_marks})")
        };
        values.extend(chosen.iter().map(|id| Value::Integer(*id)));
        let sql = format!(
            "WITH counted AS (SELECT m.story_id AS story, count(*) AS n {from_where} GROUP BY 1),
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
                &format!("SELECT count(*) {from_where}"),
                params_from_iter(values.iter()),
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))?;
        Ok(total as u64)
    }
}
