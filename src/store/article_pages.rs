//! Pages of the article list read off an index, from a page token.
//!
//! Each order of the Library has an index that holds its rows in order
//! (migration 7), so a page is the next `limit` rows of that index after
//! the last row of the page before: the cost of a page does not grow with
//! how deep it is. A page token is that last row's sort key. Where the
//! order puts missing values last (undated, untitled, no outlet), the list
//! is read in steps — the rows with the value, then those without — each
//! step one indexed query with a plain range condition, since SQLite does
//! not read an index for `x IS NULL` in a sort key or for an `OR` of
//! ranges. The order by outlet walks the outlets in name order and reads
//! each outlet's articles off `articles_by_source_newest`.
//!
//! A page asked for by offset without a token (a jump into the middle of
//! the list) skips whole steps by counting them on their index and skips
//! inside one with `OFFSET` on its index: linear in the offset, but no
//! sort of the archive.

use rusqlite::{params_from_iter, types::Value};
use serde::{Deserialize, Serialize};

use super::Store;
use super::articles::{ArticleFilter, ArticleSort, SUMMARY_COLUMNS, summary_from_row};
use crate::error::{Error, Result};
use crate::model::{ArticleSummary, Page};

/// Where a page of the article list starts: after the row with this sort
/// key. Serialised as compact JSON, opaque to front ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageToken {
    /// The order it was taken in ([`ArticleSort::name`]).
    #[serde(rename = "s")]
    sort: String,
    /// The last row's publication date.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    /// The last row's headline.
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// The last row's outlet name, when it had an outlet.
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    /// The last row's id.
    #[serde(rename = "i")]
    id: i64,
}

impl PageToken {
    /// The token as a front end passes it back.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a token a front end passed back.
    pub fn decode(text: &str) -> Result<PageToken> {
        serde_json::from_str(text)
            .map_err(|_| Error::InvalidArgument(format!("{text:?} is not a page token")))
    }

    fn after(sort: ArticleSort, row: &ArticleSummary) -> PageToken {
        PageToken {
            sort: sort.name().to_string(),
            published: row.published.map(|d| d.to_string()),
            title: row.title.clone(),
            source: row.source.clone(),
            id: row.id,
        }
    }
}

/// One indexed query of a list: a condition and the order its index gives.
struct Step {
    condition: String,
    values: Vec<Value>,
    order: &'static str,
}

impl Step {
    fn new(condition: impl Into<String>, values: Vec<Value>, order: &'static str) -> Step {
        Step {
            condition: condition.into(),
            values,
            order,
        }
    }
}

/// The steps of an order that sorts on a nullable column `column` (in the
/// direction of `order`, ids ascending within a value), values first:
/// after `key` (the last row's value and id) or from the start.
fn nullable_steps(
    column: &str,
    compare: &str,
    order: &'static str,
    key: Option<(Option<String>, i64)>,
) -> Vec<Step> {
    let mut steps = Vec::new();
    match key {
        None => {
            steps.push(Step::new(format!("{column} IS NOT NULL"), vec![], order));
            steps.push(Step::new(format!("{column} IS NULL"), vec![], "a.id"));
        }
        Some((Some(value), id)) => {
            steps.push(Step::new(
                format!("{column} = ? AND a.id > ?"),
                vec![Value::Text(value.clone()), Value::Integer(id)],
                "a.id",
            ));
            steps.push(Step::new(
                format!("{column} {compare} ?"),
                vec![Value::Text(value)],
                order,
            ));
            steps.push(Step::new(format!("{column} IS NULL"), vec![], "a.id"));
        }
        Some((None, id)) => {
            steps.push(Step::new(
                format!("{column} IS NULL AND a.id > ?"),
                vec![Value::Integer(id)],
                "a.id",
            ));
        }
    }
    steps
}

impl Store {
    /// A page of articles matching `filter` in `sort` order: after the row
    /// `after` names when given, else from row `offset`. `total` counts
    /// every article the filter selects; `next` is the token of the page
    /// after this one, `None` on the last page.
    pub fn articles_page(
        &self,
        filter: &ArticleFilter,
        sort: ArticleSort,
        after: Option<&PageToken>,
        offset: u64,
        limit: u64,
    ) -> Result<Page<ArticleSummary>> {
        if let Some(token) = after
            && token.sort != sort.name()
        {
            return Err(Error::InvalidArgument(format!(
                "the page token is for the order {:?}, not {:?}",
                token.sort,
                sort.name()
            )));
        }
        let total = self.selected_count(filter)?;
        let steps = self.steps(filter, sort, after)?;
        let (conds, filter_values) = filter.to_sql();
        let mut items: Vec<ArticleSummary> = Vec::new();
        let mut skip = if after.is_some() { 0 } else { offset };
        for step in steps {
            if items.len() as u64 >= limit {
                break;
            }
            let mut where_parts = conds.clone();
            where_parts.push(step.condition);
            let where_clause = where_parts.join(" AND ");
            let from = "FROM articles a LEFT JOIN sources s ON s.id = a.source_id";
            let mut values = filter_values.clone();
            values.extend(step.values);
            if skip > 0 {
                // A whole step before the asked offset is counted on its
                // index, not read.
                let in_step: i64 = self
                    .conn
                    .prepare_cached(&format!("SELECT count(*) {from} WHERE {where_clause}"))?
                    .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
                if in_step as u64 <= skip {
                    skip -= in_step as u64;
                    continue;
                }
            }
            values.push(Value::Integer((limit - items.len() as u64) as i64));
            values.push(Value::Integer(skip as i64));
            skip = 0;
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS} {from} WHERE {where_clause} ORDER BY {} LIMIT ? OFFSET ?",
                step.order
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(values.iter()), summary_from_row)?;
            for row in rows {
                items.push(row?);
            }
        }
        let next = if items.len() as u64 == limit && limit > 0 {
            items.last().map(|row| PageToken::after(sort, row).encode())
        } else {
            None
        };
        Ok(Page {
            total,
            offset,
            items,
            next,
        })
    }

    /// The indexed queries that read `sort`'s order after `after`.
    fn steps(
        &self,
        filter: &ArticleFilter,
        sort: ArticleSort,
        after: Option<&PageToken>,
    ) -> Result<Vec<Step>> {
        let dated = after.map(|t| (t.published.clone(), t.id));
        Ok(match sort {
            ArticleSort::Imported => vec![Step::new(
                "a.id > ?",
                vec![Value::Integer(after.map_or(0, |t| t.id))],
                "a.id",
            )],
            ArticleSort::Published => {
                nullable_steps("a.published", "<", "a.published DESC, a.id", dated)
            }
            ArticleSort::PublishedAsc => {
                nullable_steps("a.published", ">", "a.published, a.id", dated)
            }
            ArticleSort::Title => nullable_steps(
                "a.title COLLATE NOCASE",
                ">",
                "a.title COLLATE NOCASE, a.id",
                after.map(|t| (t.title.clone(), t.id)),
            ),
            ArticleSort::Source => self.source_steps(filter, after)?,
        })
    }

    /// The order by outlet: each group of outlets of one name (as `COLLATE
    /// NOCASE` compares: ASCII letters folded) in name order, newest first
    /// within it, then the articles without an outlet.
    fn source_steps(&self, filter: &ArticleFilter, after: Option<&PageToken>) -> Result<Vec<Step>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, domain FROM sources ORDER BY name COLLATE NOCASE, id",
        )?;
        let wanted: Vec<String> = filter.sources.iter().map(|s| s.to_lowercase()).collect();
        let rows = stmt.query_map([], |r| <(i64, String, Option<String>)>::try_from(r))?;
        let mut groups: Vec<(String, Vec<i64>)> = Vec::new();
        for row in rows {
            let (id, name, domain) = row?;
            // The filter's outlets only: the others would read nothing.
            if !wanted.is_empty()
                && !wanted.contains(&name.to_lowercase())
                && !domain.is_some_and(|d| wanted.contains(&d.to_lowercase()))
            {
                continue;
            }
            let key = name.to_ascii_lowercase();
            match groups.last_mut() {
                Some((last, ids)) if *last == key => ids.push(id),
                _ => groups.push((key, vec![id])),
            }
        }
        let start = match after.map(|t| t.source.as_deref().map(str::to_ascii_lowercase)) {
            None => Some((0, None)),
            Some(Some(name)) => Some((
                groups.partition_point(|(key, _)| key.as_str() < name.as_str()),
                after.map(|t| (t.published.clone(), t.id)),
            )),
            // After a row without an outlet: only those are left.
            Some(None) => None,
        };
        let mut steps = Vec::new();
        if let Some((first, key)) = start {
            for (index, (name, ids)) in groups.iter().enumerate().skip(first) {
                let marks = vec!["?"; ids.len()].join(", ");
                let within = format!("a.source_id IN ({marks}) AND ");
                let own_key = if index == first
                    && after
                        .and_then(|t| t.source.as_deref())
                        .map(str::to_ascii_lowercase)
                        .as_deref()
                        == Some(name.as_str())
                {
                    key.clone()
                } else {
                    None
                };
                for step in nullable_steps("a.published", "<", "a.published DESC, a.id", own_key) {
                    let mut values: Vec<Value> = ids.iter().map(|id| Value::Integer(*id)).collect();
                    values.extend(step.values);
                    steps.push(Step::new(
                        format!("{within}{}", step.condition),
                        values,
                        step.order,
                    ));
                }
            }
        }
        let without = match after {
            Some(t) if t.source.is_none() => Some((t.published.clone(), t.id)),
            _ => None,
        };
        if wanted.is_empty() {
            for step in nullable_steps("a.published", "<", "a.published DESC, a.id", without) {
                steps.push(Step::new(
                    format!("a.source_id IS NULL AND {}", step.condition),
                    step.values,
                    step.order,
                ));
            }
        }
        Ok(steps)
    }
}
