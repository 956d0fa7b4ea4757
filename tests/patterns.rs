//! Comparison patterns as data: each file in `tests/compare-patterns/` holds
//! a few invented reports of one event (outlet, date, text) and the
//! findings a reader expects of them — and the findings that must not be
//! reported. The reports go through the real import, extraction and
//! comparison; the findings are read the way `parallax eval compare`
//! reads them (section, status, passages).
//!
//! A case file:
//! ```json
//! { "pattern": "what the case shows",
//!   "articles": [{"source": "…", "published": "2024-05-06", "text": "…"}],
//!   "expect": [{"section": "figures", "status": "agreed", "passages": ["two people"]}],
//!   "never":  [{"status": "conflict"}] }
//! ```
//! An expected finding is found when one reported item of that section and
//! status has a span covering each of its passages (in any article); a
//! `never` entry fails the case when any reported item has its status (and
//! its section, and covers its passages, when given).

use std::path::Path;

use parallax::Store;
use parallax::eval::compare::{Reported, reported_items};
use parallax::stories::{self, FixedGroup};
use serde::Deserialize;

use crate::common::{Scratch, import_paths};

#[derive(Debug, Deserialize)]
struct Case {
    pattern: String,
    articles: Vec<serde_json::Value>,
    #[serde(default)]
    expect: Vec<Finding>,
    #[serde(default)]
    never: Vec<Finding>,
}

#[derive(Debug, Deserialize)]
struct Finding {
    #[serde(default)]
    section: Option<String>,
    status: String,
    #[serde(default)]
    passages: Vec<String>,
}

/// The reported items of the case's articles compared as one story, with
/// each item's passages as text.
fn compare_case(name: &str, case: &Case) -> Vec<(Reported, Vec<String>)> {
    let scratch = Scratch::new();
    let lines: Vec<String> = case.articles.iter().map(|a| a.to_string()).collect();
    let file = scratch.write("reports.jsonl", lines.join("\n"));
    let mut store = Store::open(&scratch.db()).expect("open archive");
    let report = import_paths(&mut store, &[Path::new(&file)]);
    assert_eq!(
        report.imported as usize,
        case.articles.len(),
        "{name}: import"
    );
    let documents = store.article_views(None).expect("articles");
    let members: Vec<i64> = documents.iter().map(|d| d.id).collect();
    let drafts = stories::group_fixed(
        &documents,
        &[FixedGroup {
            articles: members,
            pinned: true,
        }],
        stories::cluster::JOIN_THRESHOLD,
    );
    let draft = drafts
        .into_iter()
        .find(|d| d.summary.articles.len() > 1)
        .unwrap_or_else(|| panic!("{name}: the reports did not form one story"));
    let comparison = parallax::compare::compare(&draft.summary, &documents);
    reported_items(&comparison)
        .into_iter()
        .map(|item| {
            let texts = item
                .spans
                .iter()
                .map(|&(article, start, end)| {
                    let document = documents.iter().find(|d| d.id == article).expect("article");
                    parallax::compare::char_slice(&document.text, start, end)
                })
                .collect();
            (item, texts)
        })
        .collect()
}

fn matches(finding: &Finding, item: &Reported, texts: &[String]) -> bool {
    finding.section.as_deref().is_none_or(|s| s == item.section)
        && finding.status == item.status
        && finding
            .passages
            .iter()
            .all(|p| texts.iter().any(|t| t.contains(p.as_str())))
}

#[test]
fn comparison_patterns_read_as_data() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compare-patterns");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("patterns folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "one case file per pattern at least");
    let mut failures = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let case: Case = serde_json::from_str(&std::fs::read_to_string(file).expect("read"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let items = compare_case(&name, &case);
        let describe = || {
            items
                .iter()
                .map(|(i, t)| format!("  {} {} {}: {:?}", i.section, i.status, i.subject, t))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for finding in &case.expect {
            if !items.iter().any(|(i, t)| matches(finding, i, t)) {
                failures.push(format!(
                    "{name} ({}): expected {finding:?}, reported:\n{}",
                    case.pattern,
                    describe()
                ));
            }
        }
        for finding in &case.never {
            if let Some((item, texts)) = items.iter().find(|(i, t)| matches(finding, i, t)) {
                failures.push(format!(
                    "{name} ({}): must not report {finding:?}, reported {} {} {}: {texts:?}",
                    case.pattern, item.section, item.status, item.subject
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
