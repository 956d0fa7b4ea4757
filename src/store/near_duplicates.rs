//! Signatures, LSH band keys and near-duplicate links: the rows that
//! [`crate::dedupe`]'s MinHash reasoning reads and writes.
//!
//! The hashing and the choice of candidates are `dedupe`'s; this module only
//! stores a new article's signature and band keys, reads the earlier
//! articles sharing a band, and records the links `dedupe` confirms. It runs
//! inside the transaction that inserts the article.

use std::sync::LazyLock;

use rusqlite::{Connection, params, params_from_iter};

use crate::dedupe::{self, BANDS, CANDIDATES_PER_BAND, NEAR_DUPLICATE_THRESHOLD, Signature};
use crate::error::Result;

/// The earlier articles sharing any of a new article's bands, at most
/// [`CANDIDATES_PER_BAND`] per band, newest first: one statement for the
/// 32 bands (key `?n` for band `n - 1`), each band an index range. Its
/// limits are written into the SQL: SQLite compiles a statement again
/// whenever a bound `LIMIT ?` is rebound (the value may change the plan),
/// which was about 18% of an import's CPU (issue 16).
static FIND_IN_BANDS: LazyLock<String> = LazyLock::new(|| {
    (0..BANDS)
        .map(|band| {
            format!(
                "SELECT article_id FROM (SELECT article_id FROM lsh_bands WHERE band = {band} AND key = ?{} ORDER BY article_id DESC LIMIT {CANDIDATES_PER_BAND})",
                band + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
});

/// Stores the signature of a new article, finds earlier articles sharing an
/// LSH band with it, and links those similar enough. Returns the links made.
pub(crate) fn link_near_duplicates(
    conn: &Connection,
    id: i64,
    signature: &Signature,
) -> Result<Vec<(i64, f64)>> {
    conn.prepare_cached("INSERT INTO article_signatures (article_id, signature) VALUES (?1, ?2)")?
        .execute(params![id, signature.to_bytes()])?;
    if signature.is_empty() {
        return Ok(Vec::new());
    }
    let keys = signature.band_keys();
    // Candidates are counted per band shared, in any order
    // (`rank_candidates` sorts them).
    let candidates = conn
        .prepare_cached(&FIND_IN_BANDS)?
        .query_map(params_from_iter(keys.iter()), |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    // One row per statement: a statement writing several rows keeps a
    // statement journal, and opening one inside a transaction makes FTS5
    // write out the terms it holds as a segment (measured: the 32-row
    // insert cost more than 32 cached one-row inserts).
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO lsh_bands (band, key, article_id) VALUES (?1, ?2, ?3)",
    )?;
    for (band, key) in keys.iter().enumerate() {
        insert.execute(params![band as i64, key, id])?;
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
