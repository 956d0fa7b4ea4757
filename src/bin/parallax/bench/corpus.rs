//! The import bench's corpus: a gva-style `articles.jsonl` made larger by
//! the stories bench's transformation (`parallax::stories::synthetic`).
//!
//! Copy `k` of every record is the same report of another event: its
//! capitalised words and its rare words (in at most 1% of the originals)
//! are replaced by copy-specific pseudo-words, its date moves `k × 400`
//! days, and its id and URL carry `#k`. Records are taken copy by copy
//! until there are as many as asked for (4,816, the held-out split's size,
//! is three copies of gva-dev's 1,479 and the first 379 of a fourth).
//!
//! The scale bench's corpus (`build_parts`) is the same transformation
//! with dates wrapped within ten years (`synthetic::shift_within`: a
//! hundred copies spread over 2013–2027, not over centuries), written in
//! files of [`RECORDS_PER_FILE`] records so that each stays under the
//! import's default size limit.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use parallax::Error;
use parallax::stories::synthetic;
use serde_json::{Value, json};

/// Writes `count` records made from the gva-style `source` JSONL to
/// `target`; returns how many were written.
pub fn build(source: &Path, target: &Path, count: usize) -> Result<usize, Error> {
    let originals = read_originals(source)?;
    let rare = synthetic::rare_words_of(originals.iter().filter_map(|r| r["text"].as_str()));
    let file = std::fs::File::create(target).map_err(|e| Error::io(target, e))?;
    let mut out = std::io::BufWriter::new(file);
    let mut written = 0;
    'copies: for copy in 0.. {
        for original in &originals {
            if written == count {
                break 'copies;
            }
            let record = copy_of(original, copy, &rare, synthetic::shift);
            writeln!(out, "{record}").map_err(|e| Error::io(target, e))?;
            written += 1;
        }
    }
    out.flush().map_err(|e| Error::io(target, e))?;
    Ok(written)
}

/// Records per file of the scale corpus (about 20 MB of gva-style JSONL).
pub const RECORDS_PER_FILE: usize = 10_000;

/// Days the scale corpus's dates are wrapped within (ten years).
const SCALE_WINDOW_DAYS: u64 = 3653;

/// Writes `count` records made from `source` into `folder` as
/// `part-NNNN.jsonl` files of [`RECORDS_PER_FILE`] records, dates wrapped
/// within ten years; returns the files.
pub fn build_parts(source: &Path, folder: &Path, count: usize) -> Result<Vec<PathBuf>, Error> {
    let originals = read_originals(source)?;
    let rare = synthetic::rare_words_of(originals.iter().filter_map(|r| r["text"].as_str()));
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    let wrapped = |date, copy| synthetic::shift_within(date, copy, SCALE_WINDOW_DAYS);
    let mut files = Vec::new();
    let mut out: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut written = 0;
    'copies: for copy in 0.. {
        for original in &originals {
            if written == count {
                break 'copies;
            }
            if written % RECORDS_PER_FILE == 0 {
                if let Some(mut full) = out.take() {
                    full.flush().map_err(|e| Error::io(folder, e))?;
                }
                let path = folder.join(format!("part-{:04}.jsonl", files.len()));
                let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
                out = Some(std::io::BufWriter::new(file));
                files.push(path);
            }
            let record = copy_of(original, copy, &rare, wrapped);
            if let Some(out) = out.as_mut() {
                writeln!(out, "{record}").map_err(|e| Error::io(folder, e))?;
            }
            written += 1;
        }
    }
    if let Some(mut last) = out.take() {
        last.flush().map_err(|e| Error::io(folder, e))?;
    }
    Ok(files)
}

fn read_originals(source: &Path) -> Result<Vec<Value>, Error> {
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
    Ok(originals)
}

fn copy_of(
    original: &Value,
    copy: usize,
    rare: &std::collections::HashSet<String>,
    shift: impl Fn(NaiveDate, usize) -> NaiveDate,
) -> Value {
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
        .map(|d| shift(d, copy).to_string());
    json!({
        "id": tagged(text("id")),
        "url": tagged(text("url")),
        "source": text("source"),
        "title": synthetic::rewrite_with(text("title"), copy, rare),
        "published": published,
        "text": synthetic::rewrite_with(text("text"), copy, rare),
    })
}
