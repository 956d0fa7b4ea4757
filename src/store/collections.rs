//! Collections: named, ordered sets of articles and stories (a research
//! project, a chapter).
//!
//! Adding to a collection that does not exist creates it; items keep the
//! order they were added in (`position`) until the researcher moves one,
//! and an article already in the collection is not added twice. A story in
//! a collection follows its articles across regroupings (see
//! `story_anchors`).

use rusqlite::{Connection, TransactionBehavior, params};
use serde::Serialize;
use ts_rs::TS;

use super::names::Names;
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
    /// The article's headline or the story's title, to show in a list
    /// (`null` when it has none).
    pub title: Option<String>,
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

/// Collections by name.
const COLLECTIONS: Names = Names {
    table: "collections",
    kind: "collection",
    max_chars: MAX_COLLECTION_CHARS,
};

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
        let name = COLLECTIONS.clean(name)?;
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
        let id = match COLLECTIONS.id(&tx, name)? {
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

    /// Removes articles and stories from a collection; returns how many
    /// were in it. The items after them close up (positions stay in order).
    pub fn remove_from_collection(
        &mut self,
        name: &str,
        entries: &[CollectionEntry],
    ) -> Result<usize> {
        let (articles, stories) = split_entries(entries);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = COLLECTIONS.require(&tx, name)?;
        let removed = tx.execute(
            "DELETE FROM collection_items WHERE collection_id = ?1
             AND (article_id IN (SELECT value FROM json_each(?2))
                  OR story_id IN (SELECT value FROM json_each(?3)))",
            params![
                id,
                serde_json::to_string(&articles)?,
                serde_json::to_string(&stories)?
            ],
        )?;
        renumber(&tx, id, None)?;
        tx.commit()?;
        Ok(removed)
    }

    /// Moves the item at `from` to `to` (positions as
    /// [`Store::collection_items`] lists them, from 1), the items between
    /// shifting by one; returns the items in their new order. A position
    /// past the end is `invalid_argument`.
    pub fn move_in_collection(
        &mut self,
        name: &str,
        from: usize,
        to: usize,
    ) -> Result<Vec<CollectionItem>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = COLLECTIONS.require(&tx, name)?;
        renumber(&tx, id, Some((from, to)))?;
        tx.commit()?;
        self.collection_items(name)
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

    /// A collection's items in order, renumbered from 1, each with its
    /// article's headline or its story's title.
    pub fn collection_items(&self, name: &str) -> Result<Vec<CollectionItem>> {
        let id = COLLECTIONS.require(&self.conn, name)?;
        let mut stmt = self.conn.prepare(
            "SELECT i.article_id, i.story_id, i.orphaned,
                    CASE WHEN i.article_id IS NOT NULL THEN a.title
                         WHEN i.orphaned = 0 THEN s.title END
             FROM collection_items i
             LEFT JOIN articles a ON a.id = i.article_id
             LEFT JOIN stories s ON s.id = i.story_id
             WHERE i.collection_id = ?1 ORDER BY i.position, i.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? == 1, r.get(3)?))
        })?;
        let mut items = Vec::new();
        for (index, row) in rows.enumerate() {
            let (article, story, orphaned, title) = row?;
            items.push(CollectionItem {
                position: i64::try_from(index).unwrap_or(i64::MAX - 1) + 1,
                title,
                article,
                story,
                orphaned,
            });
        }
        Ok(items)
    }
}

/// The articles and the stories among `entries`.
fn split_entries(entries: &[CollectionEntry]) -> (Vec<i64>, Vec<i64>) {
    let mut articles = Vec::new();
    let mut stories = Vec::new();
    for entry in entries {
        match entry {
            CollectionEntry::Article(id) => articles.push(*id),
            CollectionEntry::Story(id) => stories.push(*id),
        }
    }
    (articles, stories)
}

/// Writes a collection's positions as 1, 2, 3… in their current order,
/// after moving the item at listed position `from` to `to` when asked.
fn renumber(conn: &Connection, collection: i64, moved: Option<(usize, usize)>) -> Result<()> {
    let mut items: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM collection_items WHERE collection_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([collection], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if let Some((from, to)) = moved {
        let count = items.len();
        if !(1..=count).contains(&from) || !(1..=count).contains(&to) {
            return Err(Error::InvalidArgument(format!(
                "positions run from 1 to {count} in this collection (asked to move {from} to {to})"
            )));
        }
        let item = items.remove(from - 1);
        items.insert(to - 1, item);
    }
    let mut update = conn.prepare(
        "UPDATE collection_items SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
    )?;
    for (index, item) in items.iter().enumerate() {
        update.execute(params![
            item,
            i64::try_from(index).unwrap_or(i64::MAX - 1) + 1
        ])?;
    }
    Ok(())
}
