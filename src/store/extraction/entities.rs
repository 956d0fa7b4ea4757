//! Archive-wide entities: resolving a mention's name to an entity by alias,
//! listing entities with their aliases, and the user's merges, splits and
//! renames, which automatic resolution never undoes.

use rusqlite::{Connection, OptionalExtension, params};
use ts_rs::TS;

use super::rows::json;
use crate::error::{Error, Result};
use crate::extract::entities::{self, EntityKind};
use crate::extract::items::PlaceRef;
use crate::store::Store;

fn kind_of(name: &str) -> EntityKind {
    match name {
        "person" => EntityKind::Person,
        "organisation" => EntityKind::Organisation,
        "place" => EntityKind::Place,
        _ => EntityKind::Group,
    }
}

/// Finds or creates the entity for a mention's name.
pub(super) fn resolve_entity(
    conn: &Connection,
    kind: &str,
    name: &str,
    place: Option<&PlaceRef>,
) -> Result<i64> {
    if let Some(id) = conn
        .prepare_cached("SELECT entity_id FROM entity_aliases WHERE kind = ?1 AND alias = ?2")?
        .query_row(params![kind, name], |r| r.get::<_, i64>(0))
        .optional()?
    {
        return Ok(id);
    }
    let entity_kind = kind_of(kind);
    let key = entities::alias_key(name, entity_kind);
    let fuzzy = entities::fuzzy_key(name);
    // Only a place mention *is* its gazetteer place; an organisation's place
    // ("Detroit Police Department" → Detroit) is where it sits, not what it is.
    let place = place.filter(|_| entity_kind == EntityKind::Place);
    let place_id = place.map(|p| p.id.as_str());

    let mut found: Option<(i64, String)> = None;
    if let Some(place_id) = place_id {
        found = conn
            .prepare_cached("SELECT entity_id FROM entity_aliases WHERE place_id = ?1 ORDER BY entity_id LIMIT 1")?
            .query_row([place_id], |r| r.get::<_, i64>(0))
            .optional()?
            .map(|id| (id, format!("same gazetteer place ({place_id})")));
    }
    if found.is_none() {
        found = conn
            .prepare_cached("SELECT entity_id, alias FROM entity_aliases WHERE kind = ?1 AND key = ?2 ORDER BY entity_id LIMIT 1")?
            .query_row(params![kind, key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .optional()?
            .map(|(id, alias)| (id, format!("same normalised name as \"{alias}\"")));
    }
    if found.is_none() {
        let mut stmt = conn.prepare_cached(
            "SELECT entity_id, alias, place_id FROM entity_aliases WHERE kind = ?1 AND fuzzy = ?2 ORDER BY entity_id, id",
        )?;
        let rows = stmt.query_map(params![kind, fuzzy], |r| {
            <(i64, String, Option<String>)>::try_from(r)
        })?;
        for row in rows {
            let (id, alias, other_place) = row?;
            // Two names the gazetteer puts in different places are different
            // places, however alike they are spelt — unless one lies inside
            // the other: a spelling the gazetteer only knows for the region
            // ("Arbil" the governorate) names its like-spelt capital too.
            if let (Some(a), Some(b)) = (place_id, other_place.as_deref()) {
                let nested = a.starts_with(&format!("{b}/")) || b.starts_with(&format!("{a}/"));
                if a != b && !nested {
                    continue;
                }
            }
            if let Some(reason) = entities::same_entity(name, &alias, entity_kind) {
                found = Some((id, format!("{reason}: \"{alias}\"")));
                break;
            }
        }
    }
    let (entity_id, reason) = match found {
        Some(found) => found,
        None => {
            let place_json = place.map(serde_json::to_string).transpose()?;
            conn.prepare_cached("INSERT INTO entities (kind, name, place) VALUES (?1, ?2, ?3)")?
                .execute(params![kind, name, place_json])?;
            (conn.last_insert_rowid(), "first seen".to_string())
        }
    };
    conn.prepare_cached(
        "INSERT INTO entity_aliases (entity_id, kind, alias, key, fuzzy, place_id, reason, decided_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'auto')",
    )?
    .execute(params![entity_id, kind, name, key, fuzzy, place_id, reason])?;
    Ok(entity_id)
}

/// A canonical entity with its aliases and how many articles mention it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
pub struct EntitySummary {
    /// Identifier.
    pub id: i64,
    /// `person`, `organisation`, `place` or `group`.
    pub kind: String,
    /// Display name: the user's, else the most used alias.
    pub name: String,
    /// Every name it was written with, with mention counts and why each belongs.
    pub aliases: Vec<AliasSummary>,
    /// Articles mentioning it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
    /// Gazetteer place, for places.
    pub place: Option<PlaceRef>,
}

/// One alias of an entity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct AliasSummary {
    /// The name as written (full form within its article).
    pub name: String,
    /// Mentions with this name.
    pub mentions: u64,
    /// Why it belongs to the entity.
    pub reason: String,
    /// `auto` or `user`.
    pub decided_by: String,
}

impl Store {
    /// Canonical entities, most mentioned first.
    pub fn entities(&self, kind: Option<&str>, limit: u64) -> Result<Vec<EntitySummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT e.id, e.kind, e.name, e.user_named, e.place, count(DISTINCT m.article_id), count(m.article_id)
             FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id
             WHERE ?1 IS NULL OR e.kind = ?1
             GROUP BY e.id HAVING count(m.article_id) > 0 OR e.user_named = 1
             ORDER BY count(DISTINCT m.article_id) DESC, e.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![kind, limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)? as u64,
                r.get::<_, i64>(6)? as u64,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, name, user_named, place, articles, mentions) = row?;
            let aliases = self.aliases(id)?;
            let place: Option<PlaceRef> = json(place);
            // Display name: the person's choice, else the gazetteer's name for
            // a place, else the alias written most often.
            let name = if user_named {
                name
            } else if let Some(p) = &place {
                p.name.clone()
            } else {
                aliases.first().map(|a| a.name.clone()).unwrap_or(name)
            };
            out.push(EntitySummary {
                id,
                kind,
                name,
                aliases,
                articles,
                mentions,
                place,
            });
        }
        Ok(out)
    }

    fn aliases(&self, entity: i64) -> Result<Vec<AliasSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.alias, count(m.article_id), a.reason, a.decided_by
             FROM entity_aliases a LEFT JOIN mentions m ON m.entity_id = a.entity_id AND m.name = a.alias AND m.kind = a.kind
             WHERE a.entity_id = ?1 GROUP BY a.id ORDER BY count(m.article_id) DESC, a.id",
        )?;
        let rows = stmt.query_map([entity], |r| {
            Ok(AliasSummary {
                name: r.get(0)?,
                mentions: r.get::<_, i64>(1)? as u64,
                reason: r.get(2)?,
                decided_by: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn entity_kind(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT kind FROM entities WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(Error::NotFound {
                kind: "entity",
                id: id.to_string(),
            })
    }

    /// Merges entity `from` into `into`: all its aliases and mentions move, as
    /// a user decision.
    pub fn merge_entities(&mut self, into: i64, from: i64) -> Result<()> {
        if into == from {
            return Err(Error::InvalidArgument(
                "cannot merge an entity with itself".into(),
            ));
        }
        let (a, b) = (self.entity_kind(into)?, self.entity_kind(from)?);
        if a != b {
            return Err(Error::InvalidArgument(format!(
                "cannot merge a {b} into a {a}"
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE entity_aliases SET entity_id = ?1, decided_by = 'user', reason = 'merged by user from entity ' || ?2 WHERE entity_id = ?2",
            params![into, from],
        )?;
        tx.execute(
            "UPDATE mentions SET entity_id = ?1 WHERE entity_id = ?2",
            params![into, from],
        )?;
        tx.execute("DELETE FROM entities WHERE id = ?1", [from])?;
        tx.commit()?;
        Ok(())
    }

    /// Splits the alias `alias` off entity `id` into a new entity of its own,
    /// as a user decision. Returns the new entity's id.
    pub fn split_entity(&mut self, id: i64, alias: &str) -> Result<i64> {
        let kind = self.entity_kind(id)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM entity_aliases WHERE entity_id = ?1 AND alias = ?2)",
            params![id, alias],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::NotFound {
                kind: "alias",
                id: format!("{alias:?} of entity {id}"),
            });
        }
        tx.execute(
            "INSERT INTO entities (kind, name) VALUES (?1, ?2)",
            params![kind, alias],
        )?;
        let new_id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE entity_aliases SET entity_id = ?1, decided_by = 'user', reason = 'split off by user from entity ' || ?2
             WHERE entity_id = ?2 AND alias = ?3",
            params![new_id, id, alias],
        )?;
        tx.execute(
            "UPDATE mentions SET entity_id = ?1 WHERE entity_id = ?2 AND name = ?3",
            params![new_id, id, alias],
        )?;
        // The names left behind were confirmed by the same decision: keep
        // them, so a re-run cannot fold the split-off name back in.
        tx.execute(
            "UPDATE entity_aliases SET decided_by = 'user', reason = reason || ' (kept by user when splitting off ' || ?2 || ')'
             WHERE entity_id = ?1 AND decided_by = 'auto'",
            params![id, alias],
        )?;
        tx.commit()?;
        Ok(new_id)
    }

    /// Gives an entity a name of the user's choosing.
    pub fn rename_entity(&mut self, id: i64, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidArgument(
                "an entity name cannot be empty".into(),
            ));
        }
        self.entity_kind(id)?;
        self.conn.execute(
            "UPDATE entities SET name = ?1, user_named = 1 WHERE id = ?2",
            params![name, id],
        )?;
        Ok(())
    }

    /// Forgets automatic alias decisions, so the next extraction run resolves
    /// names afresh with the current rules. Entities a person has touched
    /// (renamed, merged, split) keep all their aliases.
    pub fn reset_automatic_aliases(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("UPDATE mentions SET entity_id = NULL", [])?;
        tx.execute(
            "DELETE FROM entity_aliases WHERE decided_by = 'auto'
               AND entity_id NOT IN (SELECT id FROM entities WHERE user_named = 1)
               AND entity_id NOT IN (SELECT entity_id FROM entity_aliases WHERE decided_by = 'user')",
            [],
        )?;
        tx.execute(
            "DELETE FROM entities WHERE user_named = 0 AND id NOT IN (SELECT entity_id FROM entity_aliases)",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }
}
