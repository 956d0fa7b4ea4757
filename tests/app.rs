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
