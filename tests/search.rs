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

/// A word in more articles than bm25 ranks quickly is ranked among its
/// newest matches, the rest follow newest imported first, and the reply
/// says so; a rarer word is ranked and counted in full.
#[test]
fn common_words_rank_the_newest_matches_and_say_so() {
    use parallax::search::{RANKED_WINDOW, Ranking};
    use parallax::stories::synthetic::pseudo_word;
    let scratch = Scratch::new();
    let articles = RANKED_WINDOW as usize + 100;
    let lines: Vec<String> = (0..articles)
        .map(|i| {
            let words: Vec<String> = (0..8).map(|k| pseudo_word(&format!("w{i}"), k)).collect();
            // The oldest article says "common" most: best by bm25, but
            // outside the newest window.
            let common = if i == 0 { "common common common" } else { "common" };
            let rare = if i % 300 == 7 { " seldom" } else { "" };
            serde_json::json!({"id": format!("r{i}"), "text": format!("{} {common} {}{rare}.", words[..4].join(" "), words[4..].join(" "))}).to_string()
        })
        .collect();
    let file = scratch.write("many.jsonl", lines.join("\n"));
    let mut store = Store::open(&scratch.db()).expect("open");
    let options = parallax::ingest::ImportOptions {
        extract: false,
        ..crate::common::options()
    };
    let report = parallax::ingest::import(
        &mut store,
        &[parallax::ingest::Input::Path(file)],
        &options,
        &mut |_| {},
        &Default::default(),
    )
    .expect("import");
    assert_eq!(report.imported, articles as u64);
    let page = |query: &str, offset: u64| {
        search(
            &store,
            &SearchQuery {
                query: query.into(),
                offset,
                limit: 5,
                ..SearchQuery::default()
            },
        )
        .expect("search")
    };
    let common = page("common", 0);
    assert_eq!(
        (common.ranking, common.total_exact, common.total),
        (Ranking::NewestRanked, false, RANKED_WINDOW + 1)
    );
    let newest_window = articles as i64 - RANKED_WINDOW as i64;
    assert!(common.items.iter().all(|h| h.article.id > newest_window));
    // Past the window: newest imported first, down to the oldest.
    let past: Vec<i64> = page("common", RANKED_WINDOW)
        .items
        .iter()
        .map(|h| h.article.id)
        .collect();
    assert_eq!(
        past,
        (newest_window - 4..=newest_window)
            .rev()
            .collect::<Vec<_>>()
    );
    let last = page("common", articles as u64 - 1);
    assert_eq!(
        last.items.iter().map(|h| h.article.id).collect::<Vec<_>>(),
        vec![1]
    );
    let seldom = page("seldom", 0);
    assert_eq!(
        (
            seldom.ranking,
            seldom.total_exact,
            seldom.total,
            seldom.items.len()
        ),
        (Ranking::Relevance, true, 4, 4)
    );
    // A saved search counts every match.
    assert_eq!(
        parallax::search::count(&store, "common", &ArticleFilter::default()).expect("count"),
        articles as u64
    );
}
