//! The import bench's corpus: a gva-style `articles.jsonl` made larger by
//! the stories bench's transformation (`parallax::stories::synthetic`).
//!
//! Copy `k` of every record is the same report of another event: its
//! capitalised words and its rare words (in at most 1% of the originals)
//! are replaced by copy-specific pseudo-words, its date moves `k × 400`
//! days, and its id and URL carry `#k`. Records are taken copy by copy
//! until there are as many as asked for (4,816, the held-out split's size,
//! is three copies of gva-dev's 1,479 and the first 379 of a fourth).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use parallax::Error;
use parallax::stories::synthetic;
use serde_json::{Value, json};

/// Writes `count` records made from the gva-style `source` JSONL to
/// `target`; returns how many were written.
pub fn build(source: &Path, target: &Path, count: usize) -> Result<usize, Error> {
    let text = std::fs::read_to_string(source).map_err(|e| Error::io(source, e))?;
    let originals: Vec<Value> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .collect();
    if originals.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{} holds no JSON records",
            source.display()
        )));
    }
    let rare = synthetic::rare_words_of(originals.iter().filter_map(|r| r["text"].as_str()));
    let file = std::fs::File::create(target).map_err(|e| Error::io(target, e))?;
    let mut out = std::io::BufWriter::new(file);
    let mut written = 0;
    'copies: for copy in 0.. {
        for original in &originals {
            if written == count {
                break 'copies;
            }
            let record = copy_of(original, copy, &rare);
            writeln!(out, "{record}").map_err(|e| Error::io(target, e))?;
            written += 1;
        }
    }
    out.flush().map_err(|e| Error::io(target, e))?;
    Ok(written)
}

fn copy_of(original: &Value, copy: usize, rare: &std::collections::HashSet<String>) -> Value {
    let text = |field: &str| original[field].as_str().unwrap_or_default();
    let tagged = |value: &str| {
        if copy == 0 {
            value.to_string()
        } else {
            format!("{value}#{copy}")
        }
    };
    let published = NaiveDate::parse_from_str(text("published"), "%Y-%m-%d")
        .ok()
        .map(|d| synthetic::shift(d, copy).to_string());
    json!({
        "id": tagged(text("id")),
        "url": tagged(text("url")),
        "source": text("source"),
        "title": synthetic::rewrite_with(text("title"), copy, rare),
        "published": published,
        "text": synthetic::rewrite_with(text("text"), copy, rare),
    })
}
