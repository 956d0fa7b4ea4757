//! Collections: named, ordered sets of articles and stories (a research
//! project, a chapter).
//!
//! Adding to a collection that does not exist creates it; items keep the
//! order they were added in (`position`), and an article already in the
//! collection is not added twice. A story in a collection follows its
//! articles across regroupings (see `story_anchors`).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use ts_rs::TS;

use super::tags::require_articles;
use super::{Store, story_anchors};
use crate::error::{Error, Result};

/// Longest collection name, in characters.
pub const MAX_COLLECTION_CHARS: usize = 200;

/// What to put in a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionEntry {
    /// An article, by id.
    Article(i64),
    /// A story, by id.
    Story(i64),
}

/// A collection with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Collection {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Articles in it.
    pub articles: u64,
    /// Stories in it (orphaned ones included).
    pub stories: u64,
    /// When made (RFC 3339).
    pub created_at: String,
}

/// One item of a collection, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectionItem {
    /// Its place in the collection, from 1.
    pub position: i64,
    /// The article, for an article.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub article: Option<i64>,
    /// The story, for a story.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub story: Option<i64>,
    /// True for a story that could not be found again after a regrouping.
    pub orphaned: bool,
}

fn clean_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidArgument("a collection name is empty".into()));
    }
    if name.chars().count() > MAX_COLLECTION_CHARS || name.chars().any(char::is_control) {
        return Err(Error::InvalidArgument(format!(
            "a collection name has at most {MAX_COLLECTION_CHARS} characters and no control characters"
        )));
    }
    Ok(name)
}

fn collection_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM collections WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

fn require_collection(conn: &Connection, name: &str) -> Result<i64> {
    collection_id(conn, name.trim())?.ok_or_else(|| Error::NotFound {
        kind: "collection",
        id: name.to_string(),
    })
}

impl Store {
    /// Appends articles and stories to a collection (creating it), in the
    /// order given; returns how many were added (an article already in it
    /// is left where it is).
    pub fn add_to_collection(
        &mut self,
        name: &str,
        entries: &[CollectionEntry],
        now: &str,
    ) -> Result<usize> {
        let name = clean_name(name)?;
        if entries.is_empty() {
            return Err(Error::InvalidArgument(
                "name at least one article or story".into(),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let articles: Vec<i64> = entries
            .iter()
            .filter_map(|e| match e {
                CollectionEntry::Article(id) => Some(*id),
                CollectionEntry::Story(_) => None,
            })
            .collect();
        if !articles.is_empty() {
            require_articles(&tx, &articles)?;
        }
        let id = match collection_id(&tx, name)? {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO collections (name, created_at) VALUES (?1, ?2)",
                    params![name, now],
                )?;
                tx.last_insert_rowid()
            }
        };
        let mut position: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) FROM collection_items WHERE collection_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let mut added = 0;
        for entry in entries {
            let inserted = match entry {
                CollectionEntry::Article(article) => tx.execute(
                    "INSERT OR IGNORE INTO collection_items (collection_id, position, article_id, added_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, position + 1, article, now],
                )?,
                CollectionEntry::Story(story) => {
                    let members = story_anchors::members(&tx, *story)?;
                    let present: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM collection_items
                                        WHERE collection_id = ?1 AND story_id = ?2 AND orphaned = 0)",
                        params![id, story],
                        |r| r.get(0),
                    )?;
                    if present {
                        0
                    } else {
                        tx.execute(
                            "INSERT INTO collection_items (collection_id, position, story_id, story_articles, added_at)
                             VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![id, position + 1, story, serde_json::to_string(&members)?, now],
                        )?
                    }
                }
            };
            position += i64::try_from(inserted).unwrap_or(0);
            added += inserted;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Removes articles from a collection; returns how many were in it.
    pub fn remove_from_collection(&mut self, name: &str, articles: &[i64]) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = require_collection(&tx, name)?;
        let removed = tx.execute(
            "DELETE FROM collection_items WHERE collection_id = ?1
             AND article_id IN (SELECT value FROM json_each(?2))",
            params![id, serde_json::to_string(articles)?],
        )?;
        tx.commit()?;
        Ok(removed)
    }

    /// Every collection with its counts, by name.
    pub fn collections(&self) -> Result<Vec<Collection>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name, c.created_at,
                    (SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id AND i.article_id IS NOT NULL),
                    (SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id AND i.story_id IS NOT NULL)
             FROM collections c ORDER BY c.name COLLATE NOCASE, c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Collection {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
                articles: r.get::<_, i64>(3)?.try_into().unwrap_or(0),
                stories: r.get::<_, i64>(4)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A collection's items in order, renumbered from 1.
    pub fn collection_items(&self, name: &str) -> Result<Vec<CollectionItem>> {
        let id = require_collection(&self.conn, name)?;
        let mut stmt = self.conn.prepare(
            "SELECT article_id, story_id, orphaned FROM collection_items
             WHERE collection_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? == 1))
        })?;
        let mut items = Vec::new();
        for (index, row) in rows.enumerate() {
            let (article, story, orphaned) = row?;
            items.push(CollectionItem {
                position: i64::try_from(index).unwrap_or(i64::MAX - 1) + 1,
                article,
                story,
                orphaned,
            });
        }
        Ok(items)
    }
}
