//! Extraction rows: writing an article's [`Extraction`] into its tables,
//! reading it back, and resolving mentions to archive-wide entities.
//!
//! Entity resolution is by alias: every name a mention was written with is
//! an `entity_aliases` row pointing at one entity, with the reason it was put
//! there. A new name joins an existing entity when (in this order) it is
//! the same gazetteer place, has the same normalised key, or is a
//! transliteration/spelling variant that [`same_entity`](crate::extract::entities::same_entity) accepts;
//! otherwise it starts a new entity. Aliases a person assigned (merge,
//! split) are marked `user` and are never reassigned automatically, so
//! people's decisions win on every re-run.
//!
//! [`rows`] writes and reads the items, [`entities`] resolves and edits
//! entities, [`spans`] checks stored spans against the text.

mod entities;
mod rows;
mod spans;

use rusqlite::params;

use super::Store;
use crate::error::Result;
use crate::extract::items::Extraction;
pub use entities::{AliasSummary, EntitySummary};
use rows::{load, save};
pub use spans::{SpanCheck, SpanMismatch};

/// What extraction reads of one article ([`Store::extraction_input`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractionInput {
    /// Headline.
    pub title: Option<String>,
    /// Body text.
    pub text: String,
    /// Publication date, only when known to the day: relative dates are
    /// resolved against it.
    pub published: Option<chrono::NaiveDate>,
    /// The outlet's domain, when the article has an outlet.
    pub domain: Option<String>,
    /// The article's URL (its domain stands in for a missing outlet's).
    pub url: Option<String>,
}

impl Store {
    /// Stores an article's extraction (one savepoint), filling in entity ids.
    pub fn save_extraction(&mut self, article: i64, extraction: &mut Extraction) -> Result<()> {
        let sp = self.conn.savepoint()?;
        save(&sp, article, extraction)?;
        sp.commit()?;
        Ok(())
    }

    /// An article's stored extraction, `None` if not extracted yet.
    pub fn extraction(&self, article: i64) -> Result<Option<Extraction>> {
        load(&self.conn, article)
    }

    /// An article's stored extraction with only what story grouping reads
    /// (figures, quotes and events left empty); `None` if not extracted.
    pub fn extraction_for_grouping(&self, article: i64) -> Result<Option<Extraction>> {
        rows::load_parts(&self.conn, article, rows::Parts::ForGrouping)
    }

    /// What extraction reads of one article: title, text, the publication
    /// date when it is known to the day, and the outlet's domain and URL.
    pub fn extraction_input(&self, article: i64) -> Result<ExtractionInput> {
        Ok(self.conn.query_row(
            "SELECT a.title, a.text, a.published, a.published_precision, s.domain, a.url
             FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
            [article],
            |r| {
                let precision: Option<String> = r.get(3)?;
                let published = r
                    .get::<_, Option<String>>(2)?
                    .filter(|_| precision.as_deref() == Some("day"))
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
                Ok(ExtractionInput {
                    title: r.get(0)?,
                    text: r.get(1)?,
                    published,
                    domain: r.get(4)?,
                    url: r.get::<_, Option<String>>(5).ok().flatten(),
                })
            },
        )?)
    }

    /// Ids of articles with no extraction or one made by another extractor version.
    pub fn articles_needing_extraction(&self, version: u32, all: bool) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article_id = a.id
             WHERE ?2 OR e.version IS NULL OR e.version <> ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map(params![version, all], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<i64>, _>>()?)
    }
}
