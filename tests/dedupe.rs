//! Integration tests: exact duplicates are recorded, near-duplicates linked.

use parallax::Store;

use crate::common::{Scratch, import_paths};

const WIRE: &str = "Heavy rain flooded the lower town on Thursday, forcing about 300 residents from their homes, the mayor said. Fire crews rescued an elderly couple whose car was trapped on the bridge road, and pumps worked through the night to clear cellars. Forecasters expect more rain at the weekend and kept the flood warning in place for the valley until Sunday evening, when the river is expected to peak at its highest level in twenty years.";

#[test]
fn exact_duplicates_are_occurrences_not_articles() {
    let scratch = Scratch::new();
    let a = scratch.write("a/story.txt", format!("Floods\n\n{WIRE}"));
    // Same text with different spacing, curly quotes and case is the same article.
    let b = scratch.write(
        "b/copy.txt",
        format!(
            "Valley floods\n\n  {}",
            WIRE.replace("the mayor said", "the  mayor  said")
        ),
    );
    let mut store = Store::open(&scratch.db()).expect("open");
    let first = import_paths(&mut store, &[&a]);
    let second = import_paths(&mut store, &[&b]);
    assert_eq!(
        (first.imported, second.imported, second.duplicates),
        (1, 0, 1)
    );
    assert_eq!(second.duplicate_of[0].external_id, "story");
    assert!(second.duplicate_of[0].at.path.ends_with("b/copy.txt"));
    let occurrences = store.occurrences(1).expect("occurrences");
    assert_eq!(occurrences.len(), 2);
    assert!(!occurrences[0].duplicate && occurrences[1].duplicate);
    // Re-importing the same inputs adds nothing at all.
    let again = import_paths(&mut store, &[&a, &b]);
    assert_eq!((again.imported, again.duplicates), (0, 2));
    assert_eq!(store.occurrences(1).expect("occurrences").len(), 2);
}

#[test]
fn syndicated_copies_are_linked_never_dropped() {
    let scratch = Scratch::new();
    let original = scratch.write("wire.txt", format!("Floods hit valley\n\n{WIRE}"));
    let edited = scratch.write(
        "local.txt",
        format!(
            "Lower town under water\n\nBy Staff\n\n{}\n\nSign up for our morning newsletter.",
            WIRE.replace("about 300", "nearly 300")
                .replace("on Thursday", "overnight")
        ),
    );
    let unrelated = scratch.write("other.txt", "Council vote\n\nThe city council voted on Tuesday to add bicycle lanes to the main street and to raise parking fees downtown from next spring.");
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[&original, &edited, &unrelated]);
    assert_eq!(report.imported, 3);
    assert_eq!(
        report.near_duplicates, 1,
        "{:?}",
        report.near_duplicate_links
    );
    let links = store.near_duplicates(1).expect("links");
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].0.title.as_deref(), Some("Lower town under water"));
    assert!(links[0].1 >= 0.5 && links[0].1 < 1.0, "{}", links[0].1);
    assert!(store.near_duplicates(3).expect("links").is_empty());
}

/// A wire story run word for word by two outlets is two reports (each
/// outlet covered the event), and one notice standing in for the text of
/// two pages with different headlines is two pages; only the same report
/// again is a duplicate.
#[test]
fn the_same_text_from_another_outlet_or_under_another_headline_is_a_report_of_its_own() {
    let record = |id: &str, source: &str, title: &str, text: &str| {
        serde_json::json!({"id": id, "source": source, "title": title, "published": "2024-06-01", "text": text}).to_string()
    };
    let notice = "Already a subscriber? Sign in to keep reading, or start a free trial today to get unlimited access to local news.";
    let lines = [
        record(
            "w1",
            "riverside-news.example.com",
            "Floods hit valley",
            WIRE,
        ),
        record(
            "w2",
            "hilltop-times.example.org",
            "Valley homes flooded",
            WIRE,
        ),
        record(
            "n1",
            "riverside-news.example.com",
            "Bridge reopens after repairs",
            notice,
        ),
        record(
            "n2",
            "riverside-news.example.com",
            "School board elects new chair",
            notice,
        ),
        // The first report again, under a new id: a duplicate.
        record(
            "w1-copy",
            "riverside-news.example.com",
            "Floods hit valley",
            WIRE,
        ),
    ];
    let scratch = Scratch::new();
    let file = scratch.write("records.jsonl", lines.join("\n"));
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[&file]);
    assert_eq!((report.imported, report.duplicates), (4, 1));
    assert_eq!(report.duplicate_of[0].external_id, "w1");
    let links = store.near_duplicates(1).expect("links");
    assert_eq!(
        links.iter().map(|(a, s)| (a.id, *s)).collect::<Vec<_>>(),
        vec![(2, 1.0)]
    );
    let again = import_paths(&mut store, &[&file]);
    assert_eq!((again.imported, again.duplicates), (0, 5));
}
