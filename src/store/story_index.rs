//! What a story update needs of the archive besides its new articles
//! (migration 10): each grouped article's blocking keys (`story_keys`),
//! the archive-wide counts the grouping weighs evidence by
//! (`story_counts`) and each outlet's page furniture (`story_furniture`).
//! A full grouping run replaces them; an update adds its new articles.
//! Candidates for a new article are read by key here, and MinHash bands
//! from the near-duplicate index (`lsh_bands`), which holds every article.

use std::collections::HashMap;
use std::sync::LazyLock;

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::error::Result;

/// Most articles a MinHash band key may have and still find candidates
/// (a full run's posting cap).
pub const BAND_LIMIT: usize = 64;

/// Each band's articles with a key (`?n` for band `n - 1`), at most
/// [`BAND_LIMIT`] + 1 per band, in band order. The limits are written into
/// the SQL (a bound `LIMIT ?` makes SQLite compile the statement again
/// whenever it is rebound).
static FIND_IN_BANDS: LazyLock<String> = LazyLock::new(|| {
    (0..crate::dedupe::BANDS)
        .map(|band| {
            format!(
                "SELECT * FROM (SELECT {band}, article_id FROM lsh_bands WHERE band = {band} AND key = ?{} LIMIT {})",
                band + 1,
                BAND_LIMIT + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
});

/// `story_counts.kind` of the number of articles counted.
const ARTICLES: i64 = 0;

/// What a kept count counts articles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountKind {
    /// A word (document frequency).
    Word = 1,
    /// A person, by alias key.
    Person = 2,
    /// A main place, by place id.
    Place = 3,
}

/// Counts a grouping run adds to (or, for a full run, replaces) those
/// kept: articles counted, and per word, person and place how many of
/// them hold it.
#[derive(Debug, Default)]
pub struct KeptCounts<'a> {
    /// Articles counted.
    pub articles: u32,
    /// Per word: articles holding it.
    pub words: Vec<(&'a str, u32)>,
    /// Per person (alias key): articles naming them.
    pub people: Vec<(&'a str, u32)>,
    /// Per place id: articles with it as main place.
    pub places: Vec<(&'a str, u32)>,
}

/// What a grouping run keeps for the next update.
pub struct IndexAdditions<'a> {
    /// True for a full run: everything kept before is replaced.
    pub replace: bool,
    /// Counts to add (or set).
    pub counts: KeptCounts<'a>,
    /// Each outlet's page furniture words (a full run's; an update keeps
    /// what is there).
    pub furniture: Vec<(&'a str, Vec<&'a str>)>,
    /// Blocking keys: (article, key, bucket).
    pub keys: Box<dyn Iterator<Item = (i64, i64, i64)> + 'a>,
}

impl std::fmt::Debug for IndexAdditions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexAdditions")
            .field("replace", &self.replace)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The number of articles the kept counts cover, or `None` when no
    /// full grouping run has kept any (an archive grouped before migration
    /// 10, or never): then an update must be a full run.
    pub fn kept_articles(&self) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row(
                "SELECT articles FROM story_counts WHERE kind = ?1 AND name = ''",
                [ARTICLES],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The kept count of each name of a `kind`; zero for a name never
    /// counted. The names go to SQLite as one JSON array, read with one
    /// statement: an update looks up thousands of words, and a statement
    /// each (each its own read transaction) cost more than the lookups.
    pub fn kept_counts(&self, kind: CountKind, names: &[&str]) -> Result<Vec<u32>> {
        let mut out = vec![0; names.len()];
        if names.is_empty() {
            return Ok(out);
        }
        let listed = serde_json::to_string(names)?;
        let mut stmt = self.conn.prepare_cached(
            // CROSS JOIN: the names drive, each found by the primary key.
            "SELECT n.key, c.articles FROM json_each(?2) n
             CROSS JOIN story_counts c ON c.kind = ?1 AND c.name = n.value",
        )?;
        let rows = stmt.query_map(params![kind as i64, listed], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
        })?;
        for row in rows {
            let (position, count) = row?;
            if let Some(slot) = usize::try_from(position).ok().and_then(|p| out.get_mut(p)) {
                *slot = count;
            }
        }
        Ok(out)
    }

    /// Each outlet's kept page furniture words.
    pub fn kept_furniture(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT source, word FROM story_furniture ORDER BY source, word")?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
            let (source, word) = row?;
            out.entry(source).or_default().push(word);
        }
        Ok(out)
    }

    /// Up to `limit` articles kept under `key` in `bucket`.
    pub fn keyed_articles(&self, key: i64, bucket: i64, limit: usize) -> Result<Vec<i64>> {
        // The limit is written into the SQL, as in every lookup here (see
        // `FIND_IN_BANDS`); an update's limits are constants, so each
        // statement is compiled once.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT article_id FROM story_keys WHERE key = ?1 AND bucket = ?2 LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(params![key, bucket], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// The articles kept under `key` in the buckets `first..=last`, each
    /// bucket's list only when it holds at most `limit` articles. The rows
    /// are read in bucket order and at most `limit + 1` per bucket in
    /// all: when that many come back, the last bucket read may be cut
    /// short and the later ones unread, so they are left out (a key that
    /// common in one bucket is too common in the window to be evidence).
    pub fn keyed_articles_in_window(
        &self,
        key: i64,
        first: i64,
        last: i64,
        limit: usize,
    ) -> Result<Vec<i64>> {
        let most = (last - first + 1).max(0) as usize * (limit + 1);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT bucket, article_id FROM story_keys WHERE key = ?1 AND bucket BETWEEN ?2 AND ?3
             ORDER BY bucket LIMIT {most}"
        ))?;
        let rows = stmt.query_map(params![key, first, last], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<(i64, i64)>>>()?;
        let cut = (rows.len() >= most).then(|| rows.last().map(|(bucket, _)| *bucket));
        let mut out = Vec::new();
        for bucket in rows.chunk_by(|a, b| a.0 == b.0) {
            let held = bucket.first().map(|(b, _)| *b);
            if bucket.len() > limit || cut.is_some_and(|cut| cut == held) {
                continue;
            }
            out.extend(bucket.iter().map(|(_, article)| *article));
        }
        Ok(out)
    }

    /// Up to `limit` distinct articles kept under `key` in any bucket.
    pub fn keyed_articles_any_date(&self, key: i64, limit: usize) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT article_id FROM story_keys WHERE key = ?1 LIMIT {limit}"
        ))?;
        let rows = stmt.query_map([key], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// The articles whose MinHash shares a band key with `keys` (one per
    /// band, in band order), each band's list only when at most
    /// [`BAND_LIMIT`] articles have that key: one statement for every band,
    /// as import's near-duplicate search reads them.
    pub fn banded_articles(&self, keys: &[i64]) -> Result<Vec<i64>> {
        if keys.len() != crate::dedupe::BANDS {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(&FIND_IN_BANDS)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(keys.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<(i64, i64)>>>()?;
        let mut out = Vec::new();
        for band in rows.chunk_by(|a, b| a.0 == b.0) {
            if band.len() <= BAND_LIMIT {
                out.extend(band.iter().map(|(_, article)| *article));
            }
        }
        Ok(out)
    }
}

/// Writes a run's keys, counts and furniture in its transaction.
pub(super) fn write(tx: &Transaction<'_>, index: IndexAdditions<'_>) -> Result<()> {
    if index.replace {
        tx.execute("DELETE FROM story_keys", [])?;
        tx.execute("DELETE FROM story_counts", [])?;
        tx.execute("DELETE FROM story_furniture", [])?;
        let mut furniture = tx.prepare_cached(
            "INSERT OR IGNORE INTO story_furniture (source, word) VALUES (?1, ?2)",
        )?;
        for (source, words) in &index.furniture {
            for word in words {
                furniture.execute(params![source, word])?;
            }
        }
    }
    let mut count = tx.prepare_cached(
        "INSERT INTO story_counts (kind, name, articles) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, name) DO UPDATE SET articles = articles + excluded.articles",
    )?;
    count.execute(params![ARTICLES, "", index.counts.articles])?;
    for (kind, names) in [
        (CountKind::Word, &index.counts.words),
        (CountKind::Person, &index.counts.people),
        (CountKind::Place, &index.counts.places),
    ] {
        for (name, articles) in names {
            count.execute(params![kind as i64, name, articles])?;
        }
    }
    let mut key = tx.prepare_cached(
        "INSERT OR IGNORE INTO story_keys (key, bucket, article_id) VALUES (?1, ?2, ?3)",
    )?;
    for (article, hash, bucket) in index.keys {
        key.execute(params![hash, bucket, article])?;
    }
    Ok(())
}
