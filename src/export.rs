//! Export of the archive with its extraction: JSON Lines (one article per
//! line, the same shape as `parallax show --json`) or CSV (one row per
//! article with the main event's facts and joined entity names). Each
//! article carries what the researcher wrote on it: its tags, its notes and
//! highlights (each passage with its anchor as found again, or `orphaned`),
//! and the verdicts on comparison findings with a passage in it (data for
//! improving the rules).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::Store;
use crate::error::{Error, Result};
use crate::extract::items::{EntityKind, Extraction, QuoteKind};
use crate::model::{Article, Verdict};
use crate::store::{Note, NoteScope};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// An article with everything extracted from it: the JSON shape shared by
/// `show --json` and JSONL export.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRecord {
    /// The article.
    #[serde(flatten)]
    pub article: Article,
    /// Its extraction (empty lists and `extractor_version` 0 if not extracted).
    #[serde(flatten)]
    pub extraction: Extraction,
    /// Verdicts on comparison findings with a passage in this article (left
    /// out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
    /// Its tags, by name (left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Notes and highlights on it and its passages (left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl ArticleRecord {
    /// Loads an article, its extraction, its tags and notes, and the
    /// verdicts touching it.
    pub fn load(store: &Store, id: i64) -> Result<ArticleRecord> {
        let mut record = ArticleRecord::load_without_verdicts(store, id)?;
        record.verdicts = store.verdicts_of_article(id)?;
        record.notes = store.notes(NoteScope::Article(id))?;
        Ok(record)
    }

    fn load_without_verdicts(store: &Store, id: i64) -> Result<ArticleRecord> {
        let article = store.article(id)?;
        let extraction = store.extraction(id)?.unwrap_or_default();
        Ok(ArticleRecord {
            article,
            extraction,
            verdicts: Vec::new(),
            tags: store.tags_of_article(id)?,
            notes: Vec::new(),
        })
    }
}

/// Every note on an article or its passages under that article (in the
/// order listed), read once for a whole export.
fn notes_by_article(store: &Store) -> Result<BTreeMap<i64, Vec<Note>>> {
    let mut by_article: BTreeMap<i64, Vec<Note>> = BTreeMap::new();
    for note in store.notes(NoteScope::All)? {
        if let Some(article) = note.article {
            by_article.entry(article).or_default().push(note);
        }
    }
    Ok(by_article)
}

/// Every verdict under each article it has a passage in (verdicts in key
/// order), read once for a whole export.
fn verdicts_by_article(store: &Store) -> Result<BTreeMap<i64, Vec<Verdict>>> {
    let mut verdicts = store.verdicts(None)?;
    verdicts.sort_by(|a, b| a.key.cmp(&b.key));
    let mut by_article: BTreeMap<i64, Vec<Verdict>> = BTreeMap::new();
    for verdict in verdicts {
        let mut articles: Vec<i64> = verdict.passages.iter().map(|p| p.article).collect();
        articles.sort_unstable();
        articles.dedup();
        for article in articles {
            by_article.entry(article).or_default().push(verdict.clone());
        }
    }
    Ok(by_article)
}

const CSV_HEADER: &[&str] = &[
    "id",
    "external_id",
    "source",
    "url",
    "title",
    "published",
    "language",
    "chars",
    "event_type",
    "event_date",
    "place",
    "region",
    "country",
    "lat",
    "lon",
    "killed",
    "injured",
    "people",
    "organisations",
    "places",
    "quotes",
    "text",
    "verdicts",
    "tags",
    "notes",
];

/// Writes every article, in id order, to `out`. Returns the number written.
pub fn export(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<u64> {
    let ids = store.article_ids()?;
    let io = |e: std::io::Error| Error::io("<export output>", e);
    let csv_error = |e: csv::Error| Error::InvalidArgument(format!("CSV export failed: {e}"));
    let mut verdicts = verdicts_by_article(store)?;
    let mut notes = notes_by_article(store)?;
    let mut load = |id: i64| -> Result<ArticleRecord> {
        let mut record = ArticleRecord::load_without_verdicts(store, id)?;
        record.verdicts = verdicts.remove(&id).unwrap_or_default();
        record.notes = notes.remove(&id).unwrap_or_default();
        Ok(record)
    };
    match format {
        ExportFormat::Jsonl => {
            for id in &ids {
                serde_json::to_writer(&mut *out, &load(*id)?)?;
                out.write_all(b"\n").map_err(io)?;
            }
            out.flush().map_err(io)?;
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_HEADER).map_err(csv_error)?;
            for id in &ids {
                writer
                    .write_record(csv_row(&load(*id)?))
                    .map_err(csv_error)?;
            }
            writer.flush().map_err(io)?;
        }
    }
    Ok(ids.len() as u64)
}

fn csv_row(r: &ArticleRecord) -> Vec<String> {
    let a = &r.article;
    let main = r.extraction.main_event.as_ref();
    let place = main.and_then(|m| m.place.as_ref());
    let names = |kind: EntityKind| {
        let mut names: Vec<&str> = r
            .extraction
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names.join("; ")
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        a.id.to_string(),
        a.external_id.clone(),
        opt(a.source.clone()),
        opt(a.url.clone()),
        opt(a.title.clone()),
        opt(a.published.map(|d| d.to_string())),
        opt(a.language.clone()),
        a.chars.to_string(),
        opt(main.map(|m| m.kind.to_string())),
        opt(main.and_then(|m| m.date).map(|d| d.to_string())),
        opt(place.map(|p| p.name.clone())),
        opt(place.and_then(|p| p.region.clone())),
        opt(place.map(|p| p.country.clone())),
        opt(place.map(|p| p.lat.to_string())),
        opt(place.map(|p| p.lon.to_string())),
        opt(main.and_then(|m| m.killed).map(|v| v.to_string())),
        opt(main.and_then(|m| m.injured).map(|v| v.to_string())),
        names(EntityKind::Person),
        names(EntityKind::Organisation),
        names(EntityKind::Place),
        r.extraction
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .count()
            .to_string(),
        a.text.clone(),
        r.verdicts
            .iter()
            .map(verdict_cell)
            .collect::<Vec<_>>()
            .join("; "),
        r.tags.join("; "),
        r.notes.iter().map(note_cell).collect::<Vec<_>>().join("\n"),
    ]
}

/// A note in a CSV cell, one line each: `"quoted passage" (orphaned): body`.
fn note_cell(note: &Note) -> String {
    let mut cell = match &note.anchor {
        Some(anchor) => format!("\"{}\"", anchor.quote),
        None => "(article)".to_string(),
    };
    if note.orphaned {
        cell.push_str(" (orphaned)");
    }
    if !note.body.is_empty() {
        cell.push_str(": ");
        cell.push_str(&note.body.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    cell
}

/// A verdict in a CSV cell: `wrong figure 1f0c…: killed: person (note)`.
fn verdict_cell(verdict: &Verdict) -> String {
    let mut cell = format!(
        "{} {} {}: {}",
        verdict.verdict, verdict.kind, verdict.key, verdict.label
    );
    if let Some(note) = &verdict.note {
        cell.push_str(&format!(" ({note})"));
    }
    cell
}
