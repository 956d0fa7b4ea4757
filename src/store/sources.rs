//! Outlets: found or created as articles arrive, renamed by people.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::error::{Error, Result};
use crate::model::Source;

/// Finds the outlet for a domain and/or name, creating it when new.
///
/// The domain is the identity when known ("ktla.com"); a name alone
/// identifies outlets known only by name. An outlet first seen by its domain
/// takes a proper name (from an HTML site name) the first time one appears,
/// unless a person has already named it.
pub(crate) fn resolve(
    conn: &Connection,
    name: Option<&str>,
    domain: Option<&str>,
) -> Result<Option<i64>> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let domain = domain.map(str::trim).filter(|d| !d.is_empty());
    match (name, domain) {
        (None, None) => Ok(None),
        (name, Some(domain)) => {
            let found: Option<(i64, String, bool)> = conn
                .prepare_cached("SELECT id, name, user_edited FROM sources WHERE domain = ?1")?
                .query_row([domain], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            match found {
                Some((id, current, user_edited)) => {
                    if let Some(name) = name
                        && !user_edited
                        && current == domain
                        && name != domain
                    {
                        conn.execute(
                            "UPDATE sources SET name = ?1 WHERE id = ?2",
                            params![name, id],
                        )?;
                    }
                    Ok(Some(id))
                }
                None => {
                    conn.execute(
                        "INSERT INTO sources (name, domain) VALUES (?1, ?2)",
                        params![name.unwrap_or(domain), domain],
                    )?;
                    Ok(Some(conn.last_insert_rowid()))
                }
            }
        }
        (Some(name), None) => {
            let found: Option<i64> = conn
                .query_row(
                    "SELECT id FROM sources WHERE domain IS NULL AND name = ?1 COLLATE NOCASE",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = found {
                return Ok(Some(id));
            }
            conn.execute("INSERT INTO sources (name) VALUES (?1)", [name])?;
            Ok(Some(conn.last_insert_rowid()))
        }
    }
}

impl Store {
    /// All outlets with their article counts, most articles first.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.name, s.domain, coalesce(c.n, 0) AS n
             FROM sources s
             LEFT JOIN (SELECT source_id, sum(n) AS n FROM article_counts GROUP BY source_id) c
                 ON c.source_id = s.id
             ORDER BY n DESC, s.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Source {
                id: r.get(0)?,
                name: r.get(1)?,
                domain: r.get(2)?,
                articles: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Every outlet's name by id.
    pub(crate) fn source_names(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM sources")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Renames an outlet; later imports keep the new name.
    pub fn rename_source(&mut self, id: i64, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidArgument(
                "an outlet name cannot be empty".into(),
            ));
        }
        let n = self.conn.execute(
            "UPDATE sources SET name = ?1, user_edited = 1 WHERE id = ?2",
            params![name, id],
        )?;
        if n == 0 {
            return Err(Error::NotFound {
                kind: "source",
                id: id.to_string(),
            });
        }
        Ok(())
    }
}
