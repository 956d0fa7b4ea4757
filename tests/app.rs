//! The application layer both front ends answer from (`parallax::app`):
//! commands called by name with JSON arguments, as `parallax serve` and
//! the desktop window call them, and the import job they share.

use std::time::Instant;

use parallax::app::{Application, Archive, ImportRequest, Now, Settings};
use parallax::ingest::Input;
use serde_json::{Value, json};

use crate::common::{NOW, Scratch, fixtures};

fn now() -> Now {
    Now {
        timestamp: NOW.to_string(),
        instant: Instant::now(),
    }
}

fn settings() -> Settings {
    Settings {
        transport: "test",
        pdf_worker: None,
        lower_import_priority: false,
        warn: |message| panic!("unexpected warning: {message}"),
    }
}

/// An application over a new archive holding the two strike reports.
fn application(scratch: &Scratch) -> Application {
    let application = Application::new(Archive::open(&scratch.db(), 2).unwrap(), settings());
    let inputs = [fixtures::STRIKES_TXT, fixtures::STRIKES_TITLED_TXT]
        .iter()
        .enumerate()
        .map(|(index, text)| Input::Bytes {
            name: format!("strikes-{index}.txt"),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    let request = ImportRequest {
        inputs,
        source: None,
        alone: true,
        now: NOW.to_string(),
    };
    let job = application.start_import(request, None).unwrap();
    let report = application.imports().wait(job).unwrap();
    assert_eq!(report.imported, 2);
    application
}

/// What a call answered: the reply, or the error's code.
fn outcome(application: &Application, command: &str, args: Value) -> Result<Value, String> {
    application
        .call(command, args, &now())
        .map(|reply| serde_json::from_str(&reply).unwrap())
        .map_err(|error| error.code)
}

#[test]
fn commands_answer_by_name_and_fail_with_codes() {
    let scratch = Scratch::new();
    let application = application(&scratch);
    // (command, arguments, the error code expected, or None for a reply)
    let cases: &[(&str, Value, Option<&str>)] = &[
        ("stats", Value::Null, None),
        ("archive", json!({}), None),
        ("articles", json!({ "filter": null, "sort": "title" }), None),
        ("facets", json!({ "filter": { "sources": [] } }), None),
        ("search", json!({ "query": "radar" }), None),
        ("stories", json!({}), None),
        ("import_cancel", json!({}), None),
        ("no_such_command", json!({}), Some("not_found")),
        ("article", json!({}), Some("bad_request")),
        ("article", json!({ "id": "999" }), Some("not_found")),
        (
            "articles",
            json!({ "sort": "size" }),
            Some("invalid_argument"),
        ),
        (
            "update_article",
            json!({ "id": 1, "published": "2024-13-01" }),
            Some("invalid_argument"),
        ),
        (
            "compare",
            json!({ "id": "first" }),
            Some("invalid_argument"),
        ),
        (
            "verdict_set",
            json!({ "story": 1, "key": "k", "verdict": "maybe" }),
            Some("invalid_argument"),
        ),
        ("import_status", json!({ "job": 999 }), Some("not_found")),
        (
            "search",
            json!({ "query": "\"unclosed" }),
            Some("invalid_query"),
        ),
    ];
    for (command, args, expected) in cases {
        let answered = outcome(&application, command, args.clone());
        match expected {
            None => assert!(answered.is_ok(), "{command} {args}: {answered:?}"),
            Some(code) => assert_eq!(answered.err().as_deref(), Some(*code), "{command} {args}"),
        }
    }
    let archive = outcome(&application, "archive", json!({})).unwrap();
    assert_eq!(archive["transport"], "test");
    assert_eq!(archive["stats"]["articles"], 2);
    let edited = outcome(
        &application,
        "update_article",
        json!({ "id": 1, "published": "" }),
    )
    .unwrap();
    assert_eq!(edited["published"], Value::Null);
    let stories = outcome(&application, "stories", json!({})).unwrap();
    let story = &stories[0]["id"];
    let markdown = outcome(
        &application,
        "compare_markdown",
        json!({ "id": story.to_string() }),
    )
    .unwrap();
    assert!(
        markdown.as_str().is_some_and(|text| text.starts_with('#')),
        "{markdown}"
    );
}

#[test]
fn a_read_only_archive_refuses_every_write_and_import() {
    let scratch = Scratch::new();
    drop(application(&scratch));
    let application = Application::new(
        Archive::open_read_only(&scratch.db(), 2).unwrap(),
        settings(),
    );
    assert!(outcome(&application, "stats", json!({})).is_ok());
    for (command, args) in [
        ("rename_source", json!({ "id": 1, "name": "x" })),
        ("update_article", json!({ "id": 1, "title": "x" })),
        ("entity_rename", json!({ "id": 1, "name": "x" })),
    ] {
        assert_eq!(
            outcome(&application, command, args).err().as_deref(),
            Some("read_only"),
            "{command}"
        );
    }
    let request = ImportRequest {
        inputs: vec![Input::Bytes {
            name: "a.txt".into(),
            bytes: b"Title\n\nText.".to_vec(),
        }],
        source: None,
        alone: false,
        now: NOW.to_string(),
    };
    let refused = application
        .start_import(request, None)
        .err()
        .map(|e| e.code);
    assert_eq!(refused.as_deref(), Some("read_only"));
}

#[test]
fn research_commands_note_tag_cite_delete_and_undo() {
    let scratch = Scratch::new();
    let application = application(&scratch);
    let call = |command: &str, args: Value| outcome(&application, command, args);
    // A note on "four radar sites" (characters 37..53 of article 1's text)
    // and a highlight, then the notes listed with their anchors.
    let text = call("article", json!({ "id": "1" })).unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    let start = text.find("four radar sites").unwrap();
    let start = text[..start].chars().count();
    let end = start + "four radar sites".chars().count();
    let note = call(
        "note_add",
        json!({ "article": 1, "start": start, "end": end, "body": "How many **exactly**?" }),
    )
    .unwrap();
    assert_eq!(note["anchor"]["quote"], "four radar sites");
    assert_eq!(note["orphaned"], false);
    call(
        "note_add",
        json!({ "article": 1, "start": 0, "end": 4, "body": "" }),
    )
    .unwrap();
    assert_eq!(
        call("notes", json!({ "article": 1 }))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Refusals: (command, arguments, code)
    for (command, args, code) in [
        (
            "note_add",
            json!({ "article": 1, "start": 5, "end": 5 }),
            "invalid_argument",
        ),
        (
            "note_add",
            json!({ "article": 1, "story": 1 }),
            "invalid_argument",
        ),
        (
            "note_add",
            json!({ "article": 99, "body": "x" }),
            "not_found",
        ),
        (
            "cite",
            json!({ "articles": [1], "format": "mla" }),
            "invalid_argument",
        ),
        (
            "cite",
            json!({ "articles": [], "format": "ris" }),
            "invalid_argument",
        ),
        (
            "tag_add",
            json!({ "tag": " ", "articles": [1] }),
            "invalid_argument",
        ),
        ("delete_batch", json!({ "batch": 42 }), "not_found"),
        ("import_retry_paths", json!({ "batch": 42 }), "not_found"),
    ] {
        assert_eq!(
            call(command, args.clone()).err().as_deref(),
            Some(code),
            "{command} {args}"
        );
    }
    // Tags and collections are facets and filters.
    assert_eq!(
        call("tag_add", json!({ "tag": "navy", "articles": [1, 2] })).unwrap()["changed"],
        2
    );
    call(
        "collection_add",
        json!({ "name": "Chapter 1", "articles": [2] }),
    )
    .unwrap();
    let facets = call("facets", json!({ "filter": { "tags": ["navy"] } })).unwrap();
    assert_eq!(facets["total"], 2);
    assert_eq!(facets["collections"][0]["value"], "Chapter 1");
    let filtered = call(
        "articles",
        json!({ "filter": { "collections": ["Chapter 1"] } }),
    )
    .unwrap();
    assert_eq!(filtered["total"], 1);
    assert_eq!(
        call("tag_rename", json!({ "from": "navy", "to": "Navy" })).unwrap()[0]["name"],
        "Navy"
    );
    // A saved search keeps its question and counts now.
    let saved = call(
        "search_save",
        json!({ "name": "radar", "query": "radar", "filter": { "tags": ["Navy"] } }),
    )
    .unwrap();
    assert_eq!(saved["count"], 2);
    // Citations: the formats and the text line.
    let ris = call("cite", json!({ "articles": [1, 2], "format": "ris" })).unwrap();
    assert_eq!(
        ris["citation"]
            .as_str()
            .unwrap()
            .matches("TY  - NEWS")
            .count(),
        2
    );
    let line = call("cite", json!({ "articles": [2], "format": "text" })).unwrap();
    assert!(
        line["citation"]
            .as_str()
            .unwrap()
            .contains("Navy strikes coastal radar sites"),
        "{line}"
    );
    // Delete, then undo: the article, its notes and tags come back.
    assert_eq!(
        call("undo_state", json!({})).unwrap(),
        json!({ "restored": null, "next": null })
    );
    let removed = call("delete_articles", json!({ "articles": [1] })).unwrap();
    assert_eq!(removed["label"], "1 article");
    assert_eq!(removed["counts"]["notes"], 2);
    assert_eq!(
        call("search", json!({ "query": "radar" })).unwrap()["total"],
        1
    );
    assert_eq!(call("searches_saved", json!({})).unwrap()[0]["count"], 1);
    assert_eq!(call("undo_state", json!({})).unwrap()["next"], "1 article");
    let undone = call("undo", json!({})).unwrap();
    assert_eq!(undone, json!({ "restored": "1 article", "next": null }));
    assert_eq!(
        call("search", json!({ "query": "radar" })).unwrap()["total"],
        2
    );
    assert_eq!(
        call("notes", json!({ "article": 1 }))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        call("article_tags", json!({ "id": "1" })).unwrap(),
        json!(["Navy"])
    );
    assert_eq!(
        call("undo", json!({})).unwrap(),
        json!({ "restored": null, "next": null })
    );
    // The import history lists the batch with its articles.
    let history = call("import_history", json!({})).unwrap();
    assert_eq!(history[0]["articles"], 2);
    assert_eq!(
        call("import_retry_paths", json!({ "batch": 1 })).unwrap(),
        json!({ "paths": [], "missing": [] })
    );
    // The comparison report cites its articles.
    let stories = call("stories", json!({})).unwrap();
    let story = stories[0]["id"].to_string();
    let report = call("compare_markdown", json!({ "id": story })).unwrap();
    assert!(
        report.as_str().unwrap().contains("## Sources\n\n- [#"),
        "{report}"
    );
}
