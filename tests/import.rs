//! Integration tests: importing the layouts and formats of the archive core,
//! and rejecting bad input without losing the rest.

use parallax::Store;
use parallax::ingest::{self, ImportOptions, Input};

use crate::common::{NOW, Scratch, fixtures, import_paths, options};

#[test]
fn text_layouts_give_titles_dates_and_bodies() {
    let scratch = Scratch::new();
    let dir = scratch.path("in");
    scratch.write("in/000_strikes.txt", fixtures::STRIKES_TXT);
    scratch.write("in/001_titled.txt", fixtures::STRIKES_TITLED_TXT);
    scratch.write("in/002_layout.txt", "Shooting on Elm Street\ndate 2016-05-02\nTwo men were wounded in a shooting on Elm Street late Sunday.");
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[&dir]);
    assert_eq!((report.imported, report.failed.len()), (3, 0), "{report:?}");

    let seeds = store.find_article("000_strikes").expect("by stem");
    assert_eq!(
        seeds.published.map(|d| d.to_string()).as_deref(),
        Some("2024-03-05")
    );
    assert!(
        seeds
            .text
            .starts_with("Navy vessels struck four radar sites"),
        "{}",
        seeds.text
    );
    assert_eq!(seeds.title, None);

    let titled = store.find_article("001_titled").expect("by stem");
    assert_eq!(
        titled.title.as_deref(),
        Some("Navy strikes coastal radar sites after missile attack")
    );
    assert!(titled.text.starts_with("Port Aurel: Navy vessels"));
    assert_eq!(titled.published, None, "no date is invented");

    let layout = store.find_article("002_layout").expect("by stem");
    assert_eq!(layout.title.as_deref(), Some("Shooting on Elm Street"));
    assert_eq!(
        layout.published.map(|d| d.to_string()).as_deref(),
        Some("2016-05-02")
    );
}

#[test]
fn html_page_gives_main_text_and_metadata() {
    let scratch = Scratch::new();
    let file = scratch.write("page.html", fixtures::FLOOD_HTML);
    let mut store = Store::open(&scratch.db()).expect("open");
    assert_eq!(import_paths(&mut store, &[&file]).imported, 1);
    let a = store.article(1).expect("article");
    assert_eq!(a.title.as_deref(), Some("River floods the old town"));
    assert_eq!(a.source.as_deref(), Some("Valley Courier"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://valleycourier.example/news/river-floods-old-town")
    );
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2022-07-14")
    );
    assert!(a.text.contains("about 300 residents"));
    assert!(
        !a.text.contains("newsletter") && !a.text.contains("Menu"),
        "{}",
        a.text
    );
    assert_eq!(a.language.as_deref(), Some("en"));
}

#[test]
fn records_map_fields_and_outlets_come_from_domains() {
    let scratch = Scratch::new();
    let jsonl = scratch.write("a.jsonl", fixtures::SHOOTINGS_JSONL);
    let csv = scratch.write("b.csv", "headline,body,outlet,publish_date,author,mood\n\"Bridge closed\",\"The old bridge was closed on Friday after inspectors found cracks.\",Valley Courier,2021-03-05,Ann Lee,grim\n");
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[&jsonl, &csv]);
    assert_eq!(report.imported, 3);
    assert_eq!(
        report.warnings.len(),
        1,
        "unknown CSV column reported: {:?}",
        report.warnings
    );
    assert!(report.warnings[0].message.contains("mood"));
    let s1 = store.find_article("s1").expect("s1");
    assert_eq!(s1.source.as_deref(), Some("northgate-news.example"));
    assert_eq!(
        s1.published.map(|d| d.to_string()).as_deref(),
        Some("2016-05-02")
    );
    let csv_article = store
        .find_article("b:2")
        .expect("csv record id falls back to stem:line");
    assert_eq!(
        (
            csv_article.title.as_deref(),
            csv_article.source.as_deref(),
            csv_article.author.as_deref()
        ),
        (
            Some("Bridge closed"),
            Some("Valley Courier"),
            Some("Ann Lee")
        )
    );
}

#[test]
fn source_override_and_stdin_bytes() {
    let scratch = Scratch::new();
    let mut store = Store::open(&scratch.db()).expect("open");
    let options = ImportOptions {
        source: Some("Clippings box".into()),
        ..options()
    };
    let inputs = [Input::Bytes {
        name: "<stdin>".into(),
        bytes: fixtures::STRIKES_TITLED_TXT.as_bytes().to_vec(),
    }];
    let report = ingest::import(
        &mut store,
        &inputs,
        &options,
        &mut |_| {},
        &Default::default(),
    )
    .expect("import");
    assert_eq!(report.imported, 1);
    assert_eq!(
        store.article(1).expect("a").source.as_deref(),
        Some("Clippings box")
    );
}

#[test]
fn encodings_are_detected() {
    let scratch = Scratch::new();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Café owners protest\n\nThe café owners of the square protested on Monday against the new parking rules.".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    scratch.write("in/utf16.txt", utf16);
    scratch.write(
        "in/cp1252.txt",
        b"The caf\xe9 owners said \x93we will stay open\x94 despite the new rules for the square.",
    );
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[&scratch.path("in")]);
    assert_eq!((report.imported, report.failed.len()), (2, 0), "{report:?}");
    let texts: Vec<String> = (1..=2)
        .map(|id| store.article(id).expect("a").text)
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("“we will stay open”")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("The café owners of the square")),
        "{texts:?}"
    );
}

#[test]
fn bad_inputs_are_rejected_by_name_and_line_while_the_rest_imports() {
    let scratch = Scratch::new();
    let dir = scratch.path("mixed");
    scratch.write("mixed/good.txt", fixtures::STRIKES_TXT);
    scratch.write("mixed/empty.txt", "");
    scratch.write("mixed/blank.md", "  \n\n ");
    scratch.write(
        "mixed/image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    scratch.write("mixed/nul.txt", b"abc\0\0\0def ghi");
    scratch.write(
        "mixed/bad-utf8.txt",
        "Caf\u{e9} owners protest on Monday against rules. "
            .as_bytes()
            .iter()
            .copied()
            .chain([0xC3, 0x28, b'x'])
            .collect::<Vec<u8>>(),
    );
    scratch.write("mixed/records.jsonl", format!("{}\n{{\"id\": \"x\", \"text\": \"broken\n{{\"id\": \"notext\", \"url\": \"https://a.example/x\"}}\n", fixtures::SHOOTINGS_JSONL.lines().next().unwrap_or("")));
    scratch.write("mixed/notext.csv", "id,title\n1,Only a title\n");
    scratch.write(
        "mixed/nothing.html",
        "<html><body><nav>Home</nav></body></html>",
    );
    scratch.write("mixed/big.txt", "word ".repeat(300_000));
    let mut store = Store::open(&scratch.db()).expect("open");
    let options = ImportOptions {
        max_file_bytes: 1024 * 1024,
        ..options()
    };
    let report = ingest::import(
        &mut store,
        &[
            Input::Path(dir.clone()),
            Input::Path(scratch.path("missing.txt")),
        ],
        &options,
        &mut |_| {},
        &Default::default(),
    )
    .expect("import");
    assert_eq!(report.imported, 2, "{report:#?}");
    let reason = |name: &str| -> String {
        report
            .failed
            .iter()
            .filter(|f| f.at.path.ends_with(name))
            .map(|f| format!("{}:{}", f.at.line.unwrap_or(0), f.error))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert_eq!(reason("empty.txt"), "0:empty file");
    assert_eq!(reason("blank.md"), "0:empty file");
    assert!(
        reason("image.png").contains("binary file (image/png)"),
        "{}",
        reason("image.png")
    );
    assert_eq!(reason("nul.txt"), "0:binary file");
    assert_eq!(reason("bad-utf8.txt"), "0:invalid UTF-8 at byte 46");
    assert!(
        reason("records.jsonl").starts_with("2:malformed JSON"),
        "{}",
        reason("records.jsonl")
    );
    assert!(
        reason("records.jsonl").contains("3:record has no text"),
        "{}",
        reason("records.jsonl")
    );
    assert!(
        reason("notext.csv").starts_with("1:CSV has no text column"),
        "{}",
        reason("notext.csv")
    );
    assert_eq!(
        reason("nothing.html"),
        "0:no article text found in HTML page"
    );
    assert!(
        reason("big.txt").contains("over the 1 MB limit"),
        "{}",
        reason("big.txt")
    );
    assert_eq!(reason("missing.txt"), "0:no such file or folder");
    assert_eq!(report.failed.len(), 11, "{:#?}", report.failed);
    // The failures are recorded in the import history too.
    assert_eq!(store.batch_errors(report.batch).expect("errors").len(), 11);
    assert_eq!(
        store.integrity_check().expect("check"),
        vec!["ok".to_string()]
    );
}

#[test]
fn an_interrupted_import_leaves_whole_articles_and_a_rerun_completes_it() {
    let scratch = Scratch::new();
    let dir = scratch.path("in");
    for i in 0..6 {
        scratch.write(&format!("in/{i}.txt"), format!("Report {i}\n\nCouncil meeting number {i} approved the budget for road number {i} after a long debate on Tuesday."));
    }
    let mut store = Store::open(&scratch.db()).expect("open");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut seen = 0;
    let report = ingest::import(
        &mut store,
        &[Input::Path(dir.clone())],
        &options(),
        &mut |p| {
            seen = p.files_done;
            if p.files_done == 3 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .expect("import");
    assert!(report.cancelled);
    assert_eq!(report.imported, 3, "seen {seen}");
    let batches = store.batches(5).expect("batches");
    assert_eq!(batches[0].status, "cancelled");
    let rerun = import_paths(&mut store, &[&dir]);
    assert_eq!((rerun.imported, rerun.duplicates), (3, 3));
    assert_eq!(store.stats().expect("stats").articles, 6);
    let _ = NOW;
}

/// Issue 16: extraction runs on every core, and the archive must not
/// depend on how many: the same input gives the same rows, ids and order
/// with one worker or several (export, near-duplicate links, entities,
/// stories and the report all equal).
#[test]
fn issue_16_the_archive_is_the_same_whatever_the_number_of_workers() {
    use std::num::NonZeroUsize;

    use parallax::export::{ExportFormat, export};
    use parallax::ingest::{Safeguards, Tuning};

    let places = ["Elm Street", "Dover Road", "Mill Lane", "Harbor Way"];
    let outlets = [
        "northgate-news.example",
        "harbor-daily.example",
        "valley-courier.example",
    ];
    let mut corpus = String::new();
    for i in 0..48 {
        let place = places[i % places.len()];
        // Articles of very different lengths finish out of order on the
        // workers; repeats and near-copies exercise both kinds of dedupe.
        let extra = "Officers canvassed the neighborhood and asked anyone with video to call the tip line. "
            .repeat(1 + (i * 7) % 23);
        let text = match i % 6 {
            5 => format!(
                "Two men were wounded in a shooting on {place} late Sunday, police said. Both were taken to Mercy Hospital in stable condition. {extra}"
            ),
            4 => format!(
                "Police said Officer Dana Ruiz fired at a man who drove at officers on {place} on May {}, 2016. {extra}The man, 34, was charged with assault.",
                1 + i % 28
            ),
            _ => format!(
                "A {}-year-old woman was killed and {} people were hurt when shots were fired on {place} on Saturday night, Chief Alan Park said. {extra}",
                20 + i,
                1 + i % 5
            ),
        };
        let record = serde_json::json!({
            "id": format!("a{i}"),
            "source": outlets[i % outlets.len()],
            "title": format!("Shooting on {place}"),
            "published": format!("2016-05-{:02}", 1 + i % 28),
            "text": text,
        });
        corpus.push_str(&record.to_string());
        corpus.push('\n');
        if i % 11 == 0 {
            // The same report again: an occurrence, not a new article.
            corpus.push_str(&record.to_string());
            corpus.push('\n');
        }
    }
    let archive_with = |workers: usize| {
        let mut store = Store::open_in_memory().expect("store");
        let tuning = Tuning {
            workers: NonZeroUsize::new(workers),
            ..Tuning::default()
        };
        let report = ingest::import_tuned(
            &mut store,
            &[Input::Bytes {
                name: "corpus.jsonl".into(),
                bytes: corpus.clone().into_bytes(),
            }],
            &options(),
            &Safeguards::default(),
            &tuning,
            &mut |_| {},
            &Default::default(),
        )
        .expect("import");
        let stories = parallax::app::update_stories(&mut store, false).expect("stories");
        for story in &stories {
            // One story read alone is the one in the list (compare reads
            // it alone).
            assert_eq!(&store.story(story.id).expect("story"), story);
        }
        let mut exported = Vec::new();
        export(&store, ExportFormat::Jsonl, &mut exported).expect("export");
        let near: Vec<_> = report
            .article_ids
            .iter()
            .map(|id| store.near_duplicates(*id).expect("near duplicates"))
            .collect();
        let entities = store.entities(None, 10_000).expect("entities");
        (
            report,
            String::from_utf8(exported).expect("utf-8"),
            near,
            entities,
            stories,
        )
    };
    let one = archive_with(1);
    assert_eq!(one.0.imported, 48, "{:?}", one.0);
    assert_eq!(one.0.duplicates, 5);
    assert!(one.0.near_duplicates > 0, "the corpus has near-copies");
    assert!(!one.3.is_empty(), "articles were extracted");
    for workers in [2, 5] {
        let many = archive_with(workers);
        assert_eq!(one.0, many.0, "report with {workers} workers");
        assert_eq!(one.1, many.1, "export with {workers} workers");
        assert_eq!(one.2, many.2, "near-duplicates with {workers} workers");
        assert_eq!(one.3, many.3, "entities with {workers} workers");
        assert_eq!(one.4, many.4, "stories with {workers} workers");
    }
}

/// A store error in the middle of an import (here a trigger refusing one
/// article) leaves only whole articles: those before it, each with its
/// extraction and band keys, none of the refused one; the batch is
/// marked interrupted with its failures, and a rerun completes it.
#[test]
fn issue_16_a_store_error_leaves_only_whole_articles() {
    let scratch = Scratch::new();
    let mut corpus = String::new();
    for i in 0..4 {
        corpus.push_str(&serde_json::json!({"id": format!("ok{i}"), "source": "example.com", "title": format!("Council meeting {i}"), "text": format!("Council meeting number {i} approved the budget for road number {i} after a long debate on Tuesday in Springfield.")}).to_string());
        corpus.push('\n');
    }
    corpus.push_str("{not json\n");
    corpus.push_str(&serde_json::json!({"id": "poison", "source": "example.com", "title": "Poison", "text": "The storage layer refuses this particular article with an error."}).to_string());
    corpus.push('\n');
    let file = scratch.write("in/corpus.jsonl", &corpus);
    Store::open(&scratch.db()).expect("create");
    let sql = rusqlite::Connection::open(scratch.db()).expect("sqlite");
    sql.execute_batch(
        "CREATE TRIGGER poison BEFORE INSERT ON articles WHEN NEW.title = 'Poison'
         BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
    )
    .expect("trigger");
    let mut store = Store::open(&scratch.db()).expect("open");
    let result = ingest::import(
        &mut store,
        &[Input::Path(file.clone())],
        &options(),
        &mut |_| {},
        &Default::default(),
    );
    assert!(result.is_err(), "{result:?}");
    assert_eq!(store.stats().expect("stats").articles, 4);
    for i in 0..4 {
        let article = store
            .find_article(&format!("ok{i}"))
            .expect("whole article");
        assert!(store.extraction(article.id).expect("extraction").is_some());
    }
    let batch = &store.batches(1).expect("batches")[0];
    assert_eq!(batch.status, "interrupted");
    assert_eq!((batch.counts.imported, batch.counts.failed), (4, 1));
    assert_eq!(
        store.batch_errors(batch.id).expect("errors")[0].at.line,
        Some(5)
    );

    sql.execute_batch("DROP TRIGGER poison")
        .expect("drop trigger");
    let rerun = import_paths(&mut store, &[&file]);
    assert_eq!(
        (rerun.imported, rerun.duplicates, rerun.failed.len()),
        (1, 4, 1),
        "{rerun:?}"
    );
    assert_eq!(
        store.integrity_check().expect("integrity"),
        vec!["ok".to_string()]
    );
}
