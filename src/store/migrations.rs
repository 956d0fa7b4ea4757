//! Schema migrations, embedded at build time and applied in order.
//!
//! Each applied migration is recorded with a checksum of its SQL. A shipped
//! migration must never change (the archive would silently differ from the
//! schema the code expects), so a checksum mismatch refuses to open the
//! archive, as does an archive written by a newer Parallax.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::error::{Error, Result};

/// One numbered SQL file from `migrations/`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Its number, starting at 1, without gaps.
    pub version: u32,
    /// Its file name.
    pub name: &'static str,
    /// Its SQL.
    pub sql: &'static str,
}

/// One migration, read from `migrations/NAME` at build time.
macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../../migrations/", $name)),
        }
    };
}

/// Every migration this build knows, in order.
pub const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_archive.sql"),
    migration!(2, "0002_extraction.sql"),
    migration!(3, "0003_stories.sql"),
    migration!(4, "0004_story_freshness.sql"),
    migration!(5, "0005_verdicts.sql"),
    migration!(6, "0006_research.sql"),
    migration!(7, "0007_browsing_at_scale.sql"),
    migration!(8, "0008_search_index_by_store.sql"),
    migration!(9, "0009_prefix_search.sql"),
    migration!(10, "0010_story_index.sql"),
    migration!(11, "0011_story_sketches.sql"),
];

const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version  INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    checksum TEXT NOT NULL
) STRICT";

fn checksum(sql: &str) -> String {
    blake3::hash(sql.as_bytes()).to_hex().to_string()
}

/// Brings the schema up to date. All pending migrations run in one
/// transaction: if any fails, the archive stays exactly as it was. An
/// archive already up to date is only read: opening it must not wait for,
/// or fail against, another process writing (an import).
pub(crate) fn apply(conn: &mut Connection) -> Result<()> {
    apply_list(conn, MIGRATIONS)
}

/// True when the archive at `path` is at an older schema than this build's
/// (and so needs one read-write open to migrate).
pub(crate) fn is_older(path: &Path) -> Result<bool> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let applied = if has_bookkeeping(&conn)? {
        verify_applied(&conn)?
    } else {
        0
    };
    Ok(applied < latest())
}

fn has_bookkeeping(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn apply_list(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let target = migrations.last().map_or(0, |m| m.version);
    if has_bookkeeping(conn)? && verify_applied_against(conn, migrations)? == target {
        return Ok(());
    }
    // IMMEDIATE: take the write lock first (waiting for it), then read the
    // applied versions again, since another process may have migrated the
    // archive in the meantime.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(BOOKKEEPING)?;
    let applied = verify_applied_against(&tx, migrations)?;
    for migration in migrations.iter().filter(|m| m.version > applied) {
        tx.execute_batch(migration.sql)
            .map_err(|e| Error::Migration {
                version: migration.version,
                name: migration.name.to_string(),
                message: e.to_string(),
            })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (?1, ?2, ?3)",
            params![migration.version, migration.name, checksum(migration.sql)],
        )?;
    }
    tx.pragma_update(
        None,
        "user_version",
        migrations.last().map_or(0, |m| m.version),
    )?;
    tx.commit()?;
    Ok(())
}

/// Fails unless the archive is at exactly this build's schema.
pub(crate) fn check_current(conn: &Connection) -> Result<()> {
    if !has_bookkeeping(conn)? {
        return Err(Error::IncompatibleArchive(
            "the file holds no Parallax schema (empty, or another program's database)".into(),
        ));
    }
    let applied = verify_applied(conn)?;
    if applied != latest() {
        return Err(Error::IncompatibleArchive(format!(
            "archive is at schema {applied}, this build expects {}; open it read-write once to migrate",
            latest()
        )));
    }
    Ok(())
}

pub(crate) fn current_version(conn: &Connection) -> Result<u32> {
    let v: Option<u32> = conn
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    Ok(v.unwrap_or(0))
}

fn latest() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Checks that every applied migration is one this build ships, unchanged,
/// and returns the highest applied version.
fn verify_applied(conn: &Connection) -> Result<u32> {
    verify_applied_against(conn, MIGRATIONS)
}

fn verify_applied_against(conn: &Connection, migrations: &[Migration]) -> Result<u32> {
    let mut stmt =
        conn.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")?;
    let rows = stmt.query_map([], |r| <(u32, String, String)>::try_from(r))?;
    let mut highest = 0;
    for row in rows {
        let (version, name, sum) = row?;
        let Some(known) = migrations.iter().find(|m| m.version == version) else {
            return Err(Error::IncompatibleArchive(format!(
                "archive has schema migration {version} ({name}) that this build does not know; it was written by a newer Parallax"
            )));
        };
        if checksum(known.sql) != sum {
            return Err(Error::IncompatibleArchive(format!(
                "migration {version} ({name}) differs from the one applied to this archive"
            )));
        }
        highest = version;
    }
    Ok(highest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        let mut conn = Connection::open_in_memory().expect("open");
        apply_list(&mut conn, &MIGRATIONS[..1]).expect("schema 1");
        let broken = [
            MIGRATIONS[0],
            Migration {
                version: 2,
                name: "0002_good.sql",
                sql: "CREATE TABLE good (x INTEGER) STRICT;",
            },
            Migration {
                version: 3,
                name: "0003_bad.sql",
                sql: "CREATE TABLE worse (x INTEGER) STRICT; SELECT * FROM no_such_table;",
            },
        ];
        let err = apply_list(&mut conn, &broken).expect_err("fails");
        assert!(matches!(err, Error::Migration { version: 3, .. }), "{err}");
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('good', 'worse')",
                [],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(
            tables, 0,
            "neither the good nor the bad migration's tables remain"
        );
        assert_eq!(current_version(&conn).expect("version"), 1);
    }
}
