//! Import batches: one row per `import` run, with its counts and the inputs
//! it could not import, so a person can see later what happened to a folder.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;
use crate::error::Result;

/// Final counts of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchCounts {
    /// New articles stored.
    pub imported: u64,
    /// Inputs whose text was already in the archive.
    pub duplicates: u64,
    /// New articles linked to an existing near-duplicate.
    pub near_duplicates: u64,
    /// Inputs rejected with an error.
    pub failed: u64,
    /// Records deliberately passed over (non-HTML WARC payloads, revisits).
    pub skipped: u64,
}

/// One input that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchError {
    /// File (or container entry) path.
    pub path: String,
    /// 1-based line, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Record inside the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Why it was rejected.
    pub error: String,
}

/// A past import run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Batch {
    /// Identifier.
    pub id: i64,
    /// Start (RFC 3339).
    pub started_at: String,
    /// End, when it ended.
    pub finished_at: Option<String>,
    /// Paths given.
    pub inputs: Vec<String>,
    /// `running`, `finished`, `cancelled` or `interrupted`.
    pub status: String,
    /// Counts.
    pub counts: BatchCounts,
}

/// A batch left `running` by a process that died is marked `interrupted`.
/// Only the process that holds the write lock reaches this (at open), so a
/// batch of a live import in another process could be marked too; imports
/// are single-writer by design, and the mark is informational only.
pub(crate) fn mark_interrupted(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET status = 'interrupted' WHERE status = 'running'",
        [],
    )?;
    Ok(())
}

impl Store {
    /// Starts a batch and returns its id.
    pub fn begin_batch(&mut self, inputs: &[String], now: &str) -> Result<i64> {
        let inputs = serde_json::to_string(inputs)?;
        self.conn.execute(
            "INSERT INTO import_batches (started_at, inputs) VALUES (?1, ?2)",
            params![now, inputs],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records an input the batch could not import.
    pub fn record_batch_error(&mut self, batch: i64, error: &BatchError) -> Result<()> {
        self.conn.execute(
            "INSERT INTO import_errors (batch_id, path, line, record, error) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![batch, error.path, error.line.map(|l| l as i64), error.record, error.error],
        )?;
        Ok(())
    }

    /// Closes a batch with its counts and final status.
    pub fn finish_batch(
        &mut self,
        batch: i64,
        counts: BatchCounts,
        status: &str,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE import_batches SET finished_at = ?1, imported = ?2, duplicates = ?3, near_duplicates = ?4,
                 failed = ?5, skipped = ?6, status = ?7 WHERE id = ?8",
            params![
                now,
                counts.imported as i64,
                counts.duplicates as i64,
                counts.near_duplicates as i64,
                counts.failed as i64,
                counts.skipped as i64,
                status,
                batch
            ],
        )?;
        Ok(())
    }

    /// Import history, newest first.
    pub fn batches(&self, limit: u32) -> Result<Vec<Batch>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, started_at, finished_at, inputs, status, imported, duplicates, near_duplicates, failed, skipped
             FROM import_batches ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let inputs: String = r.get(3)?;
            Ok(Batch {
                id: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                inputs: serde_json::from_str(&inputs).unwrap_or_default(),
                status: r.get(4)?,
                counts: BatchCounts {
                    imported: r.get::<_, i64>(5)? as u64,
                    duplicates: r.get::<_, i64>(6)? as u64,
                    near_duplicates: r.get::<_, i64>(7)? as u64,
                    failed: r.get::<_, i64>(8)? as u64,
                    skipped: r.get::<_, i64>(9)? as u64,
                },
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The errors recorded for a batch.
    pub fn batch_errors(&self, batch: i64) -> Result<Vec<BatchError>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, line, record, error FROM import_errors WHERE batch_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([batch], |r| {
            Ok(BatchError {
                path: r.get(0)?,
                line: r.get::<_, Option<i64>>(1)?.map(|l| l as u64),
                record: r.get(2)?,
                error: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
