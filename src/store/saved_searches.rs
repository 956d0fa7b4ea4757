//! Saved searches: a full-text query with its filters, kept by name and
//! re-run later (counts are always the archive's current ones: nothing
//! but the question is stored).

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use ts_rs::TS;

use super::{ArticleFilter, Store};
use crate::error::{Error, Result};

/// A saved search.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SavedSearch {
    /// Identifier.
    pub id: i64,
    /// Name (unique without regard to case).
    pub name: String,
    /// FTS5 query.
    pub query: String,
    /// Filters.
    pub filters: ArticleFilter,
    /// When first saved (RFC 3339).
    pub created_at: String,
    /// When last saved.
    pub updated_at: String,
}

impl Store {
    /// Saves a search under `name`, replacing one of that name. The query
    /// is checked by the caller (`search::check_query`) before it is kept.
    pub fn save_search(
        &mut self,
        name: &str,
        query: &str,
        filters: &ArticleFilter,
        now: &str,
    ) -> Result<SavedSearch> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 200 {
            return Err(Error::InvalidArgument(
                "a saved search needs a name of 1 to 200 characters without control characters"
                    .into(),
            ));
        }
        if query.trim().is_empty() {
            return Err(Error::InvalidArgument("the query is empty".into()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO saved_searches (name, query, filters, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT(name COLLATE NOCASE) DO UPDATE SET
                 query = excluded.query, filters = excluded.filters, updated_at = excluded.updated_at",
            params![name, query, serde_json::to_string(filters)?, now],
        )?;
        tx.commit()?;
        self.saved_search(name)
    }

    /// The saved search named `name` (any case).
    pub fn saved_search(&self, name: &str) -> Result<SavedSearch> {
        self.saved_searches()?
            .into_iter()
            // As the unique index compares names: ASCII case folded.
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| Error::NotFound {
                kind: "saved search",
                id: name.to_string(),
            })
    }

    /// Every saved search, by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, query, filters, created_at, updated_at FROM saved_searches
             ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], |r| {
            <(i64, String, String, String, String, String)>::try_from(r)
        })?;
        let mut searches = Vec::new();
        for row in rows {
            let (id, name, query, filters, created_at, updated_at) = row?;
            searches.push(SavedSearch {
                id,
                name,
                query,
                filters: serde_json::from_str(&filters)?,
                created_at,
                updated_at,
            });
        }
        Ok(searches)
    }

    /// Forgets a saved search; false when there was none of that name.
    pub fn delete_saved_search(&mut self, name: &str) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM saved_searches WHERE name = ?1 COLLATE NOCASE",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            tx.execute("DELETE FROM saved_searches WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(id.is_some())
    }
}
