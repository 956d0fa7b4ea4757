//! Import batches: one row per `import` run, with its counts and the inputs
//! it could not import, so a person can see later what happened to a folder.

use rusqlite::{Connection, TransactionBehavior, params};
use serde::Serialize;
use ts_rs::TS;

use super::{ImportLock, Store};
use crate::error::Result;
use crate::model::InputLocation;

/// Final counts of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchError {
    /// The input.
    #[serde(flatten)]
    pub at: InputLocation,
    /// Why it was rejected.
    pub error: String,
}

/// A past import run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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

/// Batches left `running` by a process that died are marked `interrupted`.
/// Called by an import holding the import lock, so no batch still marked
/// `running` belongs to a live import.
fn mark_interrupted(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET status = 'interrupted' WHERE status = 'running'",
        [],
    )?;
    Ok(())
}

impl Store {
    /// Starts a batch and returns its id. The caller holds the import lock
    /// (`_lock`), so batches still `running` are from dead processes and
    /// are marked `interrupted` first.
    pub fn begin_batch(&mut self, inputs: &[String], now: &str, _lock: &ImportLock) -> Result<i64> {
        let inputs = serde_json::to_string(inputs)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        mark_interrupted(&tx)?;
        tx.execute(
            "INSERT INTO import_batches (started_at, inputs) VALUES (?1, ?2)",
            params![now, inputs],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Records a batch's counts so far, so a killed import still shows what
    /// it did.
    pub fn update_batch_counts(&mut self, batch: i64, counts: BatchCounts) -> Result<()> {
        write_counts(&self.conn, batch, counts)
    }

    /// Records an input the batch could not import together with the
    /// batch's counts that include it, in one savepoint: a kill between the
    /// two would leave a stored failure the counts do not show.
    pub fn record_batch_failure(
        &mut self,
        batch: i64,
        error: &BatchError,
        counts: BatchCounts,
    ) -> Result<()> {
        let savepoint = self.conn.savepoint()?;
        insert_error(&savepoint, batch, error)?;
        write_counts(&savepoint, batch, counts)?;
        savepoint.commit()?;
        Ok(())
    }

    /// Records an input the batch could not import.
    pub fn record_batch_error(&mut self, batch: i64, error: &BatchError) -> Result<()> {
        insert_error(&self.conn, batch, error)
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

    /// Import history, newest first. A batch marked `running` whose import
    /// no longer holds the import lock is shown as `interrupted` (its
    /// process died); nothing is written.
    pub fn batches(&self, limit: u32) -> Result<Vec<Batch>> {
        // Asked before and after reading: an import that started or ended
        // while the rows were read is seen by one of the two.
        let running_before = self.import_running()?;
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
        let mut batches = rows.collect::<Result<Vec<_>, _>>()?;
        let dead = self.path().is_some() && !running_before && !self.import_running()?;
        for batch in &mut batches {
            if dead && batch.status == "running" {
                batch.status = "interrupted".into();
            }
        }
        Ok(batches)
    }

    /// The errors recorded for a batch.
    pub fn batch_errors(&self, batch: i64) -> Result<Vec<BatchError>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, line, record, error FROM import_errors WHERE batch_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([batch], |r| {
            Ok(BatchError {
                at: input_location(r, 0)?,
                error: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// A line as `import_errors` stores it: SQLite integers are signed, and a
/// line past `i64::MAX` is no line.
pub(super) fn stored_line(line: Option<u64>) -> Option<i64> {
    line.and_then(|l| i64::try_from(l).ok())
}

/// The input a row of `import_errors` names, read from its `path`, `line`
/// and `record` columns starting at `at`.
pub(super) fn input_location(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<InputLocation> {
    Ok(InputLocation {
        path: r.get(at)?,
        // Stored lines are never negative (see `stored_line`).
        line: r
            .get::<_, Option<i64>>(at + 1)?
            .and_then(|l| u64::try_from(l).ok()),
        record: r.get(at + 2)?,
    })
}

/// Stores a batch's counts so far.
fn write_counts(conn: &Connection, batch: i64, counts: BatchCounts) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET imported = ?1, duplicates = ?2, near_duplicates = ?3,
             failed = ?4, skipped = ?5 WHERE id = ?6",
        params![
            counts.imported as i64,
            counts.duplicates as i64,
            counts.near_duplicates as i64,
            counts.failed as i64,
            counts.skipped as i64,
            batch
        ],
    )?;
    Ok(())
}

/// Stores an input the batch could not import.
fn insert_error(conn: &Connection, batch: i64, error: &BatchError) -> Result<()> {
    conn.execute(
        "INSERT INTO import_errors (batch_id, path, line, record, error) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![batch, error.at.path, stored_line(error.at.line), error.at.record, error.error],
    )?;
    Ok(())
}
