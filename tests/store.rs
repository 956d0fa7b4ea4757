//! Integration tests: the archive file, its schema and migrations.

use parallax::Store;
use parallax::store::MIGRATIONS;

use crate::common::{Scratch, fixtures, import_paths, search_total};

/// A copy of `tests/fixtures/NAME` in the scratch folder, to be opened
/// (and so migrated) without touching the checked-in fixture.
fn fixture_copy(scratch: &Scratch, name: &str) -> std::path::PathBuf {
    let copy = scratch.path(name);
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &copy,
    )
    .expect("copy fixture");
    copy
}

/// The archive is at the newest schema this build knows.
fn assert_latest_schema(store: &Store) {
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
}

#[test]
fn open_creates_a_migrated_archive_with_wal_and_foreign_keys() {
    let scratch = Scratch::new();
    let store = Store::open(&scratch.path("nested/dir/archive.db")).expect("open");
    assert_latest_schema(&store);
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
    drop(store);
    let conn = rusqlite::Connection::open(scratch.path("nested/dir/archive.db")).expect("raw open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let strict: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_list WHERE name = 'articles' AND strict = 1",
            [],
            |r| r.get(0),
        )
        .expect("strict");
    assert_eq!(strict, 1);
}

#[test]
fn reopening_is_idempotent_and_keeps_data() {
    let scratch = Scratch::new();
    let file = scratch.write("a.txt", fixtures::STRIKES_TXT);
    {
        let mut store = Store::open(&scratch.db()).expect("open");
        assert_eq!(import_paths(&mut store, &[&file]).imported, 1);
    }
    let store = Store::open(&scratch.db()).expect("reopen");
    assert_eq!(store.stats().expect("stats").articles, 1);
}

#[test]
fn a_changed_migration_or_newer_archive_is_refused() {
    let scratch = Scratch::new();
    drop(Store::open(&scratch.db()).expect("open"));
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
    conn.execute(
        "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1",
        [],
    )
    .expect("tamper");
    drop(conn);
    let err = Store::open(&scratch.db()).err().expect("refused");
    assert_eq!(err.code(), "incompatible_archive");
    assert!(err.to_string().contains("differs"), "{err}");

    let scratch = Scratch::new();
    drop(Store::open(&scratch.db()).expect("open"));
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
    conn.execute(
        "INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x')",
        [],
    )
    .expect("future");
    drop(conn);
    let err = Store::open(&scratch.db()).err().expect("refused");
    assert!(err.to_string().contains("newer Parallax"), "{err}");
}

#[test]
fn fts_index_follows_deletes_and_updates() {
    let scratch = Scratch::new();
    let file = scratch.write("a.txt", fixtures::STRIKES_TXT);
    let mut store = Store::open(&scratch.db()).expect("open");
    import_paths(&mut store, &[&file]);
    store
        .update_article_metadata(1, Some("Radar sites hit"), None, None, None)
        .expect("update");
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw");
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'title:radar'",
            [],
            |r| r.get(0),
        )
        .expect("q");
    assert_eq!(n, 1);
    conn.execute("DELETE FROM articles WHERE id = 1", [])
        .expect("delete");
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'radar'",
            [],
            |r| r.get(0),
        )
        .expect("q");
    assert_eq!(n, 0);
    let check: String = conn.query_row("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1) RETURNING 'ok'", [], |r| r.get(0)).unwrap_or_else(|_| "ok".into());
    assert_eq!(check, "ok");
}

#[test]
fn outlet_rename_survives_later_imports() {
    let scratch = Scratch::new();
    let first = scratch.write("one.jsonl", fixtures::SHOOTINGS_JSONL);
    let mut store = Store::open(&scratch.db()).expect("open");
    import_paths(&mut store, &[&first]);
    let id = store
        .sources()
        .expect("sources")
        .iter()
        .find(|s| s.domain.as_deref() == Some("northgate-news.example"))
        .map(|s| s.id)
        .expect("outlet");
    store.rename_source(id, "Northgate News").expect("rename");
    let second = scratch.write("two.jsonl", r#"{"id":"s3","source":"northgate-news.example","title":"Follow-up","text":"Police arrested a suspect in the Elm Street shooting on Tuesday."}"#);
    import_paths(&mut store, &[&second]);
    let names: Vec<String> = store
        .sources()
        .expect("sources")
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(names.contains(&"Northgate News".to_string()), "{names:?}");
    assert!(
        !names.contains(&"northgate-news.example".to_string()),
        "{names:?}"
    );
}

/// Archives written by every earlier schema must open (and migrate) in this
/// build. `tests/fixtures/archive-v1.db` was made by schema 1 with
/// `parallax import` of the fixture articles in `tests/common.rs`; never
/// regenerate it with a newer build.
#[test]
fn opens_archives_made_by_older_schemas() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v1.db");
    let store = Store::open(&copy).expect("old archive opens");
    assert_latest_schema(&store);
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
    let stats = store.stats().expect("stats");
    assert_eq!(stats.articles, 4);
    let titled = store.find_article("s2").expect("record kept");
    assert_eq!(
        titled.title.as_deref(),
        Some("Police seek gunman after Elm Street shooting")
    );
    assert_eq!(search_total(&store, "radar"), 2);
}

/// `tests/fixtures/archive-v3.db` was made by schema 3 (stories, before
/// members could be marked stale) from the five reports of `tests/stories.rs`:
/// it opens, migrates, and keeps its stories.
#[test]
fn opens_archives_made_by_schema_3_and_keeps_their_stories() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v3.db");
    let mut store = Store::open(&copy).expect("old archive opens");
    assert_latest_schema(&store);
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
    let before = store.stories().expect("stories");
    assert_eq!(
        before
            .iter()
            .map(|s| s.articles.clone())
            .collect::<Vec<_>>(),
        vec![vec![1, 2, 3], vec![4, 5]]
    );
    let after = parallax::app::update_stories(&mut store, false).expect("update");
    assert_eq!(
        after.iter().map(|s| s.id).collect::<Vec<_>>(),
        before.iter().map(|s| s.id).collect::<Vec<_>>()
    );
}

/// `tests/fixtures/archive-v4.db` was made by schema 4 (stale story members)
/// from the five reports of `tests/stories.rs` (`parallax import`, then
/// `parallax stories`): it opens, migrates to the verdicts table and keeps
/// its stories.
#[test]
fn opens_archives_made_by_schema_4_and_keeps_their_stories() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v4.db");
    let mut store = Store::open(&copy).expect("old archive opens");
    assert_latest_schema(&store);
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
    let stories = parallax::app::update_stories(&mut store, false).expect("update");
    assert_eq!(
        stories
            .iter()
            .map(|s| s.articles.clone())
            .collect::<Vec<_>>(),
        vec![vec![1, 2, 3], vec![4, 5]]
    );
    assert!(
        parallax::app::verdicts(&store, None)
            .expect("verdicts")
            .is_empty()
    );
}

/// `tests/fixtures/archive-v5.db` was made by schema 5 (verdicts) from the
/// same reports, with `parallax verdict set 1 KEY wrong --note …` on the
/// police chief's quotation: it opens, and the verdict is listed and still
/// attached to the finding, because keys come from the passages, not from
/// the build.
#[test]
fn opens_archives_made_by_schema_5_and_keeps_their_verdicts() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v5.db");
    let mut store = Store::open(&copy).expect("archive opens");
    assert_latest_schema(&store);
    parallax::app::update_stories(&mut store, false).expect("update");
    let verdicts = parallax::app::verdicts(&store, None).expect("verdicts");
    let listed: Vec<(&str, &str, Option<&str>)> = verdicts
        .iter()
        .map(|v| (v.kind.as_str(), v.verdict.as_str(), v.note.as_deref()))
        .collect();
    assert_eq!(
        listed,
        vec![("quote", "wrong", Some("said once, at the scene"))]
    );
    let comparison = parallax::app::compare_story(&store, 1).expect("compare");
    assert!(
        comparison.verdicts.contains_key(&verdicts[0].key),
        "the verdict's finding is in the story's comparison"
    );
}

/// `tests/fixtures/archive-v6.db` was made by schema 6 (the research
/// workflow) from the same reports with `parallax import`, `stories`,
/// `tag add dayton a1 a2 a3`, `tag add toledo --story 2`, `collection add
/// "chapter 1" a3 a1` and `--story 2`, a note on the police chief's words
/// (`note add a1 --quote …`) and one on story 1, and `search save
/// warehouse warehouse --source ledger.example.com`: it opens, and a
/// rebuild of the stories keeps every note, tag and collection attached.
#[test]
fn opens_archives_made_by_schema_6_and_keeps_what_the_researcher_wrote() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v6.db");
    let mut store = Store::open(&copy).expect("archive opens");
    assert_latest_schema(&store);
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
    // Migration 7 counted the archive's articles into `article_counts`.
    assert_counts_agree_with_rows(&store);
    parallax::app::update_stories(&mut store, true).expect("rebuild");
    // The rebuild gives the Dayton reports a new story id; the note on
    // their story follows them.
    let dayton = store.story_of(1).expect("membership").expect("grouped");
    assert_eq!(store.story(dayton).expect("story").articles, vec![1, 2, 3]);
    let notes: Vec<String> = store
        .notes(parallax::store::NoteScope::All)
        .expect("notes")
        .into_iter()
        .map(|n| {
            let anchor = n.anchor.map(|a| format!(" {}..{}", a.start, a.end));
            let on = match (n.article, n.story) {
                (Some(article), _) => format!("article {article}"),
                (None, Some(story)) => format!("story {story}"),
                (None, None) => String::new(),
            };
            let orphaned = if n.orphaned { " orphaned" } else { "" };
            format!("{} on {on}{}{orphaned}", n.on, anchor.unwrap_or_default())
        })
        .collect();
    assert_eq!(
        notes,
        vec![
            "passage on article 1 236..288".to_string(),
            format!("story on story {dayton}"),
        ]
    );
    let tags: Vec<(String, u64, u64)> = store
        .tags()
        .expect("tags")
        .into_iter()
        .map(|t| (t.name, t.articles, t.stories))
        .collect();
    assert_eq!(
        tags,
        vec![("dayton".to_string(), 3, 0), ("toledo".to_string(), 0, 1)]
    );
    let items: Vec<(Option<i64>, Option<i64>, bool)> = store
        .collection_items("chapter 1")
        .expect("collection")
        .into_iter()
        .map(|i| (i.article, i.story, i.orphaned))
        .collect();
    assert_eq!(
        items,
        vec![
            (Some(3), None, false),
            (Some(1), None, false),
            (None, store.story_of(4).expect("membership"), false)
        ]
    );
    let saved = parallax::research::saved_searches(&store).expect("saved");
    assert_eq!(
        saved
            .iter()
            .map(|s| (s.search.name.as_str(), s.count))
            .collect::<Vec<_>>(),
        vec![("warehouse", 1)]
    );
}

/// A small archive of varied rows for the article list's orders: dated and
/// undated, titled and untitled (headlines differing only in case), with
/// and without an outlet, in English and French.
fn varied_archive(scratch: &Scratch) -> Store {
    let titles = [
        Some("apple"),
        Some("Apple"),
        None,
        Some("banana"),
        Some("Zebra"),
        Some("éclair"),
    ];
    let dates = [
        Some("2024-03-01"),
        None,
        Some("2023-12-31"),
        Some("2024-03-01"),
        Some("2024-01-15"),
    ];
    let sources = [
        Some("Alpha Post"),
        Some("beta.example"),
        None,
        Some("ALPHA POST"),
        Some("Gamma"),
    ];
    let mut lines = Vec::new();
    for i in 0..37 {
        let mut record = serde_json::json!({
            "id": format!("r{i}"),
            "text": format!("Report {i}: {} walked past {} on the way home.",
                parallax::stories::synthetic::pseudo_word("river", i),
                parallax::stories::synthetic::pseudo_word("bridge", i)),
            "language": if i % 4 == 0 { "fr" } else { "en" },
        });
        if let Some(title) = titles[i % titles.len()] {
            record["title"] = format!("{title} {i}").into();
        }
        if let Some(date) = dates[i % dates.len()] {
            record["published"] = date.into();
        }
        if let Some(source) = sources[(i / 2) % sources.len()] {
            record["source"] = source.into();
        }
        lines.push(record.to_string());
    }
    let file = scratch.write("varied.jsonl", lines.join("\n"));
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = crate::common::import_paths(&mut store, &[file.as_path()]);
    assert_eq!(report.imported, 37);
    store
}

/// Every order of the article list, read page by page with the page token
/// and by offset, gives the order the Library promises: computed here from
/// the rows themselves.
#[test]
fn article_pages_by_token_follow_each_order() {
    use parallax::model::ArticleSummary;
    use parallax::store::{ArticleFilter, ArticleSort, PageToken};
    use std::cmp::Reverse;
    let scratch = Scratch::new();
    let store = varied_archive(&scratch);
    let filters = [
        ArticleFilter::default(),
        ArticleFilter {
            sources: vec!["alpha post".into(), "beta.example".into()],
            ..ArticleFilter::default()
        },
        ArticleFilter {
            from: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
            languages: vec!["en".into()],
            ..ArticleFilter::default()
        },
    ];
    for filter in &filters {
        let mut all = store
            .articles_page(filter, ArticleSort::Imported, None, 0, 1000)
            .expect("all")
            .items;
        assert!(all.len() > 5, "the filter selects something");
        let lower = |s: &Option<String>| s.as_deref().map(str::to_ascii_lowercase);
        for sort in [
            ArticleSort::Published,
            ArticleSort::PublishedAsc,
            ArticleSort::Title,
            ArticleSort::Source,
            ArticleSort::Imported,
        ] {
            let key = |a: &ArticleSummary| match sort {
                ArticleSort::Published => (
                    a.published.is_none(),
                    None,
                    Reverse(a.published),
                    None,
                    a.id,
                ),
                ArticleSort::PublishedAsc => (
                    a.published.is_none(),
                    None,
                    Reverse(None),
                    a.published,
                    a.id,
                ),
                ArticleSort::Title => (
                    a.title.is_none(),
                    lower(&a.title),
                    Reverse(None),
                    None,
                    a.id,
                ),
                ArticleSort::Source => (
                    a.source.is_none(),
                    lower(&a.source),
                    Reverse(a.published),
                    None,
                    a.id,
                ),
                ArticleSort::Imported => (false, None, Reverse(None), None, a.id),
            };
            all.sort_by_key(key);
            let expected: Vec<i64> = all.iter().map(|a| a.id).collect();
            let (mut by_token, mut by_offset) = (Vec::new(), Vec::new());
            let mut after: Option<PageToken> = None;
            loop {
                let page = store
                    .articles_page(filter, sort, after.as_ref(), by_token.len() as u64, 4)
                    .expect("page");
                assert_eq!(page.total, expected.len() as u64, "{sort:?} total");
                by_token.extend(page.items.iter().map(|a| a.id));
                match page.next {
                    Some(next) => after = Some(PageToken::decode(&next).expect("token")),
                    None => break,
                }
            }
            while by_offset.len() < expected.len() {
                let page = store
                    .articles(filter, sort, by_offset.len() as u64, 5)
                    .expect("page");
                assert!(!page.items.is_empty(), "{sort:?} ends early");
                by_offset.extend(page.items.iter().map(|a| a.id));
            }
            assert_eq!(by_token, expected, "{sort:?} by token, {filter:?}");
            assert_eq!(by_offset, expected, "{sort:?} by offset, {filter:?}");
        }
    }
    let wrong = store.articles_page(
        &ArticleFilter::default(),
        ArticleSort::Title,
        Some(&PageToken::decode(r#"{"s":"published","i":3}"#).expect("token")),
        0,
        4,
    );
    assert_eq!(wrong.map_err(|e| e.code()).err(), Some("invalid_argument"));
}

/// Facet counts kept in `article_counts` by the store agree with counting
/// the rows, after imports, edits of date and outlet, and deletions.
#[test]
fn kept_counts_agree_with_the_rows() {
    use parallax::store::{ArticleFilter, ArticleSort};
    use std::collections::BTreeMap;
    let scratch = Scratch::new();
    let mut store = varied_archive(&scratch);
    store
        .update_article_metadata(
            2,
            None,
            None,
            Some(Some(chrono::NaiveDate::from_ymd_opt(2022, 7, 9).unwrap())),
            Some("Delta"),
        )
        .expect("edit");
    store
        .update_article_metadata(5, None, None, Some(None), Some(""))
        .expect("edit");
    store.delete_articles(&[1, 7, 8]).expect("delete");
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let filters = [
        ArticleFilter::default(),
        ArticleFilter {
            sources: vec!["Alpha Post".into()],
            ..ArticleFilter::default()
        },
        ArticleFilter {
            languages: vec!["fr".into()],
            ..ArticleFilter::default()
        },
        ArticleFilter {
            from: day("2024-01-10"),
            to: day("2024-03-01"),
            ..ArticleFilter::default()
        },
        ArticleFilter {
            from: day("2023-12-01"),
            ..ArticleFilter::default()
        },
        ArticleFilter {
            to: day("2024-02-29"),
            sources: vec!["gamma".into()],
            ..ArticleFilter::default()
        },
        ArticleFilter {
            from: day("2024-03-01"),
            to: day("2024-03-01"),
            ..ArticleFilter::default()
        },
    ];
    for filter in &filters {
        let rows = store
            .articles_page(filter, ArticleSort::Imported, None, 0, 1000)
            .expect("rows")
            .items;
        let facets = parallax::views::facets(&store, filter, None).expect("facets");
        assert_eq!(facets.total, rows.len() as u64, "{filter:?}");
        // Each facet ignores its own part of the filter: count those rows.
        let mut months: BTreeMap<String, u64> = BTreeMap::new();
        let undated_filter = ArticleFilter {
            from: None,
            to: None,
            ..filter.clone()
        };
        let without_dates = store
            .articles_page(&undated_filter, ArticleSort::Imported, None, 0, 1000)
            .expect("rows")
            .items;
        for row in &without_dates {
            let month = row
                .published
                .map(|d| d.format("%Y-%m").to_string())
                .unwrap_or_default();
            *months.entry(month).or_insert(0) += 1;
        }
        let undated = months.remove("").unwrap_or(0);
        let counted: BTreeMap<String, u64> = facets
            .months
            .iter()
            .map(|m| (m.value.clone(), m.count))
            .collect();
        assert_eq!(
            (counted, facets.undated),
            (months, undated),
            "months of {filter:?}"
        );
        let all_outlets = ArticleFilter {
            sources: vec![],
            ..filter.clone()
        };
        let mut outlets: BTreeMap<String, u64> = BTreeMap::new();
        for row in store
            .articles_page(&all_outlets, ArticleSort::Imported, None, 0, 1000)
            .expect("rows")
            .items
        {
            *outlets
                .entry(row.source.unwrap_or_else(|| "(unknown outlet)".into()))
                .or_insert(0) += 1;
        }
        let counted: BTreeMap<String, u64> = facets
            .sources
            .iter()
            .map(|m| (m.value.clone(), m.count))
            .collect();
        assert_eq!(counted, outlets, "outlets of {filter:?}");
    }
    // The outlet list counts from the same table.
    let listed: i64 = store
        .sources()
        .expect("sources")
        .iter()
        .map(|s| s.articles)
        .sum();
    let with_outlet = store
        .articles_page(
            &ArticleFilter::default(),
            ArticleSort::Imported,
            None,
            0,
            1000,
        )
        .expect("rows")
        .items
        .iter()
        .filter(|a| a.source.is_some())
        .count();
    assert_eq!(listed as usize, with_outlet);
}

/// The whole archive's facet counts (from `article_counts`) agree with
/// the rows: total, months and outlets.
fn assert_counts_agree_with_rows(store: &Store) {
    use parallax::store::{ArticleFilter, ArticleSort};
    use std::collections::BTreeMap;
    let rows = store
        .articles_page(
            &ArticleFilter::default(),
            ArticleSort::Imported,
            None,
            0,
            10_000,
        )
        .expect("rows")
        .items;
    assert!(!rows.is_empty());
    let facets = parallax::views::facets(store, &ArticleFilter::default(), None).expect("facets");
    assert_eq!(facets.total, rows.len() as u64);
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    let mut outlets: BTreeMap<String, u64> = BTreeMap::new();
    for row in &rows {
        let month = row.published.map(|d| d.format("%Y-%m").to_string());
        *months.entry(month.unwrap_or_default()).or_insert(0) += 1;
        let outlet = row
            .source
            .clone()
            .unwrap_or_else(|| "(unknown outlet)".into());
        *outlets.entry(outlet).or_insert(0) += 1;
    }
    assert_eq!(facets.undated, months.remove("").unwrap_or(0));
    let counted: BTreeMap<String, u64> = facets
        .months
        .iter()
        .map(|m| (m.value.clone(), m.count))
        .collect();
    assert_eq!(counted, months);
    let counted: BTreeMap<String, u64> = facets
        .sources
        .iter()
        .map(|m| (m.value.clone(), m.count))
        .collect();
    assert_eq!(counted, outlets);
}

/// `tests/fixtures/archive-v7.db` was made by schema 7 (`archive-v6.db`
/// opened by this build): it opens, its kept counts agree with its rows,
/// and its Library reads by page token.
#[test]
fn opens_archives_made_by_schema_7() {
    use parallax::store::{ArticleFilter, ArticleSort, PageToken};
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v7.db");
    let store = Store::open(&copy).expect("archive opens");
    assert_latest_schema(&store);
    assert_counts_agree_with_rows(&store);
    let all = ArticleFilter::default();
    let first = store
        .articles_page(&all, ArticleSort::Published, None, 0, 2)
        .expect("page");
    let token = PageToken::decode(first.next.as_deref().expect("a next page")).expect("token");
    let second = store
        .articles_page(&all, ArticleSort::Published, Some(&token), 2, 2)
        .expect("page");
    let by_offset = store
        .articles(&all, ArticleSort::Published, 2, 2)
        .expect("page");
    assert_eq!(second.items, by_offset.items);
}

/// Migration 8 drops the trigger that indexed each new article for search;
/// the store indexes new articles itself (a group at once when an import
/// commits it). On `archive-v7.db`: what was indexed stays found, an
/// article imported after the upgrade is found, and FTS5's own check of
/// the index against the articles passes.
#[test]
fn archives_of_schema_7_index_new_articles_without_their_trigger() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v7.db");
    let mut store = Store::open(&copy).expect("archive opens");
    assert_eq!(search_total(&store, "warehouse"), 3);
    assert_eq!(search_total(&store, "radar"), 0);
    let file = scratch.write("strikes.txt", fixtures::STRIKES_TXT);
    let report = import_paths(&mut store, &[&file]);
    assert_eq!(report.imported, 1);
    assert_eq!(search_total(&store, "radar"), 1);
    assert_eq!(search_total(&store, "warehouse"), 3);
    drop(store);
    let conn = rusqlite::Connection::open(&copy).expect("raw open");
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'articles_fts%' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    assert_eq!(triggers, ["articles_fts_delete", "articles_fts_update"]);
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("the full-text index matches the articles");
}

/// `tests/fixtures/archive-v8.db` was made by schema 8 (`archive-v7.db`
/// opened by this build, which dropped the per-article index trigger): it
/// opens, its kept counts agree with its rows, and its search index finds
/// what it held.
#[test]
fn opens_archives_made_by_schema_8() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v8.db");
    let store = Store::open(&copy).expect("archive opens");
    assert_latest_schema(&store);
    assert_counts_agree_with_rows(&store);
    assert_eq!(search_total(&store, "warehouse"), 3);
}

/// Migration 9 rebuilds the full-text index with prefix indexes of 3 to 6
/// characters (and adds the index facet counts of a query read). On
/// `archive-v8.db`: every prefix, from 2 to 8 characters (through its own
/// index or, for 2, 7 and 8, by merging its words), finds as many articles
/// as it did before, FTS5's own check passes and the prefix indexes are
/// declared.
#[test]
fn archives_of_schema_8_search_prefixes_through_their_own_index() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v8.db");
    let prefixes = [
        "wa*", "war*", "ware*", "wareh*", "wareho*", "warehou*", "sh*", "sho*", "shoot*",
    ];
    let counts = |conn: &rusqlite::Connection| -> Vec<(&str, i64)> {
        prefixes
            .iter()
            .map(|prefix| {
                let found = conn
                    .query_row(
                        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                        [prefix],
                        |r| r.get(0),
                    )
                    .expect("count");
                (*prefix, found)
            })
            .collect()
    };
    let before = counts(&rusqlite::Connection::open(&copy).expect("raw open"));
    assert!(before.iter().all(|(_, found)| *found > 0), "{before:?}");
    let store = Store::open(&copy).expect("archive opens");
    assert_latest_schema(&store);
    assert_eq!(search_total(&store, "warehouse"), 3);
    assert_eq!(search_total(&store, "wareh*"), 3);
    drop(store);
    let conn = rusqlite::Connection::open(&copy).expect("raw open");
    assert_eq!(counts(&conn), before);
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("the full-text index matches the articles");
    let declared: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'",
            [],
            |r| r.get(0),
        )
        .expect("the table");
    assert!(declared.contains("prefix = '3 4 5 6'"), "{declared}");
}

/// `tests/fixtures/archive-v9.db` was made by schema 9 (`archive-v8.db`
/// opened by this build, which rebuilt the full-text index with prefix
/// indexes): it opens, its kept counts agree with its rows, and its
/// search index finds what it held, by word and by prefix.
#[test]
fn opens_archives_made_by_schema_9() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v9.db");
    let store = Store::open(&copy).expect("archive opens");
    assert_latest_schema(&store);
    assert_counts_agree_with_rows(&store);
    assert_eq!(search_total(&store, "warehouse"), 3);
    assert_eq!(search_total(&store, "wareh*"), 3);
}

/// The story a report of the Toledo drive-by joins after an import of
/// [`crate::stories::TOLEDO_FOLLOW_UP`] and a story update, and the
/// number of articles the kept story index then counts.
fn toledo_follow_up_placement(scratch: &Scratch, copy: &std::path::Path) -> (Option<i64>, i64) {
    let mut store = Store::open(copy).expect("archive opens");
    assert_latest_schema(&store);
    let file = scratch.write("follow-up.jsonl", crate::stories::TOLEDO_FOLLOW_UP);
    let report = import_paths(&mut store, &[file.as_path()]);
    assert_eq!(report.imported, 1);
    parallax::app::update_stories(&mut store, false).expect("update");
    let conn = rusqlite::Connection::open(copy).expect("raw open");
    let story = |external: &str| -> Option<i64> {
        conn.query_row(
            "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id WHERE a.external_id = ?1",
            [external],
            |r| r.get(0),
        )
        .ok()
    };
    assert_eq!(story("b3"), story("b1"), "the follow-up joins b1's story");
    let counted = conn
        .query_row(
            "SELECT articles FROM story_counts WHERE kind = 0",
            [],
            |r| r.get(0),
        )
        .expect("counted");
    (story("b3"), counted)
}

/// Migration 10 adds the story index (each grouped article's blocking
/// keys, the archive-wide counts, each outlet's page furniture), empty.
/// On `archive-v9.db`: the stories stay as they were, and the first update
/// after an import, finding nothing kept, is a full run that places the
/// new report in its event's story and keeps the index for all six.
#[test]
fn archives_of_schema_9_keep_their_stories_and_fill_the_story_index() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v9.db");
    let store = Store::open(&copy).expect("archive opens");
    let before: Vec<(i64, Vec<i64>)> = store
        .stories()
        .expect("stories")
        .into_iter()
        .map(|s| (s.id, s.articles))
        .collect();
    drop(store);
    let conn = rusqlite::Connection::open(&copy).expect("raw open");
    for table in ["story_keys", "story_counts", "story_furniture"] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("table exists");
        assert_eq!(rows, 0, "{table}");
    }
    drop(conn);
    let (story, counted) = toledo_follow_up_placement(&scratch, &copy);
    assert_eq!(story, Some(2));
    assert_eq!(counted, 6);
    let store = Store::open(&copy).expect("archive opens");
    let after: Vec<(i64, Vec<i64>)> = store
        .stories()
        .expect("stories")
        .into_iter()
        .map(|s| (s.id, s.articles))
        .collect();
    assert_eq!(after[0], before[0]);
    assert_eq!(after[1].0, before[1].0);
}

/// `tests/fixtures/archive-v10.db` was made by schema 10 (`archive-v9.db`
/// regrouped by `stories --rebuild`, which kept the story index for its
/// five articles): it opens, and an update after importing a report of
/// the Toledo drive-by reads only that report and the stories its kept
/// keys find, joins it to the drive-by's story and counts it.
#[test]
fn opens_archives_made_by_schema_10_and_updates_their_stories_from_the_kept_index() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v10.db");
    let conn = rusqlite::Connection::open(&copy).expect("raw open");
    let toledo: i64 = conn
        .query_row(
            "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id WHERE a.external_id = 'b1'",
            [],
            |r| r.get(0),
        )
        .expect("b1's story");
    drop(conn);
    let (story, counted) = toledo_follow_up_placement(&scratch, &copy);
    assert_eq!(story, Some(toledo));
    assert_eq!(counted, 6);
}

/// The sketches kept of an archive's articles: (article, version).
fn kept_sketches(copy: &std::path::Path) -> Vec<(i64, i64)> {
    let conn = rusqlite::Connection::open(copy).expect("raw open");
    let mut stmt = conn
        .prepare("SELECT article_id, version FROM story_sketches ORDER BY article_id")
        .expect("table exists");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("rows")
}

/// Migration 11 adds the story sketches, empty. On `archive-v10.db`: the
/// first update after an import reads the new report and the stories its
/// kept keys find in full, places the report as before and keeps a
/// sketch of each article it read.
#[test]
fn archives_of_schema_10_keep_story_sketches_from_their_next_update() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v10.db");
    drop(Store::open(&copy).expect("archive opens"));
    assert_eq!(kept_sketches(&copy), vec![]);
    let (story, counted) = toledo_follow_up_placement(&scratch, &copy);
    assert!(story.is_some());
    assert_eq!(counted, 6);
    let version = parallax::stories::sketch::version();
    let kept = kept_sketches(&copy);
    assert!(kept.iter().all(|(_, v)| *v == version), "{kept:?}");
    assert!(kept.iter().any(|(article, _)| *article == 6), "{kept:?}");
}

/// `tests/fixtures/archive-v11.db` was made by schema 11 (`archive-v10.db`
/// regrouped by `stories --rebuild`, which kept a sketch of each of its
/// five articles): it opens, and an update after importing a report of the
/// Toledo drive-by joins it to the drive-by's story, from the kept
/// sketches, or, for one made by another sketch version (as the
/// fixture's are once a word list changes), by reading the article
/// again and keeping its sketch anew.
#[test]
fn opens_archives_made_by_schema_11_and_updates_their_stories_from_kept_sketches() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v11.db");
    assert_eq!(kept_sketches(&copy).len(), 5);
    let conn = rusqlite::Connection::open(&copy).expect("raw open");
    conn.execute(
        "UPDATE story_sketches SET version = 0 WHERE article_id = (SELECT id FROM articles WHERE external_id = 'b1')",
        [],
    )
    .expect("b1's sketch made stale");
    let toledo: i64 = conn
        .query_row(
            "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id WHERE a.external_id = 'b1'",
            [],
            |r| r.get(0),
        )
        .expect("b1's story");
    drop(conn);
    let (story, counted) = toledo_follow_up_placement(&scratch, &copy);
    assert_eq!(story, Some(toledo));
    assert_eq!(counted, 6);
    let version = parallax::stories::sketch::version();
    let kept = kept_sketches(&copy);
    assert!(kept.iter().all(|(_, v)| *v == version), "{kept:?}");
}

/// Re-extracting an article deletes its kept story sketch (the next
/// grouping run reads it again); deleting the article deletes it too.
#[test]
fn a_kept_story_sketch_goes_with_its_extraction_and_its_article() {
    let scratch = Scratch::new();
    let copy = fixture_copy(&scratch, "archive-v11.db");
    let mut store = Store::open(&copy).expect("archive opens");
    let mut extraction = parallax::extract::items::Extraction::default();
    store
        .save_extraction(1, &mut extraction)
        .expect("re-extracted");
    store.delete_articles(&[2]).expect("deleted");
    drop(store);
    let kept: Vec<i64> = kept_sketches(&copy).into_iter().map(|(a, _)| a).collect();
    assert_eq!(kept, vec![3, 4, 5]);
}
