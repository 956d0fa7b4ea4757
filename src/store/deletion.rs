//! Deleting articles, an import batch's articles, a tag, a collection or a
//! note — and undoing it.
//!
//! A deletion is one transaction that first copies every row it is about to
//! remove (the article, its occurrences, MinHash signature and band keys,
//! near-duplicate links, extraction rows, story membership, and what a
//! researcher attached to it: notes, tags, collection places) into the
//! returned [`Deletion`], then deletes the articles; the schema's cascades
//! and the FTS trigger remove the rest, so the index and every table stay
//! consistent and `parallax verify` passes. Stories are kept consistent by
//! hand: a story left without members is removed (and kept in the
//! `Deletion`), the other members of a story that lost some are marked
//! stale so the next story update re-summarises it, and what was attached
//! to stories follows their articles (`story_anchors`).
//!
//! [`Store::restore`] puts the copied rows back as they were, ids included,
//! in one transaction; the FTS trigger re-indexes the articles. It refuses,
//! writing nothing, when something written since takes a restored row's
//! place (the article was imported again, a tag of that name was made) —
//! undo while a session lasts, newest first (see [`crate::undo`]). A
//! deleted article imported again is a new article: nothing of the deleted
//! one is left to match it.
//!
//! The copies live in memory only: an undo lasts as long as the process
//! that holds the `Deletion` (the desktop shell keeps them for its Edit
//! menu), and nothing deleted stays in the archive file.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};
use serde::Serialize;
use ts_rs::TS;

use super::{Store, story_anchors};
use crate::error::{Error, Result};

/// What was deleted, as a person would name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Deleted {
    /// Articles, by id.
    Articles {
        /// Their ids.
        ids: Vec<i64>,
    },
    /// The articles an import batch created.
    Batch {
        /// The batch.
        batch: i64,
        /// Their ids.
        ids: Vec<i64>,
    },
    /// A tag, from everything it was on.
    Tag {
        /// Its name.
        name: String,
    },
    /// A collection (its articles and stories stay in the archive).
    Collection {
        /// Its name.
        name: String,
    },
    /// A note.
    Note {
        /// Its id.
        id: i64,
    },
}

/// How many rows of each kind a deletion removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct DeletionCounts {
    /// Articles.
    pub articles: usize,
    /// Notes and highlights.
    pub notes: usize,
    /// Tag links (an article or story with a tag).
    pub tag_links: usize,
    /// Places in collections.
    pub collection_items: usize,
    /// Stories left without members, removed.
    pub stories_removed: usize,
    /// Stories that lost members (marked for re-summary).
    pub stories_changed: usize,
}

/// The rows of one table copied before they were deleted.
#[derive(Debug, Clone)]
struct TableRows {
    table: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// A deletion that can be undone: what was deleted, and a copy of every
/// row it removed.
#[derive(Debug, Clone)]
pub struct Deletion {
    /// What was deleted.
    pub deleted: Deleted,
    /// Counts, for the message that reports it.
    pub counts: DeletionCounts,
    /// Copies, in the order they are restored (parents first).
    tables: Vec<TableRows>,
    /// `first_article` of stories that lost it (the foreign key cleared it).
    first_articles: Vec<(i64, i64)>,
    /// Stories whose members changed, marked stale again when restored.
    stories: Vec<i64>,
}

impl Deletion {
    /// What was deleted in a few words, for an "Undo delete …" menu item
    /// or a message: `2 articles`, `import 3 (5 articles)`, `tag "x"`.
    pub fn label(&self) -> String {
        let articles = |n: usize| {
            if n == 1 {
                "1 article".to_string()
            } else {
                format!("{n} articles")
            }
        };
        match &self.deleted {
            Deleted::Articles { ids } => articles(ids.len()),
            Deleted::Batch { batch, ids } => format!("import {batch} ({})", articles(ids.len())),
            Deleted::Tag { name } => format!("tag {name:?}"),
            Deleted::Collection { name } => format!("collection {name:?}"),
            Deleted::Note { id } => format!("note {id}"),
        }
    }
}

/// Tables holding rows of an article, in restore order, each with the
/// condition that selects the rows of the articles in `?1` (a JSON array).
const ARTICLE_TABLES: &[(&str, &str)] = &[
    ("articles", "id IN (SELECT value FROM json_each(?1))"),
    (
        "occurrences",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "article_signatures",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "lsh_bands",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "near_duplicates",
        "a IN (SELECT value FROM json_each(?1)) OR b IN (SELECT value FROM json_each(?1))",
    ),
    (
        "extractions",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "noise_spans",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "mentions",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "date_mentions",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    ("figures", "article_id IN (SELECT value FROM json_each(?1))"),
    ("quotes", "article_id IN (SELECT value FROM json_each(?1))"),
    ("events", "article_id IN (SELECT value FROM json_each(?1))"),
    (
        "event_arguments",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "story_members",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    ("notes", "article_id IN (SELECT value FROM json_each(?1))"),
    (
        "article_tags",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "collection_items",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "story_sketches",
        "article_id IN (SELECT value FROM json_each(?1))",
    ),
];

/// A named thing a person deletes with its links: a tag or a collection.
struct Named {
    table: &'static str,
    /// What a `NotFound` calls it.
    kind: &'static str,
    /// The link tables' column naming it.
    link_column: &'static str,
    /// The link tables, restored after it.
    links: &'static [&'static str],
}

const TAG: Named = Named {
    table: "tags",
    kind: "tag",
    link_column: "tag_id",
    links: &["article_tags", "story_tags"],
};

const COLLECTION: Named = Named {
    table: "collections",
    kind: "collection",
    link_column: "collection_id",
    links: &["collection_items"],
};

/// Copies the rows of `table` that `condition` selects.
fn copy(
    conn: &Connection,
    table: &'static str,
    condition: &str,
    param: &Value,
) -> Result<TableRows> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {condition}"))?;
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let width = columns.len();
    let rows = stmt.query_map([param], |r| {
        (0..width)
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    Ok(TableRows {
        table,
        columns,
        rows: rows.collect::<rusqlite::Result<Vec<_>>>()?,
    })
}

/// Puts copied rows back; a row whose place was taken since refuses the undo.
fn put_back(conn: &Connection, copied: &TableRows) -> Result<()> {
    if copied.rows.is_empty() {
        return Ok(());
    }
    let marks = vec!["?"; copied.columns.len()].join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        copied.table,
        copied.columns.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    for row in &copied.rows {
        stmt.execute(params_from_iter(row.iter()))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(failure, message)
                    if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    let what = match copied.table {
                        "articles" => "a deleted article was imported again since".to_string(),
                        table => format!(
                            "something written since took the place of a deleted {table} row"
                        ),
                    };
                    Error::UndoConflict(format!("{what} ({})", message.unwrap_or_default()))
                }
                other => Error::Sqlite(other),
            })?;
    }
    Ok(())
}

fn ids_json(ids: &[i64]) -> Result<Value> {
    Ok(Value::Text(serde_json::to_string(ids)?))
}

/// Deletes articles inside `conn`'s transaction, copying what it removes.
fn delete_articles_in(conn: &Connection, ids: &[i64], deleted: Deleted) -> Result<Deletion> {
    let param = ids_json(ids)?;
    let mut tables = Vec::new();
    for (table, condition) in ARTICLE_TABLES {
        tables.push(copy(conn, table, condition, &param)?);
    }
    // Stories touched: those the articles are in, and those they opened.
    let touched: BTreeSet<i64> = {
        let mut stmt = conn.prepare(
            "SELECT story_id FROM story_members WHERE article_id IN (SELECT value FROM json_each(?1))
             UNION SELECT id FROM stories WHERE first_article IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([&param], |r| r.get::<_, i64>(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let touched: Vec<i64> = touched.into_iter().collect();
    let touched_param = ids_json(&touched)?;
    let stories = copy(
        conn,
        "stories",
        "id IN (SELECT value FROM json_each(?1))",
        &touched_param,
    )?;
    let first_articles: Vec<(i64, i64)> = {
        let mut stmt = conn.prepare(
            "SELECT id, first_article FROM stories
             WHERE first_article IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([&param], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let count = |table: &str| {
        tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.rows.len())
    };
    let mut counts = DeletionCounts {
        articles: count("articles"),
        notes: count("notes"),
        tag_links: count("article_tags"),
        collection_items: count("collection_items"),
        ..DeletionCounts::default()
    };
    conn.execute(
        "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1))",
        [&param],
    )?;
    // Stories left without members go; the others are re-summarised by
    // the next story update.
    counts.stories_removed = conn.execute(
        "DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?1))
         AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = stories.id)",
        [&touched_param],
    )?;
    counts.stories_changed = touched.len() - counts.stories_removed;
    conn.execute(
        "UPDATE story_members SET stale = 1 WHERE story_id IN (SELECT value FROM json_each(?1))",
        [&touched_param],
    )?;
    story_anchors::reattach(conn)?;
    // Stories go back after the articles their first report refers to and
    // before the memberships that refer to them.
    tables.insert(1, stories);
    Ok(Deletion {
        deleted,
        counts,
        tables,
        first_articles,
        stories: touched,
    })
}

impl Store {
    /// Deletes articles (by id) with everything that hangs on them.
    pub fn delete_articles(&mut self, ids: &[i64]) -> Result<Deletion> {
        let ids: Vec<i64> = ids
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        super::tags::require_articles(&tx, &ids)?;
        let deletion = delete_articles_in(&tx, &ids, Deleted::Articles { ids: ids.clone() })?;
        tx.commit()?;
        Ok(deletion)
    }

    /// Deletes the articles an import batch created (duplicates it saw of
    /// earlier articles stay). The batch stays in the import history.
    pub fn delete_batch(&mut self, batch: i64) -> Result<Deletion> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: Option<i64> = tx
            .query_row(
                "SELECT id FROM import_batches WHERE id = ?1",
                [batch],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            return Err(Error::NotFound {
                kind: "import batch",
                id: batch.to_string(),
            });
        }
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM articles WHERE batch_id = ?1 ORDER BY id")?;
            let rows = stmt.query_map([batch], |r| r.get::<_, i64>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let deletion = delete_articles_in(
            &tx,
            &ids,
            Deleted::Batch {
                batch,
                ids: ids.clone(),
            },
        )?;
        tx.commit()?;
        Ok(deletion)
    }

    /// Deletes a tag from every article and story it was on.
    pub fn delete_tag(&mut self, name: &str) -> Result<Deletion> {
        let (stored, links, copies) = self.delete_named(&TAG, name)?;
        Ok(Deletion {
            deleted: Deleted::Tag { name: stored },
            counts: DeletionCounts {
                tag_links: links,
                ..DeletionCounts::default()
            },
            tables: copies,
            first_articles: Vec::new(),
            stories: Vec::new(),
        })
    }

    /// Deletes a collection (its articles and stories stay).
    pub fn delete_collection(&mut self, name: &str) -> Result<Deletion> {
        let (stored, links, copies) = self.delete_named(&COLLECTION, name)?;
        Ok(Deletion {
            deleted: Deleted::Collection { name: stored },
            counts: DeletionCounts {
                collection_items: links,
                ..DeletionCounts::default()
            },
            tables: copies,
            first_articles: Vec::new(),
            stories: Vec::new(),
        })
    }

    /// Deletes a tag or a collection by name, copying it and its links;
    /// returns its stored name, how many links went, and the copies.
    fn delete_named(
        &mut self,
        named: &Named,
        name: &str,
    ) -> Result<(String, usize, Vec<TableRows>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(i64, String)> = tx
            .query_row(
                &format!(
                    "SELECT id, name FROM {} WHERE name = ?1 COLLATE NOCASE",
                    named.table
                ),
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (id, stored_name) = found.ok_or_else(|| Error::NotFound {
            kind: named.kind,
            id: name.to_string(),
        })?;
        let id_value = Value::Integer(id);
        let mut copies = vec![copy(&tx, named.table, "id = ?1", &id_value)?];
        for link in named.links {
            let condition = format!("{} = ?1", named.link_column);
            copies.push(copy(&tx, link, &condition, &id_value)?);
        }
        let links = copies[1..].iter().map(|c| c.rows.len()).sum();
        // The links go by cascade.
        tx.execute(&format!("DELETE FROM {} WHERE id = ?1", named.table), [id])?;
        tx.commit()?;
        Ok((stored_name, links, copies))
    }

    /// Deletes a note.
    pub fn delete_note(&mut self, id: i64) -> Result<Deletion> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let copied = copy(&tx, "notes", "id = ?1", &Value::Integer(id))?;
        if copied.rows.is_empty() {
            return Err(Error::NotFound {
                kind: "note",
                id: id.to_string(),
            });
        }
        tx.execute("DELETE FROM notes WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(Deletion {
            deleted: Deleted::Note { id },
            counts: DeletionCounts {
                notes: 1,
                ..DeletionCounts::default()
            },
            tables: vec![copied],
            first_articles: Vec::new(),
            stories: Vec::new(),
        })
    }

    /// Undoes a deletion: every copied row goes back, ids included, in one
    /// transaction. Refused, with nothing written, when a row's place was
    /// taken since ([`Error::UndoConflict`]).
    pub fn restore(&mut self, deletion: &Deletion) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for copied in &deletion.tables {
            if copied.table == "stories" {
                // Only the stories the deletion removed come back; one that
                // survived keeps its row (and gets its first report back).
                let id_at = copied.columns.iter().position(|c| c == "id");
                let mut missing = Vec::new();
                for row in &copied.rows {
                    let Some(Value::Integer(id)) = id_at.and_then(|i| row.get(i)) else {
                        continue;
                    };
                    let exists: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM stories WHERE id = ?1)",
                        [id],
                        |r| r.get(0),
                    )?;
                    if !exists {
                        missing.push(row.clone());
                    }
                }
                put_back(
                    &tx,
                    &TableRows {
                        table: "stories",
                        columns: copied.columns.clone(),
                        rows: missing,
                    },
                )?;
            } else {
                put_back(&tx, copied)?;
            }
            if copied.table == "articles" {
                // No trigger indexes new article rows (migration 8): the
                // articles put back enter the full-text index here.
                let id_at = copied.columns.iter().position(|c| c == "id");
                let ids: Vec<i64> = copied
                    .rows
                    .iter()
                    .filter_map(|row| match id_at.and_then(|i| row.get(i)) {
                        Some(Value::Integer(id)) => Some(*id),
                        _ => None,
                    })
                    .collect();
                super::articles::index_for_search(&tx, &ids)?;
            }
        }
        for (story, article) in &deletion.first_articles {
            tx.execute(
                "UPDATE stories SET first_article = ?2 WHERE id = ?1 AND first_article IS NULL",
                params![story, article],
            )?;
        }
        tx.execute(
            "UPDATE story_members SET stale = 1 WHERE story_id IN (SELECT value FROM json_each(?1))",
            [ids_json(&deletion.stories)?],
        )?;
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
