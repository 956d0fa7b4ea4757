//! Facet counts beside a list (outlets, languages, publication months,
//! stories), and the cache that keeps them cheap while an import runs.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use super::{FacetCount, FilterSpec, StoryFacet};
use crate::error::Result;
use crate::store::{ArticleFilter, FacetGroup, Store};

/// Facet counts for a selection of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Facets {
    /// Articles selected.
    pub total: u64,
    /// Per outlet, most articles first (at most [`MAX_FACET_VALUES`]).
    pub sources: Vec<FacetCount>,
    /// Per language code (`unknown` when undetected), most first.
    pub languages: Vec<FacetCount>,
    /// Per publication month, in calendar order: the date histogram.
    pub months: Vec<FacetCount>,
    /// Selected articles with no publication date.
    pub undated: u64,
    /// Per story, most articles first (at most [`MAX_FACET_VALUES`]).
    pub stories: Vec<StoryFacet>,
    /// Per tag (on the article or its story), most articles first (at most
    /// [`MAX_FACET_VALUES`]).
    pub tags: Vec<FacetCount>,
    /// Per collection (holding the article or its story), most first (at
    /// most [`MAX_FACET_VALUES`]).
    pub collections: Vec<FacetCount>,
    /// True when these counts were taken up to [`FACETS_MAX_AGE`] ago while
    /// an import was running (see [`FacetCache`]); the UI says they are updating.
    pub provisional: bool,
    /// Set when a query matched too many articles to count quickly: every
    /// count (`total` too) is an estimate from this many of its matches,
    /// spread over the archive; the UI shows them as "about".
    pub estimated_from: Option<u64>,
}

/// Most values one facet lists; the rest are left off (the UI says so).
pub const MAX_FACET_VALUES: usize = 200;

/// Counts outlets, languages and months over the articles `filter` selects,
/// narrowed to those matching the full-text `query` when one is given.
///
/// As in datasette, each facet ignores its own part of the filter (the outlet
/// counts are computed without the outlet filter, and so on), so a person can
/// widen a selection from the facet they narrowed it with.
pub fn facets(store: &Store, filter: &ArticleFilter, query: Option<&str>) -> Result<Facets> {
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let counter = store.facet_counter(query)?;
    let without_sources = ArticleFilter {
        sources: Vec::new(),
        ..filter.clone()
    };
    let without_languages = ArticleFilter {
        languages: Vec::new(),
        ..filter.clone()
    };
    let without_dates = ArticleFilter {
        from: None,
        to: None,
        ..filter.clone()
    };
    let mut sources = counter.sources(&without_sources)?;
    sources.truncate(MAX_FACET_VALUES);
    let mut languages = counter.group(&without_languages, FacetGroup::Language)?;
    languages.truncate(MAX_FACET_VALUES);
    let mut months = counter.group(&without_dates, FacetGroup::Month)?;
    let undated = months
        .iter()
        .filter(|m| m.value.is_empty())
        .map(|m| m.count)
        .sum();
    months.retain(|m| !m.value.is_empty());
    let without_stories = ArticleFilter {
        stories: Vec::new(),
        ..filter.clone()
    };
    let stories = counter.stories(&without_stories, &filter.stories, MAX_FACET_VALUES)?;
    let without_tags = ArticleFilter {
        tags: Vec::new(),
        ..filter.clone()
    };
    let mut tags = counter.tags(&without_tags)?;
    tags.truncate(MAX_FACET_VALUES);
    let without_collections = ArticleFilter {
        collections: Vec::new(),
        ..filter.clone()
    };
    let mut collections = counter.collections(&without_collections)?;
    collections.truncate(MAX_FACET_VALUES);
    let total = counter.count(filter)?;
    Ok(Facets {
        total,
        sources,
        languages,
        months,
        undated,
        stories,
        tags,
        collections,
        provisional: false,
        estimated_from: counter.sampled(),
    })
}

/// How old facet counts may be while an import runs.
pub const FACETS_MAX_AGE: Duration = Duration::from_secs(2);

/// Recent facet counts per selection, used while an import runs.
///
/// Counting facets scans the selected articles (a second or so of work at
/// 100,000 articles when the machine is busy importing), and an import
/// commits every few hundred articles, so counts are stale the moment they
/// are taken anyway. While an import runs, a front end answers from this
/// cache: counts younger than [`FACETS_MAX_AGE`] are returned as they are,
/// older ones are returned at once (marked provisional) while one refresh
/// runs in the background. Outside imports the cache is bypassed and
/// emptied, so settled archives always get exact counts.
#[derive(Default)]
pub struct FacetCache {
    entries: Mutex<BTreeMap<String, CachedFacets>>,
}

struct CachedFacets {
    facets: Facets,
    taken: Instant,
    refreshing: bool,
}

/// What [`FacetCache::lookup`] found.
#[derive(Debug, PartialEq)]
pub enum FacetLookup {
    /// Recent enough: answer with these.
    Fresh(Facets),
    /// Too old: answer with these, and refresh the entry now (the caller
    /// is the only one asked to; it calls [`FacetCache::store`] when done).
    Stale(Facets),
    /// Nothing cached: count, then [`FacetCache::store`].
    Missing,
}

impl FacetCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, CachedFacets>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The key of a selection: its filter and query.
    pub fn key(filter: &FilterSpec, query: Option<&str>) -> String {
        let filter = serde_json::to_string(filter).unwrap_or_default();
        format!("{filter}\u{1f}{}", query.map(str::trim).unwrap_or(""))
    }

    /// Looks a selection up at time `now`.
    pub fn lookup(&self, key: &str, now: Instant) -> FacetLookup {
        let mut entries = self.entries();
        let Some(entry) = entries.get_mut(key) else {
            return FacetLookup::Missing;
        };
        let provisional = Facets {
            provisional: true,
            ..entry.facets.clone()
        };
        if now.saturating_duration_since(entry.taken) <= FACETS_MAX_AGE || entry.refreshing {
            return FacetLookup::Fresh(provisional);
        }
        entry.refreshing = true;
        FacetLookup::Stale(provisional)
    }

    /// Keeps counts taken at `taken`.
    pub fn store(&self, key: String, facets: Facets, taken: Instant) {
        self.entries().insert(
            key,
            CachedFacets {
                facets,
                taken,
                refreshing: false,
            },
        );
    }

    /// Lets a failed refresh be tried again by the next lookup.
    pub fn refresh_failed(&self, key: &str) {
        if let Some(entry) = self.entries().get_mut(key) {
            entry.refreshing = false;
        }
    }

    /// Forgets everything (the archive settled or changed).
    pub fn clear(&self) {
        self.entries().clear();
    }
}

/// Per-month counts as a map, for callers that want to look months up.
pub fn months_by_key(facets: &Facets) -> BTreeMap<String, u64> {
    facets
        .months
        .iter()
        .map(|m| (m.value.clone(), m.count))
        .collect()
}
