//! An article's extraction as rows: [`save`] writes every item into its
//! table (resolving mentions to entities), [`load`] reads them back.

use rusqlite::{CachedStatement, Connection, OptionalExtension, ToSql, params};

use super::entities::resolve_entity;
use crate::error::Result;
use crate::extract::items::{
    Anchor, DateItem, DateKind, EntityItem, EntityKind, EventItem, EventType, Extraction, Field,
    FigureItem, MainEvent, NoiseItem, NoiseKind, Predicate, Qualifier, QuoteItem, QuoteKind,
    ReferenceDate,
};
use crate::model::DatePrecision;

/// Writes an article's extraction, replacing any earlier one, and fills in
/// the entity ids of its mentions. The article's story membership is marked
/// stale, so that the next story update re-summarises its story, and its
/// kept story sketch is deleted.
pub(super) fn save(conn: &Connection, article: i64, extraction: &mut Extraction) -> Result<()> {
    conn.prepare_cached("UPDATE story_members SET stale = 1 WHERE article_id = ?1")?
        .execute([article])?;
    // What story grouping kept of the article's extraction is stale too
    // (an article grouped before it was first extracted has a sketch).
    conn.prepare_cached("DELETE FROM story_sketches WHERE article_id = ?1")?
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

    let row = ItemRow { article, version };
    // Each table's statement is taken from the cache once per article, not
    // once per row: a cache lookup hashes and copies the statement's SQL,
    // which cost more than many a row's insert (issue 16).
    let mut noise_insert =
        conn.prepare_cached("INSERT INTO noise_spans VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    for (seq, n) in extraction.noise.iter().enumerate() {
        row.insert(&mut noise_insert, seq, &n.anchor, &[&n.kind.as_str()])?;
    }
    let mut mention_insert = conn.prepare_cached(
        "INSERT INTO mentions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, e) in extraction.entities.iter_mut().enumerate() {
        let entity = resolve_entity(conn, e.kind.as_str(), &e.name, e.place.as_ref())?;
        e.entity = Some(entity);
        let place = e.place.as_ref().map(serde_json::to_string).transpose()?;
        row.insert(
            &mut mention_insert,
            seq,
            &e.anchor,
            &[&e.kind.as_str(), &e.name, &e.role, &place, &entity],
        )?;
    }
    let mut date_insert = conn.prepare_cached(
        "INSERT INTO date_mentions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, d) in extraction.dates.iter().enumerate() {
        row.insert(
            &mut date_insert,
            seq,
            &d.anchor,
            &[
                &d.kind.as_str(),
                &d.date.map(|d| d.to_string()),
                &d.precision.as_str(),
                &d.part_of_day,
                &d.weekday_conflict,
            ],
        )?;
    }
    let mut figure_insert = conn.prepare_cached(
        "INSERT INTO figures VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    for (seq, f) in extraction.figures.iter().enumerate() {
        row.insert(
            &mut figure_insert,
            seq,
            &f.anchor,
            &[
                &f.value,
                &f.low,
                &f.high,
                &f.qualifier.map(Qualifier::as_str),
                &f.approximate,
                &f.implicit,
                &f.partitive,
                &f.counted,
                &f.predicate.map(Predicate::as_str),
                &(f.sentence.0 as i64),
                &(f.sentence.1 as i64),
                &f.date.map(|i| i as i64),
                &f.place.map(|i| i as i64),
            ],
        )?;
    }
    let mut quote_insert = conn.prepare_cached(
        "INSERT INTO quotes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, q) in extraction.quotes.iter().enumerate() {
        row.insert(
            &mut quote_insert,
            seq,
            &q.anchor,
            &[
                &q.kind.as_str(),
                &q.speaker,
                &q.speaker_entity.map(|i| i as i64),
                &q.verb,
                &q.continues_previous,
            ],
        )?;
    }
    let mut event_insert = conn.prepare_cached(
        "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut argument =
        conn.prepare_cached("INSERT OR IGNORE INTO event_arguments VALUES (?1, ?2, ?3, ?4)")?;
    for (seq, e) in extraction.events.iter().enumerate() {
        row.insert(
            &mut event_insert,
            seq,
            &e.anchor,
            &[
                &e.kind.as_str(),
                &(e.trigger.0 as i64),
                &(e.trigger.1 as i64),
                &e.place.map(|i| i as i64),
                &e.date.map(|i| i as i64),
                &e.negated,
                &e.hypothetical,
                &e.score,
            ],
        )?;
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

/// What every item row of an article holds besides the item's own
/// columns: the article and its position in the item's list first, then
/// the anchor (field, first and past-the-end character, text), and the
/// extractor version last.
struct ItemRow {
    article: i64,
    version: u32,
}

impl ItemRow {
    /// Inserts one item's row with `statement`, `columns` being the item's
    /// own, in its table's order.
    fn insert(
        &self,
        statement: &mut CachedStatement<'_>,
        seq: usize,
        anchor: &Anchor,
        columns: &[&dyn ToSql],
    ) -> Result<()> {
        let (seq, field) = (seq as i64, anchor.field.as_str());
        let (start, end) = (anchor.start as i64, anchor.end as i64);
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(columns.len() + 7);
        values.extend([
            &self.article as &dyn ToSql,
            &seq,
            &field,
            &start,
            &end,
            &anchor.text,
        ]);
        values.extend_from_slice(columns);
        values.push(&self.version);
        statement.execute(values.as_slice())?;
        Ok(())
    }
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

/// An item kind read back by its stored name from column `at` of a row of
/// `table` for `article` (whose `seq` column, when selected, names the
/// row). A name no kind has is a read error that names the row, not a
/// fallback kind: the kinds are a closed vocabulary that only this
/// extractor writes, and an article extracted by another extractor
/// version is due for extraction again
/// (`Store::articles_needing_extraction`), so an unknown name is a
/// damaged row. Read as a catch-all kind it would
/// silently drop out of every rule that asks for a known kind (a shooting
/// no longer a shooting), changing comparisons without a word; as an
/// error, the command fails saying which row to look at, and `parallax
/// extract --all` writes it again.
fn stored_kind<T>(
    r: &rusqlite::Row<'_>,
    at: usize,
    parse: fn(&str) -> Option<T>,
    table: &str,
    article: i64,
) -> rusqlite::Result<T> {
    let name: String = r.get(at)?;
    parse(&name).ok_or_else(|| unknown_kind(r, at, &name, table, article))
}

/// [`stored_kind`] for a kind that may be absent (a figure's qualifier).
fn stored_optional_kind<T>(
    r: &rusqlite::Row<'_>,
    at: usize,
    parse: fn(&str) -> Option<T>,
    table: &str,
    article: i64,
) -> rusqlite::Result<Option<T>> {
    let Some(name) = r.get::<_, Option<String>>(at)? else {
        return Ok(None);
    };
    match parse(&name) {
        Some(kind) => Ok(Some(kind)),
        None => Err(unknown_kind(r, at, &name, table, article)),
    }
}

/// The read error for an unknown kind `name` in column `at`, naming the
/// table, the article and the row's `seq` when the query selected it.
fn unknown_kind(
    r: &rusqlite::Row<'_>,
    at: usize,
    name: &str,
    table: &str,
    article: i64,
) -> rusqlite::Error {
    let row = match r.get::<_, i64>("seq") {
        Ok(seq) => format!("{table} row {seq} of article {article}"),
        Err(_) => format!("{table} row of article {article}"),
    };
    rusqlite::Error::FromSqlConversionFailure(
        at,
        rusqlite::types::Type::Text,
        format!("{row}: unknown item kind {name:?}").into(),
    )
}

pub(super) fn json<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

fn date(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

/// Every row `sql` selects for `article` (its `?1`), each read by `item`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    article: i64,
    item: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    let found = statement
        .query_map([article], item)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// Reads an article's extraction back; `None` when it has not been extracted.
pub(super) fn load(conn: &Connection, article: i64) -> Result<Option<Extraction>> {
    load_parts(conn, article, Parts::All)
}

/// How much of an extraction [`load_parts`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Parts {
    /// Everything.
    All,
    /// What story grouping reads (the main event, reference date, noise,
    /// entities and dates); figures, quotes and events are left empty,
    /// which saves four of its eight queries per article.
    ForGrouping,
}

/// [`load`], reading only `parts`.
pub(super) fn load_parts(
    conn: &Connection,
    article: i64,
    parts: Parts,
) -> Result<Option<Extraction>> {
    let head = conn
        .prepare_cached(
            "SELECT version, reference_date, reference_inferred, main_event, main_type, main_date, main_date_precision,
                    main_place, main_killed, main_injured, wire_credits
             FROM extractions WHERE article_id = ?1",
        )?
        .query_row([article], |r| <(u32, Option<String>, bool, Option<i64>, Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>, Option<i64>, String)>::try_from(r))
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
    // The main event's type is read as the other kinds are (see
    // `stored_kind`): an unknown name fails the read, naming the article.
    let main_kind = match main_type {
        Some(name) => Some(EventType::parse(&name).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                4,
                rusqlite::types::Type::Text,
                format!("extractions row of article {article}: unknown item kind {name:?}").into(),
            )
        })?),
        None => None,
    };
    out.main_event = match (main_event, main_kind) {
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
    out.noise = rows(
        conn,
        "SELECT field, start_char, end_char, text, kind, seq FROM noise_spans WHERE article_id = ?1 ORDER BY seq",
        article,
        |r| {
            Ok(NoiseItem {
                anchor: anchor(r, 0)?,
                kind: stored_kind(r, 4, NoiseKind::parse, "noise_spans", article)?,
            })
        },
    )?;
    out.entities = rows(
        conn,
        "SELECT field, start_char, end_char, text, kind, name, role, place, entity_id, seq FROM mentions WHERE article_id = ?1 ORDER BY seq",
        article,
        |r| {
            Ok(EntityItem {
                anchor: anchor(r, 0)?,
                kind: stored_kind(r, 4, EntityKind::parse, "mentions", article)?,
                name: r.get(5)?,
                role: r.get(6)?,
                place: json(r.get(7)?),
                entity: r.get(8)?,
            })
        },
    )?;
    out.dates = rows(
        conn,
        "SELECT field, start_char, end_char, text, kind, date, precision, part_of_day, weekday_conflict, seq
         FROM date_mentions WHERE article_id = ?1 ORDER BY seq",
        article,
        |r| {
        Ok(DateItem {
            anchor: anchor(r, 0)?,
            kind: stored_kind(r, 4, DateKind::parse, "date_mentions", article)?,
            date: date(r.get(5)?),
            precision: DatePrecision::parse(&r.get::<_, String>(6)?)
                .unwrap_or(DatePrecision::Day),
            part_of_day: r.get(7)?,
            weekday_conflict: r.get(8)?,
        })
        },
    )?;
    if parts == Parts::ForGrouping {
        return Ok(Some(out));
    }
    out.figures = rows(
        conn,
        "SELECT field, start_char, end_char, text, value, low, high, qualifier, approximate, implicit, partitive, counted,
                predicate, sentence_start, sentence_end, date_seq, place_seq, seq
         FROM figures WHERE article_id = ?1 ORDER BY seq",
        article,
        |r| {
        Ok(FigureItem {
            anchor: anchor(r, 0)?,
            value: r.get(4)?,
            low: r.get(5)?,
            high: r.get(6)?,
            qualifier: stored_optional_kind(r, 7, Qualifier::parse, "figures", article)?,
            approximate: r.get(8)?,
            implicit: r.get(9)?,
            partitive: r.get(10)?,
            counted: r.get(11)?,
            predicate: stored_optional_kind(r, 12, Predicate::parse, "figures", article)?,
            sentence: (r.get::<_, i64>(13)? as usize, r.get::<_, i64>(14)? as usize),
            date: r.get::<_, Option<i64>>(15)?.map(|i| i as usize),
            place: r.get::<_, Option<i64>>(16)?.map(|i| i as usize),
        })
        },
    )?;
    out.quotes = rows(
        conn,
        "SELECT field, start_char, end_char, text, kind, speaker, speaker_seq, verb, continues_previous, seq
         FROM quotes WHERE article_id = ?1 ORDER BY seq",
        article,
        |r| {
        Ok(QuoteItem {
            anchor: anchor(r, 0)?,
            kind: stored_kind(r, 4, QuoteKind::parse, "quotes", article)?,
            speaker: r.get(5)?,
            speaker_entity: r.get::<_, Option<i64>>(6)?.map(|i| i as usize),
            verb: r.get(7)?,
            continues_previous: r.get(8)?,
        })
        },
    )?;
    let arguments: Vec<(usize, String, usize)> = rows(
        conn,
        "SELECT event_seq, role, ref_seq FROM event_arguments WHERE article_id = ?1 ORDER BY event_seq, role, ref_seq",
        article,
        |r| {
            Ok((
                r.get::<_, i64>(0)? as usize,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)? as usize,
            ))
        },
    )?;
    out.events = rows(
        conn,
        "SELECT seq, field, start_char, end_char, text, kind, trigger_start, trigger_end, place_seq, date_seq, negated, hypothetical, score
         FROM events WHERE article_id = ?1 ORDER BY seq",
        article,
        |r| {
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
            kind: stored_kind(r, 5, EventType::parse, "events", article)?,
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
        },
    )?;
    Ok(Some(out))
}
