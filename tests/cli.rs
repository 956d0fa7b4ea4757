//! Integration tests: the `parallax` command line, its JSON and exit codes.

use crate::common::{Scratch, fixtures, parallax, parallax_json};

#[test]
fn import_json_counts_and_reimport_reports_duplicates() {
    let scratch = Scratch::new();
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    scratch.write("in/a.txt", fixtures::STRIKES_TXT);
    scratch.write("in/b.jsonl", fixtures::SHOOTINGS_JSONL);
    let dir = scratch.path("in");
    let dir = dir.to_str().expect("utf-8 path");
    let (first, out) = parallax_json(&["--db", db, "import", dir, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        (
            first["imported"].as_u64(),
            first["duplicates"].as_u64(),
            first["near_duplicates"].as_u64()
        ),
        (Some(3), Some(0), Some(0))
    );
    assert_eq!(first["failed"].as_array().map(Vec::len), Some(0));
    let (second, out) = parallax_json(&["--db", db, "import", dir, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        (second["imported"].as_u64(), second["duplicates"].as_u64()),
        (Some(0), Some(3))
    );
    let names: Vec<&str> = second["duplicate_of"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["external_id"].as_str())
        .collect();
    assert_eq!(names, vec!["a", "s1", "s2"]);
}

#[test]
fn rejected_inputs_exit_1_and_are_listed() {
    let scratch = Scratch::new();
    let db = scratch.db();
    scratch.write("in/good.txt", fixtures::STRIKES_TXT);
    scratch.write(
        "in/binary.bin",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0",
    );
    scratch.write("in/empty.txt", "");
    scratch.write(
        "in/lines.jsonl",
        format!(
            "{}\n{{\"id\": 1, \"text\": \n",
            fixtures::SHOOTINGS_JSONL.lines().next().unwrap_or("")
        ),
    );
    let (report, out) = parallax_json(&[
        "--db",
        db.to_str().expect("path"),
        "import",
        scratch.path("in").to_str().expect("path"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(report["imported"].as_u64(), Some(2));
    let failed = report["failed"].as_array().expect("failed");
    assert_eq!(failed.len(), 3, "{failed:?}");
    let find = |name: &str| {
        failed
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .expect(name)
    };
    assert!(
        find("binary.bin")["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("binary file"))
    );
    assert_eq!(find("empty.txt")["error"].as_str(), Some("empty file"));
    assert_eq!(find("lines.jsonl")["line"].as_u64(), Some(2));
    assert!(
        find("empty.txt").get("line").is_none(),
        "line is omitted when unknown"
    );
}

#[test]
fn articles_show_search_sources_stats_have_json_twins() {
    let scratch = Scratch::new();
    let db = scratch.db();
    let db = db.to_str().expect("path");
    let file = scratch.write("d.jsonl", fixtures::SHOOTINGS_JSONL);
    assert_eq!(
        parallax(&["--db", db, "import", file.to_str().expect("path")])
            .status
            .code(),
        Some(0)
    );

    let (articles, _) = parallax_json(&["--db", db, "articles", "--json"]);
    assert_eq!(articles["total"].as_u64(), Some(2));
    let first = &articles["items"][0];
    for key in [
        "id",
        "external_id",
        "path",
        "source",
        "url",
        "title",
        "published",
        "language",
        "chars",
    ] {
        assert!(
            first.get(key).is_some(),
            "article JSON lacks {key}: {first}"
        );
    }
    assert_eq!(first["external_id"].as_str(), Some("s2"), "newest first");
    assert_eq!(first["published"].as_str(), Some("2016-05-03"));

    let (shown, out) = parallax_json(&["--db", db, "show", "s1", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(shown["source"].as_str(), Some("northgate-news.example"));
    assert!(
        shown["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Two men were wounded"))
    );
    assert_eq!(shown["occurrences"].as_array().map(Vec::len), Some(1));

    let (hits, _) = parallax_json(&["--db", db, "search", "gunman", "--json"]);
    assert_eq!(hits["total"].as_u64(), Some(1));
    assert!(
        hits["items"][0]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("<mark>gunman</mark>"))
    );

    let (sources, _) = parallax_json(&["--db", db, "sources", "--json"]);
    assert_eq!(sources.as_array().map(Vec::len), Some(2));
    let (stats, _) = parallax_json(&["--db", db, "stats", "--json"]);
    assert_eq!(stats["articles"].as_u64(), Some(2));

    let (missing, out) = parallax_json(&["--db", db, "show", "nope", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(missing["error"]["code"].as_str(), Some("not_found"));
}

#[test]
fn malformed_search_exits_2_with_a_clear_message() {
    let scratch = Scratch::new();
    let db = scratch.db();
    let out = parallax(&["--db", db.to_str().expect("path"), "search", "\"unbalanced"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid search query") && stderr.contains("unterminated string"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2_and_db_comes_from_the_environment() {
    assert_eq!(parallax(&["import"]).status.code(), Some(2));
    assert_eq!(
        parallax(&["search", "x", "--from", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    let scratch = Scratch::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["stats", "--json"])
        .env("PARALLAX_DB", scratch.path("env.db"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(scratch.path("env.db").exists());
}

#[test]
fn stdin_is_imported_with_dash() {
    use std::io::Write;
    let scratch = Scratch::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "--db",
            scratch.db().to_str().expect("path"),
            "import",
            "-",
            "--source",
            "Clippings",
            "--json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(fixtures::STRIKES_TITLED_TXT.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["imported"].as_u64(), Some(1));
}
