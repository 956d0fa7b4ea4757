//! The article list's filters and orders: [`ArticleFilter`] (shared by the
//! list, search and facets, and kept with a saved search) as SQL conditions,
//! and [`ArticleSort`].

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Filters shared by the article list and search (and kept with a saved
/// search, hence serialisable; every field may be left out).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ArticleFilter {
    /// Outlet name or domain (case-insensitive), any of these.
    pub sources: Vec<String>,
    /// Earliest publication date, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest publication date, inclusive.
    pub to: Option<NaiveDate>,
    /// Language codes, any of these.
    pub languages: Vec<String>,
    /// Story ids, any of these (articles grouped into one of them).
    pub stories: Vec<i64>,
    /// Tag names, any of these (articles tagged, or in a tagged story).
    pub tags: Vec<String>,
    /// Collection names, any of these (articles in one, or in a story in one).
    pub collections: Vec<String>,
}

impl ArticleFilter {
    /// SQL conditions on the `articles a` / `sources s` join, with their parameters.
    pub(crate) fn to_sql(&self) -> (Vec<String>, Vec<Value>) {
        let mut conds = Vec::new();
        let mut values = Vec::new();
        if !self.sources.is_empty() {
            let marks = vec!["?"; self.sources.len()].join(", ");
            // As a set of outlet ids, so that SQLite reads the articles of
            // those outlets off `articles_by_source` instead of every
            // article's outlet row.
            conds.push(format!(
                "a.source_id IN (SELECT id FROM sources WHERE lower(name) IN ({marks}) OR lower(domain) IN ({marks}))"
            ));
            for _ in 0..2 {
                values.extend(self.sources.iter().map(|s| Value::Text(s.to_lowercase())));
            }
        }
        if let Some(from) = self.from {
            conds.push("a.published >= ?".into());
            values.push(Value::Text(from.to_string()));
        }
        if let Some(to) = self.to {
            conds.push("a.published <= ?".into());
            values.push(Value::Text(to.to_string()));
        }
        if !self.languages.is_empty() {
            let marks = vec!["?"; self.languages.len()].join(", ");
            conds.push(format!("a.language IN ({marks})"));
            values.extend(self.languages.iter().map(|l| Value::Text(l.to_lowercase())));
        }
        if !self.stories.is_empty() {
            let marks = vec!["?"; self.stories.len()].join(", ");
            conds.push(format!(
                "a.id IN (SELECT article_id FROM story_members WHERE story_id IN ({marks}))"
            ));
            values.extend(self.stories.iter().map(|id| Value::Integer(*id)));
        }
        if !self.tags.is_empty() {
            conds.push(super::super::research_filters::TAGGED.into());
            for _ in 0..2 {
                values.push(Value::Text(lowercase_json(&self.tags)));
            }
        }
        if !self.collections.is_empty() {
            conds.push(super::super::research_filters::COLLECTED.into());
            for _ in 0..2 {
                values.push(Value::Text(lowercase_json(&self.collections)));
            }
        }
        (conds, values)
    }
}

/// Names as a JSON array, lower-cased as SQLite's `lower` does (ASCII
/// only), for a comparison without case.
fn lowercase_json(names: &[String]) -> String {
    let lower: Vec<String> = names
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    serde_json::Value::from(lower).to_string()
}

/// Orders for the article list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ArticleSort {
    /// Newest publication first, unknown dates last.
    #[default]
    Published,
    /// Oldest publication first.
    PublishedAsc,
    /// By headline.
    Title,
    /// By outlet name.
    Source,
    /// Order of import.
    Imported,
}

impl ArticleSort {
    /// The order's name, as front ends and page tokens give it.
    pub fn name(self) -> &'static str {
        match self {
            ArticleSort::Published => "published",
            ArticleSort::PublishedAsc => "oldest",
            ArticleSort::Title => "title",
            ArticleSort::Source => "source",
            ArticleSort::Imported => "imported",
        }
    }
}
