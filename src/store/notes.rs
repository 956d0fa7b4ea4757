//! A researcher's notes and highlights: on a passage of an article, on a
//! whole article, on a story or on one comparison finding.
//!
//! A passage is anchored by position and by quote with context (see
//! [`crate::anchor`]). Listing notes resolves every anchor against the
//! article's current text without writing (reads never write): a passage
//! found elsewhere is listed at its new span, one not found is listed as
//! `orphaned` with what it quoted. [`Store::reanchor_notes`] stores those
//! findings. A note on a story follows the story's articles (see
//! `story_anchors`); a note on a finding is keyed by the finding's key, as
//! verdicts are. A note with an empty body on a passage is a highlight.
//! The body is Markdown, stored as written; rendering it safely is the
//! front end's business.

use rusqlite::types::{Type, Value};
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;
use ts_rs::TS;

use super::{Store, story_anchors};
use crate::anchor::{self, Anchor, Field, Resolution};
use crate::error::{Error, Result};

/// Longest note body accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 100_000;

/// What a new note is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A passage of an article.
    Passage {
        /// The article.
        article: i64,
        /// Where the passage is.
        anchor: Anchor,
    },
    /// A whole article.
    Article(i64),
    /// A story (followed by its articles across regroupings).
    Story(i64),
    /// A comparison finding, by its key, with the story it was seen in.
    Finding {
        /// The finding's key (see `compare::keys`).
        key: String,
        /// The story it was in, when known.
        story: Option<i64>,
    },
}

/// A stored note, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Note {
    /// Identifier.
    pub id: i64,
    /// `passage`, `article`, `story` or `finding`.
    pub on: String,
    /// The article, for notes on a passage or an article.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub article: Option<i64>,
    /// The passage's anchor: where it is now when found again, else where
    /// it was (then `orphaned`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub anchor: Option<Anchor>,
    /// The story, for notes on a story (and the story a finding was in).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub story: Option<i64>,
    /// The finding's key, for notes on a finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub finding: Option<String>,
    /// True when the passage or story could not be found again.
    pub orphaned: bool,
    /// Markdown text; empty for a highlight.
    pub body: String,
    /// When written (RFC 3339).
    pub created_at: String,
    /// When last edited.
    pub updated_at: String,
}

/// Which notes to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NoteScope<'a> {
    /// Every note.
    #[default]
    All,
    /// Notes on this article and its passages.
    Article(i64),
    /// Notes on this story.
    Story(i64),
    /// Notes on these comparison findings (by key), as a story's
    /// comparison lists them.
    Findings(&'a [String]),
}

const COLUMNS: &str = "id, target, article_id, field, start_char, end_char, quote, prefix, suffix, \
                       story_id, finding_key, orphaned, body, created_at, updated_at";

fn note_from_row(row: &Row<'_>) -> rusqlite::Result<Note> {
    let field: Option<String> = row.get(3)?;
    let anchor = match field {
        Some(field) => Some(Anchor {
            field: Field::parse(&field).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    3,
                    Type::Text,
                    format!("unknown field {field:?}").into(),
                )
            })?,
            start: row.get::<_, i64>(4)?.try_into().unwrap_or(0),
            end: row.get::<_, i64>(5)?.try_into().unwrap_or(0),
            quote: row.get(6)?,
            prefix: row.get(7)?,
            suffix: row.get(8)?,
        }),
        None => None,
    };
    Ok(Note {
        id: row.get(0)?,
        on: row.get(1)?,
        article: row.get(2)?,
        anchor,
        story: row.get(9)?,
        finding: row.get(10)?,
        orphaned: row.get::<_, i64>(11)? == 1,
        body: row.get(12)?,
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
    })
}

fn check_body(body: &str, highlight_allowed: bool) -> Result<()> {
    if body.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::InvalidArgument(format!(
            "a note holds at most {MAX_NOTE_CHARS} characters"
        )));
    }
    if body.trim().is_empty() && !highlight_allowed {
        return Err(Error::InvalidArgument(
            "the note is empty (only a passage may be highlighted without text)".into(),
        ));
    }
    Ok(())
}

impl Store {
    /// Stores a note. A passage's anchor must match the article's text as
    /// it is now; an article or story must exist.
    pub fn add_note(&mut self, target: &NoteTarget, body: &str, now: &str) -> Result<Note> {
        check_body(body, matches!(target, NoteTarget::Passage { .. }))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        match target {
            NoteTarget::Passage { article, anchor } => {
                let text = field_text(&tx, *article, anchor.field)?;
                if anchor::resolve(&text, anchor) != Resolution::Unchanged {
                    return Err(Error::InvalidArgument(format!(
                        "the passage {:?} is not at {}..{} of article {article}'s {}",
                        anchor.quote,
                        anchor.start,
                        anchor.end,
                        anchor.field.as_str()
                    )));
                }
                tx.execute(
                    "INSERT INTO notes (target, article_id, field, start_char, end_char, quote, prefix, suffix, body, created_at, updated_at)
                     VALUES ('passage', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        article,
                        anchor.field.as_str(),
                        anchor.start as i64,
                        anchor.end as i64,
                        anchor.quote,
                        anchor.prefix,
                        anchor.suffix,
                        body,
                        now
                    ],
                )?;
            }
            NoteTarget::Article(article) => {
                field_text(&tx, *article, Field::Text)?;
                tx.execute(
                    "INSERT INTO notes (target, article_id, body, created_at, updated_at)
                     VALUES ('article', ?1, ?2, ?3, ?3)",
                    params![article, body, now],
                )?;
            }
            NoteTarget::Story(story) => {
                let members = story_anchors::members(&tx, *story)?;
                tx.execute(
                    "INSERT INTO notes (target, story_id, story_articles, body, created_at, updated_at)
                     VALUES ('story', ?1, ?2, ?3, ?4, ?4)",
                    params![story, serde_json::to_string(&members)?, body, now],
                )?;
            }
            NoteTarget::Finding { key, story } => {
                if key.trim().is_empty() {
                    return Err(Error::InvalidArgument("a finding key is empty".into()));
                }
                tx.execute(
                    "INSERT INTO notes (target, finding_key, story_id, body, created_at, updated_at)
                     VALUES ('finding', ?1, ?2, ?3, ?4, ?4)",
                    params![key, story, body, now],
                )?;
            }
        }
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.note(id)
    }

    /// Replaces a note's text.
    pub fn edit_note(&mut self, id: i64, body: &str, now: &str) -> Result<Note> {
        let note = self.note(id)?;
        check_body(body, note.on == "passage")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE notes SET body = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, body, now],
        )?;
        tx.commit()?;
        self.note(id)
    }

    /// One note, its anchor resolved against the current text.
    pub fn note(&self, id: i64) -> Result<Note> {
        let sql = format!("SELECT {COLUMNS} FROM notes WHERE id = ?1");
        let note = self
            .conn
            .query_row(&sql, [id], note_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                kind: "note",
                id: id.to_string(),
            })?;
        self.resolved(note)
    }

    /// Notes in `scope`, oldest first, each passage resolved against its
    /// article's current text (nothing is written).
    pub fn notes(&self, scope: NoteScope<'_>) -> Result<Vec<Note>> {
        let (condition, value) = match scope {
            NoteScope::All => ("?1 IS NULL", None),
            NoteScope::Article(id) => ("article_id = ?1", Some(Value::Integer(id))),
            NoteScope::Story(id) => (
                "story_id = ?1 AND target = 'story'",
                Some(Value::Integer(id)),
            ),
            NoteScope::Findings(keys) => (
                "finding_key IN (SELECT value FROM json_each(?1))",
                Some(Value::Text(serde_json::to_string(keys)?)),
            ),
        };
        let sql = format!("SELECT {COLUMNS} FROM notes WHERE {condition} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![value], note_from_row)?;
        let notes = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        notes.into_iter().map(|note| self.resolved(note)).collect()
    }

    /// The note with its passage found in the current text (or orphaned).
    fn resolved(&self, mut note: Note) -> Result<Note> {
        let (Some(article), Some(anchor)) = (note.article, note.anchor.as_mut()) else {
            return Ok(note);
        };
        let text = field_text(&self.conn, article, anchor.field)?;
        match anchor::resolve(&text, anchor) {
            Resolution::Unchanged => note.orphaned = false,
            Resolution::Moved { start, end } => {
                anchor.start = start;
                anchor.end = end;
                note.orphaned = false;
            }
            Resolution::Orphaned => note.orphaned = true,
        }
        Ok(note)
    }

    /// Stores where every passage is now: moved spans and orphaned marks
    /// (a passage that comes back is no longer orphaned). Returns how many
    /// notes changed. For after a change of article text.
    pub fn reanchor_notes(&mut self) -> Result<usize> {
        let notes: Vec<Note> = self
            .notes(NoteScope::All)?
            .into_iter()
            .filter(|note| note.on == "passage")
            .collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut changed = 0;
        for note in notes {
            let Some(anchor) = note.anchor else { continue };
            changed += tx.execute(
                "UPDATE notes SET start_char = ?2, end_char = ?3, orphaned = ?4
                 WHERE id = ?1 AND (start_char, end_char, orphaned) IS NOT (?2, ?3, ?4)",
                params![
                    note.id,
                    anchor.start as i64,
                    anchor.end as i64,
                    note.orphaned
                ],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }
}

/// The current text of an article's field.
fn field_text(conn: &rusqlite::Connection, article: i64, field: Field) -> Result<String> {
    let row: Option<(Option<String>, String)> = conn
        .query_row(
            "SELECT title, text FROM articles WHERE id = ?1",
            [article],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (title, text) = row.ok_or(Error::NotFound {
        kind: "article",
        id: article.to_string(),
    })?;
    Ok(match field {
        Field::Text => text,
        Field::Title => title.unwrap_or_default(),
    })
}
