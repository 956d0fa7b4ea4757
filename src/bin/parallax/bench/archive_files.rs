//! The files of a bench's archive (the database, its write-ahead log, its
//! shared-memory index and import lock): removed, copied and measured
//! together, by every bench that builds archives.

use std::path::{Path, PathBuf};

use parallax::Error;

/// The archive's files beside `db` with `suffix`.
fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

/// Removes the archive at `db` and every file beside it.
pub fn remove(db: &Path) -> Result<(), Error> {
    for suffix in ["", "-wal", "-shm", "-import.lock"] {
        let path = with_suffix(db, suffix);
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// Copies the archive at `from` (database and log) over `to`, synced to
/// disk so the copy's writes are not timed as the next step's.
pub fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    remove(to)?;
    for suffix in ["", "-wal"] {
        let source = with_suffix(from, suffix);
        if source.exists() {
            let target = with_suffix(to, suffix);
            std::fs::copy(&source, &target).map_err(|e| Error::io(&source, e))?;
            std::fs::File::open(&target)
                .and_then(|file| file.sync_all())
                .map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

/// The archive's size with its write-ahead log.
pub fn megabytes(db: &Path) -> f64 {
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(with_suffix(db, suffix)).ok())
        .map(|m| m.len())
        .sum::<u64>() as f64
        / 1e6
}
