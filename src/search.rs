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

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{ArticleSummary, Page};
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

/// Runs a search; results are ordered by relevance, then id.
pub fn search(store: &Store, request: &SearchQuery) -> Result<Page<Hit>> {
    let query = request.query.trim();
    if query.is_empty() {
        return Err(Error::InvalidQuery {
            query: request.query.clone(),
            message: "the query is empty".into(),
        });
    }
    let matches = store.text_matches(query, &request.filter, request.offset, request.limit)?;
    Ok(Page {
        total: matches.total,
        offset: matches.offset,
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
