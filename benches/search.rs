//! Search and browsing with criterion: each query class of issue 16 (rare,
//! common, phrase, prefix, NEAR, OR, with an outlet and with dates), the
//! Library's first page and a page by token, and facet counts, over an
//! in-memory archive of `PARALLAX_BENCH_ARTICLES` articles (default 10,000)
//! made from `../shared/corpus/gva-dev/articles.jsonl` by the synthetic
//! transformation when it is there, else from generated text. `parallax
//! bench scale --articles N` measures the same on a file archive of any
//! size, from the CLI too.

use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use parallax::Store;
use parallax::ingest::{self, ImportOptions, Input};
use parallax::search::{SearchQuery, search};
use parallax::store::{ArticleFilter, ArticleSort, PageToken};
use parallax::stories::synthetic;

/// Records of gva-dev copied by the synthetic transformation (names and
/// rare words rewritten per copy, dates moved), or generated ones.
fn records(count: usize) -> Vec<u8> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/gva-dev/articles.jsonl"
    ));
    let originals: Vec<serde_json::Value> = std::fs::read_to_string(&path)
        .map(|text| {
            text.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default();
    let mut out = String::new();
    if originals.is_empty() {
        for i in 0..count {
            let text = format!(
                "Police said {} was shot near {} on Tuesday; the victim was taken to hospital and the police are looking for a {} car.",
                synthetic::pseudo_word("name", i),
                synthetic::pseudo_word("street", i),
                synthetic::pseudo_word("colour", i % 50)
            );
            out.push_str(&serde_json::json!({"id": format!("g{i}"), "source": format!("outlet{}.example", i % 40), "published": "2020-03-01", "text": text}).to_string());
            out.push('\n');
        }
        return out.into_bytes();
    }
    let rare = synthetic::rare_words_of(originals.iter().filter_map(|r| r["text"].as_str()));
    for i in 0..count {
        let (copy, original) = (i / originals.len(), &originals[i % originals.len()]);
        let field = |name: &str| original[name].as_str().unwrap_or_default();
        let published = NaiveDate::parse_from_str(field("published"), "%Y-%m-%d")
            .ok()
            .map(|d| synthetic::shift_within(d, copy, 3653).to_string());
        let record = serde_json::json!({
            "id": format!("{}#{copy}", field("id")),
            "source": field("source"),
            "title": synthetic::rewrite_with(field("title"), copy, &rare),
            "published": published,
            "text": synthetic::rewrite_with(field("text"), copy, &rare),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

fn archive() -> Store {
    let count = std::env::var("PARALLAX_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let mut store = Store::open_in_memory().expect("store");
    let options = ImportOptions {
        max_file_bytes: u64::MAX,
        extract: false,
        ..ImportOptions::new("2000-01-01T00:00:00Z")
    };
    let inputs = [Input::Bytes {
        name: "articles.jsonl".into(),
        bytes: records(count),
    }];
    ingest::import(
        &mut store,
        &inputs,
        &options,
        &mut |_| {},
        &Default::default(),
    )
    .expect("import");
    store
}

fn browsing(c: &mut Criterion) {
    let store = archive();
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let outlet = ArticleFilter {
        sources: vec!["dnainfo.com".into()],
        ..ArticleFilter::default()
    };
    let dates = ArticleFilter {
        from: day("2020-01-01"),
        to: day("2020-06-30"),
        ..ArticleFilter::default()
    };
    let classes = [
        ("rare", "tournament", ArticleFilter::default()),
        ("common", "police", ArticleFilter::default()),
        ("phrase", "\"police said\"", ArticleFilter::default()),
        ("prefix", "shoot*", ArticleFilter::default()),
        ("near", "NEAR(police hospital, 5)", ArticleFilter::default()),
        ("or", "wounded OR injured", ArticleFilter::default()),
        ("common-outlet", "police", outlet.clone()),
        ("common-dates", "police", dates.clone()),
    ];
    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    for (name, query, filter) in classes {
        let request = SearchQuery {
            query: query.into(),
            filter,
            offset: 0,
            limit: 20,
        };
        group.bench_function(name, |b| {
            b.iter(|| search(&store, &request).expect("search"))
        });
    }
    group.finish();

    let all = ArticleFilter::default();
    let mut group = c.benchmark_group("library");
    group.sample_size(20);
    group.bench_function("first-page", |b| {
        b.iter(|| {
            store
                .articles_page(&all, ArticleSort::Published, None, 0, 100)
                .expect("page")
        })
    });
    let middle = store.article_count().expect("count") / 2;
    let before = store
        .articles(&all, ArticleSort::Published, middle, 1)
        .expect("page");
    let token = before
        .next
        .as_deref()
        .map(|t| PageToken::decode(t).expect("token"));
    group.bench_function("middle-page-by-token", |b| {
        b.iter(|| {
            store
                .articles_page(&all, ArticleSort::Published, token.as_ref(), middle, 100)
                .expect("page")
        })
    });
    group.finish();

    let mut group = c.benchmark_group("facets");
    group.sample_size(20);
    for (name, filter) in [
        ("archive", all.clone()),
        ("outlet", outlet),
        ("dates", dates),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| parallax::views::facets(&store, &filter, None).expect("facets"))
        });
    }
    group.finish();
}

criterion_group!(benches, browsing);
criterion_main!(benches);
