//! The one error type of the core library.
//!
//! Every variant carries enough context for a person to act on it (which file,
//! which line, what was wrong). Only the binaries turn errors into messages and
//! exit codes; callers branch on [`Error::code`], never on the text.

use std::path::PathBuf;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path that was being accessed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },

    /// A schema migration failed; the archive was left at its previous version.
    #[error("migration {version} ({name}) failed: {message}")]
    Migration {
        /// Number of the migration that failed.
        version: u32,
        /// File name of the migration.
        name: String,
        /// What SQLite reported.
        message: String,
    },

    /// The archive was written by a newer Parallax, or a landed migration changed.
    #[error("incompatible archive: {0}")]
    IncompatibleArchive(String),

    /// A full-text query could not be parsed.
    #[error("invalid search query {query:?}: {message}")]
    InvalidQuery {
        /// The query as the user typed it.
        query: String,
        /// Why it is invalid, in SQLite's words where possible.
        message: String,
    },

    /// The caller asked for something that does not exist.
    #[error("{kind} {id} not found")]
    NotFound {
        /// What was looked up ("article", "source", ...).
        kind: &'static str,
        /// The identifier that was not found.
        id: String,
    },

    /// An argument was out of range or malformed.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),

    /// A long-running job was cancelled by its caller.
    #[error("cancelled")]
    Cancelled,

    /// An undo could not put back what was deleted, because something
    /// written since took its place (the article was imported again).
    #[error("cannot undo: {0}")]
    UndoConflict(String),

    /// An import recorded a file by a relative path (as `parallax import`
    /// was given it, or an uploaded file's name), and the folder it is
    /// relative to is not known here, so the file cannot be found again.
    #[error(
        "import {batch} recorded {path:?} without its folder (a relative path as `parallax import` was given it, or an uploaded file's name), so it cannot be found again here; run `parallax imports --retry {batch}` from the folder that import ran in, or import the file again"
    )]
    RelativePath {
        /// The import batch.
        batch: i64,
        /// The path as recorded.
        path: String,
    },

    /// Serialisation of a value to JSON failed.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// A stable machine-readable code for the error, used by the CLI's JSON
    /// output and by the desktop shell's `{code, message}` errors.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Sqlite(_) => "database",
            Error::Io { .. } => "io",
            Error::Migration { .. } => "migration",
            Error::IncompatibleArchive(_) => "incompatible_archive",
            Error::InvalidQuery { .. } => "invalid_query",
            Error::NotFound { .. } => "not_found",
            Error::InvalidArgument(_) => "invalid_argument",
            Error::Cancelled => "cancelled",
            Error::UndoConflict(_) => "undo_conflict",
            Error::RelativePath { .. } => "relative_path",
            Error::Json(_) => "json",
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
