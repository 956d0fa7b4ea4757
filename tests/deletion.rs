//! Deleting and undoing (issue 14): a deleted article leaves no trace in
//! the index, extraction, near-duplicates or stories, `verify` passes, an
//! undo puts back exactly what was there, a re-imported article is new, and
//! an undo that something written since would contradict writes nothing.

use std::path::Path;

use parallax::Store;
use parallax::anchor::Field;
use parallax::research::note_on_quote;
use parallax::store::CollectionEntry;
use parallax::undo::UndoStack;

use crate::common::{NOW, Scratch, import_paths, parallax_json, search_total};
use crate::stories::{FIXTURE, archive};

/// Every row of every table of the archive (FTS shadow tables left out:
/// the index is checked by FTS5's own integrity check), as text.
fn dump(scratch: &Scratch) -> Vec<String> {
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .expect("select");
        let width = stmt.column_count();
        let found = stmt
            .query_map([], |r| {
                let values = (0..width)
                    .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("values");
        rows.extend(found);
    }
    rows
}

/// FTS5's check of the index against the articles table, and `verify`'s.
fn assert_consistent(scratch: &Scratch, store: &Store) {
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("the full-text index matches the articles");
    assert_eq!(store.integrity_check().expect("check"), vec!["ok"]);
    assert_eq!(store.verify_spans().expect("spans").mismatch_count, 0);
}

/// An archive of the five reports, grouped, with a note, a tag and a
/// collection place on the Dayton reports.
fn researched(scratch: &Scratch) -> Store {
    let mut store = archive(scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    note_on_quote(
        &mut store,
        3,
        Field::Text,
        "Hundreds gathered",
        "vigil",
        NOW,
    )
    .expect("note");
    store.tag_articles("dayton", &[1, 2, 3], NOW).expect("tag");
    store
        .add_to_collection("chapter", &[CollectionEntry::Article(3)], NOW)
        .expect("collection");
    store
}

#[test]
fn delete_then_undo_restores_an_article_with_its_index_extraction_and_story() {
    let scratch = Scratch::new();
    let mut store = researched(&scratch);
    let before = dump(&scratch);
    assert_eq!(search_total(&store, "Hundreds"), 1);

    let deletion = store.delete_articles(&[3]).expect("delete");
    assert_eq!(
        serde_json::to_value(deletion.counts).expect("json"),
        serde_json::json!({"articles": 1, "notes": 1, "tag_links": 1, "collection_items": 1,
                           "stories_removed": 0, "stories_changed": 1})
    );
    assert_consistent(&scratch, &store);
    assert_eq!(search_total(&store, "Hundreds"), 0);
    assert!(store.extraction(3).expect("read").is_none());
    assert_eq!(store.story(1).expect("story").articles, vec![1, 2]);
    assert!(store.collection_items("chapter").expect("items").is_empty());

    let mut undo = UndoStack::new();
    undo.push(deletion);
    assert!(undo.undo(&mut store).expect("undo").is_some());
    assert!(undo.undo(&mut store).expect("nothing left").is_none());
    assert_consistent(&scratch, &store);
    assert_eq!(search_total(&store, "Hundreds"), 1);
    // The story update re-summarises the story that got its article back;
    // then every row is as it was.
    parallax::app::update_stories(&mut store, false).expect("stories");
    assert_eq!(dump(&scratch), before);
}

#[test]
fn deleting_every_article_of_a_story_removes_it_and_undo_brings_it_back() {
    let scratch = Scratch::new();
    let mut store = researched(&scratch);
    store.tag_story("toledo", 2, NOW).expect("tag story");
    let before = dump(&scratch);
    let deletion = store.delete_articles(&[4, 5]).expect("delete");
    assert_eq!(
        (
            deletion.counts.stories_removed,
            deletion.counts.stories_changed
        ),
        (1, 0)
    );
    assert_consistent(&scratch, &store);
    assert_eq!(store.stories().expect("stories").len(), 1);
    let tags = store.tags().expect("tags");
    let toledo = tags.iter().find(|t| t.name == "toledo").expect("tag kept");
    assert_eq!((toledo.stories, toledo.orphaned_stories), (0, 1));
    store.restore(&deletion).expect("undo");
    parallax::app::update_stories(&mut store, false).expect("stories");
    assert_eq!(dump(&scratch), before);
}

#[test]
fn a_deleted_batch_reimported_comes_back_as_new_and_its_undo_is_then_refused() {
    let scratch = Scratch::new();
    let file = scratch.write("reports.jsonl", FIXTURE);
    let mut store = researched(&scratch);
    let deletion = store.delete_batch(1).expect("delete batch");
    assert_eq!(deletion.counts.articles, 5);
    assert_eq!(deletion.label(), "import 1 (5 articles)");
    assert_eq!(store.article_count().expect("count"), 0);
    assert!(store.stories().expect("stories").is_empty());
    assert_consistent(&scratch, &store);

    let report = import_paths(&mut store, &[Path::new(&file)]);
    assert_eq!(
        (report.imported, report.duplicates),
        (5, 0),
        "new, not duplicates"
    );
    assert_eq!(search_total(&store, "Hundreds"), 1);
    let before = dump(&scratch);
    let refused = store
        .restore(&deletion)
        .expect_err("the articles are back already");
    assert_eq!(refused.code(), "undo_conflict");
    assert_eq!(dump(&scratch), before, "nothing written");
}

#[test]
fn a_tag_a_collection_and_a_note_deleted_come_back_on_undo() {
    let scratch = Scratch::new();
    let mut store = researched(&scratch);
    let before = dump(&scratch);
    let mut undo = UndoStack::new();
    undo.push(store.delete_tag("DAYTON").expect("tag"));
    undo.push(store.delete_collection("chapter").expect("collection"));
    undo.push(store.delete_note(1).expect("note"));
    assert_eq!(undo.peek().map(|d| d.label()), Some("note 1".to_string()));
    assert!(store.tags().expect("tags").is_empty());
    assert!(store.collections().expect("collections").is_empty());
    assert!(
        store
            .notes(parallax::store::NoteScope::All)
            .expect("notes")
            .is_empty()
    );
    while undo.undo(&mut store).expect("undo").is_some() {}
    assert_eq!(dump(&scratch), before);
    assert_eq!(
        store.delete_tag("nothing").err().map(|e| e.to_string()),
        Some("tag nothing not found".into())
    );
}

#[test]
fn cli_delete_reports_what_went_and_verify_passes() {
    let scratch = Scratch::new();
    let input = scratch.write("reports.jsonl", FIXTURE);
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let (_, out) = parallax_json(&[
        "--db",
        db,
        "import",
        input.to_str().expect("utf-8"),
        "--json",
    ]);
    assert!(out.status.success());
    let (deleted, out) = parallax_json(&["--db", db, "delete", "a1", "b2", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        deleted["deleted"],
        serde_json::json!({"kind": "articles", "ids": [1, 5]})
    );
    assert_eq!(deleted["counts"]["articles"], 2);
    let (verified, out) = parallax_json(&["--db", db, "verify", "--json"]);
    assert!(out.status.success());
    assert_eq!(verified["ok"], true);
    let (batch, _) = parallax_json(&["--db", db, "delete", "--batch", "1", "--json"]);
    assert_eq!(batch["deleted"]["kind"], "batch");
    assert_eq!(batch["counts"]["articles"], 3);
    let (refused, out) = parallax_json(&["--db", db, "delete", "a9", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(refused["error"]["code"], "not_found");
}
