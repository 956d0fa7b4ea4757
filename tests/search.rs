//! Integration tests: full-text search, its syntax, filters and paging.

use parallax::Store;
use parallax::search::{SearchQuery, search};
use parallax::store::ArticleFilter;

use crate::common::{Scratch, fixtures, import_paths};

fn archive(scratch: &Scratch) -> Store {
    let files = [
        scratch.write("a.txt", fixtures::STRIKES_TXT),
        scratch.write("b.txt", fixtures::STRIKES_TITLED_TXT),
        scratch.write("c.html", fixtures::FLOOD_HTML),
        scratch.write("d.jsonl", fixtures::SHOOTINGS_JSONL),
    ];
    let mut store = Store::open(&scratch.db()).expect("open");
    let refs: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    assert_eq!(import_paths(&mut store, &refs).imported, 5);
    store
}

fn ids(store: &Store, query: &str, filter: ArticleFilter) -> Vec<String> {
    let page = search(
        store,
        &SearchQuery {
            query: query.into(),
            filter,
            offset: 0,
            limit: 10,
        },
    )
    .expect("search");
    page.items
        .iter()
        .map(|h| h.article.external_id.clone())
        .collect()
}

#[test]
fn fts_syntax_works() {
    let scratch = Scratch::new();
    let store = archive(&scratch);
    assert_eq!(ids(&store, "radar", ArticleFilter::default()).len(), 2);
    assert_eq!(
        ids(
            &store,
            "\"sailors earlier in the day\"",
            ArticleFilter::default()
        ),
        vec!["a".to_string()]
    );
    assert_eq!(ids(&store, "flood*", ArticleFilter::default()).len(), 1);
    assert_eq!(
        ids(&store, "radar NOT Aurel", ArticleFilter::default()),
        vec!["a".to_string()]
    );
    assert_eq!(
        ids(&store, "gunman OR residents", ArticleFilter::default()).len(),
        2
    );
    assert_eq!(
        ids(&store, "NEAR(wounded Elm, 4)", ArticleFilter::default()).len(),
        2
    );
    assert_eq!(
        ids(&store, "title:gunman", ArticleFilter::default()),
        vec!["s2".to_string()]
    );
}

#[test]
fn snippets_mark_matches_and_escape_text() {
    let scratch = Scratch::new();
    let store = archive(&scratch);
    let page = search(
        &store,
        &SearchQuery {
            query: "proportionate".into(),
            limit: 5,
            ..SearchQuery::default()
        },
    )
    .expect("search");
    assert_eq!(page.total, 1);
    assert!(
        page.items[0].snippet.contains("<mark>proportionate</mark>"),
        "{}",
        page.items[0].snippet
    );
    assert!(page.items[0].snippet.contains("&quot;") || page.items[0].snippet.contains('"'));
}

#[test]
fn filters_and_paging() {
    let scratch = Scratch::new();
    let store = archive(&scratch);
    let shooting = |filter| ids(&store, "shooting OR wounded", filter);
    assert_eq!(
        shooting(ArticleFilter {
            sources: vec!["harbor-daily.example".into()],
            ..ArticleFilter::default()
        }),
        vec!["s2".to_string()]
    );
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2016, 5, 3),
        chrono::NaiveDate::from_ymd_opt(2016, 12, 31),
    );
    assert_eq!(
        shooting(ArticleFilter {
            from,
            to,
            ..ArticleFilter::default()
        }),
        vec!["s2".to_string()]
    );
    assert_eq!(
        shooting(ArticleFilter {
            languages: vec!["fr".into()],
            ..ArticleFilter::default()
        }),
        Vec::<String>::new()
    );
    let page = search(
        &store,
        &SearchQuery {
            query: "wounded OR radar".into(),
            offset: 1,
            limit: 2,
            ..SearchQuery::default()
        },
    )
    .expect("page");
    assert_eq!((page.total, page.items.len(), page.offset), (4, 2, 1));
}

#[test]
fn malformed_queries_are_clear_errors() {
    let scratch = Scratch::new();
    let store = archive(&scratch);
    for query in ["\"unbalanced", "NEAR(", "AND", "nosuchcolumn:word", "   "] {
        let err = search(
            &store,
            &SearchQuery {
                query: query.into(),
                limit: 5,
                ..SearchQuery::default()
            },
        )
        .expect_err(query);
        assert_eq!(err.code(), "invalid_query", "{query}: {err}");
    }
}
