//! One open archive as a front end holds it: the writer connection and a
//! small pool of read-only connections.
//!
//! Contract: writes (imports, edits) are serialised on the one writer;
//! reads never wait for them, because SQLite in WAL mode lets readers see
//! the last committed state while a write transaction is open. Read
//! connections are reused rather than reopened per command. An archive
//! opened read-only has no writer: every write is refused with
//! `read_only`, before any work.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, TryLockError};

use crate::error::Result;
use crate::store::Store;

use super::command_error::CommandError;

/// Takes a mutex even when a thread panicked holding it: a panic in one
/// command must not take every later command down with it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An open archive.
pub struct Archive {
    path: PathBuf,
    /// The one writer; `None` when opened read-only.
    writer: Option<Mutex<Store>>,
    readers: Mutex<Vec<Store>>,
    max_idle_readers: usize,
}

impl Archive {
    /// Opens (creating and migrating when needed) the archive at `path`,
    /// keeping at most `max_idle_readers` read connections for reuse.
    pub fn open(path: &Path, max_idle_readers: usize) -> Result<Archive> {
        let writer = Store::open(path)?;
        Ok(Archive {
            path: path.to_path_buf(),
            writer: Some(Mutex::new(writer)),
            readers: Mutex::new(Vec::new()),
            max_idle_readers,
        })
    }

    /// Opens the archive at `path` for reading only: it must exist at this
    /// build's schema, and nothing is ever written.
    pub fn open_read_only(path: &Path, max_idle_readers: usize) -> Result<Archive> {
        let first = Store::open_read_only(path)?;
        Ok(Archive {
            path: path.to_path_buf(),
            writer: None,
            readers: Mutex::new(vec![first]),
            max_idle_readers,
        })
    }

    /// The archive file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// False when opened read-only.
    pub fn writable(&self) -> bool {
        self.writer.is_some()
    }

    /// Runs `work` on a read connection. Call from a blocking thread.
    pub fn with_reader<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let idle = lock(&self.readers).pop();
        let store = match idle {
            Some(store) => store,
            None => Store::open_read_only(&self.path)?,
        };
        let outcome = work(&store);
        let mut readers = lock(&self.readers);
        if readers.len() < self.max_idle_readers {
            readers.push(store);
        }
        outcome
    }

    /// Runs `work` on the writer connection, waiting for it. Call from a
    /// blocking thread.
    pub fn with_writer<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T, CommandError> {
        let writer = self.writer.as_ref().ok_or_else(CommandError::read_only)?;
        let mut store = lock(writer);
        Ok(work(&mut store)?)
    }

    /// Runs `work` on the writer connection if no one holds it (an import
    /// does for its whole length); `None` when it is busy or the archive
    /// is read-only.
    pub fn try_with_writer<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Option<Result<T>> {
        let mut store = match self.writer.as_ref()?.try_lock() {
            Ok(store) => store,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return None,
        };
        Some(work(&mut store))
    }
}
