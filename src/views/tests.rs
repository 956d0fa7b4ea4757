//! Tests of the read models: facet counts and their cache, filters as the
//! UI sends them, and article views, over a small imported archive.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::*;

fn archive() -> Store {
    let lines = [
        r#"{"id":"a1","source":"Daily Post","title":"Bridge closes","published":"2024-03-02","text":"The river bridge closed on Friday after inspectors found cracks in two supports."}"#,
        r#"{"id":"a2","source":"Daily Post","title":"Council vote","published":"2024-04-11","text":"The council voted seven to two to repair the bridge before the summer season."}"#,
        r#"{"id":"a3","source":"Evening Star","title":"Storm warning","text":"Forecasters warned of strong winds along the coast through the weekend."}"#,
    ];
    crate::ingest::archive_of_lines(&lines)
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
