//! Organising an archive (issue 14): tags on articles and stories (rename,
//! merge), collections in order, `--tag` / `--collection` filters, saved
//! searches re-run with current counts, the import history with failures
//! and warnings — in the core and through the CLI's JSON.

use std::path::Path;

use parallax::Store;
use parallax::store::{ArticleFilter, ArticleSort, CollectionEntry};

use crate::common::{NOW, Scratch, import_paths, parallax, parallax_json, parallax_ok_json};
use crate::stories::{FIXTURE, archive};

fn ids(store: &Store, filter: ArticleFilter) -> Vec<i64> {
    store
        .articles(&filter, ArticleSort::Imported, 0, 100)
        .expect("articles")
        .items
        .iter()
        .map(|a| a.id)
        .collect()
}

fn tagged(tags: &[&str]) -> ArticleFilter {
    ArticleFilter {
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..ArticleFilter::default()
    }
}

/// Tags as `name articles/stories`.
fn tag_list(store: &Store) -> Vec<String> {
    store
        .tags()
        .expect("tags")
        .iter()
        .map(|t| format!("{} {}/{}", t.name, t.articles, t.stories))
        .collect()
}

#[test]
fn tags_on_articles_and_stories_filter_rename_and_merge() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    assert_eq!(store.tag_articles("Dayton", &[1, 2], NOW).expect("tag"), 2);
    assert_eq!(
        store.tag_articles("dayton", &[2, 3], NOW).expect("again"),
        1,
        "case-blind"
    );
    assert!(store.tag_story("drive-by", 2, NOW).expect("story"));
    assert!(!store.tag_story("drive-by", 2, NOW).expect("twice"));
    store.tag_articles("check", &[4], NOW).expect("tag");
    assert_eq!(
        tag_list(&store),
        vec!["check 1/0", "Dayton 3/0", "drive-by 0/1"]
    );

    let cases: &[(&[&str], &[i64])] = &[
        (&["dayton"], &[1, 2, 3]),
        (&["drive-by"], &[4, 5]),
        (&["check", "DAYTON"], &[1, 2, 3, 4]),
        (&["unknown"], &[]),
    ];
    for (tags, expected) in cases {
        assert_eq!(&ids(&store, tagged(tags)), expected, "{tags:?}");
    }

    let refused = store.rename_tag("check", "dayton").expect_err("taken");
    assert!(
        refused.to_string().contains("merge the two instead"),
        "{refused}"
    );
    store.rename_tag("check", "to check").expect("rename");
    store.merge_tags("to check", "Dayton").expect("merge");
    assert_eq!(tag_list(&store), vec!["Dayton 4/0", "drive-by 0/1"]);
    let missing = store
        .tag_articles("x", &[1, 99], NOW)
        .expect_err("unknown article");
    assert_eq!(missing.to_string(), "article 99 not found");
    assert_eq!(
        tag_list(&store),
        vec!["Dayton 4/0", "drive-by 0/1"],
        "nothing written"
    );
    store.untag_articles("dayton", &[4]).expect("untag");
    assert_eq!(ids(&store, tagged(&["dayton"])), vec![1, 2, 3]);
}

#[test]
fn collections_keep_their_order_and_filter_articles() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    let entries = [
        CollectionEntry::Article(3),
        CollectionEntry::Article(1),
        CollectionEntry::Story(2),
        CollectionEntry::Article(3),
    ];
    assert_eq!(
        store
            .add_to_collection("Chapter 1", &entries, NOW)
            .expect("add"),
        3
    );
    let items: Vec<String> = store
        .collection_items("chapter 1")
        .expect("items")
        .iter()
        .map(|i| format!("{} {:?} {:?}", i.position, i.article, i.story))
        .collect();
    assert_eq!(
        items,
        vec!["1 Some(3) None", "2 Some(1) None", "3 None Some(2)"]
    );
    let filter = ArticleFilter {
        collections: vec!["CHAPTER 1".into()],
        ..ArticleFilter::default()
    };
    assert_eq!(ids(&store, filter), vec![1, 3, 4, 5]);
    store
        .remove_from_collection("chapter 1", &[CollectionEntry::Article(1)])
        .expect("remove");
    let listed = store.collections().expect("collections");
    assert_eq!((listed[0].articles, listed[0].stories), (1, 1));
}

/// A collection's items as `position article|story`.
fn order(store: &Store, name: &str) -> Vec<String> {
    store
        .collection_items(name)
        .expect("items")
        .iter()
        .map(|i| match (i.article, i.story) {
            (Some(article), _) => format!("{} a{article}", i.position),
            (None, Some(story)) => format!("{} s{story}", i.position),
            (None, None) => format!("{} ?", i.position),
        })
        .collect()
}

#[test]
fn collection_items_move_up_and_down_and_are_removed() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    let entries = [
        CollectionEntry::Article(1),
        CollectionEntry::Article(2),
        CollectionEntry::Story(2),
        CollectionEntry::Article(3),
    ];
    store
        .add_to_collection("Chapter", &entries, NOW)
        .expect("add");
    // (from, to, the order after): each move shifts the items between.
    let cases: &[(usize, usize, &[&str])] = &[
        (4, 1, &["1 a3", "2 a1", "3 a2", "4 s2"]),
        (1, 4, &["1 a1", "2 a2", "3 s2", "4 a3"]),
        (2, 3, &["1 a1", "2 s2", "3 a2", "4 a3"]),
        (3, 2, &["1 a1", "2 a2", "3 s2", "4 a3"]),
        (2, 2, &["1 a1", "2 a2", "3 s2", "4 a3"]),
    ];
    for (from, to, expected) in cases {
        let moved = store
            .move_in_collection("chapter", *from, *to)
            .expect("move");
        assert_eq!(
            moved.len(),
            expected.len(),
            "{from} → {to}: the move's reply lists every item"
        );
        assert_eq!(&order(&store, "chapter"), expected, "{from} → {to}");
    }
    for (from, to) in [(0, 1), (1, 5), (5, 1)] {
        let refused = store
            .move_in_collection("chapter", from, to)
            .expect_err("out of range");
        assert_eq!(refused.code(), "invalid_argument", "{from} → {to}");
    }
    assert_eq!(
        store
            .move_in_collection("no such", 1, 2)
            .expect_err("unknown")
            .code(),
        "not_found"
    );
    // Removing a story and an article closes the gaps; a later addition
    // goes to the end.
    assert_eq!(
        store
            .remove_from_collection(
                "chapter",
                &[CollectionEntry::Story(2), CollectionEntry::Article(1)]
            )
            .expect("remove"),
        2
    );
    assert_eq!(order(&store, "chapter"), vec!["1 a2", "2 a3"]);
    store
        .add_to_collection("chapter", &[CollectionEntry::Article(1)], NOW)
        .expect("add again");
    store.move_in_collection("chapter", 3, 1).expect("move");
    assert_eq!(order(&store, "chapter"), vec!["1 a1", "2 a2", "3 a3"]);
    // Titles come with the items, to show in a list.
    let titles: Vec<Option<String>> = store
        .collection_items("chapter")
        .expect("items")
        .into_iter()
        .map(|i| i.title)
        .collect();
    let expected: Vec<Option<String>> = (1..=3)
        .map(|id| store.article(id).expect("article").title)
        .collect();
    assert_eq!(titles, expected);
}

#[test]
fn a_saved_search_re_runs_with_new_counts_after_an_import() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let filter = ArticleFilter {
        sources: vec!["ledger.example.com".into()],
        ..ArticleFilter::default()
    };
    let saved =
        parallax::research::save_search(&mut store, "ledger shootings", "shooting", &filter, NOW)
            .expect("save");
    assert_eq!(saved.count, 2);
    let more = scratch.write(
        "more.jsonl",
        r#"{"id": "c1", "source": "ledger.example.com", "title": "Shooting at a Lima bar", "published": "2024-06-01", "text": "One man was hurt in a shooting at a bar in Lima on Friday, police said."}"#,
    );
    import_paths(&mut store, &[Path::new(&more)]);
    let rerun = parallax::research::saved_searches(&store).expect("saved");
    assert_eq!(
        rerun
            .iter()
            .map(|s| (s.search.name.as_str(), s.search.query.as_str(), s.count))
            .collect::<Vec<_>>(),
        vec![("ledger shootings", "shooting", 3)]
    );
    assert_eq!(rerun[0].search.filters, filter);
    // Saved again under the same name (any case): replaced, not doubled.
    let wider = ArticleFilter::default();
    let replaced =
        parallax::research::save_search(&mut store, "Ledger Shootings", "shooting", &wider, NOW)
            .expect("replace");
    assert_eq!(
        (replaced.search.name.as_str(), replaced.count),
        ("ledger shootings", 5)
    );
    parallax::research::save_search(&mut store, "ledger shootings", "shooting", &filter, NOW)
        .expect("back");
    let bad = parallax::research::save_search(&mut store, "bad", "\"unclosed", &filter, NOW)
        .expect_err("malformed");
    assert_eq!(bad.code(), "invalid_query");
    assert_eq!(
        store.saved_searches().expect("saved").len(),
        1,
        "nothing kept"
    );
}

#[test]
fn cli_tags_collections_saved_searches_and_import_history() {
    let scratch = Scratch::new();
    let input = scratch.write("in/reports.jsonl", FIXTURE);
    scratch.write("in/empty.txt", "");
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let run = |args: &[&str]| parallax_ok_json(db, args);
    let out = parallax(&[
        "--db",
        db,
        "import",
        input.parent().and_then(Path::to_str).expect("dir"),
    ]);
    assert_eq!(out.status.code(), Some(1), "the empty file is refused");
    assert_eq!(run(&["tag", "add", "dayton", "a1", "a2", "3"])["added"], 3);
    assert_eq!(run(&["tag", "add", "toledo", "--story", "2"])["added"], 1);
    run(&["tag", "rename", "toledo", "Toledo"]);
    let tags = run(&["tag", "list"]);
    assert_eq!(
        tags.as_array()
            .expect("array")
            .iter()
            .map(|t| (
                t["name"].as_str().unwrap_or(""),
                t["articles"].as_u64(),
                t["stories"].as_u64()
            ))
            .collect::<Vec<_>>(),
        vec![("dayton", Some(3), Some(0)), ("Toledo", Some(0), Some(1))]
    );
    let articles = run(&["articles", "--tag", "toledo", "--sort", "imported"]);
    assert_eq!(articles["items"][0]["external_id"], "b1");
    assert_eq!(articles["total"], 2);
    assert_eq!(run(&["collection", "add", "draft", "b2", "a1"])["added"], 2);
    let items = run(&["collection", "list", "draft"]);
    assert_eq!(items[0]["article"], 5);
    let moved = run(&["collection", "move", "draft", "2", "1"]);
    assert_eq!(
        (moved[0]["article"].as_i64(), moved[1]["article"].as_i64()),
        (Some(1), Some(5))
    );
    assert_eq!(
        run(&["collection", "add", "draft", "--story", "2"])["added"],
        1
    );
    assert_eq!(
        run(&["collection", "remove", "draft", "--story", "2"])["removed"],
        1
    );
    assert_eq!(run(&["collection", "list", "draft"]), moved);
    assert_eq!(run(&["articles", "--collection", "draft"])["total"], 2);
    let saved = run(&[
        "search",
        "save",
        "warehouse",
        "warehouse",
        "--tag",
        "dayton",
    ]);
    assert_eq!(saved[0]["count"], 3);
    let listed = run(&["search", "saved"]);
    assert_eq!(listed[0]["filters"]["tags"], serde_json::json!(["dayton"]));
    let history = run(&["imports"]);
    let problems = &history[0]["problems"];
    assert_eq!(problems[0]["severity"], "error");
    assert!(
        problems[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("empty.txt")),
        "{problems}"
    );
    assert_eq!(history[0]["articles"], 5);
    // The empty file, fixed, is read again by "retry failed files".
    scratch.write(
        "in/empty.txt",
        "Dayton vigil\n\nHundreds gathered in Dayton on Tuesday to remember the workers.",
    );
    let retried = run(&["imports", "--retry", "1"]);
    assert_eq!(
        (retried["imported"].as_u64(), retried["batch"].as_u64()),
        (Some(1), Some(2))
    );
    // The word "saved" is still searchable after `--`.
    let (_, out) = parallax_json(&["--db", db, "search", "--json", "--", "saved"]);
    assert!(out.status.success());
}

#[test]
fn import_warnings_are_kept_in_the_history() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "headline-only.jsonl",
        concat!(
            r#"{"id": "b1", "title": "Vigil", "text": "Hundreds gathered on Tuesday."}"#,
            "\n",
            r#"{"id": "h1", "title": "Headline without a body", "text": ""}"#,
        ),
    );
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[Path::new(&file)]);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let history = store.import_history(5).expect("history");
    // The warning keeps the JSONL line of its record, as failures do.
    let problems: Vec<(&str, Option<u64>, &str)> = history[0]
        .problems
        .iter()
        .map(|p| (p.severity.as_str(), p.at.line, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![("warning", Some(2), report.warnings[0].message.as_str())]
    );
}

#[test]
fn tags_and_collections_are_facets_that_ignore_their_own_filter() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    store.tag_articles("dayton", &[1, 2, 3], NOW).expect("tag");
    store.tag_story("drive-by", 2, NOW).expect("story tag");
    store.tag_articles("check", &[1, 4], NOW).expect("tag");
    store
        .add_to_collection(
            "draft",
            &[CollectionEntry::Article(2), CollectionEntry::Story(2)],
            NOW,
        )
        .expect("collection");
    let counts = |facets: &[parallax::store::FacetCount]| -> Vec<String> {
        facets
            .iter()
            .map(|f| format!("{} {}", f.value, f.count))
            .collect()
    };
    // Narrowed to the tag "check": the tag facet still counts every tag
    // (it ignores its own filter), the collection facet only the two articles.
    let facets = parallax::views::facets(&store, &tagged(&["check"]), None).expect("facets");
    assert_eq!(facets.total, 2);
    assert_eq!(
        counts(&facets.tags),
        vec!["dayton 3", "check 2", "drive-by 2"]
    );
    assert_eq!(counts(&facets.collections), vec!["draft 1"]);
    let searched =
        parallax::views::facets(&store, &ArticleFilter::default(), Some("Toledo")).expect("facets");
    assert_eq!(counts(&searched.tags), vec!["drive-by 2", "check 1"]);
}

#[test]
fn exports_carry_tags_and_notes() {
    use parallax::export::{ExportFormat, export};
    use parallax::store::NoteTarget;
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    store.tag_articles("Dayton", &[1], NOW).expect("tag");
    store
        .add_note(&NoteTarget::Article(1), "Check the **time**", NOW)
        .expect("note");
    let mut jsonl = Vec::new();
    export(&store, ExportFormat::Jsonl, &mut jsonl).expect("jsonl");
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&jsonl)
            .lines()
            .next()
            .expect("line"),
    )
    .expect("json");
    assert_eq!(first["tags"], serde_json::json!(["Dayton"]));
    assert_eq!(first["notes"][0]["body"], "Check the **time**");
    let mut csv = Vec::new();
    export(&store, ExportFormat::Csv, &mut csv).expect("csv");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (tags, notes) = (column("tags"), column("notes"));
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[tags].to_string(), r[notes].to_string())
        })
        .collect();
    assert_eq!(
        rows[0],
        ("Dayton".into(), "(article): Check the **time**".into())
    );
    assert_eq!(rows[1], (String::new(), String::new()));
}

/// Runs the CLI in `folder` (relative paths are read from there).
fn parallax_in(folder: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(folder)
        .env_remove("PARALLAX_DB")
        .output()
        .expect("run parallax")
}

#[test]
fn cli_retry_reads_relative_paths_from_the_folder_it_runs_in() {
    let scratch = Scratch::new();
    scratch.write("in/empty.txt", "");
    std::fs::create_dir_all(scratch.path("elsewhere")).expect("folder");
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let root = scratch.dir.path();
    let imported = parallax_in(root, &["--db", db, "import", "in"]);
    assert_eq!(imported.status.code(), Some(1), "the empty file is refused");
    let (history, _) = parallax_json(&["--db", db, "imports", "--json"]);
    assert_eq!(history[0]["problems"][0]["path"], "in/empty.txt");
    scratch.write(
        "in/empty.txt",
        "Dayton vigil\n\nHundreds gathered in Dayton on Tuesday to remember the workers.",
    );
    // From another folder the relative path names no file: said, not guessed.
    let elsewhere = parallax_in(
        &scratch.path("elsewhere"),
        &["--db", db, "imports", "--retry", "1", "--json"],
    );
    let stderr = String::from_utf8_lossy(&elsewhere.stderr);
    assert_eq!(elsewhere.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not retried, no longer a file: in/empty.txt"),
        "{stderr}"
    );
    // From the folder the import ran in, it is read again.
    let retried = parallax_in(root, &["--db", db, "imports", "--retry", "1", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&retried.stdout).expect("JSON report");
    assert_eq!(
        (report["imported"].as_u64(), report["batch"].as_u64()),
        (Some(1), Some(2))
    );
}
