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
        json!({ "restored": null, "next": null, "menu": "Undo" })
    );
    let removed = call("delete_articles", json!({ "articles": [1] })).unwrap();
    assert_eq!(removed["label"], "1 article");
    assert_eq!(removed["undo"], "Undo delete 1 article");
    assert_eq!(removed["counts"]["notes"], 2);
    assert_eq!(
        call("search", json!({ "query": "radar" })).unwrap()["total"],
        1
    );
    assert_eq!(call("searches_saved", json!({})).unwrap()[0]["count"], 1);
    assert_eq!(
        call("undo_state", json!({})).unwrap(),
        json!({ "restored": null, "next": "1 article", "menu": "Undo delete 1 article" })
    );
    let undone = call("undo", json!({})).unwrap();
    assert_eq!(
        undone,
        json!({ "restored": "1 article", "next": null, "menu": "Undo" })
    );
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
        json!({ "restored": null, "next": null, "menu": "Undo" })
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

/// Imports `inputs` through the application's import job; the batch's id.
fn import_into(application: &Application, inputs: Vec<Input>) -> i64 {
    let request = ImportRequest {
        inputs,
        source: None,
        alone: true,
        now: NOW.to_string(),
    };
    let job = application.start_import(request, None).unwrap();
    application.imports().wait(job).unwrap().batch
}

#[test]
fn retry_over_a_transport_names_a_relative_path_it_cannot_resolve() {
    let scratch = Scratch::new();
    let application = application(&scratch);
    // A file known only by a relative name (an upload's name, or a path as a
    // CLI import was given it) and one by its absolute path; both empty, so
    // both fail.
    let relative = import_into(
        &application,
        vec![Input::Bytes {
            name: "inbox/empty.txt".into(),
            bytes: Vec::new(),
        }],
    );
    let empty = scratch.write("inbox/empty.txt", "");
    let absolute = import_into(&application, vec![Input::Path(empty.clone())]);
    let refused = application
        .call("import_retry_paths", json!({ "batch": relative }), &now())
        .unwrap_err();
    assert_eq!(refused.code, "relative_path");
    assert!(
        refused.message.contains("\"inbox/empty.txt\"")
            && refused
                .message
                .contains(&format!("parallax imports --retry {relative}")),
        "{}",
        refused.message
    );
    let empty = empty.display().to_string();
    // (the file on disk?, the plan)
    for (on_disk, expected) in [
        (true, json!({ "paths": [empty], "missing": [] })),
        (false, json!({ "paths": [], "missing": [empty] })),
    ] {
        if !on_disk {
            std::fs::remove_file(&empty).unwrap();
        }
        assert_eq!(
            outcome(
                &application,
                "import_retry_paths",
                json!({ "batch": absolute })
            ),
            Ok(expected)
        );
    }
}

#[test]
fn notes_on_findings_and_passages_and_collections_in_order_by_command() {
    let scratch = Scratch::new();
    let application = application(&scratch);
    let call = |command: &str, args: Value| outcome(&application, command, args);
    let story = call("stories", json!({})).unwrap()[0]["id"]
        .as_i64()
        .unwrap();
    let comparison = call("compare", json!({ "id": story.to_string() })).unwrap();
    let key = comparison["claims"][0]["key"].as_str().unwrap().to_string();
    let passage = &comparison["claims"][0]["variants"][0];
    // A note on the finding, one on the words of one of its cells.
    call(
        "note_add",
        json!({ "story": story, "finding": key, "body": "which *count*?" }),
    )
    .unwrap();
    let on_cell = call(
        "note_add",
        json!({ "article": passage["article"], "field": passage["field"],
                "start": passage["start"], "end": passage["end"], "body": "the cell" }),
    )
    .unwrap();
    assert_eq!(on_cell["anchor"]["quote"], passage["text"]);
    let listed = call("notes", json!({ "findings": [key, "no-such-key"] })).unwrap();
    assert_eq!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["on"].as_str(), n["finding"].as_str(), n["body"].as_str()))
            .collect::<Vec<_>>(),
        vec![(Some("finding"), Some(key.as_str()), Some("which *count*?"))]
    );
    assert_eq!(
        call("notes", json!({ "findings": [key], "story": story })).err(),
        Some("invalid_argument".to_string())
    );
    // A collection reordered and an item removed: positions close up.
    call(
        "collection_add",
        json!({ "name": "Draft", "articles": [2, 1], "stories": [story] }),
    )
    .unwrap();
    let order = |items: Value| -> Vec<String> {
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {} {}",
                    i["position"],
                    i["article"]
                        .as_i64()
                        .map_or("story".into(), |a| a.to_string()),
                    i["title"].as_str().is_some()
                )
            })
            .collect()
    };
    // (from, to, the order after)
    for (from, to, expected) in [
        (3, 1, vec!["1 story true", "2 2 true", "3 1 false"]),
        (1, 2, vec!["1 2 true", "2 story true", "3 1 false"]),
        (2, 2, vec!["1 2 true", "2 story true", "3 1 false"]),
    ] {
        let moved = call(
            "collection_move",
            json!({ "name": "draft", "from": from, "to": to }),
        )
        .unwrap();
        assert_eq!(order(moved), expected, "{from} → {to}");
    }
    assert_eq!(
        call(
            "collection_move",
            json!({ "name": "draft", "from": 4, "to": 1 })
        )
        .err(),
        Some("invalid_argument".to_string())
    );
    assert_eq!(
        call(
            "collection_remove",
            json!({ "name": "draft", "stories": [story] })
        )
        .unwrap()["changed"],
        1
    );
    assert_eq!(
        order(call("collection_items", json!({ "name": "draft" })).unwrap()),
        vec!["1 2 true", "2 1 false"]
    );
}
