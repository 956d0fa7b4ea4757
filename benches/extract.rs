//! Extraction pipeline throughput (every stage, no database) with criterion,
//! over `../shared/corpus/gva-dev/articles.jsonl` when present, else over
//! generated news-like texts so the bench always runs.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::extract::pipeline::{self, Input};

struct Doc {
    title: Option<String>,
    text: String,
    published: Option<chrono::NaiveDate>,
}

fn corpus() -> (String, Vec<Doc>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/gva-dev/articles.jsonl"
    );
    if let Ok(text) = std::fs::read_to_string(path) {
        let docs = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| Doc {
                title: v["title"].as_str().map(str::to_string),
                text: v["text"].as_str().unwrap_or_default().to_string(),
                published: v["published"]
                    .as_str()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            })
            .collect();
        return ("gva-dev".into(), docs);
    }
    let docs = (0..500)
        .map(|i| Doc {
            title: Some(format!("{} hurt in shooting on Elm Street", i % 5 + 1)),
            text: format!(
                "Police said {} people were wounded in a shooting on Elm Street in Springfield, Ill., late Sunday. \"We are looking for the gunman,\" Police Chief Jane Porter said on Monday. Officers arrested a 19-year-old man on Tuesday, the department said in a statement.",
                i % 5 + 1
            ),
            published: chrono::NaiveDate::from_ymd_opt(2016, 5, 3),
        })
        .collect();
    ("synthetic".into(), docs)
}

fn extract(c: &mut Criterion) {
    let (name, docs) = corpus();
    // Build the gazetteer and lexicons once, outside the measurement.
    pipeline::run(&Input {
        title: None,
        text: "Warm-up in Chicago on Monday.",
        published: None,
        region_hint: None,
    });
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function(format!("pipeline/{name}"), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    pipeline::run(&Input {
                        title: d.title.as_deref(),
                        text: &d.text,
                        published: d.published,
                        region_hint: Some("US"),
                    })
                    .entities
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
