//! Issue 15: extraction as a stateless filter (`parallax extract
//! --stdin-jsonl`) and its output merged into an archive (`parallax import
//! --extracted`). The merged archive must be the archive a local import
//! makes — same articles, extraction rows, entities, near-duplicates and
//! stories — and a line that does not check out must be refused with its
//! file, line and reason while the rest is merged.

use std::io::Write;
use std::process::{Command, Stdio};

use parallax::Store;
use parallax::ingest::extracted::{ExtractedLine, extract_record};
use parallax::ingest::{self, ImportOptions, Input};
use parallax::model::Origin;

use crate::common::{Scratch, fixtures, options, parallax_json};

/// Every row of every table (full-text index aside), one string per row;
/// the import batch's input names are left out, since the merge reads
/// another file than the local import.
fn dump(db: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("raw open");
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
        let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
        let found = stmt
            .query_map([], |r| {
                let mut values = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    if table == "import_batches" && name == "inputs" {
                        continue;
                    }
                    values.push(format!(
                        "{name}={:?}",
                        r.get::<_, rusqlite::types::Value>(i)?
                    ));
                }
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("values");
        rows.extend(found);
    }
    rows
}

/// The filter's output for `records` read as file `path`, one JSON line each.
fn filtered(records: &str, path: &str) -> String {
    let mut out = String::new();
    for (index, line) in records.lines().enumerate() {
        let origin = Origin {
            path: path.to_string(),
            line: Some(index as u64 + 1),
            ..Origin::default()
        };
        if let Some(line) = extract_record(line, origin, None) {
            out.push_str(&serde_json::to_string(&line).expect("serialise"));
            out.push('\n');
        }
    }
    out
}

/// Imports `records` (saved as `name`) locally, and again as the filter's
/// output merged; groups stories in both; returns both dumps.
fn local_and_merged(scratch: &Scratch, name: &str, records: &str) -> (Vec<String>, Vec<String>) {
    let input = scratch.write(name, records);
    let path = input.to_str().expect("utf-8 path");
    let local_db = scratch.path("local.db");
    let mut local = Store::open(&local_db).expect("open");
    ingest::import(
        &mut local,
        &[Input::Path(input.clone())],
        &options(),
        &mut |_| {},
        &Default::default(),
    )
    .expect("local import");
    parallax::app::update_stories(&mut local, false).expect("stories");
    drop(local);

    let merged_db = scratch.path("merged.db");
    let mut merged = Store::open(&merged_db).expect("open");
    let report = ingest::import(
        &mut merged,
        &[Input::Bytes {
            name: "extracted.jsonl".into(),
            bytes: filtered(records, path).into_bytes(),
        }],
        &ImportOptions {
            extracted: true,
            ..options()
        },
        &mut |_| {},
        &Default::default(),
    )
    .expect("merge");
    assert!(!report.cancelled);
    parallax::app::update_stories(&mut merged, false).expect("stories");
    drop(merged);
    (dump(&local_db), dump(&merged_db))
}

/// The rows that differ, for a readable failure.
fn differences(a: &[String], b: &[String]) -> Vec<String> {
    let only_a = a
        .iter()
        .filter(|r| !b.contains(r))
        .map(|r| format!("local only: {r}"));
    let only_b = b
        .iter()
        .filter(|r| !a.contains(r))
        .map(|r| format!("merged only: {r}"));
    only_a.chain(only_b).take(10).collect()
}

#[test]
fn merged_output_of_the_filter_equals_a_local_import_of_the_fixtures() {
    let scratch = Scratch::new();
    // Two reports, a record with no text, a malformed line, a headline-only
    // record and a record with an unknown field.
    let records = format!(
        "{}{}\n{}\n{}\n{}\n",
        fixtures::SHOOTINGS_JSONL,
        r#"{"id": "empty", "title": "", "text": ""}"#,
        r#"{"id": 3, "text": "#,
        r#"{"id": "h1", "title": "Headline only", "url": "https://x.example/h1", "text": ""}"#,
        r#"{"id": "s3", "source": "harbor-daily.example", "mood": "grim", "published": "2016-05-04", "text": "Police arrested a man on Tuesday in the Elm Street shooting that wounded two men on Sunday night."}"#,
    );
    let (local, merged) = local_and_merged(&scratch, "records.jsonl", &records);
    assert!(local.iter().any(|r| r.starts_with("extractions:")));
    assert!(local.iter().any(|r| r.starts_with("import_errors:")));
    assert!(local.iter().any(|r| r.starts_with("stories:")));
    assert_eq!(
        local.len(),
        merged.len(),
        "{:?}",
        differences(&local, &merged)
    );
    assert_eq!(local, merged, "{:?}", differences(&local, &merged));
}

/// On a slice of the gva-dev corpus (150 articles) when `../shared/corpus`
/// is present (or `PARALLAX_CORPUS` names it); the fixture test above
/// runs everywhere.
#[test]
fn merged_output_of_the_filter_equals_a_local_import_of_gva_dev() {
    let root = std::env::var_os("PARALLAX_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    let Ok(corpus) = std::fs::read_to_string(root.join("gva-dev/articles.jsonl")) else {
        eprintln!("skipped: no gva-dev corpus at {}", root.display());
        return;
    };
    let slice: String = corpus.lines().take(150).map(|l| format!("{l}\n")).collect();
    let scratch = Scratch::new();
    let (local, merged) = local_and_merged(&scratch, "gva-slice.jsonl", &slice);
    let extracted = local
        .iter()
        .filter(|r| r.starts_with("extractions:"))
        .count();
    assert!(extracted >= 145, "{extracted}");
    assert!(local.iter().filter(|r| r.starts_with("mentions:")).count() > 1000);
    assert_eq!(
        local.len(),
        merged.len(),
        "{:?}",
        differences(&local, &merged)
    );
    assert_eq!(local, merged, "{:?}", differences(&local, &merged));
}

/// Runs the CLI with `stdin` on standard input; returns exit code, stdout
/// and stderr.
fn run_with_input(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env_remove("PARALLAX_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parallax");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_filter_writes_one_line_per_record_and_goes_on_after_a_bad_one() {
    let input = format!(
        "{}\nnot json\n\n{}",
        fixtures::SHOOTINGS_JSONL.lines().next().unwrap_or(""),
        fixtures::SHOOTINGS_JSONL.lines().nth(1).unwrap_or(""),
    );
    let (code, stdout, stderr) =
        run_with_input(&["extract", "--stdin-jsonl", "--path", "in.jsonl"], &input);
    assert_eq!(code, Some(1), "{stderr}");
    let lines: Vec<ExtractedLine> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a filter line"))
        .collect();
    let summary: Vec<(String, Option<u64>)> = lines
        .iter()
        .map(|line| match line {
            ExtractedLine::Extracted(a) => (format!("extracted {}", a.external_id), a.origin.line),
            ExtractedLine::Failed(f) => (format!("failed: {}", f.error), f.origin.line),
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("extracted s1".to_string(), Some(1)),
            (
                "failed: malformed JSON: expected ident at line 1 column 2".to_string(),
                Some(2)
            ),
            ("extracted s2".to_string(), Some(4)),
        ]
    );
    let ExtractedLine::Extracted(first) = &lines[0] else {
        panic!("first line extracted");
    };
    assert_eq!(
        first.extraction.version,
        parallax::extract::items::EXTRACTOR_VERSION
    );
    assert_eq!(first.signature.len(), 128);
    assert!(
        first
            .blocking_keys
            .iter()
            .filter(|k| k.starts_with("band:"))
            .count()
            == 32
    );
    assert!(first.extraction.anchors().count() > 3);
    // Deterministic: the same input gives the same bytes.
    let (_, again, _) = run_with_input(&["extract", "--stdin-jsonl", "--path", "in.jsonl"], &input);
    assert_eq!(stdout, again);
    // An envelope carries each record's own file and line.
    let envelope = format!(
        "{}\n",
        serde_json::json!({
            "path": "a/b.jsonl",
            "line": 41,
            "record": fixtures::SHOOTINGS_JSONL.lines().next().unwrap_or(""),
        })
    );
    let (code, stdout, _) = run_with_input(&["extract", "--stdin-jsonl", "--envelope"], &envelope);
    assert_eq!(code, Some(0));
    let line: ExtractedLine = serde_json::from_str(stdout.trim()).expect("a filter line");
    let ExtractedLine::Extracted(article) = line else {
        panic!("extracted");
    };
    assert_eq!(
        (article.origin.path.as_str(), article.origin.line),
        ("a/b.jsonl", Some(41))
    );
}

#[test]
fn the_merge_refuses_a_line_whose_extraction_does_not_check_out() {
    let scratch = Scratch::new();
    let good = filtered(fixtures::SHOOTINGS_JSONL, "in.jsonl");
    let mut lines: Vec<serde_json::Value> = good
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    // Line 1: a span moved off its text. Line 2: another extractor version.
    let kind = ["entities", "dates", "figures", "events"]
        .into_iter()
        .find(|kind| {
            lines[0]["extraction"][kind]
                .as_array()
                .is_some_and(|items| !items.is_empty())
        })
        .expect("the fixture has extracted items");
    let item = &mut lines[0]["extraction"][kind][0];
    item["start"] = serde_json::json!(item["start"].as_u64().unwrap_or(0) + 1);
    lines[1]["extraction"]["extractor_version"] = serde_json::json!(1);
    let tampered: String = lines
        .iter()
        .map(|l| format!("{l}\n"))
        .chain(["{\"status\": \"extracted\"}\n".to_string()])
        .chain([good
            .lines()
            .nth(1)
            .map(|l| format!("{l}\n"))
            .unwrap_or_default()])
        .collect();
    let file = scratch.write("tampered.jsonl", tampered);
    let db = scratch.db();
    let (report, out) = parallax_json(&[
        "--db",
        db.to_str().expect("path"),
        "import",
        "--extracted",
        file.to_str().expect("path"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(report["imported"], 1, "the good line is merged: {report}");
    let failed: Vec<(u64, String)> = report["failed"]
        .as_array()
        .expect("failures")
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["error"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert_eq!(failed[0].0, 1);
    assert!(
        failed[0].1.starts_with("1 span not holding its text: "),
        "{}",
        failed[0].1
    );
    assert_eq!(failed[1].0, 2);
    assert!(
        failed[1]
            .1
            .starts_with("extracted by extractor version 1; this build's is "),
        "{}",
        failed[1].1
    );
    assert_eq!(failed[2].0, 3);
    assert!(
        failed[2]
            .1
            .starts_with("not a line of `parallax extract --stdin-jsonl` output: missing field"),
        "{}",
        failed[2].1
    );
    // What was merged is sound.
    let (verified, _) = parallax_json(&["--db", db.to_str().expect("path"), "verify", "--json"]);
    assert_eq!(verified["ok"], true);
}
