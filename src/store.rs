//! The archive: one SQLite file holding articles, outlets, import history and
//! (from later schema versions) everything extracted from the articles.
//!
//! [`Store`] owns one connection. Opening sets the pragmas every connection
//! needs (WAL, foreign keys, busy timeout, `synchronous=NORMAL`) and brings the
//! schema up to date from the migrations embedded at build time. Each table
//! group has its own module that owns its queries; nothing outside `store`
//! holds SQL (`tests/tidy.rs` checks it).

mod articles;
mod batches;
mod extraction;
mod facets;
mod migrations;
mod near_duplicates;
pub(crate) mod search;
mod sources;
mod stories;
mod verdicts;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use articles::{ArticleFilter, ArticleSort, Insertion, NewArticle, Occurrence, Stats};
pub use batches::{Batch, BatchCounts, BatchError};
pub use extraction::{AliasSummary, EntitySummary, ExtractionInput, SpanCheck, SpanMismatch};
pub use facets::{FacetCount, FacetCounter, FacetGroup, StoryFacet};
pub use migrations::{MIGRATIONS, Migration};
pub use stories::{Coverage, OutletCoverage, StoryCoverage};

/// An open archive.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the archive at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path)?;
        Store::setup(conn, Some(path.to_path_buf()))
    }

    /// Opens an existing archive for reading only; it must already be migrated.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrations::check_current(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// An archive that lives only in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(10))?;
        // journal_mode returns a row, so it is queried rather than updated.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::apply(&mut conn)?;
        batches::mark_interrupted(&conn)?;
        Ok(Store { conn, path })
    }

    /// The file this archive lives in (`None` for in-memory archives).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version the archive is at.
    pub fn schema_version(&self) -> Result<u32> {
        migrations::current_version(&self.conn)
    }

    /// The connection, for the table modules below `store` only: every SQL
    /// statement of the core lives in them.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs SQLite's own consistency check; returns its messages ("ok" when sound).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// The default archive location: `<OS data dir>/parallax/archive.db`
/// (`~/.local/share/parallax/archive.db` on Linux).
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("parallax").join("archive.db"))
}
