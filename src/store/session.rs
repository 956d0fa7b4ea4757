//! How the writer connection is set up while an import runs, and put back
//! after: a page cache large enough for an import's scattered writes, the
//! savepoints' journals in memory, and WAL checkpoints every few thousand
//! pages rather than every thousand.
//!
//! Measured on the import bench (issue 16): with SQLite's default 2 MB page
//! cache a growing archive's band-key and full-text index pages no longer
//! fit, so pages are evicted mid-transaction (`pagerStress`) and read back
//! from disk; each article's savepoint wrote the pages it touched to a
//! sub-journal file first. Read connections keep the defaults: they never
//! hold an import's working set, and the desktop app keeps idle memory low.

use rusqlite::Connection;

use super::Store;
use crate::error::Result;

/// Page cache of the writer while importing, by default.
pub const IMPORT_PAGE_CACHE_MIB: u32 = 64;

/// WAL pages after which a commit checkpoints, while importing, by default
/// (SQLite's default is 1,000: an import committing every 256 articles
/// then copies the same hot index pages into the archive again and again).
pub const IMPORT_CHECKPOINT_PAGES: u32 = 8_000;

/// What the connection had before an import changed it.
#[derive(Debug)]
pub struct ImportSession {
    cache_size: i64,
    temp_store: i64,
    checkpoint_pages: i64,
}

/// What an import asks of the writer connection.
#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// Page cache in MiB; 0 keeps the connection's own.
    pub page_cache_mib: u32,
    /// WAL pages between automatic checkpoints; 0 keeps the connection's own.
    pub checkpoint_pages: u32,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            page_cache_mib: IMPORT_PAGE_CACHE_MIB,
            checkpoint_pages: IMPORT_CHECKPOINT_PAGES,
        }
    }
}

fn pragma(conn: &Connection, name: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?)
}

/// `wal_autocheckpoint` answers with the value set, so it is read back
/// rather than only set.
fn set_checkpoint_pages(conn: &Connection, pages: i64) -> Result<i64> {
    Ok(conn.pragma_update_and_check(None, "wal_autocheckpoint", pages, |r| r.get(0))?)
}

impl Store {
    /// Sets the connection up for an import; [`Store::end_import_session`]
    /// puts it back. Settings of this connection only: nothing is written.
    pub fn begin_import_session(&mut self, settings: SessionSettings) -> Result<ImportSession> {
        let session = ImportSession {
            cache_size: pragma(&self.conn, "cache_size")?,
            temp_store: pragma(&self.conn, "temp_store")?,
            checkpoint_pages: pragma(&self.conn, "wal_autocheckpoint")?,
        };
        if settings.page_cache_mib > 0 {
            // Negative: a size in KiB rather than in pages.
            let kib = -(i64::from(settings.page_cache_mib) * 1024);
            self.conn.pragma_update(None, "cache_size", kib)?;
        }
        // 2 = MEMORY: savepoint journals and sort scratch stay in memory.
        self.conn.pragma_update(None, "temp_store", 2)?;
        if settings.checkpoint_pages > 0 {
            set_checkpoint_pages(&self.conn, i64::from(settings.checkpoint_pages))?;
        }
        Ok(session)
    }

    /// Puts back what [`Store::begin_import_session`] changed and gives the
    /// page cache's memory back.
    pub fn end_import_session(&mut self, session: ImportSession) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", session.cache_size)?;
        self.conn
            .pragma_update(None, "temp_store", session.temp_store)?;
        set_checkpoint_pages(&self.conn, session.checkpoint_pages)?;
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        Ok(())
    }
}
