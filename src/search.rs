//! Full-text search over titles and texts: SQLite FTS5 with bm25 ranking.
//!
//! A query matching at most [`RANKED_WINDOW`] articles has every match
//! ranked by bm25 and counted. One matching more (a common word in a large
//! archive) has its newest [`RANKED_WINDOW`] matches ranked by bm25, the
//! rest following newest imported first, and its total given as "more
//! than" — the reply's `ranking` and `total_exact` say which, so a front
//! end can tell the researcher (see ARCHITECTURE.md, "Decisions").
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

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::ArticleSummary;
pub use crate::store::search::RANKED_WINDOW;
use crate::store::search::{MATCH_END, MATCH_START};
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
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
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

/// How a page of results was ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Ranking {
    /// Every match ranked by bm25 relevance, then id.
    Relevance,
    /// The newest [`RANKED_WINDOW`] matches (by import) ranked by bm25
    /// relevance, then the others newest imported first: more matched
    /// than can be ranked quickly.
    NewestRanked,
}

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchPage {
    /// Matches over all pages: every one when `total_exact`, else a lower
    /// bound (more matched and they were not counted).
    pub total: u64,
    /// Whether `total` counts every match.
    pub total_exact: bool,
    /// Offset of the first result of this page.
    pub offset: u64,
    /// How the results are ordered.
    pub ranking: Ranking,
    /// The results of this page.
    pub items: Vec<Hit>,
}

/// Runs a search; results are ordered by relevance, then id (see
/// [`Ranking`] for a query matching more than [`RANKED_WINDOW`]).
pub fn search(store: &Store, request: &SearchQuery) -> Result<SearchPage> {
    let query = request.query.trim();
    if query.is_empty() {
        return Err(Error::InvalidQuery {
            query: request.query.clone(),
            message: "the query is empty".into(),
        });
    }
    let matches = store.text_matches(query, &request.filter, request.offset, request.limit)?;
    Ok(SearchPage {
        total: matches.total,
        total_exact: matches.exact,
        offset: request.offset,
        ranking: if matches.all_ranked {
            Ranking::Relevance
        } else {
            Ranking::NewestRanked
        },
        items: matches
            .items
            .into_iter()
            .map(|found| Hit {
                article: found.article,
                score: -found.rank,
                snippet: mark(&found.snippet),
                title_highlighted: found
                    .title
                    .filter(|t| t.contains(MATCH_START))
                    .map(|t| mark(&t)),
            })
            .collect(),
    })
}

/// How many articles a query finds among those `filter` selects, every
/// match counted however many (a saved search's count).
pub fn count(store: &Store, query: &str, filter: &ArticleFilter) -> Result<u64> {
    let query = query.trim();
    if query.is_empty() {
        return Err(Error::InvalidQuery {
            query: query.to_string(),
            message: "the query is empty".into(),
        });
    }
    store.text_match_count(query, filter)
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
            MATCH_START if !open => {
                open = true;
                out.push_str("<mark>");
            }
            MATCH_END if open => {
                open = false;
                out.push_str("</mark>");
            }
            MATCH_START | MATCH_END => {}
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
