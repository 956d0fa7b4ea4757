//! Read models for the front ends: what the desktop window and `parallax
//! serve` show beside a list or an article, computed in one place so both
//! transports answer identically.
//!
//! [`FilterSpec`] is the serialisable form of an [`ArticleFilter`] as the UI
//! sends it; [`facets`] counts outlets, languages and publication months for
//! the articles a filter (and optionally a full-text query) selects, like
//! datasette's facet counts beside every table; [`ArticleView`] is an article
//! with its occurrences and near-duplicates. Nothing here writes.
//!
//! [`run_in_background`] and [`thread_cpu_time`] serve the front ends'
//! responsiveness during imports: the import thread yields the CPU to the
//! threads answering views, and timing logs tell waiting from working.

mod background;
mod facets;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::extract::items::Extraction;
use crate::model::{Article, ArticleSummary};
use crate::store::{ArticleFilter, ArticleSort, Occurrence, Store};
pub use crate::store::{FacetCount, StoryFacet};
use crate::stories::StorySummary;
pub use background::{run_in_background, thread_cpu_time};
pub use facets::{
    FACETS_MAX_AGE, FacetCache, FacetLookup, Facets, MAX_FACET_VALUES, facets, months_by_key,
};

/// Filters as a front end sends them (every field optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct FilterSpec {
    /// Outlet names or domains, any of these.
    pub sources: Vec<String>,
    /// Language codes, any of these.
    pub languages: Vec<String>,
    /// Earliest publication date (`YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// Latest publication date (`YYYY-MM-DD`), inclusive.
    pub to: Option<String>,
    /// Story ids, any of these.
    pub stories: Vec<i64>,
    /// Tag names, any of these.
    pub tags: Vec<String>,
    /// Collection names, any of these.
    pub collections: Vec<String>,
}

impl FilterSpec {
    /// Validates the dates and builds the store's filter.
    pub fn to_filter(&self) -> Result<ArticleFilter> {
        let date = |value: &Option<String>| -> Result<Option<NaiveDate>> {
            match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        Error::InvalidArgument(format!(
                            "{text:?} is not a date of the form YYYY-MM-DD"
                        ))
                    }),
            }
        };
        Ok(ArticleFilter {
            sources: self.sources.clone(),
            from: date(&self.from)?,
            to: date(&self.to)?,
            languages: self.languages.clone(),
            stories: self.stories.clone(),
            tags: self.tags.clone(),
            collections: self.collections.clone(),
        })
    }
}

/// Parses the sort names the front ends use (`published`, `oldest`, `title`,
/// `source`, `imported`).
pub fn parse_sort(name: &str) -> Result<ArticleSort> {
    match name {
        "" | "published" => Ok(ArticleSort::Published),
        "oldest" => Ok(ArticleSort::PublishedAsc),
        "title" => Ok(ArticleSort::Title),
        "source" => Ok(ArticleSort::Source),
        "imported" => Ok(ArticleSort::Imported),
        other => Err(Error::InvalidArgument(format!("unknown sort {other:?}"))),
    }
}

/// A near-duplicate of an article, with the estimated similarity.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NearDuplicateView {
    /// The other article.
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// Estimated Jaccard similarity of their shingles.
    pub similarity: f64,
}

/// An article with everything the reader shows around it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArticleView {
    /// The article, text included.
    #[serde(flatten)]
    pub article: Article,
    /// Every place it was seen.
    pub occurrences: Vec<Occurrence>,
    /// Near-duplicates, most similar first.
    pub near_duplicates: Vec<NearDuplicateView>,
    /// Extraction results (entities, dates, figures, quotes, events,
    /// main event) when the archive holds them; `None` otherwise, so a front
    /// end can say "not extracted" rather than "nothing found".
    pub extraction: Option<Extraction>,
    /// The story the article belongs to, when stories have been grouped.
    pub story: Option<StorySummary>,
}

/// Loads an article (by archive id or external id) with its occurrences and
/// near-duplicates.
pub fn article_view(store: &Store, key: &str) -> Result<ArticleView> {
    let article = store.find_article(key)?;
    let occurrences = store.occurrences(article.id)?;
    let near_duplicates = store
        .near_duplicates(article.id)?
        .into_iter()
        .map(|(article, similarity)| NearDuplicateView {
            article,
            similarity,
        })
        .collect();
    let extraction = store.extraction(article.id)?;
    let story = story_of(store, article.id)?;
    Ok(ArticleView {
        article,
        occurrences,
        near_duplicates,
        extraction,
        story,
    })
}

/// The story an article was grouped into, if any.
pub fn story_of(store: &Store, article: i64) -> Result<Option<StorySummary>> {
    let story = store.story_of(article)?;
    story.map(|id| store.story(id)).transpose()
}

/// A place on the map: a gazetteer place that articles mention.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MapPlace {
    /// Entity id of the place.
    pub entity: i64,
    /// Display name.
    pub name: String,
    /// Country name.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Articles mentioning it.
    pub articles: u64,
}

/// Places mentioned in the archive with their coordinates, most mentioned
/// first (at most `limit`).
pub fn map_places(store: &Store, limit: u64) -> Result<Vec<MapPlace>> {
    let places = store.entities(Some("place"), limit)?;
    Ok(places
        .into_iter()
        .filter_map(|entity| {
            let place = entity.place?;
            Some(MapPlace {
                entity: entity.id,
                name: entity.name,
                country: place.country,
                lat: place.lat,
                lon: place.lon,
                articles: entity.articles,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests;
