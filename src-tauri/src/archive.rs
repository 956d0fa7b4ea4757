//! One open archive as the shell holds it: the writer connection and a small
//! pool of read-only connections.
//!
//! Contract: writes (imports, metadata edits) are serialised on the writer;
//! reads never wait for them, because SQLite in WAL mode lets readers see
//! the last committed state while a write transaction is open. Connections
//! are reused rather than reopened per command.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use parallax::Store;

use crate::ApiError;

/// Read connections kept for reuse: two answer the UI's usual pair of
/// concurrent calls (a list page and its facets); more would only hold
/// page caches.
const MAX_IDLE_READERS: usize = 2;

/// An open archive.
pub struct Archive {
    path: PathBuf,
    writer: Mutex<Store>,
    readers: Mutex<Vec<Store>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Archive {
    /// Opens (creating and migrating when needed) the archive at `path`.
    pub fn open(path: &Path) -> parallax::Result<Archive> {
        let writer = Store::open(path)?;
        Ok(Archive {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// The archive file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on a read connection. Call from a blocking thread.
    pub fn with_reader<T>(
        &self,
        work: impl FnOnce(&Store) -> parallax::Result<T>,
    ) -> Result<T, ApiError> {
        let idle = lock(&self.readers).pop();
        let store = match idle {
            Some(store) => store,
            None => Store::open_read_only(&self.path)?,
        };
        let outcome = work(&store);
        let mut readers = lock(&self.readers);
        if readers.len() < MAX_IDLE_READERS {
            readers.push(store);
        }
        Ok(outcome?)
    }

    /// Runs `work` on the writer connection if no one holds it (an import
    /// does for its whole length); `None` when it is busy.
    pub fn try_with_writer<T>(
        &self,
        work: impl FnOnce(&mut Store) -> parallax::Result<T>,
    ) -> Option<Result<T, ApiError>> {
        let mut writer = match self.writer.try_lock() {
            Ok(writer) => writer,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        Some(work(&mut writer).map_err(ApiError::from))
    }

    /// Runs `work` on the writer connection. Call from a blocking thread.
    pub fn with_writer<T>(
        &self,
        work: impl FnOnce(&mut Store) -> parallax::Result<T>,
    ) -> Result<T, ApiError> {
        let mut writer = lock(&self.writer);
        Ok(work(&mut writer)?)
    }
}
