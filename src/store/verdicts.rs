//! A researcher's verdicts on comparison findings: set, clear, list.
//!
//! A verdict is stored under its finding's key (see `compare::keys`), which
//! no re-run of compare and no regrouping of stories changes; the story id,
//! kind, label, status and passages stored beside it are what the finding
//! said when it was judged, kept for display and export. Setting a verdict
//! on a finding that already has one replaces it. The caller passes the time.

use rusqlite::types::Type;
use rusqlite::{Row, params};

use super::Store;
use crate::error::Result;
use crate::model::{FindingPassage, Judgement, Verdict};

const COLUMNS: &str = "key, verdict, note, story_id, kind, label, status, passages, decided_at";

/// A stored row; an unknown judgement or unreadable passages are a corrupt
/// row, reported as such rather than guessed.
fn verdict_from_row(row: &Row<'_>) -> rusqlite::Result<Verdict> {
    let corrupt = |at: usize, message: String| {
        rusqlite::Error::FromSqlConversionFailure(at, Type::Text, message.into())
    };
    let judgement: String = row.get(1)?;
    let passages: String = row.get(7)?;
    Ok(Verdict {
        key: row.get(0)?,
        verdict: Judgement::parse(&judgement)
            .ok_or_else(|| corrupt(1, format!("unknown verdict {judgement:?}")))?,
        note: row.get(2)?,
        story: row.get(3)?,
        kind: row.get(4)?,
        label: row.get(5)?,
        status: row.get(6)?,
        passages: serde_json::from_str::<Vec<FindingPassage>>(&passages)
            .map_err(|e| corrupt(7, format!("unreadable passages: {e}")))?,
        decided_at: row.get(8)?,
    })
}

impl Store {
    /// Stores a verdict, replacing the finding's earlier one.
    pub fn set_verdict(&mut self, verdict: &Verdict) -> Result<()> {
        let passages = serde_json::to_string(&verdict.passages)?;
        self.conn().execute(
            "INSERT INTO verdicts (key, verdict, note, story_id, kind, label, status, passages, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(key) DO UPDATE SET verdict = excluded.verdict, note = excluded.note,
                 story_id = excluded.story_id, kind = excluded.kind, label = excluded.label,
                 status = excluded.status, passages = excluded.passages,
                 decided_at = excluded.decided_at",
            params![
                verdict.key,
                verdict.verdict.as_str(),
                verdict.note,
                verdict.story,
                verdict.kind,
                verdict.label,
                verdict.status,
                passages,
                verdict.decided_at
            ],
        )?;
        Ok(())
    }

    /// Removes the verdict on a finding; false when it had none.
    pub fn clear_verdict(&mut self, key: &str) -> Result<bool> {
        let removed = self
            .conn()
            .execute("DELETE FROM verdicts WHERE key = ?1", params![key])?;
        Ok(removed > 0)
    }

    /// Verdicts recorded with a story (every verdict with `None`), by
    /// story, then key.
    pub fn verdicts(&self, story: Option<i64>) -> Result<Vec<Verdict>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM verdicts WHERE ?1 IS NULL OR story_id = ?1 ORDER BY story_id, key"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![story], verdict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The verdicts on these findings (keys without one are left out), by key.
    pub fn verdicts_for_keys(&self, keys: &[String]) -> Result<Vec<Verdict>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM verdicts WHERE key IN (SELECT value FROM json_each(?1)) ORDER BY key"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![serde_json::to_string(keys)?], verdict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The verdicts on findings with a passage in this article, by key.
    pub fn verdicts_of_article(&self, article: i64) -> Result<Vec<Verdict>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM verdicts
             WHERE EXISTS (SELECT 1 FROM json_each(verdicts.passages)
                           WHERE json_extract(value, '$.article') = ?1)
             ORDER BY key"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![article], verdict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
