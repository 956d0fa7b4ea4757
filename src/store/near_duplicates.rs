//! Signatures, LSH band keys and near-duplicate links: the rows that
//! [`crate::dedupe`]'s MinHash reasoning reads and writes.
//!
//! The hashing and the choice of candidates are `dedupe`'s; this module only
//! stores a new article's signature and band keys, reads the earlier
//! articles sharing a band, and records the links `dedupe` confirms. It runs
//! inside the transaction that inserts the article.

use std::sync::LazyLock;

use rusqlite::{Connection, params};

use crate::dedupe::{self, CANDIDATES_PER_BAND, NEAR_DUPLICATE_THRESHOLD, Signature};
use crate::error::Result;

/// The band lookup, its limit written into the SQL: SQLite compiles a
/// statement again whenever a bound `LIMIT ?` is rebound (the value may
/// change the plan), which was about 18% of an import's CPU (issue 16).
static FIND_IN_BAND: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT article_id FROM lsh_bands WHERE band = ?1 AND key = ?2 ORDER BY article_id DESC LIMIT {CANDIDATES_PER_BAND}"
    )
});

/// Stores the signature of a new article, finds earlier articles sharing an
/// LSH band with it, and links those similar enough. Returns the links made.
pub(crate) fn link_near_duplicates(
    conn: &Connection,
    id: i64,
    signature: &Signature,
) -> Result<Vec<(i64, f64)>> {
    conn.execute(
        "INSERT INTO article_signatures (article_id, signature) VALUES (?1, ?2)",
        params![id, signature.to_bytes()],
    )?;
    if signature.is_empty() {
        return Ok(Vec::new());
    }
    let mut candidates = Vec::new();
    {
        let mut find = conn.prepare_cached(&FIND_IN_BAND)?;
        let mut insert = conn.prepare_cached(
            "INSERT OR IGNORE INTO lsh_bands (band, key, article_id) VALUES (?1, ?2, ?3)",
        )?;
        for (band, key) in signature.band_keys().iter().enumerate() {
            let rows = find.query_map(params![band as i64, key], |r| r.get::<_, i64>(0))?;
            for row in rows {
                candidates.push(row?);
            }
            insert.execute(params![band as i64, key, id])?;
        }
    }
    let mut links = Vec::new();
    let mut load =
        conn.prepare_cached("SELECT signature FROM article_signatures WHERE article_id = ?1")?;
    let mut link = conn.prepare_cached(
        "INSERT OR IGNORE INTO near_duplicates (a, b, similarity, method) VALUES (?1, ?2, ?3, 'minhash')",
    )?;
    for other in dedupe::rank_candidates(candidates, id) {
        let bytes: Vec<u8> = load.query_row([other], |r| r.get(0))?;
        let Some(other_signature) = Signature::from_bytes(&bytes) else {
            continue;
        };
        let similarity = signature.similarity(&other_signature);
        if similarity >= NEAR_DUPLICATE_THRESHOLD {
            let (a, b) = if other < id { (other, id) } else { (id, other) };
            link.execute(params![a, b, similarity])?;
            links.push((other, similarity));
        }
    }
    Ok(links)
}
