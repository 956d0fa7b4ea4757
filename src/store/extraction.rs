//! Extraction rows: writing an article's [`Extraction`] into its tables,
//! reading it back, and resolving mentions to archive-wide entities.
//!
//! Entity resolution is by alias: every name a mention was written with is
//! an `entity_aliases` row pointing at one entity, with the reason it was put
//! there. A new name joins an existing entity when (in this order) it is
//! the same gazetteer place, has the same normalised key, or is a
//! transliteration/spelling variant that [`entities::same_entity`] accepts;
//! otherwise it starts a new entity. Aliases a person assigned (merge,
//! split) are marked `user` and are never reassigned automatically, so
//! people's decisions win on every re-run.

use rusqlite::{Connection, OptionalExtension, params};
use ts_rs::TS;

use super::Store;
use crate::error::{Error, Result};
use crate::extract::entities::{self, EntityKind};
use crate::extract::items::{
    Anchor, DateItem, DateKind, EntityItem, EventItem, Extraction, Field, FigureItem, MainEvent,
    NoiseItem, NoiseKind, PlaceRef, QuoteItem, ReferenceDate,
};
use crate::model::DatePrecision;

fn kind_of(name: &str) -> EntityKind {
    match name {
        "person" => EntityKind::Person,
        "organisation" => EntityKind::Organisation,
        "place" => EntityKind::Place,
        _ => EntityKind::Group,
    }
}

/// What extraction reads of one article ([`Store::extraction_input`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractionInput {
    /// Headline.
    pub title: Option<String>,
    /// Body text.
    pub text: String,
    /// Publication date, only when known to the day: relative dates are
    /// resolved against it.
    pub published: Option<chrono::NaiveDate>,
    /// The outlet's domain, when the article has an outlet.
    pub domain: Option<String>,
    /// The article's URL (its domain stands in for a missing outlet's).
    pub url: Option<String>,
}

/// Finds or creates the entity for a mention's name.
pub(crate) fn resolve_entity(
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
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
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

/// Writes an article's extraction, replacing any earlier one, and fills in
/// the entity ids of its mentions. The article's story membership is marked
/// stale, so that the next story update re-summarises its story.
pub(crate) fn save(conn: &Connection, article: i64, extraction: &mut Extraction) -> Result<()> {
    conn.prepare_cached("UPDATE story_members SET stale = 1 WHERE article_id = ?1")?
        .execute([article])?;
    // A new article (every article of an import) has no rows to replace:
    // one probe instead of eight deletes.
    let extracted_before = conn
        .prepare_cached("SELECT 1 FROM extractions WHERE article_id = ?1")?
        .exists([article])?;
    if extracted_before {
        for table in [
            "noise_spans",
            "mentions",
            "date_mentions",
            "figures",
            "quotes",
            "events",
            "event_arguments",
            "extractions",
        ] {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?
                .execute([article])?;
        }
    }
    let version = extraction.version;
    let main = extraction.main_event.as_ref();
    conn.prepare_cached(
        "INSERT INTO extractions (article_id, version, reference_date, reference_inferred, main_event, main_type, main_date,
             main_date_precision, main_place_id, main_place, main_killed, main_injured, wire_credits)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        article,
        version,
        extraction.reference_date.as_ref().map(|r| r.date.to_string()),
        extraction.reference_date.as_ref().is_some_and(|r| r.inferred),
        main.map(|m| m.event as i64),
        main.map(|m| m.kind.as_str()),
        main.and_then(|m| m.date).map(|d| d.to_string()),
        main.and_then(|m| m.date_precision).map(|p| p.as_str()),
        main.and_then(|m| m.place.as_ref()).map(|p| p.id.as_str()),
        main.and_then(|m| m.place.as_ref()).map(serde_json::to_string).transpose()?,
        main.and_then(|m| m.killed),
        main.and_then(|m| m.injured),
        serde_json::to_string(&extraction.wire_credits)?,
    ])?;

    let span = |a: &Anchor| {
        (
            a.field.as_str(),
            a.start as i64,
            a.end as i64,
            a.text.clone(),
        )
    };
    // Each table's statement is taken from the cache once per article, not
    // once per row: a cache lookup hashes and copies the statement's SQL,
    // which cost more than many a row's insert (issue 16).
    let mut noise_insert =
        conn.prepare_cached("INSERT INTO noise_spans VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    for (seq, n) in extraction.noise.iter().enumerate() {
        let (field, start, end, text) = span(&n.anchor);
        noise_insert.execute(params![
            article,
            seq as i64,
            field,
            start,
            end,
            text,
            n.kind.as_str(),
            version
        ])?;
    }
    let mut mention_insert = conn.prepare_cached(
        "INSERT INTO mentions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, e) in extraction.entities.iter_mut().enumerate() {
        let entity = resolve_entity(conn, &e.kind, &e.name, e.place.as_ref())?;
        e.entity = Some(entity);
        let (field, start, end, text) = span(&e.anchor);
        mention_insert.execute(params![
            article,
            seq as i64,
            field,
            start,
            end,
            text,
            e.kind,
            e.name,
            e.role,
            e.place.as_ref().map(serde_json::to_string).transpose()?,
            entity,
            version
        ])?;
    }
    let mut date_insert = conn.prepare_cached(
        "INSERT INTO date_mentions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, d) in extraction.dates.iter().enumerate() {
        let (field, start, end, text) = span(&d.anchor);
        date_insert.execute(params![
            article,
            seq as i64,
            field,
            start,
            end,
            text,
            d.kind.as_str(),
            d.date.map(|d| d.to_string()),
            d.precision.as_str(),
            d.part_of_day,
            d.weekday_conflict,
            version
        ])?;
    }
    let mut figure_insert = conn.prepare_cached(
        "INSERT INTO figures VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    for (seq, f) in extraction.figures.iter().enumerate() {
        let (field, start, end, text) = span(&f.anchor);
        figure_insert.execute(params![
            article,
            seq as i64,
            field,
            start,
            end,
            text,
            f.value,
            f.low,
            f.high,
            f.qualifier,
            f.approximate,
            f.implicit,
            f.partitive,
            f.counted,
            f.predicate,
            f.sentence.0 as i64,
            f.sentence.1 as i64,
            f.date.map(|i| i as i64),
            f.place.map(|i| i as i64),
            version
        ])?;
    }
    let mut quote_insert = conn.prepare_cached(
        "INSERT INTO quotes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, q) in extraction.quotes.iter().enumerate() {
        let (field, start, end, text) = span(&q.anchor);
        quote_insert.execute(params![
            article,
            seq as i64,
            field,
            start,
            end,
            text,
            q.kind,
            q.speaker,
            q.speaker_entity.map(|i| i as i64),
            q.verb,
            q.continues_previous,
            version
        ])?;
    }
    let mut event_insert = conn.prepare_cached(
        "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut argument =
        conn.prepare_cached("INSERT OR IGNORE INTO event_arguments VALUES (?1, ?2, ?3, ?4)")?;
    for (seq, e) in extraction.events.iter().enumerate() {
        let (field, start, end, text) = span(&e.anchor);
        event_insert.execute(params![
            article,
            seq as i64,
            field,
            start,
            end,
            text,
            e.kind,
            e.trigger.0 as i64,
            e.trigger.1 as i64,
            e.place.map(|i| i as i64),
            e.date.map(|i| i as i64),
            e.negated,
            e.hypothetical,
            e.score,
            version
        ])?;
        for (role, refs) in [
            ("actor", &e.actors),
            ("target", &e.targets),
            ("figure", &e.figures),
        ] {
            for r in refs {
                argument.execute(params![article, seq as i64, role, *r as i64])?;
            }
        }
    }
    Ok(())
}

fn field(s: &str) -> Field {
    if s == "title" {
        Field::Title
    } else {
        Field::Text
    }
}

fn anchor(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Anchor> {
    Ok(Anchor {
        field: field(&r.get::<_, String>(at)?),
        start: r.get::<_, i64>(at + 1)? as usize,
        end: r.get::<_, i64>(at + 2)? as usize,
        text: r.get(at + 3)?,
    })
}

/// An item kind read back by its stored name; a name no kind has is a
/// corrupt row, reported as such rather than guessed.
fn stored_kind<T>(
    r: &rusqlite::Row<'_>,
    at: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let name: String = r.get(at)?;
    parse(&name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            at,
            rusqlite::types::Type::Text,
            format!("unknown item kind {name:?}").into(),
        )
    })
}

fn json<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

fn date(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

/// Reads an article's extraction back; `None` when it has not been extracted.
pub(crate) fn load(conn: &Connection, article: i64) -> Result<Option<Extraction>> {
    let head = conn
        .prepare_cached(
            "SELECT version, reference_date, reference_inferred, main_event, main_type, main_date, main_date_precision,
                    main_place, main_killed, main_injured, wire_credits
             FROM extractions WHERE article_id = ?1",
        )?
        .query_row([article], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<i64>>(8)?,
                r.get::<_, Option<i64>>(9)?,
                r.get::<_, String>(10)?,
            ))
        })
        .optional()?;
    let Some((
        version,
        reference,
        inferred,
        main_event,
        main_type,
        main_date,
        main_precision,
        main_place,
        killed,
        injured,
        credits,
    )) = head
    else {
        return Ok(None);
    };
    let mut out = Extraction {
        version,
        reference_date: date(reference).map(|date| ReferenceDate { date, inferred }),
        wire_credits: serde_json::from_str(&credits).unwrap_or_default(),
        ..Extraction::default()
    };
    out.main_event = match (main_event, main_type) {
        (Some(event), Some(kind)) => Some(MainEvent {
            event: event as usize,
            kind,
            date: date(main_date),
            date_precision: main_precision.as_deref().and_then(DatePrecision::parse),
            place: json(main_place),
            killed,
            injured,
        }),
        _ => None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT field, start_char, end_char, text, kind FROM noise_spans WHERE article_id = ?1 ORDER BY seq",
    )?;
    out.noise = stmt
        .query_map([article], |r| {
            Ok(NoiseItem {
                anchor: anchor(r, 0)?,
                kind: stored_kind(r, 4, NoiseKind::parse)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT field, start_char, end_char, text, kind, name, role, place, entity_id FROM mentions WHERE article_id = ?1 ORDER BY seq",
    )?;
    out.entities = stmt
        .query_map([article], |r| {
            Ok(EntityItem {
                anchor: anchor(r, 0)?,
                kind: r.get(4)?,
                name: r.get(5)?,
                role: r.get(6)?,
                place: json(r.get(7)?),
                entity: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT field, start_char, end_char, text, kind, date, precision, part_of_day, weekday_conflict
         FROM date_mentions WHERE article_id = ?1 ORDER BY seq",
    )?;
    out.dates = stmt
        .query_map([article], |r| {
            Ok(DateItem {
                anchor: anchor(r, 0)?,
                kind: stored_kind(r, 4, DateKind::parse)?,
                date: date(r.get(5)?),
                precision: DatePrecision::parse(&r.get::<_, String>(6)?)
                    .unwrap_or(DatePrecision::Day),
                part_of_day: r.get(7)?,
                weekday_conflict: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT field, start_char, end_char, text, value, low, high, qualifier, approximate, implicit, partitive, counted,
                predicate, sentence_start, sentence_end, date_seq, place_seq
         FROM figures WHERE article_id = ?1 ORDER BY seq",
    )?;
    out.figures = stmt
        .query_map([article], |r| {
            Ok(FigureItem {
                anchor: anchor(r, 0)?,
                value: r.get(4)?,
                low: r.get(5)?,
                high: r.get(6)?,
                qualifier: r.get(7)?,
                approximate: r.get(8)?,
                implicit: r.get(9)?,
                partitive: r.get(10)?,
                counted: r.get(11)?,
                predicate: r.get(12)?,
                sentence: (r.get::<_, i64>(13)? as usize, r.get::<_, i64>(14)? as usize),
                date: r.get::<_, Option<i64>>(15)?.map(|i| i as usize),
                place: r.get::<_, Option<i64>>(16)?.map(|i| i as usize),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT field, start_char, end_char, text, kind, speaker, speaker_seq, verb, continues_previous
         FROM quotes WHERE article_id = ?1 ORDER BY seq",
    )?;
    out.quotes = stmt
        .query_map([article], |r| {
            Ok(QuoteItem {
                anchor: anchor(r, 0)?,
                kind: r.get(4)?,
                speaker: r.get(5)?,
                speaker_entity: r.get::<_, Option<i64>>(6)?.map(|i| i as usize),
                verb: r.get(7)?,
                continues_previous: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut arguments = conn.prepare_cached(
        "SELECT event_seq, role, ref_seq FROM event_arguments WHERE article_id = ?1 ORDER BY event_seq, role, ref_seq",
    )?;
    let arguments: Vec<(usize, String, usize)> = arguments
        .query_map([article], |r| {
            Ok((
                r.get::<_, i64>(0)? as usize,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)? as usize,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT seq, field, start_char, end_char, text, kind, trigger_start, trigger_end, place_seq, date_seq, negated, hypothetical, score
         FROM events WHERE article_id = ?1 ORDER BY seq",
    )?;
    out.events = stmt
        .query_map([article], |r| {
            let seq = r.get::<_, i64>(0)? as usize;
            let refs = |role: &str| -> Vec<usize> {
                arguments
                    .iter()
                    .filter(|(e, k, _)| *e == seq && k == role)
                    .map(|(_, _, i)| *i)
                    .collect()
            };
            Ok(EventItem {
                anchor: anchor(r, 1)?,
                kind: r.get(5)?,
                trigger: (r.get::<_, i64>(6)? as usize, r.get::<_, i64>(7)? as usize),
                actors: refs("actor"),
                targets: refs("target"),
                place: r.get::<_, Option<i64>>(8)?.map(|i| i as usize),
                date: r.get::<_, Option<i64>>(9)?.map(|i| i as usize),
                figures: refs("figure"),
                negated: r.get(10)?,
                hypothetical: r.get(11)?,
                score: r.get(12)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(out))
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
    /// Stores an article's extraction (one savepoint), filling in entity ids.
    pub fn save_extraction(&mut self, article: i64, extraction: &mut Extraction) -> Result<()> {
        let sp = self.conn.savepoint()?;
        save(&sp, article, extraction)?;
        sp.commit()?;
        Ok(())
    }

    /// An article's stored extraction, `None` if not extracted yet.
    pub fn extraction(&self, article: i64) -> Result<Option<Extraction>> {
        load(&self.conn, article)
    }

    /// What extraction reads of one article: title, text, the publication
    /// date when it is known to the day, and the outlet's domain and URL.
    pub fn extraction_input(&self, article: i64) -> Result<ExtractionInput> {
        Ok(self.conn.query_row(
            "SELECT a.title, a.text, a.published, a.published_precision, s.domain, a.url
             FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
            [article],
            |r| {
                let precision: Option<String> = r.get(3)?;
                let published = r
                    .get::<_, Option<String>>(2)?
                    .filter(|_| precision.as_deref() == Some("day"))
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
                Ok(ExtractionInput {
                    title: r.get(0)?,
                    text: r.get(1)?,
                    published,
                    domain: r.get(4)?,
                    url: r.get::<_, Option<String>>(5).ok().flatten(),
                })
            },
        )?)
    }

    /// Ids of articles with no extraction or one made by another extractor version.
    pub fn articles_needing_extraction(&self, version: u32, all: bool) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article_id = a.id
             WHERE ?2 OR e.version IS NULL OR e.version <> ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map(params![version, all], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<i64>, _>>()?)
    }

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

/// A stored span whose text does not match the article at its offsets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpanMismatch {
    /// Article id.
    pub article: i64,
    /// `entity`, `date`, `figure`, `quote`, `event`, `noise`.
    pub item: &'static str,
    /// Field.
    pub field: String,
    /// Character span.
    pub start: usize,
    /// Character span end.
    pub end: usize,
    /// Text stored with the span.
    pub stored: String,
    /// Text the article has there.
    pub actual: String,
}

/// Result of [`Store::verify_spans`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpanCheck {
    /// Articles checked.
    pub articles: u64,
    /// Spans checked.
    pub spans: u64,
    /// Spans that did not match (at most 100 listed).
    pub mismatches: Vec<SpanMismatch>,
    /// Number of mismatches in all.
    pub mismatch_count: u64,
}

impl Store {
    /// Checks every stored extraction span against the article text: the
    /// characters at `start..end` of the field must equal the stored text.
    pub fn verify_spans(&self) -> Result<SpanCheck> {
        let mut check = SpanCheck {
            articles: 0,
            spans: 0,
            mismatches: Vec::new(),
            mismatch_count: 0,
        };
        let mut stmt = self.conn.prepare("SELECT a.id, a.title, a.text FROM articles a JOIN extractions e ON e.article_id = a.id ORDER BY a.id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (id, title, text) = row?;
            let Some(extraction) = load(&self.conn, id)? else {
                continue;
            };
            check.articles += 1;
            let (spans, misplaced) =
                extraction.misplaced_spans(title.as_deref().unwrap_or(""), &text);
            check.spans += spans;
            check.mismatch_count += misplaced.len() as u64;
            for span in misplaced {
                if check.mismatches.len() < 100 {
                    check.mismatches.push(SpanMismatch {
                        article: id,
                        item: span.item,
                        field: span.anchor.field.as_str().to_string(),
                        start: span.anchor.start,
                        end: span.anchor.end,
                        stored: span.anchor.text,
                        actual: span.actual,
                    });
                }
            }
        }
        Ok(check)
    }
}
