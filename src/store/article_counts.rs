//! Counts of articles per month, outlet and language, kept in
//! `article_counts` by triggers on `articles` (migration 7).
//!
//! A selection by outlet, language and dates — what the Library shows
//! first and what its facets narrow — is counted by summing these rows
//! (a few per outlet and month) instead of reading every selected article.
//! Dates are days and the rows are months, so a date filter sums the months
//! it covers whole and counts the articles of its partial first and last
//! months on the publication index. Selections by story, tag, collection or
//! full-text query are counted on the articles themselves (`facets`).

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params_from_iter, types::Value};

use super::Store;
use super::articles::ArticleFilter;
use crate::error::Result;

/// What the counts are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountBy {
    /// Nothing: one total.
    Nothing,
    /// Outlet id (0: none).
    Source,
    /// Language code ('' when undetected).
    Language,
    /// Month, `YYYY-MM` ('' when undated).
    Month,
}

impl CountBy {
    /// The grouped column of `article_counts`, and the same of `articles a`.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            CountBy::Nothing => ("''", "''"),
            CountBy::Source => ("c.source_id", "coalesce(a.source_id, 0)"),
            CountBy::Language => ("c.language", "coalesce(a.language, '')"),
            CountBy::Month => ("c.month", "coalesce(substr(a.published, 1, 7), '')"),
        }
    }
}

/// True when `filter` selects by outlet, language and dates only, which
/// `article_counts` can count.
pub(crate) fn countable(filter: &ArticleFilter) -> bool {
    filter.stories.is_empty() && filter.tags.is_empty() && filter.collections.is_empty()
}

/// The months a date filter covers whole (`YYYY-MM`, inclusive bounds),
/// and the day ranges of the months it covers in part.
struct DateSplit {
    whole: Option<(Option<String>, Option<String>)>,
    partial: Vec<(NaiveDate, NaiveDate)>,
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn month_end(date: NaiveDate) -> NaiveDate {
    month_start(date)
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

fn month_key(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

fn split_dates(from: Option<NaiveDate>, to: Option<NaiveDate>) -> DateSplit {
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return DateSplit {
                whole: None,
                partial: Vec::new(),
            };
        }
        if month_start(from) == month_start(to) && (from.day() != 1 || to != month_end(to)) {
            return DateSplit {
                whole: None,
                partial: vec![(from, to)],
            };
        }
    }
    let mut partial = Vec::new();
    // The first whole month, and the last.
    let first = from.map(|from| {
        if from.day() == 1 {
            from
        } else {
            partial.push((from, month_end(from)));
            month_end(from).succ_opt().unwrap_or(from)
        }
    });
    let last = to.map(|to| {
        if to == month_end(to) {
            to
        } else {
            partial.push((month_start(to), to));
            month_start(to).pred_opt().unwrap_or(to)
        }
    });
    let whole = match (first, last) {
        (Some(first), Some(last)) if first > last => None,
        (first, last) => Some((first.map(month_key), last.map(month_key))),
    };
    DateSplit { whole, partial }
}

impl Store {
    /// Articles a countable `filter` selects (see [`countable`]), grouped
    /// by `by`: the group's value (outlet id as text) and its count.
    pub(crate) fn counted(
        &self,
        filter: &ArticleFilter,
        by: CountBy,
    ) -> Result<BTreeMap<String, u64>> {
        let (summed, scanned) = by.columns();
        let mut out: BTreeMap<String, u64> = BTreeMap::new();
        let dates = split_dates(filter.from, filter.to);
        if let Some((first, last)) = &dates.whole {
            let mut conds = Vec::new();
            let mut values = Vec::new();
            if !filter.sources.is_empty() {
                let marks = vec!["?"; filter.sources.len()].join(", ");
                conds.push(format!(
                    "c.source_id IN (SELECT id FROM sources s WHERE lower(s.name) IN ({marks}) OR lower(s.domain) IN ({marks}))"
                ));
                for _ in 0..2 {
                    values.extend(filter.sources.iter().map(|s| Value::Text(s.to_lowercase())));
                }
            }
            if !filter.languages.is_empty() {
                let marks = vec!["?"; filter.languages.len()].join(", ");
                conds.push(format!("c.language IN ({marks})"));
                values.extend(
                    filter
                        .languages
                        .iter()
                        .map(|l| Value::Text(l.to_lowercase())),
                );
            }
            if let Some(first) = first {
                conds.push("c.month >= ?".into());
                values.push(Value::Text(first.clone()));
            }
            if let Some(last) = last {
                conds.push("c.month <= ? AND c.month != ''".into());
                values.push(Value::Text(last.clone()));
            }
            if first.is_some() {
                conds.push("c.month != ''".into());
            }
            let where_clause = if conds.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", conds.join(" AND "))
            };
            // Summed here rather than by `GROUP BY`, which would sort the
            // table's rows on every count.
            let sql = if by == CountBy::Nothing {
                format!("SELECT '', sum(c.n) FROM article_counts c {where_clause}")
            } else {
                format!("SELECT {summed}, c.n FROM article_counts c {where_clause}")
            };
            self.add_counts(&sql, &values, &mut out)?;
        }
        for (from, to) in dates.partial {
            let edge = ArticleFilter {
                from: Some(from),
                to: Some(to),
                ..filter.clone()
            };
            let (conds, values) = edge.to_sql();
            let join = if filter.sources.is_empty() {
                ""
            } else {
                " LEFT JOIN sources s ON s.id = a.source_id"
            };
            let sql = format!(
                "SELECT {scanned}, count(*) FROM articles a{join} WHERE {} GROUP BY 1",
                conds.join(" AND ")
            );
            self.add_counts(&sql, &values, &mut out)?;
        }
        Ok(out)
    }

    fn add_counts(
        &self,
        sql: &str,
        values: &[Value],
        out: &mut BTreeMap<String, u64>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        let mut number = String::new();
        while let Some(row) = rows.next()? {
            let n = row.get::<_, Option<i64>>(1)?.unwrap_or(0);
            if n <= 0 {
                continue;
            }
            let value: &str = match row.get_ref(0)? {
                rusqlite::types::ValueRef::Integer(i) => {
                    number.clear();
                    number.push_str(&i.to_string());
                    &number
                }
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or(""),
                _ => "",
            };
            // Looked up before allocating: most rows add to a value seen.
            match out.get_mut(value) {
                Some(count) => *count += n as u64,
                None => {
                    out.insert(value.to_string(), n as u64);
                }
            }
        }
        Ok(())
    }

    /// How many articles `filter` selects: summed from `article_counts`
    /// when it can, else counted.
    pub(crate) fn selected_count(&self, filter: &ArticleFilter) -> Result<u64> {
        if countable(filter) {
            return Ok(self.counted(filter, CountBy::Nothing)?.values().sum());
        }
        let (conds, values) = filter.to_sql();
        let sql = format!(
            "SELECT count(*) FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE {}",
            conds.join(" AND ")
        );
        let total: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
        Ok(total as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn date_filters_split_into_whole_and_partial_months() {
        let show = |from: &str, to: &str| {
            let split = split_dates(day(from), day(to));
            let whole = split
                .whole
                .map(|(a, b)| format!("{}..{}", a.unwrap_or_default(), b.unwrap_or_default()))
                .unwrap_or("-".into());
            let partial: Vec<String> = split
                .partial
                .iter()
                .map(|(a, b)| format!("{a}..{b}"))
                .collect();
            format!("{whole} {}", partial.join(" "))
        };
        let cases = [
            ("2024-01-01", "2024-12-31", "2024-01..2024-12 "),
            (
                "2024-01-15",
                "2024-03-10",
                "2024-02..2024-02 2024-01-15..2024-01-31 2024-03-01..2024-03-10",
            ),
            ("2024-02-03", "2024-02-20", "- 2024-02-03..2024-02-20"),
            ("2024-02-01", "2024-02-29", "2024-02..2024-02 "),
            (
                "2024-01-15",
                "2024-02-10",
                "- 2024-01-15..2024-01-31 2024-02-01..2024-02-10",
            ),
            ("2024-03-05", "", "2024-04.. 2024-03-05..2024-03-31"),
            ("", "2024-03-05", "..2024-02 2024-03-01..2024-03-05"),
            ("2024-05-01", "2024-04-01", "- "),
        ];
        for (from, to, expected) in cases {
            assert_eq!(show(from, to), expected, "{from}..{to}");
        }
    }
}
