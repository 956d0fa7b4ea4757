//! The import history as the Import history screen and `parallax imports`
//! show it: every batch with its counts and, per file, what failed and what
//! was only warned about (from schema 6 warnings are kept too).

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::batches::{input_location, stored_line};
use super::{Batch, Store};
use crate::error::Result;
use crate::model::InputLocation;

/// One file (or record) a batch failed on or warned about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProblem {
    /// `error` (not imported) or `warning` (imported, with something cut or missing).
    pub severity: String,
    /// The input.
    #[serde(flatten)]
    pub at: InputLocation,
    /// Why.
    pub message: String,
}

/// One import run with its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportRecord {
    /// The batch, with its counts.
    #[serde(flatten)]
    pub batch: Batch,
    /// Articles of this batch still in the archive.
    pub articles: u64,
    /// Failures and warnings, in the order they happened.
    pub problems: Vec<ImportProblem>,
}

impl Store {
    /// Records a warning of a batch: an input imported with something cut
    /// or missing (see `ingest`).
    pub fn record_batch_warning(
        &mut self,
        batch: i64,
        path: &str,
        line: Option<u64>,
        message: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO import_errors (batch_id, path, line, error, severity) VALUES (?1, ?2, ?3, ?4, 'warning')",
            params![batch, path, stored_line(line), message],
        )?;
        Ok(())
    }

    /// The distinct paths a batch failed on (errors, not warnings), in the
    /// order they failed; `NotFound` for an unknown batch.
    pub fn failed_paths(&self, batch: i64) -> Result<Vec<String>> {
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM import_batches WHERE id = ?1)",
            [batch],
            |r| r.get(0),
        )?;
        if !known {
            return Err(crate::error::Error::NotFound {
                kind: "import batch",
                id: batch.to_string(),
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT path FROM import_errors WHERE batch_id = ?1 AND severity = 'error'
             GROUP BY path ORDER BY min(id)",
        )?;
        let rows = stmt.query_map([batch], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The latest `limit` import runs, newest first, each with its problems.
    pub fn import_history(&self, limit: u32) -> Result<Vec<ImportRecord>> {
        let mut records = Vec::new();
        for batch in self.batches(limit)? {
            let mut stmt = self.conn.prepare(
                "SELECT severity, path, line, record, error FROM import_errors WHERE batch_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([batch.id], |r| {
                Ok(ImportProblem {
                    severity: r.get(0)?,
                    at: input_location(r, 1)?,
                    message: r.get(4)?,
                })
            })?;
            let problems = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            let articles: i64 = self.conn.query_row(
                "SELECT count(*) FROM articles WHERE batch_id = ?1",
                [batch.id],
                |r| r.get(0),
            )?;
            records.push(ImportRecord {
                batch,
                articles: u64::try_from(articles).unwrap_or(0),
                problems,
            });
        }
        Ok(records)
    }
}
