//! Import throughput (parse, validate, dedupe, store, FTS index) with
//! criterion. Uses `../shared/corpus/gva-dev/articles.jsonl` when it is
//! there, else a generated JSONL of similar size, so the bench always runs.
//! `parallax bench import PATH` reports the same figure on a file archive.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::Store;
use parallax::ingest::{self, ImportOptions, Input};

fn corpus() -> (String, Vec<u8>) {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/gva-dev/articles.jsonl"
    ));
    if let Ok(bytes) = std::fs::read(&path) {
        return ("gva-dev".into(), bytes);
    }
    let mut out = String::new();
    for i in 0..1500 {
        let text = format!(
            "Police said {i} people were hurt in a crash on Route {i} on Tuesday morning. Officers closed the road for {} hours while crews cleared the scene, and drivers were told to use the bypass. The county has recorded {} crashes on the road this year, the sheriff's office said in a statement.",
            i % 7 + 1,
            i * 3 % 97
        );
        out.push_str(&serde_json::json!({"id": format!("syn{i}"), "source": "example.com", "title": format!("Crash {i}"), "published": "2020-01-01", "text": text}).to_string());
        out.push('\n');
    }
    ("synthetic".into(), out.into_bytes())
}

fn import(c: &mut Criterion) {
    let (name, bytes) = corpus();
    let articles = bytes.iter().filter(|b| **b == b'\n').count() as u64;
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements(articles));
    group.bench_function(format!("jsonl/{name}"), |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().expect("store");
            let options = ImportOptions {
                max_file_bytes: u64::MAX,
                extract: false,
                ..ImportOptions::new("2000-01-01T00:00:00Z")
            };
            let safeguards = parallax::ingest::Safeguards {
                budget: parallax::ingest::Budget::unlimited(),
                pdf_worker: None,
            };
            let inputs = [Input::Bytes {
                name: "articles.jsonl".into(),
                bytes: bytes.clone(),
            }];
            ingest::import_guarded(
                &mut store,
                &inputs,
                &options,
                &safeguards,
                &mut |_| {},
                &AtomicBool::new(false),
            )
            .expect("import")
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
