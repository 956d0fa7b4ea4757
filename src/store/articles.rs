//! Articles and their occurrences: the one place articles are written.
//!
//! An insertion is one transaction: the article row (the FTS index follows by
//! trigger), its first occurrence, its MinHash signature and LSH band keys,
//! and its near-duplicate links. A crash between two articles leaves every
//! earlier article whole and the later ones absent, so re-running the import
//! completes the rest.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params, types::Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Store, near_duplicates, sources};
use crate::dedupe::{self, Signature};
use crate::error::{Error, Result};
use crate::model::{Article, ArticleSummary, DatePrecision, Format, Origin, Page, Published};

/// A validated article ready to be stored.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Where it was read from.
    pub origin: Origin,
    /// Record id, else file stem.
    pub external_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Body text.
    pub text: String,
    /// URL.
    pub url: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Outlet name, when known.
    pub source_name: Option<String>,
    /// Outlet domain, when known.
    pub source_domain: Option<String>,
    /// Publication date.
    pub published: Option<Published>,
    /// Byline.
    pub author: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Format.
    pub format: Format,
    /// Knowingly incomplete text.
    pub partial: bool,
    /// Hash of the normalised text.
    pub content_hash: [u8; 32],
    /// MinHash signature of the text.
    pub signature: Signature,
}

/// What storing one input did.
#[derive(Debug, Clone, PartialEq)]
pub enum Insertion {
    /// A new article was stored.
    New {
        /// Its id.
        id: i64,
        /// Existing articles it was linked to as a near-duplicate, with similarity.
        near_duplicates: Vec<(i64, f64)>,
    },
    /// The text was already stored; the occurrence was recorded.
    Duplicate {
        /// The existing article.
        id: i64,
        /// Its external id, to report which article the input matched.
        external_id: String,
    },
}

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
            conds.push(super::research_filters::TAGGED.into());
            for _ in 0..2 {
                values.push(Value::Text(lowercase_json(&self.tags)));
            }
        }
        if !self.collections.is_empty() {
            conds.push(super::research_filters::COLLECTED.into());
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

/// What the exact-duplicate check needs of a stored article.
struct StoredReport {
    id: i64,
    external_id: String,
    title: Option<String>,
    source_name: Option<String>,
    source_domain: Option<String>,
}

impl StoredReport {
    /// True when `article`, whose text repeats this one's, is the same
    /// report: no other outlet, and no other headline (one headline may
    /// hold the other, as a page title holds the headline and the outlet's
    /// name).
    fn is_same_report(&self, article: &NewArticle) -> bool {
        // Outlets are compared by domain when both have one (a page saved
        // from a crawl and the same page saved by hand may know only the
        // site's name), else by name.
        let same = |stored: Option<&str>, new: Option<&str>| match (stored, new) {
            (Some(stored), Some(new)) => Some(stored.trim().eq_ignore_ascii_case(new.trim())),
            _ => None,
        };
        let same_source = same(
            self.source_domain.as_deref(),
            article.source_domain.as_deref(),
        )
        .or_else(|| same(self.source_name.as_deref(), article.source_name.as_deref()))
        .unwrap_or(true);
        let same_title = match (self.title.as_deref(), article.title.as_deref()) {
            (Some(stored), Some(new)) => {
                let (stored, new) = (dedupe::normalise(stored), dedupe::normalise(new));
                stored.contains(&new) || new.contains(&stored)
            }
            _ => true,
        };
        same_source && same_title
    }
}

/// An outlet's identity for the duplicate check: its domain, else its name.
fn source_key(domain: Option<&str>, name: Option<&str>) -> Option<String> {
    domain
        .or(name)
        .map(|key| key.trim().to_lowercase())
        .filter(|key| !key.is_empty())
}

/// Hash of a report whose text another report already has: the text's
/// hash with the outlet and the headline.
fn report_hash(article: &NewArticle) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&article.content_hash);
    hasher.update(b"\0");
    let source = source_key(
        article.source_domain.as_deref(),
        article.source_name.as_deref(),
    )
    .unwrap_or_default();
    hasher.update(source.as_bytes());
    hasher.update(b"\0");
    hasher.update(dedupe::normalise(article.title.as_deref().unwrap_or("")).as_bytes());
    *hasher.finalize().as_bytes()
}

/// Adds stored articles to the full-text index (no trigger does since
/// migration 8), in one statement however many: FTS5 writes the terms it
/// holds out as a segment of their own whenever a statement journal opens,
/// and every article's INSERT opens one, so indexing each article as it
/// was inserted wrote (and merged) one segment per article.
pub(crate) fn index_for_search(conn: &Connection, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, title, text)
         SELECT id, title, text FROM articles WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?
    .execute([serde_json::to_string(ids)?])?;
    Ok(())
}

impl Store {
    /// Stores one article, or records it as an occurrence of the same
    /// report already stored (same normalised text, and neither another
    /// outlet nor another headline). One transaction.
    ///
    /// Inside [`Store::begin_bulk`] … [`Store::end_bulk`] the article is a
    /// savepoint of the enclosing transaction: still all-or-nothing, but many
    /// articles share one commit, which keeps the FTS index from merging
    /// segments after every article.
    pub fn insert_article(
        &mut self,
        article: &NewArticle,
        batch: Option<i64>,
        now: &str,
    ) -> Result<Insertion> {
        // Inside a group of inserts the full-text index is written when the
        // group commits (`end_bulk`); alone, with the article.
        let index_later = self.in_bulk;
        let tx = self.conn.savepoint()?;
        let stored_with = |hash: &[u8; 32]| -> rusqlite::Result<Option<StoredReport>> {
            tx.prepare_cached(
                "SELECT a.id, a.external_id, a.title, s.name, s.domain
                 FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.content_hash = ?1",
            )?
            .query_row([&hash[..]], |r| {
                Ok(StoredReport {
                    id: r.get(0)?,
                    external_id: r.get(1)?,
                    title: r.get(2)?,
                    source_name: r.get(3)?,
                    source_domain: r.get(4)?,
                })
            })
            .optional()
        };
        // The same text from another outlet, or under another headline, is
        // a report of its own (a wire copy another outlet ran, a paywall
        // notice standing in for a page's text): it is stored under a hash
        // of its text, outlet and headline, and linked to the first as a
        // near-duplicate, so no report is lost and none is stored twice.
        let mut content_hash = article.content_hash;
        let mut existing = stored_with(&content_hash)?;
        if existing
            .as_ref()
            .is_some_and(|stored| !stored.is_same_report(article))
        {
            content_hash = report_hash(article);
            existing = stored_with(&content_hash)?;
        }
        let existing = existing.map(|stored| (stored.id, stored.external_id));
        let origin = &article.origin;
        let insert_occurrence = |article_id: i64, duplicate: bool| -> rusqlite::Result<usize> {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO occurrences (article_id, batch_id, path, record, line, byte_offset, format, is_duplicate)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                    article_id,
                    batch,
                    origin.path,
                    origin.record.as_deref().unwrap_or(""),
                    origin.line.map(|l| l as i64),
                    origin.offset.map(|o| o as i64),
                    article.format.as_str(),
                    duplicate
                ])
        };
        if let Some((id, external_id)) = existing {
            insert_occurrence(id, true)?;
            tx.commit()?;
            return Ok(Insertion::Duplicate { id, external_id });
        }

        let source_id = sources::resolve(
            &tx,
            article.source_name.as_deref(),
            article.source_domain.as_deref(),
        )?;
        tx.prepare_cached(
            "INSERT INTO articles (external_id, source_id, title, text, url, canonical_url, published,
                 published_precision, published_timestamp, author, language, format, partial, content_hash,
                 chars, origin_path, origin_record, batch_id, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        )?
        .execute(params![
                article.external_id,
                source_id,
                article.title,
                article.text,
                article.url,
                article.canonical_url,
                article.published.as_ref().map(|p| p.date.to_string()),
                article.published.as_ref().map(|p| p.precision.as_str()),
                article.published.as_ref().and_then(|p| p.timestamp.clone()),
                article.author,
                article.language,
                article.format.as_str(),
                article.partial,
                &content_hash[..],
                article.text.chars().count() as i64,
                origin.path,
                origin.record,
                batch,
                now
            ])?;
        let id = tx.last_insert_rowid();
        if !index_later {
            index_for_search(&tx, &[id])?;
        }
        insert_occurrence(id, false)?;

        let near_duplicates = near_duplicates::link_near_duplicates(&tx, id, &article.signature)?;
        tx.commit()?;
        if index_later {
            self.unindexed.push(id);
        }
        Ok(Insertion::New {
            id,
            near_duplicates,
        })
    }

    /// Starts a transaction that groups many [`Store::insert_article`] calls.
    pub fn begin_bulk(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        self.in_bulk = true;
        Ok(())
    }

    /// Commits the group started by [`Store::begin_bulk`], with its
    /// articles' full-text index.
    pub fn end_bulk(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            // Kept until indexed: a failure here leaves them for the next try.
            index_for_search(&self.conn, &self.unindexed)?;
            self.unindexed.clear();
            self.conn.execute_batch("COMMIT")?;
        }
        self.unindexed.clear();
        self.in_bulk = false;
        Ok(())
    }

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
