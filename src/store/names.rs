//! The names a researcher gives tags and collections: checked the same
//! way (trimmed, not empty, bounded, no control characters) and found by
//! name without regard to case, as a person reads it.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

/// A kind of named thing: its table (with `id` and `name` columns), what
/// errors call it and its longest name in characters.
pub(super) struct Names {
    pub(super) table: &'static str,
    pub(super) kind: &'static str,
    pub(super) max_chars: usize,
}

impl Names {
    /// `name` trimmed and checked.
    pub(super) fn clean<'n>(&self, name: &'n str) -> Result<&'n str> {
        let (kind, max) = (self.kind, self.max_chars);
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidArgument(format!("a {kind} name is empty")));
        }
        if name.chars().count() > max || name.chars().any(char::is_control) {
            return Err(Error::InvalidArgument(format!(
                "a {kind} name has at most {max} characters and no control characters"
            )));
        }
        Ok(name)
    }

    /// The id of the one named `name` (any case), if it exists.
    pub(super) fn id(&self, conn: &Connection, name: &str) -> Result<Option<i64>> {
        let sql = format!(
            "SELECT id FROM {} WHERE name = ?1 COLLATE NOCASE",
            self.table
        );
        Ok(conn.query_row(&sql, [name], |r| r.get(0)).optional()?)
    }

    /// The id of the one named `name` (trimmed, any case); not found, an
    /// error naming `name` as given.
    pub(super) fn require(&self, conn: &Connection, name: &str) -> Result<i64> {
        self.id(conn, name.trim())?.ok_or_else(|| Error::NotFound {
            kind: self.kind,
            id: name.to_string(),
        })
    }
}
