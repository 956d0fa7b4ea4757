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

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::extract::items::Extraction;
use crate::model::{Article, ArticleSummary};
use crate::store::{ArticleFilter, ArticleSort, FacetGroup, Occurrence, Store};
pub use crate::store::{FacetCount, StoryFacet};
use crate::stories::StorySummary;

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

/// Per-month counts as a map, for callers that want to look months up.
pub fn months_by_key(facets: &Facets) -> BTreeMap<String, u64> {
    facets
        .months
        .iter()
        .map(|m| (m.value.clone(), m.count))
        .collect()
}

/// Lowers the calling thread's scheduling priority to background (`nice`
/// 10, this thread only). Import jobs call it first: extraction keeps a core
/// busy for minutes, and on a machine with two cores the threads answering
/// searches would otherwise take turns with it and wait up to a scheduler
/// slice or more per query (20,000-article import, two cores also running
/// two compilers: search p95 185 ms before, 76 ms after). A background thread gives way whenever a
/// view needs the CPU and imports at full speed otherwise. Returns false
/// when the system refused (the import then simply runs at normal priority).
/// The front ends skip the call when `PARALLAX_IMPORT_NORMAL_PRIORITY` is
/// set, so the effect can be measured with one build
/// (scripts/measure-responsiveness.mjs).
pub fn run_in_background() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take plain integers and touch no
        // memory of ours; setpriority on a thread id changes that thread only.
        unsafe {
            let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, thread, 10) == 0
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// CPU time the calling thread has used so far, for timing logs: a request
/// whose wall time is far above its CPU time waited (for a core, a lock or
/// the disk) rather than worked.
pub fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut time = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec we own.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
        if status == 0 {
            return Duration::new(
                time.tv_sec.max(0) as u64,
                time.tv_nsec.clamp(0, 999_999_999) as u32,
            );
        }
        Duration::ZERO
    }
    #[cfg(not(unix))]
    {
        Duration::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{self, ImportOptions, Input};
    use std::sync::atomic::AtomicBool;

    fn archive() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let lines = [
            r#"{"id":"a1","source":"Daily Post","title":"Bridge closes","published":"2024-03-02","text":"The river bridge closed on Friday after inspectors found cracks in two supports."}"#,
            r#"{"id":"a2","source":"Daily Post","title":"Council vote","published":"2024-04-11","text":"The council voted seven to two to repair the bridge before the summer season."}"#,
            r#"{"id":"a3","source":"Evening Star","title":"Storm warning","text":"Forecasters warned of strong winds along the coast through the weekend."}"#,
        ];
        let input = Input::Bytes {
            name: "batch.jsonl".into(),
            bytes: lines.join("\n").into_bytes(),
        };
        let options = ImportOptions {
            max_file_bytes: 1 << 20,
            ..ImportOptions::new("2024-05-01T00:00:00Z")
        };
        ingest::import(
            &mut store,
            &[input],
            &options,
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        store
    }

    #[test]
    fn counts_outlets_months_and_undated() {
        let store = archive();
        let all = facets(&store, &ArticleFilter::default(), None).unwrap();
        assert_eq!(all.total, 3);
        assert_eq!(
            all.sources,
            vec![
                FacetCount {
                    value: "Daily Post".into(),
                    count: 2
                },
                FacetCount {
                    value: "Evening Star".into(),
                    count: 1
                },
            ]
        );
        assert_eq!(all.undated, 1);
        assert_eq!(
            months_by_key(&all),
            BTreeMap::from([("2024-03".to_string(), 1), ("2024-04".to_string(), 1)])
        );
    }

    #[test]
    fn query_narrows_the_counts() {
        let store = archive();
        let bridge = facets(&store, &ArticleFilter::default(), Some("bridge")).unwrap();
        assert_eq!(bridge.total, 2);
        assert_eq!(bridge.sources.len(), 1);
        let broken = facets(&store, &ArticleFilter::default(), Some("\"unclosed"));
        assert_eq!(broken.map_err(|e| e.code()).err(), Some("invalid_query"));
    }

    #[test]
    fn filter_spec_rejects_bad_dates() {
        let spec = FilterSpec {
            from: Some("2024-13-01".into()),
            ..FilterSpec::default()
        };
        assert_eq!(
            spec.to_filter().map_err(|e| e.code()).err(),
            Some("invalid_argument")
        );
        let spec = FilterSpec {
            from: Some("2024-03-01".into()),
            sources: vec!["Daily Post".into()],
            ..FilterSpec::default()
        };
        let store = archive();
        let counted = facets(&store, &spec.to_filter().unwrap(), None).unwrap();
        assert_eq!(counted.total, 2);
        assert_eq!(
            counted.languages,
            vec![FacetCount {
                value: "en".into(),
                count: 2
            }]
        );
        // The outlet facet ignores the outlet filter, so other outlets stay pickable.
        let one_outlet = FilterSpec {
            sources: vec!["Evening Star".into()],
            ..FilterSpec::default()
        };
        let counted = facets(&store, &one_outlet.to_filter().unwrap(), None).unwrap();
        assert_eq!((counted.total, counted.sources.len()), (1, 2));
    }

    #[test]
    fn story_facet_counts_and_filters() {
        let mut store = archive();
        let before = facets(&store, &ArticleFilter::default(), None).unwrap();
        assert!(before.stories.is_empty(), "no story before grouping");
        let grouped = crate::app::update_stories(&mut store, false).unwrap();
        let all = facets(&store, &ArticleFilter::default(), None).unwrap();
        assert_eq!(all.stories.len(), grouped.len());
        assert_eq!(all.stories.iter().map(|s| s.count).sum::<u64>(), 3);
        let biggest = &all.stories[0];
        let members = grouped
            .iter()
            .find(|s| s.id == biggest.story)
            .unwrap()
            .articles
            .len() as u64;
        assert_eq!(biggest.count, members);
        let spec = FilterSpec {
            stories: vec![biggest.story],
            ..FilterSpec::default()
        };
        let narrowed = facets(&store, &spec.to_filter().unwrap(), None).unwrap();
        assert_eq!(narrowed.total, members);
        // The story facet ignores its own filter, so the other stories stay listed.
        assert_eq!(narrowed.stories.len(), grouped.len());
        let listed = store
            .articles(&spec.to_filter().unwrap(), ArticleSort::Published, 0, 10)
            .unwrap();
        assert_eq!(listed.total, members);
        // A chosen story is listed even when nothing else selected is in it.
        let elsewhere = FilterSpec {
            stories: vec![biggest.story],
            sources: vec!["Nobody Daily".into()],
            ..FilterSpec::default()
        };
        let empty = facets(&store, &elsewhere.to_filter().unwrap(), None).unwrap();
        assert_eq!(empty.total, 0);
        assert_eq!(
            empty
                .stories
                .iter()
                .map(|s| (s.story, s.count))
                .collect::<Vec<_>>(),
            vec![(biggest.story, 0)]
        );
    }

    #[test]
    fn facet_cache_answers_recent_counts_and_asks_one_caller_to_refresh() {
        let store = archive();
        let counted = facets(&store, &ArticleFilter::default(), None).unwrap();
        let cache = FacetCache::default();
        let key = FacetCache::key(&FilterSpec::default(), Some(" bridge "));
        assert_eq!(key, FacetCache::key(&FilterSpec::default(), Some("bridge")));
        assert_ne!(
            key,
            FacetCache::key(
                &FilterSpec {
                    stories: vec![1],
                    ..FilterSpec::default()
                },
                Some("bridge")
            )
        );
        let start = Instant::now();
        assert_eq!(cache.lookup(&key, start), FacetLookup::Missing);
        cache.store(key.clone(), counted.clone(), start);
        let provisional = Facets {
            provisional: true,
            ..counted.clone()
        };
        assert_eq!(
            cache.lookup(&key, start + Duration::from_millis(500)),
            FacetLookup::Fresh(provisional.clone())
        );
        let later = start + FACETS_MAX_AGE + Duration::from_millis(1);
        assert_eq!(
            cache.lookup(&key, later),
            FacetLookup::Stale(provisional.clone())
        );
        // One refresh at a time: the next caller gets the old counts as they are.
        assert_eq!(
            cache.lookup(&key, later),
            FacetLookup::Fresh(provisional.clone())
        );
        cache.refresh_failed(&key);
        assert_eq!(cache.lookup(&key, later), FacetLookup::Stale(provisional));
        cache.clear();
        assert_eq!(cache.lookup(&key, later), FacetLookup::Missing);
    }

    #[test]
    fn article_view_by_external_id() {
        let store = archive();
        let view = article_view(&store, "a2").unwrap();
        assert_eq!(view.article.title.as_deref(), Some("Council vote"));
        assert_eq!(view.occurrences.len(), 1);
        let extraction = view.extraction.expect("extracted on import");
        // Every anchor points at its own text in the stored article.
        for entity in &extraction.entities {
            let text: String = view
                .article
                .text
                .chars()
                .skip(entity.anchor.start)
                .take(entity.anchor.end - entity.anchor.start)
                .collect();
            if entity.anchor.field == crate::extract::items::Field::Text {
                assert_eq!(text, entity.anchor.text);
            }
        }
        assert_eq!(parse_sort("oldest").unwrap(), ArticleSort::PublishedAsc);
        assert!(parse_sort("sideways").is_err());
    }
}
