//! Writing articles: a validated [`NewArticle`] stored as a new article or
//! recorded as an occurrence of the same report, in one transaction or a
//! savepoint of an import's bulk transaction, and indexed for search when
//! its group commits.

use rusqlite::{Connection, OptionalExtension, params};

use super::super::{Store, near_duplicates, sources};
use crate::dedupe::{self, Signature};
use crate::error::Result;
use crate::model::{Format, Origin, Published};

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
}
