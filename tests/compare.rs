//! Comparison of a stored story: figures, quotations, shared passages and
//! the Markdown report, on the invented fixture of `tests/stories.rs`.

use parallax::compare::Status;

use crate::common::{Scratch, parallax};
use crate::stories::archive;

#[test]
fn the_warehouse_story_is_compared_claim_by_claim() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let stories = parallax::app::update_stories(&mut store, false).expect("update");
    let story = stories
        .iter()
        .find(|s| s.articles == vec![1, 2, 3])
        .expect("story")
        .id;
    let comparison = parallax::app::compare_story(&store, story).expect("compare");
    let texts = store.article_views(Some(&[1, 2, 3])).expect("views");

    // Every passage points at its text.
    for claim in &comparison.claims {
        for v in &claim.variants {
            let article = texts.iter().find(|a| a.id == v.article).expect("article");
            let field = if v.field == parallax::extract::items::Field::Title {
                article.title.clone().unwrap_or_default()
            } else {
                article.text.clone()
            };
            assert_eq!(
                parallax::compare::char_slice(&field, v.start, v.end),
                v.text
            );
        }
    }
    let killed = comparison
        .claims
        .iter()
        .find(|c| c.subject.starts_with("killed"))
        .expect("killed claim");
    assert_ne!(killed.status, Status::Conflict);
    assert!(
        killed.variants.iter().any(|v| v.article == 1)
            && killed.variants.iter().any(|v| v.article == 2)
    );

    // The reworded quotation of the police chief.
    let quote = comparison
        .quotes
        .iter()
        .find(|q| q.variants.len() >= 2)
        .expect("shared quotation");
    assert_eq!(quote.status, "altered");
    assert!(quote.diff.as_deref().is_some_and(
        |d| d.contains("[-grateful-] {+thankful+}") || d.contains("[-thankful-] {+grateful+}")
    ));

    // The wire paragraph shared by the first two reports.
    let reuse = comparison
        .reuse
        .iter()
        .find(|r| r.articles == [1, 2])
        .expect("shared passage");
    let passage = &reuse.passages[0];
    // Extended as far as both texts agree: from "Lopez said." to the end of the paragraph.
    assert!(
        passage
            .text
            .starts_with("Lopez said.\nThe shooting happened at the Keller Freight warehouse")
    );
    assert!(
        passage
            .text
            .ends_with("argued with a supervisor the week before")
    );
    assert_eq!(passage.words, 40);
    let second = &texts[1].text;
    assert_eq!(
        parallax::compare::char_slice(second, passage.b_start, passage.b_end),
        parallax::compare::char_slice(&texts[0].text, passage.a_start, passage.a_end)
    );
    assert_eq!(reuse.direction, None);
    assert_eq!(reuse.wire, vec!["Reuters".to_string()]);
    assert!(!comparison.unique.is_empty());
}

#[test]
fn cli_compare_prints_json_and_markdown() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let id = parallax::app::update_stories(&mut store, false)
        .expect("update")
        .iter()
        .find(|s| s.articles.contains(&1))
        .expect("story")
        .id;
    drop(store);
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let id = id.to_string();
    let out = parallax(&["--db", db, "compare", &id, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "story", "articles", "claims", "quotes", "entities", "reuse", "when", "where", "unique",
        "summary",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    let out = parallax(&["--db", db, "compare", &id, "--md"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("## Summary of findings"));
    assert!(report.contains("## Shared passages"));
    let out = parallax(&["--db", db, "compare", "999", "--json"]);
    assert_eq!(out.status.code(), Some(2));
}
