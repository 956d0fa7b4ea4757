//! Integration tests: the archive file, its schema and migrations.

use parallax::Store;
use parallax::store::MIGRATIONS;

use crate::common::{Scratch, fixtures, import_paths};

#[test]
fn open_creates_a_migrated_archive_with_wal_and_foreign_keys() {
    let scratch = Scratch::new();
    let store = Store::open(&scratch.path("nested/dir/archive.db")).expect("open");
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
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
    let copy = scratch.path("old.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/archive-v1.db"),
        &copy,
    )
    .expect("copy fixture");
    let store = Store::open(&copy).expect("old archive opens");
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
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
    let hits = parallax::search::search(
        &store,
        &parallax::search::SearchQuery {
            query: "radar".into(),
            limit: 10,
            ..Default::default()
        },
    )
    .expect("search");
    assert_eq!(hits.total, 2);
}

/// `tests/fixtures/archive-v3.db` was made by schema 3 (stories, before
/// members could be marked stale) from the five reports of `tests/stories.rs`:
/// it opens, migrates, and keeps its stories.
#[test]
fn opens_archives_made_by_schema_3_and_keeps_their_stories() {
    let scratch = Scratch::new();
    let copy = scratch.path("v3.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/archive-v3.db"),
        &copy,
    )
    .expect("copy fixture");
    let mut store = Store::open(&copy).expect("old archive opens");
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
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
    let copy = scratch.path("v4.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/archive-v4.db"),
        &copy,
    )
    .expect("copy fixture");
    let mut store = Store::open(&copy).expect("old archive opens");
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
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
    let copy = scratch.path("v5.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/archive-v5.db"),
        &copy,
    )
    .expect("copy fixture");
    let mut store = Store::open(&copy).expect("archive opens");
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
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
    let copy = scratch.path("v6.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/archive-v6.db"),
        &copy,
    )
    .expect("copy fixture");
    let mut store = Store::open(&copy).expect("archive opens");
    assert_eq!(
        store.schema_version().expect("version"),
        MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
    );
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
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
