//! Articles and their occurrences: the one place articles are written.
//!
//! An insertion is one transaction: the article row (the FTS index follows by
//! trigger), its first occurrence, its MinHash signature and LSH band keys,
//! and its near-duplicate links. A crash between two articles leaves every
//! earlier article whole and the later ones absent, so re-running the import
//! completes the rest.
//!
//! [`insertion`] writes articles, [`filter`] turns the list's filters and
//! orders into SQL; this module reads articles back and edits them.

mod filter;
mod insertion;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use ts_rs::TS;

use super::{Store, sources};
use crate::error::{Error, Result};
use crate::model::{Article, ArticleSummary, DatePrecision, Page};
pub use filter::{ArticleFilter, ArticleSort};
pub(crate) use insertion::index_for_search;
pub use insertion::{Insertion, NewArticle};

/// A place an article was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Occurrence {
    /// File or container path.
    pub path: String,
    /// Record inside it.
    pub record: Option<String>,
    /// Line.
    pub line: Option<u64>,
    /// Byte offset.
    pub offset: Option<u64>,
    /// Format.
    pub format: String,
    /// False for the occurrence that created the article.
    pub duplicate: bool,
    /// Batch.
    pub batch: Option<i64>,
}

/// Archive totals.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Stats {
    /// Articles stored.
    pub articles: u64,
    /// Outlets.
    pub sources: u64,
    /// Import runs.
    pub batches: u64,
    /// Inputs that were exact duplicates of stored articles.
    pub duplicate_occurrences: u64,
    /// Near-duplicate links.
    pub near_duplicate_links: u64,
    /// Characters of text stored.
    pub chars: u64,
    /// Earliest publication date.
    pub first_published: Option<String>,
    /// Latest publication date.
    pub last_published: Option<String>,
    /// Articles with no known publication date.
    pub undated: u64,
    /// Articles per language code (`unknown` for undetected).
    pub languages: BTreeMap<String, u64>,
    /// Articles per format.
    pub formats: BTreeMap<String, u64>,
    /// Schema version.
    pub schema_version: u32,
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "a.id, a.external_id, a.origin_path, s.name, a.url, a.title, a.published, a.language, a.chars";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        external_id: r.get(1)?,
        path: r.get(2)?,
        source: r.get(3)?,
        url: r.get(4)?,
        title: r.get(5)?,
        published: parse_date(r.get::<_, Option<String>>(6)?),
        language: r.get(7)?,
        chars: r.get(8)?,
    })
}

fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

impl Store {
    /// One article with its text.
    pub fn article(&self, id: i64) -> Result<Article> {
        self.conn
            .query_row(
                "SELECT a.id, a.external_id, a.origin_path, a.origin_record, s.name, a.source_id, a.url,
                        a.canonical_url, a.title, a.published, a.published_precision, a.published_timestamp,
                        a.author, a.language, a.format, a.chars, a.partial, a.batch_id, a.imported_at,
                        a.content_hash, a.text
                 FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
                [id],
                |r| {
                    let hash: Vec<u8> = r.get(19)?;
                    Ok(Article {
                        id: r.get(0)?,
                        external_id: r.get(1)?,
                        path: r.get(2)?,
                        record: r.get(3)?,
                        source: r.get(4)?,
                        source_id: r.get(5)?,
                        url: r.get(6)?,
                        canonical_url: r.get(7)?,
                        title: r.get(8)?,
                        published: parse_date(r.get(9)?),
                        published_precision: r.get::<_, Option<String>>(10)?.as_deref().and_then(DatePrecision::parse),
                        published_timestamp: r.get(11)?,
                        author: r.get(12)?,
                        language: r.get(13)?,
                        format: r.get(14)?,
                        chars: r.get(15)?,
                        partial: r.get(16)?,
                        batch_id: r.get(17)?,
                        imported_at: r.get(18)?,
                        content_hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
                        text: r.get(20)?,
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotFound { kind: "article", id: id.to_string() })
    }

    /// Finds an article by archive id or, failing that, by external id.
    pub fn find_article(&self, key: &str) -> Result<Article> {
        if let Ok(id) = key.parse::<i64>()
            && let Ok(article) = self.article(id)
        {
            return Ok(article);
        }
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM articles WHERE external_id = ?1 ORDER BY id LIMIT 1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.article(id),
            None => Err(Error::NotFound {
                kind: "article",
                id: key.to_string(),
            }),
        }
    }

    /// A page of articles matching `filter`, from row `offset` (see
    /// [`Store::articles_page`], which also reads from a page token).
    pub fn articles(
        &self,
        filter: &ArticleFilter,
        sort: ArticleSort,
        offset: u64,
        limit: u64,
    ) -> Result<Page<ArticleSummary>> {
        self.articles_page(filter, sort, None, offset, limit)
    }

    /// Every article's external id with its archive id, and the record id
    /// of every repeat stored as an occurrence of an article (an evaluation
    /// maps gold files, which name articles by record id, onto the archive).
    pub fn external_ids(&self) -> Result<std::collections::HashMap<String, i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT record, article_id FROM occurrences WHERE record != ''
             UNION ALL SELECT external_id, id FROM articles",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (external, id) = row?;
            out.insert(external, id);
        }
        Ok(out)
    }

    /// Every article's id, in id order.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many articles the archive holds.
    pub fn article_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Every place an article was seen, first occurrence first.
    pub fn occurrences(&self, article: i64) -> Result<Vec<Occurrence>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, record, line, byte_offset, format, is_duplicate, batch_id
             FROM occurrences WHERE article_id = ?1 ORDER BY is_duplicate, id",
        )?;
        let rows = stmt.query_map([article], |r| {
            Ok(Occurrence {
                path: r.get(0)?,
                record: r
                    .get::<_, String>(1)
                    .map(|s| if s.is_empty() { None } else { Some(s) })?,
                line: r.get::<_, Option<i64>>(2)?.map(|l| l as u64),
                offset: r.get::<_, Option<i64>>(3)?.map(|l| l as u64),
                format: r.get(4)?,
                duplicate: r.get(5)?,
                batch: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Articles linked to `article` as near-duplicates, with their similarity.
    pub fn near_duplicates(&self, article: i64) -> Result<Vec<(ArticleSummary, f64)>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS}, n.similarity
             FROM near_duplicates n
             JOIN articles a ON a.id = CASE WHEN n.a = ?1 THEN n.b ELSE n.a END
             LEFT JOIN sources s ON s.id = a.source_id
             WHERE n.a = ?1 OR n.b = ?1 ORDER BY n.similarity DESC, a.id"
        ))?;
        let rows = stmt.query_map([article], |r| {
            Ok((summary_from_row(r)?, r.get::<_, f64>(9)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Updates an article's editable metadata. `None` leaves a field as it is;
    /// `Some("")` clears it.
    pub fn update_article_metadata(
        &mut self,
        id: i64,
        title: Option<&str>,
        url: Option<&str>,
        published: Option<Option<NaiveDate>>,
        source: Option<&str>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM articles WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::NotFound {
                kind: "article",
                id: id.to_string(),
            });
        }
        let blank = |s: &str| {
            if s.trim().is_empty() {
                None
            } else {
                Some(s.trim().to_string())
            }
        };
        if let Some(title) = title {
            tx.execute(
                "UPDATE articles SET title = ?1 WHERE id = ?2",
                params![blank(title), id],
            )?;
        }
        if let Some(url) = url {
            tx.execute(
                "UPDATE articles SET url = ?1 WHERE id = ?2",
                params![blank(url), id],
            )?;
        }
        if let Some(published) = published {
            tx.execute(
                "UPDATE articles SET published = ?1, published_precision = ?2, published_timestamp = NULL WHERE id = ?3",
                params![published.map(|d| d.to_string()), published.map(|_| "day"), id],
            )?;
        }
        if let Some(source) = source {
            let source_id = match blank(source) {
                Some(name) => sources::resolve(&tx, Some(&name), None)?,
                None => None,
            };
            tx.execute(
                "UPDATE articles SET source_id = ?1 WHERE id = ?2",
                params![source_id, id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Archive totals.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let group = |sql: &str| -> Result<BTreeMap<String, u64>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?;
            Ok(rows.collect::<Result<BTreeMap<_, _>, _>>()?)
        };
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(published), max(published) FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            sources: count("SELECT count(*) FROM sources")?,
            batches: count("SELECT count(*) FROM import_batches")?,
            duplicate_occurrences: count(
                "SELECT count(*) FROM occurrences WHERE is_duplicate = 1",
            )?,
            near_duplicate_links: count("SELECT count(*) FROM near_duplicates")?,
            chars: count("SELECT coalesce(sum(chars), 0) FROM articles")?,
            first_published: first,
            last_published: last,
            undated: count("SELECT count(*) FROM articles WHERE published IS NULL")?,
            languages: group(
                "SELECT coalesce(language, 'unknown'), count(*) FROM articles GROUP BY 1 ORDER BY 1",
            )?,
            formats: group("SELECT format, count(*) FROM articles GROUP BY 1 ORDER BY 1")?,
            schema_version: self.schema_version()?,
        })
    }
}
