//! Export of the archive with its extraction: JSON Lines (one article per
//! line, the same shape as `parallax show --json`) or CSV (one row per
//! article with the main event's facts and joined entity names).

use std::io::Write;

use serde::Serialize;

use crate::Store;
use crate::error::{Error, Result};
use crate::extract::items::Extraction;
use crate::model::Article;

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
}

impl ArticleRecord {
    /// Loads an article and its extraction.
    pub fn load(store: &Store, id: i64) -> Result<ArticleRecord> {
        let article = store.article(id)?;
        let extraction = store.extraction(id)?.unwrap_or_default();
        Ok(ArticleRecord {
            article,
            extraction,
        })
    }
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
];

/// Writes every article, in id order, to `out`. Returns the number written.
pub fn export(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<u64> {
    let ids = store.article_ids()?;
    let io = |e: std::io::Error| Error::io("<export output>", e);
    let csv_error = |e: csv::Error| Error::InvalidArgument(format!("CSV export failed: {e}"));
    match format {
        ExportFormat::Jsonl => {
            for id in &ids {
                serde_json::to_writer(&mut *out, &ArticleRecord::load(store, *id)?)?;
                out.write_all(b"\n").map_err(io)?;
            }
            out.flush().map_err(io)?;
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_HEADER).map_err(csv_error)?;
            for id in &ids {
                writer
                    .write_record(csv_row(&ArticleRecord::load(store, *id)?))
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
    let names = |kind: &str| {
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
        opt(main.map(|m| m.kind.clone())),
        opt(main.and_then(|m| m.date).map(|d| d.to_string())),
        opt(place.map(|p| p.name.clone())),
        opt(place.and_then(|p| p.region.clone())),
        opt(place.map(|p| p.country.clone())),
        opt(place.map(|p| p.lat.to_string())),
        opt(place.map(|p| p.lon.to_string())),
        opt(main.and_then(|m| m.killed).map(|v| v.to_string())),
        opt(main.and_then(|m| m.injured).map(|v| v.to_string())),
        names("person"),
        names("organisation"),
        names("place"),
        r.extraction
            .quotes
            .iter()
            .filter(|q| q.kind != "scare")
            .count()
            .to_string(),
        a.text.clone(),
    ]
}
