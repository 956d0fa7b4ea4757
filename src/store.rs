//! The archive: one SQLite file holding articles, outlets, import history and
//! (from later schema versions) everything extracted from the articles.
//!
//! [`Store`] owns one connection. Opening sets the pragmas every connection
//! needs (WAL, foreign keys, busy timeout, `synchronous=NORMAL`) and brings the
//! schema up to date from the migrations embedded at build time. Each table
//! group has its own module that owns its queries; nothing outside `store`
//! holds SQL (`tests/tidy.rs` checks it).
//!
//! Concurrency (issue 13): several processes may use one archive at once —
//! an import in one terminal, searches in another, the desktop app. So
//! opening an archive already at this build's schema writes nothing (a
//! write there would wait for, or fail against, a running import);
//! [`Store::open_read_only`] never writes; every write transaction starts
//! with `BEGIN IMMEDIATE`, so it waits its turn (busy timeout) instead of
//! failing when it would have to upgrade a read; and an import holds the
//! archive's import lock ([`ImportLock`], an advisory lock on a file next
//! to the archive) for its whole run, which is how a batch still marked
//! `running` is told apart from one whose process died: the kernel drops
//! the lock with the process.

mod article_counts;
mod article_pages;
mod articles;
mod batches;
mod collections;
mod deletion;
mod extraction;
mod facets;
mod import_history;
mod migrations;
mod names;
mod near_duplicates;
mod notes;
mod research_facets;
mod research_filters;
mod saved_searches;
pub(crate) mod search;
mod session;
mod sources;
mod stories;
mod story_anchors;
mod story_index;
mod story_sketches;
mod tags;
mod verdicts;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use article_pages::PageToken;
pub use articles::{ArticleFilter, ArticleSort, Insertion, NewArticle, Occurrence, Stats};
pub use batches::{Batch, BatchCounts, BatchError};
pub use collections::{Collection, CollectionEntry, CollectionItem};
pub use deletion::{Deleted, Deletion, DeletionCounts};
pub use extraction::{AliasSummary, EntitySummary, ExtractionInput, SpanCheck, SpanMismatch};
pub use facets::{FacetCount, FacetCounter, FacetGroup, StoryFacet};
pub use import_history::{ImportProblem, ImportRecord};
pub use migrations::{MIGRATIONS, Migration};
pub use notes::{Note, NoteScope, NoteTarget};
pub use saved_searches::SavedSearch;
pub use session::{IMPORT_CHECKPOINT_PAGES, IMPORT_PAGE_CACHE_MIB, ImportSession, SessionSettings};
pub use stories::{Coverage, OutletCoverage, StoryCoverage};
pub use story_index::{CountKind, IndexAdditions, KeptCounts};
pub use story_sketches::KeptSketch;
pub use tags::Tag;

/// How long a statement waits for another connection's write to finish
/// before giving up with "database is locked". An import commits at least
/// every 256 articles and at the end of every file, so waits are short.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Prepared statements each connection keeps compiled. Storing one
/// article with its extraction runs about 33 different statements; with
/// rusqlite's default of 16 they pushed each other out of the cache and
/// were compiled again for every article (18.6% of an import's CPU, issue
/// 16).
const STATEMENT_CACHE: usize = 128;

/// An open archive.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Articles stored since [`Store::begin_bulk`], not yet in the
    /// full-text index: [`Store::end_bulk`] indexes them in one statement
    /// (see `articles::index_for_search`).
    unindexed: Vec<i64>,
    /// True between [`Store::begin_bulk`] and [`Store::end_bulk`].
    in_bulk: bool,
}

/// The archive's import lock, held for the length of one import; released
/// when dropped or when its process ends, however it ends.
#[derive(Debug)]
pub struct ImportLock {
    /// The locked file; `None` for in-memory archives, which no other
    /// process can see.
    _file: Option<File>,
}

impl Store {
    /// Opens (creating if needed) the archive at `path` and migrates it.
    /// An archive already at this build's schema is not written to.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path)?;
        Store::setup(conn, Some(path.to_path_buf()))
    }

    /// Opens the archive for a command that only reads: read-only when the
    /// archive exists at this build's schema; otherwise as [`Store::open`]
    /// does (creating an empty archive, or migrating an older one once).
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Store::open(path);
        }
        match Store::open_read_only(path) {
            Err(Error::IncompatibleArchive(_)) if migrations::is_older(path)? => Store::open(path),
            other => other,
        }
    }

    /// Opens an existing archive for reading only; it must already be migrated.
    ///
    /// An archive on read-only storage (a read-only network share, a
    /// mounted snapshot) cannot be read in WAL mode, which needs its
    /// `-shm` file beside it: SQLite cannot open it. It is then opened
    /// `immutable` — read as a file nobody changes, which holds on storage
    /// nobody can write (an archive is published there after its last
    /// import, when its WAL is checkpointed into the file).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        match Store::read_only_connection(path, false) {
            Err(Error::Sqlite(e))
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
                    && path.is_file() =>
            {
                Store::read_only_connection(path, true)
            }
            other => other,
        }
    }

    fn read_only_connection(path: &Path, immutable: bool) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = if immutable {
            // A URI's `?`, `#` and `%` are escaped, so any file name works.
            let name = path
                .to_string_lossy()
                .replace('%', "%25")
                .replace('?', "%3f")
                .replace('#', "%23");
            Connection::open_with_flags(format!("file:{name}?immutable=1"), flags)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.pragma_update(None, "foreign_keys", true)?;
        migrations::check_current(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            unindexed: Vec::new(),
            in_bulk: false,
        })
    }

    /// An archive that lives only in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Switching to WAL writes the header, so only an archive not yet in
        // WAL mode (a new one) is switched. journal_mode returns a row, so
        // it is queried rather than updated.
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        // Both are settings of this connection, not writes to the file.
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::apply(&mut conn)?;
        Ok(Store {
            conn,
            path,
            unindexed: Vec::new(),
            in_bulk: false,
        })
    }

    /// The file whose advisory lock marks a running import.
    fn import_lock_path(&self) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        let mut name = path.file_name()?.to_os_string();
        name.push("-import.lock");
        Some(path.with_file_name(name))
    }

    /// Takes the archive's import lock, or `None` when another import
    /// (in this process or another) holds it. Never waits.
    pub fn try_lock_imports(&self) -> Result<Option<ImportLock>> {
        let Some(lock_path) = self.import_lock_path() else {
            return Ok(Some(ImportLock { _file: None }));
        };
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ImportLock { _file: Some(file) })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&lock_path, e)),
        }
    }

    /// True when an import holds the archive's import lock now. Takes the
    /// lock shared for an instant, so it never writes and never waits.
    pub fn import_running(&self) -> Result<bool> {
        let Some(lock_path) = self.import_lock_path() else {
            return Ok(false);
        };
        let file = match File::open(&lock_path) {
            Ok(file) => file,
            // No lock file: no import of this build ever ran here.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::io(&lock_path, e)),
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(false),
            Err(std::fs::TryLockError::WouldBlock) => Ok(true),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&lock_path, e)),
        }
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
