//! Each grouped article's kept story sketch (migration 11): what story
//! grouping reads of its text and extraction, so that a story update reads
//! its candidates' sketches rather than their texts (issue 16). The store
//! keeps the bytes and the version that made them; `stories::sketch`
//! says what they hold.

use rusqlite::params;

use super::Store;
use crate::dedupe::Signature;
use crate::error::Result;

/// One article as a grouping run reads it from the archive: its outlet,
/// the MinHash import kept, and its kept sketch when there is one of the
/// version asked for.
#[derive(Debug, Clone)]
pub struct KeptSketch {
    /// Archive id.
    pub id: i64,
    /// Outlet name.
    pub source: Option<String>,
    /// The MinHash signature import kept.
    pub signature: Option<Signature>,
    /// The kept sketch's bytes, when of the version asked for.
    pub sketch: Option<Vec<u8>>,
}

const SKETCH_SELECT: &str = "SELECT a.id, s.name, g.signature, k.sketch
     FROM articles a
     LEFT JOIN sources s ON s.id = a.source_id
     LEFT JOIN article_signatures g ON g.article_id = a.id
     LEFT JOIN story_sketches k ON k.article_id = a.id AND k.version = ?1";

fn kept_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<KeptSketch> {
    let signature: Option<Vec<u8>> = row.get(2)?;
    Ok(KeptSketch {
        id: row.get(0)?,
        source: row.get(1)?,
        signature: signature.as_deref().and_then(Signature::from_bytes),
        sketch: row.get(3)?,
    })
}

impl Store {
    /// Up to `limit` articles with ids above `after`, in id order, each
    /// with its kept sketch of `version` when there is one.
    pub fn sketch_block(&self, after: i64, limit: usize, version: i64) -> Result<Vec<KeptSketch>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SKETCH_SELECT} WHERE a.id > ?2 ORDER BY a.id LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(params![version, after], kept_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The articles `ids` (those that exist, in id order), each with its
    /// kept sketch of `version` when there is one.
    pub fn sketches_of(&self, ids: &[i64], version: i64) -> Result<Vec<KeptSketch>> {
        let mut wanted: Vec<i64> = ids.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SKETCH_SELECT} WHERE a.id = ?2"))?;
        let mut out = Vec::with_capacity(wanted.len());
        for id in wanted {
            let mut rows = stmt.query_map(params![version, id], kept_from_row)?;
            if let Some(row) = rows.next() {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// How many sketches are kept, and their bytes.
    pub fn kept_sketch_bytes(&self) -> Result<(u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT count(*), coalesce(sum(length(sketch)), 0) FROM story_sketches",
            [],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )?)
    }

    /// Keeps sketches of `version` (article, bytes), replacing any kept
    /// for those articles, in one transaction. An article deleted since it
    /// was read is passed over.
    pub fn keep_sketches(&mut self, version: i64, sketches: &[(i64, Vec<u8>)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut keep = tx.prepare_cached(
                "INSERT OR REPLACE INTO story_sketches (article_id, version, sketch)
                 SELECT id, ?2, ?3 FROM articles WHERE id = ?1",
            )?;
            for (article, bytes) in sketches {
                keep.execute(params![article, version, bytes])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
