//! Citations (issue 14) of the five reports of `tests/stories.rs`: CSL-JSON
//! items carry only fields the CSL-JSON schema allows, in their types;
//! BibTeX entries have balanced braces and one key each; RIS records are
//! lines of `XX  - value` from `TY` to `ER`; the CLI prints each format.

use std::collections::BTreeSet;

use parallax::citation::Format;

use crate::common::{Scratch, parallax, parallax_json};
use crate::stories::{FIXTURE, archive};

/// The item fields Parallax writes, all among the CSL-JSON schema's
/// (`schemas/input/csl-data.json`, which allows no others).
const CSL_FIELDS: &[&str] = &[
    "URL",
    "accessed",
    "archive",
    "archive_location",
    "author",
    "container-title",
    "id",
    "issued",
    "language",
    "title",
    "type",
];

fn is_date(value: &serde_json::Value) -> bool {
    let Some(parts) = value["date-parts"].as_array() else {
        return false;
    };
    value.as_object().is_some_and(|o| o.len() == 1)
        && (1..=2).contains(&parts.len())
        && parts.iter().all(|p| {
            p.as_array()
                .is_some_and(|p| (1..=3).contains(&p.len()) && p.iter().all(|n| n.is_i64()))
        })
}

#[test]
fn every_format_is_well_formed_for_the_five_reports() {
    let scratch = Scratch::new();
    let store = archive(&scratch);
    let ids = [1, 2, 3, 4, 5];

    let csl: serde_json::Value = serde_json::from_str(
        &parallax::research::cite(&store, &ids, Format::CslJson).expect("csl"),
    )
    .expect("CSL-JSON parses");
    let items = csl.as_array().expect("an array of items");
    assert_eq!(items.len(), 5);
    for item in items {
        let fields: BTreeSet<&str> = item
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert!(fields.iter().all(|f| CSL_FIELDS.contains(f)), "{fields:?}");
        assert_eq!(item["type"], "article-newspaper");
        assert!(item["id"].is_string() && item["title"].is_string());
        assert!(item["container-title"].is_string());
        assert!(
            is_date(&item["issued"]) && is_date(&item["accessed"]),
            "{item}"
        );
        assert!(
            item["archive_location"]
                .as_str()
                .is_some_and(|l| l.contains("reports.jsonl#"))
        );
    }
    let keys: BTreeSet<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(keys.len(), 5, "one key per article");

    let bibtex = parallax::research::cite(&store, &ids, Format::Bibtex).expect("bibtex");
    assert_eq!(bibtex.matches("@article{").count(), 5);
    let mut depth = 0i64;
    let mut previous = ' ';
    for c in bibtex.chars() {
        if previous != '\\' {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
        }
        assert!(depth >= 0, "a brace closes nothing");
        previous = c;
    }
    assert_eq!(depth, 0, "braces balance");
    assert!(bibtex.contains("  journaltitle = {ledger.example.com},"));
    assert!(bibtex.contains("  note = {Parallax archive: "), "{bibtex}");

    let ris = parallax::research::cite(&store, &ids, Format::Ris).expect("ris");
    let lines: Vec<&str> = ris.split_terminator("\r\n").collect();
    assert!(
        !ris.replace("\r\n", "").contains('\n'),
        "CR LF line ends only"
    );
    for line in &lines {
        let (tag, rest) = line.split_at(2);
        assert!(
            tag.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{line:?}"
        );
        assert!(rest.starts_with("  - "), "{line:?}");
    }
    assert_eq!(lines.iter().filter(|l| **l == "TY  - NEWS").count(), 5);
    assert_eq!(lines.iter().filter(|l| **l == "ER  - ").count(), 5);
    assert_eq!(lines.first(), Some(&"TY  - NEWS"));
    assert_eq!(lines.last(), Some(&"ER  - "));

    let chicago = parallax::research::cite_as_text(&store, 1).expect("chicago");
    assert!(
        chicago.starts_with(
            "ledger.example.com. 2024. “Three killed in Dayton warehouse shooting.” March 5, 2024."
        ),
        "{chicago}"
    );
}

#[test]
fn cli_cites_articles_a_collection_or_a_story() {
    let scratch = Scratch::new();
    let input = scratch.write("reports.jsonl", FIXTURE);
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    assert!(
        parallax(&["--db", db, "import", input.to_str().expect("utf-8")])
            .status
            .success()
    );
    let (cited, out) = parallax_json(&["--db", db, "cite", "--format", "ris", "a1", "4", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(cited["format"], "ris");
    assert_eq!(cited["articles"], serde_json::json!([1, 4]));
    assert!(
        cited["citation"]
            .as_str()
            .is_some_and(|c| c.starts_with("TY  - NEWS\r\n"))
    );
    let out = parallax(&["--db", db, "cite", "--format", "bibtex", "--story", "2"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("@article{").count(), 2, "{text}");
    assert!(
        parallax(&["--db", db, "collection", "add", "draft", "a3", "a1"])
            .status
            .success()
    );
    let out = parallax(&[
        "--db",
        db,
        "cite",
        "--format",
        "text",
        "--collection",
        "draft",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("Dayton mourns"), "{text}");
    let (refused, out) = parallax_json(&["--db", db, "cite", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(refused["error"]["code"], "invalid_argument");
}
