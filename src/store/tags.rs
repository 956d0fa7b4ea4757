//! Tags on articles and stories: add, remove, list, rename, merge.
//!
//! A tag is a name (unique without regard to case, as a person reads it);
//! adding a tag that does not exist yet creates it. A tag on a story follows
//! the story's articles across regroupings (see `story_anchors`). Every
//! write checks all of its input before writing anything: one unknown
//! article refuses the whole command.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use ts_rs::TS;

use super::names::Names;
use super::{Store, story_anchors};
use crate::error::{Error, Result};

/// Longest tag name, in characters.
pub const MAX_TAG_CHARS: usize = 200;

/// A tag with what carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Tag {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Articles tagged.
    pub articles: u64,
    /// Stories tagged (those found again after regroupings).
    pub stories: u64,
    /// Story tags whose story could not be found again.
    pub orphaned_stories: u64,
}

/// Tags by name.
const TAGS: Names = Names {
    table: "tags",
    kind: "tag",
    max_chars: MAX_TAG_CHARS,
};

/// Fails on the first id that is not an article's.
pub(crate) fn require_articles(conn: &Connection, articles: &[i64]) -> Result<()> {
    if articles.is_empty() {
        return Err(Error::InvalidArgument("name at least one article".into()));
    }
    let missing: Option<i64> = conn
        .query_row(
            "SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT id FROM articles) LIMIT 1",
            [serde_json::to_string(articles)?],
            |r| r.get(0),
        )
        .optional()?;
    match missing {
        Some(id) => Err(Error::NotFound {
            kind: "article",
            id: id.to_string(),
        }),
        None => Ok(()),
    }
}

/// The tag's id, created when it does not exist.
fn ensure_tag(conn: &Connection, name: &str, now: &str) -> Result<i64> {
    if let Some(id) = TAGS.id(conn, name)? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO tags (name, created_at) VALUES (?1, ?2)",
        params![name, now],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// Tags articles (creating the tag); returns how many were newly tagged.
    pub fn tag_articles(&mut self, tag: &str, articles: &[i64], now: &str) -> Result<usize> {
        let name = TAGS.clean(tag)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_articles(&tx, articles)?;
        let id = ensure_tag(&tx, name, now)?;
        let mut added = 0;
        for article in articles {
            added += tx.execute(
                "INSERT OR IGNORE INTO article_tags (tag_id, article_id) VALUES (?1, ?2)",
                params![id, article],
            )?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Tags a story (creating the tag); false when it already had the tag.
    pub fn tag_story(&mut self, tag: &str, story: i64, now: &str) -> Result<bool> {
        let name = TAGS.clean(tag)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let members = story_anchors::members(&tx, story)?;
        let id = ensure_tag(&tx, name, now)?;
        let present: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM story_tags WHERE tag_id = ?1 AND story_id = ?2 AND orphaned = 0)",
            params![id, story],
            |r| r.get(0),
        )?;
        if !present {
            tx.execute(
                "INSERT INTO story_tags (tag_id, story_id, story_articles) VALUES (?1, ?2, ?3)",
                params![id, story, serde_json::to_string(&members)?],
            )?;
        }
        tx.commit()?;
        Ok(!present)
    }

    /// Removes a tag from articles; returns how many had it.
    pub fn untag_articles(&mut self, tag: &str, articles: &[i64]) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = TAGS.require(&tx, tag.trim())?;
        let removed = tx.execute(
            "DELETE FROM article_tags WHERE tag_id = ?1 AND article_id IN (SELECT value FROM json_each(?2))",
            params![id, serde_json::to_string(articles)?],
        )?;
        tx.commit()?;
        Ok(removed)
    }

    /// Every tag with its counts, by name.
    pub fn tags(&self) -> Result<Vec<Tag>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.name,
                    (SELECT count(*) FROM article_tags a WHERE a.tag_id = t.id),
                    (SELECT count(*) FROM story_tags s WHERE s.tag_id = t.id AND s.orphaned = 0),
                    (SELECT count(*) FROM story_tags s WHERE s.tag_id = t.id AND s.orphaned = 1)
             FROM tags t ORDER BY t.name COLLATE NOCASE, t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Tag {
                id: r.get(0)?,
                name: r.get(1)?,
                articles: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                stories: r.get::<_, i64>(3)?.try_into().unwrap_or(0),
                orphaned_stories: r.get::<_, i64>(4)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The names of an article's tags, by name.
    pub fn tags_of_article(&self, article: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.name FROM tags t JOIN article_tags a ON a.tag_id = t.id
             WHERE a.article_id = ?1 ORDER BY t.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([article], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Renames a tag. A name another tag already has is refused: that is a
    /// merge ([`Store::merge_tags`]), which a person should ask for.
    pub fn rename_tag(&mut self, from: &str, to: &str) -> Result<()> {
        let to = TAGS.clean(to)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = TAGS.require(&tx, from.trim())?;
        if let Some(other) = TAGS.id(&tx, to)?.filter(|other| *other != id) {
            return Err(Error::InvalidArgument(format!(
                "a tag named {to:?} exists already (id {other}); merge the two instead"
            )));
        }
        tx.execute("UPDATE tags SET name = ?2 WHERE id = ?1", params![id, to])?;
        tx.commit()?;
        Ok(())
    }

    /// Moves everything tagged `from` to `into` and removes `from`.
    pub fn merge_tags(&mut self, from: &str, into: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from_id = TAGS.require(&tx, from.trim())?;
        let into_id = TAGS.require(&tx, into.trim())?;
        if from_id == into_id {
            return Err(Error::InvalidArgument(
                "a tag cannot be merged into itself".into(),
            ));
        }
        tx.execute(
            "INSERT OR IGNORE INTO article_tags (tag_id, article_id)
             SELECT ?2, article_id FROM article_tags WHERE tag_id = ?1",
            params![from_id, into_id],
        )?;
        tx.execute(
            "UPDATE story_tags SET tag_id = ?2 WHERE tag_id = ?1",
            params![from_id, into_id],
        )?;
        tx.execute("DELETE FROM tags WHERE id = ?1", [from_id])?;
        // Stories both tags were on are now tagged twice: keep one.
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
